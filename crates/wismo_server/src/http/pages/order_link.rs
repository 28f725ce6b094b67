//! `/{store}/o/{platform}/{id}?s=…` (and `/o/{platform}/{id}?s=…` on a store's own domain):
//! the order link a store's platform puts in its own emails, signed by the platform's
//! template with the store's order-link key ([`order_link`]).
//!
//! A link whose signature holds sends the customer on to the order's private page (303 to
//! `/t/{token}`, on the host it came to, so there is one canonical page), or, while the
//! platform's order has not reached wismo yet, says the order is being got ready, with a
//! "Check again" link that opens the same link (never a timed reload: WCAG 2.2.1).
//! Anything else (no signature, a wrong one, another store's, another platform's, a store
//! without a key, an unknown store) is the neutral "not found" page, the same in every
//! case. Requests are limited per client ([`LinkLimits`]).

use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::time::Duration;
use wismo_domain::Tenant;
use wismo_domain::platform::Platform;

use super::PageState;
use super::keyed_limit::KeyedLimit;
use super::lookup;
use crate::http::client_addr::ClientAddr;
use crate::integrations::order_link;

/// The links' budget per client, in this process's memory: 30 at once, then one every
/// 2 s. A customer opening their link again and again never meets it; a client trying
/// signatures does (not that guessing one of 2^256 could pay).
#[derive(Debug)]
pub struct LinkLimits(KeyedLimit);

impl Default for LinkLimits {
    fn default() -> Self {
        Self(KeyedLimit::new(30, Duration::from_secs(2)))
    }
}

/// The page a valid link shows while its order has not arrived.
#[derive(askama::Template, WebTemplate)]
#[template(path = "order_ready.html")]
pub struct OrderReadyPage {
    pub lang: String,
    pub title: String,
    pub heading: String,
    pub body: String,
    pub hint: String,
    /// "Check again", and the same link to check with (the signature and `?lang=` kept).
    pub check_again: String,
    pub again_url: String,
    pub store_name: String,
    pub theme_url: String,
    pub footer: String,
}

#[derive(Debug, Deserialize)]
pub struct LinkQuery {
    /// The signature.
    s: Option<String>,
    lang: Option<String>,
}

/// `GET /{store}/o/{platform}/{id}`
pub async fn show(
    State(state): State<PageState>,
    Path((slug, platform, id)): Path<(String, String, String)>,
    Query(query): Query<LinkQuery>,
    client: ClientAddr,
    headers: HeaderMap,
) -> Response {
    if let Err(wait) = state.link_limits.0.check(&client.limit_key()) {
        return too_many(&state, &query, &headers, wait);
    }
    let tenant = match lookup::tenant(&state, &slug).await {
        Ok(tenant) => tenant,
        Err(page) => return page,
    };
    // On a store's own domain, only that store's links.
    match super::store_of_host(&state, &headers).await {
        Ok(Some(domain_store)) if domain_store.id != tenant.id => return super::not_found(),
        Ok(_) => {}
        Err(page) => return page,
    }
    open(&state, &tenant, (&platform, &id), &query, &headers).await
}

/// `GET /o/{platform}/{id}` on a store's own domain.
pub async fn show_on_domain(
    State(state): State<PageState>,
    Path((platform, id)): Path<(String, String)>,
    Query(query): Query<LinkQuery>,
    client: ClientAddr,
    headers: HeaderMap,
) -> Response {
    if let Err(wait) = state.link_limits.0.check(&client.limit_key()) {
        return too_many(&state, &query, &headers, wait);
    }
    match super::store_of_host(&state, &headers).await {
        Ok(Some(tenant)) => open(&state, &tenant, (&platform, &id), &query, &headers).await,
        Ok(None) => super::not_found(),
        Err(page) => page,
    }
}

/// Checks the link's signature with the store's key, then finds its order.
async fn open(
    state: &PageState,
    tenant: &Tenant,
    (platform, id): (&str, &str),
    query: &LinkQuery,
    headers: &HeaderMap,
) -> Response {
    let (Ok(platform), Some(id), Some(signature)) = (
        Platform::parse(platform),
        order_link::parse_id(id),
        query.s.as_deref(),
    ) else {
        return super::not_found();
    };
    let key = match order_link::key(state.store.as_ref(), &state.secrets, tenant.id).await {
        Ok(Some(key)) => key,
        Ok(None) => return super::not_found(),
        Err(e) => return super::internal_error(&e),
    };
    if !order_link::verify(&key, platform, id, signature) {
        return super::not_found();
    }
    match state
        .store
        .platform_order_token(tenant.id, platform, id)
        .await
    {
        // A relative address: the order's page on the host the link came to (wismo's, or
        // the store's own domain).
        Ok(Some(token)) => (
            StatusCode::SEE_OTHER,
            super::page_headers(),
            [(header::LOCATION, format!("/t/{token}"))],
        )
            .into_response(),
        Ok(None) => ready_page(
            state,
            tenant,
            query,
            headers,
            &signature.trim().to_ascii_lowercase(),
        ),
        Err(e) => super::internal_error(&e),
    }
}

/// "We're getting your order ready", in the visitor's language (else the store's), with a
/// "Check again" link to the same address: `signature` is the link's, already verified
/// (lower-case hex), and a `?lang=` the link had stays, as the language shown.
fn ready_page(
    state: &PageState,
    tenant: &Tenant,
    query: &LinkQuery,
    headers: &HeaderMap,
    signature: &str,
) -> Response {
    let lang = lookup::page_lang(state, tenant, query.lang.as_deref(), headers);
    let shown = state.texts.resolve(&lang);
    // Only a query: the browser keeps the path and host the link came with.
    let again_url = match query.lang {
        Some(_) => format!("?s={signature}&lang={shown}"),
        None => format!("?s={signature}"),
    };
    let store = tenant.name.as_str();
    let say = |id: &str| state.texts.message(&lang, id, &[("store", store)]);
    let page = OrderReadyPage {
        lang: shown.to_owned(),
        title: format!("{} · {store}", say("order-ready-title")),
        heading: say("order-ready-title"),
        body: say("order-ready-body"),
        hint: say("order-ready-later"),
        check_again: say("order-ready-check"),
        again_url,
        store_name: store.to_owned(),
        theme_url: super::theme::url(tenant),
        footer: say("footer"),
    };
    (super::page_headers(), page).into_response()
}

/// 429 with the wait, before anything is looked up.
fn too_many(state: &PageState, query: &LinkQuery, headers: &HeaderMap, wait: Duration) -> Response {
    let lang = super::lang::choose(
        &state.texts,
        query.lang.as_deref(),
        None,
        headers,
        &wismo_domain::Locale::default(),
    );
    let page = super::ErrorPage {
        lang: state.texts.resolve(&lang).to_owned(),
        title: lookup::too_many_message(state, &lang, wait),
        body: String::new(),
    };
    let mut response = (StatusCode::TOO_MANY_REQUESTS, super::page_headers(), page).into_response();
    lookup::set_retry_after(&mut response, wait);
    response
}
