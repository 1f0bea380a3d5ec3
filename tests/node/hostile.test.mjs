// Hostile responses, served by the emulator's fault injection: each gives the result or the
// typed error it should, and the same client instance serves a normal call right after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityLogClient, isActivityLogError } from 'skimmer-activity-logs';
import { startEmulator, API_KEY } from '../support/emulator.mjs';

const CUSTOMER = 'cust-1002';
let emulator;
let client;

before(async () => {
  emulator = await startEmulator();
  client = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url, retry: false, timeoutMs: 10_000 });
});
after(() => emulator?.stop());

/** One hostile answer to the next request of `method`, then the call's outcome. */
async function outcome(spec, call) {
  await emulator.fault({ times: 1, ...spec });
  try {
    return { value: await call() };
  } catch (error) {
    return { error };
  }
}

// [name, fault, call, check of the outcome]
const cases = [
  [
    'invalid JSON on 200',
    { method: 'GET', status: 200, body: 'invalid-json' },
    () => client.list(CUSTOMER),
    ({ error }) => {
      assert.equal(error.kind, 'decode');
      assert.match(error.message, /not valid JSON/);
    },
  ],
  [
    'an HTML error page on 500',
    { method: 'GET', status: 500, body: 'html' },
    () => client.list(CUSTOMER),
    ({ error }) => {
      assert.equal(error.kind, 'api');
      assert.equal(error.status, 500);
      assert.equal(typeof error.body, 'string');
      assert.match(error.body, /<html/i);
      assert.equal(error.problem, null);
    },
  ],
  [
    '200 with an empty body',
    { method: 'GET', status: 200, body: 'empty' },
    () => client.list(CUSTOMER),
    ({ error }) => assert.equal(error.kind, 'decode'),
  ],
  [
    '204 with a body, on delete',
    { method: 'DELETE', status: 204, body: 'invalid-json' },
    async () => client.delete(CUSTOMER, (await client.create(CUSTOMER, { type: 'Call', title: 'Doomed' })).id),
    ({ value, error }) => {
      assert.equal(error, undefined);
      assert.equal(value, undefined);
    },
  ],
  [
    '204 with a body, on get',
    { method: 'GET', status: 204, body: 'invalid-json' },
    () => client.get(CUSTOMER, 'act-1002-01'),
    ({ error }) => assert.equal(error.kind, 'decode'),
  ],
  [
    'a truncated body',
    { method: 'GET', status: 200, body: 'truncated' },
    () => client.list(CUSTOMER),
    ({ error }) => assert.ok(['network', 'decode'].includes(error.kind), error.kind),
  ],
  [
    'a 10 MB body of valid activities',
    { method: 'GET', status: 200, body: 'huge' },
    () => client.list(CUSTOMER),
    ({ value }) => {
      assert.ok(value.length > 10_000);
      assert.equal(Object.keys(value.at(-1)).length, 16);
    },
  ],
  [
    'a 10 MB error body',
    { method: 'GET', status: 502, body: 'huge' },
    () => client.list(CUSTOMER),
    ({ error }) => {
      assert.equal(error.status, 502);
      assert.equal(typeof error.body, 'string', 'too long to parse: kept as text');
      assert.equal(error.body.length, 65_536);
    },
  ],
  [
    'JSON under a wrong content type',
    { method: 'GET', status: 200, body: 'missing-id', contentType: 'text/plain' },
    () => client.list(CUSTOMER),
    ({ error }) => {
      assert.equal(error.kind, 'decode');
      assert.equal(error.field, 'id');
    },
  ],
  [
    'an HTML page under application/json',
    { method: 'GET', status: 200, body: 'html', contentType: 'application/json' },
    () => client.list(CUSTOMER),
    ({ error }) => assert.equal(error.kind, 'decode'),
  ],
  [
    'numbers where strings belong',
    { method: 'GET', status: 200, body: 'wrong-types' },
    () => client.list(CUSTOMER),
    ({ error }) => {
      assert.equal(error.kind, 'decode');
      assert.equal(error.index, 1);
      assert.match(error.message, /is a number; expected a string/);
    },
  ],
  [
    'deeply nested JSON',
    { method: 'GET', status: 200, body: 'deep' },
    () => client.list(CUSTOMER),
    ({ error }) => assert.equal(error.kind, 'decode'),
  ],
  [
    'deeply nested JSON on a 400',
    { method: 'POST', status: 400, body: 'deep' },
    () => client.create(CUSTOMER, { type: 'Call', title: 'Nested' }),
    ({ error }) => {
      assert.equal(error.kind, 'api');
      assert.equal(error.problem, null);
    },
  ],
  [
    'an object where the list belongs',
    { method: 'GET', status: 200, body: 'not-array' },
    () => client.list(CUSTOMER),
    ({ error }) => {
      assert.equal(error.kind, 'decode');
      assert.match(error.message, /not a JSON array/);
    },
  ],
  [
    'an activity without an id',
    { method: 'GET', status: 200, body: 'missing-id' },
    () => client.get(CUSTOMER, 'act-1002-01'),
    ({ error }) => {
      assert.equal(error.kind, 'decode');
      assert.equal(error.field, 'id');
      assert.equal(error.index, null);
    },
  ],
  [
    'a dropped connection',
    { method: 'GET', drop: true },
    () => client.list(CUSTOMER),
    ({ error }) => assert.equal(error.kind, 'network'),
  ],
];

test(`${cases.length} hostile answers give the right result or typed error, and the client goes on`, async () => {
  for (const [name, spec, call, check] of cases) {
    const result = await outcome(spec, call);
    if (result.error) {
      assert.ok(isActivityLogError(result.error), `${name}: ${result.error}`);
      assert.ok(!JSON.stringify(result.error).includes(API_KEY), name);
    }
    await check(result);
    // The same instance keeps working.
    const log = await client.list(CUSTOMER);
    assert.ok(log.length > 0, `${name}: a normal call afterwards`);
  }
});

test('a fetch wrapper whose Response getters throw: statusText and redirected are optional, the answer still counts', async () => {
  // A wrapper handing back a Response-like object whose statusText and redirected getters throw
  // (a half-done polyfill): the status, headers and body are all the client needs.
  const wrap = (response) =>
    new Proxy(response, {
      get(target, key) {
        if (key === 'statusText' || key === 'redirected') throw new Error(`no ${key} here`);
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const wrapped = new ActivityLogClient({
    apiKey: API_KEY,
    baseUrl: emulator.url,
    retry: false,
    fetch: async (url, init) => wrap(await fetch(url, init)),
  });
  const log = await wrapped.list(CUSTOMER);
  assert.ok(log.length > 0);
  const error = await wrapped.get(CUSTOMER, 'no-such-activity').then(
    () => assert.fail('resolved'),
    (e) => e,
  );
  assert.equal(error.kind, 'api');
  assert.equal(error.status, 404);
  assert.equal(error.statusText, 'Not Found', 'the standard phrase when the status text cannot be read');
});
