//! Test support: start the real `skimmer-emulator` binary on a free port and talk HTTP/1.1 to
//! it over a plain `TcpStream`, so hostile answers (dropped connections, truncated bodies, a
//! body on a 204) are seen byte for byte.

#![allow(dead_code)]

pub mod proxy;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// `segment` percent-encoded as one path segment, as the client encodes ids.
pub fn encoded(segment: &str) -> String {
    let mut out = String::new();
    skimmer_activity_logs::routes::encode_segment(segment, &mut out);
    out
}

/// The key the emulator accepts by default.
pub const KEY: &str = "demo-key";
/// Every read and write of a test request gives up after this long.
pub const IO_TIMEOUT: Duration = Duration::from_secs(20);

/// The binary under test: `SKIMMER_EMULATOR` when set (to run these tests against another
/// build, e.g. an older commit's, and see which fail), else the one cargo built for them.
pub fn binary() -> String {
    std::env::var("SKIMMER_EMULATOR")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_skimmer-emulator").to_owned())
}

/// A running emulator, killed when dropped.
pub struct Emulator {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub url: String,
    /// The address it listens on.
    pub addr: SocketAddr,
    /// How long the binary took from spawn to its ready line.
    pub startup: Duration,
    /// Everything printed after the ready line, stdout and stderr.
    output: Arc<Mutex<Vec<u8>>>,
}

impl Emulator {
    /// Starts the emulator with `--port 0 --quiet` and `args`.
    pub fn start(args: &[&str]) -> Emulator {
        Emulator::start_with(args, &[], true)
    }

    /// Starts the emulator with `--port 0`, `--quiet` if asked, `args`, and `env` added to an
    /// environment without `SKIMMER_API_KEY`. Its stdout after the ready line and its stderr
    /// are kept (see [`Emulator::output`]).
    pub fn start_with(args: &[&str], env: &[(&str, &str)], quiet: bool) -> Emulator {
        let started = Instant::now();
        let mut command = Command::new(binary());
        command.args(["--port", "0"]);
        if quiet {
            command.arg("--quiet");
        }
        command.args(args).env_remove("SKIMMER_API_KEY");
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn skimmer-emulator");
        let output = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, rx) = mpsc::channel();
        {
            let output = output.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stdout);
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let _ = tx.send(line);
                // Keep reading so the pipe stays open and anything else printed is kept.
                copy_into(reader, &output);
            });
        }
        {
            let output = output.clone();
            std::thread::spawn(move || copy_into(stderr, &output));
        }
        let line = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("the emulator printed no ready line within 15 s");
            }
        };
        let startup = started.elapsed();
        let url = line
            .trim_end()
            .strip_prefix("skimmer-emulator listening on ")
            .unwrap_or_else(|| {
                let _ = child.kill();
                let _ = child.wait();
                std::thread::sleep(Duration::from_millis(100));
                panic!(
                    "unexpected ready line {line:?}; output: {}",
                    String::from_utf8_lossy(&output.lock().unwrap())
                )
            })
            .to_owned();
        let addr: SocketAddr = url
            .strip_prefix("http://")
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {url:?}"));
        assert!(addr.ip().is_loopback(), "binds loopback only: {addr}");
        Emulator {
            child,
            url,
            addr,
            startup,
            output,
        }
    }

    /// What the process printed after its ready line so far (stdout and stderr, in the order
    /// read).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// Stops the process with SIGTERM and gives its exit status and everything it printed
    /// (bounded: panics if it does not exit within 10 s).
    pub fn stop(mut self) -> (std::process::ExitStatus, String) {
        let status = self
            .signal_and_wait("TERM")
            .expect("exited within 10 s of SIGTERM");
        // The reader threads finish once the pipes close.
        let deadline = Instant::now() + Duration::from_secs(2);
        while Arc::strong_count(&self.output) > 1 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        (status, self.output())
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal with `kill -SIG PID` and waits (bounded) for the exit status.
    pub fn signal_and_wait(&mut self, signal: &str) -> Option<std::process::ExitStatus> {
        let status = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }

    /// A request builder for `method` and a raw (already encoded) `path`.
    pub fn req(&self, method: &str, path: &str) -> Req {
        Req {
            addr: self.addr,
            method: method.to_owned(),
            path: path.to_owned(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// A control request (`/__emulator/...`) as a test or benchmark sends it: with
    /// `Content-Type: application/json`, which control endpoints require of every request that
    /// changes something.
    pub fn control(&self, method: &str, path: &str) -> Req {
        self.req(method, path)
            .header("content-type", "application/json")
    }

    /// The resident memory of the process in KiB (`VmRSS` of `/proc/PID/status`).
    pub fn rss_kib(&self) -> u64 {
        proc_status_kib(self.pid(), "VmRSS:")
    }

    /// The peak resident memory of the process in KiB (`VmHWM`).
    pub fn peak_rss_kib(&self) -> u64 {
        proc_status_kib(self.pid(), "VmHWM:")
    }

    /// `method path` with the API key.
    pub fn api(&self, method: &str, path: &str) -> Req {
        self.req(method, path).header("skimmer-api-key", KEY)
    }

    /// `method path` with the API key and a JSON body.
    pub fn api_json(&self, method: &str, path: &str, body: &serde_json::Value) -> Req {
        self.api(method, path)
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).unwrap())
    }

    /// The request log.
    pub fn log(&self) -> Vec<serde_json::Value> {
        let resp = self.req("GET", "/__emulator/requests").send();
        assert_eq!(resp.status, 200);
        resp.json()
            .as_array()
            .cloned()
            .expect("the log is an array")
    }
}

/// A `kB` field of `/proc/PID/status`.
pub fn proc_status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read /proc status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

fn copy_into(mut from: impl Read, into: &Mutex<Vec<u8>>) {
    let mut buffer = [0u8; 4096];
    loop {
        match from.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => into.lock().unwrap().extend_from_slice(&buffer[..n]),
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A request to send.
#[derive(Clone, Debug)]
pub struct Req {
    addr: SocketAddr,
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

/// An answer, or what the connection did instead.
#[derive(Clone, Debug)]
pub struct Resp {
    /// The status code.
    pub status: u16,
    /// The headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body bytes as received (chunked encoding removed).
    pub body: Vec<u8>,
}

impl Req {
    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Req {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body (a `Content-Length` is sent with it).
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Req {
        self.body = Some(body.into());
        self
    }

    /// The raw bytes of the answer up to the server closing the connection; `Err` on a reset
    /// or timeout.
    pub fn send_raw(&self) -> std::io::Result<Vec<u8>> {
        let mut stream = TcpStream::connect_timeout(&self.addr, IO_TIMEOUT)?;
        stream.set_read_timeout(Some(IO_TIMEOUT))?;
        stream.set_write_timeout(Some(IO_TIMEOUT))?;
        let mut head = format!("{} {} HTTP/1.1\r\n", self.method, self.path);
        if !self
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("host"))
        {
            head.push_str(&format!("host: {}\r\n", self.addr));
        }
        head.push_str("connection: close\r\n");
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(body) = &self.body {
            head.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        if let Some(body) = &self.body {
            bytes.extend_from_slice(body);
        }
        stream.write_all(&bytes)?;
        let mut out = Vec::new();
        stream.read_to_end(&mut out)?;
        Ok(out)
    }

    /// Sends the request and parses the answer; panics if there is none.
    pub fn send(&self) -> Resp {
        let raw = self
            .send_raw()
            .unwrap_or_else(|e| panic!("{} {}: {e}", self.method, self.path));
        parse(&raw).unwrap_or_else(|e| panic!("{} {}: {e}", self.method, self.path))
    }
}

/// Parses an HTTP/1.1 answer read to the end of the connection.
pub fn parse(raw: &[u8]) -> Result<Resp, String> {
    if raw.is_empty() {
        return Err("empty reply from server".into());
    }
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|e| e.to_string())?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("no status line")?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Ok(Resp {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("bad chunk")?;
        let size_text = std::str::from_utf8(&data[..line_end]).map_err(|e| e.to_string())?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|e| e.to_string())?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err("short chunk".into());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

impl Resp {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON; panics when it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {} body is not JSON ({e}): {:?}",
                self.status,
                String::from_utf8_lossy(&self.body[..self.body.len().min(500)])
            )
        })
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header parsed as a number; panics when missing.
    pub fn number(&self, name: &str) -> u64 {
        self.header(name)
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
            .parse()
            .unwrap_or_else(|_| panic!("{name} is not a number"))
    }

    /// Checks a problem-details answer: media type, the ASP.NET members, the status in the
    /// body; returns the body.
    pub fn problem(&self, status: u16) -> serde_json::Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json; charset=utf-8")
        );
        let body = self.json();
        assert_eq!(body["status"], status);
        assert!(body["type"].is_string(), "{body}");
        assert!(
            body["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{body}"
        );
        let trace = body["traceId"].as_str().expect("traceId");
        assert!(trace.starts_with("00-") && trace.len() == 55, "{trace}");
        body
    }
}

/// The sixteen fields every Activity has on the wire.
pub const ACTIVITY_FIELDS: [&str; 16] = [
    "id",
    "customerId",
    "type",
    "title",
    "description",
    "isSystemGenerated",
    "relatedEntityId",
    "relatedEntityType",
    "relatedEntityDisplay",
    "secondaryRelatedEntityId",
    "secondaryRelatedEntityType",
    "secondaryRelatedEntityDisplay",
    "createdByName",
    "createdAt",
    "updatedByName",
    "updatedAt",
];

/// Checks that `value` is an Activity with all sixteen fields (nulls written) and decodes it
/// with the crate's model.
pub fn assert_activity(value: &serde_json::Value) -> skimmer_activity_logs::Activity {
    let object = value.as_object().expect("an activity is an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected = ACTIVITY_FIELDS.to_vec();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    serde_json::from_value(value.clone()).expect("decodes as an Activity")
}

/// Whether `text` is an RFC 3339 UTC timestamp like `2026-11-27T10:00:00.000Z`.
pub fn is_rfc3339_utc(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        r.into_iter()
            .all(|i| b.get(i).is_some_and(u8::is_ascii_digit))
    };
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && text.ends_with('Z')
}

/// A raw upstream on loopback: it records each request it gets (head and body) and answers
/// each with the bytes `answer` makes from its address: the first `split_at` of them, then
/// after `pause` the rest.
pub struct RawUpstream {
    /// Where it listens.
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl RawUpstream {
    /// Starts it; see the type.
    pub fn start(
        answer: impl FnOnce(SocketAddr) -> Vec<u8>,
        split_at: usize,
        pause: Duration,
    ) -> RawUpstream {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let answer = answer(addr);
        let split_at = split_at.min(answer.len());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        {
            let (seen, stop) = (seen.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(mut stream) = stream else { continue };
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                    let request = read_request(&mut stream);
                    seen.lock().unwrap().push(request);
                    let _ = stream.write_all(&answer[..split_at]);
                    std::thread::sleep(pause);
                    let _ = stream.write_all(&answer[split_at..]);
                }
            });
        }
        RawUpstream { addr, seen, stop }
    }

    /// The requests it got so far, head and body as text.
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for RawUpstream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

/// One request read from `stream`: its head and as much body as `Content-Length` says.
pub fn read_request(stream: &mut TcpStream) -> String {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return String::from_utf8_lossy(&data).into_owned();
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&data).into_owned(),
            Ok(n) => data.extend_from_slice(&buffer[..n]),
        }
    }
}
