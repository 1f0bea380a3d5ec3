//! RFC 7807 problem details, shaped as ASP.NET writes them: `type`, `title`, `status`,
//! `detail`, for validation errors an `errors` map of field name to messages, and `traceId`.
//! The emulator adds one extension member to validation answers, `issues`: the crate's
//! structured issues (field, code, params, message), which the client and the parity tests
//! compare. The wire format is the library's one problem-details type,
//! [`ProblemDetails`]: what the emulator writes is what the client reads.

use crate::response::Response;
use skimmer_activity_logs::error::{FieldErrors, ProblemDetails};
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
    /// The members but `type`, `status` and `traceId`, which are set as it is written (boxed:
    /// a `Problem` travels in `Result`s).
    members: Box<ProblemDetails>,
    headers: Vec<(&'static str, Cow<'static, str>)>,
}

impl Problem {
    /// A problem with the status's standard title.
    pub fn new(status: u16) -> Problem {
        Problem {
            status,
            members: Box::new(ProblemDetails {
                title: Some(reason_phrase(status).to_owned()),
                ..ProblemDetails::default()
            }),
            headers: Vec::new(),
        }
    }

    /// The 400 answer for input that breaks the validation rules: `errors` keyed by each issue's
    /// field (in the order the issues came) and the issues themselves in `issues`.
    pub fn validation(issues: Vec<ValidationIssue>) -> Problem {
        let mut problem = Problem::new(400).title(VALIDATION_TITLE);
        problem.members.errors = Some(FieldErrors::from_issues(&issues));
        problem.members.issues = Some(issues);
        problem
    }

    /// Replaces the title.
    pub fn title(mut self, title: impl Into<Cow<'static, str>>) -> Problem {
        self.members.title = Some(title.into().into_owned());
        self
    }

    /// Sets the human-readable explanation of this occurrence.
    pub fn detail(mut self, detail: impl Into<String>) -> Problem {
        self.members.detail = Some(detail.into());
        self
    }

    /// Adds a message to the `errors` map under `field`.
    pub fn error(mut self, field: &str, message: impl Into<String>) -> Problem {
        self.members
            .errors
            .get_or_insert_with(FieldErrors::default)
            .add(field, message.into());
        self
    }

    /// Adds a response header (`name` lower case).
    pub fn header(mut self, name: &'static str, value: impl Into<Cow<'static, str>>) -> Problem {
        self.headers.push((name, value.into()));
        self
    }

    /// The status of the answer.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `detail`, if set.
    pub fn detail_text(&self) -> Option<&str> {
        self.members.detail.as_deref()
    }

    /// The problem details as they go on the wire, with `trace_id` as its `traceId`.
    pub fn details(&self, trace_id: &str) -> ProblemDetails {
        ProblemDetails {
            problem_type: Some(type_uri(self.status).to_owned()),
            status: Some(self.status),
            trace_id: Some(trace_id.to_owned()),
            ..(*self.members).clone()
        }
    }

    /// The JSON body, with `trace_id` as its `traceId`.
    pub fn to_json(&self, trace_id: &str) -> Vec<u8> {
        // Plain strings, numbers and lists: writing them to a Vec cannot fail.
        serde_json::to_vec(&self.details(trace_id)).unwrap_or_default()
    }

    /// The answer: the JSON body as `application/problem+json`, with the added headers.
    pub fn into_response(self, trace_id: &str) -> Response {
        let mut response =
            Response::with_body(self.status, PROBLEM_CONTENT_TYPE, self.to_json(trace_id));
        for (name, value) in self.headers {
            response.headers.set(name, value);
        }
        response
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
    fn the_members_go_out_in_asp_net_order_and_read_back_as_the_librarys_type() {
        let problem = Problem::validation(vec![ValidationIssue::new(
            Field::Title,
            IssueDetail::Required,
        )])
        .detail("Fix the title.");
        let text = String::from_utf8(problem.to_json(TRACE)).unwrap();
        let at = |member: &str| text.find(&format!("\"{member}\":")).unwrap();
        let order = [
            "type", "title", "status", "detail", "errors", "issues", "traceId",
        ];
        assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
        assert!(
            !text.contains("instance") && !text.contains("null"),
            "{text}"
        );
        let read: ProblemDetails = serde_json::from_str(&text).unwrap();
        assert_eq!(read, problem.details(TRACE));
        assert_eq!(read.errors.unwrap().get("title").unwrap().len(), 1);
    }

    #[test]
    fn every_status_has_a_title() {
        for status in [200, 204, 401, 413, 418, 429, 507, 599] {
            assert!(!reason_phrase(status).is_empty());
        }
        assert_eq!(reason_phrase(599), "Unknown Status");
    }
}
