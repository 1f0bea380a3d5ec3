// Timing helpers shared by the benchmarks, in Node and in pages: medians of repeated trials.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** The mean time of `repeat` sequential runs of the async `fn`, in ms. */
export async function timeAsync(fn, repeat) {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) await fn();
  return (performance.now() - start) / repeat;
}

/**
 * Times two async operations in alternating trials (so drift in the machine affects both
 * alike), each trial `repeat` calls long, after a warm-up; returns the medians (ms per call) and
 * their ratio.
 */
export async function compare(name, ours, raw, { trials, repeat }) {
  for (let i = 0; i < 3; i++) { await timeAsync(ours, repeat); await timeAsync(raw, repeat); }
  const a = [];
  const b = [];
  for (let i = 0; i < trials; i++) {
    if (i % 2) { a.push(await timeAsync(ours, repeat)); b.push(await timeAsync(raw, repeat)); }
    else { b.push(await timeAsync(raw, repeat)); a.push(await timeAsync(ours, repeat)); }
  }
  return { name, client_ms: median(a), raw_ms: median(b), ratio: median(a) / median(b) };
}

/**
 * How many times per second each of `fns` (an object of name → function) runs over every item
 * of `items`: the median of `trials` trials of about `trialMs` each, after one warm-up trial.
 * The functions take turns trial by trial, so drift in the machine affects them alike.
 */
export function rates(fns, items, { trials, trialMs }) {
  const samples = Object.fromEntries(Object.keys(fns).map((name) => [name, []]));
  for (let trial = 0; trial <= trials; trial++) {
    for (const [name, fn] of Object.entries(fns)) {
      let ops = 0;
      const start = performance.now();
      let now = start;
      while (now - start < trialMs) {
        for (const item of items) fn(item);
        ops += items.length;
        now = performance.now();
      }
      if (trial > 0) samples[name].push(ops / ((now - start) / 1000));
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}
