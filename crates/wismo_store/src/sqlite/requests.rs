//! Customer requests and idempotency keys, on SQLite.

use wismo_domain::webhook::WebhookEvent;
use wismo_domain::{
    CustomerRequest, NewCustomerRequest, RequestId, RequestStatus, Shipment, ShipmentId, StoreId,
};

use sqlx::SqliteConnection;

use super::endpoints::queue_event_webhooks;
use super::{SqliteStore, micros};
use crate::rows::{self, request_columns, shipment_columns};
use crate::shared;
use crate::transaction::finish;
use crate::{
    IdempotencyRecord, IdempotencyStore, IdempotentResponse, RequestStore, Result, StoreError,
};
use async_trait::async_trait;

#[async_trait]
impl RequestStore for SqliteStore {
    async fn create_customer_request(
        &self,
        store: StoreId,
        new: &NewCustomerRequest,
    ) -> Result<CustomerRequest> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            // Inserted only if the shipment is the store's.
            let row = sqlx::query(concat!(
                "INSERT INTO customer_requests (store_id, shipment_id, kind, message, status, created_at) \
                 SELECT store_id, id, ?3, ?4, ?5, ?6 FROM shipments WHERE id = ?1 AND store_id = ?2 RETURNING ",
                request_columns!()
            ))
            .bind(new.shipment_id.0)
            .bind(store.0)
            .bind(new.kind.as_str())
            .bind(new.message.as_deref())
            .bind(RequestStatus::Open.as_str())
            .bind(micros(now))
            .fetch_optional(&mut *tx)
            .await?;
            let request = rows::customer_request(&row.ok_or(StoreError::NotFound("shipment"))?)?;
            queue_event_webhooks(
                &mut tx,
                store,
                WebhookEvent::CustomerRequestCreated,
                request.id.0,
                now,
            )
            .await?;
            // The store's support address hears of it at once.
            super::jobs::insert_job(&mut tx, &crate::notify::request_notice_job(store, request.id, now), now)
                .await?;
            Ok(request)
        }
        .await;
        finish(tx, result).await
    }

    async fn get_customer_request(&self, store: StoreId, id: RequestId) -> Result<CustomerRequest> {
        shared::sqlite::get_customer_request(&self.pool, store, id).await
    }

    async fn list_customer_requests(&self, store: StoreId) -> Result<Vec<CustomerRequest>> {
        shared::sqlite::list_customer_requests(&self.pool, store).await
    }

    async fn rate_delivery(
        &self,
        store: StoreId,
        shipment: ShipmentId,
        score: u8,
    ) -> Result<Option<Shipment>> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            super::orders::fetch_shipment(&mut *tx, store, shipment).await?;
            let row = sqlx::query(concat!(
                "UPDATE shipments SET rating = ?3, rated_at = ?4 \
                 WHERE id = ?1 AND store_id = ?2 AND stage = 'delivered' RETURNING ",
                shipment_columns!()
            ))
            .bind(shipment.0)
            .bind(store.0)
            .bind(i32::from(score.clamp(1, 5)))
            .bind(micros(now))
            .fetch_optional(&mut *tx)
            .await?;
            row.as_ref().map(rows::shipment).transpose()
        }
        .await;
        finish(tx, result).await
    }
}

#[async_trait]
impl IdempotencyStore for SqliteStore {
    async fn idempotent_response(
        &self,
        store: StoreId,
        key: &str,
    ) -> Result<Option<IdempotentResponse>> {
        shared::sqlite::idempotent_response(&self.pool, store, key).await
    }
}

/// Takes `record`'s key for the open transaction, as its first statement: a key another
/// request took first is [`StoreError::KeyTaken`] (one still uncommitted is waited for).
/// The row answers nothing until [`keep_reply`] fills it in the same transaction.
pub(super) async fn claim_key<T>(
    conn: &mut SqliteConnection,
    store: StoreId,
    record: Option<&IdempotencyRecord<'_, T>>,
    now: i64,
) -> Result<()> {
    let Some(record) = record else {
        return Ok(());
    };
    let taken = sqlx::query(
        "INSERT INTO idempotency_keys (store_id, key, request_hash, status, body, created_at) \
         VALUES (?1, ?2, ?3, 0, '', ?4) ON CONFLICT (store_id, key) DO NOTHING",
    )
    .bind(store.0)
    .bind(record.key)
    .bind(record.request_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if taken.rows_affected() == 0 {
        return Err(StoreError::KeyTaken);
    }
    Ok(())
}

/// Keeps the response `record` renders from what the change wrote, in the transaction
/// whose key [`claim_key`] took.
pub(super) async fn keep_reply<T: Sync>(
    conn: &mut SqliteConnection,
    store: StoreId,
    record: Option<&IdempotencyRecord<'_, T>>,
    written: &T,
) -> Result<()> {
    let Some(record) = record else {
        return Ok(());
    };
    let reply = (record.render)(written).map_err(StoreError::Render)?;
    sqlx::query(
        "UPDATE idempotency_keys SET status = ?1, body = ?2 WHERE store_id = ?3 AND key = ?4",
    )
    .bind(i64::from(reply.status))
    .bind(&reply.body)
    .bind(store.0)
    .bind(record.key)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
