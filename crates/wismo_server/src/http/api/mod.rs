//! The REST API under `/api/v1`, and its OpenAPI 3.1 document generated from the handlers.

pub mod limits;
pub mod orders;
pub mod requests;
pub mod shipments;
pub mod store;
pub mod views;

use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
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
        shipments::add_shipment,
        shipments::get_shipment,
        shipments::update_shipment,
        shipments::record_event,
        shipments::reissue_token,
        requests::list_requests,
        store::get_store,
        store::put_branding,
        store::put_logo,
        store::put_hosts,
    ),
    modifiers(&ApiKeyAuth),
    tags(
        (name = "orders", description = "Orders, the shipments created with them, and their private links"),
        (name = "shipments", description = "Parcels, their private links and their events"),
        (name = "requests", description = "What customers asked from their tracking pages"),
        (name = "store", description = "The store: its branding and logo"),
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

/// `GET /api/v1/openapi.json`
pub async fn openapi_json() -> Response {
    axum::Json(ApiDoc::openapi()).into_response()
}
