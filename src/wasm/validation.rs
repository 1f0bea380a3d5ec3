//! `validateActivity`, `validateField` and the form constants' types, as exported to JS.
//!
//! The two functions are JS (`validation.js`), so that one call crosses into wasm once, with
//! integers only: the JS reads the input's fields, copies the strings whose text the rules read
//! ([`Field::reads_text`]: `type` and `title`) as UTF-8 into a scratch buffer here (a `type`
//! that is one of `ACTIVITY_TYPES` by its index there instead), gives the others by their length
//! or kind, and calls [`skimmer_check_input`] or [`skimmer_check_field`]; the core's rules run on
//! what it wrote, and the answer (every issue's field, code, parameters and message) is written
//! into words the JS reads back. Messages are kept here by issue, so a JS string is made once per
//! distinct message, not once per issue; and the list the rules fill with a title's invalid
//! characters is kept here too, so that they refill it rather than allocate one per call.
//!
//! One shortcut, in validation.js: input that the rules' exported facts alone show valid
//! (`ACTIVITY_TYPES`, `TITLE_PATTERN`, `DESCRIPTION_MAX_LENGTH`, given to it here; the title
//! pattern in its unbounded form, the length checked apart) is answered valid without crossing;
//! anything else goes to the rules. (README.md, "Design decisions".)
//!
//! The package entry gets the two functions from [`validation_functions`] (exported as
//! `__validation`). The form constants' values are not exported: the package build reads them
//! from what [`validators`] is given here (validation.js, `formConstants`).

use super::js_values::set;
use crate::codes::{MetaSlot, ValueKind, AS_TEXT, ISSUE_WORDS, NOT_AN_OBJECT};
use crate::validate::{
    field_details, input_details, issue_message, not_an_object_detail, Field, IssueDetail,
    IssueText, RawInput, ValidationIssue, Value, ACTIVITY_TYPES, DESCRIPTION_MAX_LENGTH,
    FIELD_OPTIONS, INPUT_FIELD_NAMES, TITLE_MAX_LENGTH, TITLE_PATTERN, TITLE_PATTERN_UNBOUNDED,
    TYPE_OPTIONS,
};
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/validation.js")]
extern "C" {
    /// Installs the validation functions (see validation.js) and returns them.
    #[allow(clippy::too_many_arguments)]
    fn validators(
        memory: &JsValue,
        check_input: &JsValue,
        check_field: &JsValue,
        reserve: &JsValue,
        meta: *const u32,
        reads_text: u32,
        fields: &Array,
        codes: &Array,
        lists: &Array,
        expected: &Array,
        activity_types: &Array,
        title_pattern: &str,
        title_pattern_unbounded: &str,
        title_max: u32,
        description_max: u32,
    ) -> Object;
    /// Reads the input fields into `out`, writing their strings for the rules: the kinds word.
    #[wasm_bindgen(js_name = readFields)]
    fn read_fields(input: &JsValue, out: &Array) -> i32;
    /// The issues written by [`Answer::write`], as JS objects.
    #[wasm_bindgen(js_name = issuesAt)]
    fn issues_at(count: u32) -> Array;
}

/// The outcome of `validateActivity`: either the input is valid, and `value` holds it cleaned
/// (only the five known fields, `null` and `undefined` optionals left out: exactly what `create`
/// and `update` would send), or `issues` lists every problem, in field order.
#[derive(Tsify)]
#[tsify(
    type = "{ valid: true; value: ActivityInput; issues: [] } | { valid: false; issues: ValidationIssue[] }"
)]
pub struct ValidationResult;

#[wasm_bindgen(typescript_custom_section)]
const CONSTANTS_TS: &'static str = r#"
/** The most characters a title may have (UTF-16 code units, as `maxlength` counts them). */
export declare const TITLE_MAX_LENGTH: 60;
/** The most characters a description may have (UTF-16 code units). */
export declare const DESCRIPTION_MAX_LENGTH: 300;
/**
 * A pattern for `<input pattern>` that accepts exactly the titles the title rules accept: 1 to
 * 60 of A-Z, a-z, 0-9, hyphen-minus and space, not all spaces. Valid under the `v` and `u` flags.
 */
export declare const TITLE_PATTERN: string;
/** The four manual activity types, in the API's order. */
export declare const ACTIVITY_TYPES: readonly ["Call", "Text", "Email", "Other"];
/** The names of the fields of an {@link ActivityInput}, in the order issues are reported. */
export type InputField = "type" | "title" | "description" | "authorId" | "authorName";
"#;

/// Where validation.js writes the strings the rules read, until it asks for more.
const SCRATCH_BYTES: usize = 4096;
/// A scratch buffer grown past this for one long string is given back after the call.
const SCRATCH_KEPT: usize = 64 * 1024;

/// The option lists the rules give, in the order validation.js holds them.
static OPTION_LISTS: [&[IssueText]; 2] = [&TYPE_OPTIONS, &FIELD_OPTIONS];
/// The `expected` values of `invalid_type`, in the order validation.js holds them.
const EXPECTED: [&str; 2] = ["string", "object"];

/// JS strings of recent messages, each kept in a slot validation.js mirrors: an issue seen
/// before costs a slot number, not a new JS string (making one from Rust costs a copy and, in
/// Chromium, a TextDecoder call).
struct Messages {
    /// Each slot's field, detail, message, and the answer that last used it.
    entries: Vec<(Field, IssueDetail, Box<str>, u32)>,
    /// Where the search for a slot to replace starts, once every slot is taken.
    next: usize,
    /// The answer being written (counts up; see [`Messages::begin`]).
    answer: u32,
}

impl Messages {
    const SLOTS: usize = 64;

    /// Starts an answer: the slots it uses from now on are not replaced before it ends.
    fn begin(&mut self) {
        self.answer = self.answer.wrapping_add(1);
    }

    /// The slot of the message of (`field`, `detail`), and whether it is new to validation.js.
    /// `given` is the issue's own message, when it has one that the rules' may not be.
    fn slot(&mut self, field: Field, detail: &IssueDetail, given: Option<&str>) -> (usize, bool) {
        let answer = self.answer;
        let known = self.entries.iter().position(|(f, d, text, _)| {
            *f == field && d == detail && given.is_none_or(|g| g == &**text)
        });
        if let Some(slot) = known {
            self.entries[slot].3 = answer;
            return (slot, false);
        }
        let text: Box<str> = match given {
            Some(text) => text.into(),
            None => issue_message(field, detail).into(),
        };
        let entry = (field, detail.clone(), text, answer);
        // A slot another issue of this answer uses keeps its message: validation.js reads every
        // new message before any issue. (An answer has a few issues, far fewer than the slots;
        // if one ever had more, the table grows.)
        let free = (0..self.entries.len())
            .map(|k| (self.next + k) % self.entries.len())
            .find(|&k| self.entries[k].3 != answer);
        match free {
            Some(slot) if self.entries.len() >= Messages::SLOTS => {
                self.next = (slot + 1) % Messages::SLOTS;
                self.entries[slot] = entry;
                (slot, true)
            }
            _ => {
                self.entries.push(entry);
                (self.entries.len() - 1, true)
            }
        }
    }
}

/// What validation.js and the rules share: the scratch buffer, the `meta` words (each field's
/// offset and length in the buffer, or its UTF-16 length, then the [`MetaSlot`]s) and the answer.
struct Shared {
    bytes: Vec<u8>,
    meta: [u32; MetaSlot::COUNT],
    answer: Answer,
    messages: Messages,
    /// The list the rules fill with a title's invalid characters, kept from call to call.
    spare: Vec<IssueText>,
}

/// The words the rules answer with, read by `issuesAt` in validation.js: the number of issues
/// and [`ISSUE_WORDS`] per issue (field, code, message slot, three parameter words); then the
/// number of messages new to validation.js and each one's slot, address and length; then the
/// lists that parameter words point into (characters, option texts), by their offset from the
/// lists' start. (The vectors are kept from call to call: once grown, an answer allocates
/// nothing.)
struct Answer {
    words: Vec<u32>,
    /// The slots of the messages new to validation.js.
    fresh: Vec<u32>,
    lists: Vec<u32>,
}

impl Answer {
    fn begin(&mut self) {
        self.words.clear();
        self.words.push(0);
        self.fresh.clear();
        self.lists.clear();
    }

    /// Adds an issue; `given` is its own message, when it may not be the rules' one.
    fn issue(
        &mut self,
        messages: &mut Messages,
        field: Field,
        detail: &IssueDetail,
        given: Option<&str>,
    ) {
        let (slot, new) = messages.slot(field, detail, given);
        if new {
            self.fresh.push(slot as u32);
        }
        let [a, b, c] = parameters(detail, &mut self.lists);
        let code = detail.index() as u32;
        let words: [u32; ISSUE_WORDS] = [field as u32, code, slot as u32, a, b, c];
        self.words.extend_from_slice(&words);
        if let Some(count) = self.words.first_mut() {
            *count += 1;
        }
    }

    /// Ends the answer: the number of issues.
    fn end(&mut self, messages: &Messages) -> u32 {
        let count = self.words.first().copied().unwrap_or(0);
        if count == 0 {
            // Valid: validation.js reads no words.
            return 0;
        }
        self.words.push(self.fresh.len() as u32);
        for &slot in &self.fresh {
            let text = messages
                .entries
                .get(slot as usize)
                .map_or("", |(_, _, text, _)| text);
            self.words
                .extend_from_slice(&[slot, text.as_ptr() as u32, text.len() as u32]);
        }
        self.words.extend_from_slice(&self.lists);
        count
    }
}

/// The three parameter words of an issue; lists go into `lists`, and a parameter word gives the
/// offset of one there.
fn parameters(detail: &IssueDetail, lists: &mut Vec<u32>) -> [u32; 3] {
    let at = lists.len() as u32;
    match detail {
        IssueDetail::Required => [0, 0, 0],
        IssueDetail::TooLong { max, actual } => [*max, *actual, 0],
        IssueDetail::InvalidCharacters { characters } => {
            for c in characters {
                lists.push(c.chars().next().map_or(0xFFFD, u32::from));
            }
            [at, characters.len() as u32, 0]
        }
        IssueDetail::InvalidOption { options } => {
            match OPTION_LISTS.iter().position(|list| options[..] == list[..]) {
                Some(i) => [i as u32, 0, 0],
                None => {
                    for o in options.iter() {
                        lists.extend_from_slice(&[o.as_ptr() as u32, o.len() as u32]);
                    }
                    [AS_TEXT, at, options.len() as u32]
                }
            }
        }
        IssueDetail::InvalidType { expected } => {
            match EXPECTED.iter().position(|e| e == expected) {
                Some(i) => [i as u32, 0, 0],
                None => [AS_TEXT, expected.as_ptr() as u32, expected.len() as u32],
            }
        }
    }
}

impl Shared {
    fn new() -> Shared {
        Shared {
            bytes: Vec::new(),
            meta: [0; MetaSlot::COUNT],
            answer: Answer {
                words: Vec::new(),
                fresh: Vec::new(),
                lists: Vec::new(),
            },
            messages: Messages {
                entries: Vec::new(),
                next: 0,
                answer: 0,
            },
            spare: Vec::new(),
        }
    }

    /// The value validation.js wrote for input field `index` as kind `kind`.
    fn value<'a>(bytes: &'a [u8], meta: &[u32], index: usize, kind: u32) -> Value<'a> {
        let word = |i: usize| meta.get(i).map_or(0, |w| *w as usize);
        let len = word(2 * index + 1);
        match ValueKind::from_code(kind as i32) {
            ValueKind::Absent => Value::Absent,
            ValueKind::Null => Value::Null,
            ValueKind::Text => {
                let at = word(2 * index);
                match bytes
                    .get(at..at.saturating_add(len))
                    .map(std::str::from_utf8)
                {
                    Some(Ok(text)) => Value::Text(text),
                    _ => Value::Unreadable,
                }
            }
            ValueKind::Length => Value::Length(len),
            ValueKind::Listed => ACTIVITY_TYPES
                .get(len)
                .map_or(Value::Unreadable, |t| Value::Text(t)),
            ValueKind::Other => Value::Other,
            ValueKind::Unreadable => Value::Unreadable,
        }
    }

    /// The input validation.js wrote, as the kinds word `kinds` says (`None`: not an object).
    fn raw_input<'a>(bytes: &'a [u8], meta: &[u32], kinds: i32) -> Option<RawInput<'a>> {
        if kinds == NOT_AN_OBJECT {
            return None;
        }
        let kind = |i: u32| ((kinds as u32) >> (3 * i)) & 7;
        Some(RawInput {
            activity_type: Shared::value(bytes, meta, 0, kind(0)),
            title: Shared::value(bytes, meta, 1, kind(1)),
            description: Shared::value(bytes, meta, 2, kind(2)),
            author_id: Shared::value(bytes, meta, 3, kind(3)),
            author_name: Shared::value(bytes, meta, 4, kind(4)),
        })
    }

    /// Runs the rules on the input validation.js wrote and writes the answer.
    fn check_input(&mut self, kinds: i32) -> u32 {
        let Shared {
            bytes,
            meta,
            answer,
            messages,
            spare,
        } = self;
        answer.begin();
        messages.begin();
        match Shared::raw_input(bytes, meta, kinds) {
            Some(raw) => input_details(&raw, spare, |f, d| answer.issue(messages, f, d, None)),
            None => {
                let (f, d) = not_an_object_detail();
                answer.issue(messages, f, &d, None);
            }
        }
        self.finish()
    }

    /// Runs the rules on one field's value (`arg`: its index shifted left by three, plus its
    /// kind; or [`NOT_AN_OBJECT`] for a name that is not an input field).
    fn check_field(&mut self, arg: i32) -> u32 {
        let Shared {
            bytes,
            meta,
            answer,
            messages,
            spare,
        } = self;
        answer.begin();
        messages.begin();
        let each = |f, d: &IssueDetail| answer.issue(messages, f, d, None);
        let index = usize::try_from(arg).map_or(usize::MAX, |arg| arg >> 3);
        match Field::INPUT.get(index) {
            Some(&field) => {
                let value = Shared::value(bytes, meta, index, (arg & 7) as u32);
                field_details(field, value, spare, each);
            }
            None => field_details(Field::Input, Value::Absent, spare, each),
        }
        self.finish()
    }

    /// Ends the answer, and gives back a scratch buffer grown for one long string.
    fn finish(&mut self) -> u32 {
        let count = self.answer.end(&self.messages);
        self.meta[MetaSlot::OutAt as usize] = self.answer.words.as_ptr() as u32;
        if self.bytes.len() > SCRATCH_KEPT {
            self.bytes = vec![0; SCRATCH_BYTES];
            self.meta[MetaSlot::BytesAt as usize] = self.bytes.as_ptr() as u32;
            self.meta[MetaSlot::BytesCap as usize] = self.bytes.len() as u32;
        }
        count
    }

    /// Makes the scratch buffer at least `size` bytes long: its address.
    fn reserve(&mut self, size: u32) -> u32 {
        let size = (size as usize).max(SCRATCH_BYTES);
        if size > self.bytes.len() {
            self.bytes = vec![0; size];
            self.meta[MetaSlot::BytesAt as usize] = self.bytes.as_ptr() as u32;
            self.meta[MetaSlot::BytesCap as usize] = self.bytes.len() as u32;
        }
        self.meta[MetaSlot::BytesAt as usize]
    }
}

thread_local! {
    static SHARED: RefCell<Shared> = RefCell::new(Shared::new());
    /// The two functions, made once (see [`validators`]).
    static FUNCTIONS: Object = install();
}

/// Runs `f` on the shared state; `busy` when it is in use (never: no JS runs while it is).
fn with_shared(busy: u32, f: impl FnOnce(&mut Shared) -> u32) -> u32 {
    SHARED.with(|cell| match cell.try_borrow_mut() {
        Ok(mut shared) => f(&mut shared),
        Err(_) => busy,
    })
}

// The three exports validation.js calls directly (integers in and out, so wasm-bindgen exports
// the functions themselves, under these names: tools/wasm-names.mjs keeps them). The glue's
// wrappers of the same names are not the package's API (tools/build-pkg.mjs, PRIVATE_NAMES).

/// The rules on the input validation.js wrote: the number of issues (0: valid).
#[wasm_bindgen(skip_typescript)]
pub fn skimmer_check_input(kinds: i32) -> u32 {
    with_shared(0, |shared| shared.check_input(kinds))
}

/// The rules on one field's value validation.js wrote: the number of issues.
#[wasm_bindgen(skip_typescript)]
pub fn skimmer_check_field(arg: i32) -> u32 {
    with_shared(0, |shared| shared.check_field(arg))
}

/// Grows the scratch buffer to at least `size` bytes: its address.
#[wasm_bindgen(skip_typescript)]
pub fn skimmer_reserve(size: u32) -> u32 {
    with_shared(0, |shared| shared.reserve(size))
}

fn install() -> Object {
    let exports = wasm_bindgen::exports();
    let export = |name: &str| Reflect::get(&exports, &JsValue::from_str(name)).unwrap_or_default();
    let strings = |list: &[&str]| -> Array { list.iter().map(|s| JsValue::from_str(s)).collect() };
    // The words stay where they are: the state is a thread-local that never moves.
    let meta = SHARED.with(|cell| cell.borrow().meta.as_ptr());
    let reads_text = Field::INPUT
        .iter()
        .enumerate()
        .filter(|(_, f)| f.reads_text())
        .fold(0, |mask, (i, _)| mask | 1 << i);
    let lists: Array = OPTION_LISTS
        .iter()
        .map(|list| -> JsValue {
            list.iter()
                .map(|s| JsValue::from_str(s))
                .collect::<Array>()
                .into()
        })
        .collect();
    validators(
        &wasm_bindgen::memory(),
        &export("skimmer_check_input"),
        &export("skimmer_check_field"),
        &export("skimmer_reserve"),
        meta,
        reads_text,
        &strings(&Field::ALL.map(Field::name)),
        &strings(&IssueDetail::CODES),
        &lists,
        &strings(&EXPECTED),
        &strings(&ACTIVITY_TYPES),
        TITLE_PATTERN,
        TITLE_PATTERN_UNBOUNDED,
        TITLE_MAX_LENGTH as u32,
        DESCRIPTION_MAX_LENGTH as u32,
    )
}

/// `{ validateActivity, validateField }`, the package's validation functions (validation.js),
/// which the package entry exports under their names. Made once.
#[wasm_bindgen(js_name = "__validation", skip_typescript)]
pub fn validation_functions() -> Object {
    FUNCTIONS.with(Object::clone)
}

/// Validates a JS input for `create` and `update`: the cleaned value (only the known fields,
/// `null` and `undefined` optionals left out), or every issue. The value holds the JS strings
/// given, not copies: `create` and `update` send exactly this value.
pub(crate) fn check_input(input: &JsValue) -> Result<Object, Vec<ValidationIssue>> {
    FUNCTIONS.with(|_| ());
    let values = Array::new();
    let kinds = read_fields(input, &values);
    let issues = SHARED.with(|cell| {
        let shared = cell.borrow();
        match Shared::raw_input(&shared.bytes, &shared.meta, kinds) {
            Some(raw) => crate::validate::validate_input(&raw),
            None => vec![ValidationIssue::not_an_object()],
        }
    });
    if !issues.is_empty() {
        return Err(issues);
    }
    let value = Object::new();
    for (i, name) in INPUT_FIELD_NAMES.iter().enumerate() {
        let v = values.get(i as u32);
        if v.is_string() {
            set(&value, &JsValue::from_str(name), &v);
        }
    }
    Ok(value)
}

/// Issues as a JS array of plain objects (`field`, `code`, `message`, the code's parameters).
pub(crate) fn issues_to_js(issues: &[ValidationIssue]) -> Array {
    FUNCTIONS.with(|_| ());
    let count = SHARED.with(|cell| {
        let mut shared = cell.borrow_mut();
        let Shared {
            answer, messages, ..
        } = &mut *shared;
        answer.begin();
        messages.begin();
        for i in issues {
            answer.issue(messages, i.field, &i.detail, Some(&i.message));
        }
        shared.finish()
    });
    issues_at(count)
}
