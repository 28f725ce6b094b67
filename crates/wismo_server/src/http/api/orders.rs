//! `/api/v1/orders`: create, list and read orders with their shipments.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Json;
use base64::Engine as _;
use serde::Deserialize;
use utoipa::IntoParams;
use wismo_domain::{NewOrder, Order, OrderId, OrderPatch, OrderToken};
use wismo_store::integrations::OrderDetails;

use super::views::{CreateOrder, OrderPage, OrderView, UpdateOrder};
use crate::http::auth::ApiCaller;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::http::idempotency::IdempotencyKey;
use crate::http::problem::{ApiError, Problem};
use crate::state::Core;

/// Create an order with its shipments. The order gets a private link to all its parcels
/// (`order_url`), and each shipment one to its own page (`tracking_url`).
#[utoipa::path(
    post, path = "/api/v1/orders", tag = "orders",
    request_body = CreateOrder,
    responses(
        (status = 201, description = "Created", body = OrderView),
        (status = 409, description = "The order number exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn create_order(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiJson(body): ApiJson<CreateOrder>,
) -> Result<(StatusCode, HeaderMap, Json<OrderView>), ApiError> {
    let now = state.clock.now();
    let mut new = NewOrder::parse(body.into(), now)?;
    state
        .promises
        .stamp(caller.store, std::slice::from_mut(&mut new), now)
        .await?;
    let respond = |order: &Order| (StatusCode::CREATED, OrderView::new(&state, order));
    let order = state
        .store
        .create_order_keyed(caller.store, &new, key.record(respond).as_ref())
        .await?;
    let mut headers = HeaderMap::new();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/orders/{}", order.id)) {
        headers.insert(header::LOCATION, location);
    }
    let (status, view) = respond(&order);
    Ok((status, headers, Json(view)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Orders per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]+$")]
    pub cursor: Option<String>,
}

/// List the store's orders, newest first, a page at a time.
#[utoipa::path(
    get, path = "/api/v1/orders", tag = "orders", params(ListParams),
    responses(
        (status = 200, description = "The page of orders", body = OrderPage),
        (status = 400, description = "A query parameter is not of its type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`limit` is out of range, or `cursor` is not one this API returned", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn list_orders(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<OrderPage>, ApiError> {
    let limit = params.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::invalid_field(
            "limit",
            "must be between 1 and 200",
        ));
    }
    let before = params.cursor.as_deref().map(decode_cursor).transpose()?;
    let orders = state
        .store
        .list_orders(caller.store, before, limit + 1)
        .await?;
    let more = orders.len() > limit as usize;
    let page: Vec<_> = orders.into_iter().take(limit as usize).collect();
    let next_cursor = if more {
        page.last().map(|o| encode_cursor(o.id))
    } else {
        None
    };
    Ok(Json(OrderPage {
        data: page.iter().map(|o| OrderView::new(&state, o)).collect(),
        next_cursor,
    }))
}

fn encode_cursor(id: OrderId) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("o:{id}"))
}

fn decode_cursor(cursor: &str) -> Result<OrderId, ApiError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| {
            text.strip_prefix("o:")
                .and_then(|id| id.parse::<i64>().ok())
        })
        .map(OrderId)
        .ok_or_else(|| ApiError::invalid_field("cursor", "is not a cursor this API returned"))
}

/// Get one order with its shipments.
#[utoipa::path(
    get, path = "/api/v1/orders/{id}", tag = "orders",
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order", body = OrderView),
        (status = 404, description = "No such order in this store", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn get_order(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OrderView>, ApiError> {
    let order = state.store.get_order(caller.store, OrderId(id)).await?;
    Ok(Json(OrderView::new(&state, &order)))
}

/// Revoke an order's private link and issue a new one (for a link sent to the wrong
/// person, say). The old link answers 404 from now on; the new one is in `order_url`. The
/// shipments' own links stay as they are.
#[utoipa::path(
    post, path = "/api/v1/orders/{id}/token", tag = "orders",
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order with its new link", body = OrderView),
        (status = 404, description = "No such order in this store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The new link collided with an existing one; try again", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn reissue_token(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OrderView>, ApiError> {
    let respond = |order: &Order| (StatusCode::OK, OrderView::new(&state, order));
    let order = state
        .store
        .reissue_order_token_keyed(
            caller.store,
            OrderId(id),
            &OrderToken::generate(),
            key.record(respond).as_ref(),
        )
        .await?;
    tracing::info!(order = id, "order link reissued");
    Ok(Json(respond(&order).1))
}

/// Correct an order's customer, destination or items (the same change a platform's order
/// update makes). A customer given replaces the one kept, except its consent; absent
/// sections stay.
#[utoipa::path(
    patch, path = "/api/v1/orders/{id}", tag = "orders",
    params(("id" = i64, Path, description = "Order id")),
    request_body = UpdateOrder,
    responses(
        (status = 200, description = "The corrected order", body = OrderView),
        (status = 404, description = "No such order in this store", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn update_order(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UpdateOrder>,
) -> Result<Json<OrderView>, ApiError> {
    let patch = OrderPatch::parse(body.into())?;
    let order = state.store.get_order(caller.store, OrderId(id)).await?;
    let details = OrderDetails {
        customer: patch.customer.unwrap_or(order.customer),
        destination: patch.destination.unwrap_or(order.destination),
        items: patch.items.unwrap_or(order.items),
        external_id: None,
    };
    let order = state
        .store
        .update_order_details(caller.store, order.id, &details)
        .await?;
    Ok(Json(OrderView::new(&state, &order)))
}

/// Cancel an order (the same as a platform's cancellation): `cancelled_at` is set and its
/// parcels are no longer tracked. Cancelling again changes nothing.
#[utoipa::path(
    post, path = "/api/v1/orders/{id}/cancel", tag = "orders",
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The cancelled order", body = OrderView),
        (status = 404, description = "No such order in this store", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn cancel_order(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OrderView>, ApiError> {
    let respond = |order: &Order| (StatusCode::OK, OrderView::new(&state, order));
    let order = state
        .store
        .cancel_order_keyed(caller.store, OrderId(id), key.record(respond).as_ref())
        .await?;
    tracing::info!(order = id, "order cancelled");
    Ok(Json(respond(&order).1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(
            decode_cursor(&encode_cursor(OrderId(42))).ok(),
            Some(OrderId(42))
        );
        assert!(decode_cursor("bm9wZQ").is_err());
        assert!(decode_cursor("!!!").is_err());
    }
}
