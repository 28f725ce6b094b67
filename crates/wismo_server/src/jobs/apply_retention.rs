//! `apply_retention`: erases the personal data of finished orders past their store's
//! retention (`wismo_domain::privacy`), in batches so the writer is never held long.
//! Queued daily by the runner; stores without a retention setting are left alone.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use wismo_domain::privacy::Retention;
use wismo_store::privacy::{ErasureCounts, RETENTION_BATCH};

use super::{BackgroundJob, JobContext, MAINTENANCE};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ApplyRetention {}

impl BackgroundJob for ApplyRetention {
    const JOB_NAME: &'static str = "apply_retention";
    const QUEUE: &'static str = MAINTENANCE;
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let stores = ctx
            .store
            .stores_with_retention()
            .await
            .context("cannot read the stores' retention")?;
        for (store, days) in stores {
            // A value written before the rules tightened is read at the nearest bound.
            let days = days.clamp(Retention::MIN_DAYS, Retention::MAX_DAYS);
            let Ok(retention) = Retention::days(days) else {
                continue;
            };
            let before = ctx.clock.now() - retention.duration();
            let mut erased = ErasureCounts::default();
            loop {
                let batch = ctx
                    .store
                    .erase_finished_orders(store, before)
                    .await
                    .context("cannot erase finished orders")?;
                erased += batch;
                if batch.orders < u64::from(RETENTION_BATCH) {
                    break;
                }
            }
            if erased.orders > 0 {
                tracing::info!(
                    store = store.0,
                    orders = erased.orders,
                    days,
                    "erased the personal data of orders past the store's retention"
                );
            }
        }
        Ok(())
    }
}
