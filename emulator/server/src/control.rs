//! Control endpoints for tests and benchmarks, under `/__emulator/`. They take no API key, are
//! not rate-limited and not logged. Test-only: a real Skimmer has nothing like them.
//!
//! Emulator mode only (proxy mode has none), and guarded by [`crate::policy`]: loopback `Host`,
//! a loopback or allowed `Origin`, and a JSON `Content-Type` on every request that changes
//! something.

use crate::app::{lock, read, write, App};
use crate::faults::ScriptedFaultRequest;
use crate::pathparams;
use crate::problem::{json, Problem};
use crate::requestlog::Entry;
use crate::store::manual_activity;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::json;
use skimmer_activity_logs::model::{ActivityInput, ActivityType};
use std::sync::Arc;

/// The prefix of every control endpoint.
pub const PREFIX: &str = "/__emulator";
const CUSTOMER_TEMPLATE: &str = "/__emulator/customers/{customerId}";
const BULK_TEMPLATE: &str = "/__emulator/customers/{customerId}/bulk";

pub use crate::limits::MAX_BULK;

/// The control routes.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/__emulator/health", get(health))
        .route("/__emulator/requests", get(requests).delete(clear_requests))
        .route("/__emulator/reset", post(reset))
        .route(CUSTOMER_TEMPLATE, put(put_customer))
        .route(BULK_TEMPLATE, post(bulk))
        .route(
            "/__emulator/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .method_not_allowed_fallback(|method: Method| async move {
            Problem::new(StatusCode::METHOD_NOT_ALLOWED)
                .detail(format!("{method} is not allowed on this control endpoint."))
                .into_response()
        })
        .with_state(app)
}

async fn health(State(app): State<Arc<App>>) -> Response {
    let (customers, activities) = read(&app.store).counts();
    let upstream = app.proxy.as_ref().map(|p| p.base());
    json(
        StatusCode::OK,
        &json!({
            "status": "ok",
            "customers": customers,
            "activities": activities,
            "upstream": upstream,
        }),
    )
}

async fn requests(State(app): State<Arc<App>>) -> Response {
    let entries: Vec<Entry> = lock(&app.log).entries();
    json(StatusCode::OK, &entries)
}

async fn clear_requests(State(app): State<Arc<App>>) -> StatusCode {
    lock(&app.log).clear();
    StatusCode::NO_CONTENT
}

async fn reset(State(app): State<Arc<App>>) -> StatusCode {
    app.reset();
    StatusCode::NO_CONTENT
}

/// The decoded `{customerId}` of a control path; `None` when it is not UTF-8.
fn customer_id(template: &str, uri: &Uri) -> Option<String> {
    match pathparams::target(template, uri.path()) {
        Ok(Some(target)) => Some(target.customer_id),
        _ => None,
    }
}

fn not_utf8() -> Response {
    Problem::new(StatusCode::BAD_REQUEST)
        .detail("The customerId path segment is not UTF-8 once percent-decoded.")
        .into_response()
}

async fn put_customer(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let Some(customer_id) = customer_id(CUSTOMER_TEMPLATE, &uri) else {
        return not_utf8();
    };
    let mut store = write(&app.store);
    let created = match store.ensure_customer(&customer_id) {
        Ok(created) => created,
        Err(_) => return crate::api::store_full(),
    };
    let activities = store.customer(&customer_id).map_or(0, |c| c.len());
    drop(store);
    let body = json!({"customerId": customer_id, "activities": activities});
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    json(status, &body)
}

fn count_param(uri: &Uri) -> Result<usize, String> {
    let value = uri
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("count="))
        .ok_or("the count query parameter is required (?count=N)")?;
    match value.parse::<usize>() {
        Ok(n) if (1..=MAX_BULK).contains(&n) => Ok(n),
        _ => Err(format!("count must be a number from 1 to {MAX_BULK}")),
    }
}

async fn bulk(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let Some(customer_id) = customer_id(BULK_TEMPLATE, &uri) else {
        return not_utf8();
    };
    let count = match count_param(&uri) {
        Ok(count) => count,
        Err(reason) => {
            return Problem::new(StatusCode::BAD_REQUEST)
                .detail(reason)
                .into_response()
        }
    };
    let now = crate::clock::now_rfc3339();
    let mut store = write(&app.store);
    // Refuse at once what cannot fit (a bulk activity is at least this large); otherwise the
    // store takes all or none.
    if store.room() < count.saturating_mul(MIN_BULK_ACTIVITY_BYTES) {
        return crate::api::store_full();
    }
    let start = store.customer(&customer_id).map_or(0, |c| c.len());
    let activities = (0..count).map(|i| bulk_activity(&customer_id, start + i + 1, &now));
    let (total, created) = match store.append_all(&customer_id, activities) {
        Ok(done) => done,
        Err(_) => return crate::api::store_full(),
    };
    drop(store);
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    json(
        status,
        &json!({"customerId": customer_id, "added": count, "total": total}),
    )
}

/// What a bulk activity counts against the store's budget at least (its JSON is about 420
/// bytes, its id 36, plus the per-activity overhead).
const MIN_BULK_ACTIVITY_BYTES: usize = 400;

/// The `n`th bulk activity of a customer.
fn bulk_activity(customer_id: &str, n: usize, now: &str) -> skimmer_activity_logs::Activity {
    let input = ActivityInput {
        activity_type: ActivityType::ALL[n % 4],
        title: format!("Bulk activity {n}"),
        description: n
            .is_multiple_of(2)
            .then(|| format!("Generated activity number {n}.")),
        author_id: None,
        author_name: n.is_multiple_of(3).then(|| "Bench Bot".to_owned()),
    };
    manual_activity(crate::ids::uuid_v4(), customer_id, input, now.to_owned())
}

async fn list_faults(State(app): State<Arc<App>>) -> Response {
    let faults = lock(&app.scripted).list().to_vec();
    json(StatusCode::OK, &faults)
}

async fn add_fault(State(app): State<Arc<App>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match crate::body::read_limited(&parts.headers, body, 64 * 1024).await {
        Ok(bytes) => bytes,
        Err(problem) => return problem.into_response(),
    };
    let fault = serde_json::from_slice::<ScriptedFaultRequest>(&bytes)
        .map_err(|e| format!("the body is not a fault description: {e}"))
        .and_then(ScriptedFaultRequest::into_fault);
    match fault {
        Ok(fault) => {
            let response = json(StatusCode::CREATED, &fault);
            match lock(&app.scripted).push(fault) {
                Ok(()) => response,
                Err(reason) => Problem::new(StatusCode::INSUFFICIENT_STORAGE)
                    .detail(reason)
                    .into_response(),
            }
        }
        Err(reason) => Problem::new(StatusCode::BAD_REQUEST)
            .detail(reason)
            .into_response(),
    }
}

async fn clear_faults(State(app): State<Arc<App>>) -> StatusCode {
    lock(&app.scripted).clear();
    StatusCode::NO_CONTENT
}
