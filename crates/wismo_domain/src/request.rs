//! Customer requests: what a customer asks the merchant from the tracking page.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ParseError, RequestId, ShipmentId, Stage, StoreId};

/// What the customer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    NotReceived,
    Damaged,
    WrongAddress,
    Reschedule,
    Redeliver,
    ConfirmAddress,
    Other,
}

impl RequestKind {
    pub const ALL: [RequestKind; 7] = [
        RequestKind::NotReceived,
        RequestKind::Damaged,
        RequestKind::WrongAddress,
        RequestKind::Reschedule,
        RequestKind::Redeliver,
        RequestKind::ConfirmAddress,
        RequestKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::NotReceived => "not_received",
            RequestKind::Damaged => "damaged",
            RequestKind::WrongAddress => "wrong_address",
            RequestKind::Reschedule => "reschedule",
            RequestKind::Redeliver => "redeliver",
            RequestKind::ConfirmAddress => "confirm_address",
            RequestKind::Other => "other",
        }
    }

    /// The requests a customer may make about a parcel at `stage`, most likely first.
    /// "Damaged" only once it was delivered; "not received" once delivered or when it is
    /// late, stuck or silent; the address and the day only before delivery.
    pub fn allowed_for(stage: Stage) -> &'static [RequestKind] {
        use RequestKind::*;
        match stage {
            Stage::Delivered => &[NotReceived, Damaged, Other],
            Stage::ActionRequired => &[ConfirmAddress, WrongAddress, Redeliver, Reschedule, Other],
            Stage::OutForDelivery => &[Reschedule, WrongAddress, Other],
            Stage::Delayed | Stage::Exception | Stage::Expired => {
                &[NotReceived, WrongAddress, Other]
            }
            Stage::Returned | Stage::Cancelled => &[Other],
            _ => &[WrongAddress, Reschedule, Other],
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| ParseError::new(format!("unknown request kind `{s}`")))
    }
}

/// Where the merchant is with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    Resolved,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "open" => Ok(RequestStatus::Open),
            "resolved" => Ok(RequestStatus::Resolved),
            _ => Err(ParseError::new(format!("unknown request status `{s}`"))),
        }
    }
}

/// A stored request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRequest {
    pub id: RequestId,
    pub store_id: StoreId,
    pub shipment_id: ShipmentId,
    pub kind: RequestKind,
    pub message: Option<String>,
    pub status: RequestStatus,
    pub created_at: DateTime<Utc>,
}

/// What a new request needs.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCustomerRequest {
    pub shipment_id: ShipmentId,
    pub kind: RequestKind,
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_allows_something_else_last() {
        for stage in Stage::ALL {
            let kinds = RequestKind::allowed_for(stage);
            assert_eq!(kinds.last(), Some(&RequestKind::Other), "{stage:?}");
        }
    }

    #[test]
    fn a_delivered_parcel_may_be_reported_missing_or_damaged_but_not_rescheduled() {
        let kinds = RequestKind::allowed_for(Stage::Delivered);
        assert!(kinds.contains(&RequestKind::NotReceived));
        assert!(kinds.contains(&RequestKind::Damaged));
        assert!(!kinds.contains(&RequestKind::Reschedule));
        assert!(!RequestKind::allowed_for(Stage::InTransit).contains(&RequestKind::Damaged));
        assert_eq!(
            RequestKind::allowed_for(Stage::Returned),
            [RequestKind::Other]
        );
    }

    #[test]
    fn arrival_requests_only_once_delivered_or_late_and_the_address_only_before() {
        for stage in Stage::ALL {
            let kinds = RequestKind::allowed_for(stage);
            let delivered = stage == Stage::Delivered;
            let late = matches!(stage, Stage::Delayed | Stage::Exception | Stage::Expired);
            assert_eq!(
                kinds.contains(&RequestKind::Damaged),
                delivered,
                "{stage:?}"
            );
            assert_eq!(
                kinds.contains(&RequestKind::NotReceived),
                delivered || late,
                "{stage:?}"
            );
            if delivered {
                assert!(!kinds.contains(&RequestKind::WrongAddress));
            }
        }
        for stage in [Stage::InTransit, Stage::OutForDelivery, Stage::Delayed] {
            let kinds = RequestKind::allowed_for(stage);
            assert!(kinds.contains(&RequestKind::WrongAddress), "{stage:?}");
        }
    }
}
