//! `fetch_item_image`: fetches the picture an order's item names and keeps its thumbnail,
//! which the tracking page shows beside the item and wismo serves itself. Queued by the
//! store with the order that first names the URL (one per store and URL, ever).
//!
//! The request goes through the outbound guard like the logo's; the answer is at most
//! [`MAX_ITEM_IMAGE_BYTES`] and made into a thumbnail off the async threads. Every failure
//! is recorded on the picture's row; a permanent one (refused, 4xx, not an image) kills
//! the job at once, so a broken URL is not fetched again for each order naming it.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use wismo_domain::StoreId;
use wismo_store::item_images::{FETCH_ITEM_IMAGE, FETCH_QUEUE};

use super::fetch_logo::fetch_image;
use super::{BackgroundJob, JobContext, Permanent};
use crate::item_image::{MAX_ITEM_IMAGE_BYTES, thumbnail};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchItemImage {
    pub store: i64,
    /// The picture's name: [`wismo_store::item_image_key`] of the store and URL.
    pub key: String,
    pub url: String,
}

impl BackgroundJob for FetchItemImage {
    const JOB_NAME: &'static str = FETCH_ITEM_IMAGE;
    const QUEUE: &'static str = FETCH_QUEUE;
    const MAX_ATTEMPTS: u32 = 3;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("item-image:{}:{}", self.store, self.key))
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let store = StoreId(self.store);
        let made = self.make(ctx).await;
        match made {
            Ok(image) => {
                ctx.store
                    .keep_item_image(store, &self.key, &image)
                    .await
                    .context("cannot keep the item's thumbnail")?;
                tracing::info!(store = self.store, key = %self.key, "kept an item's thumbnail");
                Ok(())
            }
            Err(e) => {
                ctx.store
                    .item_image_failed(store, &self.key, &format!("{e:#}"))
                    .await
                    .context("cannot record the failed fetch")?;
                Err(e)
            }
        }
    }
}

impl FetchItemImage {
    async fn make(&self, ctx: &JobContext) -> anyhow::Result<wismo_store::ItemImage> {
        let bytes = fetch_image(ctx, &self.url, MAX_ITEM_IMAGE_BYTES).await?;
        // Decoding is CPU work: off the async threads, and a panic in it stays there.
        let made = tokio::task::spawn_blocking(move || thumbnail(&bytes))
            .await
            .map_err(|e| Permanent(format!("{}: decoding failed: {e}", self.url)))?;
        made.map_err(|e| Permanent(format!("{}: {e}", self.url)).into())
    }
}
