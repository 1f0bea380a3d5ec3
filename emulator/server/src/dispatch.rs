//! One request, start to end: in emulator mode the API and control endpoints go to the core
//! (the server reads the body, performs the delay, the drop or the raw write the core asks for);
//! static files and everything in proxy mode pass the core's request policy here, then the file
//! server or the upstream; every answer leaves with the policy's headers.

use crate::app::{lock, App, Backend};
use crate::limits::BODY_READ_TIMEOUT;
use crate::logline::{End, Pending};
use crate::outgoing::{self, HyperResponse};
use crate::proxy::{Forwarded, Proxy};
use crate::statics::{self, Found};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::http::request::Parts;
use skimmer_emulator_core::pathparams::{self, NotUtf8};
use skimmer_emulator_core::policy::{self, Area, Facts, Outgoing};
use skimmer_emulator_core::problem::Problem;
use skimmer_emulator_core::requestlog::clip;
use skimmer_emulator_core::routing;
use skimmer_emulator_core::{Emulator, Exchange, Reply, Request, RequestBody};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What the connection does with a request.
pub enum Outcome {
    /// Write this answer.
    Respond(HyperResponse),
    /// Close the connection without answering.
    Drop,
    /// Write these bytes as they are, then close.
    Raw(Vec<u8>),
}

/// Handles one request.
pub async fn dispatch(app: &App, request: hyper::Request<Incoming>) -> Outcome {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let area = Area::of(parts.uri.path());
    match &app.backend {
        Backend::Emulator(emulator) if area != Area::Static => {
            emulate(app, emulator, parts, body, started).await
        }
        Backend::Emulator(emulator) => {
            match app.statics.find(parts.uri.path(), parts.uri.query()) {
                Found::Nowhere => emulate(app, emulator, parts, body, started).await,
                found => Outcome::Respond(
                    guarded(app, &parts, |_| async {
                        Ok(file(app, found, &parts).await)
                    })
                    .await,
                ),
            }
        }
        Backend::Proxy(proxy) => {
            let response = guarded(app, &parts, |admitted| {
                proxied(app, proxy, admitted, &parts, body, started)
            })
            .await;
            Outcome::Respond(response)
        }
    }
}

/// Emulator mode, a request for the core: read the body, hand it over, deliver the exchange.
async fn emulate(
    app: &App,
    emulator: &Mutex<Emulator>,
    parts: Parts,
    body: Incoming,
    started: Instant,
) -> Outcome {
    let limit = app.config.options.limits.max_body_bytes;
    let body = match crate::incoming::read(&parts.headers, body, limit, BODY_READ_TIMEOUT).await {
        Ok(body) => body,
        // Too slow or broken: the server's own answer (behind the policy), and the connection
        // closed.
        Err(problem) => {
            let refused = guarded(app, &parts, |_| async { Err((problem, true)) }).await;
            return Outcome::Respond(refused);
        }
    };
    let close = body == RequestBody::TooLarge;
    let request = Request {
        method: parts.method.as_str().to_owned(),
        target: parts.uri.to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect(),
        body,
    };
    let exchange = lock(emulator).handle(&request, app.now());
    let status = exchange.status();
    let Exchange {
        delay_ms,
        reply,
        note,
    } = exchange;
    let pending = note.as_ref().map(|note| {
        Pending::new(
            app.config.quiet,
            &note.method,
            &note.path,
            note.fault.clone(),
            started,
        )
    });
    if delay_ms > 0 {
        // If the client goes away now, this future is dropped: the line says so and the log
        // entry keeps no status.
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        if let (Some(note), Some(status)) = (&note, status) {
            lock(emulator).answered(note.seq, status);
        }
    }
    let (outcome, end) = match reply {
        Reply::Answer(response) => {
            let status = response.status;
            (
                Outcome::Respond(outgoing::to_hyper(response, close)),
                answered(status),
            )
        }
        Reply::Raw {
            response,
            content_length,
        } => {
            let status = response.status;
            (
                Outcome::Raw(outgoing::raw_bytes(response, content_length)),
                answered(status),
            )
        }
        Reply::Drop => (Outcome::Drop, End::Dropped),
    };
    if let Some(pending) = pending {
        pending.finish(end);
    }
    outcome
}

fn answered(status: u16) -> End {
    End::Answered {
        status,
        upstream: false,
    }
}

/// A request the core's policy was applied to here (static files, proxy mode).
struct Admitted {
    area: Area,
}

/// Applies the core's request policy to a request the core does not see: a refusal or a
/// preflight is answered here; otherwise `serve` gives the answer (or a problem). Every answer
/// leaves with the policy's headers.
async fn guarded<F, Fut>(app: &App, parts: &Parts, serve: F) -> HyperResponse
where
    F: FnOnce(Admitted) -> Fut,
    Fut: std::future::Future<Output = Result<HyperResponse, (Problem, bool)>>,
{
    let mode = app.mode();
    let area = Area::of(parts.uri.path());
    let facts = facts(parts);
    let mut to = Outgoing {
        mode,
        area,
        origin: facts.origin,
        preflight: facts.preflight,
        refused: false,
    };
    let response = match policy::admit(mode, area, &facts, &app.origins) {
        Err(refusal) => {
            to.refused = true;
            Err((refusal.problem(mode), false))
        }
        Ok(()) if facts.preflight => Ok(outgoing::to_hyper(
            skimmer_emulator_core::Response::new(204),
            false,
        )),
        Ok(()) => serve(Admitted { area }).await,
    };
    let mut response = match response {
        Ok(response) => response,
        Err((problem, close)) => problem_answer(app, problem, close),
    };
    outgoing::finish(&to, &app.origins, &mut response);
    response
}

/// The policy's facts of a request head.
fn facts(parts: &Parts) -> Facts<'_> {
    let headers = &parts.headers;
    let origin = headers.get(header::ORIGIN).map(HeaderValue::as_bytes);
    let method = parts.method.as_str();
    Facts {
        any_host: false,
        method,
        host: headers.get(header::HOST).map(HeaderValue::as_bytes),
        target_authority: parts.uri.authority().map(|a| a.as_str()),
        origin,
        fetch_site: headers.get("sec-fetch-site").map(HeaderValue::as_bytes),
        content_type: headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes),
        preflight: policy::is_preflight(
            method,
            origin,
            headers
                .get(header::ACCESS_CONTROL_REQUEST_METHOD)
                .map(HeaderValue::as_bytes),
        ),
    }
}

/// A problem the server answers itself, as a hyper response.
fn problem_answer(app: &App, problem: Problem, close: bool) -> HyperResponse {
    outgoing::to_hyper(problem.into_response(&app.trace_id()), close)
}

/// A static path: the file, or a 404 problem.
async fn file(app: &App, found: Found<'_>, parts: &Parts) -> HyperResponse {
    match found {
        Found::File { dir, rest } => statics::serve(dir, &rest, parts).await,
        Found::Refused | Found::Nowhere => problem_answer(
            app,
            routing::no_route(parts.method.as_str(), parts.uri.path()),
            false,
        ),
    }
}

/// Proxy mode, past the policy: static files, or an API request forwarded upstream.
async fn proxied(
    app: &App,
    proxy: &Proxy,
    admitted: Admitted,
    parts: &Parts,
    body: Incoming,
    started: Instant,
) -> Result<HyperResponse, (Problem, bool)> {
    let path = parts.uri.path();
    let method = parts.method.as_str();
    if admitted.area != Area::Api {
        let found = app.statics.find(path, parts.uri.query());
        return Ok(file(app, found, parts).await);
    }
    let Some(template) = routing::template_of(path) else {
        return Err((routing::no_route(method, path), false));
    };
    let text = |s: &str| clip(s.to_owned(), crate::limits::LOG_MAX_TEXT_BYTES);
    let pending = Pending::new(app.config.quiet, &text(method), &text(path), None, started);
    let forwarded = match pathparams::target(template, path) {
        Err(NotUtf8 { name }) => Forwarded::Problem(routing::not_utf8(name), false),
        Ok(None) => Forwarded::Problem(Problem::new(404), false),
        // Not one of the five (HEAD among them): nothing goes up.
        Ok(Some(_)) if method == "HEAD" => {
            Forwarded::Problem(routing::method_not_allowed(method, template), false)
        }
        Ok(Some(target)) => match routing::operation(template, method) {
            None => Forwarded::Problem(routing::method_not_allowed(method, template), false),
            Some(operation) => proxy.forward(operation, &target, parts, body).await,
        },
    };
    let (response, upstream) = match forwarded {
        Forwarded::Upstream(response) => (response, true),
        Forwarded::Problem(problem, close) => (problem_answer(app, problem, close), false),
    };
    pending.finish(End::Answered {
        status: response.status().as_u16(),
        upstream,
    });
    Ok(response)
}
