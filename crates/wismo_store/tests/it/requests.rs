//! Customer requests and idempotency keys.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::{
    ManualClock, NewCustomerRequest, Order, OrderToken, RequestKind, RequestStatus, Shipment,
    ShipmentToken, Stage, TrackingUpdate,
};
use wismo_store::{
    IdempotencyRecord, IdempotentResponse, Reply, ShipmentEvents, Store, StoreError,
};

use crate::fixtures::{a_store, an_order, new_order, new_shipment, scan, start};

pub async fn customer_requests_are_created_and_listed_newest_first(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let order = an_order(&*store, &acme, "#1001", 2).await;
    let elsewhere = an_order(&*store, &other, "#1001", 1).await;
    let first = NewCustomerRequest {
        shipment_id: order.shipments[0].id,
        kind: RequestKind::NotReceived,
        message: Some("The page says delivered, but nothing is at the door.".into()),
    };
    let created = store
        .create_customer_request(acme.id, &first)
        .await
        .unwrap();
    assert_eq!(
        (created.store_id, created.shipment_id, created.kind),
        (acme.id, first.shipment_id, RequestKind::NotReceived)
    );
    assert_eq!(
        (created.message.as_deref(), created.status),
        (first.message.as_deref(), RequestStatus::Open)
    );
    assert_eq!(created.created_at, start());

    clock.advance(Duration::minutes(3));
    let second = NewCustomerRequest {
        shipment_id: order.shipments[1].id,
        kind: RequestKind::Damaged,
        message: None,
    };
    let newer = store
        .create_customer_request(acme.id, &second)
        .await
        .unwrap();
    let theirs = NewCustomerRequest {
        shipment_id: elsewhere.shipments[0].id,
        kind: RequestKind::Other,
        message: None,
    };
    store
        .create_customer_request(other.id, &theirs)
        .await
        .unwrap();

    assert_eq!(
        store.list_customer_requests(acme.id).await.unwrap(),
        vec![newer, created]
    );
    assert_eq!(
        store.list_customer_requests(other.id).await.unwrap().len(),
        1
    );
}

pub async fn a_request_about_another_stores_shipment_is_not_found(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let request = NewCustomerRequest {
        shipment_id: order.shipments[0].id,
        kind: RequestKind::Reschedule,
        message: None,
    };
    let refused = store.create_customer_request(other.id, &request).await;
    assert!(
        matches!(refused, Err(StoreError::NotFound("shipment"))),
        "{refused:?}"
    );
    assert!(
        store
            .list_customer_requests(other.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .list_customer_requests(acme.id)
            .await
            .unwrap()
            .is_empty()
    );
}

/// A record that renders the order's id and number, with `status`.
fn order_record<'a>(key: &'a str, hash: &'a str, status: u16) -> IdempotencyRecord<'a, Order> {
    IdempotencyRecord {
        key,
        request_hash: hash,
        render: Box::new(move |order: &Order| {
            Ok(Reply {
                status,
                body: format!(r#"{{"id":{},"number":"{}"}}"#, order.id, order.order_number),
            })
        }),
    }
}

pub async fn a_keyed_change_keeps_its_response_in_its_transaction_and_the_first_key_wins(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let (a, b) = ("a".repeat(64), "b".repeat(64));
    assert_eq!(
        store.idempotent_response(acme.id, "key-1").await.unwrap(),
        None
    );

    let first = store
        .create_order_keyed(
            acme.id,
            &new_order("#1001", 1),
            Some(&order_record("key-1", &a, 201)),
        )
        .await
        .unwrap();
    let kept = IdempotentResponse {
        request_hash: a.clone(),
        status: 201,
        body: format!(r##"{{"id":{},"number":"#1001"}}"##, first.id),
    };
    assert_eq!(
        store.idempotent_response(acme.id, "key-1").await.unwrap(),
        Some(kept.clone())
    );

    // The same key again, whatever the request: nothing is changed and the first stays.
    let again = store
        .create_order_keyed(
            acme.id,
            &new_order("#1002", 1),
            Some(&order_record("key-1", &b, 201)),
        )
        .await;
    assert!(matches!(again, Err(StoreError::KeyTaken)), "{again:?}");
    assert_eq!(store.list_orders(acme.id, None, 10).await.unwrap().len(), 1);
    assert_eq!(
        store.idempotent_response(acme.id, "key-1").await.unwrap(),
        Some(kept)
    );

    // A change that fails keeps no record, and a response that cannot be made undoes the
    // change: the key is free for the retry.
    let conflict = store
        .create_order_keyed(
            acme.id,
            &new_order("#1001", 1),
            Some(&order_record("key-2", &a, 201)),
        )
        .await;
    assert!(
        matches!(conflict, Err(StoreError::Conflict(_))),
        "{conflict:?}"
    );
    let unrendered = IdempotencyRecord {
        key: "key-2",
        request_hash: &a,
        render: Box::new(|_: &Order| Err("no randomness".to_owned())),
    };
    let failed = store
        .create_order_keyed(acme.id, &new_order("#1003", 1), Some(&unrendered))
        .await;
    assert!(matches!(failed, Err(StoreError::Render(_))), "{failed:?}");
    assert_eq!(store.list_orders(acme.id, None, 10).await.unwrap().len(), 1);
    assert_eq!(
        store.idempotent_response(acme.id, "key-2").await.unwrap(),
        None
    );
    store
        .create_order_keyed(
            acme.id,
            &new_order("#1003", 1),
            Some(&order_record("key-2", &a, 201)),
        )
        .await
        .unwrap();

    // Keys belong to one store.
    assert_eq!(
        store.idempotent_response(other.id, "key-1").await.unwrap(),
        None
    );
    store
        .create_order_keyed(
            other.id,
            &new_order("#1001", 1),
            Some(&order_record("key-1", &b, 201)),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .idempotent_response(other.id, "key-1")
            .await
            .unwrap()
            .map(|r| r.request_hash),
        Some(b)
    );
}

pub async fn every_keyed_change_keeps_the_response_rendered_from_what_it_wrote(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let hash = "c".repeat(64);
    let shipment_record = |key: &'static str| IdempotencyRecord {
        key,
        request_hash: &hash,
        render: Box::new(|s: &ShipmentEvents| {
            Ok(Reply {
                status: 200,
                body: format!(
                    "{} {} {} {}",
                    s.shipment.id,
                    s.shipment.token,
                    s.events.len(),
                    s.inserted
                ),
            })
        }),
    };
    let body = |key: &'static str| {
        let store = store.clone();
        async move {
            store
                .idempotent_response(acme.id, key)
                .await
                .unwrap()
                .map(|r| r.body)
                .unwrap_or_default()
        }
    };

    let added = store
        .add_shipment_keyed(
            acme.id,
            order.id,
            &new_shipment("1Z999AA10123456784"),
            Some(&IdempotencyRecord {
                key: "add",
                request_hash: &hash,
                render: Box::new(|s: &Shipment| {
                    Ok(Reply {
                        status: 201,
                        body: s.id.to_string(),
                    })
                }),
            }),
        )
        .await
        .unwrap();
    assert_eq!(body("add").await, added.id.to_string());

    let recorded = store
        .ingest_keyed(
            acme.id,
            added.id,
            &TrackingUpdate::events(vec![scan(10, Stage::InTransit)]),
            Some(&shipment_record("scan")),
        )
        .await
        .unwrap();
    assert_eq!(
        body("scan").await,
        format!("{} {} 1 1", added.id, recorded.shipment.token)
    );

    let reissued = store
        .reissue_token_keyed(
            acme.id,
            added.id,
            &ShipmentToken::generate(),
            Some(&shipment_record("token")),
        )
        .await
        .unwrap();
    assert_ne!(reissued.token, added.token);
    assert_eq!(
        body("token").await,
        format!("{} {} 1 0", added.id, reissued.token)
    );

    let relinked = store
        .reissue_order_token_keyed(
            acme.id,
            order.id,
            &OrderToken::generate(),
            Some(&order_record("order-token", &hash, 200)),
        )
        .await
        .unwrap();
    assert_ne!(relinked.token, order.token);
    assert!(body("order-token").await.contains(&relinked.id.to_string()));

    // A key already taken changes nothing: no event, no new token.
    let taken = store
        .ingest_keyed(
            acme.id,
            added.id,
            &TrackingUpdate::events(vec![scan(20, Stage::Delivered)]),
            Some(&shipment_record("scan")),
        )
        .await;
    assert!(matches!(taken, Err(StoreError::KeyTaken)), "{taken:?}");
    let taken = store
        .reissue_token_keyed(
            acme.id,
            added.id,
            &ShipmentToken::generate(),
            Some(&shipment_record("token")),
        )
        .await;
    assert!(matches!(taken, Err(StoreError::KeyTaken)), "{taken:?}");
    let now = store.get_shipment(acme.id, added.id).await.unwrap();
    assert_eq!((now.token, now.stage), (reissued.token, Stage::InTransit));
    assert_eq!(store.list_events(acme.id, added.id).await.unwrap().len(), 1);
}
