//! The event pipeline's decisions as stored: milestones once each, carrier and predicted
//! estimates, delay detection and expiry by the clock, and idempotent updates.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::calendar::BusinessCalendar;
use wismo_domain::estimate::default_transit_days;
use wismo_domain::schedule::PUSH_SAFETY_NET;
use wismo_domain::{
    CarrierEstimate, Clock as _, DeliveryEstimate, EstimateBasis, EventSource, ManualClock,
    Milestone, NewEvent, Shipment, ShipmentId, Stage, StoreId, Substatus, TrackingUpdate,
};
use wismo_store::Store;

use crate::fixtures::{
    a_store, an_order, event_at, march, march_at, new_us_order, scan, start, utc,
};

const ATLANTA: &str = "Atlanta, GA, US";
const PORTLAND: &str = "Portland, OR, US";

async fn one_shipment(store: &dyn Store) -> (StoreId, ShipmentId) {
    let acme = a_store(store, "acme").await;
    let order = an_order(store, &acme, "#1001", 1).await;
    (acme.id, order.shipments[0].id)
}

/// An update with nothing new: the pipeline still runs with the clock.
fn nothing() -> TrackingUpdate {
    TrackingUpdate::default()
}

fn with_estimate(events: Vec<NewEvent>, estimate: CarrierEstimate) -> TrackingUpdate {
    TrackingUpdate {
        events,
        carrier_estimate: Some(estimate),
        facts: Default::default(),
    }
}

async fn milestones_of(store: &dyn Store, tenant: StoreId, id: ShipmentId) -> Vec<Milestone> {
    store
        .list_milestones(tenant, id)
        .await
        .unwrap()
        .iter()
        .map(|m| m.milestone)
        .collect()
}

pub async fn each_milestone_is_recorded_once_in_the_order_reached(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let journey = [
        (scan(0, Stage::InfoReceived), vec![Milestone::Shipped]),
        (scan(60, Stage::InTransit), vec![Milestone::InTransit]),
        (
            scan(120, Stage::OutForDelivery),
            vec![Milestone::OutForDelivery],
        ),
        (scan(180, Stage::Delivered), vec![Milestone::Delivered]),
    ];
    for (event, reached) in &journey {
        clock.set(event.occurred_at_utc() + Duration::minutes(1));
        let recorded = store
            .record_events(acme, id, std::slice::from_ref(event))
            .await
            .unwrap();
        assert_eq!(recorded.milestones, *reached, "{}", event.stage);
        if event.stage == Stage::InTransit {
            assert_eq!(
                milestones_of(&*store, acme, id).await,
                [Milestone::Shipped, Milestone::InTransit],
                "shipped is already there"
            );
        }
    }

    clock.advance(Duration::hours(1));
    let events: Vec<NewEvent> = journey.iter().map(|(e, _)| e.clone()).collect();
    let again = store.record_events(acme, id, &events).await.unwrap();
    assert_eq!((again.inserted, again.milestones), (0, Vec::new()));

    let records = store.list_milestones(acme, id).await.unwrap();
    let seen: Vec<_> = records
        .iter()
        .map(|m| (m.milestone, m.reached_at, m.recorded_at))
        .collect();
    assert_eq!(
        seen,
        [
            (Milestone::Shipped, utc(0), utc(1)),
            (Milestone::InTransit, utc(60), utc(61)),
            (Milestone::OutForDelivery, utc(120), utc(121)),
            (Milestone::Delivered, utc(180), utc(181)),
        ]
    );
    for record in &records {
        assert_eq!((record.shipment_id, record.store_id), (id, acme));
        assert_eq!((record.substatus, record.carrier_estimate), (None, None));
    }

    // A parcel first heard of in transit has shipped too: both are recorded at once.
    let order = store
        .create_order(acme, &crate::fixtures::new_order("#1002", 1))
        .await
        .unwrap();
    let moving = order.shipments[0].id;
    let recorded = store
        .record_events(acme, moving, &[scan(200, Stage::InTransit)])
        .await
        .unwrap();
    assert_eq!(
        recorded.milestones,
        [Milestone::Shipped, Milestone::InTransit]
    );
    let reached: Vec<_> = store
        .list_milestones(acme, moving)
        .await
        .unwrap()
        .iter()
        .map(|m| m.reached_at)
        .collect();
    assert_eq!(reached, [utc(200), utc(200)]);
}

pub async fn a_second_out_for_delivery_after_a_failed_attempt_records_nothing_new(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let mut failed = scan(600, Stage::ActionRequired);
    failed.substatus = Some(Substatus::FailedAttempt);
    let journey = [
        (
            scan(0, Stage::InTransit),
            vec![Milestone::Shipped, Milestone::InTransit],
        ),
        (
            scan(480, Stage::OutForDelivery),
            vec![Milestone::OutForDelivery],
        ),
        (failed, vec![Milestone::ActionRequired]),
        (scan(1_920, Stage::OutForDelivery), vec![]),
        (scan(2_040, Stage::Delivered), vec![Milestone::Delivered]),
    ];
    for (event, reached) in &journey {
        clock.set(event.occurred_at_utc() + Duration::minutes(1));
        let recorded = store
            .record_events(acme, id, std::slice::from_ref(event))
            .await
            .unwrap();
        assert_eq!(recorded.milestones, *reached, "{}", event.occurred_at);
        assert_eq!(recorded.shipment.stage, event.stage);
    }
    let records = store.list_milestones(acme, id).await.unwrap();
    let seen: Vec<_> = records
        .iter()
        .map(|m| (m.milestone, m.reached_at, m.substatus))
        .collect();
    assert_eq!(
        seen,
        [
            (Milestone::Shipped, utc(0), None),
            (Milestone::InTransit, utc(0), None),
            (Milestone::OutForDelivery, utc(480), None),
            (
                Milestone::ActionRequired,
                utc(600),
                Some(Substatus::FailedAttempt)
            ),
            (Milestone::Delivered, utc(2_040), None),
        ],
        "the first out-for-delivery is the one kept"
    );
}

pub async fn a_carrier_estimate_becomes_the_estimate_and_outlives_updates_without_one(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let promised = CarrierEstimate {
        from: march(4),
        until: march(5),
        latest: march_at(5, 23, 0),
    };
    clock.set(utc(1));
    let recorded = store
        .ingest(
            acme,
            id,
            &with_estimate(vec![scan(0, Stage::InTransit)], promised),
        )
        .await
        .unwrap();
    let shipment = recorded.shipment;
    let estimate = shipment.estimate.unwrap();
    assert_eq!(estimate.basis, EstimateBasis::Carrier);
    assert_eq!((estimate.from, estimate.until), (march(4), march(5)));
    assert_eq!(
        shipment.estimate,
        Some(DeliveryEstimate::from_carrier(march(4), march(5)))
    );
    assert_eq!(shipment.carrier_estimated_delivery, Some(promised.latest));
    assert_eq!(store.get_shipment(acme, id).await.unwrap(), shipment);
    let in_transit = store.list_milestones(acme, id).await.unwrap();
    assert_eq!(
        in_transit
            .iter()
            .map(|m| (m.milestone, m.carrier_estimate))
            .collect::<Vec<_>>(),
        [
            (Milestone::Shipped, Some(promised.latest)),
            (Milestone::InTransit, Some(promised.latest))
        ],
        "a milestone keeps the carrier's estimate of its moment"
    );

    // Later scans without an estimate keep the carrier's, never a prediction.
    clock.set(utc(121));
    let later = store
        .record_events(acme, id, &[scan(120, Stage::InTransit)])
        .await
        .unwrap()
        .shipment;
    assert_eq!(later.last_event_at, Some(utc(120)));
    assert_eq!(later.estimate, shipment.estimate);
    assert_eq!(later.carrier_estimated_delivery, Some(promised.latest));
    clock.set(utc(180));
    let quiet = store.ingest(acme, id, &nothing()).await.unwrap().shipment;
    assert_eq!(
        (quiet.estimate, quiet.carrier_estimated_delivery),
        (shipment.estimate, Some(promised.latest))
    );

    // A new estimate from the carrier replaces the old one.
    let revised = CarrierEstimate {
        from: march(6),
        until: march(6),
        latest: march_at(6, 20, 0),
    };
    let shipment = store
        .ingest(acme, id, &with_estimate(Vec::new(), revised))
        .await
        .unwrap()
        .shipment;
    assert_eq!(
        shipment.estimate,
        Some(DeliveryEstimate::from_carrier(march(6), march(6)))
    );
    assert_eq!(shipment.carrier_estimated_delivery, Some(revised.latest));
    // Each estimate is kept once, as it came; the first one's last day stays on the row.
    let revisions: Vec<_> = store
        .estimate_revisions(acme, id)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.from, r.until, r.basis))
        .collect();
    assert_eq!(
        revisions,
        [
            (march(4), march(5), EstimateBasis::Carrier),
            (march(6), march(6), EstimateBasis::Carrier)
        ]
    );
    assert_eq!(shipment.first_estimate_until, Some(march(5)));
    assert!(matches!(
        store.estimate_revisions(StoreId(9_999), id).await,
        Err(wismo_store::StoreError::NotFound(_))
    ));
}

pub async fn without_history_a_shipped_parcel_gets_the_default_estimate(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let label = store
        .record_events(acme, id, &[scan(0, Stage::InfoReceived)])
        .await
        .unwrap()
        .shipment;
    assert_eq!(label.estimate, None, "not shipped yet: nothing to predict");

    clock.set(utc(61));
    let shipment = store
        .record_events(acme, id, &[scan(60, Stage::InTransit)])
        .await
        .unwrap()
        .shipment;
    // Shipped on Sunday, March 1 in the customer's São Paulo time.
    let (fewest, most) = default_transit_days(Some("ups"), Some("ground"));
    let ups = BusinessCalendar::for_carrier(Some("ups"));
    let estimate = shipment.estimate.unwrap();
    assert_eq!(estimate.basis, EstimateBasis::Default);
    assert_eq!(
        (estimate.from, estimate.until),
        (
            ups.add_business_days(march(1), fewest),
            ups.add_business_days(march(1), most)
        )
    );
    assert_eq!((estimate.from, estimate.until), (march(2), march(6)));
    assert_eq!(estimate.confidence, 0.5);
    assert_eq!(shipment.carrier_estimated_delivery, None);
    assert_eq!(store.get_shipment(acme, id).await.unwrap(), shipment);
}

/// A parcel on the Atlanta → Portland lane, shipped Monday and delivered Wednesday: two
/// UPS business days.
async fn delivered_on_the_lane(store: &dyn Store, tenant: StoreId, number: &str) {
    let order = store
        .create_order(tenant, &new_us_order(number, 1))
        .await
        .unwrap();
    let id = order.shipments[0].id;
    let shipped = event_at(
        march_at(2, 18, 0),
        Stage::InTransit,
        ATLANTA,
        EventSource::Poll,
    );
    let delivered = event_at(
        march_at(4, 18, 0),
        Stage::Delivered,
        PORTLAND,
        EventSource::Poll,
    );
    store.record_events(tenant, id, &[shipped]).await.unwrap();
    let recorded = store.record_events(tenant, id, &[delivered]).await.unwrap();
    assert_eq!(recorded.milestones, [Milestone::Delivered], "{number}");
}

/// A parcel to Portland shipped on Thursday, March 5 from `from` with `service`.
async fn shipped_thursday(
    store: &dyn Store,
    tenant: StoreId,
    number: &str,
    service: &str,
    from: &str,
) -> Shipment {
    let mut new = new_us_order(number, 1);
    new.shipments[0].service = Some(service.into());
    let order = store.create_order(tenant, &new).await.unwrap();
    let shipped = event_at(
        march_at(5, 18, 0),
        Stage::InTransit,
        from,
        EventSource::Poll,
    );
    store
        .record_events(tenant, order.shipments[0].id, &[shipped])
        .await
        .unwrap()
        .shipment
}

pub async fn eight_deliveries_on_a_lane_predict_the_next_parcel_on_it(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await.id;
    let ups = BusinessCalendar::for_carrier(Some("ups"));
    clock.set(march_at(4, 19, 0));
    for n in 1..=7 {
        delivered_on_the_lane(&*store, acme, &format!("#H{n}")).await;
    }
    clock.set(march_at(5, 19, 0));
    let thin = shipped_thursday(&*store, acme, "#P1", "ground", ATLANTA).await;
    assert_eq!(
        thin.estimate.map(|e| e.basis),
        Some(EstimateBasis::Default),
        "seven deliveries are not enough history"
    );

    delivered_on_the_lane(&*store, acme, "#H8").await;
    // Every past parcel took two business days: Thursday + 2 skips the weekend.
    let two_days = ups.add_business_days(march(5), 2);
    assert_eq!(two_days, march(9));
    let lane = shipped_thursday(&*store, acme, "#P2", "ground", ATLANTA)
        .await
        .estimate
        .unwrap();
    assert_eq!(lane.basis, EstimateBasis::Lane);
    assert_eq!((lane.from, lane.until), (two_days, two_days));
    assert_eq!(lane.confidence, 0.44, "8 of 8 inside, scaled by 8 / 18");

    // Another origin falls back to the service's history, another service to the carrier's.
    let service = shipped_thursday(&*store, acme, "#P3", "ground", "Leipzig, DE")
        .await
        .estimate
        .unwrap();
    assert_eq!(
        (service.basis, service.from, service.until),
        (EstimateBasis::Service, two_days, two_days)
    );
    let carrier = shipped_thursday(&*store, acme, "#P4", "UPS 2nd Day Air", ATLANTA)
        .await
        .estimate
        .unwrap();
    assert_eq!(
        (carrier.basis, carrier.from, carrier.until),
        (EstimateBasis::CarrierHistory, two_days, two_days)
    );

    // The history is the store's own.
    let other = a_store(&*store, "other").await.id;
    let fresh = shipped_thursday(&*store, other, "#P5", "ground", ATLANTA)
        .await
        .estimate
        .unwrap();
    assert_eq!(
        (fresh.basis, fresh.from, fresh.until),
        (EstimateBasis::Default, march(6), march(12))
    );
}

pub async fn a_parcel_past_its_estimate_is_delayed_once_and_a_new_estimate_ends_the_delay(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let monday = CarrierEstimate {
        from: march(2),
        until: march(2),
        latest: march_at(2, 22, 0),
    };
    store
        .ingest(
            acme,
            id,
            &with_estimate(vec![scan(0, Stage::InTransit)], monday),
        )
        .await
        .unwrap();

    // Monday is over in the customer's São Paulo time (UTC-3) at 03:00 UTC, not before.
    clock.set(march_at(3, 2, 59));
    let still = store.ingest(acme, id, &nothing()).await.unwrap();
    assert_eq!(still.shipment.stage, Stage::InTransit);
    assert!(still.milestones.is_empty());

    clock.set(march_at(3, 3, 0));
    let late = store.ingest(acme, id, &nothing()).await.unwrap();
    assert_eq!(
        (late.shipment.stage, late.shipment.substatus),
        (Stage::Delayed, Some(Substatus::PastEstimate))
    );
    assert_eq!(late.milestones, [Milestone::Delayed]);
    assert_eq!(store.get_shipment(acme, id).await.unwrap(), late.shipment);

    for _ in 0..3 {
        clock.advance(Duration::hours(1));
        let again = store.ingest(acme, id, &nothing()).await.unwrap();
        assert!(again.milestones.is_empty());
        assert_eq!(again.shipment.stage, Stage::Delayed);
    }

    // The carrier promises Thursday: in transit again, nothing recorded again.
    let thursday = CarrierEstimate {
        from: march(5),
        until: march(5),
        latest: march_at(5, 22, 0),
    };
    let back = store
        .ingest(acme, id, &with_estimate(Vec::new(), thursday))
        .await
        .unwrap();
    assert_eq!(
        (back.shipment.stage, back.shipment.substatus),
        (Stage::InTransit, None)
    );
    assert!(back.milestones.is_empty());
    assert_eq!(
        back.shipment.estimate,
        Some(DeliveryEstimate::from_carrier(march(5), march(5)))
    );

    // Late again: delayed again, but the milestone was recorded already.
    clock.set(march_at(6, 3, 0));
    let late_again = store.ingest(acme, id, &nothing()).await.unwrap();
    assert_eq!(late_again.shipment.stage, Stage::Delayed);
    assert!(late_again.milestones.is_empty());

    let records = store.list_milestones(acme, id).await.unwrap();
    let seen: Vec<_> = records.iter().map(|m| (m.milestone, m.substatus)).collect();
    assert_eq!(
        seen,
        [
            (Milestone::Shipped, None),
            (Milestone::InTransit, None),
            (Milestone::Delayed, Some(Substatus::PastEstimate)),
        ]
    );
    let delayed = &records[2];
    assert_eq!(
        (delayed.reached_at, delayed.carrier_estimate),
        (march_at(3, 3, 0), Some(monday.latest)),
        "a delay found by the clock is reached when it is found"
    );
}

pub async fn four_days_in_transit_without_a_scan_are_a_delay(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, id) = one_shipment(&*store).await;
    let moving = store
        .record_events(acme, id, &[scan(0, Stage::InTransit)])
        .await
        .unwrap()
        .shipment;
    assert_eq!(
        moving.estimate.map(|e| e.until),
        Some(march(6)),
        "the estimate is not what runs out here"
    );

    clock.set(start() + Duration::days(4) - Duration::minutes(1));
    let still = store.ingest(acme, id, &nothing()).await.unwrap();
    assert_eq!(still.shipment.stage, Stage::InTransit);

    clock.set(start() + Duration::days(4));
    let quiet = store.ingest(acme, id, &nothing()).await.unwrap();
    assert_eq!(
        (quiet.shipment.stage, quiet.shipment.substatus),
        (Stage::Delayed, Some(Substatus::NoScans))
    );
    assert_eq!(quiet.milestones, [Milestone::Delayed]);

    // A new scan ends it.
    let scanned = store
        .record_events(
            acme,
            id,
            &[event_at(
                clock.now(),
                Stage::InTransit,
                "Hamburg, DE",
                EventSource::Poll,
            )],
        )
        .await
        .unwrap();
    assert_eq!(scanned.shipment.stage, Stage::InTransit);
    assert!(scanned.milestones.is_empty());
}

pub async fn thirty_silent_days_expire_a_shipment_and_end_its_polling(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await.id;
    let order = store
        .create_order(acme, &crate::fixtures::new_order("#1001", 2))
        .await
        .unwrap();
    let (silent, moving) = (order.shipments[0].id, order.shipments[1].id);
    store
        .record_events(acme, moving, &[scan(0, Stage::InTransit)])
        .await
        .unwrap();

    clock.set(start() + Duration::days(30) - Duration::minutes(1));
    let pending = store.ingest(acme, silent, &nothing()).await.unwrap();
    assert_eq!(pending.shipment.stage, Stage::Pending);
    let late = store.ingest(acme, moving, &nothing()).await.unwrap();
    assert_eq!(late.shipment.stage, Stage::Delayed);

    clock.set(start() + Duration::days(30));
    for id in [silent, moving] {
        let expired = store.ingest(acme, id, &nothing()).await.unwrap();
        assert_eq!(
            (expired.shipment.stage, expired.shipment.substatus),
            (Stage::Expired, Some(Substatus::NoCarrierData)),
            "{id:?}"
        );
        assert_eq!(expired.shipment.next_poll_at, None);
        assert!(expired.milestones.is_empty());
        assert_eq!(
            store.get_shipment(acme, id).await.unwrap(),
            expired.shipment
        );
    }
    assert_eq!(store.schedule_counts().await.unwrap().active, 0);
    assert!(
        store
            .claim_due_shipments("w1", Duration::minutes(10), 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A late push brings a shipment back.
    let now = clock.now();
    let revived = store
        .record_events(
            acme,
            silent,
            &[event_at(
                now,
                Stage::InTransit,
                "Berlin, DE",
                EventSource::Push,
            )],
        )
        .await
        .unwrap();
    assert_eq!(revived.shipment.stage, Stage::InTransit);
    assert_eq!(
        revived.milestones,
        [Milestone::Shipped, Milestone::InTransit]
    );
    let next = revived.shipment.next_poll_at.unwrap();
    assert!(
        next >= now + PUSH_SAFETY_NET.0 && next <= now + PUSH_SAFETY_NET.1,
        "{next}"
    );
}

pub async fn the_same_payload_twice_changes_nothing(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await.id;
    let order = store
        .create_order(acme, &crate::fixtures::new_order("#1001", 2))
        .await
        .unwrap();
    let (estimated, pushed) = (order.shipments[0].id, order.shipments[1].id);
    clock.set(utc(31));
    let promised = with_estimate(
        vec![scan(0, Stage::InfoReceived), scan(30, Stage::InTransit)],
        CarrierEstimate {
            from: march(4),
            until: march(4),
            latest: march_at(4, 21, 0),
        },
    );
    let push = TrackingUpdate::events(vec![
        event_at(utc(10), Stage::InfoReceived, ATLANTA, EventSource::Push),
        event_at(utc(20), Stage::InTransit, ATLANTA, EventSource::Push),
    ]);
    for (id, update) in [(estimated, &promised), (pushed, &push)] {
        let first = store.ingest(acme, id, update).await.unwrap();
        assert_eq!(first.inserted, 2);
        let milestones = store.list_milestones(acme, id).await.unwrap();
        clock.advance(Duration::minutes(10));
        let second = store.ingest(acme, id, update).await.unwrap();
        assert_eq!((second.inserted, &second.milestones), (0, &Vec::new()));
        assert_eq!(
            second.shipment, first.shipment,
            "not even updated_at or next_poll_at moves"
        );
        assert_eq!(store.get_shipment(acme, id).await.unwrap(), first.shipment);
        assert_eq!(store.list_milestones(acme, id).await.unwrap(), milestones);
    }
}

pub async fn without_a_customer_time_zone_the_estimates_last_day_ends_in_the_stores(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await.id;
    let mut new = crate::fixtures::new_order("#1001", 1);
    new.customer.timezone = None;
    let id = store.create_order(acme, &new).await.unwrap().shipments[0].id;
    let monday = CarrierEstimate {
        from: march(2),
        until: march(2),
        latest: march_at(2, 18, 0),
    };
    store
        .ingest(
            acme,
            id,
            &with_estimate(vec![scan(0, Stage::InTransit)], monday),
        )
        .await
        .unwrap();
    // The store is on Berlin time (UTC+1 in March): Monday ends at 23:00 UTC.
    clock.set(march_at(2, 22, 59));
    let still = store.ingest(acme, id, &nothing()).await.unwrap();
    assert_eq!(still.shipment.stage, Stage::InTransit);
    clock.set(march_at(2, 23, 0));
    let late = store.ingest(acme, id, &nothing()).await.unwrap();
    assert_eq!(
        (late.shipment.stage, late.shipment.substatus),
        (Stage::Delayed, Some(Substatus::PastEstimate))
    );
}
