//! The emulator's behaviour table (`tests/fixtures/emulator-table.json`), run against the HTTP
//! door: each case starts the real binary with its options and sends its steps over HTTP. The
//! same table runs against the in-process door; its `about` says what each member means.

mod common;

use common::{parse, Emulator, Req, Resp};
use serde_json::{Map, Value};
use skimmer_activity_logs::routes;
use std::collections::HashMap;
use std::time::{Duration, Instant};

fn table() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/emulator-table.json"
    );
    let text = std::fs::read_to_string(path).expect("read the emulator table");
    serde_json::from_str(&text).expect("the table is JSON")
}

fn validation_rows() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/validation-table.json"
    );
    let text = std::fs::read_to_string(path).expect("read the validation table");
    let rows: Value = serde_json::from_str(&text).expect("the validation table is JSON");
    rows.as_array().expect("an array").clone()
}

/// The command-line flags of a case's options.
fn flags(options: &Value) -> Vec<String> {
    let mut args = Vec::new();
    let Some(options) = options.as_object() else {
        return args;
    };
    for (name, value) in options {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match name.as_str() {
            "apiKey" => args.extend(["--api-key".to_owned(), text]),
            "seed" => {
                if value == &Value::Bool(false) {
                    args.push("--no-seed".to_owned());
                }
            }
            "rateLimit" => args.extend(["--rate-limit".to_owned(), text]),
            "rateWindowMs" => {
                let ms = value.as_u64().expect("rateWindowMs is a number");
                assert_eq!(ms % 1000, 0, "the server's window is whole seconds");
                args.extend(["--rate-window-secs".to_owned(), (ms / 1000).to_string()]);
            }
            "faultRate" => args.extend(["--fault-rate".to_owned(), text]),
            "faultKinds" => args.extend(["--fault-kinds".to_owned(), text]),
            "faultSeed" => args.extend(["--fault-seed".to_owned(), text]),
            other => panic!("unknown option {other}"),
        }
    }
    args
}

/// A case's run: its emulator, its key, the values saved so far.
struct Run {
    emu: Emulator,
    key: String,
    saved: HashMap<String, String>,
}

impl Run {
    fn fill(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (name, value) in &self.saved {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    fn request(&self, request: &Value) -> Req {
        let method = request["method"].as_str().expect("a method");
        let path = self.fill(request["path"].as_str().expect("a path"));
        let mut req = self.emu.req(method, &path);
        match &request["key"] {
            Value::Null => req = req.header(routes::API_KEY_HEADER, &self.key),
            Value::Bool(false) => {}
            Value::String(key) => req = req.header(routes::API_KEY_HEADER, key),
            other => panic!("key {other}"),
        }
        if let Some(headers) = request["headers"].as_object() {
            for (name, value) in headers {
                req = req.header(name, &self.fill(value.as_str().expect("a header value")));
            }
        }
        if let Some(json) = request.get("json") {
            req = req
                .header("content-type", "application/json")
                .body(serde_json::to_vec(json).unwrap());
        } else if let Some(body) = request["body"].as_str() {
            req = req.body(body);
        } else if let Some(repeat) = request.get("bodyRepeat") {
            let text = repeat["text"].as_str().expect("bodyRepeat.text");
            let times = repeat["times"].as_u64().expect("bodyRepeat.times") as usize;
            req = req.body(text.repeat(times));
        }
        req
    }
}

/// Whether `actual` holds `expected` (see the table's `about`).
fn holds(actual: &Value, expected: &Value, saved: &dyn Fn(&str) -> String) -> Result<(), String> {
    match expected {
        Value::String(s) if s == "<any>" => Ok(()),
        Value::String(s) => {
            let want = saved(s);
            (actual.as_str() == Some(want.as_str()))
                .then_some(())
                .ok_or_else(|| format!("{actual} is not {want:?}"))
        }
        Value::Object(members) => {
            let object = actual
                .as_object()
                .ok_or_else(|| format!("{actual} is not an object"))?;
            for (name, want) in members {
                let got = object
                    .get(name)
                    .ok_or_else(|| format!("no member {name} in {actual}"))?;
                holds(got, want, saved).map_err(|e| format!("{name}: {e}"))?;
            }
            Ok(())
        }
        Value::Array(items) => {
            let array = actual
                .as_array()
                .ok_or_else(|| format!("{actual} is not an array"))?;
            if array.len() != items.len() {
                return Err(format!("{} items, not {}", array.len(), items.len()));
            }
            for (i, (got, want)) in array.iter().zip(items).enumerate() {
                holds(got, want, saved).map_err(|e| format!("[{i}]: {e}"))?;
            }
            Ok(())
        }
        Value::Number(n) => (actual.as_f64() == n.as_f64())
            .then_some(())
            .ok_or_else(|| format!("{actual} is not {n}")),
        other => (actual == other)
            .then_some(())
            .ok_or_else(|| format!("{actual} is not {other}")),
    }
}

/// What one request came to: an answer, or none.
enum Outcome {
    Answer(Resp),
    Dropped,
}

fn send(req: &Req) -> Outcome {
    match req.send_raw() {
        Ok(bytes) if bytes.is_empty() => Outcome::Dropped,
        Ok(bytes) => Outcome::Answer(parse(&bytes).expect("an HTTP answer")),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
            ) =>
        {
            Outcome::Dropped
        }
        Err(e) => panic!("{e}"),
    }
}

/// Checks `outcome` against `expect`; `Err` says what differs.
fn check(
    run: &Run,
    outcome: &Outcome,
    expect: &Map<String, Value>,
    elapsed: Duration,
) -> Result<(), String> {
    let saved = |text: &str| run.fill(text);
    if let Some(ms) = expect.get("elapsedAtLeastMs").and_then(Value::as_u64) {
        if elapsed < Duration::from_millis(ms) {
            return Err(format!("answered after {elapsed:?}, before {ms} ms"));
        }
    }
    let resp = match (outcome, expect.get("dropped")) {
        (Outcome::Dropped, Some(Value::Bool(true))) => return Ok(()),
        (Outcome::Dropped, _) => return Err("the connection was dropped".into()),
        (Outcome::Answer(resp), Some(Value::Bool(true))) => {
            return Err(format!("answered {} instead of dropping", resp.status))
        }
        (Outcome::Answer(resp), _) => resp,
    };
    let body_json = || -> Result<Value, String> {
        serde_json::from_slice(&resp.body)
            .map_err(|e| format!("the body is not JSON ({e}): {}", resp.text()))
    };
    for (name, want) in expect {
        match name.as_str() {
            "dropped" | "elapsedAtLeastMs" => {}
            "status" => {
                if Some(u64::from(resp.status)) != want.as_u64() {
                    return Err(format!(
                        "status {}, not {want}: {}",
                        resp.status,
                        resp.text()
                    ));
                }
            }
            "problem" => {
                let body = body_json()?;
                let problem_type = resp.header("content-type");
                if problem_type != Some("application/problem+json; charset=utf-8") {
                    return Err(format!("content-type {problem_type:?}"));
                }
                let trace = body["traceId"].as_str().unwrap_or("");
                let hex =
                    |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
                let parts: Vec<&str> = trace.split('-').collect();
                let trace_ok = parts.len() == 4
                    && parts[0] == "00"
                    && hex(parts[1], 32)
                    && hex(parts[2], 16)
                    && parts[3] == "00";
                if body["status"] != u64::from(resp.status)
                    || !body["type"].is_string()
                    || body["title"].as_str().is_none_or(str::is_empty)
                    || !trace_ok
                {
                    return Err(format!("not problem details: {body}"));
                }
            }
            "detailContains" => {
                let body = body_json()?;
                let part = want.as_str().unwrap();
                if !body["detail"].as_str().is_some_and(|d| d.contains(part)) {
                    return Err(format!("detail {} lacks {part:?}", body["detail"]));
                }
            }
            "headers" => {
                for (header, value) in want.as_object().unwrap() {
                    let got = resp.header(header);
                    let ok = match value {
                        Value::Null => got.is_none(),
                        Value::Bool(true) => got.is_some(),
                        Value::String(s) => got == Some(saved(s).as_str()),
                        other => panic!("headers.{header}: {other}"),
                    };
                    if !ok {
                        return Err(format!("header {header}: {got:?}, not {value}"));
                    }
                }
            }
            "headerContains" => {
                for (header, parts) in want.as_object().unwrap() {
                    let got = resp.header(header).unwrap_or("").to_ascii_lowercase();
                    let parts = match parts {
                        Value::Array(parts) => parts.iter().collect(),
                        part => vec![part],
                    };
                    for part in parts {
                        let part = part.as_str().unwrap().to_ascii_lowercase();
                        if !got.contains(&part) {
                            return Err(format!("header {header}: {got:?} lacks {part:?}"));
                        }
                    }
                }
            }
            "json" => holds(&body_json()?, want, &saved).map_err(|e| format!("json: {e}"))?,
            "jsonExact" => {
                let body = body_json()?;
                if &body != want {
                    return Err(format!("json {body}, not {want}"));
                }
            }
            "jsonNot" => {
                let body = body_json()?;
                for (member, value) in want.as_object().unwrap() {
                    let got = body.get(member);
                    let bad = match value {
                        Value::String(s) if s == "<any>" => got.is_some(),
                        value => got == Some(value),
                    };
                    if bad {
                        return Err(format!("member {member} is {got:?}"));
                    }
                }
            }
            "jsonKeys" => same_keys(&body_json()?, want)?,
            "itemKeys" | "eachItem" => {
                let body = body_json()?;
                let items = body.as_array().ok_or("the body is not an array")?;
                for (i, item) in items.iter().enumerate() {
                    match name.as_str() {
                        "itemKeys" => same_keys(item, want),
                        _ => holds(item, want, &saved),
                    }
                    .map_err(|e| format!("item {i}: {e}"))?;
                }
            }
            "arrayLength" | "arrayLengthAtLeast" => {
                let len = body_json()?.as_array().map(Vec::len);
                let want = want.as_u64().unwrap() as usize;
                let ok = match name.as_str() {
                    "arrayLength" => len == Some(want),
                    _ => len.is_some_and(|n| n >= want),
                };
                if !ok {
                    return Err(format!("{name}: {len:?}, not {want}"));
                }
            }
            "errorFields" => {
                // In the order written: read from the text, as serde_json's map is sorted.
                let body = body_json()?;
                let fields: Vec<&str> = want
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                let errors = body["errors"].as_object().ok_or("no errors")?;
                if errors.len() != fields.len() {
                    return Err(format!("errors {}", body["errors"]));
                }
                let text = resp.text();
                let at: Vec<Option<usize>> = fields
                    .iter()
                    .map(|f| text.find(&format!("\"{f}\":[")))
                    .collect();
                if at.iter().any(Option::is_none) || !at.windows(2).all(|w| w[0] < w[1]) {
                    return Err(format!("errors not in the order {fields:?}: {text}"));
                }
            }
            "errorsContain" => {
                let body = body_json()?;
                for (field, part) in want.as_object().unwrap() {
                    let part = part.as_str().unwrap();
                    let found = body["errors"][field].as_array().is_some_and(|m| {
                        m.iter()
                            .any(|m| m.as_str().is_some_and(|m| m.contains(part)))
                    });
                    if !found {
                        return Err(format!("errors.{field} lacks {part:?}: {}", body["errors"]));
                    }
                }
            }
            "bodyText" => {
                if resp.text() != want.as_str().unwrap() {
                    return Err(format!("body {:?}", resp.text()));
                }
            }
            "bodyContains" | "bodyLacks" | "bodyStartsWith" | "bodyEndsWith" => {
                let part = want.as_str().unwrap();
                let text = resp.text();
                let ok = match name.as_str() {
                    "bodyContains" => text.contains(part),
                    "bodyLacks" => !text.contains(part),
                    "bodyStartsWith" => text.starts_with(part),
                    _ => text.ends_with(part),
                };
                if !ok {
                    return Err(format!("{name} {part:?}: {}", &text[..text.len().min(300)]));
                }
            }
            "bodyLength" | "bodyLengthAtLeast" => {
                let want = want.as_u64().unwrap() as usize;
                let ok = match name.as_str() {
                    "bodyLength" => resp.body.len() == want,
                    _ => resp.body.len() >= want,
                };
                if !ok {
                    return Err(format!("{name} {want}: {} bytes", resp.body.len()));
                }
            }
            "truncated" => {
                let claimed = resp.number("content-length") as usize;
                if resp.body.len() >= claimed {
                    return Err(format!("{} bytes of {claimed}: not cut", resp.body.len()));
                }
            }
            other => panic!("unknown expectation {other}"),
        }
    }
    Ok(())
}

/// Whether `object` has exactly the members `names` lists.
fn same_keys(object: &Value, names: &Value) -> Result<(), String> {
    let mut keys: Vec<&str> = object
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut wanted: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    keys.sort_unstable();
    wanted.sort_unstable();
    if keys != wanted {
        return Err(format!("members {keys:?}, not {wanted:?}"));
    }
    Ok(())
}

fn save(run: &mut Run, outcome: &Outcome, names: &Map<String, Value>) {
    let Outcome::Answer(resp) = outcome else {
        panic!("nothing to save from a dropped connection");
    };
    for (name, from) in names {
        let from = from.as_str().unwrap();
        let value = if let Some(header) = from.strip_prefix("header:") {
            resp.header(header).expect("the header to save").to_owned()
        } else if let Some(pointer) = from.strip_prefix("json:") {
            let body = resp.json();
            let value = body.pointer(pointer).expect("the member to save");
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned)
        } else {
            panic!("save from {from}")
        };
        run.saved.insert(name.clone(), value);
    }
}

/// The validation table's rows against the create and update routes.
fn validation_case(run: &Run, paths: &Value) -> Result<(), String> {
    for row in validation_rows() {
        let name = row["name"].as_str().unwrap_or("?");
        let expect: Vec<&str> = row["expect"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for (method, path, success) in [
            ("POST", &paths["create"], 201),
            ("PUT", &paths["update"], 200),
        ] {
            let request = serde_json::json!({"method": method, "path": path, "json": row["input"]});
            let Outcome::Answer(resp) = send(&run.request(&request)) else {
                return Err(format!("{name}: dropped"));
            };
            if expect.is_empty() {
                let body = resp.json();
                if resp.status != success
                    || body["title"] != row["input"]["title"]
                    || body["type"] != row["input"]["type"]
                {
                    return Err(format!("{name}: {method} {}: {body}", resp.status));
                }
            } else {
                let body = resp.json();
                let codes: Vec<String> = body["issues"]
                    .as_array()
                    .map(|issues| {
                        issues
                            .iter()
                            .map(|i| {
                                format!(
                                    "{}:{}",
                                    i["field"].as_str().unwrap_or(""),
                                    i["code"].as_str().unwrap_or("")
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if resp.status != 400 || codes != expect {
                    return Err(format!(
                        "{name}: {method} {}: {codes:?}, not {expect:?}",
                        resp.status
                    ));
                }
            }
        }
    }
    Ok(())
}

fn run_case(case: &Value) -> Result<(), String> {
    let options = &case["options"];
    let args = flags(options);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut run = Run {
        emu: Emulator::start(&args),
        key: options["apiKey"].as_str().unwrap_or(common::KEY).to_owned(),
        saved: HashMap::new(),
    };
    if let Some(paths) = case.get("validationTable") {
        return validation_case(&run, paths);
    }
    for (i, step) in case["steps"].as_array().unwrap().iter().enumerate() {
        if let Some(ms) = step["waitMs"].as_u64() {
            std::thread::sleep(Duration::from_millis(ms));
        }
        let request = &step["request"];
        let started = Instant::now();
        let outcome = send(&run.request(request));
        let expect = step["expect"].as_object().expect("an expect object");
        check(&run, &outcome, expect, started.elapsed())
            .map_err(|e| format!("step {i} ({} {}): {e}", request["method"], request["path"]))?;
        if let Some(names) = step["save"].as_object() {
            save(&mut run, &outcome, names);
        }
    }
    Ok(())
}

#[test]
fn every_case_of_the_table_holds_over_http() {
    let table = table();
    let cases = table["cases"].as_array().expect("cases");
    assert!(cases.len() >= 30, "{} cases", cases.len());
    // Four threads: the cases with waits (the rate-limit window, delays) overlap.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<Vec<&Value>> = (0..4)
            .map(|t| cases.iter().skip(t).step_by(4).collect())
            .collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .filter_map(|case| {
                            let name = case["name"].as_str().unwrap_or("?");
                            run_case(case).err().map(|e| format!("{name}: {e}"))
                        })
                        .collect::<Vec<String>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a case thread"))
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_covers_every_status_and_fault_preset() {
    let table = table();
    let text = table.to_string();
    for status in [
        200, 201, 204, 400, 401, 403, 404, 405, 413, 415, 429, 500, 503, 504,
    ] {
        assert!(
            text.contains(&format!("\"status\":{status}")),
            "status {status}"
        );
    }
    for preset in skimmer_emulator_core::faults::Preset::ALL {
        assert!(
            text.contains(&format!("body={}", preset.name())),
            "preset {}",
            preset.name()
        );
    }
    for expectation in [
        "dropped",
        "truncated",
        "elapsedAtLeastMs",
        "waitMs",
        "validationTable",
    ] {
        assert!(
            text.contains(&format!("\"{expectation}\"")),
            "{expectation}"
        );
    }
}
