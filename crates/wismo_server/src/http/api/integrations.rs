//! `/api/v1/integrations/{platform}/deliveries`: what a store's platform sent and what
//! became of it (the order it created or updated, why it failed or was refused).

use axum::Extension;
use axum::extract::State;
use axum::response::Json;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};
use wismo_domain::platform::Platform;
use wismo_store::integrations::PlatformDelivery;

use crate::http::auth::ApiCaller;
use crate::http::extract::{ApiPath, ApiQuery};
use crate::http::problem::{ApiError, Problem};
use crate::state::Core;

fn outcome_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([
            "queued", "waiting", "created", "updated", "ignored", "refused", "failed",
        ]))
        .description(Some(
            "`queued` (not processed yet), `waiting` (a fulfilment before its order), `created`, \
             `updated`, `ignored` (nothing for wismo), `refused` (bad signature; the body is not kept) \
             or `failed` (see `detail`).",
        ))
}

/// One delivery from a platform.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlatformDeliveryView {
    pub id: i64,
    /// `shopify`, `woocommerce` or `generic`.
    pub platform: String,
    /// The platform's topic (`orders/create`, `order.updated`, `fulfillment.created`, …).
    pub topic: String,
    /// The platform's id of the delivery; a delivery sent again is kept once.
    pub webhook_id: String,
    pub received_at: DateTime<Utc>,
    #[schema(schema_with = outcome_schema)]
    pub outcome: String,
    /// The order it created or updated.
    pub order_id: Option<i64>,
    /// What it did, or why it failed or was refused.
    pub detail: Option<String>,
    pub processed_at: Option<DateTime<Utc>>,
}

/// A page of deliveries, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlatformDeliveryPage {
    pub data: Vec<PlatformDeliveryView>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Deliveries per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]+$")]
    pub cursor: Option<String>,
}

fn view(d: &PlatformDelivery) -> PlatformDeliveryView {
    PlatformDeliveryView {
        id: d.id,
        platform: d.platform.as_str().to_owned(),
        topic: d.topic.clone(),
        webhook_id: d.webhook_id.clone(),
        received_at: d.received_at,
        outcome: d.outcome.as_str().to_owned(),
        order_id: d.order_id.map(|o| o.0),
        detail: d.detail.clone(),
        processed_at: d.processed_at,
    }
}

fn encode_cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("d:{id}"))
}

fn decode_cursor(cursor: &str) -> Result<i64, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("d:").and_then(|id| id.parse().ok()))
        .ok_or_else(|| ApiError::invalid_field("cursor", "is not a cursor this API returned"))
}

/// The deliveries a platform sent the store, newest first, a page at a time: refused ones
/// (a bad signature) too, without their body.
#[utoipa::path(
    get, path = "/api/v1/integrations/{platform}/deliveries", tag = "integrations",
    params(
        ("platform" = String, Path, description = "`shopify`, `woocommerce` or `generic`", pattern = "^(shopify|woocommerce|generic)$"),
        ListParams,
    ),
    responses(
        (status = 200, description = "The page of deliveries", body = PlatformDeliveryPage),
        (status = 404, description = "No such platform", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`limit` is out of range, or `cursor` is not one this API returned", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn list_deliveries(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(platform): ApiPath<String>,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<PlatformDeliveryPage>, ApiError> {
    let platform = Platform::parse(&platform).map_err(|_| ApiError::not_found("platform"))?;
    let limit = params.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::invalid_field(
            "limit",
            "must be between 1 and 200",
        ));
    }
    let before = params.cursor.as_deref().map(decode_cursor).transpose()?;
    let found = state
        .store
        .list_platform_deliveries(caller.store, platform, before, limit + 1)
        .await?;
    let more = found.len() > limit as usize;
    let page: Vec<_> = found.into_iter().take(limit as usize).collect();
    Ok(Json(PlatformDeliveryPage {
        next_cursor: if more {
            page.last().map(|d| encode_cursor(d.id))
        } else {
            None
        },
        data: page.iter().map(view).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(decode_cursor(&encode_cursor(42)).ok(), Some(42));
        assert!(decode_cursor("bm9wZQ").is_err());
    }
}
