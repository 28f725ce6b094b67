//! FedEx Track API v1 response bodies (`POST /track/v1/trackingnumbers`), read leniently:
//! every field optional, numbers accepted where strings are documented, single objects
//! accepted where lists are documented. `output.alerts` (a string or a list) is ignored.

use serde::Deserialize;

use crate::common::lenient::{list, object, text, texts};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Body {
    #[serde(deserialize_with = "object")]
    pub output: Option<Output>,
    /// Request-level errors.
    #[serde(deserialize_with = "list")]
    pub errors: Vec<ApiError>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Output {
    #[serde(deserialize_with = "list")]
    pub complete_track_results: Vec<CompleteTrackResult>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct CompleteTrackResult {
    #[serde(deserialize_with = "text")]
    pub tracking_number: Option<String>,
    #[serde(deserialize_with = "list")]
    pub track_results: Vec<TrackResult>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct TrackResult {
    #[serde(deserialize_with = "object")]
    pub tracking_number_info: Option<TrackingNumberInfo>,
    #[serde(deserialize_with = "list")]
    pub scan_events: Vec<ScanEvent>,
    #[serde(deserialize_with = "list")]
    pub date_and_times: Vec<DateAndTime>,
    #[serde(deserialize_with = "object")]
    pub estimated_delivery_time_window: Option<TimeWindow>,
    #[serde(deserialize_with = "object")]
    pub standard_transit_time_window: Option<TimeWindow>,
    #[serde(deserialize_with = "object")]
    pub delivery_details: Option<DeliveryDetails>,
    #[serde(deserialize_with = "object")]
    pub service_detail: Option<ServiceDetail>,
    #[serde(deserialize_with = "object")]
    pub recipient_information: Option<Party>,
    #[serde(deserialize_with = "object")]
    pub destination_location: Option<LocationDetail>,
    #[serde(deserialize_with = "object")]
    pub last_updated_destination_address: Option<Address>,
    /// The FedEx location holding the parcel for pickup (track.json `holdAtLocation`).
    #[serde(deserialize_with = "object")]
    pub hold_at_location: Option<LocationDetail>,
    #[serde(deserialize_with = "object")]
    pub error: Option<ApiError>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct TrackingNumberInfo {
    #[serde(deserialize_with = "text")]
    pub tracking_number: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ApiError {
    #[serde(deserialize_with = "text")]
    pub code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub message: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct ScanEvent {
    #[serde(deserialize_with = "text")]
    pub date: Option<String>,
    #[serde(deserialize_with = "text")]
    pub event_type: Option<String>,
    #[serde(deserialize_with = "text")]
    pub event_description: Option<String>,
    #[serde(deserialize_with = "text")]
    pub exception_description: Option<String>,
    #[serde(deserialize_with = "object")]
    pub scan_location: Option<Address>,
    #[serde(deserialize_with = "text")]
    pub derived_status_code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Address {
    #[serde(deserialize_with = "texts")]
    pub street_lines: Vec<String>,
    #[serde(deserialize_with = "text")]
    pub city: Option<String>,
    #[serde(deserialize_with = "text")]
    pub state_or_province_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub postal_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub country_code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct DateAndTime {
    #[serde(rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "text")]
    pub date_time: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TimeWindow {
    #[serde(deserialize_with = "object")]
    pub window: Option<Window>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Window {
    #[serde(deserialize_with = "text")]
    pub begins: Option<String>,
    #[serde(deserialize_with = "text")]
    pub ends: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct DeliveryDetails {
    #[serde(deserialize_with = "text")]
    pub signed_by_name: Option<String>,
    #[serde(deserialize_with = "text")]
    pub received_by_name: Option<String>,
    #[serde(deserialize_with = "text")]
    pub location_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ServiceDetail {
    #[serde(deserialize_with = "text")]
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Party {
    #[serde(deserialize_with = "object")]
    pub contact: Option<Contact>,
    #[serde(deserialize_with = "object")]
    pub address: Option<Address>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Contact {
    #[serde(deserialize_with = "text")]
    pub company_name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct LocationDetail {
    #[serde(deserialize_with = "object")]
    pub location_contact_and_address: Option<Party>,
}
