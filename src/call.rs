//! One call of the client as a state machine with no I/O: what to do after each event of the
//! call (an attempt ended, a wait ended, the caller aborted), decided here and done by the shell.
//!
//! The shell sends the request, sleeps and reads the clock; [`Call`] only answers "what next":
//! send, wait so long, decode the answer, or fail with which error. So the whole call loop (the
//! retry policy applied attempt after attempt, redirects refused, timeouts and aborts final) is
//! tested natively below with a scripted transport and a fixed clock, and the wasm build needs
//! no Rust async runtime: `fetch.js` is a loop of a few lines that performs the actions.
//!
//! ```text
//! start ─► Send ─► attempt ended ─► Decode            (2xx: the shell decodes the body)
//!                      │         └► Fail(..)          (final: redirect, 4xx/5xx, timeout …)
//!                      └► Wait(ms) ─► woken ─► Send …  (a retry)
//!                            └─ aborted ─► Fail(Aborted)
//! ```

use crate::error::is_redirect;
use crate::retry::{decide, is_success, Attempts, Decision, Outcome, RetryPolicy};
use crate::routes::Method;

/// An answer's headers, read only when a decision needs one (a successful call reads none).
pub trait Headers {
    /// The value of the header `name` (given in lower case), if the answer has it.
    fn get(&self, name: &str) -> Option<String>;
}

/// The clock and the randomness a retry decision needs.
pub trait Clock {
    /// The time, in milliseconds since the Unix epoch (for `Retry-After` dates).
    fn now_ms(&self) -> f64;
    /// A random number in `[0, 1)`, to jitter backoff.
    fn random(&self) -> f64;
}

/// How one attempt ended, as the shell saw it.
pub enum Attempt<'a, H> {
    /// The server answered with `status`.
    Answer {
        /// The HTTP status.
        status: u16,
        /// Its headers.
        headers: &'a H,
    },
    /// A browser's opaque answer to a redirect: the status and target are hidden.
    OpaqueRedirect,
    /// The `fetch` used followed a redirect although told not to (an injected `fetch` that drops
    /// `redirect`); the URL it ended at, when known.
    Redirected {
        /// The final URL of the answer.
        url: Option<&'a str>,
    },
    /// `fetch` failed: no answer (refused, DNS, CORS, the connection lost).
    NetworkError,
    /// The per-attempt timeout elapsed.
    Timeout,
    /// The caller's signal aborted the attempt.
    Aborted,
}

/// What the shell does next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Send an attempt (the first, or the next after a wait).
    Send,
    /// Wait this many milliseconds, then report [`Call::on_woken`] (or [`Call::on_aborted`]).
    Wait(u32),
    /// The answer is a success: decode its body; that is the call's result.
    Decode,
    /// The call is over and failed.
    Fail(Failure),
}

/// Why a call failed: which error it rejects with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The last answer's status was not 2xx: an `ApiError` built from that answer.
    Api,
    /// `fetch` failed: a `NetworkError` with what it rejected with.
    Network,
    /// A `TimeoutError`.
    Timeout,
    /// The caller aborted: reject with the signal's reason.
    Aborted,
    /// A `RedirectError`: the client never follows a redirect (the key stays with the base
    /// URL). The status and target, where the platform shows them.
    Redirect {
        /// The redirect's status.
        status: Option<u16>,
        /// Its `Location` (or where a followed redirect ended).
        location: Option<String>,
    },
}

/// Where a call is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    New,
    Sending,
    Waiting,
    Over,
}

/// One call in flight: its method and retry policy, and the retries made so far.
#[derive(Clone, Debug)]
pub struct Call {
    method: Method,
    policy: RetryPolicy,
    attempts: Attempts,
    state: State,
}

impl Call {
    /// A call of `method` under `policy`, not started.
    pub fn new(method: Method, policy: RetryPolicy) -> Call {
        Call {
            method,
            policy,
            attempts: Attempts::default(),
            state: State::New,
        }
    }

    /// The first action: send.
    pub fn start(&mut self) -> Action {
        debug_assert_eq!(self.state, State::New);
        self.send()
    }

    /// The action after an attempt ended as `attempt`.
    ///
    /// - 2xx: decode. A redirect (any 3xx but 304; a browser's opaque one; one an injected
    ///   `fetch` followed anyway): fail, never retried, never followed.
    /// - A timeout or an abort: fail; a timeout is not retried.
    /// - Any other status or a network failure: wait and send again if the retry policy says so
    ///   (reading `Retry-After` and the clock only then), else fail.
    pub fn on_attempt<H: Headers>(
        &mut self,
        attempt: Attempt<'_, H>,
        clock: &impl Clock,
    ) -> Action {
        debug_assert_eq!(self.state, State::Sending);
        let (outcome, retry_after) = match attempt {
            Attempt::Answer { status, .. } if is_success(status) => return self.over(None),
            Attempt::Answer { status, headers } if is_redirect(status) => {
                let location = headers.get("location");
                return self.fail(Failure::Redirect {
                    status: Some(status),
                    location,
                });
            }
            Attempt::OpaqueRedirect => {
                return self.fail(Failure::Redirect {
                    status: None,
                    location: None,
                })
            }
            Attempt::Redirected { url } => {
                return self.fail(Failure::Redirect {
                    status: None,
                    location: url.filter(|u| !u.is_empty()).map(str::to_owned),
                })
            }
            Attempt::Timeout => return self.fail(Failure::Timeout),
            Attempt::Aborted => return self.fail(Failure::Aborted),
            Attempt::Answer { status, headers } => {
                (Outcome::Status(status), headers.get("retry-after"))
            }
            Attempt::NetworkError => (Outcome::NetworkError, None),
        };
        let decision = decide(
            &self.policy,
            &mut self.attempts,
            self.method,
            outcome,
            retry_after.as_deref(),
            clock.now_ms(),
            clock.random(),
        );
        match (decision, outcome) {
            (Decision::Retry { wait_ms }, _) => {
                self.state = State::Waiting;
                Action::Wait(wait_ms)
            }
            (Decision::Stop, Outcome::NetworkError) => self.fail(Failure::Network),
            (Decision::Stop, _) => self.fail(Failure::Api),
        }
    }

    /// The action after a wait ended: send again.
    pub fn on_woken(&mut self) -> Action {
        debug_assert_eq!(self.state, State::Waiting);
        self.send()
    }

    /// The action after the caller aborted during a wait: fail with the signal's reason.
    pub fn on_aborted(&mut self) -> Action {
        self.fail(Failure::Aborted)
    }

    /// The retries made so far.
    pub fn attempts(&self) -> Attempts {
        self.attempts
    }

    fn send(&mut self) -> Action {
        self.state = State::Sending;
        Action::Send
    }

    fn fail(&mut self, failure: Failure) -> Action {
        self.over(Some(failure))
    }

    fn over(&mut self, failure: Option<Failure>) -> Action {
        self.state = State::Over;
        failure.map_or(Action::Decode, Action::Fail)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::retry::MAX_WAIT_MS;
    use proptest::prelude::*;

    /// Headers as a list of pairs.
    struct Pairs(Vec<(&'static str, String)>);

    impl Headers for Pairs {
        fn get(&self, name: &str) -> Option<String> {
            self.0
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        }
    }

    /// A fixed clock: 2023-11-14T22:13:20Z, and jitter in the middle.
    struct Fixed;

    impl Clock for Fixed {
        fn now_ms(&self) -> f64 {
            1_700_000_000_000.0
        }
        fn random(&self) -> f64 {
            0.5
        }
    }

    /// What the scripted transport answers an attempt with.
    #[derive(Clone, Debug)]
    enum Scripted {
        Status(u16, &'static [(&'static str, &'static str)]),
        Opaque,
        Followed(&'static str),
        Network,
        Timeout,
        Aborted,
    }

    /// What a driven call did: the attempts sent, the waits slept, and how it ended.
    #[derive(Debug, PartialEq, Eq)]
    struct Run {
        sent: usize,
        waits: Vec<u32>,
        end: Action,
    }

    /// Drives `call` as the shell does, the transport answering from `script` in turn (the last
    /// answer repeats) and the caller aborting during wait number `abort_in_wait`, if given.
    fn drive(mut call: Call, script: &[Scripted], abort_in_wait: Option<usize>) -> Run {
        let mut run = Run {
            sent: 0,
            waits: vec![],
            end: Action::Send,
        };
        let mut action = call.start();
        for _ in 0..1000 {
            action = match action {
                Action::Send => {
                    let scripted = &script[run.sent.min(script.len() - 1)];
                    run.sent += 1;
                    let headers;
                    let attempt = match scripted {
                        Scripted::Status(status, pairs) => {
                            headers =
                                Pairs(pairs.iter().map(|(n, v)| (*n, v.to_string())).collect());
                            Attempt::Answer {
                                status: *status,
                                headers: &headers,
                            }
                        }
                        Scripted::Opaque => Attempt::OpaqueRedirect,
                        Scripted::Followed(url) => Attempt::Redirected { url: Some(url) },
                        Scripted::Network => Attempt::NetworkError,
                        Scripted::Timeout => Attempt::Timeout,
                        Scripted::Aborted => Attempt::Aborted,
                    };
                    call.on_attempt(attempt, &Fixed)
                }
                Action::Wait(ms) => {
                    run.waits.push(ms);
                    if abort_in_wait == Some(run.waits.len()) {
                        call.on_aborted()
                    } else {
                        call.on_woken()
                    }
                }
                end => {
                    run.end = end;
                    return run;
                }
            };
        }
        panic!("the call never ended");
    }

    fn call(method: Method) -> Call {
        Call::new(method, RetryPolicy::DEFAULT)
    }

    const NONE: &[(&str, &str)] = &[];

    #[test]
    fn a_429_waits_what_retry_after_says_then_succeeds() {
        let script = [
            Scripted::Status(429, &[("retry-after", "1")]),
            Scripted::Status(200, NONE),
        ];
        let run = drive(call(Method::Get), &script, None);
        assert_eq!(
            run,
            Run {
                sent: 2,
                waits: vec![1000],
                end: Action::Decode
            }
        );
    }

    #[test]
    fn an_abort_during_the_wait_ends_the_call_at_once() {
        let script = [Scripted::Status(429, &[("retry-after", "10")])];
        let run = drive(call(Method::Get), &script, Some(1));
        assert_eq!(
            run,
            Run {
                sent: 1,
                waits: vec![10_000],
                end: Action::Fail(Failure::Aborted)
            }
        );
    }

    #[test]
    fn a_post_is_never_retried_after_a_503_or_a_network_failure() {
        let run = drive(call(Method::Post), &[Scripted::Status(503, NONE)], None);
        assert_eq!((run.sent, run.end), (1, Action::Fail(Failure::Api)));
        let run = drive(call(Method::Post), &[Scripted::Network], None);
        assert_eq!((run.sent, run.end), (1, Action::Fail(Failure::Network)));
        // A 429 is a refusal, so even a POST is sent again.
        let script = [Scripted::Status(429, NONE), Scripted::Status(201, NONE)];
        let run = drive(call(Method::Post), &script, None);
        assert_eq!((run.sent, run.end), (2, Action::Decode));
    }

    #[test]
    fn a_get_after_two_503s_succeeds_on_the_third_attempt() {
        let script = [
            Scripted::Status(503, NONE),
            Scripted::Status(503, NONE),
            Scripted::Status(200, NONE),
        ];
        let run = drive(call(Method::Get), &script, None);
        assert_eq!(
            run,
            Run {
                sent: 3,
                waits: vec![500, 1000],
                end: Action::Decode
            }
        );
    }

    #[test]
    fn timeouts_and_aborts_are_final() {
        for method in [Method::Get, Method::Put, Method::Delete, Method::Post] {
            let run = drive(call(method), &[Scripted::Timeout], None);
            assert_eq!((run.sent, run.end), (1, Action::Fail(Failure::Timeout)));
            let run = drive(call(method), &[Scripted::Aborted], None);
            assert_eq!((run.sent, run.end), (1, Action::Fail(Failure::Aborted)));
        }
    }

    #[test]
    fn at_most_max_retries_of_each_cause() {
        for max in [0, 1, 3] {
            let policy = RetryPolicy::with_max_retries(max);
            for scripted in [
                Scripted::Status(429, NONE),
                Scripted::Status(503, NONE),
                Scripted::Network,
            ] {
                let run = drive(
                    Call::new(Method::Get, policy),
                    std::slice::from_ref(&scripted),
                    None,
                );
                assert_eq!(run.sent, max as usize + 1, "{scripted:?}");
                assert_eq!(run.waits.len(), max as usize);
            }
        }
        let run = drive(
            Call::new(Method::Get, RetryPolicy::NONE),
            &[Scripted::Status(429, &[("retry-after", "1")])],
            None,
        );
        assert_eq!((run.sent, run.end), (1, Action::Fail(Failure::Api)));
        // Each cause has its own count: two 429s and two 503s under `maxRetries: 2`.
        let script = [
            Scripted::Status(429, NONE),
            Scripted::Status(503, NONE),
            Scripted::Status(429, NONE),
            Scripted::Status(503, NONE),
            Scripted::Status(503, NONE),
        ];
        let run = drive(
            Call::new(Method::Get, RetryPolicy::with_max_retries(2)),
            &script,
            None,
        );
        assert_eq!((run.sent, run.end), (5, Action::Fail(Failure::Api)));
        // By default: five 429s, two transient failures.
        let run = drive(call(Method::Get), &[Scripted::Status(429, NONE)], None);
        assert_eq!(run.waits, [1000, 2000, 4000, 8000, 16000]);
        let run = drive(call(Method::Delete), &[Scripted::Network], None);
        assert_eq!((run.sent, run.end), (3, Action::Fail(Failure::Network)));
    }

    #[test]
    fn redirects_are_refused_at_once_and_never_retried() {
        for status in [300, 301, 302, 303, 305, 307, 308, 399] {
            let script = [Scripted::Status(status, &[("location", "http://o:81/y")])];
            let run = drive(call(Method::Post), &script, None);
            let refused = Failure::Redirect {
                status: Some(status),
                location: Some("http://o:81/y".into()),
            };
            assert_eq!((run.sent, run.end), (1, Action::Fail(refused)), "{status}");
        }
        let run = drive(call(Method::Get), &[Scripted::Status(302, NONE)], None);
        let refused = Failure::Redirect {
            status: Some(302),
            location: None,
        };
        assert_eq!(run.end, Action::Fail(refused));
        let run = drive(call(Method::Get), &[Scripted::Opaque], None);
        let hidden = Failure::Redirect {
            status: None,
            location: None,
        };
        assert_eq!((run.sent, run.end), (1, Action::Fail(hidden)));
        let run = drive(call(Method::Get), &[Scripted::Followed("http://o/y")], None);
        let followed = Failure::Redirect {
            status: None,
            location: Some("http://o/y".into()),
        };
        assert_eq!((run.sent, run.end), (1, Action::Fail(followed)));
        // 304 redirects nowhere: an ApiError like any other final status.
        let run = drive(call(Method::Get), &[Scripted::Status(304, NONE)], None);
        assert_eq!((run.sent, run.end), (1, Action::Fail(Failure::Api)));
    }

    #[test]
    fn other_statuses_are_final() {
        for status in [400, 401, 403, 404, 409, 500, 501, 505] {
            let run = drive(call(Method::Get), &[Scripted::Status(status, NONE)], None);
            assert_eq!(
                (run.sent, run.end),
                (1, Action::Fail(Failure::Api)),
                "{status}"
            );
        }
        for status in [200, 201, 204, 299] {
            let run = drive(call(Method::Get), &[Scripted::Status(status, NONE)], None);
            assert_eq!((run.sent, run.end), (1, Action::Decode), "{status}");
        }
    }

    fn scripted() -> impl Strategy<Value = Scripted> {
        prop_oneof![
            4 => prop_oneof![Just(200u16), Just(429), Just(502), Just(503), Just(504), 100u16..600]
                .prop_map(|s| Scripted::Status(s, &[])),
            1 => Just(Scripted::Status(429, &[("retry-after", "100000")])),
            1 => Just(Scripted::Network),
            1 => Just(Scripted::Timeout),
            1 => Just(Scripted::Opaque),
        ]
    }

    proptest! {
        /// Whatever the server does, a call ends, within the policy's retries, and every wait is
        /// capped; a POST is only ever sent again after a 429.
        #[test]
        fn every_call_ends_within_its_retries(
            script in proptest::collection::vec(scripted(), 1..12),
            post in any::<bool>(),
            max in proptest::option::of(0u32..4),
        ) {
            let method = if post { Method::Post } else { Method::Get };
            let policy = max.map_or(RetryPolicy::DEFAULT, RetryPolicy::with_max_retries);
            let run = drive(Call::new(method, policy), &script, None);
            prop_assert!(run.sent <= 1 + 5 + 2);
            prop_assert_eq!(run.waits.len(), run.sent - 1);
            prop_assert!(run.waits.iter().all(|w| *w <= MAX_WAIT_MS));
            // `maxRetries` caps each cause: retries after 429s, and after transient failures.
            // The attempts that were retried (the script's last answer repeats).
            let retried: Vec<&Scripted> =
                (0..run.sent - 1).map(|i| &script[i.min(script.len() - 1)]).collect();
            let after_429 = retried.iter().filter(|s| matches!(s, Scripted::Status(429, _))).count();
            let limit = policy.rate_limited.max(policy.transient) as usize;
            prop_assert!(after_429 <= policy.rate_limited as usize);
            prop_assert!(retried.len() - after_429 <= policy.transient as usize);
            prop_assert!(run.sent <= 2 * limit + 1);
            if post {
                prop_assert_eq!(after_429, retried.len(), "a POST is resent only after a 429");
            }
            prop_assert!(!matches!(run.end, Action::Send | Action::Wait(_)));
        }
    }
}
