//! `/admin/settings/branding`: how the store's pages and emails look, with a preview of
//! the tracking page and of an email made from the values as typed, before they are kept.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use wismo_domain::admin::User;
use wismo_domain::{Branding, Tenant};

use super::{Errors, NavLink, framing_page, nav};
use crate::http::admin::{AdminState, SignedIn, Tr, csrf_refused, failed, see_other};
use crate::http::api::store::{
    BrandingInput, LogoRefusal, SaveError, branding_view, check_logo, save_branding,
};

/// The largest logo upload: the API's limit on the image and room for the form around it.
pub const MAX_UPLOAD_BYTES: usize = crate::http::api::store::MAX_LOGO_BYTES + 16 * 1024;

/// The branding form's fields, as typed: what a preview is made from and what a refused
/// form shows again.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Draft {
    pub primary_color: String,
    pub accent_color: String,
    pub font: String,
    pub logo_url: String,
    pub header_message: String,
    pub delay_message: String,
    pub support_email: String,
    pub support_phone: String,
    pub support_url: String,
    pub shop_url: String,
    pub link_expiry_days: String,
    pub returns_url: String,
    pub returns_policy: String,
    /// `on` when delivered parcels' pages don't ask for a rating (a checkbox).
    pub delivery_rating_off: String,
    /// The language the previews are in.
    pub lang: String,
    /// `delivered` to preview the page of a delivered parcel (returns, rating).
    pub sample: String,
}

impl Draft {
    /// The stored branding's fields.
    pub(crate) fn of(tenant: &Tenant) -> Self {
        let b = branding_view(&tenant.branding);
        let text = |v: Option<String>| v.unwrap_or_default();
        Self {
            primary_color: text(b.primary_color),
            accent_color: text(b.accent_color),
            font: text(b.font),
            logo_url: text(b.logo_url),
            header_message: text(b.header_message),
            delay_message: text(b.delay_message),
            support_email: text(b.support_email),
            support_phone: text(b.support_phone),
            support_url: text(b.support_url),
            shop_url: text(b.shop_url),
            link_expiry_days: b
                .link_expiry_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            returns_url: text(b.returns_url),
            returns_policy: text(b.returns_policy),
            delivery_rating_off: if b.delivery_rating_off { "on" } else { "" }.to_owned(),
            lang: tenant.default_locale.to_string(),
            sample: String::new(),
        }
    }

    /// The branding these fields make over the stored one (its questions, footer links
    /// and translations kept), checked as the API checks it.
    pub fn branding(&self, stored: &Branding) -> Result<Branding, Errors> {
        let given = |v: &str| {
            let v = v.trim();
            (!v.is_empty()).then(|| v.to_owned())
        };
        let mut errors = Errors::default();
        let link_expiry_days = match given(&self.link_expiry_days) {
            None => None,
            Some(days) => match days.parse::<u32>() {
                Ok(days) => Some(days),
                Err(_) => {
                    errors.add("link_expiry_days", "must be a whole number of days");
                    None
                }
            },
        };
        let input = BrandingInput {
            logo_url: given(&self.logo_url),
            primary_color: given(&self.primary_color),
            accent_color: given(&self.accent_color),
            font: given(&self.font),
            header_message: given(&self.header_message),
            support_email: given(&self.support_email),
            support_phone: given(&self.support_phone),
            support_url: given(&self.support_url),
            delay_message: given(&self.delay_message),
            link_expiry_days,
            shop_url: given(&self.shop_url),
            returns_url: given(&self.returns_url),
            returns_policy: given(&self.returns_policy),
            delivery_rating_off: self.rating_off(),
            ..branding_view(stored)
        };
        match Branding::parse(input.into()) {
            Ok(branding) if errors.is_empty() => Ok(branding),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }

    /// Whether the rating switch is on ("don't ask").
    pub fn rating_off(&self) -> bool {
        !self.delivery_rating_off.is_empty()
    }

    /// Whether the preview shows a delivered parcel.
    pub fn delivered(&self) -> bool {
        self.sample == "delivered"
    }

    /// The query of a preview of these fields.
    pub fn query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "admin/settings_branding.html")]
pub struct BrandingPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub nav: Vec<NavLink>,
    pub store_name: String,
    pub draft: Draft,
    pub errors: Errors,
    /// Colours below WCAG AA contrast, as the API reports them.
    pub warnings: Vec<String>,
    /// What the logo upload got wrong.
    pub logo_error: String,
    /// The logo wismo serves now, if any.
    pub logo: Option<String>,
    /// The previews' query, when the form was previewed.
    pub preview: Option<String>,
    /// "Saved", after a 303.
    pub done: String,
    /// (value, name) of the fonts on offer.
    pub fonts: Vec<(String, String)>,
    /// The languages previews may be in.
    pub languages: Vec<String>,
}

impl BrandingPage {
    fn new(tr: Tr, signed_in: SignedIn, tenant: &Tenant, draft: Draft) -> Self {
        let fonts = wismo_domain::tenant::FONTS
            .iter()
            .map(|(name, _)| ((*name).to_owned(), (*name).to_owned()))
            .collect();
        Self {
            nav: nav(&tr, &signed_in.user, "branding"),
            languages: Vec::new(),
            store_name: tenant.name.clone(),
            draft,
            errors: Errors::default(),
            warnings: tenant.branding.contrast_warnings(),
            logo_error: String::new(),
            logo: tenant
                .branding
                .logo_version
                .as_ref()
                .map(|v| format!("/{}/logo?v={v}", tenant.slug)),
            preview: None,
            done: String::new(),
            fonts,
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Done {
    saved: Option<String>,
}

/// `GET /admin/settings/branding`
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
    let draft = Draft::of(&tenant);
    let done = match done.saved.as_deref() {
        Some("logo") => tr.t("admin-settings-logo-saved"),
        Some(_) => tr.t("admin-settings-saved"),
        None => String::new(),
    };
    let mut page = BrandingPage::new(tr, signed_in, &tenant, draft);
    page.languages = languages(&state);
    page.done = done;
    framing_page(StatusCode::OK, &page)
}

fn languages(state: &AdminState) -> Vec<String> {
    state
        .texts
        .languages()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// The branding form as sent: its fields, its token, and which button.
#[derive(Debug, Deserialize)]
pub struct BrandingForm {
    #[serde(default)]
    csrf: String,
    /// `preview` to look before saving; anything else saves.
    #[serde(default)]
    action: String,
    #[serde(flatten)]
    draft: Draft,
}

/// `POST /admin/settings/branding`: previews the values as typed, or keeps them (then
/// 303 to the form, "Saved"). Refused values come back with what to fix beside them.
pub async fn submit(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<BrandingForm>, FormRejection>,
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
    let checked = form.draft.branding(&tenant.branding);
    if form.action != "preview"
        && let Ok(branding) = &checked
    {
        return match save_branding(&state, store, branding).await {
            Ok(_) => see_other("/admin/settings/branding?saved=1"),
            Err(SaveError::Store(e)) => failed(&tr, &e),
            Err(SaveError::Job(e)) => failed(&tr, &e),
        };
    }
    let mut page = BrandingPage::new(tr, signed_in, &tenant, form.draft);
    page.languages = languages(&state);
    match checked {
        Ok(branding) => {
            page.warnings = branding.contrast_warnings();
            page.preview = Some(page.draft.query());
            framing_page(StatusCode::OK, &page)
        }
        Err(errors) => {
            page.errors = errors;
            page.warnings = Vec::new();
            framing_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// A logo upload form as read: its token and its file (the declared type and the bytes,
/// `Err` when the body broke or passed the route's limit).
#[derive(Default)]
pub(crate) struct LogoUpload {
    pub csrf: String,
    file: Option<(String, Result<Vec<u8>, ()>)>,
}

impl LogoUpload {
    /// Reads the form's `csrf` and `logo` fields.
    pub(crate) async fn read(mut multipart: Multipart) -> Self {
        let mut upload = Self::default();
        loop {
            match multipart.next_field().await {
                Ok(Some(field)) => match field.name() {
                    Some("csrf") => upload.csrf = field.text().await.unwrap_or_default(),
                    Some("logo") => {
                        let declared = field.content_type().unwrap_or("").to_owned();
                        let bytes = field.bytes().await.map(|b| b.to_vec()).map_err(|_| ());
                        upload.file = Some((declared, bytes));
                    }
                    _ => {}
                },
                Ok(None) => break,
                // A body past the route's limit ends here, as a broken one does.
                Err(_) => {
                    upload.file = Some((String::new(), Err(())));
                    break;
                }
            }
        }
        upload
    }

    /// Whether the body was cut short (past the route's limit, or broken): its token may
    /// not have been read, and nothing is kept.
    pub(crate) fn cut_short(&self) -> bool {
        matches!(self.file, Some((_, Err(()))))
    }

    /// Keeps the file as `store`'s logo when the API's checks take it (PNG, JPEG, WebP or
    /// GIF, at most 256 KB, its bytes agreeing with its type); else why not.
    pub(crate) async fn keep(
        self,
        state: &AdminState,
        store: wismo_domain::StoreId,
    ) -> Result<Result<(), LogoRefusal>, wismo_store::StoreError> {
        let refusal = match self.file {
            Some((declared, Ok(bytes))) if !bytes.is_empty() => {
                match check_logo(&declared, &bytes) {
                    Ok(sniffed) => {
                        let logo = crate::logo::store_logo(sniffed, bytes);
                        state.store.set_store_logo(store, &logo).await?;
                        return Ok(Ok(()));
                    }
                    Err(refusal) => refusal,
                }
            }
            Some((_, Err(()))) => LogoRefusal::TooLarge,
            _ => LogoRefusal::NotAnImage,
        };
        Ok(Err(refusal))
    }
}

/// What the page says about a refused logo.
pub(crate) fn logo_error(tr: &Tr, refusal: &LogoRefusal) -> String {
    match refusal {
        LogoRefusal::TooLarge => tr.t("admin-settings-logo-too-large"),
        LogoRefusal::NotAnImage => tr.t("admin-settings-logo-not-image"),
        LogoRefusal::Mislabelled { .. } => tr.t("admin-settings-logo-mislabelled"),
    }
}

/// `POST /admin/settings/branding/logo`: a logo uploaded from a file (multipart), with
/// the API's limits and checks (PNG, JPEG, WebP or GIF, at most 256 KB).
pub async fn upload_logo(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    // Not a multipart body: nothing to read a file (or a token) from, and nothing changes.
    let Ok(multipart) = multipart else {
        return match state.store.get_store(signed_in.user.store_id).await {
            Ok(tenant) => {
                let draft = Draft::of(&tenant);
                let mut page = BrandingPage::new(tr, signed_in, &tenant, draft);
                page.languages = languages(&state);
                page.logo_error = page.tr.t("admin-settings-logo-not-image");
                framing_page(StatusCode::UNSUPPORTED_MEDIA_TYPE, &page)
            }
            Err(e) => failed(&tr, &e),
        };
    };
    let upload = LogoUpload::read(multipart).await;
    // A body past the route's limit is refused before its token may have been read: it
    // changes nothing, so it is answered with the form and what to fix.
    let cut_short = upload.cut_short();
    if !cut_short && !signed_in.csrf_ok(&upload.csrf) {
        return csrf_refused(&tr);
    }
    let store = signed_in.user.store_id;
    let refusal = match upload.keep(&state, store).await {
        Ok(Ok(())) => return see_other("/admin/settings/branding?saved=logo"),
        Ok(Err(refusal)) => refusal,
        Err(e) => return failed(&tr, &e),
    };
    let tenant = match state.store.get_store(store).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    let logo_error = logo_error(&tr, &refusal);
    let draft = Draft::of(&tenant);
    let mut page = BrandingPage::new(tr, signed_in, &tenant, draft);
    page.languages = languages(&state);
    page.logo_error = logo_error;
    let status = if cut_short {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    framing_page(status, &page)
}
