//! Shipments: one parcel, one tracking number, one private link.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    CarrierCode, DeliveryEstimate, OrderId, ShipmentId, ShipmentToken, Stage, StoreId, Substatus,
    TrackingNumber,
};

/// A parcel of an order, with its current state as the event pipeline last computed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shipment {
    pub id: ShipmentId,
    pub order_id: OrderId,
    pub store_id: StoreId,
    pub carrier: Option<CarrierCode>,
    pub service: Option<String>,
    pub tracking_number: TrackingNumber,
    pub token: ShipmentToken,
    pub stage: Stage,
    pub substatus: Option<Substatus>,
    /// The carrier's estimated delivery, when it gave one.
    pub carrier_estimated_delivery: Option<DateTime<Utc>>,
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub last_event_at: Option<DateTime<Utc>>,
    /// The delivery estimate in force: the carrier's, or predicted from the store's history.
    pub estimate: Option<DeliveryEstimate>,
    /// When the worker asks the carrier next; `None` once tracking has ended.
    pub next_poll_at: Option<DateTime<Utc>>,
    /// Failed polls in a row.
    pub poll_failures: u32,
    pub last_polled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a new shipment needs. The token is made by the caller so the store stays
/// free of randomness.
#[derive(Debug, Clone, PartialEq)]
pub struct NewShipment {
    pub tracking_number: TrackingNumber,
    pub carrier: Option<CarrierCode>,
    pub service: Option<String>,
    pub token: ShipmentToken,
}

impl NewShipment {
    pub fn new(
        tracking_number: TrackingNumber,
        carrier: Option<CarrierCode>,
        service: Option<String>,
    ) -> Self {
        Self {
            tracking_number,
            carrier,
            service,
            token: ShipmentToken::generate(),
        }
    }
}

/// A change to a shipment's carrier details. `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShipmentPatch {
    pub tracking_number: Option<TrackingNumber>,
    /// `Some(None)` clears the carrier.
    pub carrier: Option<Option<CarrierCode>>,
    /// `Some(None)` clears the service.
    pub service: Option<Option<String>>,
}
