//! Keeping rendered tracking pages (the reads are in [`super::reader`]).

use sqlx::{QueryBuilder, Sqlite};

use super::{SqliteStore, micros};
use crate::transaction::finish;
use crate::{PageKey, PageSnapshot, PageStore, Result};
use async_trait::async_trait;
use wismo_domain::ShipmentToken;

#[async_trait]
impl PageStore for SqliteStore {
    async fn page_key(
        &self,
        token: &ShipmentToken,
        build: &str,
        host: Option<&str>,
    ) -> Result<Option<PageKey>> {
        // An in-memory database keeps no pages: every view is rendered.
        match &self.readers {
            Some(readers) => readers.page_key(token, build, host),
            None => Ok(None),
        }
    }

    /// One statement for the batch: a page rendered before its order's latest change, or of a
    /// parcel deleted meanwhile, is not kept, and a stored page newer than the one offered
    /// stays.
    async fn save_page_snapshots(&self, snapshots: &[PageSnapshot]) -> Result<()> {
        let snapshots = crate::model::newest_snapshots(snapshots);
        if snapshots.is_empty() {
            return Ok(());
        }
        let now = micros(self.now());
        // Kept only at the order's current revision: a later change deletes the order's pages
        // (migration 0007), so a stored row is current for its order, and so are the copies
        // of the parcel's and the order's columns taken here.
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO page_snapshots (shipment_id, lang, token, order_id, store_id, stage, \
                 delivered_at, customer_locale, order_revision, store_revision, build, body, \
                 rendered_at) \
             SELECT v.column1, v.column2, s.token, s.order_id, s.store_id, s.stage, s.delivered_at, \
                 o.customer_locale, v.column3, v.column4, v.column5, v.column6, v.column7 FROM (",
        );
        query.push_values(snapshots, |mut row, s| {
            row.push_bind(s.shipment.0)
                .push_bind(&s.lang)
                .push_bind(s.revision.order)
                .push_bind(s.revision.store)
                .push_bind(&s.build)
                .push_bind(&s.body)
                .push_bind(now);
        });
        // A parcel deleted meanwhile has no row to join: it keeps nothing. (`WHERE true`: an
        // upsert's SELECT with a join needs a WHERE before ON CONFLICT.)
        query.push(
            ") AS v JOIN shipments s ON s.id = v.column1 \
             JOIN orders o ON o.id = s.order_id AND o.page_revision = v.column3 WHERE true \
             ON CONFLICT (shipment_id, lang) DO UPDATE SET token = excluded.token, \
                 order_id = excluded.order_id, store_id = excluded.store_id, stage = excluded.stage, \
                 delivered_at = excluded.delivered_at, customer_locale = excluded.customer_locale, \
                 order_revision = excluded.order_revision, store_revision = excluded.store_revision, \
                 build = excluded.build, body = excluded.body, rendered_at = excluded.rendered_at \
             WHERE excluded.store_revision >= page_snapshots.store_revision",
        );
        let (_turn, mut tx) = self.write().await?;
        let result = query.build().execute(&mut *tx).await.map(|_| ());
        finish(tx, result.map_err(Into::into)).await
    }

    /// Finds the pages to delete first, outside the write lock (a scan of every stored page's
    /// parcel), then deletes them in a short write that checks the parcel again.
    async fn prune_page_snapshots(
        &self,
        finished_before: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> Result<u64> {
        let rowids: Vec<i64> = sqlx::query_scalar(
            "SELECT p.rowid FROM page_snapshots p JOIN shipments s ON s.id = p.shipment_id \
             WHERE s.stage IN ('delivered', 'returned', 'expired', 'cancelled') AND s.updated_at < ?1 \
             LIMIT ?2",
        )
        .bind(micros(finished_before))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        if rowids.is_empty() {
            return Ok(0);
        }
        let ids = format!(
            "[{}]",
            rowids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        );
        let (_turn, mut tx) = self.write().await?;
        let result = sqlx::query(
            "DELETE FROM page_snapshots WHERE rowid IN (SELECT value FROM json_each(?1)) \
             AND shipment_id IN (SELECT id FROM shipments WHERE id = page_snapshots.shipment_id \
                 AND stage IN ('delivered', 'returned', 'expired', 'cancelled') AND updated_at < ?2)",
        )
        .bind(ids)
        .bind(micros(finished_before))
        .execute(&mut *tx)
        .await
        .map(|done| done.rows_affected());
        finish(tx, result.map_err(Into::into)).await
    }
}
