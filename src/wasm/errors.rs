//! Core errors as JS `Error` objects: a real `Error` (stack, `name`, `message`) with a `kind`
//! discriminant and the fields contract §5 lists, typed in the `.d.ts` as a union. What goes in
//! each (messages, which body to parse, which problem members to keep) is the core's
//! [`crate::error`]; this writes it into JS objects.

use super::call::Answer;
use super::js_values::{is_record, set};
use super::validation::issues_to_js;
use crate::codes::BodyRead;
use crate::decode::{DecodeIssue, JsonType};
use crate::error::{
    api_message, decode_message, network_message, redirect_message, standard_status_text,
    timeout_message, validation_message, ErrorBody, ErrorKind, ProblemDetails, RateLimit,
};
use crate::routes::{self, Method};
use crate::validate::{Field, ValidationIssue};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const ERRORS_TS: &'static str = r#"
/** An HTTP method the client uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** The input or a path parameter broke a rule; nothing was sent. */
export interface ValidationError extends Error {
    name: "ValidationError";
    kind: "validation";
    /** Every issue, in field order (`customerId` and `id` issues come first). */
    issues: ValidationIssue[];
}

/** The server answered with a status other than 2xx (after any retries). */
export interface ApiError extends Error {
    name: "ApiError";
    kind: "api";
    /** The HTTP status, e.g. 404. */
    status: number;
    /** The status text, e.g. "Not Found" (a standard phrase when the server sent none). */
    statusText: string;
    method: HttpMethod;
    /** The request URL. It never holds the API key, which travels only in a header. */
    url: string;
    /**
     * The body: parsed JSON when it is JSON, else its text, or null when empty. Only its first
     * 65,536 bytes are read (fewer under a smaller `maxResponseBytes`); a body cut there is kept
     * as text, not parsed.
     */
    body: unknown;
    /** The RFC 7807 problem details, when the body has them; 400s carry `errors` by field. */
    problem: ProblemDetails | null;
    /** The server's trace id (from the problem details), for support requests. */
    traceId: string | null;
    /** What `Retry-After` asked for, in seconds, when the server sent it. */
    retryAfterSeconds: number | null;
    /** The rate-limit headers of this response. */
    rateLimit: RateLimit | null;
}

/** `fetch` itself failed: connection refused, DNS, CORS, or the connection was lost. */
export interface NetworkError extends Error {
    name: "NetworkError";
    kind: "network";
    method: HttpMethod;
    url: string;
    /** What `fetch` rejected with. */
    cause: unknown;
}

/** The per-attempt timeout (`timeoutMs`) elapsed; the request was aborted. */
export interface TimeoutError extends Error {
    name: "TimeoutError";
    kind: "timeout";
    method: HttpMethod;
    url: string;
    timeoutMs: number;
}

/**
 * A 2xx answer whose body is not valid JSON, not the promised shape, or larger than
 * `maxResponseBytes` (the message says so and names the limit; reading stopped there).
 */
export interface DecodeError extends Error {
    name: "DecodeError";
    kind: "decode";
    method: HttpMethod;
    url: string;
    status: number;
    /** The array index of the offending activity, for `list`. */
    index: number | null;
    /** The offending field, when one is to blame. */
    field: string | null;
    /** The JSON parser's error, when the body is not JSON. */
    cause: unknown;
}

/**
 * The server answered with a redirect (any 3xx but 304), which the client never follows: the
 * request went nowhere else, so neither the API key nor the body reached the redirect's target.
 * Never retried. Check `baseUrl` (e.g. `http:` where the server wants `https:`).
 */
export interface RedirectError extends Error {
    name: "RedirectError";
    kind: "redirect";
    method: HttpMethod;
    url: string;
    /** The redirect's status (e.g. 301), or null where the platform hides it (browsers). */
    status: number | null;
    /**
     * Where the redirect pointed (its `Location` header, as sent), or null when it had none or
     * the platform hides it (browsers).
     */
    location: string | null;
}

/**
 * Every error the client rejects with; `switch (error.kind)` narrows it. A call aborted through
 * its `signal` rejects with the signal's `reason` instead, as `fetch` does.
 */
export type ActivityLogError = ValidationError | ApiError | NetworkError | TimeoutError | DecodeError | RedirectError;
"#;

/// Whether `value` is one of the client's errors. Its TypeScript signature, a type guard, is
/// declared below.
#[wasm_bindgen(js_name = isActivityLogError, skip_typescript)]
pub fn is_activity_log_error(
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> bool {
    if !value.is_instance_of::<js_sys::Error>() {
        return false;
    }
    let kind = Reflect::get(&value, &JsValue::from_str("kind"))
        .ok()
        .and_then(|k| k.as_string());
    matches!(
        kind.as_deref(),
        Some("validation" | "api" | "network" | "timeout" | "decode" | "redirect")
    )
}

#[wasm_bindgen(typescript_custom_section)]
const GUARD_TS: &'static str = r#"
/** Whether `value` is one of the client's errors (a type guard for `catch` blocks). */
export function isActivityLogError(value: unknown): value is ActivityLogError;
"#;

fn error(kind: ErrorKind, message: &str) -> Object {
    let error = js_sys::Error::new(message);
    error.set_name(kind.name());
    let object: Object = error.into();
    put(&object, "kind", kind.tag());
    object
}

fn put(object: &Object, key: &str, value: impl Into<JsValue>) {
    set(object, &JsValue::from_str(key), &value.into());
}

fn optional<T: Into<JsValue>>(value: Option<T>) -> JsValue {
    value.map_or(JsValue::NULL, Into::into)
}

fn request(object: &Object, method: Method, url: &str) {
    put(object, "method", method.as_str());
    put(object, "url", url);
}

/// A `ValidationError`.
pub fn validation(issues: &[ValidationIssue]) -> JsValue {
    validation_of(&validation_message(issues), issues_to_js(issues))
}

fn validation_of(message: &str, issues: Array) -> JsValue {
    let object = error(ErrorKind::Validation, message);
    put(&object, "issues", issues);
    object.into()
}

/// The `ValidationError` for a path parameter holding unpaired surrogates: `lone` is the JS
/// array of them, which becomes the issue's `characters` (a Rust string cannot hold one).
pub fn unpaired_surrogates(field: Field, lone: &JsValue) -> JsValue {
    let issue = [routes::unpaired_surrogates(field)];
    let issues = issues_to_js(&issue);
    if let Ok(issue) = Reflect::get(&issues, &0.into()) {
        set(issue.unchecked_ref(), &"characters".into(), lone);
    }
    validation_of(&validation_message(&issue), issues)
}

/// A `RedirectError`: the status and target, where the platform shows them.
pub fn redirect(
    method: Method,
    url: &str,
    status: Option<u16>,
    location: Option<String>,
) -> JsValue {
    let object = error(
        ErrorKind::Redirect,
        &redirect_message(method, url, status, location.as_deref()),
    );
    request(&object, method, url);
    put(&object, "status", optional(status));
    put(&object, "location", optional(location));
    object.into()
}

/// A `NetworkError`, caused by what fetch rejected with.
pub fn network(method: Method, url: &str, cause: JsValue) -> JsValue {
    let reason = Reflect::get(&cause, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| cause.as_string());
    let object = error(
        ErrorKind::Network,
        &network_message(method, url, reason.as_deref()),
    );
    request(&object, method, url);
    put(&object, "cause", cause);
    object.into()
}

/// A `TimeoutError`.
pub fn timeout(method: Method, url: &str, timeout_ms: u32) -> JsValue {
    let object = error(
        ErrorKind::Timeout,
        &timeout_message(method, url, timeout_ms),
    );
    request(&object, method, url);
    put(&object, "timeoutMs", timeout_ms);
    object.into()
}

/// A `DecodeError`.
pub fn decode(
    method: Method,
    url: &str,
    status: u16,
    issue: &DecodeIssue,
    cause: JsValue,
) -> JsValue {
    let object = error(
        ErrorKind::Decode,
        &decode_message(method, url, &issue.describe()),
    );
    request(&object, method, url);
    put(&object, "status", status);
    put(&object, "index", optional(issue.index()));
    put(&object, "field", optional(issue.field()));
    put(&object, "cause", cause);
    object.into()
}

/// The plain `{ limit, remaining, resetSeconds }` object.
pub fn rate_limit(rate_limit: Option<RateLimit>) -> JsValue {
    let Some(r) = rate_limit else {
        return JsValue::NULL;
    };
    let object = Object::new();
    put(&object, "limit", r.limit);
    put(&object, "remaining", r.remaining);
    put(&object, "resetSeconds", r.reset_seconds);
    object.into()
}

/// An `ApiError` from a non-2xx answer.
pub fn api(method: Method, url: &str, answer: &Answer, now_ms: f64) -> JsValue {
    let (text, cut) = match answer.body {
        BodyRead::Text => (answer.value.as_string().unwrap_or_default(), false),
        BodyRead::CutText => (answer.value.as_string().unwrap_or_default(), true),
        _ => (String::new(), false),
    };
    let content_type = answer.header("content-type");
    let (body, problem) = match ErrorBody::of(&text, cut, content_type.as_deref()) {
        ErrorBody::Empty => (JsValue::NULL, None),
        ErrorBody::Text => (JsValue::from_str(&text), None),
        ErrorBody::Json => match JSON::parse(&text) {
            Ok(parsed) => {
                let problem = problem_of(&parsed);
                (parsed, problem)
            }
            Err(_) => (JsValue::from_str(&text), None),
        },
    };
    let status_text = answer.status_text();
    let message = api_message(
        method,
        url,
        answer.status,
        &status_text,
        problem.as_ref().and_then(|p| p.detail.as_deref()),
        problem.as_ref().and_then(|p| p.title.as_deref()),
    );
    let object = error(ErrorKind::Api, &message);
    put(&object, "status", answer.status);
    put(
        &object,
        "statusText",
        standard_status_text(answer.status, &status_text),
    );
    request(&object, method, url);
    put(&object, "body", body);
    put(
        &object,
        "problem",
        problem
            .as_ref()
            .map_or(JsValue::NULL, |p| p.object.clone().into()),
    );
    put(
        &object,
        "traceId",
        optional(problem.and_then(|p| p.trace_id)),
    );
    let retry_after = answer
        .header("retry-after")
        .and_then(|v| crate::retry::retry_after_seconds(&v, now_ms));
    put(&object, "retryAfterSeconds", optional(retry_after));
    put(
        &object,
        "rateLimit",
        rate_limit(RateLimit::read(&answer.headers)),
    );
    object.into()
}

/// The problem-details members of a parsed body: what the message and `traceId` need, and the
/// plain JS object `ApiError.problem` (every member of [`ProblemDetails::MEMBERS`] present,
/// `null` when missing or of a type its rule does not keep); `None` when the body is not an
/// object or has none of them.
struct Problem {
    title: Option<String>,
    detail: Option<String>,
    trace_id: Option<String>,
    object: Object,
}

fn problem_of(body: &JsValue) -> Option<Problem> {
    if !is_record(body) {
        return None;
    }
    let mut problem = Problem {
        title: None,
        detail: None,
        trace_id: None,
        object: Object::new(),
    };
    let mut found = false;
    for (name, rule) in ProblemDetails::MEMBERS {
        let value = Reflect::get(body, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        let kept = rule.keeps(json_type(&value), value.as_f64().unwrap_or(0.0));
        let value = if kept { value } else { JsValue::NULL };
        found |= kept;
        match name {
            "title" => problem.title = value.as_string(),
            "detail" => problem.detail = value.as_string(),
            "traceId" => problem.trace_id = value.as_string(),
            _ => {}
        }
        put(&problem.object, name, value);
    }
    found.then_some(problem)
}

/// The JSON type of a JS value (a parsed body's member).
fn json_type(value: &JsValue) -> JsonType {
    if value.is_undefined() {
        JsonType::Missing
    } else if value.is_null() {
        JsonType::Null
    } else if value.is_string() {
        JsonType::String
    } else if value.as_bool().is_some() {
        JsonType::Boolean
    } else if value.as_f64().is_some() {
        JsonType::Number
    } else if Array::is_array(value) {
        JsonType::Array
    } else {
        JsonType::Object
    }
}
