//! `/api/v1/shipments` and `/api/v1/orders/{id}/shipments`: add, update and read shipments,
//! and record scans by hand for couriers without an API.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Json;
use wismo_domain::{
    EventSource, EventWindow, NewEvent, NewShipment, OrderId, Shipment, ShipmentId, ShipmentPatch,
    StoreId, TrackingEvent, TrackingUpdate,
};
use wismo_store::ShipmentEvents;

use super::views::{
    CreateEvent, EventView, ShipmentInput, ShipmentSummary, ShipmentView, UpdateShipment,
};
use crate::http::auth::ApiCaller;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::idempotency::IdempotencyKey;
use crate::http::problem::{ApiError, Problem};
use crate::state::Core;

/// Add a shipment to an order (a second parcel, or a tracking number that came later).
#[utoipa::path(
    post, path = "/api/v1/orders/{id}/shipments", tag = "shipments",
    params(("id" = i64, Path, description = "Order id")),
    request_body = ShipmentInput,
    responses(
        (status = 201, description = "Added", body = ShipmentSummary),
        (status = 409, description = "The new link collided with an existing one; try again", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order in this store", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn add_shipment(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiPath(order): ApiPath<i64>,
    ApiJson(body): ApiJson<ShipmentInput>,
) -> Result<(StatusCode, Json<ShipmentSummary>), ApiError> {
    let new = NewShipment::parse(body.into())?;
    let respond = |s: &Shipment| (StatusCode::CREATED, ShipmentSummary::new(&state, s));
    let shipment = state
        .store
        .add_shipment_keyed(
            caller.store,
            OrderId(order),
            &new,
            key.record(respond).as_ref(),
        )
        .await?;
    let (status, view) = respond(&shipment);
    Ok((status, Json(view)))
}

/// Correct a shipment's tracking number, carrier or service.
#[utoipa::path(
    patch, path = "/api/v1/shipments/{id}", tag = "shipments",
    params(("id" = i64, Path, description = "Shipment id")),
    request_body = UpdateShipment,
    responses(
        (status = 200, description = "The corrected shipment", body = ShipmentView),
        (status = 404, description = "No such shipment in this store", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn update_shipment(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UpdateShipment>,
) -> Result<Json<ShipmentView>, ApiError> {
    let patch = ShipmentPatch::parse(body.into())?;
    state
        .store
        .update_shipment(caller.store, ShipmentId(id), &patch)
        .await?;
    Ok(Json(
        shipment_view(&state, caller.store, ShipmentId(id)).await?,
    ))
}

/// Get a shipment with its events, oldest first.
#[utoipa::path(
    get, path = "/api/v1/shipments/{id}", tag = "shipments",
    params(("id" = i64, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "The shipment", body = ShipmentView),
        (status = 404, description = "No such shipment in this store", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn get_shipment(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ShipmentView>, ApiError> {
    Ok(Json(
        shipment_view(&state, caller.store, ShipmentId(id)).await?,
    ))
}

/// Revoke a shipment's private link and issue a new one (for a link sent to the wrong
/// person, say). The old link answers 404 from now on; the new one is in `tracking_url`.
#[utoipa::path(
    post, path = "/api/v1/shipments/{id}/token", tag = "shipments",
    params(("id" = i64, Path, description = "Shipment id")),
    responses(
        (status = 200, description = "The shipment with its new link", body = ShipmentView),
        (status = 404, description = "No such shipment in this store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The new link collided with an existing one; try again", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn reissue_token(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ShipmentView>, ApiError> {
    let token = wismo_domain::ShipmentToken::generate();
    let respond = |s: &ShipmentEvents| (StatusCode::OK, view_of(&state, &s.shipment, &s.events));
    state
        .store
        .reissue_token_keyed(
            caller.store,
            ShipmentId(id),
            &token,
            key.record(respond).as_ref(),
        )
        .await?;
    tracing::info!(shipment = id, "private link reissued");
    Ok(Json(
        shipment_view(&state, caller.store, ShipmentId(id)).await?,
    ))
}

/// Record a scan by hand. The shipment's stage follows the transition rules: a late scan
/// never moves a delivered parcel back. The same scan twice is stored once (200 the second time).
#[utoipa::path(
    post, path = "/api/v1/shipments/{id}/events", tag = "shipments",
    params(("id" = i64, Path, description = "Shipment id")),
    request_body = CreateEvent,
    responses(
        (status = 201, description = "Recorded", body = ShipmentView),
        (status = 200, description = "The same event was already recorded", body = ShipmentView),
        (status = 404, description = "No such shipment in this store", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn record_event(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
    ApiPath(id): ApiPath<i64>,
    ApiJson(mut body): ApiJson<CreateEvent>,
) -> Result<(StatusCode, Json<ShipmentView>), ApiError> {
    let shipment = state
        .store
        .get_shipment(caller.store, ShipmentId(id))
        .await?;
    let order = state
        .store
        .get_order(caller.store, shipment.order_id)
        .await?;
    let now = state.clock.now();
    let window = EventWindow::new(order.created_at, now);
    let facts = match body.facts.take() {
        Some(facts) => wismo_domain::ParcelFacts::from(facts)
            .checked()
            .map_err(|e| ApiError::invalid_field("facts", e.to_string()))?,
        None => Default::default(),
    };
    let event = NewEvent::parse_manual(body.into(), window, now)?;
    let status = |inserted: usize| {
        if inserted > 0 {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        }
    };
    let respond =
        |s: &ShipmentEvents| (status(s.inserted), view_of(&state, &s.shipment, &s.events));
    let recorded = state
        .ingest
        .update_keyed(
            caller.store,
            ShipmentId(id),
            &TrackingUpdate {
                facts,
                ..TrackingUpdate::events(vec![event])
            },
            EventSource::Manual,
            key.record(respond).as_ref(),
        )
        .await?;
    let status = status(recorded.inserted);
    Ok((
        status,
        Json(shipment_view(&state, caller.store, recorded.shipment.id).await?),
    ))
}

async fn shipment_view(
    state: &Core,
    store: StoreId,
    id: ShipmentId,
) -> Result<ShipmentView, ApiError> {
    let shipment = state.store.get_shipment(store, id).await?;
    let events = state.store.list_events(store, id).await?;
    Ok(view_of(state, &shipment, &events))
}

fn view_of(state: &Core, shipment: &Shipment, events: &[TrackingEvent]) -> ShipmentView {
    ShipmentView {
        shipment: ShipmentSummary::new(state, shipment),
        events: events.iter().map(EventView::from).collect(),
    }
}
