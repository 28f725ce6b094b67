//! WooCommerce's webhook bodies (`order.created`, `order.updated`: the REST API's order
//! representation) read into wismo's raw input. The order number is WooCommerce's `number`,
//! the external id its `id`; status `cancelled` cancels.
//!
//! WooCommerce keeps no tracking numbers itself; shipment-tracking plugins keep them in the
//! order's `meta_data`, which the payload carries. Read, in this order:
//! - `_wc_shipment_tracking_items`: a list of `{tracking_number, tracking_provider,
//!   custom_tracking_provider, custom_tracking_link, tracking_id, date_shipped}`, written by
//!   WooCommerce Shipment Tracking (the official extension) and by Advanced Shipment
//!   Tracking (zorem), which uses the same key;
//! - the single keys `_tracking_number`, `_tracking_provider` and `_custom_tracking_link`
//!   of older plugins.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::{
    Id, Parcel, PlatformFulfillment, PlatformOrder, email, full_name, item, parcel, phone, placed,
    text,
};
use crate::{CustomerInput, DestinationInput, OrderInput, ParseError};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Order {
    id: Id,
    number: Id,
    status: Option<String>,
    date_created_gmt: Option<String>,
    date_modified_gmt: Option<String>,
    billing: Option<Address>,
    shipping: Option<Address>,
    line_items: Option<Vec<LineItem>>,
    meta_data: Option<Vec<Meta>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Address {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    city: Option<String>,
    state: Option<String>,
    postcode: Option<String>,
    country: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LineItem {
    name: Option<String>,
    quantity: Option<i64>,
    sku: Option<String>,
    meta_data: Option<Vec<Meta>>,
    image: Option<Image>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Image {
    src: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Meta {
    key: Option<String>,
    value: Value,
    display_value: Option<Value>,
}

/// One entry of `_wc_shipment_tracking_items`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Tracking {
    tracking_number: Option<String>,
    tracking_provider: Option<String>,
    custom_tracking_provider: Option<String>,
    custom_tracking_link: Option<String>,
    tracking_id: Option<String>,
}

/// An `order.created` or `order.updated` body.
pub fn order(body: &[u8], now: DateTime<Utc>) -> Result<PlatformOrder, ParseError> {
    let o: Order = serde_json::from_slice(body)
        .map_err(|e| ParseError::new(format!("not a WooCommerce order: {e}")))?;
    let external_id =
        o.id.0
            .ok_or_else(|| ParseError::new("a WooCommerce order without an `id`"))?;
    let bill = o.billing.unwrap_or_default();
    let ship = o.shipping.unwrap_or_default();
    // The shipping address when it has a place, else the billing one (digital goods,
    // stores that ship to the billing address).
    let place = if ship.city.as_deref().is_some_and(|c| !c.trim().is_empty())
        || ship
            .postcode
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
    {
        &ship
    } else {
        &bill
    };
    let meta = o.meta_data.unwrap_or_default();
    let input = OrderInput {
        order_number: o.number.0.unwrap_or_else(|| external_id.clone()),
        external_id: Some(external_id.clone()),
        customer: CustomerInput {
            name: full_name(bill.first_name.as_deref(), bill.last_name.as_deref())
                .or_else(|| full_name(ship.first_name.as_deref(), ship.last_name.as_deref())),
            email: email(bill.email.as_deref()),
            phone: phone(&[bill.phone.as_deref(), ship.phone.as_deref()]),
            ..CustomerInput::default()
        },
        destination: DestinationInput {
            city: text(place.city.as_deref(), 100),
            region: text(place.state.as_deref(), 100),
            postal_code: text(place.postcode.as_deref(), 20),
            country: place
                .country
                .as_deref()
                .map(str::trim)
                .filter(|c| c.len() == 2)
                .map(str::to_owned),
        },
        items: o
            .line_items
            .unwrap_or_default()
            .iter()
            .take(crate::order::MAX_ITEMS)
            .filter_map(|i| {
                item(
                    i.name.as_deref(),
                    i.quantity,
                    i.sku.as_deref(),
                    variant(i.meta_data.as_deref().unwrap_or_default()).as_deref(),
                    i.image.as_ref().and_then(|img| img.src.as_deref()),
                )
            })
            .collect(),
        placed_at: placed(gmt(o.date_created_gmt.as_deref()), now),
        ..OrderInput::default()
    };
    let parcels = parcels(&meta);
    let fulfillments = if parcels.is_empty() {
        Vec::new()
    } else {
        vec![PlatformFulfillment {
            order_external_id: external_id.clone(),
            cancelled: false,
            parcels,
        }]
    };
    Ok(PlatformOrder {
        order: input,
        external_id,
        cancelled: o.status.as_deref() == Some("cancelled"),
        updated_at: gmt(o.date_modified_gmt.as_deref()),
        fulfillments,
    })
}

/// A `…_gmt` time as WooCommerce writes it (`2026-03-01T15:00:00`, UTC).
fn gmt(value: Option<&str>) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(value?.trim(), "%Y-%m-%dT%H:%M:%S")
        .ok()
        .map(|t| t.and_utc())
}

/// A variation's attributes (`Size: M`, shown as `M`), the item meta that is not private
/// (`_`-prefixed), joined with ` / `.
fn variant(meta: &[Meta]) -> Option<String> {
    let parts: Vec<String> = meta
        .iter()
        .filter(|m| m.key.as_deref().is_some_and(|k| !k.starts_with('_')))
        .filter_map(|m| match m.display_value.as_ref().unwrap_or(&m.value) {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" / "))
}

fn meta_value<'a>(meta: &'a [Meta], key: &str) -> Option<&'a Value> {
    meta.iter()
        .find(|m| m.key.as_deref() == Some(key))
        .map(|m| &m.value)
}

fn meta_text<'a>(meta: &'a [Meta], key: &str) -> Option<&'a str> {
    meta_value(meta, key).and_then(Value::as_str)
}

/// The tracking numbers the shipment-tracking plugins keep in the order's meta.
fn parcels(meta: &[Meta]) -> Vec<Parcel> {
    if let Some(value) = meta_value(meta, "_wc_shipment_tracking_items") {
        // Usually a list; some stores' payloads carry it as a JSON string.
        let list = match value {
            Value::String(s) => serde_json::from_str(s).unwrap_or_default(),
            other => other.clone(),
        };
        let items: Vec<Tracking> = serde_json::from_value(list).unwrap_or_default();
        let found: Vec<Parcel> = items
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let key = t
                    .tracking_id
                    .as_deref()
                    .filter(|id| !id.trim().is_empty())
                    .map_or_else(|| format!("wc:{i}"), |id| format!("wc:{id}"));
                let provider = t
                    .tracking_provider
                    .as_deref()
                    .filter(|p| !p.trim().is_empty())
                    .or(t.custom_tracking_provider.as_deref());
                parcel(
                    key,
                    t.tracking_number.as_deref()?,
                    provider,
                    t.custom_tracking_link.as_deref(),
                )
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    meta_text(meta, "_tracking_number")
        .and_then(|number| {
            parcel(
                "wc:single".into(),
                number,
                meta_text(meta, "_tracking_provider"),
                meta_text(meta, "_custom_tracking_link"),
            )
        })
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-03T12:00:00Z")
            .map(|t| t.to_utc())
            .unwrap_or_default()
    }

    fn body(status: &str, meta: Value) -> Vec<u8> {
        serde_json::json!({
            "id": 727, "parent_id": 0, "number": "727", "status": status, "currency": "USD",
            "date_created": "2026-03-01T10:00:00", "date_created_gmt": "2026-03-01T15:00:00",
            "billing": { "first_name": "John", "last_name": "Doe", "email": "john.doe@example.com",
                "phone": "+1 (555) 555-0101", "city": "San Francisco", "state": "CA",
                "postcode": "94103", "country": "US" },
            "shipping": { "first_name": "John", "last_name": "Doe", "address_1": "969 Market",
                "city": "Portland", "state": "OR", "postcode": "97201", "country": "US", "phone": "" },
            "line_items": [
                { "id": 315, "name": "Hoodie", "quantity": 1, "sku": "HD-1", "variation_id": 12,
                  "meta_data": [
                    { "id": 1, "key": "pa_size", "value": "m", "display_key": "Size", "display_value": "M" },
                    { "id": 2, "key": "_reduced_stock", "value": "1" }
                  ],
                  "image": { "id": "9", "src": "https://shop.example/hoodie.jpg" } }
            ],
            "meta_data": meta,
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn an_order_maps_number_customer_shipping_place_and_items() {
        let o = order(&body("processing", serde_json::json!([])), now())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.order.order_number, "727");
        assert_eq!(o.external_id, "727");
        assert_eq!(o.order.customer.name.as_deref(), Some("John Doe"));
        assert_eq!(o.order.customer.phone.as_deref(), Some("+15555550101"));
        assert_eq!(o.order.destination.city.as_deref(), Some("Portland"));
        assert_eq!(o.order.destination.postal_code.as_deref(), Some("97201"));
        let item = &o.order.items[0];
        assert_eq!(item.variant.as_deref(), Some("M"));
        assert_eq!(
            item.image_url.as_deref(),
            Some("https://shop.example/hoodie.jpg")
        );
        assert_eq!(
            o.order.placed_at.map(|t| t.to_rfc3339()),
            Some("2026-03-01T15:00:00+00:00".into())
        );
        assert!(!o.cancelled);
        assert!(o.fulfillments.is_empty());
        assert!(crate::NewOrder::parse(o.order, now()).is_ok());
    }

    #[test]
    fn shipment_tracking_items_become_parcels_keyed_by_their_tracking_id() {
        let meta = serde_json::json!([{ "id": 5, "key": "_wc_shipment_tracking_items", "value": [
            { "tracking_provider": "ups", "custom_tracking_provider": "", "custom_tracking_link": "",
              "tracking_number": "1Z5R89390357567127", "date_shipped": "1740787200", "tracking_id": "a1b2" },
            { "tracking_provider": "", "custom_tracking_provider": "Local Courier",
              "custom_tracking_link": "https://courier.example/t/LC123456", "tracking_number": "LC123456",
              "date_shipped": "2026-03-02", "tracking_id": "c3d4" }
        ]}]);
        let o = order(&body("completed", meta), now()).unwrap_or_else(|e| panic!("{e}"));
        let parcels = &o.fulfillments[0].parcels;
        assert_eq!(parcels.len(), 2);
        assert_eq!(parcels[0].key, "wc:a1b2");
        assert_eq!(parcels[0].carrier.as_deref(), Some("ups"));
        assert_eq!(parcels[1].tracking_number.as_str(), "LC123456");
        assert_eq!(parcels[1].carrier, None);
        assert_eq!(
            parcels[1].url.as_deref(),
            Some("https://courier.example/t/LC123456")
        );
    }

    #[test]
    fn older_single_tracking_keys_are_read_and_cancelled_status_cancels() {
        let meta = serde_json::json!([
            { "id": 1, "key": "_tracking_number", "value": "9400111899223197428490" },
            { "id": 2, "key": "_tracking_provider", "value": "USPS" }
        ]);
        let o = order(&body("cancelled", meta), now()).unwrap_or_else(|e| panic!("{e}"));
        assert!(o.cancelled);
        let p = &o.fulfillments[0].parcels[0];
        assert_eq!(
            (p.key.as_str(), p.carrier.as_deref()),
            ("wc:single", Some("usps"))
        );
    }
}
