//! A customer's personal data on request, and the store's retention of finished orders
//! (`wismo_domain::privacy` has the rules).

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use wismo_domain::privacy::{ErasureRequest, Retention};
use wismo_store::privacy::ErasureCounts;

use crate::http::auth::ApiCaller;
use crate::http::extract::ApiJson;
use crate::http::idempotency::IdempotencyKey;
use crate::http::problem::{ApiError, Problem};
use crate::state::Core;

/// Whose personal data to erase: their email, their phone number, or both.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErasureInput {
    #[schema(example = "ana@example.com")]
    pub email: Option<String>,
    #[schema(example = "+14155550100")]
    pub phone: Option<String>,
}

/// What was erased.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureView {
    /// Orders whose customer's name, email, phone and street-level address were erased.
    pub orders: u64,
    /// Messages whose address and errors were erased.
    pub notifications: u64,
    /// Customer requests whose words (and the store's notes on them) were erased.
    pub requests: u64,
    /// Platform deliveries whose raw bodies were erased.
    pub platform_deliveries: u64,
}

impl From<ErasureCounts> for ErasureView {
    fn from(c: ErasureCounts) -> Self {
        Self {
            orders: c.orders,
            notifications: c.notifications,
            requests: c.requests,
            platform_deliveries: c.platform_deliveries,
        }
    }
}

/// How long finished orders keep their customer's personal data.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionSettings {
    /// Days after an order finished (every parcel delivered, returned, expired or cancelled,
    /// or the order cancelled) before its personal data is erased, 30 to 3650; `null` keeps
    /// it (the default).
    #[schema(minimum = 30, maximum = 3650, example = 365)]
    pub days: Option<u32>,
}

/// Erase a customer's personal data in every order of the store that names their email or
/// phone: name, email, phone, city, region and postal code; their messages' addresses;
/// what they wrote in requests; the raw bodies the store's platform sent about those orders.
/// Order numbers, items, parcels and scans stay. An opt-out stays too.
#[utoipa::path(
    post, path = "/api/v1/customers/erase", tag = "privacy",
    request_body = ErasureInput,
    responses(
        (status = 200, description = "What was erased (all zero when no order names them)", body = ErasureView),
        (status = 422, description = "Neither an email nor a phone, or one is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn erase_customer(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiJson(input): ApiJson<ErasureInput>,
) -> Result<Json<ErasureView>, ApiError> {
    let who = ErasureRequest::parse(input.email.as_deref(), input.phone.as_deref())?;
    let respond = |counts: &ErasureCounts| (StatusCode::OK, ErasureView::from(*counts));
    let counts = state
        .store
        .erase_customer(caller.store, &who, key.record(respond).as_ref())
        .await?;
    tracing::info!(
        store = caller.store.0,
        orders = counts.orders,
        "erased a customer's personal data"
    );
    Ok(Json(counts.into()))
}

/// How long finished orders keep their customer's personal data.
#[utoipa::path(
    get, path = "/api/v1/store/retention", tag = "privacy",
    responses((status = 200, description = "The store's retention", body = RetentionSettings)),
    security(("api_key" = []))
)]
pub async fn get_retention(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
) -> Result<Json<RetentionSettings>, ApiError> {
    let days = state.store.retention(caller.store).await?;
    Ok(Json(RetentionSettings { days }))
}

/// Set how long finished orders keep their customer's personal data (`null`: kept). A
/// daily job erases what is older.
#[utoipa::path(
    put, path = "/api/v1/store/retention", tag = "privacy",
    request_body = RetentionSettings,
    responses(
        (status = 200, description = "The store's new retention", body = RetentionSettings),
        (status = 422, description = "Days out of 30–3650", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn put_retention(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiJson(input): ApiJson<RetentionSettings>,
) -> Result<Json<RetentionSettings>, ApiError> {
    let retention = input.days.map(Retention::days).transpose()?;
    state.store.set_retention(caller.store, retention).await?;
    Ok(Json(RetentionSettings {
        days: retention.map(Retention::get),
    }))
}
