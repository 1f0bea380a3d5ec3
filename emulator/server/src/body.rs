//! Request bodies of create and update: the media type check (415), the size cap (413), the
//! read timeout (408), JSON parsing (400) and the thin mapping from a JSON value to the crate's
//! [`RawInput`], so the emulator validates with exactly the rules the package uses.

use crate::media::{check_json_body_type, NotJson};
use crate::problem::Problem;
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use skimmer_activity_logs::model::ActivityInput;
use skimmer_activity_logs::validate::{parse_input, RawInput, ValidationIssue, Value};
use std::time::Duration;

pub use crate::limits::MAX_BODY_BYTES;
pub use crate::media::is_json_media_type;

/// How the fields of a JSON body look to the validation rules: a missing key is
/// [`Value::Absent`], `null` is [`Value::Null`], a string is [`Value::Text`], anything else is
/// [`Value::Other`]. A body that is not an object is the single `not_an_object` issue.
/// Unknown keys are ignored.
pub fn raw_input(json: &serde_json::Value) -> Result<RawInput<'_>, ValidationIssue> {
    let object = json
        .as_object()
        .ok_or_else(ValidationIssue::not_an_object)?;
    let field = |name: &str| match object.get(name) {
        None => Value::Absent,
        Some(serde_json::Value::Null) => Value::Null,
        Some(serde_json::Value::String(s)) => Value::Text(s),
        Some(_) => Value::Other,
    };
    Ok(RawInput {
        activity_type: field("type"),
        title: field("title"),
        description: field("description"),
        author_id: field("authorId"),
        author_name: field("authorName"),
    })
}

/// Reads at most `limit` bytes of `body` within [`crate::limits::BODY_READ_TIMEOUT`]: a longer
/// body is a 413 problem, a slower one a 408 problem that closes the connection.
pub async fn read_limited(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<axum::body::Bytes, Problem> {
    read_within(headers, body, limit, crate::limits::BODY_READ_TIMEOUT).await
}

/// [`read_limited`] with a given timeout.
pub async fn read_within(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    timeout: Duration,
) -> Result<axum::body::Bytes, Problem> {
    let too_large = || {
        Problem::new(StatusCode::PAYLOAD_TOO_LARGE)
            .detail(format!("The request body is larger than {limit} bytes."))
            .header(header::CONNECTION, HeaderValue::from_static("close"))
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let read = match tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await {
        Ok(read) => read,
        Err(_elapsed) => {
            return Err(Problem::new(StatusCode::REQUEST_TIMEOUT)
                .detail(format!(
                    "The request body did not arrive within {} s.",
                    timeout.as_secs()
                ))
                .header(header::CONNECTION, HeaderValue::from_static("close")))
        }
    };
    read.map_err(|e| {
        let inner = e.into_inner();
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&*inner);
        while let Some(err) = source {
            if err.is::<http_body_util::LengthLimitError>() {
                return too_large();
            }
            source = err.source();
        }
        Problem::new(StatusCode::BAD_REQUEST)
            .detail(format!("Could not read the request body: {inner}"))
            .header(header::CONNECTION, HeaderValue::from_static("close"))
    })
}

/// The 415 problem for a body whose `Content-Type` is not JSON in UTF-8.
pub fn not_json(reason: &NotJson) -> Problem {
    let detail = match reason {
        NotJson::Missing => {
            "The request has no Content-Type; send the body as application/json.".to_owned()
        }
        NotJson::Other => {
            "The request body must be JSON (Content-Type: application/json).".to_owned()
        }
        NotJson::Charset(charset) => {
            format!("The request body must be JSON in UTF-8; charset {charset:?} is not supported.")
        }
    };
    Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE).detail(detail)
}

/// The typed input of a create or update request, or the problem to answer: 415 when the body
/// is not declared as JSON in UTF-8, 413 when it is too large, 408 when it is too slow, 400 when
/// it is not JSON or breaks the validation rules.
pub async fn activity_input(headers: &HeaderMap, body: Body) -> Result<ActivityInput, Problem> {
    check_json_body_type(headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes))
        .map_err(|reason| not_json(&reason))?;
    let bytes = read_limited(headers, body, MAX_BODY_BYTES).await?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        let message = format!("The request body is not valid JSON: {e}.");
        Problem::new(StatusCode::BAD_REQUEST)
            .title(crate::problem::VALIDATION_TITLE)
            .detail(message.clone())
            .error("input", message)
    })?;
    let raw = raw_input(&json).map_err(|issue| Problem::validation(vec![issue]))?;
    parse_input(&raw).map_err(Problem::validation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_values_map_to_raw_values() {
        let body =
            json!({"type": "Call", "title": null, "description": 5, "authorId": [], "extra": 1});
        let raw = raw_input(&body).unwrap();
        assert_eq!(raw.activity_type, Value::Text("Call"));
        assert_eq!(raw.title, Value::Null);
        assert_eq!(raw.description, Value::Other);
        assert_eq!(raw.author_id, Value::Other);
        assert_eq!(raw.author_name, Value::Absent);
        for not_object in [json!([]), json!(1), json!("s"), json!(null), json!(true)] {
            assert_eq!(
                raw_input(&not_object),
                Err(ValidationIssue::not_an_object())
            );
        }
    }
}
