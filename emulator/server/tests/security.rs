//! The red-team inputs of issue 11, kept as a regression suite over real HTTP against the real
//! binary: each test sends what an attacker's page or a rebinding host would, and checks the
//! emulator (or proxy) refuses it and stays inert. The growth attacks are in `growth.rs`; the
//! whole browser chain of finding 1 is `tests/browser/proxy-attack.test.mjs`.

mod common;

use common::{Emulator, RawUpstream, Resp};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const LOG: &str = "/CustomerActivityLogs/cust-1001";
/// The upstream's key, which only the proxy holds.
const KEY: &str = "up-secret-7c1e";
const EVIL: &str = "https://evil.example";
/// The payload of finding 1: a customer id that is an HTML tag with a script.
const XSS_ID: &str =
    "%3Cimg%20src%3Dx%20onerror%3Dfetch(%27%2FCustomerActivityLogs%2Fcust-1001%27)%3E";

fn proxy_to(url: &str, args: &[&str]) -> Emulator {
    let mut all = vec!["--upstream", url];
    all.extend_from_slice(args);
    Emulator::start_with(&all, &[("SKIMMER_API_KEY", KEY)], true)
}

/// An upstream emulator with the proxy's key, and a proxy in front of it.
fn proxy_pair(args: &[&str]) -> (Emulator, Emulator) {
    let upstream = Emulator::start(&["--api-key", KEY]);
    let proxy = proxy_to(&upstream.url, args);
    (upstream, proxy)
}

/// Checks the headers that keep an answer inert: `nosniff` always; on API and control answers
/// also the CSP and a data media type.
fn inert(resp: &Resp, data: bool) {
    assert_eq!(
        resp.header("x-content-type-options"),
        Some("nosniff"),
        "{:?}",
        resp.headers
    );
    if data {
        assert_eq!(
            resp.header("content-security-policy"),
            Some("default-src 'none'; frame-ancestors 'none'")
        );
        if let Some(media) = resp.header("content-type") {
            let essence = media.split(';').next().unwrap().trim();
            assert!(
                [
                    "application/json",
                    "application/problem+json",
                    "text/plain",
                    "application/octet-stream"
                ]
                .contains(&essence),
                "{media}"
            );
        }
    }
}

#[test]
fn finding_1_proxy_mode_has_no_step_of_the_chain() {
    let (upstream, proxy) = proxy_pair(&[]);
    // Step 1: queue a text/html fault with a "simple" request (text/plain, no preflight).
    let queue = proxy
        .req("POST", "/__emulator/faults")
        .header("content-type", "text/plain;charset=UTF-8")
        .header("origin", EVIL)
        .body(r#"{"method":"GET","times":1,"body":"wrong-types","contentType":"text/html"}"#)
        .send();
    assert_ne!(queue.status, 201);
    inert(&queue, true);
    // ... or as a form would, with no Origin at all: there are no control endpoints.
    let form = proxy
        .req("POST", "/__emulator/faults")
        .header("content-type", "text/plain")
        .body(r#"{"method":"GET","times":1,"body":"wrong-types","contentType":"text/html"}"#)
        .send();
    form.problem(404);
    // ... or through the header.
    let header = proxy
        .req("GET", &format!("/CustomerActivityLogs/{XSS_ID}"))
        .header(
            "x-emulator-fault",
            "body=wrong-types;content-type=text/html",
        )
        .send();
    assert_ne!(header.header("content-type"), Some("text/html"));
    inert(&header, true);
    // Step 2: the top-level navigation to the payload, as Chromium sends it: no Origin, a
    // loopback Host, Sec-Fetch-Site: cross-site. Refused before the upstream.
    let before = upstream.log().len();
    let navigation = proxy
        .req("GET", &format!("/CustomerActivityLogs/{XSS_ID}"))
        .header("sec-fetch-site", "cross-site")
        .header("sec-fetch-mode", "navigate")
        .header("sec-fetch-dest", "document")
        .header("accept", "text/html")
        .send();
    navigation.problem(403);
    inert(&navigation, true);
    assert!(!navigation.text().contains("<img"), "{}", navigation.text());
    assert_eq!(upstream.log().len(), before, "nothing went up");
    // Whatever the upstream answers comes back inert: its HTML becomes text.
    let html = RawUpstream::start(
        |_| {
            b"HTTP/1.1 404 Not Found\r\ncontent-type: text/html; charset=utf-8\r\n\
              content-length: 35\r\nconnection: close\r\n\r\n<img src=x onerror=alert(1)>missing"
                .to_vec()
        },
        usize::MAX,
        Duration::ZERO,
    );
    let html_proxy = proxy_to(&format!("http://{}", html.addr), &[]);
    let echoed = html_proxy
        .req("GET", &format!("/CustomerActivityLogs/{XSS_ID}"))
        .send();
    assert_eq!(echoed.status, 404);
    assert_eq!(
        echoed.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    inert(&echoed, true);
    assert_eq!(html.seen().len(), 1);
}

#[test]
fn finding_3_a_rebound_host_name_gets_nothing_in_either_mode() {
    let emulator = Emulator::start(&[]);
    let (upstream, proxy) = proxy_pair(&[]);
    for server in [&emulator, &proxy] {
        let rebound = format!("rebind.evil.example:{}", server.addr.port());
        for (method, path) in [
            ("GET", "/__emulator/requests"),
            ("GET", "/__emulator/health"),
            ("GET", LOG),
            ("GET", "/"),
            ("OPTIONS", LOG),
        ] {
            let resp = server
                .req(method, path)
                .header("host", &rebound)
                .header("skimmer-api-key", common::KEY)
                .send();
            let body = resp.problem(403);
            assert!(
                body["detail"].as_str().unwrap().contains("loopback"),
                "{body}"
            );
            inert(&resp, true);
            assert!(!resp.text().contains("cust-1001") && !resp.text().contains(&upstream.url));
        }
        // An absolute-form target naming another host is the same.
        let absolute = server
            .req("GET", &format!("http://rebind.evil.example{LOG}"))
            .send();
        absolute.problem(403);
    }
    assert!(upstream.log().is_empty(), "nothing went up");
    // Loopback names in every form still work.
    for host in ["localhost", "127.0.0.1", "127.1.2.3", "[::1]"] {
        let host = format!("{host}:{}", emulator.addr.port());
        let resp = emulator.api("GET", LOG).header("host", &host).send();
        assert_eq!(resp.status, 200, "{host}");
    }
}

#[test]
fn finding_7_control_endpoints_refuse_other_sites_and_simple_requests() {
    let emu = Emulator::start(&["--allow-origin", "https://app.example"]);
    // As in the finding: a reset and a queued 503 from another origin.
    let reset = emu
        .control("POST", "/__emulator/reset")
        .header("origin", EVIL)
        .send();
    reset.problem(403);
    let fault = emu
        .control("POST", "/__emulator/faults")
        .header("origin", EVIL)
        .body(json!({"status": 503, "times": 100}).to_string())
        .send();
    fault.problem(403);
    assert_eq!(fault.header("access-control-allow-origin"), None);
    // A request a form or `fetch(..., {mode: 'no-cors'})` can send: no Origin check to pass
    // (a same-site page, an old browser), but not JSON: refused.
    for content_type in [
        None,
        Some("text/plain"),
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/json; charset=utf-16"),
    ] {
        for path in [
            "/__emulator/faults",
            "/__emulator/reset",
            "/__emulator/customers/c/bulk?count=5",
        ] {
            let mut req = emu
                .req("POST", path)
                .body(json!({"status": 503}).to_string());
            if let Some(content_type) = content_type {
                req = req.header("content-type", content_type);
            }
            req.send().problem(415);
        }
    }
    // A cross-site navigation to a control endpoint (no Origin, Sec-Fetch-Site) is refused too.
    let navigation = emu
        .req("GET", "/__emulator/requests")
        .header("sec-fetch-site", "cross-site")
        .send();
    navigation.problem(403);
    // Preflights: another site gets no CORS grant; loopback and allowed origins get their own
    // name, never `*`.
    let preflight = |origin: &str| {
        emu.req("OPTIONS", "/__emulator/faults")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let refused = preflight(EVIL);
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("access-control-allow-origin"), None);
    for origin in [
        "http://localhost:5173",
        "http://127.0.0.1:3000",
        "https://app.example",
    ] {
        let granted = preflight(origin);
        assert_eq!(granted.status, 204, "{origin}");
        assert_eq!(granted.header("access-control-allow-origin"), Some(origin));
        let read = emu
            .req("GET", "/__emulator/faults")
            .header("origin", origin)
            .send();
        assert_eq!(read.header("access-control-allow-origin"), Some(origin));
    }
    let plain = emu.req("GET", "/__emulator/health").send();
    assert_eq!(plain.header("access-control-allow-origin"), None, "never *");
    // Nothing of that reached the state: no fault queued, the seeded log intact.
    assert_eq!(
        emu.req("GET", "/__emulator/faults").send().json(),
        json!([])
    );
    assert_eq!(emu.api("GET", LOG).send().status, 200);
    // The API itself stays open to any origin: the emulator's key is not a secret.
    let api = emu.api("GET", LOG).header("origin", EVIL).send();
    assert_eq!(api.status, 200);
    assert_eq!(api.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn nothing_the_emulator_answers_can_run_as_a_page() {
    let emu = Emulator::start(&[]);
    let active = [
        "text/html",
        "text/html; charset=utf-8",
        "application/xhtml+xml",
        "image/svg+xml",
        "text/xml",
        "application/xml",
        "text/javascript",
        "multipart/x-mixed-replace; boundary=x",
    ];
    for media in active {
        let encoded = media.replace(';', "%3B");
        let resp = emu
            .api("GET", &format!("/CustomerActivityLogs/{XSS_ID}"))
            .header(
                "x-emulator-fault",
                &format!("status=200;body=wrong-types;content-type={encoded}"),
            )
            .send();
        resp.problem(400);
        let scripted = emu
            .control("POST", "/__emulator/faults")
            .body(json!({"body": "wrong-types", "contentType": media}).to_string())
            .send();
        scripted.problem(400);
    }
    // Every preset, under its own type: data only, with the echoed id JSON-encoded.
    for preset in [
        "invalid-json",
        "html",
        "empty",
        "truncated",
        "wrong-types",
        "missing-id",
        "not-array",
        "deep",
    ] {
        let raw = emu
            .api("GET", &format!("/CustomerActivityLogs/{XSS_ID}"))
            .header("x-emulator-fault", &format!("status=200;body={preset}"))
            .send_raw()
            .unwrap();
        let resp = common::parse(&raw).unwrap();
        inert(&resp, true);
    }
    let echoed = emu
        .api("GET", &format!("/CustomerActivityLogs/{XSS_ID}"))
        .header("x-emulator-fault", "body=wrong-types")
        .send();
    let list = echoed.json();
    assert_eq!(
        list[0]["customerId"],
        "<img src=x onerror=fetch('/CustomerActivityLogs/cust-1001')>"
    );
    // Every kind of answer carries the headers.
    let dir = std::env::temp_dir().join(format!("skimmer-security-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>demo</h1>").unwrap();
    let served = Emulator::start(&["--serve", dir.to_str().unwrap()]);
    let answers: Vec<(Resp, bool)> = vec![
        (served.api("GET", LOG).send(), true),
        (served.req("GET", LOG).send(), true),
        (
            served.api("GET", "/CustomerActivityLogs/nobody").send(),
            true,
        ),
        (served.api("PATCH", LOG).send(), true),
        (served.req("GET", "/__emulator/health").send(), true),
        (served.req("GET", "/__emulator/requests").send(), true),
        (served.req("POST", "/__emulator/reset").send(), true),
        (served.req("GET", "/__emulator/nope").send(), true),
        (
            served
                .req("OPTIONS", LOG)
                .header("origin", EVIL)
                .header("access-control-request-method", "GET")
                .send(),
            true,
        ),
        (served.req("GET", "/").send(), false),
        (served.req("GET", "/missing.js").send(), false),
        (served.req("GET", "/.env").send(), false),
    ];
    for (resp, data) in &answers {
        inert(resp, *data);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn finding_8_static_files_stay_in_their_directory() {
    let base = std::env::temp_dir().join(format!("skimmer-security-root-{}", std::process::id()));
    let www = base.join("www");
    std::fs::create_dir_all(www.join("sub")).unwrap();
    std::fs::create_dir_all(base.join("outside")).unwrap();
    std::fs::write(www.join("index.html"), "<h1>demo</h1>").unwrap();
    std::fs::write(www.join("sub/page.js"), "export {};").unwrap();
    std::fs::write(www.join(".env"), "SKIMMER_API_KEY=leaked-secret").unwrap();
    std::fs::create_dir_all(www.join(".git")).unwrap();
    std::fs::write(www.join(".git/config"), "leaked-secret").unwrap();
    std::fs::write(base.join("outside/secret.txt"), "leaked-secret").unwrap();
    std::os::unix::fs::symlink(base.join("outside/secret.txt"), www.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(base.join("outside"), www.join("out")).unwrap();
    let emu = Emulator::start(&["--serve", www.to_str().unwrap()]);
    assert_eq!(emu.req("GET", "/").send().status, 200);
    assert_eq!(emu.req("GET", "/sub/page.js").send().status, 200);
    for path in [
        "/.env",
        "/.git/config",
        "/%2eenv",
        "/sub/../.env",
        "/link.txt",
        "/out/secret.txt",
        "/out/",
        "/..%2f..%2fetc%2fpasswd",
    ] {
        let resp = emu.req("GET", path).send();
        assert_eq!(resp.status, 404, "{path}");
        assert!(!resp.text().contains("leaked-secret"), "{path}");
    }
    drop(emu);
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn finding_8_the_504_detail_is_scrubbed_of_the_key_like_the_502() {
    // An upstream whose path prefix holds the key (a mistake, but it must not leak).
    let silent = RawUpstream::start(|_| Vec::new(), 0, Duration::from_secs(3));
    let base = format!("http://{}/{KEY}/api", silent.addr);
    let proxy = Emulator::start_with(
        &["--upstream", &base, "--upstream-timeout-secs", "1"],
        &[("SKIMMER_API_KEY", KEY)],
        false,
    );
    let started = Instant::now();
    let resp = proxy.req("GET", LOG).send();
    let body = resp.problem(504);
    assert!(started.elapsed() < Duration::from_millis(2900));
    let detail = body["detail"].as_str().unwrap();
    assert!(!resp.text().contains(KEY), "{detail}");
    assert!(detail.contains("[redacted]"), "{detail}");
    let (_, output) = proxy.stop();
    assert!(
        !output.contains(KEY),
        "the banner and log lines too: {output}"
    );
    // Unreachable: the 502 says the same.
    let unreachable = Emulator::start_with(
        &["--upstream", &format!("http://127.0.0.1:9/{KEY}/api")],
        &[("SKIMMER_API_KEY", KEY)],
        false,
    );
    let resp = unreachable.req("GET", LOG).send();
    let body: Value = resp.problem(502);
    assert!(!resp.text().contains(KEY), "{body}");
    let (_, output) = unreachable.stop();
    assert!(!output.contains(KEY), "{output}");
}

#[test]
fn the_proxy_checks_origin_and_cross_site_marks_on_every_route() {
    let dir = std::env::temp_dir().join(format!("skimmer-security-proxy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>demo</h1>").unwrap();
    let (upstream, proxy) = proxy_pair(&["--serve", dir.to_str().unwrap()]);
    for path in ["/", "/index.html", LOG] {
        let resp = proxy.req("GET", path).header("origin", EVIL).send();
        assert_eq!(resp.status, 403, "{path}");
        assert_eq!(resp.header("access-control-allow-origin"), None);
    }
    // What a page elsewhere can make a browser send with no Origin: an <img>, a <script>, a
    // link or a form GET, each marked by Sec-Fetch-Site.
    for (site, mode, dest) in [
        ("cross-site", "no-cors", "image"),
        ("cross-site", "no-cors", "script"),
        ("cross-site", "navigate", "document"),
        ("same-site", "navigate", "iframe"),
    ] {
        let resp = proxy
            .req("GET", LOG)
            .header("sec-fetch-site", site)
            .header("sec-fetch-mode", mode)
            .header("sec-fetch-dest", dest)
            .send();
        resp.problem(403);
    }
    assert!(upstream.log().is_empty(), "none of it went up");
    // The proxy's own page, and a page that types the URL, still work.
    for site in ["same-origin", "none"] {
        let resp = proxy.req("GET", LOG).header("sec-fetch-site", site).send();
        assert_eq!(resp.status, 200, "{site}");
    }
    let linked = proxy
        .req("GET", "/")
        .header("sec-fetch-site", "cross-site")
        .header("sec-fetch-mode", "navigate")
        .send();
    assert_eq!(linked.status, 200, "a link to the demo page is fine");
    assert_eq!(upstream.log().len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}
