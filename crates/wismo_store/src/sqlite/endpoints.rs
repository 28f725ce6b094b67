//! Merchant webhook endpoints on SQLite: the endpoints, the messages queued for the ones
//! subscribed to an event (in the transaction that causes it), and the delivery log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;
use wismo_domain::notify::{Channel, Moment, NotificationStatus};
use wismo_domain::webhook::{NewEndpoint, WebhookEvent};
use wismo_domain::{EndpointId, OrderId, SealedSecret, ShipmentId, StoreId};

use super::attempts::record_attempt;
use super::jobs::insert_job;
use super::requests::{claim_key, keep_reply};
use super::{SqliteStore, micros};
use crate::endpoints::{
    DeliverWebhook, EndpointDisabledNotice, NewDelivery, QueuedWebhook, ROTATION_OVERLAP, SealFn,
    WebhookDelivery, WebhookEndpoint, disable_reason, events_json, recipient,
};
use crate::notify::new_identity;
use crate::rows::{self, delivery_columns, endpoint_columns};
use crate::transaction::finish;
use crate::{EndpointStore, IdempotencyRecord, Result, StoreError};

/// The store's active endpoints subscribed to `event`, oldest first.
async fn subscribers(
    conn: &mut SqliteConnection,
    store: StoreId,
    event: WebhookEvent,
) -> Result<Vec<EndpointId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM webhook_endpoints WHERE store_id = ?1 AND disabled_at IS NULL \
         AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?2) ORDER BY id",
    )
    .bind(store.0)
    .bind(event.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(EndpointId).collect())
}

/// Writes a `shipment.updated` notification, due now, with its delivery job, for each
/// endpoint subscribed to it, in the pipeline's open transaction.
pub(super) async fn queue_shipment_webhooks(
    conn: &mut SqliteConnection,
    store: StoreId,
    order: OrderId,
    shipment: ShipmentId,
    moment: Moment,
    now: DateTime<Utc>,
) -> Result<()> {
    for endpoint in subscribers(&mut *conn, store, WebhookEvent::ShipmentUpdated).await? {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO notifications (store_id, order_id, channel, moment, status, recipient, \
             identity, send_at, burst_until, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8, ?8) RETURNING id",
        )
        .bind(store.0)
        .bind(order.0)
        .bind(Channel::Webhook.as_str())
        .bind(moment.as_str())
        .bind(NotificationStatus::Queued.as_str())
        .bind(recipient(endpoint))
        .bind(new_identity())
        .bind(micros(now))
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO notification_shipments (notification_id, shipment_id) VALUES (?1, ?2)",
        )
        .bind(id)
        .bind(shipment.0)
        .execute(&mut *conn)
        .await?;
        let job = DeliverWebhook::notification(store, endpoint, id).to_job(now);
        insert_job(&mut *conn, &job, now).await?;
    }
    Ok(())
}

/// Queues a message of `event` about `subject` for each endpoint subscribed to it, in the
/// caller's open transaction.
pub(super) async fn queue_event_webhooks(
    conn: &mut SqliteConnection,
    store: StoreId,
    event: WebhookEvent,
    subject: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    for endpoint in subscribers(&mut *conn, store, event).await? {
        let job = DeliverWebhook::event(store, endpoint, event, Some(subject)).to_job(now);
        insert_job(&mut *conn, &job, now).await?;
    }
    Ok(())
}

async fn read_endpoint(
    conn: &mut SqliteConnection,
    store: StoreId,
    id: EndpointId,
) -> Result<WebhookEndpoint> {
    let row = sqlx::query(concat!(
        "SELECT ",
        endpoint_columns!(),
        " FROM webhook_endpoints WHERE id = ?1 AND store_id = ?2"
    ))
    .bind(id.0)
    .bind(store.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("webhook endpoint"))?;
    rows::webhook_endpoint(&row)
}

/// The endpoint, which must be active to be sent to.
async fn active_endpoint(
    conn: &mut SqliteConnection,
    store: StoreId,
    id: EndpointId,
) -> Result<WebhookEndpoint> {
    let endpoint = read_endpoint(&mut *conn, store, id).await?;
    if endpoint.disabled_at.is_some() {
        return Err(StoreError::Conflict(
            "the endpoint is disabled; create a new one to receive webhooks again".into(),
        ));
    }
    Ok(endpoint)
}

#[async_trait]
impl EndpointStore for SqliteStore {
    async fn create_webhook_endpoint(
        &self,
        store: StoreId,
        new: &NewEndpoint,
        seal: &SealFn<'_>,
        record: Option<&IdempotencyRecord<'_, WebhookEndpoint>>,
    ) -> Result<WebhookEndpoint> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, micros(now)).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO webhook_endpoints (store_id, url, events, secret, created_at) \
                 VALUES (?1, ?2, ?3, '', ?4) RETURNING id",
            )
            .bind(store.0)
            .bind(&new.url)
            .bind(events_json(&new.events))
            .bind(micros(now))
            .fetch_one(&mut *tx)
            .await?;
            let sealed = seal(EndpointId(id)).map_err(StoreError::Render)?;
            sqlx::query("UPDATE webhook_endpoints SET secret = ?2 WHERE id = ?1")
                .bind(id)
                .bind(sealed.as_str())
                .execute(&mut *tx)
                .await?;
            let endpoint = read_endpoint(&mut tx, store, EndpointId(id)).await?;
            keep_reply(&mut tx, store, record, &endpoint).await?;
            Ok(endpoint)
        }
        .await;
        finish(tx, result).await
    }

    async fn list_webhook_endpoints(&self, store: StoreId) -> Result<Vec<WebhookEndpoint>> {
        sqlx::query(concat!(
            "SELECT ",
            endpoint_columns!(),
            " FROM webhook_endpoints WHERE store_id = ?1 ORDER BY id"
        ))
        .bind(store.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(rows::webhook_endpoint)
        .collect()
    }

    async fn get_webhook_endpoint(
        &self,
        store: StoreId,
        id: EndpointId,
    ) -> Result<WebhookEndpoint> {
        let mut conn = self.pool.acquire().await?;
        read_endpoint(&mut conn, store, id).await
    }

    async fn delete_webhook_endpoint(&self, store: StoreId, id: EndpointId) -> Result<()> {
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let done = sqlx::query("DELETE FROM webhook_endpoints WHERE id = ?1 AND store_id = ?2")
                .bind(id.0)
                .bind(store.0)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound("webhook endpoint"));
            }
            Ok(())
        }
        .await;
        finish(tx, result).await
    }

    async fn rotate_webhook_secret(
        &self,
        store: StoreId,
        id: EndpointId,
        secret: &SealedSecret,
        record: Option<&IdempotencyRecord<'_, WebhookEndpoint>>,
    ) -> Result<WebhookEndpoint> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, micros(now)).await?;
            let done = sqlx::query(
                "UPDATE webhook_endpoints SET previous_secret = secret, previous_until = ?3, \
                 secret = ?4 WHERE id = ?1 AND store_id = ?2",
            )
            .bind(id.0)
            .bind(store.0)
            .bind(micros(now + ROTATION_OVERLAP))
            .bind(secret.as_str())
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound("webhook endpoint"));
            }
            let endpoint = read_endpoint(&mut tx, store, id).await?;
            keep_reply(&mut tx, store, record, &endpoint).await?;
            Ok(endpoint)
        }
        .await;
        finish(tx, result).await
    }

    async fn queue_webhook_test(
        &self,
        store: StoreId,
        id: EndpointId,
        record: Option<&IdempotencyRecord<'_, QueuedWebhook>>,
    ) -> Result<QueuedWebhook> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, micros(now)).await?;
            active_endpoint(&mut tx, store, id).await?;
            let job = DeliverWebhook::event(store, id, WebhookEvent::Test, None);
            insert_job(&mut tx, &job.to_job(now), now).await?;
            let queued = QueuedWebhook {
                endpoint_id: id,
                event_type: WebhookEvent::Test,
                webhook_id: job.message.unwrap_or_default(),
            };
            keep_reply(&mut tx, store, record, &queued).await?;
            Ok(queued)
        }
        .await;
        finish(tx, result).await
    }

    async fn webhook_deliveries(
        &self,
        store: StoreId,
        id: EndpointId,
        limit: u32,
    ) -> Result<Vec<WebhookDelivery>> {
        let mut tx = self.pool.begin().await?;
        let result = async {
            read_endpoint(&mut tx, store, id).await?;
            sqlx::query(concat!(
                "SELECT ",
                delivery_columns!(),
                " FROM webhook_deliveries WHERE endpoint_id = ?1 ORDER BY id DESC LIMIT ?2"
            ))
            .bind(id.0)
            .bind(i64::from(limit))
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(rows::webhook_delivery)
            .collect()
        }
        .await;
        finish(tx, result).await
    }

    async fn retry_webhook_delivery(
        &self,
        store: StoreId,
        id: EndpointId,
        delivery: i64,
        record: Option<&IdempotencyRecord<'_, QueuedWebhook>>,
    ) -> Result<QueuedWebhook> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, micros(now)).await?;
            active_endpoint(&mut tx, store, id).await?;
            let row = sqlx::query(concat!(
                "SELECT ",
                delivery_columns!(),
                " FROM webhook_deliveries WHERE id = ?1 AND endpoint_id = ?2 AND store_id = ?3"
            ))
            .bind(delivery)
            .bind(id.0)
            .bind(store.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound("delivery"))?;
            let past = rows::webhook_delivery(&row)?;
            if let Some(n) = past.notification_id {
                sqlx::query(
                    "UPDATE notifications SET status = 'queued', updated_at = ?2 \
                     WHERE id = ?1 AND status IN ('sent', 'failed')",
                )
                .bind(n)
                .bind(micros(now))
                .execute(&mut *tx)
                .await?;
            }
            insert_job(&mut tx, &past.again(store).to_job(now), now).await?;
            let queued = QueuedWebhook {
                endpoint_id: id,
                event_type: past.event_type,
                webhook_id: past.webhook_id,
            };
            keep_reply(&mut tx, store, record, &queued).await?;
            Ok(queued)
        }
        .await;
        finish(tx, result).await
    }

    async fn webhook_attempts(&self, id: EndpointId, webhook_id: &str) -> Result<u32> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ?1 AND webhook_id = ?2",
        )
        .bind(id.0)
        .bind(webhook_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    async fn record_webhook_delivery(&self, d: &NewDelivery) -> Result<WebhookEndpoint> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let before = read_endpoint(&mut tx, d.store, d.endpoint).await?;
            sqlx::query(
                "INSERT INTO webhook_deliveries (store_id, endpoint_id, notification_id, event_type, \
                 subject_id, webhook_id, attempt, status_code, error, duration_ms, attempted_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .bind(d.store.0)
            .bind(d.endpoint.0)
            .bind(d.notification)
            .bind(d.event_type.as_str())
            .bind(d.subject_id)
            .bind(&d.webhook_id)
            .bind(i64::from(d.attempt))
            .bind(d.status_code.map(i64::from))
            .bind(d.error.as_deref())
            .bind(i64::try_from(d.duration_ms).unwrap_or(i64::MAX))
            .bind(micros(now))
            .execute(&mut *tx)
            .await?;
            if let (Some(n), Some(outcome)) = (d.notification, &d.outcome) {
                record_attempt(&mut tx, n, outcome, now).await?;
            }
            let failing_since = (!d.succeeded).then(|| before.failing_since.unwrap_or(now));
            let disabled = disable_reason(d, before.failing_since, now);
            sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = ?2, \
                 disabled_at = COALESCE(disabled_at, ?3), \
                 disabled_reason = COALESCE(disabled_reason, ?4) WHERE id = ?1",
            )
            .bind(d.endpoint.0)
            .bind(failing_since.map(micros))
            .bind(disabled.map(|_| micros(now)))
            .bind(disabled)
            .execute(&mut *tx)
            .await?;
            let after = read_endpoint(&mut tx, d.store, d.endpoint).await?;
            // The store is told in the transaction that disables the endpoint; the key
            // (its `disabled_at`) keeps a concurrent attempt from telling it twice.
            if let Some(notice) = EndpointDisabledNotice::after(&before, &after) {
                insert_job(&mut tx, &notice.to_job(now), now).await?;
            }
            Ok(after)
        }
        .await;
        finish(tx, result).await
    }
}
