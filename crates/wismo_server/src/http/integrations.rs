//! `POST /integrations/{platform}/{store}`: orders and fulfilments sent by a store's
//! platform (Shopify, WooCommerce, the generic feed). The signature is checked over the raw
//! bytes with the store's secret for that platform (or the one before a rotation, for an
//! hour) before anything is read: a bad one is 401, logged without its body, and nothing
//! of it is processed. The generic feed is
//! signed per Standard Webhooks (`webhook-id`, `webhook-timestamp` within five minutes,
//! `webhook-signature`) and says its event type in the body. A signed body must be JSON
//! (else 400). The delivery is kept as received, once per platform delivery id, and
//! answered 200 at once; a job turns it into orders and shipments
//! (`integrations::process`), well within Shopify's 5 s.
//!
//! WooCommerce's creation ping (an unsigned form body `webhook_id=N`) is answered 200 and
//! kept nowhere: WooCommerce leaves a webhook pending until its ping gets exactly 200.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Json;
use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest as _, Sha256};
use wismo_domain::platform::{Platform, generic};
use wismo_store::integrations::NewPlatformDelivery;

use super::problem::ApiError;
use crate::integrations::{accepted_secrets, verify};
use crate::state::Core;

/// The largest delivery accepted. A Shopify order with hundreds of line items, its
/// fulfilments and addresses stays well under 1 MiB; a stranger's body is read no further.
pub const MAX_PLATFORM_BODY_BYTES: usize = 1024 * 1024;
/// The longest topic or delivery id kept.
const MAX_HEADER_CHARS: usize = 200;

/// What was done with a delivery.
#[derive(Debug, Serialize)]
pub struct Received {
    /// `accepted` (kept, processed shortly), `duplicate` (kept before), `ping`.
    pub status: &'static str,
    /// The kept delivery's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_id: Option<i64>,
}

/// The headers each platform names its topic, delivery id and signature with.
struct Headers {
    topic: &'static str,
    delivery_id: &'static str,
    signature: &'static str,
}

fn headers_of(platform: Platform) -> Headers {
    match platform {
        Platform::Shopify => Headers {
            topic: "x-shopify-topic",
            delivery_id: "x-shopify-webhook-id",
            signature: "x-shopify-hmac-sha256",
        },
        Platform::WooCommerce => Headers {
            topic: "x-wc-webhook-topic",
            delivery_id: "x-wc-webhook-delivery-id",
            signature: "x-wc-webhook-signature",
        },
        // Standard Webhooks; the type is in the body.
        Platform::Generic => Headers {
            topic: "type",
            delivery_id: "webhook-id",
            signature: "webhook-signature",
        },
    }
}

pub async fn receive(
    State(state): State<Core>,
    Path((platform, slug)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Received>, ApiError> {
    let body = body.map_err(|_| {
        ApiError::payload_too_large(format!(
            "the body is larger than the {} KiB limit",
            MAX_PLATFORM_BODY_BYTES / 1024
        ))
    })?;
    let platform = Platform::parse(&platform).map_err(|_| ApiError::not_found("platform"))?;
    let names = headers_of(platform);
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    // Only a store that does not exist is a 404: a failing database must not look like a
    // wrong URL, or platforms disable the webhook instead of retrying.
    let tenant = state.store.get_store_by_slug(&slug).await?;
    if platform == Platform::WooCommerce && header(names.signature).is_none() && is_ping(&body) {
        tracing::info!(store = %tenant.slug, "WooCommerce webhook ping answered");
        return Ok(Json(Received {
            status: "ping",
            delivery_id: None,
        }));
    }
    let unverified = || ApiError::unauthorized("the webhook signature could not be verified");
    let Some(integration) = state.store.integration(tenant.id, platform).await? else {
        tracing::warn!(%platform, store = %tenant.slug, "platform delivery refused: the store has no secret for this platform");
        return Err(unverified());
    };
    let now = state.clock.now();
    let secrets = accepted_secrets(&state.secrets, &integration, now).map_err(|e| {
        tracing::error!(%platform, store = %tenant.slug, error = %e, "cannot open the platform's secret");
        ApiError::unavailable("the platform's secret cannot be read; the operator has been told")
    })?;
    let verified = match platform {
        Platform::Generic => verify::standard_webhooks(
            &secrets,
            header(names.delivery_id),
            header("webhook-timestamp"),
            header(names.signature),
            &body,
            now.timestamp(),
        ),
        _ => verify::base64_hmac(&secrets, header(names.signature), &body),
    };
    if let Err(e) = verified {
        tracing::warn!(%platform, store = %tenant.slug, reason = %e, "platform delivery refused");
        // Logged for the merchant without its body: what it claims to be is unverified.
        let claimed = |name: &str| {
            header(name)
                .map(|v| v.trim().chars().take(MAX_HEADER_CHARS).collect::<String>())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "unknown".into())
        };
        state
            .store
            .record_refused_delivery(
                tenant.id,
                platform,
                &claimed(names.topic),
                &claimed(names.delivery_id),
                &e.to_string(),
            )
            .await?;
        return Err(unverified());
    }
    if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() {
        return Err(ApiError::bad_request("the body is not JSON"));
    }
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| ApiError::bad_request("the body is not UTF-8"))?;
    let topic = match platform {
        // The generic feed says its type in the body.
        Platform::Generic => {
            Some(generic::event_type(&body).map_err(|e| ApiError::bad_request(e.to_string()))?)
        }
        _ => header(names.topic).map(str::to_owned),
    };
    let topic = topic
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty() && t.len() <= MAX_HEADER_CHARS)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "the `{}` header is missing or too long",
                names.topic
            ))
        })?;
    // Deliveries without an id (a hand-made request) are told apart by their content.
    let webhook_id = match header(names.delivery_id).map(str::trim) {
        Some(id) if !id.is_empty() && id.len() <= MAX_HEADER_CHARS => id.to_owned(),
        _ => format!(
            "sha256:{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(&body))
        ),
    };
    let new = NewPlatformDelivery {
        platform,
        topic: topic.clone(),
        webhook_id,
        body: text,
    };
    let kept = state
        .store
        .record_platform_delivery(tenant.id, &new)
        .await?;
    tracing::info!(%platform, store = %tenant.slug, topic, duplicate = kept.is_none(), "platform delivery received");
    Ok(Json(Received {
        status: if kept.is_some() {
            "accepted"
        } else {
            "duplicate"
        },
        delivery_id: kept,
    }))
}

/// WooCommerce's ping: a form body `webhook_id=N` and nothing else of note.
fn is_ping(body: &[u8]) -> bool {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .is_ok_and(|fields| fields.iter().any(|(k, _)| k == "webhook_id"))
}
