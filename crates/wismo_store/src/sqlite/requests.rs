//! Customer requests and idempotency keys, on SQLite.

use wismo_domain::{CustomerRequest, NewCustomerRequest, RequestStatus, StoreId};

use super::{SqliteStore, micros};
use crate::rows::{self, request_columns};
use crate::shared;
use crate::{IdempotencyStore, IdempotentResponse, RequestStore, Result, StoreError};
use async_trait::async_trait;

#[async_trait]
impl RequestStore for SqliteStore {
    async fn create_customer_request(
        &self,
        store: StoreId,
        new: &NewCustomerRequest,
    ) -> Result<CustomerRequest> {
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
        .bind(micros(self.now()))
        .fetch_optional(&self.pool)
        .await?;
        rows::customer_request(&row.ok_or(StoreError::NotFound("shipment"))?)
    }

    async fn list_customer_requests(&self, store: StoreId) -> Result<Vec<CustomerRequest>> {
        shared::sqlite::list_customer_requests(&self.pool, store).await
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

    async fn save_idempotent_response(
        &self,
        store: StoreId,
        key: &str,
        response: &IdempotentResponse,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO idempotency_keys (store_id, key, request_hash, status, body, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (store_id, key) DO NOTHING",
        )
        .bind(store.0)
        .bind(key)
        .bind(&response.request_hash)
        .bind(i64::from(response.status))
        .bind(&response.body)
        .bind(micros(self.now()))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
