// Proxy mode, the safe pattern for browser apps: the demo page talks to a second server started
// with `--upstream` and an EMPTY key field; that server adds the key from SKIMMER_API_KEY, and
// the upstream (a plain emulator with a key the page never knew) receives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../support/emulator.mjs';
import { launchBrowser } from '../support/browser.mjs';
import {
  PKG,
  WWW,
  apiRequests,
  loggedRequest,
  rowByTitle,
  rowIds,
  settled,
  textMatches,
  until,
  WAIT_MS,
} from '../support/demo-page.mjs';

const UPSTREAM_KEY = 'upstream-only-key-4f2a';

/** Starts `skimmer-emulator --upstream URL` with SKIMMER_API_KEY set for that process only. */
async function startProxy(upstreamUrl) {
  const saved = process.env.SKIMMER_API_KEY;
  process.env.SKIMMER_API_KEY = UPSTREAM_KEY; // spawn copies the environment at this moment
  try {
    return await startEmulator(['--upstream', upstreamUrl, '--serve', WWW, '--serve-pkg', PKG]);
  } finally {
    if (saved === undefined) delete process.env.SKIMMER_API_KEY;
    else process.env.SKIMMER_API_KEY = saved;
  }
}

test('through a proxy, the page holds no key and the upstream receives it', { timeout: 30_000 }, async (t) => {
  const upstream = await startEmulator(['--api-key', UPSTREAM_KEY]);
  t.after(() => upstream.stop());
  const proxy = await startProxy(upstream.url);
  t.after(() => proxy.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(WAIT_MS);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  const sentKeys = [];
  page.on('request', (request) => {
    if (request.url().includes('/CustomerActivityLogs/')) sentKeys.push(request.headers()['skimmer-api-key'] ?? null);
  });
  await page.goto(`${proxy.url}/`);
  await settled(page);
  assert.equal(await page.inputValue('#base-url'), proxy.url, 'the page calls its own origin: the proxy');

  // The page's prefilled demo key is not the upstream's: the proxy dropped it and used its own.
  assert.equal((await rowIds(page)).length, 6);
  assert.deepEqual(sentKeys, ['demo-key']);

  // The safe setup: an empty key field, so the client sends no key header at all.
  await upstream.clearRequests();
  sentKeys.length = 0;
  await page.fill('#api-key', '');
  await page.click('#apply-connection');
  await loggedRequest(upstream, { method: 'GET', customerId: 'cust-1001' });
  await settled(page);
  assert.equal((await rowIds(page)).length, 6);
  await page.fill('#title', 'Created through the proxy');
  await page.fill('#author-name', 'Proxy Test');
  await page.click('#submit-activity');
  await rowByTitle(page, 'Created through the proxy').waitFor();
  await textMatches(page.locator('#rate-limit'), /^Rate limit: \d+\/500 left/, WAIT_MS);
  assert.equal(await page.textContent('#banner'), '');

  assert.deepEqual(sentKeys, [null, null], 'no skimmer-api-key header left the page');
  const seen = await apiRequests(upstream);
  assert.deepEqual(
    seen.map(({ method, path, status, authorized }) => ({ method, path, status, authorized })),
    [
      { method: 'GET', path: '/CustomerActivityLogs/cust-1001', status: 200, authorized: true },
      { method: 'POST', path: '/CustomerActivityLogs/cust-1001', status: 201, authorized: true },
    ],
  );

  // The control: the same empty key straight at the upstream is refused there.
  await upstream.clearRequests();
  await page.fill('#base-url', upstream.url);
  await page.click('#apply-connection');
  await textMatches(page.locator('#banner'), /^ApiError 401: The request has no skimmer-api-key header\./);
  const refused = await until(async () => (await apiRequests(upstream, { status: 401 }))[0], {
    message: 'the refused call',
  });
  assert.equal(refused.authorized, false);
  assert.deepEqual(errors.map(String), []);
});
