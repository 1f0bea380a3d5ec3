//! CORS for browser apps: every origin may call the API and the control endpoints with the
//! headers the client sends, and read the rate-limit headers. Preflights are answered here
//! (204), before the API gate, so they are neither rate-limited nor logged.
//!
//! In proxy mode, which adds a real key, only loopback origins and those given by
//! `--allow-origin` are let in (see [`crate::origins`]); the answer names the origin instead of
//! `*`.

use crate::app::App;
use crate::faults::FAULT_HEADER;
use crate::origins::OriginPolicy;
use crate::ratelimit;
use axum::extract::Request;
use axum::http::{header, HeaderName, Method, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::Router;
use skimmer_activity_logs::routes::API_KEY_HEADER;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The CORS policy: any origin, or in proxy mode the ones `origins` allows.
pub fn layer(origins: Option<OriginPolicy>) -> CorsLayer {
    let allow_origin = match origins {
        Some(policy) if !policy.allows_any() => {
            AllowOrigin::predicate(move |origin, _| policy.allows(origin.as_bytes()))
        }
        _ => AllowOrigin::any(),
    };
    CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            HeaderName::from_static(API_KEY_HEADER),
            header::CONTENT_TYPE,
            header::ACCEPT,
            HeaderName::from_static(FAULT_HEADER),
        ])
        .expose_headers([
            ratelimit::LIMIT,
            ratelimit::REMAINING,
            ratelimit::RESET,
            header::RETRY_AFTER,
            header::LOCATION,
        ])
        .max_age(Duration::from_secs(600))
}

/// `router` behind the CORS policy of `app`, preflights answered with 204 No Content.
pub fn wrap(router: Router, app: &App) -> Router {
    let origins = app.proxy.as_ref().map(|_| app.origins.clone());
    router
        .layer(layer(origins))
        .layer(from_fn(preflight_no_content))
}

/// tower-http answers every `OPTIONS` itself with 200; the API answers preflights with 204.
async fn preflight_no_content(request: Request, next: Next) -> Response {
    let preflight = request.method() == Method::OPTIONS;
    let mut response = next.run(request).await;
    if preflight && response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NO_CONTENT;
        // axum's method router adds its own `Allow`, which says nothing about CORS.
        response.headers_mut().remove(header::ALLOW);
    }
    response
}
