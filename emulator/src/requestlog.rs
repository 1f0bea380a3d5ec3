//! The request log behind `GET /__emulator/requests`: one entry per request on the API routes,
//! so tests can see what reached the server (raw path, decoded ids, status, fault).

use serde::Serialize;
use std::collections::VecDeque;

/// At most this many entries are kept (the oldest go first), so a long benchmark run does not
/// grow memory without bound. `seq` keeps counting, so a gap shows what was dropped.
pub const CAPACITY: usize = 10_000;

/// One request as the emulator saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Arrival order, from 1 (restarts at reset).
    pub seq: u64,
    /// The HTTP method.
    pub method: String,
    /// The path as received, still percent-encoded.
    pub path: String,
    /// The `customerId` path parameter, percent-decoded as the handler saw it.
    pub customer_id: Option<String>,
    /// The `id` path parameter, percent-decoded; `null` on the collection routes.
    pub id: Option<String>,
    /// The answer's status; `null` when no answer was sent: the connection was dropped by a
    /// fault, or the client went away first (e.g. its timeout fired during a delay fault).
    pub status: Option<u16>,
    /// The injected fault, in the `x-emulator-fault` syntax; `null` when none.
    pub fault: Option<String>,
    /// Where the fault came from: `"header"`, `"scripted"` or `"random"`; `null` when none.
    pub fault_source: Option<&'static str>,
    /// Whether the right API key was sent. In proxy mode, where the proxy adds the key: `false`
    /// only when the upstream answered 401.
    pub authorized: bool,
    /// The request's `Content-Type`, if any.
    pub content_type: Option<String>,
    /// Proxy mode: whether the answer (and so `status`) is the upstream's; `false` when this
    /// server answered itself (a fault, a refusal, an unreachable or silent upstream), and
    /// always `false` outside proxy mode.
    pub proxied: bool,
}

/// The log itself.
#[derive(Debug, Default)]
pub struct RequestLog {
    last_seq: u64,
    entries: VecDeque<Entry>,
}

impl RequestLog {
    /// The next arrival number.
    pub fn next_seq(&mut self) -> u64 {
        self.last_seq += 1;
        self.last_seq
    }

    /// Records a finished request.
    pub fn push(&mut self, entry: Entry) {
        if self.entries.len() >= CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// The entries in arrival order.
    pub fn entries(&self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = self.entries.iter().cloned().collect();
        entries.sort_by_key(|e| e.seq);
        entries
    }

    /// Empties the log; `seq` goes on counting.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Empties the log and restarts `seq` at 1.
    pub fn reset(&mut self) {
        *self = RequestLog::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: u64) -> Entry {
        Entry {
            seq,
            method: "GET".into(),
            path: "/x".into(),
            customer_id: None,
            id: None,
            status: Some(200),
            fault: None,
            fault_source: None,
            authorized: true,
            content_type: None,
            proxied: false,
        }
    }

    #[test]
    fn entries_come_back_in_arrival_order_and_the_log_is_capped() {
        let mut log = RequestLog::default();
        let (a, b) = (log.next_seq(), log.next_seq());
        log.push(entry(b));
        log.push(entry(a));
        assert_eq!(
            log.entries().iter().map(|e| e.seq).collect::<Vec<_>>(),
            [1, 2]
        );
        for _ in 0..CAPACITY + 5 {
            let seq = log.next_seq();
            log.push(entry(seq));
        }
        assert_eq!(log.entries().len(), CAPACITY);
        log.clear();
        assert!(log.entries().is_empty());
        assert_eq!(log.next_seq(), CAPACITY as u64 + 8);
        log.reset();
        assert_eq!(log.next_seq(), 1);
    }
}
