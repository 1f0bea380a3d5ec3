//! Who may ask what, and what every answer carries: the emulator's request policy, as plain
//! functions of a request's method, path and headers. [`crate::Emulator::handle`] applies them
//! to the API and control endpoints; the HTTP server applies the same functions to static files
//! and to proxy mode.
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

use crate::media::{check_json_body_type, inert_answer_type, NotJson};
use crate::origins::{is_loopback_host, OriginPolicy};
use crate::problem::Problem;
use crate::request::Request;
use crate::response::Response;
use std::borrow::Cow;

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

/// Which part of the server a path belongs to (the path's area).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
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

impl Area {
    /// The area of a request path.
    pub fn of(path: &str) -> Area {
        if under(path, API_PREFIX) {
            Area::Api
        } else if under(path, CONTROL_PREFIX) {
            Area::Control
        } else {
            Area::Static
        }
    }
}

/// What the policy looks at in a request.
#[derive(Clone, Copy, Debug, Default)]
pub struct Facts<'a> {
    /// No network is involved (an in-process door): there is no `Host` to check.
    pub any_host: bool,
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

impl<'a> Facts<'a> {
    /// The facts of `request` (with a `Host` to check).
    pub fn of(request: &'a Request) -> Facts<'a> {
        let origin = request.header_value("origin");
        let method = request.method.as_str();
        Facts {
            any_host: false,
            method,
            host: request.header_value("host"),
            target_authority: request.target().authority,
            origin,
            fetch_site: request.header_value("sec-fetch-site"),
            content_type: request.header_value("content-type"),
            preflight: is_preflight(
                method,
                origin,
                request.header_value("access-control-request-method"),
            ),
        }
    }
}

/// Whether a request is a CORS preflight: `OPTIONS` with `Origin` and
/// `Access-Control-Request-Method`.
pub fn is_preflight(method: &str, origin: Option<&[u8]>, request_method: Option<&[u8]>) -> bool {
    method == "OPTIONS" && origin.is_some() && request_method.is_some()
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

impl Refusal {
    /// The problem that answers it.
    pub fn problem(&self, mode: Mode) -> Problem {
        Problem::new(self.status()).detail(self.detail(mode))
    }
}

/// Whether `method` reads only.
fn reads_only(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "OPTIONS")
}

/// Whether `area` checks `Origin` in `mode`.
fn checks_origin(mode: Mode, area: Area) -> bool {
    mode == Mode::Proxy || area == Area::Control
}

/// Whether `area` refuses requests browsers mark cross-site without an allowed `Origin`.
fn refuses_cross_site(mode: Mode, area: Area) -> bool {
    matches!((mode, area), (Mode::Proxy, Area::Api) | (_, Area::Control))
}

/// Whether the request may go on to its route.
pub fn admit(
    mode: Mode,
    area: Area,
    facts: &Facts<'_>,
    origins: &OriginPolicy,
) -> Result<(), Refusal> {
    let host_ok = facts.any_host
        || (facts.host.is_some_and(is_loopback_host)
            && facts
                .target_authority
                .is_none_or(|a| is_loopback_host(a.as_bytes())));
    if !host_ok {
        return Err(Refusal::NotLoopbackHost);
    }
    if mode == Mode::Proxy && area == Area::Control {
        return Err(Refusal::NoControlEndpoints);
    }
    if checks_origin(mode, area) {
        match facts.origin {
            Some(origin) if !origins.allows(origin) => return Err(Refusal::OriginNotAllowed),
            Some(_) => {}
            None => {
                let cross = facts.fetch_site.is_some_and(|s| {
                    s.eq_ignore_ascii_case(b"cross-site") || s.eq_ignore_ascii_case(b"same-site")
                });
                if cross && refuses_cross_site(mode, area) {
                    return Err(Refusal::CrossSite);
                }
            }
        }
    }
    if mode == Mode::Emulator
        && area == Area::Control
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

/// The CORS answer of `area` in `mode` to a request from `origin` (one that [`admit`] let in).
pub fn cors<'a>(
    mode: Mode,
    area: Area,
    origin: Option<&'a [u8]>,
    origins: &OriginPolicy,
) -> Cors<'a> {
    let allow_origin = match (mode, area, origin) {
        (Mode::Emulator, Area::Api | Area::Static, _) => AllowOrigin::Any,
        (Mode::Proxy, _, _) if origins.allows_any() => AllowOrigin::Any,
        (_, _, Some(origin)) if origins.allows(origin) => AllowOrigin::Only(origin),
        _ => AllowOrigin::Nobody,
    };
    let allow_headers = match (mode, area) {
        (Mode::Emulator, Area::Api) => "skimmer-api-key,content-type,accept,x-emulator-fault",
        (_, Area::Control) => "content-type,accept",
        _ => "skimmer-api-key,content-type,accept",
    };
    Cors {
        allow_origin,
        allow_headers,
        allow_methods: "GET,POST,PUT,DELETE",
        expose_headers: (area == Area::Api)
            .then_some("ratelimit-limit,ratelimit-remaining,ratelimit-reset,retry-after,location"),
        max_age: 600,
    }
}

/// Whether an answer carries [`API_CSP`] and only inert media types: every answer on the API
/// and control areas, every refusal, and the error answers of the static area (its problem
/// details); not the static files themselves, nor their 304s (whose headers a browser would
/// copy onto the cached page).
pub fn is_data_answer(area: Area, refused: bool, status: u16) -> bool {
    area != Area::Static || refused || status >= 400
}

/// What an answer goes out to: what [`finishing`] needs to know of the request.
#[derive(Clone, Copy, Debug)]
pub struct Outgoing<'a> {
    /// The server's mode.
    pub mode: Mode,
    /// The request path's area.
    pub area: Area,
    /// The request's `Origin`.
    pub origin: Option<&'a [u8]>,
    /// Whether the request was a CORS preflight.
    pub preflight: bool,
    /// Whether [`admit`] refused the request.
    pub refused: bool,
}

/// One header an answer gets on its way out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The header's name, lower case.
    pub name: &'static str,
    /// Its value.
    pub value: Cow<'static, str>,
    /// Added after the values the answer has (`Vary`), rather than replacing them.
    pub append: bool,
}

fn set(name: &'static str, value: impl Into<Cow<'static, str>>) -> Edit {
    Edit {
        name,
        value: value.into(),
        append: false,
    }
}

/// The headers every answer to `to` gets, whoever made it (the core, the static files, an
/// upstream): CORS as [`cors`] says, `X-Content-Type-Options: nosniff`, and on data answers
/// ([`is_data_answer`]) [`API_CSP`] and, when its `content_type` is not inert, a plain-text one.
pub fn finishing(
    to: &Outgoing<'_>,
    origins: &OriginPolicy,
    status: u16,
    content_type: Option<&[u8]>,
) -> Vec<Edit> {
    let mut edits = Vec::with_capacity(6);
    let cors = cors(to.mode, to.area, to.origin, origins);
    match cors.allow_origin {
        AllowOrigin::Nobody => {}
        AllowOrigin::Any => edits.push(set("access-control-allow-origin", "*")),
        AllowOrigin::Only(origin) => {
            // An origin let in is ASCII (loopback or given by --allow-origin).
            if let Ok(origin) = std::str::from_utf8(origin) {
                edits.push(set("access-control-allow-origin", origin.to_owned()));
            }
            edits.push(Edit {
                name: "vary",
                value: Cow::Borrowed("origin"),
                append: true,
            });
        }
    }
    if cors.allow_origin != AllowOrigin::Nobody {
        if to.preflight {
            edits.push(set("access-control-allow-methods", cors.allow_methods));
            edits.push(set("access-control-allow-headers", cors.allow_headers));
            edits.push(set("access-control-max-age", cors.max_age.to_string()));
        } else if let Some(expose) = cors.expose_headers {
            edits.push(set("access-control-expose-headers", expose));
        }
    }
    edits.push(set("x-content-type-options", "nosniff"));
    if is_data_answer(to.area, to.refused, status) {
        edits.push(set("content-security-policy", API_CSP));
        if let Some(inert) = inert_answer_type(content_type) {
            edits.push(set("content-type", inert));
        }
    }
    edits
}

/// Applies [`finishing`] to `response`.
pub fn finish(to: &Outgoing<'_>, origins: &OriginPolicy, response: &mut Response) {
    let content_type = response.headers.get("content-type").map(str::as_bytes);
    for edit in finishing(to, origins, response.status, content_type) {
        if edit.append {
            response.headers.append(edit.name, edit.value);
        } else {
            response.headers.set(edit.name, edit.value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCAL: Facts<'static> = Facts {
        any_host: false,
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
    fn areas_follow_the_path() {
        assert_eq!(Area::of("/CustomerActivityLogs/c/1"), Area::Api);
        assert_eq!(Area::of("/CustomerActivityLogs"), Area::Api);
        assert_eq!(Area::of("/CustomerActivityLogsX"), Area::Static);
        assert_eq!(Area::of("/__emulator/requests"), Area::Control);
        assert_eq!(Area::of("/__emulator"), Area::Control);
        assert_eq!(Area::of("/__emulatorx"), Area::Static);
        assert_eq!(Area::of("/pkg/x.wasm"), Area::Static);
        assert_eq!(Area::of("/"), Area::Static);
    }

    #[test]
    fn every_area_in_both_modes_needs_a_loopback_host() {
        for mode in [Mode::Emulator, Mode::Proxy] {
            for area in [Area::Api, Area::Control, Area::Static] {
                for host in [&b"evil.example:8787"[..], b"127.0.0.1.evil.example", b""] {
                    let facts = Facts {
                        host: Some(host),
                        ..LOCAL
                    };
                    assert_eq!(
                        admit(mode, area, &facts, &policy()),
                        Err(Refusal::NotLoopbackHost)
                    );
                }
                let none = Facts {
                    host: None,
                    ..LOCAL
                };
                assert_eq!(
                    admit(mode, area, &none, &policy()),
                    Err(Refusal::NotLoopbackHost)
                );
                let absolute = Facts {
                    target_authority: Some("evil.example"),
                    ..LOCAL
                };
                assert_eq!(
                    admit(mode, area, &absolute, &policy()),
                    Err(Refusal::NotLoopbackHost)
                );
            }
        }
        assert_eq!(admit(Mode::Emulator, Area::Api, &LOCAL, &policy()), Ok(()));
        let localhost = Facts {
            host: Some(b"localhost:1"),
            target_authority: Some("[::1]:2"),
            ..LOCAL
        };
        assert_eq!(admit(Mode::Proxy, Area::Api, &localhost, &policy()), Ok(()));
    }

    #[test]
    fn proxy_mode_has_no_control_endpoints_and_checks_origins_everywhere() {
        assert_eq!(
            admit(Mode::Proxy, Area::Control, &LOCAL, &policy()),
            Err(Refusal::NoControlEndpoints)
        );
        for area in [Area::Api, Area::Static] {
            let evil = Facts {
                origin: Some(b"https://evil.example"),
                ..LOCAL
            };
            assert_eq!(
                admit(Mode::Proxy, area, &evil, &policy()),
                Err(Refusal::OriginNotAllowed)
            );
            for good in [&b"https://app.example"[..], b"http://localhost:5173"] {
                let facts = Facts {
                    origin: Some(good),
                    ..LOCAL
                };
                assert_eq!(admit(Mode::Proxy, area, &facts, &policy()), Ok(()));
            }
        }
        // A navigation or an <img> from another site: no Origin, but Sec-Fetch-Site says so.
        for site in [&b"cross-site"[..], b"same-site", b"Cross-Site"] {
            let facts = Facts {
                fetch_site: Some(site),
                ..LOCAL
            };
            assert_eq!(
                admit(Mode::Proxy, Area::Api, &facts, &policy()),
                Err(Refusal::CrossSite)
            );
            assert_eq!(
                admit(Mode::Proxy, Area::Static, &facts, &policy()),
                Ok(()),
                "a link to the page"
            );
        }
        for site in [&b"same-origin"[..], b"none"] {
            let facts = Facts {
                fetch_site: Some(site),
                ..LOCAL
            };
            assert_eq!(admit(Mode::Proxy, Area::Api, &facts, &policy()), Ok(()));
        }
        let allowed_cross = Facts {
            origin: Some(b"https://app.example"),
            fetch_site: Some(b"cross-site"),
            ..LOCAL
        };
        assert_eq!(
            admit(Mode::Proxy, Area::Api, &allowed_cross, &policy()),
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
        assert_eq!(admit(Mode::Emulator, Area::Api, &evil, &policy()), Ok(()));
        assert_eq!(
            admit(Mode::Emulator, Area::Static, &evil, &policy()),
            Ok(())
        );
        assert_eq!(
            admit(Mode::Emulator, Area::Control, &evil, &policy()),
            Err(Refusal::OriginNotAllowed)
        );
        let navigation = Facts {
            fetch_site: Some(b"cross-site"),
            ..LOCAL
        };
        assert_eq!(
            admit(Mode::Emulator, Area::Control, &navigation, &policy()),
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
                    admit(Mode::Emulator, Area::Control, &facts, &policy())
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
                admit(Mode::Emulator, Area::Control, &utf16, &policy())
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
                admit(Mode::Emulator, Area::Control, &json, &policy()),
                Ok(())
            );
            let api = Facts { method, ..LOCAL };
            assert_eq!(
                admit(Mode::Emulator, Area::Api, &api, &policy()),
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
            admit(Mode::Emulator, Area::Control, &preflight, &policy()),
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
                Area::Api,
                from(b"https://x.example"),
                &policy
            )
            .allow_origin,
            AllowOrigin::Any
        );
        assert_eq!(
            cors(Mode::Emulator, Area::Static, None, &policy).allow_origin,
            AllowOrigin::Any
        );
        let control = cors(
            Mode::Emulator,
            Area::Control,
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
                Area::Control,
                from(b"https://evil.example"),
                &policy
            )
            .allow_origin,
            AllowOrigin::Nobody
        );
        assert_eq!(
            cors(Mode::Emulator, Area::Control, None, &policy).allow_origin,
            AllowOrigin::Nobody
        );
        let proxied = cors(
            Mode::Proxy,
            Area::Api,
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
        assert!(cors(Mode::Emulator, Area::Api, None, &policy)
            .allow_headers
            .contains("x-emulator-fault"));
        let exposed = cors(Mode::Emulator, Area::Api, None, &policy)
            .expose_headers
            .unwrap();
        for name in skimmer_activity_logs::error::RateLimit::HEADERS {
            assert!(exposed.contains(name), "{name} is exposed");
        }
        let any = OriginPolicy::new(&["*".into()]);
        assert_eq!(
            cors(Mode::Proxy, Area::Api, from(b"https://x.example"), &any).allow_origin,
            AllowOrigin::Any
        );
    }

    #[test]
    fn finishing_makes_data_answers_inert_and_grants_cors_only_where_due() {
        let policy = policy();
        let find = |edits: &[Edit], name: &str| {
            edits
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.value.to_string())
        };
        let api = Outgoing {
            mode: Mode::Emulator,
            area: Area::Api,
            origin: Some(b"https://x.example"),
            preflight: false,
            refused: false,
        };
        let edits = finishing(&api, &policy, 200, Some(b"text/html"));
        assert_eq!(
            find(&edits, "access-control-allow-origin").as_deref(),
            Some("*")
        );
        assert_eq!(
            find(&edits, "x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(
            find(&edits, "content-security-policy").as_deref(),
            Some(API_CSP)
        );
        assert_eq!(
            find(&edits, "content-type").as_deref(),
            Some(crate::media::FALLBACK_TYPE)
        );
        assert!(find(&edits, "access-control-expose-headers")
            .unwrap()
            .contains("ratelimit-reset"));
        let json = finishing(&api, &policy, 200, Some(b"application/json"));
        assert_eq!(find(&json, "content-type"), None, "an inert type stays");
        // A static page keeps its type and gets no CSP; its refusals and errors do.
        let page = Outgoing {
            area: Area::Static,
            origin: None,
            ..api
        };
        let edits = finishing(&page, &policy, 200, Some(b"text/html"));
        assert_eq!(find(&edits, "content-type"), None);
        assert_eq!(find(&edits, "content-security-policy"), None);
        assert_eq!(
            find(&edits, "x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert!(find(
            &finishing(&page, &policy, 404, None),
            "content-security-policy"
        )
        .is_some());
        // A control preflight from a loopback page: its own origin, Vary, the preflight grant.
        let control = Outgoing {
            area: Area::Control,
            origin: Some(b"http://localhost:5173"),
            preflight: true,
            ..api
        };
        let mut response = Response::new(204);
        response.headers.set("vary", "accept");
        finish(&control, &policy, &mut response);
        assert_eq!(
            response.headers.get("access-control-allow-origin"),
            Some("http://localhost:5173")
        );
        let vary: Vec<_> = response
            .headers
            .iter()
            .filter(|(n, _)| *n == "vary")
            .collect();
        assert_eq!(vary.len(), 2);
        assert_eq!(response.headers.get("access-control-max-age"), Some("600"));
        assert_eq!(
            response.headers.get("access-control-allow-headers"),
            Some("content-type,accept")
        );
        let elsewhere = Outgoing {
            origin: Some(b"https://evil.example"),
            refused: true,
            preflight: false,
            ..control
        };
        let edits = finishing(&elsewhere, &policy, 403, Some(b"application/problem+json"));
        assert_eq!(find(&edits, "access-control-allow-origin"), None);
    }

    #[test]
    fn the_facts_of_a_request_are_its_headers() {
        let request = Request::new("OPTIONS", "http://localhost:1/x")
            .header("Host", "127.0.0.1:1")
            .header("Origin", "http://localhost:5173")
            .header("Access-Control-Request-Method", "POST")
            .header("Sec-Fetch-Site", "same-site")
            .header("Content-Type", "application/json");
        let facts = Facts::of(&request);
        assert!(facts.preflight && !facts.any_host);
        assert_eq!(facts.target_authority, Some("localhost:1"));
        assert_eq!(facts.host, Some(&b"127.0.0.1:1"[..]));
        assert_eq!(facts.fetch_site, Some(&b"same-site"[..]));
        assert_eq!(facts.content_type, Some(&b"application/json"[..]));
        assert!(!Facts::of(&Request::new("OPTIONS", "/")).preflight);
    }
}
