//! Request bodies of create and update: the media type check (415), the size cap (413), JSON
//! parsing (400) and the thin mapping from a JSON value to the crate's [`RawInput`], so the
//! emulator validates with exactly the rules the package uses.

use crate::media::{check_json_body_type, NotJson};
use crate::problem::{Problem, VALIDATION_TITLE};
use crate::request::RequestBody;
use skimmer_activity_logs::model::ActivityInput;
use skimmer_activity_logs::validate::{parse_input, RawInput, ValidationIssue, Value};

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
    Problem::new(415).detail(detail)
}

/// The 413 problem for a body past `limit` bytes.
pub fn too_large(limit: usize) -> Problem {
    Problem::new(413).detail(format!("The request body is larger than {limit} bytes."))
}

/// The bytes of `body`, or the 413 problem when it was too large.
pub fn bytes_within(body: &RequestBody, limit: usize) -> Result<&[u8], Problem> {
    match body {
        RequestBody::TooLarge => Err(too_large(limit)),
        body => Ok(body.bytes()),
    }
}

/// The typed input of a create or update request, or the problem to answer: 415 when the body
/// is not declared as JSON in UTF-8, 413 when it was too large, 400 when it is not JSON or breaks
/// the validation rules.
pub fn activity_input(
    content_type: Option<&[u8]>,
    body: &RequestBody,
    limit: usize,
) -> Result<ActivityInput, Problem> {
    check_json_body_type(content_type).map_err(|reason| not_json(&reason))?;
    let bytes = bytes_within(body, limit)?;
    let json: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        let message = format!("The request body is not valid JSON: {e}.");
        Problem::new(400)
            .title(VALIDATION_TITLE)
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

    #[test]
    fn the_media_type_comes_first_then_the_size_then_the_json_then_the_rules() {
        let json = Some(&b"application/json"[..]);
        let body = |text: &str| RequestBody::Bytes(text.as_bytes().to_vec());
        let status = |ct, b: &RequestBody| activity_input(ct, b, 100).unwrap_err().status();
        assert_eq!(status(None, &RequestBody::TooLarge), 415);
        assert_eq!(
            status(Some(b"application/json; charset=utf-16"), &body("{}")),
            415
        );
        assert_eq!(status(json, &RequestBody::TooLarge), 413);
        assert_eq!(status(json, &body("{")), 400);
        assert_eq!(status(json, &RequestBody::Empty), 400);
        assert_eq!(status(json, &body(r#"{"type":"Nope"}"#)), 400);
        let input = activity_input(json, &body(r#"{"type":"Call","title":"Hi"}"#), 100).unwrap();
        assert_eq!(input.title, "Hi");
    }
}
