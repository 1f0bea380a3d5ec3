//! The retry policy of contract §5, as one pure decision: after an attempt ends, retry (after how
//! long) or stop.
//!
//! - 429, any method (the request was refused, so resending cannot duplicate anything): wait
//!   `Retry-After` (seconds or an HTTP-date), else 1 s, 2 s, 4 s …; at most 5 retries.
//! - 502, 503, 504 and network errors: GET, PUT and DELETE only, never POST (a POST that reached
//!   the server may have created the activity); exponential backoff with jitter from about
//!   0.5 s (or `Retry-After` when the server sends a longer one); at most 2 retries.
//! - A timeout is not retried: the server may still be working on the request, and the caller
//!   chose how long to wait.
//! - One wait is capped at 60 s.

use crate::routes::Method;

/// The longest single wait, in milliseconds.
pub const MAX_WAIT_MS: u32 = 60_000;

/// How many retries a call may make, by cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after 429 Too Many Requests.
    pub rate_limited: u32,
    /// Retries after 502/503/504 or a network error (idempotent methods only).
    pub transient: u32,
}

impl RetryPolicy {
    /// Skimmer's advice: about 5 retries on 429, and 2 on a transient failure.
    pub const DEFAULT: RetryPolicy = RetryPolicy {
        rate_limited: 5,
        transient: 2,
    };

    /// No retries at all (`retry: false`).
    pub const NONE: RetryPolicy = RetryPolicy {
        rate_limited: 0,
        transient: 0,
    };

    /// The policy for `retry: { maxRetries }`: `maxRetries` replaces both limits.
    pub const fn with_max_retries(max_retries: u32) -> RetryPolicy {
        RetryPolicy {
            rate_limited: max_retries,
            transient: max_retries,
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::DEFAULT
    }
}

/// How an attempt ended, as far as retrying cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status.
    Status(u16),
    /// The request did not reach the server, or its answer did not come back (fetch failed).
    NetworkError,
    /// The per-attempt timeout elapsed.
    Timeout,
}

/// The retries a call has made so far, by cause.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attempts {
    /// Retries after 429.
    pub rate_limited: u32,
    /// Retries after a transient failure.
    pub transient: u32,
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Send the request again after waiting this many milliseconds.
    Retry {
        /// The wait before the next attempt.
        wait_ms: u32,
    },
    /// Stop: the outcome is final.
    Stop,
}

/// Whether a status means success.
pub fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// Decides whether to retry after `outcome`, and updates `attempts` when it does.
///
/// `retry_after` is the raw `Retry-After` header, `now_ms` the current time (ms since the Unix
/// epoch, for HTTP-dates) and `jitter` a random number in `[0, 1)`.
pub fn decide(
    policy: &RetryPolicy,
    attempts: &mut Attempts,
    method: Method,
    outcome: Outcome,
    retry_after: Option<&str>,
    now_ms: f64,
    jitter: f64,
) -> Decision {
    let retry_after_ms = retry_after.and_then(|v| parse_retry_after_ms(v, now_ms));
    match outcome {
        Outcome::Status(429) => {
            if attempts.rate_limited >= policy.rate_limited {
                return Decision::Stop;
            }
            let backoff = 1_000u64 << attempts.rate_limited.min(16);
            attempts.rate_limited += 1;
            Decision::Retry {
                wait_ms: cap(retry_after_ms.unwrap_or(backoff)),
            }
        }
        Outcome::Status(502..=504) | Outcome::NetworkError => {
            let idempotent = matches!(method, Method::Get | Method::Put | Method::Delete);
            if !idempotent || attempts.transient >= policy.transient {
                return Decision::Stop;
            }
            let base = 500u64 << attempts.transient.min(16);
            // Jitter spreads clients out: between 0.75 and 1.25 times the base.
            let jittered = (base as f64 * (0.75 + 0.5 * jitter.clamp(0.0, 1.0))) as u64;
            attempts.transient += 1;
            Decision::Retry {
                wait_ms: cap(jittered.max(retry_after_ms.unwrap_or(0))),
            }
        }
        Outcome::Status(_) | Outcome::Timeout => Decision::Stop,
    }
}

fn cap(ms: u64) -> u32 {
    ms.min(u64::from(MAX_WAIT_MS)) as u32
}

/// The wait a `Retry-After` header asks for, in milliseconds: delay-seconds (`"120"`, also a
/// decimal such as `"1.5"`) or an HTTP-date (`"Wed, 21 Oct 2015 07:28:00 GMT"`), measured from
/// `now_ms`. A date in the past is no wait; anything unreadable is `None`.
pub fn parse_retry_after_ms(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if let Some(ms) = parse_seconds_ms(value) {
        return Some(ms);
    }
    let at_ms = parse_http_date_ms(value)?;
    Some((at_ms - now_ms).max(0.0).ceil() as u64)
}

/// The seconds a `Retry-After` header asks for, for `ApiError.retryAfterSeconds`.
pub fn retry_after_seconds(value: &str, now_ms: f64) -> Option<f64> {
    parse_retry_after_ms(value, now_ms).map(|ms| ms as f64 / 1000.0)
}

/// Delay-seconds as milliseconds: digits, optionally a fraction (`"1.5"`), rounded up to the
/// millisecond. Parsed by hand: float parsing would add kilobytes of tables to the wasm.
fn parse_seconds_ms(value: &str) -> Option<u64> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, "0"));
    let digits = |s: &str| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return None;
    }
    let number = |s: &str| s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let mut ms = number(whole) * 1000;
    let mut scale = 100;
    for (i, b) in fraction.bytes().enumerate() {
        let digit = u64::from(b - b'0');
        if i < 3 {
            ms += digit * scale;
            scale /= 10;
        } else if digit > 0 {
            ms += 1; // round up what is left below a millisecond
            break;
        }
    }
    Some(ms)
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the HTTP-date every server sends, as ms
/// since the epoch.
fn parse_http_date_ms(value: &str) -> Option<f64> {
    let mut parts = value.split_ascii_whitespace();
    let weekday = parts.next()?;
    if !weekday.ends_with(',') {
        return None;
    }
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':');
    let mut field = |max: u32| clock.next()?.parse::<u32>().ok().filter(|v| *v <= max);
    let (hour, minute, second) = (field(23)?, field(59)?, field(60)?);
    if parts.next()? != "GMT" || parts.next().is_some() || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(seconds as f64 * 1000.0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: f64 = 1_700_000_000_000.0;

    fn run(method: Method, outcomes: &[Outcome], retry_after: Option<&str>) -> Vec<Decision> {
        let mut attempts = Attempts::default();
        outcomes
            .iter()
            .map(|&o| {
                decide(
                    &RetryPolicy::DEFAULT,
                    &mut attempts,
                    method,
                    o,
                    retry_after,
                    NOW,
                    0.5,
                )
            })
            .collect()
    }

    fn waits(decisions: &[Decision]) -> Vec<Option<u32>> {
        decisions
            .iter()
            .map(|d| match d {
                Decision::Retry { wait_ms } => Some(*wait_ms),
                Decision::Stop => None,
            })
            .collect()
    }

    #[test]
    fn rate_limits_double_from_one_second_five_times_for_every_method() {
        for method in [Method::Get, Method::Post, Method::Put, Method::Delete] {
            let decisions = run(method, &[Outcome::Status(429); 6], None);
            assert_eq!(
                waits(&decisions),
                [
                    Some(1000),
                    Some(2000),
                    Some(4000),
                    Some(8000),
                    Some(16000),
                    None
                ]
            );
        }
    }

    #[test]
    fn rate_limits_wait_what_retry_after_says() {
        let decisions = run(Method::Post, &[Outcome::Status(429); 2], Some("3"));
        assert_eq!(waits(&decisions), [Some(3000), Some(3000)]);
        let decisions = run(Method::Get, &[Outcome::Status(429)], Some("0.25"));
        assert_eq!(waits(&decisions), [Some(250)]);
        let date = "Tue, 14 Nov 2023 22:13:25 GMT"; // NOW + 5 s
        assert_eq!(
            waits(&run(Method::Get, &[Outcome::Status(429)], Some(date))),
            [Some(5000)]
        );
        let past = "Tue, 14 Nov 2023 22:13:00 GMT";
        assert_eq!(
            waits(&run(Method::Get, &[Outcome::Status(429)], Some(past))),
            [Some(0)]
        );
        let garbage = run(Method::Get, &[Outcome::Status(429)], Some("soon"));
        assert_eq!(
            waits(&garbage),
            [Some(1000)],
            "unreadable: the default wait"
        );
    }

    #[test]
    fn waits_are_capped_at_sixty_seconds() {
        let decisions = run(Method::Get, &[Outcome::Status(429)], Some("3600"));
        assert_eq!(waits(&decisions), [Some(MAX_WAIT_MS)]);
    }

    #[test]
    fn transient_failures_retry_idempotent_methods_twice_with_backoff() {
        for method in [Method::Get, Method::Put, Method::Delete] {
            for outcome in [
                Outcome::Status(502),
                Outcome::Status(503),
                Outcome::Status(504),
                Outcome::NetworkError,
            ] {
                let decisions = run(method, &[outcome; 3], None);
                assert_eq!(waits(&decisions), [Some(500), Some(1000), None]);
            }
        }
    }

    #[test]
    fn post_is_never_retried_after_a_transient_failure() {
        for outcome in [
            Outcome::Status(502),
            Outcome::Status(503),
            Outcome::NetworkError,
        ] {
            assert_eq!(
                run(Method::Post, &[outcome], None),
                [Decision::Stop],
                "{outcome:?}"
            );
        }
    }

    #[test]
    fn other_statuses_and_timeouts_are_final() {
        for outcome in [400, 401, 403, 404, 409, 500, 501, 505]
            .map(Outcome::Status)
            .into_iter()
            .chain([Outcome::Timeout])
        {
            assert_eq!(run(Method::Get, &[outcome], Some("1")), [Decision::Stop]);
        }
    }

    #[test]
    fn a_503_with_a_longer_retry_after_waits_for_it() {
        assert_eq!(
            waits(&run(Method::Get, &[Outcome::Status(503)], Some("2"))),
            [Some(2000)]
        );
    }

    #[test]
    fn retry_false_and_max_retries() {
        let mut attempts = Attempts::default();
        let d = decide(
            &RetryPolicy::NONE,
            &mut attempts,
            Method::Get,
            Outcome::Status(429),
            Some("1"),
            NOW,
            0.0,
        );
        assert_eq!(d, Decision::Stop);
        let policy = RetryPolicy::with_max_retries(1);
        let mut attempts = Attempts::default();
        let mut next = |o| decide(&policy, &mut attempts, Method::Get, o, None, NOW, 0.0);
        assert_eq!(next(Outcome::Status(503)), Decision::Retry { wait_ms: 375 });
        assert_eq!(next(Outcome::Status(503)), Decision::Stop);
        assert_eq!(
            next(Outcome::Status(429)),
            Decision::Retry { wait_ms: 1000 }
        );
        assert_eq!(next(Outcome::Status(429)), Decision::Stop);
    }

    #[test]
    fn http_dates_parse_to_the_right_instant() {
        assert_eq!(
            parse_http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(0.0)
        );
        assert_eq!(
            parse_http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000.0)
        );
        assert_eq!(
            parse_http_date_ms("Tue, 29 Feb 2028 12:00:00 GMT"),
            Some(1_835_438_400_000.0)
        );
        for bad in [
            "",
            "06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT x",
        ] {
            assert_eq!(parse_http_date_ms(bad), None, "{bad}");
        }
        assert_eq!(parse_retry_after_ms("-1", NOW), None);
        assert_eq!(parse_retry_after_ms("1e3", NOW), None);
        assert_eq!(retry_after_seconds(" 2 ", NOW), Some(2.0));
        assert_eq!(parse_retry_after_ms("1.5", NOW), Some(1500));
        assert_eq!(parse_retry_after_ms("0.0001", NOW), Some(1));
        assert_eq!(parse_retry_after_ms("2.0000", NOW), Some(2000));
        assert_eq!(parse_retry_after_ms("1.", NOW), None);
        assert_eq!(parse_retry_after_ms(".5", NOW), None);
        assert_eq!(parse_retry_after_ms("9999999999999", NOW), None);
    }

    proptest! {
        #[test]
        fn every_wait_is_within_bounds_and_retries_are_bounded(
            statuses in proptest::collection::vec(prop_oneof![Just(429u16), Just(503u16), 200u16..600], 1..20),
            post in any::<bool>(),
            jitter in 0.0f64..1.0,
            retry_after in proptest::option::of("[0-9]{1,6}|[a-z ,:]{0,30}"),
        ) {
            let method = if post { Method::Post } else { Method::Get };
            let mut attempts = Attempts::default();
            let mut retries = 0;
            for status in statuses {
                let d = decide(&RetryPolicy::DEFAULT, &mut attempts, method,
                    Outcome::Status(status), retry_after.as_deref(), NOW, jitter);
                if let Decision::Retry { wait_ms } = d {
                    retries += 1;
                    prop_assert!(wait_ms <= MAX_WAIT_MS);
                    prop_assert!(status == 429 || (!post && (502..=504).contains(&status)));
                }
            }
            prop_assert!(retries <= 5 + 2);
        }
    }
}
