//! The REST API under `/api/v1`, and its OpenAPI 3.1 document generated from the handlers.

pub mod facts;
pub mod imports;
pub mod integrations;
pub mod limits;
pub mod notifications;
pub mod orders;
pub mod privacy;
pub mod requests;
pub mod shipments;
pub mod store;
pub mod views;
pub mod webhook_endpoints;

use axum::response::{IntoResponse, Response};
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "wismo API",
        description = "Orders, shipments and tracking events of one store. Authenticate with the store's API key as `Authorization: Bearer <key>`. Errors are RFC 9457 problem details (`application/problem+json`). POST requests accept an `Idempotency-Key` header.",
        license(name = "AGPL-3.0-or-later"),
    ),
    paths(
        orders::create_order,
        orders::list_orders,
        orders::get_order,
        orders::reissue_token,
        orders::update_order,
        orders::cancel_order,
        shipments::add_shipment,
        shipments::get_shipment,
        shipments::update_shipment,
        shipments::record_event,
        shipments::reissue_token,
        requests::list_requests,
        notifications::order_notifications,
        notifications::shipment_notifications,
        notifications::get_policy,
        notifications::put_policy,
        notifications::preview,
        store::get_store,
        store::put_branding,
        store::put_logo,
        store::put_hosts,
        store::put_promise,
        webhook_endpoints::create_endpoint,
        webhook_endpoints::list_endpoints,
        webhook_endpoints::get_endpoint,
        webhook_endpoints::delete_endpoint,
        webhook_endpoints::rotate_secret,
        webhook_endpoints::send_test,
        webhook_endpoints::list_deliveries,
        webhook_endpoints::retry_delivery,
        integrations::list_deliveries,
        imports::create_import,
        imports::get_import,
        privacy::erase_customer,
        privacy::get_retention,
        privacy::put_retention,
        crate::http::pages::promise::answer,
    ),
    modifiers(&ApiKeyAuth, &SharedResponses),
    tags(
        (name = "orders", description = "Orders, the shipments created with them, and their private links"),
        (name = "shipments", description = "Parcels, their private links and their events"),
        (name = "notifications", description = "What customers were told, and how the store tells them"),
        (name = "requests", description = "What customers asked from their tracking pages"),
        (name = "store", description = "The store: its branding and logo"),
        (name = "webhooks", description = "The store's webhook endpoints (Standard Webhooks), their secrets and delivery logs"),
        (name = "integrations", description = "What the store's platforms (Shopify, WooCommerce, the generic feed) sent, and what became of it"),
        (name = "imports", description = "Orders imported from CSV files, by a job, with a per-row report"),
        (name = "privacy", description = "Erasing a customer's personal data on request, and how long finished orders keep it"),
        (name = "promise", description = "The promise at checkout: public, no API key; the store's widget origins may read it from their pages"),
    )
)]
pub struct ApiDoc;

struct ApiKeyAuth;

impl Modify for ApiKeyAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("wismo_sk_…")
                    .build(),
            ),
        );
    }
}

/// What every operation can answer because of the layers it passes through (router.rs),
/// added to each so that no handler's annotation can leave them out: the API key (401); a
/// JSON body (400 unreadable, 413 too large, 415 not JSON, 422 a field's type); and on POST
/// the `Idempotency-Key` header (400 malformed, 413 too large, 422 reused for another
/// request). The edge (http/edge.rs) adds 400 for a malformed request to every operation and
/// 408 for a stalled body to those with one. A handler's own description of a status is kept.
struct SharedResponses;

impl Modify for SharedResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for (op, post) in [
                (item.get.as_mut(), false),
                (item.put.as_mut(), false),
                (item.patch.as_mut(), false),
                (item.delete.as_mut(), false),
                (item.post.as_mut(), true),
            ] {
                let Some(op) = op else { continue };
                if op.security.is_some() {
                    problem(op, 401, "No API key, or an unknown or revoked one");
                }
                problem(
                    op,
                    400,
                    "The request is malformed (for example two `Host` headers)",
                );
                if op.request_body.is_some() {
                    problem(
                        op,
                        408,
                        "The body stopped arriving; the connection is closed",
                    );
                }
                let json_body = matches!(&op.request_body,
                    Some(RefOr::T(body)) if body.content.contains_key("application/json"));
                if json_body {
                    problem(op, 400, "The body is not valid JSON");
                    problem(op, 413, "The body is larger than 64 KiB");
                    problem(op, 415, "The body is not sent as `application/json`");
                    problem(op, 422, "A field is missing, of the wrong type, or invalid");
                }
                if post {
                    idempotency_key(op);
                    problem(op, 400, "The Idempotency-Key header is malformed");
                    problem(op, 413, "The body is larger than 64 KiB");
                    problem(
                        op,
                        422,
                        "The Idempotency-Key was used before with another request",
                    );
                }
            }
        }
    }
}

/// Declares `status` as a problem details response unless the operation already does.
fn problem(op: &mut Operation, status: u16, description: &str) {
    op.responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/problem+json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build(),
            )
        });
}

/// The optional `Idempotency-Key` header every POST honours (http/idempotency.rs).
fn idempotency_key(op: &mut Operation) {
    let parameter = ParameterBuilder::new()
        .name("Idempotency-Key")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "Retry-safe key: the same key and request replay the first response; the same key with another request is refused",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(255))
                .pattern(Some(r"^[\x21-\x7E]+$")),
        ))
        .build();
    let parameters = op.parameters.get_or_insert_with(Vec::new);
    parameters.retain(|p| !matches!(p, RefOr::T(p) if p.name == "Idempotency-Key"));
    parameters.push(RefOr::T(parameter));
}

/// `GET /api/v1/openapi.json`
pub async fn openapi_json() -> Response {
    axum::Json(ApiDoc::openapi()).into_response()
}
