//! Tests of the push module: aggregator webhook signatures (known-answer vectors from
//! testdata/webhooks) and parsing of the example bodies, plus inline cases.

use chrono::{DateTime, FixedOffset, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};
use wismo_carriers::push::{self, Provider, SignatureError, aftership, easypost, seventeen_track};
use wismo_carriers::{CarrierError, RawEvent, Tracking};
use wismo_domain::{Stage, Substatus};

// ---- testdata: signature vectors and example bodies ----

/// A signature vector for one of the push providers, with its body file's exact bytes.
struct Vector {
    provider: Provider,
    secret: String,
    header: String,
    expected: String,
    body: Vec<u8>,
}

fn vectors() -> Vec<Vector> {
    let all: Vec<Value> =
        serde_json::from_slice(&crate::testdata("webhooks/signature_vectors.json")).unwrap();
    let vectors: Vec<Vector> = all
        .iter()
        .filter_map(|v| {
            let scheme = v["scheme"].as_str().unwrap();
            let provider = if scheme.starts_with("EasyPost") {
                Provider::EasyPost
            } else if scheme.starts_with("AfterShip") {
                Provider::AfterShip
            } else if scheme.starts_with("17TRACK") {
                Provider::SeventeenTrack
            } else {
                return None;
            };
            let body_file = v["body_file"].as_str().unwrap();
            Some(Vector {
                provider,
                secret: v["secret"].as_str().unwrap().to_owned(),
                header: v["header"].as_str().unwrap().to_owned(),
                expected: v["expected"].as_str().unwrap().to_owned(),
                body: crate::testdata(&format!("webhooks/{body_file}")),
            })
        })
        .collect();
    assert_eq!(vectors.len(), 3, "one vector per push provider");
    vectors
}

fn body(file: &str) -> Vec<u8> {
    crate::testdata(&format!("webhooks/{file}"))
}

#[test]
fn every_push_signature_vector_verifies_against_its_body_file() {
    let vectors = vectors();
    for v in vectors {
        // The vector's header name in its own case: the lookup must match case-insensitively.
        let headers = [(v.header.as_str(), v.expected.as_str())];
        assert_eq!(
            v.provider
                .verify(&v.secret, push::header_pairs(&headers), &v.body),
            Ok(()),
            "{}",
            v.provider
        );
    }
}

#[test]
fn sign_reproduces_every_expected_signature() {
    let vectors = vectors();
    for v in vectors {
        let (name, value) = v.provider.sign(&v.secret, &v.body);
        assert!(
            name.eq_ignore_ascii_case(&v.header),
            "{name} vs {}",
            v.header
        );
        assert_eq!(value, v.expected, "{}", v.provider);
    }
}

#[test]
fn one_changed_body_byte_or_another_secret_is_a_mismatch() {
    let vectors = vectors();
    for v in vectors {
        let headers = [(v.header.as_str(), v.expected.as_str())];
        for at in [0, v.body.len() / 2, v.body.len() - 1] {
            let mut body = v.body.clone();
            body[at] ^= 0x01;
            let result = v
                .provider
                .verify(&v.secret, push::header_pairs(&headers), &body);
            assert_eq!(
                result,
                Err(SignatureError::Mismatch),
                "{} byte {at}",
                v.provider
            );
        }
        let other = format!("{}x", v.secret);
        let result = v
            .provider
            .verify(&other, push::header_pairs(&headers), &v.body);
        assert_eq!(result, Err(SignatureError::Mismatch), "{}", v.provider);
    }
}

#[test]
fn easypost_keys_with_the_nfkd_secret_so_both_spellings_of_secret_verify() {
    let vectors = vectors();
    let v = vectors
        .iter()
        .find(|v| v.provider == Provider::EasyPost)
        .unwrap();
    let headers = [("X-Hmac-Signature", v.expected.as_str())];
    // Precomposed é (the vector) and e + combining acute are the same NFKD secret.
    assert_eq!(
        easypost::verify("s\u{e9}cret", push::header_pairs(&headers), &v.body),
        Ok(())
    );
    assert_eq!(
        easypost::verify("se\u{301}cret", push::header_pairs(&headers), &v.body),
        Ok(())
    );
    assert_eq!(
        easypost::verify("secret", push::header_pairs(&headers), &v.body),
        Err(SignatureError::Mismatch)
    );
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn only(trackings: Vec<Tracking>) -> Tracking {
    assert_eq!(trackings.len(), 1);
    trackings.into_iter().next().unwrap()
}

fn offset_hours(event: &RawEvent) -> i32 {
    event.occurred_at.offset().local_minus_utc() / 3600
}

#[test]
fn easypost_tracker_updated_example_parses_into_seven_fedex_scans() {
    let body = body("easypost_tracker_updated_event.json");
    let t = only(easypost::parse(&body).unwrap());
    assert_eq!(t.tracking_number, "1");
    assert_eq!(t.carrier, "fedex");
    assert_eq!(t.service.as_deref(), Some("FEDEX_GROUND"));
    assert_eq!(
        t.estimated_delivery.map(|e| e.date),
        NaiveDate::from_ymd_opt(2024, 8, 5)
    );
    assert_eq!(t.delivery, None);
    assert_eq!(t.events.len(), 7);

    let first = &t.events[0];
    assert_eq!(first.occurred_at, at("2024-07-31T15:00:00Z"));
    assert_eq!((offset_hours(first), first.offset_known), (0, true));
    assert_eq!(
        (first.stage, first.substatus),
        (Stage::InfoReceived, Some(Substatus::AwaitingPickup))
    );
    assert_eq!(first.code.as_deref(), Some("pre_transit/label_created"));
    assert_eq!(first.description, "Shipment information sent to FedEx");
    assert_eq!(first.location.as_deref(), Some("US"));
    assert_eq!(t.events[1].location.as_deref(), Some("ORLANDO, FL, US"));
    assert_eq!(t.events[3].substatus, Some(Substatus::DepartedFacility));
    assert_eq!(
        (t.events[4].stage, t.events[4].substatus),
        (Stage::InTransit, None)
    );

    let last = t.events.last().unwrap();
    assert_eq!(last.occurred_at, at("2024-08-02T18:50:00Z"));
    assert_eq!(
        (last.stage, last.substatus),
        (Stage::InTransit, Some(Substatus::ArrivedAtFacility))
    );
    assert_eq!(last.code.as_deref(), Some("in_transit/arrived_at_facility"));
    assert_eq!(last.location.as_deref(), Some("EDISON, NJ, US"));
    assert!(
        t.events
            .windows(2)
            .all(|w| w[0].occurred_at <= w[1].occurred_at)
    );
}

#[test]
fn aftership_tracking_update_example_parses_into_a_signed_ups_delivery() {
    let body = body("aftership_tracking_update.json");
    let t = only(aftership::parse(&body).unwrap());
    assert_eq!(t.tracking_number, "1Z5R89390357567127");
    assert_eq!(t.carrier, "ups");
    assert_eq!(
        t.estimated_delivery.map(|e| e.date),
        NaiveDate::from_ymd_opt(2025, 6, 12)
    );
    assert_eq!(
        t.delivery.and_then(|d| d.signed_by).as_deref(),
        Some("J DOE")
    );
    assert_eq!(t.events.len(), 3);

    let first = &t.events[0];
    assert_eq!(first.occurred_at, at("2025-06-08T21:40:20Z"));
    assert_eq!((offset_hours(first), first.offset_known), (-5, true));
    assert_eq!(
        (first.stage, first.substatus),
        (Stage::InfoReceived, Some(Substatus::AwaitingPickup))
    );
    assert_eq!(first.code.as_deref(), Some("InfoReceived_001"));
    assert_eq!(first.location.as_deref(), Some("US"));

    let out = &t.events[1];
    assert_eq!(
        (out.stage, out.substatus),
        (Stage::OutForDelivery, Some(Substatus::WithCourier))
    );
    assert_eq!(out.location.as_deref(), Some("Atlanta, GA, US"));

    let last = &t.events[2];
    assert_eq!(last.occurred_at, at("2025-06-12T18:32:12Z"));
    assert_eq!(offset_hours(last), -4);
    assert_eq!(last.stage, Stage::Delivered);
    assert_eq!(last.code.as_deref(), Some("Delivered_001"));
    assert_eq!(last.description, "DELIVERED");
    assert_eq!(last.location.as_deref(), Some("ATLANTA, GA, US"));
}

#[test]
fn seventeen_track_example_parses_newest_first_events_oldest_first() {
    let body = body("17track_tracking_updated.json");
    let t = only(seventeen_track::parse(&body).unwrap());
    assert_eq!(t.tracking_number, "RB123456785GB");
    assert_eq!(t.carrier, "17track:11031");
    assert_eq!(t.estimated_delivery, None);
    assert_eq!(t.delivery, None);
    assert_eq!(t.events.len(), 2);

    let first = &t.events[0];
    assert_eq!(first.occurred_at, at("2025-06-04T15:20:00Z"));
    assert_eq!((offset_hours(first), first.offset_known), (1, true));
    assert_eq!(
        (first.stage, first.substatus),
        (Stage::InTransit, Some(Substatus::PickedUp))
    );
    assert_eq!(first.code.as_deref(), Some("InTransit_PickedUp"));
    assert_eq!(first.description, "Item received");
    assert_eq!(first.location.as_deref(), Some("LONDON, GB"));

    let last = &t.events[1];
    assert_eq!(last.occurred_at, at("2025-06-10T13:15:00Z"));
    assert_eq!(offset_hours(last), -4);
    assert_eq!(
        (last.stage, last.substatus),
        (Stage::InTransit, Some(Substatus::ArrivedAtFacility))
    );
    assert_eq!(last.location.as_deref(), Some("NEW YORK, NY, US"));
}

#[test]
fn every_example_body_parses_through_its_provider() {
    let files = [
        (Provider::EasyPost, "easypost_tracker_updated_event.json"),
        (Provider::AfterShip, "aftership_tracking_update.json"),
        (Provider::SeventeenTrack, "17track_tracking_updated.json"),
    ];
    for (provider, file) in files {
        let body = body(file);
        assert_eq!(provider.parse(&body).map(|t| t.len()), Ok(1), "{provider}");
    }
}

// ---- inline: headers, secrets, dispatch ----

const BODY: &[u8] = br#"{"hello":"world"}"#;

#[test]
fn a_missing_or_empty_signature_header_is_missing() {
    for provider in Provider::ALL {
        let none: [(&str, &str); 1] = [("content-type", "application/json")];
        let empty = [(provider.signature_header(), "  ")];
        for headers in [&none[..], &empty[..]] {
            let result = provider.verify("secret", push::header_pairs(headers), BODY);
            assert_eq!(
                result,
                Err(SignatureError::MissingHeader(provider.signature_header())),
                "{provider}"
            );
        }
    }
}

#[test]
fn a_signature_header_in_the_wrong_format_is_malformed() {
    let (_, easypost_ok) = Provider::EasyPost.sign("secret", BODY);
    let hex = easypost_ok
        .trim_start_matches("hmac-sha256-hex=")
        .to_owned();
    let cases: [(Provider, String); 7] = [
        (Provider::EasyPost, hex.clone()),
        (Provider::EasyPost, format!("hmac-sha1-hex={hex}")),
        (Provider::EasyPost, "hmac-sha256-hex=abcd".into()),
        (Provider::AfterShip, "not base64!".into()),
        (Provider::AfterShip, "c2hvcnQ=".into()),
        (Provider::SeventeenTrack, "zz".repeat(32)),
        (Provider::SeventeenTrack, hex[..62].to_owned()),
    ];
    for (provider, value) in cases {
        let headers = [(provider.signature_header(), value.as_str())];
        let result = provider.verify("secret", push::header_pairs(&headers), BODY);
        assert!(
            matches!(result, Err(SignatureError::MalformedHeader { .. })),
            "{provider} {value}: {result:?}"
        );
    }
}

#[test]
fn an_empty_secret_verifies_nothing() {
    for provider in Provider::ALL {
        let (name, value) = provider.sign("", BODY);
        let result = provider.verify("", push::header_pairs(&[(name, value)]), BODY);
        assert_eq!(result, Err(SignatureError::NoSecret), "{provider}");
    }
}

#[test]
fn signed_bodies_verify_with_any_header_case_and_surrounding_space() {
    for provider in Provider::ALL {
        let (name, value) = provider.sign("s3cr3t", BODY);
        let headers = [(name.to_ascii_uppercase(), format!(" {value} "))];
        assert_eq!(
            provider.verify("s3cr3t", push::header_pairs(&headers), BODY),
            Ok(()),
            "{provider}"
        );
        // The closure form the server uses with a header map.
        let lookup = |n: &str| (n == name).then_some(value.as_str());
        assert_eq!(
            provider.verify("s3cr3t", lookup, BODY),
            Ok(()),
            "{provider}"
        );
    }
}

#[test]
fn seventeen_track_and_easypost_accept_upper_case_hex() {
    for provider in [Provider::EasyPost, Provider::SeventeenTrack] {
        let (name, value) = provider.sign("key", BODY);
        let upper = value.replace("hmac-sha256-hex=", "").to_ascii_uppercase();
        let value = if provider == Provider::EasyPost {
            format!("hmac-sha256-hex={upper}")
        } else {
            upper
        };
        assert_eq!(
            provider.verify("key", push::header_pairs(&[(name, value)]), BODY),
            Ok(()),
            "{provider}"
        );
    }
}

#[test]
fn providers_round_trip_through_their_slugs() {
    for provider in Provider::ALL {
        assert_eq!(provider.slug().parse::<Provider>(), Ok(provider));
        assert_eq!(provider.to_string(), provider.slug());
    }
    assert_eq!("EasyPost".parse::<Provider>(), Ok(Provider::EasyPost));
    assert_eq!(
        ["easypost", "aftership", "17track"],
        Provider::ALL.map(Provider::slug)
    );
    let err = "shippo".parse::<Provider>().unwrap_err().to_string();
    assert!(err.contains("shippo") && err.contains("17track"), "{err}");
}

// ---- inline: parsing ----

fn stage(event: &RawEvent) -> (Stage, Option<Substatus>) {
    (event.stage, event.substatus)
}

fn to_vec(value: Value) -> Vec<u8> {
    serde_json::to_vec(&value).unwrap()
}

fn easypost_event(description: &str, details: Value) -> Vec<u8> {
    let result = json!({
        "object": "Tracker", "tracking_code": "9400100000000000000000", "carrier": "USPS",
        "status": "delivered", "signed_by": "A NEIGHBOUR", "est_delivery_date": null,
        "tracking_details": details,
    });
    to_vec(json!({"object": "Event", "description": description, "result": result}))
}

fn easypost_detail(status: &str, detail: &str, datetime: &str) -> Value {
    json!({
        "message": "scan", "status": status, "status_detail": detail, "datetime": datetime,
        "tracking_location": {"city": "Austin", "state": "TX", "country": "US", "zip": null},
    })
}

/// A `tracker.updated` event with one scan at 2025-01-02T10:00:00Z.
fn easypost_scan(status: &str, detail: &str) -> Vec<u8> {
    let detail = easypost_detail(status, detail, "2025-01-02T10:00:00Z");
    easypost_event("tracker.updated", json!([detail]))
}

fn aftership_update(tag: &str, subtag: &str, time: &str) -> Vec<u8> {
    let checkpoint = json!({
        "checkpoint_time": time, "message": "scan", "tag": tag, "subtag": subtag,
        "city": null, "state": null, "country_iso3": "DEU", "location": null,
    });
    let msg = json!({
        "tracking_number": "00340434161094042557", "slug": "dhl-germany",
        "checkpoints": [checkpoint],
    });
    to_vec(json!({"event": "tracking_update", "event_id": "e1", "msg": msg, "ts": 1}))
}

fn seventeen_track_update(sub_status: &str, stage: &str, carrier: Value, edd: Value) -> Vec<u8> {
    let event = json!({
        "time_iso": "2025-06-10T09:15:00-04:00", "time_utc": "2025-06-10T13:15:00Z",
        "description": "scan", "location": "MEMPHIS TN", "stage": stage,
        "sub_status": sub_status, "address": null,
    });
    let providers = json!([{"provider": {"key": 100003}, "events": [event]}]);
    let info = json!({
        "time_metrics": {"estimated_delivery_date": edd},
        "tracking": {"providers": providers},
    });
    let data = json!({"number": "794600000000", "carrier": carrier, "track_info": info});
    to_vec(json!({"event": "TRACKING_UPDATED", "data": data}))
}

/// The one event of the one tracking in `body`.
fn only_event(provider: Provider, body: &[u8]) -> RawEvent {
    let mut t = only(provider.parse(body).unwrap());
    assert_eq!(t.events.len(), 1);
    t.events.remove(0)
}

#[test]
fn easypost_delivered_tracker_keeps_the_signer_and_maps_usps() {
    let detail = easypost_detail(
        "delivered",
        "arrived_at_destination",
        "2025-01-02T10:00:00-06:00",
    );
    let t = only(easypost::parse(&easypost_event("tracker.created", json!([detail]))).unwrap());
    assert_eq!(t.carrier, "usps");
    assert_eq!(
        t.delivery.and_then(|d| d.signed_by).as_deref(),
        Some("A NEIGHBOUR")
    );
    assert_eq!(stage(&t.events[0]), (Stage::Delivered, None));
    assert_eq!(t.events[0].location.as_deref(), Some("Austin, TX, US"));
    assert_eq!(offset_hours(&t.events[0]), -6);
}

#[test]
fn easypost_status_detail_turns_transit_into_a_delay_or_problem_but_never_a_delivery() {
    use Stage as S;
    use Substatus as Sub;
    let cases = [
        (
            "in_transit",
            "weather_delay",
            S::Delayed,
            Some(Sub::Weather),
        ),
        ("in_transit", "lost", S::Exception, Some(Sub::Lost)),
        (
            "in_transit",
            "return",
            S::Returned,
            Some(Sub::ReturnedToSender),
        ),
        (
            "failure",
            "address_correction",
            S::ActionRequired,
            Some(Sub::AddressProblem),
        ),
        (
            "return_to_sender",
            "weather_delay",
            S::Returned,
            Some(Sub::ReturnedToSender),
        ),
        (
            "cancelled",
            "cancelled",
            S::Cancelled,
            Some(Sub::LabelVoided),
        ),
        (
            "out_for_delivery",
            "out_for_delivery",
            S::OutForDelivery,
            Some(Sub::WithCourier),
        ),
        (
            "available_for_pickup",
            "arrived_at_pickup_location",
            S::AvailableForPickup,
            None,
        ),
    ];
    for (status, detail, expected, substatus) in cases {
        let event = only_event(Provider::EasyPost, &easypost_scan(status, detail));
        assert_eq!(stage(&event), (expected, substatus), "{status}/{detail}");
    }
}

#[test]
fn aftership_subtag_of_another_tag_cannot_make_a_checkpoint_delivered() {
    let time = "2025-01-02T10:00:00+01:00";
    let event = only_event(
        Provider::AfterShip,
        &aftership_update("InTransit", "Delivered_001", time),
    );
    assert_eq!(
        (event.stage, event.code.as_deref()),
        (Stage::InTransit, Some("Delivered_001"))
    );
    let event = only_event(
        Provider::AfterShip,
        &aftership_update("Exception", "Exception_011", time),
    );
    assert_eq!(
        stage(&event),
        (Stage::Returned, Some(Substatus::ReturnedToSender))
    );
    assert_eq!(event.location.as_deref(), Some("DE"));
}

#[test]
fn aftership_local_time_without_offset_is_read_as_utc_and_flagged() {
    let body = aftership_update("InTransit", "InTransit_007", "2025-01-02T10:00:00");
    let event = only_event(Provider::AfterShip, &body);
    assert_eq!(event.occurred_at, at("2025-01-02T10:00:00Z"));
    assert!(!event.offset_known);
    assert_eq!(event.substatus, Some(Substatus::DepartedFacility));
}

#[test]
fn seventeen_track_maps_known_carrier_codes_and_reads_the_delivery_window() {
    let (from, to) = ("2025-06-12T09:00:00-05:00", "2025-06-12T13:00:00-05:00");
    let edd = json!({"source": "Official", "from": from, "to": to});
    let body = seventeen_track_update("Delivered_Other", "Delivered", json!(100003), edd);
    let t = only(seventeen_track::parse(&body).unwrap());
    assert_eq!(t.carrier, "fedex");
    let edd = t.estimated_delivery.unwrap();
    assert_eq!(edd.date, NaiveDate::from_ymd_opt(2025, 6, 12).unwrap());
    assert_eq!((edd.from, edd.until), (Some(at(from)), Some(at(to))));
    assert_eq!(t.events[0].stage, Stage::Delivered);
    assert_eq!(t.events[0].location.as_deref(), Some("MEMPHIS TN"));
}

#[test]
fn seventeen_track_sub_status_outranks_a_contradicting_stage() {
    let body = seventeen_track_update("InTransit_Arrival", "Delivered", json!(21051), json!(null));
    let t = only(seventeen_track::parse(&body).unwrap());
    assert_eq!(t.carrier, "usps");
    let first = &t.events[0];
    assert_eq!(
        (first.stage, first.code.as_deref()),
        (Stage::InTransit, Some("InTransit_Arrival"))
    );

    let no_edd = json!({"from": null, "to": null});
    let body = seventeen_track_update("Exception_Lost", "", json!(190271), no_edd);
    let t = only(seventeen_track::parse(&body).unwrap());
    assert_eq!(t.carrier, "17track:190271");
    assert_eq!(t.estimated_delivery, None);
    assert_eq!(
        stage(&t.events[0]),
        (Stage::Exception, Some(Substatus::Lost))
    );
}

#[test]
fn events_that_carry_no_tracking_parse_to_nothing() {
    let batch = json!({"object": "Event", "description": "batch.created", "result": {"id": "b"}});
    assert_eq!(easypost::parse(&to_vec(batch)), Ok(vec![]));
    let other = json!({"event": "something_new", "msg": {"id": "x"}});
    assert_eq!(aftership::parse(&to_vec(other)), Ok(vec![]));
    let stopped = json!({"event": "TRACKING_STOPPED", "data": {"number": "RB123456785GB"}});
    assert_eq!(seventeen_track::parse(&to_vec(stopped)), Ok(vec![]));
}

#[test]
fn bodies_that_are_not_the_expected_json_are_malformed() {
    let malformed = |result: Result<Vec<Tracking>, CarrierError>| {
        matches!(result, Err(CarrierError::Malformed(_)))
    };
    let bodies: [&[u8]; 4] = [b"not json", b"[]", b"", br#"{"description": 5}"#];
    for provider in Provider::ALL {
        for body in bodies {
            assert!(malformed(provider.parse(body)), "{provider} {body:?}");
        }
    }
    let tracker = json!({"object": "Tracker", "status": "delivered"});
    let no_code = json!({"description": "tracker.updated", "result": tracker});
    assert!(malformed(easypost::parse(&to_vec(no_code))));
    assert!(malformed(aftership::parse(&to_vec(
        json!({"event": "tracking_update"})
    ))));
    let bad_data = json!({"event": "TRACKING_UPDATED", "data": {"number": 7}});
    assert!(malformed(seventeen_track::parse(&to_vec(bad_data))));
}

#[test]
fn an_event_without_a_readable_time_is_left_out() {
    let details = json!([
        easypost_detail("in_transit", "", "yesterday"),
        easypost_detail("in_transit", "", "2025-01-02T10:00:00Z"),
    ]);
    let event = only_event(
        Provider::EasyPost,
        &easypost_event("tracker.updated", details),
    );
    assert_eq!(event.code.as_deref(), Some("in_transit"));
}

/// One of `known`, or a random code.
fn code(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(known).prop_map(str::to_owned),
        "[A-Za-z_0-9]{0,24}"
    ]
}

proptest! {
    #[test]
    fn an_unknown_easypost_status_is_never_delivered(
        status in code(&["unknown", "in_transit", "Delivered", "delivered_x", "failure"]),
        detail in code(&["delivered", "return", "arrived_at_destination", "lost", ""]),
    ) {
        prop_assume!(status != "delivered");
        let event = only_event(Provider::EasyPost, &easypost_scan(&status, &detail));
        prop_assert_ne!(event.stage, Stage::Delivered);
    }

    #[test]
    fn an_unknown_aftership_tag_is_never_delivered(
        tag in code(&["InTransit", "Exception", "delivered", "Delivered_001", "Pending"]),
        subtag in code(&["Delivered_001", "Delivered_003", "Exception_011", "InTransit_999", ""]),
    ) {
        prop_assume!(tag != "Delivered");
        let body = aftership_update(&tag, &subtag, "2025-01-02T10:00:00+01:00");
        prop_assert_ne!(only_event(Provider::AfterShip, &body).stage, Stage::Delivered);
    }

    #[test]
    fn an_unknown_seventeen_track_status_is_never_delivered(
        sub_status in code(&["DeliveredOther", "InTransit_Delivered", "Exception_Returned", ""]),
        stage in code(&["Arrival", "Returned", "delivered", "", "InTransit"]),
    ) {
        prop_assume!(sub_status.split('_').next() != Some("Delivered") && stage != "Delivered");
        let body = seventeen_track_update(&sub_status, &stage, json!(11031), json!(null));
        prop_assert_ne!(only_event(Provider::SeventeenTrack, &body).stage, Stage::Delivered);
    }
}
