//! One fault ([`FaultSpec`]): its `x-emulator-fault` header syntax, its checks, and its
//! description in that syntax for the request log.

use super::presets::Preset;
use crate::limits::MAX_FAULT_TEXT_BYTES;
use crate::media::{is_inert, INERT_TYPES};

/// The longest delay a fault may ask for (5 minutes).
pub const MAX_DELAY_MS: u64 = 300_000;

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

/// Whether `value` can be sent as a header value: visible ASCII, spaces and tabs.
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b == b'\t' || (0x20..0x7F).contains(&b))
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
                if !is_header_value(v) {
                    return Err(format!("{name}={v:?} is not a valid header value"));
                }
            }
        }
        if let Some(v) = &self.content_type {
            if !is_inert(v) {
                return Err(format!(
                    "content-type={v:?} is not allowed; a fault may use {} (with a charset)",
                    INERT_TYPES.join(", ")
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
            "status=429;retry-after=1%7F",
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
}
