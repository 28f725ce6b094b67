//! Every URL wismo serves, and its auth, on one screen.

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use std::time::Duration;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::http::api::{self, orders, shipments};
use crate::http::problem::ApiError;
use crate::http::{MAX_BODY_BYTES, auth, idempotency, metrics, ops, pages, webhooks};
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    // Store API: `Authorization: Bearer <key>`; POSTs honour `Idempotency-Key`.
    let api_v1 = Router::new()
        .route(
            "/orders",
            post(orders::create_order).get(orders::list_orders),
        )
        .route("/orders/{id}", get(orders::get_order))
        .route("/orders/{id}/token", post(orders::reissue_token))
        .route("/orders/{id}/shipments", post(shipments::add_shipment))
        .route(
            "/shipments/{id}",
            get(shipments::get_shipment).patch(shipments::update_shipment),
        )
        .route("/shipments/{id}/events", post(shipments::record_event))
        .route("/shipments/{id}/token", post(shipments::reissue_token))
        .route("/requests", get(api::requests::list_requests))
        .route("/store", get(api::store::get_store))
        .route("/store/branding", put(api::store::put_branding))
        .route("/store/hosts", put(api::store::put_hosts))
        .route(
            "/store/logo",
            put(api::store::put_logo).layer(DefaultBodyLimit::max(api::store::MAX_LOGO_BYTES + 1)),
        )
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::idempotent_posts,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_api_key,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));

    Router::new()
        // Public, no auth.
        .route("/api/v1/openapi.json", get(api::openapi_json))
        .route("/t/{token}", get(pages::tracking::show))
        .route(
            "/t/{token}/requests",
            post(pages::requests::create)
                .layer(DefaultBodyLimit::max(pages::requests::MAX_REQUEST_BYTES)),
        )
        .route(
            "/{store}/track",
            get(pages::lookup::form)
                .post(pages::lookup::submit)
                .layer(DefaultBodyLimit::max(pages::lookup::MAX_LOOKUP_BYTES)),
        )
        .route("/{store}/theme.css", get(pages::theme::stylesheet))
        .route("/{store}/widget.js", get(pages::widget::script))
        .route(
            "/{store}/track.json",
            post(pages::widget::lookup)
                .options(pages::widget::preflight)
                .layer(DefaultBodyLimit::max(pages::lookup::MAX_LOOKUP_BYTES)),
        )
        // A store's own domain: its lookup at /track (its pages at /t/{token}).
        .route(
            "/track",
            get(pages::lookup::form_on_domain)
                .post(pages::lookup::submit_on_domain)
                .layer(DefaultBodyLimit::max(pages::lookup::MAX_LOOKUP_BYTES)),
        )
        .route("/{store}/logo", get(pages::theme::logo))
        .route("/static/wismo.css", get(pages::stylesheet))
        // Aggregator webhooks: authenticated by their signature with the store's secret.
        .route(
            "/webhooks/{provider}/{store}",
            post(webhooks::receive).layer(DefaultBodyLimit::max(webhooks::MAX_WEBHOOK_BYTES)),
        )
        .merge(ops_routes())
        .nest("/api/v1", api_v1)
        .fallback(not_found)
        // Not-found and error pages in the visitor's language.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            pages::localize_notices,
        ))
        .layer(middleware::from_fn(metrics::record))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(
            // Spans name the route template, never the URI: tokens in paths are secrets.
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let route = req
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or("unmatched", MatchedPath::as_str);
                    tracing::info_span!("http", method = %req.method(), route)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// What a `--role worker` process serves: health and metrics only.
pub fn ops_router(state: AppState) -> Router {
    ops_routes().fallback(not_found).with_state(state)
}

/// Health and metrics, served by every process.
fn ops_routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(metrics::export))
}

async fn not_found(req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        ApiError::not_found("resource").into_response()
    } else {
        pages::not_found()
    }
}
