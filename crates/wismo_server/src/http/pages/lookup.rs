//! `/{store}/track`: a customer without their link finds their order by its number and the
//! email address or postal code they ordered with, and is sent to the order's private page
//! (every parcel on one page).
//!
//! The order number matches however it is spelled: with or without `#`, spaces, dashes,
//! in any case (the store compares [`OrderNumber::key`]s). The answer gives nothing away:
//! "no such order" and "wrong email" get the same page (the form again, with what was typed
//! in it), and every failed attempt takes at least [`FAILURE_FLOOR`], so timing tells
//! nothing either. A refusal for too many attempts says the wait `Retry-After` gives.
//! Fields longer than any real one are refused before anything is looked up, and attempts
//! are limited per client and per order number ([`LookupLimits`]). The form only works
//! when posted from wismo's own page (browsers say where a POST came from), so another site
//! cannot submit it on a visitor's behalf.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::time::{Duration, Instant};
use wismo_domain::{Locale, OrderNumber, Tenant};
use wismo_store::StoreError;

use super::PageState;
use super::keyed_limit::KeyedLimit;
use super::lang;
use crate::http::client_addr::ClientAddr;

/// The least time a failed lookup takes, whatever failed.
pub const FAILURE_FLOOR: Duration = Duration::from_millis(300);

/// The longest order number looked up: the longest [`OrderNumber`] there is.
pub const MAX_ORDER_NUMBER_CHARS: usize = 64;

/// The longest contact looked up: an email address (RFC 5321 allows 254 characters) or a
/// postal code.
pub const MAX_CONTACT_CHARS: usize = 254;

/// The largest body the form and the widget's JSON are read from: both fields at their
/// longest, each character percent- or `\u`-escaped, fit in it.
pub const MAX_LOOKUP_BYTES: usize = 4 * 1024;

/// The lookup's budgets, in this process's memory (each web process keeps its own, so a
/// deployment of N processes allows N times as much). See docs/ARCHITECTURE.md, "Abuse
/// limits", for what each one stops and what it does not.
#[derive(Debug)]
pub struct LookupLimits {
    /// Every attempt, per client.
    by_client: KeyedLimit,
    /// Attempts with a postal code, per client: postal codes are few and easy to guess.
    postal_by_client: KeyedLimit,
    /// Per order number: spent by an attempt with a postal code before it is made, and by an
    /// attempt with an email address only once it failed. So strangers who spend it stop
    /// postal-code attempts on that order, but never its customer's email address.
    by_order: KeyedLimit,
}

impl Default for LookupLimits {
    /// Per client 10 attempts at once then one every 30 s, of which 5 with a postal code
    /// then one every 5 min; per order number 5 then one every 10 min.
    fn default() -> Self {
        Self {
            by_client: KeyedLimit::new(10, Duration::from_secs(30)),
            postal_by_client: KeyedLimit::new(5, Duration::from_secs(5 * 60)),
            by_order: KeyedLimit::new(5, Duration::from_secs(10 * 60)),
        }
    }
}

impl LookupLimits {
    /// Spends what an attempt costs before it is made; `Err(wait)` when a budget is spent.
    fn before(&self, client: &str, order: &str, contact: &Contact) -> Result<(), Duration> {
        self.by_client.check(client)?;
        if let Contact::PostalCode(_) = contact {
            self.postal_by_client.check(client)?;
            self.by_order.check(order)?;
        }
        Ok(())
    }

    /// Spends what a failed attempt costs once it failed.
    fn failed(&self, order: &str, contact: &Contact) {
        if let Contact::Email(_) = contact {
            // Spent or not, the next attempt with an email address is still made.
            let _ = self.by_order.check(order);
        }
    }
}

/// What a lookup asks for, each field within its bound.
#[derive(Debug)]
pub(super) struct Lookup {
    /// As typed, trimmed.
    number: String,
    contact: Contact,
}

/// The contact a lookup gives: an email address (anything with an `@`) is compared with
/// the order's email only, anything else with its postal code only, so neither kind of
/// guess can pass for the other.
#[derive(Debug)]
enum Contact {
    Email(String),
    PostalCode(String),
}

/// A field longer than its bound, for the form's error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TooLong {
    OrderNumber,
    Contact,
}

impl Lookup {
    pub(super) fn parse(order_number: &str, contact: &str) -> Result<Self, TooLong> {
        let (number, contact) = (order_number.trim(), contact.trim());
        if number.chars().count() > MAX_ORDER_NUMBER_CHARS {
            return Err(TooLong::OrderNumber);
        }
        if contact.chars().count() > MAX_CONTACT_CHARS {
            return Err(TooLong::Contact);
        }
        let contact = if contact.contains('@') {
            Contact::Email(contact.to_owned())
        } else {
            Contact::PostalCode(contact.to_owned())
        };
        Ok(Self {
            number: number.to_owned(),
            contact,
        })
    }
}

impl TooLong {
    /// What the form says, in `lang`.
    pub(super) fn message(self, state: &PageState, lang: &Locale) -> String {
        let (id, max) = match self {
            TooLong::OrderNumber => ("lookup-number-too-long", MAX_ORDER_NUMBER_CHARS),
            TooLong::Contact => ("lookup-contact-too-long", MAX_CONTACT_CHARS),
        };
        state.texts.message(lang, id, &[("max", &max.to_string())])
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
    /// What the customer typed, shown in the form again after a failed attempt.
    pub order_number: String,
    pub contact: String,
    pub footer: String,
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    pub(super) lang: Option<String>,
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
    client: ClientAddr,
    headers: HeaderMap,
    form: Result<Form<LookupForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => Submitted::bounded(&form),
        Err(rejection) => return super::form_refused(&rejection),
    };
    match tenant(&state, &slug).await {
        Ok(tenant) => {
            let at = (&tenant, Where::Slug);
            submit_form(&state, at, &query, client, &headers, form).await
        }
        Err(page) => page,
    }
}

/// `POST /track` on a store's own domain.
pub async fn submit_on_domain(
    State(state): State<PageState>,
    Query(query): Query<LangQuery>,
    client: ClientAddr,
    headers: HeaderMap,
    form: Result<Form<LookupForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => Submitted::bounded(&form),
        Err(rejection) => return super::form_refused(&rejection),
    };
    match super::store_of_host(&state, &headers).await {
        Ok(Some(tenant)) => {
            let at = (&tenant, Where::Domain);
            submit_form(&state, at, &query, client, &headers, form).await
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
    let page = lookup_page(state, tenant, at, &lang, None, Typed::default());
    (super::page_headers(), page).into_response()
}

/// A posted form, its fields checked against their bounds before anything is read from
/// the database.
struct Submitted {
    /// What to show in the form again.
    typed: Typed,
    lookup: Result<Lookup, TooLong>,
}

/// The fields as the customer typed them, trimmed and bounded, to show in the form again
/// (the page escapes them).
#[derive(Debug, Clone, Default)]
struct Typed {
    order_number: String,
    contact: String,
}

impl Submitted {
    fn bounded(form: &LookupForm) -> Self {
        Self {
            typed: Typed {
                order_number: shown(&form.order_number, MAX_ORDER_NUMBER_CHARS),
                contact: shown(&form.contact, MAX_CONTACT_CHARS),
            },
            lookup: Lookup::parse(&form.order_number, &form.contact),
        }
    }
}

async fn submit_form(
    state: &PageState,
    (tenant, at): (&Tenant, Where),
    query: &LangQuery,
    client: ClientAddr,
    headers: &HeaderMap,
    form: Submitted,
) -> Response {
    let lang = page_lang(state, tenant, query.lang.as_deref(), headers);
    let typed = form.typed;
    let fail = |status: StatusCode, message: String| {
        let page = lookup_page(state, tenant, at, &lang, Some(message), typed.clone());
        (status, super::page_headers(), page).into_response()
    };
    let say = |id: &str| state.texts.message(&lang, id, &[]);
    if super::is_cross_site(headers) {
        return fail(StatusCode::FORBIDDEN, say("lookup-refused"));
    }
    let lookup = match form.lookup {
        Ok(lookup) => lookup,
        Err(too_long) => {
            return fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                too_long.message(state, &lang),
            );
        }
    };
    match attempt(state, tenant, client, &lookup).await {
        Attempt::Found(token) => Redirect::to(&format!("/t/{token}")).into_response(),
        Attempt::NotFound => fail(StatusCode::OK, say("lookup-not-found")),
        Attempt::TooMany(wait) => {
            let message = too_many_message(state, &lang, wait);
            let mut response = fail(StatusCode::TOO_MANY_REQUESTS, message);
            set_retry_after(&mut response, wait);
            response
        }
        Attempt::Failed(e) => super::internal_error(&e),
    }
}

/// What one lookup attempt came to.
pub(super) enum Attempt {
    Found(String),
    NotFound,
    TooMany(Duration),
    /// The database could not say (not logged yet).
    Failed(StoreError),
}

/// One lookup attempt: rate limits, then the search; every failure takes at least
/// [`FAILURE_FLOOR`].
pub(super) async fn attempt(
    state: &PageState,
    tenant: &Tenant,
    client: ClientAddr,
    lookup: &Lookup,
) -> Attempt {
    let started = Instant::now();
    let typed = lookup.number.as_str();
    // The same order however it is spelled, so varying "#1001" as "1001" buys no guesses.
    let spelled = OrderNumber::parse(typed).map_or_else(|_| typed.to_uppercase(), |n| n.key());
    let order_key = format!("{}/{spelled}", tenant.id.0);
    let limits = &state.lookup_limits;
    if let Err(wait) = limits.before(&client.limit_key(), &order_key, &lookup.contact) {
        return Attempt::TooMany(wait);
    }
    match find(state, tenant, typed, &lookup.contact).await {
        Ok(Some(token)) => Attempt::Found(token),
        Ok(None) => {
            limits.failed(&order_key, &lookup.contact);
            tokio::time::sleep(FAILURE_FLOOR.saturating_sub(started.elapsed())).await;
            Attempt::NotFound
        }
        Err(e) => Attempt::Failed(e),
    }
}

/// A field as typed, trimmed, at most `max` characters of it.
fn shown(raw: &str, max: usize) -> String {
    raw.trim().chars().take(max).collect()
}

/// The whole seconds of `wait`, rounded up: what `Retry-After` says and the page too.
fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// "Too many attempts, try again in …", with the wait `Retry-After` gives ("45 s",
/// "9 min 30 s"; units every language wismo speaks writes the same way).
pub(super) fn too_many_message(state: &PageState, lang: &Locale, wait: Duration) -> String {
    let secs = retry_after_secs(wait);
    let wait = match (secs / 60, secs % 60) {
        (0, s) => format!("{s}\u{a0}s"),
        (m, 0) => format!("{m}\u{a0}min"),
        (m, s) => format!("{m}\u{a0}min {s}\u{a0}s"),
    };
    state
        .texts
        .message(lang, "lookup-too-many", &[("wait", &wait)])
}

pub(super) fn set_retry_after(response: &mut Response, wait: Duration) {
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, retry_after_secs(wait).into());
}

/// The token of the private link of the order matching both the number and the contact.
async fn find(
    state: &PageState,
    tenant: &Tenant,
    number: &str,
    contact: &Contact,
) -> Result<Option<String>, wismo_store::StoreError> {
    let Ok(number) = OrderNumber::parse(number) else {
        return Ok(None);
    };
    let Some(order) = state.store.find_order_by_number(tenant.id, &number).await? else {
        // Compare anyway, so a missing order costs what a wrong contact does.
        let (Contact::Email(given) | Contact::PostalCode(given)) = contact;
        let _ = same(given, "nobody@example.invalid");
        return Ok(None);
    };
    let matches = match contact {
        Contact::Email(given) => order
            .customer
            .email
            .as_ref()
            .is_some_and(|known| same(given, known.as_ref())),
        Contact::PostalCode(given) => order
            .destination
            .postal_code
            .as_deref()
            .is_some_and(|known| same_postal_code(given, known)),
    };
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
    typed: Typed,
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
        order_number: typed.order_number,
        contact: typed.contact,
        footer: say("footer", &[("store", store)]),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
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

    fn contact(text: &str) -> Contact {
        Lookup::parse("#1", text).map(|l| l.contact).unwrap()
    }

    #[test]
    fn a_postal_code_guess_is_never_compared_with_the_email_and_back() {
        assert!(matches!(contact("97201@"), Contact::Email(_)));
        assert!(matches!(contact(" 97201 "), Contact::PostalCode(p) if p == "97201"));
        // "97201@" would pass for the postal code 97201 if compared with both.
        assert!(!same("97201@", "ana@example.com"));
    }

    #[test]
    fn fields_longer_than_any_real_one_are_refused() {
        let number = "1".repeat(MAX_ORDER_NUMBER_CHARS);
        assert!(Lookup::parse(&format!("  {number}  "), "97201").is_ok());
        let long = format!("{number}1");
        assert_eq!(
            Lookup::parse(&long, "97201").err(),
            Some(TooLong::OrderNumber)
        );
        let email = format!("{}@example.com", "a".repeat(MAX_CONTACT_CHARS));
        assert_eq!(Lookup::parse("#1", &email).err(), Some(TooLong::Contact));
    }

    #[test]
    fn strangers_failing_on_an_order_stop_postal_codes_but_not_emails() {
        let limits = LookupLimits::default();
        let (email, postal) = (contact("eve@example.com"), contact("97201"));
        for n in 0..5 {
            let stranger = format!("10.0.0.{n}");
            assert!(limits.before(&stranger, "1/1001", &email).is_ok());
            limits.failed("1/1001", &email);
        }
        assert!(limits.before("10.1.0.1", "1/1001", &postal).is_err());
        assert!(limits.before("10.1.0.1", "1/1001", &email).is_ok());
        // Postal attempts spend the order's budget before they are made.
        for _ in 0..5 {
            assert!(limits.before("10.2.0.1", "1/1002", &postal).is_ok());
        }
        assert!(limits.before("10.2.0.2", "1/1002", &postal).is_err());
    }

    #[test]
    fn one_client_gets_ten_attempts_of_which_five_with_postal_codes() {
        let limits = LookupLimits::default();
        for n in 0..5 {
            let order = format!("1/{n}");
            assert!(limits.before("10.0.0.3", &order, &contact("97201")).is_ok());
        }
        let wait = limits.before("10.0.0.3", "1/5", &contact("97201"));
        assert!(wait.is_err_and(|w| w > Duration::from_secs(60)));
        for n in 6..10 {
            let order = format!("1/{n}");
            assert!(limits.before("10.0.0.3", &order, &contact("a@b.c")).is_ok());
        }
        assert!(
            limits
                .before("10.0.0.3", "1/99", &contact("a@b.c"))
                .is_err()
        );
        assert!(limits.before("10.0.0.4", "1/99", &contact("a@b.c")).is_ok());
    }

    #[test]
    fn the_wait_is_told_in_the_seconds_retry_after_gives() {
        assert_eq!(retry_after_secs(Duration::from_millis(21_200)), 22);
        assert_eq!(retry_after_secs(Duration::from_secs(30)), 30);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }
}
