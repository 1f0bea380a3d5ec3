//! Request bodies of create and update: the media type check (415), the size cap (413), JSON
//! parsing (400) and the thin mapping from a JSON value to the crate's [`RawInput`], so the
//! emulator validates with exactly the rules the package uses.

use crate::problem::Problem;
use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use skimmer_activity_logs::model::ActivityInput;
use skimmer_activity_logs::validate::{parse_input, RawInput, ValidationIssue, Value};

/// The largest request body accepted (1 MiB); larger ones get 413.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Whether a `Content-Type` names JSON: `application/json` or `application/*+json`, any
/// parameters (such as `charset`) allowed, case-insensitive.
pub fn is_json_media_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.strip_prefix("application/") {
        Some("json") => true,
        Some(subtype) => {
            subtype.len() > "+json".len()
                && subtype.ends_with("+json")
                && !subtype.contains(['/', ' '])
        }
        None => false,
    }
}

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

/// Reads at most `limit` bytes of `body`; a longer body is a 413 problem.
pub async fn read_limited(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<axum::body::Bytes, Problem> {
    let too_large = || {
        Problem::new(StatusCode::PAYLOAD_TOO_LARGE)
            .detail(format!("The request body is larger than {limit} bytes."))
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
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
    })
}

/// The typed input of a create or update request, or the problem to answer: 415 when the body
/// is not declared as JSON, 413 when it is too large, 400 when it is not JSON or breaks the
/// validation rules.
pub async fn activity_input(headers: &HeaderMap, body: Body) -> Result<ActivityInput, Problem> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    match &content_type {
        Some(ct) if is_json_media_type(ct) => {}
        Some(ct) => {
            return Err(
                Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE).detail(format!(
                    "The request body must be JSON (Content-Type: application/json); got {ct:?}."
                )),
            )
        }
        None => {
            return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE)
                .detail("The request has no Content-Type; send the body as application/json."))
        }
    }
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
    fn json_media_types() {
        for yes in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON;charset=UTF-8",
            "application/problem+json",
            "application/merge-patch+json; charset=utf-8",
        ] {
            assert!(is_json_media_type(yes), "{yes}");
        }
        for no in [
            "text/plain",
            "text/json",
            "application/jsonx",
            "application/+json",
            "application/x-www-form-urlencoded",
            "",
            "json",
        ] {
            assert!(!is_json_media_type(no), "{no}");
        }
    }

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
