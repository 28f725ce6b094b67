//! Notifications through the API: what was sent about an order or a shipment, and the
//! store's notification policy (`/api/v1/store/notifications`).

use axum::Extension;
use axum::extract::State;
use axum::response::Json;
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;
use wismo_domain::fields::Checks;
use wismo_domain::notify::{Channel, Moment, NotifyPolicy, QuietHours, Words};
use wismo_domain::{FieldErrors, Locale, Milestone, OrderId, ShipmentId, Stage};
use wismo_mail::{CustomerEmail, Item, Parcel};
use wismo_store::NotificationsOf;
use wismo_store::notify::Notification;

use crate::http::auth::ApiCaller;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::http::problem::ApiError;
use crate::jobs;
use crate::state::Core;

/// One message wismo sent, is about to send, or decided not to.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: i64,
    /// `email`, `sms`, `whatsapp`, `voice` or `webhook`.
    pub channel: String,
    /// The milestone (`shipped`, `out_for_delivery`, …), `delivery_date_changed`,
    /// `order_confirmed`, `fulfillment_stalled`, or one sent by hand from the admin:
    /// `tracking_link` (the order's private link), `request_answered` (the merchant's note).
    pub moment: String,
    /// `queued`, `sent`, `delivered`, `failed` or `skipped`.
    pub status: String,
    /// Why it was skipped or what its last failure was.
    pub reason: Option<String>,
    /// Where it goes, masked (`a***@example.com`, `+1******0100`).
    pub recipient: String,
    /// The parcels it is about.
    pub shipment_ids: Vec<i64>,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    /// When it goes, or went, out (the end of its burst window or of quiet hours).
    pub send_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Notifications, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationView>,
}

/// An address or number with most of it hidden: enough for a merchant to recognise it, not
/// enough to read it off a screen.
pub fn mask(recipient: &str) -> String {
    if let Some((local, domain)) = recipient.split_once('@') {
        let first: String = local.chars().take(1).collect();
        return format!("{first}***@{domain}");
    }
    let chars: Vec<char> = recipient.chars().collect();
    if chars.len() <= 6 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..2].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 6))
}

fn view(n: Notification) -> NotificationView {
    NotificationView {
        id: n.id,
        channel: n.channel.as_str().into(),
        moment: n.moment.as_str().into(),
        status: n.status.as_str().into(),
        reason: n.skip_reason.or(n.last_error),
        // A webhook's recipient is the store's own endpoint (`endpoint:12`), not a person.
        recipient: if n.channel == Channel::Webhook {
            n.recipient.clone()
        } else {
            mask(&n.recipient)
        },
        shipment_ids: n.shipments.iter().map(|s| s.0).collect(),
        attempts: n.attempts,
        created_at: n.created_at,
        send_at: n.send_at,
        sent_at: n.sent_at,
    }
}

/// What the order's customer was told, and when.
#[utoipa::path(
    get, path = "/api/v1/orders/{id}/notifications", tag = "notifications",
    params(("id" = i64, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order's notifications, oldest first", body = NotificationList),
        (status = 404, description = "No such order in this store", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn order_notifications(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NotificationList>, ApiError> {
    let items = state
        .store
        .list_notifications(caller.store, NotificationsOf::Order(OrderId(id)))
        .await?;
    Ok(Json(NotificationList {
        items: items.into_iter().map(view).collect(),
    }))
}

/// What was told about the shipment, and when.
#[utoipa::path(
    get, path = "/api/v1/shipments/{id}/notifications", tag = "notifications",
    params(("id" = i64, Path, description = "The shipment's id")),
    responses(
        (status = 200, description = "The shipment's notifications, oldest first", body = NotificationList),
        (status = 404, description = "No such shipment in this store", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn shipment_notifications(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NotificationList>, ApiError> {
    let items = state
        .store
        .list_notifications(caller.store, NotificationsOf::Shipment(ShipmentId(id)))
        .await?;
    Ok(Json(NotificationList {
        items: items.into_iter().map(view).collect(),
    }))
}

/// Quiet hours in the customer's time zone, as `HH:MM`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuietHoursView {
    #[schema(example = "21:00", pattern = "^[0-2][0-9]:[0-5][0-9]$")]
    pub start: String,
    #[schema(example = "08:00", pattern = "^[0-2][0-9]:[0-5][0-9]$")]
    pub end: String,
}

/// How the store tells its customers. Every field has a default a merchant never has to
/// touch.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotifyPolicyView {
    /// Per channel (`email`, `sms`, `whatsapp`, `voice`, `webhook`), the moments it tells.
    pub channels: BTreeMap<String, Vec<String>>,
    /// Channels switched off for the whole store, whatever customers agreed to.
    pub off: Vec<String>,
    /// When texts and calls wait (in the customer's time zone): delayed, not dropped.
    pub quiet_hours: QuietHoursView,
    /// Whether email waits for quiet hours too.
    pub quiet_email: bool,
    /// The most messages one order sends one recipient a day; action required and
    /// exceptions are not counted.
    #[schema(minimum = 1, maximum = 50)]
    pub daily_cap: u32,
    /// Seconds in which several moments become one message about the latest; `null`
    /// takes the server's (`WISMO_NOTIFY_BURST_SECS`, 120 unless set).
    #[schema(minimum = 0, maximum = 3600)]
    pub burst_secs: Option<u32>,
    /// A daily email to the store listing shipments that need attention.
    pub digest: bool,
    /// The store's own subject and opening sentence, per moment (`out_for_delivery`, …) and
    /// built-in language (`en`, `de`, `es`, `fr`, `it`, `pt`); omitted on a PUT, the stored
    /// words are kept. Plain text with the placeholders `{first_name}`, `{order_number}`,
    /// `{delivery_date}` and `{store_name}`; never HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<BTreeMap<String, BTreeMap<String, WordsView>>>,
    /// Whether orders from Shopify and WooCommerce get wismo's confirmation too (their
    /// platforms send their own; off unless set).
    #[serde(default)]
    pub confirm_platform_orders: bool,
    /// Business days an order may wait for its first parcel before it is raised as
    /// stalled (3 unless set).
    #[serde(default = "default_stall_days")]
    #[schema(minimum = 1, maximum = 60, default = 3)]
    pub stall_days: u32,
}

fn default_stall_days() -> u32 {
    wismo_domain::fulfilment::DEFAULT_STALL_DAYS
}

/// A store's own words for one moment in one language; either may be left out (or
/// empty) to keep wismo's.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WordsView {
    /// Replaces the subject. At most 150 characters.
    #[schema(example = "{first_name}, your order {order_number} arrives today")]
    pub subject: Option<String>,
    /// Replaces the first sentence. At most 500 characters.
    #[schema(example = "Good news from {store_name}: your parcel is on the van.")]
    pub opening: Option<String>,
}

impl From<&NotifyPolicy> for NotifyPolicyView {
    fn from(p: &NotifyPolicy) -> Self {
        let hhmm = |t: NaiveTime| t.format("%H:%M").to_string();
        Self {
            channels: p
                .channels
                .iter()
                .map(|(c, moments)| {
                    (
                        c.as_str().to_owned(),
                        moments.iter().map(|m| m.as_str().to_owned()).collect(),
                    )
                })
                .collect(),
            off: p.off.iter().map(|c| c.as_str().to_owned()).collect(),
            quiet_hours: QuietHoursView {
                start: hhmm(p.quiet_hours.start),
                end: hhmm(p.quiet_hours.end),
            },
            quiet_email: p.quiet_email,
            daily_cap: p.daily_cap,
            burst_secs: p.burst_secs,
            digest: p.digest,
            confirm_platform_orders: p.confirm_platform_orders,
            stall_days: p.stall_days,
            words: Some(
                p.words
                    .iter()
                    .map(|(moment, by_lang)| {
                        let by_lang = by_lang
                            .iter()
                            .map(|(lang, w)| {
                                let view = WordsView {
                                    subject: w.subject.clone(),
                                    opening: w.opening.clone(),
                                };
                                (lang.clone(), view)
                            })
                            .collect();
                        (moment.as_str().to_owned(), by_lang)
                    })
                    .collect(),
            ),
        }
    }
}

/// One merchant-written template, checked: plain text on one line, short enough, with
/// known placeholders only. Empty means none.
fn checked_words(
    errors: &mut Vec<(String, String)>,
    field: String,
    value: Option<&str>,
    most: usize,
) -> Option<String> {
    let value = value?;
    let text = match wismo_domain::text::parse(value, wismo_domain::text::Shape::Line) {
        Ok(text) => text,
        Err(e) => {
            errors.push((field, e.to_string()));
            return None;
        }
    };
    if text.is_empty() {
        return None;
    }
    if text.chars().count() > most {
        errors.push((field, format!("must be at most {most} characters")));
        return None;
    }
    if let Err(e) = wismo_mail::words::check_words(&text) {
        errors.push((field, e));
        return None;
    }
    Some(text)
}

impl NotifyPolicyView {
    /// The policy it describes, or every field it gets wrong. `languages` are the built-in
    /// ones words may be written for; `kept` are the stored words, kept when the view has
    /// none.
    pub(crate) fn parse(
        self,
        languages: &[&str],
        kept: BTreeMap<Moment, BTreeMap<String, Words>>,
    ) -> Result<NotifyPolicy, FieldErrors> {
        let mut errors = Vec::new();
        let words = match &self.words {
            None => kept,
            Some(given) => {
                let mut words = BTreeMap::new();
                for (moment_name, by_lang) in given {
                    let Ok(moment) = Moment::parse(moment_name) else {
                        errors.push((format!("words.{moment_name}"), "is not a moment".to_owned()));
                        continue;
                    };
                    let mut kept_langs = BTreeMap::new();
                    for (lang, w) in by_lang {
                        let field = format!("words.{moment_name}.{lang}");
                        if !languages.contains(&lang.as_str()) {
                            errors.push((
                                field,
                                format!(
                                    "is not a language wismo writes; use {}",
                                    languages.join(", ")
                                ),
                            ));
                            continue;
                        }
                        let subject = checked_words(
                            &mut errors,
                            format!("{field}.subject"),
                            w.subject.as_deref(),
                            wismo_mail::words::MAX_SUBJECT_CHARS,
                        );
                        let opening = checked_words(
                            &mut errors,
                            format!("{field}.opening"),
                            w.opening.as_deref(),
                            wismo_mail::words::MAX_OPENING_CHARS,
                        );
                        if subject.is_some() || opening.is_some() {
                            kept_langs.insert(lang.clone(), Words { subject, opening });
                        }
                    }
                    if !kept_langs.is_empty() {
                        words.insert(moment, kept_langs);
                    }
                }
                words
            }
        };
        let mut channels = BTreeMap::new();
        for (name, moments) in &self.channels {
            let Ok(channel) = Channel::parse(name) else {
                errors.push((format!("channels.{name}"), "is not a channel".to_owned()));
                continue;
            };
            let mut set = BTreeSet::new();
            for (i, m) in moments.iter().enumerate() {
                match Moment::parse(m) {
                    Ok(moment) => {
                        set.insert(moment);
                    }
                    Err(e) => errors.push((format!("channels.{name}[{i}]"), e.to_string())),
                }
            }
            channels.insert(channel, set);
        }
        let mut off = BTreeSet::new();
        for (i, name) in self.off.iter().enumerate() {
            match Channel::parse(name) {
                Ok(c) => {
                    off.insert(c);
                }
                Err(e) => errors.push((format!("off[{i}]"), e.to_string())),
            }
        }
        let mut time = |field: &str, s: &str| match NaiveTime::parse_from_str(s, "%H:%M") {
            Ok(t) => t,
            Err(_) => {
                errors.push((field.to_owned(), "must be a time as HH:MM".to_owned()));
                NaiveTime::MIN
            }
        };
        let quiet_hours = QuietHours {
            start: time("quiet_hours.start", &self.quiet_hours.start),
            end: time("quiet_hours.end", &self.quiet_hours.end),
        };
        let policy = NotifyPolicy {
            channels,
            off,
            quiet_hours,
            quiet_email: self.quiet_email,
            daily_cap: self.daily_cap,
            burst_secs: self.burst_secs,
            digest: self.digest,
            words,
            confirm_platform_orders: self.confirm_platform_orders,
            stall_days: self.stall_days,
        };
        if let Err(more) = policy.check() {
            errors.extend(more.into_iter().map(|e| (e.field, e.detail)));
        }
        let mut checks = Checks::default();
        for (field, detail) in errors {
            checks.fail(field, detail);
        }
        checks.finish().map(|()| policy)
    }
}

/// The store's notification policy.
#[utoipa::path(
    get, path = "/api/v1/store/notifications", tag = "notifications",
    responses((status = 200, description = "The policy in force", body = NotifyPolicyView)),
    security(("api_key" = []))
)]
pub async fn get_policy(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
) -> Result<Json<NotifyPolicyView>, ApiError> {
    let policy = state.store.notify_policy(caller.store).await?;
    Ok(Json((&policy).into()))
}

/// Replace the store's notification policy. Stored tracking pages are rendered anew: they
/// say which updates the customer will get.
#[utoipa::path(
    put, path = "/api/v1/store/notifications", tag = "notifications",
    request_body = NotifyPolicyView,
    responses(
        (status = 200, description = "The policy now in force", body = NotifyPolicyView),
        (status = 422, description = "A field is invalid", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn put_policy(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiJson(input): ApiJson<NotifyPolicyView>,
) -> Result<Json<NotifyPolicyView>, ApiError> {
    let stored = state.store.notify_policy(caller.store).await?;
    let policy = input.parse(&state.texts.languages(), stored.words)?;
    let policy = state.store.set_notify_policy(caller.store, &policy).await?;
    Ok(Json((&policy).into()))
}

/// What to preview.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PreviewParams {
    /// The moment: a milestone (`shipped`, `out_for_delivery`, …), `delivery_date_changed`,
    /// `order_confirmed`, `fulfillment_stalled`, `tracking_link` or `request_answered`.
    pub moment: String,
    /// The channel; `email` unless given.
    pub channel: Option<String>,
    /// A built-in language (`en`, `de`, …); the store's default language unless given.
    pub language: Option<String>,
}

/// A message as the customer would get it, written for a sample order (#1001, for Ana, one
/// parcel due in two days) with the store's branding and own words.
#[derive(Debug, Serialize, ToSchema)]
pub struct Preview {
    pub channel: String,
    pub moment: String,
    /// The language it is written in.
    pub language: String,
    pub subject: String,
    /// The line mail apps show after the subject.
    pub preheader: String,
    /// The HTML part, a whole document (show it in a sandboxed frame).
    pub html: String,
    /// The plain-text part.
    pub text: String,
}

/// Renders a notification for a sample order as the customer would get it: any moment, in
/// any built-in language, with the store's branding and the words it set. Only email is
/// written by wismo today; texts and calls come with their providers.
#[utoipa::path(
    get, path = "/api/v1/store/notifications/preview", tag = "notifications",
    params(PreviewParams),
    responses(
        (status = 200, description = "The message as it would be sent", body = Preview),
        (status = 422, description = "An unknown moment, channel or language", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn preview(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiQuery(params): ApiQuery<PreviewParams>,
) -> Result<Json<Preview>, ApiError> {
    let tenant = state.store.get_store(caller.store).await?;
    let moment = Moment::parse(&params.moment).map_err(|e| e.to_string());
    let channel = match params.channel.as_deref().map(Channel::parse) {
        None | Some(Ok(Channel::Email)) => Ok(Channel::Email),
        Some(Ok(other)) => Err(format!(
            "{} messages are not written by this wismo yet; preview email",
            other.as_str()
        )),
        Some(Err(e)) => Err(e.to_string()),
    };
    let languages = state.texts.languages();
    let locale = match &params.language {
        None => Ok(tenant.default_locale.clone()),
        Some(lang) if languages.contains(&lang.as_str()) => {
            Locale::parse(lang).map_err(|e| e.to_string())
        }
        Some(_) => Err(format!(
            "is not a language wismo writes; use {}",
            languages.join(", ")
        )),
    };
    let (moment, channel, locale) = match (moment, channel, locale) {
        (Ok(m), Ok(c), Ok(l)) => (m, c, l),
        (m, c, l) => {
            let mut checks = Checks::default();
            for (field, error) in [
                ("moment", m.err()),
                ("channel", c.err()),
                ("language", l.err()),
            ] {
                if let Some(error) = error {
                    checks.fail(field, error);
                }
            }
            return Err(checks.finish().err().unwrap_or_default().into());
        }
    };
    let rendered =
        render_sample(&state, &tenant, moment, &locale).map_err(|e| ApiError::internal(&e))?;
    Ok(Json(Preview {
        channel: channel.as_str().to_owned(),
        moment: moment.as_str().to_owned(),
        language: rendered.lang,
        subject: rendered.subject,
        preheader: rendered.preheader,
        html: rendered.html,
        text: rendered.text,
    }))
}

/// The email about `moment` for a sample order (#1001, for Ana, one parcel due in two
/// days) as `tenant`'s customer would get it in `locale`: its branding and own words. The
/// API's preview and the admin's previews show it.
pub fn render_sample(
    core: &Core,
    tenant: &wismo_domain::Tenant,
    moment: Moment,
    locale: &Locale,
) -> Result<wismo_mail::Rendered, wismo_mail::MailError> {
    let base = core.config.public_url.as_str();
    let today = core
        .clock
        .now()
        .with_timezone(&tenant.timezone.tz())
        .date_naive();
    let due = today + chrono::Duration::days(2);
    let stage = sample_stage(moment);
    let logo = jobs::logo_url(tenant, base);
    wismo_mail::render_customer(&CustomerEmail {
        promise: None,
        texts: &core.texts,
        locale,
        brand: jobs::brand(tenant, logo.as_deref()),
        moment,
        first_name: Some("Ana"),
        order_number: "#1001",
        parcels: vec![Parcel {
            stage,
            substatus: None,
            carrier: "UPS",
            tracking_number: "1Z999AA10123456784",
            estimate: (stage != Stage::Delivered).then_some((due, due)),
            delivered_on: (stage == Stage::Delivered).then_some(today),
            reached: true,
        }],
        items: vec![
            Item {
                name: "Ceramic mug",
                quantity: 2,
            },
            Item {
                name: "Filter coffee, 250 g",
                quantity: 1,
            },
        ],
        previous_date: (moment == Moment::DeliveryDateChanged)
            .then_some(today + chrono::Duration::days(1)),
        tracking_url: &format!("{base}/t/preview"),
        unsubscribe_url: Some(&format!("{base}/u/preview")),
        words: jobs::merchant_words(tenant, &core.texts, locale, moment),
        note: (moment == Moment::RequestAnswered).then_some("We sent a new one today."),
    })
}

/// The stage a sample parcel is at for `moment`.
fn sample_stage(moment: Moment) -> Stage {
    match moment {
        Moment::Milestone(m) => Stage::ALL
            .into_iter()
            .find(|s| Milestone::reached_at_stage(*s).contains(&m))
            .unwrap_or(Stage::InTransit),
        Moment::DeliveryDateChanged => Stage::InTransit,
        Moment::OrderConfirmed | Moment::FulfillmentStalled => Stage::Ordered,
        Moment::TrackingLink | Moment::RequestAnswered => Stage::InTransit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: &[&str] = &["en", "de"];

    #[test]
    fn words_are_kept_when_left_out_and_replaced_when_given() {
        let stored = BTreeMap::from([(
            Moment::Milestone(wismo_domain::Milestone::Delivered),
            BTreeMap::from([(
                "en".to_owned(),
                Words {
                    subject: Some("Here at last, {first_name}".into()),
                    opening: None,
                },
            )]),
        )]);
        let mut view = NotifyPolicyView::from(&NotifyPolicy::default());
        view.words = None;
        let kept = view.parse(LANGUAGES, stored.clone()).ok().map(|p| p.words);
        assert_eq!(kept.as_ref(), Some(&stored));
        let mut view = NotifyPolicyView::from(&NotifyPolicy::default());
        view.words = Some(BTreeMap::from([(
            "shipped".into(),
            BTreeMap::from([(
                "de".into(),
                WordsView {
                    subject: Some("  Unterwegs: {order_number} ".into()),
                    opening: Some(String::new()),
                },
            )]),
        )]));
        let Ok(policy) = view.parse(LANGUAGES, stored) else {
            panic!("valid words were refused");
        };
        let shipped = Moment::Milestone(wismo_domain::Milestone::Shipped);
        assert_eq!(policy.words.len(), 1);
        assert_eq!(
            policy.words(shipped, "de"),
            Some(&Words {
                subject: Some("Unterwegs: {order_number}".into()),
                opening: None
            })
        );
    }

    #[test]
    fn recipients_are_masked() {
        assert_eq!(mask("ana@example.com"), "a***@example.com");
        assert_eq!(mask("+14155550100"), "+1******0100");
        assert_eq!(mask("12345"), "*****");
    }

    #[test]
    fn the_default_policy_round_trips_through_its_view() {
        let view = NotifyPolicyView::from(&NotifyPolicy::default());
        assert_eq!(
            view.parse(LANGUAGES, BTreeMap::new()).ok(),
            Some(NotifyPolicy::default())
        );
    }

    #[test]
    fn a_bad_policy_names_every_field() {
        let mut view = NotifyPolicyView::from(&NotifyPolicy::default());
        view.channels.insert("pigeon".into(), vec![]);
        view.channels
            .insert("email".into(), vec!["teleported".into()]);
        view.quiet_hours.start = "25:99".into();
        view.daily_cap = 0;
        let words = |subject: &str, opening: &str| WordsView {
            subject: Some(subject.into()),
            opening: Some(opening.into()),
        };
        view.words = Some(BTreeMap::from([
            (
                "out_for_delivery".into(),
                BTreeMap::from([
                    (
                        "de".into(),
                        words("Heute: {tracking_url}", &"x".repeat(501)),
                    ),
                    ("xx".into(), words("Hi", "Hi")),
                    ("en".into(), words("Hi \u{0}", "{first_name")),
                ]),
            ),
            ("lunch".into(), BTreeMap::new()),
        ]));
        let errors = view
            .parse(LANGUAGES, BTreeMap::new())
            .err()
            .unwrap_or_default();
        for field in [
            "channels.pigeon",
            "channels.email[0]",
            "quiet_hours.start",
            "daily_cap",
            "words.out_for_delivery.de.subject",
            "words.out_for_delivery.de.opening",
            "words.out_for_delivery.xx",
            "words.out_for_delivery.en.subject",
            "words.out_for_delivery.en.opening",
            "words.lunch",
        ] {
            assert!(errors.names(field), "{field}: {errors}");
        }
    }
}
