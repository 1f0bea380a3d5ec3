//! The client in headless Chromium (wasm-bindgen-test), against the real emulator over HTTP and
//! CORS: only what a browser shows. The client's behaviour itself (retries, errors, decoding,
//! validation, ids) is tested in Node (tests/node/) and its decisions natively (src/); here are
//! the browser's part: CORS (preflights, and the headers a page may read: `RateLimit-*`,
//! `Retry-After`) and the browser's own fetch (its aborts, its network failures, its streamed
//! bodies). Redirects in a browser (opaque, status and target hidden) are
//! tests/browser/redirect.test.mjs. Run through `make test-wasm`, which starts the emulator and
//! passes its URL in EMULATOR_URL at compile time.
//!
//! wasm-bindgen-test runs async tests concurrently, so each test has a customer of its own and
//! scopes its scripted faults to that customer's path.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Promise, Reflect, JSON};
use skimmer_activity_logs::wasm::client::ActivityLogClient;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export async function control(base, method, route, body) {
  const response = await fetch(`${base}/__emulator/${route}`, {
    method,
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
// A fetch that asks the emulator to drop every connection it is sent on. (A header, not a
// scripted fault: Chromium resends a request once by itself when a reused connection closes.)
export function droppingFetch() {
  return (url, init) => fetch(url, { ...init, headers: { ...init.headers, 'x-emulator-fault': 'drop' } });
}
export function abortLater(reason, ms) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason), ms);
  return { signal: controller.signal };
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn control(
        base: &str,
        method: &str,
        route: &str,
        body: JsValue,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = droppingFetch)]
    fn dropping_fetch() -> JsValue;
    #[wasm_bindgen(js_name = abortLater)]
    fn abort_later(reason: &JsValue, ms: u32) -> js_sys::Object;
}

const EMULATOR_URL: Option<&str> = option_env!("EMULATOR_URL");

fn emulator() -> &'static str {
    match EMULATOR_URL {
        Some(url) => url,
        None => panic!("run through `make test-wasm`, which sets EMULATOR_URL"),
    }
}

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn client(extra: &str) -> ActivityLogClient {
    let options = format!(
        r#"{{"apiKey":"demo-key","baseUrl":"{}"{}}}"#,
        emulator(),
        extra
    );
    ActivityLogClient::new(json(&options)).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

async fn ok(promise: Promise) -> JsValue {
    JsFuture::from(promise).await.expect("the call succeeds")
}

async fn err(promise: Promise) -> JsValue {
    let error = JsFuture::from(promise).await.expect_err("the call rejects");
    let stringified = JSON::stringify(&error)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    assert!(!stringified.contains("demo-key"), "{stringified}");
    assert!(!text(&error, "message").contains("demo-key"));
    error
}

/// A customer of the test's own, empty.
async fn customer(name: &str) -> JsValue {
    let id = format!("wasm-{name}");
    let route = format!("customers/{id}");
    control(emulator(), "PUT", &route, JsValue::UNDEFINED)
        .await
        .unwrap();
    JsValue::from_str(&id)
}

/// Queues a scripted fault on the customer's list path.
async fn fault(customer: &JsValue, spec: &str) {
    let path = format!("/CustomerActivityLogs/{}", customer.as_string().unwrap());
    let spec = format!(r#"{{"path":"{path}",{spec}}}"#);
    control(emulator(), "POST", "faults", json(&spec))
        .await
        .unwrap();
}

/// The statuses the emulator answered for this customer, in order (0: dropped).
async fn statuses(customer: &JsValue) -> Vec<f64> {
    let log: Array = control(emulator(), "GET", "requests", JsValue::UNDEFINED)
        .await
        .unwrap()
        .into();
    log.iter()
        .filter(|r| get(r, "customerId") == *customer)
        .map(|r| get(&r, "status").as_f64().unwrap_or(0.0))
        .collect()
}

/// Every method through CORS preflights, and `RateLimit-*` exposed to the page.
#[wasm_bindgen_test]
async fn round_trip_in_the_browser() {
    let me = customer("round-trip").await;
    let client = client("");
    let input = json(r#"{"type":"Text","title":"Texted the gate code","authorName":"Ben"}"#);
    let created = ok(client.create(me.clone(), input, None)).await;
    let id = get(&created, "id");
    assert_eq!(text(&created, "createdByName"), "Ben");
    let fetched = ok(client.get(me.clone(), id.clone(), None)).await;
    assert_eq!(text(&fetched, "title"), "Texted the gate code");
    let list: Array = ok(client.list(me.clone(), None)).await.into();
    assert!(list.iter().any(|a| get(&a, "id") == id));
    let change = json(r#"{"type":"Other","title":"Changed"}"#);
    let updated = ok(client.update(me.clone(), id.clone(), change, None)).await;
    assert_eq!(text(&updated, "title"), "Changed");
    assert!(!get(&updated, "updatedAt").is_null());
    let deleted = ok(client.delete_activity(me.clone(), id.clone(), None)).await;
    assert!(deleted.is_undefined());
    let gone = err(client.get(me.clone(), id, None)).await;
    assert_eq!(text(&gone, "kind"), "api");
    assert_eq!(get(&gone, "status").as_f64(), Some(404.0));
    let limit = client.rate_limit();
    assert_eq!(get(&limit, "limit").as_f64(), Some(500.0));
}

/// CORS must expose `Retry-After`, or the page's client could not read the wait.
#[wasm_bindgen_test]
async fn a_429_is_retried_after_retry_after() {
    let me = customer("429").await;
    fault(
        &me,
        r#""method":"GET","times":1,"status":429,"retryAfter":"1""#,
    )
    .await;
    let start = js_sys::Date::now();
    ok(client("").list(me.clone(), None)).await;
    let elapsed = js_sys::Date::now() - start;
    assert!(elapsed >= 1000.0, "{elapsed} ms");
    assert_eq!(statuses(&me).await, [429.0, 200.0]);
}

/// The browser's fetch is really aborted, by the timeout and by the caller's signal.
#[wasm_bindgen_test]
async fn timeouts_and_aborts_really_abort() {
    let me = customer("timeouts").await;
    fault(&me, r#""method":"GET","times":1,"delayMs":2000"#).await;
    let start = js_sys::Date::now();
    let error = err(client(r#","timeoutMs":200"#).list(me.clone(), None)).await;
    assert_eq!(text(&error, "kind"), "timeout");
    assert!(js_sys::Date::now() - start < 1000.0);

    fault(&me, r#""method":"GET","times":1,"delayMs":2000"#).await;
    let reason = JsValue::from_str("user left the page");
    let options = abort_later(&reason, 50);
    let start = js_sys::Date::now();
    let rejected = JsFuture::from(client("").list(me.clone(), Some(options)))
        .await
        .unwrap_err();
    assert_eq!(rejected, reason);
    assert!(js_sys::Date::now() - start < 1000.0);
}

/// The browser's fetch failing (a dropped connection: "Failed to fetch") is a NetworkError.
#[wasm_bindgen_test]
async fn a_dropped_connection_is_a_network_error() {
    let me = customer("failures").await;
    let options = json(&format!(
        r#"{{"apiKey":"demo-key","baseUrl":"{}"}}"#,
        emulator()
    ));
    Reflect::set(&options, &"fetch".into(), &dropping_fetch()).unwrap();
    let dropping = ActivityLogClient::new(options).unwrap();
    let dropped = err(dropping.list(me.clone(), None)).await;
    assert_eq!(text(&dropped, "kind"), "network");
    assert!(statuses(&me).await.len() >= 3, "GETs are retried twice");
    // The instance keeps working after a failure.
    ok(client("").list(me.clone(), None)).await;
}

/// The browser's body streams are counted and cancelled at the limits.
#[wasm_bindgen_test]
async fn bodies_past_max_response_bytes_are_refused_and_error_bodies_cut() {
    let me = customer("bounded").await;
    // The emulator's `huge` body: about 10 MB of activities.
    fault(
        &me,
        r#""method":"GET","times":1,"status":200,"body":"huge""#,
    )
    .await;
    let error = err(client(r#","maxResponseBytes":100000"#).list(me.clone(), None)).await;
    assert_eq!(text(&error, "kind"), "decode");
    let message = text(&error, "message");
    assert!(
        message.contains("larger than maxResponseBytes (100000 bytes)"),
        "{message}"
    );
    assert_eq!(statuses(&me).await, [200.0], "not retried");

    fault(
        &me,
        r#""method":"GET","times":1,"status":500,"body":"huge""#,
    )
    .await;
    let api = err(client("").list(me.clone(), None)).await;
    assert_eq!(get(&api, "status").as_f64(), Some(500.0));
    let body = get(&api, "body").as_string().unwrap_or_default();
    assert_eq!(body.len(), 65_536, "the first 64 KiB, as text");
    assert!(get(&api, "problem").is_null());
    // Under the limit, the same client reads as before.
    let list: Array = ok(client(r#","maxResponseBytes":100000"#).list(me.clone(), None))
        .await
        .into();
    assert_eq!(list.length(), 0);
}
