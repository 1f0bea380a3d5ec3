//! [`Emulator`]: one request and the time in, one [`Exchange`] out.

use crate::options::{OptionError, Options};
use crate::policy::{self, Area, Facts, Mode, Outgoing};
use crate::request::{Now, Request};
use crate::requestlog::Entry;
use crate::response::{Exchange, Reply, Response};
use crate::state::State;
use skimmer_activity_logs::Activity;

/// The emulator of Skimmer's Customer Activity Logs API: the five routes with Skimmer's rules
/// (API key, rate limit, RFC 7807 problem details, the package's own validation), fault
/// injection, the control endpoints under `/__emulator/`, and the request policy that keeps
/// other web pages out of them. It holds its state in memory and does no I/O: a door (the HTTP
/// server, an in-process `fetch`) hands it each request with the time, and delivers the
/// [`Exchange`] it gives back.
///
/// It answers `/CustomerActivityLogs/…` and `/__emulator/…`; any other path is a 404 problem (the
/// server serves its static files before asking).
///
/// ```
/// use skimmer_emulator_core::{Emulator, Now, Options, Reply, Request};
///
/// let mut emulator = Emulator::new(Options::default()).unwrap();
/// let request = Request::new("GET", "/CustomerActivityLogs/cust-1001")
///     .header("host", "127.0.0.1:8787")
///     .header("skimmer-api-key", "demo-key");
/// let exchange = emulator.handle(&request, Now { unix_ms: 0, monotonic_ms: 0 });
/// let Reply::Answer(response) = exchange.reply else { panic!("no fault was asked for") };
/// assert_eq!(response.status, 200);
/// assert_eq!(response.headers.get("ratelimit-remaining"), Some("499"));
/// let list: Vec<serde_json::Value> = serde_json::from_slice(&response.body.into_bytes()).unwrap();
/// assert_eq!(list.len(), 6);
/// ```
#[derive(Clone, Debug)]
pub struct Emulator {
    state: State,
}

impl Emulator {
    /// An emulator with `options`, in its start state (see [`Options::check`] for what is
    /// refused).
    pub fn new(options: Options) -> Result<Emulator, OptionError> {
        options.check()?;
        Ok(Emulator {
            state: State::new(options),
        })
    }

    /// The options it was made with.
    pub fn options(&self) -> &Options {
        &self.state.options
    }

    /// Answers one request that arrived at `now`.
    ///
    /// In order: the request policy (a `Host` that is not loopback is 403, unless
    /// [`Options::loopback_host_only`] is off; control endpoints refuse other sites' pages and
    /// non-JSON changes; a CORS preflight is answered 204); then the API routes (key, rate
    /// limit, faults, the store) or the control endpoints; last, every answer gets its CORS
    /// headers, `X-Content-Type-Options: nosniff`, a `Content-Security-Policy` that lets nothing
    /// run, and an inert `Content-Type`.
    ///
    /// State changes at once, even when the reply is delayed ([`Exchange::delay_ms`]).
    pub fn handle(&mut self, request: &Request, now: Now) -> Exchange {
        let state = &mut self.state;
        let path = request.target().path;
        let area = Area::of(path);
        let mut facts = Facts::of(request);
        facts.any_host = !state.options.loopback_host_only;
        let mut outgoing = Outgoing {
            mode: Mode::Emulator,
            area,
            origin: facts.origin,
            preflight: facts.preflight,
            refused: false,
        };
        let mut exchange = match policy::admit(Mode::Emulator, area, &facts, &state.origins) {
            Err(refusal) => {
                outgoing.refused = true;
                Exchange::answer(state.answer(refusal.problem(Mode::Emulator)))
            }
            Ok(()) if facts.preflight => Exchange::answer(Response::new(204)),
            Ok(()) => match area {
                Area::Api => crate::api::handle(state, request, now),
                Area::Control if state.options.control_endpoints => {
                    Exchange::answer(crate::control::handle(state, request, now))
                }
                Area::Control | Area::Static => {
                    Exchange::answer(state.answer(crate::routing::no_route(&request.method, path)))
                }
            },
        };
        if let Reply::Answer(response) | Reply::Raw { response, .. } = &mut exchange.reply {
            policy::finish(&outgoing, &state.origins, response);
        }
        exchange
    }

    /// Records in the request log that the delayed reply of the entry `seq` (see
    /// [`Exchange::note`]) was delivered with `status`. A door calls it as it delivers a reply
    /// after [`Exchange::delay_ms`]; without the call, the entry's `status` stays `null` (the
    /// client went away first).
    pub fn answered(&mut self, seq: u64, status: u16) {
        self.state.log.set_status(seq, status);
    }

    /// Back to the start, as `POST /__emulator/reset`: the seeded customers (or none), an empty
    /// request log, no scripted faults, fresh rate-limit windows, random faults from their seed.
    pub fn reset(&mut self) {
        self.state.reset();
    }

    /// The ids of every customer, sorted.
    pub fn customer_ids(&self) -> Vec<String> {
        self.state.store.customer_ids()
    }

    /// The activities of `customer_id`, oldest first; `None` when there is no such customer.
    pub fn activities(&self, customer_id: &str) -> Option<Vec<Activity>> {
        let customer = self.state.store.customer(customer_id)?;
        Some(customer.activities().collect())
    }

    /// How many customers and activities the store holds.
    pub fn counts(&self) -> (usize, usize) {
        self.state.store.counts()
    }

    /// The request log, oldest first (what `GET /__emulator/requests` answers).
    pub fn requests(&self) -> Vec<Entry> {
        self.state.log.entries()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::RequestBody;

    const AT: Now = Now {
        unix_ms: 1_795_773_600_000,
        monotonic_ms: 5_000,
    };

    fn local(method: &str, target: &str) -> Request {
        Request::new(method, target).header("host", "127.0.0.1:8787")
    }

    fn answer(exchange: Exchange) -> Response {
        match exchange.reply {
            Reply::Answer(response) => response,
            other => panic!("{other:?}"),
        }
    }

    fn body_json(response: Response) -> serde_json::Value {
        serde_json::from_slice(&response.body.into_bytes()).unwrap()
    }

    #[test]
    fn a_create_is_stored_with_the_callers_clock_and_a_fresh_id() {
        let mut emulator = Emulator::new(Options::default()).unwrap();
        let request = local("POST", "/CustomerActivityLogs/cust-1001")
            .header("skimmer-api-key", "demo-key")
            .header("content-type", "application/json")
            .body(RequestBody::Bytes(
                br#"{"type":"Call","title":"Hi"}"#.to_vec(),
            ));
        let response = answer(emulator.handle(&request, AT));
        assert_eq!(response.status, 201);
        let location = response.headers.get("location").unwrap().to_owned();
        let created = body_json(response);
        assert_eq!(created["createdAt"], "2026-11-27T10:00:00.000Z");
        assert_eq!(
            location,
            format!(
                "/CustomerActivityLogs/cust-1001/{}",
                created["id"].as_str().unwrap()
            )
        );
        let stored = emulator.activities("cust-1001").unwrap();
        assert_eq!(stored.len(), 7);
        assert_eq!(stored[6].title, "Hi");
        assert_eq!(emulator.counts(), (3, 18));
        emulator.reset();
        assert_eq!(emulator.activities("cust-1001").unwrap().len(), 6);
        assert_eq!(emulator.activities("nobody"), None);
        assert_eq!(
            emulator.customer_ids(),
            ["cust-1001", "cust-1002", "cust-1003"]
        );
    }

    #[test]
    fn the_rate_limit_runs_on_the_callers_monotonic_clock() {
        let options = Options {
            rate_limit: 2,
            rate_window_ms: 1000,
            ..Options::default()
        };
        let mut emulator = Emulator::new(options).unwrap();
        let request =
            local("GET", "/CustomerActivityLogs/cust-1002").header("skimmer-api-key", "demo-key");
        let at = |ms| Now {
            unix_ms: 0,
            monotonic_ms: ms,
        };
        let statuses: Vec<u16> = [0, 10, 999, 1000]
            .into_iter()
            .map(|ms| answer(emulator.handle(&request, at(ms))).status)
            .collect();
        assert_eq!(statuses, [200, 200, 429, 200]);
    }

    #[test]
    fn a_delayed_reply_is_logged_without_a_status_until_answered() {
        let mut emulator = Emulator::new(Options::default()).unwrap();
        let request = local("GET", "/CustomerActivityLogs/cust-1001")
            .header("skimmer-api-key", "demo-key")
            .header("x-emulator-fault", "delay-ms=300;status=503");
        let exchange = emulator.handle(&request, AT);
        assert_eq!(exchange.delay_ms, 300);
        assert_eq!(exchange.status(), Some(503));
        let note = exchange.note.clone().unwrap();
        assert_eq!(
            note.fault,
            Some(("status=503;delay-ms=300".to_owned(), "header"))
        );
        assert_eq!(emulator.requests()[0].status, None);
        emulator.answered(note.seq, 503);
        assert_eq!(emulator.requests()[0].status, Some(503));
        let dropped = local("GET", "/CustomerActivityLogs/cust-1001")
            .header("skimmer-api-key", "demo-key")
            .header("x-emulator-fault", "drop");
        let exchange = emulator.handle(&dropped, AT);
        assert!(matches!(exchange.reply, Reply::Drop));
        assert_eq!(emulator.requests()[1].status, None);
    }

    #[test]
    fn the_policy_holds_unless_there_is_no_host_to_check() {
        let mut emulator = Emulator::new(Options::default()).unwrap();
        let rebound =
            Request::new("GET", "/__emulator/requests").header("host", "rebind.evil.example");
        let refused = answer(emulator.handle(&rebound, AT));
        assert_eq!(refused.status, 403);
        assert_eq!(
            refused.headers.get("x-content-type-options"),
            Some("nosniff")
        );
        assert_eq!(
            refused.headers.get("content-security-policy"),
            Some(crate::policy::API_CSP)
        );
        let no_host = Request::new("GET", "/CustomerActivityLogs/cust-1001")
            .header("skimmer-api-key", "demo-key");
        assert_eq!(answer(emulator.handle(&no_host, AT)).status, 403);
        let mut in_process = Emulator::new(Options {
            loopback_host_only: false,
            ..Options::default()
        })
        .unwrap();
        let response =
            answer(in_process.handle(&no_host.clone().header("origin", "https://app.example"), AT));
        assert_eq!(response.status, 200);
        assert_eq!(
            response.headers.get("access-control-allow-origin"),
            Some("*")
        );
        let reset =
            Request::new("POST", "/__emulator/reset").header("origin", "https://evil.example");
        assert_eq!(
            answer(in_process.handle(&reset, AT)).status,
            403,
            "origins still count"
        );
    }

    #[test]
    fn control_endpoints_can_be_turned_off_and_other_paths_are_404() {
        let mut emulator = Emulator::new(Options {
            control_endpoints: false,
            ..Options::default()
        })
        .unwrap();
        for path in [
            "/__emulator/health",
            "/",
            "/index.html",
            "/CustomerActivityLogs/a/b/c",
        ] {
            let response = answer(emulator.handle(&local("GET", path), AT));
            assert_eq!(response.status, 404, "{path}");
            assert_eq!(
                response.headers.get("content-type"),
                Some(crate::problem::PROBLEM_CONTENT_TYPE)
            );
        }
    }
}
