//! Identifiers: UUID v4 strings for new activities and W3C-style trace ids for problem details.
//!
//! They only need to be unique, not secret, so a lock-free SplitMix64 stream seeded from the
//! clock and the process id serves, instead of an OS randomness dependency. [`SplitMix64`] is
//! also the deterministic generator behind `--fault-seed`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A small deterministic pseudo-random generator (SplitMix64): the same seed gives the same
/// sequence, which makes `--fault-seed` runs repeatable.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix(self.state)
    }

    /// A number in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in `[0, n)`; `n` must be at least 1.
    pub fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: unbiased enough for choosing fault kinds and delays.
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
}

fn shared_state() -> &'static AtomicU64 {
    static STATE: OnceLock<AtomicU64> = OnceLock::new();
    STATE.get_or_init(|| {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        AtomicU64::new(mix(nanos ^ (u64::from(std::process::id()) << 32)))
    })
}

/// 64 fresh random bits from the process-wide stream (lock-free).
pub fn random_u64() -> u64 {
    mix(shared_state()
        .fetch_add(GAMMA, Ordering::Relaxed)
        .wrapping_add(GAMMA))
}

/// A new random UUID (version 4) in the usual lower-case hyphenated form.
pub fn uuid_v4() -> String {
    let hi = (random_u64() & !0xF000) | 0x4000; // version 4
    let lo = (random_u64() & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

/// A fresh trace id in the W3C `traceparent` form ASP.NET writes into problem details:
/// `00-<32 hex>-<16 hex>-00`.
pub fn trace_id() -> String {
    format!(
        "00-{:016x}{:016x}-{:016x}-00",
        random_u64(),
        random_u64(),
        random_u64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn uuids_have_the_v4_shape_and_do_not_repeat() {
        let mut seen = HashSet::new();
        for _ in 0..10_000 {
            let id = uuid_v4();
            assert_eq!(id.len(), 36, "{id}");
            let parts: Vec<&str> = id.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(parts[2].starts_with('4'), "{id}");
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{id}");
            assert!(seen.insert(id));
        }
    }

    #[test]
    fn trace_ids_have_the_traceparent_shape() {
        let t = trace_id();
        assert_eq!(t.len(), 55, "{t}");
        assert!(t.starts_with("00-") && t.ends_with("-00"), "{t}");
    }

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let mut a = SplitMix64::new(42);
        let mut b = SplitMix64::new(42);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut c = SplitMix64::new(7);
        for _ in 0..1000 {
            let f = c.next_f64();
            assert!((0.0..1.0).contains(&f));
            assert!(c.below(4) < 4);
        }
    }
}
