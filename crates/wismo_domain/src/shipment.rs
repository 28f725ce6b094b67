//! Shipments: one parcel, one tracking number, one private link.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::{
    CarrierCode, DeliveryEstimate, OrderId, ShipmentId, Stage, StoreId, Substatus, TrackingNumber,
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

/// The secret in a shipment's private link (`/t/{token}`): 144 bits from a CSPRNG,
/// base64url without padding (24 characters).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ShipmentToken(String);

impl ShipmentToken {
    const BYTES: usize = 18;

    /// A fresh random token.
    pub fn generate() -> Self {
        let bytes: [u8; Self::BYTES] = rand::random();
        Self(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A token as it comes back from a URL or the database. Anything that cannot be a
    /// token is `None`, so lookups of garbage never reach the database.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = s.len() == 24
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        ok.then(|| Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ShipmentToken {
    // Tokens are secrets: logs show only their first characters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShipmentToken({}…)", self.0.get(..4).unwrap_or(""))
    }
}

impl fmt::Display for ShipmentToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_url_safe_unique_and_hidden_in_debug_output() {
        let a = ShipmentToken::generate();
        let b = ShipmentToken::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 24);
        assert_eq!(ShipmentToken::parse(a.as_str()), Some(a.clone()));
        assert!(!format!("{a:?}").contains(a.as_str()));
    }

    #[test]
    fn garbage_is_not_a_token() {
        assert_eq!(ShipmentToken::parse("../../etc/passwd"), None);
        assert_eq!(ShipmentToken::parse("short"), None);
        assert_eq!(ShipmentToken::parse("aaaaaaaaaaaaaaaaaaaaaaa="), None);
    }
}
