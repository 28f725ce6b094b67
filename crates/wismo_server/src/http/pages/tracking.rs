//! `/t/{token}`: the customer's private tracking page, and `/t/{token}.json`, the same
//! facts for a store's own front end.
//!
//! A token is a shipment's or an order's; both look alike, and the shipment's is asked
//! first (its repeat views are stored pages, [`snapshot`]). A shipment's link shows that
//! parcel first; an order's shows its parcels in the order they were added (one parcel:
//! that parcel's page), and is always rendered. Both follow the same rules for language,
//! custom domains and expiry: an order's link expires once every parcel has.
//!
//! The page shows the store, the order number and items, and every parcel of the order:
//! its status and date in one sentence ([`hero`]), its stage in plain words with what
//! happened, what happens next and what to do, a progress line with the days each step was
//! reached, a banner with the reason when it is late or needs the customer, and its latest
//! scans (the rest behind "Show all") in one time zone, said in the page's language where
//! wismo knows the scan. It speaks the customer's language (see [`lang`]).
//! The page never reloads itself, not even while a parcel is out for delivery: a timed
//! refresh would take away a request being typed and a screen reader's place (WCAG 2.2.1);
//! the customer reloads it when they want.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use wismo_domain::estimate::EstimateBasis;
use wismo_domain::notify::Moment;
use wismo_domain::scan;
use wismo_domain::{
    Locale, Milestone, OrderToken, RequestKind, Shipment, ShipmentToken, Stage, StageTexts,
    Substatus, Texts, TrackingEvent,
};
use wismo_store::{StoreError, TrackingView};

use super::PageState;
use super::{isolate, lang, markdown, snapshot};
use crate::http::problem::ApiError;

mod after;
mod card;
mod json;
pub mod sample;
mod thumbnails;

pub use after::{RatingBox, Returns};
use card::{Parcel, card, item_line, preparing, primary_action, zone_label};
use json::json_view;
pub(super) use thumbnails::{Thumbnails, thumbnails};

/// What a link that expired after delivery shows: the way to the order lookup.
#[derive(Template, WebTemplate)]
#[template(path = "expired.html")]
pub struct ExpiredPage {
    pub lang: String,
    pub title: String,
    pub body: String,
    pub action: String,
    pub store_name: String,
    pub theme_url: String,
    pub lookup_url: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking.html")]
pub struct TrackingPage {
    pub lang: String,
    pub w: Words,
    pub title: String,
    /// HTML: the customer's name and the order number each in a `<bdi>`.
    pub greeting: String,
    pub store_name: String,
    pub theme_url: String,
    pub logo_url: Option<String>,
    /// Safe HTML from the merchant's Markdown.
    pub header_message: Option<String>,
    /// The shop's own site, which the header links back to.
    pub shop_url: Option<String>,
    pub parcel_count: Option<String>,
    pub shipments: Vec<ShipmentCard>,
    /// The order's own card while some or all of it has not shipped (or it was
    /// cancelled): on an order's page only.
    pub preparing: Option<Preparing>,
    pub items: Vec<ItemLine>,
    /// (link, label as safe HTML: its address or number isolated left to right)
    pub support: Vec<(String, String)>,
    /// (question, answer as safe HTML)
    pub faq: Vec<(String, String)>,
    /// The store's returns, once a parcel is delivered.
    pub returns: Option<Returns>,
    /// (label, url)
    pub footer_links: Vec<(String, String)>,
    /// The form to tell the store about the parcel the link is for.
    pub actions: Option<ActionsForm>,
    /// Said after the customer sent a request.
    pub sent: Option<String>,
    /// HTML: the store's name in a `<bdi>`.
    pub footer: String,
}

/// The page's fixed words in its language.
pub struct Words {
    pub skip: String,
    pub happened: String,
    pub next: String,
    pub todo: String,
    pub progress: String,
    pub current: String,
    pub problem: String,
    pub updates: String,
    /// "Times are Berlin time (CET)."
    pub zone: String,
    pub no_scans: String,
    pub tracking_number: String,
    pub items: String,
    pub support: String,
    pub faq: String,
}

pub struct ShipmentCard {
    pub heading: Option<String>,
    pub stage: &'static str,
    pub texts: StageTexts,
    pub banner: Option<Banner>,
    pub steps: Vec<ProgressStep>,
    pub hero: Hero,
    /// The one thing to do about the parcel now, when there is one.
    pub action: Option<PrimaryAction>,
    /// The carrier's facts that fit the parcel's state, as label and value.
    pub facts: Vec<(String, String)>,
    /// "How was your delivery?", once delivered.
    pub rating: Option<RatingBox>,
    /// The store's returns link, once delivered.
    pub returns_link: Option<(String, String)>,
    pub carrier: Option<String>,
    pub carrier_link: Option<(String, String)>,
    pub tracking_number: String,
    /// Newest first: the latest few, shown at once.
    pub events: Vec<EventLine>,
    /// The older ones, behind "Show all".
    pub older: Vec<EventLine>,
    /// "Show all 12 updates", when there are older ones.
    pub show_all: Option<String>,
}

/// What a parcel's card leads with: its status and date in a sentence ("Arriving Friday 4
/// December", "Delivered Thursday 3 December, 11:59"), an icon for its stage, and what
/// to know beside it.
/// An order's own card before its parcels move: what the store is doing, when it should
/// ship and arrive, and which items are still being prepared.
pub struct Preparing {
    /// `ordered` or `cancelled`.
    pub stage: &'static str,
    pub texts: StageTexts,
    pub hero: Hero,
    pub steps: Vec<ProgressStep>,
    /// Heading of the items no parcel holds yet, when some have shipped.
    pub waiting_heading: Option<String>,
    /// Those items, with what is still to come of each.
    pub waiting: Vec<ItemLine>,
}

/// An item of the order as its page lists it.
pub struct ItemLine {
    pub name: String,
    /// "× 2", in the page's language.
    pub quantity: String,
    /// The address of its thumbnail, when wismo keeps one.
    pub image: Option<String>,
}

pub struct Hero {
    /// The inline icon: `box`, `truck`, `check`, `pin`, `alert` or `back`.
    pub icon: &'static str,
    pub headline: String,
    /// A second line: the carrier's note at delivery, the pickup point, a late parcel's
    /// old date.
    pub detail: Option<String>,
    /// Where the date comes from.
    pub note: Option<String>,
}

pub struct ActionsForm {
    pub url: String,
    pub heading: String,
    pub intro: String,
    /// What was missing or wrong in the form the customer sent, when it is shown again.
    pub error: Option<String>,
    /// On an order's page with several parcels: which one it is about.
    pub parcel_label: String,
    /// Each parcel, when there is a choice (its 1-based position as the value).
    pub parcels: Vec<Choice>,
    pub kind_label: String,
    /// The requests that fit the parcels' stages, the most likely first.
    pub options: Vec<Choice>,
    pub message_label: String,
    /// The message as the customer typed it, when the form is shown again.
    pub message: String,
    pub submit: String,
}

/// A radio button of the request form. None is checked on a fresh page: the customer
/// chooses; a form shown again keeps what they chose.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// A request form sent back to the customer (422) with what they typed and chose, and
/// what to fix.
pub(super) struct Resent {
    /// The message id of what to fix.
    pub error: &'static str,
    /// The parcel chosen (1-based position), if it is one of the page's.
    pub parcel: Option<usize>,
    /// The request chosen, if it fits.
    pub kind: Option<RequestKind>,
    pub message: String,
}

pub struct Banner {
    pub title: String,
    pub reason: Option<String>,
    /// The store's own advice for late parcels, as safe HTML.
    pub advice: Option<String>,
}

/// The button a card leads with when the parcel needs something: the carrier's page to pay
/// duties or rearrange a delivery, the pickup point on a map, or the request form with the
/// fitting choice made.
pub struct PrimaryAction {
    pub url: String,
    pub label: String,
    /// Whether it leaves the page (opened without a referrer).
    pub external: bool,
}

pub struct ProgressStep {
    pub label: String,
    /// `done`, `current` or `todo`.
    pub state: &'static str,
    /// The day the parcel reached the step, when a scan says.
    pub date: Option<String>,
    /// Whether the parcel's trouble happened at this step.
    pub problem: bool,
}

pub struct EventLine {
    pub datetime: String,
    pub when: String,
    /// In the page's language when the scan is a common one, else the carrier's words.
    pub description: String,
    /// The carrier's own words, when `description` is wismo's reading of them.
    pub original: Option<String>,
    pub location: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
    /// `1` after a request was sent, `wait` when it was one too many, `too-long` when its
    /// message was.
    sent: Option<String>,
    /// A request to choose in the form (a card's button leads here): `not_received`, …
    ask: Option<String>,
    /// `wait` when a delivery rating was one too many.
    rated: Option<String>,
    /// With `ask` on an order's page: the parcel it is about (1-based). Kept as text: a
    /// link someone mangled still opens the page, choosing nothing.
    parcel: Option<String>,
}

/// `GET /t/{token}` and `GET /t/{token}.json`
pub async fn show(
    State(state): State<PageState>,
    Path(token): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let (token, json) = match token.strip_suffix(".json") {
        Some(token) => (token, true),
        None => (token.as_str(), false),
    };
    // The JSON view answers its failures as problems (RFC 9457), the page as pages.
    let answer = if json { Answer::Json } else { Answer::Page };
    let Some(shipment_token) = ShipmentToken::parse(token) else {
        return answer.not_found();
    };
    // A repeat view: the page as rendered last time, if nothing it shows changed since.
    if !json
        && query.sent.is_none()
        && query.ask.is_none()
        && query.rated.is_none()
        && let Some(page) =
            snapshot::stored(&state, &shipment_token, query.lang.as_deref(), &headers).await
    {
        return page;
    }
    let view = match link_view(&state, token).await {
        Ok(Some(view)) => view,
        Ok(None) => return answer.not_found(),
        Err(e) => return answer.failed(&e),
    };
    // On a store's own domain, only that store's parcels.
    match super::domain_store(&state, &headers).await {
        Ok(Some(domain_store)) if domain_store.id != view.store.id => return answer.not_found(),
        Ok(_) => {}
        Err(e) => return answer.failed(&e),
    }
    let lang = lang::choose(
        &state.texts,
        query.lang.as_deref(),
        view.order.customer.locale.as_ref(),
        &headers,
        &view.store.default_locale,
    );
    if link_expired(&view, state.clock.now()) {
        return match answer {
            Answer::Page => expired_page(&state, &lang, &view),
            Answer::Json => json_problem(ApiError::gone(format!(
                "this tracking link has expired; the order can still be found with its number at {}/{}/track",
                state.config.public_url, view.store.slug
            ))),
        };
    }
    if json {
        (super::page_headers(), Json(json_view(&state, &lang, &view))).into_response()
    } else {
        let thumbnails = match thumbnails(&state, &view).await {
            Ok(thumbnails) => thumbnails,
            Err(e) => return answer.failed(&e),
        };
        let mut page = page(&state, &lang, &view, &thumbnails);
        if let Some(kind) = query
            .ask
            .as_deref()
            .and_then(|k| RequestKind::parse(k).ok())
        {
            let parcel = query.parcel.as_deref().and_then(|p| p.trim().parse().ok());
            preselect(&mut page, kind, parcel);
        }
        page.sent = match query.sent.as_deref() {
            Some("1") => Some(state.texts.message(
                &lang,
                "action-sent",
                &[("store", &view.store.name)],
            )),
            Some("wait") => Some(state.texts.message(&lang, "action-too-many", &[])),
            _ if query.rated.as_deref() == Some("wait") => {
                Some(state.texts.message(&lang, "rating-too-many", &[]))
            }
            Some("too-long") => Some(state.texts.message(
                &lang,
                "action-too-long",
                &[("max", &super::requests::MAX_MESSAGE_CHARS.to_string())],
            )),
            _ => None,
        };
        let html = match page.render() {
            Ok(html) => html,
            Err(e) => return super::internal_error(&e),
        };
        // Only a shipment's page is kept; an order's is rendered every time.
        let keep = view
            .focus
            .filter(|_| query.sent.is_none() && query.ask.is_none() && query.rated.is_none())
            .map(|shipment| snapshot::Keep {
                shipment,
                lang: lang.as_str(),
                revision: view.revision,
            });
        snapshot::rendered(&state, &headers, html, keep)
    }
}

/// How a link's failures are answered: the page's HTML pages, or the JSON view's problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Page,
    Json,
}

impl Answer {
    /// The neutral "not found": the same for a malformed, unknown or revoked token.
    fn not_found(self) -> Response {
        match self {
            Answer::Page => super::not_found(),
            Answer::Json => json_problem(ApiError::not_found("tracking link")),
        }
    }

    /// The answer when wismo itself failed (logged, never shown).
    fn failed(self, error: &(dyn std::error::Error + 'static)) -> Response {
        match self {
            Answer::Page => super::internal_error(error),
            Answer::Json => json_problem(ApiError::internal(error)),
        }
    }
}

/// A problem answer of the JSON view, with the pages' headers (no caching, no referrer).
fn json_problem(error: ApiError) -> Response {
    (super::page_headers(), error).into_response()
}

/// What a link that expired after delivery shows (410): the way to the order lookup.
pub(super) fn expired_page(state: &PageState, lang: &Locale, view: &TrackingView) -> Response {
    let say = |id: &str| state.texts.message(lang, id, &[]);
    let page = ExpiredPage {
        lang: state.texts.resolve(lang).to_owned(),
        title: say("expired-title"),
        body: say("expired-body"),
        action: say("expired-action"),
        store_name: view.store.name.clone(),
        theme_url: super::theme::url(&view.store),
        lookup_url: format!("/{}/track", view.store.slug),
    };
    (StatusCode::GONE, super::page_headers(), page).into_response()
}

/// Renders a shipment's page as its customer's first view would get it (the customer's
/// language, else the store's) and stores it at once, not in the background: a link about
/// to be sent opens as a repeat view. A page already stored at the parcel's current
/// revision (usually rendered ahead when the news that prompted the message came) is left
/// as it is. `false` when nothing is stored: pages are not kept, the link is unknown or
/// has expired.
pub async fn warm(state: &PageState, token: &ShipmentToken) -> anyhow::Result<bool> {
    if !state.snapshots.enabled() {
        return Ok(false);
    }
    if snapshot::first_view_is_stored(state, token).await? {
        return Ok(true);
    }
    let Some(page) = render_ahead(state, token).await? else {
        return Ok(false);
    };
    state.store.save_page_snapshots(&[page]).await?;
    Ok(true)
}

/// A shipment's page as its customer's first view would get it (the customer's language,
/// else the store's), ready to keep: what [`warm`] stores now and
/// [`prerender`](super::prerender) stores in batches. `None` when pages are not kept, the
/// link is unknown or has expired.
pub(super) async fn render_ahead(
    state: &PageState,
    token: &ShipmentToken,
) -> anyhow::Result<Option<wismo_store::PageSnapshot>> {
    if !state.snapshots.enabled() {
        return Ok(None);
    }
    let Some(view) = state.store.tracking_view(token).await? else {
        return Ok(None);
    };
    let Some(shipment) = view.focus else {
        return Ok(None);
    };
    if link_expired(&view, state.clock.now()) {
        return Ok(None);
    }
    let lang = lang::choose(
        &state.texts,
        None,
        view.order.customer.locale.as_ref(),
        &HeaderMap::new(),
        &view.store.default_locale,
    );
    let thumbnails = thumbnails(state, &view).await?;
    let html = page(state, &lang, &view, &thumbnails).render()?;
    let keep = snapshot::Keep {
        shipment,
        lang: lang.as_str(),
        revision: view.revision,
    };
    Ok(Some(snapshot::to_keep(state, keep, &html)?))
}

/// What a link shows: a shipment's token first, then an order's (they look alike).
pub(super) async fn link_view(
    state: &PageState,
    token: &str,
) -> Result<Option<TrackingView>, StoreError> {
    if let Some(shipment) = ShipmentToken::parse(token)
        && let Some(view) = state.store.tracking_view(&shipment).await?
    {
        return Ok(Some(view));
    }
    match OrderToken::parse(token) {
        Some(order) => state.store.order_view(&order).await,
        None => Ok(None),
    }
}

/// The token of the link a view was read for.
fn link_token(view: &TrackingView) -> String {
    match view.focused() {
        Some(shipment) => shipment.token.to_string(),
        None => view.order.token.to_string(),
    }
}

fn page(
    state: &crate::state::Core,
    lang: &Locale,
    view: &TrackingView,
    thumbnails: &Thumbnails,
) -> TrackingPage {
    let texts = &state.texts;
    let say = |id: &str, args: &[(&str, &str)]| texts.message(lang, id, args);
    let isolated = |id: &str, args: &[(&str, &str)]| isolate::message(texts, lang, id, args);
    let number = view.order.order_number.to_string();
    let store = view.store.name.as_str();
    let tz = time_zone(view);
    let shipments = view.shipments_focus_first();
    let count = shipments.len();
    // The store's words in the page's language, else its own.
    let words = view.store.branding.words(texts.resolve(lang));
    let cards: Vec<ShipmentCard> = shipments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let heading = (count > 1).then(|| {
                say(
                    "parcel-heading",
                    &[
                        ("index", &(i + 1).to_string()),
                        ("count", &count.to_string()),
                    ],
                )
            });
            let emails = |m| view.store.emails(&view.order.customer, m);
            let parcel = Parcel {
                shipment: s,
                events: view.events_of(s.id),
                store,
                tz,
                today: state.clock.now().with_timezone(&tz).date_naive(),
            };
            let mut card = card(texts, lang, &parcel, heading, emails);
            // The form's choice for this parcel: its place in the order, on an order's
            // page with several parcels.
            let position = view
                .parcel()
                .is_none()
                .then(|| view.order.shipments.iter().position(|o| o.id == s.id))
                .flatten()
                .map(|i| i + 1);
            card.action = primary_action(texts, lang, &parcel, position);
            card.rating = after::rating_box(texts, lang, view, s, position);
            card.returns_link = words
                .returns_url
                .filter(|u| s.stage == Stage::Delivered && u.starts_with("https://"))
                .map(|u| (u.to_owned(), say("returns-start", &[])));
            if let Some(banner) = card.banner.as_mut().filter(|_| s.stage == Stage::Delayed) {
                banner.advice = words.delay_message.map(markdown::render);
            }
            card
        })
        .collect();
    let branding = &view.store.branding;
    let mut support = Vec::new();
    if let Some(email) = &branding.support_email {
        let email = email.to_string();
        let label = isolate::message_ltr(texts, lang, "support-email", &[("email", &email)]);
        support.push((format!("mailto:{email}"), label));
    }
    if let Some(phone) = &branding.support_phone {
        let digits: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        support.push((
            format!("tel:{digits}"),
            isolate::message_ltr(texts, lang, "support-phone", &[("phone", phone)]),
        ));
    }
    if let Some(url) = branding
        .support_url
        .as_ref()
        .filter(|u| u.starts_with("https://"))
    {
        support.push((
            url.clone(),
            isolate::message(texts, lang, "support-url", &[]),
        ));
    }
    TrackingPage {
        lang: texts.resolve(lang).to_owned(),
        w: Words {
            skip: say("skip-to-content", &[]),
            happened: say("heading-happened", &[]),
            next: say("heading-next", &[]),
            todo: say("heading-todo", &[]),
            progress: say("progress", &[]),
            current: say("step-current", &[]),
            problem: say("step-problem", &[]),
            updates: say("updates", &[]),
            zone: zone_label(texts, lang, tz, state.clock.now()),
            no_scans: say("no-scans", &[]),
            tracking_number: say("tracking-number", &[]),
            items: say("items", &[]),
            support: say("support-heading", &[]),
            faq: say("faq-heading", &[]),
        },
        title: say("page-title", &[("number", &number), ("store", store)]),
        greeting: match view.order.customer.first_name() {
            Some(name) => isolated("greeting-named", &[("name", name), ("number", &number)]),
            None => isolated("greeting", &[("number", &number)]),
        },
        store_name: store.to_owned(),
        theme_url: super::theme::url(&view.store),
        // Only the logo wismo keeps: a page loads nothing from the merchant's host.
        logo_url: branding
            .logo_version
            .as_ref()
            .map(|version| format!("/{}/logo?v={version}", view.store.slug)),
        header_message: words.header_message.map(markdown::render),
        shop_url: branding.shop_url.clone(),
        parcel_count: (count > 1).then(|| say("parcel-count", &[("count", &count.to_string())])),
        shipments: cards,
        preparing: view
            .focused()
            .is_none()
            .then(|| preparing(texts, lang, view, thumbnails, tz, state.clock.now()))
            .flatten(),
        items: view
            .order
            .items
            .iter()
            .map(|item| item_line(texts, lang, view, thumbnails, item, item.quantity))
            .collect(),
        support,
        faq: words
            .faq
            .iter()
            .map(|e| (e.question.clone(), markdown::render(&e.answer)))
            .collect(),
        returns: after::returns(texts, lang, view, &words),
        footer_links: words
            .footer_links
            .iter()
            .map(|l| (l.label.clone(), l.url.clone()))
            .collect(),
        actions: (count > 0).then(|| ActionsForm {
            url: format!("/t/{}/requests", link_token(view)),
            heading: say("actions-heading", &[]),
            intro: say("actions-intro", &[("store", store)]),
            error: None,
            parcel_label: say("action-parcel", &[]),
            parcels: match view.parcel() {
                Some(_) => Vec::new(),
                None => parcel_choices(texts, lang, view),
            },
            kind_label: say("action-kind", &[]),
            options: super::requests::kinds_offered(view)
                .into_iter()
                .map(|k| Choice {
                    value: k.as_str().to_owned(),
                    label: say(&format!("action-{}", k.as_str()), &[]),
                    checked: false,
                })
                .collect(),
            message_label: say("action-message", &[]),
            message: String::new(),
            submit: say("action-submit", &[("store", store)]),
        }),
        sent: None,
        footer: isolated("footer", &[("store", store)]),
    }
}

/// The page with its request form sent back (422, never stored): what the customer typed
/// and chose kept, and what to fix said above the form.
pub(super) fn resent_page(
    state: &PageState,
    lang: &Locale,
    view: &TrackingView,
    thumbnails: &Thumbnails,
    resent: Resent,
) -> Response {
    let mut page = page(state, lang, view, thumbnails);
    if let Some(form) = page.actions.as_mut() {
        form.error = Some(state.texts.message(lang, resent.error, &[]));
        let parcel = resent.parcel.map(|p| p.to_string());
        for choice in &mut form.parcels {
            choice.checked = parcel.as_deref() == Some(choice.value.as_str());
        }
        for choice in &mut form.options {
            choice.checked = resent.kind.is_some_and(|k| k.as_str() == choice.value);
        }
        form.message = resent.message;
    }
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        super::page_headers(),
        page,
    )
        .into_response()
}

/// The parcels of an order's page to choose from in its request form: (1-based position,
/// "Parcel 2 of 3 · In transit").
fn parcel_choices(texts: &Texts, lang: &Locale, view: &TrackingView) -> Vec<Choice> {
    let count = view.order.shipments.len().to_string();
    view.order
        .shipments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let index = (i + 1).to_string();
            let heading = texts.message(
                lang,
                "parcel-heading",
                &[("index", &index), ("count", &count)],
            );
            let stage = texts.stage(lang, s.stage).label;
            Choice {
                value: index,
                label: format!("{heading} · {stage}"),
                checked: false,
            }
        })
        .collect()
}

/// Makes `kind` the form's choice (and `parcel` its parcel on an order's page), when the
/// form offers it: a card's button leads here.
fn preselect(page: &mut TrackingPage, kind: RequestKind, parcel: Option<usize>) {
    let Some(form) = page.actions.as_mut() else {
        return;
    };
    if let Some(parcel) = parcel.map(|p| p.to_string()) {
        for choice in &mut form.parcels {
            choice.checked = choice.value == parcel;
        }
    }
    for choice in &mut form.options {
        choice.checked = choice.value == kind.as_str();
    }
}

/// Whether the store lets links expire and this one's parcels (a shipment link's one, an
/// order link's every one) were delivered long enough ago.
pub(super) fn link_expired(view: &TrackingView, now: chrono::DateTime<chrono::Utc>) -> bool {
    let days = view.store.branding.link_expiry_days;
    let mut parcels = view
        .order
        .shipments
        .iter()
        .filter(|s| view.focus.is_none_or(|focus| focus == s.id))
        .peekable();
    parcels.peek().is_some() && parcels.all(|s| expired_after(days, s.stage, s.delivered_at, now))
}

/// Whether a link to a parcel in `stage`, delivered at `delivered_at`, expired by `now`
/// when links expire `days` after delivery.
pub(super) fn expired_after(
    days: Option<u32>,
    stage: Stage,
    delivered_at: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    days.is_some_and(|days| {
        stage == Stage::Delivered
            && delivered_at.is_some_and(|at| now - at > chrono::Duration::days(i64::from(days)))
    })
}

/// The zone of the page's times: the customer's, else the destination country's when it
/// has one, else the store's.
fn time_zone(view: &TrackingView) -> chrono_tz::Tz {
    wismo_domain::notify::recipient_zone(
        view.order.customer.timezone.as_ref().map(|z| z.tz()),
        view.order.destination.country.as_ref(),
        view.store.timezone.tz(),
    )
}

/// A carrier's name as customers know it.
pub(crate) fn carrier_name(code: &str) -> String {
    match code {
        "ups" => "UPS".into(),
        "fedex" => "FedEx".into(),
        "usps" => "USPS".into(),
        "dhl" => "DHL".into(),
        other => other.replace('_', " ").to_uppercase(),
    }
}
