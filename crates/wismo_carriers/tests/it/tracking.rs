//! A carrier's answer as the event pipeline takes it (`Tracking::into_update`).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use wismo_carriers::{EstimatedDelivery, RawEvent, Tracking};
use wismo_domain::{CarrierEstimate, EventSource, NewEvent, Stage, Substatus};

fn at(text: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn scan(when: &str, stage: Stage, code: &str, description: &str) -> RawEvent {
    RawEvent {
        occurred_at: at(when),
        offset_known: true,
        stage,
        substatus: None,
        code: Some(code.into()),
        description: description.into(),
        location: Some("Atlanta, GA, US".into()),
    }
}

fn tracking(estimate: Option<EstimatedDelivery>) -> Tracking {
    Tracking {
        tracking_number: "1Z999AA10123456784".into(),
        carrier: "ups".into(),
        service: Some("UPS Ground".into()),
        estimated_delivery: estimate,
        delivery: None,
        facts: Default::default(),
        events: vec![
            scan(
                "2026-03-02T09:15:00-05:00",
                Stage::InTransit,
                "I/005/AR",
                "Arrived",
            ),
            RawEvent {
                substatus: Some(Substatus::WithCourier),
                ..scan(
                    "2026-03-03T07:40:00-05:00",
                    Stage::OutForDelivery,
                    "O/072",
                    "Out For Delivery Today",
                )
            },
        ],
        unknown_codes: Default::default(),
    }
}

#[test]
fn an_answer_becomes_its_events_from_the_source_given_and_the_carriers_window() {
    let estimate = EstimatedDelivery {
        date: day("2026-03-03"),
        from: Some(at("2026-03-03T09:00:00-05:00")),
        until: Some(at("2026-03-03T14:00:00-05:00")),
    };
    let answer = tracking(Some(estimate));
    let expected: Vec<NewEvent> = answer
        .events
        .iter()
        .cloned()
        .map(|e| e.into_new_event(EventSource::Push))
        .collect();

    let update = answer.into_update(EventSource::Push);

    assert_eq!(update.events, expected);
    assert!(update.events.iter().all(|e| e.source == EventSource::Push));
    assert_eq!(
        update.events[1].carrier_code.as_deref(),
        Some("O/072"),
        "oldest first, as the carrier's"
    );
    assert_eq!(
        update.carrier_estimate,
        Some(CarrierEstimate {
            from: day("2026-03-03"),
            until: day("2026-03-03"),
            latest: Utc.with_ymd_and_hms(2026, 3, 3, 19, 0, 0).unwrap(),
        })
    );
}

#[test]
fn a_date_alone_is_promised_until_the_end_of_its_day_in_utc() {
    let estimate = EstimatedDelivery {
        date: day("2026-03-04"),
        from: None,
        until: None,
    };
    let update = tracking(Some(estimate)).into_update(EventSource::Poll);
    assert_eq!(
        update.carrier_estimate,
        Some(CarrierEstimate {
            from: day("2026-03-04"),
            until: day("2026-03-04"),
            latest: Utc.with_ymd_and_hms(2026, 3, 4, 23, 59, 59).unwrap(),
        })
    );
    assert!(update.events.iter().all(|e| e.source == EventSource::Poll));
}

#[test]
fn a_start_alone_is_the_latest_promise_and_the_days_are_kept_in_order() {
    let estimate = EstimatedDelivery {
        date: day("2026-03-04"),
        from: Some(at("2026-03-05T08:00:00+01:00")),
        until: None,
    };
    let update = tracking(Some(estimate)).into_update(EventSource::Poll);
    assert_eq!(
        update.carrier_estimate,
        Some(CarrierEstimate {
            from: day("2026-03-04"),
            until: day("2026-03-05"),
            latest: Utc.with_ymd_and_hms(2026, 3, 5, 7, 0, 0).unwrap(),
        })
    );
}

#[test]
fn no_estimate_is_no_carrier_estimate() {
    let update = tracking(None).into_update(EventSource::Poll);
    assert_eq!(update.carrier_estimate, None);
    assert_eq!(update.events.len(), 2);
}
