//! Shipments: one parcel, one tracking number, one private link.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::fields::{Checks, FieldErrors};
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
    /// The last day of the first estimate the parcel had: what the customer was first
    /// told, kept when the estimate moves.
    pub first_estimate_until: Option<chrono::NaiveDate>,
    /// When the worker asks the carrier next; `None` once tracking has ended.
    pub next_poll_at: Option<DateTime<Utc>>,
    /// Failed polls in a row.
    pub poll_failures: u32,
    pub last_polled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Which of the order's items the parcel holds, when the store said so; empty means
    /// not said (the parcel holds the order, or an unknown part of it).
    #[serde(default)]
    pub items: Vec<ShipmentItem>,
    /// What the carrier told besides scans, newest word per fact.
    #[serde(default)]
    pub facts: crate::ParcelFacts,
    /// The customer's rating of the delivered parcel, from its page.
    #[serde(default)]
    pub rating: Option<DeliveryRating>,
}

/// "How was your delivery?", answered on the parcel's page: 1 (bad) to 5 (very good).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRating {
    pub score: u8,
    pub rated_at: DateTime<Utc>,
}

impl DeliveryRating {
    /// The scores a customer can give.
    pub const SCORES: std::ops::RangeInclusive<u8> = 1..=5;
}

/// Some of one of the order's lines, in a parcel: named by the line's SKU, else its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub quantity: u32,
}

impl ShipmentItem {
    /// Whether it is some of `line`: the same SKU when both have one, else the same name
    /// (ignoring case).
    pub fn is_of(&self, line: &crate::LineItem) -> bool {
        match (&self.sku, &line.sku) {
            (Some(a), Some(b)) => a == b,
            _ => self
                .name
                .as_deref()
                .is_some_and(|n| n.to_lowercase() == line.name.to_lowercase()),
        }
    }
}

/// A parcel's item as given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShipmentItemInput {
    pub sku: Option<String>,
    pub name: Option<String>,
    pub quantity: u32,
}

/// The most item lines one parcel may name.
pub const MAX_SHIPMENT_ITEMS: usize = crate::order::MAX_ITEMS;

/// Checks a parcel's items (`{prefix}items[i].…`): each names a SKU or a name, and a
/// quantity of 1 to 100,000.
pub(crate) fn parse_items(
    checks: &mut Checks,
    prefix: &str,
    input: &[ShipmentItemInput],
) -> Vec<ShipmentItem> {
    checks.count(&format!("{prefix}items"), input.len(), MAX_SHIPMENT_ITEMS);
    let mut items = Vec::with_capacity(input.len());
    for (i, item) in input.iter().enumerate() {
        let path = |field: &str| format!("{prefix}items[{i}].{field}");
        let sku = checks.line(|| path("sku"), item.sku.as_deref(), 100, false);
        let name = checks.line(|| path("name"), item.name.as_deref(), 300, false);
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        if blank(&item.sku) && blank(&item.name) {
            checks.fail(path("sku"), "name the item by its sku or its name");
        }
        if !(1..=100_000).contains(&item.quantity) {
            checks.fail(path("quantity"), "must be between 1 and 100000");
        }
        if sku.is_some() || name.is_some() {
            items.push(ShipmentItem {
                sku,
                name,
                quantity: item.quantity,
            });
        }
    }
    items
}

/// What a new shipment needs. The token is made by the caller so the store stays
/// free of randomness.
#[derive(Debug, Clone, PartialEq)]
pub struct NewShipment {
    pub tracking_number: TrackingNumber,
    pub carrier: Option<CarrierCode>,
    pub service: Option<String>,
    pub token: ShipmentToken,
    /// Which of the order's items it holds; empty when not said.
    pub items: Vec<ShipmentItem>,
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
            items: Vec::new(),
        }
    }

    /// The same parcel, holding `items`.
    pub fn with_items(self, items: Vec<ShipmentItem>) -> Self {
        Self { items, ..self }
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

/// The longest service name kept (`Ground`, `Priority Mail Express`, …).
const MAX_SERVICE_CHARS: usize = 64;

/// A new shipment as it arrives, before any rule is checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShipmentInput {
    pub tracking_number: String,
    pub carrier: Option<String>,
    pub service: Option<String>,
    /// Which of the order's items it holds, when the store knows.
    #[serde(default)]
    pub items: Vec<ShipmentItemInput>,
}

impl NewShipment {
    /// Checks a shipment added on its own (to an existing order), with a new private
    /// link's token. Blank service becomes `None`.
    pub fn parse(input: ShipmentInput) -> Result<NewShipment, FieldErrors> {
        let mut checks = Checks::default();
        let tracking_number = TrackingNumber::parse(&input.tracking_number);
        if let Err(e) = &tracking_number {
            checks.fail("tracking_number", e.to_string());
        }
        let carrier = checks.optional(
            || "carrier".into(),
            input.carrier.as_deref(),
            CarrierCode::parse,
        );
        let service = checks.line(
            || "service".into(),
            input.service.as_deref(),
            MAX_SERVICE_CHARS,
            false,
        );
        let items = parse_items(&mut checks, "", &input.items);
        checks.finish()?;
        let tracking_number =
            tracking_number.map_err(|e| FieldErrors::one("tracking_number", e))?;
        Ok(NewShipment::new(tracking_number, carrier, service).with_items(items))
    }
}

/// A change to a shipment as it arrives. `None` leaves a field as it is; `Some(None)`
/// clears the carrier or the service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShipmentPatchInput {
    pub tracking_number: Option<String>,
    pub carrier: Option<Option<String>>,
    pub service: Option<Option<String>>,
}

impl ShipmentPatch {
    /// Checks a change to a shipment. A blank service clears it.
    pub fn parse(input: ShipmentPatchInput) -> Result<ShipmentPatch, FieldErrors> {
        let mut checks = Checks::default();
        let tracking_number = checks.optional(
            || "tracking_number".into(),
            input.tracking_number.as_deref(),
            TrackingNumber::parse,
        );
        let carrier = input.carrier.map(|carrier| {
            checks.optional(|| "carrier".into(), carrier.as_deref(), CarrierCode::parse)
        });
        let service = input.service.map(|service| {
            checks.line(
                || "service".into(),
                service.as_deref(),
                MAX_SERVICE_CHARS,
                false,
            )
        });
        checks.finish()?;
        Ok(ShipmentPatch {
            tracking_number,
            carrier,
            service,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Parsed as _;

    fn input(tracking_number: &str) -> ShipmentInput {
        ShipmentInput {
            tracking_number: tracking_number.into(),
            ..ShipmentInput::default()
        }
    }

    #[test]
    fn a_new_shipment_is_normalized_and_blank_service_becomes_none() {
        let new = NewShipment::parse(ShipmentInput {
            carrier: Some("UPS".into()),
            service: Some("  ".into()),
            ..input("1z 999-aa1 0123456784")
        })
        .accepted();
        assert_eq!(new.tracking_number.as_str(), "1Z999AA10123456784");
        assert_eq!(new.carrier.map(String::from), Some("ups".into()));
        assert_eq!(new.service, None);
    }

    #[test]
    fn a_shipment_with_a_bad_number_and_a_long_service_names_both_fields() {
        let errors = NewShipment::parse(ShipmentInput {
            service: Some("x".repeat(65)),
            ..input("12!")
        })
        .refused();
        assert!(errors.names("tracking_number"), "{errors}");
        assert!(errors.names("service"), "{errors}");
        assert!(
            errors
                .to_string()
                .contains("service: must be at most 64 characters")
        );
    }

    #[test]
    fn a_patch_keeps_absent_fields_and_clears_null_ones() {
        let patch = ShipmentPatch::parse(ShipmentPatchInput {
            tracking_number: None,
            carrier: Some(None),
            service: Some(Some(" Ground ".into())),
        })
        .accepted();
        assert_eq!(patch.tracking_number, None);
        assert_eq!(patch.carrier, Some(None));
        assert_eq!(patch.service, Some(Some("Ground".into())));
        let blank = ShipmentPatch::parse(ShipmentPatchInput {
            service: Some(Some(" ".into())),
            ..ShipmentPatchInput::default()
        })
        .accepted();
        assert_eq!(blank.service, Some(None));
    }

    #[test]
    fn a_service_with_a_nul_is_refused_by_a_new_shipment_and_by_a_patch() {
        let errors = NewShipment::parse(ShipmentInput {
            service: Some("Gro\0und".into()),
            ..input("1Z999AA10123456784")
        })
        .refused();
        assert!(errors.names("service"), "{errors}");
        let errors = ShipmentPatch::parse(ShipmentPatchInput {
            service: Some(Some("\0".into())),
            ..ShipmentPatchInput::default()
        })
        .refused();
        assert!(errors.names("service"), "{errors}");
    }

    #[test]
    fn a_patch_with_a_bad_carrier_names_the_field() {
        let errors = ShipmentPatch::parse(ShipmentPatchInput {
            carrier: Some(Some("U P S!".into())),
            ..ShipmentPatchInput::default()
        })
        .refused();
        assert!(errors.names("carrier"), "{errors}");
    }
}
