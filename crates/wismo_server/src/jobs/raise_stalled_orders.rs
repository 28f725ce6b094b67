//! Stalled fulfilment: `raise_stalled_orders` runs hourly and raises,
//! once, each order that still has no parcel its store's number of business days
//! (`stall_days`, 3 unless set) after it was placed ([`wismo_domain::fulfilment`]). Raising
//! it records when, puts it on the admin's attention list and in the digest, sends the
//! merchant's endpoints `order.fulfillment_stalled`, and, if the store's policy tells the
//! `fulfillment_stalled` moment to customers (off unless set), queues the customer's
//! apology. Each raise is its own transaction, so a run cut short loses nothing and a
//! second runner finds the order raised.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use wismo_domain::fulfilment;
use wismo_store::notify::NOTIFY_QUEUE;

use super::{BackgroundJob, JobContext};

/// The most orders one run looks at per store; the rest wait for the next run, oldest
/// first.
pub const STALL_BATCH: u32 = 500;

/// Raises the orders whose wait for a parcel has run out.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct RaiseStalledOrders {}

impl BackgroundJob for RaiseStalledOrders {
    const JOB_NAME: &'static str = "raise_stalled_orders";
    const QUEUE: &'static str = NOTIFY_QUEUE;
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let now = ctx.clock.now();
        let mut raised = 0;
        for tenant in ctx
            .store
            .list_stores()
            .await
            .context("cannot list stores")?
        {
            let days = tenant.notify.stall_days;
            let tz = tenant.timezone.tz();
            // Business days are at least as long as calendar days: nothing placed since
            // can be due.
            let before = now - chrono::Duration::days(i64::from(days));
            let waiting = ctx
                .store
                .orders_awaiting_parcel(tenant.id, before, STALL_BATCH)
                .await
                .context("cannot read the orders waiting for a parcel")?;
            for order in waiting {
                if !fulfilment::is_stalled(&order, days, tz, now) {
                    continue;
                }
                if ctx
                    .store
                    .raise_stalled_order(tenant.id, order.id)
                    .await
                    .context("cannot raise a stalled order")?
                {
                    tracing::info!(
                        store = tenant.id.0,
                        order = order.id.0,
                        "an order has not shipped in time: raised for the merchant"
                    );
                    raised += 1;
                }
            }
        }
        if raised > 0 {
            tracing::info!(orders = raised, "raised the orders not shipped in time");
        }
        Ok(())
    }
}
