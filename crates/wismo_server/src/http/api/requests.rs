//! `/api/v1/requests`: what customers asked from their tracking pages (not received,
//! damaged, wrong address, another day, …), newest first.

use axum::Extension;
use axum::extract::State;
use axum::response::Json;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use wismo_domain::RequestKind;

use crate::http::auth::ApiCaller;
use crate::http::problem::ApiError;
use crate::state::Core;

/// A customer's request about a shipment.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestView {
    pub id: i64,
    pub shipment_id: i64,
    /// What the customer asked about.
    #[schema(schema_with = kind_schema)]
    pub kind: String,
    /// The customer's own words, plain text.
    pub message: Option<String>,
    /// `open` or `resolved`.
    pub status: String,
    pub created_at: DateTime<Utc>,
}

fn kind_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(RequestKind::ALL.map(RequestKind::as_str)))
}

/// Customer requests, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestList {
    pub data: Vec<RequestView>,
}

/// List what customers asked from their tracking pages, newest first.
#[utoipa::path(
    get, path = "/api/v1/requests", tag = "requests",
    responses((status = 200, description = "The requests", body = RequestList)),
    security(("api_key" = []))
)]
pub async fn list_requests(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
) -> Result<Json<RequestList>, ApiError> {
    let requests = state.store.list_customer_requests(caller.store).await?;
    Ok(Json(RequestList {
        data: requests
            .into_iter()
            .map(|r| RequestView {
                id: r.id.0,
                shipment_id: r.shipment_id.0,
                kind: r.kind.as_str().to_owned(),
                message: r.message,
                status: r.status.as_str().to_owned(),
                created_at: r.created_at,
            })
            .collect(),
    }))
}
