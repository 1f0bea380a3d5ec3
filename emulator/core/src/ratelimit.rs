//! Skimmer's rate limit: a fixed window per API key (500 requests a minute by default). Every
//! answer on the API routes carries `RateLimit-Limit`, `RateLimit-Remaining` and
//! `RateLimit-Reset`; over the limit the answer is 429 with `Retry-After`.
//!
//! Bounded (see [`crate::limits`]): keys are kept as 64-bit keyed hashes, never as the bytes
//! sent; keys longer than [`MAX_KEY_BYTES`] all count in one window; and the table holds at most
//! [`RATE_MAX_KEYS`](crate::limits::RATE_MAX_KEYS) windows: when it is full of windows still
//! running, every new key counts in one shared overflow window, which soon answers 429.
//!
//! Time is the caller's monotonic clock, in milliseconds.

use crate::limits::MAX_KEY_BYTES;
use crate::response::Headers;
use skimmer_activity_logs::error::RateLimit;
use std::collections::HashMap;
use std::hash::BuildHasher;

/// `RateLimit-Limit`: the header names are the library's, which the client reads.
pub const LIMIT: &str = RateLimit::HEADERS[0];
/// `RateLimit-Remaining`
pub const REMAINING: &str = RateLimit::HEADERS[1];
/// `RateLimit-Reset`
pub const RESET: &str = RateLimit::HEADERS[2];

/// Past this many keys, windows that have ended are dropped before a new key is added.
const PRUNE_ABOVE: usize = 1024;

/// What a key counts under: its keyed hash, or one of two shared windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Slot {
    Key(u64),
    /// Keys longer than [`MAX_KEY_BYTES`].
    Overlong,
    /// New keys while the table is full.
    Overflow,
}

/// Fixed-window counters, one per API key as sent (a missing key is the empty key).
#[derive(Clone, Debug)]
pub struct RateLimiter {
    limit: u32,
    window_ms: u64,
    max_keys: usize,
    hasher: std::collections::hash_map::RandomState,
    windows: HashMap<Slot, Window>,
}

#[derive(Clone, Copy, Debug)]
struct Window {
    start_ms: u64,
    count: u32,
}

/// The state of a key's window after counting one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The requests allowed per window.
    pub limit: u32,
    /// The requests left in this window.
    pub remaining: u32,
    /// Whole seconds until the window resets (at least 1).
    pub reset_secs: u64,
    /// Whether this request is within the limit.
    pub allowed: bool,
}

impl RateLimiter {
    /// `limit` requests per window of `window_ms` milliseconds for each key, tracking at most
    /// `max_keys` keys.
    pub fn new(limit: u32, window_ms: u64, max_keys: usize) -> RateLimiter {
        RateLimiter {
            limit,
            window_ms: window_ms.max(1),
            max_keys,
            hasher: std::collections::hash_map::RandomState::new(),
            windows: HashMap::new(),
        }
    }

    /// How many windows the table holds.
    pub fn tracked(&self) -> usize {
        self.windows.len()
    }

    /// Counts one request for `key` at `now_ms` (monotonic).
    pub fn hit(&mut self, key: &[u8], now_ms: u64) -> Verdict {
        let mut slot = if key.len() > MAX_KEY_BYTES {
            Slot::Overlong
        } else {
            Slot::Key(self.hasher.hash_one(key))
        };
        if !self.windows.contains_key(&slot) {
            if self.windows.len() > PRUNE_ABOVE.min(self.max_keys) {
                let window = self.window_ms;
                self.windows
                    .retain(|_, w| now_ms.saturating_sub(w.start_ms) < window);
            }
            if self.windows.len() >= self.max_keys {
                slot = Slot::Overflow;
            }
            let fresh = Window {
                start_ms: now_ms,
                count: 0,
            };
            self.windows.entry(slot).or_insert(fresh);
        }
        let Some(window) = self.windows.get_mut(&slot) else {
            // Just inserted; kept total all the same.
            return Verdict {
                limit: self.limit,
                remaining: self.limit,
                reset_secs: ceil_secs(self.window_ms).max(1),
                allowed: true,
            };
        };
        if now_ms.saturating_sub(window.start_ms) >= self.window_ms {
            *window = Window {
                start_ms: now_ms,
                count: 0,
            };
        }
        window.count = window.count.saturating_add(1);
        let left = (window.start_ms.saturating_add(self.window_ms)).saturating_sub(now_ms);
        Verdict {
            limit: self.limit,
            remaining: self.limit.saturating_sub(window.count),
            reset_secs: ceil_secs(left).max(1),
            allowed: window.count <= self.limit,
        }
    }

    /// Forgets every window.
    pub fn clear(&mut self) {
        self.windows.clear();
    }
}

fn ceil_secs(ms: u64) -> u64 {
    ms.div_ceil(1000)
}

impl Verdict {
    /// Writes the three `RateLimit-*` headers.
    pub fn write_headers(&self, headers: &mut Headers) {
        headers.set(LIMIT, self.limit.to_string());
        headers.set(REMAINING, self.remaining.to_string());
        headers.set(RESET, self.reset_secs.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::RATE_MAX_KEYS;

    #[test]
    fn counts_down_refuses_past_the_limit_and_resets_with_the_window() {
        let mut limiter = RateLimiter::new(3, 2000, RATE_MAX_KEYS);
        let t0 = 1_000_000u64;
        let remaining: Vec<u32> = (0..3).map(|_| limiter.hit(b"k", t0).remaining).collect();
        assert_eq!(remaining, [2, 1, 0]);
        let over = limiter.hit(b"k", t0 + 500);
        assert!(!over.allowed);
        assert_eq!((over.remaining, over.reset_secs), (0, 2));
        let other_key = limiter.hit(b"other", t0);
        assert!(other_key.allowed, "keys have their own windows");
        let later = limiter.hit(b"k", t0 + 2000);
        assert!(later.allowed);
        assert_eq!((later.remaining, later.reset_secs), (2, 2));
    }

    #[test]
    fn reset_rounds_up_and_is_at_least_one() {
        let mut limiter = RateLimiter::new(10, 60_000, RATE_MAX_KEYS);
        let t0 = 1_000_000u64;
        assert_eq!(limiter.hit(b"", t0).reset_secs, 60);
        let v = limiter.hit(b"", t0 + 59_999);
        assert_eq!(v.reset_secs, 1);
        let v = limiter.hit(b"", t0 + 100);
        assert_eq!(v.reset_secs, 60);
    }

    #[test]
    fn many_keys_do_not_grow_the_table_forever() {
        let mut limiter = RateLimiter::new(1, 1000, RATE_MAX_KEYS);
        let t0 = 1_000_000u64;
        for i in 0..5000u32 {
            let at = t0 + u64::from(i);
            limiter.hit(&i.to_le_bytes(), at);
        }
        assert!(limiter.windows.len() < 2100, "{}", limiter.windows.len());
    }

    #[test]
    fn a_full_table_sends_new_keys_to_one_shared_window() {
        let mut limiter = RateLimiter::new(3, 60_000, 100);
        let t0 = 1_000_000u64;
        for i in 0..100u32 {
            assert!(limiter.hit(&i.to_le_bytes(), t0).allowed);
        }
        let verdicts: Vec<bool> = (1000..1010u32)
            .map(|i| limiter.hit(&i.to_le_bytes(), t0).allowed)
            .collect();
        assert_eq!(
            verdicts,
            [true, true, true, false, false, false, false, false, false, false]
        );
        assert_eq!(limiter.tracked(), 101);
        assert!(
            limiter.hit(&5u32.to_le_bytes(), t0).allowed,
            "known keys keep their window"
        );
        // Once the windows end, the table makes room again.
        let later = t0 + 61_000;
        assert!(limiter.hit(b"fresh", later).allowed);
        assert!(limiter.tracked() <= 3, "{}", limiter.tracked());
    }

    #[test]
    fn overlong_keys_share_one_window_and_are_never_stored() {
        let mut limiter = RateLimiter::new(2, 60_000, RATE_MAX_KEYS);
        let t0 = 1_000_000u64;
        let long = |c: u8| vec![c; MAX_KEY_BYTES + 1];
        let allowed: Vec<bool> = (b'a'..b'e')
            .map(|c| limiter.hit(&long(c), t0).allowed)
            .collect();
        assert_eq!(allowed, [true, true, false, false]);
        assert!(limiter.hit(&vec![b'k'; MAX_KEY_BYTES], t0).allowed);
        assert_eq!(limiter.tracked(), 2);
    }
}
