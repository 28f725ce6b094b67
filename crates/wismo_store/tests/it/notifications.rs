//! The outbox as stored: the messages a milestone causes are written with it, joined within
//! their burst window, capped, skipped after an opt-out, and logged attempt by attempt.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::notify::{Channel, Moment, NotificationStatus, NotifyPolicy, SkipReason};
use wismo_domain::{Clock as _, Email, ManualClock, Milestone, NewEvent, OrderId, Stage, StoreId};
use wismo_store::notify::{AttemptOutcome, NOTIFY_QUEUE, Notification, SEND_NOTIFICATION};
use wismo_store::{NotificationsOf, Store, StoreError};

use crate::fixtures::{a_store, an_order, new_order, scan};

async fn of_order(store: &dyn Store, tenant: StoreId, order: OrderId) -> Vec<Notification> {
    store
        .list_notifications(tenant, NotificationsOf::Order(order))
        .await
        .unwrap()
}

fn emails(list: &[Notification]) -> Vec<(Moment, NotificationStatus)> {
    list.iter()
        .filter(|n| n.channel == Channel::Email)
        .map(|n| (n.moment, n.status))
        .collect()
}

/// A scan at the clock's time, so the milestone is news.
fn now_scan(clock: &ManualClock, stage: Stage) -> NewEvent {
    let minutes = (clock.now() - crate::fixtures::start()).num_minutes();
    scan(minutes, stage)
}

const fn m(milestone: Milestone) -> Moment {
    Moment::Milestone(milestone)
}

pub async fn a_milestone_queues_one_email_and_its_job_in_the_same_transaction(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let id = order.shipments[0].id;
    let at = clock.now();
    store
        .record_events(acme.id, id, &[now_scan(&clock, Stage::InfoReceived)])
        .await
        .unwrap();
    let list = of_order(&*store, acme.id, order.id).await;
    assert_eq!(
        emails(&list),
        [(m(Milestone::Shipped), NotificationStatus::Queued)]
    );
    let email = &list[0];
    assert_eq!(email.recipient, "ana@example.com");
    assert_eq!(email.shipments, [id]);
    assert_eq!(
        email.send_at,
        at + Duration::seconds(120),
        "the burst window"
    );
    assert_eq!(email.identity.len(), 16);
    // Its job is due when the burst window ends, not before.
    assert!(
        store
            .claim_jobs(NOTIFY_QUEUE, "w", Duration::minutes(1), 10)
            .await
            .unwrap()
            .is_empty()
    );
    clock.advance(Duration::seconds(121));
    let jobs = store
        .claim_jobs(NOTIFY_QUEUE, "w", Duration::minutes(1), 10)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].name, SEND_NOTIFICATION);
    assert_eq!(jobs[0].payload["id"], email.id);
    // The same scan again records nothing and writes nothing.
    store
        .record_events(acme.id, id, &[scan(0, Stage::InfoReceived)])
        .await
        .unwrap();
    assert_eq!(of_order(&*store, acme.id, order.id).await.len(), 1);
}

pub async fn moments_within_the_burst_window_become_one_message_about_the_latest(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 2).await;
    let (a, b) = (order.shipments[0].id, order.shipments[1].id);
    store
        .record_events(acme.id, a, &[now_scan(&clock, Stage::InfoReceived)])
        .await
        .unwrap();
    clock.advance(Duration::seconds(30));
    store
        .record_events(acme.id, b, &[now_scan(&clock, Stage::InfoReceived)])
        .await
        .unwrap();
    clock.advance(Duration::seconds(30));
    store
        .record_events(acme.id, a, &[now_scan(&clock, Stage::OutForDelivery)])
        .await
        .unwrap();
    let list = of_order(&*store, acme.id, order.id).await;
    assert_eq!(
        emails(&list),
        [(m(Milestone::OutForDelivery), NotificationStatus::Queued)],
        "one message, about the latest moment"
    );
    assert_eq!(list[0].shipments, [a, b], "naming both parcels");
    let of_b = store
        .list_notifications(acme.id, NotificationsOf::Shipment(b))
        .await
        .unwrap();
    assert_eq!(of_b.len(), 1);

    // After the window, a new moment is a new message.
    clock.advance(Duration::minutes(5));
    store
        .record_events(acme.id, a, &[now_scan(&clock, Stage::Delivered)])
        .await
        .unwrap();
    assert_eq!(
        emails(&of_order(&*store, acme.id, order.id).await),
        [
            (m(Milestone::OutForDelivery), NotificationStatus::Queued),
            (m(Milestone::Delivered), NotificationStatus::Queued)
        ]
    );

    // Another store sees none of it.
    let other = a_store(&*store, "other").await;
    assert!(matches!(
        store
            .list_notifications(other.id, NotificationsOf::Shipment(b))
            .await,
        Err(StoreError::NotFound("shipment"))
    ));
    assert!(matches!(
        store
            .list_notifications(other.id, NotificationsOf::Order(order.id))
            .await,
        Err(StoreError::NotFound("order"))
    ));
}

pub async fn nothing_is_announced_for_a_delivery_long_before_registration(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    clock.advance(Duration::days(3));
    let order = an_order(&*store, &acme, "#1001", 1).await;
    // Delivered two days before wismo knew of the parcel.
    store
        .record_events(
            acme.id,
            order.shipments[0].id,
            &[scan(24 * 60, Stage::Delivered)],
        )
        .await
        .unwrap();
    assert_eq!(emails(&of_order(&*store, acme.id, order.id).await), []);
}

pub async fn the_daily_cap_skips_routine_moments_but_not_critical_ones(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let policy = NotifyPolicy {
        daily_cap: 1,
        burst_secs: Some(0),
        ..NotifyPolicy::default()
    };
    assert_eq!(
        store.set_notify_policy(acme.id, &policy).await.unwrap(),
        policy
    );
    assert_eq!(store.notify_policy(acme.id).await.unwrap(), policy);
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let id = order.shipments[0].id;
    for stage in [Stage::InfoReceived, Stage::OutForDelivery, Stage::Exception] {
        clock.advance(Duration::minutes(10));
        store
            .record_events(acme.id, id, &[now_scan(&clock, stage)])
            .await
            .unwrap();
    }
    let list = of_order(&*store, acme.id, order.id).await;
    assert_eq!(
        emails(&list),
        [
            (m(Milestone::Shipped), NotificationStatus::Queued),
            (m(Milestone::OutForDelivery), NotificationStatus::Skipped),
            (m(Milestone::Exception), NotificationStatus::Queued),
        ]
    );
    assert_eq!(list[1].skip_reason.as_deref(), Some("daily_cap"));
}

pub async fn an_opt_out_is_honoured_at_once_and_beats_a_later_orders_consent(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    assert!(order.customer.consent.email);
    store
        .record_events(
            acme.id,
            order.shipments[0].id,
            &[now_scan(&clock, Stage::InfoReceived)],
        )
        .await
        .unwrap();
    store
        .set_opt_out(acme.id, "ANA@example.com", &[Channel::Email], true)
        .await
        .unwrap();
    assert_eq!(
        store.opt_outs(acme.id, "ana@example.com").await.unwrap(),
        [Channel::Email]
    );
    // The waiting message is not sent, and the order says so.
    let list = of_order(&*store, acme.id, order.id).await;
    assert_eq!(
        emails(&list),
        [(m(Milestone::Shipped), NotificationStatus::Skipped)]
    );
    assert_eq!(
        list[0].skip_reason.as_deref(),
        Some(SkipReason::OptedOut.as_str())
    );
    let again = store.get_order(acme.id, order.id).await.unwrap();
    assert!(!again.customer.consent.email);

    // A later order's consent cannot undo it.
    let mut later = new_order("#1002", 1);
    later.customer.email = Some(Email::parse("Ana@Example.com").unwrap());
    later.customer.consent.email = true;
    let later = store.create_order(acme.id, &later).await.unwrap();
    assert!(!later.customer.consent.email);
    store
        .record_events(
            acme.id,
            later.shipments[0].id,
            &[now_scan(&clock, Stage::InfoReceived)],
        )
        .await
        .unwrap();
    assert_eq!(emails(&of_order(&*store, acme.id, later.id).await), []);

    // Another store's customers are not touched; opting back in restores email.
    store
        .set_opt_out(acme.id, "ana@example.com", &[Channel::Email], false)
        .await
        .unwrap();
    assert!(
        store
            .get_order(acme.id, later.id)
            .await
            .unwrap()
            .customer
            .consent
            .email
    );
}

pub async fn an_opt_out_of_an_address_sql_cannot_lower_case_is_honoured(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    // SQL's lower() leaves the Á as it is; the opt-out is kept under Rust's lower case.
    let acme = a_store(&*store, "acme").await;
    let mut new = new_order("#1001", 2);
    new.customer.email = Some(Email::parse("Ángel@example.com").unwrap());
    let order = store.create_order(acme.id, &new).await.unwrap();
    store
        .record_events(
            acme.id,
            order.shipments[0].id,
            &[now_scan(&clock, Stage::InfoReceived)],
        )
        .await
        .unwrap();
    store
        .set_opt_out(acme.id, "ÁNGEL@example.com", &[Channel::Email], true)
        .await
        .unwrap();
    assert_eq!(
        store.opt_outs(acme.id, "ángel@example.com").await.unwrap(),
        [Channel::Email]
    );
    // The waiting message is not sent, and the order shows the consent withdrawn.
    assert_eq!(
        emails(&of_order(&*store, acme.id, order.id).await),
        [(m(Milestone::Shipped), NotificationStatus::Skipped)]
    );
    let again = store.get_order(acme.id, order.id).await.unwrap();
    assert!(!again.customer.consent.email);
    // The order's next news queues nothing.
    clock.advance(Duration::minutes(10));
    store
        .record_events(
            acme.id,
            order.shipments[1].id,
            &[now_scan(&clock, Stage::OutForDelivery)],
        )
        .await
        .unwrap();
    assert_eq!(
        emails(&of_order(&*store, acme.id, order.id).await),
        [(m(Milestone::Shipped), NotificationStatus::Skipped)]
    );
    // Opting back in gives the consent back.
    store
        .set_opt_out(acme.id, "ángel@EXAMPLE.com", &[Channel::Email], false)
        .await
        .unwrap();
    assert!(
        store
            .get_order(acme.id, order.id)
            .await
            .unwrap()
            .customer
            .consent
            .email
    );
    // An address SQL can lower-case is found in the pipeline's own read.
    let plain = an_order(&*store, &acme, "#1002", 1).await;
    store
        .set_opt_out(acme.id, "ANA@example.com", &[Channel::Sms], true)
        .await
        .unwrap();
    store
        .record_events(
            acme.id,
            plain.shipments[0].id,
            &[now_scan(&clock, Stage::InfoReceived)],
        )
        .await
        .unwrap();
    assert_eq!(
        emails(&of_order(&*store, acme.id, plain.id).await),
        [(m(Milestone::Shipped), NotificationStatus::Queued)],
        "an opt-out of texts leaves email as it was"
    );
}

pub async fn every_attempt_is_logged_and_the_outcome_is_kept(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    store
        .record_events(
            acme.id,
            order.shipments[0].id,
            &[now_scan(&clock, Stage::InfoReceived)],
        )
        .await
        .unwrap();
    let id = of_order(&*store, acme.id, order.id).await[0].id;
    let retry = AttemptOutcome::Retry {
        error: "421 try later".into(),
    };
    let after = store.record_notification_attempt(id, &retry).await.unwrap();
    assert_eq!(after.status, NotificationStatus::Queued);
    assert_eq!(after.last_error.as_deref(), Some("421 try later"));
    let sent = AttemptOutcome::Sent {
        provider_id: Some("<n1.abc@mail.example>".into()),
    };
    let after = store.record_notification_attempt(id, &sent).await.unwrap();
    assert_eq!(after.status, NotificationStatus::Sent);
    assert_eq!(after.attempts, 2);
    assert_eq!(after.sent_at, Some(clock.now()));
    // A late second dispatcher cannot undo it; its attempt is still logged.
    let failed = AttemptOutcome::Failed {
        error: "550 no such user".into(),
    };
    let after = store
        .record_notification_attempt(id, &failed)
        .await
        .unwrap();
    assert_eq!(after.status, NotificationStatus::Sent);
    let attempts = store.notification_attempts(id).await.unwrap();
    let outcomes: Vec<&str> = attempts.iter().map(|a| a.outcome.as_str()).collect();
    assert_eq!(outcomes, ["retry", "sent", "failed"]);
    assert_eq!(
        attempts[1].provider_id.as_deref(),
        Some("<n1.abc@mail.example>")
    );
    assert!(matches!(
        store.get_notification(id + 1000).await,
        Err(StoreError::NotFound("notification"))
    ));
}

pub async fn sending_reads_the_message_its_order_its_store_and_the_email_before_it(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 2).await;
    let (first, second) = (order.shipments[0].id, order.shipments[1].id);
    store
        .record_events(acme.id, first, &[now_scan(&clock, Stage::InfoReceived)])
        .await
        .unwrap();
    let shipped = of_order(&*store, acme.id, order.id).await[0].clone();
    let sending = store.sending(shipped.id).await.unwrap().unwrap();
    assert_eq!(sending.notification, shipped);
    assert_eq!(sending.store, store.get_store(acme.id).await.unwrap());
    assert_eq!(
        sending.order,
        Some(store.get_order(acme.id, order.id).await.unwrap())
    );
    assert_eq!(sending.domain, None);
    assert_eq!(sending.previous, None, "the order's first email");

    // Sent; the next email about the order replies to it, on the store's first domain.
    store
        .record_notification_attempt(shipped.id, &AttemptOutcome::Sent { provider_id: None })
        .await
        .unwrap();
    let hosts = wismo_store::StoreHosts {
        domains: vec!["zz.acme.example".into(), "track.acme.example".into()],
        widget_origins: Vec::new(),
    };
    store.set_store_hosts(acme.id, &hosts).await.unwrap();
    clock.advance(Duration::minutes(10));
    store
        .record_events(acme.id, second, &[now_scan(&clock, Stage::OutForDelivery)])
        .await
        .unwrap();
    let next = of_order(&*store, acme.id, order.id)
        .await
        .into_iter()
        .find(|n| n.channel == Channel::Email && n.id != shipped.id)
        .unwrap();
    let sending = store.sending(next.id).await.unwrap().unwrap();
    assert_eq!(sending.previous, Some(shipped.message_key()));
    assert_eq!(sending.domain.as_deref(), Some("track.acme.example"));
    assert_eq!(sending.notification.shipments, [second]);
    let parcels = sending.order.map(|o| o.shipments.len());
    assert_eq!(parcels, Some(2));
    // The email before must have been sent: a failed one is not replied to.
    assert_eq!(store.sending(next.id + 1000).await.unwrap(), None);
}

pub async fn a_moved_delivery_date_is_told_once_with_the_day_it_was_due_before(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    use crate::fixtures::{march, march_at};
    use wismo_domain::CarrierEstimate;
    use wismo_domain::TrackingUpdate;
    let acme = a_store(&*store, "acme").await;
    let policy = NotifyPolicy {
        burst_secs: Some(0),
        ..NotifyPolicy::default()
    };
    store.set_notify_policy(acme.id, &policy).await.unwrap();
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let id = order.shipments[0].id;
    let due = |day: u32| CarrierEstimate {
        from: march(day),
        until: march(day),
        latest: march_at(day, 20, 0),
    };
    let update = |events: Vec<NewEvent>, day: u32| TrackingUpdate {
        events,
        carrier_estimate: Some(due(day)),
        facts: Default::default(),
    };
    store
        .ingest(
            acme.id,
            id,
            &update(vec![now_scan(&clock, Stage::InTransit)], 4),
        )
        .await
        .unwrap();
    clock.advance(Duration::hours(1));
    // The carrier moves it two days later.
    store
        .ingest(acme.id, id, &update(Vec::new(), 6))
        .await
        .unwrap();
    let list = of_order(&*store, acme.id, order.id).await;
    let moved: Vec<&Notification> = list
        .iter()
        .filter(|n| n.channel == Channel::Email && n.moment == Moment::DeliveryDateChanged)
        .collect();
    assert_eq!(moved.len(), 1, "{list:?}");
    assert_eq!(moved[0].previous_date, Some(march(4)));
    assert_eq!(
        store
            .get_notification(moved[0].id)
            .await
            .unwrap()
            .previous_date,
        Some(march(4))
    );
    // Other messages carry no previous date.
    assert!(
        list.iter()
            .filter(|n| n.moment != Moment::DeliveryDateChanged)
            .all(|n| n.previous_date.is_none())
    );
    // A second move the same day is not told again.
    clock.advance(Duration::hours(1));
    store
        .ingest(acme.id, id, &update(Vec::new(), 8))
        .await
        .unwrap();
    let again = of_order(&*store, acme.id, order.id).await;
    assert_eq!(
        again
            .iter()
            .filter(|n| n.channel == Channel::Email && n.moment == Moment::DeliveryDateChanged)
            .count(),
        1
    );
}
