// tests/consumers/vitest/msw.spec.js
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { createEmulator } from 'skimmer-activity-logs/emulator';
import { logCall, recentTitles } from './app.js';

const emulator = createEmulator();
const server = setupServer(
  // Every request to Skimmer goes to the emulator; a "drop" fault becomes a network error.
  http.all('https://publicapi.getskimmer.com/*', ({ request }) =>
    emulator.fetch(request).catch(() => Response.error())),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => emulator.reset());
afterAll(() => server.close());

test('the app\'s own fetch calls reach the emulator', async () => {
  expect(await recentTitles('cust-1001', 'demo-key')).toContain('Gate code reminder');
  await expect(recentTitles('cust-1001', 'wrong-key')).rejects.toThrow('Skimmer answered 401');
});

test('so do the client\'s, with no fetch option', async () => {
  const made = await logCall('cust-1003', 'Called about the filter', 'demo-key');
  expect(emulator.activities('cust-1003')).toContainEqual(made);
});

test('faults reach the app as they would from Skimmer', async () => {
  emulator.fault({ path: '/CustomerActivityLogs/cust-1002', drop: true });
  await expect(recentTitles('cust-1002', 'demo-key')).rejects.toThrow(TypeError);
});
