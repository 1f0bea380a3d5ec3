//! Who may ask what, and what every answer carries: the emulator's request policy, as plain
//! functions of a request's method, path and headers (the server applies them in
//! [`crate::guard`]).
//!
//! Every request, in both modes and on every route (static files and preflights included):
//! - must be addressed to a loopback `Host` (`127.0.0.1`, `localhost`, `[::1]`, any port), which
//!   defeats DNS rebinding: a page whose own host name was re-pointed at 127.0.0.1 sends its
//!   own name;
//!
//! in proxy mode, which adds a real API key to what it forwards:
//! - there are no control endpoints (404);
//! - a request with an `Origin` must come from a loopback origin or one given by
//!   `--allow-origin`, on every route (403);
//! - an API request a browser marks as cross-site or same-site (`Sec-Fetch-Site`) without such
//!   an `Origin` (a navigation, an `<img>`, a form GET from another site) is refused (403), so
//!   no page elsewhere can make the proxy send a request with the key;
//!
//! in emulator mode, whose key is not a secret:
//! - the API routes and static files answer CORS for any origin (`*`);
//! - control endpoints take the same `Origin` and `Sec-Fetch-Site` checks as proxy mode's API,
//!   answer CORS only to those origins (never `*`), and any request that changes something
//!   (not GET, HEAD or OPTIONS) must declare a JSON body in UTF-8, so no HTML form or "simple"
//!   cross-site request can reach them without a preflight.
//!
//! Every answer carries `X-Content-Type-Options: nosniff`; API and control answers also a
//! `Content-Security-Policy` that lets nothing load or run, and only inert media types (see
//! [`crate::media::inert_answer_type`]), whatever a fault or an upstream asked for.

use crate::media::{check_json_body_type, NotJson};
use crate::origins::{is_loopback_host, OriginPolicy};

/// The prefix of the API routes (see `skimmer_activity_logs::routes`).
pub const API_PREFIX: &str = "/CustomerActivityLogs";
/// The prefix of the control endpoints.
pub const CONTROL_PREFIX: &str = "/__emulator";

/// The `Content-Security-Policy` of API and control answers.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// How the server runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The local emulator, with its own store and a key that is not a secret.
    Emulator,
    /// Proxy mode (`--upstream`), adding a real key to what it forwards.
    Proxy,
}

/// Which part of the server a path belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// `/CustomerActivityLogs` and below.
    Api,
    /// `/__emulator` and below.
    Control,
    /// Everything else: static files, or a 404.
    Static,
}

fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl Door {
    /// The door of a request path.
    pub fn of(path: &str) -> Door {
        if under(path, API_PREFIX) {
            Door::Api
        } else if under(path, CONTROL_PREFIX) {
            Door::Control
        } else {
            Door::Static
        }
    }
}

/// What the policy looks at in a request.
#[derive(Clone, Copy, Debug, Default)]
pub struct Facts<'a> {
    /// The method, e.g. `POST`.
    pub method: &'a str,
    /// The `Host` header.
    pub host: Option<&'a [u8]>,
    /// The authority of an absolute-form request target (`GET http://host/ HTTP/1.1`).
    pub target_authority: Option<&'a str>,
    /// The `Origin` header.
    pub origin: Option<&'a [u8]>,
    /// The `Sec-Fetch-Site` header.
    pub fetch_site: Option<&'a [u8]>,
    /// The `Content-Type` header.
    pub content_type: Option<&'a [u8]>,
    /// Whether the request is a CORS preflight (`OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`).
    pub preflight: bool,
}

/// Why a request is refused before it reaches a route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The `Host` (or the request target's authority) is missing or not a loopback name.
    NotLoopbackHost,
    /// The `Origin` is neither loopback nor allowed by `--allow-origin`.
    OriginNotAllowed,
    /// A browser marked the request cross-site or same-site and it has no allowed `Origin`.
    CrossSite,
    /// Proxy mode has no control endpoints.
    NoControlEndpoints,
    /// A control request that changes something without a JSON body type.
    ControlNeedsJson(NotJson),
}

impl Refusal {
    /// The status of the answer.
    pub fn status(&self) -> u16 {
        match self {
            Refusal::NotLoopbackHost | Refusal::OriginNotAllowed | Refusal::CrossSite => 403,
            Refusal::NoControlEndpoints => 404,
            Refusal::ControlNeedsJson(_) => 415,
        }
    }

    /// The problem's detail.
    pub fn detail(&self, mode: Mode) -> String {
        let server = match mode {
            Mode::Emulator => "the emulator",
            Mode::Proxy => "this proxy, which adds a real API key,",
        };
        match self {
            Refusal::NotLoopbackHost => format!(
                "Requests to {server} must be addressed to a loopback host (127.0.0.1, localhost \
                 or [::1]) in the Host header."
            ),
            Refusal::OriginNotAllowed => format!(
                "Pages from this origin may not call {server}; start it with --allow-origin \
                 ORIGIN to let them."
            ),
            Refusal::CrossSite => format!(
                "A request that a browser made from another site without an allowed Origin \
                 (a link, an image, a form) is not answered by {server}."
            ),
            Refusal::NoControlEndpoints => {
                "Proxy mode has no control endpoints (no request log, no faults, no reset)."
                    .to_owned()
            }
            Refusal::ControlNeedsJson(reason) => {
                let why = match reason {
                    NotJson::Charset(_) => "in UTF-8",
                    _ => "(Content-Type: application/json)",
                };
                format!(
                    "Control requests that change something must declare a JSON body {why}, \
                     even an empty one."
                )
            }
        }
    }
}

/// Whether `method` reads only.
fn reads_only(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "OPTIONS")
}

/// Whether the doors of `mode` check `Origin` on `door`.
fn checks_origin(mode: Mode, door: Door) -> bool {
    mode == Mode::Proxy || door == Door::Control
}

/// Whether `door` refuses requests browsers mark cross-site without an allowed `Origin`.
fn refuses_cross_site(mode: Mode, door: Door) -> bool {
    matches!((mode, door), (Mode::Proxy, Door::Api) | (_, Door::Control))
}

/// Whether the request may go on to its route.
pub fn admit(
    mode: Mode,
    door: Door,
    facts: &Facts<'_>,
    origins: &OriginPolicy,
) -> Result<(), Refusal> {
    let host_ok = facts.host.is_some_and(is_loopback_host)
        && facts
            .target_authority
            .is_none_or(|a| is_loopback_host(a.as_bytes()));
    if !host_ok {
        return Err(Refusal::NotLoopbackHost);
    }
    if mode == Mode::Proxy && door == Door::Control {
        return Err(Refusal::NoControlEndpoints);
    }
    if checks_origin(mode, door) {
        match facts.origin {
            Some(origin) if !origins.allows(origin) => return Err(Refusal::OriginNotAllowed),
            Some(_) => {}
            None => {
                let cross = facts.fetch_site.is_some_and(|s| {
                    s.eq_ignore_ascii_case(b"cross-site") || s.eq_ignore_ascii_case(b"same-site")
                });
                if cross && refuses_cross_site(mode, door) {
                    return Err(Refusal::CrossSite);
                }
            }
        }
    }
    if mode == Mode::Emulator
        && door == Door::Control
        && !reads_only(facts.method)
        && !facts.preflight
    {
        check_json_body_type(facts.content_type).map_err(Refusal::ControlNeedsJson)?;
    }
    Ok(())
}

/// The `Access-Control-Allow-Origin` an answer carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllowOrigin<'a> {
    /// None: the browser keeps the answer from the page.
    Nobody,
    /// `*`.
    Any,
    /// This origin (with `Vary: Origin`).
    Only(&'a [u8]),
}

/// The CORS headers of an answer (or a preflight's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cors<'a> {
    /// Who may read it.
    pub allow_origin: AllowOrigin<'a>,
    /// `Access-Control-Allow-Headers` of a preflight.
    pub allow_headers: &'static str,
    /// `Access-Control-Allow-Methods` of a preflight.
    pub allow_methods: &'static str,
    /// `Access-Control-Expose-Headers`, if any.
    pub expose_headers: Option<&'static str>,
    /// `Access-Control-Max-Age` of a preflight, in seconds.
    pub max_age: u32,
}

/// The CORS answer of `door` in `mode` to a request from `origin` (one that [`admit`] let in).
pub fn cors<'a>(
    mode: Mode,
    door: Door,
    origin: Option<&'a [u8]>,
    origins: &OriginPolicy,
) -> Cors<'a> {
    let allow_origin = match (mode, door, origin) {
        (Mode::Emulator, Door::Api | Door::Static, _) => AllowOrigin::Any,
        (Mode::Proxy, _, _) if origins.allows_any() => AllowOrigin::Any,
        (_, _, Some(origin)) if origins.allows(origin) => AllowOrigin::Only(origin),
        _ => AllowOrigin::Nobody,
    };
    let allow_headers = match (mode, door) {
        (Mode::Emulator, Door::Api) => "skimmer-api-key,content-type,accept,x-emulator-fault",
        (_, Door::Control) => "content-type,accept",
        _ => "skimmer-api-key,content-type,accept",
    };
    Cors {
        allow_origin,
        allow_headers,
        allow_methods: "GET,POST,PUT,DELETE",
        expose_headers: (door == Door::Api)
            .then_some("ratelimit-limit,ratelimit-remaining,ratelimit-reset,retry-after,location"),
        max_age: 600,
    }
}

/// Whether an answer carries [`API_CSP`] and only inert media types: every answer on the API
/// and control doors, every refusal, and the error answers of the static door (its problem
/// details); not the static files themselves, nor their 304s (whose headers a browser would
/// copy onto the cached page).
pub fn is_data_answer(door: Door, refused: bool, status: u16) -> bool {
    door != Door::Static || refused || status >= 400
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCAL: Facts<'static> = Facts {
        method: "GET",
        host: Some(b"127.0.0.1:8787"),
        target_authority: None,
        origin: None,
        fetch_site: None,
        content_type: None,
        preflight: false,
    };

    fn policy() -> OriginPolicy {
        OriginPolicy::new(&["https://app.example".into()])
    }

    #[test]
    fn doors_follow_the_path() {
        assert_eq!(Door::of("/CustomerActivityLogs/c/1"), Door::Api);
        assert_eq!(Door::of("/CustomerActivityLogs"), Door::Api);
        assert_eq!(Door::of("/CustomerActivityLogsX"), Door::Static);
        assert_eq!(Door::of("/__emulator/requests"), Door::Control);
        assert_eq!(Door::of("/__emulator"), Door::Control);
        assert_eq!(Door::of("/__emulatorx"), Door::Static);
        assert_eq!(Door::of("/pkg/x.wasm"), Door::Static);
        assert_eq!(Door::of("/"), Door::Static);
    }

    #[test]
    fn every_door_in_both_modes_needs_a_loopback_host() {
        for mode in [Mode::Emulator, Mode::Proxy] {
            for door in [Door::Api, Door::Control, Door::Static] {
                for host in [&b"evil.example:8787"[..], b"127.0.0.1.evil.example", b""] {
                    let facts = Facts {
                        host: Some(host),
                        ..LOCAL
                    };
                    assert_eq!(
                        admit(mode, door, &facts, &policy()),
                        Err(Refusal::NotLoopbackHost)
                    );
                }
                let none = Facts {
                    host: None,
                    ..LOCAL
                };
                assert_eq!(
                    admit(mode, door, &none, &policy()),
                    Err(Refusal::NotLoopbackHost)
                );
                let absolute = Facts {
                    target_authority: Some("evil.example"),
                    ..LOCAL
                };
                assert_eq!(
                    admit(mode, door, &absolute, &policy()),
                    Err(Refusal::NotLoopbackHost)
                );
            }
        }
        assert_eq!(admit(Mode::Emulator, Door::Api, &LOCAL, &policy()), Ok(()));
        let localhost = Facts {
            host: Some(b"localhost:1"),
            target_authority: Some("[::1]:2"),
            ..LOCAL
        };
        assert_eq!(admit(Mode::Proxy, Door::Api, &localhost, &policy()), Ok(()));
    }

    #[test]
    fn proxy_mode_has_no_control_endpoints_and_checks_origins_everywhere() {
        assert_eq!(
            admit(Mode::Proxy, Door::Control, &LOCAL, &policy()),
            Err(Refusal::NoControlEndpoints)
        );
        for door in [Door::Api, Door::Static] {
            let evil = Facts {
                origin: Some(b"https://evil.example"),
                ..LOCAL
            };
            assert_eq!(
                admit(Mode::Proxy, door, &evil, &policy()),
                Err(Refusal::OriginNotAllowed)
            );
            for good in [&b"https://app.example"[..], b"http://localhost:5173"] {
                let facts = Facts {
                    origin: Some(good),
                    ..LOCAL
                };
                assert_eq!(admit(Mode::Proxy, door, &facts, &policy()), Ok(()));
            }
        }
        // A navigation or an <img> from another site: no Origin, but Sec-Fetch-Site says so.
        for site in [&b"cross-site"[..], b"same-site", b"Cross-Site"] {
            let facts = Facts {
                fetch_site: Some(site),
                ..LOCAL
            };
            assert_eq!(
                admit(Mode::Proxy, Door::Api, &facts, &policy()),
                Err(Refusal::CrossSite)
            );
            assert_eq!(
                admit(Mode::Proxy, Door::Static, &facts, &policy()),
                Ok(()),
                "a link to the page"
            );
        }
        for site in [&b"same-origin"[..], b"none"] {
            let facts = Facts {
                fetch_site: Some(site),
                ..LOCAL
            };
            assert_eq!(admit(Mode::Proxy, Door::Api, &facts, &policy()), Ok(()));
        }
        let allowed_cross = Facts {
            origin: Some(b"https://app.example"),
            fetch_site: Some(b"cross-site"),
            ..LOCAL
        };
        assert_eq!(
            admit(Mode::Proxy, Door::Api, &allowed_cross, &policy()),
            Ok(())
        );
    }

    #[test]
    fn emulator_mode_opens_the_api_and_guards_control_endpoints() {
        let evil = Facts {
            origin: Some(b"https://evil.example"),
            fetch_site: Some(b"cross-site"),
            ..LOCAL
        };
        assert_eq!(admit(Mode::Emulator, Door::Api, &evil, &policy()), Ok(()));
        assert_eq!(
            admit(Mode::Emulator, Door::Static, &evil, &policy()),
            Ok(())
        );
        assert_eq!(
            admit(Mode::Emulator, Door::Control, &evil, &policy()),
            Err(Refusal::OriginNotAllowed)
        );
        let navigation = Facts {
            fetch_site: Some(b"cross-site"),
            ..LOCAL
        };
        assert_eq!(
            admit(Mode::Emulator, Door::Control, &navigation, &policy()),
            Err(Refusal::CrossSite)
        );
        // Changes need a JSON body type, whoever asks; reads do not.
        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            for content_type in [
                None,
                Some(&b"text/plain"[..]),
                Some(b"application/x-www-form-urlencoded"),
                Some(b"multipart/form-data; boundary=x"),
            ] {
                let facts = Facts {
                    method,
                    content_type,
                    ..LOCAL
                };
                assert_eq!(
                    admit(Mode::Emulator, Door::Control, &facts, &policy())
                        .unwrap_err()
                        .status(),
                    415
                );
            }
            let utf16 = Facts {
                method,
                content_type: Some(b"application/json; charset=utf-16"),
                ..LOCAL
            };
            assert_eq!(
                admit(Mode::Emulator, Door::Control, &utf16, &policy())
                    .unwrap_err()
                    .status(),
                415
            );
            let json = Facts {
                method,
                content_type: Some(b"application/json"),
                origin: Some(b"http://127.0.0.1:3000"),
                ..LOCAL
            };
            assert_eq!(
                admit(Mode::Emulator, Door::Control, &json, &policy()),
                Ok(())
            );
            let api = Facts { method, ..LOCAL };
            assert_eq!(
                admit(Mode::Emulator, Door::Api, &api, &policy()),
                Ok(()),
                "the API checks its own bodies"
            );
        }
        let preflight = Facts {
            method: "OPTIONS",
            preflight: true,
            origin: Some(b"http://localhost:5173"),
            ..LOCAL
        };
        assert_eq!(
            admit(Mode::Emulator, Door::Control, &preflight, &policy()),
            Ok(())
        );
    }

    #[test]
    fn cors_is_open_only_where_no_secret_is() {
        let policy = policy();
        let from = |o: &'static [u8]| Some(o);
        assert_eq!(
            cors(
                Mode::Emulator,
                Door::Api,
                from(b"https://x.example"),
                &policy
            )
            .allow_origin,
            AllowOrigin::Any
        );
        assert_eq!(
            cors(Mode::Emulator, Door::Static, None, &policy).allow_origin,
            AllowOrigin::Any
        );
        let control = cors(
            Mode::Emulator,
            Door::Control,
            from(b"http://localhost:5173"),
            &policy,
        );
        assert_eq!(
            control.allow_origin,
            AllowOrigin::Only(b"http://localhost:5173")
        );
        assert!(!control.allow_headers.contains("skimmer-api-key"));
        assert_eq!(control.expose_headers, None);
        assert_eq!(
            cors(
                Mode::Emulator,
                Door::Control,
                from(b"https://evil.example"),
                &policy
            )
            .allow_origin,
            AllowOrigin::Nobody
        );
        assert_eq!(
            cors(Mode::Emulator, Door::Control, None, &policy).allow_origin,
            AllowOrigin::Nobody
        );
        let proxied = cors(
            Mode::Proxy,
            Door::Api,
            from(b"https://app.example"),
            &policy,
        );
        assert_eq!(
            proxied.allow_origin,
            AllowOrigin::Only(b"https://app.example")
        );
        assert!(
            !proxied.allow_headers.contains("x-emulator-fault"),
            "no faults in proxy mode"
        );
        assert!(proxied
            .expose_headers
            .unwrap()
            .contains("ratelimit-remaining"));
        assert!(cors(Mode::Emulator, Door::Api, None, &policy)
            .allow_headers
            .contains("x-emulator-fault"));
        let any = OriginPolicy::new(&["*".into()]);
        assert_eq!(
            cors(Mode::Proxy, Door::Api, from(b"https://x.example"), &any).allow_origin,
            AllowOrigin::Any
        );
    }
}
