//! The parcels that need a merchant's attention: exceptions, action required and delays,
//! in that order, longest waiting first, counted in all, and only the store's own.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::{ManualClock, ShipmentId, Stage, Substatus, TrackingUpdate};
use wismo_store::Store;

use crate::fixtures::{a_store, an_order, scan, start, utc};

pub async fn parcels_needing_attention_are_listed_exceptions_first_within_their_store(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let first = an_order(&*store, &acme, "#1001", 4).await;
    let second = an_order(&*store, &acme, "#1002", 1).await;
    let theirs = an_order(&*store, &other, "#1001", 1).await;
    let [broken, waiting, quiet, delivered] = [0, 1, 2, 3].map(|i| first.shipments[i].id);
    let broken_earlier = second.shipments[0].id;
    let record = |tenant, id: ShipmentId, minutes, stage| {
        let store = store.clone();
        async move {
            store
                .record_events(tenant, id, &[scan(minutes, stage)])
                .await
                .unwrap()
        }
    };
    record(acme.id, broken, 10, Stage::Exception).await;
    record(acme.id, broken_earlier, 5, Stage::Exception).await;
    record(acme.id, waiting, 20, Stage::ActionRequired).await;
    record(acme.id, quiet, 0, Stage::InTransit).await;
    record(acme.id, delivered, 30, Stage::Delivered).await;
    record(other.id, theirs.shipments[0].id, 10, Stage::Exception).await;

    // Nothing needs attention until the parcel in transit has gone quiet for four days.
    let before = store
        .shipments_needing_attention(acme.id, 10)
        .await
        .unwrap();
    assert_eq!(before.total, 3);
    clock.set(start() + Duration::days(4));
    let late = store
        .ingest(acme.id, quiet, &TrackingUpdate::default())
        .await
        .unwrap();
    assert_eq!(
        (late.shipment.stage, late.shipment.substatus),
        (Stage::Delayed, Some(Substatus::NoScans))
    );

    let listed = store
        .shipments_needing_attention(acme.id, 10)
        .await
        .unwrap();
    assert_eq!(listed.total, 4);
    assert_eq!(
        listed
            .shipments
            .iter()
            .map(|a| (a.shipment.id, a.shipment.stage, a.order_number.as_str()))
            .collect::<Vec<_>>(),
        [
            (broken_earlier, Stage::Exception, "#1002"),
            (broken, Stage::Exception, "#1001"),
            (waiting, Stage::ActionRequired, "#1001"),
            (quiet, Stage::Delayed, "#1001"),
        ],
        "exceptions first, the longest waiting first; the delivered parcel is not listed"
    );
    assert_eq!(
        listed.shipments[0].since,
        utc(5),
        "since the exception's scan"
    );
    assert!(
        listed.shipments[3].since > utc(0),
        "since the delay was seen"
    );
    assert_eq!(
        listed.shipments[3].shipment.tracking_number,
        late.shipment.tracking_number
    );

    // A limit keeps the count of all of them.
    let two = store.shipments_needing_attention(acme.id, 2).await.unwrap();
    assert_eq!((two.shipments.len(), two.total), (2, 4));
    let none = store.shipments_needing_attention(acme.id, 0).await.unwrap();
    assert_eq!((none.shipments.len(), none.total), (0, 4));

    // Each store sees its own.
    let theirs_listed = store
        .shipments_needing_attention(other.id, 10)
        .await
        .unwrap();
    assert_eq!(theirs_listed.total, 1);
    assert_eq!(
        theirs_listed.shipments[0].shipment.id,
        theirs.shipments[0].id
    );
}
