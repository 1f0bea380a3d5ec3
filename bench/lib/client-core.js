// What the client adds per call, in Node and in the benchmark page: `client.get` / `client.list`
// next to a raw `fetch` + `res.json()` of the same URL with the same headers, against the same
// server, in alternating trials (so drift in the machine affects both alike). Plain JS: the
// caller passes the package's ActivityLogClient.

/**
 * A `fetch` with no network: it answers each recorded path (lib/fixtures.mjs: { path, status,
 * headers, body }) with a new Response of the recorded status, headers and bytes. Given to the
 * client (its `fetch` option) and called by the raw side alike, it leaves only what each side
 * does with the answer.
 */
export function memoryFetch(recorded) {
  const answers = new Map(recorded.map((r) => [r.path, r]));
  return async (input) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const answer = answers.get(url.pathname);
    if (!answer) return new Response('not recorded', { status: 404 });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Mean ms per call of `repeat` sequential awaited calls of `fn`. */
async function timeCalls(fn, repeat) {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) await fn();
  return (performance.now() - start) / repeat;
}

/**
 * `trials` rounds of (client, raw) trials, with `guarded` and `handWritten` as further sides when
 * given, the order changed every round, after 3 untimed rounds. Per round: each side's ms per
 * call; kept: the medians of each side, the median of the rounds' ratios client / raw, and the
 * median (and quartiles) of the rounds' differences in µs; for each further side, also its
 * median and the medians of its differences to raw and of the client's to it.
 */
async function compare(client, raw, { trials, repeat, guarded, handWritten }) {
  const sides = Object.entries({ client, raw, guarded, handWritten }).filter(([, side]) => side);
  const times = sides.map(() => []);
  for (let i = 0; i < 3; i++) for (const [, side] of sides) await timeCalls(side, repeat);
  for (let i = 0; i < trials; i++) {
    // Every side goes first, and last, as often as the others.
    const order = sides.map((_, k) => (k + i) % sides.length);
    if (Math.floor(i / sides.length) % 2) order.reverse();
    for (const k of order) times[k].push(await timeCalls(sides[k][1], repeat));
  }
  const t = Object.fromEntries(sides.map(([name], k) => [name, times[k]]));
  const diff = (x, y) => x.map((v, i) => (v - y[i]) * 1000);
  const added = diff(t.client, t.raw);
  return {
    client_ms: median(t.client),
    raw_ms: median(t.raw),
    ratio: median(t.client.map((x, i) => x / t.raw[i])),
    added_us: median(added),
    added_us_q1: quantile(added, 0.25),
    added_us_q3: quantile(added, 0.75),
    ...(t.guarded && {
      guarded_ms: median(t.guarded),
      guarded_added_us: median(diff(t.guarded, t.raw)),
      client_over_guarded_us: median(diff(t.client, t.guarded)),
    }),
    ...(t.handWritten && {
      hand_ms: median(t.handWritten),
      hand_added_us: median(diff(t.handWritten, t.raw)),
      client_over_hand_us: median(diff(t.client, t.handWritten)),
    }),
  };
}

/**
 * Runs the comparison for `lists` ([{ customer, count }]) and one `get` of `getId` from the first
 * list's customer, against `baseUrl` (through `fetch` when given, else the global fetch). Checks
 * first that the client and raw fetch see the same data. With `createHandWritten`
 * (alternatives/client.js's `createClient`) and `handRules` (its rules, valibot's), `get` also
 * times the hand-written client of the size comparison, where it uses the global fetch (it has
 * no `fetch` option): the figure the target of 25 µs added can be read against.
 */
export async function clientOverhead({
  ActivityLogClient,
  createHandWritten,
  handRules,
  apiKey,
  baseUrl,
  fetch: fetchFn,
  lists,
  getId,
  trials,
  getTrials = trials,
  getRepeat,
}) {
  const client = new ActivityLogClient({ apiKey, baseUrl, ...(fetchFn ? { fetch: fetchFn } : {}) });
  const headers = { 'skimmer-api-key': apiKey, accept: 'application/json' };
  const send = fetchFn ?? fetch;
  const raw = (url) => () => send(url, { headers }).then((r) => r.json());
  const rows = [];
  for (const { customer, count } of lists) {
    const url = `${baseUrl}/CustomerActivityLogs/${encodeURIComponent(customer)}`;
    const [ours, theirs] = [await client.list(customer), await raw(url)()];
    if (ours.length !== count || theirs.length !== count)
      throw new Error(`list ${customer}: ${ours.length} and ${theirs.length} activities, not ${count}`);
    const repeat = count >= 10_000 ? 1 : count >= 1_000 ? 5 : 20;
    rows.push({
      op: `list ${count.toLocaleString('en')}`,
      ...(await compare(() => client.list(customer), raw(url), { trials, repeat })),
    });
  }
  const customer = lists[0].customer;
  const url = `${baseUrl}/CustomerActivityLogs/${encodeURIComponent(customer)}/${encodeURIComponent(getId)}`;
  if ((await client.get(customer, getId)).id !== getId || (await raw(url)()).id !== getId)
    throw new Error(`get ${getId}: another activity came back`);
  // What the client's guards cost the platform's fetch by themselves: the same raw request with
  // a per-attempt timeout (an AbortController and a timer, as fetch.js sets up) and
  // `redirect: 'manual'`, the two things the client always adds to a request.
  const guarded = () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    return send(url, { headers, redirect: 'manual', signal: controller.signal })
      .then((r) => r.json())
      .finally(() => clearTimeout(timer));
  };
  const hand = createHandWritten && !fetchFn ? createHandWritten({ apiKey, baseUrl, rules: handRules }) : null;
  if (hand && (await hand.get(customer, getId)).id !== getId)
    throw new Error(`get ${getId}: the hand-written client got another activity`);
  const handWritten = hand && (() => hand.get(customer, getId));
  rows.push({
    op: 'get',
    ...(await compare(() => client.get(customer, getId), raw(url), {
      trials: getTrials,
      repeat: getRepeat,
      guarded,
      handWritten,
    })),
  });
  return rows;
}
