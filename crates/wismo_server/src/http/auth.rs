//! API authentication: `Authorization: Bearer wismo_sk_…`, looked up by its SHA-256 hash.
//! The middleware puts [`ApiCaller`] into the request for handlers and the idempotency layer.

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use wismo_domain::StoreId;

use super::audit::Actor;
use super::problem::ApiError;
use crate::keys;
use crate::state::Core;

/// The store a request acts for.
#[derive(Debug, Clone, Copy)]
pub struct ApiCaller {
    pub store: StoreId,
}

/// Rejects requests without a live API key; otherwise records the caller.
pub async fn require_api_key(
    State(state): State<Core>,
    mut req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let header = req.headers().get(header::AUTHORIZATION).ok_or_else(|| {
        ApiError::unauthorized("send your API key as `Authorization: Bearer <key>`")
    })?;
    let key = header
        .to_str()
        .ok()
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| ApiError::unauthorized("the Authorization header must be `Bearer <key>`"))?;
    let found = state.store.authenticate_api_key(&keys::hash(key)).await?;
    let key = found.ok_or_else(|| ApiError::unauthorized("the API key is unknown or revoked"))?;
    req.extensions_mut().insert(ApiCaller {
        store: key.store_id,
    });
    // Who this is, should the route record a change (`http::audit`).
    req.extensions_mut().insert(Actor {
        store: key.store_id,
        who: format!("API key {} ({}…)", key.name, key.prefix),
    });
    Ok(next.run(req).await)
}

/// Before any API handler: the API answers on wismo's own host only. On a store's custom
/// domain it is 404, as for any unknown path, so a shop's domain never exposes it.
pub async fn own_host_only(
    State(state): State<Core>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if let Some(host) = crate::http::admin::foreign_host(&state.config.public_url, req.headers())
        && state.store.store_by_domain(&host).await?.is_some()
    {
        return Err(ApiError::not_found("resource"));
    }
    Ok(next.run(req).await)
}
