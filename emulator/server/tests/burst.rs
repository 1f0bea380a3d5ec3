//! A concurrent burst: 200 mixed requests from 40 threads at once all answer correctly, and
//! the state afterwards is exactly what they did.

mod common;

use common::{assert_activity, Emulator};
use serde_json::json;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const THREADS: usize = 40;

#[test]
fn two_hundred_mixed_concurrent_requests_all_answer_correctly() {
    let emu = Arc::new(Emulator::start(&[]));
    let barrier = Arc::new(Barrier::new(THREADS));
    let started = Instant::now();
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let emu = emu.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let customer = format!("/CustomerActivityLogs/cust-100{}", 1 + t % 3);
                barrier.wait();
                let title = format!("Burst {t}");
                let created = emu
                    .api_json(
                        "POST",
                        &customer,
                        &json!({"type": "Text", "title": title, "authorName": format!("T{t}")}),
                    )
                    .send();
                assert_eq!(created.status, 201, "{}", created.text());
                let activity = assert_activity(&created.json());
                assert_eq!(activity.title, title);
                let item = created.header("location").unwrap().to_owned();

                let fetched = emu.api("GET", &item).send();
                assert_eq!(fetched.status, 200);
                assert_eq!(fetched.json()["title"], title.as_str());

                let new_title = format!("Burst {t} edited");
                let updated = emu
                    .api_json("PUT", &item, &json!({"type": "Call", "title": new_title}))
                    .send();
                assert_eq!(updated.status, 200);
                assert_eq!(updated.json()["title"], new_title.as_str());

                match t % 4 {
                    0 => {
                        let list = emu.api("GET", &customer).send();
                        assert_eq!(list.status, 200);
                        let ids: Vec<String> = list
                            .json()
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|a| a["id"].as_str().unwrap().to_owned())
                            .collect();
                        assert!(ids.contains(&activity.id));
                    }
                    1 => {
                        emu.api("GET", &format!("{customer}/nope-{t}"))
                            .send()
                            .problem(404);
                    }
                    2 => {
                        emu.req("GET", &customer).send().problem(401);
                    }
                    _ => {
                        let bad = json!({"type": "Nope"});
                        emu.api_json("POST", &customer, &bad).send().problem(400);
                    }
                }

                if t % 2 == 0 {
                    assert_eq!(emu.api("DELETE", &item).send().status, 204);
                } else {
                    let system = ["act-1001-02", "act-1002-02", "act-1003-01"][t % 3];
                    emu.api("DELETE", &format!("{customer}/{system}"))
                        .send()
                        .problem(403);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a request thread failed");
    }
    assert!(started.elapsed() < Duration::from_secs(30));

    let log = emu.log();
    assert_eq!(log.len(), THREADS * 5);
    let mut seqs: Vec<u64> = log.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    seqs.dedup();
    assert_eq!(seqs, (1..=200).collect::<Vec<u64>>());
    let count = |status: u64| log.iter().filter(|e| e["status"] == status).count();
    assert_eq!(count(201), THREADS);
    assert_eq!(count(204), THREADS / 2);
    assert_eq!(count(403), THREADS / 2);
    assert_eq!(count(401) + count(400) + count(404), THREADS * 3 / 4);
    let health = emu.req("GET", "/__emulator/health").send().json();
    assert_eq!(
        health["activities"],
        17 + THREADS / 2,
        "creates minus deletes"
    );
}
