//! A local emulator of Skimmer's Customer Activity Logs API (SPEC §2 and §6).
//!
//! The binary `skimmer-emulator` serves the five routes of the crate's route table on
//! 127.0.0.1 with Skimmer's rules: API key, rate limit, RFC 7807 problem details, and the
//! crate's own validation (one rule set, two callers). State lives in memory, seeded with three
//! customers. For tests it adds fault injection and a few control endpoints under
//! `/__emulator/`.
//!
//! With `--upstream URL` it is a proxy instead (see [`proxy`]): the same routes are forwarded to
//! a real Skimmer API with the key from `SKIMMER_API_KEY` added server-side, so a browser page
//! holds no key.
//!
//! Safe on a developer's machine (see [`policy`] and [`limits`]): loopback `Host` only,
//! control endpoints closed to other sites, nothing it answers runs as a page, and a bound on
//! every buffer, table and wait.
//!
//! The library part exists so the pieces can be unit-tested; [`server::run`] is the whole
//! program.

pub mod api;
pub mod app;
pub mod body;
pub mod cli;
pub mod clock;
pub mod control;
pub mod faults;
pub mod guard;
pub mod ids;
pub mod limits;
pub mod media;
pub mod origins;
pub mod pathparams;
pub mod policy;
pub mod problem;
pub mod proxy;
pub mod ratelimit;
pub mod requestlog;
pub mod seed;
pub mod server;
pub mod statics;
pub mod store;

pub use app::App;
pub use cli::Config;
