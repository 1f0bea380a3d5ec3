//! What every request of the server shares: the mode and what serves it (the emulator core, or
//! the proxy), the static directories, the origins let in, the clock.

use crate::cli::Config;
use crate::proxy::Proxy;
use crate::statics::Statics;
use skimmer_emulator_core::ids::Ids;
use skimmer_emulator_core::origins::OriginPolicy;
use skimmer_emulator_core::policy::Mode;
use skimmer_emulator_core::{Emulator, Now};
use std::sync::{Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// What serves the API.
#[derive(Debug)]
pub enum Backend {
    /// The emulator core (emulator mode).
    Emulator(Box<Mutex<Emulator>>),
    /// The upstream (proxy mode).
    Proxy(Box<Proxy>),
}

/// The server's shared state.
#[derive(Debug)]
pub struct App {
    /// The settings it was started with.
    pub config: Config,
    /// What serves the API.
    pub backend: Backend,
    /// The static directories.
    pub statics: Statics,
    /// The page origins let in where origins are checked (see the core's `policy`).
    pub origins: OriginPolicy,
    /// Trace ids for the problems the server writes itself.
    ids: Mutex<Ids>,
    /// The monotonic clock's start.
    started: Instant,
}

/// Locks a mutex, carrying on if a panicking thread poisoned it (the data stays usable).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl App {
    /// The state of a server started with `config`, the API served by `backend`; `seed` seeds
    /// its own trace ids.
    pub fn new(config: Config, backend: Backend, seed: u64) -> App {
        App {
            statics: Statics::new(config.serve.as_deref(), config.serve_pkg.as_deref()),
            origins: OriginPolicy::new(&config.allow_origins),
            backend,
            ids: Mutex::new(Ids::new(seed)),
            started: Instant::now(),
            config,
        }
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        match self.backend {
            Backend::Emulator(_) => Mode::Emulator,
            Backend::Proxy(_) => Mode::Proxy,
        }
    }

    /// The time now, for the core.
    pub fn now(&self) -> Now {
        let unix_ms = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
        };
        let monotonic_ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        Now {
            unix_ms,
            monotonic_ms,
        }
    }

    /// A fresh trace id for a problem the server writes itself.
    pub fn trace_id(&self) -> String {
        lock(&self.ids).trace_id()
    }
}

/// 64 random bits from the OS (through the keys of std's `RandomState`), to seed generators.
pub fn os_random() -> u64 {
    use std::hash::BuildHasher;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    std::collections::hash_map::RandomState::new().hash_one((nanos, std::process::id()))
}
