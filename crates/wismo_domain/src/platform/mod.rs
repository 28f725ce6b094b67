//! Store platforms that send orders to wismo (Shopify, WooCommerce, a generic signed feed):
//! which ones there are, and their webhook bodies read into the domain's raw input.
//!
//! A platform's order becomes a [`PlatformOrder`]: an [`OrderInput`] (checked later by
//! [`crate::NewOrder::parse`], like the API's), whether it is cancelled, and its parcels. A
//! platform's fulfilment becomes a [`PlatformFulfillment`]. Values a platform allows but
//! wismo's rules refuse (a phone number not in international form, an `http://` picture, a
//! name too long) are dropped or shortened here rather than refusing the whole order: the
//! merchant cannot fix what their platform sends.

pub mod generic;
pub mod shopify;
pub mod woocommerce;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};

use crate::order::MAX_VARIANT_CHARS;
use crate::{Email, ItemInput, Locale, OrderInput, ParseError, Phone, TrackingNumber};

/// A platform that sends orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    Shopify,
    WooCommerce,
    /// wismo's own signed feed (Standard Webhooks), for every other platform.
    Generic,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Shopify, Platform::WooCommerce, Platform::Generic];

    /// The name in URLs, commands and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Shopify => "shopify",
            Platform::WooCommerce => "woocommerce",
            Platform::Generic => "generic",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(format!(
                    "unknown platform `{s}`: use shopify, woocommerce or generic"
                ))
            })
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How long the secret before a rotation is still accepted: Shopify takes up to an hour to
/// sign with a new one.
pub const ROTATION_OVERLAP: chrono::Duration = chrono::Duration::hours(1);

/// An order as a platform sent it, read into wismo's raw input.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformOrder {
    /// The order without shipments: they come in [`PlatformOrder::fulfillments`].
    pub order: OrderInput,
    /// The platform's id of the order (also `order.external_id`).
    pub external_id: String,
    pub cancelled: bool,
    /// The platform's time of this version of the order (Shopify's `updated_at`,
    /// WooCommerce's `date_modified_gmt`): a retry of an older version arriving after a newer
    /// one is ignored.
    pub updated_at: Option<DateTime<Utc>>,
    /// Its parcels, as far as the payload tells them.
    pub fulfillments: Vec<PlatformFulfillment>,
}

/// A fulfilment: some of an order's items leaving in parcels with tracking numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformFulfillment {
    /// The platform's id of the order it belongs to.
    pub order_external_id: String,
    /// Cancelled (or failed) fulfilments add no parcel.
    pub cancelled: bool,
    pub parcels: Vec<Parcel>,
}

/// One tracking number of a fulfilment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parcel {
    /// Stable across updates of the same parcel (`{fulfilment id}/{index}`): a later delivery
    /// with another number under the same key changes that shipment's number.
    pub key: String,
    pub tracking_number: TrackingNumber,
    /// wismo's carrier for the platform's carrier name; `None` leaves it to detection.
    pub carrier: Option<String>,
    /// The platform's tracking link, if any.
    pub url: Option<String>,
    /// Which of the order's items it holds, when the platform says (a Shopify
    /// fulfilment's line items go with its first parcel).
    pub items: Vec<crate::ShipmentItem>,
}

impl From<Platform> for crate::OrderSource {
    fn from(p: Platform) -> Self {
        match p {
            Platform::Shopify => crate::OrderSource::Shopify,
            Platform::WooCommerce => crate::OrderSource::WooCommerce,
            Platform::Generic => crate::OrderSource::Generic,
        }
    }
}

/// wismo's carrier slug for a carrier name a platform sends (`"UPS"`, `"FedEx"`,
/// `"DHL Express"`, `"USPS"`); any other name is left to detection by the number's format.
pub fn carrier_for(name: &str) -> Option<&'static str> {
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    const NAMES: &[(&str, &str)] = &[
        ("usps", "usps"),
        ("unitedstatespostal", "usps"),
        ("ups", "ups"),
        ("unitedparcel", "ups"),
        ("fedex", "fedex"),
        ("federalexpress", "fedex"),
        ("dhlexpress", "dhl"),
    ];
    NAMES
        .iter()
        .find(|(prefix, _)| key.starts_with(prefix))
        .map(|(_, slug)| *slug)
        .or_else(|| (key == "dhl").then_some("dhl"))
}

/// An id as platforms write it: a JSON number or a string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Id(pub Option<String>);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(Id(match value {
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            _ => None,
        }))
    }
}

/// Text kept only when not blank, shortened to `max` characters.
/// A parcel's items as a feed gave them, read leniently: lines without a SKU or a name are
/// dropped, quantities kept within 1 to 100,000.
pub(crate) fn parcel_items(items: &[crate::ShipmentItemInput]) -> Vec<crate::ShipmentItem> {
    items
        .iter()
        .filter_map(|i| {
            let sku = text(i.sku.as_deref(), 100);
            let name = text(i.name.as_deref(), 300);
            (sku.is_some() || name.is_some()).then(|| crate::ShipmentItem {
                sku,
                name,
                quantity: i.quantity.clamp(1, 100_000),
            })
        })
        .take(crate::shipment::MAX_SHIPMENT_ITEMS)
        .collect()
}

pub(crate) fn text(value: Option<&str>, max: usize) -> Option<String> {
    let value = value?.trim();
    (!value.is_empty()).then(|| value.chars().take(max).collect())
}

/// The first of `values` that is not blank.
pub(crate) fn first(values: &[Option<&str>]) -> Option<String> {
    values.iter().find_map(|v| text(*v, 1000))
}

/// "First Last" from the parts given.
pub(crate) fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let name = [first, last]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    text(Some(&name), 200)
}

/// An email kept only if wismo can use it.
pub(crate) fn email(value: Option<&str>) -> Option<String> {
    value.and_then(|v| Email::parse(v).ok()).map(String::from)
}

/// A phone number kept only in international form.
pub(crate) fn phone(values: &[Option<&str>]) -> Option<String> {
    values
        .iter()
        .flatten()
        .find_map(|v| Phone::parse(v).ok())
        .map(String::from)
}

/// A locale kept only if it is a language tag.
pub(crate) fn locale(value: Option<&str>) -> Option<String> {
    value.and_then(|v| Locale::parse(v).ok()).map(String::from)
}

/// A picture kept only as an `https://` URL without spaces.
pub(crate) fn https_url(value: Option<&str>) -> Option<String> {
    let value = value?.trim();
    let ok = value.starts_with("https://")
        && value.len() <= 500
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\');
    ok.then(|| value.to_owned())
}

/// A line item, its name shortened and its quantity kept in wismo's range; `None` without a
/// name.
pub(crate) fn item(
    name: Option<&str>,
    quantity: Option<i64>,
    sku: Option<&str>,
    variant: Option<&str>,
    image_url: Option<&str>,
) -> Option<ItemInput> {
    Some(ItemInput {
        name: text(name, 300)?,
        quantity: u32::try_from(quantity.unwrap_or(1).clamp(1, 100_000)).unwrap_or(1),
        sku: text(sku, 100),
        variant: text(variant, MAX_VARIANT_CHARS),
        image_url: https_url(image_url),
    })
}

/// A time a platform wrote, kept when it is within wismo's range for a placed order (at
/// most a day ahead of `now`, at most ten years before).
pub(crate) fn placed(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    at.filter(|t| {
        (now - chrono::Duration::days(3650)..=now + chrono::Duration::days(1)).contains(t)
    })
}

/// A parcel of a tracking number, if it is one wismo can follow.
pub(crate) fn parcel(
    key: String,
    number: &str,
    company: Option<&str>,
    url: Option<&str>,
) -> Option<Parcel> {
    Some(Parcel {
        key,
        tracking_number: TrackingNumber::parse(number).ok()?,
        carrier: company.and_then(carrier_for).map(str::to_owned),
        url: https_url(url),
        items: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_carrier_names_map_to_wismo_carriers_and_others_to_detection() {
        assert_eq!(carrier_for("UPS"), Some("ups"));
        assert_eq!(carrier_for("FedEx"), Some("fedex"));
        assert_eq!(carrier_for("USPS"), Some("usps"));
        assert_eq!(carrier_for("DHL Express"), Some("dhl"));
        assert_eq!(carrier_for("DHL eCommerce"), None);
        assert_eq!(carrier_for("Royal Mail"), None);
        assert_eq!(carrier_for(""), None);
    }

    #[test]
    fn platforms_parse_by_their_url_names() {
        for p in Platform::ALL {
            assert_eq!(Platform::parse(p.as_str()).ok(), Some(p));
        }
        assert!(Platform::parse("magento").is_err());
    }

    #[test]
    fn values_wismo_cannot_use_are_dropped_not_refused() {
        assert_eq!(
            phone(&[Some("555-0100"), Some("+1 415 555 0100")]).as_deref(),
            Some("+14155550100")
        );
        assert_eq!(email(Some("nope")), None);
        assert_eq!(https_url(Some("http://cdn.example/x.png")), None);
        let long = item(Some(&"x".repeat(400)), Some(0), None, None, None).unwrap_or_default();
        assert_eq!((long.name.chars().count(), long.quantity), (300, 1));
    }
}
