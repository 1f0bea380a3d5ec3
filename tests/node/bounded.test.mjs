// Bounded responses: a body is counted as it streams in (decompressed) and refused past
// `maxResponseBytes`; an error body is read only up to its 64 KiB cap. A 1 GiB gzip bomb (about
// 1 MB on the wire) and a 200 MB error body each reject at once with the typed error, in one
// attempt, while the client process's memory grows by less than 100 MB (measured in a child
// process that runs only the client).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { ActivityLogClient } from 'skimmer-activity-logs';
import { startEmulator, API_KEY } from '../support/emulator.mjs';
import { activity } from '../support/activity.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const GIB = 1 << 30;
const MB = 1e6;
const ACTIVITY = activity();

/**
 * The gzip of 1 GiB: a JSON-looking start, then spaces (about 1 MB). Made once (a few seconds)
 * and kept under target/, which git ignores.
 */
async function gzipBomb() {
  const file = path.join(root, 'target', 'test-cache', 'bomb-1gib.json.gz');
  if (fs.existsSync(file)) return fs.readFileSync(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const head = Buffer.from('[{"id":"a1","customerId":"c1","title":"');
  const spaces = Buffer.alloc(1 << 20, 0x20);
  async function* body() {
    yield head;
    for (let left = GIB - head.length; left > 0; left -= spaces.length) {
      yield left >= spaces.length ? spaces : spaces.subarray(0, left);
    }
  }
  const partial = `${file}.${process.pid}`;
  await pipeline(Readable.from(body()), zlib.createGzip({ level: 6 }), fs.createWriteStream(partial));
  fs.renameSync(partial, file);
  return fs.readFileSync(file);
}

let server;
let bomb;
const attempts = { bomb: 0, error: 0 };
let errorBytesSent = 0;

before(async () => {
  bomb = await gzipBomb();
  server = http.createServer((req, res) => {
    const route = req.url.split('/')[1];
    if (route === 'bomb') {
      attempts.bomb++;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': bomb.length,
      });
      res.end(bomb);
    } else if (route === 'error') {
      // 200 MB of error text, streamed 1 MiB at a time as the client takes it.
      attempts.error++;
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(1 << 20, 'x');
      let left = 200;
      const write = () => {
        while (left > 0 && !res.destroyed) {
          left--;
          errorBytesSent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', write);
            return;
          }
        }
        if (left === 0) res.end();
      };
      write();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ACTIVITY));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
});
after(
  () =>
    new Promise((resolve) => {
      server?.closeAllConnections();
      server?.close(resolve);
    }),
);

/** One call in a child process: its outcome, time and peak memory growth. */
function inChild(route) {
  const url = `http://127.0.0.1:${server.address().port}`;
  const script = path.join(root, 'tests', 'support', 'bounded-client.mjs');
  const entry = import.meta.resolve('skimmer-activity-logs');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, entry, `${url}/${route}`, `${url}/ok`],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      },
    );
  });
}

test('a 1 GiB gzip bomb stops at maxResponseBytes: a DecodeError at once, one attempt, memory bounded', async () => {
  assert.ok(bomb.length < 2 * MB, `the bomb is ${bomb.length} bytes on the wire`);
  const result = await inChild('bomb');
  console.log(JSON.stringify({ bomb: { ...result, attempts: attempts.bomb } }));
  assert.equal(result.kind, 'decode', JSON.stringify(result));
  assert.equal(result.name, 'DecodeError');
  assert.equal(result.status, 200);
  assert.match(result.message, /larger than maxResponseBytes \(33554432 bytes\)/);
  assert.equal(attempts.bomb, 1, 'not retried');
  assert.ok(result.ms < 15_000, `${result.ms} ms`);
  assert.ok(result.growth < 100 * MB, `RSS grew ${(result.growth / MB).toFixed(1)} MB`);
});

test('a 200 MB error body is read only up to 64 KiB: an ApiError at once, one attempt, memory bounded', async () => {
  const result = await inChild('error');
  console.log(JSON.stringify({ error: { ...result, attempts: attempts.error, serverSent: errorBytesSent } }));
  assert.equal(result.kind, 'api', JSON.stringify(result));
  assert.equal(result.status, 500);
  assert.deepEqual(result.body, { length: 65_536, start: 'x'.repeat(20) }, 'the first 64 KiB, as text');
  assert.equal(result.problem, null);
  assert.equal(attempts.error, 1, 'not retried');
  assert.ok(result.ms < 15_000, `${result.ms} ms`);
  assert.ok(result.growth < 100 * MB, `RSS grew ${(result.growth / MB).toFixed(1)} MB`);
  assert.ok(errorBytesSent < 100 * MB, `the server sent ${errorBytesSent} bytes: the rest was not read`);
});

test('maxResponseBytes against the emulator: a list past it is a DecodeError naming it; one under it works', async (t) => {
  const emulator = await startEmulator();
  t.after(() => emulator.stop());
  const listLength = (await new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url }).list('cust-1001')).length;
  await emulator.clearRequests();
  const small = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url, maxResponseBytes: 1000 });
  const error = await small.list('cust-1001').then(
    () => assert.fail('resolved'),
    (e) => e,
  );
  assert.equal(error.kind, 'decode');
  assert.equal(error.status, 200);
  assert.match(
    error.message,
    /^GET http:\/\/127\.0\.0\.1:\d+\/CustomerActivityLogs\/cust-1001: the response body is larger than maxResponseBytes \(1000 bytes\)/,
  );
  assert.equal((await emulator.requests()).length, 1, 'not retried');

  // An error body is cut at the smaller of 64 KiB and maxResponseBytes, and kept as text.
  const tiny = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url, maxResponseBytes: 40 });
  const notFound = await tiny.get('cust-1001', 'nope').then(
    () => assert.fail('resolved'),
    (e) => e,
  );
  assert.equal(notFound.status, 404);
  assert.equal(typeof notFound.body, 'string');
  assert.equal(notFound.body.length, 40);
  assert.equal(notFound.problem, null);

  const roomy = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url, maxResponseBytes: 1_000_000 });
  assert.equal((await roomy.list('cust-1001')).length, listLength);
});

test('maxResponseBytes must be a positive whole number', () => {
  for (const bad of [0, -1, 1.5, NaN, Infinity, '1000', null, 2 ** 53]) {
    assert.throws(
      () => new ActivityLogClient({ apiKey: 'k', maxResponseBytes: bad }),
      (error) => {
        assert.ok(error instanceof TypeError);
        assert.match(error.message, /maxResponseBytes/);
        return true;
      },
      String(bad),
    );
  }
  assert.ok(new ActivityLogClient({ apiKey: 'k', maxResponseBytes: 1 }));
  assert.ok(new ActivityLogClient({ apiKey: 'k', maxResponseBytes: undefined }));
});
