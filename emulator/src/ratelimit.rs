//! Skimmer's rate limit: a fixed window per API key (500 requests a minute by default). Every
//! answer on the API routes carries `RateLimit-Limit`, `RateLimit-Remaining` and
//! `RateLimit-Reset`; over the limit the answer is 429 with `Retry-After`.

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// `RateLimit-Limit`
pub const LIMIT: HeaderName = HeaderName::from_static("ratelimit-limit");
/// `RateLimit-Remaining`
pub const REMAINING: HeaderName = HeaderName::from_static("ratelimit-remaining");
/// `RateLimit-Reset`
pub const RESET: HeaderName = HeaderName::from_static("ratelimit-reset");

/// Past this many keys, windows that have ended are dropped, so a stream of made-up keys
/// cannot grow the table without bound.
const PRUNE_ABOVE: usize = 1024;

/// Fixed-window counters, one per API key as sent (a missing key is the empty key).
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    windows: HashMap<Vec<u8>, Window>,
}

#[derive(Clone, Copy, Debug)]
struct Window {
    start: Instant,
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
    /// `limit` requests per `window` for each key.
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            windows: HashMap::new(),
        }
    }

    /// Counts one request for `key` at `now`.
    pub fn hit(&mut self, key: &[u8], now: Instant) -> Verdict {
        if !self.windows.contains_key(key) {
            if self.windows.len() > PRUNE_ABOVE {
                let window = self.window;
                self.windows
                    .retain(|_, w| now.saturating_duration_since(w.start) < window);
            }
            let fresh = Window {
                start: now,
                count: 0,
            };
            self.windows.insert(key.to_vec(), fresh);
        }
        let Some(window) = self.windows.get_mut(key) else {
            // Just inserted; kept total all the same.
            return Verdict {
                limit: self.limit,
                remaining: self.limit,
                reset_secs: ceil_secs(self.window).max(1),
                allowed: true,
            };
        };
        if now.saturating_duration_since(window.start) >= self.window {
            *window = Window {
                start: now,
                count: 0,
            };
        }
        window.count = window.count.saturating_add(1);
        let left = (window.start + self.window).saturating_duration_since(now);
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

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

impl Verdict {
    /// Writes the three `RateLimit-*` headers.
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        headers.insert(LIMIT, HeaderValue::from(self.limit));
        headers.insert(REMAINING, HeaderValue::from(self.remaining));
        headers.insert(RESET, HeaderValue::from(self.reset_secs));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_refuses_past_the_limit_and_resets_with_the_window() {
        let mut limiter = RateLimiter::new(3, Duration::from_secs(2));
        let t0 = Instant::now();
        let remaining: Vec<u32> = (0..3).map(|_| limiter.hit(b"k", t0).remaining).collect();
        assert_eq!(remaining, [2, 1, 0]);
        let over = limiter.hit(b"k", t0 + Duration::from_millis(500));
        assert!(!over.allowed);
        assert_eq!((over.remaining, over.reset_secs), (0, 2));
        let other_key = limiter.hit(b"other", t0);
        assert!(other_key.allowed, "keys have their own windows");
        let later = limiter.hit(b"k", t0 + Duration::from_millis(2000));
        assert!(later.allowed);
        assert_eq!((later.remaining, later.reset_secs), (2, 2));
    }

    #[test]
    fn reset_rounds_up_and_is_at_least_one() {
        let mut limiter = RateLimiter::new(10, Duration::from_secs(60));
        let t0 = Instant::now();
        assert_eq!(limiter.hit(b"", t0).reset_secs, 60);
        let v = limiter.hit(b"", t0 + Duration::from_millis(59_999));
        assert_eq!(v.reset_secs, 1);
        let v = limiter.hit(b"", t0 + Duration::from_millis(100));
        assert_eq!(v.reset_secs, 60);
    }

    #[test]
    fn many_keys_do_not_grow_the_table_forever() {
        let mut limiter = RateLimiter::new(1, Duration::from_secs(1));
        let t0 = Instant::now();
        for i in 0..5000u32 {
            let at = t0 + Duration::from_millis(u64::from(i));
            limiter.hit(&i.to_le_bytes(), at);
        }
        assert!(limiter.windows.len() < 2100, "{}", limiter.windows.len());
    }
}
