//! What an emulator is made with ([`Options`]), with the defaults the server and the docs name,
//! and the one check of them ([`Options::check`]).

use crate::faults::RandomKind;
use crate::limits::{Limits, MAX_KEY_BYTES};
use skimmer_activity_logs::options::api_key_problem;

/// The API key clients must send by default, documented for users of the emulator.
pub const DEFAULT_API_KEY: &str = "demo-key";
/// Skimmer's rate limit: requests per window per key.
pub const DEFAULT_RATE_LIMIT: u32 = 500;
/// Skimmer's rate-limit window, in milliseconds (a minute).
pub const DEFAULT_RATE_WINDOW_MS: u64 = 60_000;
/// The longest rate-limit window, in milliseconds (a day).
pub const MAX_RATE_WINDOW_MS: u64 = 86_400_000;

/// Random faults: each API request faults with probability `rate`, of a kind drawn from
/// `kinds`, by a generator seeded with `seed` (the same seed and the same requests in the same
/// order give the same faults; [`crate::Emulator::reset`] starts the sequence again).
#[derive(Clone, Debug, PartialEq)]
pub struct RandomFaultOptions {
    /// The probability of a fault per API request, 0 (never, the default) to 1 (always).
    pub rate: f64,
    /// The kinds to draw from (default: all four).
    pub kinds: Vec<RandomKind>,
    /// The generator's seed.
    pub seed: u64,
}

impl Default for RandomFaultOptions {
    fn default() -> RandomFaultOptions {
        RandomFaultOptions {
            rate: 0.0,
            kinds: RandomKind::ALL.to_vec(),
            seed: 0,
        }
    }
}

/// How an emulator behaves. `Options::default()` is the server's default: key `demo-key`, the
/// three seeded customers, 500 requests a minute per key, no random faults, loopback `Host` only.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// The API key clients must send in `skimmer-api-key` (default `demo-key`). Not a secret:
    /// the emulator's API answers any origin.
    pub api_key: String,
    /// Start (and restart on reset) with the seeded customers `cust-1001` to `cust-1003`
    /// (default `true`); `false` starts with none.
    pub seed_customers: bool,
    /// Requests allowed per window, per API key (default 500; at least 1).
    pub rate_limit: u32,
    /// The rate-limit window in milliseconds (default 60,000; 1 to 86,400,000).
    pub rate_window_ms: u64,
    /// Random faults (default: none).
    pub random_faults: RandomFaultOptions,
    /// The seed of the generator of activity ids and trace ids. Give each emulator its own
    /// (the server takes one from the OS); the same seed gives the same ids.
    pub random_seed: u64,
    /// Page origins, besides loopback ones, allowed to call the control endpoints (as
    /// [`crate::origins::parse_allowed`] writes them, e.g. `https://app.example`; never `*`).
    pub allow_origins: Vec<String>,
    /// Whether every request must be addressed to a loopback `Host` (default `true`, the
    /// defence against DNS rebinding). An in-process door, which has no network and so no
    /// `Host`, turns it off.
    pub loopback_host_only: bool,
    /// Whether the control endpoints (`/__emulator/…`) answer (default `true`); without them
    /// they are 404.
    pub control_endpoints: bool,
    /// The caps (default: the constants of [`crate::limits`]).
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            api_key: DEFAULT_API_KEY.to_owned(),
            seed_customers: true,
            rate_limit: DEFAULT_RATE_LIMIT,
            rate_window_ms: DEFAULT_RATE_WINDOW_MS,
            random_faults: RandomFaultOptions::default(),
            random_seed: 0,
            allow_origins: Vec::new(),
            loopback_host_only: true,
            control_endpoints: true,
            limits: Limits::default(),
        }
    }
}

/// An option an emulator cannot be made with, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The option, as [`Options`] names it, e.g. `api_key`.
    pub option: &'static str,
    /// Why, as a sentence part: `must be ...`.
    pub reason: String,
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.option, self.reason)
    }
}

impl std::error::Error for OptionError {}

fn refuse<T>(option: &'static str, reason: impl Into<String>) -> Result<T, OptionError> {
    Err(OptionError {
        option,
        reason: reason.into(),
    })
}

impl Options {
    /// Checks every option: the API key by the project's one API-key rule (non-empty visible
    /// ASCII, as the client requires) and at most [`MAX_KEY_BYTES`] long; the rate limit at
    /// least 1; the window within a day; the fault rate within 0 to 1 and at least one kind;
    /// allowed origins written as origins (no `*`: the emulator's control endpoints name whom
    /// they answer).
    pub fn check(&self) -> Result<(), OptionError> {
        if api_key_problem(&self.api_key).is_some() {
            return refuse(
                "api_key",
                "must be non-empty visible ASCII (it is sent in a header)",
            );
        }
        if self.api_key.len() > MAX_KEY_BYTES {
            return refuse("api_key", format!("may be at most {MAX_KEY_BYTES} bytes"));
        }
        if self.rate_limit == 0 {
            return refuse("rate_limit", "must be at least 1");
        }
        if !(1..=MAX_RATE_WINDOW_MS).contains(&self.rate_window_ms) {
            return refuse(
                "rate_window_ms",
                format!("must be between 1 and {MAX_RATE_WINDOW_MS}"),
            );
        }
        let faults = &self.random_faults;
        if !(0.0..=1.0).contains(&faults.rate) {
            return refuse("random_faults.rate", "must be between 0 and 1");
        }
        if faults.kinds.is_empty() {
            return refuse("random_faults.kinds", "must name at least one kind");
        }
        for origin in &self.allow_origins {
            match crate::origins::parse_allowed(origin) {
                Ok(parsed) if parsed == "*" => {
                    return refuse(
                        "allow_origins",
                        "may not hold * (the control endpoints take named origins only)",
                    )
                }
                Ok(_) => {}
                Err(reason) => return refuse("allow_origins", reason),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_and_match_the_documentation() {
        let options = Options::default();
        assert_eq!(options.check(), Ok(()));
        assert_eq!(options.api_key, "demo-key");
        assert_eq!((options.rate_limit, options.rate_window_ms), (500, 60_000));
        assert!(options.seed_customers && options.loopback_host_only && options.control_endpoints);
        assert_eq!(options.random_faults.rate, 0.0);
        assert_eq!(options.random_faults.kinds.len(), 4);
    }

    #[test]
    fn bad_options_are_refused_by_name() {
        let bad = |change: fn(&mut Options)| {
            let mut options = Options::default();
            change(&mut options);
            options.check().unwrap_err().option
        };
        assert_eq!(bad(|o| o.api_key = String::new()), "api_key");
        assert_eq!(bad(|o| o.api_key = "a b".into()), "api_key");
        assert_eq!(bad(|o| o.api_key = "a\r\nb".into()), "api_key");
        assert_eq!(
            bad(|o| o.api_key = "k".repeat(MAX_KEY_BYTES + 1)),
            "api_key"
        );
        assert_eq!(bad(|o| o.rate_limit = 0), "rate_limit");
        assert_eq!(bad(|o| o.rate_window_ms = 0), "rate_window_ms");
        assert_eq!(
            bad(|o| o.rate_window_ms = MAX_RATE_WINDOW_MS + 1),
            "rate_window_ms"
        );
        assert_eq!(bad(|o| o.random_faults.rate = 1.5), "random_faults.rate");
        assert_eq!(
            bad(|o| o.random_faults.rate = f64::NAN),
            "random_faults.rate"
        );
        assert_eq!(
            bad(|o| o.random_faults.kinds.clear()),
            "random_faults.kinds"
        );
        assert_eq!(bad(|o| o.allow_origins = vec!["*".into()]), "allow_origins");
        assert_eq!(
            bad(|o| o.allow_origins = vec!["app.example".into()]),
            "allow_origins"
        );
        let ok = Options {
            allow_origins: vec!["https://app.example".into()],
            api_key: "k".repeat(MAX_KEY_BYTES),
            ..Options::default()
        };
        assert_eq!(ok.check(), Ok(()));
    }
}
