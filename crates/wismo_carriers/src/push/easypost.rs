//! EasyPost tracker webhooks: `tracker.created` / `tracker.updated` events whose `result` is a
//! Tracker.
//!
//! Signature: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, the HMAC-SHA256 of the raw body keyed
//! with the UTF-8 of the NFKD-normalized webhook secret (what EasyPost's SDKs check). The
//! `X-Hmac-Signature-V2` timestamped scheme is not accepted: no official SDK or vector confirms
//! its format.
//!
//! Events: `tracking_details[]` with `RawEvent.code` = `status/status_detail`
//! (`in_transit/arrived_at_facility`), stage from `status`, refined by `status_detail`.
//!
//! Facts: `signed_by` as who signed; the `tracking_location` (`city`, `state`, `zip`,
//! `country`) of the newest `available_for_pickup` detail as the pickup point; after a
//! failed attempt (`failure`, or `delivery_exception`) the estimated day
//! (`carrier_detail.est_delivery_date_local`, else `est_delivery_date`) as the next attempt.
//! A Tracker names no amount due, hold-until day or pickup hours.

use super::signature::{
    from_hex, header, hmac_sha256, hmac_sha256_matches, require_secret, to_hex,
};
use super::{
    SignatureError, from_json, from_value, location, non_blank, oldest_first, parse_date,
    parse_time,
};
use crate::{CarrierError, DeliveryDetails, EstimatedDelivery, RawEvent, Tracking, UnknownCodes};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use wismo_domain::{ParcelFacts, PickupPoint, Stage, Substatus};

/// The signature header, lower-case.
pub const SIGNATURE_HEADER: &str = "x-hmac-signature";
const PREFIX: &str = "hmac-sha256-hex=";
const EXPECTED: &str = "`hmac-sha256-hex=` and 64 hex digits";
const PROVIDER: &str = "easypost";

/// The `X-Hmac-Signature` value EasyPost sends with `body`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    format!(
        "{PREFIX}{}",
        to_hex(&hmac_sha256(key(secret).as_bytes(), body))
    )
}

/// Checks `X-Hmac-Signature` against the raw `body`, in constant time.
pub fn verify<V: AsRef<str>>(
    secret: &str,
    headers: impl Fn(&str) -> Option<V>,
    body: &[u8],
) -> Result<(), SignatureError> {
    require_secret(secret)?;
    let value = header(&headers, SIGNATURE_HEADER)?;
    let malformed = SignatureError::MalformedHeader {
        header: SIGNATURE_HEADER,
        expected: EXPECTED,
    };
    let hex = value
        .get(..PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(PREFIX))
        .and_then(|_| value.get(PREFIX.len()..))
        .ok_or(malformed.clone())?;
    let tag = from_hex(hex).filter(|t| t.len() == 32).ok_or(malformed)?;
    if hmac_sha256_matches(key(secret).as_bytes(), body, &tag) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// EasyPost keys the HMAC with the NFKD form of the secret ("sécret" ≠ "se\u{301}cret" otherwise).
fn key(secret: &str) -> String {
    secret.nfkd().collect()
}

/// The tracker in a `tracker.created`/`tracker.updated` event; no trackings for other events.
pub fn parse(body: &[u8]) -> Result<Vec<Tracking>, CarrierError> {
    let event: Event = from_json(PROVIDER, body)?;
    if !matches!(
        event.description.as_str(),
        "tracker.updated" | "tracker.created"
    ) {
        return Ok(vec![]);
    }
    let result = event.result.ok_or_else(|| {
        CarrierError::Malformed("easypost webhook: event without a result".into())
    })?;
    let tracker: Tracker = from_value(PROVIDER, result)?;
    Ok(vec![tracking(tracker)])
}

#[derive(Deserialize)]
struct Event {
    description: String,
    result: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Tracker {
    tracking_code: String,
    carrier: Option<String>,
    signed_by: Option<String>,
    est_delivery_date: Option<String>,
    tracking_details: Option<Vec<Detail>>,
    carrier_detail: Option<CarrierDetail>,
}

#[derive(Deserialize)]
struct CarrierDetail {
    service: Option<String>,
    est_delivery_date_local: Option<String>,
}

#[derive(Deserialize)]
struct Detail {
    message: Option<String>,
    description: Option<String>,
    status: Option<String>,
    status_detail: Option<String>,
    datetime: Option<String>,
    tracking_location: Option<Place>,
}

#[derive(Deserialize)]
struct Place {
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    /// A string in EasyPost's documents; a number is taken too.
    zip: Option<serde_json::Value>,
}

impl Place {
    /// "ORLANDO, FL 32809, US": the parts given, for a pickup point.
    fn address(&self) -> Option<String> {
        let zip = match &self.zip {
            Some(serde_json::Value::String(z)) => Some(z.trim().to_owned()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let state_zip =
            location([self.state.as_deref(), zip.as_deref(), None]).map(|s| s.replace(", ", " "));
        location([
            self.city.as_deref(),
            state_zip.as_deref(),
            self.country.as_deref(),
        ])
    }
}

fn tracking(tracker: Tracker) -> Tracking {
    let detail = tracker.carrier_detail;
    let edd = detail
        .as_ref()
        .and_then(|d| d.est_delivery_date_local.as_deref())
        .or(tracker.est_delivery_date.as_deref())
        .and_then(parse_date)
        .map(|date| EstimatedDelivery {
            date,
            from: None,
            until: None,
        });
    let mut unknown_codes = UnknownCodes::default();
    let mut pickup: Option<(chrono::DateTime<chrono::FixedOffset>, String)> = None;
    let events = tracker
        .tracking_details
        .unwrap_or_default()
        .into_iter()
        .filter_map(|d| {
            let address = d.tracking_location.as_ref().and_then(Place::address);
            let event = event(d, &mut unknown_codes)?;
            if let Some(address) = address.filter(|_| event.stage == Stage::AvailableForPickup)
                && pickup
                    .as_ref()
                    .is_none_or(|(at, _)| event.occurred_at >= *at)
            {
                pickup = Some((event.occurred_at, address));
            }
            Some(event)
        })
        .collect();
    let events = oldest_first(events);
    let failed = events
        .last()
        .is_some_and(|e| e.substatus == Some(Substatus::FailedAttempt));
    let facts = ParcelFacts {
        pickup: pickup.map(|(_, address)| PickupPoint {
            address: Some(address),
            ..Default::default()
        }),
        next_attempt: edd.as_ref().filter(|_| failed).map(|e| e.date),
        ..Default::default()
    }
    .lenient();
    Tracking {
        tracking_number: tracker.tracking_code,
        carrier: carrier_slug(tracker.carrier.as_deref().unwrap_or(PROVIDER)),
        service: non_blank(detail.and_then(|d| d.service)),
        estimated_delivery: edd,
        delivery: non_blank(tracker.signed_by).map(|name| DeliveryDetails {
            signed_by: Some(name),
            left_at: None,
        }),
        events,
        unknown_codes,
        facts,
    }
}

fn event(detail: Detail, unknown: &mut UnknownCodes) -> Option<RawEvent> {
    let Some((occurred_at, offset_known)) = detail.datetime.as_deref().and_then(parse_time) else {
        super::skipped_event(PROVIDER, detail.datetime.as_deref());
        return None;
    };
    let status = detail.status.as_deref().unwrap_or_default();
    let sub = detail.status_detail.as_deref().unwrap_or_default();
    let (stage, substatus) = map_status(status, sub, unknown);
    let code = match (status, sub) {
        ("", "") => None,
        (status, "") => Some(status.to_owned()),
        (status, sub) => Some(format!("{status}/{sub}")),
    };
    let place = detail.tracking_location;
    let location = place
        .as_ref()
        .and_then(|p| location([p.city.as_deref(), p.state.as_deref(), p.country.as_deref()]));
    Some(RawEvent {
        occurred_at,
        offset_known,
        stage,
        substatus,
        code,
        description: non_blank(detail.message)
            .or(non_blank(detail.description))
            .unwrap_or_default(),
        location,
    })
}

/// EasyPost's carrier names onto wismo's slugs where they are the same carrier
/// (`USPS` → `usps`, `DHLExpress` → `dhl`); other carriers keep EasyPost's name, lower-cased.
fn carrier_slug(name: &str) -> String {
    let slug = name.trim().to_ascii_lowercase();
    match slug.as_str() {
        "dhlexpress" | "dhl express" => "dhl".to_owned(),
        _ => slug,
    }
}

/// Stage and substatus of a tracking detail: `status` decides the stage; `status_detail` adds a
/// substatus, or turns a non-final stage into a delay or a problem. Never delivered unless
/// `status` is `delivered`. Values EasyPost does not document are noted in `unknown`.
fn map_status(
    status: &str,
    detail: &str,
    unknown: &mut UnknownCodes,
) -> (Stage, Option<Substatus>) {
    use Stage as S;
    use Substatus as Sub;
    let (stage, substatus) = match status {
        "unknown" => (S::Pending, None),
        "pre_transit" => (S::InfoReceived, None),
        "in_transit" => (S::InTransit, None),
        "out_for_delivery" => (S::OutForDelivery, Some(Sub::WithCourier)),
        "delivered" => (S::Delivered, None),
        "available_for_pickup" => (S::AvailableForPickup, None),
        "return_to_sender" => (S::Returned, Some(Sub::ReturnedToSender)),
        "failure" => (S::ActionRequired, Some(Sub::FailedAttempt)),
        "cancelled" => (S::Cancelled, Some(Sub::LabelVoided)),
        "error" => (S::Exception, Some(Sub::Other)),
        other => {
            if !other.is_empty() {
                unknown.note(other);
            }
            (S::InTransit, None)
        }
    };
    if !detail.is_empty() && !KNOWN_DETAILS.contains(&detail) {
        unknown.note(detail);
    }
    if matches!(stage, S::Delivered | S::Returned | S::Cancelled) {
        return (stage, substatus);
    }
    match (stage, detail) {
        (_, "weather_delay") => (S::Delayed, Some(Sub::Weather)),
        (_, "delayed" | "missorted") => (S::Delayed, Some(Sub::CarrierDelay)),
        (_, "damaged") => (S::Exception, Some(Sub::Damaged)),
        (_, "lost") => (S::Exception, Some(Sub::Lost)),
        (_, "held") => (S::Exception, Some(Sub::Held)),
        (_, "refused") => (S::Exception, Some(Sub::Refused)),
        (_, "transit_exception") => (S::Exception, Some(Sub::Other)),
        (_, "return") => (S::Returned, Some(Sub::ReturnedToSender)),
        (S::ActionRequired | S::Exception, "address_correction") => {
            (S::ActionRequired, Some(Sub::AddressProblem))
        }
        (S::ActionRequired | S::Exception, "delivery_exception") => {
            (S::ActionRequired, Some(Sub::FailedAttempt))
        }
        (S::Pending | S::Exception, "expired") => (S::Expired, Some(Sub::NoCarrierData)),
        (S::InfoReceived, "label_created") => (S::InfoReceived, Some(Sub::AwaitingPickup)),
        (
            S::InTransit,
            "arrived_at_facility"
            | "arrived_at_destination"
            | "received_at_origin_facility"
            | "received_at_destination_facility",
        ) => (S::InTransit, Some(Sub::ArrivedAtFacility)),
        (S::InTransit, "departed_facility" | "departed_origin_facility") => {
            (S::InTransit, Some(Sub::DepartedFacility))
        }
        _ => (stage, substatus),
    }
}

/// EasyPost's documented `status_detail` values.
const KNOWN_DETAILS: [&str; 28] = [
    "address_correction",
    "arrived_at_destination",
    "arrived_at_facility",
    "arrived_at_pickup_location",
    "awaiting_information",
    "cancelled",
    "damaged",
    "delayed",
    "delivery_exception",
    "departed_facility",
    "departed_origin_facility",
    "expired",
    "failure",
    "held",
    "in_transit",
    "label_created",
    "lost",
    "missorted",
    "out_for_delivery",
    "received_at_destination_facility",
    "received_at_origin_facility",
    "refused",
    "return",
    "status_update",
    "transferred_to_destination_carrier",
    "transit_exception",
    "unknown",
    "weather_delay",
];
