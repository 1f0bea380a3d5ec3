//! The shell between JavaScript and the core: it reads JS values into core types, performs what
//! the core decides (fetch, sleep, in `fetch.js`) and writes the core's results back as plain JS
//! objects and `Error`s. The rules, the call loop, the error shaping and the decoding are the
//! core's; what is left here is reading, copying and wiring JS objects.
//!
//! - [`client`]: `ActivityLogClient`, its options, and preparing a call.
//! - `call`: a call in flight, stepped by `fetch.js`'s loop through the core's state machine.
//! - `errors`: the client's errors as JS `Error` objects.
//! - [`validation`]: `validateActivity`, `validateField` and the form constants.
//! - `js_values`: reading JS values without throwing.

mod call;
pub mod client;
mod errors;
mod js_values;
pub mod validation;
