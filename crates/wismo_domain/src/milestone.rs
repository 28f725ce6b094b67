//! Milestones: the moments in a parcel's journey worth telling a customer about.
//!
//! The event pipeline records each milestone a shipment reaches once, in the same
//! transaction as the events that reached it; notifications are sent from those records.
//! Reaching a milestone again (a second "out for delivery" after a failed attempt) records
//! nothing new.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ParseError, ShipmentId, Stage, StoreId, Substatus};

/// A moment worth telling the customer about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// The label exists: the order has shipped, from the store's side.
    Shipped,
    /// The carrier has the parcel and it is moving.
    InTransit,
    OutForDelivery,
    Delivered,
    Delayed,
    ActionRequired,
    Exception,
    Returned,
    AvailableForPickup,
}

impl Milestone {
    pub const ALL: [Milestone; 9] = [
        Milestone::Shipped,
        Milestone::InTransit,
        Milestone::OutForDelivery,
        Milestone::Delivered,
        Milestone::Delayed,
        Milestone::ActionRequired,
        Milestone::Exception,
        Milestone::Returned,
        Milestone::AvailableForPickup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::Shipped => "shipped",
            Milestone::InTransit => "in_transit",
            Milestone::OutForDelivery => "out_for_delivery",
            Milestone::Delivered => "delivered",
            Milestone::Delayed => "delayed",
            Milestone::ActionRequired => "action_required",
            Milestone::Exception => "exception",
            Milestone::Returned => "returned",
            Milestone::AvailableForPickup => "available_for_pickup",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| ParseError::new(format!("unknown milestone `{s}`")))
    }

    /// The milestones a shipment has reached when customers see it at `stage`. A parcel
    /// seen in transit has also shipped; stages before the label, and expiry, reach none.
    pub fn reached_at_stage(stage: Stage) -> &'static [Milestone] {
        match stage {
            Stage::InfoReceived => &[Milestone::Shipped],
            Stage::InTransit => &[Milestone::Shipped, Milestone::InTransit],
            Stage::OutForDelivery => &[Milestone::OutForDelivery],
            Stage::Delivered => &[Milestone::Delivered],
            Stage::Delayed => &[Milestone::Delayed],
            Stage::ActionRequired => &[Milestone::ActionRequired],
            Stage::Exception => &[Milestone::Exception],
            Stage::Returned => &[Milestone::Returned],
            Stage::AvailableForPickup => &[Milestone::AvailableForPickup],
            Stage::Ordered | Stage::Pending | Stage::Expired | Stage::Cancelled => &[],
        }
    }
}

/// A milestone a shipment reached, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneRecord {
    pub shipment_id: ShipmentId,
    pub store_id: StoreId,
    pub milestone: Milestone,
    /// The substatus when it was reached (the delay's reason, say).
    pub substatus: Option<Substatus>,
    /// When it happened: the event's time, or the clock's for a detected delay.
    pub reached_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    /// The carrier's delivery estimate at that moment, if any.
    pub carrier_estimate: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in Milestone::ALL {
            assert_eq!(Milestone::parse(m.as_str()).ok(), Some(m));
        }
        assert!(Milestone::parse("teleported").is_err());
    }

    #[test]
    fn every_stage_a_customer_hears_about_reaches_a_milestone() {
        let told: Vec<Milestone> = Stage::ALL
            .into_iter()
            .flat_map(|s| Milestone::reached_at_stage(s).iter().copied())
            .collect();
        for m in Milestone::ALL {
            assert!(told.contains(&m), "{m:?}");
        }
        assert!(Milestone::reached_at_stage(Stage::Pending).is_empty());
    }
}
