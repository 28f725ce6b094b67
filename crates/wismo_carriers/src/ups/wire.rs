//! UPS Track API v1 response bodies (`TrackApiResponse` and the error `Response`), read
//! leniently: every field optional, numbers accepted where strings are documented, single
//! objects accepted where lists are documented.

use serde::Deserialize;

use crate::common::lenient::{list, object, text};

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Body {
    #[serde(deserialize_with = "object")]
    pub track_response: Option<TrackResponse>,
    #[serde(deserialize_with = "object")]
    pub response: Option<ErrorResponse>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ErrorResponse {
    #[serde(deserialize_with = "list")]
    pub errors: Vec<CodeMessage>,
}

/// An error or a warning.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CodeMessage {
    #[serde(deserialize_with = "text")]
    pub code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub message: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TrackResponse {
    #[serde(deserialize_with = "list")]
    pub shipment: Vec<Shipment>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Shipment {
    #[serde(deserialize_with = "text")]
    pub inquiry_number: Option<String>,
    #[serde(deserialize_with = "list")]
    pub package: Vec<Package>,
    #[serde(deserialize_with = "list")]
    pub warnings: Vec<CodeMessage>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Package {
    #[serde(deserialize_with = "text")]
    pub tracking_number: Option<String>,
    #[serde(deserialize_with = "list")]
    pub activity: Vec<Activity>,
    #[serde(deserialize_with = "list")]
    pub delivery_date: Vec<DeliveryDate>,
    #[serde(deserialize_with = "object")]
    pub delivery_time: Option<DeliveryTime>,
    #[serde(deserialize_with = "object")]
    pub delivery_information: Option<DeliveryInformation>,
    #[serde(deserialize_with = "list")]
    pub package_address: Vec<PackageAddress>,
    #[serde(deserialize_with = "object")]
    pub service: Option<Service>,
    /// Set when the parcel goes to (or waits at) a UPS Access Point.
    #[serde(deserialize_with = "object")]
    pub access_point_information: Option<AccessPointInformation>,
    /// Money due on the parcel (duties and taxes, cash on delivery).
    #[serde(deserialize_with = "list")]
    pub payment_information: Vec<PaymentInformation>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct AccessPointInformation {
    /// `YYYYMMDD`: the last day the Access Point keeps the parcel.
    #[serde(deserialize_with = "text")]
    pub pickup_by_date: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PaymentInformation {
    /// Dollars and cents with a period (`243.5`).
    #[serde(deserialize_with = "text")]
    pub amount: Option<String>,
    #[serde(deserialize_with = "text")]
    pub currency: Option<String>,
    pub paid: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Activity {
    #[serde(deserialize_with = "text")]
    pub date: Option<String>,
    #[serde(deserialize_with = "text")]
    pub time: Option<String>,
    #[serde(deserialize_with = "text")]
    pub gmt_date: Option<String>,
    #[serde(deserialize_with = "text")]
    pub gmt_time: Option<String>,
    #[serde(deserialize_with = "text")]
    pub gmt_offset: Option<String>,
    #[serde(deserialize_with = "object")]
    pub location: Option<Location>,
    #[serde(deserialize_with = "object")]
    pub status: Option<Status>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Location {
    #[serde(deserialize_with = "object")]
    pub address: Option<Address>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Address {
    #[serde(deserialize_with = "text")]
    pub city: Option<String>,
    #[serde(deserialize_with = "text")]
    pub state_province: Option<String>,
    #[serde(deserialize_with = "text")]
    pub country_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub country: Option<String>,
}

impl Address {
    /// The ISO country code: `countryCode`, else `country` when it looks like one.
    pub fn country(&self) -> Option<&str> {
        self.country_code
            .as_deref()
            .or(self.country.as_deref().filter(|c| c.len() == 2))
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Status {
    /// The activity type: `D`, `I`, `M`, `MV`, `X`, …
    #[serde(rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    /// The movement, manifest, delivery or exception code (`AR`, `MP`, `F4`, `48`).
    #[serde(deserialize_with = "text")]
    pub code: Option<String>,
    /// The 3-digit status/description code (`005`).
    #[serde(deserialize_with = "text")]
    pub status_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "text")]
    pub simplified_text_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DeliveryDate {
    /// `SDD` scheduled, `RDD` rescheduled, `DEL` delivered.
    #[serde(rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "text")]
    pub date: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct DeliveryTime {
    /// `EOD`, `CMT`, `EDW`, `CDW`, `IDW` or `DEL`.
    #[serde(rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "text")]
    pub start_time: Option<String>,
    #[serde(deserialize_with = "text")]
    pub end_time: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct DeliveryInformation {
    #[serde(deserialize_with = "text")]
    pub location: Option<String>,
    #[serde(deserialize_with = "text")]
    pub received_by: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PackageAddress {
    /// `ORIGIN` or `DESTINATION`.
    #[serde(rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "object")]
    pub address: Option<Address>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Service {
    #[serde(deserialize_with = "text")]
    pub description: Option<String>,
}
