//! Erasing personal data on SQLite.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wismo_domain::StoreId;
use wismo_domain::privacy::{ErasureRequest, Retention};

use super::requests::{claim_key, keep_reply};
use super::{SqliteStore, micros};
use crate::privacy::{
    ERASE_CUSTOMER, ERASE_FINISHED, ErasureCounts, ORDERS_STATEMENT, PrivacyStore, counts,
};
use crate::transaction::finish;
use crate::{IdempotencyRecord, Result};

#[async_trait]
impl PrivacyStore for SqliteStore {
    async fn erase_customer(
        &self,
        store: StoreId,
        who: &ErasureRequest,
        record: Option<&IdempotencyRecord<'_, ErasureCounts>>,
    ) -> Result<ErasureCounts> {
        let email = who.email.as_ref().map(|e| e.as_str().to_owned());
        let phone = who.phone.as_ref().map(|p| p.as_str().to_owned());
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, now).await?;
            let mut affected = [0; 7];
            for (i, sql) in ERASE_CUSTOMER.iter().enumerate() {
                let mut query = sqlx::query(*sql).bind(store.0).bind(&email).bind(&phone);
                if i == ORDERS_STATEMENT {
                    query = query.bind(now);
                }
                affected[i] = query.execute(&mut *tx).await?.rows_affected();
            }
            let erased = counts(&affected);
            keep_reply(&mut tx, store, record, &erased).await?;
            Ok(erased)
        }
        .await;
        finish(tx, result).await
    }

    async fn set_retention(&self, store: StoreId, retention: Option<Retention>) -> Result<()> {
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let done = sqlx::query("UPDATE stores SET retention_days = ?2 WHERE id = ?1")
                .bind(store.0)
                .bind(retention.map(|r| i64::from(r.get())))
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(crate::StoreError::NotFound("store"));
            }
            Ok(())
        }
        .await;
        finish(tx, result).await
    }

    async fn retention(&self, store: StoreId) -> Result<Option<u32>> {
        let row: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT retention_days FROM stores WHERE id = ?1")
                .bind(store.0)
                .fetch_optional(&self.pool)
                .await?;
        let days = row.ok_or(crate::StoreError::NotFound("store"))?.0;
        Ok(days.and_then(|d| u32::try_from(d).ok()))
    }

    async fn stores_with_retention(&self) -> Result<Vec<(StoreId, u32)>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, retention_days FROM stores WHERE retention_days IS NOT NULL ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, days)| Some((StoreId(id), u32::try_from(days).ok()?)))
            .collect())
    }

    async fn erase_finished_orders(
        &self,
        store: StoreId,
        before: DateTime<Utc>,
    ) -> Result<ErasureCounts> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let mut affected = [0; 7];
            for (i, sql) in ERASE_FINISHED.iter().enumerate() {
                let mut query = sqlx::query(*sql).bind(store.0).bind(micros(before));
                if i == ORDERS_STATEMENT {
                    query = query.bind(now);
                }
                affected[i] = query.execute(&mut *tx).await?.rows_affected();
            }
            Ok(counts(&affected))
        }
        .await;
        finish(tx, result).await
    }
}
