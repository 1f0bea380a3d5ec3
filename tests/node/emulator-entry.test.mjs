// skimmer-activity-logs/emulator in Node, through the built package: createEmulator() as a
// user's tests meet it (the client with its default base URL and the emulator's fetch), what its
// fetch does that only a fetch can (abort, drop, a body that never ends, statusText), its options,
// its test helpers, and that the main entry never loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ActivityLogClient, isActivityLogError } from 'skimmer-activity-logs';
import { createEmulator } from 'skimmer-activity-logs/emulator';
import { startEmulator } from '../support/emulator.mjs';

const require = createRequire(import.meta.url);
const API = 'https://publicapi.getskimmer.com/CustomerActivityLogs';
const KEY = { 'skimmer-api-key': 'demo-key' };

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

test('the client with its default base URL and the emulator as its fetch: every call, typed errors', async () => {
  const emulator = createEmulator();
  const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: emulator.fetch });
  assert.equal((await client.list('cust-1001')).length, 6);
  const made = await client.create('cust-1001', { type: 'Call', title: 'Called about the pump', authorName: 'Ana' });
  assert.equal(made.createdByName, 'Ana');
  assert.deepEqual(await client.get('cust-1001', made.id), made);
  const changed = await client.update('cust-1001', made.id, { type: 'Email', title: 'Emailed instead' });
  assert.equal(changed.updatedByName, 'System');
  assert.deepEqual(emulator.activities('cust-1001').at(-1), changed, 'the store holds what the API answered');
  await client.delete('cust-1001', made.id);
  assert.equal(emulator.activities('cust-1001').length, 6);
  assert.deepEqual(client.rateLimit, { limit: 500, remaining: 495, resetSeconds: 60 });

  const missing = await rejection(client.get('cust-1001', made.id));
  assert.ok(isActivityLogError(missing));
  assert.equal(missing.kind, 'api');
  assert.equal(missing.status, 404);
  assert.equal(missing.statusText, 'Not Found');
  assert.match(missing.traceId, /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  assert.equal(missing.url, `${API}/cust-1001/${made.id}`);

  const system = await rejection(client.delete('cust-1001', 'act-1001-02'));
  assert.equal(system.status, 403);

  const wrongKey = new ActivityLogClient({ apiKey: 'not-the-key', fetch: emulator.fetch });
  assert.equal((await rejection(wrongKey.list('cust-1001'))).status, 401);

  assert.deepEqual(
    emulator.requests().map((r) => [r.method, r.status, r.authorized]),
    [
      ['GET', 200, true],
      ['POST', 201, true],
      ['GET', 200, true],
      ['PUT', 200, true],
      ['DELETE', 204, true],
      ['GET', 404, true],
      ['DELETE', 403, true],
      ['GET', 401, false],
    ],
  );
});

test('a 400 from the emulator carries the same rules as the client: problem.errors and issues', async () => {
  const emulator = createEmulator();
  const response = await emulator.fetch(`${API}/cust-1001`, {
    method: 'POST',
    headers: { ...KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'Fax', title: 'Pool_party' }),
  });
  assert.equal(response.status, 400);
  const body = await response.json();
  assert.deepEqual(Object.keys(body.errors), ['type', 'title']);
  assert.deepEqual(
    body.issues.map((i) => `${i.field}:${i.code}`),
    ['type:invalid_option', 'title:invalid_characters'],
  );
  assert.equal(emulator.activities('cust-1001').length, 6, 'nothing stored');
});

test('statusText and headers are what the server writes', async (t) => {
  const server = await startEmulator();
  t.after(() => server.stop());
  const emulator = createEmulator();
  for (const [path, init] of [
    ['/cust-1001', { headers: KEY }],
    ['/cust-1001/nope', { headers: KEY }],
    ['/cust-1001', { headers: {} }],
    ['/cust-1001', { method: 'PATCH', headers: KEY }],
    ['/cust-1001', { headers: { ...KEY, 'x-emulator-fault': 'status=503;retry-after=2' } }],
    ['/cust-1001/act-1001-01', { method: 'DELETE', headers: KEY }],
  ]) {
    const [http, inProcess] = await Promise.all([
      fetch(`${server.url}/CustomerActivityLogs${path}`, init),
      emulator.fetch(`${API}${path}`, init),
    ]);
    const where = `${init.method ?? 'GET'} ${path}`;
    assert.equal(inProcess.status, http.status, where);
    assert.equal(inProcess.statusText, http.statusText, where);
    const names = (response) =>
      [...response.headers.keys()].filter((n) => !['date', 'connection', 'keep-alive'].includes(n));
    assert.deepEqual(names(inProcess), names(http), where);
    assert.equal(inProcess.headers.get('content-length'), http.headers.get('content-length'), where);
    assert.equal((await inProcess.text()).length, (await http.text()).length, where);
  }
});

test('a delay is a real timer that the signal aborts, with its reason; the log says no answer went out', async () => {
  const emulator = createEmulator();
  const init = (signal) => ({ signal, headers: { ...KEY, 'x-emulator-fault': 'delay-ms=5000' } });
  const started = performance.now();
  const controller = new AbortController();
  setTimeout(() => controller.abort('stopped by the test'), 50);
  assert.equal(await rejection(emulator.fetch(`${API}/cust-1001`, init(controller.signal))), 'stopped by the test');
  assert.ok(performance.now() - started < 1000, 'rejected at the abort, not after the delay');
  assert.equal(emulator.requests()[0].status, null);

  const timeout = await rejection(emulator.fetch(`${API}/cust-1001`, init(AbortSignal.timeout(30))));
  assert.equal(timeout.name, 'TimeoutError');

  const before = new AbortController();
  before.abort();
  assert.equal((await rejection(emulator.fetch(`${API}/cust-1001`, init(before.signal)))).name, 'AbortError');
  assert.equal(emulator.requests().length, 2, 'an aborted signal sends nothing');

  const short = performance.now();
  const delayed = await emulator.fetch(`${API}/cust-1001`, { headers: { ...KEY, 'x-emulator-fault': 'delay-ms=120' } });
  assert.ok(performance.now() - short >= 115, 'the answer waited');
  assert.equal(delayed.status, 200);
  assert.equal(emulator.requests().at(-1).status, 200, 'marked answered once delivered');
});

test('the client times out and aborts through the emulator as through the network', async () => {
  const emulator = createEmulator();
  const slow = (input, init) =>
    emulator.fetch(input, {
      ...init,
      headers: { ...Object.fromEntries(new Headers(init.headers)), 'x-emulator-fault': 'delay-ms=2000' },
    });
  const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: slow, timeoutMs: 50, retry: false });
  assert.equal((await rejection(client.list('cust-1001'))).kind, 'timeout');
  const controller = new AbortController();
  const pending = client.list('cust-1001', { signal: controller.signal });
  controller.abort(new Error('the user left'));
  assert.equal((await rejection(pending)).message, 'the user left');
});

test('a drop rejects like a network failure: a TypeError, a NetworkError in the client', async () => {
  const emulator = createEmulator();
  const dropped = await rejection(
    emulator.fetch(`${API}/cust-1001`, { headers: { ...KEY, 'x-emulator-fault': 'drop' } }),
  );
  assert.ok(dropped instanceof TypeError, String(dropped));
  emulator.fault({ method: 'GET', path: '/CustomerActivityLogs/cust-1002', drop: true, times: 3 });
  const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: emulator.fetch, retry: false });
  const error = await rejection(client.list('cust-1002'));
  assert.equal(error.kind, 'network');
  assert.ok(error.cause instanceof TypeError);
});

test('retries happen against the emulator: a scripted 503 then the answer', async () => {
  const emulator = createEmulator();
  emulator.fault({ method: 'GET', status: 503, times: 1 });
  const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: emulator.fetch });
  assert.equal((await client.list('cust-1003')).length > 0, true);
  assert.deepEqual(
    emulator.requests().map((r) => [r.status, r.faultSource]),
    [
      [503, 'scripted'],
      [200, null],
    ],
  );
  assert.throws(() => emulator.fault({ status: 'soon' }), /400/);
});

test('a request body is read only up to the limit: an endless stream is a 413, not a hang', async () => {
  const emulator = createEmulator();
  let pulled = 0;
  const endless = new ReadableStream({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
    },
  });
  const response = await emulator.fetch(`${API}/cust-1001`, {
    method: 'POST',
    headers: { ...KEY, 'content-type': 'application/json' },
    body: endless,
    duplex: 'half',
  });
  assert.equal(response.status, 413);
  assert.ok(pulled < 10, `read ${pulled} chunks of 16 KiB`);
});

test('a body cut short fails part-way; a 204 fault body is dropped', async () => {
  const emulator = createEmulator();
  const cut = await emulator.fetch(`${API}/cust-1001`, { headers: { ...KEY, 'x-emulator-fault': 'body=truncated' } });
  assert.equal(cut.status, 200);
  const reader = cut.body.getReader();
  const first = await reader.read();
  assert.ok(first.value.length > 0 && first.value.length < Number(cut.headers.get('content-length')));
  assert.ok((await rejection(reader.read())) instanceof TypeError);

  const noContent = await emulator.fetch(`${API}/cust-1001`, {
    headers: { ...KEY, 'x-emulator-fault': 'status=204;body=invalid-json' },
  });
  assert.equal(noContent.status, 204);
  assert.equal(noContent.body, null);
});

test('options: defaults, each one taken, and a TypeError or RangeError naming a bad one', async () => {
  const tight = createEmulator({
    apiKey: 'k-1',
    seedCustomers: false,
    rateLimit: 2,
    rateWindowMs: 1000,
    faultKinds: ['503'],
  });
  assert.deepEqual(tight.customerIds(), []);
  tight.addCustomer('c/1 é');
  assert.deepEqual(tight.customerIds(), ['c/1 é']);
  const list = () => tight.fetch(`${API}/${encodeURIComponent('c/1 é')}`, { headers: { 'skimmer-api-key': 'k-1' } });
  assert.deepEqual([(await list()).status, (await list()).status, (await list()).status], [200, 200, 429]);
  tight.reset();
  assert.deepEqual(tight.customerIds(), [], 'no seed after a reset either');
  assert.deepEqual(tight.requests(), []);

  for (const [options, kind, message] of [
    [{ apiKey: 42 }, TypeError, /apiKey must be a string/],
    [{ apiKey: 'two words' }, RangeError, /apiKey must be non-empty visible ASCII/],
    [{ rateLimit: '10' }, TypeError, /rateLimit must be a number/],
    [{ rateLimit: 0.5 }, RangeError, /rateLimit must be a whole number/],
    [{ rateWindowMs: 0 }, RangeError, /rateWindowMs/],
    [{ faultRate: 2 }, RangeError, /faultRate must be between 0 and 1/],
    [{ faultKinds: ['404'] }, RangeError, /faultKinds is wrong: unknown fault kind "404"/],
    [{ faultSeed: -1 }, RangeError, /faultSeed/],
    [{ randomSeed: 10n }, TypeError, /randomSeed must be a number/],
    [{ seedCustomers: 'yes' }, TypeError, /seedCustomers must be a boolean/],
    [{ now: 5 }, TypeError, /now must be a function/],
    ['demo-key', TypeError, /options must be an object/],
  ]) {
    assert.throws(
      () => createEmulator(options),
      (error) => error instanceof kind && message.test(error.message),
      JSON.stringify(String(options.apiKey ?? options)),
    );
  }
});

test('an injected clock stamps what is stored and runs the rate-limit window', async () => {
  let now = Date.UTC(2026, 10, 27, 10, 0, 0);
  const emulator = createEmulator({ now: () => now, rateLimit: 1, rateWindowMs: 60_000, randomSeed: 1 });
  const client = new ActivityLogClient({ apiKey: 'demo-key', fetch: emulator.fetch, retry: false });
  const made = await client.create('cust-1003', { type: 'Text', title: 'Texted the tech' });
  assert.equal(made.createdAt, '2026-11-27T10:00:00.000Z');
  const limited = await rejection(client.list('cust-1003'));
  assert.equal(limited.status, 429);
  assert.equal(limited.retryAfterSeconds, 60);
  now += 60_000;
  assert.ok(
    (await client.list('cust-1003')).some((a) => a.id === made.id),
    'a new window, without waiting',
  );
  now -= 120_000;
  assert.equal((await rejection(client.list('cust-1003'))).status, 429, 'a clock set back does not reopen the window');

  const again = createEmulator({ now: () => Date.UTC(2026, 10, 27, 10, 0, 0), rateLimit: 1, randomSeed: 1 });
  const repeat = await new ActivityLogClient({ apiKey: 'demo-key', fetch: again.fetch }).create('cust-1003', {
    type: 'Text',
    title: 'Texted the tech',
  });
  assert.deepEqual(repeat, made, 'the same seed and clock give the same answer');
});

test('random faults: the same seed gives the same faults; emulators share nothing', async () => {
  const statuses = async (emulator) => {
    const out = [];
    for (let i = 0; i < 12; i++) {
      out.push((await emulator.fetch(`${API}/cust-1002`, { headers: KEY })).status);
    }
    return out;
  };
  const options = { faultRate: 0.5, faultKinds: '429,503', faultSeed: 42 };
  const first = await statuses(createEmulator(options));
  assert.deepEqual(await statuses(createEmulator(options)), first);
  assert.ok(first.includes(200) && first.some((s) => s >= 429), String(first));

  const a = createEmulator();
  const b = createEmulator();
  await new ActivityLogClient({ apiKey: 'demo-key', fetch: a.fetch }).create('cust-1001', {
    type: 'Call',
    title: 'Only in a',
  });
  assert.deepEqual([a.activities('cust-1001').length, b.activities('cust-1001').length], [7, 6]);
  const copy = a.activities('cust-1001');
  copy.pop();
  assert.equal(a.activities('cust-1001').length, 7, 'activities() gives copies');
  assert.equal(a.activities('nobody'), null);
});

test('require() of the emulator entry works too (CommonJS)', () => {
  const { createEmulator: fromRequire } = require('skimmer-activity-logs/emulator');
  assert.equal(typeof fromRequire, 'function');
  assert.deepEqual(fromRequire().customerIds(), ['cust-1001', 'cust-1002', 'cust-1003']);
});

const recorder = new URL('../support/record-wasm-reads.cjs', import.meta.url).pathname;

/** The .wasm files a child Node process reads while it runs `script` (an ES module). */
function wasmFilesRead(script) {
  const out = execFileSync(
    process.execPath,
    [
      '--require',
      recorder,
      '--input-type=module',
      '-e',
      `${script}\nconsole.log(JSON.stringify(globalThis.__wasmRead));`,
    ],
    { cwd: new URL('.', import.meta.url) },
  );
  return JSON.parse(out.toString().trim().split('\n').pop());
}

test('the main entry never reads the emulator .wasm, in ESM or CommonJS; the emulator entry does', () => {
  const main = wasmFilesRead(`
    const api = await import('skimmer-activity-logs');
    api.validateActivity({ type: 'Call', title: 'x' });
    (await import('node:module')).createRequire(import.meta.url)('skimmer-activity-logs');`);
  assert.deepEqual(
    [...new Set(main)],
    ['skimmer_activity_logs_bg.wasm'],
    'the main .wasm only (readFileSync opens it too)',
  );
  const emulator = wasmFilesRead(`
    const { createEmulator } = await import('skimmer-activity-logs/emulator');
    createEmulator();`);
  assert.deepEqual([...new Set(emulator)], ['skimmer_emulator_bg.wasm']);
});
