//! `skimmer-emulator`: the HTTP door of the emulator of Skimmer's Customer Activity Logs API
//! (docs/contract.md §2 and §6).
//!
//! The API and its rules live in the plain-Rust core, [`skimmer_emulator_core`]: this crate is
//! the thin adapter that puts it on 127.0.0.1 — the accept loop and hyper's HTTP/1.1
//! ([`server`], [`connection`]), each request handed to the core and its answer delivered,
//! delayed, dropped or written raw as the core asks ([`dispatch`]), static files ([`statics`])
//! and proxy mode ([`proxy`]): with `--upstream URL` the five routes are forwarded to a real
//! Skimmer API with the key from `SKIMMER_API_KEY` added server-side, so a browser page holds no
//! key.
//!
//! Safe on a developer's machine: the core's request policy covers every route in both modes
//! (loopback `Host` only, control endpoints closed to other sites, nothing it answers runs as a
//! page), and [`limits`] bounds every buffer, table and wait.
//!
//! Layers, each importing only those before it: `limits`, `stall`, `incoming`, `outgoing`,
//! `logline`; `statics`, `proxy`; `cli`; `app`; `dispatch`; `connection`; `server`.
//!
//! The library part exists so the pieces can be unit-tested; [`server::run`] is the whole
//! program.

pub mod app;
pub mod cli;
pub mod connection;
pub mod dispatch;
pub mod incoming;
pub mod limits;
pub mod logline;
pub mod outgoing;
pub mod proxy;
pub mod server;
pub mod stall;
pub mod statics;

pub use app::App;
pub use cli::Config;
