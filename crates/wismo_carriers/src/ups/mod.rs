//! UPS Track API v1 (`GET /api/track/v1/details/{inquiryNumber}`): the response parsed into
//! one [`Tracking`] per package, and failed answers classified.
//!
//! - Events are oldest first, each at its UTC instant shown in the scan's own offset
//!   (see `time`). `RawEvent::code` is `type/statusCode/code`, e.g. `I/005/AR`, `D/011/F4`
//!   (`type/statusCode` when there is no `code`); the status code is as UPS wrote it.
//! - The estimate is `deliveryDate` `RDD` (rescheduled), else `SDD` (scheduled), with the
//!   `deliveryTime` window (`EDW`/`CDW`/`IDW` start–end, `CMT`/`EOD` end) in the
//!   destination's offset; a delivered parcel's `DEL` entries are not an estimate.
//! - "Not found" comes back as a 200 whose shipment has warning `TW0001` and no package,
//!   or as an error body `{"response":{"errors":[…]}}`.

pub mod codes;
mod time;
mod wire;

use chrono::{FixedOffset, NaiveDate};
use wismo_domain::{AmountDue, ParcelFacts, PickupPoint, Substatus};

use self::wire::{Activity, Body, CodeMessage, DeliveryTime, Package};
use crate::common::errors::{self, BodyError};
use crate::common::{delivery_details, oldest_first, place, refine_delivered, zones};
use crate::{CarrierError, EstimatedDelivery, RawEvent, Tracking, UnknownCodes};

/// wismo's slug for UPS.
pub const CARRIER: &str = "ups";

/// Parses a 2xx Track API body into one tracking per package, events oldest first.
///
/// A body that is not a tracking response is [`CarrierError::Malformed`]; a shipment
/// without packages (UPS adds warning `TW0001`) or an error body saying so is
/// [`CarrierError::NotFound`].
pub fn parse(body: &[u8]) -> Result<Vec<Tracking>, CarrierError> {
    let body: Body = serde_json::from_slice(body)
        .map_err(|e| CarrierError::Malformed(format!("UPS tracking response: {e}")))?;
    if let Some(response) = &body.response
        && !response.errors.is_empty()
    {
        return Err(errors::in_success(
            200,
            &body_errors(&response.errors),
            &UPS_CODES,
        ));
    }
    let shipments = body
        .track_response
        .ok_or_else(|| CarrierError::Malformed("UPS response has no trackResponse".into()))?
        .shipment;
    let trackings: Vec<Tracking> = shipments
        .iter()
        .flat_map(|shipment| {
            shipment
                .package
                .iter()
                .map(move |package| tracking(package, shipment.inquiry_number.as_deref()))
        })
        .collect();
    if trackings.is_empty() {
        return Err(CarrierError::NotFound);
    }
    Ok(trackings)
}

/// Classifies a failed UPS answer: 429 rate limited (with `Retry-After` seconds), 5xx
/// transient, auth codes (`2500xx`) and 401/403 auth, `TW0001` and 404 not found, other 4xx
/// permanent. A 2xx body is classified by what [`parse`] makes of it.
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
        .ok()
        .and_then(|b| b.response)
        .map(|r| r.errors)
        .unwrap_or_default();
    errors::classify(status, &body_errors(&errors), body, retry_after, &UPS_CODES)
}

const UPS_CODES: errors::Codes = errors::Codes {
    not_found: is_not_found,
    auth: is_auth,
};

fn is_not_found(code: &str) -> bool {
    matches!(code, "TW0001" | "151044")
}

fn is_auth(code: &str) -> bool {
    code.starts_with("2500")
}

fn body_errors(errors: &[CodeMessage]) -> Vec<BodyError> {
    errors
        .iter()
        .map(|e| BodyError {
            code: e.code.clone(),
            message: e.message.clone(),
        })
        .collect()
}

fn tracking(package: &Package, inquiry_number: Option<&str>) -> Tracking {
    let mut unknown_codes = UnknownCodes::default();
    let mut events = oldest_first(
        package
            .activity
            .iter()
            .filter_map(|a| event(a, &mut unknown_codes))
            .collect(),
    );
    let delivery = package
        .delivery_information
        .as_ref()
        .and_then(|d| delivery_details(d.received_by.clone(), d.location.clone()));
    refine_delivered(&mut events, delivery.as_ref());
    Tracking {
        tracking_number: package
            .tracking_number
            .as_deref()
            .or(inquiry_number)
            .unwrap_or_default()
            .to_owned(),
        carrier: CARRIER.to_owned(),
        service: package.service.as_ref().and_then(|s| s.description.clone()),
        estimated_delivery: estimate(package, &events),
        facts: facts(package, &events),
        delivery,
        events,
        unknown_codes,
    }
}

fn event(activity: &Activity, unknown: &mut UnknownCodes) -> Option<RawEvent> {
    let Some(at) = time::scan_time(activity) else {
        tracing::warn!(carrier = CARRIER, date = ?activity.date, gmt_date = ?activity.gmt_date, "UPS activity without a usable date; skipped");
        return None;
    };
    let status = activity.status.as_ref();
    let field = |f: fn(&wire::Status) -> &Option<String>| {
        status.and_then(|s| f(s).as_deref()).unwrap_or_default()
    };
    let (kind, status_code, code) = (
        field(|s| &s.kind),
        field(|s| &s.status_code),
        field(|s| &s.code),
    );
    let description = status
        .and_then(|s| {
            s.description
                .as_deref()
                .or(s.simplified_text_description.as_deref())
        })
        .unwrap_or_default();
    if codes::lookup(status_code).is_none() {
        unknown.note(&format!(
            "{}/{}",
            kind.trim().to_ascii_uppercase(),
            status_code.trim()
        ));
    }
    let (stage, substatus) = codes::map(kind, status_code, code, description);
    let raw_code = if code.is_empty() {
        format!("{kind}/{status_code}")
    } else {
        format!("{kind}/{status_code}/{code}")
    };
    let address = activity.location.as_ref().and_then(|l| l.address.as_ref());
    Some(RawEvent {
        occurred_at: at.at,
        offset_known: at.offset_known,
        stage,
        substatus,
        code: Some(raw_code),
        description: description.to_owned(),
        location: address
            .and_then(|a| place(a.city.as_deref(), a.state_province.as_deref(), a.country())),
    })
}

/// `RDD`, else `SDD`, with the `deliveryTime` window in the destination's offset.
/// The Access Point's hold-until day, an unpaid amount, and after a failed attempt the
/// rescheduled day (`RDD`) as the next attempt.
fn facts(package: &Package, events: &[RawEvent]) -> ParcelFacts {
    let hold_until = package
        .access_point_information
        .as_ref()
        .and_then(|a| time::date(a.pickup_by_date.as_deref()?));
    let amount_due = package
        .payment_information
        .iter()
        .find(|p| p.paid != Some(true) && p.amount.is_some())
        .and_then(|p| {
            Some(AmountDue {
                amount: p.amount.clone()?,
                currency: p.currency.clone()?,
                pay_url: None,
            })
        });
    let failed = events
        .last()
        .is_some_and(|e| e.substatus == Some(Substatus::FailedAttempt));
    let next_attempt = failed
        .then(|| {
            package.delivery_date.iter().find(|d| {
                d.kind
                    .as_deref()
                    .is_some_and(|k| k.eq_ignore_ascii_case("RDD"))
            })
        })
        .flatten()
        .and_then(|d| time::date(d.date.as_deref()?));
    ParcelFacts {
        pickup: hold_until.map(|day| PickupPoint {
            hold_until: Some(day),
            ..Default::default()
        }),
        amount_due,
        next_attempt,
        ..Default::default()
    }
    .lenient()
}

fn estimate(package: &Package, events: &[RawEvent]) -> Option<EstimatedDelivery> {
    let pick = |kind: &str| {
        package.delivery_date.iter().find(|d| {
            d.kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case(kind))
        })
    };
    let date = pick("RDD")
        .or_else(|| pick("SDD"))
        .and_then(|d| time::date(d.date.as_deref()?))?;
    let (from, until) = match (
        &package.delivery_time,
        destination_offset(package, date, events),
    ) {
        (Some(window), Some(offset)) => window_times(window, date, offset),
        _ => (None, None),
    };
    Some(EstimatedDelivery { date, from, until })
}

fn window_times(
    window: &DeliveryTime,
    date: NaiveDate,
    offset: FixedOffset,
) -> (
    Option<chrono::DateTime<FixedOffset>>,
    Option<chrono::DateTime<FixedOffset>>,
) {
    let at = |t: &Option<String>| {
        t.as_deref()
            .and_then(time::time)
            .and_then(|t| time::at(date, t, offset))
    };
    match window
        .kind
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        Some("EDW" | "CDW" | "IDW") => (at(&window.start_time), at(&window.end_time)),
        Some("CMT" | "EOD") => (None, at(&window.end_time)),
        _ => (None, None),
    }
}

/// The destination's offset on the estimated day: from its zone when the address decides
/// it, else the newest scan's offset.
fn destination_offset(
    package: &Package,
    date: NaiveDate,
    events: &[RawEvent],
) -> Option<FixedOffset> {
    let destination = package
        .package_address
        .iter()
        .find(|a| {
            a.kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("DESTINATION"))
        })
        .and_then(|a| a.address.as_ref());
    let zone = destination.and_then(|a| zones::zone(a.country(), a.state_province.as_deref()));
    match zone {
        Some(tz) => Some(
            *zones::localize(
                date.and_time(chrono::NaiveTime::from_hms_opt(12, 0, 0)?),
                tz,
            )
            .offset(),
        ),
        None => events
            .iter()
            .rev()
            .find(|e| e.offset_known)
            .map(|e| *e.occurred_at.offset()),
    }
}
