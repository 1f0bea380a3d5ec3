//! Reading and writing plain JS values without throwing.
//!
//! Every read that could run user code (a getter, a proxy trap) goes through a `catch` binding,
//! so a hostile value becomes [`Value::Unreadable`] instead of an exception unwinding through
//! Rust frames.

use crate::validate::Value;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// A JS value read for validation: strings are copied once into Rust, everything else is
/// classified.
pub enum Read {
    Absent,
    Null,
    Text(String),
    Other,
    Unreadable,
}

impl Read {
    pub fn of(value: &JsValue) -> Read {
        if value.is_undefined() {
            Read::Absent
        } else if value.is_null() {
            Read::Null
        } else {
            value.as_string().map_or(Read::Other, Read::Text)
        }
    }

    /// The property `key` of `object`, read once.
    pub fn property(object: &JsValue, key: &JsValue) -> (Read, JsValue) {
        match Reflect::get(object, key) {
            Ok(value) => (Read::of(&value), value),
            Err(_) => (Read::Unreadable, JsValue::UNDEFINED),
        }
    }

    pub fn as_value(&self) -> Value<'_> {
        match self {
            Read::Absent => Value::Absent,
            Read::Null => Value::Null,
            Read::Text(text) => Value::Text(text),
            Read::Other => Value::Other,
            Read::Unreadable => Value::Unreadable,
        }
    }
}

/// Whether `value` is a plain object for validation: an object that is not an array.
pub fn is_record(value: &JsValue) -> bool {
    value.is_object() && matches!(is_array(value), Ok(false))
}

/// Sets `key` on a fresh object we own; it cannot throw, so the result is ignored.
pub fn set(object: &Object, key: &JsValue, value: &JsValue) {
    let _ = Reflect::set(object, key, value);
}
