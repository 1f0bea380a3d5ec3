//! The line the server prints on stderr for each API request (unless `--quiet`):
//! `METHOD PATH STATUS[ (upstream)] ELAPSEDms[ fault(SOURCE)=FAULT]`, where STATUS is `dropped`
//! for a connection a fault closed and `client gone` for a client that left first. Never the
//! key: paths and faults are what the client sent.

use std::time::Instant;

/// A request whose line is still to be printed; printed with `client gone` if it is dropped
/// first (the client went away while the server waited).
pub struct Pending {
    line: Option<Line>,
    started: Instant,
}

struct Line {
    method: String,
    path: String,
    fault: Option<(String, &'static str)>,
}

/// How a request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Answered with this status; `upstream` when the answer was the upstream's.
    Answered {
        /// The status.
        status: u16,
        /// Whether the upstream gave it.
        upstream: bool,
    },
    /// The connection was closed without an answer.
    Dropped,
}

impl Pending {
    /// A request to print a line for (nothing is printed when `quiet`).
    pub fn new(
        quiet: bool,
        method: &str,
        path: &str,
        fault: Option<(String, &'static str)>,
        started: Instant,
    ) -> Pending {
        Pending {
            line: (!quiet).then(|| Line {
                method: method.to_owned(),
                path: path.to_owned(),
                fault,
            }),
            started,
        }
    }

    /// Prints the line with how the request ended.
    pub fn finish(mut self, end: End) {
        if let Some(line) = self.line.take() {
            let shown = match end {
                End::Answered {
                    status,
                    upstream: false,
                } => status.to_string(),
                End::Answered {
                    status,
                    upstream: true,
                } => format!("{status} (upstream)"),
                End::Dropped => "dropped".to_owned(),
            };
            print(&line, &shown, self.started);
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(line) = self.line.take() {
            print(&line, "client gone", self.started);
        }
    }
}

fn print(line: &Line, shown: &str, started: Instant) {
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    let fault = match &line.fault {
        Some((fault, source)) => format!(" fault({source})={fault}"),
        None => String::new(),
    };
    eprintln!(
        "{} {} {shown} {elapsed:.1}ms{fault}",
        line.method, line.path
    );
}
