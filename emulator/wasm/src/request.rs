//! A JS `Request`, as the bindings read it, into the core's [`Request`], and the clock readings
//! into its [`Now`].

use skimmer_emulator_core::{Now, Request, RequestBody};

/// A header value's bytes. The Fetch standard's header values are byte strings: each character
/// is one byte, U+0000 to U+00FF, which is what an HTTP client writes on the wire. (A
/// character above U+00FF, which a `Headers` object never holds, is written as its UTF-8.)
pub fn header_bytes(value: &str) -> Vec<u8> {
    if value.chars().all(|c| u32::from(c) <= 0xFF) {
        value.chars().map(|c| u32::from(c) as u8).collect()
    } else {
        value.as_bytes().to_vec()
    }
}

/// The core's request: `method` as given, `target` the URL's raw path and query, `headers` as
/// name, value, name, value …, and the body as read: its bytes (`None`: no body) or, when the
/// reading stopped past the core's limit, too large.
pub fn request(
    method: String,
    target: String,
    headers: &[String],
    body: Option<Vec<u8>>,
    body_too_large: bool,
) -> Request {
    let mut request = Request::new(method, target);
    for pair in headers.chunks_exact(2) {
        request
            .headers
            .push((pair[0].clone(), header_bytes(&pair[1])));
    }
    request.body = match (body_too_large, body) {
        (true, _) => RequestBody::TooLarge,
        (false, Some(bytes)) if !bytes.is_empty() => RequestBody::Bytes(bytes),
        (false, _) => RequestBody::Empty,
    };
    request
}

/// Turns the caller's clock readings into the core's [`Now`], keeping the monotonic reading
/// from ever going back (a test's injected clock may be set back; a window must not reopen).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    last_monotonic_ms: u64,
}

/// Whole milliseconds from a JS number: the fraction dropped; `NaN` is 0; past the range, the
/// nearest end.
fn whole_ms(ms: f64) -> i64 {
    // `as` saturates and maps NaN to 0.
    ms.floor() as i64
}

impl Clock {
    /// The time of a request: `wall_ms` from `Date.now()` (or the injected clock), `monotonic_ms`
    /// from `performance.now()` (or the injected clock too).
    pub fn now(&mut self, wall_ms: f64, monotonic_ms: f64) -> Now {
        let monotonic = whole_ms(monotonic_ms).max(0) as u64;
        self.last_monotonic_ms = self.last_monotonic_ms.max(monotonic);
        Now {
            unix_ms: whole_ms(wall_ms),
            monotonic_ms: self.last_monotonic_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_are_byte_strings() {
        assert_eq!(header_bytes("demo-key"), b"demo-key");
        assert_eq!(header_bytes("caf\u{e9}"), [b'c', b'a', b'f', 0xE9]);
        assert_eq!(header_bytes("\u{20ac}"), "\u{20ac}".as_bytes());
    }

    #[test]
    fn a_request_keeps_method_target_headers_in_order_and_its_body() {
        let headers = ["accept", "application/json", "x-b", "2", "dangling"].map(String::from);
        let request = request(
            "get".into(),
            "/CustomerActivityLogs/a%2Fb?x=1".into(),
            &headers,
            Some(b"{}".to_vec()),
            false,
        );
        assert_eq!(request.method, "get");
        assert_eq!(request.target().path, "/CustomerActivityLogs/a%2Fb");
        assert_eq!(request.target().query, Some("x=1"));
        assert_eq!(
            request.headers,
            [
                ("accept".to_owned(), b"application/json".to_vec()),
                ("x-b".to_owned(), b"2".to_vec())
            ]
        );
        assert_eq!(request.body, RequestBody::Bytes(b"{}".to_vec()));
    }

    #[test]
    fn no_body_an_empty_one_and_one_too_large() {
        let make = |body, too_large| request("POST".into(), "/".into(), &[], body, too_large).body;
        assert_eq!(make(None, false), RequestBody::Empty);
        assert_eq!(make(Some(Vec::new()), false), RequestBody::Empty);
        assert_eq!(make(Some(vec![1; 10]), true), RequestBody::TooLarge);
        assert_eq!(make(None, true), RequestBody::TooLarge);
    }

    #[test]
    fn the_clock_drops_fractions_and_never_runs_back() {
        let mut clock = Clock::default();
        assert_eq!(
            clock.now(1_795_773_600_123.9, 10.7),
            Now {
                unix_ms: 1_795_773_600_123,
                monotonic_ms: 10
            }
        );
        assert_eq!(clock.now(5.0, 3.0).monotonic_ms, 10, "set back");
        assert_eq!(clock.now(5.0, 2_000.0).monotonic_ms, 2_000);
        let odd = clock.now(f64::NAN, f64::INFINITY);
        assert_eq!(odd.unix_ms, 0);
        assert_eq!(odd.monotonic_ms, i64::MAX as u64);
        assert_eq!(clock.now(-1.5, -8.0).unix_ms, -2);
    }
}
