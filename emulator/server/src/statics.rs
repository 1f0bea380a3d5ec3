//! Static files: `--serve DIR` at `/` (the demo page) and `--serve-pkg DIR` at `/pkg/` (the
//! built npm package), with the media types browsers insist on for modules and WebAssembly.
//!
//! Only what lies inside the directory is served: no path segment may start with `.` (no
//! dotfiles such as `.env` or `.git`, no `..`), and a file or directory whose real path (symbolic
//! links followed) leaves the directory is a 404.

use crate::cli::Config;
use crate::pathparams::percent_decode;
use crate::problem::Problem;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::Layer;
use tower_http::services::ServeDir;

/// Adds the static directories of `config` to `router`; without `--serve`, unknown paths get
/// a 404 problem.
pub fn mount(router: Router, config: &Config) -> Router {
    let mut router = router;
    if let Some(dir) = &config.serve_pkg {
        let served = from_fn_with_state(real_root(dir), static_headers).layer(ServeDir::new(dir));
        router = router.nest_service("/pkg", served);
    }
    match &config.serve {
        Some(dir) => router.fallback_service(
            from_fn_with_state(real_root(dir), static_headers).layer(ServeDir::new(dir)),
        ),
        None => router.fallback(not_found),
    }
}

/// The directory's real path (symbolic links followed), which served files must stay under.
fn real_root(dir: &Path) -> Arc<PathBuf> {
    Arc::new(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()))
}

/// The path below the static root that `uri_path` names (percent-decoded, as the file server
/// reads it), or `None` when it may not be served: a segment that starts with `.`, or holds a
/// backslash or NUL, or bytes that are not UTF-8.
pub fn relative_path(uri_path: &str) -> Option<PathBuf> {
    let decoded = String::from_utf8(percent_decode(uri_path)).ok()?;
    let mut out = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains(['\\', '\0']) {
            return None;
        }
        out.push(segment);
    }
    Some(out)
}

/// Whether `relative` under `root` (a canonical path) stays inside it once symbolic links are
/// followed, for the file and, for a directory, its `index.html`. A path that does not exist is
/// let through (the file server answers 404).
pub fn stays_inside(root: &Path, relative: &Path) -> bool {
    let target = root.join(relative);
    let inside = |path: &Path| match std::fs::canonicalize(path) {
        Ok(real) => real.starts_with(root),
        Err(_) => !path.exists() && std::fs::symlink_metadata(path).is_err(),
    };
    if !inside(&target) {
        return false;
    }
    if target.is_dir() {
        let index = target.join("index.html");
        return inside(&index);
    }
    true
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

async fn static_headers(
    State(root): State<Arc<PathBuf>>,
    request: Request,
    next: Next,
) -> Response {
    let allowed =
        relative_path(request.uri().path()).is_some_and(|relative| stays_inside(&root, &relative));
    if !allowed {
        return not_found(request).await;
    }
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

    #[test]
    fn dot_segments_and_odd_bytes_are_never_served() {
        assert_eq!(relative_path("/a/b.js"), Some(PathBuf::from("a/b.js")));
        assert_eq!(relative_path("/"), Some(PathBuf::new()));
        assert_eq!(relative_path("/a%20b/"), Some(PathBuf::from("a b")));
        for bad in [
            "/.env",
            "/.git/config",
            "/a/.hidden",
            "/..",
            "/a/../../etc/passwd",
            "/%2e%2e/x",
            "/%2E./x",
            "/a%2F..%2F..%2Fx",
            "/a%5C..%5Cx",
            "/a%00",
            "/%FF",
        ] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn symbolic_links_out_of_the_root_are_not_followed() {
        let base = std::env::temp_dir().join(format!("skimmer-statics-{}", std::process::id()));
        let root = base.join("root");
        std::fs::create_dir_all(root.join("dir")).unwrap();
        std::fs::create_dir_all(base.join("outside")).unwrap();
        std::fs::write(base.join("outside/secret.txt"), "secret").unwrap();
        std::fs::write(base.join("outside/index.html"), "secret").unwrap();
        std::fs::write(root.join("dir/page.html"), "ok").unwrap();
        let _ = std::os::unix::fs::symlink(base.join("outside/secret.txt"), root.join("leak.txt"));
        let _ = std::os::unix::fs::symlink(base.join("outside"), root.join("out"));
        let _ = std::os::unix::fs::symlink(root.join("dir/page.html"), root.join("alias.html"));
        let _ = std::os::unix::fs::symlink(
            base.join("outside/index.html"),
            root.join("dir/index.html"),
        );
        let root = std::fs::canonicalize(&root).unwrap();
        let inside = |p: &str| stays_inside(&root, Path::new(p));
        assert!(inside("dir/page.html"));
        assert!(inside("alias.html"), "a link that stays inside is fine");
        assert!(inside("missing.js"));
        assert!(!inside("leak.txt"));
        assert!(!inside("out/secret.txt"));
        assert!(!inside("out"));
        assert!(!inside("dir"), "its index.html leads out");
        let _ = std::fs::remove_dir_all(base);
    }
}
