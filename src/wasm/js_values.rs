//! Reading JS values into Rust and writing plain JS objects back, without throwing and in as
//! few boundary crossings as possible.
//!
//! `js_values.js` reads all the input fields in one call, inside try/catch (a throwing getter
//! or proxy trap becomes [`Value::Unreadable`] instead of an exception unwinding through Rust
//! frames), and copies their strings as UTF-8 straight into a scratch buffer in wasm memory: no
//! allocation and no call per field. Results go back the same way, one call each.

use crate::codes::ValueKind;
use crate::validate::Value;
use js_sys::{Array, Object};
use std::borrow::Cow;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/js_values.js")]
extern "C" {
    /// Whether `value` is an object and not an array, without throwing.
    #[wasm_bindgen(js_name = isRecord)]
    pub fn is_record(value: &JsValue) -> bool;
    #[wasm_bindgen(js_name = readFields)]
    fn read_fields(
        input: &JsValue,
        keys: &Array,
        values: &Array,
        memory: &JsValue,
        buf: *mut u8,
        cap: usize,
        meta: *mut u32,
    ) -> i32;
    #[wasm_bindgen(js_name = readNamed)]
    fn read_named(
        keys: &Array,
        field: &JsValue,
        value: &JsValue,
        memory: &JsValue,
        buf: *mut u8,
        cap: usize,
        meta: *mut u32,
    ) -> i32;
    /// A new object of the keys whose bit is set in `mask`.
    pub fn pick(keys: &Array, values: &Array, mask: u32) -> Object;
    /// `{ valid: true, value: pick(keys, values, mask), issues: [] }`.
    #[wasm_bindgen(js_name = validResult)]
    pub fn valid_result(keys: &Array, values: &Array, mask: u32) -> JsValue;
    #[wasm_bindgen(js_name = invalidResult)]
    pub fn invalid_result(issues: &Array) -> JsValue;
    /// An issue object with up to two parameters.
    fn issue(
        field: &JsValue,
        code: &JsValue,
        message: &JsValue,
        key1: &JsValue,
        value1: &JsValue,
        key2: &JsValue,
        value2: &JsValue,
    ) -> JsValue;
    /// The distinct unpaired surrogates of a string, as one-unit strings, or `null` when it has
    /// none (or is not a string).
    #[wasm_bindgen(js_name = unpairedSurrogates)]
    pub fn unpaired_surrogates(value: &JsValue) -> JsValue;
    /// The code points of the UTF-8 text in wasm memory, as an array of strings.
    fn characters(memory: &JsValue, ptr: *const u8, len: usize) -> Array;
}

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set` without a try/catch wrapper: only for objects we just made ourselves,
    /// which have no setters and cannot throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &Object, key: &JsValue, value: &JsValue) -> bool;
}

/// An issue object: `field`, `code`, `message`, and up to two parameters (`(key, value)`).
pub fn issue_object(
    field: &JsValue,
    code: &JsValue,
    message: &str,
    param1: Option<(&JsValue, &JsValue)>,
    param2: Option<(&JsValue, &JsValue)>,
) -> JsValue {
    let none = JsValue::UNDEFINED;
    let (k1, v1) = param1.unwrap_or((&none, &none));
    let (k2, v2) = param2.unwrap_or((&none, &none));
    MESSAGES.with(|messages| issue(field, code, &messages.get(message), k1, v1, k2, v2))
}

/// JS strings of recent messages. Most issues repeat ("Title is required."), and making a JS
/// string from Rust (TextDecoder) costs more than the rest of an issue, in Chromium especially.
struct Messages(RefCell<Vec<(Box<str>, JsValue)>>);

impl Messages {
    const CAPACITY: usize = 64;

    fn get(&self, text: &str) -> JsValue {
        let Ok(mut known) = self.0.try_borrow_mut() else {
            return JsValue::from_str(text);
        };
        if let Some((_, js)) = known.iter().find(|(t, _)| &**t == text) {
            return js.clone();
        }
        let js = JsValue::from_str(text);
        if known.len() < Messages::CAPACITY {
            known.push((text.into(), js.clone()));
        }
        js
    }
}

thread_local! {
    static MESSAGES: Messages = const { Messages(RefCell::new(Vec::new())) };
}

/// The characters of `text` as an array of one-character strings, made in one call.
pub fn characters_of(text: &str) -> Array {
    MEMORY.with(|memory| characters(memory, text.as_ptr(), text.len()))
}

thread_local! {
    /// The wasm memory, for the snippets that read strings from it.
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// Sets `key` on a fresh object we made ourselves.
pub fn set(object: &Object, key: &JsValue, value: &JsValue) {
    reflect_set(object, key, value);
}

/// Where `js_values.js` copies strings: big enough for any title and description together; longer
/// strings are fetched the ordinary way.
const SCRATCH_BYTES: usize = 4096;
/// Offset and length of up to this many strings.
const SCRATCH_STRINGS: usize = 8;

struct Scratch {
    bytes: Box<[u8]>,
    meta: Box<[u32]>,
    memory: JsValue,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            bytes: vec![0; SCRATCH_BYTES].into_boxed_slice(),
            meta: vec![0; 2 * SCRATCH_STRINGS].into_boxed_slice(),
            memory: wasm_bindgen::memory(),
        }
    }

    /// Runs `f` with the shared scratch buffer, or with a fresh one when a getter has called
    /// back into us while the shared one is in use.
    fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => f(&mut scratch),
            Err(_) => f(&mut Scratch::new()),
        })
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

/// A JS value read for validation: a string (in the scratch buffer, or copied when too long for
/// it), or its kind.
pub enum Read<'a> {
    Absent,
    Null,
    Text(Cow<'a, str>),
    Other,
    Unreadable,
}

impl<'a> Read<'a> {
    pub fn as_value(&self) -> Value<'_> {
        match self {
            Read::Absent => Value::Absent,
            Read::Null => Value::Null,
            Read::Text(text) => Value::Text(text),
            Read::Other => Value::Other,
            Read::Unreadable => Value::Unreadable,
        }
    }

    /// The value of kind `kind` at string slot `index`; `fetch` gets it from JS when it was too
    /// long for the scratch buffer.
    fn from_kind(
        kind: i32,
        index: usize,
        scratch: &'a Scratch,
        fetch: impl FnOnce() -> JsValue,
    ) -> Read<'a> {
        match ValueKind::from_code(kind) {
            ValueKind::Absent => Read::Absent,
            ValueKind::Null => Read::Null,
            ValueKind::Text => {
                let at = scratch.meta[2 * index] as usize;
                let len = scratch.meta[2 * index + 1] as usize;
                match scratch.bytes.get(at..at + len).map(std::str::from_utf8) {
                    Some(Ok(text)) => Read::Text(Cow::Borrowed(text)),
                    _ => Read::Other,
                }
            }
            ValueKind::Other => Read::Other,
            ValueKind::LongText => fetch()
                .as_string()
                .map_or(Read::Other, |s| Read::Text(Cow::Owned(s))),
            ValueKind::Unreadable => Read::Unreadable,
        }
    }
}

/// Reads the properties `keys` of `input` (their values are left in `values`, which the caller
/// makes fresh) and passes them to `f`, or `None` when `input` is not a plain object.
pub fn with_fields<const N: usize, R>(
    input: &JsValue,
    keys: &Array,
    values: &Array,
    f: impl FnOnce(Option<[Read<'_>; N]>) -> R,
) -> R {
    Scratch::with(|scratch| {
        let (buf, cap) = (scratch.bytes.as_mut_ptr(), scratch.bytes.len());
        let meta = scratch.meta.as_mut_ptr();
        let kinds = read_fields(input, keys, values, &scratch.memory, buf, cap, meta);
        let scratch = &*scratch;
        if kinds < 0 {
            return f(None);
        }
        f(Some(std::array::from_fn(|i| {
            Read::from_kind((kinds >> (3 * i)) & 7, i, scratch, || values.get(i as u32))
        })))
    })
}

/// Finds `field` among `keys` and reads `value` (no getter involved), passing both to `f`: the
/// index of the field and the value, or `None` when the field is not one of the keys.
pub fn with_named<R>(
    keys: &Array,
    field: &JsValue,
    value: &JsValue,
    f: impl FnOnce(Option<(usize, Read<'_>)>) -> R,
) -> R {
    Scratch::with(|scratch| {
        let (buf, cap) = (scratch.bytes.as_mut_ptr(), scratch.bytes.len());
        let meta = scratch.meta.as_mut_ptr();
        let found = read_named(keys, field, value, &scratch.memory, buf, cap, meta);
        let scratch = &*scratch;
        if found < 0 {
            return f(None);
        }
        let read = Read::from_kind(found & 7, 0, scratch, || value.clone());
        f(Some(((found >> 3) as usize, read)))
    })
}
