//! The audit log on PostgreSQL.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wismo_domain::StoreId;

use super::PgStore;
use crate::Result;
use crate::audit::{AUDIT_PAGE, AuditEntry, AuditStore, NewAuditEntry};
use crate::rows::audit as rows;

#[async_trait]
impl AuditStore for PgStore {
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (store_id, at, actor, action, target, status) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(entry.store.0)
        .bind(self.now())
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(&entry.target)
        .bind(i32::from(entry.status))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn audit_log(
        &self,
        store: StoreId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>> {
        sqlx::query(AUDIT_PAGE)
            .bind(store.0)
            .bind(before.unwrap_or(i64::MAX))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(rows::entry)
            .collect()
    }

    async fn prune_audit(&self, before: DateTime<Utc>) -> Result<u64> {
        let gone = sqlx::query("DELETE FROM audit_log WHERE at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(gone.rows_affected())
    }
}
