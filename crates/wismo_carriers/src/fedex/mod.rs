//! FedEx Track API v1 (`POST /track/v1/trackingnumbers`): the response parsed into one
//! [`Tracking`] per number, and failed answers classified.
//!
//! - A response answers up to 30 numbers; each may fail on its own inside HTTP 200
//!   (`trackResults[].error`, e.g. `TRACKING.TRACKINGNUMBER.NOTFOUND`), so
//!   [`parse_per_number`] returns a result per number and [`parse`] keeps the found ones.
//! - FedEx reuses numbers: one number may hold several `trackResults` (different
//!   `trackingNumberUniqueId`); the one with the newest scan wins, the first on a tie.
//! - Events are oldest first. A scan time without an offset is read in the zone of the
//!   scan's place when the place decides it (country, or US state / CA province / AU
//!   state), else as UTC with `offset_known = false`. `RawEvent::code` is the `eventType`.
//! - The estimate is `estimatedDeliveryTimeWindow`, else `dateAndTimes` `ESTIMATED_DELIVERY`
//!   or `COMMITMENT`, else the date of `standardTransitTimeWindow`. A bound at exactly
//!   midnight carries only its date.
//! - Facts: the `holdAtLocation` (its company name and address) as the pickup point, and
//!   after a failed attempt (`DE`) the estimate's day as the next attempt. Who signed and
//!   where it was left come from `deliveryDetails` (`signedByName`, else `receivedByName`;
//!   `locationDescription`, e.g. "Receptionist/Front Desk"). The Track API names no amount
//!   due (`informationNotes` may say `CLEARANCE_ENTRY_FEE_APPLIES`, without an amount), so
//!   none is read.

pub mod codes;
mod time;
mod wire;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use wismo_domain::{ParcelFacts, PickupPoint, Substatus};

use self::time::{Stamp, stamp};
use self::wire::{Address, ApiError, Body, ScanEvent, TrackResult, Window};
use crate::common::errors::{self, BodyError};
use crate::common::{delivery_details, join_place, oldest_first, place, refine_delivered, zones};
use crate::{CarrierError, EstimatedDelivery, RawEvent, Tracking, UnknownCodes};

/// wismo's slug for FedEx.
pub const CARRIER: &str = "fedex";

/// Each number of a response with its own result, in the response's order.
pub type PerNumber = Vec<(String, Result<Tracking, CarrierError>)>;

/// Parses a 2xx Track API body into the numbers FedEx found. Numbers it did not find are
/// left out; when none was found, the first number's error (usually
/// [`CarrierError::NotFound`]) is returned. Use [`parse_per_number`] to see each number.
pub fn parse(body: &[u8]) -> Result<Vec<Tracking>, CarrierError> {
    let results = parse_per_number(body)?;
    let mut first_error = None;
    let mut found = Vec::with_capacity(results.len());
    for (number, result) in results {
        match result {
            Ok(tracking) => found.push(tracking),
            Err(e) => {
                tracing::debug!(carrier = CARRIER, %number, error = %e, "FedEx could not track one number of the response");
                first_error.get_or_insert(e);
            }
        }
    }
    match (found.is_empty(), first_error) {
        (true, Some(e)) => Err(e),
        (true, None) => Err(CarrierError::NotFound),
        (false, _) => Ok(found),
    }
}

/// Parses a 2xx Track API body into one result per number, in the response's order. The
/// outer error is for a body that is not a tracking response at all, or a request-level
/// error inside it.
pub fn parse_per_number(body: &[u8]) -> Result<PerNumber, CarrierError> {
    let body: Body = serde_json::from_slice(body)
        .map_err(|e| CarrierError::Malformed(format!("FedEx tracking response: {e}")))?;
    let Some(output) = body.output else {
        return Err(if body.errors.is_empty() {
            CarrierError::Malformed("FedEx response has no output".into())
        } else {
            errors::in_success(200, &body_errors(&body.errors), &FEDEX_CODES)
        });
    };
    // Group by number, keeping the first appearance's position: a number may come back in
    // several entries as well as with several results.
    let mut groups: Vec<(String, Vec<&TrackResult>)> = Vec::new();
    for complete in &output.complete_track_results {
        for result in &complete.track_results {
            let number = complete
                .tracking_number
                .as_deref()
                .or(result
                    .tracking_number_info
                    .as_ref()
                    .and_then(|i| i.tracking_number.as_deref()))
                .unwrap_or_default();
            match groups.iter_mut().find(|(n, _)| n == number) {
                Some((_, results)) => results.push(result),
                None => groups.push((number.to_owned(), vec![result])),
            }
        }
    }
    Ok(groups
        .into_iter()
        .map(|(number, results)| {
            let tracked = newest(&number, &results);
            (number, tracked)
        })
        .collect())
}

/// Classifies a failed FedEx answer: 429 rate limited (with `Retry-After` seconds), 5xx
/// transient, `NOT.AUTHORIZED.ERROR`/`FORBIDDEN.ERROR` and 401/403 auth,
/// `…NOTFOUND`/`NOT.FOUND.ERROR` and 404 not found, other 4xx permanent. A 2xx body is
/// classified by what [`parse`] makes of it.
pub fn classify_error(status: u16, body: &[u8], retry_after: Option<&str>) -> CarrierError {
    if (200..300).contains(&status) {
        return match parse(body) {
            Err(e) => e,
            Ok(_) => CarrierError::Malformed(format!(
                "HTTP {status} with a tracking response is not an error"
            )),
        };
    }
    let errors = serde_json::from_slice::<Body>(body)
        .map(|b| b.errors)
        .unwrap_or_default();
    errors::classify(
        status,
        &body_errors(&errors),
        body,
        retry_after,
        &FEDEX_CODES,
    )
}

const FEDEX_CODES: errors::Codes = errors::Codes {
    not_found: is_not_found,
    auth: is_auth,
};

fn is_not_found(code: &str) -> bool {
    code.contains("NOTFOUND") || code.contains("NOT.FOUND")
}

fn is_auth(code: &str) -> bool {
    matches!(
        code,
        "NOT.AUTHORIZED.ERROR" | "FORBIDDEN.ERROR" | "UNAUTHORIZED"
    )
}

fn body_errors(errors: &[ApiError]) -> Vec<BodyError> {
    errors
        .iter()
        .map(|e| BodyError {
            code: e.code.clone(),
            message: e.message.clone(),
        })
        .collect()
}

/// One number's answer: the result with the newest scan, or the first result's error when
/// none has data.
fn newest(number: &str, results: &[&TrackResult]) -> Result<Tracking, CarrierError> {
    let mut best: Option<Tracking> = None;
    for result in results.iter().filter(|r| r.error.is_none()) {
        let candidate = tracking(number, result);
        let newer = best
            .as_ref()
            .is_none_or(|b| last_scan(&candidate) > last_scan(b));
        if newer {
            best = Some(candidate);
        }
    }
    best.ok_or_else(|| {
        let error = results.iter().find_map(|r| r.error.as_ref());
        number_error(error)
    })
}

fn last_scan(tracking: &Tracking) -> Option<DateTime<FixedOffset>> {
    tracking.events.iter().map(|e| e.occurred_at).max()
}

/// A per-number error inside a 200.
fn number_error(error: Option<&ApiError>) -> CarrierError {
    let Some(error) = error else {
        return CarrierError::NotFound;
    };
    let code = error.code.as_deref().unwrap_or_default();
    let summary = || {
        [error.code.as_deref(), error.message.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": ")
    };
    if is_not_found(code) {
        CarrierError::NotFound
    } else if ["UNAVAILABLE", "INTERNAL", "SYSTEM"]
        .iter()
        .any(|w| code.contains(w))
    {
        CarrierError::Transient(summary())
    } else {
        CarrierError::Permanent(summary())
    }
}

fn tracking(number: &str, result: &TrackResult) -> Tracking {
    let mut unknown_codes = UnknownCodes::default();
    let mut events = oldest_first(
        result
            .scan_events
            .iter()
            .filter_map(|s| event(s, &mut unknown_codes))
            .collect(),
    );
    let details = result.delivery_details.as_ref();
    let delivery = details.and_then(|d| {
        delivery_details(
            d.signed_by_name
                .clone()
                .or_else(|| d.received_by_name.clone()),
            d.location_description.clone(),
        )
    });
    refine_delivered(&mut events, delivery.as_ref());
    let estimated_delivery = estimate(result);
    let facts = facts(result, &events, estimated_delivery.as_ref());
    let own_number = result
        .tracking_number_info
        .as_ref()
        .and_then(|i| i.tracking_number.as_deref());
    Tracking {
        tracking_number: own_number.unwrap_or(number).to_owned(),
        carrier: CARRIER.to_owned(),
        service: result
            .service_detail
            .as_ref()
            .and_then(|s| s.description.clone()),
        estimated_delivery,
        delivery,
        events,
        unknown_codes,
        facts,
    }
}

/// The hold-at-location as the pickup point (track.json `holdAtLocation.locationContactAndAddress`:
/// `contact.companyName`, `address.streetLines[]`, `city`, `stateOrProvinceCode`,
/// `postalCode`, `countryCode`), and after a failed attempt the estimated day as the next
/// attempt: FedEx moves `estimatedDeliveryTimeWindow` to the rescheduled delivery.
fn facts(
    result: &TrackResult,
    events: &[RawEvent],
    estimate: Option<&EstimatedDelivery>,
) -> ParcelFacts {
    let held = result
        .hold_at_location
        .as_ref()
        .and_then(|l| l.location_contact_and_address.as_ref());
    let pickup = held.map(|party| PickupPoint {
        name: party.contact.as_ref().and_then(|c| c.company_name.clone()),
        address: party.address.as_ref().and_then(street_address),
        ..Default::default()
    });
    let failed = events
        .last()
        .is_some_and(|e| e.substatus == Some(Substatus::FailedAttempt));
    ParcelFacts {
        pickup,
        next_attempt: estimate.filter(|_| failed).map(|e| e.date),
        ..Default::default()
    }
    .lenient()
}

/// "331 S State Rd 135, Greenwood, IN, 46142, US" as FedEx wrote it, street first.
fn street_address(address: &Address) -> Option<String> {
    join_place(
        address
            .street_lines
            .iter()
            .map(|l| Some(l.as_str()))
            .chain([
                address.city.as_deref(),
                address.state_or_province_code.as_deref(),
                address.postal_code.as_deref(),
                address.country_code.as_deref(),
            ]),
    )
}

fn event(scan: &ScanEvent, unknown: &mut UnknownCodes) -> Option<RawEvent> {
    let Some(written) = scan.date.as_deref().and_then(stamp) else {
        tracing::warn!(carrier = CARRIER, date = ?scan.date, "FedEx scan without a usable date; skipped");
        return None;
    };
    let address = scan.scan_location.as_ref();
    let (occurred_at, offset_known) = written.resolve(address.and_then(zone));
    let event_type = scan.event_type.as_deref().unwrap_or_default();
    let description = match (
        scan.event_description.as_deref(),
        scan.exception_description.as_deref(),
    ) {
        (Some(event), Some(exception)) if !event.contains(exception) => {
            format!("{event}: {exception}")
        }
        (Some(event), _) => event.to_owned(),
        (None, exception) => exception.unwrap_or_default().to_owned(),
    };
    if codes::lookup(event_type).is_none() {
        unknown.note(&event_type.trim().to_ascii_uppercase());
    }
    let (stage, substatus) = codes::map(
        event_type,
        scan.derived_status_code.as_deref().unwrap_or_default(),
        &description,
    );
    Some(RawEvent {
        occurred_at,
        offset_known,
        stage,
        substatus,
        code: (!event_type.is_empty()).then(|| event_type.to_owned()),
        description,
        location: address.and_then(|a| {
            place(
                a.city.as_deref(),
                a.state_or_province_code.as_deref(),
                a.country_code.as_deref(),
            )
        }),
    })
}

fn zone(address: &Address) -> Option<Tz> {
    zones::zone(
        address.country_code.as_deref(),
        address.state_or_province_code.as_deref(),
    )
}

/// The estimate: the delivery window, else an estimated or committed date and time, else
/// the standard transit date.
fn estimate(result: &TrackResult) -> Option<EstimatedDelivery> {
    let destination = result
        .recipient_information
        .as_ref()
        .and_then(|p| p.address.as_ref())
        .or(result.last_updated_destination_address.as_ref())
        .or(result
            .destination_location
            .as_ref()
            .and_then(|l| l.location_contact_and_address.as_ref())
            .and_then(|p| p.address.as_ref()));
    let zone = destination.and_then(zone);
    if let Some(estimate) =
        window(&result.estimated_delivery_time_window).and_then(|w| from_window(w, zone))
    {
        return Some(estimate);
    }
    let dated = |kind: &str| {
        result
            .date_and_times
            .iter()
            .find(|d| d.kind.as_deref() == Some(kind))
            .and_then(|d| d.date_time.as_deref())
            .and_then(stamp)
    };
    if let Some(written) = dated("ESTIMATED_DELIVERY").or_else(|| dated("COMMITMENT")) {
        let (date, until) = bound(written, None, zone);
        return Some(EstimatedDelivery {
            date,
            from: None,
            until,
        });
    }
    let standard = window(&result.standard_transit_time_window)?;
    let written = standard
        .ends
        .as_deref()
        .and_then(stamp)
        .or_else(|| standard.begins.as_deref().and_then(stamp))?;
    Some(EstimatedDelivery {
        date: written.local().date(),
        from: None,
        until: None,
    })
}

fn window(holder: &Option<wire::TimeWindow>) -> Option<&Window> {
    holder.as_ref().and_then(|w| w.window.as_ref())
}

/// A delivery window. A bound without an offset borrows the other bound's, else the
/// destination's zone; the date is the end's (the start's when the end is the midnight
/// closing the start's day), else the start's.
fn from_window(window: &Window, zone: Option<Tz>) -> Option<EstimatedDelivery> {
    let begins = window.begins.as_deref().and_then(stamp);
    let ends = window.ends.as_deref().and_then(stamp);
    let offset_of = |s: Option<Stamp>| match s {
        Some(Stamp::Fixed(at)) => Some(*at.offset()),
        _ => None,
    };
    let from = begins.map(|b| bound(b, offset_of(ends), zone));
    let until = ends.map(|e| bound(e, offset_of(begins), zone));
    let date = match (from, until) {
        // An end at midnight after a start on an earlier day closes the start's day.
        (Some((start, _)), Some((end, _))) if start < end && ends.is_some_and(is_midnight) => start,
        _ => until.or(from)?.0,
    };
    Some(EstimatedDelivery {
        date,
        from: from.and_then(|f| f.1),
        until: until.and_then(|u| u.1),
    })
}

fn is_midnight(written: Stamp) -> bool {
    written.local().time() == NaiveTime::MIN
}

/// A bound's local date, and its instant unless it is exactly midnight (a date written as
/// a time) or its offset cannot be known.
fn bound(
    written: Stamp,
    borrowed: Option<FixedOffset>,
    zone: Option<Tz>,
) -> (NaiveDate, Option<DateTime<FixedOffset>>) {
    let local = written.local();
    if is_midnight(written) {
        return (local.date(), None);
    }
    let at = match (written, borrowed) {
        (Stamp::Naive(local), Some(offset)) => local.and_local_timezone(offset).single(),
        _ => written.in_zone(zone),
    };
    (local.date(), at)
}
