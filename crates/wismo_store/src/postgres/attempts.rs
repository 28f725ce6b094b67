//! Attempts at sending on PostgreSQL: what a dispatcher reads to send a message, and
//! what it records of each attempt (one at a time, or a batch in one transaction).

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, Row};
use wismo_domain::StoreId;
use wismo_domain::notify::{Channel, NotificationStatus};
use wismo_domain::webhook::WebhookEvent;

use super::endpoints::queue_event_webhooks;
use super::notify::SHIPMENTS_JSON;
use crate::notify::{
    AttemptOutcome, FIRST_DOMAIN, Notification, PREVIOUS_EMAIL, Sending, attempt_rows,
    one_attempt_each,
};
use crate::rows::{self, notification_columns};
use crate::{Result, StoreError};

/// [`crate::NotificationStore::sending`]'s reads, in the caller's read transaction: the
/// notification with its store's first domain and the key of the order's email before it,
/// the store, and the order with its parcels.
pub(super) async fn read_sending(conn: &mut PgConnection, id: i64) -> Result<Option<Sending>> {
    let sql = format!(
        "SELECT {}, {SHIPMENTS_JSON}, {FIRST_DOMAIN}, {PREVIOUS_EMAIL} FROM notifications WHERE id = $1",
        notification_columns!()
    );
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let notification = rows::notification(&row)?;
    let Some(store) = sqlx::query(concat!(
        "SELECT ",
        crate::rows::store_columns!(),
        " FROM stores WHERE id = $1"
    ))
    .bind(notification.store_id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let store = rows::store(&store)?;
    let order =
        match super::orders::read_order(&mut *conn, notification.store_id, notification.order_id)
            .await
        {
            Ok(order) => Some(order),
            Err(StoreError::NotFound(_)) => None,
            Err(e) => return Err(e),
        };
    Ok(Some(Sending {
        order,
        store,
        domain: row.try_get("domain")?,
        previous: row.try_get("previous")?,
        notification,
    }))
}

/// Records `attempts` as [`record_attempt`] does, in the caller's open transaction: one
/// statement for their log and one for their messages' status, unless a message comes
/// twice (then an attempt at a time, in their order).
pub(super) async fn record_attempts(
    conn: &mut PgConnection,
    attempts: &[(i64, AttemptOutcome)],
    now: DateTime<Utc>,
) -> Result<()> {
    if !one_attempt_each(attempts) {
        for (id, outcome) in attempts {
            record_attempt(&mut *conn, *id, outcome, now).await?;
        }
        return Ok(());
    }
    let rows = Json(attempt_rows(attempts));
    sqlx::query(
        "INSERT INTO notification_attempts (notification_id, attempted_at, outcome, provider_id, error) \
         SELECT a.id, $2, a.outcome, a.provider_id, a.error \
         FROM ROWS FROM (jsonb_to_recordset($1) AS (id bigint, outcome text, provider_id text, error text)) \
         WITH ORDINALITY AS a(id, outcome, provider_id, error, n) \
         ORDER BY a.n",
    )
    .bind(&rows)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let failed: Vec<(i64, i64)> = sqlx::query_as(
        "UPDATE notifications n SET status = a.status, attempts = n.attempts + 1, \
         provider_id = COALESCE(a.provider_id, n.provider_id), last_error = a.error, \
         skip_reason = CASE WHEN a.status = 'skipped' THEN a.error ELSE n.skip_reason END, \
         sent_at = CASE WHEN a.status = 'sent' THEN $2 ELSE n.sent_at END, updated_at = $2 \
         FROM jsonb_to_recordset($1) AS a(id bigint, status text, provider_id text, error text) \
         WHERE n.id = a.id AND n.status = 'queued' \
         RETURNING n.id, n.store_id, n.status, n.channel",
    )
    .bind(&rows)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter(|row: &(i64, i64, String, String)| {
        row.2 == NotificationStatus::Failed.as_str() && row.3 != Channel::Webhook.as_str()
    })
    .map(|(id, store, _, _)| (id, store))
    .collect();
    for (id, store) in failed {
        queue_event_webhooks(
            &mut *conn,
            StoreId(store),
            WebhookEvent::NotificationFailed,
            id,
            now,
        )
        .await?;
    }
    Ok(())
}

/// Records an attempt at sending notification `id` and the status it leads to, in the
/// caller's open transaction. A non-webhook notification that fails queues a
/// `notification.failed` message for the endpoints subscribed to it.
pub(super) async fn record_attempt(
    conn: &mut PgConnection,
    id: i64,
    outcome: &AttemptOutcome,
    now: DateTime<Utc>,
) -> Result<Notification> {
    sqlx::query(
                "INSERT INTO notification_attempts (notification_id, attempted_at, outcome, provider_id, error) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(now)
            .bind(outcome.name())
            .bind(outcome.provider_id())
            .bind(outcome.error())
            .execute(&mut *conn)
            .await?;
    let status = outcome.status();
    let sent = matches!(outcome, AttemptOutcome::Sent { .. });
    let changed = sqlx::query(
        "UPDATE notifications SET status = $2, attempts = attempts + 1, \
                 provider_id = COALESCE($3, provider_id), last_error = $4, \
                 skip_reason = CASE WHEN $2 = 'skipped' THEN $4 ELSE skip_reason END, \
                 sent_at = CASE WHEN $5 THEN $6 ELSE sent_at END, updated_at = $6 \
                 WHERE id = $1 AND status = 'queued'",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(outcome.provider_id())
    .bind(outcome.error())
    .bind(sent)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let sql = format!(
        "SELECT {}, {SHIPMENTS_JSON} FROM notifications WHERE id = $1",
        notification_columns!()
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound("notification"))?;
    let notification = rows::notification(&row)?;
    if changed.rows_affected() == 1
        && status == NotificationStatus::Failed
        && notification.channel != Channel::Webhook
    {
        queue_event_webhooks(
            &mut *conn,
            notification.store_id,
            WebhookEvent::NotificationFailed,
            id,
            now,
        )
        .await?;
    }
    Ok(notification)
}
