//! Inbound webhook secrets and finding shipments by tracking number.

use std::sync::Arc;
use wismo_domain::{ManualClock, SealedSecret as Secret};
use wismo_store::Store;

use crate::fixtures::{a_store, an_order};

pub async fn a_webhook_secret_is_kept_per_store_and_provider_and_replaced(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    assert_eq!(
        store.webhook_secret(acme.id, "easypost").await.unwrap(),
        None
    );
    store
        .set_webhook_secret(acme.id, "easypost", &Secret::new("first"))
        .await
        .unwrap();
    store
        .set_webhook_secret(acme.id, "easypost", &Secret::new("second"))
        .await
        .unwrap();
    store
        .set_webhook_secret(acme.id, "aftership", &Secret::new("as"))
        .await
        .unwrap();
    assert_eq!(
        store.webhook_secret(acme.id, "easypost").await.unwrap(),
        Some(Secret::new("second"))
    );
    assert_eq!(
        store.webhook_secret(acme.id, "aftership").await.unwrap(),
        Some(Secret::new("as"))
    );
    assert_eq!(
        store.webhook_secret(other.id, "easypost").await.unwrap(),
        None
    );
    assert_eq!(
        store.list_webhook_secrets().await.unwrap(),
        vec![
            (acme.id, "aftership".to_owned(), Secret::new("as")),
            (acme.id, "easypost".to_owned(), Secret::new("second")),
        ]
    );
}

pub async fn shipments_are_found_by_tracking_number_within_their_store(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let order = an_order(&*store, &acme, "#1001", 2).await;
    an_order(&*store, &other, "#1001", 2).await;
    let wanted = &order.shipments[1];
    let found = store
        .find_shipments_by_tracking_number(acme.id, &wanted.tracking_number)
        .await
        .unwrap();
    assert_eq!(found, vec![wanted.clone()]);
    let unknown = wismo_domain::TrackingNumber::parse("1ZNOSUCHNUMBER00").unwrap();
    assert!(
        store
            .find_shipments_by_tracking_number(acme.id, &unknown)
            .await
            .unwrap()
            .is_empty()
    );
}
