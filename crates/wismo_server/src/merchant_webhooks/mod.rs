//! Merchant webhooks (Standard Webhooks): the signing secrets wismo makes for a store's
//! endpoints, the signature ([`sign`]), and the payloads rendered at send time from the
//! store ([`payload`]). The delivery job is `jobs/deliver_webhook.rs`; the endpoints API
//! is `http/api/webhook_endpoints.rs`.

pub mod payload;
pub mod sign;

use anyhow::Context as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ring::rand::{SecureRandom, SystemRandom};
use wismo_domain::{Secret, StoreId};
use wismo_store::endpoints::{WebhookEndpoint, secret_context};

use crate::secrets::SecretBox;

/// Random bytes in a new secret (Standard Webhooks asks for 24 to 64).
const SECRET_BYTES: usize = 32;

/// A new signing secret: `whsec_` and base64 of 32 random bytes.
pub fn new_secret() -> anyhow::Result<Secret> {
    let mut bytes = [0u8; SECRET_BYTES];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| anyhow::anyhow!("no randomness for a signing secret"))?;
    Ok(Secret::new(format!(
        "{}{}",
        sign::SECRET_PREFIX,
        STANDARD.encode(bytes)
    )))
}

/// The secrets that sign for `endpoint` at `now`, opened: the current one first.
pub fn signing_secrets(
    secrets: &SecretBox,
    endpoint: &WebhookEndpoint,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Vec<Secret>> {
    let context = secret_context(endpoint.store_id, endpoint.id);
    endpoint
        .signing_secrets(now)
        .into_iter()
        .map(|sealed| {
            secrets
                .open(sealed, &context)
                .context("the endpoint's signing secret does not open")
        })
        .collect()
}

/// Logs that an endpoint is disabled (410 Gone, or 3 days of failures). The store is
/// told by email by the `send_endpoint_disabled` job, which the store layer queues in the
/// transaction that disables the endpoint.
pub fn endpoint_disabled(store: StoreId, endpoint: &WebhookEndpoint) {
    tracing::warn!(
        store = store.0,
        endpoint = endpoint.id.0,
        reason = endpoint.disabled_reason.as_deref().unwrap_or("unknown"),
        "a webhook endpoint is disabled"
    );
}
