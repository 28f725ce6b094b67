//! `prune_audit_log`: deletes audit entries older than [`AUDIT_KEPT`]. Queued daily by the
//! runner.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::{BackgroundJob, JobContext, MAINTENANCE};

/// How long the audit log keeps a change.
pub const AUDIT_KEPT: chrono::Duration = chrono::Duration::days(400);

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PruneAuditLog {}

impl BackgroundJob for PruneAuditLog {
    const JOB_NAME: &'static str = "prune_audit_log";
    const QUEUE: &'static str = MAINTENANCE;
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let before = ctx.clock.now() - AUDIT_KEPT;
        let pruned = ctx
            .store
            .prune_audit(before)
            .await
            .context("cannot prune the audit log")?;
        if pruned > 0 {
            tracing::info!(entries = pruned, "pruned the audit log");
        }
        Ok(())
    }
}
