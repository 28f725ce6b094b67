//! What the polling engine reads and writes through the store: leases on due shipments,
//! the outcome of a poll, and what operators inspect.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wismo_domain::schedule::{DeliverySample, Habits, PollOutcome};
use wismo_domain::{CarrierCode, ShipmentId, Stage, StoreId, TrackingNumber, TrackingUpdate};

use crate::{Recorded, Result};

/// A due shipment claimed by a worker until its lease runs out.
#[derive(Debug, Clone, PartialEq)]
pub struct PollLease {
    pub shipment_id: ShipmentId,
    pub store_id: StoreId,
    pub carrier: Option<CarrierCode>,
    pub service: Option<String>,
    pub tracking_number: TrackingNumber,
    pub stage: Stage,
    pub worker: String,
    /// Presented when finishing: a lease that was claimed again meanwhile is not ours.
    pub token: i64,
    /// When the shipment was due (how late the claim came is the due lag).
    pub due_at: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// How a poll ended.
#[derive(Debug, Clone, PartialEq)]
pub struct PollFinish {
    /// What the carrier said (empty when it said nothing usable).
    pub update: TrackingUpdate,
    pub outcome: PollOutcome,
    /// What the scheduler has learned of carriers and lanes.
    pub habits: Habits,
}

/// A shipment in the polling schedule, for `wismo shipments due`.
#[derive(Debug, Clone, PartialEq)]
pub struct DueShipment {
    pub shipment_id: ShipmentId,
    pub store_id: StoreId,
    pub carrier: Option<CarrierCode>,
    pub tracking_number: TrackingNumber,
    pub stage: Stage,
    pub next_poll_at: DateTime<Utc>,
    pub poll_failures: u32,
    /// The worker holding it, while its lease lasts.
    pub leased_by: Option<String>,
}

/// Counts for the schedule's gauges.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScheduleCounts {
    /// Shipments with a next poll.
    pub active: u64,
    /// Of those, due now (not leased).
    pub due: u64,
    /// Of those, leased to a worker now.
    pub leased: u64,
}

/// How many recent out-for-delivery scans, and how many deliveries, habits are learned from.
pub(crate) const HABIT_DEPTH: i64 = 2000;

/// A recent out-for-delivery milestone: carrier, reached (µs since the epoch), the carrier's
/// estimate then (µs), the scan's offset (seconds east of UTC).
pub(crate) type OutForDeliveryRow = (String, i64, Option<i64>, Option<i64>);

/// A recent delivery: carrier, the order's country and region, reached (µs), the scan's
/// offset, and when the parcel reached a pickup point (µs) if it waited at one.
pub(crate) type DeliveryRow = (
    String,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
    Option<i64>,
);

/// Local minutes after midnight of `micros` at `offset` seconds east of UTC.
fn local_minute(micros: i64, offset: Option<i64>) -> Option<u16> {
    let local = micros.div_euclid(1_000_000) + offset?;
    u16::try_from(local.rem_euclid(86_400) / 60).ok()
}

/// The habits the domain learns from the rows of the two habit queries.
pub(crate) fn learn_habits(ofd: Vec<OutForDeliveryRow>, deliveries: Vec<DeliveryRow>) -> Habits {
    let ofd: Vec<(String, Option<i64>, Option<u16>)> = ofd
        .into_iter()
        .map(|(carrier, reached, estimate, offset)| {
            let lead = estimate.map(|e| (e - reached).div_euclid(1_000_000));
            (carrier, lead, local_minute(reached, offset))
        })
        .collect();
    let deliveries: Vec<DeliverySample> = deliveries
        .into_iter()
        .filter_map(|(carrier, country, region, reached, offset, at_point)| {
            Some(DeliverySample {
                lane: wismo_domain::engine::region_key(country.as_deref(), region.as_deref()),
                minute: local_minute(reached, offset)?,
                carrier,
                collected_after: at_point.map(|at| (reached - at).div_euclid(1_000_000)),
            })
        })
        .collect();
    Habits::learn(&ofd, &deliveries)
}

/// The polling schedule: leases on due shipments, finishing a poll, what the schedule holds.
#[async_trait]
pub trait PollingStore: Send + Sync {
    /// Claims up to `limit` due shipments (soonest due first) for `worker` until now +
    /// `lease`, in one short statement or transaction. A shipment's lease ends by itself:
    /// a dead worker's shipments are due again when it runs out.
    async fn claim_due_shipments(
        &self,
        worker: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<PollLease>>;

    /// Runs a poll's update through the pipeline and, if the lease is still this
    /// worker's, schedules the next poll and releases the lease; `true` then. Events are
    /// stored either way: a late worker's news is still news.
    async fn finish_poll(&self, lease: &PollLease, finish: &PollFinish)
    -> Result<(Recorded, bool)>;

    /// The shipments in the polling schedule, soonest due first.
    async fn due_shipments(&self, limit: u32) -> Result<Vec<DueShipment>>;

    /// How many shipments are active, due and leased now.
    async fn schedule_counts(&self) -> Result<ScheduleCounts>;

    /// What the store's recent out-for-delivery scans and deliveries say about each
    /// carrier's and lane's habits.
    async fn carrier_habits(&self) -> Result<Habits>;
}
