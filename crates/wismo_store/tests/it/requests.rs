//! Customer requests and idempotency keys.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::{ManualClock, NewCustomerRequest, RequestKind, RequestStatus};
use wismo_store::{IdempotentResponse, Store, StoreError};

use crate::fixtures::{a_store, an_order, start};

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

pub async fn an_idempotent_response_is_kept_per_store_and_the_first_one_wins(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let first = IdempotentResponse {
        request_hash: "a".repeat(64),
        status: 201,
        body: r#"{"id":1}"#.into(),
    };
    let second = IdempotentResponse {
        request_hash: "b".repeat(64),
        status: 409,
        body: "{}".into(),
    };

    assert_eq!(
        store.idempotent_response(acme.id, "key-1").await.unwrap(),
        None
    );
    assert!(
        store
            .save_idempotent_response(acme.id, "key-1", &first)
            .await
            .unwrap()
    );
    assert!(
        !store
            .save_idempotent_response(acme.id, "key-1", &second)
            .await
            .unwrap()
    );
    assert_eq!(
        store.idempotent_response(acme.id, "key-1").await.unwrap(),
        Some(first)
    );

    assert_eq!(
        store.idempotent_response(other.id, "key-1").await.unwrap(),
        None,
        "keys belong to one store"
    );
    assert!(
        store
            .save_idempotent_response(other.id, "key-1", &second)
            .await
            .unwrap()
    );
    assert_eq!(
        store.idempotent_response(other.id, "key-1").await.unwrap(),
        Some(second)
    );
}
