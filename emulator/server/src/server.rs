//! The HTTP/1.1 server: accept loop, one hyper connection per socket, graceful shutdown, and
//! the two things a normal server never does, which fault injection needs:
//! - [`DropConnection`]: close the socket without any answer;
//! - [`RawWrite`]: write an answer hyper would refuse to write (a body shorter than its
//!   `Content-Length`, a body on a 204), then close.
//!
//! Each connection keeps a duplicate of its socket's descriptor, so the connection task can
//! abandon hyper's half and act on the socket itself.
//!
//! Bounded (see [`crate::limits`]): at most [`MAX_CONNECTIONS`] connections at once (one more
//! is answered 503 and closed), heads of at most [`MAX_HEAD_BYTES`] read within
//! [`HEAD_READ_TIMEOUT`] (which also closes idle keep-alive connections), and answers the
//! client stops taking for [`WRITE_STALL_TIMEOUT`] cut off.

use crate::app::{lock, App};
use crate::cli::Config;
use crate::limits::{HEAD_READ_TIMEOUT, MAX_CONNECTIONS, MAX_HEAD_BYTES, WRITE_STALL_TIMEOUT};
use crate::proxy::{Proxy, UpstreamBase, UpstreamKey};
use axum::body::Body;
use axum::http::{header, Request, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch, Notify, Semaphore};
use tower::ServiceExt;

/// A response extension: close the connection without answering.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// A response extension: write this response byte for byte with this `Content-Length`
/// (whatever the body's real length), then close the connection.
#[derive(Clone, Copy, Debug)]
pub struct RawWrite {
    /// The `Content-Length` to claim.
    pub content_length: usize,
}

/// How long shutdown waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Binds 127.0.0.1 on the configured port, prints the ready line to stdout, and serves until
/// SIGINT or SIGTERM. `upstream_key` is the key proxy mode adds (required with `--upstream`).
pub async fn run(config: Config, upstream_key: Option<UpstreamKey>) -> std::io::Result<()> {
    let proxy = match (&config.upstream, upstream_key) {
        (None, _) => None,
        (Some(_), None) => {
            return Err(std::io::Error::other(format!(
                "--upstream needs the API key in {}",
                crate::proxy::KEY_ENV
            )))
        }
        (Some(url), Some(key)) => {
            let base = UpstreamBase::parse(url).map_err(std::io::Error::other)?;
            Some(Proxy::new(base, key, config.upstream_timeout).map_err(std::io::Error::other)?)
        }
    };
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
    let addr = listener.local_addr()?;
    let mut app = App::new(config);
    if let Some(proxy) = proxy {
        app = app.with_proxy(proxy);
    }
    let app = Arc::new(app);
    if !app.config.quiet {
        banner(&app);
    }
    let router = crate::app::router(app.clone());
    let shutdown = shutdown_signal()?;
    announce(addr)?;
    serve(listener, router, shutdown).await;
    Ok(())
}

/// What the server does, on stderr (never the upstream's key).
fn banner(app: &App) {
    if let Some(proxy) = &app.proxy {
        let origins = if app.origins.allows_any() {
            "any origin".to_owned()
        } else if app.config.allow_origins.is_empty() {
            "loopback origins".to_owned()
        } else {
            format!(
                "loopback origins and {}",
                app.config.allow_origins.join(", ")
            )
        };
        eprintln!(
            "skimmer-emulator: proxy mode: forwarding the API routes to {} with the key from {} \
             (upstream timeout {} s; pages from {origins} may call it)",
            proxy.shown_base(),
            crate::proxy::KEY_ENV,
            proxy.timeout().as_secs(),
        );
        return;
    }
    let customers = crate::app::read(&app.store).customer_ids();
    eprintln!(
        "skimmer-emulator: API key {:?}, {} requests per {} s, customers: {}",
        app.config.api_key,
        app.config.rate_limit,
        app.config.rate_window.as_secs(),
        if customers.is_empty() {
            "none".to_owned()
        } else {
            customers.join(", ")
        }
    );
}

/// The one line stdout carries.
fn announce(addr: SocketAddr) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "skimmer-emulator listening on http://{addr}")?;
    out.flush()
}

/// Registers the SIGINT and SIGTERM handlers now (before the ready line, so a signal sent as
/// soon as the line is read is never lost to the default action) and returns a future that
/// completes on either.
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets requests in flight
/// finish (for at most a few seconds).
pub async fn serve(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    let (stop_tx, stop_rx) = watch::channel(false);
    let (alive_tx, mut alive_rx) = mpsc::channel::<()>(1);
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let Ok(permit) = permits.clone().try_acquire_owned() else {
                        refuse_busy(&stream);
                        continue;
                    };
                    let router = router.clone();
                    let stop = stop_rx.clone();
                    let alive = alive_tx.clone();
                    tokio::spawn(async move {
                        connection(stream, router, stop).await;
                        drop(permit);
                        drop(alive);
                    });
                }
                // Out of descriptors and the like: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(alive_tx);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, alive_rx.recv()).await;
}

/// Answers a connection past [`MAX_CONNECTIONS`] with a 503 problem, as far as the socket takes
/// it at once, and closes it (when dropped).
fn refuse_busy(stream: &TcpStream) {
    let problem = crate::problem::Problem::new(axum::http::StatusCode::SERVICE_UNAVAILABLE).detail(
        format!("The emulator is serving {MAX_CONNECTIONS} connections, its most; try again."),
    );
    let body = problem.to_json();
    let mut answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: {}\r\n\
         x-content-type-options: nosniff\r\ncontent-security-policy: {}\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        crate::problem::PROBLEM_CONTENT_TYPE,
        crate::policy::API_CSP,
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    let _ = stream.try_write(&answer);
}

/// A socket whose writes fail once the peer has taken nothing for `limit`: a client that
/// stops reading an answer cannot hold it (and its buffers) for ever.
struct StallLimit<S> {
    inner: S,
    limit: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<S> StallLimit<S> {
    fn new(inner: S, limit: Duration) -> StallLimit<S> {
        StallLimit {
            inner,
            limit,
            stalled: None,
        }
    }

    /// After a write that did not proceed: `Ready(Err)` once the stall has lasted `limit`.
    fn check_stall(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Error> {
        let limit = self.limit;
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client took nothing of the answer for too long",
            )),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for StallLimit<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for StallLimit<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write(cx, buf) {
            Poll::Pending => this.check_stall(cx).map(Err),
            ready => {
                this.stalled = None;
                ready
            }
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => this.check_stall(cx).map(Err),
            ready => {
                this.stalled = None;
                ready
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_flush(cx) {
            Poll::Pending => this.check_stall(cx).map(Err),
            ready => {
                this.stalled = None;
                ready
            }
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

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

async fn connection(stream: TcpStream, router: Router, mut stop: watch::Receiver<bool>) {
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
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let router = router.clone();
            let takeover = takeover.clone();
            async move {
                let response = router
                    .oneshot(request.map(Body::new))
                    .await
                    .unwrap_or_else(|never: Infallible| match never {});
                if response.extensions().get::<DropConnection>().is_some() {
                    takeover.request(None);
                    match std::future::pending::<Infallible>().await {}
                }
                if let Some(raw) = response.extensions().get::<RawWrite>().copied() {
                    takeover.request(Some(raw_bytes(response, raw.content_length).await));
                    match std::future::pending::<Infallible>().await {}
                }
                Ok::<_, Infallible>(response)
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

/// The response as HTTP/1.1 bytes, with the given `Content-Length` and `Connection: close`.
async fn raw_bytes(response: Response<Body>, content_length: usize) -> Vec<u8> {
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        parts.status.as_u16(),
        parts.status.canonical_reason().unwrap_or("Unknown")
    )
    .into_bytes();
    for (name, value) in &parts.headers {
        if name == header::CONTENT_LENGTH
            || name == header::CONNECTION
            || name == header::TRANSFER_ENCODING
        {
            continue;
        }
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(
        format!("content-length: {content_length}\r\nconnection: close\r\n\r\n").as_bytes(),
    );
    out.extend_from_slice(&body);
    out
}
