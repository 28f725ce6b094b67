//! The previews the settings pages frame: the tracking page and an email for a sample
//! order, made with the branding as typed (the query of [`Draft`]) or the store's own.
//! Each is framed by wismo's own pages only (`frame-ancestors 'self'`).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::notify::Moment;
use wismo_domain::{Branding, BrandingInput, Locale, Milestone, Tenant};

use super::branding::Draft;
use super::framed;
use crate::http::admin::{AdminState, SignedIn, Tr, failed, not_found};
use crate::http::api::notifications::render_sample;

/// The tracking page's policy: the pages' own, framed by wismo.
const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";
/// An email's: its styles are inline, as mail apps need them; nothing runs or loads from
/// elsewhere.
const EMAIL_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

/// The store with the draft's branding when it passes the checks, else as it is.
fn with_draft(mut tenant: Tenant, draft: &Draft) -> Tenant {
    if let Ok(branding) = draft.branding(&tenant.branding) {
        let logo_version = tenant.branding.logo_version.take();
        tenant.branding = Branding {
            logo_version,
            ..branding
        };
    }
    tenant
}

/// The language `lang` names when wismo writes it, else the store's.
fn locale(state: &AdminState, tenant: &Tenant, lang: &str) -> Locale {
    match Locale::parse(lang) {
        Ok(locale) if state.texts.languages().contains(&lang) => locale,
        _ => tenant.default_locale.clone(),
    }
}

/// `GET /admin/settings/branding/sample`: the tracking page for a sample order, with the
/// branding of the query.
pub async fn tracking(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(draft): Query<Draft>,
) -> Response {
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => with_draft(tenant, &draft),
        Err(e) => return failed(&tr, &e),
    };
    let lang = locale(&state, &tenant, &draft.lang);
    let b = &tenant.branding;
    let theme = Theme {
        primary_color: b.primary_color.as_ref().map(ToString::to_string),
        accent_color: b.accent_color.as_ref().map(ToString::to_string),
        font: b.font.clone(),
    };
    let theme_url = format!(
        "/admin/settings/branding/theme.css?{}",
        serde_urlencoded::to_string(&theme).unwrap_or_default()
    );
    let Some(page) = crate::http::pages::tracking::sample::page_for(
        &state.core,
        &lang,
        tenant,
        draft.delivered(),
        theme_url,
    ) else {
        return not_found(&tr);
    };
    match page.render() {
        Ok(html) => framed(html, PAGE_CSP),
        Err(e) => failed(&tr, &e),
    }
}

/// The colours and font of a theme to preview.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Theme {
    primary_color: Option<String>,
    accent_color: Option<String>,
    font: Option<String>,
}

/// `GET /admin/settings/branding/theme.css`: the stylesheet the pages would get with these
/// colours and font (wismo's own when they do not pass the checks). It reads nothing
/// stored.
pub async fn theme(Query(theme): Query<Theme>) -> Response {
    let branding = Branding::parse(BrandingInput {
        primary_color: theme.primary_color,
        accent_color: theme.accent_color,
        font: theme.font,
        ..Default::default()
    })
    .unwrap_or_default();
    (
        [(axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8")],
        crate::http::pages::theme::css(&branding),
    )
        .into_response()
}

use axum::response::IntoResponse as _;

/// `GET /admin/settings/branding/email`: the email about a parcel that shipped, with the
/// branding of the query.
pub async fn branding_email(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(draft): Query<Draft>,
) -> Response {
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => with_draft(tenant, &draft),
        Err(e) => return failed(&tr, &e),
    };
    let lang = locale(&state, &tenant, &draft.lang);
    email(
        &state,
        &tr,
        &tenant,
        Moment::Milestone(Milestone::Shipped),
        &lang,
    )
}

/// Which message to preview.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Which {
    pub moment: String,
    pub language: String,
}

/// `GET /admin/settings/notifications/email`: the email about a moment in a language, as
/// the store's customers get it now (its branding and own words).
pub async fn notification_email(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(which): Query<Which>,
) -> Response {
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let Ok(moment) = Moment::parse(&which.moment) else {
        return not_found(&tr);
    };
    let lang = locale(&state, &tenant, &which.language);
    email(&state, &tr, &tenant, moment, &lang)
}

fn email(state: &AdminState, tr: &Tr, tenant: &Tenant, moment: Moment, lang: &Locale) -> Response {
    match render_sample(&state.core, tenant, moment, lang) {
        Ok(rendered) => framed(rendered.html, EMAIL_CSP),
        Err(e) => failed(tr, &e),
    }
}
