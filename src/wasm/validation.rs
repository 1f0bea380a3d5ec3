//! `validateActivity`, `validateField` and the form constants, as exported to JS.

use super::js::{invalid_result, issue, pick, set, valid_result, with_fields, with_value, Read};
use crate::validate::{
    validate_field as check_field, validate_input, Field, IssueDetail, RawInput, ValidationIssue,
    ACTIVITY_TYPES, DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_PATTERN,
};
use js_sys::{Array, Object};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

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

/// JS strings made once: creating a JS string from Rust costs a copy every time.
struct Cache {
    /// The input field names, as an array for `readFields` and `pick`.
    fields: Array,
    /// Issue fields and codes by name.
    names: Vec<(&'static str, JsValue)>,
    /// The activity types, for `invalid_option`.
    types: Array,
}

thread_local! {
    static CACHE: Cache = {
        let names = [
            "input", "type", "title", "description", "authorId", "authorName", "customerId", "id",
            "required", "too_long", "invalid_characters", "invalid_option", "invalid_type", "max",
            "actual", "characters", "options", "expected", "string", "object",
        ];
        Cache {
            fields: Field::INPUT.iter().map(|f| JsValue::from_str(f.name())).collect(),
            names: names.iter().map(|n| (*n, JsValue::from_str(n))).collect(),
            types: ACTIVITY_TYPES.iter().map(|t| JsValue::from_str(t)).collect(),
        }
    };
}

impl Cache {
    /// The cached JS string for `name` (made now if it is not one of the cached names).
    fn name(&self, name: &str) -> JsValue {
        self.names
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| JsValue::from_str(name), |(_, js)| js.clone())
    }
}

/// Checks an activity input against Skimmer's rules, the same rules the server applies.
///
/// Returns every issue at once, in field order. Never throws, whatever it is given: a value that
/// is not an object is an `invalid_type` issue on the field `"input"`, and a property whose
/// getter throws is an `invalid_type` issue on that field.
#[wasm_bindgen(js_name = validateActivity)]
pub fn validate_activity(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Ts<ValidationResult> {
    let result = CACHE.with(|cache| {
        let values = Array::new();
        match check(cache, &input, &values) {
            Ok(mask) => valid_result(&cache.fields, &values, mask),
            Err(issues) => invalid_result(&issues_to_js(&issues)),
        }
    });
    Ts::new_unchecked(result)
}

/// Validates a JS input: the cleaned value (only the known fields, `null` and `undefined`
/// optionals left out), or every issue. The value holds the JS strings given, not copies.
/// `create` and `update` send exactly this value.
pub(crate) fn check_input(input: &JsValue) -> Result<Object, Vec<ValidationIssue>> {
    CACHE.with(|cache| {
        let values = Array::new();
        check(cache, input, &values).map(|mask| pick(&cache.fields, &values, mask))
    })
}

/// Validates `input`, leaving its field values in `values`: the mask of the fields the cleaned
/// value keeps (the strings), or every issue.
fn check(cache: &Cache, input: &JsValue, values: &Array) -> Result<u32, Vec<ValidationIssue>> {
    with_fields::<5, _>(input, &cache.fields, values, |read| {
        let Some(read) = read else {
            return Err(vec![ValidationIssue::not_an_object()]);
        };
        let [t, title, description, author_id, author_name] = &read;
        let raw = RawInput {
            activity_type: t.as_value(),
            title: title.as_value(),
            description: description.as_value(),
            author_id: author_id.as_value(),
            author_name: author_name.as_value(),
        };
        let issues = validate_input(&raw);
        if !issues.is_empty() {
            return Err(issues);
        }
        Ok(read
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Read::Text(_)))
            .fold(0u32, |mask, (i, _)| mask | 1 << i))
    })
}

/// Checks one field's value, for feedback while the user types. Agrees exactly with
/// `validateActivity`: the issues are the ones it would report for that field.
///
/// Never throws; an unknown field name gives one `invalid_option` issue on `"input"`.
#[wasm_bindgen(js_name = validateField)]
pub fn validate_field(
    #[wasm_bindgen(unchecked_param_type = "InputField")] field: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> Vec<Ts<ValidationIssue>> {
    CACHE.with(|cache| {
        // The field name is compared with the cached names, not copied into Rust.
        let known = Field::INPUT
            .iter()
            .zip(cache.fields.iter())
            .find(|(_, name)| *name == field);
        let issues = match known {
            Some((&field, _)) => with_value(&value, |read| check_field(field, read.as_value())),
            None => vec![ValidationIssue::unknown_field()],
        };
        issues.iter().map(|i| to_js(cache, i)).collect()
    })
}

/// Issues as a JS array of plain objects.
pub(crate) fn issues_to_js(issues: &[ValidationIssue]) -> Array {
    CACHE.with(|cache| {
        issues
            .iter()
            .map(|i| JsValue::from(to_js(cache, i)))
            .collect()
    })
}

/// An issue as a plain JS object: `field`, `code`, `message` and the code's parameters.
fn to_js(cache: &Cache, i: &ValidationIssue) -> Ts<ValidationIssue> {
    let none = JsValue::UNDEFINED;
    let field = cache.name(i.field.name());
    let code = cache.name(i.detail.code());
    let object = match &i.detail {
        IssueDetail::Required => issue(&field, &code, &i.message, &none, &none, &none, &none),
        IssueDetail::TooLong { max, actual } => issue(
            &field,
            &code,
            &i.message,
            &cache.name("max"),
            &(*max).into(),
            &cache.name("actual"),
            &(*actual).into(),
        ),
        IssueDetail::InvalidCharacters { characters } => {
            let list: Array = characters.iter().map(|c| JsValue::from_str(c)).collect();
            let key = cache.name("characters");
            issue(&field, &code, &i.message, &key, &list, &none, &none)
        }
        IssueDetail::InvalidOption { options } => {
            let list: JsValue = if options.iter().eq(ACTIVITY_TYPES.iter()) {
                cache.types.clone().into()
            } else {
                options
                    .iter()
                    .map(|o| cache.name(o))
                    .collect::<Array>()
                    .into()
            };
            let key = cache.name("options");
            issue(&field, &code, &i.message, &key, &list, &none, &none)
        }
        IssueDetail::InvalidType { expected } => {
            let (key, value) = (cache.name("expected"), cache.name(expected));
            issue(&field, &code, &i.message, &key, &value, &none, &none)
        }
    };
    Ts::new_unchecked(object)
}

/// The form constants, read once by the package entry, which exports them under their names.
#[wasm_bindgen(js_name = "__constants", skip_typescript)]
pub fn constants() -> Object {
    let types: Array = ACTIVITY_TYPES
        .iter()
        .map(|t| JsValue::from_str(t))
        .collect();
    let object = Object::new();
    let number = |n: usize| JsValue::from_f64(n as f64);
    for (name, value) in [
        ("TITLE_MAX_LENGTH", number(TITLE_MAX_LENGTH)),
        ("DESCRIPTION_MAX_LENGTH", number(DESCRIPTION_MAX_LENGTH)),
        ("TITLE_PATTERN", JsValue::from_str(TITLE_PATTERN)),
        ("ACTIVITY_TYPES", Object::freeze(&types).into()),
    ] {
        set(&object, &JsValue::from_str(name), &value);
    }
    object
}
