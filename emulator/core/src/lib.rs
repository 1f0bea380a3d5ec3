//! The emulator of Skimmer's Customer Activity Logs API as plain Rust: a request and the time in,
//! a response out. No I/O, no async runtime, no OS randomness: it builds natively and for
//! `wasm32-unknown-unknown` alike, and each door is a thin adapter around it — the HTTP server
//! (`skimmer-emulator`: accept loop, connection faults, static files, proxy mode) and an
//! in-process `fetch` for JS.
//!
//! # Using it
//!
//! Make an [`Emulator`] from [`Options`] and hand it each [`Request`] (method, raw target,
//! headers, body bytes) with the time ([`Now`]: wall-clock milliseconds for timestamps, monotonic
//! milliseconds for rate-limit windows). It gives back an [`Exchange`]:
//! - [`Exchange::delay_ms`]: wait this long before delivering (a `delay-ms` fault; the request
//!   was handled already);
//! - [`Exchange::reply`]: [`Reply::Answer`] a [`Response`] (status, headers, body), or
//!   [`Reply::Drop`] the connection with no answer (a JS door rejects the fetch with a
//!   `TypeError`), or [`Reply::Raw`]: write the response byte for byte claiming a
//!   `Content-Length` it does not have (a truncated body, a body on a 204);
//! - [`Exchange::note`]: the request-log entry of an API request; after a delay, call
//!   [`Emulator::answered`] as the reply goes out.
//!
//! A request body longer than [`Limits::max_body_bytes`] is handed over as
//! [`RequestBody::TooLarge`] (the door stops reading it); the core answers 413 where a body is
//! wanted. [`ResponseBody`] is bytes, or, for a list, pieces with a known total length, so a
//! 45 MB list is never in memory twice.
//!
//! Randomness (activity ids, trace ids, random faults) comes from generators seeded by the
//! caller ([`Options::random_seed`], [`RandomFaultOptions::seed`]).
//!
//! For tests: [`Emulator::reset`], [`Emulator::activities`], [`Emulator::customer_ids`],
//! [`Emulator::requests`] (the request log), and the control endpoints under `/__emulator/`.
//!
//! # What it promises
//!
//! The same as the server, because the server is this: every request passes the request
//! [`policy`] (loopback `Host` unless [`Options::loopback_host_only`] is off; control
//! endpoints closed to other sites and to non-JSON changes); nothing it answers is HTML or
//! another active type, and every answer has `X-Content-Type-Options: nosniff` and a
//! `Content-Security-Policy` that lets nothing run; every table and buffer has a bound
//! ([`limits`]).
//!
//! # Layers
//!
//! Each module imports only modules of the layers before it (no circles):
//! 1. `request`, `response`, `limits`, `media`, `origins`, `pathparams`, `ids`, `clock`;
//! 2. `problem`, `store`, `requestlog`, `ratelimit`;
//! 3. `policy`, `routing`, `input`, `seed`;
//! 4. `faults` (`spec`, `presets`, `scripted`, `random`), then `options`, then `state`;
//! 5. `api`, then `control` (which names the API's 507), then `emulator`.

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

pub mod api;
pub mod clock;
pub mod control;
pub mod emulator;
pub mod faults;
pub mod ids;
pub mod input;
pub mod limits;
pub mod media;
pub mod options;
pub mod origins;
pub mod pathparams;
pub mod policy;
pub mod problem;
pub mod ratelimit;
pub mod request;
pub mod requestlog;
pub mod response;
pub mod routing;
pub mod seed;
pub mod state;
pub mod store;

pub use emulator::Emulator;
pub use limits::Limits;
pub use options::{OptionError, Options, RandomFaultOptions};
pub use request::{Now, Request, RequestBody};
pub use response::{Exchange, Headers, Note, Reply, Response, ResponseBody};
