//! Scan times chrono reads but no store can show: chrono parses years up to 262142, and a
//! scan in the last hours of that range has no day east of UTC (the pipeline's `date_naive`
//! panicked on it). Every parser leaves such a scan out, as it does an unreadable time.

use chrono::Datelike;
use serde_json::{Value, json};
use wismo_carriers::push::Provider;
use wismo_carriers::{CarrierError, Tracking};

const FAR: &str = "+262142-12-31T23:59:59";

/// The fixture with one scan's time fields set by `set`, parsed; the scans before and after.
fn scans_before_and_after(
    fixture: &str,
    parse: fn(&[u8]) -> Result<Vec<Tracking>, CarrierError>,
    set: fn(&mut Value),
) -> (usize, Vec<Tracking>) {
    let mut body: Value = serde_json::from_slice(&crate::testdata(fixture)).unwrap();
    let before: usize = parse(body.to_string().as_bytes())
        .unwrap()
        .iter()
        .map(|t| t.events.len())
        .sum();
    set(&mut body);
    (before, parse(body.to_string().as_bytes()).unwrap())
}

fn assert_far_scan_left_out(
    fixture: &str,
    parse: fn(&[u8]) -> Result<Vec<Tracking>, CarrierError>,
    set: fn(&mut Value),
) {
    let (before, trackings) = scans_before_and_after(fixture, parse, set);
    let events: Vec<_> = trackings.iter().flat_map(|t| &t.events).collect();
    assert_eq!(events.len(), before - 1, "{fixture}");
    assert!(
        events
            .iter()
            .all(|e| (1900..=9999).contains(&e.occurred_at.naive_utc().year())),
        "{fixture}: {events:?}"
    );
}

#[test]
fn a_ups_scan_in_year_262142_is_left_out() {
    assert_far_scan_left_out(
        "carrier_responses/ups.json",
        wismo_carriers::ups::parse,
        |b| {
            let activity = &mut b["trackResponse"]["shipment"][0]["package"][0]["activity"][0];
            activity["date"] = json!("+262142-12-31");
            activity["gmtDate"] = json!("+262142-12-31");
        },
    );
}

#[test]
fn a_fedex_scan_in_year_262142_is_left_out() {
    assert_far_scan_left_out(
        "carrier_responses/fedex.json",
        wismo_carriers::fedex::parse,
        |b| {
            b["output"]["completeTrackResults"][0]["trackResults"][0]["scanEvents"][0]["date"] =
                json!(FAR);
        },
    );
}

#[test]
fn a_usps_scan_in_year_262142_is_left_out() {
    assert_far_scan_left_out(
        "carrier_responses/usps.json",
        wismo_carriers::usps::parse,
        |b| {
            let event = &mut b["trackingEvents"][0];
            event["eventTimestamp"] = json!(FAR);
            event["GMTTimestamp"] = Value::Null;
        },
    );
}

#[test]
fn a_dhl_scan_in_year_262142_is_left_out() {
    assert_far_scan_left_out(
        "carrier_responses/dhl.json",
        wismo_carriers::dhl::parse,
        |b| {
            b["shipments"][0]["events"][0]["timestamp"] = json!(FAR);
        },
    );
}

#[test]
fn an_easypost_scan_in_year_262142_is_left_out() {
    assert_far_scan_left_out(
        "webhooks/easypost_tracker_updated_event.json",
        |b| Provider::EasyPost.parse(b),
        |b| b["result"]["tracking_details"][0]["datetime"] = json!(FAR),
    );
}

#[test]
fn an_aftership_scan_in_year_262142_is_left_out() {
    assert_far_scan_left_out(
        "webhooks/aftership_tracking_update.json",
        |b| Provider::AfterShip.parse(b),
        |b| b["msg"]["checkpoints"][0]["checkpoint_time"] = json!(FAR),
    );
}

#[test]
fn a_17track_scan_in_year_262142_is_left_out() {
    assert_far_scan_left_out(
        "webhooks/17track_tracking_updated.json",
        |b| Provider::SeventeenTrack.parse(b),
        |b| {
            let event = &mut b["data"]["track_info"]["tracking"]["providers"][0]["events"][0];
            event["time_iso"] = json!(FAR);
            event["time_utc"] = json!(FAR);
        },
    );
}
