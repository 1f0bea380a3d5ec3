//! `createEmulator(options)`: the JS option values, as the bindings read them, into the core's
//! [`Options`], with one clear error for the first option that cannot be used.
//!
//! The in-process door differs from the server in two settings, both fixed here: it answers
//! requests for any host (there is no network, so no DNS rebinding to defend against: only code
//! running in the same JS realm can call its `fetch`, and that code holds the emulator object
//! already), and its generators are seeded from the caller's entropy unless a seed is given.

use skimmer_emulator_core::faults::RandomKind;
use skimmer_emulator_core::{OptionError, Options, RandomFaultOptions};

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`): the largest seed.
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// A value given for an option, by its JS type.
#[derive(Clone, Debug, PartialEq)]
pub enum Given {
    /// `undefined` or `null`: the default.
    Absent,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// Anything else, by its `typeof` (`"object"`, `"bigint"` …).
    Other(&'static str),
}

/// The option values of `createEmulator`, by their JS names.
#[derive(Clone, Debug, PartialEq)]
pub struct GivenOptions {
    /// `apiKey`: a string (default `demo-key`).
    pub api_key: Given,
    /// `seedCustomers`: a boolean (default `true`).
    pub seed_customers: Given,
    /// `rateLimit`: a whole number, at least 1 (default 500).
    pub rate_limit: Given,
    /// `rateWindowMs`: a whole number of milliseconds (default 60,000).
    pub rate_window_ms: Given,
    /// `faultRate`: 0 to 1 (default 0).
    pub fault_rate: Given,
    /// `faultKinds`: the kinds as a comma-separated string (the JS side joins an array).
    pub fault_kinds: Given,
    /// `faultSeed`: a whole number (default: from the entropy).
    pub fault_seed: Given,
    /// `randomSeed`: a whole number, the seed of activity and trace ids (default: from the
    /// entropy).
    pub random_seed: Given,
}

impl Default for GivenOptions {
    fn default() -> GivenOptions {
        GivenOptions {
            api_key: Given::Absent,
            seed_customers: Given::Absent,
            rate_limit: Given::Absent,
            rate_window_ms: Given::Absent,
            fault_rate: Given::Absent,
            fault_kinds: Given::Absent,
            fault_seed: Given::Absent,
            random_seed: Given::Absent,
        }
    }
}

/// Which JS error an unusable option is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The value has the wrong type (`TypeError`).
    Type,
    /// The value is of the right type but out of range or malformed (`RangeError`).
    Range,
}

/// An option `createEmulator` cannot use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingError {
    /// `TypeError` or `RangeError`.
    pub kind: ErrorKind,
    /// The whole message, e.g. `createEmulator: rateLimit must be at least 1`.
    pub message: String,
}

fn error(kind: ErrorKind, option: &str, reason: &str) -> SettingError {
    SettingError {
        kind,
        message: format!("createEmulator: {option} {reason}"),
    }
}

fn text(value: Given, option: &str) -> Result<Option<String>, SettingError> {
    match value {
        Given::Absent => Ok(None),
        Given::Text(text) => Ok(Some(text)),
        _ => Err(error(ErrorKind::Type, option, "must be a string")),
    }
}

fn flag(value: Given, option: &str) -> Result<Option<bool>, SettingError> {
    match value {
        Given::Absent => Ok(None),
        Given::Bool(flag) => Ok(Some(flag)),
        _ => Err(error(ErrorKind::Type, option, "must be a boolean")),
    }
}

fn number(value: Given, option: &str) -> Result<Option<f64>, SettingError> {
    match value {
        Given::Absent => Ok(None),
        Given::Number(n) => Ok(Some(n)),
        _ => Err(error(ErrorKind::Type, option, "must be a number")),
    }
}

/// A whole number from `min` to `max` (`max` at most [`MAX_SAFE_INTEGER`]).
fn whole(value: Given, option: &str, min: u64, max: u64) -> Result<Option<u64>, SettingError> {
    match number(value, option)? {
        None => Ok(None),
        Some(n) if n.fract() == 0.0 && (min as f64..=max as f64).contains(&n) => Ok(Some(n as u64)),
        Some(_) => Err(error(
            ErrorKind::Range,
            option,
            &format!("must be a whole number from {min} to {max}"),
        )),
    }
}

/// The JS name of a core option, for messages.
fn js_name(core_name: &str) -> &str {
    match core_name {
        "api_key" => "apiKey",
        "rate_limit" => "rateLimit",
        "rate_window_ms" => "rateWindowMs",
        "random_faults.rate" => "faultRate",
        "random_faults.kinds" => "faultKinds",
        other => other,
    }
}

fn from_core(refused: OptionError) -> SettingError {
    error(ErrorKind::Range, js_name(refused.option), &refused.reason)
}

/// Two seeds from the caller's entropy (the JS side passes four random 32-bit words).
fn seeds(entropy: &[u32]) -> (u64, u64) {
    let word = |i: usize| u64::from(entropy.get(i).copied().unwrap_or(0));
    (word(0) << 32 | word(1), word(2) << 32 | word(3))
}

/// The core's options for `given`; `entropy` seeds what the caller left unseeded.
pub fn options(given: GivenOptions, entropy: &[u32]) -> Result<Options, SettingError> {
    let defaults = Options::default();
    let (id_seed, fault_seed) = seeds(entropy);
    let kinds = match text(given.fault_kinds, "faultKinds")? {
        None => RandomKind::ALL.to_vec(),
        Some(list) => RandomKind::parse_list(&list).map_err(|reason| {
            error(
                ErrorKind::Range,
                "faultKinds",
                &format!("is wrong: {reason}"),
            )
        })?,
    };
    let options = Options {
        api_key: text(given.api_key, "apiKey")?.unwrap_or(defaults.api_key),
        seed_customers: flag(given.seed_customers, "seedCustomers")?
            .unwrap_or(defaults.seed_customers),
        rate_limit: whole(given.rate_limit, "rateLimit", 1, u64::from(u32::MAX))?
            .map_or(defaults.rate_limit, |n| n as u32),
        rate_window_ms: whole(given.rate_window_ms, "rateWindowMs", 1, MAX_SAFE_INTEGER)?
            .unwrap_or(defaults.rate_window_ms),
        random_faults: RandomFaultOptions {
            rate: number(given.fault_rate, "faultRate")?.unwrap_or(0.0),
            kinds,
            seed: whole(given.fault_seed, "faultSeed", 0, MAX_SAFE_INTEGER)?.unwrap_or(fault_seed),
        },
        random_seed: whole(given.random_seed, "randomSeed", 0, MAX_SAFE_INTEGER)?
            .unwrap_or(id_seed),
        loopback_host_only: false,
        ..defaults
    };
    options.check().map_err(from_core)?;
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A change to the options given, and the start of the message it must give.
    type Case = (fn(&mut GivenOptions), &'static str);

    fn with(change: impl FnOnce(&mut GivenOptions)) -> Result<Options, SettingError> {
        let mut given = GivenOptions::default();
        change(&mut given);
        options(given, &[1, 2, 3, 4])
    }

    #[test]
    fn nothing_given_is_the_servers_defaults_for_any_host_with_seeds_from_the_entropy() {
        let options = with(|_| {}).unwrap();
        assert_eq!(options.api_key, "demo-key");
        assert!(options.seed_customers && options.control_endpoints);
        assert_eq!((options.rate_limit, options.rate_window_ms), (500, 60_000));
        assert_eq!(options.random_faults.rate, 0.0);
        assert_eq!(options.random_faults.kinds, RandomKind::ALL);
        assert_eq!(options.random_seed, 1 << 32 | 2);
        assert_eq!(options.random_faults.seed, 3 << 32 | 4);
        assert!(
            !options.loopback_host_only,
            "in process there is no Host to check"
        );
    }

    #[test]
    fn given_values_are_taken() {
        let options = with(|g| {
            g.api_key = Given::Text("s3cret".into());
            g.seed_customers = Given::Bool(false);
            g.rate_limit = Given::Number(3.0);
            g.rate_window_ms = Given::Number(1500.0);
            g.fault_rate = Given::Number(0.25);
            g.fault_kinds = Given::Text("503, drop".into());
            g.fault_seed = Given::Number(7.0);
            g.random_seed = Given::Number(MAX_SAFE_INTEGER as f64);
        })
        .unwrap();
        assert_eq!(options.api_key, "s3cret");
        assert!(!options.seed_customers);
        assert_eq!((options.rate_limit, options.rate_window_ms), (3, 1500));
        assert_eq!(options.random_faults.rate, 0.25);
        assert_eq!(
            options.random_faults.kinds,
            [RandomKind::Unavailable, RandomKind::Drop]
        );
        assert_eq!(options.random_faults.seed, 7);
        assert_eq!(options.random_seed, 9_007_199_254_740_991);
    }

    #[test]
    fn a_value_of_the_wrong_type_is_a_type_error_naming_the_option() {
        let cases: [Case; 6] = [
            (
                |g| g.api_key = Given::Number(1.0),
                "apiKey must be a string",
            ),
            (
                |g| g.seed_customers = Given::Text("no".into()),
                "seedCustomers must be a boolean",
            ),
            (
                |g| g.rate_limit = Given::Text("5".into()),
                "rateLimit must be a number",
            ),
            (
                |g| g.fault_rate = Given::Other("object"),
                "faultRate must be a number",
            ),
            (
                |g| g.fault_kinds = Given::Bool(true),
                "faultKinds must be a string",
            ),
            (
                |g| g.fault_seed = Given::Other("bigint"),
                "faultSeed must be a number",
            ),
        ];
        for (change, message) in cases {
            let refused = with(change).unwrap_err();
            assert_eq!(refused.kind, ErrorKind::Type, "{message}");
            assert_eq!(refused.message, format!("createEmulator: {message}"));
        }
    }

    #[test]
    fn a_value_out_of_range_is_a_range_error_naming_the_option() {
        let cases: [Case; 10] = [
            (
                |g| g.api_key = Given::Text(String::new()),
                "apiKey must be non-empty",
            ),
            (
                |g| g.api_key = Given::Text("a\r\nb".into()),
                "apiKey must be non-empty",
            ),
            (
                |g| g.rate_limit = Given::Number(0.0),
                "rateLimit must be a whole number from 1",
            ),
            (
                |g| g.rate_limit = Given::Number(2.5),
                "rateLimit must be a whole number",
            ),
            (
                |g| g.rate_limit = Given::Number(f64::NAN),
                "rateLimit must be a whole number",
            ),
            (
                |g| g.rate_window_ms = Given::Number(86_400_001.0),
                "rateWindowMs must be between",
            ),
            (
                |g| g.fault_rate = Given::Number(1.5),
                "faultRate must be between 0 and 1",
            ),
            (
                |g| g.fault_rate = Given::Number(f64::NAN),
                "faultRate must be between 0 and 1",
            ),
            (
                |g| g.fault_kinds = Given::Text("404".into()),
                "faultKinds is wrong: unknown fault kind",
            ),
            (
                |g| g.fault_seed = Given::Number(-1.0),
                "faultSeed must be a whole number from 0",
            ),
        ];
        for (change, start) in cases {
            let refused = with(change).unwrap_err();
            assert_eq!(refused.kind, ErrorKind::Range, "{start}");
            assert!(
                refused
                    .message
                    .starts_with(&format!("createEmulator: {start}")),
                "{}",
                refused.message
            );
        }
    }
}
