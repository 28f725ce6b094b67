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
use wismo_domain::notify::{Channel, Moment, NotifyPolicy, QuietHours};
use wismo_domain::{FieldErrors, OrderId, ShipmentId};
use wismo_store::NotificationsOf;
use wismo_store::notify::Notification;

use crate::http::auth::ApiCaller;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::problem::ApiError;
use crate::state::Core;

/// One message wismo sent, is about to send, or decided not to.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: i64,
    /// `email`, `sms`, `whatsapp`, `voice` or `webhook`.
    pub channel: String,
    /// The milestone (`shipped`, `out_for_delivery`, …), `delivery_date_changed`,
    /// `order_confirmed` or `fulfillment_stalled`.
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
        }
    }
}

impl NotifyPolicyView {
    /// The policy it describes, or every field it gets wrong.
    fn parse(self) -> Result<NotifyPolicy, FieldErrors> {
        let mut errors = Vec::new();
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
    let policy = input.parse()?;
    let policy = state.store.set_notify_policy(caller.store, &policy).await?;
    Ok(Json((&policy).into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_masked() {
        assert_eq!(mask("ana@example.com"), "a***@example.com");
        assert_eq!(mask("+14155550100"), "+1******0100");
        assert_eq!(mask("12345"), "*****");
    }

    #[test]
    fn the_default_policy_round_trips_through_its_view() {
        let view = NotifyPolicyView::from(&NotifyPolicy::default());
        assert_eq!(view.parse().ok(), Some(NotifyPolicy::default()));
    }

    #[test]
    fn a_bad_policy_names_every_field() {
        let mut view = NotifyPolicyView::from(&NotifyPolicy::default());
        view.channels.insert("pigeon".into(), vec![]);
        view.channels
            .insert("email".into(), vec!["teleported".into()]);
        view.quiet_hours.start = "25:99".into();
        view.daily_cap = 0;
        let errors = view.parse().err().unwrap_or_default();
        for field in [
            "channels.pigeon",
            "channels.email[0]",
            "quiet_hours.start",
            "daily_cap",
        ] {
            assert!(errors.names(field), "{field}: {errors}");
        }
    }
}
