//! Starting proxy mode: the key from SKIMMER_API_KEY (never quoted, refused when unusable), a
//! checked upstream URL, and a banner that names the upstream but never the key.

mod common;

use common::proxy::{no_key, pair, run_briefly, KEY, LOG};

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
