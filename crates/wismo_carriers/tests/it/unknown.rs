//! Status codes no table knows: the parsers list them on the tracking and record nothing;
//! `unknown::record` counts them under the carrier alone, however many codes a carrier
//! invents.

use metrics::{Counter, Gauge, Histogram, Key, KeyName, Metadata, Recorder, SharedString, Unit};
use serde_json::json;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use wismo_carriers::push::Provider;
use wismo_carriers::{UnknownCodes, dhl, fedex, unknown, ups, usps};

/// What was counted: the distinct label sets of `wismo_carrier_unknown_codes_total`, and
/// the sum of its increments.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counted {
    pub labels: Vec<Vec<(String, String)>>,
    pub total: u64,
}

/// A recorder that keeps what is counted under the unknown-codes metric.
#[derive(Default)]
struct Recording {
    labels: Mutex<Vec<Vec<(String, String)>>>,
    total: Arc<AtomicU64>,
}

impl Recording {
    fn counted(&self) -> Counted {
        Counted {
            labels: self.labels.lock().unwrap().clone(),
            total: self.total.load(Ordering::SeqCst),
        }
    }
}

impl Recorder for Recording {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}

    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        if key.name() != "wismo_carrier_unknown_codes_total" {
            return Counter::noop();
        }
        let labels: Vec<(String, String)> = key
            .labels()
            .map(|l| (l.key().to_owned(), l.value().to_owned()))
            .collect();
        let mut seen = self.labels.lock().unwrap();
        if !seen.contains(&labels) {
            seen.push(labels);
        }
        Counter::from_arc(self.total.clone())
    }

    fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::noop()
    }

    fn register_histogram(&self, _: &Key, _: &Metadata<'_>) -> Histogram {
        Histogram::noop()
    }
}

/// `work`'s output and what it counted. The recorder is this thread's, so `work` must run
/// on it (a current-thread runtime does).
pub async fn counted<T>(work: impl Future<Output = T>) -> (T, Counted) {
    let recording = Recording::default();
    let output = {
        let _guard = metrics::set_default_local_recorder(&recording);
        work.await
    };
    (output, recording.counted())
}

fn sync_counted(work: impl FnOnce()) -> Counted {
    let recording = Recording::default();
    metrics::with_local_recorder(&recording, work);
    recording.counted()
}

#[test]
fn every_parser_lists_the_codes_its_tables_do_not_know_and_records_nothing() {
    let counted = sync_counted(|| {
        let scan = |status_code: &str| {
            json!({ "date": "20260302", "time": "091500", "gmtDate": "20260302",
            "gmtTime": "14:15:00", "gmtOffset": "-05:00",
            "status": { "type": "I", "statusCode": status_code, "description": "Processing" } })
        };
        let body = json!({ "trackResponse": { "shipment": [{ "package": [{
            "trackingNumber": "1Z999AA10123456784",
            "activity": [scan("999"), scan("005"), scan("999")] }] }] } });
        let tracking = ups::parse(body.to_string().as_bytes()).unwrap().remove(0);
        assert_eq!(tracking.unknown_codes.as_slice(), ["I/999"]);

        let body = json!({ "output": { "completeTrackResults": [{ "trackingNumber": "123456789012",
            "trackResults": [{ "trackingNumberInfo": { "trackingNumber": "123456789012" },
                "scanEvents": [
                    { "date": "2026-03-02T09:15:00-05:00", "eventType": "zz", "derivedStatusCode": "IT", "eventDescription": "Moving" },
                    { "date": "2026-03-02T08:15:00-05:00", "eventType": "AR", "derivedStatusCode": "IT", "eventDescription": "Arrived" }
                ] }] }] } });
        let tracking = fedex::parse(body.to_string().as_bytes()).unwrap().remove(0);
        assert_eq!(tracking.unknown_codes.as_slice(), ["ZZ"]);

        let body = json!({ "trackingNumber": "9400111899223334445566", "trackingEvents": [
            { "eventType": "Moving along", "eventCode": "Q9", "GMTTimestamp": "2026-03-02T14:15:00Z", "GMTOffset": "-05:00" },
            { "eventType": "Arrived at USPS Facility", "eventCode": "10", "GMTTimestamp": "2026-03-02T13:15:00Z", "GMTOffset": "-05:00" }
        ] });
        let tracking = usps::parse(body.to_string().as_bytes()).unwrap().remove(0);
        assert_eq!(tracking.unknown_codes.as_slice(), ["Q9"]);

        let body = json!({ "shipments": [{ "id": "3318810025", "service": "express", "events": [
            { "timestamp": "2026-03-02T09:00:00+01:00", "statusCode": "transit", "status": "QQ", "description": "Somewhere" },
            { "timestamp": "2026-03-02T08:00:00+01:00", "statusCode": "transit", "status": "AF", "description": "Arrived" }
        ] }] });
        let tracking = dhl::parse(body.to_string().as_bytes()).unwrap().remove(0);
        assert_eq!(tracking.unknown_codes.as_slice(), ["transit/QQ"]);
    });
    assert_eq!(counted, Counted::default());
}

#[test]
fn a_response_in_known_codes_lists_none() {
    let body = json!({ "shipments": [{ "id": "3318810025", "service": "express", "events": [
        { "timestamp": "2026-03-02T09:00:00+01:00", "statusCode": "transit", "status": "WC", "description": "With courier" }
    ] }] });
    let tracking = dhl::parse(body.to_string().as_bytes()).unwrap().remove(0);
    assert!(tracking.unknown_codes.is_empty());
}

#[test]
fn the_metric_has_one_series_per_carrier_however_many_codes_arrive() {
    let counted = sync_counted(|| {
        for batch in 0..100 {
            let mut codes = UnknownCodes::default();
            for n in 0..20 {
                codes.note(&format!("X{batch}-{n}"));
            }
            unknown::record("ups", &codes);
        }
        let mut codes = UnknownCodes::default();
        codes.note("ZZ");
        unknown::record("fedex", &codes);
        unknown::record("usps", &UnknownCodes::default());
    });
    assert_eq!(
        counted,
        Counted {
            labels: vec![
                vec![("carrier".into(), "ups".into())],
                vec![("carrier".into(), "fedex".into())],
            ],
            total: 2001,
        }
    );
}

#[test]
fn a_webhook_parsed_for_real_counts_its_unknown_codes_under_the_provider() {
    let body = json!({ "description": "tracker.updated", "result": {
        "tracking_code": "9400111899223334445566", "carrier": "USPS",
        "tracking_details": [{ "datetime": "2026-03-02T09:00:00Z", "status": "teleported",
            "status_detail": "arrived_at_facility", "message": "Somewhere" }] } });
    let mut trackings = None;
    let counted = sync_counted(|| {
        trackings = Some(
            Provider::EasyPost
                .parse(body.to_string().as_bytes())
                .unwrap(),
        );
    });
    let tracking = trackings.unwrap().remove(0);
    assert_eq!(tracking.unknown_codes.as_slice(), ["teleported"]);
    assert_eq!(
        counted,
        Counted {
            labels: vec![vec![("carrier".into(), "easypost".into())]],
            total: 1
        }
    );
}
