//! What the polling engine reads and writes through the store: leases on due shipments,
//! the outcome of a poll, and what operators inspect.

use chrono::{DateTime, Utc};
use wismo_domain::schedule::{CarrierHabits, PollOutcome};
use wismo_domain::{CarrierCode, ShipmentId, Stage, StoreId, TrackingNumber, TrackingUpdate};

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
    /// What the scheduler knows about this carrier.
    pub habits: CarrierHabits,
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
