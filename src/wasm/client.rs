//! `ActivityLogClient`: its options and its five calls. A call is prepared here (its path
//! parameters checked, its URL built by the core's route table, its input validated, its
//! request made) and handed to [`call::start`], which runs it.

use super::call::{self, AnswerHeaders, Request};
use super::errors;
use super::js_values::{set, unpaired_surrogates};
use super::validation::check_input;
use crate::error::{error_body_limit, RateLimit};
use crate::options::{self, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS};
use crate::retry::RetryPolicy;
use crate::routes::{self, Operation, API_KEY_HEADER, DEFAULT_BASE_URL};
use crate::validate::{Field, IssueDetail, ValidationIssue};
use js_sys::{Object, Promise, Reflect, JSON};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CLIENT_TS: &'static str = r#"
/**
 * Options of {@link ActivityLogClient}: an `apiKey`, or a `baseUrl` of a proxy that adds the key
 * itself (the safe pattern for browser pages, which should hold no key).
 */
export type ClientOptions = KeyedClientOptions | ProxiedClientOptions;

/** Options with an API key. */
export interface KeyedClientOptions extends CommonClientOptions {
    /** Your Skimmer API key, sent in the `skimmer-api-key` header and nowhere else. */
    apiKey: string;
    /**
     * Where the API lives; default `https://publicapi.getskimmer.com`. A path prefix is kept
     * (`https://host/api/`). Point it at the local emulator, or at your own proxy.
     */
    baseUrl?: string;
}

/** Options for a proxy that adds the key server-side: no key in the page. */
export interface ProxiedClientOptions extends CommonClientOptions {
    /** No key: requests carry no `skimmer-api-key` header. (An empty string counts as none.) */
    apiKey?: "" | null;
    /** Your proxy, e.g. `/skimmer` or `https://app.example.com/api/skimmer`. */
    baseUrl: string;
}

/** The options every client takes. */
export interface CommonClientOptions {
    /** The timeout of each attempt, in milliseconds; default 30000. The fetch is really aborted. */
    timeoutMs?: number;
    /**
     * Retries: on by default (429: up to 5, honouring `Retry-After`; 502/503/504 and network
     * errors on GET, PUT and DELETE: up to 2). `false` turns them off; `maxRetries` replaces both
     * limits.
     */
    retry?: false | RetryOptions;
    /**
     * A `fetch` to use instead of the global one (tests, proxies, instrumentation). Pass `init`
     * on whole: it carries the timeout's `signal` and `redirect: "manual"`. Without it, each call
     * uses the global `fetch` in place when it is made, so a mock that replaces it later works.
     */
    fetch?: typeof fetch;
    /**
     * The largest response body to read, in bytes (a positive whole number); default 33554432
     * (32 MiB; a log of 10,000 activities is about 4.5 MB). Bytes are counted as the body
     * streams in, after decompression, so a gzip bomb stops here too: a larger 2xx body is
     * cancelled there and the call rejects with a `DecodeError` that says so (not retried).
     * Error bodies are read up to 64 KiB, or this if smaller.
     */
    maxResponseBytes?: number;
}

/** The `retry` option. */
export interface RetryOptions {
    /**
     * The most retries of one call for each cause (after 429s, and after transient failures):
     * a whole number from 0 to 100. It replaces both default limits (5 and 2).
     */
    maxRetries?: number;
}

/** Options of one call. */
export interface CallOptions {
    /** Aborts the call, including any retry wait; it rejects with the signal's `reason`. */
    signal?: AbortSignal;
}
"#;

/// A client's options, as read, and what its calls share.
pub struct Client {
    base_url: String,
    /// The timeout of each attempt, in milliseconds (`timeoutMs`).
    pub timeout_ms: u32,
    /// The largest response body to read, in bytes (`maxResponseBytes`).
    pub max_response_bytes: u64,
    /// When to retry, and how often (`retry`).
    pub policy: RetryPolicy,
    /// The `fetch` option, or `undefined` for the global one (looked up at each call).
    pub fetch: JsValue,
    /// The request headers without a body: the key and `Accept`.
    pub headers: Object,
    /// The same with `Content-Type`, for requests with a body.
    pub headers_with_body: Object,
    /// The headers of the latest response, read by the `rateLimit` getter when it is asked.
    pub latest_headers: RefCell<AnswerHeaders>,
}

impl Client {
    /// The most bytes of an error body to read.
    pub fn error_body_bytes(&self) -> u64 {
        error_body_limit(self.max_response_bytes)
    }
}

/// A client for Skimmer's Customer Activity Logs API.
///
/// ```js
/// const client = new ActivityLogClient({ apiKey: process.env.SKIMMER_API_KEY });
/// const activities = await client.list('customer-id');
/// ```
///
/// Every call returns a promise; a failure rejects with an {@link ActivityLogError} (switch on
/// `error.kind`), or with the signal's `reason` when the caller aborts.
#[wasm_bindgen]
pub struct ActivityLogClient {
    inner: Rc<Client>,
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

fn option(options: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(options, &JsValue::from_str(key)).map_err(|_| {
        type_error("ActivityLogClient: an option could not be read (its getter threw).")
    })
}

#[wasm_bindgen]
impl ActivityLogClient {
    /// Creates a client. Throws a `TypeError` with a clear message when an option is invalid,
    /// for instance an `apiKey` holding a line break (it never quotes the key).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<ActivityLogClient, JsValue> {
        if !options.is_object() {
            return Err(type_error(
                "ActivityLogClient: pass an options object, e.g. { apiKey: '…' }.",
            ));
        }
        let api_key = option(&options, "apiKey")?;
        let api_key = if api_key.is_undefined() || api_key.is_null() {
            None
        } else {
            let key = api_key
                .as_string()
                .ok_or_else(|| type_error("ActivityLogClient: `apiKey` must be a string."))?;
            (!key.is_empty()).then_some(key)
        };
        if let Some(key) = &api_key {
            options::check_api_key(key).map_err(type_error)?;
        }

        let base_url = option(&options, "baseUrl")?;
        let base_url = if base_url.is_undefined() || base_url.is_null() {
            if api_key.is_none() {
                return Err(type_error(options::MISSING_API_KEY));
            }
            DEFAULT_BASE_URL.to_owned()
        } else {
            let url = base_url
                .as_string()
                .ok_or_else(|| type_error("ActivityLogClient: `baseUrl` must be a string."))?;
            options::check_base_url(&url).map_err(type_error)?;
            url
        };

        let timeout = option(&options, "timeoutMs")?;
        let timeout_ms = if timeout.is_undefined() {
            DEFAULT_TIMEOUT_MS
        } else {
            options::timeout_ms(timeout.as_f64().unwrap_or(f64::NAN)).map_err(type_error)?
        };

        let retry = option(&options, "retry")?;
        let policy = if retry.is_undefined() || retry == JsValue::TRUE {
            RetryPolicy::DEFAULT
        } else if retry == JsValue::FALSE {
            RetryPolicy::NONE
        } else if retry.is_object() {
            let max = option(&retry, "maxRetries")?;
            if max.is_undefined() {
                RetryPolicy::DEFAULT
            } else {
                options::max_retries(max.as_f64().unwrap_or(f64::NAN)).map_err(type_error)?
            }
        } else {
            return Err(type_error(
                "ActivityLogClient: `retry` must be false or an object such as { maxRetries: 3 }.",
            ));
        };

        let max = option(&options, "maxResponseBytes")?;
        let max_response_bytes = if max.is_undefined() {
            DEFAULT_MAX_RESPONSE_BYTES
        } else {
            options::max_response_bytes(max.as_f64().unwrap_or(f64::NAN)).map_err(type_error)?
        };

        let fetch = option(&options, "fetch")?;
        if !fetch.is_undefined() && !fetch.is_function() {
            return Err(type_error("ActivityLogClient: `fetch` must be a function."));
        }

        let headers = Object::new();
        if let Some(key) = &api_key {
            set(&headers, &API_KEY_HEADER.into(), &key.as_str().into());
        }
        set(&headers, &"accept".into(), &"application/json".into());
        let headers_with_body = Object::assign(&Object::new(), &headers);
        set(
            &headers_with_body,
            &"content-type".into(),
            &"application/json".into(),
        );
        Ok(ActivityLogClient {
            inner: Rc::new(Client {
                base_url,
                timeout_ms,
                max_response_bytes,
                policy,
                fetch,
                headers,
                headers_with_body,
                latest_headers: RefCell::new(AnswerHeaders(None)),
            }),
        })
    }

    /// All activities in a customer's log.
    #[wasm_bindgen(unchecked_return_type = "Promise<Activity[]>")]
    pub fn list(
        &self,
        #[wasm_bindgen(js_name = customerId, unchecked_param_type = "string")] customer_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call(
            Operation::List,
            customer_id,
            JsValue::UNDEFINED,
            None,
            options,
        )
    }

    /// One activity.
    #[wasm_bindgen(unchecked_return_type = "Promise<Activity>")]
    pub fn get(
        &self,
        #[wasm_bindgen(js_name = customerId, unchecked_param_type = "string")] customer_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call(Operation::Get, customer_id, id, None, options)
    }

    /// Creates a manual activity. The input is validated first: invalid input rejects with a
    /// `ValidationError` and nothing is sent. Never retried after a 5xx or a network error, so
    /// an activity is never created twice.
    #[wasm_bindgen(unchecked_return_type = "Promise<Activity>")]
    pub fn create(
        &self,
        #[wasm_bindgen(js_name = customerId, unchecked_param_type = "string")] customer_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ActivityInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call(
            Operation::Create,
            customer_id,
            JsValue::UNDEFINED,
            Some(input),
            options,
        )
    }

    /// Replaces a manual activity's fields (a full replacement: optional fields left out are
    /// cleared). Validated first, like `create`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Activity>")]
    pub fn update(
        &self,
        #[wasm_bindgen(js_name = customerId, unchecked_param_type = "string")] customer_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ActivityInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call(Operation::Update, customer_id, id, Some(input), options)
    }

    /// Deletes a manual activity. System-generated activities cannot be deleted (`ApiError` 403).
    #[wasm_bindgen(js_name = "delete", unchecked_return_type = "Promise<void>")]
    pub fn delete_activity(
        &self,
        #[wasm_bindgen(js_name = customerId, unchecked_param_type = "string")] customer_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call(Operation::Delete, customer_id, id, None, options)
    }

    /// The rate-limit figures of the latest response (`null` before any, or when it carried
    /// none).
    #[wasm_bindgen(getter = rateLimit, unchecked_return_type = "RateLimit | null")]
    pub fn rate_limit(&self) -> JsValue {
        errors::rate_limit(RateLimit::read(&*self.inner.latest_headers.borrow()))
    }
}

impl ActivityLogClient {
    /// Prepares a call and starts it: the promise of its result. Everything the call is given
    /// is read now, as `fetch` reads its arguments; a problem with them rejects the promise.
    fn call(
        &self,
        operation: Operation,
        customer_id: JsValue,
        id: JsValue,
        input: Option<JsValue>,
        options: Option<Object>,
    ) -> Promise {
        match self.prepare(
            operation,
            &customer_id,
            &id,
            input.as_ref(),
            options.as_ref(),
        ) {
            Ok(request) => call::start(self.inner.clone(), request),
            Err(error) => Promise::reject(&error),
        }
    }

    fn prepare(
        &self,
        operation: Operation,
        customer_id: &JsValue,
        id: &JsValue,
        input: Option<&JsValue>,
        options: Option<&Object>,
    ) -> Result<Request, JsValue> {
        let signal = match options {
            Some(options) => {
                let signal = Reflect::get(options, &JsValue::from_str("signal"))
                    .unwrap_or(JsValue::UNDEFINED);
                caller_signal(&signal).ok_or_else(|| {
                    type_error("ActivityLogClient: `signal` must be an AbortSignal.")
                })?
            }
            None => JsValue::UNDEFINED,
        };
        let url = self.url(operation, customer_id, id)?;
        let body = match input {
            Some(input) => {
                let value = check_input(input).map_err(|issues| errors::validation(&issues))?;
                JSON::stringify(&value)
                    .unwrap_or_else(|_| "{}".into())
                    .into()
            }
            None => JsValue::UNDEFINED,
        };
        Ok(Request {
            operation,
            url,
            body,
            signal,
        })
    }

    /// The request URL, or a `ValidationError` for a path parameter that is not a usable id.
    fn url(
        &self,
        operation: Operation,
        customer_id: &JsValue,
        id: &JsValue,
    ) -> Result<String, JsValue> {
        let text = |value: &JsValue, field: Field| {
            let text = value.as_string().ok_or_else(|| {
                let detail = IssueDetail::InvalidType {
                    expected: "string".into(),
                };
                errors::validation(&[ValidationIssue::new(field, detail)])
            })?;
            // Converting replaces an unpaired surrogate with U+FFFD, so only a text holding one
            // can have had any: then the JS string itself is asked (a crossing saved per id on
            // every other call).
            if text.chars().any(|c| c == char::REPLACEMENT_CHARACTER) {
                let lone = unpaired_surrogates(value);
                if !lone.is_null() {
                    return Err(errors::unpaired_surrogates(field, &lone));
                }
            }
            Ok(text)
        };
        let customer_id = text(customer_id, Field::CustomerId)?;
        let id = if operation.has_id() {
            text(id, Field::Id)?
        } else {
            String::new()
        };
        routes::url(&self.inner.base_url, operation, &customer_id, &id)
            .map_err(|issue| errors::validation(&[issue]))
    }
}

/// The caller's signal, when it is usable as one (`undefined` when there is none): anything
/// with an `addEventListener` method, so polyfilled signals work.
fn caller_signal(value: &JsValue) -> Option<JsValue> {
    if value.is_undefined() || value.is_null() {
        return Some(JsValue::UNDEFINED);
    }
    let listens = Reflect::get(value, &JsValue::from_str("addEventListener"))
        .map(|f| f.is_function())
        .unwrap_or(false);
    listens.then(|| value.clone())
}
