//! The wasm-bindgen layer: JS values in, [`crate::settings`], [`crate::request`] and
//! [`crate::delivery`] do the rest, plain values out. Used only by the package's
//! `emulator/create.js`, never by users directly.

use crate::delivery::{deliver, Delivery};
use crate::request::{request, Clock};
use crate::settings::{options, ErrorKind, Given, GivenOptions};
use skimmer_emulator_core::Emulator;
use wasm_bindgen::prelude::*;

fn given(value: JsValue) -> Given {
    if value.is_undefined() || value.is_null() {
        Given::Absent
    } else if let Some(flag) = value.as_bool() {
        Given::Bool(flag)
    } else if let Some(number) = value.as_f64() {
        Given::Number(number)
    } else if let Some(text) = value.as_string() {
        Given::Text(text)
    } else if value.is_bigint() {
        Given::Other("bigint")
    } else if value.is_function() {
        Given::Other("function")
    } else if value.is_symbol() {
        Given::Other("symbol")
    } else {
        Given::Other("object")
    }
}

/// One emulator: the core, and the clock that keeps its monotonic time from running back.
#[wasm_bindgen]
pub struct EmulatorCore {
    emulator: Emulator,
    clock: Clock,
}

#[wasm_bindgen]
impl EmulatorCore {
    /// An emulator with these option values (see `createEmulator`); `entropy` (four random
    /// 32-bit words) seeds what is not seeded. Throws a `TypeError` or `RangeError`.
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(constructor)]
    pub fn new(
        api_key: JsValue,
        seed_customers: JsValue,
        rate_limit: JsValue,
        rate_window_ms: JsValue,
        fault_rate: JsValue,
        fault_kinds: JsValue,
        fault_seed: JsValue,
        random_seed: JsValue,
        entropy: &[u32],
    ) -> Result<EmulatorCore, JsValue> {
        let given = GivenOptions {
            api_key: given(api_key),
            seed_customers: given(seed_customers),
            rate_limit: given(rate_limit),
            rate_window_ms: given(rate_window_ms),
            fault_rate: given(fault_rate),
            fault_kinds: given(fault_kinds),
            fault_seed: given(fault_seed),
            random_seed: given(random_seed),
        };
        let options = options(given, entropy).map_err(|refused| -> JsValue {
            match refused.kind {
                ErrorKind::Type => js_sys::TypeError::new(&refused.message).into(),
                ErrorKind::Range => js_sys::RangeError::new(&refused.message).into(),
            }
        })?;
        let emulator = Emulator::new(options)
            .map_err(|refused| JsValue::from(js_sys::RangeError::new(&refused.to_string())))?;
        Ok(EmulatorCore {
            emulator,
            clock: Clock::default(),
        })
    }

    /// The largest request body the core takes; the JS side stops reading past it.
    #[wasm_bindgen(getter, js_name = maxBodyBytes)]
    pub fn max_body_bytes(&self) -> usize {
        self.emulator.options().limits.max_body_bytes
    }

    /// Handles one request (see [`crate::request::request`]) at these clock readings.
    #[allow(clippy::too_many_arguments)]
    pub fn handle(
        &mut self,
        method: String,
        target: String,
        headers: Vec<String>,
        body: Option<Vec<u8>>,
        body_too_large: bool,
        wall_ms: f64,
        monotonic_ms: f64,
    ) -> Answer {
        let request = request(method, target, &headers, body, body_too_large);
        let now = self.clock.now(wall_ms, monotonic_ms);
        let exchange = self.emulator.handle(&request, now);
        Answer(deliver(exchange, &request.method))
    }

    /// Marks the request log entry `seq` as answered with `status` (a delayed answer went out).
    pub fn answered(&mut self, seq: f64, status: u16) {
        self.emulator.answered(seq as u64, status);
    }

    /// Back to the start state.
    pub fn reset(&mut self) {
        self.emulator.reset();
    }

    /// The stored activities of `customer_id` as JSON, oldest first; `undefined` when there is
    /// no such customer.
    pub fn activities(&self, customer_id: &str) -> Option<String> {
        let activities = self.emulator.activities(customer_id)?;
        serde_json::to_string(&activities).ok()
    }

    /// Every customer id, sorted.
    #[wasm_bindgen(js_name = customerIds)]
    pub fn customer_ids(&self) -> Vec<String> {
        self.emulator.customer_ids()
    }

    /// The request log as JSON, oldest first.
    pub fn requests(&self) -> String {
        serde_json::to_string(&self.emulator.requests()).unwrap_or_else(|_| "[]".to_owned())
    }
}

/// What one request came to ([`Delivery`]), read once by the JS side.
#[wasm_bindgen]
pub struct Answer(Delivery);

#[wasm_bindgen]
impl Answer {
    /// 0: resolve with the response; 1: reject (dropped); 2: resolve, the body fails part-way.
    #[wasm_bindgen(getter)]
    pub fn outcome(&self) -> u8 {
        self.0.outcome as u8
    }

    /// Milliseconds to wait before delivering.
    #[wasm_bindgen(getter, js_name = delayMs)]
    pub fn delay_ms(&self) -> f64 {
        self.0.delay_ms as f64
    }

    /// The status.
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The reason phrase.
    #[wasm_bindgen(getter, js_name = statusText)]
    pub fn status_text(&self) -> String {
        self.0.status_text.to_owned()
    }

    /// The headers, as name, value, name, value …
    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> Vec<String> {
        self.0
            .headers
            .iter()
            .flat_map(|(name, value)| [name.clone(), value.clone()])
            .collect()
    }

    /// The body (taken: a second call gives an empty one).
    #[wasm_bindgen(js_name = takeBody)]
    pub fn take_body(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.0.body)
    }

    /// The request log entry to mark answered after a delay, or -1.
    #[wasm_bindgen(getter)]
    pub fn seq(&self) -> f64 {
        self.0.seq.map_or(-1.0, |seq| seq as f64)
    }
}
