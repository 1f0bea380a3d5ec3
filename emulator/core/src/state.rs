//! Everything an emulator holds, and how it starts and restarts.

use crate::faults::{RandomFaults, ScriptedFaults};
use crate::ids::Ids;
use crate::options::Options;
use crate::origins::OriginPolicy;
use crate::problem::Problem;
use crate::ratelimit::RateLimiter;
use crate::requestlog::RequestLog;
use crate::response::Response;
use crate::store::Store;
use std::sync::Arc;

/// An emulator's state: its options and what its requests change.
#[derive(Clone, Debug)]
pub struct State {
    /// The options it was made with.
    pub options: Options,
    /// The page origins the control endpoints answer (loopback and `options.allow_origins`).
    pub origins: OriginPolicy,
    /// Customers and their activities.
    pub store: Store,
    /// The request log.
    pub log: RequestLog,
    /// The rate-limit windows.
    pub limiter: RateLimiter,
    /// Faults queued by the control endpoint.
    pub scripted: ScriptedFaults,
    /// The random faults.
    pub random: RandomFaults,
    /// The generator of ids and trace ids.
    pub ids: Ids,
    /// The `huge` fault body last written, and its customer.
    pub huge: Option<(String, Arc<[u8]>)>,
}

impl State {
    /// The state a fresh start with `options` has.
    pub fn new(options: Options) -> State {
        let limits = options.limits;
        let faults = &options.random_faults;
        State {
            origins: OriginPolicy::new(&options.allow_origins),
            store: initial_store(&options),
            log: RequestLog::new(limits.log_max_entries, limits.log_max_bytes),
            limiter: RateLimiter::new(
                options.rate_limit,
                options.rate_window_ms,
                limits.rate_max_keys,
            ),
            scripted: ScriptedFaults::default(),
            random: RandomFaults::new(faults.rate, faults.kinds.clone(), faults.seed),
            ids: Ids::new(options.random_seed),
            huge: None,
            options,
        }
    }

    /// Back to the start: the seeded store (or none), an empty request log, no scripted faults,
    /// fresh rate-limit windows, and the random faults from their seed. Ids go on (no id is
    /// handed out twice).
    pub fn reset(&mut self) {
        self.store = initial_store(&self.options);
        self.log.reset();
        self.scripted.clear();
        self.limiter.clear();
        self.random.reset();
    }

    /// `problem` as an answer, with a fresh trace id.
    pub fn answer(&mut self, problem: Problem) -> Response {
        problem.into_response(&self.ids.trace_id())
    }
}

fn initial_store(options: &Options) -> Store {
    let budget = options.limits.max_store_bytes;
    if options.seed_customers {
        crate::seed::seeded(budget)
    } else {
        Store::with_budget(budget)
    }
}
