//! The exported validation functions, called in headless Chromium with hostile JS values: each
//! call returns issues instead of throwing, and the instance keeps working afterwards. They are
//! the JS functions the package exports (src/wasm/validation.js), as the shell hands them over.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Reflect};
use skimmer_activity_logs::wasm::validation::validation_functions;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn function(name: &str) -> Function {
    Reflect::get(&validation_functions(), &JsValue::from_str(name))
        .unwrap()
        .unchecked_into()
}

fn validate_activity(input: JsValue) -> JsValue {
    function("validateActivity")
        .call1(&JsValue::UNDEFINED, &input)
        .unwrap()
}

fn validate_field(field: JsValue, value: JsValue) -> Vec<JsValue> {
    let issues = function("validateField")
        .call2(&JsValue::UNDEFINED, &field, &value)
        .unwrap();
    Array::from(&issues).iter().collect()
}

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function hostileValues() {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const big = 'a'.repeat(1 << 20);
  return [
    ['null', null],
    ['undefined', undefined],
    ['number', 42],
    ['NaN', NaN],
    ['string', 'Call'],
    ['1 MB string', big],
    ['boolean', true],
    ['bigint', 10n],
    ['symbol', Symbol('s')],
    ['function', function () {}],
    ['array', [{ type: 'Call', title: 'x' }]],
    ['empty object', {}],
    ['throwing getters', {
      get type() { throw new Error('type getter'); },
      get title() { throw 'a string thrown'; },
      get description() { throw null; },
    }],
    ['proxy whose get trap throws', new Proxy({}, { get() { throw new TypeError('trap'); } })],
    ['revoked proxy', revoked.proxy],
    ['1 MB title and description', { type: 'Call', title: big, description: big }],
    ['1 MB of emoji', { type: 'Email', title: '😀'.repeat(1 << 18), description: '😀'.repeat(1 << 18) }],
    ['wrong types', { type: 1, title: {}, description: [], authorId: 5n, authorName: Symbol('n') }],
    ['object without prototype', Object.assign(Object.create(null), { type: 'Call', title: 'Ok' })],
    ['frozen object', Object.freeze({ type: 'Text', title: 'Frozen' })],
    ['Date', new Date(0)],
    ['Map', new Map([['type', 'Call'], ['title', 'x']])],
  ];
}

export function throwingValue() {
  return { toString() { throw new Error('toString'); }, valueOf() { throw new Error('valueOf'); } };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = hostileValues)]
    fn hostile_values() -> Array;
    #[wasm_bindgen(js_name = throwingValue)]
    fn throwing_value() -> JsValue;
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn is_valid(result: &JsValue) -> bool {
    get(result, "valid").as_bool().unwrap()
}

fn issue_codes(issues: &JsValue) -> Vec<(String, String)> {
    Array::from(issues)
        .iter()
        .map(|i| {
            (
                get(&i, "field").as_string().unwrap(),
                get(&i, "code").as_string().unwrap(),
            )
        })
        .collect()
}

fn a_valid_call_still_works() {
    let input = js_sys::JSON::parse(r#"{"type":"Call","title":"Still working","authorName":null}"#)
        .unwrap();
    let result = validate_activity(input);
    assert!(is_valid(&result));
    let value = get(&result, "value");
    assert_eq!(get(&value, "title").as_string().unwrap(), "Still working");
    assert!(!Reflect::has(&value, &"authorName".into()).unwrap());
}

#[wasm_bindgen_test]
fn hostile_values_give_issues_and_the_instance_keeps_working() {
    for pair in hostile_values().iter() {
        let pair = Array::from(&pair);
        let name = pair.get(0).as_string().unwrap();
        let value = pair.get(1);
        let result = validate_activity(value.clone());
        let valid = is_valid(&result);
        let issues = get(&result, "issues");
        assert!(Array::is_array(&issues), "{name}: issues is an array");
        let codes = issue_codes(&issues);
        match name.as_str() {
            "object without prototype" | "frozen object" => assert!(valid, "{name}: {codes:?}"),
            _ => assert!(!valid && !codes.is_empty(), "{name} is invalid with issues"),
        }
        let not_an_object = [
            "null",
            "undefined",
            "number",
            "NaN",
            "string",
            "1 MB string",
            "boolean",
            "bigint",
            "symbol",
            "function",
            "array",
            "revoked proxy",
        ];
        if not_an_object.contains(&name.as_str()) {
            assert_eq!(codes, [("input".into(), "invalid_type".into())], "{name}");
        }
        // validateField never throws either, whatever the field name and value.
        for field in ["title", "type", "description", "authorId", "nope"] {
            let issues = validate_field(JsValue::from_str(field), value.clone());
            let _ = issues.len();
        }
        let _ = validate_field(value.clone(), value);
        a_valid_call_still_works();
    }
}

#[wasm_bindgen_test]
fn throwing_getters_are_invalid_type_issues_on_their_fields() {
    let list = hostile_values();
    let getters = list
        .iter()
        .map(|p| Array::from(&p))
        .find(|p| p.get(0).as_string().as_deref() == Some("throwing getters"))
        .unwrap();
    let result = validate_activity(getters.get(1));
    assert_eq!(
        issue_codes(&get(&result, "issues")),
        [
            ("type".into(), "invalid_type".into()),
            ("title".into(), "invalid_type".into()),
            ("description".into(), "invalid_type".into()),
        ]
    );
    a_valid_call_still_works();
}

#[wasm_bindgen_test]
fn one_megabyte_strings_are_measured_not_refused() {
    let big = JsValue::from_str(&"😀".repeat(1 << 18));
    let issues = validate_field(JsValue::from_str("description"), big);
    assert_eq!(issues.len(), 1);
    let issue = issues.into_iter().next().unwrap();
    assert_eq!(get(&issue, "code").as_string().unwrap(), "too_long");
    assert_eq!(
        get(&issue, "actual").as_f64().unwrap(),
        f64::from(1u32 << 19)
    );
    a_valid_call_still_works();
}

#[wasm_bindgen_test]
fn values_whose_conversions_throw_are_invalid_types() {
    let issues = validate_field(JsValue::from_str("title"), throwing_value());
    let issue = issues.into_iter().next().unwrap();
    assert_eq!(get(&issue, "code").as_string().unwrap(), "invalid_type");
    let unknown = validate_field(throwing_value(), JsValue::from_str("x"));
    let issue = unknown.into_iter().next().unwrap();
    assert_eq!(get(&issue, "code").as_string().unwrap(), "invalid_option");
    a_valid_call_still_works();
}

#[wasm_bindgen_test]
fn valid_results_are_plain_clean_objects() {
    let input = js_sys::JSON::parse(
        r#"{"type":"Other","title":"Gate code 42","description":"","authorId":null,"extra":true}"#,
    )
    .unwrap();
    let result = validate_activity(input);
    assert!(is_valid(&result));
    assert_eq!(Array::from(&get(&result, "issues")).length(), 0);
    let json = js_sys::JSON::stringify(&get(&result, "value")).unwrap();
    assert_eq!(
        json.as_string().unwrap(),
        r#"{"type":"Other","title":"Gate code 42","description":""}"#
    );
}
