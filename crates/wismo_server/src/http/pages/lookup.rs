//! `/{store}/track`: a customer without their link finds their order by its number and the
//! email address or postal code they ordered with, and is sent to the order's private page
//! (every parcel on one page).
//!
//! The answer gives nothing away: "no such order" and "wrong email" get the same page, and
//! every failed attempt takes at least [`FAILURE_FLOOR`], so timing tells nothing either.
//! Attempts are rate-limited per client address and per order number. The form only works
//! when posted from wismo's own page (browsers say where a POST came from), so another site
//! cannot submit it on a visitor's behalf.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use wismo_domain::{Locale, OrderNumber, Tenant};
use wismo_store::StoreError;

use super::PageState;
use super::keyed_limit::KeyedLimit;
use super::lang;

/// The least time a failed lookup takes, whatever failed.
pub const FAILURE_FLOOR: Duration = Duration::from_millis(300);

/// How many lookups a client address and an order number may make.
#[derive(Debug)]
pub struct LookupLimits {
    by_client: KeyedLimit,
    by_order: KeyedLimit,
}

impl Default for LookupLimits {
    /// 10 at once then one every 30 s per client address; 5 at once then one every 2 min
    /// per order number.
    fn default() -> Self {
        Self {
            by_client: KeyedLimit::new(10, Duration::from_secs(30)),
            by_order: KeyedLimit::new(5, Duration::from_secs(120)),
        }
    }
}

impl LookupLimits {
    /// `Err(wait)` when either key has used its budget.
    fn check(&self, client: &str, order: &str) -> Result<(), Duration> {
        self.by_client.check(client)?;
        self.by_order.check(order)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "lookup.html")]
pub struct LookupPage {
    pub lang: String,
    pub title: String,
    pub store_name: String,
    pub theme_url: String,
    pub heading: String,
    pub intro: String,
    pub order_label: String,
    pub contact_label: String,
    pub submit: String,
    pub action: String,
    pub error: Option<String>,
    pub order_number: String,
    pub footer: String,
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    order_number: String,
    #[serde(default)]
    contact: String,
}

/// `GET /{store}/track`
pub async fn form(
    State(state): State<PageState>,
    Path(slug): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    match tenant(&state, &slug).await {
        Ok(tenant) => show_form(&state, &tenant, Where::Slug, &query, &headers),
        Err(page) => page,
    }
}

/// `GET /track` on a store's own domain.
pub async fn form_on_domain(
    State(state): State<PageState>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    match super::store_of_host(&state, &headers).await {
        Ok(Some(tenant)) => show_form(&state, &tenant, Where::Domain, &query, &headers),
        Ok(None) => super::not_found(),
        Err(page) => page,
    }
}

/// `POST /{store}/track`
pub async fn submit(
    State(state): State<PageState>,
    Path(slug): Path<String>,
    Query(query): Query<LangQuery>,
    connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LookupForm>,
) -> Response {
    match tenant(&state, &slug).await {
        Ok(tenant) => {
            submit_form(
                &state,
                &tenant,
                Where::Slug,
                &query,
                connect,
                &headers,
                form,
            )
            .await
        }
        Err(page) => page,
    }
}

/// `POST /track` on a store's own domain.
pub async fn submit_on_domain(
    State(state): State<PageState>,
    Query(query): Query<LangQuery>,
    connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LookupForm>,
) -> Response {
    match super::store_of_host(&state, &headers).await {
        Ok(Some(tenant)) => {
            submit_form(
                &state,
                &tenant,
                Where::Domain,
                &query,
                connect,
                &headers,
                form,
            )
            .await
        }
        Ok(None) => super::not_found(),
        Err(page) => page,
    }
}

/// Where the page is served: under wismo's address (`/{store}/track`) or the store's own
/// domain (`/track`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Slug,
    Domain,
}

fn show_form(
    state: &PageState,
    tenant: &Tenant,
    at: Where,
    query: &LangQuery,
    headers: &HeaderMap,
) -> Response {
    let lang = page_lang(state, tenant, query.lang.as_deref(), headers);
    let page = lookup_page(state, tenant, at, &lang, None, String::new());
    (super::page_headers(), page).into_response()
}

async fn submit_form(
    state: &PageState,
    tenant: &Tenant,
    at: Where,
    query: &LangQuery,
    connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: &HeaderMap,
    form: LookupForm,
) -> Response {
    let lang = page_lang(state, tenant, query.lang.as_deref(), headers);
    let typed = typed_number(&form.order_number);
    let fail = |status: StatusCode, message_id: &str| {
        let message = state.texts.message(&lang, message_id, &[]);
        let page = lookup_page(state, tenant, at, &lang, Some(message), typed.clone());
        (status, super::page_headers(), page).into_response()
    };
    if super::is_cross_site(headers) {
        return fail(StatusCode::FORBIDDEN, "lookup-refused");
    }
    match attempt(state, tenant, &client_of(connect), &typed, &form.contact).await {
        Attempt::Found(token) => Redirect::to(&format!("/t/{token}")).into_response(),
        Attempt::NotFound => fail(StatusCode::OK, "lookup-not-found"),
        Attempt::TooMany(wait) => {
            let mut response = fail(StatusCode::TOO_MANY_REQUESTS, "lookup-too-many");
            set_retry_after(&mut response, wait);
            response
        }
        Attempt::Failed(response) => response,
    }
}

/// What one lookup attempt came to.
pub(super) enum Attempt {
    Found(String),
    NotFound,
    TooMany(Duration),
    Failed(Response),
}

/// One lookup attempt: rate limits, then the search; every failure takes at least
/// [`FAILURE_FLOOR`].
pub(super) async fn attempt(
    state: &PageState,
    tenant: &Tenant,
    client: &str,
    typed: &str,
    contact: &str,
) -> Attempt {
    let started = Instant::now();
    // The same order however it is spelled, so varying "#1001" as "1001" buys no guesses.
    let spelled = OrderNumber::parse(typed).map_or_else(|_| typed.to_uppercase(), |n| n.key());
    let order_key = format!("{}/{spelled}", tenant.id.0);
    if let Err(wait) = state.lookup_limits.check(client, &order_key) {
        return Attempt::TooMany(wait);
    }
    match find(state, tenant, typed, contact).await {
        Ok(Some(token)) => Attempt::Found(token),
        Ok(None) => {
            tokio::time::sleep(FAILURE_FLOOR.saturating_sub(started.elapsed())).await;
            Attempt::NotFound
        }
        Err(e) => Attempt::Failed(super::internal_error(&e)),
    }
}

/// The order number as typed, trimmed and bounded.
pub(super) fn typed_number(raw: &str) -> String {
    raw.trim().chars().take(64).collect()
}

/// The client's address, for its rate limit.
pub(super) fn client_of(connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>) -> String {
    connect.map_or_else(|| "unknown".to_owned(), |c| c.0.0.ip().to_string())
}

pub(super) fn set_retry_after(response: &mut Response, wait: Duration) {
    if let Ok(value) = (wait.as_secs() + 1).to_string().parse() {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
}

/// The token of the private link of the order matching both the number and the contact.
async fn find(
    state: &PageState,
    tenant: &Tenant,
    number: &str,
    contact: &str,
) -> Result<Option<String>, wismo_store::StoreError> {
    let Ok(number) = OrderNumber::parse(number) else {
        return Ok(None);
    };
    let Some(order) = state.store.find_order_by_number(tenant.id, &number).await? else {
        // Compare anyway, so a missing order costs what a wrong contact does.
        let _ = same(contact, "nobody@example.invalid");
        return Ok(None);
    };
    let email = order.customer.email.as_ref().map(|e| e.to_string());
    let postal = order.destination.postal_code.as_deref();
    let matches = email.is_some_and(|e| same(contact, &e))
        | postal.is_some_and(|p| same_postal_code(contact, p));
    Ok(matches.then(|| order.token.to_string()))
}

/// Case-insensitive equality that looks at every byte of both (no early exit).
fn same(given: &str, known: &str) -> bool {
    let (a, b) = (given.trim().to_lowercase(), known.trim().to_lowercase());
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        let x = a.as_bytes().get(i).copied().unwrap_or(0);
        let y = b.as_bytes().get(i).copied().unwrap_or(0);
        diff |= usize::from(x ^ y);
    }
    diff == 0
}

/// Postal codes compare without spaces and dashes ("SW1A 1AA" = "sw1a1aa").
fn same_postal_code(given: &str, known: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
    };
    let given = norm(given);
    !given.is_empty() && same(&given, &norm(known))
}

/// The store of a page's `{store}` segment: the not-found page for one that does not
/// exist, the error page when the database cannot say.
pub(super) async fn tenant(state: &PageState, slug: &str) -> Result<Tenant, Response> {
    match state.store.get_store_by_slug(slug).await {
        Ok(tenant) => Ok(tenant),
        Err(StoreError::NotFound(_)) => Err(super::not_found()),
        Err(e) => Err(super::internal_error(&e)),
    }
}

pub(super) fn page_lang(
    state: &PageState,
    tenant: &Tenant,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Locale {
    lang::choose(&state.texts, query, None, headers, &tenant.default_locale)
}

fn lookup_page(
    state: &PageState,
    tenant: &Tenant,
    at: Where,
    lang: &Locale,
    error: Option<String>,
    order_number: String,
) -> LookupPage {
    let say = |id: &str, args: &[(&str, &str)]| state.texts.message(lang, id, args);
    let store = tenant.name.as_str();
    LookupPage {
        lang: state.texts.resolve(lang).to_owned(),
        title: say("lookup-title", &[("store", store)]),
        store_name: store.to_owned(),
        theme_url: super::theme::url(tenant),
        heading: say("lookup-heading", &[]),
        intro: say("lookup-intro", &[]),
        order_label: say("lookup-order-number", &[]),
        contact_label: say("lookup-contact", &[]),
        submit: say("lookup-submit", &[]),
        action: match at {
            Where::Slug => format!("/{}/track?lang={}", tenant.slug, state.texts.resolve(lang)),
            Where::Domain => format!("/track?lang={}", state.texts.resolve(lang)),
        },
        error,
        order_number,
        footer: say("footer", &[("store", store)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_compare_without_case_spaces_or_dashes() {
        assert!(same(" Ana@Example.com ", "ana@example.com"));
        assert!(!same("ana@example.co", "ana@example.com"));
        assert!(same_postal_code("sw1a-1aa", "SW1A 1AA"));
        assert!(!same_postal_code("", ""));
        assert!(!same_postal_code("97202", "97201"));
    }

    #[test]
    fn limits_stop_a_guesser_per_order_and_per_client() {
        let limits = LookupLimits::default();
        for _ in 0..5 {
            assert!(limits.check("10.0.0.1", "1/#1001").is_ok());
        }
        assert!(limits.check("10.0.0.2", "1/#1001").is_err(), "per order");
        for n in 0..5 {
            assert!(limits.check("10.0.0.3", &format!("1/#{n}")).is_ok());
        }
        for n in 5..10 {
            assert!(limits.check("10.0.0.3", &format!("1/#{n}")).is_ok());
        }
        assert!(limits.check("10.0.0.3", "1/#99").is_err(), "per client");
    }
}
