//! CORS for browser apps: every origin may call the API and the control endpoints with the
//! headers the client sends, and read the rate-limit headers. Preflights are answered here
//! (204), before the API gate, so they are neither rate-limited nor logged.

use crate::faults::FAULT_HEADER;
use crate::ratelimit;
use axum::extract::Request;
use axum::http::{header, HeaderName, Method, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::Router;
use skimmer_activity_logs::routes::API_KEY_HEADER;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The CORS policy.
pub fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
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

/// `router` behind the CORS policy, preflights answered with 204 No Content.
pub fn wrap(router: Router) -> Router {
    router.layer(layer()).layer(from_fn(preflight_no_content))
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
