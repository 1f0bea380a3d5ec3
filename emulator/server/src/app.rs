//! The emulator's shared state and the assembled router.

use crate::cli::Config;
use crate::faults::{RandomFaults, ScriptedFaults};
use crate::origins::OriginPolicy;
use crate::proxy::Proxy;
use crate::ratelimit::RateLimiter;
use crate::requestlog::RequestLog;
use crate::store::Store;
use axum::Router;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Everything the handlers share.
#[derive(Debug)]
pub struct App {
    /// The settings it was started with.
    pub config: Config,
    /// Customers and their activities.
    pub store: RwLock<Store>,
    /// The request log (emulator mode; proxy mode keeps none).
    pub log: Mutex<RequestLog>,
    /// The rate-limit windows.
    pub limiter: Mutex<RateLimiter>,
    /// Faults queued by the control endpoint.
    pub scripted: Mutex<ScriptedFaults>,
    /// Faults from `--fault-rate`.
    pub random: RandomFaults,
    /// Proxy mode: where the API routes go instead of the store.
    pub proxy: Option<Proxy>,
    /// The page origins let in where origins are checked (see [`crate::policy`]).
    pub origins: OriginPolicy,
}

/// Locks a mutex, carrying on if a panicking thread poisoned it (the data stays usable).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Takes a read lock, carrying on past poisoning.
pub fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Takes a write lock, carrying on past poisoning.
pub fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl App {
    /// The state a fresh start with `config` has, serving the API from the store.
    pub fn new(config: Config) -> App {
        let seed = config.fault_seed.unwrap_or_else(crate::ids::random_u64);
        App {
            store: RwLock::new(initial_store(&config)),
            log: Mutex::new(RequestLog::default()),
            limiter: Mutex::new(RateLimiter::new(config.rate_limit, config.rate_window)),
            scripted: Mutex::new(ScriptedFaults::default()),
            random: RandomFaults::new(config.fault_rate, config.fault_kinds.clone(), seed),
            proxy: None,
            origins: OriginPolicy::new(&config.allow_origins),
            config,
        }
    }

    /// The same, forwarding the API routes through `proxy` (proxy mode).
    pub fn with_proxy(self, proxy: Proxy) -> App {
        App {
            proxy: Some(proxy),
            ..self
        }
    }

    /// Back to the start: the seeded store (or none with `--no-seed`), an empty request log,
    /// no scripted faults, fresh rate-limit windows, and the random faults from their seed.
    pub fn reset(&self) {
        *write(&self.store) = initial_store(&self.config);
        lock(&self.log).reset();
        lock(&self.scripted).clear();
        lock(&self.limiter).clear();
        self.random.reset();
    }
}

fn initial_store(config: &Config) -> Store {
    if config.seed {
        crate::seed::seeded()
    } else {
        Store::default()
    }
}

/// The whole HTTP surface: the API routes, the control endpoints (not in proxy mode), static
/// files, all behind the request policy ([`crate::guard`]).
pub fn router(app: Arc<App>) -> Router {
    let mut router = Router::new().merge(crate::api::router(app.clone()));
    if app.proxy.is_none() {
        router = router.merge(crate::control::router(app.clone()));
    }
    let router = crate::statics::mount(router, &app.config);
    router.layer(axum::middleware::from_fn_with_state(
        app.clone(),
        crate::guard::guard,
    ))
}
