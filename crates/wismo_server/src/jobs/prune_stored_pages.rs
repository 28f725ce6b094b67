//! `prune_stored_pages`: deletes the stored tracking pages of parcels that finished long
//! ago (a later view renders such a page again). Queued hourly by the runner.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::{BackgroundJob, JobContext, MAINTENANCE};

/// How long the stored pages of a finished parcel are kept after its last change.
pub const PAGES_KEPT: chrono::Duration = chrono::Duration::days(30);
/// How many pages go in one write, so the writer is never held long.
const BATCH: u32 = 1000;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PruneStoredPages {}

impl BackgroundJob for PruneStoredPages {
    const JOB_NAME: &'static str = "prune_stored_pages";
    const QUEUE: &'static str = MAINTENANCE;
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let before = ctx.clock.now() - PAGES_KEPT;
        let mut pruned = 0;
        loop {
            let n = ctx
                .store
                .prune_page_snapshots(before, BATCH)
                .await
                .context("cannot prune stored pages")?;
            pruned += n;
            if n < u64::from(BATCH) {
                break;
            }
        }
        if pruned > 0 {
            tracing::info!(
                pages = pruned,
                "pruned the stored pages of finished parcels"
            );
        }
        Ok(())
    }
}
