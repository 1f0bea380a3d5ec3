//! Reading JS values without throwing, and writing the plain objects the shell makes.

use js_sys::Object;
use wasm_bindgen::prelude::*;

// In validation.js, with the validation shell that also uses them: each JS module of the shell is
// one more file a page (or the wasm test runner's server) must fetch, and these are two small
// functions (tools/wasm-test-runner.sh says what a fifth module cost the tests).
#[wasm_bindgen(module = "/src/wasm/validation.js")]
extern "C" {
    /// Whether `value` is an object and not an array, without throwing.
    #[wasm_bindgen(js_name = isRecord)]
    pub fn is_record(value: &JsValue) -> bool;
    /// The distinct unpaired surrogates of a string, as one-unit strings, or `null` when it has
    /// none (or is not a string).
    #[wasm_bindgen(js_name = unpairedSurrogates)]
    pub fn unpaired_surrogates(value: &JsValue) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set` without a try/catch wrapper: only for objects we just made ourselves,
    /// which have no setters and cannot throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &Object, key: &JsValue, value: &JsValue) -> bool;
}

/// Sets `key` on a fresh object we made ourselves.
pub fn set(object: &Object, key: &JsValue, value: &JsValue) {
    reflect_set(object, key, value);
}
