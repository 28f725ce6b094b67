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
use wismo_domain::webhook::NewEndpoint;
use wismo_domain::{EndpointId, Secret, StoreId};
use wismo_store::endpoints::{WebhookEndpoint, secret_context};
use wismo_store::{IdempotencyRecord, Store, StoreError};

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

/// Creates `store`'s endpoint signing with `secret` (from [`new_secret`]), sealed for it in
/// the same transaction. The API and the admin's webhooks page both create endpoints so.
pub async fn create_endpoint(
    store: &dyn Store,
    secrets: &SecretBox,
    store_id: StoreId,
    new: &NewEndpoint,
    secret: &Secret,
    record: Option<&IdempotencyRecord<'_, WebhookEndpoint>>,
) -> Result<WebhookEndpoint, StoreError> {
    let seal = |id: EndpointId| {
        secrets
            .seal(secret, &secret_context(store_id, id))
            .map_err(|e| e.to_string())
    };
    let endpoint = store
        .create_webhook_endpoint(store_id, new, &seal, record)
        .await?;
    tracing::info!(endpoint = endpoint.id.0, "webhook endpoint created");
    Ok(endpoint)
}

/// Gives `store`'s endpoint `id` the signing secret `secret` (from [`new_secret`]); the
/// one before keeps signing for a while. The API and the admin's page both rotate so.
pub async fn rotate_secret(
    store: &dyn Store,
    secrets: &SecretBox,
    store_id: StoreId,
    id: EndpointId,
    secret: &Secret,
    record: Option<&IdempotencyRecord<'_, WebhookEndpoint>>,
) -> Result<WebhookEndpoint, StoreError> {
    let sealed = secrets
        .seal(secret, &secret_context(store_id, id))
        .map_err(|e| StoreError::Render(e.to_string()))?;
    let endpoint = store
        .rotate_webhook_secret(store_id, id, &sealed, record)
        .await?;
    tracing::info!(endpoint = id.0, "webhook secret rotated");
    Ok(endpoint)
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
