//! The lookup widget for a store's own site: `/{store}/widget.js` renders the lookup form
//! into any element with a `data-wismo-track` attribute, in the visitor's language, and
//! `POST /{store}/track.json` answers it. Only the store's configured origins may call the
//! JSON endpoint (CORS); the answer, the rate limits and the timing are the lookup page's.

use axum::Json;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use wismo_domain::Tenant;

use super::PageState;
use super::lookup::{
    Attempt, attempt, client_of, page_lang, set_retry_after, tenant, typed_number,
};
use crate::http::extract::ApiJson;
use crate::http::problem::ApiError;

const SCRIPT: &str = include_str!("../../../static/widget.js");

/// `GET /{store}/widget.js`
pub async fn script(
    State(state): State<PageState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let tenant = match tenant(&state, &slug).await {
        Ok(tenant) => tenant,
        Err(page) => return page,
    };
    let lang = page_lang(&state, &tenant, None, &headers);
    let say = |id: &str| state.texts.message(&lang, id, &[]);
    let config = json!({
        "endpoint": format!("{}/{}/track.json", state.config.public_url, tenant.slug),
        "lang": state.texts.resolve(&lang),
        "heading": say("lookup-heading"),
        "orderNumber": say("lookup-order-number"),
        "contact": say("lookup-contact"),
        "submit": say("lookup-submit"),
        "failed": say("lookup-not-found"),
    });
    // JSON is a JavaScript expression; `<` is escaped so the text can never close a tag.
    let config = config.to_string().replace('<', "\\u003c");
    let body = SCRIPT.replace("__WISMO_CONFIG__", &config);
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::VARY, "Accept-Language"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

#[derive(Debug, Deserialize)]
pub struct LookupRequest {
    #[serde(default)]
    order_number: String,
    #[serde(default)]
    contact: String,
}

/// `OPTIONS /{store}/track.json`: the CORS preflight.
pub async fn preflight(
    State(state): State<PageState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let tenant = match tenant(&state, &slug).await {
        Ok(tenant) => tenant,
        Err(page) => return page,
    };
    let origin = match allowed_origin(&state, &tenant, &headers).await {
        Ok(origin) => origin,
        Err(page) => return page,
    };
    match origin {
        Some(origin) => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            cors(&mut response, &origin);
            let h = response.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("POST"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("content-type"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            response
        }
        None => StatusCode::FORBIDDEN.into_response(),
    }
}

/// `POST /{store}/track.json`: `{"order_number", "contact"}` → `{"url"}` of the order's page,
/// or 404 `{"error"}` (the same for a wrong contact and an unknown order), or 429.
pub async fn lookup(
    State(state): State<PageState>,
    Path(slug): Path<String>,
    connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Result<ApiJson<LookupRequest>, ApiError>,
) -> Response {
    let tenant = match tenant(&state, &slug).await {
        Ok(tenant) => tenant,
        Err(page) => return page,
    };
    let origin = match allowed_origin(&state, &tenant, &headers).await {
        Ok(origin) => origin,
        Err(page) => return page,
    };
    if origin.is_none() && headers.contains_key(header::ORIGIN) {
        // Another site's page: no CORS headers, so its script cannot read anything.
        return StatusCode::FORBIDDEN.into_response();
    }
    let lang = page_lang(&state, &tenant, None, &headers);
    let mut response = match body {
        Err(_) => (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": "send {\"order_number\", \"contact\"} as JSON" })),
        )
            .into_response(),
        Ok(ApiJson(request)) => {
            let typed = typed_number(&request.order_number);
            let client = client_of(connect);
            match attempt(&state, &tenant, &client, &typed, &request.contact).await {
                Attempt::Found(token) => Json(json!({
                    "url": format!("{}/t/{token}", state.config.public_url)
                }))
                .into_response(),
                Attempt::NotFound => (
                    StatusCode::NOT_FOUND,
                    Json(json!({ "error": state.texts.message(&lang, "lookup-not-found", &[]) })),
                )
                    .into_response(),
                Attempt::TooMany(wait) => {
                    let mut response = (
                        StatusCode::TOO_MANY_REQUESTS,
                        Json(
                            json!({ "error": state.texts.message(&lang, "lookup-too-many", &[]) }),
                        ),
                    )
                        .into_response();
                    set_retry_after(&mut response, wait);
                    response
                }
                Attempt::Failed(response) => response,
            }
        }
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(origin) = origin {
        cors(&mut response, &origin);
    }
    response
}

/// The request's `Origin` when the store allows it to use the widget; an error answer
/// when the database cannot say (CORS must not silently switch off).
async fn allowed_origin(
    state: &PageState,
    tenant: &Tenant,
    headers: &HeaderMap,
) -> Result<Option<String>, Response> {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    let hosts = state.store.store_hosts(tenant.id).await.map_err(|e| {
        tracing::error!(error = %e, "cannot read the store's widget origins");
        StatusCode::SERVICE_UNAVAILABLE.into_response()
    })?;
    Ok(hosts
        .widget_origins
        .iter()
        .any(|allowed| allowed.eq_ignore_ascii_case(origin))
        .then(|| origin.to_owned()))
}

fn cors(response: &mut Response, origin: &str) {
    if let Ok(value) = HeaderValue::from_str(origin) {
        let h = response.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
}
