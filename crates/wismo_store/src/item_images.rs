//! Thumbnails of orders' item pictures: which (store, image URL) pairs are wanted, the
//! fetch each is queued with, and what was kept. Orders name their pictures by URL; wismo
//! fetches each once (the `fetch_item_image` job) and serves the thumbnail itself.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use wismo_domain::{LineItem, StoreId};

use crate::{NewJob, Result};

/// The job that fetches an item's picture and keeps its thumbnail.
pub const FETCH_ITEM_IMAGE: &str = "fetch_item_image";
/// The queue of requests wismo sends to merchants' servers (shared with `fetch_logo`).
pub const FETCH_QUEUE: &str = "fetch";
/// Attempts of one fetch: a server that keeps failing is recorded, not retried for ever.
const FETCH_ATTEMPTS: u32 = 3;
/// At most this many missed pictures are wanted in one call of
/// [`ItemImageStore::want_missed_item_images`], so one view of a long old order writes little.
pub const MISSED_PER_CALL: usize = 20;

/// A kept thumbnail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemImage {
    /// `image/png` or `image/jpeg`.
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The name a store's picture at `url` is kept and served under: a short hash of the
/// store's id and the URL, so the same URL in two stores is two thumbnails and the
/// address tells nothing of the merchant's host.
pub fn item_image_key(store: StoreId, url: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(store.0.to_be_bytes());
    hash.update(url.as_bytes());
    hash.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The distinct picture URLs of `items`, each with its key. Every way an order comes in
/// takes only `https://` URLs (`wismo_domain`'s parse functions).
pub(crate) fn wanted(store: StoreId, items: &[LineItem]) -> Vec<(String, &str)> {
    let mut urls: Vec<&str> = items
        .iter()
        .filter_map(|item| item.image_url.as_deref())
        .collect();
    urls.sort_unstable();
    urls.dedup();
    urls.into_iter()
        .map(|url| (item_image_key(store, url), url))
        .collect()
}

/// The fetch of the picture at `url`, queued with the order that first names it.
pub(crate) fn fetch_job(store: StoreId, key: &str, url: &str, now: DateTime<Utc>) -> NewJob {
    NewJob {
        name: FETCH_ITEM_IMAGE.into(),
        queue: FETCH_QUEUE.into(),
        payload: serde_json::json!({ "store": store.0, "key": key, "url": url }),
        run_at: now,
        dedupe_key: Some(format!("item-image:{}:{key}", store.0)),
        once_per_key: true,
        max_attempts: FETCH_ATTEMPTS,
    }
}

/// Orders' item pictures.
#[async_trait]
pub trait ItemImageStore: Send + Sync {
    /// Keeps the thumbnail of the store's picture `key` and bumps the page revision of the
    /// store's orders that show it, so their stored pages are rendered again with it.
    async fn keep_item_image(&self, store: StoreId, key: &str, image: &ItemImage) -> Result<()>;

    /// Records why the picture `key` could not be kept (counted; the last error kept).
    async fn item_image_failed(&self, store: StoreId, key: &str, error: &str) -> Result<()>;

    /// The kept thumbnail `key` of the store with this slug.
    async fn item_image(&self, slug: &str, key: &str) -> Result<Option<ItemImage>>;

    /// Which of `keys` the store has wanted (a row written with an order, whatever came of
    /// its fetch), each with whether its thumbnail is kept.
    async fn known_item_images(
        &self,
        store: StoreId,
        keys: &[String],
    ) -> Result<Vec<(String, bool)>>;

    /// Records the pictures `items` name that the store never wanted, and queues the fetch
    /// of each: the pictures of orders written before thumbnails were kept (migration
    /// 0023). At most [`MISSED_PER_CALL`] in one call; the rows stay whatever their fetch
    /// comes to, so each picture is wanted once. How many were queued.
    async fn want_missed_item_images(&self, store: StoreId, items: &[LineItem]) -> Result<u64>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(url: Option<&str>) -> LineItem {
        LineItem {
            name: "Mug".into(),
            quantity: 1,
            sku: None,
            variant: None,
            image_url: url.map(str::to_owned),
        }
    }

    #[test]
    fn each_picture_is_wanted_once() {
        let items = [
            item(Some("https://shop.example/a.png")),
            item(Some("https://shop.example/a.png")),
            item(None),
        ];
        let wanted = wanted(StoreId(1), &items);
        assert_eq!(wanted.len(), 1);
        assert_eq!(wanted[0].1, "https://shop.example/a.png");
    }

    #[test]
    fn the_same_url_in_two_stores_has_two_keys() {
        let url = "https://shop.example/a.png";
        assert_ne!(
            item_image_key(StoreId(1), url),
            item_image_key(StoreId(2), url)
        );
        assert_eq!(item_image_key(StoreId(1), url).len(), 24);
    }
}
