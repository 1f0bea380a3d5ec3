// One attempt of a request, for the Rust transport (src/wasm/transport.rs): `fetch` with the
// per-attempt timeout and the caller's AbortSignal both aborting it, redirects not followed, and
// the body read as it streams in, counted against the limits Rust gives. Written
// in JS because it is nothing but wiring of JS objects (a controller, a timer, a listener,
// promises), which from Rust costs closures and a boundary crossing at every step. It decides
// nothing: it reports what happened, and Rust decides what it means.

// What an attempt came to, as transport.rs reads it.
const ANSWER = 0;
const NETWORK = 1;
const TIMEOUT = 2;
const ABORTED = 3;
const OPAQUE_REDIRECT = 4; // a browser's answer to redirect: 'manual': no status, no headers
// What became of a body.
const NO_BODY = 0;
const JSON_BODY = 1;
const NOT_JSON = 2;
const TEXT = 3;
const TOO_LARGE = 4; // a 2xx body past maxBytes: reading stopped there
const CUT_TEXT = 5; // a non-2xx body past errorBytes: its first errorBytes, as text
// What to do with a 2xx body.
const PARSE_JSON = 0;

const decoder = new TextDecoder();

/**
 * Reads `response`'s body as it streams in, counting its bytes (decompressed, as fetch delivers
 * them), up to `limit`: `{ chunks, size, over }`. Past `limit` it stops, cancels the rest and
 * sets `over`, keeping only the first `limit` bytes. A body that is not a web stream (a
 * polyfill's) is read whole, then measured.
 */
async function readBody(response, limit) {
  const chunks = [];
  let size = 0;
  const body = response.body;
  if (body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > limit) {
        chunks.push(value.subarray(0, limit - size));
        reader.cancel().catch(() => {});
        return { chunks, size: limit, over: true };
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } else if (body !== null) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    chunks.push(bytes.subarray(0, limit));
    if (bytes.byteLength > limit) return { chunks, size: limit, over: true };
    size = bytes.byteLength;
  }
  return { chunks, size, over: false };
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
 * Sends `init` to `url` through `fetchFn`, never following a redirect, and resolves (never
 * rejects) to `{ kind, … }`: an ANSWER with `status`, `headers`, `response`, `body` and
 * `bodyKind` (a 2xx body parsed as JSON, or TOO_LARGE past `maxBytes`, or drained up to
 * `errorBytes` and dropped when `read` is not PARSE_JSON; any other body as text, cut at
 * `errorBytes`); an OPAQUE_REDIRECT; a NETWORK failure with `error`; a TIMEOUT; or ABORTED by
 * `signal`, with its `reason`. The timeout covers the whole attempt, reading the body included.
 */
export function attempt(fetchFn, url, init, timeoutMs, signal, read, maxBytes, errorBytes) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) {
      resolve({ kind: ABORTED, reason: signal.reason });
      return;
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal.reason);
    if (signal) signal.addEventListener('abort', onAbort);
    const finish = (outcome) => {
      clearTimeout(timer);
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    // A failure is the caller's abort, our timeout, or the network, in that order.
    const failed = (error) => {
      if (signal && signal.aborted) finish({ kind: ABORTED, reason: signal.reason });
      else if (timedOut) finish({ kind: TIMEOUT });
      else finish({ kind: NETWORK, error });
    };
    init.signal = controller.signal;
    // Never follow: the key and the body must not go anywhere but the base URL. Node, Deno, Bun
    // and workers then hand back the 3xx itself; browsers an opaque redirect.
    init.redirect = 'manual';
    let sent;
    try {
      sent = fetchFn(url, init);
    } catch (error) {
      failed(error);
      return;
    }
    Promise.resolve(sent).then(async (response) => {
      const answer = { kind: ANSWER, status: 0, headers: null, response, body: undefined, bodyKind: NO_BODY };
      try {
        if (response.type === 'opaqueredirect') {
          finish({ kind: OPAQUE_REDIRECT });
          return;
        }
        answer.status = response.status;
        answer.headers = response.headers;
        if (typeof answer.status !== 'number' || !(answer.status >= 100 && answer.status <= 599)) {
          throw new TypeError('the response has no valid status');
        }
        if (answer.status < 200 || answer.status > 299) {
          const body = await readBody(response, errorBytes);
          answer.body = text(body);
          answer.bodyKind = body.over ? CUT_TEXT : TEXT;
        } else if (answer.status !== 204) {
          const json = read === PARSE_JSON;
          const body = await readBody(response, json ? maxBytes : errorBytes);
          if (json && body.over) {
            answer.bodyKind = TOO_LARGE;
          } else if (json) {
            try {
              answer.body = JSON.parse(text(body));
              answer.bodyKind = JSON_BODY;
            } catch (error) {
              if (!(error instanceof SyntaxError)) throw error;
              answer.body = error;
              answer.bodyKind = NOT_JSON;
            }
          }
        }
      } catch (error) {
        failed(error);
        return;
      }
      finish(answer);
    }, failed);
  });
}

/** Resolves to true after `ms`, or at once to false when `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}
