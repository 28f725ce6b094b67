//! Merchant webhook endpoints as stored: created with a sealed secret, listed, rotated and
//! deleted per store; the messages the outbox, customer requests and failed
//! notifications queue for the endpoints subscribed; and the delivery log with the
//! endpoint's health.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::notify::{Channel, Moment, NotificationStatus};
use wismo_domain::webhook::{NewEndpoint, WebhookEvent};
use wismo_domain::{
    Clock as _, EndpointId, ManualClock, Milestone, NewCustomerRequest, RequestKind, SealedSecret,
    Stage, StoreId,
};
use wismo_store::endpoints::{
    DELIVER_WEBHOOK, DeliverWebhook, EndpointDisabledNotice, NewDelivery, SEND_ENDPOINT_DISABLED,
    WebhookEndpoint, recipient,
};
use wismo_store::notify::{AttemptOutcome, NOTIFY_QUEUE};
use wismo_store::{Job, JobState, NotificationsOf, Store, StoreError};

use crate::fixtures::{a_store, an_order, scan};

fn sealed_for(id: EndpointId) -> Result<SealedSecret, String> {
    Ok(SealedSecret::new(format!("sealed-{}", id.0)))
}

async fn an_endpoint(
    store: &dyn Store,
    tenant: StoreId,
    events: &[WebhookEvent],
) -> WebhookEndpoint {
    let new = NewEndpoint {
        url: "https://hooks.example.com/wismo".into(),
        events: events.to_vec(),
    };
    store
        .create_webhook_endpoint(tenant, &new, &sealed_for, None)
        .await
        .unwrap()
}

async fn webhook_jobs(store: &dyn Store) -> Vec<Job> {
    store
        .claim_jobs(NOTIFY_QUEUE, "test", Duration::days(30), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|j| j.name == DELIVER_WEBHOOK)
        .collect()
}

/// The queued notices that an endpoint was disabled.
async fn disabled_notices(store: &dyn Store) -> Vec<EndpointDisabledNotice> {
    store
        .list_jobs(Some(JobState::Queued), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|j| j.name == SEND_ENDPOINT_DISABLED)
        .map(|j| serde_json::from_value(j.payload).unwrap())
        .collect()
}

fn payload(job: &Job) -> DeliverWebhook {
    serde_json::from_value(job.payload.clone()).unwrap()
}

pub async fn endpoints_are_created_listed_rotated_and_deleted_within_their_store(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let a = an_endpoint(&*store, acme.id, &[WebhookEvent::ShipmentUpdated]).await;
    let b = an_endpoint(&*store, acme.id, &[WebhookEvent::NotificationFailed]).await;
    assert_eq!(
        a.secret.as_str(),
        format!("sealed-{}", a.id.0),
        "sealed for its own id"
    );
    assert_eq!(a.events, [WebhookEvent::ShipmentUpdated]);
    assert_eq!((a.disabled_at, a.previous_secret.as_ref()), (None, None));
    let listed = store.list_webhook_endpoints(acme.id).await.unwrap();
    assert_eq!(listed, [a.clone(), b.clone()]);
    assert!(
        store
            .list_webhook_endpoints(other.id)
            .await
            .unwrap()
            .is_empty()
    );

    // Another store's endpoint does not exist for it.
    assert!(matches!(
        store.get_webhook_endpoint(other.id, a.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.delete_webhook_endpoint(other.id, a.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store
            .rotate_webhook_secret(other.id, a.id, &SealedSecret::new("x"), None)
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.queue_webhook_test(other.id, a.id, None).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.webhook_deliveries(other.id, a.id, 10).await,
        Err(StoreError::NotFound(_))
    ));

    // A rotation keeps the old secret signing for a day.
    let rotated = store
        .rotate_webhook_secret(acme.id, a.id, &SealedSecret::new("new"), None)
        .await
        .unwrap();
    assert_eq!(rotated.secret.as_str(), "new");
    assert_eq!(rotated.previous_secret, Some(a.secret.clone()));
    assert_eq!(rotated.signing_secrets(clock.now()).len(), 2);
    assert_eq!(
        rotated.signing_secrets(clock.now() + Duration::hours(25)),
        [&SealedSecret::new("new")]
    );

    store.delete_webhook_endpoint(acme.id, a.id).await.unwrap();
    assert_eq!(store.list_webhook_endpoints(acme.id).await.unwrap(), [b]);
    assert!(matches!(
        store.get_webhook_endpoint(acme.id, a.id).await,
        Err(StoreError::NotFound(_))
    ));
}

pub async fn a_milestone_queues_one_webhook_per_subscribed_active_endpoint(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let a = an_endpoint(&*store, acme.id, &[WebhookEvent::ShipmentUpdated]).await;
    let b = an_endpoint(
        &*store,
        acme.id,
        &[
            WebhookEvent::CustomerRequestCreated,
            WebhookEvent::ShipmentUpdated,
        ],
    )
    .await;
    an_endpoint(&*store, acme.id, &[WebhookEvent::NotificationFailed]).await;
    an_endpoint(&*store, other.id, &[WebhookEvent::ShipmentUpdated]).await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let shipment = order.shipments[0].id;
    store
        .record_events(acme.id, shipment, &[scan(0, Stage::InTransit)])
        .await
        .unwrap();

    let hooks: Vec<_> = store
        .list_notifications(acme.id, NotificationsOf::Order(order.id))
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.channel == Channel::Webhook)
        .collect();
    assert_eq!(hooks.len(), 2, "one per subscribed endpoint of this store");
    assert_eq!(
        hooks
            .iter()
            .map(|n| n.recipient.as_str())
            .collect::<Vec<_>>(),
        [recipient(a.id), recipient(b.id)]
    );
    for n in &hooks {
        assert_eq!(n.status, NotificationStatus::Queued);
        assert_eq!(n.moment, Moment::Milestone(Milestone::InTransit));
        assert_eq!(n.shipments, [shipment]);
        assert_eq!(n.send_at, n.created_at, "due at once");
    }
    let jobs = webhook_jobs(&*store).await;
    assert_eq!(
        jobs.iter().map(payload).collect::<Vec<_>>(),
        [
            DeliverWebhook::notification(acme.id, a.id, hooks[0].id),
            DeliverWebhook::notification(acme.id, b.id, hooks[1].id)
        ]
    );
}

pub async fn requests_and_failed_notifications_queue_webhooks_for_their_subscribers(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let requests = an_endpoint(&*store, acme.id, &[WebhookEvent::CustomerRequestCreated]).await;
    let failures = an_endpoint(&*store, acme.id, &[WebhookEvent::NotificationFailed]).await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let request = store
        .create_customer_request(
            acme.id,
            &NewCustomerRequest {
                shipment_id: order.shipments[0].id,
                kind: RequestKind::NotReceived,
                message: None,
            },
        )
        .await
        .unwrap();
    let jobs = webhook_jobs(&*store).await;
    assert_eq!(jobs.len(), 1);
    let job = payload(&jobs[0]);
    assert_eq!(job.endpoint, requests.id.0);
    assert_eq!(job.event, Some(WebhookEvent::CustomerRequestCreated));
    assert_eq!(job.subject, Some(request.id.0));
    assert!(job.message.unwrap().starts_with("msg_"));
    assert_eq!(
        store
            .get_customer_request(acme.id, request.id)
            .await
            .unwrap(),
        request
    );

    // The shipment's email fails for good: one `notification.failed`, never for webhooks.
    store
        .record_events(acme.id, order.shipments[0].id, &[scan(0, Stage::InTransit)])
        .await
        .unwrap();
    clock.advance(Duration::minutes(5));
    let email = store
        .list_notifications(acme.id, NotificationsOf::Order(order.id))
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.channel == Channel::Email)
        .unwrap();
    let retry = AttemptOutcome::Retry {
        error: "busy".into(),
    };
    store
        .record_notification_attempt(email.id, &retry)
        .await
        .unwrap();
    assert!(
        webhook_jobs(&*store).await.is_empty(),
        "a retry is no failure"
    );
    let failed = AttemptOutcome::Failed {
        error: "mailbox unknown".into(),
    };
    store
        .record_notification_attempt(email.id, &failed)
        .await
        .unwrap();
    store
        .record_notification_attempt(email.id, &failed)
        .await
        .unwrap();
    let jobs = webhook_jobs(&*store).await;
    assert_eq!(jobs.len(), 1, "once, when it fails");
    let job = payload(&jobs[0]);
    assert_eq!(job.endpoint, failures.id.0);
    assert_eq!(job.event, Some(WebhookEvent::NotificationFailed));
    assert_eq!(job.subject, Some(email.id));
}

pub async fn attempts_recorded_together_keep_each_outcome_and_tell_failures_once(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let failures = an_endpoint(&*store, acme.id, &[WebhookEvent::NotificationFailed]).await;
    let mut emails = Vec::new();
    for n in 0..4 {
        let order = an_order(&*store, &acme, &format!("#10{n:02}"), 1).await;
        store
            .record_events(acme.id, order.shipments[0].id, &[scan(0, Stage::InTransit)])
            .await
            .unwrap();
        let email = store
            .list_notifications(acme.id, NotificationsOf::Order(order.id))
            .await
            .unwrap()
            .into_iter()
            .find(|n| n.channel == Channel::Email)
            .unwrap();
        emails.push(email.id);
    }
    clock.advance(Duration::minutes(5));
    let sent = AttemptOutcome::Sent {
        provider_id: Some("<n1@mail.example>".into()),
    };
    let retry = AttemptOutcome::Retry {
        error: "421 busy".into(),
    };
    let failed = AttemptOutcome::Failed {
        error: "550 unknown".into(),
    };
    let skipped = AttemptOutcome::Skipped(wismo_domain::notify::SkipReason::OptedOut);
    store
        .record_notification_attempts(&[
            (emails[0], sent.clone()),
            (emails[1], retry.clone()),
            (emails[2], failed.clone()),
            (emails[3], skipped),
        ])
        .await
        .unwrap();
    let status = |id| {
        let store = store.clone();
        async move { store.get_notification(id).await.unwrap() }
    };
    let first = status(emails[0]).await;
    assert_eq!(first.status, NotificationStatus::Sent);
    assert_eq!(first.provider_id.as_deref(), Some("<n1@mail.example>"));
    assert_eq!(first.sent_at, Some(clock.now()));
    assert_eq!(first.attempts, 1);
    let second = status(emails[1]).await;
    assert_eq!(second.status, NotificationStatus::Queued);
    assert_eq!(second.last_error.as_deref(), Some("421 busy"));
    assert_eq!(second.sent_at, None);
    assert_eq!(status(emails[2]).await.status, NotificationStatus::Failed);
    let fourth = status(emails[3]).await;
    assert_eq!(fourth.status, NotificationStatus::Skipped);
    assert_eq!(fourth.skip_reason.as_deref(), Some("opted_out"));
    let jobs = webhook_jobs(&*store).await;
    assert_eq!(jobs.len(), 1, "the failure is told, once");
    let job = payload(&jobs[0]);
    assert_eq!(job.endpoint, failures.id.0);
    assert_eq!(job.event, Some(WebhookEvent::NotificationFailed));
    assert_eq!(job.subject, Some(emails[2]));

    // A batch that names a message twice is recorded in its order: the retry, then the
    // send; one that comes too late changes nothing but is logged; nothing is told again.
    store
        .record_notification_attempts(&[
            (emails[1], retry),
            (emails[1], sent.clone()),
            (emails[2], sent),
            (emails[0], failed),
        ])
        .await
        .unwrap();
    let second = status(emails[1]).await;
    assert_eq!(
        (second.status, second.attempts),
        (NotificationStatus::Sent, 3)
    );
    assert_eq!(status(emails[2]).await.status, NotificationStatus::Failed);
    assert_eq!(status(emails[0]).await.status, NotificationStatus::Sent);
    let outcomes = |id| {
        let store = store.clone();
        async move {
            store
                .notification_attempts(id)
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.outcome)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(outcomes(emails[1]).await, ["retry", "retry", "sent"]);
    assert_eq!(outcomes(emails[0]).await, ["sent", "failed"]);
    assert!(
        webhook_jobs(&*store).await.is_empty(),
        "the first job was claimed above; no second one was queued"
    );
    store.record_notification_attempts(&[]).await.unwrap();
}

pub async fn deliveries_are_logged_newest_first_and_a_failing_endpoint_is_disabled(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let a = an_endpoint(&*store, acme.id, &[WebhookEvent::ShipmentUpdated]).await;
    let b = an_endpoint(&*store, acme.id, &[WebhookEvent::ShipmentUpdated]).await;
    let test = store.queue_webhook_test(acme.id, a.id, None).await.unwrap();
    assert_eq!(test.event_type, WebhookEvent::Test);
    let attempt = |endpoint: EndpointId, n: u32, status: u16| NewDelivery {
        store: acme.id,
        endpoint,
        notification: None,
        event_type: WebhookEvent::Test,
        subject_id: None,
        webhook_id: test.webhook_id.clone(),
        attempt: n,
        status_code: Some(status),
        error: (status >= 300).then(|| format!("answered {status}")),
        duration_ms: 12,
        outcome: None,
        succeeded: status < 300,
        gone: status == 410,
    };
    let after = store
        .record_webhook_delivery(&attempt(a.id, 1, 500))
        .await
        .unwrap();
    let since = after.failing_since.unwrap();
    clock.advance(Duration::days(2));
    let after = store
        .record_webhook_delivery(&attempt(a.id, 2, 503))
        .await
        .unwrap();
    assert_eq!(
        (after.failing_since, after.disabled_at),
        (Some(since), None)
    );
    assert_eq!(
        store
            .webhook_attempts(a.id, &test.webhook_id)
            .await
            .unwrap(),
        2
    );
    let log = store.webhook_deliveries(acme.id, a.id, 10).await.unwrap();
    assert_eq!(
        log.iter()
            .map(|d| (d.attempt, d.status_code))
            .collect::<Vec<_>>(),
        [(2, Some(503)), (1, Some(500))],
        "newest first"
    );
    assert_eq!(
        store
            .webhook_deliveries(acme.id, a.id, 1)
            .await
            .unwrap()
            .len(),
        1
    );

    // A retry of a logged delivery queues its message again with the same id.
    let again = store
        .retry_webhook_delivery(acme.id, a.id, log[0].id, None)
        .await
        .unwrap();
    assert_eq!(again.webhook_id, test.webhook_id);
    assert!(matches!(
        store
            .retry_webhook_delivery(acme.id, b.id, log[0].id, None)
            .await,
        Err(StoreError::NotFound(_))
    ));

    // Three days of failures disable it; a success in between would have cleared them.
    clock.advance(Duration::days(1) + Duration::minutes(1));
    let after = store
        .record_webhook_delivery(&attempt(a.id, 3, 500))
        .await
        .unwrap();
    assert!(after.disabled_at.is_some());
    assert!(matches!(
        store.queue_webhook_test(acme.id, a.id, None).await,
        Err(StoreError::Conflict(_))
    ));
    // The store is told once, in the transaction that disabled it.
    let told = EndpointDisabledNotice {
        store: acme.id.0,
        endpoint: a.id.0,
        disabled_at: after.disabled_at.unwrap(),
    };
    assert_eq!(disabled_notices(&*store).await, std::slice::from_ref(&told));
    store
        .record_webhook_delivery(&attempt(a.id, 4, 500))
        .await
        .unwrap();
    assert_eq!(disabled_notices(&*store).await, std::slice::from_ref(&told));

    // 410 Gone disables at once; a success clears the streak.
    let after = store
        .record_webhook_delivery(&attempt(b.id, 1, 200))
        .await
        .unwrap();
    assert_eq!(after.failing_since, None);
    let after = store
        .record_webhook_delivery(&attempt(b.id, 2, 410))
        .await
        .unwrap();
    assert!(after.disabled_at.is_some());
    assert!(after.disabled_reason.unwrap().contains("410"));
    assert_eq!(
        disabled_notices(&*store)
            .await
            .iter()
            .map(|n| n.endpoint)
            .collect::<Vec<_>>(),
        [a.id.0, b.id.0]
    );
}
