#!/usr/bin/env node
// Client overhead in Node: `client.list` of 1,000 and 10,000 activities and single `get`s against
// the emulator, next to a raw `fetch` + `res.json()` of the same URLs in the same run. Trials
// alternate between the two so drift in the machine affects both alike; medians are reported.
//
//   node bench/client.mjs [--trials N] [--json]
// Needs `make pkg` and `cargo build --profile emulator -p skimmer-emulator`.
import { ActivityLogClient } from '../pkg/node.js';
import { startEmulator, API_KEY } from '../tests/support/emulator.mjs';

const args = process.argv.slice(2);
const trials = Number(args[args.indexOf('--trials') + 1] || 0) || 31;
const asJson = args.includes('--json');

process.env.EMULATOR_PROFILE ??= 'emulator';
const emulator = await startEmulator(['--rate-limit', '100000000']);
const client = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url });
const headers = { 'skimmer-api-key': API_KEY, accept: 'application/json' };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** The mean time of `repeat` sequential runs of `fn`, in ms. */
async function time(fn, repeat) {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) await fn();
  return (performance.now() - start) / repeat;
}

/**
 * Runs both sides alternately, each trial `repeat` calls long (short calls are timed in
 * batches, so timer resolution and scheduling noise do not dominate); returns the medians (ms
 * per call) and their ratio.
 */
async function compare(name, ours, raw, repeat) {
  for (let i = 0; i < 3; i++) { await time(ours, repeat); await time(raw, repeat); } // warm-up
  const a = [];
  const b = [];
  for (let i = 0; i < trials; i++) {
    if (i % 2) { a.push(await time(ours, repeat)); b.push(await time(raw, repeat)); }
    else { b.push(await time(raw, repeat)); a.push(await time(ours, repeat)); }
  }
  return { name, client_ms: median(a), raw_ms: median(b), ratio: median(a) / median(b) };
}

const rows = [];
for (const count of [1_000, 10_000]) {
  const customer = `bench-${count}`;
  await emulator.bulk(customer, count);
  const url = `${emulator.url}/CustomerActivityLogs/${customer}`;
  const check = await client.list(customer);
  if (check.length !== count) throw new Error(`expected ${count} activities, got ${check.length}`);
  const repeat = count >= 10_000 ? 1 : 5;
  rows.push(await compare(`list ${count}`, () => client.list(customer), () => fetch(url, { headers }).then((r) => r.json()), repeat));
}
const [first] = await client.list('bench-1000');
const getUrl = `${emulator.url}/CustomerActivityLogs/bench-1000/${encodeURIComponent(first.id)}`;
rows.push(await compare('get', () => client.get('bench-1000', first.id), () => fetch(getUrl, { headers }).then((r) => r.json()), 100));
await emulator.stop();

if (asJson) {
  console.log(JSON.stringify(rows));
} else {
  console.log(`Node ${process.version}, ${trials} alternating trials, medians`);
  console.log('| operation | client (ms) | raw fetch + json (ms) | ratio |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.client_ms.toFixed(2)} | ${r.raw_ms.toFixed(2)} | ${r.ratio.toFixed(3)} |`);
}
