// A Node process of its own for one large list (large.mjs): imports the package and makes one
// small request (in both modes, so the two differ only in the call), then lists once, through the client or through a raw
// `fetch` + `res.json()`, and prints the time, the process's RSS before the call and its RSS
// high-water mark (which includes the call's peak).
const { entry, mode, baseUrl, customer, count, apiKey, maxResponseBytes } = JSON.parse(process.argv[2]);
const { ActivityLogClient } = await import(entry);
const client = new ActivityLogClient({ apiKey, baseUrl, maxResponseBytes });
const url = `${baseUrl}/CustomerActivityLogs/${encodeURIComponent(customer)}`;
const headers = { 'skimmer-api-key': apiKey, accept: 'application/json' };
// Node loads its fetch on first use (tens of ms, some MB): both modes pay that here, untimed.
await fetch(`${baseUrl}/not-recorded`).then((r) => r.text());
const rssBefore = process.memoryUsage().rss;
const start = performance.now();
const list = mode === 'client' ? await client.list(customer) : await fetch(url, { headers }).then((r) => r.json());
const ms = performance.now() - start;
if (list.length !== count) throw new Error(`${mode}: ${list.length} activities, not ${count}`);
console.log(JSON.stringify({ ms, rssBefore, peakRss: process.resourceUsage().maxRSS * 1024 }));
