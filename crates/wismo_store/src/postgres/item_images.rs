//! Orders' item pictures, on PostgreSQL.

use async_trait::async_trait;
use sqlx::{PgConnection, Row};
use wismo_domain::{LineItem, StoreId};

use super::PgStore;
use super::jobs::insert_job;
use crate::item_images::{ItemImage, ItemImageStore, MISSED_PER_CALL, fetch_job, wanted};
use crate::{Result, StoreError};

/// Records the pictures `items` name that the store has never wanted before, and queues
/// the fetch of each, inside the order write's transaction.
pub(super) async fn want_item_images(
    conn: &mut PgConnection,
    store: StoreId,
    items: &[LineItem],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64> {
    want_at_most(conn, store, items, now, usize::MAX).await
}

/// [`want_item_images`] for at most `limit` pictures not yet wanted; how many were queued.
async fn want_at_most(
    conn: &mut PgConnection,
    store: StoreId,
    items: &[LineItem],
    now: chrono::DateTime<chrono::Utc>,
    limit: usize,
) -> Result<u64> {
    let mut queued = 0;
    for (key, url) in wanted(store, items) {
        if queued >= limit {
            break;
        }
        let new: Option<String> = sqlx::query_scalar(
            "INSERT INTO item_images (store_id, url_hash, url, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING RETURNING url_hash",
        )
        .bind(store.0)
        .bind(&key)
        .bind(url)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        if new.is_some() {
            insert_job(&mut *conn, &fetch_job(store, &key, url, now), now).await?;
            queued += 1;
        }
    }
    Ok(queued as u64)
}

#[async_trait]
impl ItemImageStore for PgStore {
    async fn keep_item_image(&self, store: StoreId, key: &str, image: &ItemImage) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let url: Option<String> = sqlx::query_scalar(
            "UPDATE item_images SET content_type = $3, bytes = $4, width = $5, height = $6, \
             fetched_at = $7, error = NULL WHERE store_id = $1 AND url_hash = $2 RETURNING url",
        )
        .bind(store.0)
        .bind(key)
        .bind(&image.content_type)
        .bind(&image.bytes)
        .bind(i32::try_from(image.width).unwrap_or(i32::MAX))
        .bind(i32::try_from(image.height).unwrap_or(i32::MAX))
        .bind(self.now())
        .fetch_optional(&mut *tx)
        .await?;
        let url = url.ok_or(StoreError::NotFound("item image"))?;
        // The store's pages that show the picture are stale without it.
        sqlx::query(
            "UPDATE orders SET page_revision = page_revision + 1 WHERE store_id = $1 \
             AND EXISTS (SELECT 1 FROM jsonb_array_elements(orders.items) i WHERE i ->> 'image_url' = $2)",
        )
        .bind(store.0)
        .bind(&url)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn item_image_failed(&self, store: StoreId, key: &str, error: &str) -> Result<()> {
        sqlx::query(
            "UPDATE item_images SET error = $3, failures = failures + 1 \
             WHERE store_id = $1 AND url_hash = $2",
        )
        .bind(store.0)
        .bind(key)
        .bind(error)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn item_image(&self, slug: &str, key: &str) -> Result<Option<ItemImage>> {
        let row = sqlx::query(
            "SELECT i.content_type, i.bytes, i.width, i.height FROM item_images i \
             JOIN stores s ON s.id = i.store_id \
             WHERE s.slug = $1 AND i.url_hash = $2 AND i.bytes IS NOT NULL",
        )
        .bind(slug)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(ItemImage {
                content_type: row.try_get("content_type")?,
                bytes: row.try_get("bytes")?,
                width: u32::try_from(row.try_get::<i32, _>("width")?).unwrap_or(0),
                height: u32::try_from(row.try_get::<i32, _>("height")?).unwrap_or(0),
            })
        })
        .transpose()
    }

    async fn known_item_images(
        &self,
        store: StoreId,
        keys: &[String],
    ) -> Result<Vec<(String, bool)>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        Ok(sqlx::query_as(
            "SELECT url_hash, bytes IS NOT NULL FROM item_images WHERE store_id = $1 \
             AND url_hash = ANY($2)",
        )
        .bind(store.0)
        .bind(keys)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn want_missed_item_images(&self, store: StoreId, items: &[LineItem]) -> Result<u64> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let queued = want_at_most(&mut tx, store, items, now, MISSED_PER_CALL).await?;
        tx.commit().await?;
        Ok(queued)
    }
}
