//! Every URL wismo serves, and its auth, on one screen.

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use std::time::Duration;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::{Level, Span};

use crate::http::admin::{self, bulk, export, home, messages, order, parcel, sign_in, team};
use crate::http::api::{self, imports, orders, shipments, webhook_endpoints as hooks};
use crate::http::problem::ApiError;
use crate::http::{
    MAX_BODY_BYTES, auth, edge, idempotency, integrations, metrics, ops, pages, webhooks,
};
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    // `/readyz` and `/metrics` move to their own listener when one is configured.
    let health = if state.config.metrics_listen.is_some() {
        Router::new().route("/healthz", get(ops::healthz))
    } else {
        ops_routes()
    };
    // Store API: `Authorization: Bearer <key>`; POSTs honour `Idempotency-Key`.
    let api_v1 = Router::new()
        .route(
            "/orders",
            post(orders::create_order).get(orders::list_orders),
        )
        .route(
            "/orders/{id}",
            get(orders::get_order).patch(orders::update_order),
        )
        .route("/orders/{id}/cancel", post(orders::cancel_order))
        .route("/orders/{id}/token", post(orders::reissue_token))
        .route("/orders/{id}/shipments", post(shipments::add_shipment))
        .route(
            "/shipments/{id}",
            get(shipments::get_shipment).patch(shipments::update_shipment),
        )
        .route("/shipments/{id}/events", post(shipments::record_event))
        .route("/shipments/{id}/token", post(shipments::reissue_token))
        .route(
            "/orders/{id}/notifications",
            get(api::notifications::order_notifications),
        )
        .route(
            "/shipments/{id}/notifications",
            get(api::notifications::shipment_notifications),
        )
        .route(
            "/store/notifications",
            get(api::notifications::get_policy).put(api::notifications::put_policy),
        )
        .route(
            "/store/notifications/preview",
            get(api::notifications::preview),
        )
        .route("/requests", get(api::requests::list_requests))
        .route(
            "/webhook-endpoints",
            post(hooks::create_endpoint).get(hooks::list_endpoints),
        )
        .route(
            "/webhook-endpoints/{id}",
            get(hooks::get_endpoint).delete(hooks::delete_endpoint),
        )
        .route("/webhook-endpoints/{id}/rotate", post(hooks::rotate_secret))
        .route("/webhook-endpoints/{id}/test", post(hooks::send_test))
        .route(
            "/webhook-endpoints/{id}/deliveries",
            get(hooks::list_deliveries),
        )
        .route(
            "/webhook-endpoints/{id}/deliveries/{delivery}/retry",
            post(hooks::retry_delivery),
        )
        .route(
            "/integrations/{platform}/deliveries",
            get(api::integrations::list_deliveries),
        )
        .route("/store", get(api::store::get_store))
        .route("/store/branding", put(api::store::put_branding))
        .route("/store/hosts", put(api::store::put_hosts))
        .route("/store/promise", put(api::store::put_promise))
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
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // CSV imports: a file of up to 20 MiB as the body, read whole by the handler (the
        // idempotency layer reads 64 KiB at most; the handler keeps `Idempotency-Key` with
        // the import instead).
        .merge(
            Router::new()
                .route(
                    "/imports",
                    post(imports::create_import)
                        .layer(DefaultBodyLimit::max(imports::MAX_IMPORT_BYTES + 1)),
                )
                .route("/imports/{id}", get(imports::get_import))
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    auth::require_api_key,
                )),
        );

    // Merchant admin: pages behind a session cookie (`SignedIn`); every POST checks a CSRF
    // token; the team page is for owners only; not served on stores' custom domains.
    let admin = Router::new()
        .route("/", get(home::show))
        .route("/export.csv", get(export::csv))
        .route("/bulk", post(bulk::apply))
        .route("/login", get(sign_in::form).post(sign_in::submit))
        .route("/logout", post(sign_in::logout))
        .route("/logout-everywhere", post(sign_in::logout_everywhere))
        .route(
            "/setup/{token}",
            get(sign_in::setup_form).post(sign_in::setup_submit),
        )
        .route("/orders/{id}", get(order::show))
        .route("/orders/{id}/reissue", post(order::reissue))
        .route(
            "/orders/{id}/requests/{request}/handle",
            post(order::handle_request),
        )
        .route("/orders/{id}/email-link", post(messages::email_link))
        .route(
            "/orders/{id}/notifications/{notification}/resend",
            post(messages::resend),
        )
        .route(
            "/orders/{id}/shipments/{shipment}/scans",
            post(parcel::add_scan),
        )
        .route(
            "/orders/{id}/shipments/{shipment}/correct",
            post(parcel::correct),
        )
        .route("/team", get(team::show))
        .route_layer(middleware::from_fn_with_state(state.clone(), admin::guard))
        .layer(DefaultBodyLimit::max(sign_in::MAX_FORM_BYTES));

    let app = Router::new()
        // Public, no auth.
        .route("/api/v1/openapi.json", get(api::openapi_json))
        .route("/t/{token}", get(pages::tracking::show))
        .route(
            "/u/{token}",
            get(pages::unsubscribe::show)
                .post(pages::unsubscribe::submit)
                .layer(DefaultBodyLimit::max(
                    pages::unsubscribe::MAX_UNSUBSCRIBE_BYTES,
                )),
        )
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
        // Order links in a store platform's own emails, signed with the store's key.
        .route("/{store}/o/{platform}/{id}", get(pages::order_link::show))
        .route("/{store}/theme.css", get(pages::theme::stylesheet))
        .route("/{store}/widget.js", get(pages::widget::script))
        .route("/{store}/promise.json", get(pages::promise::answer))
        .route("/{store}/promise.js", get(pages::promise::script))
        .route(
            "/{store}/track.json",
            post(pages::widget::lookup)
                .options(pages::widget::preflight)
                .layer(DefaultBodyLimit::max(pages::lookup::MAX_LOOKUP_BYTES)),
        )
        // A store's own domain: its lookup at /track, its platform's order links at
        // /o/{platform}/{id} (its pages at /t/{token}).
        .route(
            "/track",
            get(pages::lookup::form_on_domain)
                .post(pages::lookup::submit_on_domain)
                .layer(DefaultBodyLimit::max(pages::lookup::MAX_LOOKUP_BYTES)),
        )
        .route("/o/{platform}/{id}", get(pages::order_link::show_on_domain))
        .route("/{store}/logo", get(pages::theme::logo))
        .route("/{store}/items/{key}", get(pages::items::thumbnail))
        .route("/static/wismo.css", get(pages::stylesheet))
        .route("/static/admin.css", get(admin::stylesheet))
        .route("/static/favicon.svg", get(pages::theme::favicon))
        .route("/favicon.ico", get(pages::theme::favicon))
        // Aggregator webhooks: authenticated by their signature with the store's secret.
        .route(
            "/webhooks/{provider}/{store}",
            post(webhooks::receive).layer(DefaultBodyLimit::max(webhooks::MAX_WEBHOOK_BYTES)),
        )
        // Store platforms' orders: authenticated by their signature with the store's secret.
        .route(
            "/integrations/{platform}/{store}",
            post(integrations::receive)
                .layer(DefaultBodyLimit::max(integrations::MAX_PLATFORM_BODY_BYTES)),
        )
        .merge(health)
        .nest("/api/v1", api_v1)
        .nest("/admin", admin)
        .fallback(not_found)
        // Not-found and error pages in the visitor's language.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            pages::localize_notices,
        ));
    edge_layers(app, &state).with_state(state)
}

/// What the ops listener serves (`metrics_listen`, or `listen` for `--role worker|jobs`):
/// health, readiness and metrics only.
pub fn ops_router(state: AppState) -> Router {
    let app = ops_routes().fallback(not_found);
    edge_layers(app, &state).with_state(state)
}

/// What every listener puts around its routes, innermost first: stalled bodies answered 408,
/// unknown methods and doubled `Host` headers refused, then metrics, the 30-second limit
/// and the request's span.
fn edge_layers(app: Router<AppState>, state: &AppState) -> Router<AppState> {
    app.layer(middleware::from_fn_with_state(
        state.config.http.body_timeout,
        edge::stalled_bodies,
    ))
    .layer(middleware::from_fn(edge::screen))
    .layer(middleware::from_fn(metrics::record))
    .layer(TimeoutLayer::with_status_code(
        StatusCode::SERVICE_UNAVAILABLE,
        Duration::from_secs(30),
    ))
    .layer(
        // Spans name the route template, never the URI (tokens in paths are secrets), and
        // the method by its bounded label.
        TraceLayer::new_for_http()
            .make_span_with(|req: &Request| {
                let route = req
                    .extensions()
                    .get::<MatchedPath>()
                    .map_or("unmatched", MatchedPath::as_str);
                let method = edge::method_label(req.method());
                tracing::info_span!("http", method, route)
            })
            .on_response(DefaultOnResponse::new().level(Level::INFO))
            .on_failure(
                |class: ServerErrorsFailureClass, latency: Duration, _: &Span| {
                    // A method wismo does not serve is the client's doing, not a failure.
                    let made_up = StatusCode::NOT_IMPLEMENTED;
                    if !matches!(class, ServerErrorsFailureClass::StatusCode(s) if s == made_up) {
                        tracing::error!(classification = %class, ?latency, "response failed");
                    }
                },
            ),
    )
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
