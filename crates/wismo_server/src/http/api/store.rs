//! `/api/v1/store`: the caller's store, its branding, and its logo.
//!
//! Branding and hosts are checked by the domain (`Branding::parse`, `Hosts::parse`):
//! colours are hex, the font comes from the safe list, links are https (or mailto),
//! lengths are bounded. Colours that fail WCAG AA contrast are accepted but reported in
//! `warnings`, so the merchant can fix them.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, header};
use axum::response::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type};
use wismo_domain::{Branding, Hosts, Tenant};

use crate::http::auth::ApiCaller;
use crate::http::extract::ApiJson;
use crate::http::problem::{ApiError, Problem};
use crate::jobs::{BackgroundJob as _, FetchLogo};
use crate::state::Core;

pub use crate::logo::{MAX_LOGO_BYTES, image_type};

/// The caller's store.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoreView {
    pub slug: String,
    pub name: String,
    pub default_locale: String,
    pub timezone: String,
    /// Where customers find an order without their link.
    pub lookup_url: String,
    pub branding: BrandingInput,
    /// The address wismo serves the store's logo at (uploaded, or fetched from
    /// `branding.logo_url`), if it has one.
    pub logo_url: Option<String>,
    /// Problems worth fixing, e.g. colours below WCAG AA contrast.
    pub warnings: Vec<String>,
    /// The store's own domains: its pages answer there (`/track`, `/t/{token}`).
    pub domains: Vec<String>,
    /// Sites whose pages may use the lookup widget.
    pub widget_origins: Vec<String>,
    /// `<script src="…" defer></script>` plus an element with `data-wismo-track`.
    pub widget_url: String,
    /// Orders placed after this local time (`HH:MM`, the store's zone) count from the
    /// next business day in the promise at checkout.
    #[schema(example = "14:00")]
    pub order_cutoff: String,
    /// The promise at checkout: `?country=US&postal_code=97201`.
    pub promise_url: String,
}

/// The promise at checkout's settings.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PromiseSettings {
    /// `HH:MM` on a 24-hour clock in the store's zone; orders after it count from the next
    /// business day. wismo's default is `14:00`.
    #[schema(example = "14:00", pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub order_cutoff: String,
}

/// Where the store's pages live besides wismo's address, and which sites may embed the
/// widget. `PUT` replaces both lists.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct HostsInput {
    /// Up to 10 host names, e.g. `track.acme.example` (point them at wismo; TLS is the
    /// proxy's job).
    #[schema(max_items = 10)]
    pub domains: Vec<String>,
    /// Up to 10 origins, e.g. `https://acme.example` (`http` only for localhost).
    #[schema(max_items = 10)]
    pub widget_origins: Vec<String>,
}

/// How the store's pages look. Every field is optional; `PUT` replaces the whole set.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct BrandingInput {
    /// An https URL of the logo: wismo fetches it and serves it itself (as `logo_url` of
    /// the store), replacing any logo kept before; pages show no logo until it is fetched.
    #[schema(max_length = 500, pattern = r"^https://\S*$")]
    pub logo_url: Option<String>,
    #[schema(example = "#1a56db", pattern = "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]
    pub primary_color: Option<String>,
    #[schema(example = "#0e7a55", pattern = "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]
    pub accent_color: Option<String>,
    /// Fonts already on people's devices, so pages load no font files.
    #[schema(schema_with = font_schema)]
    pub font: Option<String>,
    /// Shown at the top of the tracking page. Markdown: bold, italic, links, lists.
    #[schema(max_length = 500)]
    pub header_message: Option<String>,
    #[schema(format = Email, max_length = 254)]
    pub support_email: Option<String>,
    #[schema(max_length = 40)]
    pub support_phone: Option<String>,
    /// An https URL.
    #[schema(max_length = 500, pattern = r"^https://\S*$")]
    pub support_url: Option<String>,
    /// Up to 20 questions and answers (answers in Markdown).
    #[schema(max_items = 20)]
    pub faq: Vec<FaqInput>,
    /// Up to 10 footer links (https or mailto).
    #[schema(max_items = 10)]
    pub footer_links: Vec<LinkInput>,
    /// What to do if a parcel is late, shown with a delay. Markdown.
    #[schema(max_length = 1000)]
    pub delay_message: Option<String>,
    /// Private links stop working this many days after delivery (1 to 365); then the page
    /// offers the order lookup. Unset: links keep working.
    #[schema(minimum = 1, maximum = 365)]
    pub link_expiry_days: Option<u32>,
    /// The shop's own site (https): the tracking page's header links back to it.
    #[schema(max_length = 500, pattern = r"^https://\S*$")]
    pub shop_url: Option<String>,
    /// Where customers start a return (https): shown on a delivered parcel's page and with
    /// the help.
    #[schema(max_length = 500, pattern = r"^https://\S*$")]
    pub returns_url: Option<String>,
    /// The returns policy in a few lines, shown with the link once delivered. Markdown.
    #[schema(max_length = 1000)]
    pub returns_policy: Option<String>,
    /// `true`: delivered parcels' pages don't ask "How was your delivery?" (asked by
    /// default).
    pub delivery_rating_off: bool,
    /// The store's words in other languages, keyed by a language the pages speak (`en`,
    /// `es`, `fr`, `de`, `it`, `pt`, `nl`, `sv`, `pl`, `ja`, `ar`): a page in that language
    /// shows them, and the store's
    /// own words (above) where a field is left out.
    pub translations: BTreeMap<String, TextsInput>,
}

/// The store's words in one language. What is left out falls back to the store's own.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TextsInput {
    /// Markdown.
    #[schema(max_length = 500)]
    pub header_message: Option<String>,
    #[schema(max_items = 20)]
    pub faq: Vec<FaqInput>,
    #[schema(max_items = 10)]
    pub footer_links: Vec<LinkInput>,
    /// Markdown.
    #[schema(max_length = 1000)]
    pub delay_message: Option<String>,
    #[schema(max_length = 500, pattern = r"^https://\S*$")]
    pub returns_url: Option<String>,
    /// Markdown.
    #[schema(max_length = 1000)]
    pub returns_policy: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FaqInput {
    #[schema(min_length = 1, max_length = 200)]
    pub question: String,
    /// Markdown.
    #[schema(min_length = 1, max_length = 2000)]
    pub answer: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkInput {
    #[schema(min_length = 1, max_length = 60)]
    pub label: String,
    /// An https or mailto link.
    #[schema(max_length = 500, pattern = "^(https://|mailto:)")]
    pub url: String,
}

/// The font names `Branding::parse` accepts, or `null`.
fn font_schema() -> ObjectBuilder {
    let values = wismo_domain::tenant::FONTS
        .map(|(name, _)| serde_json::Value::from(name))
        .into_iter()
        .chain([serde_json::Value::Null]);
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(values))
}

/// A logo image's bytes in the request body (`type: string, format: binary`).
pub struct LogoImage;

impl utoipa::PartialSchema for LogoImage {
    fn schema() -> RefOr<Schema> {
        let binary = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some("PNG, JPEG, WebP or GIF, at most 256 KB"));
        RefOr::T(Schema::Object(binary.build()))
    }
}

impl ToSchema for LogoImage {}

impl From<BrandingInput> for wismo_domain::BrandingInput {
    fn from(input: BrandingInput) -> Self {
        Self {
            logo_url: input.logo_url,
            primary_color: input.primary_color,
            accent_color: input.accent_color,
            font: input.font,
            header_message: input.header_message,
            support_email: input.support_email,
            support_phone: input.support_phone,
            support_url: input.support_url,
            faq: input.faq.into_iter().map(faq_input).collect(),
            footer_links: input.footer_links.into_iter().map(link_input).collect(),
            delay_message: input.delay_message,
            link_expiry_days: input.link_expiry_days,
            shop_url: input.shop_url,
            returns_url: input.returns_url,
            returns_policy: input.returns_policy,
            delivery_rating_off: input.delivery_rating_off,
            translations: input
                .translations
                .into_iter()
                .map(|(lang, t)| {
                    let given = wismo_domain::TextsInput {
                        header_message: t.header_message,
                        faq: t.faq.into_iter().map(faq_input).collect(),
                        footer_links: t.footer_links.into_iter().map(link_input).collect(),
                        delay_message: t.delay_message,
                        returns_url: t.returns_url,
                        returns_policy: t.returns_policy,
                    };
                    (lang, given)
                })
                .collect(),
        }
    }
}

fn faq_input(e: FaqInput) -> wismo_domain::FaqInput {
    wismo_domain::FaqInput {
        question: e.question,
        answer: e.answer,
    }
}

fn link_input(l: LinkInput) -> wismo_domain::LinkInput {
    wismo_domain::LinkInput {
        label: l.label,
        url: l.url,
    }
}

fn faq_view(e: &wismo_domain::FaqEntry) -> FaqInput {
    FaqInput {
        question: e.question.clone(),
        answer: e.answer.clone(),
    }
}

fn link_view(l: &wismo_domain::FooterLink) -> LinkInput {
    LinkInput {
        label: l.label.clone(),
        url: l.url.clone(),
    }
}

/// The caller's store and its branding.
#[utoipa::path(
    get, path = "/api/v1/store", tag = "store",
    responses((status = 200, description = "The store", body = StoreView)),
    security(("api_key" = []))
)]
pub async fn get_store(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
) -> Result<Json<StoreView>, ApiError> {
    let store = state.store.get_store(caller.store).await?;
    Ok(Json(view(&state, &store).await?))
}

/// Set the store's own domains and the sites allowed to use its lookup widget.
#[utoipa::path(
    put, path = "/api/v1/store/hosts", tag = "store",
    request_body = HostsInput,
    responses(
        (status = 200, description = "The store with its new hosts", body = StoreView),
        (status = 409, description = "A domain is another store's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A domain or origin is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn put_hosts(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiJson(input): ApiJson<HostsInput>,
) -> Result<Json<StoreView>, ApiError> {
    let hosts = parse_hosts(&input.domains, &input.widget_origins)?;
    state.store.set_store_hosts(caller.store, &hosts).await?;
    let store = state.store.get_store(caller.store).await?;
    Ok(Json(view(&state, &store).await?))
}

/// Set the store's order cut-off for the promise at checkout.
#[utoipa::path(
    put, path = "/api/v1/store/promise", tag = "store",
    request_body = PromiseSettings,
    responses(
        (status = 200, description = "The store with its new cut-off", body = StoreView),
        (status = 422, description = "The cut-off is not a time like `14:00`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn put_promise(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiJson(input): ApiJson<PromiseSettings>,
) -> Result<Json<StoreView>, ApiError> {
    let cutoff = wismo_domain::OrderCutoff::parse(&input.order_cutoff)
        .map_err(|e| wismo_domain::FieldErrors::one("order_cutoff", e))?;
    let store = state.store.set_order_cutoff(caller.store, cutoff).await?;
    Ok(Json(view(&state, &store).await?))
}

/// Replace the store's branding. Colours below WCAG AA contrast are reported in `warnings`.
#[utoipa::path(
    put, path = "/api/v1/store/branding", tag = "store",
    request_body = BrandingInput,
    responses(
        (status = 200, description = "The store with its new branding", body = StoreView),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn put_branding(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiJson(input): ApiJson<BrandingInput>,
) -> Result<Json<StoreView>, ApiError> {
    let branding = Branding::parse(input.into())?;
    let store = save_branding(&state, caller.store, &branding)
        .await
        .map_err(|e| match e {
            SaveError::Store(e) => ApiError::from(e),
            SaveError::Job(e) => ApiError::internal(&e),
        })?;
    Ok(Json(view(&state, &store).await?))
}

/// Why saving a store's settings failed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Store(#[from] wismo_store::StoreError),
    /// The job fetching a new logo could not be written.
    #[error("the logo's fetch job: {0}")]
    Job(#[from] serde_json::Error),
}

/// Stores a checked branding for `store`, with the job fetching its logo when
/// `logo_url` changed (the API's `PUT /store/branding` and the admin's branding form).
pub async fn save_branding(
    state: &Core,
    store: wismo_domain::StoreId,
    branding: &Branding,
) -> Result<Tenant, SaveError> {
    let before = state.store.get_store(store).await?;
    let fetch = FetchLogo::for_change(store, &before.branding, branding)
        .map(|job| job.to_new_job(state.clock.now()))
        .transpose()?;
    let jobs: Vec<_> = fetch.into_iter().collect();
    Ok(state.store.update_branding(store, branding, &jobs).await?)
}

/// Checked domains and widget origins, as the store keeps them.
pub fn parse_hosts(
    domains: &[String],
    widget_origins: &[String],
) -> Result<wismo_store::StoreHosts, wismo_domain::FieldErrors> {
    let Hosts {
        domains,
        widget_origins,
    } = Hosts::parse(domains, widget_origins)?;
    Ok(wismo_store::StoreHosts {
        domains,
        widget_origins,
    })
}

/// Why an uploaded logo was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogoRefusal {
    /// Larger than [`MAX_LOGO_BYTES`].
    TooLarge,
    /// Not a PNG, JPEG, WebP or GIF image.
    NotAnImage,
    /// The image is `sniffed`, but its sender said `declared`.
    Mislabelled {
        sniffed: &'static str,
        declared: String,
    },
}

/// The image type of an uploaded logo, when it is one wismo keeps and what its sender
/// called it (the API's `PUT /store/logo` and the admin's upload).
pub fn check_logo(declared: &str, body: &[u8]) -> Result<&'static str, LogoRefusal> {
    if body.len() > MAX_LOGO_BYTES {
        return Err(LogoRefusal::TooLarge);
    }
    let Some(sniffed) = image_type(body) else {
        return Err(LogoRefusal::NotAnImage);
    };
    if !declared.starts_with(sniffed) {
        return Err(LogoRefusal::Mislabelled {
            sniffed,
            declared: declared.to_owned(),
        });
    }
    Ok(sniffed)
}

/// Upload the store's logo: the image itself as the body, PNG, JPEG, WebP or GIF, at most
/// 256 KB. It is served from wismo, so pages load nothing from elsewhere.
#[utoipa::path(
    put, path = "/api/v1/store/logo", tag = "store",
    request_body(
        description = "The image itself, at most 256 KB; its first bytes must agree with `Content-Type`",
        content(
            (LogoImage = "image/png"),
            (LogoImage = "image/jpeg"),
            (LogoImage = "image/webp"),
            (LogoImage = "image/gif"),
        ),
    ),
    responses(
        (status = 200, description = "The store with its new logo", body = StoreView),
        (status = 413, description = "The image is larger than 256 KB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not a PNG, JPEG, WebP or GIF image, or not the one `Content-Type` names", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn put_logo(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<StoreView>, ApiError> {
    let body = body.map_err(|_| ApiError::payload_too_large("a logo may be at most 256 KB"))?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let sniffed = check_logo(declared, &body).map_err(|refusal| match refusal {
        LogoRefusal::TooLarge => ApiError::payload_too_large("a logo may be at most 256 KB"),
        LogoRefusal::NotAnImage => {
            ApiError::unsupported_media_type("the body must be a PNG, JPEG, WebP or GIF image")
        }
        LogoRefusal::Mislabelled { sniffed, declared } => ApiError::unsupported_media_type(
            format!("the body is {sniffed}, but Content-Type says `{declared}`"),
        ),
    })?;
    let logo = crate::logo::store_logo(sniffed, body.to_vec());
    let store = state.store.set_store_logo(caller.store, &logo).await?;
    Ok(Json(view(&state, &store).await?))
}

async fn view(state: &Core, store: &Tenant) -> Result<StoreView, ApiError> {
    let hosts = state.store.store_hosts(store.id).await?;
    let b = &store.branding;
    let public = &state.config.public_url;
    Ok(StoreView {
        domains: hosts.domains,
        widget_origins: hosts.widget_origins,
        widget_url: format!("{public}/{}/widget.js", store.slug),
        order_cutoff: store.order_cutoff.to_string(),
        promise_url: format!("{public}/{}/promise.json", store.slug),
        slug: store.slug.to_string(),
        name: store.name.clone(),
        default_locale: store.default_locale.to_string(),
        timezone: store.timezone.to_string(),
        lookup_url: format!("{public}/{}/track", store.slug),
        logo_url: b
            .logo_version
            .as_ref()
            .map(|v| format!("{public}/{}/logo?v={v}", store.slug)),
        warnings: b.contrast_warnings(),
        branding: branding_view(b),
    })
}

/// A store's branding as the API shows it (and a form starts from).
pub fn branding_view(b: &Branding) -> BrandingInput {
    BrandingInput {
        logo_url: b.logo_url.clone(),
        primary_color: b.primary_color.as_ref().map(ToString::to_string),
        accent_color: b.accent_color.as_ref().map(ToString::to_string),
        font: b.font.clone(),
        header_message: b.header_message.clone(),
        support_email: b.support_email.as_ref().map(ToString::to_string),
        support_phone: b.support_phone.clone(),
        support_url: b.support_url.clone(),
        faq: b.faq.iter().map(faq_view).collect(),
        footer_links: b.footer_links.iter().map(link_view).collect(),
        delay_message: b.delay_message.clone(),
        link_expiry_days: b.link_expiry_days,
        shop_url: b.shop_url.clone(),
        returns_url: b.returns_url.clone(),
        returns_policy: b.returns_policy.clone(),
        delivery_rating_off: b.delivery_rating_off,
        translations: b
            .translations
            .iter()
            .map(|(lang, t)| {
                let texts = TextsInput {
                    header_message: t.header_message.clone(),
                    faq: t.faq.iter().map(faq_view).collect(),
                    footer_links: t.footer_links.iter().map(link_view).collect(),
                    delay_message: t.delay_message.clone(),
                    returns_url: t.returns_url.clone(),
                    returns_policy: t.returns_policy.clone(),
                };
                (lang.clone(), texts)
            })
            .collect(),
    }
}
