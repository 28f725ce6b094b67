//! `Idempotency-Key` on the API's POSTs. The middleware hashes the request (method, path
//! and body) and replays the response kept for its key, or refuses the key for another
//! request. Otherwise the handler runs with the key ([`IdempotencyKey`]) and hands the
//! store method that makes the change an [`IdempotencyRecord`]: the response, rendered from
//! what the change wrote, is kept in the change's own transaction. So a retry after a crash
//! gets the first answer, never a second change; of two requests with one key at once, the
//! first to take it decides and the other gets its answer. A request that fails changes
//! nothing and keeps nothing, so its retry runs again.
//!
//! A response that carries a secret shown only once (an API key, a webhook's signing
//! secret) is kept sealed with the server's [`SecretBox`]
//! ([`record_secret`](IdempotencyKey::record_secret)), bound to the store and key.

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use wismo_domain::{SealedSecret, Secret, StoreId};
use wismo_store::{IdempotencyRecord, IdempotentResponse, Reply};

use super::auth::ApiCaller;
use super::problem::ApiError;
use crate::secrets::{self, SecretBox};
use crate::state::Core;

pub const HEADER: &str = "idempotency-key";

/// What the middleware hands the handler: the request's key and hash.
#[derive(Debug, Clone)]
struct Claim {
    store: StoreId,
    key: String,
    request_hash: String,
    /// Whether the handler made a record of it: a POST that changes something must.
    recorded: Arc<AtomicBool>,
}

/// Marks the response to a request whose key another request took first (the store's
/// [`KeyTaken`](wismo_store::StoreError::KeyTaken)): the middleware answers with that
/// request's response instead.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyTaken;

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

    if let Some(kept) = state.store.idempotent_response(caller.store, &key).await? {
        return replay(&state, caller.store, &key, &request_hash, kept);
    }

    let route = parts
        .extensions
        .get::<MatchedPath>()
        .map_or_else(String::new, |p| p.as_str().to_owned());
    let claim = Claim {
        store: caller.store,
        key,
        request_hash,
        recorded: Arc::default(),
    };
    let mut req = Request::from_parts(parts, Body::from(bytes));
    req.extensions_mut().insert(claim.clone());
    let response = next.run(req).await;
    if response.extensions().get::<KeyTaken>().is_some() {
        // Another request with this key changed first: its response answers this one.
        return match state
            .store
            .idempotent_response(claim.store, &claim.key)
            .await?
        {
            Some(kept) => replay(&state, claim.store, &claim.key, &claim.request_hash, kept),
            None => Ok(response),
        };
    }
    if response.status().is_success() && !claim.recorded.load(Ordering::Relaxed) {
        tracing::error!(
            route,
            "a POST answered without keeping its response for the Idempotency-Key"
        );
    }
    Ok(response)
}

/// The request's `Idempotency-Key`, if it has one: the handler hands
/// [`record`](Self::record) to the store method that makes the change.
#[derive(Debug, Clone, Default)]
pub struct IdempotencyKey(Option<Claim>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parts.extensions.get::<Claim>().cloned()))
    }
}

impl IdempotencyKey {
    /// The record that keeps the response `respond` makes of what the change wrote (its
    /// status and JSON view); `None` without a key.
    pub fn record<'a, T, V: Serialize>(
        &'a self,
        respond: impl Fn(&T) -> (StatusCode, V) + Send + Sync + 'a,
    ) -> Option<IdempotencyRecord<'a, T>> {
        let claim = self.claim()?;
        Some(IdempotencyRecord {
            key: &claim.key,
            request_hash: &claim.request_hash,
            render: Box::new(move |written| {
                let (status, view) = respond(written);
                Ok(Reply {
                    status: status.as_u16(),
                    body: serde_json::to_string(&view).map_err(|e| e.to_string())?,
                })
            }),
        })
    }

    /// [`record`](Self::record) for a response that carries a secret shown only once: its
    /// body is kept sealed with `secrets` for this store and key, never in plaintext.
    pub fn record_secret<'a, T, V: Serialize>(
        &'a self,
        secrets: &'a SecretBox,
        respond: impl Fn(&T) -> (StatusCode, V) + Send + Sync + 'a,
    ) -> Option<IdempotencyRecord<'a, T>> {
        let claim = self.claim()?;
        let context = sealed_context(claim.store, &claim.key);
        Some(IdempotencyRecord {
            key: &claim.key,
            request_hash: &claim.request_hash,
            render: Box::new(move |written| {
                let (status, view) = respond(written);
                let body = serde_json::to_string(&view).map_err(|e| e.to_string())?;
                let sealed = secrets
                    .seal(&Secret::new(body), &context)
                    .map_err(|e| e.to_string())?;
                Ok(Reply {
                    status: status.as_u16(),
                    body: sealed.as_str().to_owned(),
                })
            }),
        })
    }

    fn claim(&self) -> Option<&Claim> {
        let claim = self.0.as_ref()?;
        claim.recorded.store(true, Ordering::Relaxed);
        Some(claim)
    }
}

/// The row a sealed response is bound to.
fn sealed_context(store: StoreId, key: &str) -> String {
    format!("idempotency_keys/{}/{key}", store.0)
}

/// The kept response again, if it answered this same request.
fn replay(
    state: &Core,
    store: StoreId,
    key: &str,
    request_hash: &str,
    kept: IdempotentResponse,
) -> Result<Response, ApiError> {
    if kept.request_hash != request_hash {
        return Err(ApiError::invalid_field(
            "Idempotency-Key",
            "this key was already used with a different request; use a new key for a new request",
        ));
    }
    let sealed = SealedSecret::new(kept.body);
    let body = if secrets::is_sealed(&sealed) {
        let opened = state
            .secrets
            .open(&sealed, &sealed_context(store, key))
            .map_err(|e| {
                tracing::warn!(error = %e, "a kept response with a secret does not open");
                ApiError::conflict(
                    "the first response to this Idempotency-Key held a secret shown only once, and it can no longer be shown; use a new key",
                )
            })?;
        opened.expose().to_owned()
    } else {
        sealed.as_str().to_owned()
    };
    let status = StatusCode::from_u16(kept.status).unwrap_or(StatusCode::OK);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(response)
}
