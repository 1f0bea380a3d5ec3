//! The validation rules of contract §4, once, for every caller: the package's `validateActivity` and
//! `validateField`, the client before it sends, and the emulator when it answers 400.
//!
//! Callers describe what they were given as [`Value`]s (a JS value or a JSON value, seen the
//! same way), so a rule never depends on where the input came from.

use crate::model::{ActivityInput, ActivityType};
use crate::text::push_number;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// A text in an issue's parameters: borrowed from the rules' own constants when the rules make
/// the issue (no allocation on the paths a form or a bulk import takes), owned when it was read
/// from JSON.
pub type IssueText = Cow<'static, str>;

/// The most characters a title may have, counted in UTF-16 code units as the HTML `maxlength`
/// attribute and .NET count them.
pub const TITLE_MAX_LENGTH: usize = 60;

/// The most characters a description may have, counted in UTF-16 code units.
pub const DESCRIPTION_MAX_LENGTH: usize = 300;

/// A pattern for an HTML `<input pattern>` that accepts exactly the titles the title rules
/// accept: 1 to 60 of the letters A-Z and a-z, the digits 0-9, hyphen-minus and space, not all
/// spaces. Browsers anchor it and compile it with the `v` flag; it is valid with `u` too.
///
/// Written for speed as well as meaning (`validateActivity` runs it on every valid title): the
/// "not all spaces" lookahead fails at once for a title that starts with a non-space, and the
/// title is then read once. (The earlier form, `(?=[…]{1,60}$) *[…][…]*`, read it twice, and
/// Chromium ran its counted lookahead in the regexp interpreter: 3× slower on 60 characters.)
pub const TITLE_PATTERN: &str = r"(?! *$)[A-Za-z0-9\- ]{1,60}";

/// [`TITLE_PATTERN`] with `+` in place of its length bound `{1,60}`: for a caller that checks
/// the length apart ([`TITLE_MAX_LENGTH`]), the same titles. `validateActivity`'s shortcut runs
/// this form, since a counted repetition costs engines more than `+`: on a 60-character title,
/// 159-219 ns against 88-141 in Node 20, 302-307 against 150-159 in Chromium.
pub const TITLE_PATTERN_UNBOUNDED: &str = r"(?! *$)[A-Za-z0-9\- ]+";

/// The four manual activity types, in the API's order.
pub const ACTIVITY_TYPES: [&str; 4] = [
    ActivityType::ALL[0].as_str(),
    ActivityType::ALL[1].as_str(),
    ActivityType::ALL[2].as_str(),
    ActivityType::ALL[3].as_str(),
];

/// The names of the input fields, in the order issues are reported.
pub const INPUT_FIELD_NAMES: [&str; 5] = ["type", "title", "description", "authorId", "authorName"];

/// The `options` of an `invalid_option` issue on `type`: [`ACTIVITY_TYPES`].
pub static TYPE_OPTIONS: [IssueText; 4] = [
    Cow::Borrowed(ACTIVITY_TYPES[0]),
    Cow::Borrowed(ACTIVITY_TYPES[1]),
    Cow::Borrowed(ACTIVITY_TYPES[2]),
    Cow::Borrowed(ACTIVITY_TYPES[3]),
];

/// The `options` of the `invalid_option` issue for an unknown field: [`INPUT_FIELD_NAMES`].
pub static FIELD_OPTIONS: [IssueText; 5] = [
    Cow::Borrowed(INPUT_FIELD_NAMES[0]),
    Cow::Borrowed(INPUT_FIELD_NAMES[1]),
    Cow::Borrowed(INPUT_FIELD_NAMES[2]),
    Cow::Borrowed(INPUT_FIELD_NAMES[3]),
    Cow::Borrowed(INPUT_FIELD_NAMES[4]),
];

/// What an issue is about: one of the input fields, a path parameter, or the input as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "IssueField"))]
pub enum Field {
    /// The input itself (not an object), or an unknown field name given to `validateField`.
    Input,
    /// `type`
    Type,
    /// `title`
    Title,
    /// `description`
    Description,
    /// `authorId`
    AuthorId,
    /// `authorName`
    AuthorName,
    /// The `customerId` path parameter.
    CustomerId,
    /// The `id` path parameter.
    Id,
}

impl Field {
    /// Every field, in declaration order (`field as usize` indexes it).
    pub const ALL: [Field; 8] = [
        Field::Input,
        Field::Type,
        Field::Title,
        Field::Description,
        Field::AuthorId,
        Field::AuthorName,
        Field::CustomerId,
        Field::Id,
    ];

    /// The fields of an [`ActivityInput`], in the order issues are reported.
    pub const INPUT: [Field; 5] = [
        Field::Type,
        Field::Title,
        Field::Description,
        Field::AuthorId,
        Field::AuthorName,
    ];

    /// The field's name on the wire and in issues, e.g. `"authorId"`.
    pub const fn name(self) -> &'static str {
        match self {
            Field::Input => "input",
            Field::Type => "type",
            Field::Title => "title",
            Field::Description => "description",
            Field::AuthorId => "authorId",
            Field::AuthorName => "authorName",
            Field::CustomerId => "customerId",
            Field::Id => "id",
        }
    }

    /// The input field named exactly `name`, if any.
    pub fn input_field(name: &str) -> Option<Field> {
        Field::INPUT.into_iter().find(|f| f.name() == name)
    }

    /// Whether this field's rule reads a string's text. Only `type` and `title` do: the rule
    /// of `description` reads only its length in UTF-16 code units, and the rules of the author
    /// fields only that they are strings. For the other fields a caller may give a string as
    /// [`Value::Length`], saving a copy of its text.
    pub const fn reads_text(self) -> bool {
        matches!(self, Field::Type | Field::Title)
    }

    /// How messages name the field.
    pub(crate) const fn label(self) -> &'static str {
        match self {
            Field::Input => "The activity",
            Field::Type => "Type",
            Field::Title => "Title",
            Field::Description => "Description",
            Field::AuthorId => "Author id",
            Field::AuthorName => "Author name",
            Field::CustomerId => "Customer id",
            Field::Id => "Activity id",
        }
    }
}

/// A value as validation sees it, whichever language it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Not there (`undefined`, or a key that is missing).
    Absent,
    /// `null`.
    Null,
    /// A string.
    Text(&'a str),
    /// A string given only by its length in UTF-16 code units: all the rule of a field whose
    /// [`Field::reads_text`] is false looks at. (Given for a field whose rule reads the text, it
    /// is judged `invalid_type`: a rule never passes a text it cannot see.)
    Length(usize),
    /// Anything else: a number, a boolean, an array, an object …
    Other,
    /// Reading it failed (a JS getter or proxy trap threw).
    Unreadable,
}

/// The five input fields as given, before any check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawInput<'a> {
    /// `type`
    pub activity_type: Value<'a>,
    /// `title`
    pub title: Value<'a>,
    /// `description`
    pub description: Value<'a>,
    /// `authorId`
    pub author_id: Value<'a>,
    /// `authorName`
    pub author_name: Value<'a>,
}

impl<'a> RawInput<'a> {
    /// The value given for an input field; [`Value::Absent`] for any other field.
    pub fn get(&self, field: Field) -> Value<'a> {
        match field {
            Field::Type => self.activity_type,
            Field::Title => self.title,
            Field::Description => self.description,
            Field::AuthorId => self.author_id,
            Field::AuthorName => self.author_name,
            Field::Input | Field::CustomerId | Field::Id => Value::Absent,
        }
    }

    /// Sees typed input the way the rules see any other input.
    pub fn from_input(input: &'a ActivityInput) -> RawInput<'a> {
        fn optional(value: &Option<String>) -> Value<'_> {
            value.as_deref().map_or(Value::Null, Value::Text)
        }
        RawInput {
            activity_type: Value::Text(input.activity_type.as_str()),
            title: Value::Text(&input.title),
            description: optional(&input.description),
            author_id: optional(&input.author_id),
            author_name: optional(&input.author_name),
        }
    }
}

/// What is wrong, with the parameters a custom or translated message needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub enum IssueDetail {
    /// Missing, `null`, empty, or (for the title) only whitespace.
    Required,
    /// Longer than `max` UTF-16 code units; it has `actual`.
    TooLong {
        /// The limit.
        max: u32,
        /// The length given.
        actual: u32,
    },
    /// Holds characters the field does not allow.
    InvalidCharacters {
        /// The distinct offending characters, in order of first appearance.
        #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
        characters: Vec<IssueText>,
    },
    /// Not one of the allowed `options`.
    InvalidOption {
        /// The allowed values.
        #[cfg_attr(target_arch = "wasm32", tsify(type = "string[]"))]
        options: Cow<'static, [IssueText]>,
    },
    /// Of the wrong type; `expected` names the type wanted (`"string"` or `"object"`).
    InvalidType {
        /// The type wanted.
        #[cfg_attr(target_arch = "wasm32", tsify(type = "\"string\" | \"object\""))]
        expected: IssueText,
    },
}

impl IssueDetail {
    /// Every code, in declaration order ([`IssueDetail::index`] indexes it).
    pub const CODES: [&'static str; 5] = [
        "required",
        "too_long",
        "invalid_characters",
        "invalid_option",
        "invalid_type",
    ];

    /// The position of this issue's code in [`IssueDetail::CODES`].
    pub const fn index(&self) -> usize {
        match self {
            IssueDetail::Required => 0,
            IssueDetail::TooLong { .. } => 1,
            IssueDetail::InvalidCharacters { .. } => 2,
            IssueDetail::InvalidOption { .. } => 3,
            IssueDetail::InvalidType { .. } => 4,
        }
    }

    /// The stable code of the issue, e.g. `"too_long"`.
    pub const fn code(&self) -> &'static str {
        IssueDetail::CODES[self.index()]
    }
}

/// One problem with one field: `field`, a stable `code` with its parameters (see
/// `IssueDetail`), and `message`, a clear English sentence. Switch on `code` to write custom or
/// translated messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(Tsify),
    tsify(
        hashmap_as_object,
        type = "{ field: IssueField; message: string } & IssueDetail"
    )
)]
pub struct ValidationIssue {
    /// The field the issue is about.
    pub field: Field,
    /// The code and its parameters.
    #[serde(flatten)]
    pub detail: IssueDetail,
    /// A clear English sentence for people.
    pub message: String,
}

impl ValidationIssue {
    /// An issue with its message written from the field and the detail.
    pub fn new(field: Field, detail: IssueDetail) -> ValidationIssue {
        let message = issue_message(field, &detail);
        ValidationIssue {
            field,
            detail,
            message,
        }
    }

    /// The issue for input that is not an object (`null`, a number, an array …).
    pub fn not_an_object() -> ValidationIssue {
        let (field, detail) = not_an_object_detail();
        ValidationIssue::new(field, detail)
    }

    /// The issue for a field name `validateField` does not know.
    pub fn unknown_field() -> ValidationIssue {
        ValidationIssue::new(Field::Input, unknown_field_detail())
    }
}

/// Every issue with `input`, in field order; empty when it is valid.
pub fn validate_input(input: &RawInput<'_>) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    input_details(input, &mut Vec::new(), |field, detail| {
        issues.push(ValidationIssue::new(field, detail.clone()))
    });
    issues
}

/// Every issue with one input field's value: exactly the issues [`validate_input`] reports for
/// that field. A field that is not an input field gives the `unknown_field` issue.
pub fn validate_field(field: Field, value: Value<'_>) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    field_details(field, value, &mut Vec::new(), |field, detail| {
        issues.push(ValidationIssue::new(field, detail.clone()))
    });
    issues
}

/// The issues of [`validate_input`] without their messages: `each(field, detail)` for every
/// issue, in field order. For callers that write a message only when they need it
/// ([`issue_message`]), and that only read each detail: it is lent to `each`. The list of
/// characters of an `invalid_characters` detail is `spare`, emptied and refilled, and goes back
/// there afterwards: a caller that keeps `spare` from call to call allocates no list per call.
pub fn input_details(
    input: &RawInput<'_>,
    spare: &mut Vec<IssueText>,
    mut each: impl FnMut(Field, &IssueDetail),
) {
    // One copy of the rules in the wasm, whatever the caller's closure: they take `dyn`.
    let each: &mut dyn FnMut(Field, &IssueDetail) = &mut each;
    // Field by field rather than a loop over Field::INPUT: the wasm, built for size, would call
    // an iterator and `RawInput::get` per field.
    check_field(Field::Type, input.activity_type, spare, each);
    check_field(Field::Title, input.title, spare, each);
    check_field(Field::Description, input.description, spare, each);
    check_field(Field::AuthorId, input.author_id, spare, each);
    check_field(Field::AuthorName, input.author_name, spare, each);
}

/// The issues of [`validate_field`] without their messages, as [`input_details`] gives them.
pub fn field_details(
    field: Field,
    value: Value<'_>,
    spare: &mut Vec<IssueText>,
    mut each: impl FnMut(Field, &IssueDetail),
) {
    if Field::INPUT.contains(&field) {
        check_field(field, value, spare, &mut each);
    } else {
        each(Field::Input, &unknown_field_detail());
    }
}

/// The field and detail of [`ValidationIssue::not_an_object`], without the message.
pub fn not_an_object_detail() -> (Field, IssueDetail) {
    let expected = Cow::Borrowed("object");
    (Field::Input, IssueDetail::InvalidType { expected })
}

fn unknown_field_detail() -> IssueDetail {
    IssueDetail::InvalidOption {
        options: Cow::Borrowed(&FIELD_OPTIONS),
    }
}

/// The typed input, or every issue with it.
pub fn parse_input(input: &RawInput<'_>) -> Result<ActivityInput, Vec<ValidationIssue>> {
    let issues = validate_input(input);
    if !issues.is_empty() {
        return Err(issues);
    }
    let text = |value: Value<'_>| match value {
        Value::Text(s) => Some(s.to_owned()),
        _ => None,
    };
    let activity_type = match input.activity_type {
        Value::Text(name) => ActivityType::from_name(name),
        _ => None,
    };
    match (activity_type, text(input.title)) {
        (Some(activity_type), Some(title)) => Ok(ActivityInput {
            activity_type,
            title,
            description: text(input.description),
            author_id: text(input.author_id),
            author_name: text(input.author_name),
        }),
        // validate_input reports required or invalid_type for both; kept total all the same.
        _ => Err(vec![ValidationIssue::new(
            Field::Type,
            IssueDetail::Required,
        )]),
    }
}

impl ActivityInput {
    /// Every issue with this input, as [`validate_input`] reports them.
    pub fn issues(&self) -> Vec<ValidationIssue> {
        validate_input(&RawInput::from_input(self))
    }
}

fn check_field(
    field: Field,
    value: Value<'_>,
    spare: &mut Vec<IssueText>,
    each: &mut dyn FnMut(Field, &IssueDetail),
) {
    let invalid_type = || IssueDetail::InvalidType {
        expected: Cow::Borrowed("string"),
    };
    let text = match value {
        Value::Text(text) => text,
        Value::Length(length) => {
            if field.reads_text() {
                each(field, &invalid_type());
            } else if field == Field::Description {
                check_length(field, length, DESCRIPTION_MAX_LENGTH, each);
            }
            return;
        }
        Value::Absent | Value::Null => {
            if matches!(field, Field::Type | Field::Title) {
                each(field, &IssueDetail::Required);
            }
            return;
        }
        Value::Other | Value::Unreadable => {
            each(field, &invalid_type());
            return;
        }
    };
    match field {
        Field::Type => check_type(text, each),
        Field::Title => check_title(text, spare, each),
        Field::Description => check_text_length(field, text, DESCRIPTION_MAX_LENGTH, each),
        // Any string is a valid author; the server fills in "System" when they are left out.
        _ => {}
    }
}

fn check_type(text: &str, each: &mut dyn FnMut(Field, &IssueDetail)) {
    if text.is_empty() {
        each(Field::Type, &IssueDetail::Required);
    } else if ActivityType::from_name(text).is_none() {
        let options = Cow::Borrowed(&TYPE_OPTIONS[..]);
        each(Field::Type, &IssueDetail::InvalidOption { options });
    }
}

fn check_title(text: &str, spare: &mut Vec<IssueText>, each: &mut dyn FnMut(Field, &IssueDetail)) {
    if text.chars().all(char::is_whitespace) {
        each(Field::Title, &IssueDetail::Required);
        return;
    }
    check_text_length(Field::Title, text, TITLE_MAX_LENGTH, each);
    if !all_title_bytes(text.as_bytes()) {
        let detail = IssueDetail::InvalidCharacters {
            characters: distinct_invalid_chars(text, spare),
        };
        each(Field::Title, &detail);
        // The list back to the caller's spare, for the next title (unless grown very long).
        if let IssueDetail::InvalidCharacters { characters } = detail {
            if characters.capacity() <= 64 {
                *spare = characters;
            }
        }
    }
}

fn check_text_length(
    field: Field,
    text: &str,
    max: usize,
    each: &mut dyn FnMut(Field, &IssueDetail),
) {
    // A UTF-16 length is never shorter than the UTF-8 one divided by 3, so most strings need no
    // count at all.
    if text.len() > max {
        check_length(field, utf16_len(text), max, each);
    }
}

/// A `too_long` issue when `actual` (UTF-16 code units) is over `max`.
fn check_length(
    field: Field,
    actual: usize,
    max: usize,
    each: &mut dyn FnMut(Field, &IssueDetail),
) {
    if actual > max {
        let detail = IssueDetail::TooLong {
            max: clamp_u32(max),
            actual: clamp_u32(actual),
        };
        each(field, &detail);
    }
}

/// Whether `c` may appear in a title: ASCII letters, digits, hyphen-minus and space.
pub fn is_title_char(c: char) -> bool {
    c.is_ascii() && is_title_byte(c as u8)
}

/// The title's allowed bytes as a table: checking a byte is one load, which matters on every
/// keystroke of a form (a `u128` bit set costs a call per byte in wasm, which has no 128-bit
/// shift).
const TITLE_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = b.is_ascii_alphanumeric() || b == b'-' || b == b' ';
        b += 1;
    }
    table
};

#[inline(always)]
fn is_title_byte(b: u8) -> bool {
    TITLE_BYTES[b as usize]
}

/// Whether every byte may appear in a title. A plain loop: the wasm, built for size, would call
/// `Iterator::all` and its closure per byte.
fn all_title_bytes(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        if !is_title_byte(bytes[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// The length of `text` in UTF-16 code units: what JavaScript's `length`, the HTML `maxlength`
/// attribute and .NET count.
pub fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    // Every char that is not a continuation byte starts one unit; four-byte chars take two.
    text.bytes()
        .map(|b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The distinct characters of `text` a title may not hold, in order of first appearance, in
/// `spare` (the caller's list, refilled in place: a text it held is written over rather than
/// allocated again, so a caller that keeps the list from call to call allocates nothing once
/// it has held as many). Bytes are read one by one and only a non-ASCII character is decoded;
/// an ASCII one is looked up in a bit set, a non-ASCII one compared with those found so far
/// or, past 32 of them, looked up in a bit set of every code point (136 KiB, made only then),
/// so a long hostile title costs time linear in its length, not quadratic. (A bit set rather
/// than a `BTreeSet`: the same bound with a few dozen bytes of code instead of 2 KB in the wasm.)
fn distinct_invalid_chars(text: &str, spare: &mut Vec<IssueText>) -> Vec<IssueText> {
    let mut out = std::mem::take(spare);
    // How many of `out` are this title's.
    let mut n = 0;
    // The ASCII characters found so far, as bits (two words: nothing to clear on each call).
    let mut seen_ascii = [0u64; 2];
    let mut others = 0;
    let mut many: Vec<u64> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b < 0x80 {
            i += 1;
            let bit = 1u64 << (b & 63);
            let seen = &mut seen_ascii[usize::from(b >> 6)];
            if is_title_byte(b) || *seen & bit != 0 {
                continue;
            }
            *seen |= bit;
            char::from(b)
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            let found = out.get(..n).unwrap_or_default();
            let new = if others <= 32 {
                !found.iter().any(|t| t.starts_with(c))
            } else {
                set_bit(&mut many, c)
            };
            if !new {
                continue;
            }
            others += 1;
            if others == 33 {
                // From now on, the bit set: of every character found so far.
                many = vec![0; (char::MAX as usize + 1).div_ceil(64)];
                for t in found {
                    if let Some(found) = t.chars().next() {
                        set_bit(&mut many, found);
                    }
                }
                set_bit(&mut many, c);
            }
            c
        };
        match out.get_mut(n) {
            Some(Cow::Owned(reused)) => {
                reused.clear();
                reused.push(c);
            }
            _ => {
                out.truncate(n);
                out.push(Cow::Owned(String::from(c)));
            }
        }
        n += 1;
    }
    out.truncate(n);
    out
}

/// Sets the bit of `c` in `set`: whether it was clear.
fn set_bit(set: &mut [u64], c: char) -> bool {
    let n = c as usize;
    let bit = 1u64 << (n % 64);
    match set.get_mut(n / 64) {
        Some(word) if *word & bit == 0 => {
            *word |= bit;
            true
        }
        _ => false,
    }
}

/// The English message of an issue: what [`ValidationIssue::new`] writes into `message`.
/// Written with plain string pushes: no `format!` machinery in the wasm.
pub fn issue_message(field: Field, detail: &IssueDetail) -> String {
    let mut m = String::from(field.label());
    match detail {
        IssueDetail::Required => m.push_str(" is required."),
        IssueDetail::TooLong { max, actual } => {
            m.push_str(" must be at most ");
            push_number(&mut m, u64::from(*max));
            m.push_str(" characters; it has ");
            push_number(&mut m, u64::from(*actual));
            m.push('.');
        }
        IssueDetail::InvalidCharacters { characters } => {
            m.push_str(" may contain only letters A-Z, digits 0-9, hyphens and spaces; remove ");
            push_list(&mut m, characters, 5, true);
            m.push('.');
        }
        IssueDetail::InvalidOption { options } => {
            if field == Field::Input {
                m = String::from("Unknown field; the fields are ");
            } else {
                m.push_str(" must be one of ");
            }
            push_list(&mut m, options, options.len(), false);
            m.push('.');
        }
        IssueDetail::InvalidType { expected } => {
            m.push_str(if expected == "object" {
                " must be an object."
            } else {
                " must be a string."
            });
        }
    }
    m
}

fn push_list(m: &mut String, items: &[IssueText], shown: usize, quote: bool) {
    for (i, item) in items.iter().take(shown).enumerate() {
        if i > 0 {
            m.push_str(", ");
        }
        if quote {
            push_char_name(m, item);
        } else {
            m.push_str(item);
        }
    }
    if items.len() > shown {
        m.push_str(" and ");
        push_number(m, (items.len() - shown) as u64);
        m.push_str(" more");
    }
}

/// A character as a message shows it: quoted when visible, as `U+XXXX` when it is whitespace,
/// a control or a format character that would be invisible.
fn push_char_name(m: &mut String, item: &str) {
    let c = item.chars().next().unwrap_or('\u{FFFD}');
    let invisible = c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}');
    if invisible {
        m.push_str("U+");
        let code = u32::from(c);
        let digits = if code > 0xFFFF { 6 } else { 4 };
        for shift in (0..digits).rev() {
            let nibble = (code >> (shift * 4)) & 0xF;
            m.push(char::from_digit(nibble, 16).map_or('0', |d| d.to_ascii_uppercase()));
        }
    } else {
        m.push('"');
        m.push_str(item);
        m.push('"');
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
