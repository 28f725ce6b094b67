//! USPS: the example real response, the wire quirks (string booleans, HTML, offsets in three
//! shapes), error classification, and unknown codes never reading as delivered.

use proptest::prelude::*;
use serde_json::{Value, json};
use std::time::Duration;
use wismo_carriers::usps::{self, CARRIER, classify_error};
use wismo_carriers::{CarrierError, DeliveryDetails, RawEvent, Tracking};
use wismo_domain::{Stage, Substatus};

fn parse_one(body: &[u8]) -> Tracking {
    let mut trackings = usps::parse(body).unwrap();
    assert_eq!(trackings.len(), 1, "USPS answers for one number");
    trackings.remove(0)
}

fn parse_json(body: &Value) -> Tracking {
    parse_one(body.to_string().as_bytes())
}

/// A response around `events` (newest first, as USPS sends them).
fn response(events: Value) -> Value {
    json!({ "trackingNumber": "9400100000000000000000", "mailClass": "Priority Mail", "trackingEvents": events })
}

fn event(code: &str, text: &str, gmt: &str) -> Value {
    json!({ "eventType": text, "eventCode": code, "GMTTimestamp": gmt, "GMTOffset": "-05:00",
            "eventCity": "LOUISVILLE", "eventState": "KY" })
}

fn rfc3339(event: &RawEvent) -> String {
    event.occurred_at.to_rfc3339()
}

#[test]
fn the_example_usps_response_reads_as_a_parcel_locker_delivery() {
    let tracking = parse_one(&crate::testdata("carrier_responses/usps.json"));

    assert_eq!(tracking.tracking_number, "9400109104250532908587");
    assert_eq!(tracking.carrier, CARRIER);
    assert_eq!(tracking.service.as_deref(), Some("USPS Ground Advantage"));
    assert_eq!(tracking.estimated_delivery, None);
    assert_eq!(
        tracking.delivery,
        Some(DeliveryDetails {
            signed_by: None,
            left_at: Some("Parcel Locker".into())
        })
    );

    let events = &tracking.events;
    let codes: Vec<&str> = events.iter().filter_map(|e| e.code.as_deref()).collect();
    assert_eq!(
        codes,
        [
            "GX", "03", "SF", "10", "T1", "TL", "TL", "TL", "A1", "07", "OF", "01"
        ]
    );
    assert!(
        events
            .windows(2)
            .all(|w| w[0].occurred_at <= w[1].occurred_at),
        "oldest first"
    );
    assert!(
        events
            .iter()
            .all(|e| e.offset_known && e.occurred_at.offset().local_minus_utc() == -5 * 3600)
    );

    let first = &events[0];
    assert_eq!(
        (first.stage, first.substatus),
        (Stage::InfoReceived, Some(Substatus::AwaitingPickup))
    );
    assert_eq!(rfc3339(first), "2024-11-15T11:32:33-05:00");
    assert_eq!(
        first.occurred_at.naive_utc().to_string(),
        "2024-11-15 16:32:33"
    );
    assert_eq!(first.location.as_deref(), Some("Springfield Gardens, NY"));
    assert_eq!(
        first.description,
        "Shipping Label Created, USPS Awaiting Item"
    );

    let last = &events[11];
    assert_eq!(
        (last.stage, last.substatus),
        (Stage::Delivered, Some(Substatus::AtLocker))
    );
    assert_eq!(rfc3339(last), "2024-11-22T13:58:40-05:00");
    assert_eq!(
        last.occurred_at.naive_utc().to_string(),
        "2024-11-22 18:58:40"
    );
    assert_eq!(last.location.as_deref(), Some("Hernando, FL"));

    let stages: Vec<Stage> = events.iter().map(|e| e.stage).collect();
    assert_eq!(stages[1..10], [Stage::InTransit; 9]);
    assert_eq!(
        (events[1].stage, events[1].substatus),
        (Stage::InTransit, Some(Substatus::PickedUp))
    );
    assert_eq!(
        (events[10].stage, events[10].substatus),
        (Stage::OutForDelivery, Some(Substatus::WithCourier))
    );
    assert_eq!(
        events[8].location.as_deref(),
        Some("Jacksonville FL Distribution Center")
    );
    assert_eq!(
        events[4].location.as_deref(),
        Some("Queens NY Distribution Center")
    );
    assert_eq!(
        events[5].location, None,
        "a scan without a place has no location"
    );
}

#[test]
fn booleans_as_strings_or_as_booleans_parse_the_same() {
    let as_strings = json!({ "trackingNumber": "9400100000000000000000", "emailEnabled": "true",
        "proofOfDeliveryEnabled": "false", "uniqueMailPieceID": "110158946",
        "trackingEvents": [{ "eventCode": "03", "eventType": "USPS in possession of item",
            "GMTTimestamp": "2024-11-18T16:10:31Z", "GMTOffset": "-05:00", "authorizedAgent": "false" }] });
    let as_booleans = json!({ "trackingNumber": "9400100000000000000000", "emailEnabled": true,
        "proofOfDeliveryEnabled": false, "uniqueMailPieceId": 110158946,
        "trackingEvents": [{ "eventCode": "03", "eventType": "USPS in possession of item",
            "GMTTimestamp": "2024-11-18T16:10:31Z", "GMTOffset": "-05:00", "authorizedAgent": false }] });
    let tracking = parse_json(&as_strings);
    assert_eq!(tracking, parse_json(&as_booleans));
    assert_eq!(tracking.events.len(), 1);
    assert_eq!(tracking.events[0].stage, Stage::InTransit);
}

#[test]
fn gmt_offsets_written_as_h_mm_or_as_minutes_keep_the_original_offset() {
    for offset in [json!("-7:00"), json!("-07:00"), json!("-420"), json!(-420)] {
        let body = response(json!([{ "eventCode": "OF", "eventType": "Out for Delivery",
            "eventTimestamp": "2024-04-04T07:03:00", "GMTTimestamp": "2024-04-04T14:03:12.041Z", "GMTOffset": offset }]));
        let event = &parse_json(&body).events[0];
        assert_eq!(
            rfc3339(event),
            "2024-04-04T07:03:12.041-07:00",
            "offset {offset}"
        );
        assert!(event.offset_known);
    }
}

#[test]
fn a_local_time_with_an_offset_is_used_when_the_utc_time_is_missing() {
    let body = response(
        json!([{ "eventCode": "07", "eventType": "Arrived at Post Office",
        "eventTimestamp": "2024-11-22T08:59:00", "GMTOffset": "-05:00" }]),
    );
    let event = &parse_json(&body).events[0];
    assert_eq!(rfc3339(event), "2024-11-22T08:59:00-05:00");
    assert!(event.offset_known);
}

#[test]
fn without_any_offset_the_local_time_reads_as_utc_and_says_so() {
    let body = response(
        json!([{ "eventCode": "07", "eventType": "Arrived at Post Office",
        "eventTimestamp": "2024-11-22T08:59:00" }]),
    );
    let event = &parse_json(&body).events[0];
    assert_eq!(rfc3339(event), "2024-11-22T08:59:00+00:00");
    assert!(!event.offset_known);
}

#[test]
fn scans_at_the_same_instant_keep_the_carriers_order() {
    let body = response(json!([
        event("OF", "Out for Delivery", "2024-11-22T14:10:00Z"),
        event("07", "Arrived at Post Office", "2024-11-22T14:10:00Z"),
    ]));
    let codes: Vec<_> = parse_json(&body)
        .events
        .into_iter()
        .filter_map(|e| e.code)
        .collect();
    assert_eq!(codes, ["07", "OF"]);
}

#[test]
fn a_signed_delivery_names_the_signer() {
    let mut delivered = event(
        "01",
        "Delivered, Left with Individual",
        "2024-11-22T18:58:40Z",
    );
    delivered["name"] = json!("J SMITH");
    let tracking = parse_json(&response(json!([delivered])));
    assert_eq!(
        tracking.delivery,
        Some(DeliveryDetails {
            signed_by: Some("J SMITH".into()),
            left_at: None
        })
    );
    assert_eq!(tracking.events[0].substatus, Some(Substatus::Signed));
}

#[test]
fn mailbox_and_front_door_deliveries_say_where_the_parcel_was_left() {
    for (text, left_at, substatus) in [
        (
            "Delivered, In/At Mailbox",
            "In/At Mailbox",
            Substatus::ToMailbox,
        ),
        (
            "Delivered, Front Door/Porch",
            "Front Door/Porch",
            Substatus::LeftAtDoor,
        ),
    ] {
        let tracking = parse_json(&response(json!([event(
            "01",
            text,
            "2024-11-22T18:58:40Z"
        )])));
        assert_eq!(
            tracking.delivery.and_then(|d| d.left_at).as_deref(),
            Some(left_at)
        );
        assert_eq!(tracking.events[0].substatus, Some(substatus));
    }
}

#[test]
fn the_estimate_uses_the_expected_date_and_the_predicted_window() {
    let mut body = response(json!([event(
        "03",
        "USPS in possession of item",
        "2024-11-18T16:10:31Z"
    )]));
    body["expectedDeliveryTimeStamp"] = json!("2024-11-22T00:00:00");
    body["predictedDeliveryDate"] = json!("2024-11-22");
    body["predictedDeliveryWindowStartTime"] = json!("08:00");
    body["predictedDeliveryWindowEndTime"] = json!("12:30");
    let estimate = parse_json(&body).estimated_delivery.unwrap();
    assert_eq!(estimate.date.to_string(), "2024-11-22");
    assert_eq!(
        estimate.from.map(|t| t.to_rfc3339()).as_deref(),
        Some("2024-11-22T08:00:00-05:00")
    );
    assert_eq!(
        estimate.until.map(|t| t.to_rfc3339()).as_deref(),
        Some("2024-11-22T12:30:00-05:00")
    );
}

#[test]
fn a_guaranteed_date_alone_is_an_estimate_without_a_window() {
    let mut body = response(json!([]));
    body["guaranteedDeliveryTimeStamp"] = json!("2024-11-23T12:00:00Z");
    let estimate = parse_json(&body).estimated_delivery.unwrap();
    assert_eq!(
        (estimate.date.to_string(), estimate.from, estimate.until),
        ("2024-11-23".into(), None, None)
    );
}

#[test]
fn a_mail_class_in_the_specs_enum_spelling_becomes_words() {
    let mut body = response(json!([]));
    body["mailClass"] = json!("PRIORITY_MAIL_EXPRESS");
    assert_eq!(
        parse_json(&body).service.as_deref(),
        Some("Priority Mail Express")
    );
}

#[test]
fn notice_left_and_return_codes_map_to_action_and_return() {
    let body = response(json!([
        event("09", "Return to Sender", "2024-11-25T15:00:00Z"),
        event(
            "02",
            "Notice Left (No Authorized Recipient Available)",
            "2024-11-22T18:00:00Z"
        ),
    ]));
    let events = parse_json(&body).events;
    assert_eq!(
        (events[0].stage, events[0].substatus),
        (Stage::ActionRequired, Some(Substatus::FailedAttempt))
    );
    assert_eq!(
        (events[1].stage, events[1].substatus),
        (Stage::Returned, Some(Substatus::ReturnedToSender))
    );
}

#[test]
fn an_unknown_code_takes_its_stage_from_the_category_then_the_words_then_the_previous_scan() {
    let mut body = response(json!([
        event("Z9", "Something new happened", "2024-11-22T20:00:00Z"),
        event(
            "Z8",
            "Item being returned to sender",
            "2024-11-22T19:00:00Z"
        ),
        event("Z7", "Something else happened", "2024-11-22T18:00:00Z"),
        event("03", "USPS in possession of item", "2024-11-18T16:10:31Z"),
        event("Z6", "Something happened", "2024-11-17T16:10:31Z"),
    ]));
    body["statusCategory"] = json!("Delivered");
    let stages: Vec<Stage> = parse_json(&body).events.iter().map(|e| e.stage).collect();
    // Before any scan: pending; after one: moving; words: returned; the category speaks for
    // the newest scan only, and it says delivered.
    assert_eq!(
        stages,
        [
            Stage::Pending,
            Stage::InTransit,
            Stage::InTransit,
            Stage::Returned,
            Stage::Delivered
        ]
    );
}

#[test]
fn delivered_in_the_words_of_an_unknown_code_is_not_trusted() {
    let body = response(json!([
        event(
            "Z1",
            "Delivery status not updated; delivered soon",
            "2024-11-22T19:00:00Z"
        ),
        event("03", "USPS in possession of item", "2024-11-18T16:10:31Z"),
    ]));
    assert_ne!(parse_json(&body).events[1].stage, Stage::Delivered);
}

#[test]
fn an_error_envelope_in_a_success_response_is_classified() {
    let body = json!({ "apiVersion": "/tracking/v3", "error": { "code": "404",
        "message": "Tracking is not available for this item.", "errors": [] } });
    assert_eq!(
        usps::parse(body.to_string().as_bytes()),
        Err(CarrierError::NotFound)
    );
}

#[test]
fn malformed_json_is_malformed() {
    assert!(matches!(
        usps::parse(b"{\"trackingNumber\": "),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        usps::parse(b"[]"),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        usps::parse(b"{}"),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        classify_error(200, b"<html>oops</html>", None),
        CarrierError::Malformed(_)
    ));
}

#[test]
fn a_400_that_says_the_number_is_unknown_is_not_found() {
    let body = json!({ "apiVersion": "/tracking/v3", "error": { "code": "400",
        "message": "Tracking is not available for this item. This may be because the tracking number is invalid; USPS has not yet received the item; or other reasons.",
        "errors": [{ "status": "400", "code": "1001", "title": "Invalid tracking number",
                     "detail": "The tracking number 9400100000000000000000 was not found." }] } });
    assert_eq!(
        classify_error(400, body.to_string().as_bytes(), None),
        CarrierError::NotFound
    );
}

#[test]
fn a_400_about_something_else_is_permanent() {
    let body = json!({ "apiVersion": "/tracking/v3", "error": { "code": "400",
        "message": "Invalid value for parameter expand", "errors": [] } });
    assert!(
        matches!(classify_error(400, body.to_string().as_bytes(), None), CarrierError::Permanent(m) if m.contains("expand"))
    );
}

#[test]
fn auth_rate_limit_and_outages_are_told_apart() {
    let unauthorized = json!({ "apiVersion": "/tracking/v3",
        "error": { "code": "401", "message": "The client application identifier is invalid.", "errors": [] } });
    assert!(
        matches!(classify_error(401, unauthorized.to_string().as_bytes(), None),
        CarrierError::Auth(m) if m.contains("identifier is invalid"))
    );
    assert_eq!(
        classify_error(429, b"", Some("30")),
        CarrierError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
    assert_eq!(
        classify_error(429, b"", Some("Wed, 21 Oct 2015 07:28:00 GMT")),
        CarrierError::RateLimited { retry_after: None }
    );
    assert!(
        matches!(classify_error(503, b"", Some("120")), CarrierError::Transient(m) if m.contains("120s"))
    );
    assert_eq!(classify_error(404, b"", None), CarrierError::NotFound);
}

/// Codes the table cannot know: three characters, or a two-character shape it does not use.
fn unknown_code() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Z][A-Z0-9]{2}", "Q[A-Z0-9]", "9[0-9]"]
}

fn neutral_text() -> impl Strategy<Value = String> {
    "[a-z]{3,9}( [a-z]{3,9}){0,4}"
}

proptest! {
    #[test]
    fn unknown_codes_with_neutral_words_never_read_as_delivered(
        scans in prop::collection::vec((unknown_code(), neutral_text(), 0u32..1440), 1..8),
        category in prop::option::of(prop_oneof![Just("In Transit".to_owned()), Just("Alert".to_owned()),
            Just("Pre-Shipment".to_owned()), "[a-z]{4,10}"]),
    ) {
        let events: Vec<Value> = scans.iter().map(|(code, text, minute)| json!({
            "eventCode": code, "eventType": text,
            "GMTTimestamp": format!("2024-01-01T{:02}:{:02}:00Z", minute / 60, minute % 60),
            "GMTOffset": "-05:00" })).collect();
        let mut body = response(Value::Array(events));
        if let Some(category) = category {
            body["statusCategory"] = json!(category);
        }
        let tracking = parse_json(&body);
        prop_assert_eq!(tracking.events.len(), scans.len());
        prop_assert!(tracking.events.iter().all(|e| e.stage != Stage::Delivered));
    }

    #[test]
    fn any_bytes_parse_or_fail_without_panicking(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = usps::parse(&body);
        let _ = classify_error(400, &body, None);
    }
}
