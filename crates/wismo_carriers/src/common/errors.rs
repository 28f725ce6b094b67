//! What a carrier's failed HTTP answer means for the scheduler, from its status, the error
//! codes in its body and `Retry-After`.

use std::time::Duration;

use crate::CarrierError;

/// One `{code, message}` pair from a carrier's error body.
#[derive(Debug, Clone, Default)]
pub(crate) struct BodyError {
    pub code: Option<String>,
    pub message: Option<String>,
}

/// Which of a carrier's error codes mean "not found" and "bad credentials".
pub(crate) struct Codes {
    pub not_found: fn(&str) -> bool,
    pub auth: fn(&str) -> bool,
}

/// Classifies a non-2xx answer. 429 is rate limiting (with `Retry-After` seconds), 5xx and
/// 408 are transient, then the body's codes decide (auth, not found), then the status:
/// 401 and 403 are auth (an operator must fix the account), 404 not found, other 4xx
/// permanent.
pub(crate) fn classify(
    status: u16,
    errors: &[BodyError],
    body: &[u8],
    retry_after: Option<&str>,
    codes: &Codes,
) -> CarrierError {
    let summary = summary(status, errors, body);
    let has = |pred: fn(&str) -> bool| errors.iter().filter_map(|e| e.code.as_deref()).any(pred);
    match status {
        429 => CarrierError::RateLimited {
            retry_after: retry_after_seconds(retry_after),
        },
        408 | 500..=599 => CarrierError::Transient(summary),
        _ if has(codes.auth) => CarrierError::Auth(summary),
        400..=499 if has(codes.not_found) => CarrierError::NotFound,
        401 | 403 => CarrierError::Auth(summary),
        404 => CarrierError::NotFound,
        _ => CarrierError::Permanent(summary),
    }
}

/// Classifies errors a carrier put in a 2xx body: not found, auth, else a refusal.
pub(crate) fn in_success(status: u16, errors: &[BodyError], codes: &Codes) -> CarrierError {
    let has = |pred: fn(&str) -> bool| errors.iter().filter_map(|e| e.code.as_deref()).any(pred);
    if has(codes.not_found) {
        CarrierError::NotFound
    } else if has(codes.auth) {
        CarrierError::Auth(summary(status, errors, &[]))
    } else {
        CarrierError::Permanent(summary(status, errors, &[]))
    }
}

/// `Retry-After` as delay-seconds; HTTP dates need a clock and are read as absent.
pub(crate) fn retry_after_seconds(value: Option<&str>) -> Option<Duration> {
    value?.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn summary(status: u16, errors: &[BodyError], body: &[u8]) -> String {
    let detail = match errors.first() {
        Some(e) => [e.code.as_deref(), e.message.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": "),
        None => String::from_utf8_lossy(body)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(200)
            .collect(),
    };
    if detail.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}: {detail}")
    }
}
