// The client in Node, through the built package, against the real emulator over HTTP.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityLogClient, isActivityLogError } from 'skimmer-activity-logs';
import { startEmulator, API_KEY } from '../support/emulator.mjs';

const CUSTOMER = 'cust-1001';
let emulator;
let client;
/** Every error a test saw, scanned for the key at the end. */
const seen = [];

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    seen.push(error);
    return error;
  }
  assert.fail('expected the call to reject');
}

async function timed(promise) {
  const start = performance.now();
  const error = await rejection(promise);
  return { error, ms: performance.now() - start };
}

before(async () => {
  emulator = await startEmulator();
  client = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url });
});
after(() => emulator?.stop());
beforeEach(async () => {
  await emulator.reset();
});

const input = { type: 'Call', title: 'Called about the pump', description: 'Left a voicemail', authorName: 'Ana' };

test('a full round trip: create, get, list, update, get, delete, get is a 404', async () => {
  const created = await client.create(CUSTOMER, input);
  assert.equal(created.title, input.title);
  assert.equal(created.customerId, CUSTOMER);
  assert.equal(created.createdByName, 'Ana');
  assert.equal(created.isSystemGenerated, false);
  assert.equal(created.updatedAt, null);
  assert.equal(Object.keys(created).length, 16);

  assert.deepEqual(await client.get(CUSTOMER, created.id), created);
  const list = await client.list(CUSTOMER);
  assert.ok(list.some((a) => a.id === created.id));
  assert.ok(
    list.some((a) => a.isSystemGenerated),
    'the seeded log mixes in system activities',
  );
  for (const activity of list) assert.equal(Object.keys(activity).length, 16);

  const updated = await client.update(CUSTOMER, created.id, { type: 'Email', title: 'Emailed instead' });
  assert.equal(updated.title, 'Emailed instead');
  assert.equal(updated.description, null, 'update is a full replacement');
  assert.notEqual(updated.updatedAt, null);
  assert.deepEqual(await client.get(CUSTOMER, created.id), updated);

  assert.equal(await client.delete(CUSTOMER, created.id), undefined);
  const error = await rejection(client.get(CUSTOMER, created.id));
  assert.equal(error.kind, 'api');
  assert.equal(error.status, 404);
  assert.ok(error instanceof Error && isActivityLogError(error));
  assert.equal(error.name, 'ApiError');
});

test('returned activities are plain JSON data', async () => {
  const [first] = await client.list(CUSTOMER);
  assert.equal(Object.getPrototypeOf(first), Object.prototype);
  assert.deepEqual(structuredClone(first), first);
  assert.deepEqual(JSON.parse(JSON.stringify(first)), first);
});

test('invalid input rejects with ValidationError and sends nothing', async () => {
  await emulator.clearRequests();
  const error = await rejection(client.create(CUSTOMER, { type: 'Fax', title: 'Pool_party' }));
  assert.equal(error.kind, 'validation');
  assert.equal(error.name, 'ValidationError');
  assert.deepEqual(
    error.issues.map((i) => [i.field, i.code]),
    [
      ['type', 'invalid_option'],
      ['title', 'invalid_characters'],
    ],
  );
  const updateError = await rejection(client.update(CUSTOMER, 'x', null));
  assert.deepEqual(
    updateError.issues.map((i) => [i.field, i.code]),
    [['input', 'invalid_type']],
  );
  for (const bad of ['', '   ', '.', '..']) {
    const e = await rejection(client.get(bad, 'x'));
    assert.deepEqual(
      e.issues.map((i) => [i.field, i.code]),
      [['customerId', 'required']],
    );
    const e2 = await rejection(client.delete(CUSTOMER, bad));
    assert.deepEqual(
      e2.issues.map((i) => [i.field, i.code]),
      [['id', 'required']],
    );
  }
  const notString = await rejection(client.get(CUSTOMER, 42));
  assert.deepEqual(
    notString.issues.map((i) => [i.field, i.code]),
    [['id', 'invalid_type']],
  );
  assert.deepEqual(await emulator.requests(), []);
});

test('ids reach the emulator as exactly the strings given', async () => {
  const ids = ['a/b', '?x=1', '#f', '50%', '%2e%2e', 'a/../b', 'two words', 'é-ü-中', '😀', '.a', '...'];
  await emulator.clearRequests();
  for (const id of ids) {
    const error = await rejection(client.get(CUSTOMER, id));
    assert.equal(error.status, 404, id);
  }
  await emulator.addCustomer('cust/with?odd#chars %');
  assert.deepEqual(await client.list('cust/with?odd#chars %'), []);
  const log = await emulator.requests();
  assert.deepEqual(
    log.slice(0, ids.length).map((r) => r.id),
    ids,
  );
  assert.equal(log.at(-1).customerId, 'cust/with?odd#chars %');
});

test('a baseUrl with a path prefix and a trailing slash keeps the prefix, without //', async () => {
  const urls = [];
  const prefixed = new ActivityLogClient({
    apiKey: API_KEY,
    baseUrl: `${emulator.url}/api/v1/`,
    fetch: (url, init) => {
      urls.push(String(url));
      return fetch(String(url).replace('/api/v1/', '/'), init);
    },
  });
  const list = await prefixed.list(CUSTOMER);
  assert.ok(list.length > 0);
  await rejection(prefixed.get(CUSTOMER, 'x y'));
  assert.deepEqual(urls, [
    `${emulator.url}/api/v1/CustomerActivityLogs/${CUSTOMER}`,
    `${emulator.url}/api/v1/CustomerActivityLogs/${CUSTOMER}/x%20y`,
  ]);
});

test('a 429 with Retry-After: 1 is retried after at least a second, then succeeds', async () => {
  await emulator.clearRequests();
  await emulator.fault({ method: 'GET', times: 1, status: 429, retryAfter: '1' });
  const start = performance.now();
  const list = await client.list(CUSTOMER);
  const elapsed = performance.now() - start;
  assert.ok(list.length > 0);
  assert.ok(elapsed >= 1000, `${elapsed} ms`);
  assert.ok(elapsed < 3000, `${elapsed} ms`);
  assert.deepEqual(
    (await emulator.requests()).map((r) => r.status),
    [429, 200],
  );
});

test('retry: false surfaces a 429 as ApiError with retryAfterSeconds', async () => {
  const once = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url, retry: false });
  await emulator.clearRequests();
  await emulator.fault({ method: 'GET', times: 1, status: 429, retryAfter: '1' });
  const error = await rejection(once.list(CUSTOMER));
  assert.equal(error.kind, 'api');
  assert.equal(error.status, 429);
  assert.equal(error.retryAfterSeconds, 1);
  assert.ok(error.rateLimit && typeof error.rateLimit.remaining === 'number');
  assert.equal((await emulator.requests()).length, 1);
});

test('a GET after two 503s succeeds on the third attempt', async () => {
  await emulator.clearRequests();
  await emulator.fault({ method: 'GET', times: 2, status: 503 });
  const list = await client.list(CUSTOMER);
  assert.ok(list.length > 0);
  assert.deepEqual(
    (await emulator.requests()).map((r) => r.status),
    [503, 503, 200],
  );
});

test('a POST that gets a 503 is not retried: one request, no activity created twice', async () => {
  const before = (await client.list(CUSTOMER)).length;
  await emulator.clearRequests();
  await emulator.fault({ method: 'POST', times: 1, status: 503 });
  const error = await rejection(client.create(CUSTOMER, input));
  assert.equal(error.status, 503);
  assert.equal((await emulator.requests()).length, 1);
  const created = await client.create(CUSTOMER, input);
  const after = await client.list(CUSTOMER);
  assert.equal(after.length, before + 1);
  assert.equal(after.filter((a) => a.id === created.id).length, 1);
});

test('a 200 ms timeout against a 2 s delay rejects with TimeoutError well under 2 s', async () => {
  const quick = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url, timeoutMs: 200 });
  await emulator.fault({ method: 'GET', times: 1, delayMs: 2000 });
  const { error, ms } = await timed(quick.list(CUSTOMER));
  assert.equal(error.kind, 'timeout');
  assert.equal(error.name, 'TimeoutError');
  assert.equal(error.timeoutMs, 200);
  assert.ok(ms < 1000, `${ms} ms`);
});

test('a caller abort rejects with the signal reason, whatever its type', async () => {
  const reasons = ['stop', 42, new Error('custom'), undefined];
  for (const reason of reasons) {
    await emulator.fault({ method: 'GET', times: 1, delayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    const { error, ms } = await timed(client.list(CUSTOMER, { signal: controller.signal }));
    if (reason === undefined) {
      assert.equal(error.name, 'AbortError');
      assert.ok(error instanceof DOMException);
    } else {
      assert.equal(error, reason);
    }
    assert.ok(ms < 1000, `${ms} ms`);
    await emulator.clearFaults();
  }
  const already = new AbortController();
  already.abort('before');
  assert.equal(await rejection(client.list(CUSTOMER, { signal: already.signal })), 'before');
});

test('a caller abort from inside the fetch call itself still aborts the request', async () => {
  // The client listens to the caller's signal once `fetch` has been called (so the request
  // leaves first); an abort made during that call must not be missed.
  const controller = new AbortController();
  let sent;
  const aborting = new ActivityLogClient({
    apiKey: API_KEY,
    baseUrl: emulator.url,
    fetch: (url, init) => {
      controller.abort('from inside');
      sent = init.signal;
      return fetch(url, init);
    },
  });
  assert.equal(await rejection(aborting.list(CUSTOMER, { signal: controller.signal })), 'from inside');
  assert.equal(sent.aborted, true, 'the request itself was aborted');
  assert.equal(sent.reason, 'from inside');
});

test('an abort during a retry wait ends the wait at once', async () => {
  await emulator.fault({ method: 'GET', times: 1, status: 429, retryAfter: '10' });
  const controller = new AbortController();
  setTimeout(() => controller.abort('enough'), 300);
  const { error, ms } = await timed(client.list(CUSTOMER, { signal: controller.signal }));
  assert.equal(error, 'enough');
  assert.ok(ms < 1500, `${ms} ms`);
});

test('a dropped connection is a NetworkError (after the GET retries)', async () => {
  await emulator.clearRequests();
  await emulator.fault({ method: 'GET', times: 3, drop: true });
  const error = await rejection(client.list(CUSTOMER));
  assert.equal(error.kind, 'network');
  assert.equal(error.name, 'NetworkError');
  assert.ok(error.cause !== undefined);
  assert.equal((await emulator.requests()).length, 3);
  const refused = new ActivityLogClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', retry: false });
  assert.equal((await rejection(refused.list(CUSTOMER))).kind, 'network');
});

test('a 200 with invalid JSON or without an id is a DecodeError naming the field', async () => {
  await emulator.fault({ method: 'GET', times: 1, status: 200, body: 'invalid-json' });
  const notJson = await rejection(client.list(CUSTOMER));
  assert.equal(notJson.kind, 'decode');
  assert.equal(notJson.status, 200);
  assert.match(notJson.message, /not valid JSON/);

  const [first] = await client.list(CUSTOMER);
  await emulator.fault({ method: 'GET', times: 1, status: 200, body: 'missing-id' });
  const noId = await rejection(client.get(CUSTOMER, first.id));
  assert.equal(noId.kind, 'decode');
  assert.equal(noId.field, 'id');
  assert.match(noId.message, /"id" is missing/);

  await emulator.fault({ method: 'GET', times: 1, status: 200, body: 'wrong-types' });
  const wrong = await rejection(client.list(CUSTOMER));
  assert.equal(wrong.kind, 'decode');
  assert.equal(typeof wrong.field, 'string');
  assert.equal(typeof wrong.index, 'number');
});

test('401, 403, 404 and 400 are ApiErrors with the problem details parsed', async () => {
  const wrongKey = new ActivityLogClient({ apiKey: 'not-the-key', baseUrl: emulator.url });
  const unauthorized = await rejection(wrongKey.list(CUSTOMER));
  assert.equal(unauthorized.status, 401);
  assert.equal(unauthorized.problem.status, 401);

  const system = (await client.list(CUSTOMER)).find((a) => a.isSystemGenerated);
  const forbidden = await rejection(client.delete(CUSTOMER, system.id));
  assert.equal(forbidden.status, 403);
  assert.equal(typeof forbidden.problem.detail, 'string');
  assert.ok(forbidden.message.includes(forbidden.problem.detail));

  const notFound = await rejection(client.list('no-such-customer'));
  assert.equal(notFound.status, 404);
  assert.equal(typeof notFound.traceId, 'string');
  assert.equal(notFound.traceId, notFound.problem.traceId);

  // A 400 needs a body the package would refuse, so send one past it.
  const raw = new ActivityLogClient({
    apiKey: API_KEY,
    baseUrl: emulator.url,
    fetch: (url, init) => fetch(url, { ...init, body: JSON.stringify({ type: 'Call', title: '' }) }),
  });
  const badRequest = await rejection(raw.create(CUSTOMER, input));
  assert.equal(badRequest.status, 400);
  assert.deepEqual(Object.keys(badRequest.problem.errors), ['title']);
  assert.deepEqual(badRequest.problem.errors.title, ['Title is required.']);
  assert.equal(badRequest.body.status, 400);
});

test('rateLimit reflects the latest response headers', async () => {
  const fresh = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url });
  assert.equal(fresh.rateLimit, null);
  await fresh.list(CUSTOMER);
  const first = fresh.rateLimit;
  assert.equal(first.limit, 500);
  await fresh.list(CUSTOMER);
  assert.equal(fresh.rateLimit.remaining, first.remaining - 1);
  assert.ok(fresh.rateLimit.resetSeconds >= 0 && fresh.rateLimit.resetSeconds <= 60);
  assert.notEqual(fresh.rateLimit, fresh.rateLimit, 'a fresh plain object each time');
});

test('an injected fetch is used for every request', async () => {
  const calls = [];
  const injected = new ActivityLogClient({
    apiKey: API_KEY,
    baseUrl: emulator.url,
    fetch: (url, init) => {
      calls.push([init.method, new Headers(init.headers).get('skimmer-api-key')]);
      return fetch(url, init);
    },
  });
  const created = await injected.create(CUSTOMER, input);
  await injected.delete(CUSTOMER, created.id);
  assert.deepEqual(calls, [
    ['POST', API_KEY],
    ['DELETE', API_KEY],
  ]);
});

test('without a fetch option, each call uses the global fetch in place at that call', async () => {
  // A mock library (MSW, nock) replaces globalThis.fetch after the client was made.
  const plain = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url });
  await emulator.fault({ method: 'GET', times: 1, status: 503 });
  const original = globalThis.fetch;
  const inits = [];
  globalThis.fetch = (url, init) => {
    inits.push(init);
    return original(url, init);
  };
  try {
    assert.ok((await plain.list(CUSTOMER)).length > 0);
  } finally {
    globalThis.fetch = original;
  }
  assert.equal(inits.length, 2, 'the 503 and its retry');
  for (const init of inits) {
    assert.equal(init.method, 'GET');
    assert.equal(init.redirect, 'manual', 'never follows a redirect');
    assert.ok(init.signal instanceof AbortSignal, 'the per-attempt timeout');
    assert.equal(new Headers(init.headers).get('skimmer-api-key'), API_KEY);
    assert.equal(init.body, undefined);
  }
  assert.notEqual(inits[0], inits[1], 'each attempt has its own init');
  assert.notEqual(inits[0].signal, inits[1].signal, 'and its own timeout signal');
});

test('with no fetch at all, a call rejects with a NetworkError at once, not retried', async () => {
  const plain = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url });
  const original = globalThis.fetch;
  globalThis.fetch = undefined;
  let error;
  try {
    error = await rejection(plain.get(CUSTOMER, 'any-id'));
  } finally {
    globalThis.fetch = original;
  }
  assert.ok(isActivityLogError(error));
  assert.equal(error.kind, 'network');
  assert.equal(error.method, 'GET');
  assert.ok(error.cause instanceof TypeError);
  assert.match(error.cause.message, /fetch is not available/);
  // Sent with a body too: validated first, then the same error.
  globalThis.fetch = undefined;
  try {
    error = await rejection(plain.create(CUSTOMER, input));
  } finally {
    globalThis.fetch = original;
  }
  assert.equal(error.kind, 'network');
});

test('an aborted signal sends nothing; a fetch that throws at once is a NetworkError, retried', async () => {
  // The first attempt leaves before the call's state is made, and every attempt reports in a
  // callback: neither case may be lost or reported twice.
  let calls = 0;
  const throwing = new ActivityLogClient({
    apiKey: API_KEY,
    baseUrl: emulator.url,
    retry: { maxRetries: 1 },
    fetch: () => {
      calls += 1;
      throw new TypeError('no network here');
    },
  });
  const already = new AbortController();
  already.abort('before');
  assert.equal(await rejection(throwing.get(CUSTOMER, 'any-id', { signal: already.signal })), 'before');
  assert.equal(calls, 0, 'nothing was sent');
  const error = await rejection(throwing.get(CUSTOMER, 'any-id'));
  assert.equal(error.kind, 'network');
  assert.equal(error.cause?.message, 'no network here');
  assert.equal(calls, 2, 'sent once and retried once');
});

test('bad options throw a TypeError at construction, never quoting the key', () => {
  const secret = 'sk-live-SECRET-1234';
  for (const options of [
    undefined,
    {},
    { apiKey: '' },
    { timeoutMs: 5 },
    { apiKey: 5 },
    { apiKey: `${secret}\r\nx: y` },
    { apiKey: `${secret}\n` },
    { apiKey: secret, baseUrl: 'ftp://x' },
    { apiKey: secret, timeoutMs: -1 },
    { apiKey: secret, retry: 'yes' },
    { apiKey: secret, retry: { maxRetries: 1.5 } },
    { apiKey: secret, fetch: 'fetch' },
  ]) {
    assert.throws(
      () => new ActivityLogClient(options),
      (error) => {
        assert.ok(error instanceof TypeError, String(error));
        assert.ok(!String(error.message).includes('SECRET'), error.message);
        assert.ok(!JSON.stringify(error).includes('SECRET'));
        return true;
      },
    );
  }
});

test('with no key and a proxy baseUrl, requests carry no key header', async () => {
  const headers = [];
  const keyless = new ActivityLogClient({
    baseUrl: emulator.url,
    fetch: (url, init) => {
      headers.push(new Headers(init.headers).has('skimmer-api-key'));
      return fetch(url, init);
    },
  });
  const error = await rejection(keyless.list(CUSTOMER));
  assert.equal(error.status, 401, 'the emulator wants a key: a proxy would have added it');
  assert.deepEqual(headers, [false]);
  assert.equal(new ActivityLogClient({ apiKey: '', baseUrl: '/skimmer' }).rateLimit, null);
});

test('no error carries the API key anywhere', () => {
  assert.ok(seen.length >= 20, `${seen.length} errors seen`);
  for (const error of seen) {
    const texts = [String(error?.message), String(error?.stack), String(error?.url), JSON.stringify(error) ?? ''];
    for (const text of texts) assert.ok(!text.includes(API_KEY), text);
  }
});
