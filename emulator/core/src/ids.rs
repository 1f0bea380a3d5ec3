//! Identifiers: UUID v4 strings for new activities and W3C-style trace ids for problem details,
//! from a generator the caller seeds (the core asks the OS for nothing). They only need to be
//! unique, not secret.

use fastrand::Rng;

/// The generator of ids and trace ids.
#[derive(Clone, Debug)]
pub struct Ids {
    rng: Rng,
}

impl Ids {
    /// A generator starting from `seed`: the same seed gives the same ids.
    pub fn new(seed: u64) -> Ids {
        Ids {
            rng: Rng::with_seed(seed),
        }
    }

    /// A new random UUID (version 4) in the usual lower-case hyphenated form.
    pub fn uuid(&mut self) -> String {
        let bytes = self.rng.u128(..).to_le_bytes();
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .to_string()
    }

    /// A fresh trace id in the W3C `traceparent` form ASP.NET writes into problem details:
    /// `00-<32 hex>-<16 hex>-00`.
    pub fn trace_id(&mut self) -> String {
        format!("00-{:032x}-{:016x}-00", self.rng.u128(..), self.rng.u64(..))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn uuids_have_the_v4_shape_and_do_not_repeat() {
        let mut ids = Ids::new(1);
        let mut seen = HashSet::new();
        for _ in 0..10_000 {
            let id = ids.uuid();
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
        let t = Ids::new(7).trace_id();
        assert_eq!(t.len(), 55, "{t}");
        assert!(t.starts_with("00-") && t.ends_with("-00"), "{t}");
    }

    #[test]
    fn the_same_seed_gives_the_same_ids() {
        let (mut a, mut b) = (Ids::new(42), Ids::new(42));
        assert_eq!(a.uuid(), b.uuid());
        assert_eq!(a.trace_id(), b.trace_id());
        assert_ne!(Ids::new(1).uuid(), Ids::new(2).uuid());
    }
}
