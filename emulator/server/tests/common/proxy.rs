//! Proxy mode's test fixtures: an upstream emulator (`--api-key up-secret`) and a proxy in front
//! of it (`--upstream URL`, `SKIMMER_API_KEY=up-secret`), the lines the proxy prints, and a run of
//! the binary that must exit by itself.

use super::{Emulator, Req, Resp};
use serde_json::Value;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The upstream's key, which only the proxy holds.
pub const KEY: &str = "up-secret";
/// The seeded log the proxy tests read.
pub const LOG: &str = "/CustomerActivityLogs/cust-1001";

/// An upstream emulator and a proxy in front of it.
pub struct Pair {
    /// The upstream emulator.
    pub upstream: Emulator,
    /// The proxy in front of it.
    pub proxy: Emulator,
}

/// Starts an upstream with `upstream_args` and a proxy (not quiet, so its log lines are seen)
/// with `proxy_args`.
pub fn pair(upstream_args: &[&str], proxy_args: &[&str]) -> Pair {
    let mut args = vec!["--api-key", KEY];
    args.extend_from_slice(upstream_args);
    let upstream = Emulator::start(&args);
    let proxy = proxy_to(&upstream.url, proxy_args, KEY);
    Pair { upstream, proxy }
}

/// Starts a proxy (not quiet) to `url` with `args` and `key` in SKIMMER_API_KEY.
pub fn proxy_to(url: &str, args: &[&str], key: &str) -> Emulator {
    let mut all = vec!["--upstream", url];
    all.extend_from_slice(args);
    Emulator::start_with(&all, &[("SKIMMER_API_KEY", key)], false)
}

/// Checks that nothing of the key is in an answer.
pub fn no_key(resp: Resp) -> Resp {
    for (name, value) in &resp.headers {
        assert!(!value.contains(KEY), "{name}: {value}");
    }
    assert!(!resp.text().contains(KEY), "{}", resp.text());
    resp
}

/// `method path` with a JSON body, as a page sends it to the proxy (no key).
pub fn json_req(emu: &Emulator, method: &str, path: &str, body: &Value) -> Req {
    emu.req(method, path)
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(serde_json::to_vec(body).unwrap())
}

/// Queues a scripted fault at `upstream`.
pub fn script_fault(upstream: &Emulator, fault: Value) {
    let resp = json_req(upstream, "POST", "/__emulator/faults", &fault).send();
    assert_eq!(resp.status, 201, "{}", resp.text());
}

/// A request line the proxy printed on stderr (proxy mode keeps no request log).
#[derive(Debug, PartialEq, Eq)]
pub struct Printed {
    /// The method.
    pub method: String,
    /// The raw path.
    pub path: String,
    /// The status, or `dropped` / `client gone`.
    pub status: String,
    /// Whether the answer was the upstream's.
    pub upstream: bool,
}

/// The request lines `proxy` printed so far, waiting (at most 5 s) for at least `at_least`.
pub fn printed(proxy: &Emulator, at_least: usize) -> Vec<Printed> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let lines: Vec<Printed> = proxy
            .output()
            .lines()
            .filter_map(|line| {
                let mut words = line.split(' ');
                let method = words.next()?;
                let path = words.next()?;
                if !path.starts_with('/') || !method.bytes().all(|b| b.is_ascii_uppercase()) {
                    return None;
                }
                let status = words.next()?.to_owned();
                Some(Printed {
                    method: method.to_owned(),
                    path: path.to_owned(),
                    status,
                    upstream: words.next() == Some("(upstream)"),
                })
            })
            .collect();
        if lines.len() >= at_least || Instant::now() > deadline {
            return lines;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs the binary with `args` and `SKIMMER_API_KEY` as given, expecting it to exit by itself
/// within 10 s; gives the exit code, stdout and stderr.
pub fn run_briefly(args: &[&str], key: Option<&str>) -> (Option<i32>, String, String) {
    let mut command = Command::new(super::binary());
    command
        .args(["--port", "0"])
        .args(args)
        .env_remove("SKIMMER_API_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(key) = key {
        command.env("SKIMMER_API_KEY", key);
    }
    let mut child = command.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            let mut err = String::new();
            child
                .stdout
                .take()
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), out, err);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{args:?} with key {:?} did not exit within 10 s",
                key.is_some()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
