//! Orders and shipments: creation, reads, tenancy, pagination, patches.

use chrono::Duration;
use std::sync::Arc;
use wismo_domain::{
    CarrierCode, ManualClock, OrderId, ShipmentId, ShipmentPatch, Stage, TrackingNumber,
};
use wismo_store::{Store, StoreError};

use crate::fixtures::{a_store, an_order, new_order, new_shipment, start};

pub async fn an_order_with_two_shipments_reads_back_field_for_field(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let new = new_order("#1001", 2);
    let order = store.create_order(acme.id, &new).await.unwrap();

    assert_eq!(order.store_id, acme.id);
    assert_eq!(order.order_number, new.order_number);
    assert_eq!(order.external_id, new.external_id);
    assert_eq!(order.customer, new.customer);
    assert_eq!(order.items, new.items);
    assert_eq!(order.destination, new.destination);
    assert_eq!(order.placed_at, new.placed_at);
    assert_eq!(order.promised_date, new.promised_date);
    assert_eq!(order.created_at, start());
    assert_eq!(order.shipments.len(), 2);
    for (shipment, wanted) in order.shipments.iter().zip(&new.shipments) {
        assert_eq!((shipment.order_id, shipment.store_id), (order.id, acme.id));
        assert_eq!(shipment.tracking_number, wanted.tracking_number);
        assert_eq!(shipment.carrier, wanted.carrier);
        assert_eq!(shipment.service, wanted.service);
        assert_eq!(shipment.token, wanted.token);
        assert_eq!((shipment.stage, shipment.substatus), (Stage::Pending, None));
        assert_eq!(
            (
                shipment.shipped_at,
                shipment.delivered_at,
                shipment.last_event_at
            ),
            (None, None, None)
        );
        assert_eq!(
            (shipment.created_at, shipment.updated_at),
            (start(), start())
        );
        assert_eq!(
            store.get_shipment(acme.id, shipment.id).await.unwrap(),
            *shipment
        );
    }
    assert_eq!(store.get_order(acme.id, order.id).await.unwrap(), order);
}

pub async fn a_duplicate_order_number_is_a_conflict_but_another_store_may_use_it(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    an_order(&*store, &acme, "#1001", 1).await;
    match store.create_order(acme.id, &new_order("#1001", 1)).await {
        Err(StoreError::Conflict(message)) => {
            assert_eq!(message, "order number #1001 already exists in this store")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store.list_orders(acme.id, None, 10).await.unwrap().len(),
        1,
        "nothing of the refused order remains"
    );
    an_order(&*store, &other, "#1001", 1).await;
}

pub async fn an_order_number_is_one_order_whatever_its_case_hash_dashes_or_spaces(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let order = an_order(&*store, &acme, "#SO-1001", 1).await;
    match store.create_order(acme.id, &new_order("so 1001", 1)).await {
        Err(StoreError::Conflict(message)) => {
            assert_eq!(message, "order number so 1001 already exists in this store")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    for typed in ["SO1001", "so-1001", "#so 1001", "#SO-1001"] {
        let number = wismo_domain::OrderNumber::parse(typed).unwrap();
        let found = store.find_order_by_number(acme.id, &number).await.unwrap();
        assert_eq!(found.map(|o| o.id), Some(order.id), "{typed}");
        assert_eq!(
            store.find_order_by_number(other.id, &number).await.unwrap(),
            None,
            "another store's order is not found"
        );
    }
    an_order(&*store, &other, "so1001", 1).await;
}

pub async fn another_stores_order_and_shipment_are_not_found(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    let shipment = order.shipments[0].id;

    assert!(matches!(
        store.get_order(other.id, order.id).await,
        Err(StoreError::NotFound("order"))
    ));
    assert!(matches!(
        store.get_order(acme.id, OrderId(9_999)).await,
        Err(StoreError::NotFound("order"))
    ));
    assert!(matches!(
        store.get_shipment(other.id, shipment).await,
        Err(StoreError::NotFound("shipment"))
    ));
    assert!(matches!(
        store.get_shipment(acme.id, ShipmentId(9_999)).await,
        Err(StoreError::NotFound("shipment"))
    ));
    let patch = ShipmentPatch {
        service: Some(None),
        ..ShipmentPatch::default()
    };
    assert!(matches!(
        store.update_shipment(other.id, shipment, &patch).await,
        Err(StoreError::NotFound("shipment"))
    ));
    assert!(matches!(
        store
            .add_shipment(other.id, order.id, &new_shipment("1Z999AA10000000001"))
            .await,
        Err(StoreError::NotFound("order"))
    ));
    assert!(
        store
            .list_orders(other.id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .get_order(acme.id, order.id)
            .await
            .unwrap()
            .shipments
            .len(),
        1
    );
}

pub async fn orders_are_paged_newest_first_without_overlap(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let other = a_store(&*store, "other").await;
    let mut created = Vec::new();
    for n in 0..25 {
        created.push(an_order(&*store, &acme, &format!("#{}", 1000 + n), 1 + n % 2).await);
        if n == 12 {
            an_order(&*store, &other, "#1", 1).await;
        }
    }
    let mut pages = Vec::new();
    let mut before = None;
    loop {
        let page = store.list_orders(acme.id, before, 10).await.unwrap();
        if page.is_empty() {
            break;
        }
        before = page.last().map(|o| o.id);
        pages.push(page);
    }
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [10, 10, 5]);
    let listed: Vec<_> = pages.into_iter().flatten().collect();
    created.reverse();
    assert_eq!(
        listed, created,
        "newest first, every order once, each with its shipments"
    );
}

pub async fn a_shipment_is_added_and_its_carrier_cleared_by_a_patch(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let acme = a_store(&*store, "acme").await;
    let order = an_order(&*store, &acme, "#1001", 1).await;
    clock.advance(Duration::minutes(1));
    let added = store
        .add_shipment(acme.id, order.id, &new_shipment("1Z999AA10000000002"))
        .await
        .unwrap();
    assert_eq!(
        (added.order_id, added.stage, added.created_at),
        (order.id, Stage::Pending, start() + Duration::minutes(1))
    );
    assert_eq!(
        store
            .get_order(acme.id, order.id)
            .await
            .unwrap()
            .shipments
            .last(),
        Some(&added)
    );

    clock.advance(Duration::minutes(1));
    let cleared = ShipmentPatch {
        carrier: Some(None),
        ..ShipmentPatch::default()
    };
    let patched = store
        .update_shipment(acme.id, added.id, &cleared)
        .await
        .unwrap();
    assert_eq!(patched.carrier, None);
    assert_eq!(
        patched.service, added.service,
        "fields not in the patch stay"
    );
    assert_eq!(patched.tracking_number, added.tracking_number);
    assert_eq!(patched.updated_at, start() + Duration::minutes(2));

    let changed = ShipmentPatch {
        tracking_number: Some(TrackingNumber::parse("9400111899223100001234").unwrap()),
        carrier: Some(Some(CarrierCode::parse("usps").unwrap())),
        service: Some(None),
    };
    let patched = store
        .update_shipment(acme.id, added.id, &changed)
        .await
        .unwrap();
    assert_eq!(patched.tracking_number.as_str(), "9400111899223100001234");
    assert_eq!(
        patched.carrier.as_ref().map(CarrierCode::as_str),
        Some("usps")
    );
    assert_eq!(patched.service, None);
    assert_eq!(
        store.get_shipment(acme.id, added.id).await.unwrap(),
        patched
    );
}
