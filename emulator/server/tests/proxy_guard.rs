//! What proxy mode refuses: fault injection of any kind, other sites' pages, control endpoints,
//! oversized bodies; and what it still serves (static files, loopback pages).

mod common;

use common::proxy::{no_key, pair, printed, proxy_to, run_briefly, KEY, LOG};
use serde_json::Value;
use std::time::{Duration, Instant};

#[test]
fn proxy_mode_has_no_fault_injection() {
    let pair = pair(&[], &[]);
    // The header is ignored: each request goes up as it would without it (without the header).
    for fault in [
        "status=503",
        "drop",
        "body=wrong-types;content-type=text/html",
        "delay-ms=3000",
    ] {
        let started = Instant::now();
        let resp = no_key(
            pair.proxy
                .req("GET", LOG)
                .header("x-emulator-fault", fault)
                .send(),
        );
        assert_eq!(resp.status, 200, "{fault}");
        assert_eq!(
            resp.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{fault}: no delay"
        );
    }
    let log = pair.upstream.log();
    assert_eq!(log.len(), 4, "all four went up");
    assert!(log.iter().all(|e| e["fault"] == Value::Null), "{log:?}");
    // Methods outside the route table are answered here, and nothing of the local store is.
    for method in ["HEAD", "PATCH"] {
        let resp = no_key(pair.proxy.req(method, LOG).send());
        assert_eq!(resp.status, 405, "{method}");
        assert_eq!(resp.header("allow"), Some("GET, POST"));
    }
    assert_eq!(pair.upstream.log().len(), 4, "nothing more was forwarded");
    // And the flags are a start-up error.
    for flag in [
        ["--fault-rate", "0.5"],
        ["--fault-kinds", "drop"],
        ["--fault-seed", "1"],
    ] {
        let mut args = vec!["--upstream", pair.upstream.url.as_str()];
        args.extend_from_slice(&flag);
        let (code, out, err) = run_briefly(&args, Some(KEY));
        assert_eq!(code, Some(2), "{flag:?}: {err}");
        assert!(
            out.is_empty() && err.contains("no fault injection"),
            "{err}"
        );
    }
    // Preflights do not offer the fault header.
    let preflight = pair
        .proxy
        .req("OPTIONS", LOG)
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "x-emulator-fault")
        .send();
    let allowed = preflight
        .header("access-control-allow-headers")
        .unwrap_or("");
    assert!(!allowed.contains("x-emulator-fault"), "{allowed}");
}

#[test]
fn cors_and_host_checks_let_loopback_pages_in_and_keep_other_sites_out() {
    let pair = pair(&[], &["--allow-origin", "https://app.example"]);
    let proxy = &pair.proxy;
    for origin in ["http://localhost:5173", "https://app.example"] {
        let preflight = proxy
            .req("OPTIONS", &format!("{LOG}/x"))
            .header("origin", origin)
            .header("access-control-request-method", "PUT")
            .header("access-control-request-headers", "content-type")
            .send();
        assert_eq!(preflight.status, 204);
        assert_eq!(
            preflight.header("access-control-allow-origin"),
            Some(origin)
        );
        let methods = preflight.header("access-control-allow-methods").unwrap();
        assert!(
            methods.contains("PUT") && methods.contains("DELETE"),
            "{methods}"
        );
        let allowed = preflight
            .header("access-control-allow-headers")
            .unwrap()
            .to_ascii_lowercase();
        assert!(allowed.contains("content-type"), "{allowed}");
        let resp = no_key(proxy.req("GET", LOG).header("origin", origin).send());
        assert_eq!(resp.status, 200);
        assert_eq!(resp.header("access-control-allow-origin"), Some(origin));
        let exposed = resp
            .header("access-control-expose-headers")
            .unwrap()
            .to_ascii_lowercase();
        for name in [
            "ratelimit-limit",
            "ratelimit-remaining",
            "ratelimit-reset",
            "retry-after",
        ] {
            assert!(exposed.contains(name), "{exposed}");
        }
    }
    assert_eq!(pair.upstream.log().len(), 2, "preflights stay here");

    let evil = "https://evil.example";
    let preflight = proxy
        .req("OPTIONS", LOG)
        .header("origin", evil)
        .header("access-control-request-method", "DELETE")
        .send();
    assert!(preflight.header("access-control-allow-origin").is_none());
    let resp = no_key(proxy.req("GET", LOG).header("origin", evil).send());
    assert!(resp.problem(403)["detail"]
        .as_str()
        .unwrap()
        .contains("--allow-origin"));
    let rebound = proxy
        .req("GET", LOG)
        .header("host", &format!("evil.example:{}", proxy.addr.port()))
        .send();
    assert!(rebound.problem(403)["detail"]
        .as_str()
        .unwrap()
        .contains("loopback"));
    let localhost = proxy
        .req("GET", LOG)
        .header("host", &format!("localhost:{}", proxy.addr.port()))
        .send();
    assert_eq!(localhost.status, 200);
    assert_eq!(
        pair.upstream.log().len(),
        3,
        "the refused requests were not forwarded"
    );

    let open = proxy_to(&pair.upstream.url, &["--allow-origin", "*"], KEY);
    let resp = open.req("GET", LOG).header("origin", evil).send();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn proxy_mode_serves_static_files_has_no_control_endpoints_and_caps_bodies() {
    let dir = std::env::temp_dir().join(format!("skimmer-proxy-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>demo</h1>").unwrap();
    let pair = pair(&[], &["--serve", dir.to_str().unwrap()]);
    let page = pair.proxy.req("GET", "/index.html").send();
    assert_eq!((page.status, page.text().as_str()), (200, "<h1>demo</h1>"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));

    // No control endpoint answers, whatever the method and content type: no log to read, no
    // upstream URL to learn, no fault to queue.
    for (method, path) in [
        ("GET", "/__emulator/health"),
        ("GET", "/__emulator/requests"),
        ("DELETE", "/__emulator/requests"),
        ("POST", "/__emulator/reset"),
        ("GET", "/__emulator/faults"),
        ("POST", "/__emulator/faults"),
        ("PUT", "/__emulator/customers/x"),
        ("POST", "/__emulator/customers/x/bulk?count=1"),
        ("GET", "/__emulator"),
    ] {
        for request in [
            pair.proxy.req(method, path),
            pair.proxy.control(method, path).body(r#"{"status":503}"#),
        ] {
            let resp = no_key(request.send());
            let body = resp.problem(404);
            assert!(
                !resp.text().contains(&pair.upstream.url),
                "{method} {path}: {body}"
            );
        }
    }
    assert_eq!(
        pair.proxy.req("GET", LOG).send().status,
        200,
        "no fault was queued"
    );

    let big = vec![b' '; BODY_CAP + 1];
    let resp = no_key(
        pair.proxy
            .req("POST", LOG)
            .header("content-type", "application/json")
            .body(big)
            .send(),
    );
    resp.problem(413);
    assert_eq!(pair.upstream.log().len(), 1, "only the GET went up");
    assert_eq!(printed(&pair.proxy, 2)[1].status, "413");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The largest request body (`limits::MAX_BODY_BYTES`).
const BODY_CAP: usize = 64 * 1024;
