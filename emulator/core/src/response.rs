//! What the core gives back: a [`Response`] (status, headers, body) inside an [`Exchange`], which
//! also says how to deliver it: now, after a delay, not at all (the connection dropped), or as raw
//! bytes a normal server would refuse to write.

use std::borrow::Cow;
use std::sync::Arc;

/// Response headers: lower-case names, values of visible ASCII, in the order they were set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers(Vec<(&'static str, Cow<'static, str>)>);

impl Headers {
    /// Sets `name` to `value`, replacing any value it had (`name` must be lower case).
    pub fn set(&mut self, name: &'static str, value: impl Into<Cow<'static, str>>) {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, value.into()));
    }

    /// Adds `value` under `name`, after any it had.
    pub fn append(&mut self, name: &'static str, value: impl Into<Cow<'static, str>>) {
        self.0.push((name, value.into()));
    }

    /// The first value of `name` (lower case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_ref())
    }

    /// Removes every value of `name`.
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|(n, _)| *n != name);
    }

    /// Every header, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(n, v)| (*n, v.as_ref()))
    }
}

impl IntoIterator for Headers {
    type Item = (&'static str, Cow<'static, str>);
    type IntoIter = std::vec::IntoIter<(&'static str, Cow<'static, str>)>;

    /// Every header, in order, owned: a value the core never built (a constant) stays borrowed.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The body of a response.
pub enum ResponseBody {
    /// No body.
    Empty,
    /// These bytes.
    Bytes(Vec<u8>),
    /// These bytes, shared with other answers (the `huge` fault body).
    Shared(Arc<[u8]>),
    /// A body written piece by piece (a list answer, from a snapshot of the log), of exactly
    /// `len` bytes: however long, each piece is small, so an answer costs one piece of memory
    /// while it is written.
    Pieces {
        /// The total length of the pieces.
        len: u64,
        /// The pieces, in order.
        pieces: Box<dyn Iterator<Item = Vec<u8>> + Send>,
    },
}

impl std::fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ResponseBody({} bytes)", self.len())
    }
}

impl ResponseBody {
    /// The body's length in bytes.
    pub fn len(&self) -> u64 {
        match self {
            ResponseBody::Empty => 0,
            ResponseBody::Bytes(bytes) => bytes.len() as u64,
            ResponseBody::Shared(bytes) => bytes.len() as u64,
            ResponseBody::Pieces { len, .. } => *len,
        }
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole body in one buffer (a list of 100,000 activities is about 45 MB: a door that
    /// can stream should take the pieces instead, see [`ResponseBody::into_pieces`]).
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            ResponseBody::Empty => Vec::new(),
            ResponseBody::Bytes(bytes) => bytes,
            ResponseBody::Shared(bytes) => bytes.to_vec(),
            ResponseBody::Pieces { pieces, .. } => pieces.flatten().collect(),
        }
    }

    /// The body as pieces to write in order (the bytes of `Bytes`, as one piece, are not
    /// copied; `Shared` ones are, in pieces of 256 KiB).
    pub fn into_pieces(self) -> Box<dyn Iterator<Item = Vec<u8>> + Send> {
        match self {
            ResponseBody::Empty => Box::new(std::iter::empty()),
            ResponseBody::Bytes(bytes) => Box::new(std::iter::once(bytes)),
            ResponseBody::Shared(bytes) => {
                let len = bytes.len();
                Box::new(
                    (0..len)
                        .step_by(PIECE_BYTES)
                        .map(move |at| bytes[at..len.min(at + PIECE_BYTES)].to_vec()),
                )
            }
            ResponseBody::Pieces { pieces, .. } => pieces,
        }
    }
}

/// The size of the pieces a long body is written in.
pub const PIECE_BYTES: usize = 256 * 1024;

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    /// The status, 200 to 599.
    pub status: u16,
    /// The headers (no `Content-Length`: the body's length is known, the door writes it).
    pub headers: Headers,
    /// The body.
    pub body: ResponseBody,
}

impl Response {
    /// A response with no headers and no body.
    pub fn new(status: u16) -> Response {
        Response {
            status,
            headers: Headers::default(),
            body: ResponseBody::Empty,
        }
    }

    /// `bytes` as the body, with this `Content-Type`.
    pub fn with_body(status: u16, content_type: &'static str, bytes: Vec<u8>) -> Response {
        let mut response = Response::new(status);
        response.headers.set("content-type", content_type);
        response.body = ResponseBody::Bytes(bytes);
        response
    }
}

/// How the answer is delivered.
#[derive(Debug)]
pub enum Reply {
    /// Answer with this response.
    Answer(Response),
    /// Close the connection without any answer (the JS door: a fetch rejected with a
    /// `TypeError`, as for a network failure).
    Drop,
    /// Write this response exactly as it is, claiming a body of `content_length` bytes, then
    /// close the connection: a body cut short (`content_length` more than the body's length) or a
    /// body on a 204, which a correct server never writes. The JS door cannot write such bytes:
    /// it gives what a fetch would make of them (a body that fails part-way; a 204 without the
    /// body).
    Raw {
        /// What to write.
        response: Response,
        /// The `Content-Length` to claim.
        content_length: u64,
    },
}

/// The request log's view of an API request, for a door that prints its own line per request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The entry's `seq` in the request log (see [`crate::Emulator::answered`]).
    pub seq: u64,
    /// The method, cut as the log keeps it.
    pub method: String,
    /// The raw path, cut as the log keeps it.
    pub path: String,
    /// The fault applied, in the `x-emulator-fault` syntax, and where it came from (`header`,
    /// `scripted`, `random`).
    pub fault: Option<(String, &'static str)>,
}

/// The core's answer to one request.
#[derive(Debug)]
pub struct Exchange {
    /// Wait this long before delivering the reply (a `delay-ms` fault), in milliseconds; 0 for
    /// none. The request was handled already: state changed, the answer fixed.
    pub delay_ms: u64,
    /// What to deliver.
    pub reply: Reply,
    /// For API requests (the ones the request log records): the entry. When `delay_ms` is not 0
    /// its `status` is `null` until the door calls [`crate::Emulator::answered`] as it delivers
    /// the reply (a client that leaves during the delay keeps it `null`).
    pub note: Option<Note>,
}

impl Exchange {
    /// An immediate answer, not noted in the request log.
    pub fn answer(response: Response) -> Exchange {
        Exchange {
            delay_ms: 0,
            reply: Reply::Answer(response),
            note: None,
        }
    }

    /// The status that will be delivered, if any (none for a dropped connection).
    pub fn status(&self) -> Option<u16> {
        match &self.reply {
            Reply::Answer(response) | Reply::Raw { response, .. } => Some(response.status),
            Reply::Drop => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_set_replaces_and_append_adds() {
        let mut h = Headers::default();
        h.set("vary", "a");
        h.append("vary", "b");
        h.set("content-type", String::from("text/plain"));
        assert_eq!(h.iter().count(), 3);
        h.set("vary", "c");
        assert_eq!(
            h.iter().collect::<Vec<_>>(),
            [("content-type", "text/plain"), ("vary", "c")]
        );
        h.remove("vary");
        assert_eq!(h.get("vary"), None);
    }

    #[test]
    fn every_kind_of_body_gives_the_same_bytes_whole_or_in_pieces() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(PIECE_BYTES * 2 + 7).collect();
        let make = || {
            [
                ResponseBody::Bytes(bytes.clone()),
                ResponseBody::Shared(Arc::from(bytes.clone())),
                ResponseBody::Pieces {
                    len: bytes.len() as u64,
                    pieces: Box::new(
                        bytes
                            .chunks(1000)
                            .map(<[u8]>::to_vec)
                            .collect::<Vec<_>>()
                            .into_iter(),
                    ),
                },
            ]
        };
        for body in make() {
            assert_eq!(body.len(), bytes.len() as u64);
            assert_eq!(body.into_bytes(), bytes);
        }
        for body in make() {
            assert_eq!(body.into_pieces().flatten().collect::<Vec<u8>>(), bytes);
        }
        assert!(ResponseBody::Empty.is_empty());
        assert_eq!(ResponseBody::Empty.into_pieces().count(), 0);
    }
}
