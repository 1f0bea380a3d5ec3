//! Decoding of 2xx bodies (contract §3): lenient where the API may grow, strict where the types
//! promise.
//!
//! - a missing nullable field becomes `null`;
//! - unknown extra fields are dropped;
//! - a missing `id`, `customerId`, `type`, `title`, `createdAt` or `isSystemGenerated`, or a
//!   value of the wrong JSON type, is a decode error naming the field and the array index.
//!
//! The rules are the table [`ACTIVITY_FIELDS`]. The JS shell parses the body with the engine's
//! own `JSON.parse`, checks each item's fields against the rules' accepted types (as bit sets,
//! [`FieldRule::accepted_mask`]) and copies an item whose fields are not exactly the known ones
//! into a fresh object (so nothing crosses into wasm). When some value is of a type its rule
//! does not accept, it records, per field and JSON type, the first item where that type was
//! seen: [`TypesSeen`]. [`check_types`] decides from that record alone which issue to report
//! (the lowest index first), so that costs the same for one activity as for ten thousand.

use crate::codes::BodyRead;
use crate::routes::Operation;
use crate::text::push_number;

/// The JSON type of a value, as [`TypesSeen`] records it for decoded fields and as the client
/// reads problem-details members. (Codes shared with the JS shell: see [`crate::codes`].)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum JsonType {
    /// The key is absent (or `undefined`).
    Missing = 0,
    /// `null`
    Null = 1,
    /// A string.
    String = 2,
    /// `true` or `false`.
    Boolean = 3,
    /// A number.
    Number = 4,
    /// An array.
    Array = 5,
    /// An object.
    Object = 6,
}

impl JsonType {
    /// How many types there are: the width of a row of [`TypesSeen`].
    pub const COUNT: usize = 7;

    /// Every type, in code order.
    pub const ALL: [JsonType; JsonType::COUNT] = [
        JsonType::Missing,
        JsonType::Null,
        JsonType::String,
        JsonType::Boolean,
        JsonType::Number,
        JsonType::Array,
        JsonType::Object,
    ];

    /// How messages name the type.
    pub const fn describe(self) -> &'static str {
        match self {
            JsonType::Missing => "missing",
            JsonType::Null => "null",
            JsonType::String => "a string",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

/// What a field of an Activity must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRule {
    /// A string, always present.
    RequiredString,
    /// A boolean, always present.
    RequiredBoolean,
    /// A string or `null`; missing becomes `null`.
    NullableString,
}

impl FieldRule {
    /// Whether a value of type `t` is accepted.
    pub const fn accepts(self, t: JsonType) -> bool {
        matches!(
            (self, t),
            (FieldRule::RequiredString, JsonType::String)
                | (FieldRule::RequiredBoolean, JsonType::Boolean)
                | (
                    FieldRule::NullableString,
                    JsonType::Missing | JsonType::Null | JsonType::String
                )
        )
    }

    /// The types the rule accepts as a bit set: bit `t` (a [`JsonType`] code) is set when a
    /// value of type `t` is accepted. The JS shell checks each item against these masks, written
    /// there as constants that `codes.rs` checks against this, so the rule is still this table's.
    pub const fn accepted_mask(self) -> i32 {
        let mut mask = 0;
        let mut t = 0;
        while t < JsonType::COUNT {
            if self.accepts(JsonType::ALL[t]) {
                mask |= 1 << t;
            }
            t += 1;
        }
        mask
    }

    /// What the rule expects, for messages.
    pub const fn expected(self) -> &'static str {
        match self {
            FieldRule::RequiredString => "a string",
            FieldRule::RequiredBoolean => "a boolean",
            FieldRule::NullableString => "a string or null",
        }
    }
}

/// The fields of an Activity, in the order decoded objects list them, with their rules.
pub const ACTIVITY_FIELDS: [(&str, FieldRule); 16] = [
    ("id", FieldRule::RequiredString),
    ("customerId", FieldRule::RequiredString),
    ("type", FieldRule::RequiredString),
    ("title", FieldRule::RequiredString),
    ("description", FieldRule::NullableString),
    ("isSystemGenerated", FieldRule::RequiredBoolean),
    ("relatedEntityId", FieldRule::NullableString),
    ("relatedEntityType", FieldRule::NullableString),
    ("relatedEntityDisplay", FieldRule::NullableString),
    ("secondaryRelatedEntityId", FieldRule::NullableString),
    ("secondaryRelatedEntityType", FieldRule::NullableString),
    ("secondaryRelatedEntityDisplay", FieldRule::NullableString),
    ("createdByName", FieldRule::NullableString),
    ("createdAt", FieldRule::RequiredString),
    ("updatedByName", FieldRule::NullableString),
    ("updatedAt", FieldRule::NullableString),
];

/// Which JSON types each field of the items had: where each was first seen across a list.
///
/// `first_seen[f * JsonType::COUNT + t]` is the index of the first item whose field `f` had type
/// `t`, or `-1` if none did. `first_not_object` is the first item that is not an object, or -1.
/// (Plain `i32`s, so the JS shell fills an `Int32Array` with no conversion.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypesSeen {
    /// Per field and type: the first item index, or -1.
    pub first_seen: Vec<i32>,
    /// The first item that is not a JSON object, or -1.
    pub first_not_object: i32,
}

impl TypesSeen {
    /// The length of `first_seen` for Activity.
    pub const LEN: usize = ACTIVITY_FIELDS.len() * JsonType::COUNT;

    /// A record of no items.
    pub fn empty() -> TypesSeen {
        TypesSeen {
            first_seen: vec![-1; TypesSeen::LEN],
            first_not_object: -1,
        }
    }

    /// Records item `index`'s type for field `field` (used by native callers and tests; the JS
    /// shell fills the same layout itself).
    pub fn record(&mut self, index: i32, field: usize, t: JsonType) {
        let slot = &mut self.first_seen[field * JsonType::COUNT + t as usize];
        if *slot < 0 {
            *slot = index;
        }
    }
}

/// Why a body could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeIssue {
    /// A success with no body (204) where an activity or a list was promised.
    NoBody,
    /// The body is not JSON; the parser's message.
    NotJson(String),
    /// A list body that is not an array.
    NotAnArray,
    /// The body is larger than the client's `maxResponseBytes` (counted as it streamed in,
    /// decompressed, or announced by `Content-Length`): reading stopped there.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// An item (or a single-activity body) that is not an object.
    NotAnObject {
        /// The array index, for lists.
        index: Option<u32>,
    },
    /// A field is missing or has the wrong type.
    Field {
        /// The array index, for lists.
        index: Option<u32>,
        /// The field's name.
        field: &'static str,
        /// What the rule wanted.
        expected: &'static str,
        /// What was there.
        found: JsonType,
    },
}

impl DecodeIssue {
    /// The array index the issue is about, for lists.
    pub fn index(&self) -> Option<u32> {
        match self {
            DecodeIssue::NotAnObject { index } | DecodeIssue::Field { index, .. } => *index,
            DecodeIssue::NoBody
            | DecodeIssue::NotJson(_)
            | DecodeIssue::NotAnArray
            | DecodeIssue::TooLarge { .. } => None,
        }
    }

    /// The field the issue is about.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            DecodeIssue::Field { field, .. } => Some(field),
            _ => None,
        }
    }

    /// A sentence describing the issue.
    pub fn describe(&self) -> String {
        let mut m = String::new();
        match self {
            DecodeIssue::NoBody => m.push_str("the response has no body"),
            DecodeIssue::NotJson(reason) => {
                m.push_str("the response body is not valid JSON");
                if !reason.is_empty() {
                    m.push_str(" (");
                    m.push_str(reason);
                    m.push(')');
                }
            }
            DecodeIssue::NotAnArray => m.push_str("the response body is not a JSON array"),
            DecodeIssue::TooLarge { limit } => {
                m.push_str("the response body is larger than maxResponseBytes (");
                push_number(&mut m, *limit);
                m.push_str(" bytes), so reading stopped there");
            }
            DecodeIssue::NotAnObject { index } => {
                push_item(&mut m, *index);
                m.push_str(" is not a JSON object");
            }
            DecodeIssue::Field {
                index,
                field,
                expected,
                found,
            } => {
                push_item(&mut m, *index);
                m.push_str(" field \"");
                m.push_str(field);
                m.push_str(if *found == JsonType::Missing {
                    "\" is missing; expected "
                } else {
                    "\" is "
                });
                if *found != JsonType::Missing {
                    m.push_str(found.describe());
                    m.push_str("; expected ");
                }
                m.push_str(expected);
            }
        }
        m
    }
}

fn push_item(m: &mut String, index: Option<u32>) {
    match index {
        Some(i) => {
            m.push_str("activity [");
            push_number(m, u64::from(i));
            m.push(']');
        }
        None => m.push_str("the activity"),
    }
}

/// What a 2xx answer's body comes to, before its items are checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuccessBody {
    /// Resolve with nothing: a delete's answer, which has no body (or one read and dropped).
    Nothing,
    /// Check the parsed body's items with [`check_types`]: a list, or one activity.
    Items {
        /// Whether it is a list (indexes in issues are meaningful).
        list: bool,
    },
    /// Reject with a `DecodeError`: the body is not what the operation promises.
    Refused(DecodeIssue),
}

/// What to do with the body of `operation`'s 2xx answer, read as `body`; `is_array` says
/// whether a parsed body is an array, `limit` is `maxResponseBytes`, and `parser_message` gives
/// the JSON parser's message when the body is not JSON.
pub fn success_body(
    operation: Operation,
    body: BodyRead,
    is_array: bool,
    limit: u64,
    parser_message: impl FnOnce() -> String,
) -> SuccessBody {
    let list = operation == Operation::List;
    match body {
        BodyRead::None if operation == Operation::Delete => SuccessBody::Nothing,
        BodyRead::Json if list && !is_array => SuccessBody::Refused(DecodeIssue::NotAnArray),
        BodyRead::Json => SuccessBody::Items { list },
        BodyRead::NotJson => SuccessBody::Refused(DecodeIssue::NotJson(parser_message())),
        BodyRead::TooLarge => SuccessBody::Refused(DecodeIssue::TooLarge { limit }),
        // A 204 (or a body that was not kept) where an activity or a list was promised.
        BodyRead::None | BodyRead::Text | BodyRead::CutText => {
            SuccessBody::Refused(DecodeIssue::NoBody)
        }
    }
}

/// Decides from the types seen whether every item is a valid Activity. The issue reported is the one
/// at the lowest index, and at that index the first field in [`ACTIVITY_FIELDS`] order.
/// `list` says whether indexes are meaningful (a list) or not (a single activity).
pub fn check_types(seen: &TypesSeen, list: bool) -> Result<(), DecodeIssue> {
    let at = |i: i32| list.then_some(i as u32);
    let mut worst: Option<(i32, DecodeIssue)> = None;
    if seen.first_not_object >= 0 {
        let index = seen.first_not_object;
        worst = Some((index, DecodeIssue::NotAnObject { index: at(index) }));
    }
    for (f, (name, rule)) in ACTIVITY_FIELDS.iter().enumerate() {
        for t in JsonType::ALL {
            let index = seen.first_seen[f * JsonType::COUNT + t as usize];
            if index < 0 || rule.accepts(t) {
                continue;
            }
            if worst.as_ref().is_none_or(|(w, _)| index < *w) {
                let issue = DecodeIssue::Field {
                    index: at(index),
                    field: name,
                    expected: rule.expected(),
                    found: t,
                };
                worst = Some((index, issue));
            }
        }
    }
    worst.map_or(Ok(()), |(_, issue)| Err(issue))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use crate::model::Activity;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn json_type(v: Option<&Value>) -> JsonType {
        match v {
            None => JsonType::Missing,
            Some(Value::Null) => JsonType::Null,
            Some(Value::String(_)) => JsonType::String,
            Some(Value::Bool(_)) => JsonType::Boolean,
            Some(Value::Number(_)) => JsonType::Number,
            Some(Value::Array(_)) => JsonType::Array,
            Some(Value::Object(_)) => JsonType::Object,
        }
    }

    /// What the JS shell records, recorded natively from serde_json values.
    pub(crate) fn types_seen(items: &[Value]) -> TypesSeen {
        let mut s = TypesSeen::empty();
        for (i, item) in items.iter().enumerate() {
            let Some(object) = item.as_object() else {
                if s.first_not_object < 0 {
                    s.first_not_object = i as i32;
                }
                continue;
            };
            for (f, (name, _)) in ACTIVITY_FIELDS.iter().enumerate() {
                s.record(i as i32, f, json_type(object.get(*name)));
            }
        }
        s
    }

    fn valid() -> Value {
        json!({
            "id": "a1", "customerId": "c1", "type": "Call", "title": "t", "description": null,
            "isSystemGenerated": false, "createdAt": "2026-01-01T00:00:00Z", "extra": [1]
        })
    }

    #[test]
    fn the_table_matches_the_model() {
        let activity: Activity = serde_json::from_value(valid()).unwrap();
        let written = serde_json::to_value(&activity).unwrap();
        let keys: Vec<&str> = written
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut names: Vec<&str> = ACTIVITY_FIELDS.iter().map(|(n, _)| *n).collect();
        let mut sorted_keys = keys.clone();
        sorted_keys.sort_unstable();
        names.sort_unstable();
        assert_eq!(sorted_keys, names);
    }

    #[test]
    fn valid_lists_pass_and_missing_nullables_are_fine() {
        assert_eq!(check_types(&types_seen(&[valid(), valid()]), true), Ok(()));
        assert_eq!(check_types(&types_seen(&[]), true), Ok(()));
    }

    #[test]
    fn the_lowest_index_and_first_field_is_reported() {
        let mut bad_title = valid();
        bad_title["title"] = json!(5);
        let mut no_id = valid();
        no_id.as_object_mut().unwrap().remove("id");
        let issue = check_types(
            &types_seen(&[valid(), no_id.clone(), bad_title.clone()]),
            true,
        )
        .unwrap_err();
        assert_eq!(
            issue,
            DecodeIssue::Field {
                index: Some(1),
                field: "id",
                expected: "a string",
                found: JsonType::Missing
            }
        );
        assert_eq!(
            issue.describe(),
            "activity [1] field \"id\" is missing; expected a string"
        );
        let mut both = bad_title.clone();
        both["createdAt"] = json!(null);
        let issue = check_types(&types_seen(&[valid(), valid(), both]), true).unwrap_err();
        assert_eq!(
            issue.describe(),
            "activity [2] field \"title\" is a number; expected a string"
        );
        let issue = check_types(&types_seen(&[valid(), json!("x"), no_id]), true).unwrap_err();
        assert_eq!(issue, DecodeIssue::NotAnObject { index: Some(1) });
        let issue = check_types(&types_seen(&[bad_title]), false).unwrap_err();
        assert_eq!(
            issue.describe(),
            "the activity field \"title\" is a number; expected a string"
        );
        assert_eq!((issue.index(), issue.field()), (None, Some("title")));
        assert_eq!(DecodeIssue::NoBody.describe(), "the response has no body");
        let too_large = DecodeIssue::TooLarge { limit: 33_554_432 };
        assert_eq!(
            too_large.describe(),
            "the response body is larger than maxResponseBytes (33554432 bytes), so reading \
             stopped there"
        );
        assert_eq!((too_large.index(), too_large.field()), (None, None));
    }

    #[test]
    fn success_bodies_resolve_check_or_refuse() {
        let verdict = |op, body, is_array| success_body(op, body, is_array, 100, || "bad".into());
        assert_eq!(
            verdict(Operation::Delete, BodyRead::None, false),
            SuccessBody::Nothing
        );
        assert_eq!(
            verdict(Operation::List, BodyRead::Json, true),
            SuccessBody::Items { list: true }
        );
        assert_eq!(
            verdict(Operation::Get, BodyRead::Json, false),
            SuccessBody::Items { list: false }
        );
        assert_eq!(
            verdict(Operation::Create, BodyRead::Json, true),
            SuccessBody::Items { list: false },
            "an array where one activity belongs is checked as one item, and refused there"
        );
        assert_eq!(
            verdict(Operation::List, BodyRead::Json, false),
            SuccessBody::Refused(DecodeIssue::NotAnArray)
        );
        assert_eq!(
            verdict(Operation::Get, BodyRead::NotJson, false),
            SuccessBody::Refused(DecodeIssue::NotJson("bad".into()))
        );
        assert_eq!(
            verdict(Operation::List, BodyRead::TooLarge, false),
            SuccessBody::Refused(DecodeIssue::TooLarge { limit: 100 })
        );
        for op in [
            Operation::List,
            Operation::Get,
            Operation::Create,
            Operation::Update,
        ] {
            assert_eq!(
                verdict(op, BodyRead::None, false),
                SuccessBody::Refused(DecodeIssue::NoBody),
                "a 204 where an activity was promised"
            );
        }
    }

    fn json_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(|n| json!(n)),
            "[a-z]{0,3}".prop_map(Value::String),
            Just(json!([])),
            Just(json!({})),
        ]
    }

    fn activity_like() -> impl Strategy<Value = Value> {
        // Each field: absent (None), or one of a few JSON values weighted toward the right type.
        let fields = ACTIVITY_FIELDS.map(|(name, rule)| {
            let right = match rule {
                FieldRule::RequiredBoolean => any::<bool>().prop_map(Value::Bool).boxed(),
                _ => "[a-z]{0,3}".prop_map(Value::String).boxed(),
            };
            let value = prop_oneof![6 => right, 1 => json_value()];
            (Just(name), proptest::option::weighted(0.9, value))
        });
        (fields.to_vec(), any::<bool>()).prop_map(|(fields, extra)| {
            let mut object = serde_json::Map::new();
            for (name, value) in fields {
                if let Some(value) = value {
                    object.insert(name.to_string(), value);
                }
            }
            if extra {
                object.insert("unknownExtra".into(), json!({"x": 1}));
            }
            Value::Object(object)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The table and serde's derive of the model agree on what is a valid Activity.
        #[test]
        fn check_types_agrees_with_serde(items in proptest::collection::vec(activity_like(), 0..4)) {
            let by_serde = items.iter().position(|v| serde_json::from_value::<Activity>(v.clone()).is_err());
            let verdict = check_types(&types_seen(&items), true);
            prop_assert_eq!(verdict.as_ref().err().and_then(DecodeIssue::index), by_serde.map(|i| i as u32));
            prop_assert_eq!(verdict.is_ok(), by_serde.is_none());
        }

        /// The JS shell's check against the accepted masks (every item an object, every field's
        /// type a set bit) lets through exactly what `check_types` accepts.
        #[test]
        fn the_accepted_masks_pass_exactly_what_check_types_passes(
            items in proptest::collection::vec(activity_like(), 0..4),
        ) {
            let fits = items.iter().all(|item| {
                item.as_object().is_some_and(|object| {
                    ACTIVITY_FIELDS.iter().all(|(name, rule)| {
                        rule.accepted_mask() >> json_type(object.get(*name)) as i32 & 1 == 1
                    })
                })
            });
            prop_assert_eq!(fits, check_types(&types_seen(&items), true).is_ok());
        }
    }

    #[test]
    fn an_accepted_mask_has_the_bit_of_each_accepted_type() {
        for (name, rule) in ACTIVITY_FIELDS {
            for t in JsonType::ALL {
                let bit = rule.accepted_mask() >> t as i32 & 1 == 1;
                assert_eq!(bit, rule.accepts(t), "{name} {t:?}");
            }
            assert_eq!(rule.accepted_mask() >> JsonType::COUNT, 0, "{name}");
        }
    }
}
