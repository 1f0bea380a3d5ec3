//! Fault injection against the real binary, as far as the shared table (`table.rs`) does not
//! show it: the request log of faults, raw answers byte for byte, dropped connections, random
//! faults that repeat with their seed, a client that leaves during a delay.

mod common;

use common::{assert_activity, parse, Emulator};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const LOG: &str = "/CustomerActivityLogs/cust-1001";
const ITEM: &str = "/CustomerActivityLogs/cust-1001/act-1001-01";

fn ids(emu: &Emulator) -> Vec<String> {
    let list = emu.api("GET", LOG).send().json();
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

fn new_activity() -> Value {
    json!({"type": "Call", "title": "Should not be stored"})
}

/// Whether the server closed the connection without a single byte of answer.
fn dropped(result: std::io::Result<Vec<u8>>) -> bool {
    match result {
        Ok(bytes) => bytes.is_empty(),
        Err(e) => matches!(
            e.kind(),
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
        ),
    }
}

#[test]
fn a_status_fault_answers_problem_details_with_rate_limit_headers() {
    let emu = Emulator::start(&[]);
    let resp = emu
        .api("GET", LOG)
        .header("x-emulator-fault", "status=503")
        .send();
    let body = resp.problem(503);
    assert!(body["detail"].as_str().unwrap().contains("Injected"));
    assert!(
        resp.header("retry-after").is_none(),
        "no Retry-After unless asked"
    );
    assert_eq!(resp.number("ratelimit-remaining"), 499);

    let resp = emu
        .api("GET", LOG)
        .header("x-emulator-fault", "status=503; retry-after=2")
        .send();
    resp.problem(503);
    assert_eq!(resp.header("retry-after"), Some("2"));

    let date = "Wed, 21 Oct 2026 07:28:00 GMT";
    let resp = emu
        .api("GET", LOG)
        .header(
            "x-emulator-fault",
            &format!("status=429;retry-after={date}"),
        )
        .send();
    resp.problem(429);
    assert_eq!(resp.header("retry-after"), Some(date), "sent verbatim");

    let log = emu.log();
    assert_eq!(log[0]["fault"], "status=503");
    assert_eq!(log[0]["faultSource"], "header");
    assert_eq!(log[0]["status"], 503);
    assert_eq!(log[2]["fault"], format!("status=429;retry-after={date}"));
}

#[test]
fn a_drop_fault_closes_the_connection_without_any_answer() {
    let emu = Emulator::start(&[]);
    let before = ids(&emu);
    for (method, path) in [("GET", LOG), ("POST", LOG), ("DELETE", ITEM), ("PUT", ITEM)] {
        let req = emu
            .api_json(method, path, &new_activity())
            .header("x-emulator-fault", "drop");
        assert!(dropped(req.send_raw()), "{method} {path}");
    }
    let delayed = emu
        .api("GET", LOG)
        .header("x-emulator-fault", "delay-ms=100;drop");
    assert!(dropped(delayed.send_raw()));
    assert_eq!(ids(&emu), before, "dropped requests changed nothing");
    let log = emu.log();
    // log[0] is the list read by ids(); then GET, POST, DELETE, PUT, GET were dropped.
    assert_eq!(log[2]["method"], "POST");
    assert_eq!(log[2]["status"], Value::Null);
    assert_eq!(log[2]["fault"], "drop");
    assert_eq!(log[5]["fault"], "delay-ms=100;drop");
    // The server is fine afterwards.
    assert_eq!(emu.api("GET", LOG).send().status, 200);
}

#[test]
fn body_presets_answer_hostile_bodies() {
    let emu = Emulator::start(&[]);
    let fault = |path: &str, value: &str| {
        emu.api("GET", path)
            .header("x-emulator-fault", value)
            .send_raw()
            .unwrap()
    };

    let resp = parse(&fault(LOG, "body=invalid-json")).unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.body, b"{\"id\": ");
    assert_eq!(
        resp.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(resp.number("ratelimit-limit"), 500);

    // An HTML error page, as text: nothing the emulator answers is HTML.
    let resp = parse(&fault(LOG, "status=502;body=html")).unwrap();
    assert_eq!(resp.status, 502);
    assert_eq!(
        resp.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert!(resp.text().contains("<h1>502 Bad Gateway</h1>"));

    let resp = parse(&fault(LOG, "body=empty")).unwrap();
    assert_eq!((resp.status, resp.body.len()), (200, 0));
    assert_eq!(resp.header("content-length"), Some("0"));

    let resp = parse(&fault(LOG, "body=truncated")).unwrap();
    let claimed = resp.number("content-length") as usize;
    assert_eq!(resp.status, 200);
    assert!(
        resp.body.len() < claimed,
        "{} of {claimed}",
        resp.body.len()
    );
    assert!(resp.body.starts_with(b"[{"));
    assert!(serde_json::from_slice::<Value>(&resp.body).is_err());

    let resp = parse(&fault(LOG, "body=huge")).unwrap();
    assert!(resp.body.len() >= 10_000_000, "{}", resp.body.len());
    let huge = resp.json();
    let huge = huge.as_array().unwrap();
    assert!(huge.len() > 10_000);
    assert_activity(&huge[huge.len() - 1]);

    let resp = parse(&fault(LOG, "body=wrong-types")).unwrap();
    let list = resp.json();
    assert_activity(&list[0]);
    assert!(list[1]["title"].is_number() && list[1]["createdAt"].is_number());
    let resp = parse(&fault(ITEM, "body=wrong-types")).unwrap();
    assert!(resp.json()["title"].is_number());

    let resp = parse(&fault(LOG, "body=deep")).unwrap();
    assert_eq!(resp.body.len(), 200_000);
    assert!(resp.body.starts_with(b"[[[[") && resp.body.ends_with(b"]]]]"));

    let resp = parse(&fault(ITEM, "body=missing-id")).unwrap();
    let activity = resp.json();
    assert!(activity.get("id").is_none() && activity["customerId"] == "cust-1001");
    let resp = parse(&fault(LOG, "body=missing-id")).unwrap();
    assert!(resp.json()[1].get("id").is_none());

    let resp = parse(&fault(LOG, "body=not-array")).unwrap();
    assert!(resp.json().is_object());

    let resp = parse(&fault(
        LOG,
        "status=500;body=invalid-json;content-type=text/plain%3B charset=utf-8",
    ))
    .unwrap();
    assert_eq!(resp.status, 500);
    assert_eq!(
        resp.header("content-type"),
        Some("text/plain; charset=utf-8")
    );

    // A 204 with a body: written byte for byte, past what hyper would allow.
    let raw = emu
        .api("DELETE", ITEM)
        .header("x-emulator-fault", "status=204;body=invalid-json")
        .send_raw()
        .unwrap();
    let resp = parse(&raw).unwrap();
    assert_eq!(resp.status, 204);
    assert_eq!(resp.body, b"{\"id\": ");
    assert_eq!(resp.header("content-length"), Some("7"));
    assert!(resp.header("ratelimit-remaining").is_some());
    assert_eq!(emu.api("GET", ITEM).send().status, 200, "not deleted");
}

#[test]
fn bad_fault_headers_are_400_and_auth_comes_first() {
    let emu = Emulator::start(&[]);
    for bad in [
        "status=abc",
        "teapot",
        "body=nope",
        "status=700",
        "delay-ms=99999999",
    ] {
        let body = emu
            .api("GET", LOG)
            .header("x-emulator-fault", bad)
            .send()
            .problem(400);
        assert!(
            body["detail"]
                .as_str()
                .unwrap()
                .contains("x-emulator-fault"),
            "{body}"
        );
    }
    let resp = emu
        .req("GET", LOG)
        .header("x-emulator-fault", "status=503")
        .send();
    resp.problem(401);
    let log = emu.log();
    assert_eq!(log.last().unwrap()["fault"], Value::Null);
    // An empty header is no fault.
    assert_eq!(
        emu.api("GET", LOG)
            .header("x-emulator-fault", " ")
            .send()
            .status,
        200
    );
}

#[test]
fn scripted_faults_answer_the_next_matching_requests_then_run_out() {
    let emu = Emulator::start(&[]);
    let queued = emu
        .control("POST", "/__emulator/faults")
        .header("content-type", "application/json")
        .body(
            json!({"method": "GET", "path": LOG, "times": 2, "status": 503, "retryAfter": "1"})
                .to_string(),
        )
        .send();
    assert_eq!(queued.status, 201, "{}", queued.text());
    assert_eq!(queued.json()["fault"], "status=503;retry-after=1");
    // Other methods and paths are not affected.
    assert_eq!(emu.api("GET", ITEM).send().status, 200);
    let created = emu.api_json("POST", LOG, &new_activity()).send();
    assert_eq!(created.status, 201);
    let listed = emu.req("GET", "/__emulator/faults").send().json();
    assert_eq!(listed[0]["timesLeft"], 2);
    // A client retrying a GET: two 503s, then the third attempt succeeds.
    let attempts: Vec<u16> = (0..3).map(|_| emu.api("GET", LOG).send().status).collect();
    assert_eq!(attempts, [503, 503, 200]);
    assert_eq!(
        emu.req("GET", "/__emulator/faults").send().json(),
        json!([])
    );
    let log = emu.log();
    assert_eq!(log[2]["faultSource"], "scripted");
    assert_eq!(log[4]["fault"], Value::Null);

    // A scripted drop of a POST stores nothing; any method, any path.
    let before = ids(&emu);
    emu.control("POST", "/__emulator/faults")
        .body(json!({"drop": true}).to_string())
        .send();
    assert!(dropped(
        emu.api_json("POST", LOG, &new_activity()).send_raw()
    ));
    assert_eq!(ids(&emu), before);

    // Body presets, clearing and reset.
    emu.control("POST", "/__emulator/faults")
        .body(json!({"method": "get", "body": "not-array", "times": 5}).to_string())
        .send();
    assert!(emu.api("GET", LOG).send().json().is_object());
    assert_eq!(
        emu.control("DELETE", "/__emulator/faults").send().status,
        204
    );
    assert!(emu.api("GET", LOG).send().json().is_array());
    emu.control("POST", "/__emulator/faults")
        .body(json!({"status": 500, "times": 5}).to_string())
        .send();
    emu.control("POST", "/__emulator/reset").send();
    assert_eq!(emu.api("GET", LOG).send().status, 200);

    for bad in [
        json!({}),
        json!({"status": 99}),
        json!({"times": 0, "status": 503}),
        json!({"body": "nope"}),
        json!({"status": 503, "colour": "red"}),
        json!({"method": "G E T", "status": 503}),
    ] {
        let resp = emu
            .control("POST", "/__emulator/faults")
            .body(bad.to_string())
            .send();
        resp.problem(400);
    }
    emu.control("POST", "/__emulator/faults")
        .body("not json")
        .send()
        .problem(400);
}

/// What one request under `--fault-rate` came to: a status, or `None` for a dropped connection,
/// with the fault the log recorded.
fn outcomes(emu: &Emulator, n: usize) -> Vec<(Option<u16>, Value)> {
    emu.control("DELETE", "/__emulator/requests").send();
    let statuses: Vec<Option<u16>> = (0..n)
        .map(|_| {
            let raw = emu.api("GET", LOG).send_raw();
            match raw {
                Ok(bytes) if !bytes.is_empty() => Some(parse(&bytes).unwrap().status),
                other => {
                    assert!(dropped(other));
                    None
                }
            }
        })
        .collect();
    let log = emu.log();
    assert_eq!(log.len(), n);
    statuses
        .into_iter()
        .zip(log.iter().map(|e| e["fault"].clone()))
        .collect()
}

#[test]
fn flag_faults_with_a_seed_repeat_and_cover_every_kind() {
    let emu = Emulator::start(&["--fault-rate", "0.5", "--fault-seed", "42"]);
    let first = outcomes(&emu, 48);
    let faulted = first.iter().filter(|(_, f)| !f.is_null()).count();
    assert!((10..=38).contains(&faulted), "{faulted} of 48");
    for (status, fault) in &first {
        match fault.as_str() {
            None => assert_eq!(*status, Some(200)),
            Some("status=429;retry-after=1") => assert_eq!(*status, Some(429)),
            Some("status=503") => assert_eq!(*status, Some(503)),
            Some("drop") => assert_eq!(*status, None),
            Some(delay) => {
                let ms: u64 = delay.strip_prefix("delay-ms=").unwrap().parse().unwrap();
                assert!((50..=500).contains(&ms));
                assert_eq!(*status, Some(200));
            }
        }
    }
    for kind in ["status=429", "status=503", "drop", "delay-ms="] {
        assert!(
            first
                .iter()
                .any(|(_, f)| f.as_str().is_some_and(|f| f.starts_with(kind))),
            "{kind} never came up"
        );
    }
    emu.control("POST", "/__emulator/reset").send();
    let again = outcomes(&emu, 48);
    assert_eq!(first, again, "the same seed gives the same faults");
    let retry = emu
        .log()
        .iter()
        .position(|e| e["fault"] == "status=429;retry-after=1");
    assert!(retry.is_some());
}

#[test]
fn flag_faults_never_store_a_create() {
    let emu = Emulator::start(&[
        "--fault-rate",
        "1",
        "--fault-kinds",
        "429,503,drop",
        "--fault-seed",
        "7",
    ]);
    // At rate 1 every API read faults too; the health endpoint counts the activities.
    let before = emu.req("GET", "/__emulator/health").send().json();
    assert_eq!(before["activities"], 17);
    for _ in 0..12 {
        let result = emu.api_json("POST", LOG, &new_activity()).send_raw();
        if let Ok(bytes) = &result {
            if !bytes.is_empty() {
                let status = parse(bytes).unwrap().status;
                assert!(status == 429 || status == 503, "{status}");
            }
        }
    }
    assert!(emu.log().iter().all(|e| !e["fault"].is_null()));
    assert_eq!(emu.req("GET", "/__emulator/health").send().json(), before);
    // Only delays: answered normally, and stored.
    let slow = Emulator::start(&[
        "--fault-rate",
        "1",
        "--fault-kinds",
        "delay",
        "--fault-seed",
        "7",
    ]);
    let created = slow
        .api_json(
            "POST",
            LOG,
            &json!({"type": "Call", "title": "Slow but stored"}),
        )
        .send();
    assert_eq!(created.status, 201);
    let log = slow.log();
    assert!(log[0]["fault"].as_str().unwrap().starts_with("delay-ms="));
}

#[test]
fn a_client_that_gives_up_during_a_delay_is_logged_without_a_status() {
    use std::io::{Read, Write};
    let emu = Emulator::start(&[]);
    let mut stream = std::net::TcpStream::connect(emu.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(
        stream,
        "GET {LOG} HTTP/1.1\r\nhost: 127.0.0.1\r\nskimmer-api-key: demo-key\r\nx-emulator-fault: delay-ms=5000\r\n\r\n"
    )
    .unwrap();
    let mut buf = [0u8; 16];
    assert!(stream.read(&mut buf).is_err(), "no answer during the delay");
    drop(stream);
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut log = emu.log();
    while log.is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        log = emu.log();
    }
    assert_eq!(
        log.len(),
        1,
        "logged as soon as the client left, not after the delay"
    );
    assert_eq!(log[0]["status"], Value::Null);
    assert_eq!(log[0]["fault"], "delay-ms=5000");
}
