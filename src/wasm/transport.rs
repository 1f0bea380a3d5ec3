//! The fetch transport: one attempt of one request, with a per-attempt timeout and the caller's
//! `AbortSignal` both aborting the underlying fetch, and an abortable sleep for retry waits.
//!
//! Uses `fetch` directly through web-sys and js-sys rather than gloo-net: the client takes an
//! injected `fetch` function (SPEC §5), which gloo-net cannot call, and every response member is
//! read through a catching binding so an odd `fetch` replacement cannot throw through Rust.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, EventTarget};

#[wasm_bindgen]
extern "C" {
    /// A fetch `Response`, read structurally (polyfills and wrappers work) and without throwing.
    pub type FetchResponse;
    #[wasm_bindgen(method, getter, catch, structural)]
    fn status(this: &FetchResponse) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, structural, js_name = statusText)]
    fn status_text(this: &FetchResponse) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, structural)]
    fn headers(this: &FetchResponse) -> Result<FetchHeaders, JsValue>;
    #[wasm_bindgen(method, catch, structural)]
    fn text(this: &FetchResponse) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, structural)]
    fn json(this: &FetchResponse) -> Result<Promise, JsValue>;

    /// A fetch `Headers`.
    #[derive(Clone)]
    pub type FetchHeaders;
    #[wasm_bindgen(method, catch, structural)]
    fn get(this: &FetchHeaders, name: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// A timer that is cleared, and its closure freed, when dropped.
struct Timer {
    id: JsValue,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(ms: u32, callback: impl FnMut() + 'static) -> Timer {
        let callback = Closure::<dyn FnMut()>::new(callback);
        let id = set_timeout(callback.as_ref().unchecked_ref(), f64::from(ms));
        Timer {
            id,
            _callback: callback,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// An `abort` listener that is removed, and its closure freed, when dropped.
struct OnAbort {
    target: EventTarget,
    callback: Closure<dyn FnMut()>,
}

impl OnAbort {
    fn listen(signal: &AbortSignal, callback: impl FnMut() + 'static) -> OnAbort {
        let callback = Closure::<dyn FnMut()>::new(callback);
        let target: EventTarget = signal.clone().unchecked_into();
        let _ = target.add_event_listener_with_callback("abort", callback.as_ref().unchecked_ref());
        OnAbort { target, callback }
    }
}

impl Drop for OnAbort {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback("abort", self.callback.as_ref().unchecked_ref());
    }
}

/// The caller's signal, when it is usable as one.
pub fn caller_signal(value: &JsValue) -> Result<Option<AbortSignal>, ()> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let listens = Reflect::get(value, &JsValue::from_str("addEventListener"))
        .map(|f| f.is_function())
        .unwrap_or(false);
    if listens {
        Ok(Some(value.clone().unchecked_into()))
    } else {
        Err(())
    }
}

/// Whether the caller aborted, with the reason to reject with.
pub fn aborted(signal: Option<&AbortSignal>) -> Option<JsValue> {
    let signal = signal?;
    signal.aborted().then(|| signal.reason())
}

/// A request ready to send.
pub struct Request<'a> {
    pub fetch: &'a Function,
    pub url: &'a str,
    pub init: &'a Object,
    pub timeout_ms: u32,
    /// Whether to read the body as JSON (a 2xx that has one) or as text.
    pub read: Read,
}

/// What to do with a 2xx body.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Parse it as JSON.
    Json,
    /// Read it to the end (so the connection is released) and drop it.
    Ignore,
}

/// What one attempt produced.
pub enum Attempt {
    /// The server answered.
    Answer(Answer),
    /// fetch failed (or the body could not be read): the error it rejected with.
    Network(JsValue),
    /// The per-attempt timeout elapsed.
    Timeout,
    /// The caller aborted: the signal's reason.
    Aborted(JsValue),
}

/// A response: its status and body; its status text and headers are read only when needed
/// (an error, a retry decision, the `rateLimit` getter), which a successful call never needs.
pub struct Answer {
    pub status: u16,
    pub headers: Option<FetchHeaders>,
    pub body: Body,
    response: FetchResponse,
}

/// A response body as read.
pub enum Body {
    /// A 2xx body parsed by the engine's JSON parser.
    Json(JsValue),
    /// A 2xx body that is not JSON: the parser's error.
    NotJson(JsValue),
    /// A non-2xx body, as text.
    Text(String),
    /// None (204), or ignored (a delete).
    None,
}

impl Answer {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        header(self.headers.as_ref()?, name)
    }

    /// The status text, `""` when there is none.
    pub fn status_text(&self) -> String {
        self.response
            .status_text()
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

/// A header's value from a `Headers` object.
pub fn header(headers: &FetchHeaders, name: &str) -> Option<String> {
    headers.get(name).ok()?.as_string()
}

/// Sends one attempt. The timeout covers the whole attempt, reading the body included.
pub async fn send(request: &Request<'_>, caller: Option<&AbortSignal>) -> Attempt {
    if let Some(reason) = aborted(caller) {
        return Attempt::Aborted(reason);
    }
    let Ok(controller) = AbortController::new() else {
        return Attempt::Network(JsValue::from_str("AbortController is not available"));
    };
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let _timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Timer::start(request.timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let _link = caller.map(|signal| {
        let (controller, signal_in) = (controller.clone(), signal.clone());
        OnAbort::listen(signal, move || {
            controller.abort_with_reason(&signal_in.reason())
        })
    });
    let _ = Reflect::set(
        request.init,
        &JsValue::from_str("signal"),
        &controller.signal(),
    );
    // Tells a failure apart: the caller's abort, our timeout, or the network.
    let failed = |error: JsValue| match aborted(caller) {
        Some(reason) => Attempt::Aborted(reason),
        None if timed_out.get() => Attempt::Timeout,
        None => Attempt::Network(error),
    };

    let sent = request.fetch.call2(
        &JsValue::UNDEFINED,
        &JsValue::from_str(request.url),
        request.init,
    );
    let promise = match sent {
        Ok(value) => Promise::resolve(&value),
        Err(error) => return failed(error),
    };
    let response: FetchResponse = match JsFuture::from(promise).await {
        Ok(value) => value.unchecked_into(),
        Err(error) => return failed(error),
    };
    let status = response
        .status()
        .ok()
        .and_then(|s| s.as_f64())
        .filter(|s| (100.0..=599.0).contains(s))
        .map(|s| s as u16);
    let Some(status) = status else {
        return failed(JsValue::from_str("the response has no valid status"));
    };
    let headers = response.headers().ok();
    let success = crate::retry::is_success(status);
    let body = if success && status == 204 {
        Body::None
    } else if success && request.read == Read::Ignore {
        let _ = read(response.text()).await;
        Body::None
    } else if success {
        match read(response.json()).await {
            Ok(value) => Body::Json(value),
            Err(error)
                if error.is_instance_of::<js_sys::SyntaxError>()
                    && aborted(caller).is_none()
                    && !timed_out.get() =>
            {
                Body::NotJson(error)
            }
            Err(error) => return failed(error),
        }
    } else {
        match read(response.text()).await {
            Ok(value) => Body::Text(value.as_string().unwrap_or_default()),
            Err(error) => return failed(error),
        }
    };
    Attempt::Answer(Answer {
        status,
        headers,
        body,
        response,
    })
}

async fn read(started: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(started?).await
}

/// Waits `ms`, or less if the caller aborts: then the abort reason.
pub async fn sleep(ms: u32, caller: Option<&AbortSignal>) -> Result<(), JsValue> {
    if let Some(reason) = aborted(caller) {
        return Err(reason);
    }
    let mut resolve = None;
    let promise = Promise::new(&mut |done, _| resolve = Some(done));
    // The executor runs synchronously, so `resolve` is set; if not, do not wait at all.
    let Some(resolve) = resolve else {
        return Ok(());
    };
    let _timer = {
        let resolve = resolve.clone();
        Timer::start(ms, move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        })
    };
    let _link = caller.map(|signal| {
        OnAbort::listen(signal, move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        })
    });
    let _ = JsFuture::from(promise).await;
    aborted(caller).map_or(Ok(()), Err)
}
