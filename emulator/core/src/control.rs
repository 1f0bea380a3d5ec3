//! Control endpoints for tests and benchmarks, under `/__emulator/`. They take no API key, are
//! not rate-limited and not logged. Test-only: a real Skimmer has nothing like them.
//!
//! Guarded by [`crate::policy`] before they are reached: loopback `Host`, a loopback or allowed
//! `Origin`, and a JSON `Content-Type` on every request that changes something.

use crate::api::store_full;
use crate::faults::ScriptedFaultRequest;
use crate::input::bytes_within;
use crate::pathparams;
use crate::problem::{json, Problem};
use crate::request::{Now, Request};
use crate::response::{Response, ResponseBody};
use crate::routing::no_route;
use crate::state::State;
use crate::store::manual_activity;
use serde_json::json;
use skimmer_activity_logs::model::{ActivityInput, ActivityType};

/// The prefix of every control endpoint.
pub const PREFIX: &str = "/__emulator";
const CUSTOMER_TEMPLATE: &str = "/__emulator/customers/{customerId}";
const BULK_TEMPLATE: &str = "/__emulator/customers/{customerId}/bulk";

/// The endpoints, by path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endpoint {
    Health,
    Requests,
    Reset,
    Customer,
    Bulk,
    Faults,
}

impl Endpoint {
    fn of(path: &str) -> Option<Endpoint> {
        let endpoint = match path {
            "/__emulator/health" => Endpoint::Health,
            "/__emulator/requests" => Endpoint::Requests,
            "/__emulator/reset" => Endpoint::Reset,
            "/__emulator/faults" => Endpoint::Faults,
            _ if pathparams::capture(CUSTOMER_TEMPLATE, path).is_some() => Endpoint::Customer,
            _ if pathparams::capture(BULK_TEMPLATE, path).is_some() => Endpoint::Bulk,
            _ => return None,
        };
        Some(endpoint)
    }
}

/// The answer to a control request (one whose path is under `/__emulator`, let in by the
/// request policy).
pub fn handle(state: &mut State, request: &Request, now: Now) -> Response {
    let target = request.target();
    let path = target.path;
    let Some(endpoint) = Endpoint::of(path) else {
        return state.answer(no_route(&request.method, path));
    };
    let method = match request.method.as_str() {
        "HEAD" => "GET",
        method => method,
    };
    let done = match (endpoint, method) {
        (Endpoint::Health, "GET") => Ok(health(state)),
        (Endpoint::Requests, "GET") => Ok(json(200, &state.log.entries())),
        (Endpoint::Requests, "DELETE") => {
            state.log.clear();
            Ok(Response::new(204))
        }
        (Endpoint::Reset, "POST") => {
            state.reset();
            Ok(Response::new(204))
        }
        (Endpoint::Customer, "PUT") => put_customer(state, path),
        (Endpoint::Bulk, "POST") => bulk(state, path, target.query, now),
        (Endpoint::Faults, "GET") => Ok(json(200, state.scripted.list())),
        (Endpoint::Faults, "POST") => add_fault(state, request),
        (Endpoint::Faults, "DELETE") => {
            state.scripted.clear();
            Ok(Response::new(204))
        }
        _ => Err(Problem::new(405).detail(format!(
            "{} is not allowed on this control endpoint.",
            request.method
        ))),
    };
    let mut response = done.unwrap_or_else(|problem| state.answer(problem));
    if request.method == "HEAD" {
        response.body = ResponseBody::Empty;
    }
    response
}

fn health(state: &State) -> Response {
    let (customers, activities) = state.store.counts();
    json(
        200,
        &json!({"status": "ok", "customers": customers, "activities": activities}),
    )
}

/// The decoded `{customerId}` of a control path.
fn customer_id(template: &str, path: &str) -> Result<String, Problem> {
    match pathparams::target(template, path) {
        Ok(Some(target)) => Ok(target.customer_id),
        _ => Err(Problem::new(400)
            .detail("The customerId path segment is not UTF-8 once percent-decoded.")),
    }
}

fn put_customer(state: &mut State, path: &str) -> Result<Response, Problem> {
    let customer_id = customer_id(CUSTOMER_TEMPLATE, path)?;
    let budget = state.options.limits.max_store_bytes;
    let created = state
        .store
        .ensure_customer(&customer_id)
        .map_err(|_| store_full(budget))?;
    let activities = state.store.customer(&customer_id).map_or(0, |c| c.len());
    let body = json!({"customerId": customer_id, "activities": activities});
    Ok(json(if created { 201 } else { 200 }, &body))
}

fn count_param(query: Option<&str>, max: usize) -> Result<usize, String> {
    let value = query
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("count="))
        .ok_or("the count query parameter is required (?count=N)")?;
    match value.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!("count must be a number from 1 to {max}")),
    }
}

/// What a bulk activity counts against the store's budget at least (its JSON is about 420
/// bytes, its id 36, plus the per-activity overhead).
const MIN_BULK_ACTIVITY_BYTES: usize = 400;

fn bulk(state: &mut State, path: &str, query: Option<&str>, now: Now) -> Result<Response, Problem> {
    let customer_id = customer_id(BULK_TEMPLATE, path)?;
    let limits = state.options.limits;
    let count =
        count_param(query, limits.max_bulk).map_err(|reason| Problem::new(400).detail(reason))?;
    let full = || store_full(limits.max_store_bytes);
    // Refuse at once what cannot fit (a bulk activity is at least this large); otherwise the
    // store takes all or none.
    if state.store.room() < count.saturating_mul(MIN_BULK_ACTIVITY_BYTES) {
        return Err(full());
    }
    let now = crate::clock::format_millis(now.unix_ms);
    let start = state.store.customer(&customer_id).map_or(0, |c| c.len());
    let ids = &mut state.ids;
    let activities =
        (0..count).map(|i| bulk_activity(ids.uuid(), &customer_id, start + i + 1, &now));
    let (total, created) = state
        .store
        .append_all(&customer_id, activities)
        .map_err(|_| full())?;
    let body = json!({"customerId": customer_id, "added": count, "total": total});
    Ok(json(if created { 201 } else { 200 }, &body))
}

/// The `n`th bulk activity of a customer.
fn bulk_activity(
    id: String,
    customer_id: &str,
    n: usize,
    now: &str,
) -> skimmer_activity_logs::Activity {
    let input = ActivityInput {
        activity_type: ActivityType::ALL[n % 4],
        title: format!("Bulk activity {n}"),
        description: n
            .is_multiple_of(2)
            .then(|| format!("Generated activity number {n}.")),
        author_id: None,
        author_name: n.is_multiple_of(3).then(|| "Bench Bot".to_owned()),
    };
    manual_activity(id, customer_id, input, now.to_owned())
}

fn add_fault(state: &mut State, request: &Request) -> Result<Response, Problem> {
    let bytes = bytes_within(&request.body, state.options.limits.max_body_bytes)?;
    let fault = serde_json::from_slice::<ScriptedFaultRequest>(bytes)
        .map_err(|e| format!("the body is not a fault description: {e}"))
        .and_then(ScriptedFaultRequest::into_fault)
        .map_err(|reason| Problem::new(400).detail(reason))?;
    let response = json(201, &fault);
    state
        .scripted
        .push(fault)
        .map_err(|reason| Problem::new(507).detail(reason))?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_from_the_query() {
        assert_eq!(count_param(Some("count=5"), 10), Ok(5));
        assert_eq!(count_param(Some("x=1&count=10"), 10), Ok(10));
        for bad in [
            None,
            Some(""),
            Some("count=0"),
            Some("count=x"),
            Some("count=11"),
        ] {
            assert!(count_param(bad, 10).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn paths_name_their_endpoint() {
        assert_eq!(Endpoint::of("/__emulator/health"), Some(Endpoint::Health));
        assert_eq!(
            Endpoint::of("/__emulator/customers/c%201"),
            Some(Endpoint::Customer)
        );
        assert_eq!(
            Endpoint::of("/__emulator/customers/c/bulk"),
            Some(Endpoint::Bulk)
        );
        for none in [
            "/__emulator",
            "/__emulator/",
            "/__emulator/nope",
            "/__emulator/customers/",
        ] {
            assert_eq!(Endpoint::of(none), None, "{none}");
        }
    }
}
