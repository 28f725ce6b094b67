//! The admin's attention list: every kind counted, rows oldest first, pages that follow
//! each other through ties without losing or repeating a row, and only the store's own.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::{Clock, ManualClock, NewCustomerRequest, RequestKind, Stage, TrackingUpdate};
use wismo_store::Store;
use wismo_store::admin::{AttentionCursor, AttentionKind};

use crate::fixtures::{a_store, an_order, scan};

pub async fn attention_pages_follow_each_other_through_ties_within_their_store(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let order = an_order(&*store, &acme, "#1001", 4).await;
    let theirs = an_order(&*store, &other, "#1001", 1).await;
    // Three exceptions scanned at the same minute, one delay earlier, one calm parcel.
    for i in 0..3 {
        store
            .record_events(
                acme.id,
                order.shipments[i].id,
                &[scan(10, Stage::Exception)],
            )
            .await
            .unwrap();
    }
    store
        .record_events(acme.id, order.shipments[3].id, &[scan(5, Stage::Delayed)])
        .await
        .unwrap();
    store
        .record_events(
            other.id,
            theirs.shipments[0].id,
            &[scan(1, Stage::Exception)],
        )
        .await
        .unwrap();
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

    let whole = store.attention(acme.id, None, None, 100).await.unwrap();
    let count = |kind| {
        whole
            .counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(count(AttentionKind::Exception), 3);
    assert_eq!(count(AttentionKind::Delayed), 1);
    assert_eq!(count(AttentionKind::Request), 1);
    assert_eq!(whole.rows.len(), 5);
    assert!(
        whole.rows.windows(2).all(|w| w[0].since <= w[1].since),
        "oldest first"
    );
    let kinds: Vec<_> = whole.rows.iter().map(|r| r.kind).collect();
    let delay = kinds.iter().position(|k| *k == AttentionKind::Delayed);
    let exception = kinds.iter().position(|k| *k == AttentionKind::Exception);
    assert!(delay < exception, "the earlier delay first: {kinds:?}");
    assert!(whole.rows.iter().all(|r| r.order_id == order.id));

    // Two at a time, through the three exceptions of one instant.
    let mut paged = Vec::new();
    let mut after: Option<AttentionCursor> = None;
    loop {
        let page = store
            .attention(acme.id, None, after.as_ref(), 2)
            .await
            .unwrap();
        let Some(last) = page.rows.last() else {
            break;
        };
        after = Some(AttentionCursor::after(last));
        paged.extend(page.rows);
    }
    assert_eq!(paged, whole.rows);

    let requests = store
        .attention(acme.id, Some(AttentionKind::Request), None, 10)
        .await
        .unwrap();
    assert_eq!(requests.rows.len(), 1);
    assert_eq!(requests.rows[0].subject, request.id.0);
    assert_eq!(requests.rows[0].detail.as_deref(), Some("not_received"));

    // Handled, the request leaves the list; another store's request cannot be handled.
    store
        .handle_request(other.id, request.id, Some("not mine"))
        .await
        .unwrap_err();
    store
        .handle_request(acme.id, request.id, Some("Sent again"))
        .await
        .unwrap();
    let after_handling = store.attention(acme.id, None, None, 100).await.unwrap();
    assert_eq!(after_handling.rows.len(), 4);
    let notes = store.handled_notes(acme.id, order.id).await.unwrap();
    assert_eq!(notes[0].note.as_deref(), Some("Sent again"));
    assert!(notes[0].handled_at.is_some());

    // A message that could not be sent is listed, with its channel.
    let noisy = an_order(&*store, &acme, "#1003", 1).await;
    let minutes = (clock.now() - crate::fixtures::start()).num_minutes();
    store
        .record_events(
            acme.id,
            noisy.shipments[0].id,
            &[scan(minutes, Stage::InfoReceived)],
        )
        .await
        .unwrap();
    let message = store
        .list_notifications(acme.id, wismo_store::NotificationsOf::Order(noisy.id))
        .await
        .unwrap()[0]
        .id;
    store
        .record_notification_attempt(
            message,
            &wismo_store::notify::AttemptOutcome::Failed {
                error: "550 no such mailbox".into(),
            },
        )
        .await
        .unwrap();
    let failed = store
        .attention(acme.id, Some(AttentionKind::FailedNotification), None, 10)
        .await
        .unwrap();
    assert_eq!(failed.rows.len(), 1);
    assert_eq!(
        (
            failed.rows[0].order_id,
            failed.rows[0].subject,
            failed.rows[0].detail.as_deref()
        ),
        (noisy.id, message, Some("email"))
    );

    // A parcel silent for 30 days expires and is listed for 30 days more, then drops off.
    let silent = an_order(&*store, &acme, "#1002", 1).await.shipments[0].id;
    store
        .record_events(acme.id, silent, &[scan(0, Stage::InTransit)])
        .await
        .unwrap();
    clock.set(clock.now() + Duration::days(31));
    let expired = store
        .ingest(acme.id, silent, &TrackingUpdate::default())
        .await
        .unwrap();
    assert_eq!(expired.shipment.stage, Stage::Expired);
    let listed = store
        .attention(acme.id, Some(AttentionKind::Expired), None, 10)
        .await
        .unwrap();
    assert_eq!(listed.rows.len(), 1);
    assert_eq!(listed.rows[0].subject, silent.0);
    clock.set(clock.now() + Duration::days(31));
    let later = store
        .attention(acme.id, Some(AttentionKind::Expired), None, 10)
        .await
        .unwrap();
    assert!(later.rows.is_empty());
    assert!(
        later
            .counts
            .iter()
            .all(|(k, _)| *k != AttentionKind::Expired)
    );
}
