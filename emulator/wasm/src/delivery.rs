//! What the in-process door makes of the core's [`Exchange`]: the `Response` a `fetch` resolves
//! to, or a rejection, decided here so the JS side only performs it.
//!
//! The server writes bytes on a socket; a `fetch` gives what a client makes of those bytes. So:
//! - an answer is a `Response` with the status, the reason phrase the server's status line has
//!   (`statusText`), the core's headers plus the `Content-Length` the server writes, and the
//!   body, except on a null-body status (204, 205, 304), which fetch gives no body;
//! - a dropped connection is a rejected fetch (a `TypeError`, as for a network failure);
//! - a body cut short (`Reply::Raw` claiming more than it has) is a `Response` whose body fails
//!   after the bytes that were sent; a body on a 204 (the other `Reply::Raw`) is dropped, as a
//!   client drops it.
//!
//! A delay is the same at both doors: the request was handled at once, the answer waits.

use skimmer_emulator_core::{Exchange, Reply};

/// How the fetch ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Resolve with the response.
    Answer = 0,
    /// Reject with a `TypeError`: the connection was dropped with no answer.
    Drop = 1,
    /// Resolve with the response, whose body gives its bytes and then fails.
    Truncated = 2,
}

/// What the JS side delivers, after `delay_ms`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// How the fetch ends.
    pub outcome: Outcome,
    /// Wait this long first, in milliseconds (a `delay-ms` fault).
    pub delay_ms: u64,
    /// The status (0 for a drop).
    pub status: u16,
    /// The reason phrase of the status, as the server's status line has it (empty when it has
    /// none).
    pub status_text: &'static str,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body (the bytes that were sent, for a truncated one).
    pub body: Vec<u8>,
    /// The request log entry to mark as answered when a delayed answer is delivered.
    pub seq: Option<u64>,
}

/// Whether fetch gives a response with this status no body (the Fetch standard's null body
/// statuses that can reach it).
pub fn is_null_body_status(status: u16) -> bool {
    matches!(status, 204 | 205 | 304)
}

/// The delivery of `exchange`, the answer to a request with `method` (a `HEAD` answer has no
/// body, as over HTTP).
pub fn deliver(exchange: Exchange, method: &str) -> Delivery {
    let seq = exchange.note.as_ref().map(|note| note.seq);
    let (outcome, response, content_length) = match exchange.reply {
        Reply::Drop => {
            return Delivery {
                outcome: Outcome::Drop,
                delay_ms: exchange.delay_ms,
                status: 0,
                status_text: "",
                headers: Vec::new(),
                body: Vec::new(),
                seq,
            }
        }
        Reply::Answer(response) => {
            let length = response.body.len();
            (Outcome::Answer, response, length)
        }
        Reply::Raw {
            response,
            content_length,
        } => (Outcome::Truncated, response, content_length),
    };
    let status = response.status;
    let mut headers: Vec<(String, String)> = response
        .headers
        .into_iter()
        .filter(|(name, _)| *name != "content-length")
        .map(|(name, value)| (name.to_owned(), value.into_owned()))
        .collect();
    let (outcome, body) = if is_null_body_status(status) {
        (Outcome::Answer, Vec::new())
    } else if method == "HEAD" {
        headers.push(("content-length".to_owned(), content_length.to_string()));
        (Outcome::Answer, Vec::new())
    } else {
        headers.push(("content-length".to_owned(), content_length.to_string()));
        let body = response.body.into_bytes();
        let cut = outcome == Outcome::Truncated && (body.len() as u64) < content_length;
        (
            if cut {
                Outcome::Truncated
            } else {
                Outcome::Answer
            },
            body,
        )
    };
    Delivery {
        outcome,
        delay_ms: exchange.delay_ms,
        status,
        status_text: http::StatusCode::from_u16(status)
            .ok()
            .and_then(|code| code.canonical_reason())
            .unwrap_or(""),
        headers,
        body,
        seq,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skimmer_emulator_core::{Note, Response, ResponseBody};

    fn exchange(reply: Reply, delay_ms: u64) -> Exchange {
        Exchange {
            delay_ms,
            reply,
            note: Some(Note {
                seq: 9,
                method: "GET".into(),
                path: "/CustomerActivityLogs/c".into(),
                fault: None,
            }),
        }
    }

    fn json(status: u16, body: &[u8]) -> Response {
        Response::with_body(status, "application/json; charset=utf-8", body.to_vec())
    }

    #[test]
    fn an_answer_has_the_servers_reason_phrase_and_content_length() {
        let delivery = deliver(exchange(Reply::Answer(json(404, b"{}")), 0), "GET");
        assert_eq!(delivery.outcome, Outcome::Answer);
        assert_eq!((delivery.status, delivery.status_text), (404, "Not Found"));
        assert_eq!(
            delivery.headers,
            [
                (
                    "content-type".into(),
                    "application/json; charset=utf-8".into()
                ),
                ("content-length".into(), "2".into())
            ]
        );
        assert_eq!(delivery.body, b"{}");
        assert_eq!((delivery.delay_ms, delivery.seq), (0, Some(9)));
        let unusual = deliver(Exchange::answer(json(599, b"")), "GET");
        assert_eq!((unusual.status_text, unusual.seq), ("", None));
    }

    #[test]
    fn a_list_in_pieces_arrives_whole() {
        let mut response = Response::new(200);
        response.body = ResponseBody::Pieces {
            len: 5,
            pieces: Box::new(vec![b"[1,".to_vec(), b"2]".to_vec()].into_iter()),
        };
        let delivery = deliver(exchange(Reply::Answer(response), 0), "GET");
        assert_eq!(delivery.body, b"[1,2]");
        assert_eq!(delivery.headers, [("content-length".into(), "5".into())]);
    }

    #[test]
    fn a_drop_is_a_rejection_after_its_delay() {
        let delivery = deliver(exchange(Reply::Drop, 250), "DELETE");
        assert_eq!(delivery.outcome, Outcome::Drop);
        assert_eq!((delivery.delay_ms, delivery.seq), (250, Some(9)));
        assert!(delivery.headers.is_empty() && delivery.body.is_empty());
    }

    #[test]
    fn a_body_cut_short_claims_its_full_length_and_fails_after_what_was_sent() {
        let reply = Reply::Raw {
            response: json(200, b"[{\"id\""),
            content_length: 100,
        };
        let delivery = deliver(exchange(reply, 0), "GET");
        assert_eq!(delivery.outcome, Outcome::Truncated);
        assert_eq!(delivery.body, b"[{\"id\"");
        assert!(delivery
            .headers
            .contains(&("content-length".into(), "100".into())));
    }

    #[test]
    fn a_null_body_status_has_no_body_even_when_the_fault_wrote_one() {
        let reply = Reply::Raw {
            response: json(204, b"{\"a\":1}"),
            content_length: 7,
        };
        let delivery = deliver(exchange(reply, 0), "GET");
        assert_eq!(delivery.outcome, Outcome::Answer);
        assert!(delivery.body.is_empty());
        assert!(delivery.headers.iter().all(|(n, _)| n != "content-length"));
        assert_eq!(delivery.status_text, "No Content");
        let plain = deliver(exchange(Reply::Answer(Response::new(204)), 0), "GET");
        assert_eq!(
            (plain.outcome, plain.headers.len(), plain.body.len()),
            (Outcome::Answer, 0, 0)
        );
    }

    #[test]
    fn a_raw_reply_that_is_not_short_is_an_answer() {
        let reply = Reply::Raw {
            response: json(200, b"[]"),
            content_length: 2,
        };
        assert_eq!(deliver(exchange(reply, 0), "GET").outcome, Outcome::Answer);
    }

    #[test]
    fn a_head_answer_has_no_body_but_says_how_long_it_would_be() {
        let reply = Reply::Raw {
            response: json(405, b"{\"x\":1}"),
            content_length: 20,
        };
        let delivery = deliver(exchange(reply, 0), "HEAD");
        assert_eq!(delivery.outcome, Outcome::Answer);
        assert!(delivery.body.is_empty());
        assert!(delivery
            .headers
            .contains(&("content-length".into(), "20".into())));
    }
}
