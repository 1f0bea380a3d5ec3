//! Random faults (`--fault-rate`, `--fault-kinds`, `--fault-seed`): each request faults with a
//! given probability, the kind drawn from a seeded generator.

use super::spec::FaultSpec;
use fastrand::Rng;

/// A kind of fault the `--fault-rate` flag injects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RandomKind {
    /// 429 with `Retry-After: 1`.
    TooManyRequests,
    /// 503.
    Unavailable,
    /// The connection is dropped without an answer.
    Drop,
    /// 50–500 ms of latency, then the normal answer.
    Delay,
}

impl RandomKind {
    /// Every kind, in the order `--fault-kinds` lists them by default.
    pub const ALL: [RandomKind; 4] = [
        RandomKind::TooManyRequests,
        RandomKind::Unavailable,
        RandomKind::Drop,
        RandomKind::Delay,
    ];

    /// The kind's name in `--fault-kinds`.
    pub const fn name(self) -> &'static str {
        match self {
            RandomKind::TooManyRequests => "429",
            RandomKind::Unavailable => "503",
            RandomKind::Drop => "drop",
            RandomKind::Delay => "delay",
        }
    }

    /// Parses a comma-separated list such as `429,503,drop,delay`.
    pub fn parse_list(list: &str) -> Result<Vec<RandomKind>, String> {
        let mut kinds = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let kind = RandomKind::ALL
                .into_iter()
                .find(|k| k.name().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    format!("unknown fault kind {name:?}; the kinds are 429, 503, drop, delay")
                })?;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        if kinds.is_empty() {
            return Err("the fault kind list is empty".into());
        }
        Ok(kinds)
    }
}

/// Random faults for a whole run: each request faults with probability `rate`, the kind chosen
/// uniformly. Seeded, so a run with the same seed and the same request order repeats.
#[derive(Clone, Debug)]
pub struct RandomFaults {
    rate: f64,
    kinds: Vec<RandomKind>,
    seed: u64,
    rng: Rng,
}

impl RandomFaults {
    /// Faults with probability `rate` (0 to 1) of the given kinds.
    pub fn new(rate: f64, kinds: Vec<RandomKind>, seed: u64) -> RandomFaults {
        RandomFaults {
            rate,
            kinds,
            seed,
            rng: Rng::with_seed(seed),
        }
    }

    /// Whether any request can fault.
    pub fn enabled(&self) -> bool {
        self.rate > 0.0 && !self.kinds.is_empty()
    }

    /// Rolls for one request.
    pub fn roll(&mut self) -> Option<FaultSpec> {
        if !self.enabled() {
            return None;
        }
        let rng = &mut self.rng;
        if rng.f64() >= self.rate {
            return None;
        }
        let kind = self.kinds[rng.usize(..self.kinds.len())];
        Some(match kind {
            RandomKind::TooManyRequests => FaultSpec {
                status: Some(429),
                retry_after: Some("1".into()),
                ..FaultSpec::default()
            },
            RandomKind::Unavailable => FaultSpec {
                status: Some(503),
                ..FaultSpec::default()
            },
            RandomKind::Drop => FaultSpec {
                drop: true,
                ..FaultSpec::default()
            },
            RandomKind::Delay => FaultSpec {
                delay_ms: rng.u64(50..=500),
                ..FaultSpec::default()
            },
        })
    }

    /// Restarts the sequence from the seed.
    pub fn reset(&mut self) {
        self.rng = Rng::with_seed(self.seed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_faults_follow_the_rate_and_repeat_with_the_seed() {
        let mut faults = RandomFaults::new(0.25, RandomKind::ALL.to_vec(), 7);
        let first: Vec<Option<FaultSpec>> = (0..400).map(|_| faults.roll()).collect();
        let hits = first.iter().filter(|f| f.is_some()).count();
        assert!((60..140).contains(&hits), "{hits}");
        faults.reset();
        let again: Vec<Option<FaultSpec>> = (0..400).map(|_| faults.roll()).collect();
        assert_eq!(first, again);
        for spec in first.iter().flatten() {
            assert!(spec.drop || spec.status.is_some() || (50..=500).contains(&spec.delay_ms));
        }
        assert!(RandomFaults::new(0.0, RandomKind::ALL.to_vec(), 1)
            .roll()
            .is_none());
        assert_eq!(
            RandomKind::parse_list("drop, 429,drop").unwrap(),
            [RandomKind::Drop, RandomKind::TooManyRequests]
        );
        assert!(RandomKind::parse_list("500").is_err());
        assert!(RandomKind::parse_list(",").is_err());
    }
}
