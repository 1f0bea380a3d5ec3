//! Proxy mode (`--upstream URL`): the five API routes are forwarded to a real Skimmer API with
//! the key from the `SKIMMER_API_KEY` environment variable added here, so a browser page never
//! holds the key.
//!
//! What goes up, for a request the request policy let through (see [`crate::dispatch`]):
//! - the same method, to `routes::url(upstream, operation, customerId, id)`: the path is built
//!   again from the decoded ids, so an id arrives exactly as the page gave it, and nothing but
//!   the five routes can be reached (`.`, `..` and blank ids are refused with a 400 here);
//! - the body as received (at most [`crate::limits::MAX_BODY_BYTES`]; larger is a 413 here);
//! - of the request's headers only `Accept`, `Accept-Encoding`, `Accept-Language` and
//!   `Content-Type`; then `skimmer-api-key` from the environment and this server's
//!   `User-Agent`. Everything else, a `skimmer-api-key` the page sent and its cookies included,
//!   stays here.
//!
//! What comes back: the upstream's status and body, streamed as they arrive, with only its
//! end-to-end headers that matter to a client ([`PASSED_HEADERS`], `RateLimit-*` and
//! `Retry-After` among them) and `Location` rewritten to this server's own path when it points
//! into the upstream. Hop-by-hop headers, cookies and anything else are not copied. Like every
//! API answer (see [`skimmer_emulator_core::policy`]), it goes out with `nosniff` and a
//! `Content-Security-Policy` that lets nothing run, and a `Content-Type` that is not one of the
//! inert data types (an upstream's HTML error page, say) becomes `text/plain`: nothing the
//! upstream says can run as a page on this server's origin, where it could use the key.
//!
//! Who may send a request here at all (loopback `Host`, allowed `Origin`, no cross-site
//! navigation) is decided before, by the core's `policy`; proxy mode has no control endpoints
//! and no fault injection.
//!
//! When the upstream cannot be reached the answer is a 502 problem, when it is silent for the
//! `--upstream-timeout-secs` a 504 problem (a body that stalls that long mid-way is cut off).
//! No answer, error or log line holds the key.

use crate::limits::{BODY_READ_TIMEOUT, MAX_BODY_BYTES};
use crate::outgoing::{BoxError, HyperResponse};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::http::request::Parts;
use hyper::Uri;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use skimmer_activity_logs::options::{api_key_problem, KeyProblem};
use skimmer_activity_logs::routes::{self, Operation, API_KEY_HEADER};
use skimmer_emulator_core::pathparams::Target;
use skimmer_emulator_core::problem::Problem;
use skimmer_emulator_core::ratelimit;
use skimmer_emulator_core::RequestBody;
use std::ffi::OsStr;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// The environment variable that holds the upstream's API key.
pub const KEY_ENV: &str = "SKIMMER_API_KEY";

/// The `User-Agent` of forwarded requests.
pub const USER_AGENT: &str = concat!("skimmer-emulator/", env!("CARGO_PKG_VERSION"), " (proxy)");

/// The request headers forwarded as they came (besides the key and `User-Agent`, set here).
pub const FORWARDED_HEADERS: [HeaderName; 4] = [
    header::ACCEPT,
    header::ACCEPT_ENCODING,
    header::ACCEPT_LANGUAGE,
    header::CONTENT_TYPE,
];

/// The answer headers copied back as they came (`Location` is rewritten, see
/// [`UpstreamBase::local_location`]).
pub const PASSED_HEADERS: [HeaderName; 12] = [
    header::CONTENT_TYPE,
    header::CONTENT_ENCODING,
    header::CONTENT_LANGUAGE,
    header::CACHE_CONTROL,
    header::EXPIRES,
    header::ETAG,
    header::LAST_MODIFIED,
    header::VARY,
    HeaderName::from_static(ratelimit::LIMIT),
    HeaderName::from_static(ratelimit::REMAINING),
    HeaderName::from_static(ratelimit::RESET),
    header::RETRY_AFTER,
];

/// What a forwarded request came to.
#[derive(Debug)]
pub enum Forwarded {
    /// The upstream's answer.
    Upstream(HyperResponse),
    /// This server's own answer; with `close`, the connection is closed after it (the rest of
    /// the request's body was never read).
    Problem(Problem, bool),
}

/// The upstream's base URL, checked: `http` or `https`, a host, an optional path prefix, no
/// user, query or fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpstreamBase {
    url: String,
    scheme: String,
    host: String,
    port: u16,
    prefix: String,
}

fn default_port(scheme: &str) -> u16 {
    if scheme == "https" {
        443
    } else {
        80
    }
}

impl UpstreamBase {
    /// Checks `text` and normalizes it: scheme and host in lower case, no trailing slash.
    pub fn parse(text: &str) -> Result<UpstreamBase, String> {
        // Never echo a URL that may hold a password.
        if text.contains('@') {
            return Err(format!(
                "must not hold a user name or password (the key comes from {KEY_ENV})"
            ));
        }
        if text.contains('#') {
            return Err(format!("{text:?} must not have a fragment (#...)"));
        }
        let uri: Uri = text
            .parse()
            .map_err(|_| format!("{text:?} is not a URL like https://publicapi.getskimmer.com"))?;
        let scheme = uri
            .scheme_str()
            .ok_or_else(|| format!("{text:?} needs http:// or https://"))?
            .to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(format!("{text:?}: the scheme must be http or https"));
        }
        let authority = uri
            .authority()
            .filter(|a| !a.host().is_empty())
            .ok_or_else(|| format!("{text:?} has no host"))?;
        if uri.query().is_some() {
            return Err(format!("{text:?} must not have a query (?...)"));
        }
        let prefix = uri.path().trim_end_matches('/').to_owned();
        let authority_text = authority.as_str().to_ascii_lowercase();
        Ok(UpstreamBase {
            url: format!("{scheme}://{authority_text}{prefix}"),
            host: authority.host().to_ascii_lowercase(),
            port: authority
                .port_u16()
                .unwrap_or_else(|| default_port(&scheme)),
            scheme,
            prefix,
        })
    }

    /// The base URL, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Where an upstream `Location` points on this server: its path without the upstream's
    /// prefix, when it points into the upstream (a path under the prefix, or an absolute URL of
    /// the same scheme, host and port under it); `None` when it points elsewhere.
    pub fn local_location(&self, location: &str) -> Option<String> {
        let path = if location.starts_with('/') && !location.starts_with("//") {
            location.to_owned()
        } else {
            let uri: Uri = location.parse().ok()?;
            let scheme = uri.scheme_str()?.to_ascii_lowercase();
            let authority = uri.authority()?;
            let port = authority
                .port_u16()
                .unwrap_or_else(|| default_port(&scheme));
            if scheme != self.scheme
                || !authority.host().eq_ignore_ascii_case(&self.host)
                || port != self.port
            {
                return None;
            }
            uri.path_and_query()
                .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned())
        };
        let rest = path.strip_prefix(self.prefix.as_str())?;
        match rest.as_bytes().first() {
            None => Some("/".to_owned()),
            Some(b'/') => Some(rest.to_owned()),
            Some(b'?') => Some(format!("/{rest}")),
            Some(_) => None,
        }
    }
}

/// The upstream's API key. Its `Debug` shows nothing of it, and its header value is marked
/// sensitive.
#[derive(Clone)]
pub struct UpstreamKey(HeaderValue);

impl fmt::Debug for UpstreamKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UpstreamKey(<redacted>)")
    }
}

impl UpstreamKey {
    /// The key from the value of [`KEY_ENV`]: it must be set and pass the project's one API-key
    /// rule, [`api_key_problem`] (one or more visible ASCII characters), which the client's
    /// constructor applies too. The reason for a refusal never quotes the value.
    pub fn from_env_value(value: Option<&OsStr>) -> Result<UpstreamKey, String> {
        let value = value.ok_or_else(|| {
            format!("--upstream needs the upstream's API key in the {KEY_ENV} environment variable, which is not set")
        })?;
        let text = value.to_str().ok_or_else(|| {
            format!("{KEY_ENV} holds a non-ASCII character; an API key is visible ASCII only")
        })?;
        match api_key_problem(text) {
            None => {}
            Some(KeyProblem::Empty) => {
                return Err(format!(
                    "{KEY_ENV} is empty; set it to the upstream's API key"
                ))
            }
            Some(KeyProblem::LineBreak) => {
                return Err(format!(
                    "{KEY_ENV} contains a line break (CR or LF), which a header cannot carry; \
                     remove it (a key file saved with Windows line endings leaves a CR)"
                ))
            }
            Some(KeyProblem::NotVisibleAscii { at }) => {
                return Err(format!(
                    "{KEY_ENV} holds a space, control or non-ASCII character (at byte {}); \
                     an API key is visible ASCII only",
                    at + 1
                ))
            }
        }
        let mut value = HeaderValue::from_str(text)
            .map_err(|_| format!("{KEY_ENV} cannot be sent in a header"))?;
        value.set_sensitive(true);
        Ok(UpstreamKey(value))
    }

    /// `text` with every occurrence of the key replaced, for error details that quote an
    /// upstream's or a library's words.
    pub fn scrub(&self, text: &str) -> String {
        match std::str::from_utf8(self.0.as_bytes()) {
            Ok(key) if text.contains(key) => text.replace(key, "[redacted]"),
            _ => text.to_owned(),
        }
    }
}

type HttpClient = Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

/// The forwarding half of proxy mode.
pub struct Proxy {
    base: UpstreamBase,
    key: UpstreamKey,
    timeout: Duration,
    client: HttpClient,
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proxy")
            .field("base", &self.base.url)
            .field("key", &self.key)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Proxy {
    /// A proxy to `base` with `key`, giving up on a silent upstream after `timeout`. HTTPS is
    /// verified against Mozilla's roots as bundled in `webpki-roots`.
    pub fn new(base: UpstreamBase, key: UpstreamKey, timeout: Duration) -> Result<Proxy, String> {
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| format!("cannot set up TLS: {e}"))?
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector);
        Ok(Proxy {
            base,
            key,
            timeout,
            client,
        })
    }

    /// The upstream's base URL.
    pub fn base(&self) -> &str {
        self.base.url()
    }

    /// The upstream's base URL with the key, should it be part of it, replaced: what may be
    /// shown (the banner, error details).
    pub fn shown_base(&self) -> String {
        self.key.scrub(self.base.url())
    }

    /// How long the upstream may stay silent.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Forwards one API request for `operation` on `target` (its head `parts`, its `body`
    /// still to read) and gives the upstream's answer, or the problem that stands for it.
    pub async fn forward(
        &self,
        operation: Operation,
        target: &Target,
        parts: &Parts,
        body: Incoming,
    ) -> Forwarded {
        let id = target.id.as_deref().unwrap_or("");
        let url = match routes::url(self.base.url(), operation, &target.customer_id, id) {
            Ok(url) => url,
            Err(issue) => return Forwarded::Problem(Problem::validation(vec![issue]), false),
        };
        let bytes =
            match crate::incoming::read(&parts.headers, body, MAX_BODY_BYTES, BODY_READ_TIMEOUT)
                .await
            {
                Ok(RequestBody::TooLarge) => {
                    return Forwarded::Problem(
                        skimmer_emulator_core::input::too_large(MAX_BODY_BYTES),
                        true,
                    )
                }
                Ok(body) => Bytes::from(body.bytes().to_vec()),
                Err(problem) => return Forwarded::Problem(problem, true),
            };
        let mut upstream_request = hyper::Request::new(Full::new(bytes));
        *upstream_request.method_mut() = parts.method.clone();
        *upstream_request.uri_mut() = match url.parse() {
            Ok(uri) => uri,
            Err(_) => {
                let problem = Problem::new(500)
                    .detail("The upstream URL of this request could not be built.");
                return Forwarded::Problem(problem, false);
            }
        };
        let headers = upstream_request.headers_mut();
        for name in FORWARDED_HEADERS {
            for value in parts.headers.get_all(&name) {
                headers.append(name.clone(), value.clone());
            }
        }
        headers.insert(header::USER_AGENT, HeaderValue::from_static(USER_AGENT));
        headers.insert(API_KEY_HEADER, self.key.0.clone());

        match tokio::time::timeout(self.timeout, self.client.request(upstream_request)).await {
            Err(_elapsed) => Forwarded::Problem(
                Problem::new(504).detail(self.key.scrub(&format!(
                    "The upstream {} did not answer within {} s.",
                    self.base.url(),
                    self.timeout.as_secs()
                ))),
                false,
            ),
            Ok(Err(error)) => Forwarded::Problem(
                Problem::new(502).detail(self.key.scrub(&format!(
                    "The upstream {} could not be reached: {}.",
                    self.base.url(),
                    cause_chain(&error)
                ))),
                false,
            ),
            Ok(Ok(answer)) => Forwarded::Upstream(self.pass_back(answer)),
        }
    }

    fn pass_back(&self, answer: hyper::Response<Incoming>) -> HyperResponse {
        let (head, body) = answer.into_parts();
        let mut response =
            hyper::Response::new(IdleTimeout::new(body, self.timeout).boxed_unsync());
        *response.status_mut() = head.status;
        let headers = response.headers_mut();
        for name in PASSED_HEADERS {
            for value in head.headers.get_all(&name) {
                headers.append(name.clone(), value.clone());
            }
        }
        for value in head.headers.get_all(header::LOCATION) {
            let local = value
                .to_str()
                .ok()
                .and_then(|l| self.base.local_location(l))
                .and_then(|l| HeaderValue::from_str(&l).ok());
            headers.append(header::LOCATION, local.unwrap_or_else(|| value.clone()));
        }
        response
    }
}

/// An error and its sources, each said once, joined by `: `.
fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(err) = next {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = err.source();
    }
    parts.join(": ")
}

/// The upstream's body, failed (which closes the client's connection mid-body) when no chunk
/// arrives for `limit`.
struct IdleTimeout {
    inner: Incoming,
    limit: Duration,
    timer: Pin<Box<tokio::time::Sleep>>,
}

impl IdleTimeout {
    fn new(inner: Incoming, limit: Duration) -> IdleTimeout {
        IdleTimeout {
            inner,
            limit,
            timer: Box::pin(tokio::time::sleep(limit)),
        }
    }
}

/// The error that ends a stalled upstream body.
#[derive(Debug)]
struct Stalled(Duration);

impl fmt::Display for Stalled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the upstream's body stalled for {} s", self.0.as_secs())
    }
}

impl std::error::Error for Stalled {}

impl hyper::body::Body for IdleTimeout {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                let deadline = tokio::time::Instant::now() + this.limit;
                this.timer.as_mut().reset(deadline);
                Poll::Ready(frame.map(|f| f.map_err(Into::into)))
            }
            Poll::Pending => match this.timer.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(Stalled(this.limit).into()))),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn upstream_urls_are_checked_and_normalized() {
        let base = UpstreamBase::parse("https://publicapi.getskimmer.com").unwrap();
        assert_eq!(base.url(), "https://publicapi.getskimmer.com");
        let base = UpstreamBase::parse("HTTP://LocalHost:8080/api/v1//").unwrap();
        assert_eq!(base.url(), "http://localhost:8080/api/v1");
        assert_eq!((base.port, base.prefix.as_str()), (8080, "/api/v1"));
        let base = UpstreamBase::parse("https://host/").unwrap();
        assert_eq!((base.url(), base.port), ("https://host", 443));
        for bad in [
            "",
            "publicapi.getskimmer.com",
            "/relative",
            "ftp://host",
            "https://",
            "https://host?x=1",
            "https://host/#frag",
            "https://host/a b",
        ] {
            assert!(UpstreamBase::parse(bad).is_err(), "{bad:?}");
        }
        let secret = UpstreamBase::parse("https://me:hunter2@host").unwrap_err();
        assert!(!secret.contains("hunter2"), "{secret}");
    }

    #[test]
    fn locations_into_the_upstream_become_local_paths() {
        let base = UpstreamBase::parse("https://api.example/v1/").unwrap();
        let local = |l: &str| base.local_location(l);
        let item = "/CustomerActivityLogs/c%2F1/a%20b";
        assert_eq!(
            local(&format!("https://api.example/v1{item}")).as_deref(),
            Some(item)
        );
        assert_eq!(
            local(&format!("HTTPS://API.example:443/v1{item}")).as_deref(),
            Some(item)
        );
        assert_eq!(local(&format!("/v1{item}")).as_deref(), Some(item));
        assert_eq!(local("/v1").as_deref(), Some("/"));
        assert_eq!(local("/v1?x=1").as_deref(), Some("/?x=1"));
        for elsewhere in [
            "https://other.example/v1/x",
            "http://api.example/v1/x",
            "https://api.example:8443/v1/x",
            "https://api.example/v2/x",
            "https://api.example/v1x",
            "/v2/x",
            "relative/x",
            "//api.example/v1/x",
        ] {
            assert_eq!(local(elsewhere), None, "{elsewhere}");
        }
        let root = UpstreamBase::parse("http://127.0.0.1:9").unwrap();
        assert_eq!(
            root.local_location("http://127.0.0.1:9/CustomerActivityLogs/c/1")
                .as_deref(),
            Some("/CustomerActivityLogs/c/1")
        );
        assert_eq!(
            root.local_location("/CustomerActivityLogs/c/1").as_deref(),
            Some("/CustomerActivityLogs/c/1")
        );
    }

    #[test]
    fn the_key_must_be_set_and_fit_a_header_and_is_never_quoted() {
        let key = |v: &str| UpstreamKey::from_env_value(Some(&OsString::from(v)));
        let ok = key("sk_live-123.ABC").unwrap();
        assert_eq!(format!("{ok:?}"), "UpstreamKey(<redacted>)");
        assert!(ok.0.is_sensitive());
        assert!(UpstreamKey::from_env_value(None)
            .unwrap_err()
            .contains(KEY_ENV));
        for (bad, reason) in [
            ("", "empty"),
            ("   ", "space"),
            ("secret\u{a0}one", "non-ASCII"),
            ("secret-one\r\n", "line break"),
            ("secret-one\nx", "line break"),
            ("secret one", "space"),
            ("secret-one\t", "space"),
            ("secret-\u{e9}", "non-ASCII"),
            ("secret\u{0}", "control"),
        ] {
            let message = key(bad).unwrap_err();
            assert!(message.contains(reason), "{bad:?}: {message}");
            assert!(message.contains(KEY_ENV), "{message}");
            assert!(!message.contains("secret"), "{message}");
        }
        assert_eq!(
            ok.scrub("key sk_live-123.ABC was refused"),
            "key [redacted] was refused"
        );
        assert_eq!(ok.scrub("nothing here"), "nothing here");
    }

    #[test]
    fn cause_chains_say_each_cause_once() {
        let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let outer = std::io::Error::other(inner);
        assert_eq!(cause_chain(&outer), "refused");
    }
}
