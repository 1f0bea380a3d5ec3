//! The five routes of docs/contract.md §2, from the crate's route table, and the gate every API request
//! passes first: key check (401), rate limit (429, and `RateLimit-*` on every answer), faults,
//! path decoding, then the handler; every request goes in the request log.

use crate::faults::{self, BodyContext, Effect, FaultSpec, Source, FAULT_HEADER};
use crate::input::activity_input;
use crate::pathparams::{self, NotUtf8, Target};
use crate::problem::{json, json_response, Problem};
use crate::request::{Now, Request};
use crate::requestlog::{clip, Entry};
use crate::response::{Exchange, Note, Reply, Response, ResponseBody};
use crate::routing;
use crate::state::State;
use crate::store::StoreError;
use skimmer_activity_logs::model::ActivityInput;
use skimmer_activity_logs::routes::{self, Operation, API_KEY_HEADER};

/// The answer to an API request (one whose path is under `/CustomerActivityLogs`, let in by the
/// request policy).
pub fn handle(state: &mut State, request: &Request, now: Now) -> Exchange {
    let path = request.target().path;
    let method = request.method.as_str();
    let Some(template) = routing::template_of(path) else {
        return Exchange::answer(state.answer(routing::no_route(method, path)));
    };
    let key = request.header_value(API_KEY_HEADER);
    let authorized = key == Some(state.options.api_key.as_bytes());
    let (customer_id, id) = pathparams::target_lossy(template, path);
    let mut entry = Entry {
        seq: state.log.next_seq(),
        method: method.to_owned(),
        path: path.to_owned(),
        customer_id: customer_id.clone(),
        id,
        status: None,
        fault: None,
        fault_source: None,
        authorized,
        content_type: request
            .header_value("content-type")
            .map(|v| String::from_utf8_lossy(v).into_owned()),
        proxied: false,
    };
    let verdict = state.limiter.hit(key.unwrap_or(b""), now.monotonic_ms);
    let operation = routing::operation(template, method);
    let mut delay_ms = 0;
    let mut reply = if !authorized {
        let detail = if key.is_some() {
            "The skimmer-api-key header does not hold a valid API key."
        } else {
            "The request has no skimmer-api-key header."
        };
        Reply::Answer(state.answer(Problem::new(401).detail(detail)))
    } else if !verdict.allowed {
        let problem = Problem::new(429)
            .detail(format!(
                "Rate limit of {} requests per window exceeded; retry after {} s.",
                verdict.limit, verdict.reset_secs
            ))
            .header("retry-after", verdict.reset_secs.to_string());
        Reply::Answer(state.answer(problem))
    } else {
        match pick_fault(state, request, path) {
            Err(reason) => Reply::Answer(state.answer(
                Problem::new(400).detail(format!("Invalid {FAULT_HEADER} header: {reason}.")),
            )),
            Ok(picked) => {
                let effect = match picked {
                    None => Effect::Continue,
                    Some((spec, source)) => {
                        entry.fault = Some(spec.describe());
                        entry.fault_source = Some(source.as_str());
                        delay_ms = spec.delay_ms;
                        let context = BodyContext {
                            customer_id: customer_id.unwrap_or_default(),
                            expects_list: operation == Some(Operation::List),
                        };
                        faults::apply(&spec, source, &context, &mut state.huge, &mut state.ids)
                    }
                };
                match effect {
                    Effect::Continue => {
                        Reply::Answer(route(state, request, template, operation, now))
                    }
                    Effect::Answer(response) => Reply::Answer(response),
                    Effect::Drop => Reply::Drop,
                    Effect::Raw {
                        response,
                        content_length,
                    } => Reply::Raw {
                        response,
                        content_length,
                    },
                }
            }
        }
    };
    if let Reply::Answer(response) | Reply::Raw { response, .. } = &mut reply {
        verdict.write_headers(&mut response.headers);
        if delay_ms == 0 {
            entry.status = Some(response.status);
        }
    }
    let text = |s: &str| clip(s.to_owned(), crate::limits::LOG_MAX_TEXT_BYTES);
    let note = Note {
        seq: entry.seq,
        method: text(&entry.method),
        path: text(&entry.path),
        fault: entry
            .fault
            .as_deref()
            .zip(entry.fault_source)
            .map(|(fault, source)| (text(fault), source)),
    };
    state.log.push(entry);
    Exchange {
        delay_ms,
        reply,
        note: Some(note),
    }
}

/// The fault for this request, if any: the header first, then the scripted queue, then the
/// random roll. `Err` when the header cannot be read.
fn pick_fault(
    state: &mut State,
    request: &Request,
    path: &str,
) -> Result<Option<(FaultSpec, Source)>, String> {
    if let Some(value) = request.header_value(FAULT_HEADER) {
        let text = std::str::from_utf8(value)
            .ok()
            .filter(|t| t.bytes().all(|b| b == b'\t' || (0x20..0x7F).contains(&b)))
            .ok_or("the header is not visible ASCII")?;
        if let Some(spec) = FaultSpec::parse_header(text)? {
            return Ok(Some((spec, Source::Header)));
        }
    }
    if let Some(spec) = state.scripted.take(&request.method, path) {
        return Ok(Some((spec, Source::Scripted)));
    }
    Ok(state.random.roll().map(|spec| (spec, Source::Random)))
}

/// The route's answer, past the gate.
fn route(
    state: &mut State,
    request: &Request,
    template: &'static str,
    operation: Option<Operation>,
    now: Now,
) -> Response {
    let path = request.target().path;
    let target = match pathparams::target(template, path) {
        Ok(Some(target)) => target,
        Ok(None) => return state.answer(Problem::new(404)),
        Err(NotUtf8 { name }) => return state.answer(routing::not_utf8(name)),
    };
    let Some(operation) = operation else {
        return state.answer(routing::method_not_allowed(&request.method, template));
    };
    let done = match operation {
        Operation::List => list(state, &target),
        Operation::Get => get(state, &target),
        Operation::Create => create(state, request, &target, now),
        Operation::Update => update(state, request, &target, now),
        Operation::Delete => delete(state, &target),
    };
    let mut response = match done {
        Ok(response) => response,
        Err(problem) => state.answer(problem),
    };
    if request.method == "HEAD" {
        response.body = ResponseBody::Empty;
    }
    response
}

fn success(operation: Operation) -> u16 {
    operation.route().success
}

fn store_error(error: StoreError, target: &Target, state: &State) -> Problem {
    let id = target.id.as_deref().unwrap_or("");
    match error {
        StoreError::UnknownCustomer => {
            Problem::new(404).detail(format!("No customer has the id {:?}.", target.customer_id))
        }
        StoreError::UnknownActivity => Problem::new(404).detail(format!(
            "Customer {:?} has no activity with the id {id:?}.",
            target.customer_id
        )),
        StoreError::SystemGenerated => Problem::new(403).detail(format!(
            "Activity {id:?} was generated by the system; system-generated activities cannot be updated or deleted."
        )),
        StoreError::Full => store_full(state.options.limits.max_store_bytes),
    }
}

/// The 507 answer when the store's byte budget (`budget` bytes) is spent.
pub fn store_full(budget: usize) -> Problem {
    Problem::new(507).detail(format!(
        "The emulator's store is full (its budget is {} MiB); delete activities or reset it \
         (POST /__emulator/reset).",
        budget >> 20
    ))
}

fn list(state: &State, target: &Target) -> Result<Response, Problem> {
    let customer = state
        .store
        .customer(&target.customer_id)
        .ok_or_else(|| store_error(StoreError::UnknownCustomer, target, state))?;
    let snapshot = customer.snapshot();
    let mut response = json_response(success(Operation::List), Vec::new());
    response.body = ResponseBody::Pieces {
        len: snapshot.json_len() as u64,
        pieces: Box::new(snapshot.pieces(crate::response::PIECE_BYTES)),
    };
    Ok(response)
}

fn get(state: &State, target: &Target) -> Result<Response, Problem> {
    let id = target.id.as_deref().unwrap_or("");
    let customer = state
        .store
        .customer(&target.customer_id)
        .ok_or_else(|| store_error(StoreError::UnknownCustomer, target, state))?;
    let body = customer
        .get_json(id)
        .ok_or_else(|| store_error(StoreError::UnknownActivity, target, state))?;
    Ok(json_response(success(Operation::Get), body.to_vec()))
}

/// The activity input of a create or update request's body.
fn input_of(state: &State, request: &Request) -> Result<ActivityInput, Problem> {
    activity_input(
        request.header_value("content-type"),
        &request.body,
        state.options.limits.max_body_bytes,
    )
}

fn create(
    state: &mut State,
    request: &Request,
    target: &Target,
    now: Now,
) -> Result<Response, Problem> {
    let input = input_of(state, request)?;
    let id = state.ids.uuid();
    let created = state.store.create(
        &target.customer_id,
        input,
        id,
        crate::clock::format_millis(now.unix_ms),
    );
    let activity = created.map_err(|e| store_error(e, target, state))?;
    let mut response = json(success(Operation::Create), &activity);
    if let Ok(location) = routes::url("", Operation::Get, &target.customer_id, &activity.id) {
        response.headers.set("location", location);
    }
    Ok(response)
}

fn update(
    state: &mut State,
    request: &Request,
    target: &Target,
    now: Now,
) -> Result<Response, Problem> {
    let input = input_of(state, request)?;
    let id = target.id.as_deref().unwrap_or("");
    let updated = state.store.update(
        &target.customer_id,
        id,
        input,
        crate::clock::format_millis(now.unix_ms),
    );
    let activity = updated.map_err(|e| store_error(e, target, state))?;
    Ok(json(success(Operation::Update), &activity))
}

fn delete(state: &mut State, target: &Target) -> Result<Response, Problem> {
    let id = target.id.as_deref().unwrap_or("");
    let deleted = state.store.delete(&target.customer_id, id);
    deleted.map_err(|e| store_error(e, target, state))?;
    Ok(Response::new(success(Operation::Delete)))
}
