//! What the core takes in: one request as it arrived ([`Request`]) and the time it arrived
//! ([`Now`]).

/// The time, as the caller's clock tells it: the core reads no clock of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Now {
    /// Wall-clock milliseconds since the Unix epoch (`Date.now()` in JS): the `createdAt` and
    /// `updatedAt` of what is stored.
    pub unix_ms: i64,
    /// Milliseconds on a clock that never goes back (`performance.now()` in JS, an `Instant` in
    /// the server), from any start: rate-limit windows are measured on it.
    pub monotonic_ms: u64,
}

/// The body of a request, as the caller read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RequestBody {
    /// The whole body (empty when the request had none).
    #[default]
    Empty,
    /// The whole body.
    Bytes(Vec<u8>),
    /// The body was longer than [`crate::Limits::max_body_bytes`], so the caller stopped reading
    /// it. Answered 413 where a body is wanted (and the server closes the connection, since the
    /// rest of it was never read).
    TooLarge,
}

impl RequestBody {
    /// The body's bytes; empty when there is none or it was too large.
    pub fn bytes(&self) -> &[u8] {
        match self {
            RequestBody::Bytes(bytes) => bytes,
            RequestBody::Empty | RequestBody::TooLarge => &[],
        }
    }

    /// `bytes` as a body, `TooLarge` when they are more than `limit`: how a door that holds the
    /// whole body (a JS `Request`) hands it over.
    pub fn within(bytes: Vec<u8>, limit: usize) -> RequestBody {
        if bytes.len() > limit {
            RequestBody::TooLarge
        } else if bytes.is_empty() {
            RequestBody::Empty
        } else {
            RequestBody::Bytes(bytes)
        }
    }
}

/// One HTTP request: method, target, headers, body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// The method as sent, e.g. `GET` (methods are case-sensitive: `get` is not `GET`).
    pub method: String,
    /// The request target as sent: the raw path, still percent-encoded, and the query, e.g.
    /// `/CustomerActivityLogs/cust%201/a1` or `/__emulator/customers/c/bulk?count=5`. An
    /// absolute-form target (`http://127.0.0.1:8787/x`) is taken apart too (its authority is
    /// checked like `Host`).
    pub target: String,
    /// The headers in the order they came; names in any case (they are compared without it),
    /// values as raw bytes. A header sent twice is two entries; the first counts.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body.
    pub body: RequestBody,
}

impl Request {
    /// A request with no headers and no body.
    pub fn new(method: impl Into<String>, target: impl Into<String>) -> Request {
        Request {
            method: method.into(),
            target: target.into(),
            headers: Vec::new(),
            body: RequestBody::Empty,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Vec<u8>>) -> Request {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: RequestBody) -> Request {
        self.body = body;
        self
    }

    /// The first value of the header `name` (any case).
    pub fn header_value(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// The parts of the target.
    pub fn target(&self) -> Target<'_> {
        Target::parse(&self.target)
    }
}

/// A request target taken apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    /// The authority of an absolute-form target (`host:port`), if it is one.
    pub authority: Option<&'a str>,
    /// The raw path (`/` when an absolute-form target has none).
    pub path: &'a str,
    /// The query, without its `?`.
    pub query: Option<&'a str>,
}

impl<'a> Target<'a> {
    /// Splits `target` into authority (absolute form only), path and query; a fragment, which
    /// no client sends, is dropped.
    pub fn parse(target: &'a str) -> Target<'a> {
        let target = target.split_once('#').map_or(target, |(t, _)| t);
        let (authority, rest) = match target.split_once("://") {
            Some((scheme, rest)) if !scheme.contains('/') && !scheme.is_empty() => {
                let end = rest.find(['/', '?']).unwrap_or(rest.len());
                (Some(&rest[..end]), &rest[end..])
            }
            _ => (None, target),
        };
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (rest, None),
        };
        Target {
            authority,
            path: if path.is_empty() { "/" } else { path },
            query,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_authority_path_and_query() {
        let t = Target::parse("/CustomerActivityLogs/c%2F1?x=1&y");
        assert_eq!(
            (t.authority, t.path, t.query),
            (None, "/CustomerActivityLogs/c%2F1", Some("x=1&y"))
        );
        let t = Target::parse("http://evil.example:80/a?b");
        assert_eq!(
            (t.authority, t.path, t.query),
            (Some("evil.example:80"), "/a", Some("b"))
        );
        let t = Target::parse("http://[::1]:8787");
        assert_eq!(
            (t.authority, t.path, t.query),
            (Some("[::1]:8787"), "/", None)
        );
        assert_eq!(Target::parse("/a#frag").path, "/a");
        assert_eq!(Target::parse("").path, "/");
    }

    #[test]
    fn headers_are_found_in_any_case_first_one_first() {
        let r = Request::new("GET", "/")
            .header("Origin", "a")
            .header("origin", "b");
        assert_eq!(r.header_value("ORIGIN"), Some(&b"a"[..]));
        assert_eq!(r.header_value("host"), None);
    }

    #[test]
    fn a_whole_body_is_too_large_past_the_limit() {
        assert_eq!(RequestBody::within(vec![1; 3], 2), RequestBody::TooLarge);
        assert_eq!(RequestBody::within(vec![1; 2], 2).bytes(), [1, 1]);
        assert_eq!(RequestBody::within(Vec::new(), 2), RequestBody::Empty);
    }
}
