//! Proxy mode's five routes, against real binaries: an upstream emulator and a proxy in front of
//! it, talked to over HTTP with no key; and a scripted raw upstream where the exact bytes matter
//! (headers, prefixes).

mod common;

use common::proxy::{json_req, no_key, pair, printed, proxy_to, script_fault, KEY, LOG};
use common::{assert_activity, encoded, RawUpstream};
use serde_json::{json, Value};
use skimmer_activity_logs::routes::{self, Operation};
use std::net::SocketAddr;
use std::time::Duration;

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
