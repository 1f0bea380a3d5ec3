//! Request bodies, read within bounds: at most a given number of bytes (past it the core is told
//! the body is too large, and answers 413) within a given time (past it, 408 and the connection
//! closed).

use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::HeaderMap;
use skimmer_emulator_core::problem::Problem;
use skimmer_emulator_core::RequestBody;
use std::time::Duration;

/// Reads at most `limit` bytes of `body` within `timeout`. A body declared or found longer is
/// [`RequestBody::TooLarge`] (the rest is not read, so the connection must be closed after the
/// answer); a slower one is the 408 problem, one that fails mid-way the 400 problem.
pub async fn read(
    headers: &HeaderMap,
    body: Incoming,
    limit: usize,
    timeout: Duration,
) -> Result<RequestBody, Problem> {
    let declared = headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Ok(RequestBody::TooLarge);
    }
    let collected = match tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await {
        Ok(collected) => collected,
        Err(_elapsed) => {
            return Err(Problem::new(408).detail(format!(
                "The request body did not arrive within {} s.",
                timeout.as_secs()
            )))
        }
    };
    match collected {
        Ok(collected) => Ok(RequestBody::within(Vec::from(collected.to_bytes()), limit)),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => Ok(RequestBody::TooLarge),
        Err(error) => {
            Err(Problem::new(400).detail(format!("Could not read the request body: {error}")))
        }
    }
}
