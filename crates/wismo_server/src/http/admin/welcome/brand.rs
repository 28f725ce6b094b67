//! `/admin/welcome/brand`, the guide's first step: the logo (a file, or an address wismo
//! fetches), the two colours, and where customers find help (email, phone, a help page).
//! Saved through the branding settings' own code (`Draft::branding`, `save_branding`,
//! [`LogoUpload`]), so the same values are refused with the same words; the branding's
//! other fields are kept as they are.

use askama::Template;
use axum::Form;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::FormRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::Tenant;
use wismo_domain::admin::User;

use super::Progress;
use crate::http::admin::settings::Errors;
use crate::http::admin::settings::branding::{Draft, LogoUpload, logo_error};
use crate::http::admin::{AdminState, SignedIn, Tr, csrf_refused, failed, page, see_other};
use crate::http::api::store::{LogoRefusal, SaveError, save_branding};

#[derive(Template)]
#[template(path = "admin/welcome_brand.html")]
pub struct BrandStepPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub progress: Progress,
    pub store_name: String,
    pub draft: Draft,
    pub errors: Errors,
    /// What the logo upload got wrong.
    pub logo_error: String,
    /// The logo wismo serves now, if any.
    pub logo: Option<String>,
    /// "Saved", after a 303 back here.
    pub done: String,
    /// Colours below WCAG AA contrast, as the API reports them (saved all the same).
    pub warnings: Vec<String>,
}

impl BrandStepPage {
    fn new(tr: Tr, signed_in: SignedIn, tenant: &Tenant, draft: Draft) -> Self {
        Self {
            progress: Progress::at(&tr, "brand"),
            store_name: tenant.name.clone(),
            draft,
            errors: Errors::default(),
            logo_error: String::new(),
            logo: tenant
                .branding
                .logo_version
                .as_ref()
                .map(|v| format!("/{}/logo?v={v}", tenant.slug)),
            done: String::new(),
            warnings: Vec::new(),
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    saved: Option<String>,
}

/// `GET /admin/welcome/brand`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let saved = match done.saved.as_deref() {
        Some("logo") => tr.t("admin-settings-logo-saved"),
        Some(_) => tr.t("admin-settings-saved"),
        None => String::new(),
    };
    let mut step = BrandStepPage::new(tr, signed_in, &tenant, Draft::of(&tenant));
    if !saved.is_empty() {
        step.warnings = tenant.branding.contrast_warnings();
    }
    step.done = saved;
    page(StatusCode::OK, &step)
}

/// The step's fields as sent.
#[derive(Debug, Deserialize)]
pub struct BrandForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    logo_url: String,
    #[serde(default)]
    primary_color: String,
    #[serde(default)]
    accent_color: String,
    #[serde(default)]
    support_email: String,
    #[serde(default)]
    support_phone: String,
    #[serde(default)]
    support_url: String,
}

/// `POST /admin/welcome/brand`: keeps the values and goes on to the next step (or back
/// here when the colours are saved but hard to read, to say so). Refused values come back
/// (422) with what to fix beside them, and nothing is kept.
pub async fn submit(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<BrandForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => form,
        _ => return csrf_refused(&tr),
    };
    let store = signed_in.user.store_id;
    let tenant = match state.store.get_store(store).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let draft = Draft {
        logo_url: form.logo_url,
        primary_color: form.primary_color,
        accent_color: form.accent_color,
        support_email: form.support_email,
        support_phone: form.support_phone,
        support_url: form.support_url,
        ..Draft::of(&tenant)
    };
    match draft.branding(&tenant.branding) {
        Ok(branding) => match save_branding(&state, store, &branding).await {
            Ok(_) if branding.contrast_warnings().is_empty() => {
                see_other(&Progress::at(&tr, "brand").next)
            }
            Ok(_) => see_other("/admin/welcome/brand?saved=1"),
            Err(SaveError::Store(e)) => failed(&tr, &e),
            Err(SaveError::Job(e)) => failed(&tr, &e),
        },
        Err(errors) => {
            let mut step = BrandStepPage::new(tr, signed_in, &tenant, draft);
            step.errors = errors;
            page(StatusCode::UNPROCESSABLE_ENTITY, &step)
        }
    }
}

/// `POST /admin/welcome/brand/logo`: a logo file (multipart), checked and kept as the
/// branding settings' upload is; back to the step, which shows it.
pub async fn upload_logo(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let store = signed_in.user.store_id;
    // Not a multipart body: nothing to read a file (or a token) from, and nothing changes.
    let (refusal, status) = match multipart {
        Ok(multipart) => {
            let upload = LogoUpload::read(multipart).await;
            let cut_short = upload.cut_short();
            if !cut_short && !signed_in.csrf_ok(&upload.csrf) {
                return csrf_refused(&tr);
            }
            let status = if cut_short {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            match upload.keep(&state, store).await {
                Ok(Ok(())) => return see_other("/admin/welcome/brand?saved=logo"),
                Ok(Err(refusal)) => (refusal, status),
                Err(e) => return failed(&tr, &e),
            }
        }
        Err(_) => (LogoRefusal::NotAnImage, StatusCode::UNSUPPORTED_MEDIA_TYPE),
    };
    let tenant = match state.store.get_store(store).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let error = logo_error(&tr, &refusal);
    let mut step = BrandStepPage::new(tr, signed_in, &tenant, Draft::of(&tenant));
    step.logo_error = error;
    page(status, &step)
}
