//! The stage vocabulary every carrier is mapped onto, and the substatus that adds detail.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::value::ParseError;

/// Where a shipment is, in words a customer understands. One vocabulary for every carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The store has the order; nothing has been shipped yet.
    Ordered,
    /// A tracking number exists but the carrier has no data yet.
    Pending,
    /// The carrier has the shipment's details (label created) but not the parcel.
    InfoReceived,
    /// The carrier has the parcel and it is moving.
    InTransit,
    /// The parcel is with the courier for delivery today.
    OutForDelivery,
    /// The parcel waits at a pickup point, locker or post office.
    AvailableForPickup,
    /// The parcel was delivered.
    Delivered,
    /// The parcel is late or stuck.
    Delayed,
    /// The customer has to do something (failed attempt, address, customs payment).
    ActionRequired,
    /// Something went wrong (damaged, held, refused, lost).
    Exception,
    /// The parcel is going back to the sender.
    Returned,
    /// No carrier data for a long time; tracking stopped.
    Expired,
    /// The label was voided by the shipper.
    Cancelled,
}

impl Stage {
    /// Every stage, in the order a journey usually meets them.
    pub const ALL: [Stage; 13] = [
        Stage::Ordered,
        Stage::Pending,
        Stage::InfoReceived,
        Stage::InTransit,
        Stage::OutForDelivery,
        Stage::AvailableForPickup,
        Stage::Delivered,
        Stage::Delayed,
        Stage::ActionRequired,
        Stage::Exception,
        Stage::Returned,
        Stage::Expired,
        Stage::Cancelled,
    ];

    /// The stage's stable snake_case name, as used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Ordered => "ordered",
            Stage::Pending => "pending",
            Stage::InfoReceived => "info_received",
            Stage::InTransit => "in_transit",
            Stage::OutForDelivery => "out_for_delivery",
            Stage::AvailableForPickup => "available_for_pickup",
            Stage::Delivered => "delivered",
            Stage::Delayed => "delayed",
            Stage::ActionRequired => "action_required",
            Stage::Exception => "exception",
            Stage::Returned => "returned",
            Stage::Expired => "expired",
            Stage::Cancelled => "cancelled",
        }
    }

    /// Terminal stages end tracking: nothing more is expected from the carrier.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Stage::Delivered | Stage::Returned | Stage::Expired | Stage::Cancelled
        )
    }

    /// Whether the carrier has physically taken the parcel by this stage.
    pub fn is_shipped(self) -> bool {
        !matches!(
            self,
            Stage::Ordered
                | Stage::Pending
                | Stage::InfoReceived
                | Stage::Expired
                | Stage::Cancelled
        )
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Stage::ALL
            .into_iter()
            .find(|stage| stage.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(format!(
                    "unknown stage `{s}`; expected one of {}",
                    list(Stage::ALL.iter().map(|s| s.as_str()))
                ))
            })
    }
}

/// Detail within a stage ("to a neighbour", "failed attempt", "weather").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Substatus {
    Processing,
    PartiallyShipped,
    Registered,
    AwaitingPickup,
    PickedUp,
    DepartedFacility,
    ArrivedAtFacility,
    CustomsCleared,
    WithCourier,
    AtLocker,
    AtPostOffice,
    ToMailbox,
    ToNeighbour,
    Signed,
    LeftAtDoor,
    Weather,
    CarrierDelay,
    PastEstimate,
    NoScans,
    FailedAttempt,
    AddressProblem,
    CustomsPayment,
    CashOnDelivery,
    CustomsHold,
    Damaged,
    Held,
    Refused,
    Lost,
    ReturnedToSender,
    NoCarrierData,
    LabelVoided,
    Other,
}

impl Substatus {
    /// Every substatus.
    pub const ALL: [Substatus; 32] = [
        Substatus::Processing,
        Substatus::PartiallyShipped,
        Substatus::Registered,
        Substatus::AwaitingPickup,
        Substatus::PickedUp,
        Substatus::DepartedFacility,
        Substatus::ArrivedAtFacility,
        Substatus::CustomsCleared,
        Substatus::WithCourier,
        Substatus::AtLocker,
        Substatus::AtPostOffice,
        Substatus::ToMailbox,
        Substatus::ToNeighbour,
        Substatus::Signed,
        Substatus::LeftAtDoor,
        Substatus::Weather,
        Substatus::CarrierDelay,
        Substatus::PastEstimate,
        Substatus::NoScans,
        Substatus::FailedAttempt,
        Substatus::AddressProblem,
        Substatus::CustomsPayment,
        Substatus::CashOnDelivery,
        Substatus::CustomsHold,
        Substatus::Damaged,
        Substatus::Held,
        Substatus::Refused,
        Substatus::Lost,
        Substatus::ReturnedToSender,
        Substatus::NoCarrierData,
        Substatus::LabelVoided,
        Substatus::Other,
    ];

    /// The substatus's stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Substatus::Processing => "processing",
            Substatus::PartiallyShipped => "partially_shipped",
            Substatus::Registered => "registered",
            Substatus::AwaitingPickup => "awaiting_pickup",
            Substatus::PickedUp => "picked_up",
            Substatus::DepartedFacility => "departed_facility",
            Substatus::ArrivedAtFacility => "arrived_at_facility",
            Substatus::CustomsCleared => "customs_cleared",
            Substatus::WithCourier => "with_courier",
            Substatus::AtLocker => "at_locker",
            Substatus::AtPostOffice => "at_post_office",
            Substatus::ToMailbox => "to_mailbox",
            Substatus::ToNeighbour => "to_neighbour",
            Substatus::Signed => "signed",
            Substatus::LeftAtDoor => "left_at_door",
            Substatus::Weather => "weather",
            Substatus::CarrierDelay => "carrier_delay",
            Substatus::PastEstimate => "past_estimate",
            Substatus::NoScans => "no_scans",
            Substatus::FailedAttempt => "failed_attempt",
            Substatus::AddressProblem => "address_problem",
            Substatus::CustomsPayment => "customs_payment",
            Substatus::CashOnDelivery => "cash_on_delivery",
            Substatus::CustomsHold => "customs_hold",
            Substatus::Damaged => "damaged",
            Substatus::Held => "held",
            Substatus::Refused => "refused",
            Substatus::Lost => "lost",
            Substatus::ReturnedToSender => "returned_to_sender",
            Substatus::NoCarrierData => "no_carrier_data",
            Substatus::LabelVoided => "label_voided",
            Substatus::Other => "other",
        }
    }
}

impl fmt::Display for Substatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Substatus {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Substatus::ALL
            .into_iter()
            .find(|sub| sub.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(format!(
                    "unknown substatus `{s}`; expected one of {}",
                    list(Substatus::ALL.iter().map(|s| s.as_str()))
                ))
            })
    }
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_and_substatus_round_trips_through_its_name() {
        for stage in Stage::ALL {
            assert_eq!(stage.as_str().parse::<Stage>().ok(), Some(stage));
            assert_eq!(serde_json_name(&stage), stage.as_str());
        }
        for sub in Substatus::ALL {
            assert_eq!(sub.as_str().parse::<Substatus>().ok(), Some(sub));
        }
    }

    #[test]
    fn an_unknown_stage_is_rejected_with_the_valid_names() {
        let err = "shipped"
            .parse::<Stage>()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown stage `shipped`"), "{err}");
        assert!(err.contains("out_for_delivery"), "{err}");
    }

    fn serde_json_name(stage: &Stage) -> String {
        // Serde names must match `as_str`: the API and the database rely on both.
        format!("{stage:?}")
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                if c.is_uppercase() && i > 0 {
                    vec!['_', c.to_ascii_lowercase()]
                } else {
                    vec![c.to_ascii_lowercase()]
                }
            })
            .collect()
    }
}
