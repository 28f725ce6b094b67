//! `remove_finished_jobs`: removes done jobs once they have been kept for
//! [`FINISHED_JOBS_KEPT`]. Dead jobs stay until an operator retries or removes them.
//! Queued hourly by the runner.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::{BackgroundJob, JobContext, MAINTENANCE};

/// How long a done job is kept (for `wismo jobs list --state done`, and so that a
/// periodic job's period is remembered).
pub const FINISHED_JOBS_KEPT: chrono::Duration = chrono::Duration::days(7);
/// How many jobs go in one write.
const BATCH: u32 = 1000;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct RemoveFinishedJobs {}

impl BackgroundJob for RemoveFinishedJobs {
    const JOB_NAME: &'static str = "remove_finished_jobs";
    const QUEUE: &'static str = MAINTENANCE;
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let before = ctx.clock.now() - FINISHED_JOBS_KEPT;
        let mut removed = 0;
        loop {
            let n = ctx
                .store
                .remove_finished_jobs(before, BATCH)
                .await
                .context("cannot remove finished jobs")?;
            removed += n;
            if n < u64::from(BATCH) {
                break;
            }
        }
        if removed > 0 {
            tracing::info!(jobs = removed, "removed finished jobs");
        }
        Ok(())
    }
}
