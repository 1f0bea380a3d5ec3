//! Typed models, validation and a fetch client for Skimmer customer activity logs.
//!
//! The crate is a pure-Rust core (models, validation, and later the route table, retry policy,
//! error mapping and response decoding) that builds and tests natively, plus a thin `wasm`
//! shell, compiled only for `wasm32`, that exposes it to JavaScript. The contract is the
//! project's SPEC.md.

#[cfg(target_arch = "wasm32")]
mod allocator;
pub mod decode;
pub mod error;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
pub mod model;
pub mod options;
pub mod retry;
pub mod routes;
mod text;
pub mod validate;

/// The JavaScript bindings (wasm32 only): what the npm package exports.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::{Activity, ActivityInput, ActivityKind, ActivityType, RelatedEntityKind};
pub use validate::{
    Field, IssueDetail, RawInput, ValidationIssue, Value, ACTIVITY_TYPES, DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH, TITLE_PATTERN,
};
