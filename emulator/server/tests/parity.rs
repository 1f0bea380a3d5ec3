//! Validation parity: for every row of the shared table `tests/fixtures/validation-table.json`
//! (which the JS tests reuse against the package's `validateActivity`), the emulator's 400
//! `issues` are exactly what `skimmer_activity_logs::validate` reports for the same input,
//! and an input with no issues is created (201) and updated (200).

mod common;

use common::{assert_activity, Emulator};
use serde_json::Value as Json;
use skimmer_activity_logs::validate::{validate_input, RawInput, ValidationIssue, Value};
use std::collections::BTreeSet;

fn table() -> Vec<Json> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/validation-table.json"
    );
    let text = std::fs::read_to_string(path).expect("read the validation table");
    let table: Json = serde_json::from_str(&text).expect("the table is JSON");
    table.as_array().expect("the table is an array").clone()
}

/// The rules' view of a JSON input, written here independently of the emulator's own mapping.
fn expected_issues(input: &Json) -> Vec<ValidationIssue> {
    let Some(object) = input.as_object() else {
        return vec![ValidationIssue::not_an_object()];
    };
    let value = |key: &str| match object.get(key) {
        None => Value::Absent,
        Some(Json::Null) => Value::Null,
        Some(Json::String(s)) => Value::Text(s),
        Some(_) => Value::Other,
    };
    validate_input(&RawInput {
        activity_type: value("type"),
        title: value("title"),
        description: value("description"),
        author_id: value("authorId"),
        author_name: value("authorName"),
    })
}

#[test]
fn the_table_covers_every_code_field_and_boundary() {
    let rows = table();
    assert!(rows.len() >= 30, "{} rows", rows.len());
    let mut names = BTreeSet::new();
    let mut codes = BTreeSet::new();
    let mut fields = BTreeSet::new();
    for row in &rows {
        let name = row["name"].as_str().expect("every row has a name");
        assert!(names.insert(name.to_owned()), "duplicate row name {name}");
        for issue in expected_issues(&row["input"]) {
            codes.insert(issue.detail.code());
            fields.insert(issue.field.name());
        }
    }
    let all_codes = [
        "required",
        "too_long",
        "invalid_characters",
        "invalid_option",
        "invalid_type",
    ];
    assert_eq!(codes, all_codes.into_iter().collect());
    let all_fields = [
        "input",
        "type",
        "title",
        "description",
        "authorId",
        "authorName",
    ];
    assert_eq!(fields, all_fields.into_iter().collect());
    let lengths = |key: &str| -> BTreeSet<usize> {
        rows.iter()
            .filter_map(|r| r["input"].get(key).and_then(Json::as_str))
            .map(|s| s.encode_utf16().count())
            .collect()
    };
    for n in [59, 60, 61] {
        assert!(lengths("title").contains(&n), "title of {n}");
    }
    for n in [299, 300, 301] {
        assert!(lengths("description").contains(&n), "description of {n}");
    }
    for kind in ["array", "string", "number", "null", "bool"] {
        let found = rows.iter().any(|r| match &r["input"] {
            Json::Array(_) => kind == "array",
            Json::String(_) => kind == "string",
            Json::Number(_) => kind == "number",
            Json::Null => kind == "null",
            Json::Bool(_) => kind == "bool",
            Json::Object(_) => false,
        });
        assert!(found, "a {kind} body");
    }
}

#[test]
fn the_tables_expectations_hold_for_the_rust_rules() {
    for row in table() {
        let expected: Vec<String> = expected_issues(&row["input"])
            .iter()
            .map(|i| format!("{}:{}", i.field.name(), i.detail.code()))
            .collect();
        let written: Vec<String> = row["expect"]
            .as_array()
            .expect("every row has expect")
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(written, expected, "row {}", row["name"]);
    }
}

#[test]
fn the_emulator_reports_exactly_the_crates_issues_for_every_row() {
    let emu = Emulator::start(&["--rate-limit", "10000"]);
    let mut created = 0;
    for row in table() {
        let name = row["name"].as_str().unwrap();
        let input = &row["input"];
        let expected = expected_issues(input);
        for (method, path) in [
            ("POST", "/CustomerActivityLogs/cust-1002"),
            ("PUT", "/CustomerActivityLogs/cust-1002/act-1002-01"),
        ] {
            let resp = emu.api_json(method, path, input).send();
            if expected.is_empty() {
                let want = if method == "POST" { 201 } else { 200 };
                assert_eq!(resp.status, want, "{name}: {}", resp.text());
                let activity = assert_activity(&resp.json());
                assert_eq!(
                    Some(activity.title.as_str()),
                    input["title"].as_str(),
                    "{name}"
                );
                assert_eq!(
                    Some(activity.kind.0.as_str()),
                    input["type"].as_str(),
                    "{name}"
                );
                assert_eq!(
                    activity.description.as_deref(),
                    input["description"].as_str(),
                    "{name}"
                );
                let author = match input["authorName"].as_str() {
                    Some(a) if !a.trim().is_empty() => a,
                    _ => "System",
                };
                let recorded = if method == "POST" {
                    activity.created_by_name
                } else {
                    activity.updated_by_name
                };
                assert_eq!(recorded.as_deref(), Some(author), "{name}");
                created += usize::from(method == "POST");
            } else {
                let body = resp.problem(400);
                assert_eq!(body["title"], "One or more validation errors occurred.");
                assert_eq!(
                    body["issues"],
                    serde_json::to_value(&expected).unwrap(),
                    "{name}"
                );
                let errors = body["errors"].as_object().expect("errors");
                let fields: BTreeSet<&str> = expected.iter().map(|i| i.field.name()).collect();
                assert_eq!(
                    errors.keys().map(String::as_str).collect::<BTreeSet<_>>(),
                    fields,
                    "{name}"
                );
                for issue in &expected {
                    let messages = errors[issue.field.name()].as_array().unwrap();
                    assert!(
                        messages.contains(&Json::from(issue.message.clone())),
                        "{name}"
                    );
                }
            }
        }
    }
    assert!(created >= 5);
    let list = emu
        .api("GET", "/CustomerActivityLogs/cust-1002")
        .send()
        .json();
    assert_eq!(
        list.as_array().unwrap().len(),
        5 + created,
        "only valid rows were stored"
    );
}
