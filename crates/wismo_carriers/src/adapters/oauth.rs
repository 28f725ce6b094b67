//! OAuth 2 client-credentials tokens, cached until shortly before they expire and refreshed
//! once when a carrier says the token is no longer good.

use serde::Deserialize;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

use crate::CarrierError;

/// Refresh this long before the carrier's expiry, so a token never dies mid-request.
const MARGIN: Duration = Duration::from_secs(300);

#[derive(Debug, Default)]
pub struct TokenCache {
    token: Mutex<Option<(String, Instant)>>,
}

impl TokenCache {
    /// The cached token, or a new one from `fetch` (only one fetch runs at a time).
    pub async fn get<F, Fut>(&self, fetch: F) -> Result<String, CarrierError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Token, CarrierError>>,
    {
        let mut slot = self.token.lock().await;
        if let Some((token, refresh_at)) = slot.as_ref()
            && Instant::now() < *refresh_at
        {
            return Ok(token.clone());
        }
        let fresh = fetch().await?;
        let lifetime = fresh
            .expires_in
            .saturating_sub(MARGIN)
            .max(Duration::from_secs(30));
        *slot = Some((fresh.access_token.clone(), Instant::now() + lifetime));
        Ok(fresh.access_token)
    }

    /// Forgets the token (after a 401), so the next `get` fetches a new one.
    pub async fn invalidate(&self) {
        *self.token.lock().await = None;
    }
}

/// A token endpoint's answer. UPS and USPS send `expires_in` as a string, FedEx as a number.
#[derive(Debug)]
pub struct Token {
    pub access_token: String,
    pub expires_in: Duration,
}

#[derive(Deserialize)]
struct TokenBody {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

/// Reads a token response body.
pub fn parse_token(body: &[u8]) -> Result<Token, CarrierError> {
    let parsed: TokenBody = serde_json::from_slice(body)
        .map_err(|e| CarrierError::Malformed(format!("token response: {e}")))?;
    let seconds = match parsed.expires_in {
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    .unwrap_or(3600);
    if parsed.access_token.is_empty() {
        return Err(CarrierError::Malformed(
            "token response without an access_token".into(),
        ));
    }
    Ok(Token {
        access_token: parsed.access_token,
        expires_in: Duration::from_secs(seconds),
    })
}

/// Token endpoints' failures: a refused client is an auth problem, not a transient one.
pub fn classify_token_error(status: u16, body: &[u8], retry_after: Option<&str>) -> CarrierError {
    let text = String::from_utf8_lossy(body);
    let detail: String = text.chars().take(200).collect();
    match status {
        400 | 401 | 403 => {
            CarrierError::Auth(format!("token request refused ({status}): {detail}"))
        }
        429 => CarrierError::RateLimited {
            retry_after: crate::common::errors::retry_after_seconds(retry_after),
        },
        500..=599 => CarrierError::Transient(format!("token endpoint failed ({status})")),
        _ => CarrierError::Permanent(format!("token request failed ({status}): {detail}")),
    }
}

/// Sends a request built with a token from `cache`; on a 401 the token is dropped, a new
/// one fetched, and the request sent once more.
pub async fn send_with_token<F, Fut, B>(
    cache: &TokenCache,
    fetch: F,
    build: B,
    classify: super::http::Classify,
) -> Result<Vec<u8>, CarrierError>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<Token, CarrierError>>,
    B: Fn(&str) -> reqwest::RequestBuilder,
{
    use super::http::{Reply, send};
    let mut retried = false;
    loop {
        let token = cache.get(&fetch).await?;
        match send(build(&token), classify).await {
            Reply::Ok(body) => return Ok(body),
            Reply::Unauthorized(_) if !retried => {
                retried = true;
                cache.invalidate().await;
            }
            Reply::Unauthorized(e) | Reply::Failed(e) => return Err(e),
        }
    }
}

/// Fetches a token with `request` (already carrying the client's credentials).
pub async fn fetch_token(request: reqwest::RequestBuilder) -> Result<Token, CarrierError> {
    use super::http::{Reply, send};
    match send(request, classify_token_error).await {
        Reply::Ok(body) => parse_token(&body),
        Reply::Unauthorized(e) | Reply::Failed(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lifetimes_are_read_as_strings_or_numbers() {
        let ups =
            parse_token(br#"{"token_type":"Bearer","access_token":"a","expires_in":"14399"}"#);
        assert_eq!(ups.map(|t| t.expires_in), Ok(Duration::from_secs(14399)));
        let fedex = parse_token(
            br#"{"access_token":"b","token_type":"bearer","expires_in":3599,"scope":"CXS-TP"}"#,
        );
        assert_eq!(fedex.map(|t| t.expires_in), Ok(Duration::from_secs(3599)));
        assert!(matches!(
            parse_token(b"<html>"),
            Err(CarrierError::Malformed(_))
        ));
    }

    #[tokio::test]
    async fn a_cached_token_is_reused_until_invalidated() {
        let cache = TokenCache::default();
        let fetch = |v: &'static str| {
            move || async move {
                Ok(Token {
                    access_token: v.into(),
                    expires_in: Duration::from_secs(3600),
                })
            }
        };
        assert_eq!(cache.get(fetch("one")).await, Ok("one".into()));
        assert_eq!(cache.get(fetch("two")).await, Ok("one".into()));
        cache.invalidate().await;
        assert_eq!(cache.get(fetch("three")).await, Ok("three".into()));
    }
}
