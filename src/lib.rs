//! Typed models, validation and a fetch client for Skimmer customer activity logs.
//!
//! The crate is a pure-Rust core that builds and tests natively: the models, the validation
//! rules, the route table, the retry policy, the client's call loop as a state machine
//! ([`call`]), error shaping, response decoding and the integer codes shared with JS. A thin
//! `wasm` shell, compiled only for `wasm32`, exposes it to JavaScript: it reads JS values into
//! core types, performs what the core decides (fetch, sleep) and writes the results back as
//! plain JS objects and `Error`s. The contract is `docs/contract.md` (its sections are the `§` in these docs).

// No panics reachable from JS (a panic in the release wasm aborts the instance): outside tests,
// none of these is written (`make lint` denies warnings).
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable
    )
)]

#[cfg(target_arch = "wasm32")]
mod allocator;
pub mod call;
pub mod codes;
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

/// The JavaScript bindings (wasm32 only): what the npm package exports. Left out of the
/// in-process emulator's own `.wasm`, which tools/build-pkg.mjs builds with
/// `--cfg skimmer_emulator_wasm`, so that it carries none of the client's exports.
#[cfg(all(target_arch = "wasm32", not(skimmer_emulator_wasm)))]
pub mod wasm;

pub use model::{Activity, ActivityInput, ActivityKind, ActivityType, RelatedEntityKind};
pub use validate::{
    Field, IssueDetail, RawInput, ValidationIssue, Value, ACTIVITY_TYPES, DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH, TITLE_PATTERN,
};
