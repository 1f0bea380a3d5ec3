//! The emulator's in-process door: [`skimmer_emulator_core`] compiled to its own `.wasm`, which
//! the npm package's `skimmer-activity-logs/emulator` entry loads (the main entry never does).
//! Its JS side, `createEmulator()` (pkg-template/emulator/), turns each `fetch` call into one
//! request for the core and performs what comes back: answer, wait, reject.
//!
//! What that door decides is plain Rust with native tests: [`settings`] (the options, with
//! their errors), [`request`] (a JS request and the clock into the core's terms) and
//! [`delivery`] (the core's exchange into what a `fetch` gives). `bindings`, compiled for wasm32
//! only, is the thin layer between them and JS.
//!
//! `tools/build-pkg.mjs` builds it with `--cfg skimmer_emulator_wasm`, so the library it links
//! (models, validation) comes without the package's own JS API.

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

pub mod delivery;
pub mod request;
pub mod settings;

#[cfg(target_arch = "wasm32")]
mod bindings;
