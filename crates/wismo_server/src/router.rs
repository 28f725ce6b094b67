//! Every URL wismo serves, and who may call it, in one declarative table ([`table`]): the
//! router is built from it, and the tests read it (`tests/it/isolation.rs` sends every
//! route a store's credentials with another store's ids), so a new route cannot escape
//! the isolation matrix.

mod table;

pub use table::{Access, RouteInfo, Table, Verb};

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::{Level, Span};

use crate::http::admin::connect::{self, keys as admin_keys, webhook_log, webhooks as admin_hooks};
use crate::http::admin::settings::{
    self, branding, carriers, domains, notifications, preview, texts,
};
use crate::http::admin::{
    self, bulk, export, forgot, home, messages, order, parcel, sign_in, team, welcome,
};
use crate::http::api::{self, imports, orders, shipments, webhook_endpoints as hooks};
use crate::http::problem::ApiError;
use crate::http::{
    MAX_BODY_BYTES, auth, edge, idempotency, integrations, metrics, ops, pages, webhooks,
};
use crate::state::AppState;

/// Every route wismo serves. A new route is a new line here, under the kind of caller it
/// is for; the isolation test then sends it another store's ids.
pub fn table() -> Table {
    use Access::{Admin, AdminSignIn, ApiKey, ApiUpload, Health, Ops, Public, Signed};
    use Verb::{Delete, Get, Options, Patch, Post, Put};
    let mut t = Table::new();

    // Store API (`/api/v1`, `Authorization: Bearer <key>`).
    t.add(ApiKey, Post, "/orders", orders::create_order);
    t.not_audited();
    t.add(ApiKey, Get, "/orders", orders::list_orders);
    t.add(ApiKey, Get, "/orders/{id}", orders::get_order);
    t.add(ApiKey, Patch, "/orders/{id}", orders::update_order);
    t.add(ApiKey, Post, "/orders/{id}/cancel", orders::cancel_order);
    t.add(ApiKey, Post, "/orders/{id}/token", orders::reissue_token);
    t.add(
        ApiKey,
        Post,
        "/orders/{id}/shipments",
        shipments::add_shipment,
    );
    t.not_audited();
    t.add(ApiKey, Get, "/shipments/{id}", shipments::get_shipment);
    t.add(ApiKey, Patch, "/shipments/{id}", shipments::update_shipment);
    t.add(
        ApiKey,
        Post,
        "/shipments/{id}/events",
        shipments::record_event,
    );
    t.not_audited();
    t.add(
        ApiKey,
        Post,
        "/shipments/{id}/token",
        shipments::reissue_token,
    );
    t.add(
        ApiKey,
        Get,
        "/orders/{id}/notifications",
        api::notifications::order_notifications,
    );
    t.add(
        ApiKey,
        Get,
        "/shipments/{id}/notifications",
        api::notifications::shipment_notifications,
    );
    t.add(
        ApiKey,
        Get,
        "/store/notifications",
        api::notifications::get_policy,
    );
    t.add(
        ApiKey,
        Put,
        "/store/notifications",
        api::notifications::put_policy,
    );
    t.add(
        ApiKey,
        Get,
        "/store/notifications/preview",
        api::notifications::preview,
    );
    t.add(ApiKey, Get, "/requests", api::requests::list_requests);
    t.add(ApiKey, Post, "/webhook-endpoints", hooks::create_endpoint);
    t.add(ApiKey, Get, "/webhook-endpoints", hooks::list_endpoints);
    t.add(ApiKey, Get, "/webhook-endpoints/{id}", hooks::get_endpoint);
    t.add(
        ApiKey,
        Delete,
        "/webhook-endpoints/{id}",
        hooks::delete_endpoint,
    );
    t.add(
        ApiKey,
        Post,
        "/webhook-endpoints/{id}/rotate",
        hooks::rotate_secret,
    );
    t.add(
        ApiKey,
        Post,
        "/webhook-endpoints/{id}/test",
        hooks::send_test,
    );
    t.add(
        ApiKey,
        Get,
        "/webhook-endpoints/{id}/deliveries",
        hooks::list_deliveries,
    );
    t.add(
        ApiKey,
        Post,
        "/webhook-endpoints/{id}/deliveries/{delivery}/retry",
        hooks::retry_delivery,
    );
    t.add(
        ApiKey,
        Get,
        "/integrations/{platform}/deliveries",
        api::integrations::list_deliveries,
    );
    t.add(ApiKey, Get, "/store", api::store::get_store);
    t.add(ApiKey, Put, "/store/branding", api::store::put_branding);
    t.add(ApiKey, Put, "/store/hosts", api::store::put_hosts);
    t.add(ApiKey, Put, "/store/promise", api::store::put_promise);
    t.add(ApiKey, Get, "/store/retention", api::privacy::get_retention);
    t.add(ApiKey, Put, "/store/retention", api::privacy::put_retention);
    t.add(
        ApiKey,
        Post,
        "/customers/erase",
        api::privacy::erase_customer,
    );
    t.add_limited(
        ApiKey,
        Put,
        "/store/logo",
        api::store::put_logo,
        api::store::MAX_LOGO_BYTES + 1,
    );
    // CSV imports: a file of up to 20 MiB as the body, read whole by the handler (the
    // idempotency layer reads 64 KiB at most; the handler keeps `Idempotency-Key` with the
    // import instead).
    t.add_limited(
        ApiUpload,
        Post,
        "/imports",
        imports::create_import,
        imports::MAX_IMPORT_BYTES + 1,
    );
    t.not_audited();
    t.add(ApiUpload, Get, "/imports/{id}", imports::get_import);

    // Merchant admin (`/admin`): pages behind a session cookie; every POST checks a CSRF
    // token; pages about the team, keys and secrets are for owners only.
    t.add(AdminSignIn, Get, "/login", sign_in::form);
    t.add(AdminSignIn, Post, "/login", sign_in::submit);
    t.add(AdminSignIn, Post, "/logout", sign_in::logout);
    t.add(
        AdminSignIn,
        Post,
        "/logout-everywhere",
        sign_in::logout_everywhere,
    );
    t.add(AdminSignIn, Get, "/forgot", forgot::form);
    t.add(AdminSignIn, Post, "/forgot", forgot::submit);
    t.add(AdminSignIn, Get, "/setup/{token}", sign_in::setup_form);
    t.add(AdminSignIn, Post, "/setup/{token}", sign_in::setup_submit);
    t.add(Admin, Get, "/", home::show);
    t.add(Admin, Get, "/orders/{id}", order::show);
    t.add(Admin, Post, "/orders/{id}/reissue", order::reissue);
    t.add(
        Admin,
        Post,
        "/orders/{id}/requests/{request}/handle",
        order::handle_request,
    );
    t.add(Admin, Post, "/orders/{id}/email-link", messages::email_link);
    t.add(
        Admin,
        Post,
        "/orders/{id}/notifications/{notification}/resend",
        messages::resend,
    );
    t.add(
        Admin,
        Post,
        "/orders/{id}/shipments/{shipment}/scans",
        parcel::add_scan,
    );
    t.add(
        Admin,
        Post,
        "/orders/{id}/shipments/{shipment}/correct",
        parcel::correct,
    );
    t.add(Admin, Get, "/export.csv", export::csv);
    t.add(Admin, Post, "/bulk", bulk::apply);
    t.add(Admin, Get, "/team", team::show);
    t.add(Admin, Post, "/team/invite", team::invite);
    t.add(Admin, Post, "/team/{id}/resend", team::resend);
    t.add(Admin, Post, "/team/{id}/remove", team::remove);
    t.add(Admin, Post, "/team/{id}/role", team::change_role);
    t.add(Admin, Get, "/audit", admin::audit::show);
    t.add(Admin, Get, "/privacy", admin::privacy::show);
    t.add(Admin, Post, "/privacy/erase", admin::privacy::erase);
    t.add(
        Admin,
        Post,
        "/privacy/retention",
        admin::privacy::set_retention,
    );
    // What connects the store: API keys (owners only), webhook endpoints and their logs,
    // platform feeds and CSV imports; keys and secrets are owners' (docs/ADMIN.md).
    t.add(Admin, Get, "/settings/keys", admin_keys::show);
    t.add(Admin, Post, "/settings/keys", admin_keys::create);
    t.add(
        Admin,
        Post,
        "/settings/keys/{id}/revoke",
        admin_keys::revoke,
    );
    t.add(Admin, Get, "/settings/webhooks", admin_hooks::list);
    t.add(Admin, Post, "/settings/webhooks", admin_hooks::create);
    t.add(Admin, Get, "/settings/webhooks/{id}", webhook_log::show);
    t.add(
        Admin,
        Post,
        "/settings/webhooks/{id}/rotate",
        admin_hooks::rotate,
    );
    t.add(
        Admin,
        Post,
        "/settings/webhooks/{id}/delete",
        admin_hooks::delete,
    );
    t.add(
        Admin,
        Post,
        "/settings/webhooks/{id}/test",
        webhook_log::test,
    );
    t.add(
        Admin,
        Post,
        "/settings/webhooks/{id}/deliveries/{delivery}/retry",
        webhook_log::retry,
    );
    t.add(
        Admin,
        Get,
        "/settings/integrations",
        connect::integrations::show,
    );
    t.add(
        Admin,
        Post,
        "/settings/integrations/{platform}/secret",
        connect::integrations::set_secret,
    );
    t.add(
        Admin,
        Post,
        "/settings/integrations/aggregators/{provider}/secret",
        connect::integrations::set_aggregator_secret,
    );
    t.add(
        Admin,
        Post,
        "/settings/integrations/link-key",
        connect::integrations::link_key,
    );
    t.add_limited(
        Admin,
        Post,
        "/settings/imports",
        connect::imports::create,
        imports::MAX_IMPORT_BYTES + 64 * 1024,
    );
    t.add(Admin, Get, "/settings/imports/{id}", connect::imports::show);
    // Settings: every section for owners and staff; domains changed by owners only.
    t.add(Admin, Get, "/settings", settings::index);
    t.add(Admin, Get, "/settings/branding", branding::show);
    t.add_limited(
        Admin,
        Post,
        "/settings/branding",
        branding::submit,
        settings::MAX_FORM_BYTES,
    );
    t.add_limited(
        Admin,
        Post,
        "/settings/branding/logo",
        branding::upload_logo,
        branding::MAX_UPLOAD_BYTES,
    );
    t.add(Admin, Get, "/settings/branding/texts", texts::show);
    t.add_limited(
        Admin,
        Post,
        "/settings/branding/texts",
        texts::submit,
        texts::MAX_FORM_BYTES,
    );
    t.add(Admin, Get, "/settings/branding/sample", preview::tracking);
    t.add(Admin, Get, "/settings/branding/theme.css", preview::theme);
    t.add(
        Admin,
        Get,
        "/settings/branding/email",
        preview::branding_email,
    );
    t.add(Admin, Get, "/settings/notifications", notifications::show);
    t.add_limited(
        Admin,
        Post,
        "/settings/notifications",
        notifications::submit,
        settings::MAX_FORM_BYTES,
    );
    t.add(
        Admin,
        Get,
        "/settings/notifications/email",
        preview::notification_email,
    );
    t.add(Admin, Get, "/settings/domains", domains::show);
    t.add(Admin, Post, "/settings/domains", domains::submit);
    t.add(Admin, Get, "/settings/carriers", carriers::show);
    // The setup guide after the first run (and from the settings): each step saves through
    // its settings page's code; secrets and keys for owners only.
    t.add(Admin, Get, "/welcome", welcome::show);
    t.add(Admin, Get, "/welcome/brand", welcome::brand::show);
    t.add_limited(
        Admin,
        Post,
        "/welcome/brand",
        welcome::brand::submit,
        settings::MAX_FORM_BYTES,
    );
    t.add_limited(
        Admin,
        Post,
        "/welcome/brand/logo",
        welcome::brand::upload_logo,
        branding::MAX_UPLOAD_BYTES,
    );
    t.add(Admin, Get, "/welcome/orders", welcome::orders::show);
    t.add(
        Admin,
        Post,
        "/welcome/orders/secret",
        welcome::orders::set_secret,
    );
    t.add(
        Admin,
        Post,
        "/welcome/orders/key",
        welcome::orders::create_key,
    );
    t.add(Admin, Get, "/welcome/email", welcome::email::show);
    t.add(
        Admin,
        Post,
        "/welcome/email/test",
        welcome::email::send_test,
    );

    // Public, no credentials: the store comes from the path, the host or a private token.
    t.add(Public, Get, "/api/v1/openapi.json", api::openapi_json);
    t.add(Public, Get, "/t/{token}", pages::tracking::show);
    t.add(Public, Get, "/u/{token}", pages::unsubscribe::show);
    t.add_limited(
        Public,
        Post,
        "/u/{token}",
        pages::unsubscribe::submit,
        pages::unsubscribe::MAX_UNSUBSCRIBE_BYTES,
    );
    t.add_limited(
        Public,
        Post,
        "/t/{token}/requests",
        pages::requests::create,
        pages::requests::MAX_REQUEST_BYTES,
    );
    t.add_limited(
        Public,
        Post,
        "/t/{token}/rating",
        pages::rating::rate,
        pages::rating::MAX_RATING_BYTES,
    );
    t.add(Public, Get, "/{store}/track", pages::lookup::form);
    t.add_limited(
        Public,
        Post,
        "/{store}/track",
        pages::lookup::submit,
        pages::lookup::MAX_LOOKUP_BYTES,
    );
    // Order links in a store platform's own emails, signed with the store's key.
    t.add(
        Public,
        Get,
        "/{store}/o/{platform}/{id}",
        pages::order_link::show,
    );
    t.add(Public, Get, "/{store}/theme.css", pages::theme::stylesheet);
    t.add(Public, Get, "/{store}/widget.js", pages::widget::script);
    t.add(Public, Get, "/{store}/promise.json", pages::promise::answer);
    t.add(Public, Get, "/{store}/promise.js", pages::promise::script);
    t.add_limited(
        Public,
        Post,
        "/{store}/track.json",
        pages::widget::lookup,
        pages::lookup::MAX_LOOKUP_BYTES,
    );
    t.add(
        Public,
        Options,
        "/{store}/track.json",
        pages::widget::preflight,
    );
    // A store's own domain: its lookup at /track, its platform's order links at
    // /o/{platform}/{id} (its pages at /t/{token}).
    t.add(Public, Get, "/track", pages::lookup::form_on_domain);
    t.add_limited(
        Public,
        Post,
        "/track",
        pages::lookup::submit_on_domain,
        pages::lookup::MAX_LOOKUP_BYTES,
    );
    t.add(
        Public,
        Get,
        "/o/{platform}/{id}",
        pages::order_link::show_on_domain,
    );
    t.add(Public, Get, "/{store}/logo", pages::theme::logo);
    t.add(Public, Get, "/{store}/items/{key}", pages::items::thumbnail);
    t.add(Public, Get, "/static/wismo.css", pages::stylesheet);
    t.add(Public, Get, "/static/admin.css", admin::stylesheet);
    t.add(Public, Get, "/static/favicon.svg", pages::theme::favicon);
    t.add(Public, Get, "/favicon.ico", pages::theme::favicon);

    // Aggregator webhooks and store platforms' orders: authenticated by their signature
    // with the store's secret.
    t.add_limited(
        Signed,
        Post,
        "/webhooks/{provider}/{store}",
        webhooks::receive,
        webhooks::MAX_WEBHOOK_BYTES,
    );
    t.add_limited(
        Signed,
        Post,
        "/integrations/{platform}/{store}",
        integrations::receive,
        integrations::MAX_PLATFORM_BODY_BYTES,
    );

    t.add(Health, Get, "/healthz", ops::healthz);
    t.add(Ops, Get, "/readyz", ops::readyz);
    t.add(Ops, Get, "/metrics", metrics::export);
    t
}

pub fn router(state: AppState) -> Router {
    let t = table();
    // `/readyz` and `/metrics` move to their own listener when one is configured.
    let health = if state.config.metrics_listen.is_some() {
        t.group(&[Access::Health], &state)
    } else {
        t.group(&[Access::Health, Access::Ops], &state)
    };
    let api_v1 =
        t.group(&[Access::ApiKey], &state)
            .route_layer(middleware::from_fn_with_state(
                state.clone(),
                idempotency::idempotent_posts,
            ))
            .route_layer(middleware::from_fn_with_state(
                state.clone(),
                auth::require_api_key,
            ))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .merge(t.group(&[Access::ApiUpload], &state).route_layer(
                middleware::from_fn_with_state(state.clone(), auth::require_api_key),
            ))
            // The API answers on wismo's own host only, never on a store's custom domain.
            .route_layer(middleware::from_fn_with_state(
                state.clone(),
                auth::own_host_only,
            ));
    let admin = t
        .group(&[Access::AdminSignIn, Access::Admin], &state)
        .route_layer(middleware::from_fn_with_state(state.clone(), admin::guard))
        .layer(DefaultBodyLimit::max(sign_in::MAX_FORM_BYTES));

    let app = t
        .group(&[Access::Public, Access::Signed], &state)
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
    let app = table()
        .group(&[Access::Health, Access::Ops], &state)
        .fallback(not_found);
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

async fn not_found(req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        ApiError::not_found("resource").into_response()
    } else {
        pages::not_found()
    }
}
