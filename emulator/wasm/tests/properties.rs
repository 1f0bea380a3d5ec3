//! Properties of the in-process door's Rust side over arbitrary input, as JS could hand it over:
//! any option values give options or a named error (no panic: in the release wasm a panic aborts
//! the instance), and any request the core answers is delivered as a fetch can give it: an
//! answer's `Content-Length` is its body's length, a null-body status or a `HEAD` has no body, a
//! cut body is shorter than it claims, every status is one `new Response` accepts.
//! `make test` runs a bounded number of cases (FUZZ_CASES, default 1000).

// Native only: proptest is a native dev-dependency (`make lint` checks this on wasm32 too).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use skimmer_emulator_core::{Emulator, Now};
use skimmer_emulator_wasm::delivery::{deliver, Outcome};
use skimmer_emulator_wasm::request::{request, Clock};
use skimmer_emulator_wasm::settings::{options, Given, GivenOptions};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}

fn given() -> impl Strategy<Value = Given> {
    prop_oneof![
        Just(Given::Absent),
        any::<bool>().prop_map(Given::Bool),
        any::<f64>().prop_map(Given::Number),
        (0u32..100_000).prop_map(|n| Given::Number(f64::from(n))),
        any::<String>().prop_map(Given::Text),
        proptest::sample::select(vec!["429", "503,drop", "delay", "demo-key", ""])
            .prop_map(|t| Given::Text(t.to_owned())),
        Just(Given::Other("object")),
    ]
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"
        ])
        .prop_map(String::from),
        any::<String>(),
    ]
}

/// Mostly the right key and often a fault, as tests send them, and any other headers.
fn headers() -> impl Strategy<Value = Vec<String>> {
    let fault = proptest::sample::select(vec![
        "status=503",
        "drop",
        "delay-ms=5",
        "body=truncated",
        "status=204;body=invalid-json",
        "status=304",
        "body=empty;status=205",
        "status=200;body=wrong-types",
    ]);
    let name = proptest::sample::select(vec![
        "skimmer-api-key",
        "content-type",
        "origin",
        "x-emulator-fault",
    ])
    .prop_map(String::from);
    let value = prop_oneof![
        proptest::sample::select(vec!["demo-key", "application/json", "https://evil.example"])
            .prop_map(String::from),
        "[\\u{0}-\\u{ff}]{0,20}",
        any::<String>(),
    ];
    (
        proptest::bool::weighted(0.8),
        proptest::option::weighted(0.5, fault),
        proptest::collection::vec((name, value), 0..3),
    )
        .prop_map(|(key, fault, others)| {
            let mut headers = Vec::new();
            if key {
                headers.extend(["skimmer-api-key".to_owned(), "demo-key".to_owned()]);
            }
            if let Some(fault) = fault {
                headers.extend(["x-emulator-fault".to_owned(), fault.to_owned()]);
            }
            headers.extend(others.into_iter().flat_map(|(n, v)| [n, v]));
            headers
        })
}

fn target() -> impl Strategy<Value = String> {
    let prefix = proptest::sample::select(vec![
        "/CustomerActivityLogs/cust-1001",
        "/CustomerActivityLogs/cust-1001/act-1001-01",
        "/CustomerActivityLogs/",
        "/__emulator/faults",
        "/__emulator/requests",
        "/",
    ]);
    let rest = prop_oneof![Just(String::new()), "[a-z0-9%/?=&.-]{0,12}"];
    (prefix, rest).prop_map(|(p, r)| format!("{p}{r}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_option_values_give_options_or_a_named_error(
        values in proptest::collection::vec(given(), 8),
        entropy in proptest::collection::vec(any::<u32>(), 0..6),
    ) {
        let mut v = values.into_iter();
        let mut next = || v.next().unwrap_or(Given::Absent);
        let given = GivenOptions {
            api_key: next(), seed_customers: next(), rate_limit: next(), rate_window_ms: next(),
            fault_rate: next(), fault_kinds: next(), fault_seed: next(), random_seed: next(),
        };
        match options(given, &entropy) {
            Ok(options) => prop_assert!(Emulator::new(options).is_ok()),
            Err(refused) => prop_assert!(refused.message.starts_with("createEmulator: ")),
        }
    }

    #[test]
    fn every_answer_is_delivered_as_a_fetch_can_give_it(
        method in method(),
        target in target(),
        headers in headers(),
        body in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..64)),
        too_large in any::<bool>(),
        wall in any::<f64>(),
        monotonic in any::<f64>(),
    ) {
        let mut emulator = Emulator::new(options(GivenOptions::default(), &[1, 2, 3, 4]).unwrap()).unwrap();
        let mut clock = Clock::default();
        let request = request(method, target, &headers, body, too_large);
        let now: Now = clock.now(wall, monotonic);
        let delivery = deliver(emulator.handle(&request, now), &request.method);
        if delivery.outcome == Outcome::Drop {
            return Ok(());
        }
        prop_assert!((200..=599).contains(&delivery.status), "status {}", delivery.status);
        let length = delivery.headers.iter().find(|(n, _)| n == "content-length").map(|(_, v)| v.parse::<usize>().unwrap());
        // The Fetch standard's null body statuses: `new Response` refuses a body with them.
        if matches!(delivery.status, 101 | 103 | 204 | 205 | 304) {
            prop_assert!(delivery.body.is_empty() && length.is_none());
            prop_assert_eq!(delivery.outcome, Outcome::Answer);
        } else if request.method == "HEAD" {
            prop_assert!(delivery.body.is_empty());
        } else if delivery.outcome == Outcome::Truncated {
            prop_assert!(delivery.body.len() < length.unwrap());
        } else {
            prop_assert_eq!(Some(delivery.body.len()), length);
        }
        prop_assert!(delivery.headers.iter().all(|(n, v)| !n.is_empty() && v.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\t')));
    }
}
