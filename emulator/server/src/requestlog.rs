//! The request log behind `GET /__emulator/requests`: one entry per request on the API routes,
//! so tests can see what reached the server (raw path, decoded ids, status, fault).
//!
//! Bounded (see [`crate::limits`]): each text an entry records is cut to
//! [`LOG_MAX_TEXT_BYTES`], and the log keeps at most [`LOG_MAX_ENTRIES`] entries and
//! [`LOG_MAX_BYTES`] of their JSON; the oldest go first. `seq` keeps counting, so a gap shows
//! what was dropped. Proxy mode keeps no log.

use crate::limits::{LOG_MAX_BYTES, LOG_MAX_ENTRIES, LOG_MAX_TEXT_BYTES};
use serde::Serialize;
use std::collections::VecDeque;

/// The most entries kept (see [`LOG_MAX_ENTRIES`]).
pub const CAPACITY: usize = LOG_MAX_ENTRIES;

/// `text` cut to at most `max` bytes at a character boundary, ending in `…` when it was cut
/// (so a cut text is at most `max + 3` bytes).
pub fn clip(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // A fresh, small string: the cut 60 KB path is freed whole, not kept behind its first KB.
    let mut out = String::with_capacity(end + '…'.len_utf8());
    out.push_str(&text[..end]);
    out.push('…');
    out
}

/// Counts the bytes written to it.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

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

impl Entry {
    /// The entry with every text cut to [`LOG_MAX_TEXT_BYTES`].
    pub fn clipped(self) -> Entry {
        let cut = |text: String| clip(text, LOG_MAX_TEXT_BYTES);
        Entry {
            method: cut(self.method),
            path: cut(self.path),
            customer_id: self.customer_id.map(cut),
            id: self.id.map(cut),
            fault: self.fault.map(cut),
            content_type: self.content_type.map(cut),
            ..self
        }
    }

    /// The length of the entry's JSON.
    pub fn json_len(&self) -> usize {
        let mut counter = Counter(0);
        let _ = serde_json::to_writer(&mut counter, self);
        counter.0
    }
}

/// The log itself.
#[derive(Debug, Default)]
pub struct RequestLog {
    last_seq: u64,
    /// Each entry with its JSON length.
    entries: VecDeque<(Entry, usize)>,
    /// The sum of those lengths.
    bytes: usize,
}

impl RequestLog {
    /// The next arrival number.
    pub fn next_seq(&mut self) -> u64 {
        self.last_seq += 1;
        self.last_seq
    }

    /// Records a finished request, its texts cut, dropping the oldest entries as needed to
    /// stay within [`LOG_MAX_ENTRIES`] and [`LOG_MAX_BYTES`].
    pub fn push(&mut self, entry: Entry) {
        let entry = entry.clipped();
        let size = entry.json_len();
        while !self.entries.is_empty()
            && (self.entries.len() >= CAPACITY || self.bytes + size > LOG_MAX_BYTES)
        {
            if let Some((_, dropped)) = self.entries.pop_front() {
                self.bytes -= dropped;
            }
        }
        self.bytes += size;
        self.entries.push_back((entry, size));
    }

    /// The entries in arrival order.
    pub fn entries(&self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = self.entries.iter().map(|(e, _)| e.clone()).collect();
        entries.sort_by_key(|e| e.seq);
        entries
    }

    /// The bytes of JSON the entries make (separators aside).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Empties the log; `seq` goes on counting.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.bytes = 0;
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

    #[test]
    fn texts_are_cut_at_a_character_boundary() {
        assert_eq!(clip("abc".into(), 3), "abc");
        assert_eq!(clip("abcd".into(), 3), "abc…");
        assert_eq!(clip("aé".into(), 2), "a…", "é is two bytes");
        let long = Entry {
            path: "/".repeat(5000),
            customer_id: Some("é".repeat(5000)),
            content_type: Some("t".repeat(70_000)),
            ..entry(1)
        }
        .clipped();
        assert_eq!(long.path.len(), LOG_MAX_TEXT_BYTES + '…'.len_utf8());
        assert!(
            long.path.capacity() < 2 * LOG_MAX_TEXT_BYTES,
            "the cut text is not kept"
        );
        assert!(long.customer_id.unwrap().len() <= LOG_MAX_TEXT_BYTES + 3);
        assert!(long.content_type.unwrap().ends_with('…'));
    }

    #[test]
    fn the_log_keeps_within_its_bytes() {
        let mut log = RequestLog::default();
        let big = |seq| Entry {
            path: "p".repeat(100_000),
            id: Some("\u{1}".repeat(100_000)),
            ..entry(seq)
        };
        for _ in 0..20_000 {
            let seq = log.next_seq();
            log.push(big(seq));
        }
        assert!(log.bytes() <= LOG_MAX_BYTES, "{}", log.bytes());
        let json = serde_json::to_vec(&log.entries()).unwrap();
        assert!(json.len() <= LOG_MAX_BYTES + log.entries().len() + 2);
        assert_eq!(log.entries().last().unwrap().seq, 20_000);
        assert!(log.entries().len() < CAPACITY);
    }
}
