//! The client's errors (contract §5): their kinds, the fields an `ApiError` takes from the status,
//! headers and body, and their messages. The wasm shell turns these into JS `Error` objects; it
//! decides nothing itself.
//!
//! No message is ever built from the API key: the key lives only in the request header.

use crate::call::Headers;
use crate::decode::JsonType;
use crate::routes::Method;
use crate::text::{concat, push_number};
use crate::validate::ValidationIssue;
use serde::{Deserialize, Serialize};
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
    /// The headers the figures come from, as the client reads them.
    pub const HEADERS: [&'static str; 3] =
        ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"];

    /// The figures of an answer's [`RateLimit::HEADERS`], when it has all three.
    pub fn read(headers: &impl Headers) -> Option<RateLimit> {
        let [limit, remaining, reset] = RateLimit::HEADERS;
        RateLimit::from_headers(
            headers.get(limit).as_deref(),
            headers.get(remaining).as_deref(),
            headers.get(reset).as_deref(),
        )
    }

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

// The one definition of problem details, for both sides: the emulator serializes it (the
// members it has, in this order, absent ones left out), the package's TypeScript type is
// generated from it, and the client reads an error body's members by `ProblemDetails::MEMBERS`.
// `skip_serializing_if` is set on native builds only: tsify would read it as "optional", and the
// TypeScript type describes `ApiError.problem`, which lists every member. The emulator core, built
// for wasm32 as the in-process emulator, turns on the `problem-wire` feature to write the same
// wire format there (the package, whose TypeScript type this is, never does).
/// RFC 7807 problem details, as ASP.NET writes them. Every member is `null` when the body does
/// not have it (or holds a value of the wrong type); extension members stay in the error's
/// `body`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct ProblemDetails {
    /// A URI reference identifying the problem type.
    #[serde(rename = "type")]
    #[cfg_attr(
        any(not(target_arch = "wasm32"), feature = "problem-wire"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub problem_type: Option<String>,
    /// A short summary of the problem type.
    #[cfg_attr(
        any(not(target_arch = "wasm32"), feature = "problem-wire"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub title: Option<String>,
    /// The HTTP status the server gave.
    #[cfg_attr(
        any(not(target_arch = "wasm32"), feature = "problem-wire"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub status: Option<u16>,
    /// An explanation of this occurrence.
    #[cfg_attr(
        any(not(target_arch = "wasm32"), feature = "problem-wire"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub detail: Option<String>,
    /// A URI reference identifying this occurrence.
    #[cfg_attr(
        any(not(target_arch = "wasm32"), feature = "problem-wire"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub instance: Option<String>,
    /// For 400: each field's validation messages.
    #[cfg_attr(
        any(not(target_arch = "wasm32"), feature = "problem-wire"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "Record<string, string[]> | null")
    )]
    pub errors: Option<FieldErrors>,
    /// An extension member: the structured issues behind `errors` (field, code, parameters,
    /// message), which the local emulator writes on 400 answers. Not in the TypeScript type: the
    /// client reads only the standard members and leaves this in `ApiError.body`.
    #[cfg_attr(
        any(not(target_arch = "wasm32"), feature = "problem-wire"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    #[cfg_attr(
        all(target_arch = "wasm32", not(feature = "problem-wire")),
        serde(skip)
    )]
    pub issues: Option<Vec<ValidationIssue>>,
    /// The server's trace identifier, for support requests.
    #[cfg_attr(
        any(not(target_arch = "wasm32"), feature = "problem-wire"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub trace_id: Option<String>,
}

impl ProblemDetails {
    /// The members the client reads from an error body, in the order `ApiError.problem` lists
    /// them, with what each must hold to be kept (anything else reads as `null`).
    pub const MEMBERS: [(&'static str, MemberRule); 7] = [
        ("type", MemberRule::Text),
        ("title", MemberRule::Text),
        ("status", MemberRule::Status),
        ("detail", MemberRule::Text),
        ("instance", MemberRule::Text),
        ("traceId", MemberRule::Text),
        ("errors", MemberRule::Object),
    ];
}

/// What a problem-details member must hold for the client to keep it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberRule {
    /// A string.
    Text,
    /// A number from 100 to 599.
    Status,
    /// An object (not an array).
    Object,
}

impl MemberRule {
    /// Whether a member of JSON type `found` (and, for a number, value `number`) is kept.
    pub fn keeps(self, found: JsonType, number: f64) -> bool {
        match self {
            MemberRule::Text => found == JsonType::String,
            MemberRule::Status => found == JsonType::Number && (100.0..=599.0).contains(&number),
            MemberRule::Object => found == JsonType::Object,
        }
    }
}

/// The `errors` member of problem details: each field's messages, in the order the fields came
/// (a JSON object on the wire).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(String, Vec<String>)>);

impl FieldErrors {
    /// Adds `message` under `field`, after the field's earlier messages.
    pub fn add(&mut self, field: &str, message: String) {
        match self.0.iter_mut().find(|(f, _)| f == field) {
            Some((_, messages)) => messages.push(message),
            None => self.0.push((field.to_owned(), vec![message])),
        }
    }

    /// The messages of `issues`, by field, in the order the issues came.
    pub fn from_issues(issues: &[ValidationIssue]) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for issue in issues {
            errors.add(issue.field.name(), issue.message.clone());
        }
        errors
    }

    /// The messages under `field`.
    pub fn get(&self, field: &str) -> Option<&[String]> {
        let (_, messages) = self.0.iter().find(|(f, _)| f == field)?;
        Some(messages)
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, messages) in &self.0 {
            map.serialize_entry(field, messages)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for FieldErrors {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = FieldErrors;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of field names to lists of messages")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<FieldErrors, A::Error> {
                let mut errors = Vec::new();
                while let Some(entry) = map.next_entry::<String, Vec<String>>()? {
                    errors.push(entry);
                }
                Ok(FieldErrors(errors))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// How an error (non-2xx) body becomes `ApiError.body`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorBody {
    /// Empty: `null`.
    Empty,
    /// Parse it as JSON, and read problem details from it; text if it does not parse.
    Json,
    /// Keep it as text: it is not JSON, or it was cut at the limit (a cut body is never parsed:
    /// half a document could parse as something else).
    Text,
}

impl ErrorBody {
    /// How to keep `text`, the body as read (`cut` when reading stopped at the limit), under
    /// its `content_type`.
    pub fn of(text: &str, cut: bool, content_type: Option<&str>) -> ErrorBody {
        if text.is_empty() {
            ErrorBody::Empty
        } else if !cut && looks_like_json(content_type, text) {
            ErrorBody::Json
        } else {
            ErrorBody::Text
        }
    }
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
/// It explains with the problem's `detail`, else its `title`.
pub fn api_message(
    method: Method,
    url: &str,
    status: u16,
    status_text: &str,
    detail: Option<&str>,
    title: Option<&str>,
) -> String {
    let mut m = concat(&[method.as_str(), " ", url, " failed: "]);
    push_number(&mut m, u64::from(status));
    let reason = standard_status_text(status, status_text);
    let explanation = detail.or(title);
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

/// `ApiError.statusText`: the status text given, or the standard reason phrase when there is
/// none (HTTP/2 sends none).
pub fn standard_status_text(status: u16, given: &str) -> &str {
    if given.is_empty() {
        reason_phrase(status)
    } else {
        given
    }
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
    use crate::validate::{validate_field, Field, IssueDetail, Value};

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
        struct Answer(&'static [(&'static str, &'static str)]);
        impl Headers for Answer {
            fn get(&self, name: &str) -> Option<String> {
                let (_, v) = self.0.iter().find(|(n, _)| *n == name)?;
                Some(v.to_string())
            }
        }
        let all = Answer(&[
            ("ratelimit-limit", "500"),
            ("ratelimit-remaining", "7"),
            ("ratelimit-reset", "30"),
        ]);
        assert_eq!(
            RateLimit::read(&all),
            Some(RateLimit {
                limit: 500,
                remaining: 7,
                reset_seconds: 30
            })
        );
        assert_eq!(
            RateLimit::read(&Answer(&[("ratelimit-limit", "500")])),
            None
        );
    }

    #[test]
    fn api_messages_name_method_url_status_and_the_explanation() {
        let detail = Some("No activity a1 for customer c1.");
        assert_eq!(
            api_message(
                Method::Get,
                "http://h/x",
                404,
                "Not Found",
                detail,
                Some("T")
            ),
            "GET http://h/x failed: 404 Not Found: No activity a1 for customer c1."
        );
        assert_eq!(
            api_message(
                Method::Get,
                "http://h/x",
                409,
                "",
                None,
                Some("Conflict here")
            ),
            "GET http://h/x failed: 409 Conflict: Conflict here."
        );
        assert_eq!(
            api_message(Method::Get, "http://h/x", 400, "Bad", Some(""), Some("T")),
            "GET http://h/x failed: 400 Bad.",
            "an empty detail explains nothing, and the title is not used then"
        );
        assert_eq!(
            api_message(Method::Delete, "http://h/x", 503, "", None, None),
            "DELETE http://h/x failed: 503 Service Unavailable."
        );
        assert_eq!(
            api_message(Method::Put, "http://h/x", 599, "", None, None),
            "PUT http://h/x failed: 599."
        );
        assert_eq!(standard_status_text(404, ""), "Not Found");
        assert_eq!(standard_status_text(404, "Gone Fishing"), "Gone Fishing");
        assert_eq!(standard_status_text(599, ""), "");
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
            "errors": {"title": ["Title is required."]}, "traceId": "00-abc-01", "other": []
        });
        let problem: ProblemDetails = serde_json::from_value(body).unwrap();
        assert_eq!(problem.status, Some(400));
        assert_eq!(problem.trace_id.as_deref(), Some("00-abc-01"));
        assert_eq!(
            problem.errors.unwrap().get("title").unwrap(),
            ["Title is required."]
        );
        assert_eq!(problem.issues, None);
    }

    #[test]
    fn problem_details_write_what_they_have_in_order_with_the_issues_extension() {
        let issues = vec![
            ValidationIssue::new(Field::Title, IssueDetail::Required),
            ValidationIssue::new(Field::Type, IssueDetail::Required),
            ValidationIssue::new(
                Field::Title,
                IssueDetail::TooLong {
                    max: 60,
                    actual: 61,
                },
            ),
        ];
        let problem = ProblemDetails {
            problem_type: Some("https://tools.ietf.org/html/rfc9110#section-15.5.1".into()),
            title: Some("One or more validation errors occurred.".into()),
            status: Some(400),
            errors: Some(FieldErrors::from_issues(&issues)),
            issues: Some(issues.clone()),
            trace_id: Some("00-abc-01".into()),
            ..ProblemDetails::default()
        };
        let text = serde_json::to_string(&problem).unwrap();
        assert_eq!(
            text,
            concat!(
                r#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","#,
                r#""title":"One or more validation errors occurred.","status":400,"#,
                r#""errors":{"title":["Title is required.","Title must be at most 60 characters; it has 61."],"#,
                r#""type":["Type is required."]},"issues":"#,
                r#"[{"field":"title","code":"required","message":"Title is required."},"#,
                r#"{"field":"type","code":"required","message":"Type is required."},"#,
                r#"{"field":"title","code":"too_long","max":60,"actual":61,"#,
                r#""message":"Title must be at most 60 characters; it has 61."}],"#,
                r#""traceId":"00-abc-01"}"#
            )
        );
        let back: ProblemDetails = serde_json::from_str(&text).unwrap();
        assert_eq!(back, problem);
        assert_eq!(
            serde_json::to_string(&ProblemDetails::default()).unwrap(),
            "{}"
        );
    }

    #[test]
    fn the_client_reads_every_standard_member_and_keeps_only_the_right_types() {
        // Every member serde writes but the extension is one the client reads, and the rule
        // for each keeps what serde writes there.
        let full = ProblemDetails {
            problem_type: Some("t".into()),
            title: Some("t".into()),
            status: Some(404),
            detail: Some("d".into()),
            instance: Some("i".into()),
            errors: Some(FieldErrors(vec![("title".into(), vec!["m".into()])])),
            issues: None,
            trace_id: Some("x".into()),
        };
        let written = serde_json::to_value(&full).unwrap();
        let written = written.as_object().unwrap();
        let mut names: Vec<&str> = ProblemDetails::MEMBERS.iter().map(|(n, _)| *n).collect();
        let mut keys: Vec<&str> = written.keys().map(String::as_str).collect();
        names.sort_unstable();
        keys.sort_unstable();
        assert_eq!(names, keys);
        for (name, rule) in ProblemDetails::MEMBERS {
            let value = &written[name];
            let (found, number) = match value {
                serde_json::Value::String(_) => (JsonType::String, 0.0),
                serde_json::Value::Number(n) => (JsonType::Number, n.as_f64().unwrap()),
                serde_json::Value::Object(_) => (JsonType::Object, 0.0),
                other => panic!("{name}: {other}"),
            };
            assert!(rule.keeps(found, number), "{name}");
        }
        assert!(!MemberRule::Text.keeps(JsonType::Number, 1.0));
        assert!(!MemberRule::Text.keeps(JsonType::Null, 0.0));
        assert!(MemberRule::Status.keeps(JsonType::Number, 100.0));
        assert!(MemberRule::Status.keeps(JsonType::Number, 404.5));
        assert!(!MemberRule::Status.keeps(JsonType::Number, 99.0));
        assert!(!MemberRule::Status.keeps(JsonType::Number, 600.0));
        assert!(!MemberRule::Status.keeps(JsonType::String, 404.0));
        assert!(!MemberRule::Object.keeps(JsonType::Array, 0.0));
    }

    #[test]
    fn error_bodies_are_parsed_only_when_json_and_whole() {
        let json = Some("application/problem+json");
        assert_eq!(ErrorBody::of("", false, json), ErrorBody::Empty);
        assert_eq!(ErrorBody::of("", true, json), ErrorBody::Empty);
        assert_eq!(ErrorBody::of("{\"a\":1}", false, json), ErrorBody::Json);
        assert_eq!(ErrorBody::of("{\"a\":1", true, json), ErrorBody::Text);
        assert_eq!(ErrorBody::of("oops", false, json), ErrorBody::Json);
        assert_eq!(ErrorBody::of(" [1]", false, None), ErrorBody::Json);
        assert_eq!(
            ErrorBody::of("<html>", false, Some("text/html")),
            ErrorBody::Text
        );
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
