//! Every bound the server keeps: the core's (store, request log, rate limiter, faults, bodies;
//! see [`skimmer_emulator_core::limits`]) and the connection's own (how many at once, how big a
//! head, how long a read or a stalled write may take). Each is documented in `--help` (see
//! [`crate::cli`]) and in the README; when one is hit the answer is a problem (413, 414, 408,
//! 431, 503, 507 …) or a closed connection, never growth.
//!
//! They are chosen so that the process stays under about 300 MB of resident memory whatever a
//! client does, while a customer of 100,000 activities (about 45 MB of JSON, for the
//! benchmarks) still fits.

use std::time::Duration;

pub use skimmer_emulator_core::limits::*;

/// Connections served at once; one more is answered 503 and closed at once.
pub const MAX_CONNECTIONS: usize = 256;

/// The request line and headers of one request, in bytes; a longer head is answered 431 (or
/// 414 for a long path) and the connection closed. (This is also hyper's read buffer.)
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// How long a client may take to send a request's head, and how long an idle keep-alive
/// connection is kept; then the connection is closed.
pub const HEAD_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client may take to send a request's body; then 408 and the connection closed.
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client may leave an answer unread (no byte of it taken) before the connection is
/// closed.
pub const WRITE_STALL_TIMEOUT: Duration = Duration::from_secs(30);
