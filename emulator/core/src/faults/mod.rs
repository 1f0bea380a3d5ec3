//! Fault injection for tests: latency, a given status, hostile bodies and dropped connections.
//!
//! A fault comes from one of three places, checked in this order on every API request that
//! passed the key check and the rate limit (so a fault never reaches the handler and never
//! changes stored state, a delay alone aside):
//! 1. the request header `x-emulator-fault` (see [`FaultSpec::parse_header`]);
//! 2. faults scripted through `POST /__emulator/faults`, matched by method and raw path
//!    ([`scripted`]);
//! 3. the random faults of [`crate::Options::random_faults`] ([`random`]).
//!
//! A fault can never make an answer active: its `content-type` must be one of the inert types
//! of [`crate::media::INERT_TYPES`] (the `html` preset is sent as `text/plain`), so nothing a
//! fault asks for runs as a page. Proxy mode has no fault injection at all.
//!
//! What a fault does to the connection (wait, drop it, write bytes no correct server writes) is
//! for the door to perform: see [`crate::Reply`].

pub mod presets;
pub mod random;
pub mod scripted;
pub mod spec;

pub use presets::{BodyContext, Preset};
pub use random::{RandomFaults, RandomKind};
pub use scripted::{ScriptedFault, ScriptedFaultRequest, ScriptedFaults};
pub use spec::{FaultSpec, MAX_DELAY_MS};

use crate::ids::Ids;
use crate::problem::Problem;
use crate::response::{Response, ResponseBody};
use std::sync::Arc;

/// The request header that asks for a fault.
pub const FAULT_HEADER: &str = "x-emulator-fault";

/// Where a fault came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The `x-emulator-fault` request header.
    Header,
    /// A fault queued through `POST /__emulator/faults`.
    Scripted,
    /// The random faults (`--fault-rate`).
    Random,
}

impl Source {
    /// The name written in the request log.
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Header => "header",
            Source::Scripted => "scripted",
            Source::Random => "random",
        }
    }

    fn described(self) -> &'static str {
        match self {
            Source::Header => "x-emulator-fault header",
            Source::Scripted => "scripted faults",
            Source::Random => "--fault-rate flag",
        }
    }
}

/// What a fault makes of a request (after its delay, [`FaultSpec::delay_ms`]).
#[derive(Debug)]
pub enum Effect {
    /// Go on to the route: the fault was only a delay.
    Continue,
    /// Answer with this instead.
    Answer(Response),
    /// Close the connection without answering.
    Drop,
    /// Write this byte for byte, claiming a body of `content_length` bytes, then close.
    Raw {
        /// What to write.
        response: Response,
        /// The `Content-Length` to claim.
        content_length: u64,
    },
}

/// The answer `spec` asks for, for a request of `ctx`. `huge` is the cache of the `huge` body.
pub fn apply(
    spec: &FaultSpec,
    source: Source,
    ctx: &BodyContext,
    huge: &mut Option<(String, Arc<[u8]>)>,
    ids: &mut Ids,
) -> Effect {
    if spec.drop {
        return Effect::Drop;
    }
    if spec.status.is_none() && spec.body.is_none() {
        return Effect::Continue;
    }
    let status = spec.status.unwrap_or(200);
    let mut raw_length = None;
    let mut response = match spec.body {
        Some(preset) => {
            let full = presets::preset_body(preset, status, ctx, huge);
            let (body, declared) = if preset == Preset::Truncated {
                (
                    ResponseBody::Bytes(full[..full.len() / 2].to_vec()),
                    full.len(),
                )
            } else {
                (ResponseBody::Shared(full.clone()), full.len())
            };
            if preset == Preset::Truncated || (declared > 0 && matches!(status, 204 | 205 | 304)) {
                raw_length = Some(declared as u64);
            }
            let mut response = Response::new(status);
            response.headers.set("content-type", preset.content_type());
            response.body = body;
            response
        }
        None if status >= 400 => Problem::new(status)
            .detail(format!(
                "Injected by skimmer-emulator (fault from the {}).",
                source.described()
            ))
            .into_response(&ids.trace_id()),
        None => Response::new(status),
    };
    if let Some(value) = &spec.retry_after {
        response.headers.set("retry-after", value.clone());
    }
    if let Some(value) = &spec.content_type {
        response.headers.set("content-type", value.clone());
    }
    match raw_length {
        Some(content_length) => Effect::Raw {
            response,
            content_length,
        },
        None => Effect::Answer(response),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> BodyContext {
        BodyContext {
            customer_id: "c".into(),
            expects_list: true,
        }
    }

    fn run(header: &str) -> Effect {
        let spec = FaultSpec::parse_header(header).unwrap().unwrap();
        apply(&spec, Source::Header, &ctx(), &mut None, &mut Ids::new(1))
    }

    #[test]
    fn each_fault_has_its_effect() {
        assert!(matches!(run("drop"), Effect::Drop));
        assert!(matches!(run("delay-ms=10;drop"), Effect::Drop));
        assert!(matches!(run("delay-ms=10"), Effect::Continue));
        let Effect::Answer(problem) = run("status=503;retry-after=2") else {
            panic!("an answer")
        };
        assert_eq!(problem.status, 503);
        assert_eq!(problem.headers.get("retry-after"), Some("2"));
        assert_eq!(
            problem.headers.get("content-type"),
            Some(crate::problem::PROBLEM_CONTENT_TYPE)
        );
        let body = String::from_utf8(problem.body.into_bytes()).unwrap();
        assert!(
            body.contains("Injected by skimmer-emulator (fault from the x-emulator-fault header).")
        );
        let Effect::Answer(empty) = run("status=201;body=empty") else {
            panic!("an answer")
        };
        assert_eq!((empty.status, empty.body.len()), (201, 0));
        let Effect::Answer(bare) = run("status=200") else {
            panic!("an answer")
        };
        assert!(bare.body.is_empty() && bare.headers.get("content-type").is_none());
        let Effect::Answer(typed) = run("body=invalid-json;content-type=text/plain") else {
            panic!("an answer")
        };
        assert_eq!(typed.headers.get("content-type"), Some("text/plain"));
    }

    #[test]
    fn a_cut_body_or_a_body_on_a_204_is_written_raw() {
        let Effect::Raw {
            response,
            content_length,
        } = run("body=truncated")
        else {
            panic!("raw")
        };
        assert_eq!(response.body.len() * 2 / 2, content_length / 2);
        assert!(response.body.len() < content_length);
        let Effect::Raw {
            response,
            content_length,
        } = run("status=204;body=invalid-json")
        else {
            panic!("raw")
        };
        assert_eq!((response.status, content_length), (204, 7));
        assert!(matches!(run("status=204;body=empty"), Effect::Answer(_)));
    }
}
