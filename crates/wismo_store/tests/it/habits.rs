//! What the history teaches about carriers: out-for-delivery leads and delivery times,
//! learned per carrier and lane from recent scans.

use chrono::{Duration, Timelike as _};
use std::sync::Arc;
use wismo_domain::schedule::{CarrierHabits, DayTimes};
use wismo_domain::{
    CarrierCode, CarrierEstimate, ManualClock, Milestone, Stage, StoreId, TrackingUpdate,
};
use wismo_store::Store;

use crate::fixtures::{a_store, march, new_order, scan, utc};
/// A shipment of `carrier` that went out for delivery `lead` before the carrier's estimate.
async fn out_for_delivery(
    store: &dyn Store,
    tenant: StoreId,
    number: &str,
    carrier: &str,
    lead: Option<Duration>,
) {
    let mut new = new_order(number, 1);
    new.shipments[0].carrier = Some(CarrierCode::parse(carrier).unwrap());
    let id = store.create_order(tenant, &new).await.unwrap().shipments[0].id;
    let out_at = utc(120);
    let update = TrackingUpdate {
        events: vec![scan(0, Stage::InTransit)],
        carrier_estimate: lead.map(|lead| CarrierEstimate {
            from: march(1),
            until: march(1),
            latest: out_at + lead,
        }),
        facts: Default::default(),
    };
    store.ingest(tenant, id, &update).await.unwrap();
    let recorded = store
        .record_events(tenant, id, &[scan(120, Stage::OutForDelivery)])
        .await
        .unwrap();
    assert_eq!(recorded.milestones, [Milestone::OutForDelivery], "{number}");
}

pub async fn carrier_habits_are_learned_from_five_out_for_delivery_leads(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await.id;
    assert_eq!(store.carrier_habits().await.unwrap().carriers().count(), 0);
    let hours = [6, 6, 5, 7, 6];
    for (n, h) in hours.into_iter().enumerate() {
        let lead = Some(Duration::hours(h));
        out_for_delivery(&*store, acme, &format!("#U{n}"), "ups", lead).await;
        out_for_delivery(
            &*store,
            acme,
            &format!("#F{n}"),
            "fedex",
            lead.filter(|_| n < 4),
        )
        .await;
    }
    let habits = store.carrier_habits().await.unwrap();
    let ups = habits.for_shipment(Some("ups"), "BR-RS");
    assert_eq!(ups.out_for_delivery_lead, Duration::hours(6));
    // The scans' local time of day (16:00 at UTC+02:00), five of each carrier, is past
    // noon: noon is the latest a parcel is looked for.
    let local = crate::fixtures::at(120).time().with_second(0).unwrap();
    assert_eq!(local, chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap());
    let by = Some(wismo_domain::schedule::LATEST_OUT_FOR_DELIVERY);
    assert_eq!(ups.out_for_delivery_at, by);
    let fedex = habits.for_shipment(Some("fedex"), "BR-RS");
    assert_eq!(
        fedex.out_for_delivery_lead,
        CarrierHabits::default().out_for_delivery_lead,
        "fedex has one out-for-delivery without an estimate: four leads are too few"
    );
    assert_eq!(fedex.out_for_delivery_at, by);
}

/// Deliveries `minutes` after the start, for the lane of [`new_order`]
/// ("BR-RS"), the first `collected` of them from a pickup point.
async fn deliveries(
    store: &dyn Store,
    tenant: StoreId,
    carrier: &str,
    minutes: &[i64],
    collected: usize,
) {
    for (n, m) in minutes.iter().enumerate() {
        let mut new = new_order(&format!("#{carrier}{n}"), 1);
        new.shipments[0].carrier = Some(CarrierCode::parse(carrier).unwrap());
        let id = store.create_order(tenant, &new).await.unwrap().shipments[0].id;
        let mut events = vec![scan(-1440, Stage::InTransit)];
        if n < collected {
            events.push(scan(*m - 60, Stage::AvailableForPickup));
        }
        events.push(scan(*m, Stage::Delivered));
        store.record_events(tenant, id, &events[..1]).await.unwrap();
        for event in &events[1..] {
            store
                .record_events(tenant, id, std::slice::from_ref(event))
                .await
                .unwrap();
        }
    }
}

pub async fn delivery_times_are_learned_per_lane_and_apart_for_collections(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await.id;
    // 30 doorstep deliveries 10:00–12:54 local (UTC+02:00 of the start's midnight UTC),
    // then 20 collections at 17:00–17:19.
    let start_local = crate::fixtures::at(0);
    let to_midnight = i64::from(start_local.time().num_seconds_from_midnight()) / 60;
    let door: Vec<i64> = (0..30).map(|i| 600 + 6 * i - to_midnight).collect();
    let collections: Vec<i64> = (0..20).map(|i| 1020 + i - to_midnight).collect();
    let all: Vec<i64> = collections.iter().chain(&door).copied().collect();
    deliveries(&*store, acme, "ups", &all, collections.len()).await;
    let habits = store.carrier_habits().await.unwrap();
    let ups = habits.for_shipment(Some("ups"), "BR-RS");
    // round(29 × share) → 7, 15, 22, 28.
    assert_eq!(ups.door, DayTimes([642, 690, 732, 768]));
    assert_eq!(ups.collection.0[0], 1025);
    // Each waited an hour at the pickup point.
    assert_eq!(ups.collection_after, Duration::hours(1));
    // Another lane of the carrier uses the carrier's times; another carrier the built-in.
    assert_eq!(habits.for_shipment(Some("ups"), "US-OR").door, ups.door);
    assert_eq!(
        habits.for_shipment(Some("dhl"), "BR-RS").door,
        DayTimes::DOOR
    );
}
