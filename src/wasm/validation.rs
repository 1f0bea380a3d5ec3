//! `validateActivity`, `validateField` and the form constants, as exported to JS.

use super::js::{is_record, set, Read};
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

/// Property keys, made once: creating a JS string from Rust costs a copy every time.
struct Keys {
    fields: [JsValue; 5],
    valid: JsValue,
    value: JsValue,
    issues: JsValue,
}

thread_local! {
    static KEYS: Keys = Keys {
        fields: Field::INPUT.map(|f| JsValue::from_str(f.name())),
        valid: JsValue::from_str("valid"),
        value: JsValue::from_str("value"),
        issues: JsValue::from_str("issues"),
    };
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
    KEYS.with(|keys| {
        let result = Object::new();
        match check_input(&input) {
            Ok(value) => {
                set(&result, &keys.valid, &JsValue::TRUE);
                set(&result, &keys.value, &value);
                set(&result, &keys.issues, &Array::new());
            }
            Err(issues) => {
                set(&result, &keys.valid, &JsValue::FALSE);
                set(&result, &keys.issues, &issues_to_js(&issues));
            }
        }
        Ts::new_unchecked(result.into())
    })
}

/// Validates a JS input: the cleaned value (only the known fields, `null` and `undefined`
/// optionals left out), or every issue. The value is built from the JS strings given, not from
/// copies. `create` and `update` send exactly this value.
pub(crate) fn check_input(input: &JsValue) -> Result<Object, Vec<ValidationIssue>> {
    if !is_record(input) {
        return Err(vec![ValidationIssue::not_an_object()]);
    }
    KEYS.with(|keys| {
        let [t, title, description, author_id, author_name] =
            keys.fields.each_ref().map(|key| Read::property(input, key));
        let raw = RawInput {
            activity_type: t.0.as_value(),
            title: title.0.as_value(),
            description: description.0.as_value(),
            author_id: author_id.0.as_value(),
            author_name: author_name.0.as_value(),
        };
        let issues = validate_input(&raw);
        if !issues.is_empty() {
            return Err(issues);
        }
        let value = Object::new();
        for (key, (read, js)) in
            keys.fields
                .iter()
                .zip([t, title, description, author_id, author_name])
        {
            if matches!(read, Read::Text(_)) {
                set(&value, key, &js);
            }
        }
        Ok(value)
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
    let issues = match field.as_string().as_deref().and_then(Field::input_field) {
        Some(field) => check_field(field, Read::of(&value).as_value()),
        None => vec![ValidationIssue::unknown_field()],
    };
    issues.iter().map(to_js).collect()
}

/// Issues as a JS array of plain objects.
pub(crate) fn issues_to_js(issues: &[ValidationIssue]) -> Array {
    issues.iter().map(to_js).map(JsValue::from).collect()
}

/// An issue as a plain JS object: `field`, `code`, `message` and the code's parameters. Built by
/// hand rather than through serde-wasm-bindgen, which would add its serializer to the wasm.
fn to_js(issue: &ValidationIssue) -> Ts<ValidationIssue> {
    let object = Object::new();
    let put = |key: &str, value: JsValue| set(&object, &JsValue::from_str(key), &value);
    let strings = |items: &[String]| -> JsValue {
        items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>()
            .into()
    };
    put("field", issue.field.name().into());
    put("code", issue.detail.code().into());
    put("message", issue.message.as_str().into());
    match &issue.detail {
        IssueDetail::Required => {}
        IssueDetail::TooLong { max, actual } => {
            put("max", (*max).into());
            put("actual", (*actual).into());
        }
        IssueDetail::InvalidCharacters { characters } => put("characters", strings(characters)),
        IssueDetail::InvalidOption { options } => put("options", strings(options)),
        IssueDetail::InvalidType { expected } => put("expected", expected.as_str().into()),
    }
    Ts::new_unchecked(object.into())
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
