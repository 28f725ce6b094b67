//! What a failed DHL call means for the scheduler. DHL answers with RFC 9457 problem
//! details: `{"title":"No result found","status":404,"detail":…}`.

use super::wire::Problem;
use crate::CarrierError;
use crate::common::errors::retry_after_seconds;

/// Classifies a DHL response that did not parse as tracking data (any status, including a
/// 2xx whose body is unreadable). `retry_after` is the `Retry-After` header, if any.
pub fn classify_error(status: u16, body: &[u8], retry_after: Option<&str>) -> CarrierError {
    let problem = serde_json::from_slice::<Problem>(body).ok();
    let message = problem.as_ref().and_then(describe);
    let said = || message.clone().unwrap_or_else(|| format!("HTTP {status}"));
    match status {
        200..=299 if problem.as_ref().is_some_and(is_not_found) => CarrierError::NotFound,
        200..=299 => CarrierError::Malformed(
            message.unwrap_or_else(|| "unreadable tracking response".into()),
        ),
        404 => CarrierError::NotFound,
        401 | 403 => CarrierError::Auth(said()),
        429 => CarrierError::RateLimited {
            retry_after: retry_after_seconds(retry_after),
        },
        408 | 500..=599 => CarrierError::Transient(said()),
        _ => CarrierError::Permanent(said()),
    }
}

fn describe(problem: &Problem) -> Option<String> {
    let parts: Vec<&str> = [problem.title.get(), problem.detail.get()]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join(": "))
}

/// A problem body that says "no such shipment", whatever the HTTP status.
pub(super) fn is_not_found(problem: &Problem) -> bool {
    problem.status.get() == Some("404")
        || problem
            .title
            .get()
            .is_some_and(|title| title.to_ascii_lowercase().contains("no result"))
}
