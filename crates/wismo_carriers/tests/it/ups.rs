//! Tests of the ups module: the example response, time formats, estimates, errors,
//! and the status table against UPS's published code lists.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};
use wismo_carriers::ups::{self, codes};
use wismo_carriers::{CarrierError, DeliveryDetails, Tracking};
use wismo_domain::{Stage, Substatus};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn utc(event_at: DateTime<FixedOffset>) -> String {
    event_at.to_utc().to_rfc3339()
}

fn parse_one(body: &Value) -> Tracking {
    let mut trackings = ups::parse(body.to_string().as_bytes()).unwrap();
    assert_eq!(trackings.len(), 1);
    trackings.remove(0)
}

/// A response with one package holding `activity` (newest first, as UPS sends it).
fn response(activity: Value) -> Value {
    json!({ "trackResponse": { "shipment": [{ "inquiryNumber": "1Z999AA10123456784", "package": [{
        "trackingNumber": "1Z999AA10123456784", "activity": activity
    }] }] } })
}

fn scan(kind: &str, status_code: &str, code: &str, description: &str) -> Value {
    json!({
        "location": { "address": { "city": "Atlanta", "stateProvince": "GA", "countryCode": "US" } },
        "status": { "type": kind, "statusCode": status_code, "code": code, "description": description },
        "date": "20250612", "time": "081405", "gmtDate": "20250612", "gmtTime": "12:14:05", "gmtOffset": "-04:00"
    })
}

#[test]
fn the_example_response_is_six_scans_oldest_first_ending_delivered_at_the_front_door() {
    let mut body: Value =
        serde_json::from_slice(&crate::testdata("carrier_responses/ups.json")).unwrap();
    body.as_object_mut().unwrap().remove("_provenance");
    let t = parse_one(&body);

    assert_eq!(t.tracking_number, "1Z5R89390357567127");
    assert_eq!(t.carrier, "ups");
    assert_eq!(t.service.as_deref(), Some("UPS Ground"));
    assert_eq!(
        t.estimated_delivery, None,
        "only a DEL date and time: delivered, not estimated"
    );
    assert_eq!(
        t.delivery,
        Some(DeliveryDetails {
            signed_by: None,
            left_at: Some("Front Door".into())
        })
    );

    let codes: Vec<&str> = t
        .events
        .iter()
        .map(|e| e.code.as_deref().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "M/003/MP", "I/160/OR", "I/005/DP", "I/005/AR", "I/021/OT", "D/011/F4"
        ]
    );
    let stages: Vec<(Stage, Option<Substatus>)> =
        t.events.iter().map(|e| (e.stage, e.substatus)).collect();
    assert_eq!(
        stages,
        [
            (Stage::InfoReceived, Some(Substatus::AwaitingPickup)),
            (Stage::InTransit, Some(Substatus::PickedUp)),
            (Stage::InTransit, Some(Substatus::DepartedFacility)),
            (Stage::InTransit, Some(Substatus::ArrivedAtFacility)),
            (Stage::OutForDelivery, Some(Substatus::WithCourier)),
            (Stage::Delivered, Some(Substatus::LeftAtDoor)),
        ]
    );

    let first = &t.events[0];
    assert_eq!(first.occurred_at, at("2025-06-08T16:40:20-05:00"));
    assert_eq!(first.occurred_at.offset().local_minus_utc(), -5 * 3600);
    assert_eq!(utc(first.occurred_at), "2025-06-08T21:40:20+00:00");
    assert_eq!(first.location.as_deref(), Some("US"));
    assert!(first.offset_known);

    // The Chicago scan is on the 9th locally and the 10th in UTC.
    let chicago = &t.events[1];
    assert_eq!(utc(chicago.occurred_at), "2025-06-10T00:02:32+00:00");
    assert_eq!(
        chicago.occurred_at.naive_local().to_string(),
        "2025-06-09 19:02:32"
    );
    assert_eq!(chicago.location.as_deref(), Some("Chicago, IL, US"));
    assert_eq!(t.events[2].location.as_deref(), Some("Louisville, KY, US"));
    assert_eq!(utc(t.events[2].occurred_at), "2025-06-12T02:45:00+00:00");

    let last = t.events.last().unwrap();
    assert_eq!(last.occurred_at, at("2025-06-12T14:32:12-04:00"));
    assert_eq!(last.occurred_at.offset().local_minus_utc(), -4 * 3600);
    assert_eq!(utc(last.occurred_at), "2025-06-12T18:32:12+00:00");
    assert_eq!(last.description, "DELIVERED");
    assert_eq!(last.location.as_deref(), Some("ATLANTA, GA, US"));
    assert!(
        t.events
            .windows(2)
            .all(|w| w[0].occurred_at <= w[1].occurred_at)
    );
}

#[test]
fn gmt_time_with_its_leading_zero_dropped_reads_as_hmmss() {
    let mut s = scan("I", "005", "AR", "Arrived at Facility");
    s["gmtDate"] = json!("20210210");
    s["gmtTime"] = json!("74700");
    s["gmtOffset"] = json!("-05:00");
    s["date"] = json!("20210210");
    s["time"] = json!("024700");
    let t = parse_one(&response(json!([s])));
    assert_eq!(t.events[0].occurred_at, at("2021-02-10T02:47:00-05:00"));
    assert_eq!(utc(t.events[0].occurred_at), "2021-02-10T07:47:00+00:00");

    let mut s = scan("I", "005", "AR", "Arrived at Facility");
    s["gmtTime"] = json!("230000");
    s["gmtDate"] = json!("20210210");
    let t = parse_one(&response(json!([s])));
    assert_eq!(utc(t.events[0].occurred_at), "2021-02-10T23:00:00+00:00");
    assert_eq!(
        t.events[0].occurred_at.offset().local_minus_utc(),
        -4 * 3600
    );
}

#[test]
fn without_gmt_the_local_time_minus_the_offset_is_used() {
    let mut s = scan("I", "005", "DP", "Departed from Facility");
    s.as_object_mut().unwrap().remove("gmtDate");
    s.as_object_mut().unwrap().remove("gmtTime");
    s["gmtOffset"] = json!("+05:30");
    s["date"] = json!("20250101");
    s["time"] = json!("103000");
    let t = parse_one(&response(json!([s])));
    assert_eq!(t.events[0].occurred_at, at("2025-01-01T10:30:00+05:30"));
    assert!(t.events[0].offset_known);
}

#[test]
fn without_any_offset_the_place_decides_or_the_local_time_is_read_as_utc() {
    let bare = |country: &str, region: Option<&str>| {
        json!({
            "location": { "address": { "city": "X", "stateProvince": region, "countryCode": country } },
            "status": { "type": "I", "statusCode": "005", "code": "AR", "description": "Arrived at Facility" },
            "date": "20250115", "time": "093000"
        })
    };
    let berlin = parse_one(&response(json!([bare("DE", None)])));
    assert_eq!(
        berlin.events[0].occurred_at,
        at("2025-01-15T09:30:00+01:00")
    );
    assert!(berlin.events[0].offset_known);

    let texas = parse_one(&response(json!([bare("US", Some("TX"))])));
    assert_eq!(texas.events[0].occurred_at, at("2025-01-15T09:30:00+00:00"));
    assert!(!texas.events[0].offset_known, "Texas has two zones");
}

#[test]
fn scans_at_the_same_instant_keep_the_carriers_sequence() {
    let newer = scan("I", "005", "DP", "Departed from Facility");
    let older = scan("I", "005", "AR", "Arrived at Facility");
    let t = parse_one(&response(json!([newer, older])));
    let codes: Vec<&str> = t
        .events
        .iter()
        .map(|e| e.code.as_deref().unwrap())
        .collect();
    assert_eq!(codes, ["I/005/AR", "I/005/DP"]);
}

#[test]
fn the_rescheduled_date_and_window_are_the_estimate_in_the_destinations_offset() {
    let mut body = response(json!([scan("I", "005", "AR", "Arrived at Facility")]));
    let package = &mut body["trackResponse"]["shipment"][0]["package"][0];
    package["deliveryDate"] =
        json!([{ "type": "SDD", "date": "20250613" }, { "type": "RDD", "date": "20250616" }]);
    package["deliveryTime"] = json!({ "type": "EDW", "startTime": "090000", "endTime": "190000" });
    package["packageAddress"] = json!([{ "type": "DESTINATION", "address": { "city": "Denver", "stateProvince": "CO", "countryCode": "US" } }]);
    let t = parse_one(&body);
    let edd = t.estimated_delivery.unwrap();
    assert_eq!(edd.date, NaiveDate::from_ymd_opt(2025, 6, 16).unwrap());
    assert_eq!(edd.from, Some(at("2025-06-16T09:00:00-06:00")));
    assert_eq!(edd.until, Some(at("2025-06-16T19:00:00-06:00")));
}

#[test]
fn a_commit_time_is_the_end_of_the_estimate_and_the_newest_scan_gives_the_offset() {
    let mut body = response(json!([scan("I", "005", "AR", "Arrived at Facility")]));
    let package = &mut body["trackResponse"]["shipment"][0]["package"][0];
    package["deliveryDate"] = json!([{ "type": "SDD", "date": "20250613" }]);
    package["deliveryTime"] = json!({ "type": "CMT", "endTime": "103000" });
    let edd = parse_one(&body).estimated_delivery.unwrap();
    assert_eq!(edd.from, None);
    assert_eq!(edd.until, Some(at("2025-06-13T10:30:00-04:00")));
}

#[test]
fn a_shipment_with_two_packages_is_two_trackings() {
    let mut body = response(json!([scan("I", "005", "AR", "Arrived at Facility")]));
    let second = json!({ "trackingNumber": "1Z999AA10123456795", "activity": [scan("D", "011", "MU", "Delivered")] });
    body["trackResponse"]["shipment"][0]["package"]
        .as_array_mut()
        .unwrap()
        .push(second);
    let trackings = ups::parse(body.to_string().as_bytes()).unwrap();
    let numbers: Vec<&str> = trackings
        .iter()
        .map(|t| t.tracking_number.as_str())
        .collect();
    assert_eq!(numbers, ["1Z999AA10123456784", "1Z999AA10123456795"]);
    assert_eq!(
        (
            trackings[1].events[0].stage,
            trackings[1].events[0].substatus
        ),
        (Stage::Delivered, Some(Substatus::ToMailbox))
    );
}

#[test]
fn a_200_with_warning_tw0001_and_no_package_is_not_found() {
    let body = json!({ "trackResponse": { "shipment": [{ "inquiryNumber": "1Z999AA10123456784",
        "warnings": [{ "code": "TW0001", "message": "Tracking Information Not Found" }] }] } });
    assert_eq!(
        ups::parse(body.to_string().as_bytes()),
        Err(CarrierError::NotFound)
    );
    let errors = json!({ "response": { "errors": [{ "code": "TW0001", "message": "Tracking Information Not Found" }] } });
    assert_eq!(
        ups::parse(errors.to_string().as_bytes()),
        Err(CarrierError::NotFound)
    );
}

#[test]
fn bodies_that_are_not_tracking_responses_are_malformed() {
    assert!(matches!(
        ups::parse(b"<html>gateway</html>"),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        ups::parse(b"{\"something\":1}"),
        Err(CarrierError::Malformed(_))
    ));
    assert!(matches!(
        ups::classify_error(200, b"{not json", None),
        CarrierError::Malformed(_)
    ));
}

#[test]
fn error_answers_are_classified_for_the_scheduler() {
    let body = |code: &str, message: &str| {
        json!({ "response": { "errors": [{ "code": code, "message": message }] } }).to_string()
    };
    let auth = ups::classify_error(
        401,
        body("250003", "Invalid Access License number").as_bytes(),
        None,
    );
    assert!(
        matches!(&auth, CarrierError::Auth(m) if m.contains("250003")),
        "{auth:?}"
    );
    assert!(matches!(
        ups::classify_error(403, body("250011", "Blocked merchant").as_bytes(), None),
        CarrierError::Auth(_)
    ));
    assert_eq!(
        ups::classify_error(404, body("TW0001", "Not Found").as_bytes(), None),
        CarrierError::NotFound
    );
    assert_eq!(
        ups::classify_error(400, body("TW0001", "Not Found").as_bytes(), None),
        CarrierError::NotFound
    );
    assert!(
        matches!(ups::classify_error(400, body("TV1002", "Invalid inquiry number").as_bytes(), None), CarrierError::Permanent(m) if m.contains("TV1002"))
    );
    assert_eq!(
        ups::classify_error(429, b"Quota Limit Exceeded", Some("30")),
        CarrierError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
    assert_eq!(
        ups::classify_error(429, b"", Some("Wed, 21 Oct 2015 07:28:00 GMT")),
        CarrierError::RateLimited { retry_after: None }
    );
    assert!(matches!(
        ups::classify_error(503, b"<html>down</html>", None),
        CarrierError::Transient(_)
    ));
    assert!(matches!(
        ups::classify_error(500, body("9999", "oops").as_bytes(), None),
        CarrierError::Transient(_)
    ));
    assert!(matches!(
        ups::classify_error(422, b"", None),
        CarrierError::Permanent(_)
    ));
}

#[test]
fn a_generic_exception_takes_its_detail_from_the_words() {
    let damaged = codes::map("X", "013", "45", "Your package was damaged in transit.");
    assert_eq!(damaged, (Stage::Exception, Some(Substatus::Damaged)));
    let duties = codes::map(
        "X",
        "029",
        "29",
        "Held in customs: import duties must be paid before release.",
    );
    assert_eq!(
        duties,
        (Stage::ActionRequired, Some(Substatus::CustomsPayment))
    );
    // A specific code keeps its own detail whatever the words say.
    assert_eq!(
        codes::map("X", "062", "51", "Delivery attempted"),
        (Stage::ActionRequired, Some(Substatus::CashOnDelivery))
    );
}

#[test]
fn the_activity_type_decides_voided_and_delivered() {
    assert_eq!(
        codes::map("MV", "007", "VP", "Voided"),
        (Stage::Cancelled, Some(Substatus::LabelVoided))
    );
    assert_eq!(
        codes::map("D", "005", "F4", "Delivered"),
        (Stage::Delivered, None)
    );
    assert_eq!(
        codes::map("D", "034", "", "Returned to Sender"),
        (Stage::Returned, Some(Substatus::ReturnedToSender))
    );
    assert_eq!(codes::lookup("5"), codes::lookup("005"));
}

#[test]
fn unknown_status_codes_fall_back_to_the_type_then_the_words() {
    assert_eq!(
        codes::map("D", "999", "", "Left with the concierge"),
        (Stage::Delivered, None)
    );
    assert_eq!(
        codes::map("I", "999", "", "Out for delivery today").0,
        Stage::OutForDelivery
    );
    assert_eq!(codes::map("I", "999", "", "Delivered").0, Stage::InTransit);
    assert_eq!(
        codes::map("X", "999", "", "Something happened").0,
        Stage::Exception
    );
    assert_eq!(
        codes::map("M", "999", "", "Something happened").0,
        Stage::InfoReceived
    );
}

/// Rows of a vendored `CODE | Description` spec table, header and comments skipped.
fn spec_rows(file: &str) -> Vec<(String, String)> {
    let text = String::from_utf8(crate::testdata(&format!("carrier_specs/{file}"))).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.contains("Customer Facing Text Description"))
        .filter_map(|l| l.split_once('|'))
        .map(|(code, text)| (code.trim().to_owned(), text.trim().to_owned()))
        .filter(|(code, _)| !code.is_empty())
        .collect()
}

#[test]
fn every_published_status_code_is_in_the_table() {
    let rows = spec_rows("ups_status_description_codes.txt");
    assert!(rows.len() >= 160, "{} rows", rows.len());
    let unknown: Vec<&str> = rows
        .iter()
        .filter(|(code, _)| codes::lookup(code).is_none())
        .map(|(c, _)| c.as_str())
        .collect();
    assert!(unknown.is_empty(), "unmapped UPS status codes: {unknown:?}");
    for (code, text) in &rows {
        let (stage, _) = codes::lookup(code).unwrap();
        let lower = text.to_lowercase();
        if lower.contains("out for delivery") {
            assert_eq!(stage, Stage::OutForDelivery, "{code} {text}");
        }
        if lower.starts_with("delivered")
            && !lower.contains("pickup")
            && !lower.contains("access point")
        {
            assert_eq!(stage, Stage::Delivered, "{code} {text}");
        }
        if stage == Stage::Delivered {
            assert!(
                lower.contains("deliver") || lower.contains("release"),
                "{code} {text} is not a delivery"
            );
        }
    }
}

#[test]
fn every_published_activity_type_and_manifest_code_maps_sensibly() {
    let types = spec_rows("ups_package_activity_types.txt");
    assert_eq!(types.len(), 10);
    for (kind, text) in &types {
        // An unknown status code and no words: the type alone decides.
        let (stage, _) = codes::map(kind, "999", "", "");
        let expected = match kind.as_str() {
            "D" => Stage::Delivered,
            "MV" => Stage::Cancelled,
            "M" => Stage::InfoReceived,
            "X" => Stage::Exception,
            _ => Stage::InTransit,
        };
        assert_eq!(stage, expected, "{kind} {text}");
    }
    let manifest = spec_rows("ups_manifest_codes.txt");
    assert_eq!(manifest.len(), 4);
    for (code, text) in &manifest {
        let (stage, _) = codes::map("M", "003", code, text);
        assert_eq!(stage, Stage::InfoReceived, "{code} {text}");
    }
}

proptest! {
    #[test]
    fn unknown_codes_never_become_delivered_unless_the_type_says_so(
        kind in "[A-Z]{0,2}|[a-z ]{0,3}",
        status_code in "[0-9]{3,4}|[A-Z0-9]{1,4}|.{0,6}",
        code in ".{0,3}",
        description in prop_oneof![
            Just("Delivered".to_owned()),
            Just("DELIVERED to neighbour, signed by J DOE".to_owned()),
            Just("Package status updated".to_owned()),
            ".{0,80}",
        ],
    ) {
        prop_assume!(codes::lookup(&status_code).is_none());
        prop_assume!(!kind.trim().eq_ignore_ascii_case("D"));
        let (stage, _) = codes::map(&kind, &status_code, &code, &description);
        prop_assert_ne!(stage, Stage::Delivered);
    }
}

/// The example response with `extra` fields laid onto its package.
fn example_with(extra: Value) -> Tracking {
    let mut body: Value =
        serde_json::from_slice(&crate::testdata("carrier_responses/ups.json")).unwrap();
    body.as_object_mut().unwrap().remove("_provenance");
    let package = &mut body["trackResponse"]["shipment"][0]["package"][0];
    for (key, value) in extra.as_object().unwrap() {
        package[key] = value.clone();
    }
    parse_one(&body)
}

#[test]
fn the_example_responses_front_door_becomes_the_parcels_left_at_fact() {
    let update = example_with(json!({})).into_update(wismo_domain::EventSource::Poll);
    assert_eq!(update.facts.left_at.as_deref(), Some("Front Door"));
    assert_eq!(update.facts.signed_by, None);
}

#[test]
fn an_access_points_pickup_by_date_is_the_parcels_hold_until_day() {
    let t = example_with(json!({ "accessPointInformation": { "pickupByDate": "20251212" } }));
    let pickup = t.facts.pickup.unwrap();
    assert_eq!(pickup.hold_until, NaiveDate::from_ymd_opt(2025, 12, 12));
}

#[test]
fn an_unpaid_payment_is_the_amount_due_and_a_paid_one_is_not() {
    let t = example_with(json!({ "paymentInformation": [
        { "amount": "12.00", "currency": "USD", "paid": true, "type": "ICOD" },
        { "amount": "243.5", "currency": "eur", "paid": false, "type": "ICOD" }
    ] }));
    let due = t.facts.amount_due.unwrap();
    assert_eq!(
        (due.amount.as_str(), due.currency.as_str()),
        ("243.5", "EUR")
    );
    let paid = example_with(json!({ "paymentInformation": [
        { "amount": "12.00", "currency": "USD", "paid": true }
    ] }));
    assert_eq!(paid.facts.amount_due, None);
}

#[test]
fn after_a_failed_attempt_the_rescheduled_day_is_the_next_attempt() {
    let failed = json!({ "trackResponse": { "shipment": [{ "package": [{
        "trackingNumber": "1Z999AA10123456784",
        "activity": [scan("X", "022", "48", "The receiver was not available for delivery.")],
        "deliveryDate": [{ "type": "RDD", "date": "20250613" }]
    }] }] } });
    let t = parse_one(&failed);
    assert_eq!(
        t.events.last().unwrap().substatus,
        Some(Substatus::FailedAttempt)
    );
    assert_eq!(t.facts.next_attempt, NaiveDate::from_ymd_opt(2025, 6, 13));
    let moving = json!({ "trackResponse": { "shipment": [{ "package": [{
        "trackingNumber": "1Z999AA10123456784",
        "activity": [scan("I", "005", "AR", "Arrived at Facility")],
        "deliveryDate": [{ "type": "RDD", "date": "20250613" }]
    }] }] } });
    assert_eq!(parse_one(&moving).facts.next_attempt, None);
}
