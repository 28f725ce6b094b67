//! USPS Tracking v3 (`GET /tracking/v3/tracking/{number}?expand=DETAIL`): the response parsed
//! into [`Tracking`], Publication 199 event codes mapped onto wismo's stages (`codes`),
//! and failed calls classified ([`classify_error`]).
//!
//! Events arrive newest first; they leave oldest first, with the carrier's order breaking
//! ties. Times come from `GMTTimestamp` shown in the `GMTOffset` of the scan.
//!
//! Facts: who signed (`name`, else `firm`) and where it was left (the words after the comma
//! of a delivery scan, "Delivered, Front Door/Porch") from the latest delivery scan; the
//! post office of the latest pickup scan ("Available for Pickup", "Held at Post Office":
//! `eventCity`, `eventState`, `eventZIP`) as the pickup point. USPS's response names no
//! hold-until day, amount due or next attempt day, so none is read.

mod codes;
pub(crate) mod error;
pub(crate) mod text;
mod time;
pub(crate) mod wire;

pub use error::classify_error;

use crate::{CarrierError, DeliveryDetails, EstimatedDelivery, RawEvent, Tracking, UnknownCodes};
use chrono::{FixedOffset, TimeZone};
use text::{clean_html, join_location, title_case_caps};
use time::EventTime;
use wire::{TrackingEvent, TrackingResponse};
use wismo_domain::{ParcelFacts, PickupPoint, Stage};

/// The carrier's slug.
pub const CARRIER: &str = "usps";

/// Parses a `TrackingDetails` response (always one tracking number). An error envelope in a
/// 2xx body is classified like an error response.
pub fn parse(body: &[u8]) -> Result<Vec<Tracking>, CarrierError> {
    let response: TrackingResponse = serde_json::from_slice(body)
        .map_err(|e| CarrierError::Malformed(format!("USPS tracking response: {e}")))?;
    let Some(tracking_number) = response.tracking_number.get() else {
        return Err(match response.error {
            Some(_) => classify_error(200, body, None),
            None => CarrierError::Malformed("USPS tracking response without trackingNumber".into()),
        });
    };
    let scans = scans(&response);
    let mut unknown_codes = UnknownCodes::default();
    let events: Vec<RawEvent> = map_scans(&response, &scans, &mut unknown_codes);
    let facts = facts(&scans, &events);
    Ok(vec![Tracking {
        tracking_number: tracking_number.to_owned(),
        carrier: CARRIER.to_owned(),
        service: service(&response),
        estimated_delivery: estimated_delivery(&response, &events),
        delivery: delivery_details(&scans, &events),
        events,
        unknown_codes,
        facts,
    }])
}

/// A scan with its resolved time and its place in the carrier's list (0 = newest).
struct Scan<'a> {
    index: usize,
    time: EventTime,
    event: &'a TrackingEvent,
}

/// The scans oldest first; a scan without any readable time is dropped (and logged).
fn scans(response: &TrackingResponse) -> Vec<Scan<'_>> {
    let mut scans: Vec<Scan<'_>> = response
        .tracking_events
        .iter()
        .flatten()
        .enumerate()
        .filter_map(|(index, event)| {
            let time = time::event_time(
                event.gmt_timestamp.get(),
                event.event_timestamp.get(),
                event.gmt_offset.get(),
            )
            .filter(|t| crate::common::plausible(&t.at.naive_utc()));
            if time.is_none() {
                tracing::warn!(
                    carrier = CARRIER,
                    code = event.event_code.get(),
                    "USPS scan without a readable time; skipped"
                );
            }
            Some(Scan {
                index,
                time: time?,
                event,
            })
        })
        .collect();
    scans.reverse();
    scans.sort_by_key(|scan| scan.time.at);
    scans
}

fn map_scans(
    response: &TrackingResponse,
    scans: &[Scan<'_>],
    unknown: &mut UnknownCodes,
) -> Vec<RawEvent> {
    let mut prior: Option<Stage> = None;
    scans
        .iter()
        .map(|scan| {
            let event = scan.event;
            let newest = scan.index == 0;
            let description = event
                .event_type
                .get()
                .or(response.status.get().filter(|_| newest))
                .map(clean_html)
                .unwrap_or_default();
            // The top-level category describes the newest scan only.
            let category = event
                .status_category
                .get()
                .or(response.status_category.get().filter(|_| newest));
            let code = event.event_code.get();
            let (stage, mut substatus) =
                codes::map_event(code, category, &description, prior, unknown);
            if stage == Stage::Delivered {
                substatus =
                    codes::delivered_detail(&description, event.name.get().is_some()).or(substatus);
            }
            prior = Some(stage);
            RawEvent {
                occurred_at: scan.time.at,
                offset_known: scan.time.offset_known,
                stage,
                substatus,
                code: code.map(str::to_owned),
                description,
                location: location(event),
            }
        })
        .collect()
}

/// "City, ST, CC" from the parts present; never the ZIP or street.
fn location(event: &TrackingEvent) -> Option<String> {
    join_location(&[
        event.event_city.get().map(title_case_caps),
        event.event_state.get().map(str::to_owned),
        event.event_country.get().map(|country| {
            if country.len() > 3 {
                title_case_caps(country)
            } else {
                country.to_owned()
            }
        }),
    ])
}

/// The mail class without HTML ("USPS Ground Advantage"); the spec's enum spelling
/// (`PRIORITY_MAIL_EXPRESS`) becomes words.
fn service(response: &TrackingResponse) -> Option<String> {
    let cleaned = clean_html(response.mail_class.get()?);
    let is_enum =
        cleaned.contains('_') && !cleaned.contains(' ') && !cleaned.chars().any(char::is_lowercase);
    let service = if is_enum {
        cleaned
            .split('_')
            .map(|word| {
                if word == "USPS" {
                    word.to_owned()
                } else {
                    title_case_caps(word)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        cleaned
    };
    (!service.is_empty()).then_some(service)
}

/// The expected date, else the predicted one, else the guaranteed one. The predicted window
/// applies when it is for that date, in the offset of the latest scan with a known offset;
/// without such an offset the window is left out rather than guessed.
fn estimated_delivery(
    response: &TrackingResponse,
    events: &[RawEvent],
) -> Option<EstimatedDelivery> {
    let predicted = response
        .predicted_delivery_date
        .get()
        .or(response.predicted_delivery_time_stamp.get());
    let date = [
        response.expected_delivery_time_stamp.get(),
        predicted,
        response.guaranteed_delivery_time_stamp.get(),
    ]
    .into_iter()
    .flatten()
    .find_map(time::parse_date)?;
    let offset: Option<FixedOffset> = events
        .iter()
        .rev()
        .find(|e| e.offset_known)
        .map(|e| *e.occurred_at.offset());
    let window_applies = predicted.and_then(time::parse_date) == Some(date);
    // Expected times are the destination's local times; its state tells the zone. Without
    // it, the offset of the latest scan is the best guess there is.
    let destination = crate::common::zones::zone(Some("US"), response.destination_state.get());
    let at = |raw: Option<&str>| {
        let local = date.and_time(time::parse_time_of_day(raw?)?);
        match destination {
            Some(tz) => Some(crate::common::zones::localize(local, tz)),
            None => offset?.from_local_datetime(&local).single(),
        }
    };
    let (from, until) = if window_applies {
        (
            at(response.predicted_delivery_window_start_time.get()),
            at(response.predicted_delivery_window_end_time.get()),
        )
    } else {
        (None, None)
    };
    // An expected time of day (not midnight), in the same offset, is the latest promised.
    let expected_time = response
        .expected_delivery_time_stamp
        .get()
        .filter(|raw| time::parse_date(raw) == Some(date))
        .and_then(|raw| raw.split_once('T'))
        .map(|(_, time_of_day)| time_of_day)
        .filter(|t| !t.starts_with("00:00:00"));
    let until = until.or_else(|| at(expected_time));
    Some(EstimatedDelivery { date, from, until })
}

/// The post office of the latest pickup scan as the pickup point: "Hernando, FL 34442".
fn facts(scans: &[Scan<'_>], events: &[RawEvent]) -> ParcelFacts {
    let held = scans
        .iter()
        .zip(events)
        .rev()
        .find(|(_, event)| event.stage == Stage::AvailableForPickup)
        .map(|(scan, _)| scan.event);
    let address = held.and_then(|event| {
        let state_zip = join_location(&[
            event.event_state.get().map(str::to_owned),
            event.event_zip.get().map(str::to_owned),
        ])
        .map(|s| s.replace(", ", " "));
        join_location(&[event.event_city.get().map(title_case_caps), state_zip])
    });
    ParcelFacts {
        pickup: address.map(|address| PickupPoint {
            address: Some(address),
            ..Default::default()
        }),
        ..Default::default()
    }
    .lenient()
}

/// Who signed (`name`, else `firm`) and where the parcel was left ("Delivered, Parcel Locker"
/// → "Parcel Locker"), from the latest delivery scan.
fn delivery_details(scans: &[Scan<'_>], events: &[RawEvent]) -> Option<DeliveryDetails> {
    let (scan, event) = scans
        .iter()
        .zip(events)
        .rev()
        .find(|(_, event)| event.stage == Stage::Delivered)?;
    let signed_by = scan
        .event
        .name
        .get()
        .or(scan.event.firm.get())
        .map(str::to_owned);
    let left_at = left_at(&event.description);
    (signed_by.is_some() || left_at.is_some()).then_some(DeliveryDetails { signed_by, left_at })
}

fn left_at(description: &str) -> Option<String> {
    const PLACES: [&str; 10] = [
        "mailbox",
        "porch",
        "door",
        "locker",
        "desk",
        "reception",
        "mail room",
        "garage",
        "parcel box",
        "po box",
    ];
    let (_, place) = description.split_once(',')?;
    let place = place.trim();
    let lower = place.to_ascii_lowercase();
    PLACES
        .iter()
        .any(|p| lower.contains(p))
        .then(|| place.to_owned())
}
