//! Fuzzing of the core with proptest: arbitrary bytes, arbitrary JSON and arbitrary strings
//! through response decoding, validation, error mapping and route building. Nothing may panic,
//! and the decoder must agree with serde's reading of the model.
//!
//! `make test` runs a bounded number of cases (FUZZ_CASES, default 3000 per target); `make fuzz`
//! runs many more in release mode.

use crate::decode::{check_types, tests::types_seen};
use crate::error::{looks_like_json, RateLimit};
use crate::model::Activity;
use crate::retry::{
    decide, parse_retry_after_ms, Attempts, Decision, Outcome, RetryPolicy, MAX_WAIT_MS,
};
use crate::routes::{url, Method, Operation};
use crate::validate::{parse_input, validate_field, validate_input, Field, RawInput, Value};
use proptest::prelude::*;
use serde_json::Value as Json;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Json::Number)),
        any::<i64>().prop_map(|n| Json::Number(n.into())),
        ".{0,12}".prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            4 => proptest::sample::select(crate::decode::ACTIVITY_FIELDS.map(|(k, _)| k).to_vec()).prop_map(String::from),
            1 => ".{0,8}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            proptest::collection::btree_map(keys, inner, 0..20)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

/// A JSON value as validation sees it, as the emulator maps it.
fn as_value(v: Option<&Json>) -> Value<'_> {
    match v {
        None => Value::Absent,
        Some(Json::Null) => Value::Null,
        Some(Json::String(s)) => Value::Text(s),
        Some(_) => Value::Other,
    }
}

/// The decode verdict for a body, beside serde's: both must agree on where the first bad item is.
fn check_body(body: &Json) -> Result<(), TestCaseError> {
    let items: Vec<Json> = match body {
        Json::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let verdict = check_types(&types_seen(&items), true);
    let by_serde = items
        .iter()
        .position(|v| serde_json::from_value::<Activity>(v.clone()).is_err());
    prop_assert_eq!(
        verdict.as_ref().err().and_then(|i| i.index()),
        by_serde.map(|i| i as u32)
    );
    if let Err(issue) = verdict {
        prop_assert!(!issue.describe().is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn decoding_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(body) = serde_json::from_slice::<Json>(&bytes) {
            check_body(&body)?;
        }
    }

    #[test]
    fn decoding_arbitrary_json(body in json()) {
        check_body(&body)?;
    }

    #[test]
    fn validating_arbitrary_json(body in json()) {
        let object = body.as_object();
        let get = |k: &str| object.and_then(|o| o.get(k));
        let raw = RawInput {
            activity_type: as_value(get("type")),
            title: as_value(get("title")),
            description: as_value(get("description")),
            author_id: as_value(get("authorId")),
            author_name: as_value(get("authorName")),
        };
        let issues = validate_input(&raw);
        prop_assert_eq!(parse_input(&raw).is_ok(), issues.is_empty());
        for field in Field::INPUT {
            let alone = validate_field(field, raw.get(field));
            prop_assert!(alone.iter().all(|i| issues.contains(i)));
        }
    }

    #[test]
    fn validating_arbitrary_strings(a in ".*", b in ".*", c in "\\PC*") {
        let raw = RawInput {
            activity_type: Value::Text(&a),
            title: Value::Text(&b),
            description: Value::Text(&c),
            author_id: Value::Text(&a),
            author_name: Value::Text(&c),
        };
        for issue in validate_input(&raw) {
            prop_assert!(issue.message.ends_with('.'));
        }
    }

    #[test]
    fn mapping_arbitrary_headers(
        retry_after in ".{0,40}",
        limit in ".{0,12}", remaining in ".{0,12}", reset in ".{0,12}",
        content_type in ".{0,40}", body in ".{0,40}",
        status in any::<u16>(), now in any::<f64>(), jitter in any::<f64>(),
    ) {
        let _ = parse_retry_after_ms(&retry_after, now);
        let _ = RateLimit::from_headers(Some(&limit), Some(&remaining), Some(&reset));
        let _ = looks_like_json(Some(&content_type), &body);
        let mut attempts = Attempts::default();
        for method in [Method::Get, Method::Post] {
            let d = decide(&RetryPolicy::DEFAULT, &mut attempts, method, Outcome::Status(status),
                Some(&retry_after), now, jitter);
            if let Decision::Retry { wait_ms } = d {
                prop_assert!(wait_ms <= MAX_WAIT_MS);
            }
        }
        let _ = crate::error::api_message(Method::Get, &body, status, &limit, Some(&body), None);
        let _ = crate::error::ErrorBody::of(&body, status % 2 == 0, Some(&limit));
    }

    #[test]
    fn building_routes_from_arbitrary_ids(base in ".{0,30}", customer in ".{0,20}", id in ".{0,20}") {
        for op in [Operation::List, Operation::Create, Operation::Get, Operation::Update, Operation::Delete] {
            if let Ok(u) = url(&base, op, &customer, &id) {
                prop_assert!(u.len() >= base.trim_end_matches('/').len());
            }
        }
    }
}
