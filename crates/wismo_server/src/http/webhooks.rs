//! `POST /webhooks/{provider}/{store}`: tracking updates pushed by EasyPost, AfterShip or
//! 17TRACK. The signature is checked over the raw bytes with the store's secret for that
//! provider before anything is read; the updates then go through the same event pipeline as
//! polled scans, so a replayed delivery records nothing twice.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Json;
use serde::Serialize;
use wismo_carriers::push::Provider;
use wismo_domain::{EventSource, TrackingNumber};

use super::problem::ApiError;
use crate::state::Core;

/// The largest webhook body accepted. EasyPost, AfterShip and 17TRACK document no maximum;
/// a delivery is one tracking with its scans, and their sample bodies (testdata/webhooks) come to
/// 0.3–0.5 KB a scan and under 4 KB in all. 256 KiB holds several hundred scans, more than
/// any parcel's history, while a stranger's body is read no further than that.
pub const MAX_WEBHOOK_BYTES: usize = 256 * 1024;

/// What a delivery did.
#[derive(Debug, Serialize)]
pub struct Received {
    /// Tracking numbers in the payload.
    pub trackings: usize,
    /// Shipments of this store they matched.
    pub matched_shipments: usize,
    /// Events that were new.
    pub events_recorded: usize,
}

pub async fn receive(
    State(state): State<Core>,
    Path((provider, slug)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<Received>, ApiError> {
    let body = body.map_err(|_| {
        ApiError::payload_too_large(format!(
            "the body is larger than the {} KiB limit",
            MAX_WEBHOOK_BYTES / 1024
        ))
    })?;
    let provider: Provider = provider
        .parse()
        .map_err(|_| ApiError::not_found("webhook provider"))?;
    // Only a store that does not exist is a 404: a failing database must not look like a
    // wrong URL, or providers disable the endpoint instead of retrying.
    let tenant = state.store.get_store_by_slug(&slug).await?;
    let unverified = || ApiError::unauthorized("the webhook signature could not be verified");
    let Some(sealed) = state
        .store
        .webhook_secret(tenant.id, provider.slug())
        .await?
    else {
        tracing::warn!(provider = provider.slug(), store = %tenant.slug, "webhook refused: no secret is set for this provider");
        return Err(unverified());
    };
    let context = crate::secrets::webhook_context(tenant.id, provider.slug());
    let secret = state.secrets.open(&sealed, &context).map_err(|e| {
        // The operator's problem (a changed key, a damaged row), not the sender's: a 5xx
        // makes the provider retry once it is fixed.
        tracing::error!(provider = provider.slug(), store = %tenant.slug, error = %e, "cannot open the webhook secret");
        ApiError::unavailable("the webhook secret cannot be read; the operator has been told")
    })?;
    if let Err(e) = provider.verify(
        secret.expose(),
        |name| headers.get(name).and_then(|v| v.to_str().ok()),
        &body,
    ) {
        tracing::warn!(provider = provider.slug(), store = %tenant.slug, reason = %e, "webhook refused");
        return Err(unverified());
    }
    let trackings = provider.parse(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "the body is not a valid {} webhook: {e}",
            provider.slug()
        ))
    })?;

    let mut received = Received {
        trackings: trackings.len(),
        matched_shipments: 0,
        events_recorded: 0,
    };
    for tracking in trackings {
        let Ok(number) = TrackingNumber::parse(&tracking.tracking_number) else {
            continue;
        };
        let update = tracking.into_update(EventSource::Push);
        for shipment in state
            .store
            .find_shipments_by_tracking_number(tenant.id, &number)
            .await?
        {
            received.matched_shipments += 1;
            received.events_recorded += state
                .ingest
                .update(tenant.id, shipment.id, &update, EventSource::Push)
                .await?
                .inserted;
        }
    }
    tracing::info!(provider = provider.slug(), store = %tenant.slug, trackings = received.trackings, events = received.events_recorded, "webhook received");
    Ok(Json(received))
}
