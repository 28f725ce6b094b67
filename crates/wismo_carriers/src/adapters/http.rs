//! The shared HTTP client and the one way every adapter sends a request and classifies
//! what comes back.

use reqwest::{RequestBuilder, StatusCode, header};
use std::time::Duration;

use crate::CarrierError;

/// An HTTP client for carrier calls: rustls with the ring provider, gzip, a timeout.
pub fn client(timeout: Duration) -> reqwest::Client {
    // Installing twice is refused harmlessly; the first provider stays.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .user_agent(concat!("wismo/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_else(|_| reqwest::Client::new())
}

/// A carrier's classifier of non-2xx responses: status, body, `Retry-After`.
pub type Classify = fn(u16, &[u8], Option<&str>) -> CarrierError;

/// What a sent request came back with.
pub enum Reply {
    Ok(Vec<u8>),
    /// 401: the caller may refresh its token and try once more.
    Unauthorized(CarrierError),
    Failed(CarrierError),
}

/// Sends `request`; network failures and timeouts are transient.
pub async fn send(request: RequestBuilder, classify: Classify) -> Reply {
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) if e.is_timeout() => {
            return Reply::Failed(CarrierError::Transient(
                "the carrier did not answer in time".into(),
            ));
        }
        Err(e) => {
            return Reply::Failed(CarrierError::Transient(format!(
                "cannot reach the carrier: {}",
                without_url(&e)
            )));
        }
    };
    let status = response.status();
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = match response.bytes().await {
        Ok(b) => b.to_vec(),
        Err(e) if e.is_timeout() => {
            return Reply::Failed(CarrierError::Transient(
                "the carrier's answer timed out".into(),
            ));
        }
        Err(e) => {
            return Reply::Failed(CarrierError::Transient(format!(
                "the carrier's answer broke off: {}",
                without_url(&e)
            )));
        }
    };
    if status.is_success() {
        return Reply::Ok(body);
    }
    let error = classify(status.as_u16(), &body, retry_after.as_deref());
    if status == StatusCode::UNAUTHORIZED {
        Reply::Unauthorized(error)
    } else {
        Reply::Failed(error)
    }
}

/// reqwest errors name the URL, which can carry a tracking number; keep messages short.
fn without_url(e: &reqwest::Error) -> String {
    let mut e = e.to_string();
    if let Some(i) = e.find(" for url") {
        e.truncate(i);
    }
    e
}
