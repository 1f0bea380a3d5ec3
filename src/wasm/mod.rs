//! The thin shell between JavaScript and the core: conversions of JS values, the exported
//! functions and (later) the client's fetch transport and JS error objects. Nothing here makes a
//! decision the core could make; it only reads JS values into core types and writes core results
//! back as plain JS objects.

pub mod client;
mod errors;
mod js;
mod transport;
pub mod validation;
