//! DHL: the example Express response, parcel-de quirks (naive local times, HTML, German words),
//! several shipments for one number, error classification, and unknown codes never reading as
//! delivered.

use proptest::prelude::*;
use serde_json::{Value, json};
use std::time::Duration;
use wismo_carriers::dhl::{self, CARRIER, classify_error};
use wismo_carriers::{CarrierError, DeliveryDetails, RawEvent, Tracking};
use wismo_domain::{Stage, Substatus};

fn parse_json(body: &Value) -> Vec<Tracking> {
    dhl::parse(body.to_string().as_bytes()).unwrap()
}

fn one_shipment(shipment: Value) -> Tracking {
    let mut trackings = parse_json(&json!({ "shipments": [shipment] }));
    assert_eq!(trackings.len(), 1);
    trackings.remove(0)
}

/// A parcel-de shipment around `events` (newest first).
fn parcel_de(events: Value) -> Value {
    json!({ "id": "00340434161094042557", "service": "parcel-de",
            "details": { "product": { "productName": "DHL PAKET" } }, "events": events })
}

fn de_event(status_code: &str, description: &str, timestamp: &str) -> Value {
    json!({ "timestamp": timestamp, "statusCode": status_code, "status": description, "description": description,
            "location": { "address": { "addressLocality": "Leipzig", "countryCode": "DE" } } })
}

fn rfc3339(event: &RawEvent) -> String {
    event.occurred_at.to_rfc3339()
}

#[test]
fn the_example_express_response_reads_as_a_signed_delivery() {
    let mut trackings = dhl::parse(&crate::testdata("carrier_responses/dhl.json")).unwrap();
    assert_eq!(trackings.len(), 1);
    let tracking = trackings.remove(0);

    assert_eq!(tracking.tracking_number, "3318810025");
    assert_eq!(tracking.carrier, CARRIER);
    assert_eq!(tracking.service.as_deref(), Some("EXPRESS WORLDWIDE"));
    assert_eq!(
        tracking.delivery,
        Some(DeliveryDetails {
            signed_by: Some("J DOE".into()),
            left_at: None
        })
    );
    let estimate = tracking.estimated_delivery.unwrap();
    assert_eq!(estimate.date.to_string(), "2025-06-12");
    assert_eq!(
        estimate.from.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-06-12T09:00:00-04:00")
    );
    assert_eq!(
        estimate.until.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-06-12T18:00:00-04:00")
    );

    let events = &tracking.events;
    let codes: Vec<&str> = events.iter().filter_map(|e| e.code.as_deref()).collect();
    assert_eq!(
        codes,
        [
            "pre-transit/SA",
            "transit/PU",
            "transit/PL",
            "transit/RR",
            "transit/DF",
            "transit/WC",
            "delivered/OK"
        ]
    );
    assert!(
        events
            .windows(2)
            .all(|w| w[0].occurred_at <= w[1].occurred_at),
        "oldest first"
    );
    assert!(events.iter().all(|e| e.offset_known));

    let first = &events[0];
    assert_eq!((first.stage, first.substatus), (Stage::InfoReceived, None));
    assert_eq!(rfc3339(first), "2025-06-09T10:12:00+08:00");
    assert_eq!(
        first.occurred_at.naive_utc().to_string(),
        "2025-06-09 02:12:00"
    );
    assert_eq!(first.location.as_deref(), Some("SHENZHEN - CHINA MAINLAND"));
    assert_eq!(first.description, "Shipment information received");

    assert_eq!(
        (events[1].stage, events[1].substatus),
        (Stage::InTransit, Some(Substatus::PickedUp))
    );
    assert_eq!(rfc3339(&events[2]), "2025-06-10T11:00:00+02:00");
    assert_eq!(
        (events[4].stage, events[4].substatus),
        (Stage::InTransit, Some(Substatus::DepartedFacility))
    );
    assert_eq!(
        events[4].location.as_deref(),
        Some("CINCINNATI HUB, OH - USA")
    );
    assert_eq!(
        (events[5].stage, events[5].substatus),
        (Stage::OutForDelivery, Some(Substatus::WithCourier))
    );

    let last = &events[6];
    assert_eq!(
        (last.stage, last.substatus),
        (Stage::Delivered, Some(Substatus::Signed))
    );
    assert_eq!(rfc3339(last), "2025-06-12T14:32:00-04:00");
    assert_eq!(
        last.occurred_at.naive_utc().to_string(),
        "2025-06-12 18:32:00"
    );
    assert_eq!(last.description, "Delivered - Signed for by: J DOE");
}

#[test]
fn a_naive_german_time_takes_berlins_offset_winter_and_summer() {
    let tracking = one_shipment(parcel_de(json!([
        de_event(
            "transit",
            "Die Sendung wurde im Ziel-Paketzentrum bearbeitet.",
            "2023-07-13T09:50:00"
        ),
        de_event(
            "transit",
            "Die Sendung wurde im Start-Paketzentrum bearbeitet.",
            "2023-03-13T09:50:00.250"
        ),
    ])));
    let times: Vec<String> = tracking.events.iter().map(rfc3339).collect();
    assert_eq!(
        times,
        ["2023-03-13T09:50:00.250+01:00", "2023-07-13T09:50:00+02:00"]
    );
    assert!(tracking.events.iter().all(|e| e.offset_known));
    assert_eq!(tracking.events[0].location.as_deref(), Some("Leipzig, DE"));
    assert_eq!(
        tracking.events[0].code.as_deref(),
        Some("transit"),
        "German text is not a code"
    );
}

#[test]
fn a_naive_polish_time_takes_warsaws_offset() {
    let mut shipment = parcel_de(
        json!([{ "timestamp": "2024-01-10T12:00:00", "statusCode": "transit",
        "description": "Przesyłka w drodze", "location": { "address": { "addressLocality": "Warszawa", "countryCode": "PL" } } }]),
    );
    shipment["service"] = json!("parcel-pl");
    assert_eq!(
        rfc3339(&one_shipment(shipment).events[0]),
        "2024-01-10T12:00:00+01:00"
    );
}

#[test]
fn a_naive_time_in_a_country_with_several_zones_reads_as_utc_and_says_so() {
    let shipment = parcel_de(
        json!([{ "timestamp": "2024-01-10T12:00:00", "statusCode": "transit",
        "description": "In transit", "location": { "address": { "addressLocality": "Chicago", "countryCode": "US" } } }]),
    );
    let event = &one_shipment(shipment).events[0];
    assert_eq!(rfc3339(event), "2024-01-10T12:00:00+00:00");
    assert!(!event.offset_known);
}

#[test]
fn parcel_de_html_is_stripped_and_german_words_refine_the_stage() {
    let tracking = one_shipment(parcel_de(json!([
        de_event(
            "delivered",
            "Die Sendung wurde an einen <b>Nachbarn</b> zugestellt.",
            "2023-03-14T13:05:00"
        ),
        de_event(
            "transit",
            "Die Sendung wurde in das <b>Zustellfahrzeug</b> geladen.",
            "2023-03-14T08:10:00"
        ),
        de_event(
            "pre-transit",
            "Die Auftragsdaten zu dieser Sendung wurden vom Absender elektronisch an DHL übermittelt.",
            "2023-03-12T18:00:00"
        ),
    ])));
    let events = &tracking.events;
    assert_eq!(tracking.service.as_deref(), Some("DHL PAKET"));
    assert_eq!(
        (events[0].stage, events[0].substatus),
        (Stage::InfoReceived, None)
    );
    assert_eq!(
        (events[1].stage, events[1].substatus),
        (Stage::OutForDelivery, Some(Substatus::WithCourier))
    );
    assert_eq!(
        events[1].description,
        "Die Sendung wurde in das Zustellfahrzeug geladen."
    );
    assert_eq!(
        (events[2].stage, events[2].substatus),
        (Stage::Delivered, Some(Substatus::ToNeighbour))
    );
}

#[test]
fn a_numeric_shipment_id_and_fractional_seconds_are_accepted() {
    let tracking = one_shipment(json!({ "id": 1234567890, "service": "express",
        "events": [{ "timestamp": "2025-06-12T14:32:00.5+02:00", "statusCode": "transit", "status": "AF",
                     "description": "Arrived at DHL Sort Facility" }] }));
    assert_eq!(tracking.tracking_number, "1234567890");
    assert_eq!(
        rfc3339(&tracking.events[0]),
        "2025-06-12T14:32:00.500+02:00"
    );
    assert_eq!(
        tracking.events[0].substatus,
        Some(Substatus::ArrivedAtFacility)
    );
}

#[test]
fn several_shipments_for_one_number_become_several_trackings() {
    let express = json!({ "id": "3318810025", "service": "express",
        "events": [{ "timestamp": "2025-06-09T18:29:00+08:00", "statusCode": "transit", "status": "PU", "description": "Shipment picked up" }] });
    let trackings = parse_json(&json!({ "shipments": [express, parcel_de(json!([]))] }));
    let numbers: Vec<&str> = trackings
        .iter()
        .map(|t| t.tracking_number.as_str())
        .collect();
    assert_eq!(numbers, ["3318810025", "00340434161094042557"]);
    assert_eq!(trackings[0].service.as_deref(), Some("express"));
    assert!(trackings[1].events.is_empty());
}

#[test]
fn the_latest_status_stands_in_when_there_are_no_events() {
    let tracking = one_shipment(json!({ "id": "3318810025", "service": "express",
        "status": { "timestamp": "2025-06-12T08:05:00-04:00", "statusCode": "transit", "status": "WC",
                    "description": "Shipment is out with courier for delivery" } }));
    assert_eq!(tracking.events.len(), 1);
    assert_eq!(tracking.events[0].stage, Stage::OutForDelivery);
}

#[test]
fn the_unknown_category_follows_the_previous_event_instead_of_reading_as_delayed() {
    let tracking = one_shipment(parcel_de(json!([
        de_event("unknown", "Hinweis zur Sendung", "2023-03-14T09:00:00"),
        de_event(
            "transit",
            "Die Sendung wurde im Start-Paketzentrum bearbeitet.",
            "2023-03-13T09:50:00"
        ),
        de_event("unknown", "Hinweis zur Sendung", "2023-03-12T09:00:00"),
    ])));
    let stages: Vec<Stage> = tracking.events.iter().map(|e| e.stage).collect();
    assert_eq!(stages, [Stage::Pending, Stage::InTransit, Stage::InTransit]);
}

#[test]
fn express_problem_checkpoints_ask_for_action_or_return() {
    let tracking = one_shipment(
        json!({ "id": "3318810025", "service": "express", "events": [
        { "timestamp": "2025-06-14T10:00:00-04:00", "statusCode": "failure", "status": "RT", "description": "Returned to shipper" },
        { "timestamp": "2025-06-13T10:00:00-04:00", "statusCode": "failure", "status": "BA", "description": "Bad address" },
        { "timestamp": "2025-06-12T10:00:00-04:00", "statusCode": "failure", "status": "NH", "description": "Delivery attempted; recipient not home" },
    ] }),
    );
    let mapped: Vec<_> = tracking
        .events
        .iter()
        .map(|e| (e.stage, e.substatus))
        .collect();
    assert_eq!(
        mapped,
        [
            (Stage::ActionRequired, Some(Substatus::FailedAttempt)),
            (Stage::ActionRequired, Some(Substatus::AddressProblem)),
            (Stage::Returned, Some(Substatus::ReturnedToSender)),
        ]
    );
}

#[test]
fn no_shipments_is_not_found_and_a_problem_in_a_success_response_too() {
    assert_eq!(
        dhl::parse(br#"{"shipments":[]}"#),
        Err(CarrierError::NotFound)
    );
    let problem = br#"{"title":"No result found","detail":"No shipment with given tracking number found.","status":404}"#;
    assert_eq!(dhl::parse(problem), Err(CarrierError::NotFound));
}

#[test]
fn malformed_json_is_malformed() {
    assert!(matches!(
        dhl::parse(b"{\"shipments\": [{"),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        dhl::parse(b"{\"url\":\"x\"}"),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        classify_error(200, b"<html>", None),
        CarrierError::Malformed(_)
    ));
}

#[test]
fn a_404_problem_is_not_found() {
    let body = br#"{"title":"No result found","detail":"No shipment with given tracking number found.","status":404,"instance":"/shipment/8264715546"}"#;
    assert_eq!(classify_error(404, body, None), CarrierError::NotFound);
}

#[test]
fn auth_rate_limit_outage_and_bad_request_are_told_apart() {
    let unauthorized = br#"{"title":"Unauthorized","status":401,"detail":"Invalid API key"}"#;
    assert!(
        matches!(classify_error(401, unauthorized, None), CarrierError::Auth(m) if m.contains("Invalid API key"))
    );
    assert_eq!(
        classify_error(429, b"", Some("5")),
        CarrierError::RateLimited {
            retry_after: Some(Duration::from_secs(5))
        }
    );
    assert!(matches!(
        classify_error(502, b"", None),
        CarrierError::Transient(_)
    ));
    let bad = br#"{"title":"Bad request","status":400,"detail":"Invalid service"}"#;
    assert!(
        matches!(classify_error(400, bad, None), CarrierError::Permanent(m) if m.contains("Invalid service"))
    );
}

fn neutral_text() -> impl Strategy<Value = String> {
    "[a-z]{3,9}( [a-z]{3,9}){0,4}"
}

proptest! {
    #[test]
    fn unknown_codes_with_neutral_words_never_read_as_delivered(
        events in prop::collection::vec((
            prop_oneof![Just("transit".to_owned()), Just("pre-transit".to_owned()), Just("unknown".to_owned()),
                Just("failure".to_owned()), "[a-z]{4,12}"],
            "[A-Z]{3}",
            neutral_text(),
            0u32..1440,
        ), 1..8),
    ) {
        let events: Vec<Value> = events.iter().map(|(status_code, checkpoint, text, minute)| json!({
            "timestamp": format!("2025-06-12T{:02}:{:02}:00+02:00", minute / 60, minute % 60),
            "statusCode": status_code, "status": checkpoint, "description": text })).collect();
        let count = events.len();
        let tracking = one_shipment(json!({ "id": "3318810025", "service": "express", "events": events }));
        prop_assert_eq!(tracking.events.len(), count);
        prop_assert!(tracking.events.iter().all(|e| e.stage != Stage::Delivered));
    }

    #[test]
    fn any_bytes_parse_or_fail_without_panicking(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = dhl::parse(&body);
        let _ = classify_error(404, &body, None);
    }
}

#[test]
fn the_example_express_responses_signer_becomes_the_parcels_signed_by_fact() {
    let mut trackings = dhl::parse(&crate::testdata("carrier_responses/dhl.json")).unwrap();
    let update = trackings
        .remove(0)
        .into_update(wismo_domain::EventSource::Poll);
    assert_eq!(update.facts.signed_by.as_deref(), Some("J DOE"));
    assert_eq!(update.facts.left_at, None);
}
