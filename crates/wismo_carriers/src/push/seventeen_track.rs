//! 17TRACK (API v2.2/v2.4) webhooks: `TRACKING_UPDATED` with the number's `track_info`;
//! `TRACKING_STOPPED` and other events carry no tracking.
//!
//! Signature: header `sign` = lower-case hex of the plain SHA-256 (not an HMAC) of the raw body
//! followed by `/` and the security key. No timestamp is signed.
//!
//! Events: every provider's `events[]` under `track_info.tracking` (or `latest_event` when there
//! are none), with `RawEvent.code` = the event's `sub_status` (`InTransit_Arrival`), or its
//! `stage` when it has none; stage from `sub_status`, else its main status, else `stage`.
//!
//! Facts: the place of the newest `AvailableForPickup` event as the pickup point: its
//! `address` when that has a `street`, else its `location` text, else the address's
//! city, state, postal code and country. 17TRACK's body names no signer, amount due,
//! hold-until day or next attempt, so none is read.

use super::signature::{constant_time_eq, from_hex, header, require_secret, sha256, to_hex};
use super::{
    SignatureError, from_json, from_value, location, non_blank, oldest_first, parse_date,
    parse_time,
};
use crate::{CarrierError, EstimatedDelivery, RawEvent, Tracking, UnknownCodes};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde_json::Value;
use wismo_domain::{ParcelFacts, PickupPoint, Stage, Substatus};

/// The signature header, lower-case.
pub const SIGNATURE_HEADER: &str = "sign";
const EXPECTED: &str = "64 hex digits";
const PROVIDER: &str = "17track";

/// The `sign` value 17TRACK sends with `body`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    to_hex(&digest(secret, body))
}

/// Checks `sign` against the raw `body`, in constant time.
pub fn verify<V: AsRef<str>>(
    secret: &str,
    headers: impl Fn(&str) -> Option<V>,
    body: &[u8],
) -> Result<(), SignatureError> {
    require_secret(secret)?;
    let value = header(&headers, SIGNATURE_HEADER)?;
    let tag =
        from_hex(&value)
            .filter(|t| t.len() == 32)
            .ok_or(SignatureError::MalformedHeader {
                header: SIGNATURE_HEADER,
                expected: EXPECTED,
            })?;
    if constant_time_eq(&digest(secret, body), &tag) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

fn digest(secret: &str, body: &[u8]) -> Vec<u8> {
    sha256(&[body, b"/", secret.as_bytes()])
}

/// The number's tracking in a `TRACKING_UPDATED` event; no trackings for other events.
pub fn parse(body: &[u8]) -> Result<Vec<Tracking>, CarrierError> {
    let webhook: Webhook = from_json(PROVIDER, body)?;
    if webhook.event != "TRACKING_UPDATED" {
        return Ok(vec![]);
    }
    let data = webhook
        .data
        .ok_or_else(|| CarrierError::Malformed("17track webhook: event without data".into()))?;
    let data: Data = from_value(PROVIDER, data)?;
    Ok(vec![tracking(data)])
}

#[derive(Deserialize)]
struct Webhook {
    event: String,
    data: Option<Value>,
}

#[derive(Deserialize)]
struct Data {
    number: String,
    carrier: Option<Value>,
    track_info: Option<TrackInfo>,
}

#[derive(Deserialize)]
struct TrackInfo {
    latest_event: Option<Event>,
    time_metrics: Option<TimeMetrics>,
    misc_info: Option<MiscInfo>,
    tracking: Option<ProviderList>,
}

#[derive(Deserialize)]
struct TimeMetrics {
    estimated_delivery_date: Option<Estimate>,
}

#[derive(Deserialize)]
struct Estimate {
    from: Option<String>,
    to: Option<String>,
}

#[derive(Deserialize)]
struct MiscInfo {
    service_type: Option<String>,
}

#[derive(Deserialize)]
struct ProviderList {
    providers: Option<Vec<ProviderTrack>>,
}

#[derive(Deserialize)]
struct ProviderTrack {
    service_type: Option<String>,
    events: Option<Vec<Event>>,
}

#[derive(Deserialize)]
struct Event {
    time_iso: Option<String>,
    time_utc: Option<String>,
    description: Option<String>,
    location: Option<String>,
    stage: Option<String>,
    sub_status: Option<String>,
    address: Option<Address>,
}

#[derive(Deserialize)]
struct Address {
    country: Option<String>,
    state: Option<String>,
    city: Option<String>,
    street: Option<String>,
    /// Text in every known body; a number is taken too.
    postal_code: Option<Value>,
}

impl Address {
    /// "1 Main St, New York, NY 10001, US": the parts given.
    fn full(&self) -> Option<String> {
        let postal = match &self.postal_code {
            Some(Value::String(p)) => Some(p.trim().to_owned()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let state_postal = location([self.state.as_deref(), postal.as_deref(), None])
            .map(|s| s.replace(", ", " "));
        crate::common::join_place([
            self.street.as_deref(),
            self.city.as_deref(),
            state_postal.as_deref(),
            self.country.as_deref(),
        ])
    }
}

/// Where a pickup event's parcel waits: a street address when 17TRACK gave one, else the
/// carrier's words for the place, else what there is of the address.
fn pickup_place(event: &Event) -> Option<String> {
    let address = event.address.as_ref();
    let street = address.and_then(|a| non_blank(a.street.clone())).is_some();
    let full = address.and_then(Address::full);
    match street {
        true => full,
        false => non_blank(event.location.clone()).or(full),
    }
}

fn tracking(data: Data) -> Tracking {
    let info = data.track_info;
    let (mut events, mut service, mut edd) = (Vec::new(), None, None);
    if let Some(info) = info {
        edd = info
            .time_metrics
            .and_then(|m| m.estimated_delivery_date)
            .and_then(estimate);
        let providers = info.tracking.and_then(|t| t.providers).unwrap_or_default();
        for provider in providers {
            service = service.or(non_blank(provider.service_type));
            events.extend(provider.events.unwrap_or_default());
        }
        service = service.or(info.misc_info.and_then(|m| non_blank(m.service_type)));
        if events.is_empty() {
            events.extend(info.latest_event);
        }
    }
    let mut unknown_codes = UnknownCodes::default();
    let mut pickup: Option<(DateTime<FixedOffset>, String)> = None;
    let events = events
        .into_iter()
        .filter_map(|e| {
            let place = pickup_place(&e);
            let event = event(e, &mut unknown_codes)?;
            if let Some(place) = place.filter(|_| event.stage == Stage::AvailableForPickup)
                && pickup
                    .as_ref()
                    .is_none_or(|(at, _)| event.occurred_at > *at)
            {
                pickup = Some((event.occurred_at, place));
            }
            Some(event)
        })
        .collect();
    let facts = ParcelFacts {
        pickup: pickup.map(|(_, address)| PickupPoint {
            address: Some(address),
            ..Default::default()
        }),
        ..Default::default()
    }
    .lenient();
    Tracking {
        tracking_number: data.number,
        carrier: carrier_slug(data.carrier.as_ref()),
        service,
        estimated_delivery: edd,
        delivery: None,
        events: oldest_first(events),
        unknown_codes,
        facts,
    }
}

/// 17TRACK's numeric carrier codes for the carriers wismo has adapters for; other carriers
/// become `17track:<code>`.
fn carrier_slug(code: Option<&Value>) -> String {
    let code = match code {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        _ => return PROVIDER.to_owned(),
    };
    match code.as_str() {
        "100001" => "dhl".to_owned(),
        "100002" => "ups".to_owned(),
        "100003" => "fedex".to_owned(),
        "21051" => "usps".to_owned(),
        _ => format!("{PROVIDER}:{code}"),
    }
}

/// `to`'s date (else `from`'s), with the window when both ends carry an offset.
fn estimate(estimate: Estimate) -> Option<EstimatedDelivery> {
    let date = estimate
        .to
        .as_deref()
        .or(estimate.from.as_deref())
        .and_then(parse_date)?;
    let at = |t: Option<&str>| {
        t.and_then(parse_time)
            .filter(|(_, known)| *known)
            .map(|(at, _)| at)
    };
    Some(EstimatedDelivery {
        date,
        from: at(estimate.from.as_deref()),
        until: at(estimate.to.as_deref()),
    })
}

/// `time_iso` when it carries an offset, else `time_utc`, else `time_iso` read as UTC.
fn when(event: &Event) -> Option<(DateTime<FixedOffset>, bool)> {
    let iso = event.time_iso.as_deref().and_then(parse_time);
    if let Some((at, true)) = iso {
        return Some((at, true));
    }
    let utc = event
        .time_utc
        .as_deref()
        .and_then(parse_time)
        .map(|(at, _)| (at, true));
    utc.or(iso)
}

fn event(event: Event, unknown: &mut UnknownCodes) -> Option<RawEvent> {
    let Some((occurred_at, offset_known)) = when(&event) else {
        super::skipped_event(
            PROVIDER,
            event.time_iso.as_deref().or(event.time_utc.as_deref()),
        );
        return None;
    };
    let sub_status = event.sub_status.as_deref().unwrap_or_default();
    let stage_name = event.stage.as_deref().unwrap_or_default();
    let (stage, substatus) = map_status(sub_status, stage_name, unknown);
    let code = [sub_status, stage_name]
        .into_iter()
        .find(|c| !c.is_empty())
        .map(str::to_owned);
    let address = event.address.as_ref();
    let location = address
        .and_then(|a| location([a.city.as_deref(), a.state.as_deref(), a.country.as_deref()]))
        .or(non_blank(event.location));
    Some(RawEvent {
        occurred_at,
        offset_known,
        stage,
        substatus,
        code,
        description: non_blank(event.description).unwrap_or_default(),
        location,
    })
}

/// Stage and substatus of an event: its `sub_status`, else the main status the sub-status
/// starts with, else its `stage` (a main status or a milestone). Never delivered unless one of
/// them says `Delivered`. Names the tables do not know are noted in `unknown`.
fn map_status(
    sub_status: &str,
    stage: &str,
    unknown: &mut UnknownCodes,
) -> (Stage, Option<Substatus>) {
    if !sub_status.is_empty() {
        if let Some(mapped) = by_sub_status(sub_status) {
            return mapped;
        }
        unknown.note(sub_status);
        let main = sub_status.split('_').next().unwrap_or_default();
        if let Some(mapped) = by_stage(main) {
            return mapped;
        }
    }
    if !stage.is_empty() {
        if let Some(mapped) = by_stage(stage) {
            return mapped;
        }
        unknown.note(stage);
    }
    (Stage::InTransit, None)
}

/// 17TRACK's main statuses and milestone stages. `Expired` means "in transit for a long time",
/// not "tracking stopped", so it is a delay.
fn by_stage(name: &str) -> Option<(Stage, Option<Substatus>)> {
    use Stage as S;
    use Substatus as Sub;
    Some(match name {
        "NotFound" => (S::Pending, Some(Sub::Registered)),
        "InfoReceived" => (S::InfoReceived, None),
        "InTransit" => (S::InTransit, None),
        "PickedUp" => (S::InTransit, Some(Sub::PickedUp)),
        "Departure" => (S::InTransit, Some(Sub::DepartedFacility)),
        "Arrival" => (S::InTransit, Some(Sub::ArrivedAtFacility)),
        "Expired" => (S::Delayed, Some(Sub::NoScans)),
        "AvailableForPickup" => (S::AvailableForPickup, None),
        "OutForDelivery" => (S::OutForDelivery, Some(Sub::WithCourier)),
        "DeliveryFailure" => (S::ActionRequired, Some(Sub::FailedAttempt)),
        "Delivered" => (S::Delivered, None),
        "Exception" => (S::Exception, None),
        "Returning" | "Returned" => (S::Returned, Some(Sub::ReturnedToSender)),
        _ => return None,
    })
}

fn by_sub_status(name: &str) -> Option<(Stage, Option<Substatus>)> {
    use Stage as S;
    use Substatus as Sub;
    Some(match name {
        "NotFound_Other" | "NotFound_InvalidCode" => (S::Pending, Some(Sub::Registered)),
        "InfoReceived" => (S::InfoReceived, Some(Sub::AwaitingPickup)),
        "InTransit_Other" | "InTransit_CustomsProcessing" => (S::InTransit, None),
        "InTransit_PickedUp" => (S::InTransit, Some(Sub::PickedUp)),
        "InTransit_Departure" => (S::InTransit, Some(Sub::DepartedFacility)),
        "InTransit_Arrival" => (S::InTransit, Some(Sub::ArrivedAtFacility)),
        "InTransit_CustomsReleased" => (S::InTransit, Some(Sub::CustomsCleared)),
        "InTransit_CustomsRequiringInformation" => (S::ActionRequired, Some(Sub::CustomsHold)),
        "Expired_Other" => (S::Delayed, Some(Sub::NoScans)),
        "AvailableForPickup_Other" => (S::AvailableForPickup, None),
        "OutForDelivery_Other" => (S::OutForDelivery, Some(Sub::WithCourier)),
        "DeliveryFailure_Other" | "DeliveryFailure_NoBody" | "DeliveryFailure_Security" => {
            (S::ActionRequired, Some(Sub::FailedAttempt))
        }
        "DeliveryFailure_Rejected" | "Exception_Rejected" => (S::Exception, Some(Sub::Refused)),
        "DeliveryFailure_InvalidAddress" => (S::ActionRequired, Some(Sub::AddressProblem)),
        "Delivered_Other" => (S::Delivered, None),
        "Exception_Other" => (S::Exception, None),
        "Exception_Returning" | "Exception_Returned" => (S::Returned, Some(Sub::ReturnedToSender)),
        "Exception_NoBody" => (S::ActionRequired, Some(Sub::FailedAttempt)),
        "Exception_Security" => (S::Exception, Some(Sub::Held)),
        "Exception_Damage" | "Exception_Destroyed" => (S::Exception, Some(Sub::Damaged)),
        "Exception_Delayed" => (S::Delayed, Some(Sub::CarrierDelay)),
        "Exception_Lost" => (S::Exception, Some(Sub::Lost)),
        "Exception_Cancel" => (S::Cancelled, Some(Sub::LabelVoided)),
        _ => return None,
    })
}
