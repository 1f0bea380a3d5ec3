//! The outermost layer of the server: applies [`crate::policy`] to every request (refusals,
//! CORS preflights) and to every answer (CORS, `nosniff`, the API's
//! `Content-Security-Policy`, inert media types). A thin adapter: every decision is a function
//! in `policy` or `media`.

use crate::app::App;
use crate::media::inert_answer_type;
use crate::policy::{self, AllowOrigin, Door, Facts, Mode};
use crate::problem::Problem;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// The server's mode.
pub fn mode(app: &App) -> Mode {
    if app.proxy.is_some() {
        Mode::Proxy
    } else {
        Mode::Emulator
    }
}

/// The middleware: see the module documentation.
pub async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let mode = mode(&app);
    let door = Door::of(request.uri().path());
    let headers = request.headers();
    let origin = headers.get(header::ORIGIN).cloned();
    let preflight = request.method() == Method::OPTIONS
        && origin.is_some()
        && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let facts = Facts {
        method: request.method().as_str(),
        host: headers.get(header::HOST).map(HeaderValue::as_bytes),
        target_authority: request.uri().authority().map(|a| a.as_str()),
        origin: origin.as_ref().map(HeaderValue::as_bytes),
        fetch_site: headers.get(SEC_FETCH_SITE).map(HeaderValue::as_bytes),
        content_type: headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes),
        preflight,
    };
    let (response, refused) = match policy::admit(mode, door, &facts, &app.origins) {
        Err(refusal) => {
            let status = StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::FORBIDDEN);
            let problem = Problem::new(status).detail(refusal.detail(mode));
            (problem.into_response(), true)
        }
        Ok(()) if preflight => (StatusCode::NO_CONTENT.into_response(), false),
        Ok(()) => (next.run(request).await, false),
    };
    let answer = Answer {
        mode,
        door,
        preflight,
        refused,
    };
    finish(&app, answer, origin.as_ref(), response)
}

/// What [`finish`] needs to know of the request.
struct Answer {
    mode: Mode,
    door: Door,
    preflight: bool,
    refused: bool,
}

fn finish(
    app: &App,
    answer: Answer,
    origin: Option<&HeaderValue>,
    mut response: Response,
) -> Response {
    let Answer {
        mode,
        door,
        preflight,
        refused,
    } = answer;
    let cors = policy::cors(mode, door, origin.map(HeaderValue::as_bytes), &app.origins);
    let data = policy::is_data_answer(door, refused, response.status().as_u16());
    let headers = response.headers_mut();
    match cors.allow_origin {
        AllowOrigin::Nobody => {}
        AllowOrigin::Any => {
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        AllowOrigin::Only(_) => {
            if let Some(origin) = origin {
                headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
            }
            headers.append(header::VARY, HeaderValue::from_static("origin"));
        }
    }
    if cors.allow_origin != AllowOrigin::Nobody {
        if preflight {
            set(
                headers,
                header::ACCESS_CONTROL_ALLOW_METHODS,
                cors.allow_methods,
            );
            set(
                headers,
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                cors.allow_headers,
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from(cors.max_age),
            );
        } else if let Some(expose) = cors.expose_headers {
            set(headers, header::ACCESS_CONTROL_EXPOSE_HEADERS, expose);
        }
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if data {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy::API_CSP),
        );
        let content_type = headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes);
        if let Some(inert) = inert_answer_type(content_type) {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(inert));
        }
    }
    response
}

fn set(headers: &mut HeaderMap, name: HeaderName, value: &'static str) {
    headers.insert(name, HeaderValue::from_static(value));
}
