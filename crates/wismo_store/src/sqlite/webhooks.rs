//! Inbound webhook secrets and the shipment lookup pushed updates need, on SQLite.

use wismo_domain::{SealedSecret, Shipment, StoreId, TrackingNumber};

use super::{SqliteStore, micros};
use crate::rows::{self, shipment_columns};
use crate::{Result, WebhookStore};
use async_trait::async_trait;

#[async_trait]
impl WebhookStore for SqliteStore {
    async fn set_webhook_secret(
        &self,
        store: StoreId,
        provider: &str,
        secret: &SealedSecret,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO webhook_secrets (store_id, provider, secret, updated_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (store_id, provider) DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at",
        )
        .bind(store.0)
        .bind(provider)
        .bind(secret.as_str())
        .bind(micros(self.now()))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn webhook_secret(&self, store: StoreId, provider: &str) -> Result<Option<SealedSecret>> {
        let secret: Option<String> = sqlx::query_scalar(
            "SELECT secret FROM webhook_secrets WHERE store_id = ?1 AND provider = ?2",
        )
        .bind(store.0)
        .bind(provider)
        .fetch_optional(&self.pool)
        .await?;
        Ok(secret.map(SealedSecret::new))
    }

    async fn list_webhook_secrets(&self) -> Result<Vec<(StoreId, String, SealedSecret)>> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT store_id, provider, secret FROM webhook_secrets ORDER BY store_id, provider",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(store, provider, secret)| (StoreId(store), provider, SealedSecret::new(secret)))
            .collect())
    }

    async fn find_shipments_by_tracking_number(
        &self,
        store: StoreId,
        number: &TrackingNumber,
    ) -> Result<Vec<Shipment>> {
        sqlx::query(concat!(
            "SELECT ",
            shipment_columns!(),
            " FROM shipments WHERE store_id = ?1 AND tracking_number = ?2 ORDER BY id"
        ))
        .bind(store.0)
        .bind(number.as_str())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(rows::shipment)
        .collect()
    }
}
