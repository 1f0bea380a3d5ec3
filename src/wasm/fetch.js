// The client's I/O, for the Rust shell (src/wasm/call.rs): the first send of a call (made before
// the shell makes the call's state, so the request leaves first), the loop that runs the call,
// an attempt (fetch with a per-attempt timeout and the caller's AbortSignal both aborting it,
// redirects not followed, the body read as it streams in, counted against the limits Rust
// gives) and an abortable sleep. Written in JS because it is nothing but wiring of JS objects (a
// controller, a timer, a listener, promises), which from Rust would cost closures, an async
// runtime and a boundary crossing at every step. It decides nothing: every event goes to the
// call's state machine in Rust (src/call.rs), and the loop does what it answers.

// What an attempt came to (codes::AttemptEnd in src/codes.rs, which checks these numbers).
const ANSWER = 0;
const NETWORK = 1;
const TIMEOUT = 2;
const ABORTED = 3;
const OPAQUE_REDIRECT = 4; // a browser's answer to redirect: 'manual': no status, no headers
const REDIRECTED = 5; // the fetch used followed a redirect anyway (an injected one)
// What became of a body (codes::BodyRead).
const NO_BODY = 0;
const JSON_BODY = 1;
const NOT_JSON = 2;
const TEXT = 3;
const TOO_LARGE = 4; // a 2xx body past maxBytes: reading stopped there
const CUT_TEXT = 5; // a non-2xx body past errorBytes: its first errorBytes, as text
// What to do with a 2xx body (codes::ReadMode).
const PARSE_JSON = 0;
// The request methods, by their code (routes::Method, in order; src/codes.rs checks them).
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
// What to do next (codes::Next); a number from 0 up is a wait, in milliseconds.
const SEND = -1;
const RESOLVE = -2;
// biome-ignore lint/correctness/noUnusedVariables: the else of RESOLVE; src/codes.rs checks the full list
const REJECT = -3;

const decoder = new TextDecoder();

/**
 * Reads `response`'s body as it streams in, counting its bytes (decompressed, as fetch delivers
 * them), up to `limit`: `{ chunks, size, over }`. Past `limit` it stops, cancels the rest and
 * sets `over`, keeping only the first `limit` bytes. A body that is not a web stream (a
 * polyfill's) is read whole, then measured.
 *
 * A body that comes in more than one chunk and declares its length (not compressed, within
 * `limit`) is copied into one buffer of that length as it arrives, so a large list is held once,
 * not as chunks and then again as their concatenation. (Asked only at the second chunk: a small
 * body pays no header lookup.)
 */
async function readBody(response, limit) {
  const chunks = [];
  let size = 0;
  const body = response.body;
  if (body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    // While `buffer` holds the body, `chunks` is empty.
    let buffer = null;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const n = value.byteLength;
      if (size + n > limit) {
        if (buffer) chunks.push(buffer.subarray(0, size));
        chunks.push(value.subarray(0, limit - size));
        reader.cancel().catch(() => {});
        return { chunks, size: limit, over: true };
      }
      if (chunks.length === 1 && buffer === null) {
        buffer = declaredBuffer(response, limit, size + n);
        if (buffer) buffer.set(chunks.pop(), 0);
      }
      if (buffer && size + n <= buffer.byteLength) {
        buffer.set(value, size);
      } else {
        if (buffer) {
          chunks.push(buffer.subarray(0, size));
          buffer = undefined; // the declared length was wrong: chunks from now on
        }
        chunks.push(value);
      }
      size += n;
    }
    if (buffer) chunks.push(buffer.subarray(0, size));
  } else if (body !== null) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    chunks.push(bytes.subarray(0, limit));
    if (bytes.byteLength > limit) return { chunks, size: limit, over: true };
    size = bytes.byteLength;
  }
  return { chunks, size, over: false };
}

/**
 * A buffer of the length `response` declares, when it declares one of at least `atLeast` bytes
 * and at most `limit`, uncompressed (fetch gives decompressed bytes, which Content-Length does
 * not count); else null.
 */
function declaredBuffer(response, limit, atLeast) {
  try {
    const headers = response.headers;
    const length = Number(headers.get('content-length'));
    if (!(length >= atLeast && length <= limit) || headers.get('content-encoding')) return null;
    return new Uint8Array(length);
  } catch {
    return null;
  }
}

/** The body `readBody` read, as text (a body cut inside a character loses that part). */
function text(body) {
  const { chunks, size } = body;
  let bytes = chunks[0];
  if (chunks.length !== 1) {
    bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
  }
  if (!body.over) return decoder.decode(bytes);
  // Cut at the limit, perhaps inside a character: `stream` leaves that part out, and the final
  // call forgets it. (Only here: streaming decodes are slower.)
  const cut = decoder.decode(bytes, { stream: true });
  decoder.decode();
  return cut;
}

/**
 * Sends a call's first attempt, before the Rust shell has made the call's state (`run` then takes
 * it over), so that the request leaves before that work: the request (`method`, a code of
 * METHODS, with `headers` and `body`) goes to `url` through `fetchFn` (the global `fetch` as it
 * is at this call when there is none: a test or a mock library may have replaced it). Returns
 * the call's flight (what every attempt needs), or null when there is no `fetch` to send with.
 *
 * The request's init object is made in `attempt`, one per attempt, with a literal of a fixed
 * shape: made by the Rust shell it cost a boundary crossing per property and per property name.
 */
export function send(fetchFn, url, method, headers, body, timeoutMs, signal, read, maxBytes, errorBytes) {
  const fetch = fetchFn ?? globalThis.fetch;
  if (typeof fetch !== 'function') return null;
  const flight = {
    fetch,
    url,
    method: METHODS[method],
    headers,
    body,
    timeoutMs,
    signal,
    read,
    maxBytes,
    errorBytes,
  };
  attempt(flight);
  return flight;
}

/**
 * Runs `call` (the Rust shell's PendingCall, started, whose first attempt `send` sent as
 * `flight`) to its end and settles with its result: reports every attempt's end, every wake-up
 * and an abort during a wait to it, sends again when it says SEND and sleeps when it says to
 * wait. Takes ownership of `call` and frees it at the end.
 */
export function run(flight, call) {
  const signal = flight.signal;
  return new Promise((resolve, reject) => {
    const report = (kind, status, headers, response, value, bodyKind) =>
      act(() => call.settle(kind, status, headers, response, value, bodyKind));
    const act = (step) => {
      let next;
      try {
        next = step();
      } catch (error) {
        reject(error);
        return;
      }
      if (next === SEND) {
        attempt(flight);
      } else if (next >= 0) {
        sleep(
          next,
          signal,
          () => act(() => call.woken()),
          () => act(() => call.aborted(signal.reason)),
        );
      } else {
        const result = call.result();
        call.free();
        (next === RESOLVE ? resolve : reject)(result);
      }
    };
    // Where every attempt's end goes (`attempt` reports to it), the first one's included: the
    // shell calls `run` right after `send`, before any attempt can end (one ends in a callback,
    // never synchronously).
    flight.report = report;
  });
}

/** Whether `response` says the fetch followed a redirect (a throwing getter says nothing). */
function followed(response) {
  try {
    return response.redirected === true;
  } catch {
    return false;
  }
}

/**
 * One attempt of `flight` (see `send`): sends its request (`url`, `method`, `headers`, `body`)
 * through its `fetch`, never following a redirect (the key and the body must not go anywhere but
 * the base URL; Node, Deno, Bun and workers then hand back the 3xx itself, browsers an opaque
 * redirect), and calls `flight.report(kind, status, headers, response, value, bodyKind)` once:
 * an ANSWER with the response's status and headers, the response itself (Rust reads its status
 * text only if an error needs it), and as `value` its body as `bodyKind` says (a 2xx body parsed
 * as JSON, or TOO_LARGE past `maxBytes`, or drained up to `errorBytes` and dropped when `read`
 * is not PARSE_JSON; any other body as text, cut at `errorBytes`); an OPAQUE_REDIRECT;
 * REDIRECTED, with the URL the fetch ended at (its body unread); a NETWORK failure with the
 * error; a TIMEOUT; or ABORTED by `signal`, with its reason. The timeout covers the whole
 * attempt, reading the body included. It reports in a callback, never before it returns, even
 * when it sends nothing.
 */
function attempt(flight) {
  // `fetch` is called as a plain function: a browser's refuses any other `this` than the global.
  const { fetch, signal, read, maxBytes, errorBytes } = flight;
  const controller = new AbortController();
  let timedOut = false;
  // Set once the request is on its way (below).
  let timer;
  let onAbort;
  const finish = (kind, status, headers, response, value, bodyKind) => {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
    flight.report(kind, status, headers, response, value, bodyKind);
  };
  // A failure is the caller's abort, our timeout, or the network, in that order.
  const failed = (error) => {
    if (signal?.aborted) finish(ABORTED, 0, null, null, signal.reason, NO_BODY);
    else if (timedOut) finish(TIMEOUT, 0, null, null, undefined, NO_BODY);
    else finish(NETWORK, 0, null, null, error, NO_BODY);
  };
  const init = {
    method: flight.method,
    headers: flight.headers,
    body: flight.body,
    redirect: 'manual',
    signal: controller.signal,
  };
  // Nothing is sent when the caller has aborted already (`failed` then reports ABORTED), and a
  // `fetch` that throws is reported as one that rejects: in a callback.
  let sent;
  try {
    sent = signal?.aborted ? Promise.reject() : fetch(flight.url, init);
  } catch (error) {
    sent = Promise.reject(error);
  }
  // The timer and the caller's listener are set after `fetch` was called, so that the request
  // leaves first: this work then overlaps the wait for the answer instead of delaying the
  // request (the timeout starts microseconds later). Nothing runs in between (one synchronous
  // stretch), but an injected `fetch` could abort the caller's signal itself: checked here.
  timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, flight.timeoutMs);
  if (signal) {
    onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) controller.abort(signal.reason);
  }
  Promise.resolve(sent).then(async (response) => {
    let status;
    let headers;
    let value;
    let bodyKind = NO_BODY;
    try {
      if (response.type === 'opaqueredirect') {
        finish(OPAQUE_REDIRECT, 0, null, null, undefined, NO_BODY);
        return;
      }
      if (followed(response)) {
        // Not ours to read: only the answer of the base URL is.
        try {
          response.body.cancel().catch(() => {});
        } catch {
          // no body, or not a stream: nothing to release
        }
        finish(REDIRECTED, 0, null, null, response.url, NO_BODY);
        return;
      }
      status = response.status;
      headers = response.headers;
      if (typeof status !== 'number' || !(status >= 100 && status <= 599)) {
        throw new TypeError('the response has no valid status');
      }
      if (status < 200 || status > 299) {
        const body = await readBody(response, errorBytes);
        value = text(body);
        bodyKind = body.over ? CUT_TEXT : TEXT;
      } else if (status !== 204) {
        const json = read === PARSE_JSON;
        const body = await readBody(response, json ? maxBytes : errorBytes);
        if (json && body.over) {
          bodyKind = TOO_LARGE;
        } else if (json) {
          try {
            value = JSON.parse(text(body));
            bodyKind = JSON_BODY;
          } catch (error) {
            if (!(error instanceof SyntaxError)) throw error;
            value = error;
            bodyKind = NOT_JSON;
          }
        }
      }
    } catch (error) {
      failed(error);
      return;
    }
    finish(ANSWER, status, headers, response, value, bodyKind);
  }, failed);
}

/** Calls `woke` after `ms`, or `aborted` at once when `signal` aborts first. */
function sleep(ms, signal, woke, aborted) {
  if (signal?.aborted) {
    aborted();
    return;
  }
  const onAbort = () => {
    clearTimeout(timer);
    aborted();
  };
  const timer = setTimeout(() => {
    if (signal) signal.removeEventListener('abort', onAbort);
    woke();
  }, ms);
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
}
