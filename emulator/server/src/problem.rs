//! RFC 7807 problem details, shaped as ASP.NET writes them: `type`, `title`, `status`,
//! `detail`, for validation errors an `errors` map of field name to messages, and `traceId`.
//! The emulator adds one extension member to validation answers, `issues`: the crate's
//! structured issues (field, code, params, message), which the client and the parity tests
//! compare.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::ser::{Serialize, SerializeMap, Serializer};
use skimmer_activity_logs::validate::ValidationIssue;

/// The media type of problem details.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json; charset=utf-8";
/// The media type of every other JSON answer.
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// ASP.NET's title for a validation answer.
pub const VALIDATION_TITLE: &str = "One or more validation errors occurred.";

/// A problem-details answer under construction.
#[derive(Clone, Debug)]
pub struct Problem {
    status: StatusCode,
    title: String,
    detail: Option<String>,
    errors: Vec<(String, Vec<String>)>,
    issues: Option<Vec<ValidationIssue>>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Problem {
    /// A problem with the status's standard title.
    pub fn new(status: StatusCode) -> Problem {
        Problem {
            status,
            title: status
                .canonical_reason()
                .unwrap_or("Unknown Status")
                .to_owned(),
            detail: None,
            errors: Vec::new(),
            issues: None,
            headers: Vec::new(),
        }
    }

    /// The 400 answer for input that breaks the validation rules: `errors` keyed by each issue's
    /// field (in the order the issues came) and the issues themselves in `issues`.
    pub fn validation(issues: Vec<ValidationIssue>) -> Problem {
        let mut problem = Problem::new(StatusCode::BAD_REQUEST).title(VALIDATION_TITLE);
        for issue in &issues {
            problem = problem.error(issue.field.name(), issue.message.clone());
        }
        problem.issues = Some(issues);
        problem
    }

    /// Replaces the title.
    pub fn title(mut self, title: impl Into<String>) -> Problem {
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
        match self.errors.iter_mut().find(|(f, _)| f == field) {
            Some((_, messages)) => messages.push(message),
            None => self.errors.push((field.to_owned(), vec![message])),
        }
        self
    }

    /// Adds a response header.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Problem {
        self.headers.push((name, value));
        self
    }

    /// The status of the answer.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The JSON body.
    pub fn to_json(&self) -> Vec<u8> {
        let body = Body {
            kind: type_uri(self.status),
            title: &self.title,
            status: self.status.as_u16(),
            detail: self.detail.as_deref(),
            errors: (!self.errors.is_empty()).then_some(Errors(&self.errors)),
            issues: self.issues.as_deref(),
            trace_id: crate::ids::trace_id(),
        };
        serde_json::to_vec(&body).unwrap_or_default()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = self.to_json();
        let mut response = (
            self.status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
            )],
            body,
        )
            .into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
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
    trace_id: String,
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

/// The `type` URI ASP.NET uses for a status: its section of RFC 9110 (RFC 6585 for 429).
fn type_uri(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
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

/// A `200`-style JSON answer (`application/json; charset=utf-8`) from serialized bytes.
pub fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(JSON_CONTENT_TYPE),
        )],
        body,
    )
        .into_response()
}

/// A JSON answer of any serializable value.
pub fn json<T: Serialize + ?Sized>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => json_response(status, body),
        Err(e) => Problem::new(StatusCode::INTERNAL_SERVER_ERROR)
            .detail(format!("could not write the answer: {e}"))
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skimmer_activity_logs::validate::{Field, IssueDetail};

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
        let v: serde_json::Value = serde_json::from_slice(&problem.to_json()).unwrap();
        assert_eq!(v["title"], VALIDATION_TITLE);
        assert_eq!(v["status"], 400);
        assert_eq!(
            v["type"],
            "https://tools.ietf.org/html/rfc9110#section-15.5.1"
        );
        let errors = v["errors"].as_object().unwrap();
        assert_eq!(errors["title"].as_array().unwrap().len(), 2);
        assert_eq!(v["issues"], serde_json::to_value(&issues).unwrap());
        assert!(v["traceId"].as_str().unwrap().starts_with("00-"));
        assert!(v.get("detail").is_none());
    }

    #[test]
    fn a_plain_problem_has_the_standard_title_and_no_errors() {
        let problem = Problem::new(StatusCode::NOT_FOUND).detail("No customer");
        let v: serde_json::Value = serde_json::from_slice(&problem.to_json()).unwrap();
        assert_eq!(v["title"], "Not Found");
        assert_eq!(v["detail"], "No customer");
        assert!(v.get("errors").is_none() && v.get("issues").is_none());
    }
}
