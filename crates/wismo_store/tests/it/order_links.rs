//! An order's own private link: its token, made with the order, unique, reissued, and the
//! view of every parcel it opens.

use std::sync::Arc;
use wismo_domain::{ManualClock, OrderId, OrderToken, Stage};
use wismo_store::{Store, StoreError};

use crate::fixtures::{a_store, an_order, new_order, scan};

pub async fn an_order_keeps_the_token_it_was_created_with_and_opens_every_parcel(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let new = new_order("#1001", 2);
    let order = store.create_order(acme.id, &new).await.unwrap();
    let neighbour = an_order(&*store, &acme, "#1002", 1).await;
    assert_eq!(order.token, new.token);
    assert_eq!(
        store.get_order(acme.id, order.id).await.unwrap().token,
        new.token
    );
    let (first, second) = (order.shipments[0].id, order.shipments[1].id);
    store
        .record_events(acme.id, second, &[scan(5, Stage::InTransit)])
        .await
        .unwrap();
    store
        .record_events(
            acme.id,
            neighbour.shipments[0].id,
            &[scan(7, Stage::InTransit)],
        )
        .await
        .unwrap();

    let view = store.order_view(&order.token).await.unwrap().unwrap();
    assert_eq!(view.store, acme);
    assert_eq!(
        view.order,
        store.get_order(acme.id, order.id).await.unwrap()
    );
    assert_eq!(view.focus, None, "an order's link is for no one parcel");
    assert_eq!(view.focused(), None);
    assert_eq!(view.parcel(), None, "two parcels: none is the page's one");
    assert_eq!(
        view.shipments_focus_first()
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>(),
        [first, second]
    );
    assert!(view.events_of(first).is_empty());
    assert_eq!(
        view.events_of(second),
        store.list_events(acme.id, second).await.unwrap().as_slice()
    );
    // The shipment's page reads at the same revision: the order page is the same facts.
    let shipment_view = store
        .tracking_view(&order.shipments[0].token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.revision, shipment_view.revision);

    let single = store.order_view(&neighbour.token).await.unwrap().unwrap();
    assert_eq!(
        single.parcel().map(|s| s.id),
        Some(neighbour.shipments[0].id),
        "an order with one parcel is that parcel's page"
    );
}

pub async fn an_unknown_or_shipments_token_opens_no_order(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    assert_eq!(
        store.order_view(&OrderToken::generate()).await.unwrap(),
        None
    );
    // Both tokens look alike; a shipment's is still not an order's.
    let shipment_token = OrderToken::parse(order.shipments[0].token.as_str()).unwrap();
    assert_eq!(store.order_view(&shipment_token).await.unwrap(), None);
}

pub async fn an_order_token_is_unique_across_stores(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let first = an_order(&*store, &acme, "#1001", 1).await;
    let mut twin = new_order("#2001", 1);
    twin.token = first.token.clone();
    match store.create_order(other.id, &twin).await {
        Err(StoreError::Conflict(message)) => {
            assert_eq!(message, "an order with this token already exists")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(
        store
            .list_orders(other.id, None, 10)
            .await
            .unwrap()
            .is_empty(),
        "nothing of the refused order remains"
    );
    let second = an_order(&*store, &acme, "#1002", 0).await;
    assert_ne!(first.token, second.token);
}

pub async fn a_reissued_order_token_retires_the_old_link_and_only_the_owner_may_reissue(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let order = an_order(&*store, &acme, "#1001", 2).await;
    let neighbour = an_order(&*store, &acme, "#1002", 1).await;
    let fresh = OrderToken::generate();

    assert!(matches!(
        store.reissue_order_token(other.id, order.id, &fresh).await,
        Err(StoreError::NotFound("order"))
    ));
    assert!(matches!(
        store
            .reissue_order_token(acme.id, OrderId(9_999), &fresh)
            .await,
        Err(StoreError::NotFound("order"))
    ));
    assert!(
        store.order_view(&order.token).await.unwrap().is_some(),
        "a refused reissue changes nothing"
    );

    let reissued = store
        .reissue_order_token(acme.id, order.id, &fresh)
        .await
        .unwrap();
    assert_eq!(reissued.token, fresh);
    assert_eq!(
        reissued.shipments, order.shipments,
        "the parcels' own links stay as they were"
    );
    assert_eq!(store.order_view(&order.token).await.unwrap(), None);
    let view = store.order_view(&fresh).await.unwrap().unwrap();
    assert_eq!(view.order.id, order.id);
    assert!(
        store
            .tracking_view(&order.shipments[0].token)
            .await
            .unwrap()
            .is_some()
    );

    match store
        .reissue_order_token(acme.id, order.id, &neighbour.token)
        .await
    {
        Err(StoreError::Conflict(message)) => {
            assert_eq!(message, "an order with this token already exists")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store.get_order(acme.id, order.id).await.unwrap().token,
        fresh
    );
}
