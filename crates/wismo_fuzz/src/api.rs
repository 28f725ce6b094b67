//! The API's request bodies as JSON of the domain's input types, checked by the domain's
//! parse functions.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use wismo_domain::{
    Branding, BrandingInput, EventWindow, FieldErrors, Hosts, ManualEventInput, NewEvent, NewOrder,
    NewShipment, OrderInput, ShipmentInput, ShipmentPatch, ShipmentPatchInput,
};

/// `POST /api/v1/orders`.
pub fn api_order(data: &[u8]) {
    parse::<OrderInput, _>(data, |input| NewOrder::parse(input, now()));
}

/// `POST /api/v1/orders/{id}/shipments`.
pub fn api_shipment(data: &[u8]) {
    parse::<ShipmentInput, _>(data, NewShipment::parse);
}

/// `PATCH /api/v1/shipments/{id}`.
pub fn api_shipment_patch(data: &[u8]) {
    parse::<ShipmentPatchInput, _>(data, ShipmentPatch::parse);
}

/// `POST /api/v1/shipments/{id}/events`, a scan entered by hand.
pub fn api_event(data: &[u8]) {
    parse::<ManualEventInput, _>(data, |input| {
        // An order created a month before the fuzzer's now.
        let window = EventWindow::new(now() - chrono::Duration::days(30), now());
        NewEvent::parse_manual(input, window, now())
    });
}

/// `PUT /api/v1/store/branding`.
pub fn api_branding(data: &[u8]) {
    parse::<BrandingInput, _>(data, Branding::parse);
}

/// `PUT /api/v1/store/hosts`.
pub fn api_hosts(data: &[u8]) {
    parse::<HostsBody, _>(data, |body| {
        Hosts::parse(&body.domains, &body.widget_origins)
    });
}

/// The hosts body: both lists, each optional.
#[derive(Default, Deserialize)]
#[serde(default)]
struct HostsBody {
    domains: Vec<String>,
    widget_origins: Vec<String>,
}

/// `data` as JSON of `I`, checked by `check`; a refusal's message is rendered as the API
/// would.
fn parse<I: DeserializeOwned, T>(data: &[u8], check: impl FnOnce(I) -> Result<T, FieldErrors>) {
    let Ok(input) = serde_json::from_slice::<I>(data) else {
        return;
    };
    if let Err(errors) = check(input) {
        let _ = errors.to_string();
    }
}

/// The fixed "now" that manual scans are checked against.
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_772_366_400, 0).unwrap_or_default()
}
