//! The fetch transport: one attempt of one request, with a per-attempt timeout and the caller's
//! `AbortSignal` both aborting the underlying fetch, redirects never followed, and the body read
//! only up to the client's limits as it streams in; and an abortable sleep for retry waits.
//!
//! The wiring of JS objects an attempt needs (an AbortController, a timer, a listener on the
//! caller's signal, the promises of fetch and of the body) is `fetch.js`, one call and one
//! promise per attempt; from Rust it took two closures and a boundary crossing per step, and
//! measurably more time and code. This module turns what it reports into [`Attempt`]s.
//!
//! `fetch` is called directly rather than through gloo-net: the client takes an injected
//! `fetch` function (SPEC §5), which gloo-net cannot call.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/wasm/fetch.js")]
extern "C" {
    /// One attempt; resolves to an [`Outcome`], never rejects.
    fn attempt(
        fetch: &Function,
        url: &str,
        init: &Object,
        timeout_ms: u32,
        signal: &JsValue,
        read: u32,
        max_bytes: f64,
        error_bytes: f64,
    ) -> Promise;

    /// Resolves to `true` after `ms`, or to `false` as soon as `signal` aborts.
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_or_abort(ms: u32, signal: &JsValue) -> Promise;

    /// What `attempt` resolves to (a plain object made by fetch.js).
    type Outcome;
    #[wasm_bindgen(method, getter)]
    fn kind(this: &Outcome) -> u32;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Outcome) -> u16;
    #[wasm_bindgen(method, getter)]
    fn headers(this: &Outcome) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn response(this: &Outcome) -> FetchResponse;
    #[wasm_bindgen(method, getter)]
    fn body(this: &Outcome) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = bodyKind)]
    fn body_kind(this: &Outcome) -> u32;
    #[wasm_bindgen(method, getter)]
    fn error(this: &Outcome) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn reason(this: &Outcome) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// A fetch `Response`, read structurally (polyfills and wrappers work) and without throwing.
    pub type FetchResponse;
    #[wasm_bindgen(method, getter, catch, structural, js_name = statusText)]
    fn status_text(this: &FetchResponse) -> Result<JsValue, JsValue>;

    /// A fetch `Headers`.
    #[derive(Clone)]
    pub type FetchHeaders;
    #[wasm_bindgen(method, catch, structural)]
    fn get(this: &FetchHeaders, name: &str) -> Result<JsValue, JsValue>;
}

/// The caller's signal, when it is usable as one (`undefined` when there is none).
pub fn caller_signal(value: &JsValue) -> Result<JsValue, ()> {
    if value.is_undefined() || value.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    let listens = Reflect::get(value, &JsValue::from_str("addEventListener"))
        .map(|f| f.is_function())
        .unwrap_or(false);
    if listens {
        Ok(value.clone())
    } else {
        Err(())
    }
}

/// A request ready to send.
pub struct Request<'a> {
    pub fetch: &'a Function,
    pub url: &'a str,
    pub init: &'a Object,
    pub timeout_ms: u32,
    /// What to do with a 2xx body.
    pub read: Read,
    /// The most bytes of a 2xx body to read (`maxResponseBytes`).
    pub max_bytes: u64,
    /// The most bytes of any other body to read.
    pub error_bytes: u64,
}

/// What to do with a 2xx body (the codes of fetch.js).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Parse it as JSON.
    Json = 0,
    /// Read it up to the error body limit (so the connection is released) and drop it.
    Ignore = 1,
}

/// What one attempt produced.
pub enum Attempt {
    /// The server answered.
    Answer(Answer),
    /// A browser's opaque answer to a redirect, which hides its status and target.
    OpaqueRedirect,
    /// fetch failed (or the body could not be read): the error it rejected with.
    Network(JsValue),
    /// The per-attempt timeout elapsed.
    Timeout,
    /// The caller aborted: the signal's reason.
    Aborted(JsValue),
}

/// A response: its status and body; its status text and headers are read only when needed
/// (an error, a retry decision, the `rateLimit` getter), which a successful call never needs.
pub struct Answer {
    pub status: u16,
    pub headers: Option<FetchHeaders>,
    pub body: Body,
    response: FetchResponse,
}

/// A response body as read.
pub enum Body {
    /// A 2xx body parsed by the engine's JSON parser.
    Json(JsValue),
    /// A 2xx body that is not JSON: the parser's error.
    NotJson(JsValue),
    /// A 2xx body larger than `max_bytes`, unread past that.
    TooLarge,
    /// A non-2xx body, as text; `cut` when it was longer than `error_bytes` and only that much
    /// was read.
    Text { text: String, cut: bool },
    /// None (204), or dropped (a delete).
    None,
}

impl Answer {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        header(self.headers.as_ref()?, name)
    }

    /// The status text, `""` when there is none.
    pub fn status_text(&self) -> String {
        self.response
            .status_text()
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

/// A header's value from a `Headers` object.
pub fn header(headers: &FetchHeaders, name: &str) -> Option<String> {
    headers.get(name).ok()?.as_string()
}

/// Sends one attempt. The timeout covers the whole attempt, reading the body included.
pub async fn send(request: &Request<'_>, signal: &JsValue) -> Attempt {
    let started = attempt(
        request.fetch,
        request.url,
        request.init,
        request.timeout_ms,
        signal,
        request.read as u32,
        request.max_bytes as f64,
        request.error_bytes as f64,
    );
    let outcome: Outcome = match JsFuture::from(started).await {
        Ok(outcome) => outcome.unchecked_into(),
        // attempt() never rejects; were it to, the fetch did not complete.
        Err(error) => return Attempt::Network(error),
    };
    match outcome.kind() {
        0 => {
            let headers = outcome.headers();
            let body = match outcome.body_kind() {
                1 => Body::Json(outcome.body()),
                2 => Body::NotJson(outcome.body()),
                kind @ (3 | 5) => Body::Text {
                    text: outcome.body().as_string().unwrap_or_default(),
                    cut: kind == 5,
                },
                4 => Body::TooLarge,
                _ => Body::None,
            };
            Attempt::Answer(Answer {
                status: outcome.status(),
                headers: (!headers.is_null() && !headers.is_undefined())
                    .then(|| headers.unchecked_into()),
                body,
                response: outcome.response(),
            })
        }
        2 => Attempt::Timeout,
        3 => Attempt::Aborted(outcome.reason()),
        4 => Attempt::OpaqueRedirect,
        _ => Attempt::Network(outcome.error()),
    }
}

/// Waits `ms`, or less if the caller aborts: then the abort reason.
pub async fn sleep(ms: u32, signal: &JsValue) -> Result<(), JsValue> {
    let slept = JsFuture::from(sleep_or_abort(ms, signal)).await;
    if slept.map(|s| s.is_truthy()).unwrap_or(false) {
        Ok(())
    } else {
        Err(Reflect::get(signal, &JsValue::from_str("reason")).unwrap_or(JsValue::UNDEFINED))
    }
}
