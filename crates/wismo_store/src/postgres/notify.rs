//! Notifications on PostgreSQL: the outbox written in the pipeline's transaction, and what
//! dispatchers, the API and unsubscribe links read and record.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, Row};
use std::sync::atomic::Ordering;
use wismo_domain::engine::{Context, Plan};
use wismo_domain::notify::Moment;
use wismo_domain::notify::{
    self as policy, Channel, Decision, Facts, NotificationStatus, NotifyPolicy,
};
use wismo_domain::webhook::WebhookEvent;
use wismo_domain::{Milestone, OrderId, ShipmentId, StoreId};

use super::PgStore;
use super::attempts::{read_sending, record_attempt, record_attempts};
use super::endpoints::{queue_event_webhooks, queue_shipment_webhooks};
use super::jobs::insert_job;
use crate::notify::{
    AttemptOutcome, Audience, ByHand, CRITICAL_MOMENTS, Notification, NotificationAttempt, Queued,
    Sending, contact_key, counts, exact_matches, new_identity, open_messages, policy_from_json,
    send_job,
};
use crate::rows::{self, notification_columns};
use crate::transaction::finish;
use crate::{NotificationStore, NotificationsOf, Result, StoreError};

pub(super) const SHIPMENTS_JSON: &str = "(SELECT COALESCE(jsonb_agg(shipment_id ORDER BY shipment_id), '[]'::jsonb) \
     FROM notification_shipments WHERE notification_id = notifications.id) AS shipments";

/// Writes the messages the milestones `recorded` by this run (and a moved delivery date)
/// cause, in the pipeline's open transaction.
pub(super) async fn write_outbox(
    conn: &mut PgConnection,
    ctx: &Context,
    plan: &Plan,
    recorded: &[Milestone],
    burst_default: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let before = ctx.shipment.estimate.as_ref().map(|e| e.until);
    let after = plan.estimate.as_ref().map(|e| e.until);
    let moved = policy::date_moved(before, after);
    if recorded.is_empty() && !moved {
        return Ok(());
    }
    // The day it was due before, for a message that says the date moved.
    let previous = before.filter(|_| moved);
    let order = ctx.shipment.order_id;
    // One order's messages are decided one run at a time, whichever parcel ran it. NO KEY
    // UPDATE: rows that merely reference the order (a new parcel, a request) are not held.
    sqlx::query("SELECT id FROM orders WHERE id = $1 FOR NO KEY UPDATE")
        .bind(order.0)
        .execute(&mut *conn)
        .await?;
    let day_ago = now - Duration::hours(24);
    let date_told_today = moved
        && sqlx::query_scalar::<_, bool>(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE order_id = $1 \
             AND moment = 'delivery_date_changed' AND status <> 'skipped' AND created_at > $2)",
        )
        .bind(order.0)
        .bind(day_ago)
        .fetch_one(&mut *conn)
        .await?;
    let moments = policy::moments(ctx, plan, recorded, date_told_today, now);
    if moments.is_empty() {
        return Ok(());
    }
    let about = About {
        store: ctx.shipment.store_id,
        order,
        shipment: Some(ctx.shipment.id),
        registered_at: ctx.shipment.created_at,
        previous,
    };
    write_moments(&mut *conn, &about, &moments, burst_default, now).await
}

/// Confirms a new order to its customer when the store's policy says so
/// ([`policy::confirms`]): an order that arrives before any parcel, from a source whose
/// platform does not confirm it itself, placed within the last day. In the transaction
/// that inserts the order.
pub(super) async fn confirm_new_order(
    conn: &mut PgConnection,
    order: &wismo_domain::Order,
    burst_default: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    if !order.shipments.is_empty() {
        return Ok(());
    }
    let stored: String = sqlx::query_scalar("SELECT notify_policy::text FROM stores WHERE id = $1")
        .bind(order.store_id.0)
        .fetch_one(&mut *conn)
        .await?;
    if !policy::confirms(
        &policy_from_json(&stored),
        order.source,
        order.placed_at,
        now,
    ) {
        return Ok(());
    }
    write_order_moment(
        conn,
        order.store_id,
        order.id,
        Moment::OrderConfirmed,
        burst_default,
        now,
    )
    .await
}

/// What a run's messages are about.
struct About {
    store: StoreId,
    order: OrderId,
    /// The parcel whose news it is; `None` for the order's own moments.
    shipment: Option<ShipmentId>,
    /// When wismo learnt of what the news is about.
    registered_at: DateTime<Utc>,
    /// The day it was due before, for a message that says the date moved.
    previous: Option<chrono::NaiveDate>,
}

/// Writes the messages an order's own `moment` causes (its confirmation, its stalled
/// fulfilment), in the caller's open transaction.
pub(super) async fn write_order_moment(
    conn: &mut PgConnection,
    store: StoreId,
    order: OrderId,
    moment: Moment,
    burst_default: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("SELECT id FROM orders WHERE id = $1 FOR NO KEY UPDATE")
        .bind(order.0)
        .execute(&mut *conn)
        .await?;
    let about = About {
        store,
        order,
        shipment: None,
        registered_at: now,
        previous: None,
    };
    write_moments(conn, &about, &[(moment, now)], burst_default, now).await
}

/// Decides and writes the messages `moments` cause for the order's customer and the
/// merchant's endpoints.
async fn write_moments(
    conn: &mut PgConnection,
    about: &About,
    moments: &[(Moment, DateTime<Utc>)],
    burst_default: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let (order, previous) = (about.order, about.previous);
    let day_ago = now - Duration::hours(24);
    let audience = load_audience(&mut *conn, order.0).await?;
    let open: Vec<(i64, String, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT id, channel, moment, burst_until FROM notifications \
         WHERE order_id = $1 AND status = 'queued' AND burst_until > $2",
    )
    .bind(order.0)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    let open = open_messages(open);
    let sent: Vec<(String, i64)> = sqlx::query_as(
        "SELECT channel, COUNT(*) FROM notifications WHERE order_id = $1 AND created_at > $2 \
         AND status <> 'skipped' AND moment NOT IN ($3, $4) GROUP BY channel",
    )
    .bind(order.0)
    .bind(day_ago)
    .bind(CRITICAL_MOMENTS[0])
    .bind(CRITICAL_MOMENTS[1])
    .fetch_all(&mut *conn)
    .await?;
    let sent_today = counts(sent);
    let reachable = audience.reachable();
    let decisions = policy::decide(&Facts {
        policy: &audience.policy,
        server_burst_secs: burst_default,
        consent: audience.consent(),
        reachable: &reachable,
        tz: audience.zone(),
        now,
        registered_at: about.registered_at,
        moments,
        open: &open,
        sent_today: &sent_today,
    });
    for decision in decisions {
        match decision {
            // Merchant webhooks: one message per endpoint subscribed, due now.
            Decision::New {
                channel: Channel::Webhook,
                ..
            } if !audience.endpoints => {}
            Decision::New {
                channel: Channel::Webhook,
                moment,
                ..
            } => {
                match about.shipment {
                    Some(shipment) => {
                        queue_shipment_webhooks(
                            &mut *conn,
                            about.store,
                            order,
                            shipment,
                            moment,
                            now,
                        )
                        .await?;
                    }
                    // Of the order's own moments, a stalled fulfilment has its event.
                    None if moment == Moment::FulfillmentStalled => {
                        queue_event_webhooks(
                            &mut *conn,
                            about.store,
                            WebhookEvent::OrderFulfillmentStalled,
                            order.0,
                            now,
                        )
                        .await?;
                    }
                    None => {}
                }
            }
            Decision::New {
                channel,
                moment,
                send_at,
                burst_until,
                skipped,
            } => {
                let Some(recipient) = audience.recipient(channel) else {
                    continue;
                };
                let status = if skipped.is_some() {
                    NotificationStatus::Skipped
                } else {
                    NotificationStatus::Queued
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO notifications (store_id, order_id, channel, moment, status, skip_reason, \
                     recipient, identity, send_at, burst_until, created_at, updated_at, previous_date) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) RETURNING id",
                )
                .bind(about.store.0)
                .bind(order.0)
                .bind(channel.as_str())
                .bind(moment.as_str())
                .bind(status.as_str())
                .bind(skipped.map(|s| s.as_str()))
                .bind(recipient)
                .bind(new_identity())
                .bind(send_at)
                .bind(burst_until)
                .bind(now)
                .bind(previous)
                .fetch_one(&mut *conn)
                .await?;
                if let Some(shipment) = about.shipment {
                    link_shipment(&mut *conn, id, shipment.0).await?;
                }
                if skipped.is_none() {
                    insert_job(&mut *conn, &send_job(id, send_at), now).await?;
                }
            }
            Decision::Join { id, moment, .. } => {
                sqlx::query(
                    "UPDATE notifications SET moment = $2, updated_at = $3, \
                     previous_date = COALESCE(previous_date, $4) \
                     WHERE id = $1 AND status = 'queued'",
                )
                .bind(id)
                .bind(moment.as_str())
                .bind(now)
                .bind(previous)
                .execute(&mut *conn)
                .await?;
                if let Some(shipment) = about.shipment {
                    link_shipment(&mut *conn, id, shipment.0).await?;
                }
            }
        }
    }
    Ok(())
}

async fn link_shipment(conn: &mut PgConnection, id: i64, shipment: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO notification_shipments (notification_id, shipment_id) VALUES ($1, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(shipment)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn load_audience(conn: &mut PgConnection, order: i64) -> Result<Audience> {
    let row = sqlx::query(
        "SELECT o.id, o.store_id, o.customer_email, o.customer_phone, o.consent, o.customer_timezone, \
         o.country, s.timezone, s.notify_policy, \
         EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.store_id = o.store_id \
                 AND e.disabled_at IS NULL) AS endpoints \
         FROM orders AS o JOIN stores AS s ON s.id = o.store_id WHERE o.id = $1",
    )
    .bind(order)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("order"))?;
    let email: Option<String> = row.try_get("customer_email")?;
    let phone: Option<String> = row.try_get("customer_phone")?;
    let store = StoreId(row.try_get("store_id")?);
    let contacts: Vec<String> = email
        .iter()
        .map(|e| contact_key(e))
        .chain(phone.iter().map(|p| contact_key(p)))
        .collect();
    let opted_out = opted_out(&mut *conn, store, &contacts).await?;
    Ok(Audience {
        email,
        phone,
        consent: row
            .try_get::<Json<serde_json::Value>, _>("consent")
            .map(|j| serde_json::from_value(j.0).unwrap_or_default())?,
        customer_tz: row.try_get("customer_timezone")?,
        country: row.try_get("country")?,
        store_tz: row.try_get("timezone")?,
        policy: policy_from_json(
            &row.try_get::<Json<serde_json::Value>, _>("notify_policy")?
                .0
                .to_string(),
        ),
        opted_out,
        endpoints: row.try_get("endpoints")?,
    })
}

/// The channels any of `contacts` opted out of at `store`.
pub(super) async fn opted_out(
    conn: &mut PgConnection,
    store: StoreId,
    contacts: &[String],
) -> Result<Vec<Channel>> {
    let mut channels = Vec::new();
    for contact in contacts {
        let names: Vec<String> =
            sqlx::query_scalar("SELECT channel FROM opt_outs WHERE store_id = $1 AND contact = $2")
                .bind(store.0)
                .bind(contact)
                .fetch_all(&mut *conn)
                .await?;
        channels.extend(names.iter().filter_map(|n| Channel::parse(n).ok()));
    }
    channels.sort();
    channels.dedup();
    Ok(channels)
}

/// Queues an email the merchant asked for, due now, unless consent or an opt-out forbids
/// it (see [`NotificationStore::queue_email_by_hand`]).
async fn queue_by_hand(
    conn: &mut PgConnection,
    email: &ByHand<'_>,
    now: DateTime<Utc>,
) -> Result<Queued> {
    let (store, order, moment, previous, note) = (
        email.store,
        email.order,
        email.moment,
        email.previous_date,
        email.note,
    );
    let ours: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM orders WHERE id = $1 AND store_id = $2)")
            .bind(order.0)
            .bind(store.0)
            .fetch_one(&mut *conn)
            .await?;
    if !ours {
        return Err(StoreError::NotFound("order"));
    }
    // As the pipeline's runs: one order's messages are written one at a time.
    sqlx::query("SELECT id FROM orders WHERE id = $1 FOR NO KEY UPDATE")
        .bind(order.0)
        .execute(&mut *conn)
        .await?;
    let audience = load_audience(&mut *conn, order.0).await?;
    let recipient = match audience.email_by_hand() {
        Ok(address) => address,
        Err(refusal) => return Ok(Queued::Refused(refusal)),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notifications (store_id, order_id, channel, moment, status, \
         recipient, identity, send_at, burst_until, created_at, updated_at, previous_date, note) \
         VALUES ($1, $2, 'email', $3, 'queued', $4, $5, $6, $6, $6, $6, $7, $8) \
         RETURNING id",
    )
    .bind(store.0)
    .bind(order.0)
    .bind(moment.as_str())
    .bind(recipient)
    .bind(new_identity())
    .bind(now)
    .bind(previous)
    .bind(note)
    .fetch_one(&mut *conn)
    .await?;
    for shipment in email.shipments {
        link_shipment(&mut *conn, id, shipment.0).await?;
    }
    insert_job(&mut *conn, &send_job(id, now), now).await?;
    Ok(Queued::Now(id))
}

#[async_trait]
impl NotificationStore for PgStore {
    fn set_notify_burst_default(&self, secs: u32) {
        self.notify_burst.store(secs, Ordering::Relaxed);
    }

    async fn notify_policy(&self, store: StoreId) -> Result<NotifyPolicy> {
        let json: Json<serde_json::Value> =
            sqlx::query_scalar("SELECT notify_policy FROM stores WHERE id = $1")
                .bind(store.0)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound("store"))?;
        Ok(policy_from_json(&json.0.to_string()))
    }

    async fn set_notify_policy(
        &self,
        store: StoreId,
        policy: &NotifyPolicy,
    ) -> Result<NotifyPolicy> {
        let mut tx = self.pool.begin().await?;
        let result = async {
            let done = sqlx::query("UPDATE stores SET notify_policy = $2 WHERE id = $1")
                .bind(store.0)
                .bind(Json(policy))
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound("store"));
            }
            Ok(policy.clone())
        }
        .await;
        finish(tx, result).await
    }

    async fn list_notifications(
        &self,
        store: StoreId,
        of: NotificationsOf,
    ) -> Result<Vec<Notification>> {
        let (sql, exists, id) = match of {
            NotificationsOf::Order(id) => (
                format!(
                    "SELECT {}, {SHIPMENTS_JSON} FROM notifications WHERE store_id = $1 AND order_id = $2 ORDER BY id",
                    notification_columns!()
                ),
                "SELECT EXISTS (SELECT 1 FROM orders WHERE store_id = $1 AND id = $2)",
                id.0,
            ),
            NotificationsOf::Shipment(id) => (
                format!(
                    "SELECT {}, {SHIPMENTS_JSON} FROM notifications WHERE store_id = $1 AND id IN \
                     (SELECT notification_id FROM notification_shipments WHERE shipment_id = $2) ORDER BY id",
                    notification_columns!()
                ),
                "SELECT EXISTS (SELECT 1 FROM shipments WHERE store_id = $1 AND id = $2)",
                id.0,
            ),
        };
        let found: bool = sqlx::query_scalar(exists)
            .bind(store.0)
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        if !found {
            return Err(StoreError::NotFound(match of {
                NotificationsOf::Order(_) => "order",
                NotificationsOf::Shipment(_) => "shipment",
            }));
        }
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(store.0)
            .bind(id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(rows::notification)
            .collect()
    }

    async fn get_notification(&self, id: i64) -> Result<Notification> {
        let sql = format!(
            "SELECT {}, {SHIPMENTS_JSON} FROM notifications WHERE id = $1",
            notification_columns!()
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound("notification"))?;
        rows::notification(&row)
    }

    async fn notification_attempts(&self, id: i64) -> Result<Vec<NotificationAttempt>> {
        sqlx::query(
            "SELECT attempted_at, outcome, provider_id, error FROM notification_attempts \
             WHERE notification_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(rows::notification_attempt)
        .collect()
    }

    async fn sending(&self, id: i64) -> Result<Option<Sending>> {
        let mut tx = self.read().await?;
        let result = read_sending(&mut tx, id).await;
        finish(tx, result).await
    }

    async fn record_notification_attempts(&self, attempts: &[(i64, AttemptOutcome)]) -> Result<()> {
        if attempts.is_empty() {
            return Ok(());
        }
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = record_attempts(&mut tx, attempts, now).await;
        finish(tx, result).await
    }

    async fn record_notification_attempt(
        &self,
        id: i64,
        outcome: &AttemptOutcome,
    ) -> Result<Notification> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = record_attempt(&mut tx, id, outcome, now).await;
        finish(tx, result).await
    }

    async fn set_opt_out(
        &self,
        store: StoreId,
        contact: &str,
        channels: &[Channel],
        out: bool,
    ) -> Result<()> {
        let contact = contact_key(contact);
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = async {
            // lower() follows the database's locale, which may know ASCII only: for a
            // contact with other letters, the orders and queued messages are also matched
            // here, by the exact key, among those with a non-ASCII character.
            let (orders, queued) = if contact.is_ascii() {
                (Vec::new(), Vec::new())
            } else {
                let orders: Vec<(i64, Option<String>)> = sqlx::query_as(
                    "SELECT id, customer_email FROM orders \
                     WHERE store_id = $1 AND customer_email ~ '[^ -~]'",
                )
                .bind(store.0)
                .fetch_all(&mut *tx)
                .await?;
                let queued: Vec<(i64, Option<String>)> = sqlx::query_as(
                    "SELECT id, recipient FROM notifications WHERE store_id = $1 \
                     AND status = 'queued' AND recipient ~ '[^ -~]'",
                )
                .bind(store.0)
                .fetch_all(&mut *tx)
                .await?;
                (
                    exact_matches(orders, &contact),
                    exact_matches(queued, &contact),
                )
            };
            for channel in channels.iter().filter(|c| **c != Channel::Webhook) {
                if out {
                    sqlx::query(
                        "INSERT INTO opt_outs (store_id, contact, channel, created_at) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(store.0)
                    .bind(&contact)
                    .bind(channel.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                } else {
                    sqlx::query(
                        "DELETE FROM opt_outs WHERE store_id = $1 AND contact = $2 AND channel = $3",
                    )
                    .bind(store.0)
                    .bind(&contact)
                    .bind(channel.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
                // The path is one of four fixed names, never input.
                let sql = format!(
                    "UPDATE orders SET consent = jsonb_set(consent, '{{{}}}', $3::jsonb) \
                     WHERE store_id = $1 AND (lower(customer_email) = $2 OR customer_phone = $2 \
                     OR id = ANY($4)) \
                     AND consent -> '{}' IS DISTINCT FROM $3::jsonb",
                    channel.as_str(),
                    channel.as_str()
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(store.0)
                    .bind(&contact)
                    .bind(if out { "false" } else { "true" })
                    .bind(&orders)
                    .execute(&mut *tx)
                    .await?;
                if out {
                    // Messages waiting to go on the channel are not sent.
                    sqlx::query(
                        "UPDATE notifications SET status = 'skipped', skip_reason = 'opted_out', updated_at = $4 \
                         WHERE store_id = $1 AND status = 'queued' AND channel = $3 \
                         AND (lower(recipient) = $2 OR id = ANY($5))",
                    )
                    .bind(store.0)
                    .bind(&contact)
                    .bind(channel.as_str())
                    .bind(now)
                    .bind(&queued)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            Ok(())
        }
        .await;
        finish(tx, result).await
    }

    async fn opt_outs(&self, store: StoreId, contact: &str) -> Result<Vec<Channel>> {
        let mut conn = self.pool.acquire().await?;
        opted_out(&mut conn, store, &[contact_key(contact)]).await
    }

    async fn queue_email_by_hand(&self, email: &ByHand<'_>) -> Result<Queued> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = queue_by_hand(&mut tx, email, now).await;
        finish(tx, result).await
    }
}
