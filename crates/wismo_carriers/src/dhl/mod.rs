//! DHL Shipment Tracking – Unified (`GET /track/shipments?trackingNumber=…`): every shipment
//! in the response parsed into a [`Tracking`] (one number can match several shipments),
//! statuses mapped onto wismo's stages, failed calls classified ([`classify_error`]).
//!
//! [`RawEvent::code`] is `"{statusCode}/{checkpoint}"` for Express (`transit/WC`) and the bare
//! `statusCode` for backends whose `status` is free text (parcel-de). Events arrive newest
//! first and leave oldest first, the carrier's order breaking ties.

mod codes;
mod error;
mod time;
mod wire;

pub use error::classify_error;

use crate::usps::text::{clean_html, join_location};
use crate::{CarrierError, DeliveryDetails, EstimatedDelivery, RawEvent, Tracking, UnknownCodes};
use codes::Status;
use wire::{Event, Response, Shipment};
use wismo_domain::Stage;

/// The carrier's slug.
pub const CARRIER: &str = "dhl";

/// Parses a tracking response into one [`Tracking`] per shipment. No shipments means the
/// number is unknown; a problem-details body in a 2xx is classified like an error response.
pub fn parse(body: &[u8]) -> Result<Vec<Tracking>, CarrierError> {
    let response: Response = serde_json::from_slice(body)
        .map_err(|e| CarrierError::Malformed(format!("DHL tracking response: {e}")))?;
    let Some(shipments) = response.shipments else {
        return Err(
            if response.title.get().is_some() || response.status.get().is_some() {
                classify_error(200, body, None)
            } else {
                CarrierError::Malformed("DHL tracking response without shipments".into())
            },
        );
    };
    if shipments.is_empty() {
        return Err(CarrierError::NotFound);
    }
    let trackings: Vec<Tracking> = shipments.iter().filter_map(tracking).collect();
    if trackings.is_empty() {
        return Err(CarrierError::Malformed(
            "DHL shipments without an id".into(),
        ));
    }
    Ok(trackings)
}

fn tracking(shipment: &Shipment) -> Option<Tracking> {
    let Some(id) = shipment.id.get() else {
        tracing::warn!(carrier = CARRIER, "DHL shipment without an id; skipped");
        return None;
    };
    let details = shipment.details.as_ref();
    let product = details
        .and_then(|d| d.product.as_ref())
        .and_then(|p| p.product_name.get());
    let signed_by = details
        .and_then(|d| d.proof_of_delivery.as_ref())
        .and_then(|pod| pod.signed.as_ref())
        .and_then(signer_name);
    let mut unknown_codes = UnknownCodes::default();
    let events = events(shipment, signed_by.is_some(), &mut unknown_codes);
    Some(Tracking {
        tracking_number: id.to_owned(),
        carrier: CARRIER.to_owned(),
        service: product
            .or(shipment.service.get())
            .map(clean_html)
            .filter(|s| !s.is_empty()),
        estimated_delivery: estimated_delivery(shipment),
        delivery: signed_by.clone().map(|signed_by| DeliveryDetails {
            signed_by: Some(signed_by),
            left_at: None,
        }),
        events,
        unknown_codes,
        facts: Default::default(),
    })
}

/// `name`, else "given family".
fn signer_name(signer: &wire::Signer) -> Option<String> {
    let parts: Vec<&str> = [signer.given_name.get(), signer.family_name.get()]
        .into_iter()
        .flatten()
        .collect();
    let name = signer.name.get().map(str::to_owned);
    name.or_else(|| (!parts.is_empty()).then(|| parts.join(" ")))
}

/// The shipment's events oldest first; the latest `status` stands in when `events` is empty.
fn events(shipment: &Shipment, signed: bool, unknown: &mut UnknownCodes) -> Vec<RawEvent> {
    let express = shipment
        .service
        .get()
        .is_none_or(|s| s.eq_ignore_ascii_case("express"));
    let listed: Vec<&Event> = match shipment.events.as_deref() {
        Some(events) if !events.is_empty() => events.iter().collect(),
        _ => shipment.status.iter().collect(),
    };
    let mut timed: Vec<(time::Instant, &Event)> = listed
        .into_iter()
        .filter_map(|event| {
            let instant = event
                .timestamp
                .get()
                .and_then(|raw| time::parse(raw, country(event.location.as_ref())));
            if instant.is_none() {
                tracing::warn!(
                    carrier = CARRIER,
                    "DHL event without a readable timestamp; skipped"
                );
            }
            Some((instant?, event))
        })
        .collect();
    timed.reverse();
    timed.sort_by_key(|(instant, _)| instant.at);
    let mut prior: Option<Stage> = None;
    timed
        .into_iter()
        .map(|(instant, event)| {
            let raw = raw_event(event, instant, express, signed, prior, unknown);
            prior = Some(raw.stage);
            raw
        })
        .collect()
}

fn raw_event(
    event: &Event,
    instant: time::Instant,
    express: bool,
    signed: bool,
    prior: Option<Stage>,
    unknown: &mut UnknownCodes,
) -> RawEvent {
    let status_code = event.status_code.get();
    let checkpoint = event
        .status
        .get()
        .filter(|s| express && is_checkpoint_code(s));
    let free_status = event
        .status
        .get()
        .filter(|_| checkpoint.is_none())
        .map(clean_html);
    let description = event
        .description
        .get()
        .map(clean_html)
        .filter(|d| !d.is_empty());
    let detailed = event.status_detailed.get().map(clean_html);
    let text = [
        description.as_deref(),
        detailed.as_deref(),
        free_status.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let (stage, substatus) = codes::map_event(
        &Status {
            status_code,
            checkpoint,
            text: &text,
            signed,
        },
        prior,
        unknown,
    );
    let code = match (status_code, checkpoint) {
        (Some(category), Some(code)) => Some(format!("{category}/{code}")),
        (category, code) => category.or(code).map(str::to_owned),
    };
    RawEvent {
        occurred_at: instant.at,
        offset_known: instant.offset_known,
        stage,
        substatus,
        code,
        description: description
            .or(free_status)
            .or(detailed)
            .or(checkpoint.map(str::to_owned))
            .unwrap_or_default(),
        location: location(event),
    }
}

/// Express checkpoint codes are two or three upper-case letters or digits (`WC`, `OK`).
fn is_checkpoint_code(status: &str) -> bool {
    (2..=3).contains(&status.len())
        && status
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && status.bytes().any(|b| b.is_ascii_uppercase())
}

fn country(place: Option<&wire::Place>) -> Option<&str> {
    place?.address.as_ref()?.country_code.get()
}

/// "Locality, CC" from the parts present; the locality as DHL wrote it.
fn location(event: &Event) -> Option<String> {
    let address = event.location.as_ref()?.address.as_ref()?;
    join_location(&[
        address.address_locality.get().map(clean_html),
        address.country_code.get().map(str::to_ascii_uppercase),
    ])
}

/// `estimatedTimeOfDelivery` gives the date (in its own offset), `estimatedDeliveryTimeFrame`
/// the window. Naive times take the destination country's zone; when that cannot be known the
/// window is left out rather than guessed.
fn estimated_delivery(shipment: &Shipment) -> Option<EstimatedDelivery> {
    let destination = country(shipment.destination.as_ref());
    let parse = |raw: Option<&str>| raw.and_then(|raw| time::parse(raw, destination));
    let frame = shipment.estimated_delivery_time_frame.as_ref();
    let from = parse(frame.and_then(|f| f.estimated_from.get()));
    let until = parse(frame.and_then(|f| f.estimated_through.get()));
    let point = parse(shipment.estimated_time_of_delivery.get());
    let date = point
        .as_ref()
        .or(from.as_ref())
        .or(until.as_ref())?
        .at
        .date_naive();
    let known = |instant: Option<time::Instant>| instant.filter(|i| i.offset_known).map(|i| i.at);
    // Without a window, the estimated time itself is the latest promised.
    let until =
        known(until).or_else(|| known(point).filter(|at| at.time() != chrono::NaiveTime::MIN));
    Some(EstimatedDelivery {
        date,
        from: known(from),
        until,
    })
}
