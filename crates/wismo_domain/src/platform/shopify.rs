//! Shopify's webhook bodies (REST-shaped JSON, `orders/*` and `fulfillments/*` topics) read
//! into wismo's raw input. The order number is Shopify's `name` (`#1001`), the external id
//! its order `id`; a fulfilment's `tracking_numbers` (else `tracking_number`) become parcels,
//! its `tracking_company` the carrier when wismo knows the name.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{
    Id, Parcel, PlatformFulfillment, PlatformOrder, email, first, full_name, item, locale, parcel,
    phone, placed, text,
};
use crate::{CustomerInput, DestinationInput, OrderInput, ParseError};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Order {
    id: Id,
    name: Option<String>,
    order_number: Id,
    email: Option<String>,
    contact_email: Option<String>,
    phone: Option<String>,
    customer_locale: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    cancelled_at: Option<String>,
    customer: Option<Customer>,
    shipping_address: Option<Address>,
    billing_address: Option<Address>,
    line_items: Option<Vec<LineItem>>,
    fulfillments: Option<Vec<Fulfillment>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Customer {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Address {
    name: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    city: Option<String>,
    province_code: Option<String>,
    province: Option<String>,
    zip: Option<String>,
    country_code: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LineItem {
    title: Option<String>,
    name: Option<String>,
    quantity: Option<i64>,
    sku: Option<String>,
    variant_title: Option<String>,
    /// Not in Shopify's REST payload; kept when an app or a trimmed payload adds it, as a
    /// URL or as `{"src": …}`.
    image: Option<serde_json::Value>,
    image_url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Fulfillment {
    id: Id,
    order_id: Id,
    status: Option<String>,
    tracking_company: Option<String>,
    tracking_number: Option<String>,
    tracking_numbers: Option<Vec<String>>,
    tracking_url: Option<String>,
    tracking_urls: Option<Vec<String>>,
    line_items: Option<Vec<LineItem>>,
}

fn read<'a, T: Deserialize<'a>>(body: &'a [u8], what: &str) -> Result<T, ParseError> {
    serde_json::from_slice(body).map_err(|e| ParseError::new(format!("not a Shopify {what}: {e}")))
}

fn time(value: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value?.trim())
        .ok()
        .map(|t| t.to_utc())
}

/// An `orders/create`, `orders/updated` or `orders/cancelled` body. Its `fulfillments`
/// (present on `orders/updated`) are read too, so an order fulfilled before wismo heard of
/// it arrives with its parcels.
pub fn order(body: &[u8], now: DateTime<Utc>) -> Result<PlatformOrder, ParseError> {
    let o: Order = read(body, "order")?;
    let external_id =
        o.id.0
            .ok_or_else(|| ParseError::new("a Shopify order without an `id`"))?;
    let order_number = text(o.name.as_deref(), 64)
        .or_else(|| o.order_number.0.map(|n| format!("#{n}")))
        .ok_or_else(|| ParseError::new("a Shopify order without a `name`"))?;
    let customer = o.customer.unwrap_or_default();
    let ship = o.shipping_address.unwrap_or_default();
    let bill = o.billing_address.unwrap_or_default();
    let input = OrderInput {
        order_number,
        external_id: Some(external_id.clone()),
        customer: CustomerInput {
            name: full_name(
                customer.first_name.as_deref(),
                customer.last_name.as_deref(),
            )
            .or_else(|| first(&[ship.name.as_deref(), bill.name.as_deref()]))
            .or_else(|| full_name(ship.first_name.as_deref(), ship.last_name.as_deref())),
            email: email(o.email.as_deref())
                .or_else(|| email(o.contact_email.as_deref()))
                .or_else(|| email(customer.email.as_deref())),
            phone: phone(&[
                o.phone.as_deref(),
                customer.phone.as_deref(),
                ship.phone.as_deref(),
                bill.phone.as_deref(),
            ]),
            locale: locale(o.customer_locale.as_deref()),
            ..CustomerInput::default()
        },
        destination: DestinationInput {
            city: text(ship.city.as_deref(), 100),
            region: text(ship.province_code.as_deref(), 100)
                .or_else(|| text(ship.province.as_deref(), 100)),
            postal_code: text(ship.zip.as_deref(), 20),
            country: ship
                .country_code
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
                let image = match &i.image {
                    Some(serde_json::Value::String(url)) => Some(url.as_str()),
                    Some(serde_json::Value::Object(o)) => o.get("src").and_then(|s| s.as_str()),
                    _ => None,
                };
                item(
                    i.title.as_deref().or(i.name.as_deref()),
                    i.quantity,
                    i.sku.as_deref(),
                    i.variant_title.as_deref(),
                    i.image_url.as_deref().or(image),
                )
            })
            .collect(),
        placed_at: placed(time(o.created_at.as_deref()), now),
        ..OrderInput::default()
    };
    let fulfillments = o
        .fulfillments
        .unwrap_or_default()
        .into_iter()
        .map(|f| read_fulfillment(f, Some(&external_id)))
        .collect::<Result<_, _>>()?;
    Ok(PlatformOrder {
        order: input,
        external_id,
        cancelled: o.cancelled_at.is_some_and(|c| !c.trim().is_empty()),
        updated_at: time(o.updated_at.as_deref()),
        fulfillments,
    })
}

/// A `fulfillments/create` or `fulfillments/update` body.
pub fn fulfillment(body: &[u8]) -> Result<PlatformFulfillment, ParseError> {
    read_fulfillment(read(body, "fulfillment")?, None)
}

fn read_fulfillment(
    f: Fulfillment,
    order: Option<&str>,
) -> Result<PlatformFulfillment, ParseError> {
    let id =
        f.id.0
            .ok_or_else(|| ParseError::new("a Shopify fulfillment without an `id`"))?;
    let order_external_id = f
        .order_id
        .0
        .or_else(|| order.map(str::to_owned))
        .ok_or_else(|| ParseError::new("a Shopify fulfillment without an `order_id`"))?;
    let numbers = match f.tracking_numbers {
        Some(numbers) if !numbers.is_empty() => numbers,
        _ => f.tracking_number.into_iter().collect(),
    };
    let urls = match f.tracking_urls {
        Some(urls) if !urls.is_empty() => urls,
        _ => f.tracking_url.into_iter().collect(),
    };
    // What the fulfilment holds, named as the order's items are (title, then name).
    let items: Vec<crate::ShipmentItem> = f
        .line_items
        .unwrap_or_default()
        .into_iter()
        .filter_map(|l| {
            let i = item(
                l.title.as_deref().or(l.name.as_deref()),
                l.quantity,
                l.sku.as_deref(),
                None,
                None,
            )?;
            Some(crate::ShipmentItem {
                sku: i.sku,
                name: Some(i.name),
                quantity: i.quantity,
            })
        })
        .take(crate::shipment::MAX_SHIPMENT_ITEMS)
        .collect();
    let mut parcels: Vec<Parcel> = numbers
        .iter()
        .enumerate()
        .filter_map(|(i, number)| {
            parcel(
                format!("{id}/{i}"),
                number,
                f.tracking_company.as_deref(),
                urls.get(i).map(String::as_str),
            )
        })
        .collect();
    if let Some(first) = parcels.first_mut() {
        first.items = items;
    }
    let status = f.status.as_deref().unwrap_or_default();
    Ok(PlatformFulfillment {
        order_external_id,
        cancelled: matches!(status, "cancelled" | "error" | "failure"),
        parcels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-06-10T12:00:00Z")
            .map(|t| t.to_utc())
            .unwrap_or_default()
    }

    /// The fulfilment in ../shared/data/webhooks (synthetic, in Shopify's documented shape).
    const FULFILLMENT: &str =
        include_str!("../../../../testdata/webhooks/shopify_fulfillments_create.json");

    #[test]
    fn a_fulfilment_becomes_a_ups_parcel_of_its_order() {
        let f = fulfillment(FULFILLMENT.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.order_external_id, "6012345678901");
        assert!(!f.cancelled);
        assert_eq!(f.parcels.len(), 1);
        let p = &f.parcels[0];
        assert_eq!(p.key, "5129427255330/0");
        assert_eq!(p.tracking_number.as_str(), "1Z5R89390357567127");
        assert_eq!(p.carrier.as_deref(), Some("ups"));
        // Its line items, named as the order's are.
        assert_eq!(
            p.items,
            vec![crate::ShipmentItem {
                sku: Some("TSHIRT-M".into()),
                name: Some("T-Shirt".into()),
                quantity: 1
            }]
        );
        assert!(
            p.url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://www.ups.com/"))
        );
    }

    #[test]
    fn an_order_maps_name_id_customer_destination_and_items() {
        let body = serde_json::json!({
            "id": 6012345678901_i64, "name": "#1001", "order_number": 1001,
            "email": "jane@example.com", "phone": null, "customer_locale": "en-CA",
            "created_at": "2025-06-09T09:00:00-04:00", "cancelled_at": null,
            "customer": { "first_name": "Jane", "last_name": "Doe", "phone": "+14045550123" },
            "shipping_address": { "name": "Jane Doe", "city": "Atlanta", "province_code": "GA",
                "zip": "30303", "country_code": "US", "phone": "404-555-0123" },
            "line_items": [
                { "title": "T-Shirt", "name": "T-Shirt - M", "quantity": 2, "sku": "TSHIRT-M",
                  "variant_title": "M", "image": { "src": "https://cdn.shopify.com/t.png" } },
                { "title": "Gift card", "quantity": 1, "sku": "", "variant_title": null }
            ],
            "fulfillments": [{ "id": 77, "order_id": 6012345678901_i64, "status": "success",
                "tracking_company": "FedEx", "tracking_numbers": ["449044304137821"] }]
        });
        let o = order(body.to_string().as_bytes(), now()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.order.order_number, "#1001");
        assert_eq!(o.external_id, "6012345678901");
        assert_eq!(o.order.external_id.as_deref(), Some("6012345678901"));
        assert_eq!(o.order.customer.name.as_deref(), Some("Jane Doe"));
        assert_eq!(o.order.customer.email.as_deref(), Some("jane@example.com"));
        assert_eq!(o.order.customer.phone.as_deref(), Some("+14045550123"));
        assert_eq!(o.order.customer.locale.as_deref(), Some("en-CA"));
        assert_eq!(o.order.destination.region.as_deref(), Some("GA"));
        assert_eq!(o.order.destination.country.as_deref(), Some("US"));
        assert_eq!(o.order.items.len(), 2);
        assert_eq!(o.order.items[0].name, "T-Shirt");
        assert_eq!(o.order.items[0].variant.as_deref(), Some("M"));
        assert_eq!(o.order.items[0].quantity, 2);
        assert_eq!(
            o.order.items[0].image_url.as_deref(),
            Some("https://cdn.shopify.com/t.png")
        );
        assert_eq!(o.order.items[1].sku, None);
        assert_eq!(
            o.order.placed_at.map(|t| t.to_rfc3339()),
            Some("2025-06-09T13:00:00+00:00".into())
        );
        assert!(!o.cancelled);
        assert_eq!(
            o.fulfillments[0].parcels[0].carrier.as_deref(),
            Some("fedex")
        );
        assert!(crate::NewOrder::parse(o.order, now()).is_ok());
    }

    #[test]
    fn a_cancelled_order_and_a_failed_fulfilment_are_read_as_such() {
        let body = br##"{"id":"9","name":"#9","cancelled_at":"2025-06-09T10:00:00Z",
            "fulfillments":[{"id":1,"status":"cancelled","tracking_number":"1Z5R89390357567127",
            "tracking_company":"Some Local Courier"}]}"##;
        let o = order(body, now()).unwrap_or_else(|e| panic!("{e}"));
        assert!(o.cancelled);
        assert!(o.fulfillments[0].cancelled);
        assert_eq!(o.fulfillments[0].parcels[0].carrier, None);
        assert_eq!(o.fulfillments[0].order_external_id, "9");
    }

    #[test]
    fn a_body_that_is_not_an_order_is_refused_with_a_reason() {
        assert!(order(b"[]", now()).is_err());
        assert!(order(br##"{"name":"#1"}"##, now()).is_err());
        assert!(fulfillment(br#"{"id":1}"#).is_err());
    }
}
