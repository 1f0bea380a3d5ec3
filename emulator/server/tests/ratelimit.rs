//! Skimmer's rate limit against the real binary, with a small limit and a short window.

mod common;

use common::Emulator;
use std::time::{Duration, Instant};

const LOG: &str = "/CustomerActivityLogs/cust-1001";

#[test]
fn headers_count_down_the_fourth_is_429_and_the_window_resets() {
    let emu = Emulator::start(&["--rate-limit", "3", "--rate-window-secs", "2"]);
    let window_start = Instant::now();
    let remaining: Vec<u64> = (0..3)
        .map(|_| {
            let resp = emu.api("GET", LOG).send();
            assert_eq!(resp.status, 200);
            assert_eq!(resp.number("ratelimit-limit"), 3);
            assert!((1..=2).contains(&resp.number("ratelimit-reset")));
            resp.number("ratelimit-remaining")
        })
        .collect();
    assert_eq!(remaining, [2, 1, 0]);

    let refused = emu.api("GET", LOG).send();
    let body = refused.problem(429);
    assert!(body["detail"].as_str().unwrap().contains("Rate limit"));
    let retry_after = refused.number("retry-after");
    assert!((1..=2).contains(&retry_after), "{retry_after}");
    assert_eq!(refused.number("ratelimit-remaining"), 0);
    assert_eq!(refused.number("ratelimit-limit"), 3);
    // A refused create stores nothing.
    let create = emu
        .api_json(
            "POST",
            LOG,
            &serde_json::json!({"type": "Call", "title": "Over"}),
        )
        .send();
    create.problem(429);

    // Retry-After is honest: once it has passed, the key has a fresh window.
    std::thread::sleep(Duration::from_secs(retry_after) + Duration::from_millis(50));
    let again = emu.api("GET", LOG).send();
    assert_eq!(again.status, 200, "the window reset");
    assert!(window_start.elapsed() < Duration::from_secs(4));
    assert_eq!(again.number("ratelimit-remaining"), 2);
    assert_eq!(
        again.json().as_array().unwrap().len(),
        6,
        "the refused create stored nothing"
    );
}

#[test]
fn keys_have_their_own_windows_and_401s_count_for_the_key_sent() {
    let emu = Emulator::start(&["--rate-limit", "2", "--rate-window-secs", "60"]);
    for _ in 0..3 {
        let resp = emu
            .req("GET", LOG)
            .header("skimmer-api-key", "wrong")
            .send();
        resp.problem(401);
        assert!(resp.header("ratelimit-remaining").is_some());
    }
    // The wrong key's window is used up, yet 401 comes first (the key is checked before
    // anything else) and the right key still has its whole window.
    let resp = emu.api("GET", LOG).send();
    assert_eq!((resp.status, resp.number("ratelimit-remaining")), (200, 1));
    assert_eq!(emu.api("GET", LOG).send().status, 200);
    let over = emu.api("GET", LOG).send();
    over.problem(429);
    assert!(over.number("retry-after") >= 1);
    // Control endpoints are not rate-limited; reset clears the windows.
    for _ in 0..5 {
        assert_eq!(emu.req("GET", "/__emulator/health").send().status, 200);
    }
    emu.control("POST", "/__emulator/reset").send();
    assert_eq!(emu.api("GET", LOG).send().status, 200);
}
