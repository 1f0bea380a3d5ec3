//! Static files: `--serve DIR` at `/` (the demo page) and `--serve-pkg DIR` at `/pkg/` (the
//! built npm package), with the media types browsers insist on for modules and WebAssembly.
//!
//! Only what lies inside the directory is served: no path segment may start with `.` (no
//! dotfiles such as `.env` or `.git`, no `..`), and a file or directory whose real path (symbolic
//! links followed) leaves the directory is a 404.

use crate::outgoing::HyperResponse;
use http_body_util::BodyExt;
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use hyper::http::request::Parts;
use skimmer_emulator_core::pathparams::percent_decode;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// A served directory.
#[derive(Clone, Debug)]
pub struct Dir {
    files: ServeDir,
    /// The directory's real path (symbolic links followed), which served files must stay under.
    root: PathBuf,
}

impl Dir {
    fn new(dir: &Path) -> Dir {
        Dir {
            files: ServeDir::new(dir),
            root: std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()),
        }
    }
}

/// The static directories.
#[derive(Clone, Debug, Default)]
pub struct Statics {
    root: Option<Dir>,
    pkg: Option<Dir>,
}

/// Where a static path leads.
#[derive(Debug)]
pub enum Found<'a> {
    /// A file (or a 404 of the file server) under a served directory.
    File {
        /// The directory.
        dir: &'a Dir,
        /// The path below it, as requested (still percent-encoded), with its query.
        rest: String,
    },
    /// Nothing may be served at this path: a dotfile, a path out of the directory (404).
    Refused,
    /// No directory serves this path (the core's 404).
    Nowhere,
}

impl Statics {
    /// The directories of `--serve` and `--serve-pkg`.
    pub fn new(serve: Option<&Path>, serve_pkg: Option<&Path>) -> Statics {
        Statics {
            root: serve.map(Dir::new),
            pkg: serve_pkg.map(Dir::new),
        }
    }

    /// Where `path` (raw, with `query`) leads.
    pub fn find(&self, path: &str, query: Option<&str>) -> Found<'_> {
        let (dir, rest) = match (&self.pkg, path.strip_prefix("/pkg")) {
            (Some(pkg), Some(rest)) if rest.is_empty() || rest.starts_with('/') => {
                (pkg, if rest.is_empty() { "/" } else { rest })
            }
            _ => match &self.root {
                Some(root) => (root, path),
                None => return Found::Nowhere,
            },
        };
        let allowed =
            relative_path(rest).is_some_and(|relative| stays_inside(&dir.root, &relative));
        if !allowed {
            return Found::Refused;
        }
        let rest = match query {
            Some(query) => format!("{rest}?{query}"),
            None => rest.to_owned(),
        };
        Found::File { dir, rest }
    }
}

/// Serves `rest` of `dir` for the request `parts` (method and headers: conditional and range
/// requests work), with the media types browsers need and `Cache-Control: no-cache`.
pub async fn serve(dir: &Dir, rest: &str, parts: &Parts) -> HyperResponse {
    let mut request = hyper::Request::new(http_body_util::Empty::<hyper::body::Bytes>::new());
    *request.method_mut() = parts.method.clone();
    *request.headers_mut() = parts.headers.clone();
    if let Ok(uri) = rest.parse() {
        *request.uri_mut() = uri;
    }
    let media = media_type(rest.split('?').next().unwrap_or(rest));
    let mut files = dir.files.clone();
    let mut response = match files.try_call(request).await {
        Ok(response) => response.map(|body| body.map_err(Into::into).boxed_unsync()),
        // As tower-http's own `Service` does: a file that is not there (or not readable, or
        // under a file) is a 404, anything else a 500; the error is not shown.
        Err(error) => {
            let missing = matches!(
                error.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied
            ) || (cfg!(unix) && error.raw_os_error() == Some(20));
            let mut response = hyper::Response::new(
                http_body_util::Empty::new()
                    .map_err(|never| match never {})
                    .boxed_unsync(),
            );
            *response.status_mut() = if missing {
                hyper::StatusCode::NOT_FOUND
            } else {
                hyper::StatusCode::INTERNAL_SERVER_ERROR
            };
            response
        }
    };
    if response.status().is_success() {
        let headers = response.headers_mut();
        if let Some(media) = media {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(media));
        }
        // A rebuilt package is picked up on reload.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
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
