//! `validateActivity`, `validateField` and the form constants, as exported to JS.

use super::js_values::{
    characters_of, invalid_result, issue_object, pick, set, valid_result, with_fields, with_named,
    Read,
};
use crate::validate::{
    validate_field as check_field, validate_input, Field, IssueDetail, RawInput, ValidationIssue,
    ACTIVITY_TYPES, DESCRIPTION_MAX_LENGTH, INPUT_FIELD_NAMES, TITLE_MAX_LENGTH, TITLE_PATTERN,
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
    /// Every field name, indexed by `Field as usize`.
    field_names: [JsValue; 8],
    /// Every issue code, indexed by `IssueDetail::index`.
    codes: [JsValue; 5],
    /// The parameter names.
    max: JsValue,
    actual: JsValue,
    characters: JsValue,
    options: JsValue,
    expected: JsValue,
    /// The `expected` values.
    string: JsValue,
    object: JsValue,
    /// The activity types, for `invalid_option` on `type`, and the field names, on `input`.
    types: Array,
    input_fields: Array,
}

thread_local! {
    static CACHE: Cache = {
        let js = |s: &str| JsValue::from_str(s);
        let fields: Array = Field::INPUT.iter().map(|f| js(f.name())).collect();
        Cache {
            input_fields: fields.clone(),
            fields,
            field_names: Field::ALL.map(|f| js(f.name())),
            codes: IssueDetail::CODES.map(js),
            max: js("max"),
            actual: js("actual"),
            characters: js("characters"),
            options: js("options"),
            expected: js("expected"),
            string: js("string"),
            object: js("object"),
            types: ACTIVITY_TYPES.iter().map(|t| js(t)).collect(),
        }
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
        let issues = with_named(&cache.fields, &field, &value, |found| match found {
            Some((index, read)) => check_field(Field::INPUT[index], read.as_value()),
            None => vec![ValidationIssue::unknown_field()],
        });
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
    let field = &cache.field_names[i.field as usize];
    let code = &cache.codes[i.detail.index()];
    let object = match &i.detail {
        IssueDetail::Required => issue_object(field, code, &i.message, None, None),
        IssueDetail::TooLong { max, actual } => issue_object(
            field,
            code,
            &i.message,
            Some((&cache.max, &(*max).into())),
            Some((&cache.actual, &(*actual).into())),
        ),
        IssueDetail::InvalidCharacters { characters } => {
            let list = characters_of(&characters.concat());
            issue_object(
                field,
                code,
                &i.message,
                Some((&cache.characters, &list)),
                None,
            )
        }
        IssueDetail::InvalidOption { options } => {
            // The option lists there are, made once (issue() copies the array).
            let made: Array;
            let list = if options.iter().eq(ACTIVITY_TYPES.iter()) {
                &cache.types
            } else if options.iter().eq(INPUT_FIELD_NAMES.iter()) {
                &cache.input_fields
            } else {
                made = options.iter().map(|o| JsValue::from_str(o)).collect();
                &made
            };
            issue_object(field, code, &i.message, Some((&cache.options, list)), None)
        }
        IssueDetail::InvalidType { expected } => {
            let made;
            let expected = match expected.as_str() {
                "string" => &cache.string,
                "object" => &cache.object,
                other => {
                    made = JsValue::from_str(other);
                    &made
                }
            };
            issue_object(
                field,
                code,
                &i.message,
                Some((&cache.expected, expected)),
                None,
            )
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
