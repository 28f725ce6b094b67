//! Rendered tracking pages: the key a link's stored page is checked against, the page,
//! and keeping new ones.

use sqlx::QueryBuilder;
use wismo_domain::ShipmentToken;

use super::PgStore;
use crate::rows;
use crate::{PageKey, PageSnapshot, Result};

pub(super) async fn page_key(db: &PgStore, token: &ShipmentToken) -> Result<Option<PageKey>> {
    let row = sqlx::query(
        "SELECT s.id AS shipment_id, s.store_id, s.stage, s.delivered_at, \
            o.page_revision AS order_revision, st.page_revision AS store_revision, \
            o.customer_locale, st.default_locale, \
            (st.branding ->> 'link_expiry_days')::BIGINT AS link_expiry_days \
         FROM shipments s JOIN orders o ON o.id = s.order_id JOIN stores st ON st.id = s.store_id \
         WHERE s.token = $1",
    )
    .bind(token.as_str())
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(rows::page_key).transpose()
}

pub(super) async fn page_snapshot(
    db: &PgStore,
    key: &PageKey,
    lang: &str,
    build: &str,
) -> Result<Option<Vec<u8>>> {
    let body = sqlx::query_scalar(
        "SELECT body FROM page_snapshots WHERE shipment_id = $1 AND lang = $2 \
         AND order_revision = $3 AND store_revision = $4 AND build = $5",
    )
    .bind(key.shipment.0)
    .bind(lang)
    .bind(key.revision.order)
    .bind(key.revision.store)
    .bind(build)
    .fetch_optional(&db.pool)
    .await?;
    Ok(body)
}

/// One statement for the batch: a parcel deleted meanwhile keeps nothing, and a stored page
/// newer than the one offered stays.
pub(super) async fn save(db: &PgStore, snapshots: &[PageSnapshot]) -> Result<()> {
    let snapshots = crate::model::newest_snapshots(snapshots);
    if snapshots.is_empty() {
        return Ok(());
    }
    let now = db.now();
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
    query.build().execute(&db.pool).await?;
    Ok(())
}
