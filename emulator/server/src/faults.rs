//! Fault injection for tests: latency, a given status, hostile bodies and dropped connections.
//!
//! A fault comes from one of three places, checked in this order on every API request that
//! passed the key check and the rate limit (so a fault never reaches the handler and never
//! changes stored state):
//! 1. the request header `x-emulator-fault` (see [`FaultSpec::parse_header`]);
//! 2. faults scripted through `POST /__emulator/faults`, matched by method and raw path;
//! 3. the `--fault-rate` / `--fault-kinds` / `--fault-seed` flags, rolled per request.

//!
//! A fault can never make an answer active: its `content-type` must be one of the inert types
//! of [`crate::media::INERT_TYPES`] (the `html` preset is sent as `text/plain`), so nothing a
//! fault asks for runs as a page. Proxy mode has no fault injection at all.

use crate::ids::SplitMix64;
use crate::limits::{MAX_FAULT_TEXT_BYTES, MAX_SCRIPTED_FAULTS};
use crate::problem::Problem;
use crate::server::{DropConnection, RawWrite};
use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::sync::Mutex;
use std::time::Duration;

/// The request header that asks for a fault.
pub const FAULT_HEADER: &str = "x-emulator-fault";

/// The longest delay a fault may ask for (5 minutes).
pub const MAX_DELAY_MS: u64 = 300_000;

/// A hostile body a fault can answer with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// `{"id": ` — JSON cut off.
    InvalidJson,
    /// An HTML error page, as a proxy in front of an API writes it, sent as `text/plain`
    /// (nothing the emulator answers is HTML).
    Html,
    /// Zero bytes.
    Empty,
    /// A valid list's JSON cut in half, with a `Content-Length` claiming the full length.
    Truncated,
    /// A ~10 MB JSON array of valid activities.
    Huge,
    /// Activities where numbers stand where strings belong (`title`, `createdAt`).
    WrongTypes,
    /// JSON arrays nested 100,000 deep.
    Deep,
    /// An activity without `id`.
    MissingId,
    /// An object (`{"items": [...], "count": 1}`) where a list's array belongs.
    NotArray,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 9] = [
        Preset::InvalidJson,
        Preset::Html,
        Preset::Empty,
        Preset::Truncated,
        Preset::Huge,
        Preset::WrongTypes,
        Preset::Deep,
        Preset::MissingId,
        Preset::NotArray,
    ];

    /// The preset's name in the fault syntax, e.g. `invalid-json`.
    pub const fn name(self) -> &'static str {
        match self {
            Preset::InvalidJson => "invalid-json",
            Preset::Html => "html",
            Preset::Empty => "empty",
            Preset::Truncated => "truncated",
            Preset::Huge => "huge",
            Preset::WrongTypes => "wrong-types",
            Preset::Deep => "deep",
            Preset::MissingId => "missing-id",
            Preset::NotArray => "not-array",
        }
    }

    /// The preset called `name`.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    fn default_content_type(self) -> &'static str {
        match self {
            Preset::Html => crate::media::FALLBACK_TYPE,
            _ => crate::problem::JSON_CONTENT_TYPE,
        }
    }
}

/// One fault: what to do instead of (or before) the normal answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FaultSpec {
    /// Answer with this status.
    pub status: Option<u16>,
    /// Send this `Retry-After` value verbatim.
    pub retry_after: Option<String>,
    /// Wait this long first; with nothing else given, then answer normally.
    pub delay_ms: u64,
    /// Close the connection without any answer.
    pub drop: bool,
    /// Answer with this body.
    pub body: Option<Preset>,
    /// Override the answer's `Content-Type`.
    pub content_type: Option<String>,
}

impl FaultSpec {
    /// Parses the `x-emulator-fault` syntax: `;`-separated directives `status=CODE`,
    /// `retry-after=VALUE`, `delay-ms=N`, `drop`, `body=PRESET`, `content-type=VALUE`.
    /// Values of `retry-after` and `content-type` are percent-decoded, so a `;` can be written
    /// `%3B`. An empty value means no fault (`Ok(None)`).
    pub fn parse_header(value: &str) -> Result<Option<FaultSpec>, String> {
        let mut spec = FaultSpec::default();
        let mut seen: Vec<String> = Vec::new();
        for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, val) = match part.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (part, None),
            };
            let key_lower = key.to_ascii_lowercase();
            if seen.contains(&key_lower) {
                return Err(format!("{key} is given twice"));
            }
            seen.push(key_lower.clone());
            let need = |v: Option<&str>| {
                v.filter(|v| !v.is_empty())
                    .ok_or_else(|| format!("{key} needs a value ({key}=...)"))
                    .map(str::to_owned)
            };
            match key_lower.as_str() {
                "drop" => {
                    if val.is_some() {
                        return Err("drop takes no value".into());
                    }
                    spec.drop = true;
                }
                "status" => {
                    let v = need(val)?;
                    spec.status = Some(v.parse().map_err(|_| format!("status={v} is not a number"))?);
                }
                "delay-ms" => {
                    let v = need(val)?;
                    spec.delay_ms = v.parse().map_err(|_| format!("delay-ms={v} is not a number"))?;
                }
                "retry-after" => spec.retry_after = Some(percent_decode_text(&need(val)?)?),
                "content-type" => spec.content_type = Some(percent_decode_text(&need(val)?)?),
                "body" => {
                    let v = need(val)?;
                    spec.body = Some(Preset::from_name(&v).ok_or_else(|| {
                        let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
                        format!("body={v} is not a preset; the presets are {}", names.join(", "))
                    })?);
                }
                _ => {
                    return Err(format!(
                        "unknown directive {key:?}; use status=, retry-after=, delay-ms=, drop, body=, content-type="
                    ))
                }
            }
        }
        if seen.is_empty() {
            return Ok(None);
        }
        spec.checked().map(Some)
    }

    /// Checks the ranges and header values.
    pub fn checked(self) -> Result<FaultSpec, String> {
        if let Some(status) = self.status {
            if !(200..=599).contains(&status) {
                return Err(format!("status={status} is not between 200 and 599"));
            }
        }
        if self.delay_ms > MAX_DELAY_MS {
            return Err(format!("delay-ms={} is over {MAX_DELAY_MS}", self.delay_ms));
        }
        for (name, value) in [
            ("retry-after", &self.retry_after),
            ("content-type", &self.content_type),
        ] {
            if let Some(v) = value {
                if v.len() > MAX_FAULT_TEXT_BYTES {
                    return Err(format!(
                        "{name} is longer than {MAX_FAULT_TEXT_BYTES} bytes"
                    ));
                }
                HeaderValue::from_str(v)
                    .map_err(|_| format!("{name}={v:?} is not a valid header value"))?;
            }
        }
        if let Some(v) = &self.content_type {
            if !crate::media::is_inert(v) {
                return Err(format!(
                    "content-type={v:?} is not allowed; a fault may use {} (with a charset)",
                    crate::media::INERT_TYPES.join(", ")
                ));
            }
        }
        if !self.drop && self.status.is_none() && self.body.is_none() && self.delay_ms == 0 {
            return Err("a fault needs status, body, drop or a delay".into());
        }
        Ok(self)
    }

    /// The fault in the header syntax, for the request log.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status={s}"));
        }
        if let Some(r) = &self.retry_after {
            parts.push(format!("retry-after={r}"));
        }
        if self.delay_ms > 0 {
            parts.push(format!("delay-ms={}", self.delay_ms));
        }
        if self.drop {
            parts.push("drop".into());
        }
        if let Some(b) = self.body {
            parts.push(format!("body={}", b.name()));
        }
        if let Some(c) = &self.content_type {
            parts.push(format!("content-type={c}"));
        }
        parts.join(";")
    }
}

fn percent_decode_text(value: &str) -> Result<String, String> {
    String::from_utf8(crate::pathparams::percent_decode(value))
        .map_err(|_| format!("{value:?} does not decode to UTF-8"))
}

/// Where a fault came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The `x-emulator-fault` request header.
    Header,
    /// A fault queued through `POST /__emulator/faults`.
    Scripted,
    /// The `--fault-rate` flag.
    Random,
}

impl Source {
    /// The name written in the request log.
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Header => "header",
            Source::Scripted => "scripted",
            Source::Random => "random",
        }
    }
}

/// What a request's bodies should look like, for the presets.
#[derive(Clone, Debug)]
pub struct BodyContext {
    /// The customer in the path (used in generated activities).
    pub customer_id: String,
    /// Whether the route answers with a list (so `wrong-types` and `missing-id` write arrays).
    pub expects_list: bool,
}

/// What to do after a fault was applied.
#[derive(Debug)]
pub enum Outcome {
    /// Answer normally (the fault was only a delay).
    Continue,
    /// Answer with this instead (it may ask the connection layer to drop or to write raw).
    Respond(Response),
}

/// Waits the fault's delay, then gives the answer it asks for.
pub async fn apply(spec: &FaultSpec, source: Source, ctx: &BodyContext) -> Outcome {
    if spec.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(spec.delay_ms)).await;
    }
    if spec.drop {
        let mut response = Response::new(axum::body::Body::empty());
        response.extensions_mut().insert(DropConnection);
        return Outcome::Respond(response);
    }
    if spec.status.is_none() && spec.body.is_none() {
        return Outcome::Continue;
    }
    let status = StatusCode::from_u16(spec.status.unwrap_or(200)).unwrap_or(StatusCode::OK);
    let mut response = match spec.body {
        Some(preset) => preset_response(preset, status, ctx),
        None if status.is_client_error() || status.is_server_error() => Problem::new(status)
            .detail(format!(
                "Injected by skimmer-emulator (fault from the {}).",
                match source {
                    Source::Header => "x-emulator-fault header",
                    Source::Scripted => "scripted faults",
                    Source::Random => "--fault-rate flag",
                }
            ))
            .into_response(),
        None => {
            let mut r = Response::new(axum::body::Body::empty());
            *r.status_mut() = status;
            r
        }
    };
    let headers = response.headers_mut();
    if let Some(value) = spec
        .retry_after
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        headers.insert(header::RETRY_AFTER, value);
    }
    if let Some(value) = spec
        .content_type
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        headers.insert(header::CONTENT_TYPE, value);
    }
    Outcome::Respond(response)
}

fn preset_response(preset: Preset, status: StatusCode, ctx: &BodyContext) -> Response {
    let full = preset_body(preset, status, ctx);
    let (body, declared) = if preset == Preset::Truncated {
        (full.slice(..full.len() / 2), full.len())
    } else {
        let len = full.len();
        (full, len)
    };
    let raw = preset == Preset::Truncated
        || (!body.is_empty() && matches!(status.as_u16(), 204 | 205 | 304));
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(preset.default_content_type()),
        )],
        body,
    )
        .into_response();
    if raw {
        response.extensions_mut().insert(RawWrite {
            content_length: declared,
        });
    }
    response
}

/// The bytes of a preset body.
pub fn preset_body(preset: Preset, status: StatusCode, ctx: &BodyContext) -> Bytes {
    match preset {
        Preset::Huge => huge_list(&ctx.customer_id),
        _ => Bytes::from(small_preset_body(preset, status, ctx)),
    }
}

fn small_preset_body(preset: Preset, status: StatusCode, ctx: &BodyContext) -> Vec<u8> {
    use serde_json::{json, Value};
    let sample =
        |i: usize| crate::seed::sample_activity(&ctx.customer_id, &format!("fault-sample-{i}"));
    let sample_value = |i: usize| serde_json::to_value(sample(i)).unwrap_or(Value::Null);
    let one_or_list = |broken: Value| -> Vec<u8> {
        let value = if ctx.expects_list {
            json!([sample_value(1), broken])
        } else {
            broken
        };
        serde_json::to_vec(&value).unwrap_or_default()
    };
    match preset {
        Preset::InvalidJson => b"{\"id\": ".to_vec(),
        Preset::Html => {
            let line = format!(
                "{} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("Error")
            );
            format!(
                "<!DOCTYPE html>\n<html>\n<head><title>{line}</title></head>\n<body>\n<center><h1>{line}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n"
            )
            .into_bytes()
        }
        Preset::Empty => Vec::new(),
        Preset::Truncated => {
            let list: Vec<_> = (1..=3).map(sample).collect();
            serde_json::to_vec(&list).unwrap_or_default()
        }
        Preset::Huge => Vec::new(),
        Preset::WrongTypes => {
            let mut broken = sample_value(2);
            broken["title"] = json!(12345);
            broken["createdAt"] = json!(1_764_237_600);
            one_or_list(broken)
        }
        Preset::Deep => {
            const DEPTH: usize = 100_000;
            let mut out = vec![b'['; DEPTH];
            out.resize(2 * DEPTH, b']');
            out
        }
        Preset::MissingId => {
            let mut broken = sample_value(2);
            if let Some(object) = broken.as_object_mut() {
                object.remove("id");
            }
            one_or_list(broken)
        }
        Preset::NotArray => {
            serde_json::to_vec(&json!({"items": [sample_value(1)], "count": 1})).unwrap_or_default()
        }
    }
}

/// The `huge` body last written, for its customer: concurrent requests for it share one copy
/// instead of 10 MB each.
static HUGE: Mutex<Option<(String, Bytes)>> = Mutex::new(None);

/// About 10 MB of valid activities of `customer_id`.
fn huge_list(customer_id: &str) -> Bytes {
    let mut cached = crate::app::lock(&HUGE);
    if let Some((customer, body)) = cached.as_ref() {
        if customer == customer_id {
            return body.clone();
        }
    }
    let body = Bytes::from(write_huge_list(customer_id));
    *cached = Some((customer_id.to_owned(), body.clone()));
    body
}

fn write_huge_list(customer_id: &str) -> Vec<u8> {
    const TARGET: usize = 10 * 1024 * 1024;
    let mut out = Vec::with_capacity(TARGET + 4096);
    out.push(b'[');
    let mut i = 0usize;
    while out.len() < TARGET {
        if i > 0 {
            out.push(b',');
        }
        i += 1;
        let activity = crate::seed::sample_activity(customer_id, &format!("huge-{i:06}"));
        let _ = serde_json::to_writer(&mut out, &activity);
    }
    out.push(b']');
    out
}

/// `POST /__emulator/faults` body: a fault for the next `times` requests matching `method` and
/// `path` (either may be `null`: any).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScriptedFaultRequest {
    /// The method to match (`"GET"` …), or any.
    pub method: Option<String>,
    /// The raw path to match exactly as sent (still percent-encoded), or any.
    pub path: Option<String>,
    /// How many requests it applies to (default 1).
    pub times: Option<u32>,
    /// The status to answer with.
    pub status: Option<u16>,
    /// A `Retry-After` value, sent verbatim.
    pub retry_after: Option<String>,
    /// A delay before the answer, in milliseconds.
    pub delay_ms: Option<u64>,
    /// Drop the connection instead of answering.
    pub drop: Option<bool>,
    /// A body preset name.
    pub body: Option<String>,
    /// A `Content-Type` override.
    pub content_type: Option<String>,
}

/// A queued fault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScriptedFault {
    /// The method it matches, upper-case, or any.
    pub method: Option<String>,
    /// The raw path it matches, or any.
    pub path: Option<String>,
    /// How many more requests it applies to.
    pub times_left: u32,
    /// The fault, in the header syntax.
    pub fault: String,
    #[serde(skip)]
    spec: FaultSpec,
}

impl ScriptedFaultRequest {
    /// Checks the request and turns it into a queued fault.
    pub fn into_fault(self) -> Result<ScriptedFault, String> {
        let body = match self.body {
            Some(name) => Some(
                Preset::from_name(&name).ok_or_else(|| format!("body {name:?} is not a preset"))?,
            ),
            None => None,
        };
        let spec = FaultSpec {
            status: self.status,
            retry_after: self.retry_after,
            delay_ms: self.delay_ms.unwrap_or(0),
            drop: self.drop.unwrap_or(false),
            body,
            content_type: self.content_type,
        }
        .checked()?;
        let times = self.times.unwrap_or(1);
        if times == 0 {
            return Err("times must be at least 1".into());
        }
        if self
            .path
            .as_ref()
            .is_some_and(|p| p.len() > MAX_FAULT_TEXT_BYTES)
        {
            return Err(format!("path is longer than {MAX_FAULT_TEXT_BYTES} bytes"));
        }
        let method = match self.method {
            Some(m)
                if m.is_empty() || m.len() > 16 || !m.bytes().all(|b| b.is_ascii_alphabetic()) =>
            {
                return Err(format!("method {m:?} is not an HTTP method"))
            }
            m => m.map(|m| m.to_ascii_uppercase()),
        };
        Ok(ScriptedFault {
            method,
            path: self.path,
            times_left: times,
            fault: spec.describe(),
            spec,
        })
    }
}

/// The queue of scripted faults.
#[derive(Debug, Default)]
pub struct ScriptedFaults {
    queue: Vec<ScriptedFault>,
}

impl ScriptedFaults {
    /// Queues a fault after the ones already queued; `Err` (nothing queued) when
    /// [`MAX_SCRIPTED_FAULTS`] are queued already.
    pub fn push(&mut self, fault: ScriptedFault) -> Result<(), String> {
        if self.queue.len() >= MAX_SCRIPTED_FAULTS {
            return Err(format!(
                "{MAX_SCRIPTED_FAULTS} faults are queued already; clear them (DELETE /__emulator/faults) or reset"
            ));
        }
        self.queue.push(fault);
        Ok(())
    }

    /// The first queued fault that matches, counting this use of it.
    pub fn take(&mut self, method: &str, raw_path: &str) -> Option<FaultSpec> {
        if self.queue.is_empty() {
            return None;
        }
        let index = self.queue.iter().position(|f| {
            f.method.as_deref().is_none_or(|m| m == method)
                && f.path.as_deref().is_none_or(|p| p == raw_path)
        })?;
        let fault = &mut self.queue[index];
        fault.times_left -= 1;
        let spec = fault.spec.clone();
        if fault.times_left == 0 {
            self.queue.remove(index);
        }
        Some(spec)
    }

    /// The queued faults.
    pub fn list(&self) -> &[ScriptedFault] {
        &self.queue
    }

    /// Empties the queue.
    pub fn clear(&mut self) {
        self.queue.clear();
    }
}

/// A kind of fault the `--fault-rate` flag injects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RandomKind {
    /// 429 with `Retry-After: 1`.
    TooManyRequests,
    /// 503.
    Unavailable,
    /// The connection is dropped without an answer.
    Drop,
    /// 50–500 ms of latency, then the normal answer.
    Delay,
}

impl RandomKind {
    /// Every kind, in the order `--fault-kinds` lists them by default.
    pub const ALL: [RandomKind; 4] = [
        RandomKind::TooManyRequests,
        RandomKind::Unavailable,
        RandomKind::Drop,
        RandomKind::Delay,
    ];

    /// The kind's name in `--fault-kinds`.
    pub const fn name(self) -> &'static str {
        match self {
            RandomKind::TooManyRequests => "429",
            RandomKind::Unavailable => "503",
            RandomKind::Drop => "drop",
            RandomKind::Delay => "delay",
        }
    }

    /// Parses a comma-separated list such as `429,503,drop,delay`.
    pub fn parse_list(list: &str) -> Result<Vec<RandomKind>, String> {
        let mut kinds = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let kind = RandomKind::ALL
                .into_iter()
                .find(|k| k.name().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    format!("unknown fault kind {name:?}; the kinds are 429, 503, drop, delay")
                })?;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        if kinds.is_empty() {
            return Err("the fault kind list is empty".into());
        }
        Ok(kinds)
    }
}

/// Random faults for a whole run: each request faults with probability `rate`, the kind chosen
/// uniformly. Seeded, so a run with the same seed and the same request order repeats.
#[derive(Debug)]
pub struct RandomFaults {
    rate: f64,
    kinds: Vec<RandomKind>,
    seed: u64,
    rng: Mutex<SplitMix64>,
}

impl RandomFaults {
    /// Faults with probability `rate` (0 to 1) of the given kinds.
    pub fn new(rate: f64, kinds: Vec<RandomKind>, seed: u64) -> RandomFaults {
        RandomFaults {
            rate,
            kinds,
            seed,
            rng: Mutex::new(SplitMix64::new(seed)),
        }
    }

    /// Whether any request can fault.
    pub fn enabled(&self) -> bool {
        self.rate > 0.0 && !self.kinds.is_empty()
    }

    /// Rolls for one request.
    pub fn roll(&self) -> Option<FaultSpec> {
        if !self.enabled() {
            return None;
        }
        let mut rng = crate::app::lock(&self.rng);
        if rng.next_f64() >= self.rate {
            return None;
        }
        let kind = self.kinds[rng.below(self.kinds.len() as u64) as usize];
        Some(match kind {
            RandomKind::TooManyRequests => FaultSpec {
                status: Some(429),
                retry_after: Some("1".into()),
                ..FaultSpec::default()
            },
            RandomKind::Unavailable => FaultSpec {
                status: Some(503),
                ..FaultSpec::default()
            },
            RandomKind::Drop => FaultSpec {
                drop: true,
                ..FaultSpec::default()
            },
            RandomKind::Delay => FaultSpec {
                delay_ms: 50 + rng.below(451),
                ..FaultSpec::default()
            },
        })
    }

    /// Restarts the sequence from the seed.
    pub fn reset(&self) {
        *crate::app::lock(&self.rng) = SplitMix64::new(self.seed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_syntax_parses_and_describes_back() {
        let spec = FaultSpec::parse_header(" status=503 ; retry-after=2;delay-ms=10 ")
            .unwrap()
            .unwrap();
        assert_eq!(spec.status, Some(503));
        assert_eq!(spec.retry_after.as_deref(), Some("2"));
        assert_eq!(spec.delay_ms, 10);
        assert_eq!(spec.describe(), "status=503;retry-after=2;delay-ms=10");
        let spec = FaultSpec::parse_header(
            "status=200;body=invalid-json;content-type=text/plain%3B%20charset=utf-8",
        )
        .unwrap()
        .unwrap();
        assert_eq!(spec.body, Some(Preset::InvalidJson));
        assert_eq!(
            spec.content_type.as_deref(),
            Some("text/plain; charset=utf-8")
        );
        let date = "retry-after=Wed, 21 Oct 2026 07:28:00 GMT;status=429";
        assert_eq!(
            FaultSpec::parse_header(date)
                .unwrap()
                .unwrap()
                .retry_after
                .as_deref(),
            Some("Wed, 21 Oct 2026 07:28:00 GMT")
        );
        assert!(FaultSpec::parse_header("drop").unwrap().unwrap().drop);
        assert_eq!(FaultSpec::parse_header(" ; ").unwrap(), None);
    }

    #[test]
    fn bad_fault_headers_are_refused_with_a_reason() {
        for bad in [
            "status=abc",
            "status=99",
            "status=600",
            "status=503;status=500",
            "drop=yes",
            "delay-ms=-1",
            "delay-ms=999999999",
            "body=nope",
            "teapot",
            "status",
            "retry-after",
            "content-type=a%0Ab",
            "status=200;content-type=text/html",
            "status=200;content-type=text/html%3B charset=utf-8",
            "status=200;content-type=image/svg+xml",
            "status=200;content-type=application/xhtml+xml",
            "status=200;content-type=text/plain%3B boundary=x",
            "body=html;content-type=TEXT/HTML",
        ] {
            assert!(FaultSpec::parse_header(bad).is_err(), "{bad}");
        }
        let long = format!(
            "status=429;retry-after={}",
            "1".repeat(MAX_FAULT_TEXT_BYTES + 1)
        );
        assert!(FaultSpec::parse_header(&long).is_err());
        for name in Preset::ALL {
            assert_eq!(Preset::from_name(name.name()), Some(name));
        }
    }

    #[test]
    fn scripted_faults_match_method_and_path_and_run_out() {
        let mut faults = ScriptedFaults::default();
        let request = ScriptedFaultRequest {
            method: Some("get".into()),
            path: Some("/CustomerActivityLogs/c".into()),
            times: Some(2),
            status: Some(503),
            ..ScriptedFaultRequest::default()
        };
        faults.push(request.into_fault().unwrap()).unwrap();
        assert_eq!(faults.take("POST", "/CustomerActivityLogs/c"), None);
        assert_eq!(faults.take("GET", "/CustomerActivityLogs/d"), None);
        assert_eq!(
            faults
                .take("GET", "/CustomerActivityLogs/c")
                .unwrap()
                .status,
            Some(503)
        );
        assert_eq!(faults.list()[0].times_left, 1);
        assert!(faults.take("GET", "/CustomerActivityLogs/c").is_some());
        assert_eq!(faults.take("GET", "/CustomerActivityLogs/c"), None);
        assert!(faults.list().is_empty());
        let nothing = ScriptedFaultRequest::default().into_fault();
        assert!(nothing.is_err());
        let zero = ScriptedFaultRequest {
            times: Some(0),
            drop: Some(true),
            ..ScriptedFaultRequest::default()
        };
        assert!(zero.into_fault().is_err());
        let html = ScriptedFaultRequest {
            body: Some("wrong-types".into()),
            content_type: Some("text/html".into()),
            ..ScriptedFaultRequest::default()
        };
        assert!(html.into_fault().unwrap_err().contains("not allowed"));
        let long_path = ScriptedFaultRequest {
            path: Some("/".repeat(MAX_FAULT_TEXT_BYTES + 1)),
            drop: Some(true),
            ..ScriptedFaultRequest::default()
        };
        assert!(long_path.into_fault().is_err());
        let mut full = ScriptedFaults::default();
        let one = || ScriptedFaultRequest {
            status: Some(503),
            ..ScriptedFaultRequest::default()
        };
        for _ in 0..MAX_SCRIPTED_FAULTS {
            full.push(one().into_fault().unwrap()).unwrap();
        }
        assert!(full.push(one().into_fault().unwrap()).is_err());
        assert_eq!(full.list().len(), MAX_SCRIPTED_FAULTS);
    }

    #[test]
    fn random_faults_follow_the_rate_and_repeat_with_the_seed() {
        let faults = RandomFaults::new(0.25, RandomKind::ALL.to_vec(), 7);
        let first: Vec<Option<FaultSpec>> = (0..400).map(|_| faults.roll()).collect();
        let hits = first.iter().filter(|f| f.is_some()).count();
        assert!((60..140).contains(&hits), "{hits}");
        faults.reset();
        let again: Vec<Option<FaultSpec>> = (0..400).map(|_| faults.roll()).collect();
        assert_eq!(first, again);
        for spec in first.iter().flatten() {
            assert!(spec.drop || spec.status.is_some() || (50..=500).contains(&spec.delay_ms));
        }
        assert!(RandomFaults::new(0.0, RandomKind::ALL.to_vec(), 1)
            .roll()
            .is_none());
        assert_eq!(
            RandomKind::parse_list("drop, 429,drop").unwrap(),
            [RandomKind::Drop, RandomKind::TooManyRequests]
        );
        assert!(RandomKind::parse_list("500").is_err());
        assert!(RandomKind::parse_list(",").is_err());
    }

    #[test]
    fn presets_have_the_promised_shapes() {
        let list = BodyContext {
            customer_id: "c".into(),
            expects_list: true,
        };
        let item = BodyContext {
            expects_list: false,
            ..list.clone()
        };
        let ok = StatusCode::OK;
        let parse = |b: Bytes| serde_json::from_slice::<serde_json::Value>(&b);
        assert!(parse(preset_body(Preset::InvalidJson, ok, &list)).is_err());
        assert!(preset_body(Preset::Empty, ok, &list).is_empty());
        let truncated_full = preset_body(Preset::Truncated, ok, &list);
        assert!(parse(truncated_full).unwrap().is_array());
        let huge = preset_body(Preset::Huge, ok, &list);
        assert!(huge.len() >= 10 * 1024 * 1024 && huge.len() < 11 * 1024 * 1024);
        let huge: Vec<skimmer_activity_logs::Activity> = serde_json::from_slice(&huge).unwrap();
        assert!(huge.len() > 10_000);
        let wrong = parse(preset_body(Preset::WrongTypes, ok, &list)).unwrap();
        assert!(wrong[1]["title"].is_number());
        let wrong = parse(preset_body(Preset::WrongTypes, ok, &item)).unwrap();
        assert!(wrong["createdAt"].is_number());
        let missing = parse(preset_body(Preset::MissingId, ok, &list)).unwrap();
        assert!(missing[0].get("id").is_some() && missing[1].get("id").is_none());
        assert!(parse(preset_body(Preset::NotArray, ok, &list))
            .unwrap()
            .is_object());
        let deep = preset_body(Preset::Deep, ok, &list);
        assert_eq!(deep.len(), 200_000);
        let html = preset_body(Preset::Html, StatusCode::BAD_GATEWAY, &list);
        assert!(std::str::from_utf8(&html)
            .unwrap()
            .contains("502 Bad Gateway"));
        assert!(crate::media::is_inert(Preset::Html.default_content_type()));
    }
}
