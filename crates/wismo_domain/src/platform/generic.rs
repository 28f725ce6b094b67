//! wismo's own order feed, for platforms without a format of their own: events signed per
//! Standard Webhooks, each `{"type": …, "timestamp": …, "data": {…}}` with `data` in the
//! REST API's shapes.
//!
//! - `order.created`, `order.updated`: `data` is an order as `POST /api/v1/orders` takes it
//!   (`order_number`, `external_id`, `customer`, `destination`, `items`, `placed_at`,
//!   `promised_date`, `shipments`). The order is known by `external_id`, or by its order
//!   number when it has none.
//! - `order.cancelled`: `data` names the order (`external_id`, else `order_number`).
//! - `fulfillment.created`, `fulfillment.updated`: `data` is a shipment as `POST
//!   /api/v1/orders/{id}/shipments` takes it (`tracking_number`, `carrier`, `service`) with
//!   the fulfilment's own `id`, the order's `order_external_id` (or `order_number`), and
//!   `status` (`cancelled` adds nothing). A later event with the same `id` and another
//!   number changes that shipment's number.
//!
//! Unlike Shopify's and WooCommerce's, these bodies are the merchant's own: values wismo's
//! rules refuse are not dropped but make the delivery fail, naming the field.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::{Id, Parcel, PlatformFulfillment, PlatformOrder};
use crate::{
    CustomerInput, DestinationInput, ItemInput, OrderInput, ParseError, ShipmentInput,
    TrackingNumber,
};

/// What a generic event asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Order(Box<PlatformOrder>),
    /// Cancel the order with this external id (or order number).
    Cancel(String),
    Fulfillment(PlatformFulfillment),
    /// A type wismo does not read.
    Other(String),
}

#[derive(Debug, Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    data: serde_json::Value,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Order {
    order_number: Option<String>,
    external_id: Id,
    customer: CustomerInput,
    destination: DestinationInput,
    items: Vec<Item>,
    placed_at: Option<DateTime<Utc>>,
    promised_date: Option<NaiveDate>,
    shipments: Vec<ShipmentInput>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Item {
    name: String,
    quantity: Option<u32>,
    sku: Option<String>,
    variant: Option<String>,
    image_url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Fulfillment {
    id: Id,
    order_external_id: Id,
    order_number: Option<String>,
    tracking_number: Option<String>,
    carrier: Option<String>,
    status: Option<String>,
    /// Which of the order's items the parcel holds (`{sku?, name?, quantity}`).
    items: Vec<crate::ShipmentItemInput>,
}

/// The event's type, read without the rest (for the delivery log).
pub fn event_type(body: &[u8]) -> Result<String, ParseError> {
    serde_json::from_slice::<Envelope>(body)
        .map(|e| e.kind)
        .map_err(|e| ParseError::new(format!("not a wismo event (`type` and `data`): {e}")))
}

fn data<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    kind: &str,
) -> Result<T, ParseError> {
    serde_json::from_value(value).map_err(|e| ParseError::new(format!("`data` of {kind}: {e}")))
}

/// Reads an event.
pub fn event(body: &[u8]) -> Result<Event, ParseError> {
    let envelope: Envelope = serde_json::from_slice(body)
        .map_err(|e| ParseError::new(format!("not a wismo event (`type` and `data`): {e}")))?;
    let kind = envelope.kind.as_str();
    match kind {
        "order.created" | "order.updated" => {
            let o: Order = data(envelope.data, kind)?;
            let order_number = o
                .order_number
                .ok_or_else(|| ParseError::new("`data.order_number` is required"))?;
            let external_id = o
                .external_id
                .0
                .clone()
                .unwrap_or_else(|| order_number.clone());
            let parcels = o
                .shipments
                .iter()
                .filter_map(|s| {
                    let number = TrackingNumber::parse(&s.tracking_number).ok()?;
                    Some(Parcel {
                        key: format!("number:{number}"),
                        tracking_number: number,
                        carrier: s.carrier.clone(),
                        url: None,
                        items: super::parcel_items(&s.items),
                    })
                })
                .collect::<Vec<_>>();
            let input = OrderInput {
                order_number,
                external_id: Some(external_id.clone()),
                customer: o.customer,
                destination: o.destination,
                items: o
                    .items
                    .into_iter()
                    .map(|i| ItemInput {
                        name: i.name,
                        quantity: i.quantity.unwrap_or(1),
                        sku: i.sku,
                        variant: i.variant,
                        image_url: i.image_url,
                    })
                    .collect(),
                placed_at: o.placed_at,
                promised_date: o.promised_date,
                // Parcels are added through the fulfilment path, so they are remembered.
                shipments: Vec::new(),
            };
            let fulfillments = if parcels.is_empty() {
                Vec::new()
            } else {
                vec![PlatformFulfillment {
                    order_external_id: external_id.clone(),
                    cancelled: false,
                    parcels,
                }]
            };
            Ok(Event::Order(Box::new(PlatformOrder {
                order: input,
                external_id,
                cancelled: false,
                updated_at: None,
                fulfillments,
            })))
        }
        "order.cancelled" => {
            let o: Order = data(envelope.data, kind)?;
            o.external_id
                .0
                .or(o.order_number)
                .map(Event::Cancel)
                .ok_or_else(|| {
                    ParseError::new("`data.external_id` or `data.order_number` is required")
                })
        }
        "fulfillment.created" | "fulfillment.updated" => {
            let f: Fulfillment = data(envelope.data, kind)?;
            let id =
                f.id.0
                    .ok_or_else(|| ParseError::new("`data.id` is required"))?;
            let order = f.order_external_id.0.or(f.order_number).ok_or_else(|| {
                ParseError::new("`data.order_external_id` or `data.order_number` is required")
            })?;
            let number = f
                .tracking_number
                .ok_or_else(|| ParseError::new("`data.tracking_number` is required"))?;
            let tracking_number = TrackingNumber::parse(&number)
                .map_err(|e| ParseError::new(format!("`data.tracking_number`: {e}")))?;
            Ok(Event::Fulfillment(PlatformFulfillment {
                order_external_id: order,
                cancelled: f.status.as_deref() == Some("cancelled"),
                parcels: vec![Parcel {
                    key: id,
                    tracking_number,
                    carrier: f.carrier,
                    url: None,
                    items: super::parcel_items(&f.items),
                }],
            }))
        }
        other => Ok(Event::Other(other.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_event_reads_the_rest_shape_and_its_shipments_become_parcels() {
        let body = br#"{"type":"order.created","timestamp":"2026-03-01T10:00:00Z","data":{
            "order_number":"OS-1001","external_id":"88","customer":{"name":"Ana","email":"ana@example.com"},
            "destination":{"country":"BR"},"items":[{"name":"Mug","quantity":2,"variant":"Blue"}],
            "shipments":[{"tracking_number":"1Z5R89390357567127","carrier":"ups"}]}}"#;
        let Ok(Event::Order(o)) = event(body) else {
            panic!("not an order");
        };
        assert_eq!(o.external_id, "88");
        assert_eq!(o.order.items[0].variant.as_deref(), Some("Blue"));
        assert_eq!(
            o.fulfillments[0].parcels[0].key,
            "number:1Z5R89390357567127"
        );
        assert!(o.order.shipments.is_empty());
    }

    #[test]
    fn cancel_and_fulfilment_events_name_their_order() {
        let cancel = br#"{"type":"order.cancelled","data":{"order_number":"OS-1001"}}"#;
        assert_eq!(event(cancel).ok(), Some(Event::Cancel("OS-1001".into())));
        let f = br#"{"type":"fulfillment.updated","data":{"id":"F1","order_external_id":88,
            "tracking_number":"9400 1118 9922 3197 4284 90","carrier":"usps"}}"#;
        let Ok(Event::Fulfillment(f)) = event(f) else {
            panic!("not a fulfilment");
        };
        assert_eq!(f.order_external_id, "88");
        assert_eq!(f.parcels[0].key, "F1");
        assert_eq!(
            f.parcels[0].tracking_number.as_str(),
            "9400111899223197428490"
        );
        assert!(event(br#"{"type":"fulfillment.created","data":{"id":"F1"}}"#).is_err());
        assert_eq!(
            event(br#"{"type":"ping","data":{}}"#).ok(),
            Some(Event::Other("ping".into()))
        );
    }
}
