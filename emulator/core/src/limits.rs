//! Every bound the core keeps: what any request or client can make it hold. When one is hit the
//! answer is a problem (413, 507 …), never growth. The HTTP server adds its own (connections,
//! read and write timeouts, head size).
//!
//! They are chosen so that the server stays under about 300 MB of resident memory whatever a
//! client does, while a customer of 100,000 activities (about 45 MB of JSON, for the
//! benchmarks) still fits. The constants are the defaults of [`Limits`]; the ones an embedder may
//! want to change are fields there.

/// The largest request body, in bytes; larger is 413. An activity's input is well under 4 KB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The store's budget, in bytes: the JSON of every stored activity plus
/// [`STORE_ACTIVITY_OVERHEAD`] each, and every customer's id plus [`STORE_CUSTOMER_OVERHEAD`].
/// A create, a bulk add or a new customer past it is 507.
pub const MAX_STORE_BYTES: usize = 96 << 20;

/// What one stored activity counts against the store's budget besides its JSON.
pub const STORE_ACTIVITY_OVERHEAD: usize = 160;

/// What one customer counts against the store's budget besides its id.
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

/// The longest API key, in bytes: the emulator's own key may not be longer, and a longer
/// `skimmer-api-key` header is refused (401) and counted in one shared window.
pub const MAX_KEY_BYTES: usize = 256;

/// Faults queued through `POST /__emulator/faults` at once; one more is 507.
pub const MAX_SCRIPTED_FAULTS: usize = 1000;

/// The longest value a fault may carry (`retry-after`, `content-type`, a scripted fault's
/// `path`), in bytes.
pub const MAX_FAULT_TEXT_BYTES: usize = 1024;

/// The caps an embedder may change; [`Limits::default`] is the constants above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest request body a door hands over ([`crate::RequestBody::TooLarge`] past it).
    pub max_body_bytes: usize,
    /// The store's budget in bytes (507 past it).
    pub max_store_bytes: usize,
    /// The most activities one bulk request may add.
    pub max_bulk: usize,
    /// The most entries the request log keeps.
    pub log_max_entries: usize,
    /// The most bytes (of JSON) the request log keeps.
    pub log_max_bytes: usize,
    /// The most API keys the rate limiter tracks.
    pub rate_max_keys: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body_bytes: MAX_BODY_BYTES,
            max_store_bytes: MAX_STORE_BYTES,
            max_bulk: MAX_BULK,
            log_max_entries: LOG_MAX_ENTRIES,
            log_max_bytes: LOG_MAX_BYTES,
            rate_max_keys: RATE_MAX_KEYS,
        }
    }
}
