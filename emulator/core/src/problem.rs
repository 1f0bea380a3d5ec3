//! RFC 7807 problem details, shaped as ASP.NET writes them: `type`, `title`, `status`,
//! `detail`, for validation errors an `errors` map of field name to messages, and `traceId`.
//! The emulator adds one extension member to validation answers, `issues`: the crate's
//! structured issues (field, code, params, message), which the client and the parity tests
//! compare. What goes on the wire is written in one place (the private `wire` module).

use crate::response::Response;
use skimmer_activity_logs::validate::ValidationIssue;
use std::borrow::Cow;

/// The media type of problem details.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json; charset=utf-8";
/// The media type of every other JSON answer.
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// ASP.NET's title for a validation answer.
pub const VALIDATION_TITLE: &str = "One or more validation errors occurred.";

/// A problem-details answer under construction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    status: u16,
    title: Cow<'static, str>,
    detail: Option<String>,
    /// What few problems have (boxed: a `Problem` travels in `Result`s).
    more: Box<More>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct More {
    errors: Vec<(String, Vec<String>)>,
    issues: Option<Vec<ValidationIssue>>,
    headers: Vec<(&'static str, Cow<'static, str>)>,
}

impl Problem {
    /// A problem with the status's standard title.
    pub fn new(status: u16) -> Problem {
        Problem {
            status,
            title: Cow::Borrowed(reason_phrase(status)),
            detail: None,
            more: Box::default(),
        }
    }

    /// The 400 answer for input that breaks the validation rules: `errors` keyed by each issue's
    /// field (in the order the issues came) and the issues themselves in `issues`.
    pub fn validation(issues: Vec<ValidationIssue>) -> Problem {
        let mut problem = Problem::new(400).title(VALIDATION_TITLE);
        for issue in &issues {
            problem = problem.error(issue.field.name(), issue.message.clone());
        }
        problem.more.issues = Some(issues);
        problem
    }

    /// Replaces the title.
    pub fn title(mut self, title: impl Into<Cow<'static, str>>) -> Problem {
        self.title = title.into();
        self
    }

    /// Sets the human-readable explanation of this occurrence.
    pub fn detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    /// Adds a message to the `errors` map under `field`.
    pub fn error(mut self, field: &str, message: impl Into<String>) -> Problem {
        let message = message.into();
        let errors = &mut self.more.errors;
        match errors.iter_mut().find(|(f, _)| f == field) {
            Some((_, messages)) => messages.push(message),
            None => errors.push((field.to_owned(), vec![message])),
        }
        self
    }

    /// Adds a response header (`name` lower case).
    pub fn header(mut self, name: &'static str, value: impl Into<Cow<'static, str>>) -> Problem {
        self.more.headers.push((name, value.into()));
        self
    }

    /// The status of the answer.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `detail`, if set.
    pub fn detail_text(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The JSON body, with `trace_id` as its `traceId`.
    pub fn to_json(&self, trace_id: &str) -> Vec<u8> {
        wire::to_json(self, trace_id)
    }

    /// The answer: the JSON body as `application/problem+json`, with the added headers.
    pub fn into_response(self, trace_id: &str) -> Response {
        let mut response =
            Response::with_body(self.status, PROBLEM_CONTENT_TYPE, self.to_json(trace_id));
        for (name, value) in self.more.headers {
            response.headers.set(name, value);
        }
        response
    }
}

/// The wire format of problem details: the one place that writes them.
// The seam for the project's one problem-details type: once the library's `ProblemDetails`
// serializes the members the emulator writes (its `issues` extension included), `to_json`
// becomes `serde_json::to_vec(&ProblemDetails { .. })` and the private `Body` below goes.
mod wire {
    use super::{type_uri, Problem};
    use serde::ser::{Serialize, SerializeMap, Serializer};
    use skimmer_activity_logs::validate::ValidationIssue;

    /// `problem` as JSON, with `trace_id` as its `traceId`.
    pub fn to_json(problem: &Problem, trace_id: &str) -> Vec<u8> {
        let body = Body {
            kind: type_uri(problem.status),
            title: &problem.title,
            status: problem.status,
            detail: problem.detail.as_deref(),
            errors: (!problem.more.errors.is_empty()).then_some(Errors(&problem.more.errors)),
            issues: problem.more.issues.as_deref(),
            trace_id,
        };
        serde_json::to_vec(&body).unwrap_or_default()
    }

    #[derive(serde::Serialize)]
    struct Body<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        title: &'a str,
        status: u16,
        #[serde(skip_serializing_if = "Option::is_none")]
        detail: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        errors: Option<Errors<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        issues: Option<&'a [ValidationIssue]>,
        #[serde(rename = "traceId")]
        trace_id: &'a str,
    }

    /// The `errors` map, written in insertion order.
    struct Errors<'a>(&'a [(String, Vec<String>)]);

    impl Serialize for Errors<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (field, messages) in self.0 {
                map.serialize_entry(field, messages)?;
            }
            map.end()
        }
    }
}

/// The `type` URI ASP.NET uses for a status: its section of RFC 9110 (RFC 6585 for 429).
fn type_uri(status: u16) -> &'static str {
    match status {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        504 => "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        _ => "about:blank",
    }
}

/// The standard reason phrase of a status (`Unknown Status` for one without).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "Unknown Status",
    }
}

/// A JSON answer of serialized bytes (`application/json; charset=utf-8`).
pub fn json_response(status: u16, body: Vec<u8>) -> Response {
    Response::with_body(status, JSON_CONTENT_TYPE, body)
}

/// A JSON answer of any serializable value (plain data: serializing it cannot fail).
pub fn json<T: serde::Serialize + ?Sized>(status: u16, value: &T) -> Response {
    json_response(status, serde_json::to_vec(value).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use skimmer_activity_logs::validate::{Field, IssueDetail};

    const TRACE: &str = "00-0123456789abcdef0123456789abcdef-0123456789abcdef-00";

    #[test]
    fn a_validation_problem_has_errors_and_issues_in_field_order() {
        let issues = vec![
            ValidationIssue::new(Field::Title, IssueDetail::Required),
            ValidationIssue::new(
                Field::Title,
                IssueDetail::InvalidCharacters {
                    characters: vec!["é".into()],
                },
            ),
            ValidationIssue::new(Field::Description, IssueDetail::Required),
        ];
        let problem = Problem::validation(issues.clone());
        let v: serde_json::Value = serde_json::from_slice(&problem.to_json(TRACE)).unwrap();
        assert_eq!(v["title"], VALIDATION_TITLE);
        assert_eq!(v["status"], 400);
        assert_eq!(
            v["type"],
            "https://tools.ietf.org/html/rfc9110#section-15.5.1"
        );
        let errors = v["errors"].as_object().unwrap();
        assert_eq!(errors["title"].as_array().unwrap().len(), 2);
        assert_eq!(v["issues"], serde_json::to_value(&issues).unwrap());
        assert_eq!(v["traceId"], TRACE);
        assert!(v.get("detail").is_none());
    }

    #[test]
    fn a_plain_problem_has_the_standard_title_and_no_errors() {
        let response = Problem::new(404)
            .detail("No customer")
            .header("retry-after", "1")
            .into_response(TRACE);
        assert_eq!(response.status, 404);
        assert_eq!(
            response.headers.get("content-type"),
            Some(PROBLEM_CONTENT_TYPE)
        );
        assert_eq!(response.headers.get("retry-after"), Some("1"));
        let v: serde_json::Value = serde_json::from_slice(&response.body.into_bytes()).unwrap();
        assert_eq!(v["title"], "Not Found");
        assert_eq!(v["detail"], "No customer");
        assert!(v.get("errors").is_none() && v.get("issues").is_none());
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5);
    }

    #[test]
    fn every_status_has_a_title() {
        for status in [200, 204, 401, 413, 418, 429, 507, 599] {
            assert!(!reason_phrase(status).is_empty());
        }
        assert_eq!(reason_phrase(599), "Unknown Status");
    }
}
