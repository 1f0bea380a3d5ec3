//! The client's options (contract §5) and their rules: what `new ActivityLogClient(options)` accepts,
//! and the clear message it throws with otherwise. Messages never quote the API key.

use crate::retry::RetryPolicy;

/// The per-attempt timeout when none is given, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// The longest timeout a timer can hold (setTimeout's limit), in milliseconds.
pub const MAX_TIMEOUT_MS: u32 = i32::MAX as u32;

/// The largest response body the client reads when `maxResponseBytes` is not given: 32 MiB. A
/// log of 10,000 activities is about 4.5 MB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

/// The largest whole number a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The most retries `retry.maxRetries` may ask for.
pub const MAX_RETRIES_LIMIT: u32 = 100;

/// The constructor's message when there is neither a key nor a base URL.
pub const MISSING_API_KEY: &str = "ActivityLogClient: `apiKey` is required (your Skimmer API \
    key), unless `baseUrl` points at a proxy that adds the key itself.";

/// Why a string cannot be used as an API key. The one API-key rule of the project: the client's
/// constructor and the emulator's proxy mode (for `SKIMMER_API_KEY`) both ask it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    /// The key is empty.
    Empty,
    /// The key holds a CR or LF, which a header cannot carry (a key file saved with Windows line
    /// endings leaves a CR).
    LineBreak,
    /// The key holds a space, a control character or a non-ASCII character, starting at this
    /// byte offset. A Skimmer key is visible ASCII; anything else is a copy-paste slip.
    NotVisibleAscii {
        /// The byte offset of the first such character.
        at: usize,
    },
}

/// What is wrong with `key` as an API key, if anything: it must be one or more visible ASCII
/// characters (`!` to `~`, 0x21 to 0x7E), which any HTTP header carries unchanged. This rule
/// also closes header injection: no key can add a header.
pub fn api_key_problem(key: &str) -> Option<KeyProblem> {
    if key.is_empty() {
        return Some(KeyProblem::Empty);
    }
    if key.contains(['\r', '\n']) {
        return Some(KeyProblem::LineBreak);
    }
    key.bytes()
        .position(|b| !(0x21..=0x7E).contains(&b))
        .map(|at| KeyProblem::NotVisibleAscii { at })
}

/// Checks the client's `apiKey` against [`api_key_problem`], with the constructor's message.
/// Messages never quote the key.
pub fn check_api_key(key: &str) -> Result<(), &'static str> {
    match api_key_problem(key) {
        None => Ok(()),
        Some(KeyProblem::Empty) => {
            Err("ActivityLogClient: `apiKey` is required (your Skimmer API key).")
        }
        Some(KeyProblem::LineBreak) => Err(
            "ActivityLogClient: `apiKey` contains a line break, which an HTTP header cannot \
             carry; check how the key was copied.",
        ),
        Some(KeyProblem::NotVisibleAscii { .. }) => Err(
            "ActivityLogClient: `apiKey` contains a space, a control character or a non-ASCII \
             character; an API key is visible ASCII only, so check how the key was copied.",
        ),
    }
}

/// Checks a base URL: `http:` or `https:` (or a path on the page's own origin, such as
/// `/skimmer`, for a same-origin proxy), with no query, fragment, whitespace or control
/// characters. A path prefix (`https://host/api/`) is fine.
pub fn check_base_url(url: &str) -> Result<(), &'static str> {
    let scheme = |prefix: &str| {
        let head = url.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| url.get(prefix.len()..))
            .flatten()
    };
    let same_origin_path = url.starts_with('/') && !url.starts_with("//");
    if !same_origin_path {
        let Some(rest) = scheme("https://").or_else(|| scheme("http://")) else {
            return Err(
                "ActivityLogClient: `baseUrl` must be an http: or https: URL, such as \
                        https://publicapi.getskimmer.com, or a path such as /skimmer.",
            );
        };
        if rest.is_empty() || rest.starts_with('/') {
            return Err("ActivityLogClient: `baseUrl` has no host.");
        }
    }
    if url.contains(['?', '#']) || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(
            "ActivityLogClient: `baseUrl` must not contain a query (?), a fragment (#) \
                    or whitespace.",
        );
    }
    Ok(())
}

/// The timeout for `timeoutMs`: a positive number of milliseconds, rounded up.
pub fn timeout_ms(value: f64) -> Result<u32, &'static str> {
    if value.is_finite() && value > 0.0 && value <= f64::from(MAX_TIMEOUT_MS) {
        Ok(value.ceil() as u32)
    } else {
        Err(
            "ActivityLogClient: `timeoutMs` must be a positive number of milliseconds \
             (at most 2147483647).",
        )
    }
}

/// The policy for `retry: { maxRetries }`: a whole number from 0 to 100.
pub fn max_retries(value: f64) -> Result<RetryPolicy, &'static str> {
    if value.fract() == 0.0 && (0.0..=f64::from(MAX_RETRIES_LIMIT)).contains(&value) {
        Ok(RetryPolicy::with_max_retries(value as u32))
    } else {
        Err("ActivityLogClient: `retry.maxRetries` must be a whole number from 0 to 100.")
    }
}

/// The limit for `maxResponseBytes`: a positive whole number of bytes.
pub fn max_response_bytes(value: f64) -> Result<u64, &'static str> {
    if (1.0..=MAX_SAFE_INTEGER).contains(&value) && value.fract() == 0.0 {
        Ok(value as u64)
    } else {
        Err("ActivityLogClient: `maxResponseBytes` must be a positive whole number of bytes.")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn api_keys_must_be_header_safe_and_messages_never_quote_them() {
        assert!(check_api_key("demo-key").is_ok());
        assert!(check_api_key("sk_live-123.ABC=+/~!").is_ok());
        for bad in [
            "",
            "sk-123\r\nX-Evil: 1",
            "sk-123\n",
            "sk\u{0}123",
            "sk\u{7F}123",
            "sk\u{85}123",
            "sk-123\u{2028}",
            "sk-123😀",
            " sk-123",
            "sk-123 ",
            "sk-123\t",
            "sk 123",
            "sk-123é",
            "sk\u{A0}123",
        ] {
            let message = check_api_key(bad).unwrap_err();
            assert!(!message.contains("sk"), "{message}");
            assert!(!message.contains("123"), "{message}");
        }
    }

    #[test]
    fn key_problems_name_the_first_bad_byte() {
        assert_eq!(api_key_problem(""), Some(KeyProblem::Empty));
        assert_eq!(api_key_problem("ab\r\n"), Some(KeyProblem::LineBreak));
        assert_eq!(api_key_problem("a\nb c"), Some(KeyProblem::LineBreak));
        assert_eq!(
            api_key_problem("ab c"),
            Some(KeyProblem::NotVisibleAscii { at: 2 })
        );
        assert_eq!(
            api_key_problem("aé"),
            Some(KeyProblem::NotVisibleAscii { at: 1 })
        );
        assert_eq!(
            api_key_problem(" a"),
            Some(KeyProblem::NotVisibleAscii { at: 0 })
        );
        for b in 0x21u8..=0x7E {
            let key = String::from(char::from(b));
            assert_eq!(api_key_problem(&key), None, "{key}");
        }
    }

    #[test]
    fn base_urls_are_http_or_https_without_query_or_fragment() {
        for good in [
            "https://publicapi.getskimmer.com",
            "http://127.0.0.1:8787",
            "HTTPS://host/api/",
            "http://h/a/b",
            "/skimmer",
            "/",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "publicapi.getskimmer.com",
            "ftp://h",
            "https://",
            "https:///x",
            "https://h/?x=1",
            "https://h/#f",
            "https://h /",
            "http://h\n",
            "//evil.example/x",
            "skimmer",
            "/a?b",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn timeouts_and_retries() {
        assert_eq!(timeout_ms(200.0), Ok(200));
        assert_eq!(timeout_ms(0.5), Ok(1));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 3e9] {
            assert!(timeout_ms(bad).is_err());
        }
        assert_eq!(max_retries(0.0), Ok(RetryPolicy::NONE));
        assert_eq!(max_retries(3.0), Ok(RetryPolicy::with_max_retries(3)));
        for bad in [-1.0, 1.5, 101.0, f64::NAN] {
            assert!(max_retries(bad).is_err());
        }
    }

    #[test]
    fn response_limits_are_positive_whole_numbers() {
        assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 33_554_432);
        assert_eq!(max_response_bytes(1.0), Ok(1));
        assert_eq!(max_response_bytes(1e9), Ok(1_000_000_000));
        assert_eq!(
            max_response_bytes(MAX_SAFE_INTEGER),
            Ok(9_007_199_254_740_991)
        );
        for bad in [
            0.0,
            -1.0,
            0.5,
            1.5,
            f64::NAN,
            f64::INFINITY,
            MAX_SAFE_INTEGER + 2.0,
        ] {
            assert!(max_response_bytes(bad).is_err(), "{bad}");
        }
    }
}
