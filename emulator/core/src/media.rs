//! Media types: which request bodies count as JSON, and which answer types are inert (nothing a
//! browser runs or renders as a page). Plain functions of header bytes.

/// A media type split into its lower-case essence (`type/subtype`) and its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaType {
    /// `type/subtype`, lower case, trimmed.
    pub essence: String,
    /// The parameters as `(name, value)`: names lower case, values unquoted, in order.
    pub params: Vec<(String, String)>,
}

impl MediaType {
    /// Parses a `Content-Type` value; `None` when it is not `type/subtype` of token characters
    /// or a parameter is malformed.
    pub fn parse(value: &str) -> Option<MediaType> {
        let mut parts = value.split(';');
        let essence = parts.next()?.trim().to_ascii_lowercase();
        let (kind, subtype) = essence.split_once('/')?;
        if !is_token(kind) || !is_token(subtype) {
            return None;
        }
        let mut params = Vec::new();
        for part in parts {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (name, value) = part.split_once('=')?;
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim();
            let value = match value.strip_prefix('"') {
                Some(rest) => rest.strip_suffix('"')?,
                None => value,
            };
            if !is_token(&name) || value.contains(['"', '\\']) {
                return None;
            }
            params.push((name, value.to_owned()));
        }
        Some(MediaType { essence, params })
    }

    /// The `charset` parameter, if given.
    pub fn charset(&self) -> Option<&str> {
        self.params
            .iter()
            .find(|(name, _)| name == "charset")
            .map(|(_, value)| value.as_str())
    }

    /// Whether the type is JSON: `application/json` or `application/*+json`.
    pub fn is_json(&self) -> bool {
        match self.essence.strip_prefix("application/") {
            Some("json") => true,
            Some(subtype) => subtype.len() > "+json".len() && subtype.ends_with("+json"),
            None => false,
        }
    }

    /// Whether the charset, if any, is UTF-8 (the only one JSON bodies are read as).
    pub fn is_utf8(&self) -> bool {
        self.charset()
            .is_none_or(|c| c.eq_ignore_ascii_case("utf-8") || c.eq_ignore_ascii_case("utf8"))
    }
}

fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+~*'`|%".contains(&b))
}

/// Whether a `Content-Type` names JSON: `application/json` or `application/*+json`, any
/// parameters (such as `charset`) allowed, case-insensitive.
pub fn is_json_media_type(content_type: &str) -> bool {
    MediaType::parse(content_type).is_some_and(|m| m.is_json())
}

/// Why a request body's `Content-Type` is not JSON the emulator reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotJson {
    /// No `Content-Type` at all.
    Missing,
    /// Another media type (or an unreadable value).
    Other,
    /// JSON in a charset other than UTF-8, e.g. `application/json; charset=utf-16`.
    Charset(String),
}

/// Checks a request's `Content-Type` (its raw bytes, if any) for a JSON body in UTF-8.
pub fn check_json_body_type(content_type: Option<&[u8]>) -> Result<(), NotJson> {
    let value = content_type.ok_or(NotJson::Missing)?;
    let media = std::str::from_utf8(value)
        .ok()
        .and_then(MediaType::parse)
        .filter(MediaType::is_json)
        .ok_or(NotJson::Other)?;
    if !media.is_utf8() {
        return Err(NotJson::Charset(
            media.charset().unwrap_or_default().to_owned(),
        ));
    }
    Ok(())
}

/// The media types an API or control answer may carry: data a browser never runs or renders
/// as a page, however it is loaded (with `X-Content-Type-Options: nosniff`).
pub const INERT_TYPES: [&str; 4] = [
    "application/json",
    "application/problem+json",
    "text/plain",
    "application/octet-stream",
];

/// The type an answer gets instead of an active one (see [`inert_answer_type`]).
pub const FALLBACK_TYPE: &str = "text/plain; charset=utf-8";

/// Whether `content_type` is one of [`INERT_TYPES`], with at most a `charset` parameter of
/// token characters.
pub fn is_inert(content_type: &str) -> bool {
    MediaType::parse(content_type).is_some_and(|m| {
        INERT_TYPES.contains(&m.essence.as_str())
            && m.params
                .iter()
                .all(|(name, value)| name == "charset" && is_token(value) && value.len() <= 32)
    })
}

/// The `Content-Type` an API or control answer goes out with: its own when that is inert (or
/// it has none), else [`FALLBACK_TYPE`]. Proxy mode passes an upstream's answer through this.
pub fn inert_answer_type(content_type: Option<&[u8]>) -> Option<&'static str> {
    match content_type {
        None => None,
        Some(value) if std::str::from_utf8(value).is_ok_and(is_inert) => None,
        Some(_) => Some(FALLBACK_TYPE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types() {
        for yes in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON;charset=UTF-8",
            "application/problem+json",
            "application/merge-patch+json; charset=utf-8",
            "application/json; charset=\"utf-8\"",
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
            "application/json x",
            "application/json; charset",
        ] {
            assert!(!is_json_media_type(no), "{no}");
        }
    }

    #[test]
    fn only_utf8_json_bodies_are_read() {
        assert_eq!(check_json_body_type(Some(b"application/json")), Ok(()));
        assert_eq!(
            check_json_body_type(Some(b"application/json; charset=UTF-8")),
            Ok(())
        );
        assert_eq!(
            check_json_body_type(Some(b"application/json;charset=\"utf8\"")),
            Ok(())
        );
        assert_eq!(check_json_body_type(None), Err(NotJson::Missing));
        assert_eq!(
            check_json_body_type(Some(b"text/plain")),
            Err(NotJson::Other)
        );
        assert_eq!(
            check_json_body_type(Some(b"application/json\xff")),
            Err(NotJson::Other)
        );
        for charset in ["utf-16", "UTF-16LE", "iso-8859-1", "utf-7", ""] {
            let value = format!("application/json; charset={charset}");
            assert_eq!(
                check_json_body_type(Some(value.as_bytes())),
                Err(NotJson::Charset(charset.to_owned())),
                "{value}"
            );
        }
    }

    #[test]
    fn only_data_types_are_inert() {
        for yes in [
            "application/json",
            "application/json; charset=utf-8",
            "application/problem+json; charset=utf-8",
            "text/plain",
            "Text/Plain; Charset=UTF-8",
            "application/octet-stream",
        ] {
            assert!(is_inert(yes), "{yes}");
            assert_eq!(inert_answer_type(Some(yes.as_bytes())), None);
        }
        for no in [
            "text/html",
            "text/html; charset=utf-8",
            "application/xhtml+xml",
            "image/svg+xml",
            "text/xml",
            "application/xml",
            "text/javascript",
            "application/javascript",
            "text/css",
            "multipart/x-mixed-replace; boundary=x",
            "application/pdf",
            "text/plain; boundary=x",
            "text/plain, text/html",
            "",
            "nonsense",
        ] {
            assert!(!is_inert(no), "{no}");
            assert_eq!(inert_answer_type(Some(no.as_bytes())), Some(FALLBACK_TYPE));
        }
        assert_eq!(inert_answer_type(None), None);
        assert_eq!(
            inert_answer_type(Some(b"text/plain\xff")),
            Some(FALLBACK_TYPE)
        );
    }
}
