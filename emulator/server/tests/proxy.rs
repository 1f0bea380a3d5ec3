//! Proxy mode against real binaries: an upstream emulator (`--api-key up-secret`) and a proxy
//! in front of it (`--upstream URL`, `SKIMMER_API_KEY=up-secret`), talked to over HTTP with no
//! key; and a scripted raw upstream where the exact bytes matter (headers, prefixes, stalls).

mod common;

use common::{assert_activity, Emulator, RawUpstream, Resp};
use serde_json::{json, Value};
use skimmer_activity_logs::routes::{self, Operation};
use std::io::Read;
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The upstream's key, which only the proxy holds.
const KEY: &str = "up-secret";
const LOG: &str = "/CustomerActivityLogs/cust-1001";

/// An upstream emulator and a proxy in front of it.
struct Pair {
    upstream: Emulator,
    proxy: Emulator,
}

/// Starts an upstream with `upstream_args` and a proxy (not quiet, so its log lines are seen)
/// with `proxy_args`.
fn pair(upstream_args: &[&str], proxy_args: &[&str]) -> Pair {
    let mut args = vec!["--api-key", KEY];
    args.extend_from_slice(upstream_args);
    let upstream = Emulator::start(&args);
    let proxy = proxy_to(&upstream.url, proxy_args, KEY);
    Pair { upstream, proxy }
}

fn proxy_to(url: &str, args: &[&str], key: &str) -> Emulator {
    let mut all = vec!["--upstream", url];
    all.extend_from_slice(args);
    Emulator::start_with(&all, &[("SKIMMER_API_KEY", key)], false)
}

/// Checks that nothing of the key is in an answer.
fn no_key(resp: Resp) -> Resp {
    for (name, value) in &resp.headers {
        assert!(!value.contains(KEY), "{name}: {value}");
    }
    assert!(!resp.text().contains(KEY), "{}", resp.text());
    resp
}

fn json_req(emu: &Emulator, method: &str, path: &str, body: &Value) -> common::Req {
    emu.req(method, path)
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(serde_json::to_vec(body).unwrap())
}

fn script_fault(upstream: &Emulator, fault: Value) {
    let resp = json_req(upstream, "POST", "/__emulator/faults", &fault).send();
    assert_eq!(resp.status, 201, "{}", resp.text());
}

/// A request line the proxy printed on stderr (proxy mode keeps no request log).
#[derive(Debug, PartialEq, Eq)]
struct Printed {
    method: String,
    path: String,
    /// The status, or `dropped` / `client gone`.
    status: String,
    /// Whether the answer was the upstream's.
    upstream: bool,
}

/// The request lines `proxy` printed so far, waiting (at most 5 s) for at least `at_least`.
fn printed(proxy: &Emulator, at_least: usize) -> Vec<Printed> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let lines: Vec<Printed> = proxy
            .output()
            .lines()
            .filter_map(|line| {
                let mut words = line.split(' ');
                let method = words.next()?;
                let path = words.next()?;
                if !path.starts_with('/') || !method.bytes().all(|b| b.is_ascii_uppercase()) {
                    return None;
                }
                let status = words.next()?.to_owned();
                Some(Printed {
                    method: method.to_owned(),
                    path: path.to_owned(),
                    status,
                    upstream: words.next() == Some("(upstream)"),
                })
            })
            .collect();
        if lines.len() >= at_least || Instant::now() > deadline {
            return lines;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn encoded(value: &str) -> String {
    let mut out = String::new();
    routes::encode_segment(value, &mut out);
    out
}

#[test]
fn the_five_routes_work_through_the_proxy_with_no_key_from_the_client() {
    let pair = pair(&[], &[]);
    let proxy = &pair.proxy;
    let input = json!({"type": "Call", "title": "Called through the proxy", "authorName": "Ana"});
    let created = no_key(json_req(proxy, "POST", LOG, &input).send());
    assert_eq!(created.status, 201, "{}", created.text());
    let activity = assert_activity(&created.json());
    assert_eq!(activity.created_by_name.as_deref(), Some("Ana"));
    let item = format!("{LOG}/{}", activity.id);
    assert_eq!(created.header("location"), Some(item.as_str()));
    assert_eq!(created.number("ratelimit-limit"), 500);

    let got = no_key(
        proxy
            .req("GET", &item)
            .header("accept", "application/json")
            .send(),
    );
    assert_eq!(got.status, 200);
    assert_eq!(got.json()["id"], activity.id.as_str());

    let list = no_key(proxy.req("GET", LOG).send());
    assert_eq!(list.status, 200);
    assert!(list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == activity.id.as_str()));

    let change = json!({"type": "Email", "title": "Emailed instead", "authorName": "Bo"});
    let updated = no_key(json_req(proxy, "PUT", &item, &change).send());
    assert_eq!(updated.status, 200, "{}", updated.text());
    assert_eq!(updated.json()["title"], "Emailed instead");
    assert_eq!(updated.json()["updatedByName"], "Bo");

    let deleted = no_key(proxy.req("DELETE", &item).send());
    assert_eq!(deleted.status, 204);
    assert!(deleted.body.is_empty());
    let gone = no_key(proxy.req("GET", &item).send());
    let problem = gone.problem(404);
    assert!(problem["detail"].as_str().unwrap().contains(&activity.id));

    // The upstream counted every request against its own limit; the proxy has none.
    assert_eq!(gone.number("ratelimit-remaining"), 500 - 6);

    let upstream_log = pair.upstream.log();
    let seen: Vec<(&str, u64, bool)> = upstream_log
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap(),
                e["status"].as_u64().unwrap(),
                e["authorized"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("POST", 201, true),
            ("GET", 200, true),
            ("GET", 200, true),
            ("PUT", 200, true),
            ("DELETE", 204, true),
            ("GET", 404, true),
        ]
    );
    assert_eq!(upstream_log[0]["contentType"], "application/json");
    let proxy_log = printed(proxy, 6);
    assert_eq!(proxy_log.len(), 6);
    for (entry, upstream) in proxy_log.iter().zip(&upstream_log) {
        assert!(entry.upstream, "{entry:?}");
        assert_eq!(entry.status, upstream["status"].to_string());
        assert_eq!(entry.path, upstream["path"].as_str().unwrap());
    }
    let (status, output) = pair.proxy.stop();
    assert_eq!(status.code(), Some(0));
    assert!(!output.contains(KEY), "{output}");
    assert!(
        output.contains("DELETE /CustomerActivityLogs/cust-1001/"),
        "{output}"
    );
}

#[test]
fn a_key_sent_by_the_page_is_dropped_and_cannot_choose_the_key() {
    let pair = pair(&[], &[]);
    for key in ["wrong", KEY, ""] {
        let resp = no_key(
            pair.proxy
                .req("GET", LOG)
                .header("skimmer-api-key", key)
                .send(),
        );
        assert_eq!(resp.status, 200, "sent {key:?}");
    }
    let log = pair.upstream.log();
    assert_eq!(log.len(), 3);
    assert!(log.iter().all(|e| e["authorized"] == true), "{log:?}");

    // With the wrong key in the environment, the page's right key does not rescue it: the
    // upstream's 401 comes back and the proxy's log says so.
    let wrong = proxy_to(&pair.upstream.url, &[], "not-the-key");
    let resp = no_key(wrong.req("GET", LOG).header("skimmer-api-key", KEY).send());
    resp.problem(401);
    let entry = &printed(&wrong, 1)[0];
    assert_eq!((entry.status.as_str(), entry.upstream), ("401", true));
    assert_eq!(pair.upstream.log()[3]["authorized"], false);
}

#[test]
fn ids_arrive_upstream_decoded_exactly() {
    let pair = pair(&[], &[]);
    let ids = [
        "a/b",
        "what?",
        "#hash",
        "100%",
        "with space",
        "é",
        "😀",
        "all of /?#% é😀",
        "%2F",
        "...",
    ];
    for id in ids {
        let customer = encoded(id);
        let made = pair
            .upstream
            .control("PUT", &format!("/__emulator/customers/{customer}"))
            .send();
        assert_eq!(made.status, 201, "{id}");
        let path = routes::url("", Operation::List, id, "").unwrap();
        let created = no_key(
            json_req(
                &pair.proxy,
                "POST",
                &path,
                &json!({"type": "Text", "title": "Hi"}),
            )
            .send(),
        );
        assert_eq!(created.status, 201, "{id}: {}", created.text());
        let activity = assert_activity(&created.json());
        assert_eq!(activity.customer_id, id);
        let item = routes::url("", Operation::Get, id, &activity.id).unwrap();
        assert_eq!(created.header("location"), Some(item.as_str()));
        let missing = routes::url("", Operation::Get, id, id).unwrap();
        no_key(pair.proxy.req("GET", &missing).send()).problem(404);
    }
    let log = pair.upstream.log();
    let proxied: Vec<&Value> = log.iter().filter(|e| e["authorized"] == true).collect();
    assert_eq!(proxied.len(), 2 * ids.len());
    for (pair_of, id) in proxied.chunks(2).zip(ids) {
        assert_eq!(pair_of[0]["customerId"], id);
        assert_eq!(pair_of[0]["method"], "POST");
        assert_eq!(pair_of[1]["customerId"], id);
        assert_eq!(pair_of[1]["id"], id, "the id arrived as given");
        assert_eq!(
            pair_of[1]["path"],
            routes::url("", Operation::Get, id, id).unwrap()
        );
    }

    // Segments no URL can carry are refused here, before the upstream.
    let before = pair.upstream.log().len();
    for path in [
        "/CustomerActivityLogs/%2E%2E",
        "/CustomerActivityLogs/..",
        "/CustomerActivityLogs/cust-1001/%2e",
        "/CustomerActivityLogs/%20%20",
    ] {
        let resp = no_key(pair.proxy.req("GET", path).send());
        let body = resp.problem(400);
        assert!(body["errors"].is_object(), "{path}: {body}");
    }
    assert_eq!(pair.upstream.log().len(), before, "none was forwarded");
}

#[test]
fn upstream_errors_pass_through_with_their_status_body_and_headers() {
    let pair = pair(&["--rate-limit", "8"], &["--rate-limit", "1"]);
    let proxy = &pair.proxy;

    let invalid = json!({"type": "Nope", "title": ""});
    let resp = no_key(json_req(proxy, "POST", LOG, &invalid).send());
    let body = resp.problem(400);
    let errors = body["errors"].as_object().unwrap();
    assert!(
        errors.contains_key("type") && errors.contains_key("title"),
        "{body}"
    );
    assert_eq!(resp.number("ratelimit-limit"), 8, "the upstream's figures");
    assert_eq!(resp.number("ratelimit-remaining"), 7);

    let system = format!("{LOG}/act-1001-02");
    let resp = no_key(
        json_req(
            proxy,
            "PUT",
            &system,
            &json!({"type": "Call", "title": "x"}),
        )
        .send(),
    );
    assert!(resp.problem(403)["detail"]
        .as_str()
        .unwrap()
        .contains("system"));

    no_key(proxy.req("GET", "/CustomerActivityLogs/nobody").send()).problem(404);

    let resp = no_key(
        proxy
            .req("POST", LOG)
            .body("{}")
            .header("content-type", "text/plain")
            .send(),
    );
    resp.problem(415);

    script_fault(&pair.upstream, json!({"status": 503, "retryAfter": "7"}));
    let resp = no_key(proxy.req("GET", LOG).send());
    assert!(resp.problem(503)["detail"]
        .as_str()
        .unwrap()
        .contains("Injected"));
    assert_eq!(resp.header("retry-after"), Some("7"));

    let date = "Wed, 21 Oct 2026 07:28:00 GMT";
    script_fault(&pair.upstream, json!({"status": 429, "retryAfter": date}));
    let resp = no_key(proxy.req("GET", LOG).send());
    resp.problem(429);
    assert_eq!(resp.header("retry-after"), Some(date), "verbatim");

    script_fault(&pair.upstream, json!({"status": 502, "body": "html"}));
    let resp = no_key(proxy.req("GET", LOG).send());
    assert_eq!(resp.status, 502);
    assert_eq!(
        resp.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert!(resp.text().contains("<center>nginx</center>"), "as is");

    // The upstream's real rate limit: 8 a window, 7 used above.
    let last = no_key(proxy.req("GET", LOG).send());
    assert_eq!(last.status, 200);
    assert_eq!(last.number("ratelimit-remaining"), 0);
    let limited = no_key(proxy.req("GET", LOG).send());
    let body = limited.problem(429);
    assert!(body["detail"].as_str().unwrap().contains("Rate limit"));
    assert!(limited.number("retry-after") >= 1);
    assert_eq!(limited.number("ratelimit-limit"), 8);
    assert_eq!(limited.number("ratelimit-remaining"), 0);
    assert!(limited.number("ratelimit-reset") >= 1);

    let statuses: Vec<String> = printed(proxy, 9).into_iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        ["400", "403", "404", "415", "503", "429", "502", "200", "429"]
    );
}

#[test]
fn a_large_upstream_body_streams_through_whole() {
    let pair = pair(&[], &[]);
    script_fault(&pair.upstream, json!({"status": 200, "body": "huge"}));
    let resp = no_key(pair.proxy.req("GET", LOG).send());
    assert_eq!(resp.status, 200);
    assert!(resp.body.len() >= 10 * 1024 * 1024, "{}", resp.body.len());
    let list: Vec<skimmer_activity_logs::Activity> = serde_json::from_slice(&resp.body).unwrap();
    assert!(list.len() > 10_000);
}

#[test]
fn an_unreachable_upstream_is_a_502_problem_without_the_key() {
    let upstream = Emulator::start(&["--api-key", KEY]);
    let proxy = proxy_to(&upstream.url, &[], KEY);
    assert_eq!(proxy.req("GET", LOG).send().status, 200);

    // The upstream closes the connection without answering.
    script_fault(&upstream, json!({"drop": true}));
    let resp = no_key(proxy.req("GET", LOG).send());
    let body = resp.problem(502);
    assert!(
        body["detail"].as_str().unwrap().contains(&upstream.url),
        "{body}"
    );

    // The upstream is gone.
    let url = upstream.url.clone();
    drop(upstream);
    for method in ["GET", "DELETE"] {
        let resp = no_key(proxy.req(method, &format!("{LOG}/x")).send());
        let body = resp.problem(502);
        let detail = body["detail"].as_str().unwrap();
        assert!(
            detail.contains(&url) && detail.contains("could not be reached"),
            "{detail}"
        );
        assert!(resp.header("ratelimit-limit").is_none());
    }
    let log = printed(&proxy, 2);
    assert_eq!((log[1].status.as_str(), log[1].upstream), ("502", false));
    let (status, output) = proxy.stop();
    assert_eq!(status.code(), Some(0));
    assert!(!output.contains(KEY), "{output}");
    assert!(output.contains(" 502 "), "{output}");
}

#[test]
fn a_silent_upstream_is_a_504_after_the_timeout() {
    let pair = pair(&[], &["--upstream-timeout-secs", "1"]);
    script_fault(&pair.upstream, json!({"delayMs": 3000}));
    let started = Instant::now();
    let resp = no_key(pair.proxy.req("GET", LOG).send());
    let took = started.elapsed();
    let body = resp.problem(504);
    assert!(
        body["detail"].as_str().unwrap().contains("within 1 s"),
        "{body}"
    );
    assert!(took >= Duration::from_millis(950), "{took:?}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
    assert_eq!(
        pair.proxy.req("GET", LOG).send().status,
        200,
        "fine afterwards"
    );
    assert_eq!(printed(&pair.proxy, 1)[0].status, "504");
}

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

/// Runs the binary with `args` and `SKIMMER_API_KEY` as given, expecting it to exit by itself
/// within 10 s; gives the exit code, stdout and stderr.
fn run_briefly(args: &[&str], key: Option<&str>) -> (Option<i32>, String, String) {
    let mut command = Command::new(common::binary());
    command
        .args(["--port", "0"])
        .args(args)
        .env_remove("SKIMMER_API_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(key) = key {
        command.env("SKIMMER_API_KEY", key);
    }
    let mut child = command.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            let mut err = String::new();
            child
                .stdout
                .take()
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), out, err);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{args:?} with key {:?} did not exit within 10 s",
                key.is_some()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_missing_or_unusable_key_refuses_to_start() {
    let upstream = ["--upstream", "http://127.0.0.1:9"];
    for (key, reason) in [
        (None, "not set"),
        (Some(""), "empty"),
        (Some("   "), "space"),
        // The client's rule, in the core: visible ASCII only (a no-break space is not).
        (Some("leaky\u{a0}key"), "non-ASCII"),
        (Some("leaky-key\r\n"), "line break"),
        (Some("leaky\nkey"), "line break"),
        (Some("leaky\rkey"), "line break"),
        (Some("leaky key"), "space"),
    ] {
        let (code, out, err) = run_briefly(&upstream, key);
        assert_eq!(code, Some(2), "{key:?}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("SKIMMER_API_KEY") && err.contains(reason),
            "{key:?}: {err}"
        );
        assert!(!err.contains("leaky"), "the key is never quoted: {err}");
    }
    for bad in [
        "ftp://127.0.0.1:9",
        "127.0.0.1:9",
        "http://user:leaky@127.0.0.1:9",
        "http://127.0.0.1:9/?q=1",
    ] {
        let (code, out, err) = run_briefly(&["--upstream", bad], Some(KEY));
        assert_eq!(code, Some(2), "{bad}: {err}");
        assert!(out.is_empty() && err.contains("--upstream"), "{bad}: {err}");
        assert!(!err.contains("leaky") && !err.contains(KEY), "{err}");
    }
    let (code, _, err) = run_briefly(
        &[
            "--upstream",
            "http://127.0.0.1:9",
            "--upstream-timeout-secs",
            "0",
        ],
        Some(KEY),
    );
    assert_eq!(code, Some(2), "{err}");
    // Without --upstream, SKIMMER_API_KEY means nothing and is not needed.
    let help = run_briefly(&["--help"], None);
    assert_eq!(help.0, Some(0));
    for flag in [
        "--upstream",
        "--upstream-timeout-secs",
        "--allow-origin",
        "SKIMMER_API_KEY",
    ] {
        assert!(help.1.contains(flag), "--help mentions {flag}");
    }
}

#[test]
fn the_banner_names_the_upstream_but_never_the_key() {
    let pair = pair(&[], &[]);
    let resp = no_key(
        pair.proxy
            .req("GET", LOG)
            .header("skimmer-api-key", "page-key")
            .send(),
    );
    assert_eq!(resp.status, 200);
    let (status, output) = pair.proxy.stop();
    assert_eq!(status.code(), Some(0));
    assert!(
        output.contains(&format!(
            "proxy mode: forwarding the API routes to {} with the key from SKIMMER_API_KEY",
            pair.upstream.url
        )),
        "{output}"
    );
    assert!(
        output.contains("GET /CustomerActivityLogs/cust-1001 200 (upstream)"),
        "{output}"
    );
    assert!(
        !output.contains(KEY) && !output.contains("page-key"),
        "{output}"
    );
}

#[test]
fn an_https_upstream_is_spoken_to_with_tls() {
    // The upstream speaks plain HTTP, so the TLS handshake fails: a 502, and the upstream never
    // sees an HTTP request (let alone the key in clear text).
    let upstream = Emulator::start(&["--api-key", KEY]);
    let https = format!("https://{}", upstream.addr);
    let proxy = proxy_to(&https, &[], KEY);
    let resp = no_key(proxy.req("GET", LOG).send());
    let body = resp.problem(502);
    assert!(body["detail"].as_str().unwrap().contains(&https), "{body}");
    assert!(upstream.log().is_empty());
}

fn canned(addr: SocketAddr) -> Vec<u8> {
    format!(
        "HTTP/1.1 201 Created\r\n\
content-type: application/json; charset=utf-8\r\n\
location: http://{addr}/api/CustomerActivityLogs/c%2F1/new-1\r\n\
ratelimit-limit: 500\r\n\
ratelimit-remaining: 42\r\n\
ratelimit-reset: 17\r\n\
retry-after: 3\r\n\
set-cookie: upstream-session=abc\r\n\
x-powered-by: ASP.NET\r\n\
keep-alive: timeout=5\r\n\
proxy-authenticate: Basic\r\n\
connection: close\r\n\
content-length: 16\r\n\
\r\n\
{{\"id\": \"new-1\"}}\n"
    )
    .into_bytes()
}

#[test]
fn only_the_listed_headers_go_up_and_come_back_and_the_prefix_is_kept() {
    let raw = RawUpstream::start(canned, usize::MAX, Duration::ZERO);
    let base = format!("http://{}/api/", raw.addr);
    let proxy = proxy_to(&base, &[], KEY);
    let resp = no_key(
        proxy
            .req("POST", "/CustomerActivityLogs/c%2F1")
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .header("skimmer-api-key", "page-key")
            .header("cookie", "session=page")
            .header("authorization", "Bearer page")
            .header("x-custom", "1")
            .header("x-forwarded-for", "10.0.0.1")
            .body(r#"{"type":"Call","title":"Hi"}"#)
            .send(),
    );
    assert_eq!(resp.status, 201);
    assert_eq!(resp.text(), "{\"id\": \"new-1\"}\n");
    assert_eq!(
        resp.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(
        resp.header("location"),
        Some("/CustomerActivityLogs/c%2F1/new-1")
    );
    assert_eq!(resp.header("ratelimit-remaining"), Some("42"));
    assert_eq!(resp.header("ratelimit-reset"), Some("17"));
    assert_eq!(resp.header("retry-after"), Some("3"));
    for dropped in [
        "set-cookie",
        "x-powered-by",
        "keep-alive",
        "proxy-authenticate",
    ] {
        assert!(resp.header(dropped).is_none(), "{dropped} was copied");
    }

    let seen = raw.seen();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    let (head, body) = request.split_once("\r\n\r\n").unwrap();
    assert_eq!(body, r#"{"type":"Call","title":"Hi"}"#);
    let mut lines = head.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("POST /api/CustomerActivityLogs/c%2F1 HTTP/1.1")
    );
    let mut names: Vec<String> = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').unwrap();
        let name = name.to_ascii_lowercase();
        let value = value.trim();
        match name.as_str() {
            "skimmer-api-key" => assert_eq!(value, KEY),
            "host" => assert_eq!(value, raw.addr.to_string()),
            "user-agent" => assert!(value.starts_with("skimmer-emulator/"), "{value}"),
            "accept" | "content-type" => assert_eq!(value, "application/json"),
            "content-length" => assert_eq!(value, body.len().to_string()),
            other => panic!("{other} went up: {line}"),
        }
        names.push(name);
    }
    names.sort();
    assert_eq!(
        names,
        [
            "accept",
            "content-length",
            "content-type",
            "host",
            "skimmer-api-key",
            "user-agent"
        ]
    );
}

#[test]
fn a_body_that_stalls_is_cut_off_after_the_timeout() {
    const SLOW: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 20\r\nconnection: close\r\n\r\n[1,2,3";
    let raw = RawUpstream::start(|_| SLOW.to_vec(), SLOW.len() - 3, Duration::from_secs(4));
    let proxy = proxy_to(
        &format!("http://{}", raw.addr),
        &["--upstream-timeout-secs", "1"],
        KEY,
    );
    let started = Instant::now();
    let bytes = proxy.req("GET", LOG).send_raw().unwrap_or_default();
    let took = started.elapsed();
    assert!(took < Duration::from_millis(3500), "{took:?}");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
    assert!(!text.ends_with("[1,2,3"), "the body was cut off: {text}");
}
