// createEmulator(): the emulator in process. The core (emulator/core, compiled to
// skimmer_emulator_bg.wasm) decides every answer, exactly as it does behind the HTTP server;
// this file performs what it decides with the platform's own classes: it reads a `Request`
// (its body only up to the core's limit), hands it over with the time, then waits (a real,
// abortable timer), resolves with a `Response` or rejects as a network failure would.
//
// Imported by each entry of `skimmer-activity-logs/emulator` after the glue is instantiated.
import { EmulatorCore } from './skimmer_emulator.js';

// What the core's delivery says (emulator/wasm/src/delivery.rs).
const ANSWER = 0;
const DROP = 1;

/**
 * An emulator of the Skimmer Customer Activity Logs API in this process: see index.d.ts.
 * @param {import('./index.js').EmulatorOptions} [options]
 */
export function createEmulator(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('createEmulator: options must be an object');
  }
  const { now } = options;
  if (now !== undefined && typeof now !== 'function') {
    throw new TypeError('createEmulator: now must be a function returning milliseconds since the epoch');
  }
  const kinds = options.faultKinds;
  const core = new EmulatorCore(
    options.apiKey,
    options.seedCustomers,
    options.rateLimit,
    options.rateWindowMs,
    options.faultRate,
    Array.isArray(kinds) ? kinds.join(',') : kinds,
    options.faultSeed,
    options.randomSeed,
    entropy(),
  );
  // The wall clock stamps what is stored; rate-limit windows run on a clock that never jumps.
  // An injected clock is both.
  const clock =
    now === undefined
      ? () => [Date.now(), performance.now()]
      : () => {
          const ms = Number(now());
          return [ms, ms];
        };

  /** One request through the core, at once: its answer (read once). */
  const exchange = (method, target, headers, body, tooLarge) => {
    const [wall, monotonic] = clock();
    return core.handle(method, target, headers, body, tooLarge, wall, monotonic);
  };

  /** A control endpoint (`/__emulator/…`), called directly: its JSON, or an Error. */
  const control = (method, target, json) => {
    const body = json === undefined ? undefined : new TextEncoder().encode(JSON.stringify(json));
    const answer = exchange(method, target, ['content-type', 'application/json'], body, false);
    const { status, statusText } = answer;
    const text = new TextDecoder().decode(answer.takeBody());
    answer.free();
    const value = text === '' ? undefined : JSON.parse(text);
    if (status >= 400) throw new Error(`emulator: ${method} ${target}: ${status} ${value?.detail ?? statusText}`);
    return value;
  };

  /** Answers like `fetch`: see index.d.ts. */
  async function emulatorFetch(input, init) {
    const request = new Request(input, init);
    const { signal } = request;
    if (signal.aborted) throw signal.reason;
    const { bytes, tooLarge } = await readBody(request, core.maxBodyBytes, signal);
    const headers = [];
    for (const [name, value] of request.headers) headers.push(name, value);
    const url = new URL(request.url);
    const answer = exchange(request.method, url.pathname + url.search, headers, bytes, tooLarge);
    const { outcome, status, statusText, delayMs, seq, headers: pairs } = answer;
    const body = answer.takeBody();
    answer.free();
    if (delayMs > 0) await sleep(delayMs, signal);
    if (signal.aborted) throw signal.reason;
    if (outcome === DROP) {
      throw new TypeError('Failed to fetch: the emulator dropped the connection (a "drop" fault)');
    }
    const responseHeaders = new Headers();
    for (let i = 0; i + 1 < pairs.length; i += 2) responseHeaders.append(pairs[i], pairs[i + 1]);
    const response = new Response(outcome === ANSWER ? (body.length > 0 ? body : null) : failingAfter(body), {
      status,
      statusText,
      headers: responseHeaders,
    });
    if (delayMs > 0 && seq >= 0) core.answered(seq, status);
    return response;
  }

  return Object.freeze({
    fetch: emulatorFetch,
    reset: () => core.reset(),
    activities: (customerId) => {
      const json = core.activities(String(customerId));
      return json === undefined ? null : JSON.parse(json);
    },
    customerIds: () => core.customerIds(),
    requests: () => JSON.parse(core.requests()),
    addCustomer: (customerId) => {
      control('PUT', `/__emulator/customers/${encodeURIComponent(String(customerId))}`);
    },
    fault: (spec) => {
      control('POST', '/__emulator/faults', spec);
    },
  });
}

/** Four random 32-bit words for the core's seeds. */
function entropy() {
  const words = new Uint32Array(4);
  try {
    crypto.getRandomValues(words);
  } catch {
    // Cloudflare Workers refuse random values at a module's top level; ids there repeat per
    // isolate, which an emulator can live with.
    for (let i = 0; i < words.length; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
  }
  return words;
}

/**
 * The request's body, read until it ends or passes `limit` bytes (then the rest is never
 * read: `tooLarge`). `bytes` is undefined when there is no body.
 */
async function readBody(request, limit, signal) {
  if (request.body === null) return { bytes: undefined, tooLarge: false };
  const reader = request.body.getReader();
  let onAbort;
  const aborted = new Promise((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const chunks = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      length += value.byteLength;
      if (length > limit) {
        reader.cancel().catch(() => {});
        return { bytes: undefined, tooLarge: true };
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, tooLarge: false };
}

/** Resolves after `ms`; rejects with the signal's reason as soon as it aborts. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A body that gives `bytes`, then fails as a connection closed early does. */
function failingAfter(bytes) {
  let sent = bytes.length === 0;
  return new ReadableStream({
    pull(controller) {
      if (sent) {
        controller.error(new TypeError('terminated: the emulator cut the body short (a "truncated" fault)'));
      } else {
        sent = true;
        controller.enqueue(bytes);
      }
    },
  });
}
