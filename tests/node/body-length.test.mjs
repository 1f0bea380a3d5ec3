// A body that arrives in several chunks and declares its length is read into one buffer of that
// length (fetch.js, readBody): the list comes out the same whether the Content-Length is right,
// too small, too large or absent, whether the body is compressed or not, and a body past
// maxResponseBytes is still refused with a DecodeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { ActivityLogClient } from 'skimmer-activity-logs';
import { activity } from '../support/activity.mjs';

const ACTIVITY = activity();
const list = Array.from({ length: 500 }, (_, i) => ({
  ...ACTIVITY,
  id: `a${i}`,
  title: `Title ${i} ${'é'.repeat(i % 7)}`,
}));
const bytes = new TextEncoder().encode(JSON.stringify(list));

/** A client whose fetch answers `body` in chunks of `chunk` bytes with `headers`. */
function client(body, headers, chunk, maxResponseBytes) {
  return new ActivityLogClient({
    apiKey: 'k',
    baseUrl: 'http://127.0.0.1:9',
    retry: false,
    maxResponseBytes,
    fetch: async () => {
      let at = 0;
      const stream = new ReadableStream({
        pull(controller) {
          if (at >= body.byteLength) return controller.close();
          controller.enqueue(body.slice(at, at + chunk));
          at += chunk;
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-type': 'application/json', ...headers } });
    },
  });
}

test('a chunked body reads the same with a right, short, long or missing Content-Length', async () => {
  const n = bytes.byteLength;
  for (const chunk of [1000, 4096, n]) {
    for (const length of [n, n - 1, Math.floor(n / 2), 1, n + 1, 2 * n, undefined, 'x']) {
      const headers = length === undefined ? {} : { 'content-length': String(length) };
      assert.deepEqual(await client(bytes, headers, chunk).list('c1'), list, `chunks of ${chunk}, length ${length}`);
    }
  }
});

test("a compressed length is not taken for the body's", async () => {
  // What fetch gives is decompressed; a wrapper can hand on a Content-Encoding with the length of
  // the compressed body.
  const gzipped = zlib.gzipSync(bytes);
  const headers = { 'content-length': String(gzipped.byteLength), 'content-encoding': 'gzip' };
  assert.deepEqual(await client(bytes, headers, 1000).list('c1'), list);
});

test('past maxResponseBytes, a declared length changes nothing: a DecodeError', async () => {
  const limit = Math.floor(bytes.byteLength / 2);
  for (const length of [bytes.byteLength, limit, limit - 1, undefined]) {
    const headers = length === undefined ? {} : { 'content-length': String(length) };
    const error = await client(bytes, headers, 1000, limit)
      .list('c1')
      .then(
        () => null,
        (e) => e,
      );
    assert.equal(error?.name, 'DecodeError', `length ${length}`);
    assert.match(error.message, /maxResponseBytes/);
  }
});
