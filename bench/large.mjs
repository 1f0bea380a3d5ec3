// Large logs: one list of 100,000 activities (about 45 MB of JSON, recorded from the emulator and
// replayed by lib/fixed-server.mjs), through the client (with `maxResponseBytes` raised above its
// 32 MiB default) and through a raw `fetch` + `res.json()`. Each sample is a fresh Node process
// that lists once (lib/large-child.mjs); the two take turns, one pair of samples (one of each,
// in alternating order) after another. Kept: the median of the pairs' time ratios (client / raw:
// the two samples of a pair run back to back, so a drift of the machine, which moves the raw
// side's median by a quarter between runs, affects both alike), and each side's medians of the
// time, of the process's RSS high-water mark and of what the call raised it by.
//   node bench/large.mjs [--smoke]   prints the figures as JSON
import { API_KEY } from '../tests/support/emulator.mjs';
import { runChild } from './lib/child.mjs';
import { emulatorWith, startFixedServer } from './lib/fixtures.mjs';
import { nodeEntryUrl } from './lib/pkg.mjs';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function run({ count = 100_000, samples = 21 } = {}) {
  const customer = `bench-${count}`;
  const name = `list-${count}`;
  const emulator = await emulatorWith({ [customer]: count });
  let bytes;
  try {
    ({ bytes } = await emulator.capture(name, `/CustomerActivityLogs/${customer}`));
  } finally {
    await emulator.stop();
  }
  const server = await startFixedServer([name]);
  try {
    const args = {
      entry: nodeEntryUrl(),
      baseUrl: server.url,
      customer,
      count,
      apiKey: API_KEY,
      maxResponseBytes: 256 * 1024 * 1024,
    };
    const samplesOf = { client: [], raw: [] };
    for (let i = 0; i < samples; i++) {
      for (const mode of i % 2 ? ['raw', 'client'] : ['client', 'raw']) {
        samplesOf[mode].push(await runChild('large-child.mjs', { ...args, mode }, { timeoutMs: 120_000 }));
      }
    }
    const summary = (list) => ({
      ms: median(list.map((s) => s.ms)),
      peakRss: median(list.map((s) => s.peakRss)),
      rssBefore: median(list.map((s) => s.rssBefore)),
      raised: median(list.map((s) => s.peakRss - s.rssBefore)),
    });
    const ratios = samplesOf.client.map((c, i) => c.ms / samplesOf.raw[i].ms);
    return {
      count,
      bytes,
      samples,
      ratio: median(ratios),
      ratios,
      client: summary(samplesOf.client),
      raw: summary(samplesOf.raw),
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  console.log(JSON.stringify(await run(smoke ? { count: 1_000, samples: 1 } : {}), null, 1));
}
