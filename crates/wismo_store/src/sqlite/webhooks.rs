//! Inbound webhook secrets and the shipment lookup pushed updates need, on SQLite.

use wismo_domain::{SealedSecret, Shipment, StoreId, TrackingNumber};

use super::{SqliteStore, micros};
use crate::shared;
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
        shared::sqlite::webhook_secret(&self.pool, store, provider).await
    }

    async fn list_webhook_secrets(&self) -> Result<Vec<(StoreId, String, SealedSecret)>> {
        shared::sqlite::list_webhook_secrets(&self.pool).await
    }

    async fn find_shipments_by_tracking_number(
        &self,
        store: StoreId,
        number: &TrackingNumber,
    ) -> Result<Vec<Shipment>> {
        shared::sqlite::find_shipments_by_tracking_number(&self.pool, store, number).await
    }
}
