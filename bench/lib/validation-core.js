// Nanoseconds per call of synchronous validators, in Node and in the benchmark page: each
// validator runs in a loop function of its own (so the loop's call site only ever sees that
// validator), and many short trials alternate between validators in rotating order (so drift in
// the machine affects them alike). The figure kept is the fastest trial: each trial averages
// thousands of calls (garbage collection included), and on a machine shared with other work the
// fastest trial is the one least disturbed by it; the median is kept too.

let sink = 0;

/** A new loop function (its own feedback in the JS engine): calls `fn` on every item `reps` times. */
function newLoop() {
  // eslint-disable-next-line no-new-func
  return new Function(
    'fn',
    'items',
    'reps',
    [
      'let n = 0;',
      'for (let r = 0; r < reps; r++) for (let i = 0; i < items.length; i++) if (fn(items[i]) === undefined) n++;',
      'return n;',
    ].join('\n'),
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds for `reps` rounds of `loop(fn, items)`. */
function run(loop, fn, items, reps) {
  const start = performance.now();
  sink += loop(fn, items, reps);
  return performance.now() - start;
}

/**
 * How many rounds of `items` take about `ms`. Rounds double until runs are long enough to time
 * (an eighth of `ms`: hundreds of ticks even of a 5 µs timer), which also warms the code up
 * through the engine's tiers; the fastest round of three such runs sets the count. A run counts
 * only when it is that long, so a short run timed at 0 can never make the count infinite; and
 * never fewer than `MIN_CALLS` calls, so one slow run (a collection, a compilation) cannot leave
 * a trial too short for the timer.
 */
const MIN_CALLS = 2000;
function calibrate(loop, fn, items, ms) {
  let reps = 1;
  let best = Infinity;
  for (let timed = 0; timed < 3; ) {
    const took = run(loop, fn, items, reps);
    if (took >= ms / 8) {
      best = Math.min(best, took / reps);
      timed += 1;
    } else if (reps < 1 << 26) {
      reps *= 2;
    } else {
      throw new Error('a validator runs too fast to time: has the engine dropped the calls?');
    }
  }
  return Math.max(Math.ceil(MIN_CALLS / items.length), Math.round(ms / best));
}

/**
 * Times `validators` (name → function of one input) on each of `rows` ([{ name, items }]):
 * `trials` trials of about `trialMs` each per validator and row, after one untimed trial. With
 * `warm` (an array of inputs), every validator first runs over it for `warmMs`: the state of an
 * app that validates varied input. Returns [{ name, ns: { validator → ns per call, fastest trial },
 * median: { validator → ns per call, median trial } }].
 */
export function timeValidators(validators, rows, { trials, trialMs, warm = null, warmMs = 0 }) {
  const names = Object.keys(validators);
  const loops = Object.fromEntries(names.map((name) => [name, newLoop()]));
  if (warm) {
    for (const name of names) {
      const reps = calibrate(loops[name], validators[name], warm, warmMs);
      run(loops[name], validators[name], warm, reps);
    }
  }
  const results = [];
  for (const { name: row, items } of rows) {
    const reps = Object.fromEntries(
      names.map((name) => [name, calibrate(loops[name], validators[name], items, trialMs)]),
    );
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    for (let trial = 0; trial <= trials; trial++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(trial + k) % names.length];
        const took = run(loops[name], validators[name], items, reps[name]);
        if (trial > 0) samples[name].push((took * 1e6) / (reps[name] * items.length));
      }
    }
    results.push({
      name: row,
      ns: Object.fromEntries(names.map((name) => [name, Math.min(...samples[name])])),
      median: Object.fromEntries(names.map((name) => [name, median(samples[name])])),
    });
  }
  return results;
}

/** Keeps the loops' results observable, so no engine can drop the calls. */
export const observed = () => sink;
