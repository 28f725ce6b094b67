//! `/{store}/items/{key}`: the thumbnail wismo keeps of an order item's picture, so the
//! tracking page shows the item without sending the shopper's browser to the merchant's
//! host. Another store's key is the same 404 as an unknown one.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::PageState;

/// `GET /{store}/items/{key}`
pub async fn thumbnail(
    State(state): State<PageState>,
    Path((slug, key)): Path<(String, String)>,
) -> Response {
    if !is_key(&key) {
        return super::not_found();
    }
    match state.store.item_image(&slug, &key).await {
        Ok(Some(image)) => {
            let content_type = HeaderValue::from_str(&image.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, content_type),
                    // A key's thumbnail is made once and never replaced.
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=31536000, immutable"),
                    ),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                    (
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_static("default-src 'none'"),
                    ),
                ],
                image.bytes,
            )
                .into_response()
        }
        Ok(None) => super::not_found(),
        Err(e) => super::internal_error(&e),
    }
}

/// Whether `key` has the shape of [`wismo_store::item_image_key`]: 24 lower-case hex digits.
fn is_key(key: &str) -> bool {
    key.len() == 24 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
