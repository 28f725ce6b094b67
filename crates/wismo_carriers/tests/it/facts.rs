//! Parcel facts read from each carrier's format: the fixtures under `testdata/facts/` are
//! the shared examples changed into the states where a fact appears (each says how in its
//! `_provenance`); the unchanged examples show that nothing is made up when it is absent.

use chrono::NaiveDate;
use wismo_carriers::push::Provider;
use wismo_carriers::{Tracking, fedex, usps};
use wismo_domain::{EventSource, ParcelFacts, PickupPoint, Stage, Substatus};

fn one(trackings: Vec<Tracking>) -> Tracking {
    assert_eq!(trackings.len(), 1);
    trackings.into_iter().next().unwrap()
}

/// What the pipeline would keep from `file` parsed by `parse`.
fn facts(file: &str, parse: impl Fn(&[u8]) -> Vec<Tracking>) -> (ParcelFacts, Tracking) {
    let tracking = one(parse(&crate::testdata(file)));
    (
        tracking.clone().into_update(EventSource::Poll).facts,
        tracking,
    )
}

fn fedex(file: &str) -> (ParcelFacts, Tracking) {
    facts(file, |b| fedex::parse(b).unwrap())
}

fn usps(file: &str) -> (ParcelFacts, Tracking) {
    facts(file, |b| usps::parse(b).unwrap())
}

fn pushed(provider: Provider, file: &str) -> (ParcelFacts, Tracking) {
    facts(file, |b| provider.parse(b).unwrap())
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn last_stage(t: &Tracking) -> (Stage, Option<Substatus>) {
    let e = t.events.last().unwrap();
    (e.stage, e.substatus)
}

#[test]
fn fedex_hold_at_location_becomes_the_pickup_point_with_its_name_and_street_address() {
    let (facts, t) = fedex("facts/fedex_held_at_location.json");
    assert_eq!(last_stage(&t).0, Stage::AvailableForPickup);
    assert_eq!(
        facts.pickup,
        Some(PickupPoint {
            name: Some("FedEx OnSite Walgreens".into()),
            address: Some("1 Main St, HOLBROOK, NY, 11741, US".into()),
            hours: None,
            hold_until: None,
        })
    );
    assert_eq!(facts.next_attempt, None);
    assert_eq!(facts.signed_by, None);
    assert_eq!(facts.amount_due, None);
}

#[test]
fn fedex_failed_attempt_takes_the_new_window_day_as_the_next_attempt() {
    let (facts, t) = fedex("facts/fedex_failed_attempt.json");
    assert_eq!(
        last_stage(&t),
        (Stage::ActionRequired, Some(Substatus::FailedAttempt))
    );
    assert_eq!(facts.next_attempt, Some(day(2024, 8, 21)));
    assert_eq!(facts.pickup, None);
    assert_eq!(facts.signed_by, None);
}

#[test]
fn the_fedex_example_has_a_receiver_and_no_pickup_point_or_next_attempt() {
    let (facts, _) = fedex("carrier_responses/fedex.json");
    assert_eq!(facts.signed_by.as_deref(), Some("JDOE"));
    assert_eq!(facts.pickup, None);
    assert_eq!(
        facts.next_attempt, None,
        "a delivered parcel has no next attempt"
    );
    assert_eq!(facts.left_at, None);
}

#[test]
fn usps_pickup_scan_names_the_post_office_as_the_pickup_point() {
    let (facts, t) = usps("facts/usps_available_for_pickup.json");
    assert_eq!(last_stage(&t).0, Stage::AvailableForPickup);
    assert_eq!(
        facts.pickup.and_then(|p| p.address).as_deref(),
        Some("Hernando, FL 34442")
    );
    assert_eq!(facts.left_at, None);
}

#[test]
fn usps_delivery_attribute_is_where_the_parcel_was_left() {
    let (facts, _) = usps("facts/usps_delivered_front_door.json");
    assert_eq!(facts.left_at.as_deref(), Some("Front Door/Porch"));
    assert_eq!(facts.pickup, None);

    let (facts, _) = usps("carrier_responses/usps.json");
    assert_eq!(facts.left_at.as_deref(), Some("Parcel Locker"));
    assert_eq!(facts.signed_by, None, "the example's scans name nobody");
    assert_eq!(facts.pickup, None);
}

#[test]
fn easypost_pickup_detail_location_becomes_the_pickup_point() {
    let (facts, t) = pushed(
        Provider::EasyPost,
        "facts/easypost_available_for_pickup.json",
    );
    assert_eq!(last_stage(&t).0, Stage::AvailableForPickup);
    assert_eq!(
        facts.pickup.and_then(|p| p.address).as_deref(),
        Some("BROOKLYN, NY 11201, US")
    );
    assert_eq!(facts.next_attempt, None);
}

#[test]
fn easypost_failure_takes_the_estimate_as_the_next_attempt() {
    let (facts, t) = pushed(Provider::EasyPost, "facts/easypost_failed_attempt.json");
    assert_eq!(
        last_stage(&t),
        (Stage::ActionRequired, Some(Substatus::FailedAttempt))
    );
    assert_eq!(facts.next_attempt, Some(day(2024, 8, 6)));
    assert_eq!(facts.pickup, None);
}

#[test]
fn the_easypost_example_in_transit_has_no_facts() {
    let (facts, _) = pushed(
        Provider::EasyPost,
        "webhooks/easypost_tracker_updated_event.json",
    );
    assert!(facts.is_empty(), "{facts:?}");
}

#[test]
fn seventeen_track_pickup_event_address_becomes_the_pickup_point() {
    let (facts, t) = pushed(
        Provider::SeventeenTrack,
        "facts/17track_available_for_pickup.json",
    );
    assert_eq!(last_stage(&t).0, Stage::AvailableForPickup);
    assert_eq!(
        facts.pickup.and_then(|p| p.address).as_deref(),
        Some("271 Cadman Plz E, BROOKLYN, NY 11201, US")
    );
}

#[test]
fn the_seventeen_track_example_in_transit_has_no_facts() {
    let (facts, _) = pushed(
        Provider::SeventeenTrack,
        "webhooks/17track_tracking_updated.json",
    );
    assert!(facts.is_empty(), "{facts:?}");
}

#[test]
fn fedex_hold_at_location_in_odd_shapes_is_read_as_far_as_it_goes() {
    let body = |hold: serde_json::Value| {
        let mut body: serde_json::Value =
            serde_json::from_slice(&crate::testdata("facts/fedex_held_at_location.json")).unwrap();
        body["output"]["completeTrackResults"][0]["trackResults"][0]["holdAtLocation"] = hold;
        one(fedex::parse(body.to_string().as_bytes()).unwrap())
            .into_update(EventSource::Poll)
            .facts
            .pickup
    };
    // One street line as a plain string, a number for the postal code.
    let pickup = body(
        serde_json::json!({ "locationContactAndAddress": { "address": {
        "streetLines": "1 Main St", "city": "HOLBROOK", "postalCode": 11741 } } }),
    );
    assert_eq!(
        pickup.and_then(|p| p.address).as_deref(),
        Some("1 Main St, HOLBROOK, 11741")
    );
    // Not an object, or an object without an address: no pickup point, and no failure.
    assert_eq!(body(serde_json::json!("HELD")), None);
    assert_eq!(body(serde_json::json!({ "locationId": "HNBKN" })), None);
    assert_eq!(
        body(
            serde_json::json!({ "locationContactAndAddress": { "address": { "streetLines": [null, ""] } } })
        ),
        None
    );
}
