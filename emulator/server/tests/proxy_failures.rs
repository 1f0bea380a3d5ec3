//! Proxy mode when the upstream fails: unreachable (502), silent (504), a body that stalls, a
//! TLS handshake with a plain-HTTP server; none of it shows the key.

mod common;

use common::proxy::{no_key, pair, printed, proxy_to, script_fault, KEY, LOG};
use common::{Emulator, RawUpstream};
use serde_json::json;
use std::time::{Duration, Instant};

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
