//! One call in flight, stepped by `fetch.js`: the loop there reports each event (an attempt's
//! end, a wake-up, an abort during a wait) to a [`PendingCall`], which passes it to the core's
//! state machine ([`crate::call::Call`]) and answers with what to do next, as a
//! [`crate::codes::Next`] code or a wait. At the end it holds the call's result: the decoded
//! activities, or the JS error the core's failure maps to.
//!
//! No Rust future is involved: the call is a plain object the JS loop owns, so the wasm carries
//! no async runtime.

use super::client::Client;
use super::errors;
use crate::call::{Action, Attempt, Call, Clock, Failure, Headers};
use crate::codes::{AttemptEnd, BodyRead, Next, ReadMode};
use crate::decode::{
    check_types, success_body, DecodeIssue, SuccessBody, TypesSeen, ACTIVITY_FIELDS,
};
use crate::routes::{Method, Operation};
use js_sys::{Array, Int32Array, Object, Promise, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/fetch.js")]
extern "C" {
    /// Sends a call's first attempt (see fetch.js): its flight, or null when there is no
    /// `fetch`. `fetch` is the client's, or `undefined` for the global one; `method` a
    /// [`Method`] code; `body` `undefined` or the JSON text.
    #[allow(clippy::too_many_arguments)]
    fn send(
        fetch: &JsValue,
        url: &str,
        method: u32,
        headers: &Object,
        body: &JsValue,
        timeout_ms: u32,
        signal: &JsValue,
        read: u32,
        max_bytes: f64,
        error_bytes: f64,
    ) -> JsValue;

    /// Runs `call`, whose first attempt `send` sent as `flight`, to its end (see fetch.js):
    /// resolves or rejects with its result.
    fn run(flight: &JsValue, call: PendingCall) -> Promise;
}

#[wasm_bindgen(module = "/src/wasm/activities.js")]
extern "C" {
    /// Checks the field types of decoded items, or of one item, against the rules and copies
    /// the items into the plain shape; or, when a type is not accepted, records them all and
    /// returns `undefined`. See activities.js.
    #[wasm_bindgen(js_name = shapeActivities)]
    fn shape_activities(
        value: &JsValue,
        keys: &Array,
        first_seen: &Int32Array,
        single: bool,
    ) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// A fetch `Response`, read structurally (polyfills and wrappers work) and without throwing.
    pub type FetchResponse;
    #[wasm_bindgen(method, getter, catch, structural, js_name = statusText)]
    fn status_text(this: &FetchResponse) -> Result<JsValue, JsValue>;

    /// A fetch `Headers` (or anything with a `get` method: read structurally, without throwing).
    #[derive(Clone)]
    pub type FetchHeaders;
    #[wasm_bindgen(method, catch, structural)]
    fn get(this: &FetchHeaders, name: &str) -> Result<JsValue, JsValue>;
}

/// A header's value from a `Headers` object.
fn header(headers: &FetchHeaders, name: &str) -> Option<String> {
    headers.get(name).ok()?.as_string()
}

/// An answer's headers, for the core (none when the response had no usable `headers`).
pub struct AnswerHeaders(pub Option<FetchHeaders>);

impl AnswerHeaders {
    fn of(value: JsValue) -> AnswerHeaders {
        AnswerHeaders((!value.is_null() && !value.is_undefined()).then(|| value.unchecked_into()))
    }
}

impl Headers for AnswerHeaders {
    fn get(&self, name: &str) -> Option<String> {
        header(self.0.as_ref()?, name)
    }
}

/// The JS clock and `Math.random`.
struct JsClock;

impl Clock for JsClock {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}

/// An answer as `fetch.js` read it.
pub struct Answer {
    pub status: u16,
    pub headers: AnswerHeaders,
    /// The response, whose status text is read only when an error needs it.
    pub response: FetchResponse,
    /// The body, as `body` says.
    pub value: JsValue,
    pub body: BodyRead,
}

impl Answer {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name)
    }

    /// The status text, `""` when there is none (or its getter throws).
    pub fn status_text(&self) -> String {
        self.response
            .status_text()
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

/// Made once: the 16 field names as a JS array, and the buffer activities.js records types in
/// when a body is refused (decoding is never re-entered while it is read): [`TypesSeen::LEN`]
/// slots of `first_seen`, then `first_not_object`.
struct Keys {
    activity_fields: Array,
    types_seen: Int32Array,
}

thread_local! {
    static KEYS: Keys = Keys {
        activity_fields: ACTIVITY_FIELDS.iter().map(|(name, _)| JsValue::from_str(name)).collect(),
        types_seen: Int32Array::new_with_length((TypesSeen::LEN + 1) as u32),
    };
}

/// A request ready to send, and what the call needs to shape its result.
pub struct Request {
    pub operation: Operation,
    pub url: String,
    /// The JSON text of the body, or `undefined`.
    pub body: JsValue,
    pub signal: JsValue,
}

/// Starts `request` on `client`: the promise of its result.
pub fn start(client: Rc<Client>, request: Request) -> Promise {
    let (timeout_ms, max_bytes, error_bytes) = (
        client.timeout_ms,
        client.max_response_bytes as f64,
        client.error_body_bytes() as f64,
    );
    // The client's fetch and headers are passed as they are, not cloned per call.
    let headers = if request.body.is_undefined() {
        &client.headers
    } else {
        &client.headers_with_body
    };
    let read = ReadMode::of(request.operation) as u32;
    let method = request.operation.route().method;
    // The request leaves first; the call's state is made while it is on its way.
    let flight = send(
        &client.fetch,
        &request.url,
        method as u32,
        headers,
        &request.body,
        timeout_ms,
        &request.signal,
        read,
        max_bytes,
        error_bytes,
    );
    if flight.is_null() {
        let cause = js_sys::TypeError::new("fetch is not available here");
        return Promise::reject(&errors::network(method, &request.url, cause.into()));
    }
    let mut call = PendingCall {
        call: Call::new(method, client.policy),
        client,
        operation: request.operation,
        url: request.url,
        result: JsValue::UNDEFINED,
    };
    // The first action is always to send, which `send` did.
    let first = call.call.start();
    debug_assert!(matches!(first, Action::Send));
    run(&flight, call)
}

/// One call in flight, owned by `fetch.js`'s loop (not part of the package's API).
#[wasm_bindgen(private, skip_typescript)]
pub struct PendingCall {
    client: Rc<Client>,
    call: Call,
    operation: Operation,
    url: String,
    /// The result once the call is over: the value to resolve with, or the error.
    result: JsValue,
}

#[wasm_bindgen]
impl PendingCall {
    /// What to do after an attempt ended as `end` (an [`AttemptEnd`] code); `value` is the body,
    /// the error or the abort reason, as fetch.js documents.
    pub fn settle(
        &mut self,
        end: u32,
        status: u16,
        headers: JsValue,
        response: JsValue,
        value: JsValue,
        body: u32,
    ) -> i32 {
        let answer = Answer {
            status,
            headers: AnswerHeaders::of(headers),
            response: response.unchecked_into(),
            value,
            body: BodyRead::from_code(body),
        };
        let action = match AttemptEnd::from_code(end) {
            Some(AttemptEnd::Answer) => {
                self.client
                    .latest_headers
                    .replace(AnswerHeaders(answer.headers.0.clone()));
                let attempt = Attempt::Answer {
                    status,
                    headers: &answer.headers,
                };
                self.call.on_attempt(attempt, &JsClock)
            }
            Some(AttemptEnd::Timeout) => self.on(Attempt::Timeout),
            Some(AttemptEnd::Aborted) => self.on(Attempt::Aborted),
            Some(AttemptEnd::OpaqueRedirect) => self.on(Attempt::OpaqueRedirect),
            Some(AttemptEnd::Redirected) => {
                let url = answer.value.as_string();
                self.on(Attempt::Redirected {
                    url: url.as_deref(),
                })
            }
            Some(AttemptEnd::Network) | None => self.on(Attempt::NetworkError),
        };
        let value = answer.value.clone();
        self.perform(action, Some(answer), value)
    }

    /// What to do after a wait ended.
    pub fn woken(&mut self) -> i32 {
        let action = self.call.on_woken();
        self.perform(action, None, JsValue::UNDEFINED)
    }

    /// What to do after the caller aborted during a wait, with `reason`.
    pub fn aborted(&mut self, reason: JsValue) -> i32 {
        let action = self.call.on_aborted();
        self.perform(action, None, reason)
    }

    /// The result: the value to resolve with, or the error to reject with.
    pub fn result(&mut self) -> JsValue {
        std::mem::replace(&mut self.result, JsValue::UNDEFINED)
    }
}

impl PendingCall {
    fn method(&self) -> Method {
        self.operation.route().method
    }

    /// The core's action after an attempt that brought no answer.
    fn on(&mut self, attempt: Attempt<'_, AnswerHeaders>) -> Action {
        self.call.on_attempt(attempt, &JsClock)
    }

    /// The code for `action`, keeping the result when the call is over. `answer` is the
    /// attempt's answer, and `value` what fetch.js reported with it (the abort reason, the
    /// network error).
    fn perform(&mut self, action: Action, answer: Option<Answer>, value: JsValue) -> i32 {
        let (method, url) = (self.method(), self.url.as_str());
        let result = match action {
            Action::Send => return Next::Send as i32,
            Action::Wait(ms) => return ms.min(i32::MAX as u32) as i32,
            // (Decode and Api only ever follow an answer; without one there is nothing to read.)
            Action::Decode => match answer {
                Some(answer) => {
                    decoded(self.operation, url, answer, self.client.max_response_bytes)
                }
                None => Err(errors::network(method, url, value)),
            },
            Action::Fail(Failure::Aborted) => Err(value),
            Action::Fail(Failure::Timeout) => {
                Err(errors::timeout(method, url, self.client.timeout_ms))
            }
            Action::Fail(Failure::Network) => Err(errors::network(method, url, value)),
            Action::Fail(Failure::Redirect { status, location }) => {
                Err(errors::redirect(method, url, status, location))
            }
            Action::Fail(Failure::Api) => match answer {
                Some(answer) => Err(errors::api(method, url, &answer, js_sys::Date::now())),
                None => Err(errors::network(method, url, value)),
            },
        };
        let (next, result) = match result {
            Ok(value) => (Next::Resolve, value),
            Err(error) => (Next::Reject, error),
        };
        self.result = result;
        next as i32
    }
}

/// A 2xx answer as the call's result: the decoded activities, one activity, or nothing.
fn decoded(
    operation: Operation,
    url: &str,
    answer: Answer,
    limit: u64,
) -> Result<JsValue, JsValue> {
    let method = operation.route().method;
    let fail = |issue: DecodeIssue, cause: JsValue| {
        Err(errors::decode(method, url, answer.status, &issue, cause))
    };
    let value = &answer.value;
    let is_array = answer.body == BodyRead::Json && Array::is_array(value);
    let parser_message = || {
        Reflect::get(value, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default()
    };
    let list = match success_body(operation, answer.body, is_array, limit, parser_message) {
        SuccessBody::Nothing => return Ok(JsValue::UNDEFINED),
        SuccessBody::Items { list } => list,
        SuccessBody::Refused(issue) => {
            // The parser's error is the cause of a body that is not JSON.
            let cause = match issue {
                DecodeIssue::NotJson(_) => value.clone(),
                _ => JsValue::UNDEFINED,
            };
            return fail(issue, cause);
        }
    };
    let shaped =
        KEYS.with(|keys| shape_activities(value, &keys.activity_fields, &keys.types_seen, !list));
    // The record is read only for a body that was refused: one that decodes costs no copy.
    if !shaped.is_undefined() {
        return Ok(shaped);
    }
    let mut first_seen = KEYS.with(|keys| keys.types_seen.to_vec());
    let first_not_object = first_seen.pop().unwrap_or(-1);
    let seen = TypesSeen {
        first_seen,
        first_not_object,
    };
    // activities.js records only when an item is not an object or a type is not accepted, and
    // check_types then names the issue (decode's tests: the masks pass exactly what it passes).
    let issue = check_types(&seen, list)
        .err()
        .unwrap_or(DecodeIssue::NotAnObject { index: None });
    fail(issue, JsValue::UNDEFINED)
}
