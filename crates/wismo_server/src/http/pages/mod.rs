//! Server-rendered public pages (askama, auto-escaped) and their stylesheet. Pages carry
//! strict headers: no referrer, no indexing, no third-party anything.

pub mod isolate;
pub mod items;
pub mod keyed_limit;
pub mod lang;
pub mod lookup;
pub mod markdown;
pub mod order_link;
pub mod prerender;
pub mod promise;
pub mod rating;
pub mod requests;
pub mod snapshot;
pub mod theme;
pub mod tracking;
pub mod unsubscribe;
pub mod widget;

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::sync::LazyLock;
use wismo_domain::{Locale, Texts};

use crate::state::Core;

/// What the customer's pages share, behind one `Arc` (cloned for every request, as
/// [`Core`] is): the core, the forms' budgets and the pages on their way to the store.
/// Reads through to [`PageParts`] and [`Core`] (`state.store`, `state.texts`, …).
#[derive(Clone)]
pub struct PageState(std::sync::Arc<PageParts>);

/// The parts of [`PageState`].
pub struct PageParts {
    pub core: Core,
    /// Budgets of the order lookup form.
    pub lookup_limits: std::sync::Arc<lookup::LookupLimits>,
    /// Budgets of the customer request form.
    pub request_limits: std::sync::Arc<requests::RequestLimits>,
    /// Budgets of the delivery rating form.
    pub rating_limits: std::sync::Arc<rating::RatingLimits>,
    /// Budgets of the order links in platforms' emails.
    pub link_limits: std::sync::Arc<order_link::LinkLimits>,
    /// Rendered tracking pages on their way to the store, for repeat views.
    pub snapshots: snapshot::Snapshots,
}

impl PageState {
    /// The pages' state over `core`, keeping rendered pages when `store_pages` says so
    /// (spawns the task that keeps them: call inside a tokio runtime).
    pub fn new(core: Core, store_pages: bool) -> Self {
        let snapshots = if store_pages {
            snapshot::Snapshots::spawn(core.store.clone())
        } else {
            snapshot::Snapshots::disabled()
        };
        Self(std::sync::Arc::new(PageParts {
            core,
            lookup_limits: Default::default(),
            request_limits: Default::default(),
            rating_limits: Default::default(),
            link_limits: Default::default(),
            snapshots,
        }))
    }
}

impl std::ops::Deref for PageState {
    type Target = PageParts;

    fn deref(&self) -> &PageParts {
        &self.0
    }
}

impl std::ops::Deref for PageParts {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.core
    }
}

const STYLESHEET: &str = include_str!("../../../static/wismo.css");

/// The stylesheet gzip-compressed, once per process and at the best level: 6.4 KB become
/// about 1.8 KB on a first visit's wire.
static STYLESHEET_GZIP: LazyLock<Option<Bytes>> = LazyLock::new(|| {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(STYLESHEET.as_bytes()).ok()?;
    encoder.finish().ok().map(Bytes::from)
});

/// `GET /static/wismo.css`: gzip-compressed for clients that take it.
pub async fn stylesheet(headers: HeaderMap) -> Response {
    let headers_out = [
        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
        (header::CACHE_CONTROL, "public, max-age=3600"),
        (header::VARY, "accept-encoding"),
    ];
    match STYLESHEET_GZIP
        .as_ref()
        .filter(|_| snapshot::accepts_gzip(&headers))
    {
        Some(gzipped) => (
            headers_out,
            [(header::CONTENT_ENCODING, "gzip")],
            gzipped.clone(),
        )
            .into_response(),
        None => (headers_out, STYLESHEET).into_response(),
    }
}

/// The headers every public page carries.
pub fn page_headers() -> [(HeaderName, HeaderValue); 5] {
    [
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            HeaderName::from_static("x-robots-tag"),
            HeaderValue::from_static("noindex, nofollow"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            ),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ]
}

/// The neutral "not found" page: the same for a token that never existed, a revoked one and
/// any other unknown path, so it reveals nothing.
#[derive(Template, WebTemplate)]
#[template(path = "not_found.html")]
pub struct NotFoundPage {
    pub lang: String,
    pub title: String,
    pub body: String,
}

/// The page shown when wismo itself failed; details go to the log only.
#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub lang: String,
    pub title: String,
    pub body: String,
}

/// Which notice a page response is: [`localize_notices`] renders it again in the
/// visitor's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notice {
    NotFound,
    Failed,
    /// A body larger than the route takes (413).
    TooLarge,
    /// A body that could not be read (400).
    BadRequest,
}

/// The texts a notice is rendered with before [`localize_notices`] sees it (English), for
/// routers without the layer.
static NOTICE_TEXTS: LazyLock<Option<Texts>> = LazyLock::new(|| Texts::builtin().ok());

fn notice(kind: Notice, texts: Option<&Texts>, locale: &Locale) -> Response {
    let say = |id: &str| texts.map_or_else(String::new, |t| t.message(locale, id, &[]));
    let lang = texts.map_or("en", |t| t.resolve(locale)).to_owned();
    let mut response = match kind {
        Notice::NotFound => (
            StatusCode::NOT_FOUND,
            page_headers(),
            NotFoundPage {
                lang,
                title: say("not-found-title"),
                body: say("not-found-body"),
            },
        )
            .into_response(),
        Notice::Failed => error_page(StatusCode::INTERNAL_SERVER_ERROR, lang, "error", say),
        Notice::TooLarge => error_page(StatusCode::PAYLOAD_TOO_LARGE, lang, "too-large", say),
        Notice::BadRequest => error_page(StatusCode::BAD_REQUEST, lang, "bad-request", say),
    };
    response.extensions_mut().insert(kind);
    response
}

/// The error page with the `{texts}-title` and `{texts}-body` messages.
fn error_page(
    status: StatusCode,
    lang: String,
    texts: &str,
    say: impl Fn(&str) -> String,
) -> Response {
    let page = ErrorPage {
        lang,
        title: say(&format!("{texts}-title")),
        body: say(&format!("{texts}-body")),
    };
    (status, page_headers(), page).into_response()
}

/// The page for a body that says nothing wismo understands (400).
pub fn bad_request() -> Response {
    notice(
        Notice::BadRequest,
        NOTICE_TEXTS.as_ref(),
        &Locale::default(),
    )
}

pub fn not_found() -> Response {
    notice(Notice::NotFound, NOTICE_TEXTS.as_ref(), &Locale::default())
}

pub fn internal_error(error: &(dyn std::error::Error + 'static)) -> Response {
    tracing::error!(error = %error, "page failed");
    notice(Notice::Failed, NOTICE_TEXTS.as_ref(), &Locale::default())
}

/// The page for a form body that was refused: too large (413), or unreadable (400).
pub fn form_refused(rejection: &axum::extract::rejection::FormRejection) -> Response {
    let kind = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Notice::TooLarge
    } else {
        Notice::BadRequest
    };
    notice(kind, NOTICE_TEXTS.as_ref(), &Locale::default())
}

#[derive(serde::Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// Renders "not found", "something went wrong" and refused-form pages again in the visitor's language:
/// `?lang`, then `Accept-Language`, then English (no store is known for an unknown path).
pub async fn localize_notices(
    axum::extract::State(state): axum::extract::State<PageState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    // Kept for after the answer, cheaply: most requests have no query and no notice.
    let query = req.uri().query().map(str::to_owned);
    let accept_language = req.headers().get(header::ACCEPT_LANGUAGE).cloned();
    let response = next.run(req).await;
    let Some(&kind) = response.extensions().get::<Notice>() else {
        return response;
    };
    let lang = query
        .and_then(|q| serde_urlencoded::from_str::<LangQuery>(&q).ok())
        .and_then(|q| q.lang);
    let mut headers = HeaderMap::new();
    if let Some(value) = accept_language {
        headers.insert(header::ACCEPT_LANGUAGE, value);
    }
    let locale = lang::choose(
        &state.texts,
        lang.as_deref(),
        None,
        &headers,
        &Locale::default(),
    );
    if state.texts.resolve(&locale) == "en" {
        return response;
    }
    notice(kind, Some(&state.texts), &locale)
}

/// The request's host name, lower case, without a port.
pub(crate) fn host_of(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    Some(name.trim_end_matches('.').to_ascii_lowercase())
}

/// The request's host name when it may be a store's own domain: not wismo's own address,
/// `localhost` or a bare IP.
pub(crate) fn custom_host(state: &PageState, headers: &HeaderMap) -> Option<String> {
    let host = host_of(headers)?;
    let own = state
        .config
        .public_url
        .split_once("://")
        .map(|(_, rest)| rest.split([':', '/']).next().unwrap_or(rest));
    let ours = own == Some(host.as_str())
        || host == "localhost"
        || host.parse::<std::net::IpAddr>().is_ok();
    (!ours).then_some(host)
}

/// The store whose own domain the request came to, if any; an error page when the
/// database cannot say (a failure must not pass for "not a store's domain").
pub(crate) async fn store_of_host(
    state: &PageState,
    headers: &HeaderMap,
) -> Result<Option<wismo_domain::Tenant>, Response> {
    domain_store(state, headers)
        .await
        .map_err(|e| internal_error(&e))
}

/// [`store_of_host`] with the database's error, for answers that are not pages.
pub(crate) async fn domain_store(
    state: &PageState,
    headers: &HeaderMap,
) -> Result<Option<wismo_domain::Tenant>, wismo_store::StoreError> {
    let Some(host) = custom_host(state, headers) else {
        return Ok(None);
    };
    state.store.store_by_domain(&host).await
}

/// Whether the browser says this POST came from another site.
pub(crate) fn is_cross_site(headers: &HeaderMap) -> bool {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = value("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    match (value("origin"), value("host")) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_none_or(|(_, rest)| rest != host),
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn posts_from_other_sites_are_refused() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            h
        };
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "track.example.com")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "https://track.example.com"),
            ("host", "track.example.com")
        ])));
        // A client that says nothing (curl, an old browser) is let through.
        assert!(!is_cross_site(&headers(&[])));
    }

    #[test]
    fn a_failure_is_told_in_the_visitors_language_with_the_pages_headers() {
        let texts = Texts::builtin().unwrap();
        let fr = Locale::parse("fr-CA").unwrap();
        let response = notice(Notice::Failed, Some(&texts), &fr);
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.extensions().get::<Notice>(), Some(&Notice::Failed));
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        let page = ErrorPage {
            lang: "fr".into(),
            title: texts.message(&fr, "error-title", &[]),
            body: texts.message(&fr, "error-body", &[]),
        }
        .render()
        .unwrap();
        assert!(page.contains("<html lang=\"fr\">"), "{page}");
        assert!(
            page.contains("Un problème est survenu de notre côté"),
            "{page}"
        );
        // Without the layer, the English page.
        let english = internal_error(&std::io::Error::other("boom"));
        assert_eq!(english.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
