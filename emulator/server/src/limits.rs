//! Every bound the emulator keeps, in one place: what any request, connection or client can make
//! it hold, and for how long. Each is a constant, documented in `--help` (see
//! [`crate::cli::help`]) and in the README; when one is hit the answer is a problem (413, 414,
//! 408, 431, 503, 507 …) or a closed connection, never growth.
//!
//! They are chosen so that the process stays under about 300 MB of resident memory whatever a
//! client does, while a customer of 100,000 activities (about 45 MB of JSON, for the
//! benchmarks) still fits.

use std::time::Duration;

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

/// The largest request body, in bytes; larger is 413. An activity's input is well under 4 KB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The store's budget, in bytes: the JSON of every stored activity plus
/// [`STORE_ACTIVITY_OVERHEAD`] each, and every customer's id plus [`STORE_CUSTOMER_OVERHEAD`].
/// A create, a bulk add or a new customer past it is 507.
pub const MAX_STORE_BYTES: usize = 96 << 20;

/// What one stored activity counts against [`MAX_STORE_BYTES`] besides its JSON.
pub const STORE_ACTIVITY_OVERHEAD: usize = 160;

/// What one customer counts against [`MAX_STORE_BYTES`] besides its id.
pub const STORE_CUSTOMER_OVERHEAD: usize = 256;

/// The most activities one bulk request may add.
pub const MAX_BULK: usize = 100_000;

/// The request log keeps at most this many entries (the oldest go first).
pub const LOG_MAX_ENTRIES: usize = 10_000;

/// The request log keeps at most this many bytes of entries, counted as their JSON (the
/// oldest go first).
pub const LOG_MAX_BYTES: usize = 8 << 20;

/// The request log records at most this many bytes of each text it keeps (path, ids,
/// content type, fault); a longer one is cut at a character boundary and ends in `…`.
pub const LOG_MAX_TEXT_BYTES: usize = 1024;

/// The rate limiter tracks at most this many API keys at once; past it, new keys share one
/// window (so they soon get 429).
pub const RATE_MAX_KEYS: usize = 10_000;

/// The longest API key, in bytes: `--api-key` may not be longer, and a longer
/// `skimmer-api-key` header is refused (401) and counted in one shared window.
pub const MAX_KEY_BYTES: usize = 256;

/// Faults queued through `POST /__emulator/faults` at once; one more is 507.
pub const MAX_SCRIPTED_FAULTS: usize = 1000;

/// The longest value a fault may carry (`retry-after`, `content-type`, a scripted fault's
/// `path`), in bytes.
pub const MAX_FAULT_TEXT_BYTES: usize = 1024;
