//! The request log behind `GET /__emulator/requests`: one entry per request on the API routes,
//! so tests can see what reached the server (raw path, decoded ids, status, fault).
//!
//! Bounded (see [`crate::limits`]): each text an entry records is cut to
//! [`LOG_MAX_TEXT_BYTES`], and the log keeps at most [`Limits::log_max_entries`] entries and
//! [`Limits::log_max_bytes`] of their JSON; the oldest go first. `seq` keeps counting, so a gap
//! shows what was dropped.
//!
//! [`Limits::log_max_entries`]: crate::Limits::log_max_entries
//! [`Limits::log_max_bytes`]: crate::Limits::log_max_bytes

use crate::limits::{LOG_MAX_BYTES, LOG_MAX_ENTRIES, LOG_MAX_TEXT_BYTES};
use serde::Serialize;
use std::collections::VecDeque;

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
    /// Always `false`: the emulator answers itself. (Proxy mode, which keeps no log, used to
    /// mark the upstream's answers here; the member stays for readers of the log.)
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
#[derive(Clone, Debug)]
pub struct RequestLog {
    last_seq: u64,
    /// Each entry with its JSON length, in `seq` order.
    entries: VecDeque<(Entry, usize)>,
    /// The sum of those lengths.
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
}

impl Default for RequestLog {
    fn default() -> RequestLog {
        RequestLog::new(LOG_MAX_ENTRIES, LOG_MAX_BYTES)
    }
}

impl RequestLog {
    /// An empty log that keeps at most `max_entries` entries and `max_bytes` of their JSON.
    pub fn new(max_entries: usize, max_bytes: usize) -> RequestLog {
        RequestLog {
            last_seq: 0,
            entries: VecDeque::new(),
            bytes: 0,
            max_entries: max_entries.max(1),
            max_bytes,
        }
    }

    /// The next arrival number.
    pub fn next_seq(&mut self) -> u64 {
        self.last_seq += 1;
        self.last_seq
    }

    /// Records a request, its texts cut, dropping the oldest entries as needed to stay within
    /// the log's bounds. Entries are pushed in `seq` order.
    pub fn push(&mut self, entry: Entry) {
        let entry = entry.clipped();
        let size = entry.json_len();
        while !self.entries.is_empty()
            && (self.entries.len() >= self.max_entries || self.bytes + size > self.max_bytes)
        {
            if let Some((_, dropped)) = self.entries.pop_front() {
                self.bytes -= dropped;
            }
        }
        self.bytes += size;
        self.entries.push_back((entry, size));
    }

    /// Sets the status of the entry `seq`, if the log still holds it (a delayed answer, once
    /// delivered).
    pub fn set_status(&mut self, seq: u64, status: u16) {
        let Ok(at) = self.entries.binary_search_by_key(&seq, |(e, _)| e.seq) else {
            return;
        };
        let (entry, size) = &mut self.entries[at];
        entry.status = Some(status);
        let new = entry.json_len();
        self.bytes = self.bytes - *size + new;
        *size = new;
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
        *self = RequestLog::new(self.max_entries, self.max_bytes);
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
        for _ in 0..LOG_MAX_ENTRIES + 5 {
            let seq = log.next_seq();
            log.push(entry(seq));
        }
        assert_eq!(log.entries().len(), LOG_MAX_ENTRIES);
        log.clear();
        assert!(log.entries().is_empty());
        assert_eq!(log.next_seq(), LOG_MAX_ENTRIES as u64 + 8);
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
        assert!(log.entries().len() < LOG_MAX_ENTRIES);
    }

    #[test]
    fn a_status_set_later_is_counted() {
        let mut log = RequestLog::new(2, 1 << 20);
        for _ in 0..3 {
            let seq = log.next_seq();
            log.push(Entry {
                status: None,
                ..entry(seq)
            });
        }
        let before = log.bytes();
        log.set_status(3, 200);
        log.set_status(1, 200);
        let entries = log.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!((entries[0].status, entries[1].status), (None, Some(200)));
        assert_eq!(log.bytes(), before - 1, "null is one byte longer than 200");
        let sizes: usize = entries.iter().map(Entry::json_len).sum();
        assert_eq!(log.bytes(), sizes);
    }
}
