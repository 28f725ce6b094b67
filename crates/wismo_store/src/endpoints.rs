//! Merchant webhooks as stored: a store's endpoints (URL, events, sealed signing secrets),
//! the jobs that deliver to them, and the log of every delivery attempt.
//!
//! A `shipment.updated` message is a `notifications` row (channel `webhook`, recipient
//! [`recipient`]`(endpoint)`), written by the pipeline's outbox. Other events (a customer
//! request, a failed notification, a test) are carried by their delivery job alone: the
//! job's payload names the endpoint, the event, what it is about and its `webhook-id`.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use wismo_domain::webhook::WebhookEvent;
use wismo_domain::{EndpointId, SealedSecret, StoreId};

use crate::notify::{AttemptOutcome, NOTIFY_QUEUE, SEND_ATTEMPTS, new_identity};
use crate::{IdempotencyRecord, NewJob, Result};

/// The job that delivers one webhook message; its payload is a [`DeliverWebhook`].
pub const DELIVER_WEBHOOK: &str = "deliver_webhook";
/// Attempts at one message: at once, then after the retry schedule's nine waits.
pub const WEBHOOK_ATTEMPTS: u32 = 10;
/// An endpoint whose deliveries have all failed for this long is disabled.
pub const DISABLE_AFTER: Duration = Duration::days(3);
/// How long the secret before a rotation still signs.
pub const ROTATION_OVERLAP: Duration = Duration::hours(24);
/// The most deliveries the log lists at once.
pub const MAX_DELIVERIES_LISTED: u32 = 100;

/// A store's webhook endpoint as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    pub id: EndpointId,
    pub store_id: StoreId,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// Sealed for [`secret_context`]; opened only to sign.
    pub secret: SealedSecret,
    /// The secret before the last rotation, while it still signs.
    pub previous_secret: Option<SealedSecret>,
    pub previous_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    /// The first failed delivery since the last one that succeeded.
    pub failing_since: Option<DateTime<Utc>>,
}

impl WebhookEndpoint {
    /// The sealed secrets that sign a message at `now`: the current one, and the one
    /// before a rotation for [`ROTATION_OVERLAP`] after it.
    pub fn signing_secrets(&self, now: DateTime<Utc>) -> Vec<&SealedSecret> {
        let mut secrets = vec![&self.secret];
        if let (Some(previous), Some(until)) = (&self.previous_secret, self.previous_until)
            && now < until
        {
            secrets.push(previous);
        }
        secrets
    }
}

/// The row an endpoint's secret is sealed for: a sealed secret copied to another endpoint
/// does not open.
pub fn secret_context(store: StoreId, endpoint: EndpointId) -> String {
    format!("webhook_endpoints/{}/{}", store.0, endpoint.0)
}

/// A `notifications` row's recipient for an endpoint.
pub fn recipient(endpoint: EndpointId) -> String {
    format!("endpoint:{}", endpoint.0)
}

/// The endpoint a webhook notification's recipient names.
pub fn endpoint_of(recipient: &str) -> Option<EndpointId> {
    recipient
        .strip_prefix("endpoint:")
        .and_then(|id| id.parse().ok())
        .map(EndpointId)
}

/// Seals a new endpoint's secret once its id is known, inside the transaction that
/// creates it; an `Err` (why it could not be sealed) rolls the creation back.
pub type SealFn<'a> = dyn Fn(EndpointId) -> Result<SealedSecret, String> + Send + Sync + 'a;

/// What a delivery job carries: the endpoint, and either the notification it delivers or
/// the event, what it is about and the message's `webhook-id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverWebhook {
    pub store: i64,
    pub endpoint: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<WebhookEvent>,
    /// The customer request or failed notification the event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<i64>,
    /// The message's `webhook-id` (a notification's comes from the notification).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl DeliverWebhook {
    /// Delivers notification `id` to `endpoint`.
    pub fn notification(store: StoreId, endpoint: EndpointId, id: i64) -> Self {
        Self {
            store: store.0,
            endpoint: endpoint.0,
            notification: Some(id),
            event: None,
            subject: None,
            message: None,
        }
    }

    /// A new message of `event` about `subject`, with a fresh `webhook-id`.
    pub fn event(
        store: StoreId,
        endpoint: EndpointId,
        event: WebhookEvent,
        subject: Option<i64>,
    ) -> Self {
        Self {
            store: store.0,
            endpoint: endpoint.0,
            notification: None,
            event: Some(event),
            subject,
            message: Some(format!("msg_w{}", new_identity())),
        }
    }

    /// One waiting or running job per message and endpoint.
    pub fn key(&self) -> String {
        match (&self.notification, &self.message) {
            (Some(id), _) => format!("webhook:{}:n{id}", self.endpoint),
            (None, Some(message)) => format!("webhook:{}:{message}", self.endpoint),
            (None, None) => format!("webhook:{}", self.endpoint),
        }
    }

    /// The job row, due at `run_at`.
    pub fn to_job(&self, run_at: DateTime<Utc>) -> NewJob {
        let key = self.key();
        NewJob {
            name: DELIVER_WEBHOOK.into(),
            queue: NOTIFY_QUEUE.into(),
            payload: serde_json::to_value(self).unwrap_or_default(),
            run_at,
            dedupe_key: Some(key),
            once_per_key: false,
            // The job records the last attempt itself; a spare covers a failure to record.
            max_attempts: WEBHOOK_ATTEMPTS + 2,
        }
    }
}

/// The job that emails the store that one of its endpoints was disabled; its payload is a
/// [`EndpointDisabledNotice`].
pub const SEND_ENDPOINT_DISABLED: &str = "send_endpoint_disabled";

/// What that job carries: the endpoint and when it was disabled, so each disable is told
/// once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointDisabledNotice {
    pub store: i64,
    pub endpoint: i64,
    pub disabled_at: DateTime<Utc>,
}

impl EndpointDisabledNotice {
    /// Once per endpoint and disable, kept after it is done.
    pub fn key(&self) -> String {
        format!(
            "endpoint-disabled:{}:{}",
            self.endpoint,
            self.disabled_at.timestamp_micros()
        )
    }

    /// The job row, due at `run_at`: written by the transaction that disables the endpoint.
    pub fn to_job(&self, run_at: DateTime<Utc>) -> NewJob {
        NewJob {
            name: SEND_ENDPOINT_DISABLED.into(),
            queue: NOTIFY_QUEUE.into(),
            payload: serde_json::to_value(self).unwrap_or_default(),
            run_at,
            dedupe_key: Some(self.key()),
            once_per_key: true,
            max_attempts: SEND_ATTEMPTS,
        }
    }

    /// The notice to queue after an attempt moved the endpoint from `before` to `after`:
    /// one when this attempt disabled it.
    pub(crate) fn after(
        before: &WebhookEndpoint,
        after: &WebhookEndpoint,
    ) -> Option<EndpointDisabledNotice> {
        match (before.disabled_at, after.disabled_at) {
            (None, Some(disabled_at)) => Some(EndpointDisabledNotice {
                store: after.store_id.0,
                endpoint: after.id.0,
                disabled_at,
            }),
            _ => None,
        }
    }
}

/// A message's `webhook-id` for a notification: `msg_` and its
/// [`message_key`](crate::notify::Notification::message_key) with the dot made an
/// underscore (Standard Webhooks ids must not contain `.`, the signed content's separator).
pub fn notification_webhook_id(n: &crate::notify::Notification) -> String {
    format!("msg_{}", n.message_key().replace('.', "_"))
}

/// One attempt at delivering, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    pub id: i64,
    pub endpoint_id: EndpointId,
    pub notification_id: Option<i64>,
    pub event_type: WebhookEvent,
    pub subject_id: Option<i64>,
    pub webhook_id: String,
    pub attempt: u32,
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: u64,
    pub attempted_at: DateTime<Utc>,
}

impl WebhookDelivery {
    /// The job that delivers the same message again, with the same `webhook-id`.
    pub fn again(&self, store: StoreId) -> DeliverWebhook {
        DeliverWebhook {
            store: store.0,
            endpoint: self.endpoint_id.0,
            notification: self.notification_id,
            event: self.notification_id.is_none().then_some(self.event_type),
            subject: self.subject_id,
            message: self
                .notification_id
                .is_none()
                .then(|| self.webhook_id.clone()),
        }
    }
}

/// What a delivery job records of one attempt, in one transaction: the log row, the
/// notification's attempt (when it delivers one), and the endpoint's health.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDelivery {
    pub store: StoreId,
    pub endpoint: EndpointId,
    pub notification: Option<i64>,
    pub event_type: WebhookEvent,
    pub subject_id: Option<i64>,
    pub webhook_id: String,
    pub attempt: u32,
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: u64,
    /// What the notification records, when the message is one.
    pub outcome: Option<AttemptOutcome>,
    /// Whether the endpoint took it (any 2xx).
    pub succeeded: bool,
    /// The endpoint answered 410 Gone: it is disabled at once.
    pub gone: bool,
}

/// A message queued for an endpoint (a test, a retry): its `webhook-id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedWebhook {
    pub endpoint_id: EndpointId,
    pub event_type: WebhookEvent,
    pub webhook_id: String,
}

/// Why an endpoint is disabled after an attempt, if it is: 410 Gone, or every delivery
/// failing since `failing_since` for [`DISABLE_AFTER`].
pub(crate) fn disable_reason(
    d: &NewDelivery,
    failing_since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<&'static str> {
    if d.succeeded {
        None
    } else if d.gone {
        Some("the endpoint answered 410 Gone")
    } else if failing_since.is_some_and(|since| now - since >= DISABLE_AFTER) {
        Some("every delivery failed for 3 days")
    } else {
        None
    }
}

/// The events as stored: a JSON array of names.
pub(crate) fn events_json(events: &[WebhookEvent]) -> String {
    serde_json::to_string(events).unwrap_or_else(|_| "[]".into())
}

/// Merchants' webhook endpoints (Standard Webhooks): their secrets, the messages queued for
/// them and the log of every delivery attempt. Every method taking a `StoreId` sees only
/// that store's endpoints: another store's is [`StoreError::NotFound`](crate::StoreError::NotFound).
#[async_trait]
pub trait EndpointStore: Send + Sync {
    /// Creates an endpoint; `seal` seals its new secret once its id is known, in the same
    /// transaction.
    async fn create_webhook_endpoint(
        &self,
        store: StoreId,
        new: &wismo_domain::webhook::NewEndpoint,
        seal: &SealFn<'_>,
        record: Option<&IdempotencyRecord<'_, WebhookEndpoint>>,
    ) -> Result<WebhookEndpoint>;

    /// A store's endpoints, disabled ones included, oldest first.
    async fn list_webhook_endpoints(&self, store: StoreId) -> Result<Vec<WebhookEndpoint>>;

    async fn get_webhook_endpoint(&self, store: StoreId, id: EndpointId)
    -> Result<WebhookEndpoint>;

    /// Deletes an endpoint and its delivery log; messages still queued for it fail when
    /// their time comes.
    async fn delete_webhook_endpoint(&self, store: StoreId, id: EndpointId) -> Result<()>;

    /// Replaces an endpoint's secret with `secret` (sealed for it); the one before keeps
    /// signing for [`ROTATION_OVERLAP`].
    async fn rotate_webhook_secret(
        &self,
        store: StoreId,
        id: EndpointId,
        secret: &SealedSecret,
        record: Option<&IdempotencyRecord<'_, WebhookEndpoint>>,
    ) -> Result<WebhookEndpoint>;

    /// Queues a `webhook.test` message to the endpoint, due now. A disabled endpoint is
    /// [`StoreError::Conflict`](crate::StoreError::Conflict).
    async fn queue_webhook_test(
        &self,
        store: StoreId,
        id: EndpointId,
        record: Option<&IdempotencyRecord<'_, QueuedWebhook>>,
    ) -> Result<QueuedWebhook>;

    /// The endpoint's latest delivery attempts, newest first, at most `limit`.
    async fn webhook_deliveries(
        &self,
        store: StoreId,
        id: EndpointId,
        limit: u32,
    ) -> Result<Vec<WebhookDelivery>>;

    /// Queues the message of an earlier delivery again, due now, with the same
    /// `webhook-id` (a failed or sent notification is queued again). A disabled endpoint is
    /// [`StoreError::Conflict`](crate::StoreError::Conflict).
    async fn retry_webhook_delivery(
        &self,
        store: StoreId,
        id: EndpointId,
        delivery: i64,
        record: Option<&IdempotencyRecord<'_, QueuedWebhook>>,
    ) -> Result<QueuedWebhook>;

    /// How many attempts at message `webhook_id` the endpoint's log holds.
    async fn webhook_attempts(&self, id: EndpointId, webhook_id: &str) -> Result<u32>;

    /// Records one delivery attempt in one transaction: the log row; the notification's
    /// attempt when the message is one; and the endpoint's health: a success clears its
    /// failing streak, a failure starts one, and 410 Gone or a streak of
    /// [`DISABLE_AFTER`] disables it. Returns the endpoint as it now is.
    async fn record_webhook_delivery(&self, delivery: &NewDelivery) -> Result<WebhookEndpoint>;
}
