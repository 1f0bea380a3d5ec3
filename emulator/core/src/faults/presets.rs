//! The hostile bodies a fault can answer with (`body=PRESET`), and what each looks like.

use crate::problem::{reason_phrase, JSON_CONTENT_TYPE};
use std::sync::Arc;

/// A hostile body a fault can answer with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// `{"id": ` — JSON cut off.
    InvalidJson,
    /// An HTML error page, as a proxy in front of an API writes it, sent as `text/plain`
    /// (nothing the emulator answers is HTML).
    Html,
    /// Zero bytes.
    Empty,
    /// A valid list's JSON cut in half, with a `Content-Length` claiming the full length.
    Truncated,
    /// A ~10 MB JSON array of valid activities.
    Huge,
    /// Activities where numbers stand where strings belong (`title`, `createdAt`).
    WrongTypes,
    /// JSON arrays nested 100,000 deep.
    Deep,
    /// An activity without `id`.
    MissingId,
    /// An object (`{"items": [...], "count": 1}`) where a list's array belongs.
    NotArray,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 9] = [
        Preset::InvalidJson,
        Preset::Html,
        Preset::Empty,
        Preset::Truncated,
        Preset::Huge,
        Preset::WrongTypes,
        Preset::Deep,
        Preset::MissingId,
        Preset::NotArray,
    ];

    /// The preset's name in the fault syntax, e.g. `invalid-json`.
    pub const fn name(self) -> &'static str {
        match self {
            Preset::InvalidJson => "invalid-json",
            Preset::Html => "html",
            Preset::Empty => "empty",
            Preset::Truncated => "truncated",
            Preset::Huge => "huge",
            Preset::WrongTypes => "wrong-types",
            Preset::Deep => "deep",
            Preset::MissingId => "missing-id",
            Preset::NotArray => "not-array",
        }
    }

    /// The preset called `name`.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The `Content-Type` it is sent with unless the fault names another.
    pub const fn content_type(self) -> &'static str {
        match self {
            Preset::Html => crate::media::FALLBACK_TYPE,
            _ => JSON_CONTENT_TYPE,
        }
    }
}

/// What a request's bodies should look like, for the presets.
#[derive(Clone, Debug)]
pub struct BodyContext {
    /// The customer in the path (used in generated activities).
    pub customer_id: String,
    /// Whether the route answers with a list (so `wrong-types` and `missing-id` write arrays).
    pub expects_list: bool,
}

/// The bytes of a preset body, as a whole (a `truncated` body is cut by the caller). `huge`
/// holds the last `huge` body written, for its customer: requests for it share one copy
/// instead of 10 MB each.
pub fn preset_body(
    preset: Preset,
    status: u16,
    ctx: &BodyContext,
    huge: &mut Option<(String, Arc<[u8]>)>,
) -> Arc<[u8]> {
    match preset {
        Preset::Huge => {
            if let Some((customer, body)) = huge.as_ref() {
                if *customer == ctx.customer_id {
                    return body.clone();
                }
            }
            let body: Arc<[u8]> = Arc::from(huge_list(&ctx.customer_id));
            *huge = Some((ctx.customer_id.clone(), body.clone()));
            body
        }
        _ => Arc::from(small_body(preset, status, ctx)),
    }
}

fn small_body(preset: Preset, status: u16, ctx: &BodyContext) -> Vec<u8> {
    use serde_json::{json, Value};
    let sample =
        |i: usize| crate::seed::sample_activity(&ctx.customer_id, &format!("fault-sample-{i}"));
    let sample_value = |i: usize| serde_json::to_value(sample(i)).unwrap_or(Value::Null);
    let one_or_list = |broken: Value| -> Vec<u8> {
        let value = if ctx.expects_list {
            json!([sample_value(1), broken])
        } else {
            broken
        };
        serde_json::to_vec(&value).unwrap_or_default()
    };
    match preset {
        Preset::InvalidJson => b"{\"id\": ".to_vec(),
        Preset::Html => {
            let reason = match reason_phrase(status) {
                "Unknown Status" => "Error",
                reason => reason,
            };
            let line = format!("{status} {reason}");
            format!(
                "<!DOCTYPE html>\n<html>\n<head><title>{line}</title></head>\n<body>\n<center><h1>{line}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n"
            )
            .into_bytes()
        }
        Preset::Empty | Preset::Huge => Vec::new(),
        Preset::Truncated => {
            let list: Vec<_> = (1..=3).map(sample).collect();
            serde_json::to_vec(&list).unwrap_or_default()
        }
        Preset::WrongTypes => {
            let mut broken = sample_value(2);
            broken["title"] = json!(12345);
            broken["createdAt"] = json!(1_764_237_600);
            one_or_list(broken)
        }
        Preset::Deep => {
            const DEPTH: usize = 100_000;
            let mut out = vec![b'['; DEPTH];
            out.resize(2 * DEPTH, b']');
            out
        }
        Preset::MissingId => {
            let mut broken = sample_value(2);
            if let Some(object) = broken.as_object_mut() {
                object.remove("id");
            }
            one_or_list(broken)
        }
        Preset::NotArray => {
            serde_json::to_vec(&json!({"items": [sample_value(1)], "count": 1})).unwrap_or_default()
        }
    }
}

/// About 10 MB of valid activities of `customer_id`.
fn huge_list(customer_id: &str) -> Vec<u8> {
    const TARGET: usize = 10 * 1024 * 1024;
    let mut out = Vec::with_capacity(TARGET + 4096);
    out.push(b'[');
    let mut i = 0usize;
    while out.len() < TARGET {
        if i > 0 {
            out.push(b',');
        }
        i += 1;
        let activity = crate::seed::sample_activity(customer_id, &format!("huge-{i:06}"));
        let _ = serde_json::to_writer(&mut out, &activity);
    }
    out.push(b']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_the_promised_shapes() {
        let list = BodyContext {
            customer_id: "c".into(),
            expects_list: true,
        };
        let item = BodyContext {
            expects_list: false,
            ..list.clone()
        };
        let mut cache = None;
        let mut body =
            |preset, status, ctx: &BodyContext| preset_body(preset, status, ctx, &mut cache);
        let parse = |b: Arc<[u8]>| serde_json::from_slice::<serde_json::Value>(&b);
        assert!(parse(body(Preset::InvalidJson, 200, &list)).is_err());
        assert!(body(Preset::Empty, 200, &list).is_empty());
        assert!(parse(body(Preset::Truncated, 200, &list))
            .unwrap()
            .is_array());
        let huge = body(Preset::Huge, 200, &list);
        assert!(huge.len() >= 10 * 1024 * 1024 && huge.len() < 11 * 1024 * 1024);
        assert!(
            Arc::ptr_eq(&huge, &body(Preset::Huge, 200, &list)),
            "shared"
        );
        let huge: Vec<skimmer_activity_logs::Activity> = serde_json::from_slice(&huge).unwrap();
        assert!(huge.len() > 10_000);
        let wrong = parse(body(Preset::WrongTypes, 200, &list)).unwrap();
        assert!(wrong[1]["title"].is_number());
        let wrong = parse(body(Preset::WrongTypes, 200, &item)).unwrap();
        assert!(wrong["createdAt"].is_number());
        let missing = parse(body(Preset::MissingId, 200, &list)).unwrap();
        assert!(missing[0].get("id").is_some() && missing[1].get("id").is_none());
        assert!(parse(body(Preset::NotArray, 200, &list))
            .unwrap()
            .is_object());
        assert_eq!(body(Preset::Deep, 200, &list).len(), 200_000);
        let html = body(Preset::Html, 502, &list);
        assert!(std::str::from_utf8(&html)
            .unwrap()
            .contains("502 Bad Gateway"));
        let odd = body(Preset::Html, 599, &list);
        assert!(std::str::from_utf8(&odd).unwrap().contains("599 Error"));
        for preset in Preset::ALL {
            assert!(crate::media::is_inert(preset.content_type()));
        }
    }
}
