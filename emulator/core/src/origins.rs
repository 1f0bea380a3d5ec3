//! Loopback names and origins, and the origins a server lets in: the pieces [`crate::policy`]
//! decides with.
//!
//! A server of ours listens on 127.0.0.1 only, but a browser on the same machine reaches
//! loopback from any web page; so a request must be addressed to a loopback `Host` (a page
//! whose own host name was re-pointed at 127.0.0.1, DNS rebinding, sends its own name), and
//! where something is worth protecting (proxy mode's key, the emulator's control endpoints) it
//! must come from a loopback page origin (`http://localhost:5173`, `http://127.0.0.1:8787` …)
//! or one given by `--allow-origin`.

use std::net::Ipv4Addr;

/// Checks and normalizes an `--allow-origin` value: `*`, or `scheme://host[:port]` with
/// scheme `http` or `https`, written as browsers send it in `Origin` (lower case, no default
/// port, no path).
pub fn parse_allowed(value: &str) -> Result<String, String> {
    if value == "*" {
        return Ok(value.to_owned());
    }
    let lower = value.trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = lower
        .split_once("://")
        .ok_or_else(|| format!("{value:?} is not an origin like https://app.example"))?;
    let default_port = match scheme {
        "http" => ":80",
        "https" => ":443",
        _ => return Err(format!("{value:?}: the scheme must be http or https")),
    };
    let valid = !rest.is_empty()
        && rest.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']' | b'_')
        });
    if !valid {
        return Err(format!(
            "{value:?} is not an origin: only scheme://host[:port], with no path, user or query"
        ));
    }
    let host = rest.strip_suffix(default_port).unwrap_or(rest);
    Ok(format!("{scheme}://{host}"))
}

/// Whether `host` (a host name or address, IPv6 in brackets, no port) names this machine's
/// loopback interface: `localhost`, an address in 127.0.0.0/8, or `[::1]`.
pub fn is_loopback_name(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host == "[::1]"
        || host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// Splits `host[:port]` (IPv6 in brackets) and returns the host; `None` when the port is not a
/// number.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => (&authority[..=end], &authority[end + 1..]),
            None => return None,
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, port),
            None => (authority, ""),
        }
    };
    let port = port.strip_prefix(':').unwrap_or(port);
    if !port.is_empty() && !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(host)
}

/// Whether a `Host` header names the loopback interface (any port).
pub fn is_loopback_host(host_header: &[u8]) -> bool {
    std::str::from_utf8(host_header)
        .ok()
        .and_then(host_of)
        .is_some_and(is_loopback_name)
}

/// Whether an `Origin` header is a page served from loopback (`http` or `https`, any port).
pub fn is_loopback_origin(origin: &[u8]) -> bool {
    let Ok(origin) = std::str::from_utf8(origin) else {
        return false;
    };
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    rest.and_then(host_of).is_some_and(is_loopback_name)
}

/// The page origins let in where origins are checked: loopback ones and those given by
/// `--allow-origin`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OriginPolicy {
    any: bool,
    extra: Vec<String>,
}

impl OriginPolicy {
    /// Loopback origins and `allowed` (as [`parse_allowed`] wrote them; `*` allows any).
    pub fn new(allowed: &[String]) -> OriginPolicy {
        OriginPolicy {
            any: allowed.iter().any(|o| o == "*"),
            extra: allowed.iter().filter(|o| *o != "*").cloned().collect(),
        }
    }

    /// Whether every origin is allowed.
    pub fn allows_any(&self) -> bool {
        self.any
    }

    /// Whether a page from `origin` (an `Origin` header's bytes) is let in.
    pub fn allows(&self, origin: &[u8]) -> bool {
        self.any
            || is_loopback_origin(origin)
            || self
                .extra
                .iter()
                .any(|o| o.as_bytes().eq_ignore_ascii_case(origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_origins_are_normalized_as_browsers_write_them() {
        assert_eq!(
            parse_allowed("HTTPS://App.Example:443/").unwrap(),
            "https://app.example"
        );
        assert_eq!(
            parse_allowed("http://app.example:8080").unwrap(),
            "http://app.example:8080"
        );
        assert_eq!(parse_allowed("*").unwrap(), "*");
        for bad in [
            "app.example",
            "ftp://app.example",
            "https://",
            "https://app.example/path",
            "https://user@app.example",
            "https://app.example?x",
            "null",
        ] {
            assert!(parse_allowed(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn loopback_hosts_and_origins() {
        for yes in [
            &b"127.0.0.1:8787"[..],
            b"localhost",
            b"LOCALHOST:1",
            b"127.1.2.3:80",
            b"[::1]:8787",
            b"[::1]",
        ] {
            assert!(is_loopback_host(yes), "{}", String::from_utf8_lossy(yes));
        }
        for no in [
            &b"evil.example:8787"[..],
            b"127.0.0.1.evil.example",
            b"localhost.evil.example",
            b"10.0.0.1",
            b"[::2]:1",
            b"127.0.0.1:x",
            b"",
            b"\xff",
        ] {
            assert!(!is_loopback_host(no), "{}", String::from_utf8_lossy(no));
        }
        assert!(is_loopback_origin(b"http://localhost:5173"));
        assert!(is_loopback_origin(b"https://127.0.0.1"));
        assert!(is_loopback_origin(b"http://[::1]:3000"));
        assert!(!is_loopback_origin(b"null"));
        assert!(!is_loopback_origin(b"http://localhost.evil.example"));
        assert!(!is_loopback_origin(b"file://localhost"));
        assert!(!is_loopback_origin(b"https://evil.example"));
    }

    #[test]
    fn the_policy_adds_given_origins_to_loopback_ones() {
        let policy = OriginPolicy::new(&["https://app.example".into()]);
        assert!(policy.allows(b"https://app.example"));
        assert!(policy.allows(b"http://localhost:5173"));
        assert!(!policy.allows(b"https://app.example.evil"));
        assert!(!policy.allows(b"http://app.example"));
        assert!(!policy.allows_any());
        let any = OriginPolicy::new(&["*".into()]);
        assert!(any.allows_any() && any.allows(b"https://anything.example"));
    }
}
