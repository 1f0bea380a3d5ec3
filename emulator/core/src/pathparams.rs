//! Path parameters, read from the raw (still percent-encoded) request path against a route
//! template such as `/CustomerActivityLogs/{customerId}/{id}`.
//!
//! The emulator decodes them itself rather than through axum's `Path` extractor so that it
//! controls the answer to bytes that are not UTF-8 (a problem-details 400, not a plain-text
//! rejection) and so the request log records exactly what the handler saw.

/// The decoded path parameters of an API request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The `{customerId}` segment, percent-decoded.
    pub customer_id: String,
    /// The `{id}` segment, percent-decoded, on the routes that have one.
    pub id: Option<String>,
}

/// A path segment whose percent-decoded bytes are not UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The placeholder's name, e.g. `customerId`.
    pub name: &'static str,
}

/// The raw segments of `raw_path` that stand at the `{…}` placeholders of `template`, with the
/// placeholder names; `None` when the path does not have the template's shape.
pub fn capture<'t, 'p>(template: &'t str, raw_path: &'p str) -> Option<Vec<(&'t str, &'p str)>> {
    let mut template_segments = template.split('/');
    let mut path_segments = raw_path.split('/');
    let mut out = Vec::new();
    loop {
        match (template_segments.next(), path_segments.next()) {
            (None, None) => return Some(out),
            (Some(t), Some(p)) => {
                if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                    if p.is_empty() {
                        return None;
                    }
                    out.push((name, p));
                } else if t != p {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// Percent-decodes `segment` into bytes. A `%` not followed by two hex digits is kept as it is
/// (as browsers and .NET do); `+` stays `+` (it means a space only in query strings).
pub fn percent_decode(segment: &str) -> Vec<u8> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).map(|d| d as u8)
}

/// The decoded `customerId` and `id` of `raw_path` under `template`. `Ok(None)` when the path
/// does not have the template's shape.
pub fn target(template: &str, raw_path: &str) -> Result<Option<Target>, NotUtf8> {
    let Some(captures) = capture(template, raw_path) else {
        return Ok(None);
    };
    let mut customer_id = None;
    let mut id = None;
    for (name, raw) in captures {
        let (name, slot) = match name {
            "customerId" => ("customerId", &mut customer_id),
            "id" => ("id", &mut id),
            _ => continue,
        };
        let decoded = String::from_utf8(percent_decode(raw)).map_err(|_| NotUtf8 { name })?;
        *slot = Some(decoded);
    }
    Ok(customer_id.map(|customer_id| Target { customer_id, id }))
}

/// The same as [`target`], decoding invalid UTF-8 lossily: for the request log, which records
/// what arrived even when the handler refuses it.
pub fn target_lossy(template: &str, raw_path: &str) -> (Option<String>, Option<String>) {
    let mut customer_id = None;
    let mut id = None;
    for (name, raw) in capture(template, raw_path).unwrap_or_default() {
        let decoded = String::from_utf8_lossy(&percent_decode(raw)).into_owned();
        match name {
            "customerId" => customer_id = Some(decoded),
            "id" => id = Some(decoded),
            _ => {}
        }
    }
    (customer_id, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use skimmer_activity_logs::routes::{encode_segment, COLLECTION_TEMPLATE, ITEM_TEMPLATE};

    #[test]
    fn captures_follow_the_template() {
        assert_eq!(
            capture(ITEM_TEMPLATE, "/CustomerActivityLogs/c%2F1/a1"),
            Some(vec![("customerId", "c%2F1"), ("id", "a1")])
        );
        assert_eq!(capture(ITEM_TEMPLATE, "/CustomerActivityLogs/c1"), None);
        assert_eq!(
            capture(COLLECTION_TEMPLATE, "/CustomerActivityLogs/c1/"),
            None
        );
        assert_eq!(capture(COLLECTION_TEMPLATE, "/CustomerActivityLogs/"), None);
        assert_eq!(capture(COLLECTION_TEMPLATE, "/Other/c1"), None);
    }

    #[test]
    fn decoding_inverts_the_clients_encoding() {
        for id in ["a/b?c#d", "50% off é 😀", "%2e%2e", "plain", "+ +", "..."] {
            let mut path = String::from("/CustomerActivityLogs/");
            encode_segment(id, &mut path);
            path.push('/');
            encode_segment(id, &mut path);
            let t = target(ITEM_TEMPLATE, &path).unwrap().unwrap();
            assert_eq!(t.customer_id, id);
            assert_eq!(t.id.as_deref(), Some(id));
        }
    }

    #[test]
    fn malformed_escapes_are_kept_and_invalid_utf8_is_reported() {
        assert_eq!(percent_decode("100%"), b"100%");
        assert_eq!(percent_decode("%zz%4"), b"%zz%4");
        assert_eq!(percent_decode("%41%6a"), b"Aj");
        assert_eq!(
            target(COLLECTION_TEMPLATE, "/CustomerActivityLogs/%FF"),
            Err(NotUtf8 { name: "customerId" })
        );
        assert_eq!(
            target_lossy(ITEM_TEMPLATE, "/CustomerActivityLogs/c/%FF"),
            (Some("c".into()), Some("\u{FFFD}".into()))
        );
    }
}
