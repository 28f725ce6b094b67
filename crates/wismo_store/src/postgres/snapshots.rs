//! Rendered tracking pages: a link's page key with its current stored pages, and keeping
//! new ones.

use sqlx::{QueryBuilder, Row};
use wismo_domain::ShipmentToken;

use super::PgStore;
use crate::rows;
use crate::{PageKey, PageSnapshot, PageStore, Result, StoredPage};
use async_trait::async_trait;

#[async_trait]
impl PageStore for PgStore {
    async fn page_key(
        &self,
        token: &ShipmentToken,
        build: &str,
        host: Option<&str>,
    ) -> Result<Option<PageKey>> {
        let found = sqlx::query(
            "SELECT s.id AS shipment_id, s.store_id, s.stage, s.delivered_at, \
                o.page_revision AS order_revision, st.page_revision AS store_revision, \
                o.customer_locale, st.default_locale, \
                CASE WHEN s.stage = 'delivered' THEN (st.branding ->> 'link_expiry_days')::BIGINT END \
                    AS link_expiry_days, \
                (SELECT d.store_id FROM store_domains d WHERE d.domain = $3) AS host_store, \
                p.lang, p.body \
             FROM shipments s JOIN orders o ON o.id = s.order_id JOIN stores st ON st.id = s.store_id \
             LEFT JOIN page_snapshots p ON p.shipment_id = s.id AND p.order_revision = o.page_revision \
                 AND p.store_revision = st.page_revision AND p.build = $2 \
             WHERE s.token = $1",
        )
        .bind(token.as_str())
        .bind(build)
        .bind(host)
        .fetch_all(&self.pool)
        .await?;
        let Some(first) = found.first() else {
            return Ok(None);
        };
        let mut key = rows::page_key(first)?;
        for row in &found {
            if let Some(lang) = row.try_get::<Option<String>, _>("lang")? {
                let body = row.try_get::<Vec<u8>, _>("body")?;
                key.pages.push(StoredPage { lang, body });
            }
        }
        Ok(Some(key))
    }

    /// One statement for the batch: a parcel deleted meanwhile keeps nothing, and a stored page
    /// newer than the one offered stays.
    async fn save_page_snapshots(&self, snapshots: &[PageSnapshot]) -> Result<()> {
        let snapshots = crate::model::newest_snapshots(snapshots);
        if snapshots.is_empty() {
            return Ok(());
        }
        let now = self.now();
        let mut query = QueryBuilder::new(
            "INSERT INTO page_snapshots \
             (shipment_id, lang, order_revision, store_revision, build, body, rendered_at) \
             SELECT v.* FROM (",
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
        query.push(
            ") AS v (shipment_id, lang, order_revision, store_revision, build, body, rendered_at) \
             WHERE EXISTS (SELECT 1 FROM shipments WHERE id = v.shipment_id) \
             ON CONFLICT (shipment_id, lang) DO UPDATE SET order_revision = excluded.order_revision, \
                 store_revision = excluded.store_revision, build = excluded.build, body = excluded.body, \
                 rendered_at = excluded.rendered_at \
             WHERE excluded.order_revision >= page_snapshots.order_revision \
                 AND excluded.store_revision >= page_snapshots.store_revision",
        );
        query.build().execute(&self.pool).await?;
        Ok(())
    }

    async fn prune_page_snapshots(
        &self,
        finished_before: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> Result<u64> {
        let done = sqlx::query(
            "DELETE FROM page_snapshots p USING (SELECT o.shipment_id, o.lang FROM page_snapshots o \
                 JOIN shipments s ON s.id = o.shipment_id \
                 WHERE s.stage IN ('delivered', 'returned', 'expired', 'cancelled') AND s.updated_at < $1 \
                 LIMIT $2) old \
             WHERE p.shipment_id = old.shipment_id AND p.lang = old.lang",
        )
        .bind(finished_before)
        .bind(i64::from(limit))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}
