//! Recording tracking events: the transition rules, dedupe, refolds, concurrency, offsets.

use chrono::{DateTime, Duration, FixedOffset};
use std::sync::Arc;
use wismo_domain::{
    EventSource, ManualClock, NewEvent, ShipmentId, ShipmentProgress, Stage, StoreId, Substatus,
};
use wismo_store::{Store, StoreError};

use crate::fixtures::{a_store, an_order, at, scan, start, utc};

async fn one_shipment(store: &dyn Store) -> (StoreId, ShipmentId) {
    let acme = a_store(store, "acme").await;
    let order = an_order(store, &acme, "#1001", 1).await;
    (acme.id, order.shipments[0].id)
}

pub async fn events_move_the_shipment_through_its_stages(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let label = scan(0, Stage::InfoReceived);
    let recorded = store
        .record_events(acme, id, std::slice::from_ref(&label))
        .await
        .unwrap();
    assert_eq!(
        (
            recorded.inserted,
            recorded.shipment.stage,
            recorded.shipment.shipped_at
        ),
        (1, Stage::InfoReceived, None)
    );

    clock.advance(Duration::hours(1));
    let mut moving = scan(60, Stage::InTransit);
    moving.substatus = Some(Substatus::DepartedFacility);
    let out = scan(120, Stage::OutForDelivery);
    let recorded = store
        .record_events(acme, id, &[out.clone(), moving.clone()])
        .await
        .unwrap();
    let shipment = recorded.shipment;
    assert_eq!(recorded.inserted, 2);
    assert_eq!(
        (shipment.stage, shipment.substatus),
        (Stage::OutForDelivery, None)
    );
    assert_eq!(shipment.shipped_at, Some(utc(60)));
    assert_eq!(shipment.last_event_at, Some(utc(120)));
    assert_eq!(shipment.updated_at, start() + Duration::hours(1));

    let mut delivered = scan(180, Stage::Delivered);
    delivered.substatus = Some(Substatus::LeftAtDoor);
    let shipment = store
        .record_events(acme, id, &[delivered])
        .await
        .unwrap()
        .shipment;
    assert_eq!(
        (shipment.stage, shipment.substatus),
        (Stage::Delivered, Some(Substatus::LeftAtDoor))
    );
    assert_eq!(
        (shipment.delivered_at, shipment.last_event_at),
        (Some(utc(180)), Some(utc(180)))
    );
    assert_eq!(store.get_shipment(acme, id).await.unwrap(), shipment);

    let events = store.list_events(acme, id).await.unwrap();
    let stages: Vec<_> = events.iter().map(|e| e.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::InfoReceived,
            Stage::InTransit,
            Stage::OutForDelivery,
            Stage::Delivered
        ]
    );
    let first = &events[0];
    assert_eq!(
        (
            first.shipment_id,
            &first.description,
            first.location.as_deref()
        ),
        (id, &label.description, Some("Berlin, DE"))
    );
    assert_eq!(
        (first.source, &first.dedupe_key, first.recorded_at),
        (EventSource::Poll, &label.dedupe_key, start())
    );
    assert_eq!(events[1].substatus, Some(Substatus::DepartedFacility));
    assert_eq!(events[1].recorded_at, start() + Duration::hours(1));
}

pub async fn the_same_events_twice_insert_nothing_the_second_time_and_change_nothing(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let batch = [scan(0, Stage::InfoReceived), scan(30, Stage::InTransit)];
    let first = store.record_events(acme, id, &batch).await.unwrap();
    assert_eq!(first.inserted, 2);
    clock.advance(Duration::minutes(10));
    let second = store.record_events(acme, id, &batch).await.unwrap();
    assert_eq!(second.inserted, 0);
    assert_eq!(second.shipment, first.shipment, "not even updated_at moves");
    assert_eq!(store.list_events(acme, id).await.unwrap().len(), 2);
    let none = store.record_events(acme, id, &[]).await.unwrap();
    assert_eq!((none.inserted, none.shipment), (0, first.shipment));
}

pub async fn duplicate_events_within_one_batch_are_stored_once(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let moving = scan(10, Stage::InTransit);
    let mut pushed = moving.clone();
    pushed.source = EventSource::Push;
    let recorded = store
        .record_events(
            acme,
            id,
            &[moving.clone(), pushed, scan(20, Stage::Delayed)],
        )
        .await
        .unwrap();
    assert_eq!(recorded.inserted, 2);
    assert_eq!(recorded.shipment.stage, Stage::Delayed);
    let events = store.list_events(acme, id).await.unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0].source,
        EventSource::Poll,
        "the first of the duplicates is kept"
    );
}

pub async fn an_older_event_arriving_late_is_folded_in_by_the_rules(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    store
        .record_events(
            acme,
            id,
            &[
                scan(10, Stage::InfoReceived),
                scan(60, Stage::OutForDelivery),
            ],
        )
        .await
        .unwrap();
    // Applied on top, the older exception would show; in time order it was superseded.
    let recorded = store
        .record_events(acme, id, &[scan(30, Stage::Exception)])
        .await
        .unwrap();
    let shipment = recorded.shipment;
    assert_eq!(recorded.inserted, 1);
    assert_eq!(shipment.stage, Stage::OutForDelivery);
    assert_eq!(
        shipment.shipped_at,
        Some(utc(30)),
        "the carrier had the parcel since the older scan"
    );
    assert_eq!(shipment.last_event_at, Some(utc(60)));

    // An older delivered scan delivers, and later non-return scans do not undo it.
    let shipment = store
        .record_events(acme, id, &[scan(45, Stage::Delivered)])
        .await
        .unwrap()
        .shipment;
    assert_eq!(
        (
            shipment.stage,
            shipment.delivered_at,
            shipment.last_event_at
        ),
        (Stage::Delivered, Some(utc(45)), Some(utc(60)))
    );
    let stages: Vec<_> = store
        .list_events(acme, id)
        .await
        .unwrap()
        .iter()
        .map(|e| e.stage)
        .collect();
    assert_eq!(
        stages,
        [
            Stage::InfoReceived,
            Stage::Exception,
            Stage::Delivered,
            Stage::OutForDelivery
        ]
    );
}

pub async fn a_late_in_transit_scan_after_delivery_leaves_the_parcel_delivered(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    store
        .record_events(
            acme,
            id,
            &[scan(0, Stage::InTransit), scan(10, Stage::Delivered)],
        )
        .await
        .unwrap();
    let recorded = store
        .record_events(acme, id, &[scan(20, Stage::InTransit)])
        .await
        .unwrap();
    assert_eq!(recorded.inserted, 1);
    let shipment = recorded.shipment;
    assert_eq!(
        (shipment.stage, shipment.delivered_at),
        (Stage::Delivered, Some(utc(10)))
    );
    assert_eq!(shipment.last_event_at, Some(utc(20)));
    let shipment = store
        .record_events(acme, id, &[scan(30, Stage::Returned)])
        .await
        .unwrap()
        .shipment;
    assert_eq!(
        shipment.stage,
        Stage::Returned,
        "only a return may follow delivery"
    );
}

pub async fn concurrent_recorders_of_one_shipment_lose_no_event(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    const RECORDERS: i64 = 4;
    const EACH: i64 = 10;
    let (acme, id) = one_shipment(&*store).await;
    let stage_at = |minute: i64| match minute {
        0 => Stage::InfoReceived,
        30 => Stage::Delivered,
        m if m % 7 == 0 => Stage::Delayed,
        _ => Stage::InTransit,
    };
    // Recorder r sends minutes r, r + 4, r + 8, …: across recorders, events arrive out of order.
    let recorders: Vec<_> = (0..RECORDERS)
        .map(|r| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut inserted = 0;
                for i in 0..EACH {
                    let minute = r + RECORDERS * i;
                    inserted += store
                        .record_events(acme, id, &[scan(minute, stage_at(minute))])
                        .await
                        .unwrap()
                        .inserted;
                }
                inserted
            })
        })
        .collect();
    let mut inserted = 0;
    for recorder in recorders {
        inserted += recorder.await.unwrap();
    }
    let all: Vec<NewEvent> = (0..RECORDERS * EACH)
        .map(|m| scan(m, stage_at(m)))
        .collect();
    let expected = ShipmentProgress::fold(&all);
    let shipment = store.get_shipment(acme, id).await.unwrap();
    assert_eq!(inserted, all.len());
    assert_eq!(store.list_events(acme, id).await.unwrap().len(), all.len());
    assert_eq!(
        (
            shipment.stage,
            shipment.substatus,
            shipment.shipped_at,
            shipment.delivered_at,
            shipment.last_event_at
        ),
        (
            expected.stage,
            expected.substatus,
            expected.shipped_at,
            expected.delivered_at,
            expected.last_event_at
        ),
    );
    assert_eq!(
        (shipment.stage, shipment.delivered_at),
        (Stage::Delivered, Some(utc(30)))
    );
}

pub async fn an_events_original_utc_offset_survives_the_round_trip(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let kathmandu = DateTime::parse_from_rfc3339("2026-03-01T17:50:00+05:45").unwrap();
    let new_york = DateTime::parse_from_rfc3339("2026-03-01T07:30:00-05:00").unwrap();
    let events = [
        NewEvent::new(
            kathmandu,
            Stage::InTransit,
            None,
            "Departed KTM",
            None,
            Some("DP".into()),
            EventSource::Push,
        ),
        NewEvent::new(
            new_york,
            Stage::InTransit,
            None,
            "Arrived JFK",
            Some("New York, US".into()),
            None,
            EventSource::Poll,
        ),
    ];
    store.record_events(acme, id, &events).await.unwrap();
    let stored = store.list_events(acme, id).await.unwrap();
    let offsets: Vec<_> = stored
        .iter()
        .map(|e| (e.occurred_at, e.occurred_at.offset().local_minus_utc()))
        .collect();
    assert_eq!(
        offsets,
        [(kathmandu, 5 * 3600 + 45 * 60), (new_york, -5 * 3600)]
    );
    assert_eq!(
        stored[0].occurred_at.to_rfc3339(),
        "2026-03-01T17:50:00+05:45"
    );
    assert_eq!(stored[0].carrier_code.as_deref(), Some("DP"));
    assert_eq!(at(0).offset(), &FixedOffset::east_opt(7200).unwrap());
}

pub async fn another_stores_shipment_events_are_not_found(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let other = a_store(&*store, "other").await;
    let refused = store
        .record_events(other.id, id, &[scan(0, Stage::InTransit)])
        .await;
    assert!(
        matches!(refused, Err(StoreError::NotFound("shipment"))),
        "{refused:?}"
    );
    assert!(matches!(
        store.list_events(other.id, id).await,
        Err(StoreError::NotFound("shipment"))
    ));
    assert!(
        store.list_events(acme, id).await.unwrap().is_empty(),
        "nothing was stored"
    );
}
