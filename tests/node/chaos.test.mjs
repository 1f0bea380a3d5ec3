// Chaos: 1,000 mixed operations through one client against an emulator that faults about 20% of
// requests (429 with Retry-After: 1, 503, dropped connections, 50-500 ms of latency). Every
// operation settles within a bound, every failure is a typed error, and the activities stored
// are exactly those whose create succeeded, minus those whose delete succeeded.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityLogClient, isActivityLogError } from 'skimmer-activity-logs';
import { startEmulator, API_KEY } from '../support/emulator.mjs';

const OPERATIONS = 1_000;
const WORKERS = 16;
const BOUND_MS = 20_000; // per operation: 5 waits of 1 s, backoffs, latency, with room to spare
const CUSTOMER = 'chaos';
let emulator;
after(() => emulator?.stop());

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(`${OPERATIONS} operations under ~20% injected faults: all settle, nothing lost or doubled`, async () => {
  emulator = await startEmulator([
    '--no-seed',
    '--rate-limit',
    '1000000',
    '--fault-rate',
    '0.2',
    '--fault-kinds',
    '429,503,drop,delay',
    '--fault-seed',
    '20261127',
  ]);
  await emulator.addCustomer(CUSTOMER);
  const client = new ActivityLogClient({ apiKey: API_KEY, baseUrl: emulator.url, timeoutMs: 10_000 });
  const next = random(42);
  const live = new Set(); // ids whose create succeeded and delete has not
  const counts = { created: 0, deleted: 0, ok: 0, failed: 0 };
  const failures = {};
  let slowest = 0;

  async function operation(i) {
    const roll = next();
    const ids = [...live];
    const id = ids.length ? ids[Math.floor(next() * ids.length)] : 'missing';
    const input = { type: 'Call', title: `Chaos ${i}`, authorName: 'Chaos' };
    if (roll < 0.4 || ids.length === 0) {
      const made = await client.create(CUSTOMER, input);
      live.add(made.id);
      counts.created++;
    } else if (roll < 0.6) {
      await client.list(CUSTOMER);
    } else if (roll < 0.8) {
      await client.get(CUSTOMER, id);
    } else if (roll < 0.9) {
      await client.update(CUSTOMER, id, { ...input, title: `Chaos ${i} updated` });
    } else {
      live.delete(id); // no further operation picks it, whatever happens
      await client.delete(CUSTOMER, id);
      counts.deleted++;
    }
  }

  let issued = 0;
  async function worker() {
    while (issued < OPERATIONS) {
      const i = issued++;
      const start = performance.now();
      let timer;
      const bound = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`operation ${i} exceeded ${BOUND_MS} ms`)), BOUND_MS);
      });
      try {
        await Promise.race([operation(i), bound]);
        counts.ok++;
      } catch (error) {
        assert.ok(isActivityLogError(error), `operation ${i}: ${error?.stack ?? error}`);
        const key = `${error.kind}${error.status ? ` ${error.status}` : ''}`;
        failures[key] = (failures[key] ?? 0) + 1;
        counts.failed++;
      } finally {
        clearTimeout(timer);
      }
      slowest = Math.max(slowest, performance.now() - start);
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const elapsed = performance.now() - started;

  const health = await (await fetch(`${emulator.url}/__emulator/health`)).json();
  const log = await emulator.requests();
  const faults = {};
  for (const entry of log)
    if (entry.fault) faults[entry.fault.split(/[;=]/)[0]] = (faults[entry.fault.split(/[;=]/)[0]] ?? 0) + 1;
  const faulted = Object.values(faults).reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      ...counts,
      failures,
      requests: log.length,
      faulted,
      faults,
      stored: health.activities,
      slowestMs: Math.round(slowest),
      elapsedMs: Math.round(elapsed),
    }),
  );

  assert.equal(counts.ok + counts.failed, OPERATIONS);
  assert.equal(health.activities, counts.created - counts.deleted, 'stored = successful creates - successful deletes');
  assert.ok(faulted / log.length > 0.1 && faulted / log.length < 0.3, `${faulted} of ${log.length} requests faulted`);
  assert.ok(counts.ok > OPERATIONS * 0.8, 'retries carry most operations through');
});
