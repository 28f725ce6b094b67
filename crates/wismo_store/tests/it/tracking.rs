//! The public tracking page's read: one token, the whole order.

use std::sync::Arc;
use wismo_domain::{ManualClock, ShipmentToken, Stage};
use wismo_store::Store;

use crate::fixtures::{a_store, an_order, scan};

pub async fn the_tracking_view_has_the_order_every_shipment_and_their_events(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 2).await;
    let neighbour = an_order(&*store, &acme, "#1002", 1).await;
    let (first, second) = (order.shipments[0].id, order.shipments[1].id);
    store
        .record_events(
            acme.id,
            first,
            &[scan(20, Stage::InTransit), scan(0, Stage::InfoReceived)],
        )
        .await
        .unwrap();
    store
        .record_events(acme.id, second, &[scan(5, Stage::InfoReceived)])
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

    let view = store
        .tracking_view(&order.shipments[1].token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.store, acme);
    assert_eq!(
        view.order,
        store.get_order(acme.id, order.id).await.unwrap()
    );
    assert_eq!(view.focus, Some(second));
    assert_eq!(view.focused().map(|s| s.id), Some(second));
    assert_eq!(
        view.events.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [first, second]
    );
    assert_eq!(
        view.events_of(first),
        store.list_events(acme.id, first).await.unwrap().as_slice()
    );
    assert_eq!(
        view.events_of(first)
            .iter()
            .map(|e| e.stage)
            .collect::<Vec<_>>(),
        [Stage::InfoReceived, Stage::InTransit]
    );
    assert_eq!(
        view.events_of(second),
        store.list_events(acme.id, second).await.unwrap().as_slice()
    );

    let view = store
        .tracking_view(&order.shipments[0].token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((view.focus, view.order.id), (Some(first), order.id));
}

pub async fn an_unknown_token_has_no_tracking_view(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    an_order(&*store, &acme, "#1001", 1).await;
    assert_eq!(
        store
            .tracking_view(&ShipmentToken::generate())
            .await
            .unwrap(),
        None
    );
}
