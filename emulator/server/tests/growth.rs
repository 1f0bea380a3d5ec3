//! Growth attacks (issue 11, findings 5 and 6), over real HTTP against the real binary: each
//! test drives the emulator the way an attacker would to make it hold memory or connections,
//! then checks that its resident memory (`VmRSS` in `/proc/PID/status`) stays under 300 MB and
//! that it still answers. The figures are printed (`cargo test --test growth -- --nocapture`).
//!
//! Set `SKIMMER_EMULATOR` to another build's binary to run the same attacks against it.

mod common;

use common::{Emulator, KEY};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The most resident memory the emulator may hold after any attack.
const RSS_LIMIT_KIB: u64 = 300 * 1024;
const LOG: &str = "/CustomerActivityLogs/cust-1001";

fn report(name: &str, emu: &Emulator, started: Instant) -> u64 {
    let rss = emu.rss_kib();
    eprintln!(
        "{name}: VmRSS {} MiB, peak {} MiB, {:.1} s",
        rss / 1024,
        emu.peak_rss_kib() / 1024,
        started.elapsed().as_secs_f64()
    );
    rss
}

/// The emulator still serves a control call and an API call.
fn still_answers(emu: &Emulator) {
    assert_eq!(emu.req("GET", "/__emulator/health").send().status, 200);
    let list = emu.api("GET", LOG).send();
    assert_eq!(list.status, 200, "{}", list.text());
    assert_eq!(list.json().as_array().map(Vec::len), Some(6));
}

/// Runs `work(thread)` on `threads` threads and waits for them.
fn on_threads(threads: usize, work: impl Fn(usize) + Send + Sync + Copy + 'static) {
    let handles: Vec<_> = (0..threads)
        .map(|t| std::thread::spawn(move || work(t)))
        .collect();
    for handle in handles {
        handle.join().expect("attack thread");
    }
}

#[test]
fn bulk_requests_cannot_grow_the_store_past_its_cap() {
    let emu = Emulator::start(&[]);
    let started = Instant::now();
    let mut statuses = Vec::new();
    for n in 0..10 {
        let resp = emu
            .control(
                "POST",
                &format!("/__emulator/customers/c{n}/bulk?count=100000"),
            )
            .send();
        statuses.push(resp.status);
        if resp.status == 507 {
            let problem = resp.problem(507);
            assert!(
                problem["detail"].as_str().unwrap().contains("store"),
                "{problem}"
            );
        }
    }
    let rss = report("10 bulk requests of 100,000", &emu, started);
    assert_eq!(statuses[0], 201, "a customer of 100,000 activities fits");
    assert!(statuses.contains(&507), "the store is capped: {statuses:?}");
    assert!(rss < RSS_LIMIT_KIB, "VmRSS {rss} KiB");
    still_answers(&emu);
    // The benchmarks' customer of 100,000 is listed whole (about 45 MB of JSON).
    let big = emu.api("GET", "/CustomerActivityLogs/c0").send();
    assert_eq!(big.status, 200);
    assert!(big.body.len() > 40_000_000, "{}", big.body.len());
    assert!(big.body.ends_with(b"\"updatedAt\":null}]"));
}

/// One request of `head` bytes (request line and headers), answered or refused; the status,
/// or `None` when the connection was closed or reset without one.
fn send_head(addr: std::net::SocketAddr, head: &[u8]) -> Option<u16> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    stream
        .set_write_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    // A refused head may be answered before all of it is written: keep the answer anyway.
    let _ = stream.write_all(head);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    common::parse(&answer).ok().map(|resp| resp.status)
}

#[test]
fn huge_heads_are_refused_and_large_ones_are_recorded_within_bounds() {
    let emu = Emulator::start(&[]);
    let addr = emu.addr;
    let started = Instant::now();
    // 1. As in the finding: 60 KB paths and 150 KB content types, no key.
    on_threads(4, move |t| {
        for i in 0..250 {
            let head = format!(
                "GET /CustomerActivityLogs/{t}-{i}-{} HTTP/1.1\r\nhost: {addr}\r\n\
                 content-type: {}\r\nconnection: close\r\n\r\n",
                "p".repeat(60_000),
                "t".repeat(150_000)
            );
            let status = send_head(addr, head.as_bytes());
            assert!(
                matches!(status, None | Some(400 | 401 | 413 | 414 | 431)),
                "{status:?}"
            );
        }
    });
    report("1,000 heads of 210 KB", &emu, started);
    // 2. The largest heads that fit, each with a key of its own: they reach the key check,
    //    the rate limiter and the request log.
    on_threads(4, move |t| {
        for i in 0..1000 {
            let head = format!(
                "GET /CustomerActivityLogs/{t}-{i}-{} HTTP/1.1\r\nhost: {addr}\r\n\
                 content-type: {}\r\nskimmer-api-key: {t}-{i}-{}\r\nconnection: close\r\n\r\n",
                "p".repeat(30_000),
                "t".repeat(16_000),
                "k".repeat(12_000)
            );
            let status = send_head(addr, head.as_bytes());
            assert!(matches!(status, Some(401 | 429 | 431)), "{status:?}");
        }
    });
    let rss = report(
        "then 4,000 heads of 58 KB with distinct keys",
        &emu,
        started,
    );
    assert!(rss < RSS_LIMIT_KIB, "VmRSS {rss} KiB");
    let log = emu.req("GET", "/__emulator/requests").send();
    assert_eq!(log.status, 200);
    eprintln!("  the request log answered {} bytes", log.body.len());
    assert!(log.body.len() < 16 << 20, "{} bytes", log.body.len());
    let entries = log.json();
    let last = entries.as_array().unwrap().last().unwrap().clone();
    assert!(
        last["path"].as_str().unwrap().len() < 4096,
        "recorded paths are cut"
    );
    let rss = report("after reading the log", &emu, started);
    assert!(rss < RSS_LIMIT_KIB, "VmRSS {rss} KiB");
    still_answers(&emu);
}

/// Reads `stream` until the server closes it (end of stream or reset) or `wait` passes; gives
/// whether it was closed and how many bytes came first.
fn read_until_closed(stream: &mut TcpStream, wait: Duration) -> (bool, usize) {
    let deadline = Instant::now() + wait;
    let mut buffer = vec![0u8; 1 << 16];
    let mut received = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (false, received);
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buffer) {
            Ok(0) => return (true, received),
            Ok(n) => received += n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return (false, received)
            }
            Err(_) => return (true, received),
        }
    }
}

#[test]
fn bodies_and_heads_that_never_end_are_cut_off() {
    let emu = Emulator::start(&[]);
    let addr = emu.addr;
    let started = Instant::now();
    let slow: Vec<TcpStream> = (0..8)
        .map(|_| {
            std::thread::spawn(move || {
                let mut held = Vec::new();
                for _ in 0..50 {
                    let Ok(mut stream) = TcpStream::connect(addr) else {
                        continue;
                    };
                    stream
                        .set_write_timeout(Some(Duration::from_secs(2)))
                        .unwrap();
                    let head = format!(
                        "POST {LOG} HTTP/1.1\r\nhost: {addr}\r\nskimmer-api-key: {KEY}\r\n\
                         content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                    );
                    let chunk = format!("4000\r\n{}\r\n", " ".repeat(0x4000));
                    // Up to 1 MB of a body that never ends, as far as the server takes it.
                    if stream.write_all(head.as_bytes()).is_ok() {
                        for _ in 0..64 {
                            if stream.write_all(chunk.as_bytes()).is_err() {
                                break;
                            }
                        }
                    }
                    held.push(stream);
                }
                held
            })
        })
        .flat_map(|h| h.join().unwrap())
        .collect();
    let idle: Vec<TcpStream> = (0..20)
        .map(|i| {
            let mut stream = TcpStream::connect(addr).unwrap();
            if i % 2 == 0 {
                // Half a head, then nothing.
                let _ =
                    stream.write_all(format!("GET {LOG} HTTP/1.1\r\nhost: {addr}\r\n").as_bytes());
            }
            stream
        })
        .collect();
    // Give the server a moment to read what it will of them.
    std::thread::sleep(Duration::from_secs(2));
    let rss = report("400 endless bodies and 20 stalled heads", &emu, started);
    assert!(rss < RSS_LIMIT_KIB, "VmRSS {rss} KiB");
    let peak = emu.peak_rss_kib();
    assert!(peak < RSS_LIMIT_KIB, "peak VmRSS {peak} KiB");
    // Every one of them is closed within the read timeouts (10 s) and a margin.
    let deadline = Duration::from_secs(16);
    let mut open = 0;
    for mut stream in slow.into_iter().chain(idle) {
        let left = deadline.saturating_sub(started.elapsed());
        if !read_until_closed(&mut stream, left.max(Duration::from_millis(1))).0 {
            open += 1;
        }
    }
    let rss = report("after the read timeouts", &emu, started);
    assert_eq!(open, 0, "connections still open after {deadline:?}");
    assert!(rss < RSS_LIMIT_KIB, "VmRSS {rss} KiB");
    still_answers(&emu);
}

#[test]
fn an_answer_nobody_reads_is_cut_off() {
    let emu = Emulator::start(&[]);
    let started = Instant::now();
    let bulk = emu
        .control("POST", "/__emulator/customers/big/bulk?count=100000")
        .send();
    assert_eq!(bulk.status, 201);
    // Ask for the 45 MB list, then read nothing for longer than the write-stall limit (30 s).
    let mut stream = TcpStream::connect(emu.addr).unwrap();
    write!(
        stream,
        "GET /CustomerActivityLogs/big HTTP/1.1\r\nhost: {}\r\nskimmer-api-key: {KEY}\r\n\r\n",
        emu.addr
    )
    .unwrap();
    std::thread::sleep(Duration::from_secs(34));
    let held = report("a 45 MB answer left unread for 34 s", &emu, started);
    assert!(held < RSS_LIMIT_KIB, "VmRSS {held} KiB");
    // What the socket buffers hold comes, then the end: the server gave up on the rest.
    let (closed, received) = read_until_closed(&mut stream, Duration::from_secs(10));
    eprintln!("  received {received} bytes before the end");
    assert!(
        closed,
        "the connection is still open after {received} bytes"
    );
    assert!(received < 40_000_000, "{received}");
    still_answers(&emu);
}

#[test]
fn many_clients_listing_a_large_log_share_it() {
    let emu = Emulator::start(&[]);
    let started = Instant::now();
    let bulk = emu
        .control("POST", "/__emulator/customers/big/bulk?count=100000")
        .send();
    assert_eq!(bulk.status, 201);
    // 40 clients ask for the 45 MB list at once and read it slowly (not at all, for now).
    let request = format!(
        "GET /CustomerActivityLogs/big HTTP/1.1\r\nhost: {}\r\nskimmer-api-key: {KEY}\r\n\
         connection: close\r\n\r\n",
        emu.addr
    );
    let mut readers: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut stream = TcpStream::connect(emu.addr).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_secs(3));
    let rss = report("40 clients listing 100,000 activities", &emu, started);
    assert!(rss < RSS_LIMIT_KIB, "VmRSS {rss} KiB");
    let peak = emu.peak_rss_kib();
    assert!(peak < RSS_LIMIT_KIB, "peak VmRSS {peak} KiB");
    // Each gets the whole list, with its length.
    let mut whole = Vec::new();
    readers[0].read_to_end(&mut whole).unwrap();
    let resp = common::parse(&whole).unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.number("content-length") as usize, resp.body.len());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&resp.body).unwrap();
    assert_eq!(list.len(), 100_000);
    drop(readers);
    still_answers(&emu);
}
