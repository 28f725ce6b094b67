//! `Idempotency-Key` on POST: the first response to a key is stored and replayed for a
//! retry of the same request; the same key with a different request is refused.
//! Server errors (5xx) are not stored, so a retry after one runs again.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use wismo_store::IdempotentResponse;

use super::auth::ApiCaller;
use super::problem::ApiError;
use crate::state::Core;

pub const HEADER: &str = "idempotency-key";

pub async fn idempotent_posts(
    State(state): State<Core>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if req.method() != Method::POST || !req.headers().contains_key(HEADER) {
        return Ok(next.run(req).await);
    }
    let key = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty() && k.len() <= 255)
        .ok_or_else(|| {
            ApiError::bad_request("Idempotency-Key must be 1 to 255 visible ASCII characters")
        })?
        .to_owned();
    let caller = req
        .extensions()
        .get::<ApiCaller>()
        .copied()
        .ok_or_else(|| ApiError::unauthorized("missing API key"))?;

    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, super::MAX_BODY_BYTES).await.map_err(|_| {
        ApiError::payload_too_large(format!(
            "the body is larger than the {} KiB limit",
            super::MAX_BODY_BYTES / 1024
        ))
    })?;
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str());
    hasher.update([0]);
    hasher.update(parts.uri.path());
    hasher.update([0]);
    hasher.update(&bytes);
    let request_hash = crate::keys::hex(&hasher.finalize());

    if let Some(stored) = state.store.idempotent_response(caller.store, &key).await? {
        if stored.request_hash != request_hash {
            return Err(ApiError::invalid_field(
                "Idempotency-Key",
                "this key was already used with a different request; use a new key for a new request",
            ));
        }
        return Ok(replay(stored));
    }

    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if response.status().is_server_error() {
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let body = to_bytes(body, usize::MAX)
        .await
        .map_err(|e| ApiError::internal(&e))?;
    let stored = IdempotentResponse {
        request_hash,
        status: parts.status.as_u16(),
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    state
        .store
        .save_idempotent_response(caller.store, &key, &stored)
        .await?;
    Ok(Response::from_parts(parts, Body::from(body)))
}

fn replay(stored: IdempotentResponse) -> Response {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    let mut response = (status, stored.body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}
