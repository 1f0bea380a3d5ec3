//! The process: the ready line, a clean exit on SIGINT and SIGTERM, `--help`, bad flags.

mod common;

use common::Emulator;
use std::process::Command;
use std::time::Duration;

fn binary() -> Command {
    Command::new(common::binary())
}

#[test]
fn it_starts_fast_on_a_free_loopback_port() {
    let emu = Emulator::start(&[]);
    assert!(emu.startup < Duration::from_secs(5), "{:?}", emu.startup);
    assert_ne!(emu.addr.port(), 0);
    assert!(emu.url.starts_with("http://127.0.0.1:"));
    assert_eq!(emu.req("GET", "/__emulator/health").send().status, 200);
    let second = Emulator::start(&[]);
    assert_ne!(second.addr.port(), emu.addr.port());
}

#[test]
fn sigterm_and_sigint_stop_it_with_exit_code_zero() {
    for signal in ["TERM", "INT"] {
        let mut emu = Emulator::start(&[]);
        // An idle keep-alive connection must not hold shutdown up.
        let idle = std::net::TcpStream::connect(emu.addr).unwrap();
        assert_eq!(
            emu.api("GET", "/CustomerActivityLogs/cust-1001")
                .send()
                .status,
            200
        );
        let status = emu.signal_and_wait(signal).expect("exited within 10 s");
        assert_eq!(status.code(), Some(0), "SIG{signal}");
        drop(idle);
        assert!(
            std::net::TcpStream::connect(emu.addr).is_err(),
            "the port is closed"
        );
    }
}

#[test]
fn a_signal_sent_as_soon_as_the_ready_line_is_read_still_exits_cleanly() {
    for round in 0..10 {
        let mut emu = Emulator::start(&[]);
        let signal = if round % 2 == 0 { "TERM" } else { "INT" };
        let status = emu.signal_and_wait(signal).expect("exited within 10 s");
        assert_eq!(
            status.code(),
            Some(0),
            "round {round}, SIG{signal}: {status:?}"
        );
    }
}

#[test]
fn help_documents_every_flag_and_bad_flags_exit_2() {
    let out = binary().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--port",
        "--api-key",
        "--rate-limit",
        "--rate-window-secs",
        "--no-seed",
        "--serve",
        "--serve-pkg",
        "--fault-rate",
        "--fault-kinds",
        "--fault-seed",
        "--quiet",
        "demo-key",
        "x-emulator-fault",
        "/__emulator/faults",
    ] {
        assert!(help.contains(flag), "--help mentions {flag}");
    }
    for bad in [
        &["--bogus"][..],
        &["--port", "x"],
        &["--fault-rate", "2"],
        &["--serve", "/no/such/dir"],
    ] {
        let out = binary().args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(out.stdout.is_empty());
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn a_taken_port_is_an_error_not_a_hang() {
    let emu = Emulator::start(&[]);
    let out = binary()
        .args(["--port", &emu.addr.port().to_string(), "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .to_lowercase()
        .contains("address"));
}

/// `12345` as `12,345`, as the README writes numbers.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_readme_states_the_limits_the_binary_keeps() {
    use skimmer_emulator::limits::*;
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("the README");
    let section = readme
        .split("### Safe on your machine, and bounded")
        .nth(1)
        .expect("the README's limits section");
    for figure in [
        format!("| connections at once | {} |", grouped(MAX_CONNECTIONS)),
        format!(
            "{} KiB, read within {} s",
            MAX_HEAD_BYTES >> 10,
            HEAD_READ_TIMEOUT.as_secs()
        ),
        format!(
            "{} KiB, read within {} s",
            MAX_BODY_BYTES >> 10,
            BODY_READ_TIMEOUT.as_secs()
        ),
        format!("| {} s |", WRITE_STALL_TIMEOUT.as_secs()),
        format!("| {} MiB:", MAX_STORE_BYTES >> 20),
        format!("{} activities per request", grouped(MAX_BULK)),
        format!(
            "{} entries and {} MiB",
            grouped(LOG_MAX_ENTRIES),
            LOG_MAX_BYTES >> 20
        ),
        format!("cut to {} bytes", grouped(LOG_MAX_TEXT_BYTES)),
        format!(
            "{} keys; keys over {} bytes",
            grouped(RATE_MAX_KEYS),
            MAX_KEY_BYTES
        ),
        format!("| queued faults | {} |", grouped(MAX_SCRIPTED_FAULTS)),
    ] {
        assert!(section.contains(&figure), "the README states {figure:?}");
    }
}
