// Redirects are never followed (Node's fetch): every 3xx, to another port or to the same origin,
// rejects at once with a RedirectError naming the status and the Location, and the server the
// redirect points to gets no request at all, so neither the key nor a body reaches it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityLogClient, isActivityLogError } from 'skimmer-activity-logs';
import { startRedirectServers, REDIRECT_STATUSES } from '../support/redirects.mjs';

const KEY = 'sk-redirect-test-SECRET';
const input = { type: 'Call', title: 'Called about the pump', description: 'Left a voicemail' };
let servers;

before(async () => {
  servers = await startRedirectServers();
});
after(() => servers?.close());

const calls = {
  list: (c) => c.list('cust 1'),
  get: (c) => c.get('cust 1', 'act/1'),
  create: (c) => c.create('cust 1', input),
  update: (c) => c.update('cust 1', 'act/1', input),
  delete: (c) => c.delete('cust 1', 'act/1'),
};
const methods = { list: 'GET', get: 'GET', create: 'POST', update: 'PUT', delete: 'DELETE' };
const paths = { list: '/CustomerActivityLogs/cust%201', create: '/CustomerActivityLogs/cust%201' };

for (const where of ['port', 'same']) {
  test(`every 3xx to ${where === 'port' ? 'another port' : 'the same origin'} is refused: a RedirectError, one request, nothing at the target`, async () => {
    for (const status of REDIRECT_STATUSES) {
      const prefix = `/r${status}-${where}`;
      // Default retries: a redirect must not be retried either.
      const client = new ActivityLogClient({ apiKey: KEY, baseUrl: `${servers.base.url}${prefix}` });
      for (const [name, call] of Object.entries(calls)) {
        const label = `${status} ${where} ${name}`;
        const sent = servers.base.requests.length;
        const error = await call(client).then(
          () => assert.fail(`${label}: resolved`),
          (e) => e,
        );
        const path = `${prefix}${paths[name] ?? '/CustomerActivityLogs/cust%201/act%2F1'}`;
        const location =
          where === 'port'
            ? `${servers.target.url}/elsewhere${path.slice(prefix.length)}`
            : `/elsewhere${path.slice(prefix.length)}`;

        assert.ok(error instanceof Error && isActivityLogError(error), `${label}: ${error}`);
        assert.equal(error.kind, 'redirect', label);
        assert.equal(error.name, 'RedirectError', label);
        assert.equal(error.status, status, label);
        assert.equal(error.location, location, label);
        assert.equal(error.method, methods[name], label);
        assert.equal(error.url, `${servers.base.url}${path}`, label);
        assert.match(error.message, /refused a redirect/, label);
        assert.ok(error.message.includes(`(${status}) to ${location}`), `${label}: ${error.message}`);
        for (const text of [error.message, String(error.stack), JSON.stringify(error)]) {
          assert.ok(!text.includes(KEY), `${label}: ${text}`);
        }

        // Exactly one request, to the base URL (with the key: it is the API's origin).
        const got = servers.base.requests.slice(sent);
        assert.deepEqual(
          got.map((r) => [r.method, r.path, r.key]),
          [[methods[name], path, KEY]],
          label,
        );
        assert.deepEqual(servers.followed(), [], `${label}: the redirect was followed`);
      }
    }
  });
}

test('a 304 is no redirect: an ApiError', async () => {
  const client = new ActivityLogClient({ apiKey: KEY, baseUrl: `${servers.base.url}/r304-port`, retry: false });
  const error = await client.list('c').then(
    () => assert.fail('resolved'),
    (e) => e,
  );
  assert.equal(error.kind, 'api');
  assert.equal(error.status, 304);
  assert.deepEqual(servers.followed(), []);
});

test('an injected fetch that follows redirects anyway: the followed answer is refused, not used', async () => {
  // A wrapper that drops `redirect: 'manual'` (as some instrumentation does): fetch follows the
  // redirect itself and hands back the target's answer, marked `redirected`.
  const following = (url, init) => fetch(url, { ...init, redirect: 'follow' });
  for (const where of ['port', 'same']) {
    const prefix = `/r302-${where}`;
    const client = new ActivityLogClient({ apiKey: KEY, baseUrl: `${servers.base.url}${prefix}`, fetch: following });
    const error = await client.list('cust 1').then(
      (v) => assert.fail(`${where}: resolved with ${JSON.stringify(v)}`),
      (e) => e,
    );
    const target = where === 'port' ? servers.target.url : servers.base.url;
    assert.equal(error.kind, 'redirect', where);
    assert.equal(error.status, null, where);
    assert.equal(error.location, `${target}/elsewhere/CustomerActivityLogs/cust%201`, where);
    assert.match(error.message, /refused a redirect to /, where);
    assert.ok(!JSON.stringify(error).includes(KEY));
  }
});
