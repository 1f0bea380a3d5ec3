// One attempt of a request, for the Rust transport (src/wasm/transport.rs): `fetch` with the
// per-attempt timeout and the caller's AbortSignal both aborting it, and the body read. Written
// in JS because it is nothing but wiring of JS objects (a controller, a timer, a listener,
// promises), which from Rust costs closures and a boundary crossing at every step. It decides
// nothing: it reports what happened, and Rust decides what it means.

// What an attempt came to, as transport.rs reads it.
const ANSWER = 0;
const NETWORK = 1;
const TIMEOUT = 2;
const ABORTED = 3;
// What became of a body.
const NO_BODY = 0;
const JSON_BODY = 1;
const NOT_JSON = 2;
const TEXT = 3;
// What to do with a 2xx body.
const PARSE_JSON = 0;

/**
 * Sends `init` to `url` through `fetchFn` and resolves (never rejects) to `{ kind, … }`: an
 * ANSWER with `status`, `headers`, `response`, `body` and `bodyKind` (a 2xx body parsed as JSON,
 * or dropped when `read` is not PARSE_JSON; any other body as text); a NETWORK failure with
 * `error`; a TIMEOUT; or ABORTED by `signal`, with its `reason`. The timeout covers the whole
 * attempt, reading the body included.
 */
export function attempt(fetchFn, url, init, timeoutMs, signal, read) {
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
        answer.status = response.status;
        answer.headers = response.headers;
        if (typeof answer.status !== 'number' || !(answer.status >= 100 && answer.status <= 599)) {
          throw new TypeError('the response has no valid status');
        }
        if (answer.status < 200 || answer.status > 299) {
          answer.body = String(await response.text());
          answer.bodyKind = TEXT;
        } else if (answer.status !== 204 && read !== PARSE_JSON) {
          await response.text().catch(() => {});
        } else if (answer.status !== 204) {
          try {
            answer.body = await response.json();
            answer.bodyKind = JSON_BODY;
          } catch (error) {
            if (!(error instanceof SyntaxError) || (signal && signal.aborted) || timedOut) throw error;
            answer.body = error;
            answer.bodyKind = NOT_JSON;
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
