//! Answers on their way out: the core's [`Response`] as a hyper response (its body streamed
//! piece by piece), as raw bytes for the faults no correct server writes, and the request
//! policy's header edits applied to any answer.

use hyper::body::{Body, Bytes, Frame, SizeHint};
use hyper::header::{HeaderMap, HeaderName, HeaderValue};
use hyper::StatusCode;
use skimmer_emulator_core::origins::OriginPolicy;
use skimmer_emulator_core::policy::{self, Edit, Outgoing};
use skimmer_emulator_core::problem::reason_phrase;
use skimmer_emulator_core::{Headers, Response, ResponseBody};
use std::borrow::Cow;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Any error of a body being written.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The body of every answer the server writes: the core's, a static file's, an upstream's.
pub type ServerBody = http_body_util::combinators::UnsyncBoxBody<Bytes, BoxError>;

/// A hyper response.
pub type HyperResponse = hyper::Response<ServerBody>;

/// The core's body, written piece by piece, with its exact length.
struct CoreBody {
    pieces: Box<dyn Iterator<Item = Vec<u8>> + Send>,
    left: u64,
}

impl Body for CoreBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        let piece = this.pieces.next().map(|piece| {
            this.left = this.left.saturating_sub(piece.len() as u64);
            Ok(Frame::data(Bytes::from(piece)))
        });
        Poll::Ready(piece)
    }

    fn is_end_stream(&self) -> bool {
        self.left == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.left)
    }
}

/// `body` as a server body.
fn server_body(body: ResponseBody) -> ServerBody {
    use http_body_util::BodyExt;
    match body {
        ResponseBody::Empty => http_body_util::Empty::new()
            .map_err(|never| match never {})
            .boxed_unsync(),
        // The `huge` body, shared: not copied.
        ResponseBody::Shared(bytes) => http_body_util::Full::new(Bytes::from_owner(bytes))
            .map_err(|never| match never {})
            .boxed_unsync(),
        body => {
            let left = body.len();
            CoreBody {
                pieces: body.into_pieces(),
                left,
            }
            .boxed_unsync()
        }
    }
}

/// `value` as a header value, not copied (`None` when hyper would refuse it).
fn header_value(value: Cow<'static, str>) -> Option<HeaderValue> {
    let bytes = match value {
        Cow::Borrowed(text) => Bytes::from_static(text.as_bytes()),
        Cow::Owned(text) => Bytes::from(text.into_bytes()),
    };
    HeaderValue::from_maybe_shared(bytes).ok()
}

/// The headers of `headers` into `map` (any that hyper would refuse are left out).
fn copy_headers(headers: Headers, map: &mut HeaderMap) {
    map.reserve(headers.iter().count());
    for (name, value) in headers {
        if let (Ok(name), Some(value)) =
            (HeaderName::from_bytes(name.as_bytes()), header_value(value))
        {
            map.append(name, value);
        }
    }
}

/// The core's `response` as a hyper response; with `Connection: close` when `close` (the rest of
/// the request's body was never read).
pub fn to_hyper(response: Response, close: bool) -> HyperResponse {
    let mut out = hyper::Response::new(server_body(response.body));
    *out.status_mut() =
        StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    copy_headers(response.headers, out.headers_mut());
    if close {
        out.headers_mut()
            .insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
    }
    out
}

/// The core's `response` as HTTP/1.1 bytes, claiming `content_length` and `Connection: close`,
/// whatever its body's real length (a fault's truncated body, a body on a 204).
pub fn raw_bytes(response: Response, content_length: u64) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason_phrase(response.status)
    )
    .into_bytes();
    for (name, value) in response.headers.iter() {
        if matches!(name, "content-length" | "connection" | "transfer-encoding") {
            continue;
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(
        format!("content-length: {content_length}\r\nconnection: close\r\n\r\n").as_bytes(),
    );
    out.extend_from_slice(&response.body.into_bytes());
    out
}

/// Gives `response` the headers the request policy adds to every answer to `to` (see the
/// core's `policy::finishing`).
pub fn finish(to: &Outgoing<'_>, origins: &OriginPolicy, response: &mut HyperResponse) {
    let content_type = response
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .map(HeaderValue::as_bytes);
    let edits = policy::finishing(to, origins, response.status().as_u16(), content_type);
    apply(edits, response.headers_mut());
}

/// Applies the request policy's `edits` to `headers`.
fn apply(edits: Vec<Edit>, headers: &mut HeaderMap) {
    for edit in edits {
        let (Ok(name), Some(value)) = (
            HeaderName::from_bytes(edit.name.as_bytes()),
            header_value(edit.value),
        ) else {
            continue;
        };
        if edit.append {
            headers.append(name, value);
        } else {
            headers.insert(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn a_core_answer_keeps_its_status_headers_length_and_bytes() {
        let mut response = Response::with_body(201, "application/json", b"[1,2]".to_vec());
        response.headers.append("vary", "a");
        response.headers.append("vary", "b");
        let out = to_hyper(response, true);
        assert_eq!(out.status(), 201);
        assert_eq!(out.headers().get_all("vary").iter().count(), 2);
        assert_eq!(out.headers()["connection"], "close");
        assert_eq!(out.body().size_hint().exact(), Some(5));
        let bytes = out.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&bytes[..], b"[1,2]");
        let pieces = Response {
            status: 200,
            headers: Headers::default(),
            body: ResponseBody::Pieces {
                len: 6,
                pieces: Box::new(vec![b"ab".to_vec(), b"cdef".to_vec()].into_iter()),
            },
        };
        let out = to_hyper(pieces, false);
        assert_eq!(out.body().size_hint().exact(), Some(6));
        assert_eq!(
            &out.into_body().collect().await.unwrap().to_bytes()[..],
            b"abcdef"
        );
    }

    #[test]
    fn raw_bytes_claim_the_given_length() {
        let mut response = Response::with_body(204, "application/json", b"{\"id\": ".to_vec());
        response.headers.set("content-length", "1");
        let raw = String::from_utf8(raw_bytes(response, 7)).unwrap();
        assert!(raw.starts_with("HTTP/1.1 204 No Content\r\n"), "{raw}");
        assert!(
            raw.ends_with("content-length: 7\r\nconnection: close\r\n\r\n{\"id\": "),
            "{raw}"
        );
        assert_eq!(raw.matches("content-length").count(), 1);
    }
}
