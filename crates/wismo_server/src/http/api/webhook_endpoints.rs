//! `/api/v1/webhook-endpoints`: a store's merchant webhook endpoints (Standard
//! Webhooks): create one (its signing secret is shown in that answer only), list, read,
//! delete, rotate the secret, send a test, and read and replay the delivery log.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use wismo_domain::webhook::{EndpointInput, NewEndpoint};
use wismo_domain::{EndpointId, Secret};
use wismo_store::endpoints::{
    MAX_DELIVERIES_LISTED, QueuedWebhook, WebhookDelivery, WebhookEndpoint,
};

use crate::http::auth::ApiCaller;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::idempotency::IdempotencyKey;
use crate::http::problem::{ApiError, Problem};
use crate::merchant_webhooks::{self, new_secret};
use crate::state::Core;

/// A new endpoint.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEndpoint {
    /// Where to POST: `https://` (`http://` too when the server allows private addresses),
    /// without a user name or password.
    #[schema(example = "https://example.com/hooks/wismo")]
    pub url: Option<String>,
    /// What to send: `shipment.updated`, `customer_request.created`, `notification.failed`,
    /// `order.fulfillment_stalled`.
    pub events: Option<Vec<String>>,
}

/// An endpoint. Its secret is never shown again after it is created or rotated.
#[derive(Debug, Serialize, ToSchema)]
pub struct EndpointView {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// When wismo stopped sending to it (410 Gone, or every delivery failing for 3 days).
    pub disabled_at: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
}

/// An endpoint with its signing secret, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct EndpointWithSecret {
    #[serde(flatten)]
    pub endpoint: EndpointView,
    /// `whsec_` and base64 of 32 random bytes: the key of the `webhook-signature` HMAC.
    pub secret: String,
}

/// A store's endpoints, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct EndpointList {
    pub items: Vec<EndpointView>,
}

/// One attempt at delivering a message.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: i64,
    /// `shipment.updated`, `customer_request.created`, `notification.failed`,
    /// `order.fulfillment_stalled` or `webhook.test`.
    pub event_type: String,
    /// The `webhook-id` header: the same on every attempt at one message.
    pub webhook_id: String,
    /// 1 for the first attempt at the message.
    pub attempt: u32,
    /// What the endpoint answered; none when it could not be reached.
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: u64,
    pub attempted_at: DateTime<Utc>,
}

/// The endpoint's latest deliveries, newest first (at most 100).
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryList {
    pub items: Vec<DeliveryView>,
}

/// A message queued for an endpoint.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedView {
    pub endpoint_id: i64,
    pub event_type: String,
    pub webhook_id: String,
}

fn view(e: &WebhookEndpoint) -> EndpointView {
    EndpointView {
        id: e.id.0,
        url: e.url.clone(),
        events: e.events.iter().map(|e| e.as_str().to_owned()).collect(),
        created_at: e.created_at,
        disabled_at: e.disabled_at,
        disabled_reason: e.disabled_reason.clone(),
    }
}

fn with_secret(e: &WebhookEndpoint, secret: &Secret) -> EndpointWithSecret {
    EndpointWithSecret {
        endpoint: view(e),
        secret: secret.expose().to_owned(),
    }
}

fn queued(q: &QueuedWebhook) -> QueuedView {
    QueuedView {
        endpoint_id: q.endpoint_id.0,
        event_type: q.event_type.as_str().to_owned(),
        webhook_id: q.webhook_id.clone(),
    }
}

fn delivery(d: WebhookDelivery) -> DeliveryView {
    DeliveryView {
        id: d.id,
        event_type: d.event_type.as_str().to_owned(),
        webhook_id: d.webhook_id,
        attempt: d.attempt,
        status_code: d.status_code,
        error: d.error,
        duration_ms: d.duration_ms,
        attempted_at: d.attempted_at,
    }
}

fn secret_failed(e: &anyhow::Error) -> ApiError {
    ApiError::internal(e.as_ref())
}

/// Create an endpoint. The answer holds its signing secret, shown this once.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints", tag = "webhooks",
    request_body = CreateEndpoint,
    responses(
        (status = 201, description = "Created, with its secret", body = EndpointWithSecret),
        (status = 409, description = "The secret of an earlier answer to this Idempotency-Key can no longer be shown", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The URL or an event is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn create_endpoint(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiJson(body): ApiJson<CreateEndpoint>,
) -> Result<(StatusCode, HeaderMap, Json<EndpointWithSecret>), ApiError> {
    let input = EndpointInput {
        url: body.url,
        events: body.events,
    };
    let new = NewEndpoint::parse(input, state.config.outbound.allow_private)?;
    let secret = new_secret().map_err(|e| secret_failed(&e))?;
    let respond = |e: &WebhookEndpoint| (StatusCode::CREATED, with_secret(e, &secret));
    let endpoint = merchant_webhooks::create_endpoint(
        state.store.as_ref(),
        &state.secrets,
        caller.store,
        &new,
        &secret,
        key.record_secret(&state.secrets, respond).as_ref(),
    )
    .await?;
    let mut headers = HeaderMap::new();
    let location = format!("/api/v1/webhook-endpoints/{}", endpoint.id);
    if let Ok(location) = HeaderValue::from_str(&location) {
        headers.insert(header::LOCATION, location);
    }
    let (status, view) = respond(&endpoint);
    Ok((status, headers, Json(view)))
}

/// List the store's endpoints, oldest first (no secrets).
#[utoipa::path(
    get, path = "/api/v1/webhook-endpoints", tag = "webhooks",
    responses((status = 200, description = "The endpoints", body = EndpointList)),
    security(("api_key" = []))
)]
pub async fn list_endpoints(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
) -> Result<Json<EndpointList>, ApiError> {
    let items = state.store.list_webhook_endpoints(caller.store).await?;
    Ok(Json(EndpointList {
        items: items.iter().map(view).collect(),
    }))
}

/// Get one endpoint (no secret).
#[utoipa::path(
    get, path = "/api/v1/webhook-endpoints/{id}", tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses(
        (status = 200, description = "The endpoint", body = EndpointView),
        (status = 404, description = "No such endpoint in this store", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn get_endpoint(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<EndpointView>, ApiError> {
    let endpoint = state
        .store
        .get_webhook_endpoint(caller.store, EndpointId(id))
        .await?;
    Ok(Json(view(&endpoint)))
}

/// Delete an endpoint and its delivery log. Messages still queued for it are not sent.
#[utoipa::path(
    delete, path = "/api/v1/webhook-endpoints/{id}", tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such endpoint in this store", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn delete_endpoint(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state
        .store
        .delete_webhook_endpoint(caller.store, EndpointId(id))
        .await?;
    tracing::info!(endpoint = id, "webhook endpoint deleted");
    Ok(StatusCode::NO_CONTENT)
}

/// Give an endpoint a new signing secret, shown in this answer only. For 24 hours each
/// message carries a signature with the old secret too, so the endpoint can switch
/// without losing any.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints/{id}/rotate", tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses(
        (status = 200, description = "The endpoint with its new secret", body = EndpointWithSecret),
        (status = 404, description = "No such endpoint in this store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The secret of an earlier answer to this Idempotency-Key can no longer be shown", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn rotate_secret(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<EndpointWithSecret>, ApiError> {
    let id = EndpointId(id);
    let secret = new_secret().map_err(|e| secret_failed(&e))?;
    let respond = |e: &WebhookEndpoint| (StatusCode::OK, with_secret(e, &secret));
    let endpoint = merchant_webhooks::rotate_secret(
        state.store.as_ref(),
        &state.secrets,
        caller.store,
        id,
        &secret,
        key.record_secret(&state.secrets, respond).as_ref(),
    )
    .await?;
    Ok(Json(respond(&endpoint).1))
}

/// Queue a `webhook.test` message to the endpoint, sent at once.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints/{id}/test", tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses(
        (status = 202, description = "Queued", body = QueuedView),
        (status = 404, description = "No such endpoint in this store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The endpoint is disabled", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn send_test(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<i64>,
) -> Result<(StatusCode, Json<QueuedView>), ApiError> {
    let respond = |q: &QueuedWebhook| (StatusCode::ACCEPTED, queued(q));
    let q = state
        .store
        .queue_webhook_test(caller.store, EndpointId(id), key.record(respond).as_ref())
        .await?;
    Ok((StatusCode::ACCEPTED, Json(queued(&q))))
}

/// The endpoint's latest delivery attempts, newest first.
#[utoipa::path(
    get, path = "/api/v1/webhook-endpoints/{id}/deliveries", tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint's id")),
    responses(
        (status = 200, description = "Its latest 100 attempts, newest first", body = DeliveryList),
        (status = 404, description = "No such endpoint in this store", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn list_deliveries(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<DeliveryList>, ApiError> {
    let items = state
        .store
        .webhook_deliveries(caller.store, EndpointId(id), MAX_DELIVERIES_LISTED)
        .await?;
    Ok(Json(DeliveryList {
        items: items.into_iter().map(delivery).collect(),
    }))
}

/// Send a delivery's message again, at once, with the same `webhook-id`.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints/{id}/deliveries/{delivery}/retry", tag = "webhooks",
    params(
        ("id" = i64, Path, description = "The endpoint's id"),
        ("delivery" = i64, Path, description = "The delivery's id"),
    ),
    responses(
        (status = 202, description = "Queued", body = QueuedView),
        (status = 404, description = "No such endpoint or delivery in this store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The endpoint is disabled", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn retry_delivery(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiPath((id, delivery)): ApiPath<(i64, i64)>,
) -> Result<(StatusCode, Json<QueuedView>), ApiError> {
    let respond = |q: &QueuedWebhook| (StatusCode::ACCEPTED, queued(q));
    let q = state
        .store
        .retry_webhook_delivery(
            caller.store,
            EndpointId(id),
            delivery,
            key.record(respond).as_ref(),
        )
        .await?;
    Ok((StatusCode::ACCEPTED, Json(queued(&q))))
}
