#!/usr/bin/env node
// Client overhead in Node: `client.list` of 1,000 and 10,000 activities and single `get`s against
// the emulator, next to a raw `fetch` + `res.json()` of the same URLs in the same run. Trials
// alternate between the two so drift in the machine affects both alike; medians are reported.
//
//   node bench/client.mjs [--trials N] [--json]   (bench/run.mjs runs it with the rest)
// Needs `make pkg` and `cargo build --profile emulator -p skimmer-emulator`.
import { ActivityLogClient } from '../pkg/node.js';
import { startEmulator, API_KEY } from '../tests/support/emulator.mjs';
import { compare } from './lib/measure.mjs';

const headers = { 'skimmer-api-key': API_KEY, accept: 'application/json' };

/** Runs the client benchmark against a fresh emulator; `trials` per figure. */
export async function run({ trials = 31, sizes = [1_000, 10_000], getRepeat = 100 } = {}) {
  process.env.EMULATOR_PROFILE ??= 'emulator';
  const emulator = await startEmulator(['--rate-limit', '100000000']);
  try {
    const client = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url });
    const rows = [];
    for (const count of sizes) {
      const customer = `bench-${count}`;
      await emulator.bulk(customer, count);
      const url = `${emulator.url}/CustomerActivityLogs/${customer}`;
      const check = await client.list(customer);
      if (check.length !== count) throw new Error(`expected ${count} activities, got ${check.length}`);
      const repeat = count >= 10_000 ? 1 : 5;
      rows.push(await compare(`list ${count.toLocaleString('en')}`, () => client.list(customer),
        () => fetch(url, { headers }).then((r) => r.json()), { trials, repeat }));
    }
    const customer = `bench-${sizes[0]}`;
    const [first] = await client.list(customer);
    const getUrl = `${emulator.url}/CustomerActivityLogs/${customer}/${encodeURIComponent(first.id)}`;
    rows.push(await compare('get', () => client.get(customer, first.id),
      () => fetch(getUrl, { headers }).then((r) => r.json()), { trials, repeat: getRepeat }));
    return rows;
  } finally {
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const trials = Number(args[args.indexOf('--trials') + 1] || 0) || 31;
  const rows = await run({ trials });
  if (args.includes('--json')) {
    console.log(JSON.stringify(rows));
  } else {
    console.log(`Node ${process.version}, ${trials} alternating trials, medians`);
    console.log('| operation | client (ms) | raw fetch + json (ms) | ratio |');
    console.log('|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.name} | ${r.client_ms.toFixed(3)} | ${r.raw_ms.toFixed(3)} | ${r.ratio.toFixed(3)} |`);
  }
}
