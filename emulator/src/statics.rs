//! Static files: `--serve DIR` at `/` (the demo page) and `--serve-pkg DIR` at `/pkg/` (the
//! built npm package), with the media types browsers insist on for modules and WebAssembly.

use crate::cli::Config;
use crate::problem::Problem;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::Layer;
use tower_http::services::ServeDir;

/// Adds the static directories of `config` to `router`; without `--serve`, unknown paths get
/// a 404 problem.
pub fn mount(router: Router, config: &Config) -> Router {
    let mut router = router;
    if let Some(dir) = &config.serve_pkg {
        router = router.nest_service("/pkg", from_fn(static_headers).layer(ServeDir::new(dir)));
    }
    match &config.serve {
        Some(dir) => router.fallback_service(from_fn(static_headers).layer(ServeDir::new(dir))),
        None => router.fallback(not_found),
    }
}

/// The media type a browser needs for `path`, where the default guess is not it.
pub fn media_type(path: &str) -> Option<&'static str> {
    let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "wasm" => Some("application/wasm"),
        "js" | "mjs" | "cjs" => Some("text/javascript"),
        _ => None,
    }
}

async fn static_headers(request: Request, next: Next) -> Response {
    let media = media_type(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        if let Some(media) = media {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
        }
        // A rebuilt package is picked up on reload.
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

async fn not_found(request: Request) -> Response {
    Problem::new(StatusCode::NOT_FOUND)
        .detail(format!(
            "No route for {} {}. The API lives under /CustomerActivityLogs/{{customerId}}.",
            request.method(),
            request.uri().path()
        ))
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_and_wasm_get_the_types_browsers_require() {
        assert_eq!(media_type("/pkg/x_bg.wasm"), Some("application/wasm"));
        assert_eq!(media_type("/pkg/index.js"), Some("text/javascript"));
        assert_eq!(media_type("/a/b.MJS"), Some("text/javascript"));
        assert_eq!(media_type("/index.html"), None);
        assert_eq!(media_type("/noext"), None);
    }
}
