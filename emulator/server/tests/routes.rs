//! The five routes of SPEC §2 against the real binary: success paths and body shapes, every
//! error status with its problem details, path encoding, CORS, static files and the control
//! endpoints.

mod common;

use common::{assert_activity, encoded, is_rfc3339_utc, Emulator, KEY};
use serde_json::json;
use std::time::{Duration, Instant};

const LOG_1001: &str = "/CustomerActivityLogs/cust-1001";

#[test]
fn list_returns_the_seeded_log_oldest_first_with_every_field() {
    let emu = Emulator::start(&[]);
    let resp = emu.api("GET", LOG_1001).send();
    assert_eq!(resp.status, 200);
    assert_eq!(
        resp.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(resp.number("ratelimit-limit"), 500);
    assert_eq!(resp.number("ratelimit-remaining"), 499);
    assert!((1..=60).contains(&resp.number("ratelimit-reset")));
    let list = resp.json();
    let list = list.as_array().expect("an array");
    let ids: Vec<&str> = list.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "act-1001-01",
            "act-1001-02",
            "act-1001-03",
            "act-1001-04",
            "act-1001-05",
            "act-1001-06"
        ]
    );
    let activities: Vec<_> = list.iter().map(assert_activity).collect();
    assert!(activities.iter().any(|a| a.is_system_generated));
    assert!(activities.iter().any(|a| !a.is_system_generated));
    let invoice = &activities[1];
    assert_eq!(invoice.kind.0, "InvoiceSent");
    assert_eq!(
        invoice.related_entity_display.as_deref(),
        Some("Invoice #123")
    );
    assert_eq!(
        invoice.secondary_related_entity_display.as_deref(),
        Some("Job #77")
    );
    for customer in ["cust-1002", "cust-1003"] {
        let resp = emu
            .api("GET", &format!("/CustomerActivityLogs/{customer}"))
            .send();
        assert_eq!(resp.status, 200);
        let list = resp.json();
        assert!(list.as_array().unwrap().len() >= 5);
        for activity in list.as_array().unwrap() {
            assert_eq!(assert_activity(activity).customer_id, customer);
        }
    }
}

#[test]
fn create_get_update_delete_round_trip() {
    let emu = Emulator::start(&[]);
    let input = json!({
        "type": "Call", "title": "Called about the heater",
        "description": "Heater trips the breaker 😀", "authorId": "u-7", "authorName": "Ana Lima"
    });
    let created = emu.api_json("POST", LOG_1001, &input).send();
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(
        created.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let body = created.json();
    let activity = assert_activity(&body);
    assert_eq!(activity.customer_id, "cust-1001");
    assert_eq!(activity.kind.0, "Call");
    assert_eq!(activity.title, "Called about the heater");
    assert_eq!(
        activity.description.as_deref(),
        Some("Heater trips the breaker 😀")
    );
    assert!(!activity.is_system_generated);
    assert_eq!(activity.created_by_name.as_deref(), Some("Ana Lima"));
    assert!(activity.updated_at.is_none() && activity.updated_by_name.is_none());
    assert!(activity.related_entity_id.is_none());
    assert!(
        is_rfc3339_utc(&activity.created_at),
        "{}",
        activity.created_at
    );
    assert_eq!(activity.id.len(), 36, "a UUID: {}", activity.id);
    let location = created
        .header("location")
        .expect("a Location header")
        .to_owned();
    assert_eq!(location, format!("{LOG_1001}/{}", activity.id));

    let list = emu.api("GET", LOG_1001).send().json();
    let last = list.as_array().unwrap().last().unwrap();
    assert_eq!(last["id"], activity.id.as_str(), "new activities come last");

    let fetched = emu.api("GET", &location).send();
    assert_eq!(fetched.status, 200);
    assert_eq!(fetched.json(), body);

    let replacement = json!({"type": "Email", "title": "Emailed about the heater"});
    let updated = emu.api_json("PUT", &location, &replacement).send();
    assert_eq!(updated.status, 200, "{}", updated.text());
    let after = assert_activity(&updated.json());
    assert_eq!(after.kind.0, "Email");
    assert_eq!(after.title, "Emailed about the heater");
    assert_eq!(after.description, None, "PUT replaces every input field");
    assert_eq!(after.created_at, activity.created_at);
    assert_eq!(after.created_by_name.as_deref(), Some("Ana Lima"));
    assert_eq!(after.updated_by_name.as_deref(), Some("System"));
    assert!(is_rfc3339_utc(after.updated_at.as_deref().unwrap()));
    assert_eq!(emu.api("GET", &location).send().json(), updated.json());

    let with_author = json!({"type": "Text", "title": "Texted", "authorName": "Ben"});
    let updated = emu.api_json("PUT", &location, &with_author).send().json();
    assert_eq!(updated["updatedByName"], "Ben");

    let deleted = emu.api("DELETE", &location).send();
    assert_eq!(deleted.status, 204);
    assert!(deleted.body.is_empty());
    assert_eq!(deleted.header("content-type"), None);
    assert!(deleted.header("ratelimit-remaining").is_some());
    emu.api("GET", &location).send().problem(404);
    let ids: Vec<String> = emu
        .api("GET", LOG_1001)
        .send()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!ids.contains(&activity.id));
}

#[test]
fn create_without_an_author_records_system_and_ignores_unknown_fields() {
    let emu = Emulator::start(&[]);
    let input = json!({"type": "Other", "title": "Left a door tag", "id": "mine", "isSystemGenerated": true, "authorName": "   "});
    let resp = emu
        .api_json("POST", "/CustomerActivityLogs/cust-1002", &input)
        .send();
    assert_eq!(resp.status, 201);
    let activity = assert_activity(&resp.json());
    assert_eq!(activity.created_by_name.as_deref(), Some("System"));
    assert_ne!(activity.id, "mine");
    assert!(!activity.is_system_generated);
    assert_eq!(activity.description, None);
}

#[test]
fn json_media_types_with_parameters_or_suffixes_are_accepted() {
    let emu = Emulator::start(&[]);
    for media in [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/merge-patch+json",
    ] {
        let resp = emu
            .api("POST", LOG_1001)
            .header("content-type", media)
            .body(r#"{"type":"Call","title":"Media type ok"}"#)
            .send();
        assert_eq!(resp.status, 201, "{media}: {}", resp.text());
    }
}

#[test]
fn a_missing_or_wrong_key_is_401_before_anything_else() {
    let emu = Emulator::start(&["--api-key", "s3cret-key"]);
    let missing = emu.req("GET", LOG_1001).send();
    let body = missing.problem(401);
    assert!(body["detail"].as_str().unwrap().contains("skimmer-api-key"));
    assert!(
        missing.header("ratelimit-limit").is_some(),
        "401 carries RateLimit-*"
    );
    let wrong = emu
        .req("POST", "/CustomerActivityLogs/nobody")
        .header("skimmer-api-key", KEY)
        .header("content-type", "text/plain")
        .body("not json")
        .send();
    let body = wrong.problem(401);
    assert!(!wrong.text().contains(KEY), "the key is never echoed");
    assert!(body.get("errors").is_none());
    let right = emu
        .req("GET", LOG_1001)
        .header("skimmer-api-key", "s3cret-key")
        .send();
    assert_eq!(right.status, 200);
    let log = emu.log();
    let authorized: Vec<bool> = log
        .iter()
        .map(|e| e["authorized"].as_bool().unwrap())
        .collect();
    assert_eq!(authorized, [false, false, true]);
}

#[test]
fn unknown_customers_and_activities_are_404_on_every_route() {
    let emu = Emulator::start(&[]);
    let valid = json!({"type": "Call", "title": "Hello"});
    let nobody = "/CustomerActivityLogs/cust-9999";
    emu.api("GET", nobody).send().problem(404);
    emu.api_json("POST", nobody, &valid).send().problem(404);
    for method in ["GET", "DELETE"] {
        let body = emu
            .api(method, &format!("{nobody}/act-1001-01"))
            .send()
            .problem(404);
        assert!(body["detail"].as_str().unwrap().contains("cust-9999"));
    }
    emu.api_json("PUT", &format!("{nobody}/act-1001-01"), &valid)
        .send()
        .problem(404);
    let missing = format!("{LOG_1001}/act-nope");
    for method in ["GET", "DELETE"] {
        let body = emu.api(method, &missing).send().problem(404);
        assert!(body["detail"].as_str().unwrap().contains("act-nope"));
    }
    emu.api_json("PUT", &missing, &valid).send().problem(404);
    // An activity of another customer is not found under this one.
    emu.api("GET", "/CustomerActivityLogs/cust-1002/act-1001-01")
        .send()
        .problem(404);
}

#[test]
fn system_generated_activities_cannot_be_updated_or_deleted() {
    let emu = Emulator::start(&[]);
    let path = format!("{LOG_1001}/act-1001-02");
    let before = emu.api("GET", &path).send().json();
    assert_eq!(before["isSystemGenerated"], true);
    let body = emu
        .api_json("PUT", &path, &json!({"type": "Call", "title": "Hijack"}))
        .send()
        .problem(403);
    assert!(
        body["detail"].as_str().unwrap().contains("system"),
        "{body}"
    );
    emu.api("DELETE", &path).send().problem(403);
    assert_eq!(emu.api("GET", &path).send().json(), before);
}

#[test]
fn other_methods_are_405_with_allow() {
    let emu = Emulator::start(&[]);
    let resp = emu.api("PATCH", LOG_1001).send();
    resp.problem(405);
    assert_eq!(resp.header("allow"), Some("GET, POST"));
    let resp = emu.api("POST", &format!("{LOG_1001}/act-1001-01")).send();
    resp.problem(405);
    assert_eq!(resp.header("allow"), Some("GET, PUT, DELETE"));
    emu.api("DELETE", LOG_1001).send().problem(405);
    emu.api("PUT", LOG_1001).send().problem(405);
}

#[test]
fn bodies_that_are_not_json_are_415_or_400_and_large_ones_413() {
    let emu = Emulator::start(&[]);
    let valid = r#"{"type":"Call","title":"Hello"}"#;
    let no_type = emu.api("POST", LOG_1001).body(valid).send();
    no_type.problem(415);
    let text = emu
        .api("POST", LOG_1001)
        .header("content-type", "text/plain")
        .body(valid)
        .send();
    text.problem(415);
    let form = emu
        .api("PUT", &format!("{LOG_1001}/act-1001-01"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("type=Call")
        .send();
    form.problem(415);
    // JSON in another charset would be read as UTF-8: refused instead.
    for charset in ["utf-16", "UTF-16LE", "iso-8859-1"] {
        let resp = emu
            .api("POST", LOG_1001)
            .header(
                "content-type",
                &format!("application/json; charset={charset}"),
            )
            .body(valid)
            .send();
        assert!(resp.problem(415)["detail"]
            .as_str()
            .unwrap()
            .contains("UTF-8"));
    }
    let utf8 = emu
        .api("POST", LOG_1001)
        .header("content-type", "application/json; charset=UTF-8")
        .body(valid)
        .send();
    assert_eq!(utf8.status, 201);
    emu.api("DELETE", utf8.header("location").unwrap()).send();

    for broken in ["{\"type\": ", "", "{'type':'Call'}", "[1,]", "\u{FEFF}{}"] {
        let resp = emu
            .api("POST", LOG_1001)
            .header("content-type", "application/json")
            .body(broken)
            .send();
        let body = resp.problem(400);
        assert!(
            body["errors"]["input"][0]
                .as_str()
                .unwrap()
                .contains("not valid JSON"),
            "{body}"
        );
    }
    let deep = "[".repeat(60_000);
    let resp = emu
        .api("POST", LOG_1001)
        .header("content-type", "application/json")
        .body(deep)
        .send();
    resp.problem(400);

    let mut big = String::from(r#"{"type":"Call","title":"Big","description":""#);
    big.push_str(&"x".repeat(1 << 20));
    big.push_str("\"}");
    let resp = emu
        .api("POST", LOG_1001)
        .header("content-type", "application/json")
        .body(big)
        .send();
    resp.problem(413);
    assert!(resp.header("ratelimit-remaining").is_some());

    let list = emu.api("GET", LOG_1001).send().json();
    assert_eq!(list.as_array().unwrap().len(), 6, "nothing was stored");
}

#[test]
fn a_validation_failure_is_400_with_errors_and_issues() {
    let emu = Emulator::start(&[]);
    let input = json!({"type": "call", "title": "Hi! 😀", "description": 5});
    let resp = emu.api_json("POST", LOG_1001, &input).send();
    let body = resp.problem(400);
    assert_eq!(body["title"], "One or more validation errors occurred.");
    let errors = body["errors"].as_object().unwrap();
    assert_eq!(errors.len(), 3);
    let text = resp.text();
    let at = |field: &str| text.find(&format!("\"{field}\":[")).unwrap();
    assert!(
        at("type") < at("title") && at("title") < at("description"),
        "field order: {text}"
    );
    let issues = body["issues"].as_array().unwrap();
    assert_eq!(issues[0]["code"], "invalid_option");
    assert_eq!(issues[1]["code"], "invalid_characters");
    assert_eq!(issues[1]["characters"], json!(["!", "😀"]));
    assert_eq!(issues[2]["code"], "invalid_type");
    for issue in issues {
        let field = issue["field"].as_str().unwrap();
        assert!(errors[field]
            .as_array()
            .unwrap()
            .contains(&issue["message"]));
    }
    let not_object = emu
        .api_json("PUT", &format!("{LOG_1001}/act-1001-01"), &json!([1]))
        .send();
    let body = not_object.problem(400);
    assert_eq!(
        body["errors"]["input"][0],
        "The activity must be an object."
    );
    assert_eq!(body["issues"][0]["code"], "invalid_type");
    assert_eq!(body["issues"][0]["expected"], "object");
}

#[test]
fn ids_with_reserved_and_non_ascii_characters_reach_the_handler_decoded() {
    let emu = Emulator::start(&[]);
    let customer = "a/b?c#d%e f é 😀";
    let id = "x/../y?z#w% 50% é😀";
    let customer_path = format!("/CustomerActivityLogs/{}", encoded(customer));
    let created = emu
        .control(
            "PUT",
            &format!("/__emulator/customers/{}", encoded(customer)),
        )
        .send();
    assert_eq!(created.status, 201);
    assert_eq!(created.json()["customerId"], customer);
    let again = emu
        .control(
            "PUT",
            &format!("/__emulator/customers/{}", encoded(customer)),
        )
        .send();
    assert_eq!(again.status, 200);

    let made = emu
        .api_json(
            "POST",
            &customer_path,
            &json!({"type": "Call", "title": "Odd ids"}),
        )
        .send();
    assert_eq!(made.status, 201, "{}", made.text());
    let activity = made.json();
    assert_eq!(activity["customerId"], customer);
    let location = made.header("location").unwrap().to_owned();
    assert_eq!(emu.api("GET", &location).send().json(), activity);
    assert_eq!(
        emu.api("GET", &customer_path)
            .send()
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let odd_item = format!("{customer_path}/{}", encoded(id));
    emu.api("GET", &odd_item).send().problem(404);

    let log = emu.log();
    let last = log.last().unwrap();
    assert_eq!(
        last["path"],
        odd_item.as_str(),
        "the raw path, still encoded"
    );
    assert_eq!(last["customerId"], customer);
    assert_eq!(last["id"], id);
    assert_eq!(log[0]["path"], customer_path.as_str());
    assert_eq!(log[0]["id"], serde_json::Value::Null);
    assert_eq!(log[0]["contentType"], "application/json");

    // Bytes that are not UTF-8 are a 400, not a crash.
    let body = emu
        .api("GET", "/CustomerActivityLogs/%FF%FE")
        .send()
        .problem(400);
    assert!(body["errors"]["customerId"].is_array());
    emu.api("GET", "/CustomerActivityLogs/cust-1001/%C3")
        .send()
        .problem(400);
}

#[test]
fn odd_paths_and_methods_never_break_the_server() {
    let emu = Emulator::start(&[]);
    let long = format!("/CustomerActivityLogs/{}", "a".repeat(8000));
    let paths = [
        "/",
        "//",
        "/CustomerActivityLogs",
        "/CustomerActivityLogs/",
        "/CustomerActivityLogs//x",
        "/CustomerActivityLogs/a/b/c",
        "/CustomerActivityLogs/%",
        "/CustomerActivityLogs/%%%",
        "/CustomerActivityLogs/..",
        "/CustomerActivityLogs/./.",
        "/CustomerActivityLogs/%00",
        "/customeractivitylogs/cust-1001",
        "/__emulator",
        "/__emulator/nope",
        "/pkg/x.wasm",
        long.as_str(),
    ];
    for path in paths {
        for method in ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "TRACE"] {
            let resp = emu
                .api(method, path)
                .header("content-type", "application/json")
                .body("{}")
                .send();
            assert!(
                (200..600).contains(&resp.status),
                "{method} {path}: {}",
                resp.status
            );
            assert_ne!(resp.status, 500, "{method} {path}");
        }
    }
    let resp = emu.api("GET", "/nowhere").send();
    resp.problem(404);
    assert!(
        resp.header("ratelimit-limit").is_none(),
        "only the API routes are rate-limited"
    );
    assert_eq!(emu.req("GET", "/__emulator/health").send().status, 200);
}

#[test]
fn cors_preflights_are_204_and_answers_expose_the_rate_limit() {
    let emu = Emulator::start(&[]);
    let preflight = emu
        .req("OPTIONS", LOG_1001)
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "skimmer-api-key, content-type, x-emulator-fault",
        )
        .send();
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    let methods = preflight
        .header("access-control-allow-methods")
        .unwrap()
        .to_ascii_uppercase();
    for m in ["GET", "POST", "PUT", "DELETE"] {
        assert!(methods.contains(m), "{methods}");
    }
    let allowed = preflight
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    for h in [
        "skimmer-api-key",
        "content-type",
        "accept",
        "x-emulator-fault",
    ] {
        assert!(allowed.contains(h), "{allowed}");
    }
    assert!(
        preflight.header("ratelimit-limit").is_none(),
        "preflights are not rate-limited"
    );
    assert!(preflight.body.is_empty());

    let resp = emu
        .api("GET", LOG_1001)
        .header("origin", "http://localhost:5173")
        .send();
    assert_eq!(resp.header("access-control-allow-origin"), Some("*"));
    let exposed = resp
        .header("access-control-expose-headers")
        .unwrap()
        .to_ascii_lowercase();
    for h in [
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
        "retry-after",
        "location",
    ] {
        assert!(exposed.contains(h), "{exposed}");
    }
    assert_eq!(
        resp.number("ratelimit-remaining"),
        499,
        "the preflight was not counted"
    );
    let unauthorized = emu.req("GET", LOG_1001).header("origin", "http://x").send();
    assert_eq!(
        unauthorized.header("access-control-allow-origin"),
        Some("*")
    );
    // Control endpoints answer loopback pages only, by name.
    let control = emu
        .req("GET", "/__emulator/health")
        .header("origin", "http://localhost:5173")
        .send();
    assert_eq!(control.status, 200);
    assert_eq!(
        control.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    let elsewhere = emu
        .req("GET", "/__emulator/health")
        .header("origin", "http://x")
        .send();
    elsewhere.problem(403);
    assert_eq!(elsewhere.header("access-control-allow-origin"), None);
    assert_eq!(emu.log().len(), 2, "preflights are not logged");
}

#[test]
fn control_endpoints_reset_bulk_and_clear() {
    let emu = Emulator::start(&[]);
    assert_eq!(
        emu.req("GET", "/__emulator/health").send().json()["status"],
        "ok"
    );
    // Change the state, then reset.
    emu.api_json("POST", LOG_1001, &json!({"type": "Call", "title": "Temp"}))
        .send();
    emu.api("DELETE", &format!("{LOG_1001}/act-1001-01")).send();
    assert_eq!(
        emu.control("PUT", "/__emulator/customers/new-1")
            .send()
            .status,
        201
    );
    assert_eq!(
        emu.api("GET", "/CustomerActivityLogs/new-1").send().json(),
        json!([])
    );
    assert!(!emu.log().is_empty());
    let reset = emu.control("POST", "/__emulator/reset").send();
    assert_eq!(reset.status, 204);
    assert!(emu.log().is_empty());
    let list = emu.api("GET", LOG_1001).send().json();
    assert_eq!(list.as_array().unwrap().len(), 6);
    assert_eq!(list[0]["id"], "act-1001-01");
    emu.api("GET", "/CustomerActivityLogs/new-1")
        .send()
        .problem(404);
    assert_eq!(emu.log()[0]["seq"], 1, "seq restarts at reset");
    assert_eq!(
        emu.control("DELETE", "/__emulator/requests").send().status,
        204
    );
    assert!(emu.log().is_empty());

    let started = Instant::now();
    let bulk = emu
        .control("POST", "/__emulator/customers/bench/bulk?count=10000")
        .send();
    assert_eq!(bulk.status, 201);
    assert_eq!(bulk.json()["total"], 10_000);
    let resp = emu.api("GET", "/CustomerActivityLogs/bench").send();
    assert_eq!(resp.status, 200);
    let list = resp.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 10_000);
    assert_eq!(list[9_999]["title"], "Bulk activity 10000");
    for activity in list.iter().step_by(997) {
        assert_activity(activity);
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let more = emu
        .control("POST", "/__emulator/customers/bench/bulk?count=5")
        .send();
    assert_eq!(
        (more.status, more.json()["total"].as_u64()),
        (200, Some(10_005))
    );
    for bad in ["", "?count=0", "?count=x", "?count=100001"] {
        let resp = emu
            .control("POST", &format!("/__emulator/customers/bench/bulk{bad}"))
            .send();
        resp.problem(400);
    }
    emu.control("PATCH", "/__emulator/reset")
        .send()
        .problem(405);
    assert!(
        emu.log().iter().all(|e| e["path"] != "/__emulator/health"),
        "control calls are not logged"
    );
}

#[test]
fn no_seed_starts_empty() {
    let emu = Emulator::start(&["--no-seed"]);
    emu.api("GET", LOG_1001).send().problem(404);
    emu.control("PUT", "/__emulator/customers/cust-1001").send();
    assert_eq!(emu.api("GET", LOG_1001).send().json(), json!([]));
    emu.control("POST", "/__emulator/reset").send();
    emu.api("GET", LOG_1001).send().problem(404);
}

#[test]
fn static_files_are_served_with_module_and_wasm_types() {
    let root = std::env::temp_dir().join(format!("skimmer-emulator-static-{}", std::process::id()));
    let www = root.join("www");
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    std::fs::write(pkg.join("index.js"), "export const x = 1;").unwrap();
    std::fs::write(pkg.join("mod.mjs"), "export const y = 2;").unwrap();
    std::fs::write(pkg.join("lib_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let emu = Emulator::start(&[
        "--serve",
        www.to_str().unwrap(),
        "--serve-pkg",
        pkg.to_str().unwrap(),
    ]);
    let index = emu.req("GET", "/").send();
    assert_eq!(index.status, 200);
    assert!(index
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(index.text().contains("demo"));
    let js = emu.req("GET", "/pkg/index.js").send();
    assert_eq!(
        (js.status, js.header("content-type")),
        (200, Some("text/javascript"))
    );
    let mjs = emu.req("GET", "/pkg/mod.mjs").send();
    assert_eq!(mjs.header("content-type"), Some("text/javascript"));
    let wasm = emu
        .req("GET", "/pkg/lib_bg.wasm")
        .header("origin", "http://x")
        .send();
    assert_eq!(
        (wasm.status, wasm.header("content-type")),
        (200, Some("application/wasm"))
    );
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
    assert_eq!(wasm.header("access-control-allow-origin"), Some("*"));
    assert_eq!(emu.req("GET", "/pkg/missing.js").send().status, 404);
    assert_eq!(
        emu.api("GET", LOG_1001).send().status,
        200,
        "the API still answers"
    );
    drop(emu);
    let _ = std::fs::remove_dir_all(root);
}
