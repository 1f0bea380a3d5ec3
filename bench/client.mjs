// Client overhead: the microseconds `client.get` and `client.list` (1,000 and 10,000 activities)
// add to a raw `fetch` + `res.json()` of the same URL, in Node and in Chromium, against:
//   fixed     lib/fixed-server.mjs on 127.0.0.1, replaying the emulator's recorded answers byte
//             for byte (a process of its own; nothing computed per request: the fairest fast
//             local server)
//   emulator  the emulator itself (optimised build), on 127.0.0.1
//   memory    no server: an in-memory `fetch` answering with the same recorded bytes
//             (lib/client-core.js memoryFetch), given to the client and called by the raw side
//             alike; what is left is what each side does with an answer, free of network noise
// Node runs in a fresh child process; Chromium in a page of another origin (CORS, as an app).
//   node bench/client.mjs [--smoke]   prints the rows as JSON
import { API_KEY } from '../tests/support/emulator.mjs';
import { runChild } from './lib/child.mjs';
import { withChromium, inFreshPage } from './lib/chromium.mjs';
import { emulatorWith, startFixedServer } from './lib/fixtures.mjs';
import { nodeEntryUrl } from './lib/pkg.mjs';

// `get` takes more, shorter trials than the lists: its difference is tens of µs on a call of
// 0.3-4 ms, and the median of 96 rounds of 50 calls moves less between runs than that of 31 of
// 100 (96: every one of the three or four sides first and last equally often).
export async function run({ trials = 31, getTrials = 96, sizes = [1_000, 10_000], getRepeat = 50 } = {}) {
  const lists = sizes.map((count) => ({ customer: `bench-${count}`, count }));
  const emulator = await emulatorWith(Object.fromEntries(lists.map((l) => [l.customer, l.count])));
  let fixed;
  try {
    const names = [];
    for (const { customer, count } of lists) {
      await emulator.capture(`list-${count}`, `/CustomerActivityLogs/${customer}`);
      names.push(`list-${count}`);
    }
    const [first] = (await emulator.capture(`list-${sizes[0]}`, `/CustomerActivityLogs/${lists[0].customer}`)).json();
    await emulator.capture('get', `/CustomerActivityLogs/${lists[0].customer}/${encodeURIComponent(first.id)}`);
    names.push('get');
    fixed = await startFixedServer(names);
    const servers = [
      { server: 'fixed', baseUrl: fixed.url },
      { server: 'emulator', baseUrl: emulator.url },
      { server: 'memory', baseUrl: 'http://memory.invalid', recorded: names },
    ];
    const options = { apiKey: API_KEY, lists, getId: first.id, trials, getTrials, getRepeat };
    const node = await runChild('client-child.mjs', { entry: nodeEntryUrl(), servers, ...options });
    const chromium = await withChromium((browser, url) =>
      inFreshPage(
        browser,
        url,
        async ({ servers, ...options }) => {
          const { ActivityLogClient } = await import('/pkg/index.js');
          const { clientOverhead, memoryFetch } = await import('/bench/lib/client-core.js');
          const { createClient: createHandWritten, rules: handRules } = await import('/built/entry-valibot.js');
          const sides = { ActivityLogClient, createHandWritten, handRules };
          const load = async (name) => {
            const meta = await (await fetch(`/built/fixtures/${name}.json`)).json();
            return { ...meta, body: new Uint8Array(await (await fetch(`/built/fixtures/${name}.body`)).arrayBuffer()) };
          };
          const rows = [];
          for (const { server, baseUrl, recorded } of servers) {
            const fetch = recorded ? memoryFetch(await Promise.all(recorded.map(load))) : undefined;
            for (const row of await clientOverhead({ ...sides, baseUrl, fetch, ...options }))
              rows.push({ server, ...row });
          }
          return rows;
        },
        { servers, ...options },
        { timeoutMs: 600_000 },
      ),
    );
    return { node, chromium };
  } finally {
    await fixed?.stop();
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  console.log(
    JSON.stringify(await run(smoke ? { trials: 3, getTrials: 3, sizes: [100, 1_000], getRepeat: 5 } : {}), null, 1),
  );
}
