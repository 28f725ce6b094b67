//! What a failed USPS call means for the scheduler. USPS answers an unknown tracking number
//! with HTTP 400 (and sometimes 404), so the body decides.

use super::wire::ErrorBody;
use crate::CarrierError;
use crate::common::errors::retry_after_seconds;

/// Classifies a USPS response that did not parse as tracking data (any status, including a
/// 2xx whose body is unreadable). `retry_after` is the `Retry-After` header, if any.
pub fn classify_error(status: u16, body: &[u8], retry_after: Option<&str>) -> CarrierError {
    let message = error_message(body);
    let said = || message.clone().unwrap_or_else(|| format!("HTTP {status}"));
    match status {
        200..=299 if message.as_deref().is_some_and(says_not_found) => CarrierError::NotFound,
        200..=299 => CarrierError::Malformed(
            message.unwrap_or_else(|| "unreadable tracking response".into()),
        ),
        404 => CarrierError::NotFound,
        400 | 422 if message.as_deref().is_some_and(says_not_found) => CarrierError::NotFound,
        401 | 403 => CarrierError::Auth(said()),
        429 => CarrierError::RateLimited {
            retry_after: retry_after_seconds(retry_after),
        },
        408 | 500..=599 => CarrierError::Transient(with_retry_after(said(), retry_after)),
        _ => CarrierError::Permanent(said()),
    }
}

/// The error body's words: `error.message` and each `errors[].title`/`detail`, joined.
pub(super) fn error_message(body: &[u8]) -> Option<String> {
    let detail = serde_json::from_slice::<ErrorBody>(body).ok()?.error?;
    let mut parts: Vec<String> = detail
        .message
        .get()
        .map(str::to_owned)
        .into_iter()
        .collect();
    for item in detail.errors.iter().flatten() {
        parts.extend(
            [item.title.get(), item.detail.get()]
                .into_iter()
                .flatten()
                .map(str::to_owned),
        );
    }
    if parts.is_empty() {
        parts.extend(detail.code.get().map(|code| format!("error {code}")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// USPS's words for "no such tracking number" ("Tracking is not available for this item…",
/// "… not found", an invalid tracking number).
fn says_not_found(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    [
        "not found",
        "not available for this item",
        "no record",
        "could not locate",
    ]
    .iter()
    .any(|n| message.contains(n))
        || (message.contains("tracking number") && message.contains("invalid"))
}

fn with_retry_after(message: String, retry_after: Option<&str>) -> String {
    match retry_after_seconds(retry_after) {
        Some(wait) => format!("{message} (retry after {}s)", wait.as_secs()),
        None => message,
    }
}
