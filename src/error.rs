//! The client's errors (SPEC §5): their kinds, the fields an `ApiError` takes from the status,
//! headers and body, and their messages. The wasm shell turns these into JS `Error` objects; it
//! decides nothing itself.
//!
//! No message is ever built from the API key: the key lives only in the request header.

use crate::routes::Method;
use crate::text::{concat, push_number};
use crate::validate::ValidationIssue;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// The most bytes of an error (non-2xx) body the client reads: it stops there and cancels the
/// rest, and a body cut short is kept as text, not parsed. (`maxResponseBytes`, when smaller,
/// caps error bodies too: see [`error_body_limit`].)
pub const ERROR_BODY_BYTES: u64 = 64 * 1024;

/// The most bytes of an error body to read under a client's `maxResponseBytes`.
pub fn error_body_limit(max_response_bytes: u64) -> u64 {
    max_response_bytes.min(ERROR_BODY_BYTES)
}

/// The kinds of error a call can reject with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The input or a path parameter broke a rule; nothing was sent.
    Validation,
    /// The server answered with a non-2xx status.
    Api,
    /// `fetch` itself failed: refused, DNS, CORS, connection lost.
    Network,
    /// The per-attempt timeout elapsed.
    Timeout,
    /// A 2xx body that is not valid JSON, not the promised shape, or larger than
    /// `maxResponseBytes`.
    Decode,
    /// The server answered with a redirect, which the client never follows.
    Redirect,
}

impl ErrorKind {
    /// The `kind` discriminant, e.g. `"api"`.
    pub const fn tag(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Api => "api",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Decode => "decode",
            ErrorKind::Redirect => "redirect",
        }
    }

    /// The error's `name`, e.g. `"ApiError"`.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "ValidationError",
            ErrorKind::Api => "ApiError",
            ErrorKind::Network => "NetworkError",
            ErrorKind::Timeout => "TimeoutError",
            ErrorKind::Decode => "DecodeError",
            ErrorKind::Redirect => "RedirectError",
        }
    }
}

/// The rate-limit figures of a response, from its `RateLimit-Limit`, `RateLimit-Remaining` and
/// `RateLimit-Reset` headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct RateLimit {
    /// Requests allowed per window.
    pub limit: u32,
    /// Requests left in the current window.
    pub remaining: u32,
    /// Seconds until the window resets.
    pub reset_seconds: u32,
}

impl RateLimit {
    /// The figures, when all three headers are present and hold whole numbers.
    pub fn from_headers(
        limit: Option<&str>,
        remaining: Option<&str>,
        reset: Option<&str>,
    ) -> Option<RateLimit> {
        let number = |v: Option<&str>| v?.trim().parse::<u32>().ok();
        Some(RateLimit {
            limit: number(limit)?,
            remaining: number(remaining)?,
            reset_seconds: number(reset)?,
        })
    }
}

/// RFC 7807 problem details, as ASP.NET writes them. Every member is `null` when the body does
/// not have it; extension members stay in the error's `body`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct ProblemDetails {
    /// A URI reference identifying the problem type.
    #[serde(rename = "type")]
    pub problem_type: Option<String>,
    /// A short summary of the problem type.
    pub title: Option<String>,
    /// The HTTP status the server gave.
    pub status: Option<u16>,
    /// An explanation of this occurrence.
    pub detail: Option<String>,
    /// A URI reference identifying this occurrence.
    pub instance: Option<String>,
    /// The server's trace identifier, for support requests.
    pub trace_id: Option<String>,
    /// For 400: each field's validation messages.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "Record<string, string[]> | null")
    )]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
}

/// The message of a `ValidationError`: every issue's message.
pub fn validation_message(issues: &[ValidationIssue]) -> String {
    let mut m = String::from("Invalid request:");
    for issue in issues {
        m.push(' ');
        m.push_str(&issue.message);
    }
    m
}

/// The message of an `ApiError`, e.g.
/// `GET https://host/CustomerActivityLogs/c1 failed: 404 Not Found: No such customer.`
/// `explanation` is the problem's `detail`, else its `title`.
pub fn api_message(
    method: Method,
    url: &str,
    status: u16,
    status_text: &str,
    explanation: Option<&str>,
) -> String {
    let mut m = concat(&[method.as_str(), " ", url, " failed: "]);
    push_number(&mut m, u64::from(status));
    let reason = if status_text.is_empty() {
        reason_phrase(status)
    } else {
        status_text
    };
    if !reason.is_empty() {
        m.push(' ');
        m.push_str(reason);
    }
    if let Some(explanation) = explanation.filter(|e| !e.is_empty()) {
        m.push_str(": ");
        m.push_str(explanation);
    }
    if !m.ends_with('.') {
        m.push('.');
    }
    m
}

/// The message of a `NetworkError`.
pub fn network_message(method: Method, url: &str, cause: Option<&str>) -> String {
    let mut m = concat(&[
        method.as_str(),
        " ",
        url,
        " failed: no response from the server",
    ]);
    if let Some(cause) = cause.filter(|c| !c.is_empty()) {
        m.push_str(" (");
        m.push_str(cause);
        m.push(')');
    }
    m.push('.');
    m
}

/// The message of a `TimeoutError`.
pub fn timeout_message(method: Method, url: &str, timeout_ms: u32) -> String {
    let mut m = concat(&[method.as_str(), " ", url, " timed out after "]);
    push_number(&mut m, u64::from(timeout_ms));
    m.push_str(" ms.");
    m
}

/// The message of a `DecodeError`.
pub fn decode_message(method: Method, url: &str, what: &str) -> String {
    concat(&[method.as_str(), " ", url, ": ", what, "."])
}

/// Whether a status is a redirect, which the client refuses (a `RedirectError`, never retried):
/// every 3xx but 304 Not Modified, which redirects nowhere (and which the client, sending no
/// conditional requests, should never get; it is an `ApiError`).
pub fn is_redirect(status: u16) -> bool {
    (300..400).contains(&status) && status != 304
}

/// The message of a `RedirectError`: the request, and the redirect's status and target where
/// the platform shows them (a browser hides both), e.g. `GET https://host/x: refused a redirect
/// (301) to https://other/y; the client never follows redirects.`
pub fn redirect_message(
    method: Method,
    url: &str,
    status: Option<u16>,
    location: Option<&str>,
) -> String {
    let mut m = concat(&[method.as_str(), " ", url, ": refused a redirect"]);
    if let Some(status) = status {
        m.push_str(" (");
        push_number(&mut m, u64::from(status));
        m.push(')');
    }
    if let Some(location) = location {
        m.push_str(" to ");
        m.push_str(location);
    }
    m.push_str("; the client never follows redirects.");
    m
}

/// The reason phrase for statuses a server may send without one (HTTP/2 has none).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Whether an error body should be parsed as JSON: a JSON content type, or text that starts like
/// a JSON object or array.
pub fn looks_like_json(content_type: Option<&str>, text: &str) -> bool {
    let json_type = content_type.is_some_and(|t| {
        let t = t.split(';').next().unwrap_or("").trim();
        t.eq_ignore_ascii_case("application/json")
            || t.get(t.len().saturating_sub(5)..)
                .is_some_and(|s| s.eq_ignore_ascii_case("+json"))
    });
    json_type || matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::validate::{validate_field, Field, Value};

    #[test]
    fn kinds_have_names_and_tags() {
        let all = [
            ErrorKind::Validation,
            ErrorKind::Api,
            ErrorKind::Network,
            ErrorKind::Timeout,
            ErrorKind::Decode,
            ErrorKind::Redirect,
        ];
        let pairs: Vec<_> = all.iter().map(|k| (k.tag(), k.name())).collect();
        assert_eq!(
            pairs,
            [
                ("validation", "ValidationError"),
                ("api", "ApiError"),
                ("network", "NetworkError"),
                ("timeout", "TimeoutError"),
                ("decode", "DecodeError"),
                ("redirect", "RedirectError"),
            ]
        );
    }

    #[test]
    fn rate_limits_need_all_three_whole_numbers() {
        assert_eq!(
            RateLimit::from_headers(Some("500"), Some(" 499 "), Some("60")),
            Some(RateLimit {
                limit: 500,
                remaining: 499,
                reset_seconds: 60
            })
        );
        assert_eq!(RateLimit::from_headers(Some("500"), None, Some("60")), None);
        assert_eq!(
            RateLimit::from_headers(Some("500"), Some("-1"), Some("60")),
            None
        );
        assert_eq!(
            RateLimit::from_headers(Some("x"), Some("1"), Some("1")),
            None
        );
    }

    #[test]
    fn api_messages_name_method_url_status_and_the_explanation() {
        let detail = Some("No activity a1 for customer c1.");
        assert_eq!(
            api_message(Method::Get, "http://h/x", 404, "Not Found", detail),
            "GET http://h/x failed: 404 Not Found: No activity a1 for customer c1."
        );
        assert_eq!(
            api_message(Method::Delete, "http://h/x", 503, "", None),
            "DELETE http://h/x failed: 503 Service Unavailable."
        );
        assert_eq!(
            api_message(Method::Put, "http://h/x", 599, "", None),
            "PUT http://h/x failed: 599."
        );
    }

    #[test]
    fn other_messages() {
        assert_eq!(
            network_message(Method::Post, "http://h/x", Some("fetch failed")),
            "POST http://h/x failed: no response from the server (fetch failed)."
        );
        assert_eq!(
            timeout_message(Method::Get, "http://h/x", 200),
            "GET http://h/x timed out after 200 ms."
        );
        let issues = validate_field(Field::Title, Value::Null);
        assert_eq!(
            validation_message(&issues),
            "Invalid request: Title is required."
        );
    }

    #[test]
    fn every_3xx_but_304_is_a_redirect() {
        let redirects: Vec<u16> = (100..600).filter(|&s| is_redirect(s)).collect();
        let expected: Vec<u16> = (300..400).filter(|&s| s != 304).collect();
        assert_eq!(redirects, expected);
    }

    #[test]
    fn redirect_messages_say_it_was_refused_and_where_it_pointed() {
        assert_eq!(
            redirect_message(Method::Post, "http://h/x", Some(307), Some("http://o:81/y")),
            "POST http://h/x: refused a redirect (307) to http://o:81/y; the client never \
             follows redirects."
        );
        assert_eq!(
            redirect_message(Method::Get, "http://h/x", Some(300), None),
            "GET http://h/x: refused a redirect (300); the client never follows redirects."
        );
        assert_eq!(
            redirect_message(Method::Delete, "/p/x", None, None),
            "DELETE /p/x: refused a redirect; the client never follows redirects."
        );
    }

    #[test]
    fn error_bodies_are_read_up_to_64_kib_or_the_response_limit() {
        assert_eq!(error_body_limit(32 << 20), 65_536);
        assert_eq!(error_body_limit(1000), 1000);
    }

    #[test]
    fn problem_details_read_asp_net_bodies() {
        let body = serde_json::json!({
            "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            "title": "One or more validation errors occurred.", "status": 400,
            "errors": {"title": ["Title is required."]}, "traceId": "00-abc-01", "issues": []
        });
        let problem: ProblemDetails = serde_json::from_value(body).unwrap();
        assert_eq!(problem.status, Some(400));
        assert_eq!(problem.trace_id.as_deref(), Some("00-abc-01"));
        assert_eq!(problem.errors.unwrap()["title"], ["Title is required."]);
    }

    #[test]
    fn json_bodies_are_recognised() {
        assert!(looks_like_json(
            Some("application/problem+json; charset=utf-8"),
            ""
        ));
        assert!(looks_like_json(Some("Application/JSON"), "x"));
        assert!(looks_like_json(Some("text/plain"), "  {\"a\":1}"));
        assert!(!looks_like_json(Some("text/html"), "<html>"));
        assert!(!looks_like_json(None, "oops"));
    }
}
