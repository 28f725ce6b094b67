//! Notifications as stored: the outbox rows the pipeline writes with the milestone that
//! causes them, the attempts a dispatcher records, and opt-outs. What to write is the
//! domain's decision ([`wismo_domain::notify::decide`]); each backend reads the facts and
//! writes the answer in the pipeline's transaction.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use wismo_domain::notify::{
    Channel, Consent, Moment, NotificationStatus, NotifyPolicy, OpenMessage, SkipReason,
};
use wismo_domain::{CountryCode, OrderId, ShipmentId, StoreId, TimeZone};

use crate::NewJob;

/// The job runners' queue of messages.
pub const NOTIFY_QUEUE: &str = "notify";
/// The job that sends one notification; its payload is `{"id": <notification id>}`.
pub const SEND_NOTIFICATION: &str = "send_notification";
/// How often a message is tried before it fails for good.
pub const SEND_ATTEMPTS: u32 = 8;
/// The server's burst window unless configured: 120 s.
pub const DEFAULT_BURST_SECS: u32 = 120;

/// A notification as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: i64,
    pub store_id: StoreId,
    pub order_id: OrderId,
    pub channel: Channel,
    pub moment: Moment,
    pub status: NotificationStatus,
    pub skip_reason: Option<String>,
    pub recipient: String,
    /// Random, fixed at insert; with the id, the message's identity on every retry.
    pub identity: String,
    pub send_at: DateTime<Utc>,
    pub attempts: u32,
    pub provider_id: Option<String>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// When the delivery date moved: the last day it was due before (the first move's, if
    /// several moves joined one message).
    pub previous_date: Option<chrono::NaiveDate>,
    /// The parcels it is about, in the order they joined.
    pub shipments: Vec<ShipmentId>,
    /// The merchant's own words, in a message sent by hand (a handled request's note).
    pub note: Option<String>,
}

impl Notification {
    /// The identity every attempt carries: `n{id}.{identity}` (the local part of an email's
    /// `Message-ID`, a webhook's `webhook-id` after `msg_`).
    pub fn message_key(&self) -> String {
        format!("n{}.{}", self.id, self.identity)
    }
}

/// What sending a notification reads, in one snapshot: the message, what it is about, and
/// what relates it to the order's earlier emails.
#[derive(Debug, Clone, PartialEq)]
pub struct Sending {
    pub notification: Notification,
    /// The order with its parcels; `None` once it is gone.
    pub order: Option<wismo_domain::Order>,
    pub store: wismo_domain::Tenant,
    /// The store's own domain its links use (the first of its domains by name), if any.
    pub domain: Option<String>,
    /// The [`message_key`](Notification::message_key) of the last email sent about the
    /// same order before this one, which this one replies to.
    pub previous: Option<String>,
}

/// The message key of the last email sent about a notification's order before it, for
/// `previous` in [`Sending`]: `?1` (`$1`) is the notification's id.
pub(crate) const PREVIOUS_EMAIL: &str = "(SELECT 'n' || p.id || '.' || p.identity FROM notifications p \
     WHERE p.order_id = notifications.order_id AND p.id < notifications.id \
     AND p.channel = 'email' AND p.status IN ('sent', 'delivered') \
     ORDER BY p.id DESC LIMIT 1) AS previous";

/// The store's first own domain, for `domain` in [`Sending`].
pub(crate) const FIRST_DOMAIN: &str = "(SELECT d.domain FROM store_domains d \
     WHERE d.store_id = notifications.store_id ORDER BY d.domain LIMIT 1) AS domain";

/// One attempt at sending, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct NotificationAttempt {
    pub attempted_at: DateTime<Utc>,
    pub outcome: String,
    pub provider_id: Option<String>,
    pub error: Option<String>,
}

/// What a dispatcher reports of one attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum AttemptOutcome {
    /// The provider accepted it.
    Sent { provider_id: Option<String> },
    /// A failure worth trying again; the notification stays queued.
    Retry { error: String },
    /// A failure that trying again will not fix.
    Failed { error: String },
    /// Not sent after all (the customer opted out meanwhile, the state has passed).
    Skipped(SkipReason),
}

impl AttemptOutcome {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            AttemptOutcome::Sent { .. } => "sent",
            AttemptOutcome::Retry { .. } => "retry",
            AttemptOutcome::Failed { .. } => "failed",
            AttemptOutcome::Skipped(_) => "skipped",
        }
    }

    pub(crate) fn status(&self) -> NotificationStatus {
        match self {
            AttemptOutcome::Sent { .. } => NotificationStatus::Sent,
            AttemptOutcome::Retry { .. } => NotificationStatus::Queued,
            AttemptOutcome::Failed { .. } => NotificationStatus::Failed,
            AttemptOutcome::Skipped(_) => NotificationStatus::Skipped,
        }
    }

    pub(crate) fn provider_id(&self) -> Option<&str> {
        match self {
            AttemptOutcome::Sent { provider_id } => provider_id.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn error(&self) -> Option<&str> {
        match self {
            AttemptOutcome::Retry { error } | AttemptOutcome::Failed { error } => Some(error),
            AttemptOutcome::Skipped(reason) => Some(reason.as_str()),
            AttemptOutcome::Sent { .. } => None,
        }
    }
}

/// Attempts as a JSON array for one statement's `json_each` (PostgreSQL:
/// `jsonb_to_recordset`): `{"id", "outcome", "status", "provider_id", "error"}` each.
pub(crate) fn attempt_rows(attempts: &[(i64, AttemptOutcome)]) -> serde_json::Value {
    attempts
        .iter()
        .map(|(id, outcome)| {
            serde_json::json!({
                "id": id,
                "outcome": outcome.name(),
                "status": outcome.status().as_str(),
                "provider_id": outcome.provider_id(),
                "error": outcome.error(),
            })
        })
        .collect()
}

/// Whether each attempt is about a notification of its own: a batch that names one twice
/// is recorded an attempt at a time, in its order.
pub(crate) fn one_attempt_each(attempts: &[(i64, AttemptOutcome)]) -> bool {
    let mut ids: Vec<i64> = attempts.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.windows(2).all(|pair| pair[0] != pair[1])
}

/// An email the merchant asks for by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByHand<'a> {
    pub store: StoreId,
    pub order: OrderId,
    pub moment: Moment,
    /// The parcels it is about; none for the order as a whole.
    pub shipments: &'a [ShipmentId],
    /// For a delivery date's change sent again: the day it was due before.
    pub previous_date: Option<chrono::NaiveDate>,
    /// The merchant's own words (a handled request's note).
    pub note: Option<&'a str>,
}

/// What asking for a message by hand came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queued {
    /// Queued to go now: the new notification's id.
    Now(i64),
    /// Not queued, and why.
    Refused(Refusal),
}

/// Why a message asked for by hand is not queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The order has no email address.
    NoAddress,
    /// The customer said no to email, or unsubscribed at this store.
    OptedOut,
    /// Only an email that was sent or failed can be sent again (a queued one is on its way,
    /// a skipped one was decided against, other channels have their own retries).
    NotResendable,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::NoAddress => "no_address",
            Refusal::OptedOut => "opted_out",
            Refusal::NotResendable => "not_resendable",
        }
    }
}

impl Audience {
    /// Where an email asked for by hand goes, or why it may not: the same consent and
    /// opt-outs as every message's.
    pub fn email_by_hand(&self) -> std::result::Result<&str, Refusal> {
        let address = self.email.as_deref().ok_or(Refusal::NoAddress)?;
        if !self.consent().allows(Channel::Email) {
            return Err(Refusal::OptedOut);
        }
        Ok(address)
    }
}

/// Whether notification `n` may be sent again by hand.
pub fn resendable(n: &Notification) -> bool {
    n.channel == Channel::Email
        && matches!(
            n.status,
            NotificationStatus::Sent | NotificationStatus::Delivered | NotificationStatus::Failed
        )
}

/// A new notification's random identity: 16 characters of base64url.
pub(crate) fn new_identity() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes: [u8; 16] = rand::random();
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 63)]))
        .collect()
}

/// The job that sends notification `id` at `run_at`.
pub(crate) fn send_job(id: i64, run_at: DateTime<Utc>) -> NewJob {
    NewJob {
        name: SEND_NOTIFICATION.into(),
        queue: NOTIFY_QUEUE.into(),
        payload: serde_json::json!({ "id": id }),
        run_at,
        dedupe_key: Some(format!("notification:{id}")),
        once_per_key: false,
        max_attempts: SEND_ATTEMPTS,
    }
}

/// The job that emails a customer's request to the store's support address.
pub const SEND_REQUEST_NOTICE: &str = "send_request_notice";

/// The job that tells the store of request `id`, queued with it.
pub(crate) fn request_notice_job(
    store: wismo_domain::StoreId,
    id: wismo_domain::RequestId,
    now: DateTime<Utc>,
) -> NewJob {
    NewJob {
        name: SEND_REQUEST_NOTICE.into(),
        queue: NOTIFY_QUEUE.into(),
        payload: serde_json::json!({ "store": store.0, "request": id.0 }),
        run_at: now,
        dedupe_key: Some(format!("request:{}", id.0)),
        once_per_key: true,
        max_attempts: SEND_ATTEMPTS,
    }
}

/// What a backend reads about an order before deciding its messages.
#[derive(Debug, Clone)]
pub(crate) struct Audience {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub consent: Consent,
    pub customer_tz: Option<String>,
    pub country: Option<String>,
    pub store_tz: String,
    pub policy: NotifyPolicy,
    /// Channels the customer opted out of at this store.
    pub opted_out: Vec<Channel>,
    /// Whether the store has a merchant endpoint that is not disabled: without one, no
    /// webhook is looked for.
    pub endpoints: bool,
}

impl Audience {
    pub fn consent(&self) -> Consent {
        self.consent.without(&self.opted_out)
    }

    pub fn reachable(&self) -> Vec<Channel> {
        let mut channels = Vec::new();
        if self.email.is_some() {
            channels.push(Channel::Email);
        }
        if self.phone.is_some() {
            channels.extend([Channel::Sms, Channel::Whatsapp, Channel::Voice]);
        }
        channels
    }

    pub fn zone(&self) -> chrono_tz::Tz {
        let tz = |s: &str| TimeZone::parse(s).ok().map(|t| t.tz());
        wismo_domain::notify::recipient_zone(
            self.customer_tz.as_deref().and_then(tz),
            self.country
                .as_deref()
                .and_then(|c| CountryCode::parse(c).ok())
                .as_ref(),
            tz(&self.store_tz).unwrap_or(chrono_tz::Tz::UTC),
        )
    }

    /// Where a message on `channel` goes.
    pub fn recipient(&self, channel: Channel) -> Option<&str> {
        match channel {
            Channel::Email => self.email.as_deref(),
            Channel::Sms | Channel::Whatsapp | Channel::Voice => self.phone.as_deref(),
            Channel::Webhook => None,
        }
    }
}

/// A store's policy as stored (`{}` is the defaults; an unreadable one falls back to them
/// with a log line rather than silencing the store).
pub(crate) fn policy_from_json(json: &str) -> NotifyPolicy {
    serde_json::from_str(json).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "unreadable notification policy; using the defaults");
        NotifyPolicy::default()
    })
}

/// An order's consent as stored.
pub(crate) fn consent_from_json(json: &str) -> Consent {
    serde_json::from_str(json).unwrap_or_default()
}

/// The open messages as read: (id, channel, moment, burst_until).
pub(crate) fn open_messages(rows: Vec<(i64, String, String, DateTime<Utc>)>) -> Vec<OpenMessage> {
    rows.into_iter()
        .filter_map(|(id, channel, moment, burst_until)| {
            Some(OpenMessage {
                id,
                channel: Channel::parse(&channel).ok()?,
                moment: Moment::parse(&moment).ok()?,
                burst_until,
            })
        })
        .collect()
}

/// Per channel counts as read.
pub(crate) fn counts(rows: Vec<(String, i64)>) -> BTreeMap<Channel, u32> {
    rows.into_iter()
        .filter_map(|(channel, n)| {
            Some((
                Channel::parse(&channel).ok()?,
                u32::try_from(n).unwrap_or(u32::MAX),
            ))
        })
        .collect()
}

/// The moments that are never capped, as stored, for the count of today's messages.
pub(crate) const CRITICAL_MOMENTS: [&str; 2] = ["action_required", "exception"];

/// A contact as opt-outs key it: an email address in lower case, a phone number as given.
/// The ids among `rows` (an id and an address or number each) whose [`contact_key`] is
/// `contact`: how the orders and queued messages of a contact that SQL's ASCII `lower()`
/// cannot match (a non-ASCII capital in the address) are found, among the rows with a
/// non-ASCII character.
pub(crate) fn exact_matches(rows: Vec<(i64, Option<String>)>, contact: &str) -> Vec<i64> {
    rows.into_iter()
        .filter(|(_, value)| value.as_deref().is_some_and(|v| contact_key(v) == contact))
        .map(|(id, _)| id)
        .collect()
}

pub fn contact_key(contact: &str) -> String {
    if contact.contains('@') {
        contact.trim().to_lowercase()
    } else {
        contact.trim().to_string()
    }
}
