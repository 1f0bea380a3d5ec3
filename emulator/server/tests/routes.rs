//! What the HTTP door shows beyond the shared table (`table.rs`, which holds the routes, every
//! error shape, the rate limit, CORS and faults): the shapes of new ids and timestamps, the
//! request log of odd ids, odd paths and methods, bulk at size, static files.

mod common;

use common::{assert_activity, encoded, is_rfc3339_utc, Emulator};
use serde_json::json;
use std::time::{Duration, Instant};

const LOG_1001: &str = "/CustomerActivityLogs/cust-1001";

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
