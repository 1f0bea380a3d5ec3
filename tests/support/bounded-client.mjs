// Runs one client call in a fresh Node process for tests/node/bounded.test.mjs, and reports the
// outcome and how much the process's peak memory (RSS) grew during the call, as one JSON line.
//   node bounded-client.mjs <package entry URL> <baseUrl> <warm-up baseUrl>
const [entry, baseUrl, warmUrl] = process.argv.slice(2);
const { ActivityLogClient } = await import(entry);

// Warm up first (fetch's HTTP stack, the wasm, the JIT), so the figure is the call's own.
await new ActivityLogClient({ apiKey: 'test-key', baseUrl: warmUrl }).get('warm', 'up');
const before = process.memoryUsage().rss;
const started = performance.now();
let outcome;
try {
  outcome = { value: await new ActivityLogClient({ apiKey: 'test-key', baseUrl }).get('c1', 'a1') };
} catch (error) {
  outcome = {
    kind: error.kind,
    name: error.name,
    message: error.message,
    status: error.status,
    body: typeof error.body === 'string' ? { length: error.body.length, start: error.body.slice(0, 20) } : error.body,
    problem: error.problem,
  };
}
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ ...outcome, ms, growth: peak - before }));
