//! The HTTP/1.1 server: bind, the ready line, the accept loop, graceful shutdown.
//!
//! Bounded (see [`crate::limits`]): at most [`MAX_CONNECTIONS`] connections at once (one more
//! is answered 503 and closed); each connection's own bounds are in [`crate::connection`].

use crate::app::{os_random, App, Backend};
use crate::cli::Config;
use crate::limits::MAX_CONNECTIONS;
use crate::proxy::{Proxy, UpstreamBase, UpstreamKey};
use skimmer_emulator_core::policy::API_CSP;
use skimmer_emulator_core::problem::{Problem, PROBLEM_CONTENT_TYPE};
use skimmer_emulator_core::Emulator;
use std::future::Future;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch, Semaphore};

/// How long shutdown waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// Binds 127.0.0.1 on the configured port, prints the ready line to stdout, and serves until
/// SIGINT or SIGTERM. `upstream_key` is the key proxy mode adds (required with `--upstream`).
pub async fn run(config: Config, upstream_key: Option<UpstreamKey>) -> std::io::Result<()> {
    let backend = match (&config.upstream, upstream_key) {
        (None, _) => {
            let mut options = config.options.clone();
            options.random_seed = os_random();
            if !config.fault_seed_given {
                options.random_faults.seed = os_random();
            }
            let emulator = Emulator::new(options).map_err(std::io::Error::other)?;
            Backend::Emulator(Box::new(Mutex::new(emulator)))
        }
        (Some(_), None) => {
            return Err(std::io::Error::other(format!(
                "--upstream needs the API key in {}",
                crate::proxy::KEY_ENV
            )))
        }
        (Some(url), Some(key)) => {
            let base = UpstreamBase::parse(url).map_err(std::io::Error::other)?;
            let proxy =
                Proxy::new(base, key, config.upstream_timeout).map_err(std::io::Error::other)?;
            Backend::Proxy(Box::new(proxy))
        }
    };
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
    let addr = listener.local_addr()?;
    let app = Arc::new(App::new(config, backend, os_random()));
    if !app.config.quiet {
        banner(&app);
    }
    let shutdown = shutdown_signal()?;
    announce(addr)?;
    serve(listener, app, shutdown).await;
    Ok(())
}

/// What the server does, on stderr (never the upstream's key).
fn banner(app: &App) {
    let config = &app.config;
    match &app.backend {
        Backend::Proxy(proxy) => {
            let origins = if app.origins.allows_any() {
                "any origin".to_owned()
            } else if config.allow_origins.is_empty() {
                "loopback origins".to_owned()
            } else {
                format!("loopback origins and {}", config.allow_origins.join(", "))
            };
            eprintln!(
                "skimmer-emulator: proxy mode: forwarding the API routes to {} with the key from {} \
                 (upstream timeout {} s; pages from {origins} may call it)",
                proxy.shown_base(),
                crate::proxy::KEY_ENV,
                proxy.timeout().as_secs(),
            );
        }
        Backend::Emulator(emulator) => {
            let customers = crate::app::lock(emulator).customer_ids();
            let options = &config.options;
            eprintln!(
                "skimmer-emulator: API key {:?}, {} requests per {} s, customers: {}",
                options.api_key,
                options.rate_limit,
                options.rate_window_ms / 1000,
                if customers.is_empty() {
                    "none".to_owned()
                } else {
                    customers.join(", ")
                }
            );
        }
    }
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

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight finish
/// (for at most a few seconds).
pub async fn serve(listener: TcpListener, app: Arc<App>, shutdown: impl Future<Output = ()>) {
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
                        refuse_busy(&app, &stream);
                        continue;
                    };
                    let app = app.clone();
                    let stop = stop_rx.clone();
                    let alive = alive_tx.clone();
                    tokio::spawn(async move {
                        crate::connection::serve(stream, app, stop).await;
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
fn refuse_busy(app: &App, stream: &TcpStream) {
    let problem = Problem::new(503).detail(format!(
        "The emulator is serving {MAX_CONNECTIONS} connections, its most; try again."
    ));
    let body = problem.to_json(&app.trace_id());
    let mut answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: {PROBLEM_CONTENT_TYPE}\r\n\
         x-content-type-options: nosniff\r\ncontent-security-policy: {API_CSP}\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    let _ = stream.try_write(&answer);
}
