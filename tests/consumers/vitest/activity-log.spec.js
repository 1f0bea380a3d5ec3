// tests/consumers/vitest/activity-log.spec.js
import { beforeEach, expect, test } from 'vitest';
import { ActivityLogClient } from 'skimmer-activity-logs';
import { createEmulator } from 'skimmer-activity-logs/emulator';

const emulator = createEmulator();
const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: emulator.fetch });

beforeEach(() => emulator.reset());

test('a call is added to the customer\'s log', async () => {
  const made = await client.create('cust-1001', { type: 'Call', title: 'Called about the pump' });
  expect(emulator.activities('cust-1001').at(-1)).toEqual(made);
  expect(emulator.requests()).toMatchObject([{ method: 'POST', status: 201 }]);
});

test('a title the API would refuse is a ValidationError, and nothing is sent', async () => {
  await expect(client.create('cust-1001', { type: 'Call', title: 'Pool_party' }))
    .rejects.toMatchObject({ kind: 'validation', issues: [{ field: 'title', code: 'invalid_characters' }] });
  expect(emulator.requests()).toEqual([]);
});

test('system-generated activities cannot be deleted', async () => {
  await expect(client.delete('cust-1001', 'act-1001-02')).rejects.toMatchObject({ kind: 'api', status: 403 });
});

test('a 503 is retried', async () => {
  emulator.fault({ method: 'GET', status: 503 });        // the next GET only
  await expect(client.list('cust-1002')).resolves.toHaveLength(5);
  expect(emulator.requests().map((r) => r.status)).toEqual([503, 200]);
});

test('past the rate limit: a 429 with Retry-After', async () => {
  const limited = createEmulator({ rateLimit: 1 });
  const once = new ActivityLogClient({ apiKey: 'demo-key', fetch: limited.fetch, retry: false });
  await once.list('cust-1001');
  await expect(once.list('cust-1001')).rejects.toMatchObject({ status: 429, retryAfterSeconds: 60 });
});
