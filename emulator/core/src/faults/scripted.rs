//! Faults queued through `POST /__emulator/faults`: each matches a method and a raw path (or
//! any) for its next `times` requests, then runs out.

use super::presets::Preset;
use super::spec::FaultSpec;
use crate::limits::{MAX_FAULT_TEXT_BYTES, MAX_SCRIPTED_FAULTS};
use serde::{Deserialize, Serialize};

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
#[derive(Clone, Debug, Default)]
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
