// Memory in Chromium: after warm-up, 10,000 calls grow the wasm memory by at most 1 MB, and the
// JS heap returns to its level after garbage collection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from '../support/static-server.mjs';
import { launchBrowser, newPage } from '../support/browser.mjs';
import { startEmulator, API_KEY } from '../support/emulator.mjs';

test('10,000 calls in Chromium: wasm memory grows at most 1 MB, the JS heap returns to its level', async (t) => {
  const emulator = await startEmulator(['--rate-limit', '1000000']);
  const server = await serveStatic({
    mounts: { '/pkg/': 'pkg', '/support/': 'tests/support' },
    pages: { '/': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>memory</title>' },
  });
  const browser = await launchBrowser(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
  t.after(async () => {
    await browser.close();
    await server.close();
    await emulator.stop();
  });
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`${server.url}/`);
  const figures = await page.evaluate(
    async ({ baseUrl, apiKey }) => {
      const api = await import('/pkg/index.js');
      const { default: init } = await import('/pkg/web.js');
      const { memory } = await init(); // the instance the entry already made
      const { workload } = await import('/support/memory-workload.mjs');
      const client = new api.ActivityLogClient({ apiKey, baseUrl });
      const settledHeap = async () => {
        for (let i = 0; i < 4; i++) {
          window.gc();
          await new Promise((r) => setTimeout(r, 20));
        }
        return performance.memory.usedJSHeapSize;
      };
      await workload(api, client, 2_000);
      const wasmBefore = memory.buffer.byteLength;
      const heapBefore = await settledHeap();
      await workload(api, client, 10_000);
      const heapAfter = await settledHeap();
      return { wasmBefore, wasmAfter: memory.buffer.byteLength, heapBefore, heapAfter };
    },
    { baseUrl: emulator.url, apiKey: API_KEY },
  );
  console.log(JSON.stringify(figures));
  assert.deepEqual(errors, []);
  assert.ok(figures.wasmAfter - figures.wasmBefore <= 1 << 20, `wasm grew ${figures.wasmAfter - figures.wasmBefore}`);
  assert.ok(figures.heapAfter - figures.heapBefore <= 1 << 20, `heap grew ${figures.heapAfter - figures.heapBefore}`);
});
