//! Tests of the fedex module: the example response, per-number errors, duplicate
//! numbers, times without offsets, estimates, errors, and the status table against FedEx's
//! published code list.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};
use wismo_carriers::fedex::{self, codes};
use wismo_carriers::{CarrierError, DeliveryDetails, Tracking};
use wismo_domain::{Stage, Substatus};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn scan(date: &str, event_type: &str, description: &str, location: Value) -> Value {
    json!({ "date": date, "eventType": event_type, "eventDescription": description, "exceptionCode": "",
            "exceptionDescription": "", "scanLocation": location, "derivedStatusCode": "IT" })
}

fn memphis() -> Value {
    json!({ "city": "MEMPHIS", "stateOrProvinceCode": "TN", "countryCode": "US" })
}

fn result(number: &str, unique: &str, scans: Value) -> Value {
    json!({ "trackingNumberInfo": { "trackingNumber": number, "trackingNumberUniqueId": unique, "carrierCode": "FDXG" },
            "scanEvents": scans, "serviceDetail": { "description": "FedEx Ground" } })
}

fn not_found(number: &str) -> Value {
    json!({ "trackingNumberInfo": { "trackingNumber": number, "trackingNumberUniqueId": "", "carrierCode": "" },
            "error": { "code": "TRACKING.TRACKINGNUMBER.NOTFOUND", "message": "Tracking number cannot be found." } })
}

fn response(entries: Vec<(&str, Vec<Value>)>) -> String {
    let complete: Vec<Value> = entries
        .into_iter()
        .map(|(n, results)| json!({ "trackingNumber": n, "trackResults": results }))
        .collect();
    json!({ "transactionId": "t-1", "output": { "completeTrackResults": complete } }).to_string()
}

fn parse_one(body: &str) -> Tracking {
    let mut trackings = fedex::parse(body.as_bytes()).unwrap();
    assert_eq!(trackings.len(), 1);
    trackings.remove(0)
}

#[test]
fn the_example_response_is_ten_scans_oldest_first_with_the_bare_pickup_time_read_in_minnesota() {
    let mut body: Value =
        serde_json::from_slice(&crate::testdata("carrier_responses/fedex.json")).unwrap();
    body.as_object_mut().unwrap().remove("_provenance");
    let t = parse_one(&body.to_string());

    assert_eq!(t.tracking_number, "738488882438");
    assert_eq!(t.carrier, "fedex");
    assert_eq!(t.service.as_deref(), Some("FedEx Ground"));
    assert_eq!(
        t.delivery,
        Some(DeliveryDetails {
            signed_by: Some("JDOE".into()),
            left_at: None
        })
    );
    let edd = t.estimated_delivery.as_ref().unwrap();
    assert_eq!(
        (edd.date, edd.from, edd.until),
        (NaiveDate::from_ymd_opt(2024, 8, 21).unwrap(), None, None)
    );

    let codes: Vec<&str> = t
        .events
        .iter()
        .map(|e| e.code.as_deref().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["PU", "OC", "AR", "AE", "DP", "AR", "DP", "AR", "OD", "DL"]
    );

    // "2024-08-15T00:00:00" has no offset; Minnesota is on Central time (CDT in August).
    let pickup = &t.events[0];
    assert_eq!(pickup.occurred_at, at("2024-08-15T00:00:00-05:00"));
    assert!(pickup.offset_known);
    assert_eq!(
        (pickup.stage, pickup.substatus),
        (Stage::InTransit, Some(Substatus::PickedUp))
    );
    assert_eq!(pickup.location.as_deref(), Some("MANKATO, MN, US"));

    let label = &t.events[1];
    assert_eq!(label.occurred_at, at("2024-08-15T10:36:00-05:00"));
    assert_eq!(
        label.occurred_at.to_utc().to_rfc3339(),
        "2024-08-15T15:36:00+00:00"
    );
    assert_eq!((label.stage, label.substatus), (Stage::InfoReceived, None));
    assert_eq!(
        label.location.as_deref(),
        Some("US"),
        "no city or state, never the postal code alone"
    );

    let early = &t.events[3];
    assert_eq!(
        (early.stage, early.substatus),
        (Stage::InTransit, None),
        "arriving early is not an arrival"
    );
    assert_eq!(
        (t.events[2].stage, t.events[2].substatus),
        (Stage::InTransit, Some(Substatus::ArrivedAtFacility))
    );

    let out = &t.events[8];
    assert_eq!(
        (out.stage, out.substatus),
        (Stage::OutForDelivery, Some(Substatus::WithCourier))
    );
    assert_eq!(out.description, "On FedEx vehicle for delivery");
    assert_eq!(out.location.as_deref(), Some("HOLBROOK, NY, US"));

    let delivered = t.events.last().unwrap();
    assert_eq!(delivered.occurred_at, at("2024-08-20T12:41:57-04:00"));
    assert_eq!(delivered.occurred_at.offset().local_minus_utc(), -4 * 3600);
    assert_eq!(
        delivered.occurred_at.to_utc().to_rfc3339(),
        "2024-08-20T16:41:57+00:00"
    );
    assert_eq!(
        (delivered.stage, delivered.substatus),
        (Stage::Delivered, Some(Substatus::Signed))
    );
    assert_eq!(delivered.location.as_deref(), Some("Blue Point, NY, US"));
    assert!(t.events.iter().all(|e| e.offset_known));
    assert!(
        t.events
            .windows(2)
            .all(|w| w[0].occurred_at <= w[1].occurred_at)
    );
}

#[test]
fn a_number_fedex_cannot_find_inside_a_200_is_not_found_on_its_own() {
    let found = result(
        "111111111111",
        "a",
        json!([scan(
            "2024-08-20T06:47:00-04:00",
            "OD",
            "On FedEx vehicle for delivery",
            memphis()
        )]),
    );
    let body = response(vec![
        ("111111111111", vec![found]),
        ("222222222222", vec![not_found("222222222222")]),
    ]);

    let per_number = fedex::parse_per_number(body.as_bytes()).unwrap();
    assert_eq!(per_number.len(), 2);
    assert_eq!(per_number[0].0, "111111111111");
    assert!(per_number[0].1.is_ok());
    assert_eq!(
        per_number[1],
        ("222222222222".to_owned(), Err(CarrierError::NotFound))
    );

    let trackings = fedex::parse(body.as_bytes()).unwrap();
    assert_eq!(
        trackings
            .iter()
            .map(|t| t.tracking_number.as_str())
            .collect::<Vec<_>>(),
        ["111111111111"]
    );

    let only_missing = response(vec![("222222222222", vec![not_found("222222222222")])]);
    assert_eq!(
        fedex::parse(only_missing.as_bytes()),
        Err(CarrierError::NotFound)
    );
}

#[test]
fn a_reused_number_keeps_the_result_with_the_newest_scan() {
    let old = result(
        "333333333333",
        "2023~333333333333~FDEG",
        json!([scan(
            "2023-03-01T10:00:00-05:00",
            "DL",
            "Delivered",
            memphis()
        )]),
    );
    let new = result(
        "333333333333",
        "2024~333333333333~FDEG",
        json!([scan(
            "2024-08-20T06:47:00-05:00",
            "AR",
            "Arrived at FedEx location",
            memphis()
        )]),
    );
    let body = response(vec![("333333333333", vec![old.clone(), new.clone()])]);
    let t = parse_one(&body);
    assert_eq!(
        t.events
            .iter()
            .map(|e| e.code.as_deref().unwrap())
            .collect::<Vec<_>>(),
        ["AR"]
    );

    let reversed = response(vec![("333333333333", vec![new, old])]);
    assert_eq!(parse_one(&reversed).events[0].code.as_deref(), Some("AR"));
}

#[test]
fn a_bare_time_in_germany_gets_berlins_offset_for_the_season() {
    let berlin = json!({ "city": "KOELN", "countryCode": "DE" });
    let scans = json!([
        scan(
            "2024-07-15T10:00:00",
            "DP",
            "Departed FedEx location",
            berlin.clone()
        ),
        scan(
            "2024-01-15T10:00:00",
            "AR",
            "Arrived at FedEx location",
            berlin
        ),
    ]);
    let t = parse_one(&response(vec![(
        "444444444444",
        vec![result("444444444444", "u", scans)],
    )]));
    assert_eq!(t.events[0].occurred_at, at("2024-01-15T10:00:00+01:00"));
    assert_eq!(t.events[1].occurred_at, at("2024-07-15T10:00:00+02:00"));
    assert!(t.events.iter().all(|e| e.offset_known));
    assert_eq!(t.events[0].location.as_deref(), Some("KOELN, DE"));
}

#[test]
fn a_bare_time_where_the_zone_is_unknowable_is_read_as_utc_and_flagged() {
    let scans = json!([
        scan(
            "2024-01-15T10:00:00",
            "AR",
            "Arrived at FedEx location",
            json!({ "countryCode": "US" })
        ),
        scan(
            "2024-01-14T09:00:00",
            "AR",
            "Arrived at FedEx location",
            json!({ "city": "EL PASO", "stateOrProvinceCode": "TX", "countryCode": "US" })
        ),
    ]);
    let t = parse_one(&response(vec![(
        "555555555555",
        vec![result("555555555555", "u", scans)],
    )]));
    assert_eq!(t.events[0].occurred_at, at("2024-01-14T09:00:00+00:00"));
    assert_eq!(t.events[1].occurred_at, at("2024-01-15T10:00:00+00:00"));
    assert!(t.events.iter().all(|e| !e.offset_known));
}

#[test]
fn the_delivery_window_borrows_an_offset_for_its_bare_start() {
    let mut r = result("666666666666", "u", json!([]));
    r["estimatedDeliveryTimeWindow"] = json!({ "window": { "begins": "2021-10-01T08:00:00", "ends": "2021-10-01T12:00:00-04:00" } });
    let edd = parse_one(&response(vec![("666666666666", vec![r])]))
        .estimated_delivery
        .unwrap();
    assert_eq!(edd.date, NaiveDate::from_ymd_opt(2021, 10, 1).unwrap());
    assert_eq!(edd.from, Some(at("2021-10-01T08:00:00-04:00")));
    assert_eq!(edd.until, Some(at("2021-10-01T12:00:00-04:00")));
}

#[test]
fn a_window_ending_at_the_next_midnight_is_for_the_starts_day() {
    let mut r = result("666666666667", "u", json!([]));
    r["estimatedDeliveryTimeWindow"] = json!({ "window": { "begins": "2021-10-01T08:00:00-04:00", "ends": "2021-10-02T00:00:00-04:00" } });
    let edd = parse_one(&response(vec![("666666666667", vec![r])]))
        .estimated_delivery
        .unwrap();
    assert_eq!(edd.date, NaiveDate::from_ymd_opt(2021, 10, 1).unwrap());
    assert_eq!(
        (edd.from, edd.until),
        (Some(at("2021-10-01T08:00:00-04:00")), None)
    );
}

#[test]
fn without_a_window_the_estimated_delivery_date_is_the_estimate() {
    let mut r = result("777777777777", "u", json!([]));
    r["estimatedDeliveryTimeWindow"] = json!({ "window": {} });
    r["dateAndTimes"] = json!([{ "type": "SHIP", "dateTime": "2024-08-15T00:00:00-06:00" },
                               { "type": "ESTIMATED_DELIVERY", "dateTime": "2024-08-19T00:00:00-04:00" }]);
    r["standardTransitTimeWindow"] = json!({ "window": { "ends": "2024-08-21T00:00:00-06:00" } });
    let edd = parse_one(&response(vec![("777777777777", vec![r])]))
        .estimated_delivery
        .unwrap();
    assert_eq!(
        (edd.date, edd.from, edd.until),
        (NaiveDate::from_ymd_opt(2024, 8, 19).unwrap(), None, None)
    );
}

#[test]
fn signed_and_left_at_come_from_the_delivery_details() {
    let mut r = result(
        "888888888888",
        "u",
        json!([scan(
            "2024-08-20T12:41:57-04:00",
            "DL",
            "Delivered",
            memphis()
        )]),
    );
    r["deliveryDetails"] = json!({ "receivedByName": "", "signedByName": "", "locationDescription": "Front door", "deliveryAttempts": "0" });
    let t = parse_one(&response(vec![("888888888888", vec![r])]));
    assert_eq!(
        t.delivery,
        Some(DeliveryDetails {
            signed_by: None,
            left_at: Some("Front door".into())
        })
    );
    assert_eq!(t.events[0].substatus, Some(Substatus::LeftAtDoor));
}

#[test]
fn an_exception_description_is_kept_and_sharpens_a_generic_problem() {
    let mut de = scan(
        "2024-08-20T12:41:57-04:00",
        "DE",
        "Delivery exception",
        memphis(),
    );
    de["exceptionDescription"] = json!("Incorrect address");
    let t = parse_one(&response(vec![(
        "999999999999",
        vec![result("999999999999", "u", json!([de]))],
    )]));
    assert_eq!(
        t.events[0].description,
        "Delivery exception: Incorrect address"
    );
    assert_eq!(
        (t.events[0].stage, t.events[0].substatus),
        (Stage::ActionRequired, Some(Substatus::AddressProblem))
    );

    assert_eq!(
        codes::map(
            "DE",
            "DE",
            "Delivery exception: Customer not available or business closed"
        ),
        (Stage::ActionRequired, Some(Substatus::FailedAttempt))
    );
    assert_eq!(
        codes::map("DE", "DE", "Delivery exception: Refused by recipient"),
        (Stage::Exception, Some(Substatus::Refused))
    );
    assert_eq!(
        codes::map("DY", "DY", "Delay: local weather conditions"),
        (Stage::Delayed, Some(Substatus::Weather))
    );
    assert_eq!(
        codes::map("CD", "CD", "Clearance delay: import duties due"),
        (Stage::ActionRequired, Some(Substatus::CustomsPayment))
    );
    assert_eq!(
        codes::map("Ow", "IT", "On the way"),
        (Stage::InTransit, None)
    );
}

#[test]
fn unknown_event_types_fall_back_to_the_derived_status_then_the_words() {
    assert_eq!(
        codes::map("ZZ", "DL", "Left at side door"),
        (Stage::Delivered, None)
    );
    assert_eq!(
        codes::map("ZZ", "IN", "Label created"),
        (Stage::InfoReceived, None)
    );
    assert_eq!(codes::map("ZZ", "IT", "Delivered").0, Stage::InTransit);
    assert_eq!(
        codes::map("ZZ", "", "Returning package to shipper").0,
        Stage::Returned
    );
    assert_eq!(
        codes::map("ZZ", "RL", "Running late"),
        (Stage::Delayed, Some(Substatus::CarrierDelay))
    );
}

#[test]
fn bodies_that_are_not_tracking_responses_are_malformed() {
    assert!(matches!(
        fedex::parse(b"\x1f\x8b\x08gzip"),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        fedex::parse_per_number(b"{\"transactionId\":\"t\"}"),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        fedex::classify_error(200, b"[1,2", None),
        CarrierError::Malformed(_)
    ));
    let request_error = json!({ "transactionId": "t", "errors": [{ "code": "TRACKING.TRACKINGNUMBER.EMPTY", "message": "Please provide tracking number." }] });
    assert!(
        matches!(fedex::parse(request_error.to_string().as_bytes()), Err(CarrierError::Permanent(m)) if m.contains("EMPTY"))
    );
}

#[test]
fn error_answers_are_classified_for_the_scheduler() {
    let body = |code: &str| {
        json!({ "transactionId": "t", "errors": [{ "code": code, "message": "m" }] }).to_string()
    };
    assert!(
        matches!(fedex::classify_error(401, body("NOT.AUTHORIZED.ERROR").as_bytes(), None), CarrierError::Auth(m) if m.contains("NOT.AUTHORIZED"))
    );
    assert!(matches!(
        fedex::classify_error(403, body("FORBIDDEN.ERROR").as_bytes(), None),
        CarrierError::Auth(_)
    ));
    assert_eq!(
        fedex::classify_error(404, body("NOT.FOUND.ERROR").as_bytes(), None),
        CarrierError::NotFound
    );
    assert_eq!(
        fedex::classify_error(
            400,
            body("TRACKING.TRACKINGNUMBER.NOTFOUND").as_bytes(),
            None
        ),
        CarrierError::NotFound
    );
    assert!(matches!(
        fedex::classify_error(400, body("TRACKING.TRACKINGNUMBER.EMPTY").as_bytes(), None),
        CarrierError::Permanent(_)
    ));
    assert_eq!(
        fedex::classify_error(429, body("TOO.MANY.REQUESTS").as_bytes(), Some(" 10 ")),
        CarrierError::RateLimited {
            retry_after: Some(Duration::from_secs(10))
        }
    );
    assert!(matches!(
        fedex::classify_error(500, body("INTERNAL.SERVER.ERROR").as_bytes(), None),
        CarrierError::Transient(_)
    ));
    assert!(
        matches!(fedex::classify_error(503, b"", None), CarrierError::Transient(m) if m == "HTTP 503")
    );
}

/// The codes of FedEx's status table (two `Code | Definition` columns; section headings
/// have no definition), from the vendored table.
fn spec_codes() -> Vec<(String, String)> {
    let text = String::from_utf8(crate::testdata(
        "carrier_specs/fedex_tracking_status_codes.txt",
    ))
    .unwrap();
    let mut codes = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("Code |"))
    {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        for pair in cells.chunks(2) {
            if let [code, definition] = pair
                && !code.is_empty()
                && !definition.is_empty()
            {
                codes.push(((*code).to_owned(), (*definition).to_owned()));
            }
        }
    }
    codes
}

#[test]
fn every_published_event_type_is_in_the_table() {
    let codes = spec_codes();
    assert!(codes.len() >= 60, "{} codes", codes.len());
    let unknown: Vec<&str> = codes
        .iter()
        .filter(|(c, _)| codes::lookup(c).is_none())
        .map(|(c, _)| c.as_str())
        .collect();
    assert!(
        unknown.is_empty(),
        "unmapped FedEx event types: {unknown:?}"
    );
    for (code, definition) in &codes {
        let (stage, _) = codes::lookup(code).unwrap();
        assert_eq!(
            stage == Stage::Delivered,
            code == "DL",
            "{code} {definition}"
        );
    }
    assert_eq!(
        codes::lookup("OD").map(|m| m.0),
        Some(Stage::OutForDelivery)
    );
    assert_eq!(codes::lookup("RS").map(|m| m.0), Some(Stage::Returned));
}

proptest! {
    #[test]
    fn unknown_event_types_never_become_delivered_unless_fedex_derived_it(
        event_type in "[A-Za-z0-9]{0,3}|.{0,4}",
        derived in "[A-Z]{0,2}|.{0,3}",
        description in prop_oneof![
            Just("Delivered".to_owned()),
            Just("Delivered to neighbour, signed by J DOE".to_owned()),
            Just("Status update".to_owned()),
            ".{0,80}",
        ],
    ) {
        prop_assume!(codes::lookup(&event_type).is_none());
        prop_assume!(!derived.trim().eq_ignore_ascii_case("DL"));
        let (stage, _) = codes::map(&event_type, &derived, &description);
        prop_assert_ne!(stage, Stage::Delivered);
    }
}

#[test]
fn the_example_responses_receiver_becomes_the_parcels_signed_by_fact() {
    let mut body: Value =
        serde_json::from_slice(&crate::testdata("carrier_responses/fedex.json")).unwrap();
    body.as_object_mut().unwrap().remove("_provenance");
    let update = parse_one(&body.to_string()).into_update(wismo_domain::EventSource::Poll);
    assert_eq!(update.facts.signed_by.as_deref(), Some("JDOE"));
}
