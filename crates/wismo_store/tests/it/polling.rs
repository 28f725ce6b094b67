//! The polling schedule: due shipments, leases and their fencing, finishing a poll,
//! back-off and push-fed shipments (what the history teaches about carriers is `habits`).

use chrono::{DateTime, Duration, Utc};
use std::collections::HashSet;
use std::sync::Arc;
use wismo_domain::schedule::{Habits, PUSH_SAFETY_NET, PollOutcome, band};
use wismo_domain::{
    Clock as _, EventSource, ManualClock, Milestone, Shipment, ShipmentId, ShipmentPatch, Stage,
    StoreId, TrackingNumber, TrackingUpdate,
};
use wismo_store::{DueShipment, PollFinish, PollLease, ScheduleCounts, Store};

use crate::fixtures::{a_store, an_order, event_at, new_order, scan, start, utc};

const LEASE: Duration = Duration::minutes(10);

async fn one_shipment(store: &dyn Store) -> (StoreId, Shipment) {
    let acme = a_store(store, "acme").await;
    let order = an_order(store, &acme, "#1001", 1).await;
    (acme.id, order.shipments[0].clone())
}

async fn claim(store: &dyn Store, worker: &str, limit: u32) -> Vec<PollLease> {
    store
        .claim_due_shipments(worker, LEASE, limit)
        .await
        .unwrap()
}

async fn claim_one(store: &dyn Store, worker: &str) -> PollLease {
    let mut claimed = claim(store, worker, 10).await;
    assert_eq!(claimed.len(), 1, "{claimed:?}");
    claimed.remove(0)
}

fn finish(update: TrackingUpdate, outcome: PollOutcome) -> PollFinish {
    PollFinish {
        update,
        outcome,
        habits: Habits::default(),
    }
}

fn tracked(update: TrackingUpdate) -> PollFinish {
    finish(update, PollOutcome::Tracked)
}

fn counts(active: u64, due: u64, leased: u64) -> ScheduleCounts {
    ScheduleCounts {
        active,
        due,
        leased,
    }
}

async fn only_due(store: &dyn Store) -> DueShipment {
    let mut due = store.due_shipments(10).await.unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    due.remove(0)
}

/// Asserts `next` is `now` plus a wait inside `(min, max)`.
#[track_caller]
fn assert_within(
    next: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    (min, max): (Duration, Duration),
) {
    let next = next.expect("a next poll");
    assert!(
        next >= now + min && next <= now + max,
        "next poll {next} is not {min} to {max} after {now}"
    );
}

pub async fn a_new_shipment_is_due_at_once_and_claimed_by_one_worker(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    assert_eq!(shipment.next_poll_at, Some(shipment.created_at));
    assert_eq!(shipment.created_at, start());
    assert_eq!(store.schedule_counts().await.unwrap(), counts(1, 1, 0));
    assert_eq!(
        store.due_shipments(10).await.unwrap(),
        [DueShipment {
            shipment_id: shipment.id,
            store_id: acme,
            carrier: shipment.carrier.clone(),
            tracking_number: shipment.tracking_number.clone(),
            stage: Stage::Pending,
            next_poll_at: start(),
            poll_failures: 0,
            leased_by: None,
        }]
    );
    assert!(claim(&*store, "w1", 0).await.is_empty());

    let lease = claim_one(&*store, "w1").await;
    assert_eq!(
        lease,
        PollLease {
            shipment_id: shipment.id,
            store_id: acme,
            carrier: shipment.carrier.clone(),
            service: Some("ground".into()),
            tracking_number: shipment.tracking_number.clone(),
            stage: Stage::Pending,
            worker: "w1".into(),
            token: lease.token,
            due_at: start(),
            until: start() + LEASE,
        }
    );
    assert!(
        claim(&*store, "w2", 10).await.is_empty(),
        "the lease moved the next poll to its end"
    );
    assert_eq!(
        store
            .get_shipment(acme, shipment.id)
            .await
            .unwrap()
            .next_poll_at,
        Some(lease.until)
    );
    let due = only_due(&*store).await;
    assert_eq!(
        (due.next_poll_at, due.leased_by.as_deref()),
        (lease.until, Some("w1"))
    );
    assert_eq!(store.schedule_counts().await.unwrap(), counts(1, 0, 1));

    // A lease nobody finished runs out by itself.
    clock.advance(LEASE + Duration::seconds(1));
    assert_eq!(only_due(&*store).await.leased_by, None);
    assert_eq!(store.schedule_counts().await.unwrap(), counts(1, 1, 0));
    let again = claim_one(&*store, "w2").await;
    assert_eq!(
        (again.worker.as_str(), again.due_at),
        ("w2", lease.until),
        "due since the old lease ended"
    );
    assert!(again.token > lease.token);
}

pub async fn a_finished_poll_stores_its_events_schedules_the_next_and_releases_the_lease(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    let lease = claim_one(&*store, "w1").await;
    clock.advance(Duration::minutes(1));
    let now = clock.now();
    let poll = tracked(TrackingUpdate::events(vec![
        scan(-600, Stage::InfoReceived),
        scan(0, Stage::InTransit),
    ]));
    let (recorded, held) = store.finish_poll(&lease, &poll).await.unwrap();
    assert!(held);
    assert_eq!(recorded.inserted, 2);
    assert_eq!(
        recorded.milestones,
        [Milestone::Shipped, Milestone::InTransit]
    );
    let polled = recorded.shipment;
    assert_eq!(polled.stage, Stage::InTransit);
    assert_eq!(
        (polled.last_polled_at, polled.poll_failures),
        (Some(now), 0)
    );
    assert_within(polled.next_poll_at, now, band(Stage::InTransit).unwrap());
    assert_eq!(store.get_shipment(acme, shipment.id).await.unwrap(), polled);
    assert_eq!(store.list_events(acme, shipment.id).await.unwrap().len(), 2);

    let due = only_due(&*store).await;
    assert_eq!(
        (due.next_poll_at, due.leased_by, due.stage),
        (polled.next_poll_at.unwrap(), None, Stage::InTransit)
    );
    assert_eq!(store.schedule_counts().await.unwrap(), counts(1, 0, 0));
    assert!(claim(&*store, "w2", 10).await.is_empty(), "not due yet");

    // The lease was released: finishing with it again changes no schedule.
    let (_, held) = store
        .finish_poll(&lease, &tracked(TrackingUpdate::default()))
        .await
        .unwrap();
    assert!(!held);
    assert_eq!(
        store
            .get_shipment(acme, shipment.id)
            .await
            .unwrap()
            .next_poll_at,
        polled.next_poll_at
    );

    clock.set(polled.next_poll_at.unwrap());
    let next = claim_one(&*store, "w2").await;
    assert_eq!(next.due_at, polled.next_poll_at.unwrap());
}

pub async fn a_late_worker_cannot_finish_a_reclaimed_lease_but_its_events_are_kept(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    let id = shipment.id;
    let first = claim_one(&*store, "w1").await;
    clock.advance(LEASE + Duration::minutes(1));
    let second = claim_one(&*store, "w2").await;
    assert!(second.token > first.token);

    let news = TrackingUpdate::events(vec![scan(5, Stage::InTransit)]);
    let (recorded, held) = store.finish_poll(&first, &tracked(news)).await.unwrap();
    assert!(!held, "w1's lease was taken over");
    assert_eq!(recorded.inserted, 1, "late news is still news");
    assert_eq!(recorded.shipment.stage, Stage::InTransit);
    assert_eq!(store.list_events(acme, id).await.unwrap().len(), 1);
    assert_eq!(
        recorded.shipment.next_poll_at,
        Some(second.until),
        "the schedule is w2's"
    );
    assert_eq!(only_due(&*store).await.leased_by.as_deref(), Some("w2"));
    assert_eq!(store.schedule_counts().await.unwrap(), counts(1, 0, 1));

    let same = TrackingUpdate::events(vec![scan(5, Stage::InTransit), scan(15, Stage::InTransit)]);
    let now = clock.now();
    let (recorded, held) = store.finish_poll(&second, &tracked(same)).await.unwrap();
    assert!(held);
    assert_eq!(recorded.inserted, 1);
    assert_within(
        recorded.shipment.next_poll_at,
        now,
        band(Stage::InTransit).unwrap(),
    );
    assert_eq!(only_due(&*store).await.leased_by, None);
    assert_eq!(store.list_events(acme, id).await.unwrap().len(), 2);

    // The token fences a worker off its own expired lease too.
    clock.set(recorded.shipment.next_poll_at.unwrap());
    let stale = claim_one(&*store, "w1").await;
    clock.advance(LEASE + Duration::minutes(1));
    let fresh = claim_one(&*store, "w1").await;
    let (_, held) = store
        .finish_poll(&stale, &tracked(TrackingUpdate::default()))
        .await
        .unwrap();
    assert!(!held, "an older lease of the same worker");
    assert_eq!(
        store.get_shipment(acme, id).await.unwrap().next_poll_at,
        Some(fresh.until)
    );
    let (_, held) = store
        .finish_poll(&fresh, &tracked(TrackingUpdate::default()))
        .await
        .unwrap();
    assert!(held);
}

pub async fn failed_polls_back_off_and_a_tracked_poll_resets_the_failures(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    let id = shipment.id;

    let lease = claim_one(&*store, "w1").await;
    clock.advance(Duration::minutes(1));
    let now = clock.now();
    let told = PollOutcome::Failed {
        retry_after: Some(Duration::hours(2)),
    };
    let (recorded, held) = store
        .finish_poll(&lease, &finish(TrackingUpdate::default(), told))
        .await
        .unwrap();
    assert!(held);
    let failed = recorded.shipment;
    assert_eq!(failed.poll_failures, 1);
    assert_eq!(failed.last_polled_at, Some(now));
    let next = failed.next_poll_at.unwrap();
    assert!(
        next >= now + Duration::hours(2),
        "never before the carrier's Retry-After: {next}"
    );
    assert!(
        next <= now + Duration::hours(2) + Duration::minutes(6),
        "{next}"
    );
    let due = only_due(&*store).await;
    assert_eq!((due.poll_failures, due.leased_by), (1, None));
    assert_eq!(store.get_shipment(acme, id).await.unwrap(), failed);

    // Without a Retry-After: 5 minutes doubling, ±20 %.
    clock.set(next);
    let lease = claim_one(&*store, "w1").await;
    let now = clock.now();
    let unknown = PollOutcome::Failed { retry_after: None };
    let (recorded, _) = store
        .finish_poll(&lease, &finish(TrackingUpdate::default(), unknown))
        .await
        .unwrap();
    assert_eq!(recorded.shipment.poll_failures, 2);
    assert_within(
        recorded.shipment.next_poll_at,
        now,
        (Duration::minutes(8), Duration::minutes(12)),
    );

    clock.set(recorded.shipment.next_poll_at.unwrap());
    let lease = claim_one(&*store, "w1").await;
    let now = clock.now();
    let poll = tracked(TrackingUpdate::events(vec![event_at(
        now,
        Stage::InfoReceived,
        "Berlin, DE",
        EventSource::Poll,
    )]));
    let (recorded, held) = store.finish_poll(&lease, &poll).await.unwrap();
    assert!(held);
    assert_eq!(recorded.shipment.poll_failures, 0);
    assert_within(
        recorded.shipment.next_poll_at,
        now,
        band(Stage::InfoReceived).unwrap(),
    );
    assert_eq!(only_due(&*store).await.poll_failures, 0);
}

pub async fn a_delivered_parcel_is_never_polled_again(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    let id = shipment.id;
    let lease = claim_one(&*store, "w1").await;
    clock.set(utc(61));
    let poll = tracked(TrackingUpdate::events(vec![
        scan(0, Stage::InTransit),
        scan(30, Stage::OutForDelivery),
        scan(60, Stage::Delivered),
    ]));
    let (recorded, held) = store.finish_poll(&lease, &poll).await.unwrap();
    assert!(held);
    assert_eq!(recorded.shipment.stage, Stage::Delivered);
    assert_eq!(recorded.shipment.next_poll_at, None);
    assert_eq!(recorded.milestones, [Milestone::Delivered]);
    assert!(store.due_shipments(10).await.unwrap().is_empty());
    assert_eq!(
        store.schedule_counts().await.unwrap(),
        ScheduleCounts::default()
    );
    assert!(claim(&*store, "w1", 10).await.is_empty());

    clock.advance(Duration::days(40));
    assert!(claim(&*store, "w1", 10).await.is_empty());
    let late = store
        .record_events(
            acme,
            id,
            &[event_at(
                clock.now(),
                Stage::InTransit,
                "Berlin, DE",
                EventSource::Push,
            )],
        )
        .await
        .unwrap();
    assert_eq!(
        (late.shipment.stage, late.shipment.next_poll_at),
        (Stage::Delivered, None)
    );
    assert!(claim(&*store, "w1", 10).await.is_empty());
}

pub async fn claims_come_soonest_due_first_and_respect_the_limit(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let first = an_order(&*store, &acme, "#1001", 1).await.shipments[0].id;
    clock.advance(Duration::minutes(1));
    let second = an_order(&*store, &acme, "#1002", 1).await.shipments[0].id;
    clock.advance(Duration::minutes(1));
    let third = an_order(&*store, &acme, "#1003", 1).await.shipments[0].id;
    clock.advance(Duration::minutes(1));
    // A new number makes the oldest shipment the last one due.
    let renumbered = ShipmentPatch {
        tracking_number: Some(TrackingNumber::parse("1Z999AA10000000001").unwrap()),
        ..ShipmentPatch::default()
    };
    store
        .update_shipment(acme.id, first, &renumbered)
        .await
        .unwrap();
    let due: Vec<_> = store
        .due_shipments(10)
        .await
        .unwrap()
        .iter()
        .map(|d| d.shipment_id)
        .collect();
    assert_eq!(due, [second, third, first]);
    assert_eq!(
        store
            .due_shipments(2)
            .await
            .unwrap()
            .iter()
            .map(|d| d.shipment_id)
            .collect::<Vec<_>>(),
        [second, third]
    );

    let claimed = claim(&*store, "w1", 2).await;
    let seen: Vec<_> = claimed.iter().map(|l| (l.shipment_id, l.due_at)).collect();
    assert_eq!(
        seen,
        [
            (second, start() + Duration::minutes(1)),
            (third, start() + Duration::minutes(2))
        ]
    );
    let claimed = claim(&*store, "w1", 2).await;
    let seen: Vec<_> = claimed.iter().map(|l| (l.shipment_id, l.due_at)).collect();
    assert_eq!(seen, [(first, start() + Duration::minutes(3))]);
    assert!(claim(&*store, "w2", 2).await.is_empty());
    assert_eq!(store.schedule_counts().await.unwrap(), counts(3, 0, 3));
}

pub async fn two_pollers_never_claim_the_same_shipment(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    const ORDERS: usize = 4;
    const EACH: usize = 15;
    let acme = a_store(&*store, "acme").await;
    let mut all = HashSet::new();
    for n in 0..ORDERS {
        let order = an_order(&*store, &acme, &format!("#{}", 2000 + n), EACH).await;
        all.extend(order.shipments.iter().map(|s| s.id));
    }
    let poller = |worker: &'static str| {
        let store = store.clone();
        tokio::spawn(async move {
            let mut got: Vec<ShipmentId> = Vec::new();
            loop {
                let leases = store
                    .claim_due_shipments(worker, Duration::hours(1), 3)
                    .await
                    .unwrap();
                if leases.is_empty() {
                    return got;
                }
                for lease in leases {
                    assert_eq!(lease.worker, worker);
                    let (_, held) = store
                        .finish_poll(&lease, &tracked(TrackingUpdate::default()))
                        .await
                        .unwrap();
                    assert!(held, "{worker} lost {:?}", lease.shipment_id);
                    got.push(lease.shipment_id);
                }
                tokio::task::yield_now().await;
            }
        })
    };
    let (a, b) = (poller("w1"), poller("w2"));
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    let (set_a, set_b): (HashSet<_>, HashSet<_>) =
        (a.iter().copied().collect(), b.iter().copied().collect());
    assert_eq!(set_a.len(), a.len(), "w1 never got a shipment twice");
    assert_eq!(set_b.len(), b.len(), "w2 never got a shipment twice");
    assert!(set_a.is_disjoint(&set_b), "no shipment went to both");
    assert_eq!(
        set_a.union(&set_b).copied().collect::<HashSet<_>>(),
        all,
        "together they polled every shipment"
    );
    assert_eq!(
        store.schedule_counts().await.unwrap(),
        counts((ORDERS * EACH) as u64, 0, 0)
    );
}

pub async fn a_pushed_event_moves_an_unleased_shipments_next_poll_a_day_out(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await.id;
    let order = store
        .create_order(acme, &new_order("#1001", 2))
        .await
        .unwrap();
    let (pushed, polled) = (order.shipments[0].id, order.shipments[1].id);
    clock.advance(Duration::minutes(5));
    let now = clock.now();
    let push = event_at(now, Stage::InTransit, "Berlin, DE", EventSource::Push);
    let recorded = store.record_events(acme, pushed, &[push]).await.unwrap();
    assert_within(recorded.shipment.next_poll_at, now, PUSH_SAFETY_NET);
    let scanned = event_at(now, Stage::InTransit, "Berlin, DE", EventSource::Poll);
    let recorded = store.record_events(acme, polled, &[scanned]).await.unwrap();
    assert_within(
        recorded.shipment.next_poll_at,
        now,
        band(Stage::InTransit).unwrap(),
    );

    // Its polls stay a daily safety net.
    let safety_net = store
        .get_shipment(acme, pushed)
        .await
        .unwrap()
        .next_poll_at
        .unwrap();
    clock.set(safety_net);
    let leases = claim(&*store, "w1", 10).await;
    assert_eq!(
        leases.iter().map(|l| l.shipment_id).collect::<Vec<_>>(),
        [polled, pushed]
    );
    let now = clock.now();
    // A fresh scan each, so neither counts as a quiet parcel.
    let fresh = TrackingUpdate::events(vec![event_at(
        now,
        Stage::InTransit,
        "Hamburg, DE",
        EventSource::Poll,
    )]);
    for lease in &leases {
        let (recorded, held) = store
            .finish_poll(lease, &tracked(fresh.clone()))
            .await
            .unwrap();
        assert!(held);
        let expected = if lease.shipment_id == pushed {
            PUSH_SAFETY_NET
        } else {
            band(Stage::InTransit).unwrap()
        };
        assert_within(recorded.shipment.next_poll_at, now, expected);
    }
}

pub async fn a_pushed_event_leaves_a_leased_shipments_schedule_to_its_worker(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    let lease = claim_one(&*store, "w1").await;
    clock.advance(Duration::minutes(1));
    let push = event_at(
        clock.now(),
        Stage::InTransit,
        "Berlin, DE",
        EventSource::Push,
    );
    let recorded = store
        .record_events(acme, shipment.id, &[push])
        .await
        .unwrap();
    assert_eq!(recorded.inserted, 1);
    assert_eq!(recorded.shipment.stage, Stage::InTransit);
    assert_eq!(recorded.shipment.next_poll_at, Some(lease.until));
    assert_eq!(only_due(&*store).await.leased_by.as_deref(), Some("w1"));

    let now = clock.now();
    let (recorded, held) = store
        .finish_poll(&lease, &tracked(TrackingUpdate::default()))
        .await
        .unwrap();
    assert!(held);
    assert_within(recorded.shipment.next_poll_at, now, PUSH_SAFETY_NET);
}

// Ignored in main.rs: both backends fail it. An update (push, manual, API) on a shipment
// whose lease ran out reschedules it (`Trigger::Update` sees no live lease) but `write_plan`
// clears `lease_owner` only for a held poll, so the new future `next_poll_at` makes the dead
// lease look live again: `due_shipments`/`schedule_counts` report it leased, and the next
// update skips rescheduling (an out-for-delivery keeps the in-transit poll hours away).
pub async fn an_update_after_an_expired_lease_reschedules_and_frees_the_shipment(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    let id = shipment.id;
    claim_one(&*store, "w1").await;
    // w1 dies: its lease runs out and nobody has claimed the shipment since.
    clock.advance(LEASE + Duration::minutes(1));
    assert_eq!(store.schedule_counts().await.unwrap(), counts(1, 1, 0));

    let now = clock.now();
    let recorded = store
        .record_events(
            acme,
            id,
            &[event_at(
                now,
                Stage::InTransit,
                "Berlin, DE",
                EventSource::Manual,
            )],
        )
        .await
        .unwrap();
    assert_within(
        recorded.shipment.next_poll_at,
        now,
        band(Stage::InTransit).unwrap(),
    );
    assert_eq!(
        only_due(&*store).await.leased_by,
        None,
        "nobody holds the shipment"
    );
    assert_eq!(store.schedule_counts().await.unwrap(), counts(1, 0, 0));

    // The next update reschedules again, by its own stage: out for delivery at 09:41 in
    // the customer's São Paulo, it is asked at the day's first built-in checkpoint (11:30,
    // a few minutes after).
    clock.advance(Duration::minutes(30));
    let now = clock.now();
    let recorded = store
        .record_events(
            acme,
            id,
            &[event_at(
                now,
                Stage::OutForDelivery,
                "Berlin, DE",
                EventSource::Manual,
            )],
        )
        .await
        .unwrap();
    assert_within(
        recorded.shipment.next_poll_at,
        now,
        (Duration::minutes(119), Duration::minutes(125)),
    );
}

pub async fn a_new_tracking_number_makes_the_shipment_due_now_with_failures_reset(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    let lease = claim_one(&*store, "w1").await;
    let told = PollOutcome::Failed {
        retry_after: Some(Duration::hours(2)),
    };
    let (recorded, _) = store
        .finish_poll(&lease, &finish(TrackingUpdate::default(), told))
        .await
        .unwrap();
    assert_eq!(recorded.shipment.poll_failures, 1);

    clock.advance(Duration::minutes(5));
    let number = TrackingNumber::parse("1Z999AA10000000002").unwrap();
    let patch = ShipmentPatch {
        tracking_number: Some(number.clone()),
        ..ShipmentPatch::default()
    };
    let patched = store
        .update_shipment(acme, shipment.id, &patch)
        .await
        .unwrap();
    assert_eq!(patched.tracking_number, number);
    assert_eq!(
        (patched.next_poll_at, patched.poll_failures),
        (Some(clock.now()), 0)
    );
    assert_eq!(
        store.get_shipment(acme, shipment.id).await.unwrap(),
        patched
    );
    let lease = claim_one(&*store, "w1").await;
    assert_eq!((lease.tracking_number, lease.due_at), (number, clock.now()));
}

// Ignored in main.rs: both backends fail it. `update_shipment` makes a renumbered shipment
// due now but keeps `lease_owner` and `lease_token`, so the poll of the old number still
// holds its lease: finishing it returns `true` and moves `next_poll_at` hours away.
pub async fn a_poll_in_flight_for_the_old_number_cannot_reschedule_a_renumbered_shipment(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let (acme, shipment) = one_shipment(&*store).await;
    let old = claim_one(&*store, "w1").await;
    clock.advance(Duration::minutes(1));
    let number = TrackingNumber::parse("1Z999AA10000000003").unwrap();
    let patch = ShipmentPatch {
        tracking_number: Some(number.clone()),
        ..ShipmentPatch::default()
    };
    let patched = store
        .update_shipment(acme, shipment.id, &patch)
        .await
        .unwrap();
    let renumbered_at = clock.now();
    assert_eq!(patched.next_poll_at, Some(renumbered_at));

    // The poll of the old number comes back after the change.
    clock.advance(Duration::seconds(30));
    let (_, held) = store
        .finish_poll(&old, &tracked(TrackingUpdate::default()))
        .await
        .unwrap();
    assert!(!held, "the lease was for the old number");
    assert_eq!(
        store
            .get_shipment(acme, shipment.id)
            .await
            .unwrap()
            .next_poll_at,
        Some(renumbered_at),
        "the new number is still due now"
    );
    let lease = claim_one(&*store, "w2").await;
    assert_eq!(lease.tracking_number, number);
}
