//! The merchant admin under `/admin`: server-rendered pages (askama) that work without
//! JavaScript, behind a sign-in.
//!
//! - Sessions are rows (`admin_sessions`) named by the SHA-256 of a random cookie value;
//!   the cookie is `__Host-wismo_admin` (Secure, HttpOnly, SameSite=Lax, Path=/) when wismo
//!   is served over https, else `wismo_admin` without Secure (tests, a demo on loopback;
//!   `wismo serve` warns). A session ends after 30 idle minutes or 8 hours
//!   ([`SessionPolicy`]); signing in always makes a new one.
//! - Every form carries a CSRF token: the session's own once signed in; before (sign-in,
//!   set-up links) a signed double-submit token, the same value in a cookie and the form,
//!   MACed with the server's key. A POST without a good one gets a 403 page, and so does one
//!   the browser says came from another site ([`guard`]).
//! - The admin answers on wismo's own host only: on a store's custom domain it is 404.
//! - Sign-in is throttled per (account, client address) strictly, and per account only
//!   slowed, so a stranger guessing cannot lock the owner out ([`sign_in`]).

pub mod audit;
pub mod bulk;
pub mod connect;
pub mod export;
pub mod forgot;
pub mod home;
pub mod links;
pub mod messages;
pub mod order;
pub mod parcel;
pub mod password;
pub mod privacy;
pub mod session;
pub mod settings;
pub mod sign_in;
pub mod team;
pub mod welcome;

use askama::Template;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;
use std::time::Duration;
use wismo_domain::admin::{SessionPolicy, User};
use wismo_domain::{Locale, Texts};

use crate::http::pages::keyed_limit::KeyedLimit;
use crate::http::pages::page_headers;
use crate::state::Core;

pub use session::SignedIn;

/// What the admin's handlers share (cloned per request, one `Arc`).
#[derive(Clone)]
pub struct AdminState(Arc<AdminParts>);

/// The parts of [`AdminState`].
pub struct AdminParts {
    pub core: Core,
    pub policy: SessionPolicy,
    /// Sign-in attempts per (account, client address): 5 at once, then one a minute.
    pub per_client: KeyedLimit,
    /// Sign-in attempts per account from anywhere: past 20 at once, then one every 15 s,
    /// each attempt waits [`SLOWDOWN`] before it is answered (never refused).
    pub per_account: KeyedLimit,
    /// Password-reset emails asked for per address: 3 at once, then one every 10 minutes;
    /// past that the page answers the same and nothing is sent.
    pub forgot_per_account: KeyedLimit,
    /// Test emails a user asks for (the setup guide's): one at once, then one a minute.
    pub test_email_per_user: KeyedLimit,
    /// Password hashes computed at once (each takes 19 MiB).
    pub hashing: Arc<tokio::sync::Semaphore>,
}

/// How long an attempt on an account under attack waits.
pub const SLOWDOWN: Duration = Duration::from_secs(2);

impl AdminState {
    pub fn new(core: Core) -> Self {
        Self(Arc::new(AdminParts {
            core,
            policy: SessionPolicy::default(),
            per_client: KeyedLimit::new(5, Duration::from_secs(60)),
            per_account: KeyedLimit::new(20, Duration::from_secs(15)),
            forgot_per_account: KeyedLimit::new(3, Duration::from_secs(600)),
            test_email_per_user: KeyedLimit::new(1, Duration::from_secs(60)),
            hashing: Arc::new(tokio::sync::Semaphore::new(4)),
        }))
    }

    /// Whether wismo is served over https: the cookies are `Secure` and `__Host-` then.
    pub fn secure(&self) -> bool {
        self.core.config.public_url.starts_with("https://")
    }
}

impl std::ops::Deref for AdminState {
    type Target = AdminParts;

    fn deref(&self) -> &AdminParts {
        &self.0
    }
}

impl std::ops::Deref for AdminParts {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.core
    }
}

/// Warns when the admin's cookies cannot be `Secure` (wismo's public URL is http).
pub fn warn_if_plain_http(public_url: &str) {
    if !public_url.starts_with("https://") {
        tracing::warn!(
            public_url,
            "the public URL is plain http: the admin's session cookie is sent without Secure; serve wismo over https (behind a TLS proxy) for real use"
        );
    }
}

/// The admin's words in the visitor's language (their browser's `Accept-Language`, else
/// English), from the Fluent resources the customer's pages use (`admin.ftl`).
#[derive(Clone)]
pub struct Tr {
    texts: Arc<Texts>,
    locale: Locale,
    /// The page's `lang`.
    pub lang: String,
}

impl Tr {
    pub fn new(texts: Arc<Texts>, headers: &axum::http::HeaderMap) -> Self {
        let locale =
            crate::http::pages::lang::choose(&texts, None, None, headers, &Locale::default());
        let lang = texts.resolve(&locale).to_owned();
        Self {
            texts,
            locale,
            lang,
        }
    }

    /// The language chosen for the visitor: what emails they ask for are written in.
    pub fn locale(&self) -> &Locale {
        &self.locale
    }

    /// Message `id`.
    pub fn t(&self, id: &str) -> String {
        self.texts.message(&self.locale, id, &[])
    }

    /// Message `id` with its arguments.
    pub fn with(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.texts.message(&self.locale, id, args)
    }
}

impl<S> FromRequestParts<S> for Tr
where
    S: Send + Sync,
    AdminState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::new(
            AdminState::from_ref(state).texts.clone(),
            &parts.headers,
        ))
    }
}

/// An admin page with the pages' strict headers.
pub(crate) fn page(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (
            status,
            page_headers(),
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            html,
        )
            .into_response(),
        Err(e) => crate::http::pages::internal_error(&e),
    }
}

/// A short page saying something went wrong or is not allowed.
#[derive(Template)]
#[template(path = "admin/notice.html")]
pub struct NoticePage {
    pub tr: Tr,
    pub title: String,
    pub body: String,
    pub user: Option<User>,
    pub csrf: String,
}

/// The notice `{kind}-title` and `{kind}-body`.
pub(crate) fn notice(tr: &Tr, status: StatusCode, kind: &str) -> Response {
    page(
        status,
        &NoticePage {
            title: tr.t(&format!("{kind}-title")),
            body: tr.t(&format!("{kind}-body")),
            tr: tr.clone(),
            user: None,
            csrf: String::new(),
        },
    )
}

/// The page for a form whose CSRF token is missing or wrong.
pub(crate) fn csrf_refused(tr: &Tr) -> Response {
    notice(tr, StatusCode::FORBIDDEN, "admin-csrf")
}

/// The page for what the user's role may not see.
pub(crate) fn forbidden(tr: &Tr, signed_in: &SignedIn) -> Response {
    page(
        StatusCode::FORBIDDEN,
        &NoticePage {
            title: tr.t("admin-forbidden-title"),
            body: tr.t("admin-forbidden-body"),
            tr: tr.clone(),
            user: Some(signed_in.user.clone()),
            csrf: signed_in.csrf.clone(),
        },
    )
}

pub(crate) fn not_found(tr: &Tr) -> Response {
    notice(tr, StatusCode::NOT_FOUND, "admin-not-found")
}

pub(crate) fn failed(tr: &Tr, error: &(dyn std::error::Error + 'static)) -> Response {
    tracing::error!(error = %error, "admin page failed");
    notice(tr, StatusCode::INTERNAL_SERVER_ERROR, "admin-failed")
}

/// The 403 page for anyone but an owner; `None` for an owner. Every page about the team,
/// API keys or secrets starts with it.
pub(crate) fn refuse_unless_owner(tr: &Tr, signed_in: &SignedIn) -> Option<Response> {
    (!signed_in.user.role.manages_store()).then(|| forbidden(tr, signed_in))
}

/// Before any admin handler: the admin answers on wismo's own host, never on a store's
/// custom domain (404 there, as for any unknown path); and a POST (any method but GET and
/// HEAD) the browser says came from another site (`Sec-Fetch-Site`, else `Origin`) is
/// refused with the CSRF page, as defence in depth beside the forms' tokens.
pub async fn guard(
    axum::extract::State(state): axum::extract::State<AdminState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let tr = Tr::new(state.texts.clone(), req.headers());
    if let Some(host) = foreign_host(&state.config.public_url, req.headers()) {
        match state.store.store_by_domain(&host).await {
            Ok(None) => {}
            Ok(Some(_)) => return not_found(&tr),
            Err(e) => return failed(&tr, &e),
        }
    }
    let reads = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    if !reads && crate::http::pages::is_cross_site(req.headers()) {
        return csrf_refused(&tr);
    }
    next.run(req).await
}

/// The request's host when it is not wismo's own (`public_url`'s), `localhost` or an IP:
/// one that may be a store's domain.
pub(crate) fn foreign_host(public_url: &str, headers: &axum::http::HeaderMap) -> Option<String> {
    let host = crate::http::pages::host_of(headers)?;
    let own = public_url
        .split_once("://")
        .and_then(|(_, rest)| rest.split([':', '/']).next());
    let ours = own == Some(host.as_str())
        || host == "localhost"
        || host.parse::<std::net::IpAddr>().is_ok();
    (!ours).then_some(host)
}

/// 303 to `to`.
pub(crate) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Compares two secrets in time that does not depend on where they differ.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `GET /static/admin.css`
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../../static/admin.css"),
    )
        .into_response()
}
