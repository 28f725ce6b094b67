//! The lookup widget for a store's own site: `/{store}/widget.js` renders the lookup form
//! into any element with a `data-wismo-track` attribute (in a shadow root, in the store's
//! colours and the shop page's language), and `POST /{store}/track.json` answers it. Only
//! the store's configured origins may call the JSON endpoint (CORS); the answer, the
//! bounds, the rate limits and the timing are the lookup page's. Every refusal is an RFC
//! 9457 problem (`application/problem+json`) whose `detail` is the sentence the widget
//! shows, in the widget's language; it is also given as `error`, which widget scripts read
//! before answers were problems.

use axum::Json;
use axum::body::Body;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use wismo_domain::texts::direction;
use wismo_domain::{Branding, HexColor, Locale, Tenant, tenant};
use wismo_store::StoreError;

use super::PageState;
use super::lookup::{
    Attempt, LangQuery, Lookup, TooLong, attempt, page_lang, set_retry_after, tenant,
    too_many_message,
};
use super::snapshot::{accepts_gzip, gzip};
use crate::http::client_addr::ClientAddr;

const SCRIPT: &str = include_str!("../../../static/widget.js");

/// `GET /{store}/widget.js`: the script with its configuration. It carries the texts of
/// every language wismo speaks, because the language is the shop page's, read in the
/// visitor's browser (`Accept-Language`, else the store's language, when the page says
/// none); `?lang=` pins it to that one language, a smaller script. And the store's
/// colours, each with the shade that reads on the widget's light and dark surfaces.
/// gzip-compressed for clients that take it.
pub async fn script(
    State(state): State<PageState>,
    Path(slug): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let tenant = match tenant(&state, &slug).await {
        Ok(tenant) => tenant,
        Err(page) => return page,
    };
    let lang = page_lang(&state, &tenant, query.lang.as_deref(), &headers);
    let lang = state.texts.resolve(&lang);
    let languages = match query.lang {
        Some(_) => vec![lang],
        None => state.texts.languages(),
    };
    let config = json!({
        "endpoint": format!("{}/{}/track.json", state.config.public_url, tenant.slug),
        "lang": lang,
        "dir": direction(lang),
        "texts": texts(&state, &languages),
        "theme": theme(&tenant.branding),
    });
    // JSON is a JavaScript expression; `<` is escaped so the text can never close a tag.
    let config = config.to_string().replace('<', "\\u003c");
    let body = SCRIPT.replace("__WISMO_CONFIG__", &config);
    let (body, gzipped) = match accepts_gzip(&headers).then(|| gzip(body.as_bytes())) {
        Some(Ok(gzipped)) => (Body::from(gzipped), true),
        _ => (Body::from(body), false),
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::VARY, "Accept-Language, Accept-Encoding"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response();
    if gzipped {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

/// What the widget says in `languages`, with each language's direction. A wrong order's
/// sentence is not among them: the endpoint's answer says it.
fn texts(state: &PageState, languages: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    languages
        .iter()
        .map(|&code| {
            let locale = Locale::parse(code).unwrap_or_default();
            let say = |id: &str| state.texts.message(&locale, id, &[]);
            // The wait is the answer's `Retry-After`, written in by the script.
            let too_many = state
                .texts
                .message(&locale, "lookup-too-many", &[("wait", "{wait}")]);
            let texts = json!({
                "dir": direction(code),
                "heading": say("lookup-heading"),
                "orderNumber": say("lookup-order-number"),
                "hint": say("widget-order-hint"),
                "contact": say("lookup-contact"),
                "submit": say("lookup-submit"),
                "busy": say("widget-busy"),
                "opening": say("widget-opening"),
                "network": say("widget-network"),
                "failed": say("widget-failed"),
                "tooMany": too_many,
            });
            (code.to_owned(), texts)
        })
        .collect()
}

/// wismo's blue and green, for a store that set no colours (as on its pages).
const DEFAULT_PRIMARY: &str = "#1a56db";
const DEFAULT_ACCENT: &str = "#0e7a55";

/// The store's colours for the widget: the primary colour for the button (with the text
/// that reads on it), its shades for text and focus rings on the light and dark surfaces
/// (4.5:1), and the accent's for marks (3:1); its font's stack when it chose one. Only
/// validated values, never text the merchant wrote.
fn theme(branding: &Branding) -> serde_json::Value {
    let (Some(primary), Some(accent), Some(white)) = (
        (branding.primary_color.clone()).or_else(|| HexColor::parse(DEFAULT_PRIMARY).ok()),
        (branding.accent_color.clone()).or_else(|| HexColor::parse(DEFAULT_ACCENT).ok()),
        HexColor::parse("#ffffff").ok(),
    ) else {
        return json!({});
    };
    json!({
        "primary": primary.as_str(),
        "onPrimary": tenant::text_on(&primary),
        "primaryText": tenant::readable_on(&primary, &white, tenant::TEXT_CONTRAST).as_str(),
        "darkPrimaryText": tenant::dark_shade(&primary, tenant::TEXT_CONTRAST).as_str(),
        "accent": tenant::readable_on(&accent, &white, tenant::MARK_CONTRAST).as_str(),
        "darkAccent": tenant::dark_shade(&accent, tenant::MARK_CONTRAST).as_str(),
        "font": branding.font.as_deref().and_then(tenant::font_stack),
    })
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
    let tenant = match json_tenant(&state, &slug).await {
        Ok(tenant) => tenant,
        Err(problem) => return problem,
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
        None => refused_origin(),
    }
}

/// `POST /{store}/track.json` (`?lang=` the language of the widget's sentences, else
/// `Accept-Language`): `{"order_number", "contact"}` → `{"url"}` of the order's page,
/// or a problem: 404 (the same for a wrong contact and an unknown order, and for an
/// unknown store), 400 for a body that is not that, 403 for another site's page, 413 for
/// one over [`MAX_LOOKUP_BYTES`](super::lookup::MAX_LOOKUP_BYTES), 422 for a field longer
/// than any real one, or 429 with `Retry-After`.
pub async fn lookup(
    State(state): State<PageState>,
    Path(slug): Path<String>,
    Query(query): Query<LangQuery>,
    client: ClientAddr,
    headers: HeaderMap,
    body: Result<Json<LookupRequest>, JsonRejection>,
) -> Response {
    // Bounded before anything is read from the database.
    let lookup = match body {
        Ok(Json(request)) => {
            Lookup::parse(&request.order_number, &request.contact).map_err(Refused::TooLong)
        }
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Err(Refused::TooLarge)
        }
        Err(_) => Err(Refused::Unreadable),
    };
    let tenant = match json_tenant(&state, &slug).await {
        Ok(tenant) => tenant,
        Err(problem) => return problem,
    };
    let origin = match allowed_origin(&state, &tenant, &headers).await {
        Ok(origin) => origin,
        Err(problem) => return problem,
    };
    if origin.is_none() && headers.contains_key(header::ORIGIN) {
        // Another site's page: no CORS headers, so its script cannot read anything.
        return refused_origin();
    }
    let lang = page_lang(&state, &tenant, query.lang.as_deref(), &headers);
    let lookup = lookup.map_err(|refused| match refused {
        Refused::TooLarge => problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            state.texts.message(&lang, "too-large-body", &[]),
        ),
        Refused::Unreadable => problem(
            StatusCode::BAD_REQUEST,
            "send {\"order_number\", \"contact\"} as JSON".to_owned(),
        ),
        Refused::TooLong(too_long) => problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            too_long.message(&state, &lang),
        ),
    });
    let mut response = match lookup {
        Err(response) => response,
        Ok(lookup) => match attempt(&state, &tenant, client, &lookup).await {
            Attempt::Found(token) => Json(json!({
                "url": format!("{}/t/{token}", state.config.public_url)
            }))
            .into_response(),
            Attempt::NotFound => problem(
                StatusCode::NOT_FOUND,
                state.texts.message(&lang, "lookup-not-found", &[]),
            ),
            Attempt::TooMany(wait) => {
                let mut response = problem(
                    StatusCode::TOO_MANY_REQUESTS,
                    too_many_message(&state, &lang, wait),
                );
                set_retry_after(&mut response, wait);
                response
            }
            Attempt::Failed(e) => {
                tracing::error!(error = %e, "the widget's lookup failed");
                problem(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    state.texts.message(&lang, "error-body", &[]),
                )
            }
        },
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(origin) = origin {
        cors(&mut response, &origin);
    }
    response
}

/// Why a lookup request is refused before it is tried.
enum Refused {
    TooLarge,
    Unreadable,
    TooLong(TooLong),
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
        problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "the store's widget origins cannot be read; try again in a moment".to_owned(),
        )
    })?;
    Ok(hosts
        .widget_origins
        .iter()
        .any(|allowed| allowed.eq_ignore_ascii_case(origin))
        .then(|| origin.to_owned()))
}

/// The store of the endpoint's `{store}` segment; a problem for an unknown one, or when the
/// database cannot say.
async fn json_tenant(state: &PageState, slug: &str) -> Result<Tenant, Response> {
    match state.store.get_store_by_slug(slug).await {
        Ok(tenant) => Ok(tenant),
        Err(StoreError::NotFound(_)) => Err(problem(
            StatusCode::NOT_FOUND,
            "there is no store at this address".to_owned(),
        )),
        Err(e) => {
            tracing::error!(error = %e, "cannot read the widget's store");
            Err(problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "something went wrong on our side; try again in a moment".to_owned(),
            ))
        }
    }
}

/// A request from a page the store did not allow to use its widget (403, without CORS
/// headers, so that page's script cannot read it).
fn refused_origin() -> Response {
    problem(
        StatusCode::FORBIDDEN,
        "this site is not one of the store's widget origins".to_owned(),
    )
}

/// An RFC 9457 problem of the endpoint: `detail` says what the widget shows, and `error`
/// says it again for widget scripts that read only that.
pub(super) fn problem(status: StatusCode, detail: String) -> Response {
    let (kind, title) = match status {
        StatusCode::BAD_REQUEST => ("bad-request", "Bad request"),
        StatusCode::FORBIDDEN => ("forbidden", "Forbidden"),
        StatusCode::NOT_FOUND => ("not-found", "Not found"),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload-too-large", "Payload too large"),
        StatusCode::UNPROCESSABLE_ENTITY => ("validation", "Invalid request"),
        StatusCode::TOO_MANY_REQUESTS => ("too-many-requests", "Too many requests"),
        StatusCode::SERVICE_UNAVAILABLE => ("unavailable", "Service unavailable"),
        _ => ("internal", "Internal error"),
    };
    let body = json!({
        "type": format!("/problems/{kind}"),
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
        "error": detail,
    });
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// Lets `origin`'s scripts read the answer, its `Retry-After` too (not a header CORS
/// exposes by itself): the widget waits that long before it sends again.
fn cors(response: &mut Response, origin: &str) {
    if let Ok(value) = HeaderValue::from_str(origin) {
        let h = response.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Retry-After"),
        );
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
}
