// Memory in Node: after warm-up, 10,000 calls grow the wasm memory by at most 1 MB, and the JS
// heap returns to its level after garbage collection (no leaked closures, handles or promises).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
// Through `./web`, whose initSync hands back the instance's exports, memory included. (In Node the
// main entry has a glue and an instance of its own, built from the same code.)
import * as api from 'skimmer-activity-logs/web';
import { startEmulator, API_KEY } from '../support/emulator.mjs';
import { workload } from '../support/memory-workload.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
let emulator;
after(() => emulator?.stop());

async function settledHeap() {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10)); // let finalizers and timers run
  }
  return process.memoryUsage().heapUsed;
}

test('10,000 calls: wasm memory grows at most 1 MB, the JS heap returns to its level', async () => {
  emulator = await startEmulator(['--rate-limit', '1000000']);
  const wasmPath = createRequire(import.meta.url).resolve('skimmer-activity-logs/skimmer_activity_logs_bg.wasm');
  const { memory } = api.initSync({ module: fs.readFileSync(wasmPath) });
  const client = new api.ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url });

  await workload(api, client, 2_000); // warm-up: JIT, allocator high-water mark, connections
  const wasmBefore = memory.buffer.byteLength;
  const heapBefore = await settledHeap();
  await workload(api, client, Number(process.env.MEMORY_CALLS ?? 10_000));
  const heapAfter = await settledHeap();
  const wasmAfter = memory.buffer.byteLength;
  console.log(JSON.stringify({ wasmBefore, wasmAfter, heapBefore, heapAfter }));
  assert.ok(wasmAfter - wasmBefore <= 1 << 20, `wasm memory grew ${wasmAfter - wasmBefore} bytes`);
  assert.ok(heapAfter - heapBefore <= 1 << 20, `JS heap grew ${heapAfter - heapBefore} bytes`);
});
