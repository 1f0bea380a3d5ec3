//! Properties of the whole core, over arbitrary requests: it answers every one (no panic, which
//! in a release wasm would abort the instance), with a real status, and every answer it gives is
//! inert (`nosniff`, a CSP that lets nothing run, a data media type).
//! (proptest keeps no failure file here: a failure prints the case to add as a unit test.)
//!
//! `make test` runs a bounded number of cases (FUZZ_CASES, default 1000).

// Native only: proptest is a native dev-dependency (`make lint` checks this on wasm32 too).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use skimmer_emulator_core::media::is_inert;
use skimmer_emulator_core::policy::{Area, API_CSP};
use skimmer_emulator_core::request::Target;
use skimmer_emulator_core::{Emulator, Now, Options, Reply, Request, RequestBody};

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"
        ])
        .prop_map(String::from),
        "[A-Za-z]{0,8}",
        any::<String>(),
    ]
}

fn target() -> impl Strategy<Value = String> {
    let prefix = proptest::sample::select(vec![
        "/CustomerActivityLogs/",
        "/CustomerActivityLogs/cust-1001/",
        "/__emulator/",
        "/__emulator/customers/",
        "/__emulator/faults",
        "/",
        "http://127.0.0.1:1/CustomerActivityLogs/",
        "",
    ]);
    let rest = prop_oneof![
        "[a-z0-9%/?=&.-]{0,24}",
        "(%[0-9A-Fa-f]{2}){0,6}",
        any::<String>(),
    ];
    (prefix, rest).prop_map(|(p, r)| format!("{p}{r}"))
}

fn header() -> impl Strategy<Value = (String, Vec<u8>)> {
    let name = proptest::sample::select(vec![
        "host",
        "origin",
        "skimmer-api-key",
        "content-type",
        "x-emulator-fault",
        "sec-fetch-site",
        "access-control-request-method",
    ]);
    let value = prop_oneof![
        proptest::sample::select(vec![
            "127.0.0.1:8787",
            "demo-key",
            "application/json",
            "http://localhost:5173",
            "https://evil.example",
            "cross-site",
            "status=503",
            "drop",
            "delay-ms=5",
            "body=wrong-types;status=200",
            "body=truncated",
            "status=204;body=invalid-json",
        ])
        .prop_map(|v| v.as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..40),
    ];
    (name, value).prop_map(|(n, v)| (n.to_owned(), v))
}

fn body() -> impl Strategy<Value = RequestBody> {
    prop_oneof![
        Just(RequestBody::Empty),
        Just(RequestBody::TooLarge),
        Just(RequestBody::Bytes(
            br#"{"type":"Call","title":"Hi"}"#.to_vec()
        )),
        Just(RequestBody::Bytes(br#"{"status":503}"#.to_vec())),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(RequestBody::Bytes),
        "\\PC{0,64}".prop_map(|s| RequestBody::Bytes(s.into_bytes())),
    ]
}

fn request() -> impl Strategy<Value = Request> {
    (
        method(),
        target(),
        proptest::collection::vec(header(), 0..6),
        body(),
    )
        .prop_map(|(method, target, mut headers, body)| {
            // Most requests come to a loopback host, as over HTTP.
            headers.insert(0, ("host".into(), b"127.0.0.1:8787".to_vec()));
            Request {
                method,
                target,
                headers,
                body,
            }
        })
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_request_gets_an_inert_answer(
        requests in proptest::collection::vec(request(), 1..6),
        in_process: bool,
    ) {
        let mut emulator = Emulator::new(Options {
            loopback_host_only: !in_process,
            ..Options::default()
        })
        .unwrap();
        for (i, request) in requests.iter().enumerate() {
            let now = Now { unix_ms: 1_795_773_600_000 + i as i64, monotonic_ms: i as u64 };
            let exchange = emulator.handle(request, now);
            let response = match exchange.reply {
                Reply::Drop => continue,
                Reply::Answer(response) | Reply::Raw { response, .. } => response,
            };
            prop_assert!((200..=599).contains(&response.status), "{}", response.status);
            prop_assert_eq!(response.headers.get("x-content-type-options"), Some("nosniff"));
            // Data answers; the core answers no static file, only a preflight there.
            let area = Area::of(Target::parse(&request.target).path);
            if area != Area::Static || response.status >= 400 {
                prop_assert_eq!(response.headers.get("content-security-policy"), Some(API_CSP));
            } else {
                prop_assert_eq!((request.method.as_str(), response.status), ("OPTIONS", 204));
            }
            if let Some(media) = response.headers.get("content-type") {
                prop_assert!(is_inert(media), "{}", media);
            }
            let visible = |v: &str| v.bytes().all(|b| b == b'\t' || (0x20..0x7F).contains(&b));
            prop_assert!(response.headers.iter().all(|(_, v)| visible(v)), "{:?}", response.headers);
            let len = response.body.len();
            prop_assert_eq!(response.body.into_bytes().len() as u64, len);
        }
    }
}
