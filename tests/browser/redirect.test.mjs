// Redirects are never followed in Chromium either: the built package in a page, calling a base
// URL on the page's own origin that answers every 3xx, to another port or to the same origin.
// Each call rejects with a RedirectError, and the server the redirect points to gets no request
// at all (not even a CORS preflight), so neither the key nor a body reaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage } from '../support/browser.mjs';
import { startRedirectServers, REDIRECT_STATUSES } from '../support/redirects.mjs';

const KEY = 'sk-redirect-test-SECRET';

test('Chromium: every 3xx, to another port or the same origin, is a RedirectError and goes nowhere', async (t) => {
  const servers = await startRedirectServers({
    mounts: { '/pkg/': 'pkg' },
    pages: { '/': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>redirects</title>' },
  });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await servers.close();
  });
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`${servers.base.url}/`);

  for (const where of ['port', 'same']) {
    for (const status of REDIRECT_STATUSES) {
      const prefix = `/r${status}-${where}`;
      const sent = servers.base.requests.length;
      const results = await page.evaluate(
        async ({ baseUrl, apiKey }) => {
          const { ActivityLogClient, isActivityLogError } = await import('/pkg/index.js');
          const client = new ActivityLogClient({ apiKey, baseUrl });
          const input = { type: 'Call', title: 'Called about the pump' };
          const calls = [
            () => client.list('c1'),
            () => client.get('c1', 'a1'),
            () => client.create('c1', input),
            () => client.update('c1', 'a1', input),
            () => client.delete('c1', 'a1'),
          ];
          const out = [];
          for (const call of calls) {
            try {
              await call();
              out.push({ resolved: true });
            } catch (e) {
              out.push({
                ours: e instanceof Error && isActivityLogError(e),
                kind: e.kind,
                name: e.name,
                method: e.method,
                url: e.url,
                status: e.status,
                location: e.location,
                message: e.message,
                json: JSON.stringify(e),
                stack: String(e.stack),
              });
            }
          }
          return out;
        },
        { baseUrl: `${servers.base.url}${prefix}`, apiKey: KEY },
      );

      const methods = ['GET', 'GET', 'POST', 'PUT', 'DELETE'];
      results.forEach((r, i) => {
        const label = `${status} ${where} ${methods[i]}`;
        assert.equal(r.ours, true, `${label}: ${JSON.stringify(r)}`);
        assert.equal(r.kind, 'redirect', label);
        assert.equal(r.name, 'RedirectError', label);
        assert.equal(r.method, methods[i], label);
        assert.ok(r.url.startsWith(`${servers.base.url}${prefix}/CustomerActivityLogs/c1`), label);
        assert.match(r.message, /refused a redirect/, label);
        if (status === 300) {
          // Not a redirect status to the Fetch standard: the page sees the answer itself.
          assert.equal(r.status, 300, label);
          assert.match(r.location, /\/elsewhere\/CustomerActivityLogs\/c1/, label);
        } else {
          // An opaque redirect: the browser hides the status and the target.
          assert.equal(r.status, null, label);
          assert.equal(r.location, null, label);
        }
        for (const text of [r.message, r.json, r.stack]) assert.ok(!text.includes(KEY), `${label}: ${text}`);
      });
      // One request per call, to the base URL, and nothing anywhere else.
      const got = servers.base.requests.slice(sent).filter((r) => r.path !== '/favicon.ico');
      assert.deepEqual(
        got.map((r) => r.method),
        methods,
        `${status} ${where}`,
      );
      assert.ok(got.every((r) => r.path.startsWith(`${prefix}/CustomerActivityLogs/c1`) && r.key === KEY));
      assert.deepEqual(servers.followed(), [], `${status} ${where}: the redirect was followed`);
    }
  }
  assert.deepEqual(errors, []);
});
