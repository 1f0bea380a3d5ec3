//! One connection: hyper's HTTP/1.1 over the socket, bounded (head size and read time, stalled
//! writes), and the two things a normal server never does, which fault injection needs: close
//! the socket without any answer, or write an answer hyper would refuse to write (a body shorter
//! than its `Content-Length`, a body on a 204), then close.
//!
//! The connection keeps a duplicate of its socket's descriptor, so it can abandon hyper's half
//! and act on the socket itself.

use crate::app::{lock, App};
use crate::dispatch::{dispatch, Outcome};
use crate::limits::{HEAD_READ_TIMEOUT, MAX_HEAD_BYTES, WRITE_STALL_TIMEOUT};
use crate::stall::StallLimit;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::{watch, Notify};

/// A request from inside the service to take the socket away from hyper.
#[derive(Default)]
struct Takeover {
    /// `Some(None)`: drop; `Some(Some(bytes))`: write these bytes, then close.
    wanted: Mutex<Option<Option<Vec<u8>>>>,
    notify: Notify,
}

impl Takeover {
    fn request(&self, raw: Option<Vec<u8>>) {
        *lock(&self.wanted) = Some(raw);
        self.notify.notify_one();
    }

    async fn wait(&self) -> Option<Vec<u8>> {
        loop {
            self.notify.notified().await;
            if let Some(wanted) = lock(&self.wanted).take() {
                return wanted;
            }
        }
    }
}

enum Ending {
    Done,
    Takeover(Option<Vec<u8>>),
}

/// Serves `stream` until it closes, a fault takes it over, or `stop` turns true (then requests
/// in flight finish, and the connection closes).
pub async fn serve(stream: TcpStream, app: Arc<App>, mut stop: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let Ok(socket) = stream.into_std() else {
        return;
    };
    let Ok(spare) = socket.try_clone() else {
        return;
    };
    let Ok(stream) = TcpStream::from_std(socket) else {
        return;
    };
    let takeover = Arc::new(Takeover::default());
    let service = {
        let takeover = takeover.clone();
        hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let app = app.clone();
            let takeover = takeover.clone();
            async move {
                match dispatch(&app, request).await {
                    Outcome::Respond(response) => Ok::<_, Infallible>(response),
                    Outcome::Drop => {
                        takeover.request(None);
                        match std::future::pending::<Infallible>().await {}
                    }
                    Outcome::Raw(bytes) => {
                        takeover.request(Some(bytes));
                        match std::future::pending::<Infallible>().await {}
                    }
                }
            }
        })
    };
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_READ_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES);
    let stream = StallLimit::new(stream, WRITE_STALL_TIMEOUT);
    let ending = {
        let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), service));
        let mut wanted = pin!(takeover.wait());
        let mut stopping = false;
        loop {
            tokio::select! {
                _ = conn.as_mut() => break Ending::Done,
                raw = &mut wanted => break Ending::Takeover(raw),
                _ = stop.changed(), if !stopping => {
                    stopping = true;
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    };
    // hyper's side of the socket is closed now; `spare` still holds it open.
    if let Ending::Takeover(Some(bytes)) = ending {
        if let Ok(mut socket) = TcpStream::from_std(spare) {
            let _ = tokio::time::timeout(WRITE_STALL_TIMEOUT, async {
                let _ = socket.write_all(&bytes).await;
                let _ = socket.shutdown().await;
            })
            .await;
        }
    }
}
