//! The integer codes the wasm shell and its JS files exchange, each set defined once, here.
//!
//! JS cannot import a Rust enum, so each JS file names the codes it uses as `const NAME = n;`;
//! the test below reads those files and checks every such constant against these enums, so a
//! code changed on one side only fails `cargo test`. (The JSON types of decoded fields are
//! [`crate::decode::JsonType`], checked by the same test.)

use crate::routes::Operation;

/// What one attempt came to, as `fetch.js` reports it to the shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum AttemptEnd {
    /// The server answered (any status); the body was read as [`BodyRead`] says.
    Answer = 0,
    /// `fetch` rejected, or the body could not be read.
    Network = 1,
    /// The per-attempt timeout elapsed.
    Timeout = 2,
    /// The caller's signal aborted.
    Aborted = 3,
    /// A browser's answer to `redirect: "manual"`: a redirect, status and target hidden.
    OpaqueRedirect = 4,
    /// The answer says `redirected`: the `fetch` used (an injected one that dropped `redirect`)
    /// followed a redirect. Its body is not read.
    Redirected = 5,
}

impl AttemptEnd {
    /// Every code, in order.
    pub const ALL: [AttemptEnd; 6] = [
        AttemptEnd::Answer,
        AttemptEnd::Network,
        AttemptEnd::Timeout,
        AttemptEnd::Aborted,
        AttemptEnd::OpaqueRedirect,
        AttemptEnd::Redirected,
    ];

    /// The end with code `code`, if any.
    pub fn from_code(code: u32) -> Option<AttemptEnd> {
        AttemptEnd::ALL.get(code as usize).copied()
    }
}

/// What became of an answer's body, as `fetch.js` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum BodyRead {
    /// No body (a 204), or one read and dropped ([`ReadMode::Drain`]).
    None = 0,
    /// A 2xx body, parsed by the engine's `JSON.parse`.
    Json = 1,
    /// A 2xx body that is not JSON: the parser's error.
    NotJson = 2,
    /// A non-2xx body, as text, read whole.
    Text = 3,
    /// A 2xx body past `maxResponseBytes`: reading stopped there.
    TooLarge = 4,
    /// A non-2xx body past the error body limit: its first bytes, as text.
    CutText = 5,
}

impl BodyRead {
    /// Every code, in order.
    pub const ALL: [BodyRead; 6] = [
        BodyRead::None,
        BodyRead::Json,
        BodyRead::NotJson,
        BodyRead::Text,
        BodyRead::TooLarge,
        BodyRead::CutText,
    ];

    /// The body state with code `code`; an unknown code is no body.
    pub fn from_code(code: u32) -> BodyRead {
        BodyRead::ALL
            .get(code as usize)
            .copied()
            .unwrap_or(BodyRead::None)
    }
}

/// What `fetch.js` does with a 2xx body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ReadMode {
    /// Parse it as JSON (list, get, create, update).
    Json = 0,
    /// Read it up to the error body limit, so the connection is released, and drop it (delete).
    Drain = 1,
}

impl ReadMode {
    /// How `operation` reads its 2xx body: a delete promises none, so it drains it.
    pub fn of(operation: Operation) -> ReadMode {
        if operation == Operation::Delete {
            ReadMode::Drain
        } else {
            ReadMode::Json
        }
    }
}

/// What the shell tells `fetch.js`'s driver to do next. A wait is not a code: any number from
/// 0 up is the milliseconds to sleep before telling the shell it woke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum Next {
    /// Send an attempt now.
    Send = -1,
    /// The call succeeded: resolve with its result.
    Resolve = -2,
    /// The call failed: reject with its result.
    Reject = -3,
}

/// The kind of a JS value as `validation.js` reads it for validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum ValueKind {
    /// `undefined`
    Absent = 0,
    /// `null`
    Null = 1,
    /// A string, copied into the scratch buffer as UTF-8 (for a field whose rule reads the
    /// text: [`crate::validate::Field::reads_text`]).
    Text = 2,
    /// Any other value.
    Other = 3,
    /// A getter or proxy trap threw.
    Unreadable = 4,
    /// A string given by its length in UTF-16 code units (for a field whose rule reads no text).
    Length = 5,
    /// A string equal to one of [`crate::validate::ACTIVITY_TYPES`], given by its index there
    /// instead of its text (the rules then read that constant: the same text, not copied).
    Listed = 6,
}

impl ValueKind {
    /// Every code, in order.
    pub const ALL: [ValueKind; 7] = [
        ValueKind::Absent,
        ValueKind::Null,
        ValueKind::Text,
        ValueKind::Other,
        ValueKind::Unreadable,
        ValueKind::Length,
        ValueKind::Listed,
    ];

    /// The kind with code `code`; an unknown code is [`ValueKind::Unreadable`].
    pub fn from_code(code: i32) -> ValueKind {
        usize::try_from(code)
            .ok()
            .and_then(|i| ValueKind::ALL.get(i).copied())
            .unwrap_or(ValueKind::Unreadable)
    }
}

/// The kinds word `validation.js` gives for an input that is not a plain object.
pub const NOT_AN_OBJECT: i32 = -1;

/// The words of the validation answer per issue: field, code, message slot and three
/// parameters.
pub const ISSUE_WORDS: usize = 6;

/// Marks a parameter word of the validation answer whose value is given as text (an address
/// and a length in the next two words) rather than as the index of a known value.
pub const AS_TEXT: u32 = u32::MAX;

/// The words `validation.js` and the shell share after each input field's pair (its text's
/// offset and length in the scratch buffer, or its UTF-16 length).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum MetaSlot {
    /// The address of the scratch buffer.
    BytesAt = 10,
    /// Its size in bytes.
    BytesCap = 11,
    /// The address of the answer's words.
    OutAt = 12,
}

impl MetaSlot {
    /// How many words there are in all.
    pub const COUNT: usize = 13;
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::decode::{FieldRule, JsonType};
    use crate::routes::Method;
    use std::collections::BTreeMap;

    /// Every `const NAME = <integer>;` at the start of a line of `source`.
    fn constants(source: &str) -> BTreeMap<String, i64> {
        source
            .lines()
            .filter_map(|line| {
                let rest = line.strip_prefix("const ")?;
                let (name, value) = rest.split_once(" = ")?;
                let value = value.split(';').next()?.trim().parse().ok()?;
                Some((name.to_owned(), value))
            })
            .collect()
    }

    /// The strings of a one-line `const NAME = ['a', 'b'];` in `source`.
    fn string_list<'a>(source: &'a str, name: &str) -> Option<Vec<&'a str>> {
        let start = format!("const {name} = [");
        source
            .lines()
            .find_map(|line| line.strip_prefix(start.as_str()))
            .and_then(|rest| rest.strip_suffix("];"))
            .map(|list| list.split(", ").map(|s| s.trim_matches('\'')).collect())
    }

    fn expect(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
        pairs.iter().map(|(n, v)| (n.to_string(), *v)).collect()
    }

    #[test]
    fn fetch_js_uses_these_codes_and_no_others() {
        let js = constants(include_str!("wasm/fetch.js"));
        let end = |e: AttemptEnd| e as i64;
        let body = |b: BodyRead| b as i64;
        assert_eq!(
            js,
            expect(&[
                ("ANSWER", end(AttemptEnd::Answer)),
                ("NETWORK", end(AttemptEnd::Network)),
                ("TIMEOUT", end(AttemptEnd::Timeout)),
                ("ABORTED", end(AttemptEnd::Aborted)),
                ("OPAQUE_REDIRECT", end(AttemptEnd::OpaqueRedirect)),
                ("REDIRECTED", end(AttemptEnd::Redirected)),
                ("NO_BODY", body(BodyRead::None)),
                ("JSON_BODY", body(BodyRead::Json)),
                ("NOT_JSON", body(BodyRead::NotJson)),
                ("TEXT", body(BodyRead::Text)),
                ("TOO_LARGE", body(BodyRead::TooLarge)),
                ("CUT_TEXT", body(BodyRead::CutText)),
                ("PARSE_JSON", ReadMode::Json as i64),
                ("SEND", Next::Send as i64),
                ("RESOLVE", Next::Resolve as i64),
                ("REJECT", Next::Reject as i64),
            ])
        );
        // The method names, at their codes (the shell passes `Method as u32`).
        let methods = string_list(include_str!("wasm/fetch.js"), "METHODS").unwrap_or_default();
        for method in [Method::Get, Method::Post, Method::Put, Method::Delete] {
            assert_eq!(
                methods.get(method as usize).copied(),
                Some(method.as_str()),
                "fetch.js METHODS at {method:?}"
            );
        }
        assert_eq!(methods.len(), 4);
    }

    #[test]
    fn validation_js_uses_these_codes_and_no_others() {
        let js = constants(include_str!("wasm/validation.js"));
        let kind = |k: ValueKind| k as i64;
        let code = |name: &str| {
            let index = crate::validate::IssueDetail::CODES
                .iter()
                .position(|c| *c == name);
            index.unwrap() as i64
        };
        assert_eq!(
            js,
            expect(&[
                ("ABSENT", kind(ValueKind::Absent)),
                ("NULL", kind(ValueKind::Null)),
                ("STRING", kind(ValueKind::Text)),
                ("OTHER", kind(ValueKind::Other)),
                ("UNREADABLE", kind(ValueKind::Unreadable)),
                ("LENGTH", kind(ValueKind::Length)),
                ("LISTED", kind(ValueKind::Listed)),
                ("NOT_AN_OBJECT", i64::from(NOT_AN_OBJECT)),
                ("BYTES_AT", MetaSlot::BytesAt as i64),
                ("BYTES_CAP", MetaSlot::BytesCap as i64),
                ("OUT_AT", MetaSlot::OutAt as i64),
                ("TOO_LONG", code("too_long")),
                ("INVALID_CHARACTERS", code("invalid_characters")),
                ("INVALID_OPTION", code("invalid_option")),
                ("INVALID_TYPE", code("invalid_type")),
                ("ISSUE_WORDS", ISSUE_WORDS as i64),
                ("AS_TEXT", i64::from(AS_TEXT)),
            ])
        );
        assert_eq!(MetaSlot::COUNT, MetaSlot::OutAt as usize + 1);
        // The field names it reads and writes as property names, in the rules' order.
        let source = include_str!("wasm/validation.js");
        let keys = string_list(source, "KEYS");
        assert_eq!(
            keys.as_deref(),
            Some(&crate::validate::INPUT_FIELD_NAMES[..])
        );
        for key in crate::validate::INPUT_FIELD_NAMES {
            assert!(
                source.contains(&format!("input.{key};")),
                "validation.js reads {key}"
            );
            assert!(
                source.contains(&format!("value.{key} = ")),
                "validation.js writes {key}"
            );
        }
        assert_eq!(
            MetaSlot::BytesAt as usize,
            2 * crate::validate::Field::INPUT.len()
        );
    }

    #[test]
    fn activities_js_uses_the_json_type_codes_and_no_others() {
        let js = constants(include_str!("wasm/activities.js"));
        let t = |t: JsonType| t as i64;
        assert_eq!(
            js,
            expect(&[
                ("MISSING", t(JsonType::Missing)),
                ("NULL", t(JsonType::Null)),
                ("STRING", t(JsonType::String)),
                ("BOOLEAN", t(JsonType::Boolean)),
                ("NUMBER", t(JsonType::Number)),
                ("ARRAY", t(JsonType::Array)),
                ("OBJECT", t(JsonType::Object)),
                ("TYPES", JsonType::COUNT as i64),
                (
                    "REQUIRED_STRING",
                    FieldRule::RequiredString.accepted_mask().into()
                ),
                (
                    "REQUIRED_BOOLEAN",
                    FieldRule::RequiredBoolean.accepted_mask().into()
                ),
                (
                    "NULLABLE_STRING",
                    FieldRule::NullableString.accepted_mask().into()
                ),
            ])
        );
        // `fitting` reads the fields by their literal names: the rules' fields, in their order,
        // each against its own rule's mask.
        let checks: Vec<(&str, &str)> = include_str!("wasm/activities.js")
            .lines()
            .filter_map(|line| {
                let rest = line.split_once("fits(")?.1;
                let (rule, rest) = rest.split_once(", item.")?;
                Some((rule, rest.split_once(");")?.0))
            })
            .collect();
        let expected: Vec<(&str, &str)> = crate::decode::ACTIVITY_FIELDS
            .iter()
            .map(|(name, rule)| {
                let rule = match rule {
                    FieldRule::RequiredString => "REQUIRED_STRING",
                    FieldRule::RequiredBoolean => "REQUIRED_BOOLEAN",
                    FieldRule::NullableString => "NULLABLE_STRING",
                };
                (rule, *name)
            })
            .collect();
        assert_eq!(checks, expected);
    }

    #[test]
    fn only_a_delete_drains_its_body() {
        let modes: Vec<_> = crate::routes::ROUTES
            .iter()
            .map(|r| (r.operation, ReadMode::of(r.operation)))
            .collect();
        assert_eq!(
            modes,
            [
                (Operation::List, ReadMode::Json),
                (Operation::Create, ReadMode::Json),
                (Operation::Get, ReadMode::Json),
                (Operation::Update, ReadMode::Json),
                (Operation::Delete, ReadMode::Drain),
            ]
        );
    }

    #[test]
    fn codes_round_trip() {
        for (i, e) in AttemptEnd::ALL.iter().enumerate() {
            assert_eq!(AttemptEnd::from_code(i as u32), Some(*e));
        }
        assert_eq!(AttemptEnd::from_code(6), None);
        for (i, b) in BodyRead::ALL.iter().enumerate() {
            assert_eq!(BodyRead::from_code(i as u32), *b);
        }
        assert_eq!(BodyRead::from_code(99), BodyRead::None);
        for (i, k) in ValueKind::ALL.iter().enumerate() {
            assert_eq!(ValueKind::from_code(i as i32), *k);
        }
        assert_eq!(ValueKind::from_code(-1), ValueKind::Unreadable);
    }
}
