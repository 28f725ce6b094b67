#![allow(clippy::unwrap_used)]

use super::*;
use crate::{
    Customer, Destination, LineItem, OrderId, OrderNumber, OrderSource, OrderToken, ShipmentItem,
    ShipmentToken, StoreId, TrackingNumber,
};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn line(name: &str, sku: Option<&str>, quantity: u32) -> LineItem {
    LineItem {
        name: name.into(),
        quantity,
        sku: sku.map(Into::into),
        variant: None,
        image_url: None,
    }
}

fn parcel(id: i64, stage: Stage, items: &[(&str, u32)]) -> Shipment {
    Shipment {
        id: ShipmentId(id),
        order_id: OrderId(1),
        store_id: StoreId(1),
        carrier: None,
        service: None,
        tracking_number: TrackingNumber::parse(&format!("1Z999AA1012345678{id}")).unwrap(),
        token: ShipmentToken::generate(),
        stage,
        substatus: None,
        carrier_estimated_delivery: None,
        shipped_at: None,
        delivered_at: None,
        last_event_at: None,
        estimate: None,
        first_estimate_until: None,
        next_poll_at: None,
        poll_failures: 0,
        last_polled_at: None,
        created_at: utc("2026-03-02T10:00:00Z"),
        updated_at: utc("2026-03-02T10:00:00Z"),
        facts: Default::default(),
        rating: None,
        items: items
            .iter()
            .map(|(sku, quantity)| ShipmentItem {
                sku: Some((*sku).into()),
                name: None,
                quantity: *quantity,
            })
            .collect(),
    }
}

fn order(shipments: Vec<Shipment>) -> Order {
    Order {
        id: OrderId(1),
        store_id: StoreId(1),
        order_number: OrderNumber::parse("#1001").unwrap(),
        external_id: None,
        token: OrderToken::generate(),
        customer: Customer::default(),
        items: vec![line("Mug", Some("MUG"), 2), line("Tea", Some("TEA"), 1)],
        destination: Destination::default(),
        placed_at: Some(utc("2026-03-06T15:00:00Z")),
        promised_date: None,
        created_at: utc("2026-03-06T15:00:01Z"),
        cancelled_at: None,
        source: OrderSource::Api,
        stalled_at: None,
        promise: None,
        shipments,
    }
}

fn stage(order: &Order) -> (Stage, Option<Substatus>) {
    let p = OrderProgress::of(order);
    (p.stage, p.substatus)
}

#[test]
fn an_order_without_parcels_is_being_prepared() {
    let o = order(Vec::new());
    assert_eq!(stage(&o), (Stage::Ordered, Some(Substatus::Processing)));
    let p = OrderProgress::of(&o);
    assert!(p.items.iter().all(|i| i.status == ItemStatus::Unshipped));
    assert_eq!(p.waiting(&o).len(), 2);
    // A voided label is no parcel.
    let o = order(vec![parcel(1, Stage::Cancelled, &[])]);
    assert_eq!(stage(&o), (Stage::Ordered, Some(Substatus::Processing)));
}

#[test]
fn parcels_that_do_not_say_what_they_hold_hold_the_whole_order() {
    let o = order(vec![parcel(1, Stage::InTransit, &[])]);
    assert_eq!(stage(&o), (Stage::InTransit, None));
    let p = OrderProgress::of(&o);
    assert_eq!(p.items[0].shipped, 2);
    assert_eq!(p.items[0].status, ItemStatus::Shipped(Stage::InTransit));
    assert_eq!(p.items[1].shipments, vec![ShipmentId(1)]);
}

#[test]
fn an_item_not_in_any_parcel_keeps_the_order_partially_shipped() {
    // One mug of two shipped, the tea not at all.
    let o = order(vec![parcel(1, Stage::Delivered, &[("MUG", 1)])]);
    assert_eq!(
        stage(&o),
        (Stage::Ordered, Some(Substatus::PartiallyShipped))
    );
    let p = OrderProgress::of(&o);
    assert_eq!(p.items[0].status, ItemStatus::PartiallyShipped);
    assert_eq!(p.items[0].shipped, 1);
    assert_eq!(p.items[1].status, ItemStatus::Unshipped);
    assert_eq!(p.items[1].status.as_str(), "unshipped");
    let waiting: Vec<(&str, u32)> = p
        .waiting(&o)
        .into_iter()
        .map(|(l, n)| (l.name.as_str(), n))
        .collect();
    assert_eq!(waiting, vec![("Mug", 1), ("Tea", 1)]);

    // Everything in parcels: the parcels' stage, the least advanced.
    let o = order(vec![
        parcel(1, Stage::Delivered, &[("MUG", 2)]),
        parcel(2, Stage::OutForDelivery, &[("TEA", 1)]),
    ]);
    assert_eq!(stage(&o), (Stage::OutForDelivery, None));
    let p = OrderProgress::of(&o);
    assert_eq!(p.items[0].status, ItemStatus::Shipped(Stage::Delivered));
    assert_eq!(p.items[1].status.as_str(), "out_for_delivery");
}

#[test]
fn a_parcel_in_trouble_comes_first_and_delivered_needs_every_parcel() {
    let o = order(vec![
        parcel(1, Stage::Delivered, &[]),
        parcel(2, Stage::Delayed, &[]),
        parcel(3, Stage::ActionRequired, &[]),
    ]);
    assert_eq!(stage(&o).0, Stage::ActionRequired);
    let o = order(vec![
        parcel(1, Stage::Delivered, &[]),
        parcel(2, Stage::Exception, &[]),
        parcel(3, Stage::Delayed, &[]),
    ]);
    assert_eq!(stage(&o).0, Stage::Exception);
    let o = order(vec![
        parcel(1, Stage::Delivered, &[]),
        parcel(2, Stage::InTransit, &[]),
    ]);
    assert_eq!(stage(&o).0, Stage::InTransit);
    let o = order(vec![
        parcel(1, Stage::Delivered, &[]),
        parcel(2, Stage::Delivered, &[]),
    ]);
    assert_eq!(stage(&o).0, Stage::Delivered);
}

#[test]
fn a_cancelled_order_is_cancelled_whatever_its_parcels_do() {
    let mut o = order(vec![parcel(1, Stage::InTransit, &[])]);
    o.cancelled_at = Some(utc("2026-03-07T09:00:00Z"));
    assert_eq!(stage(&o), (Stage::Cancelled, None));
}

#[test]
fn an_order_stalls_after_three_business_days_in_the_stores_zone() {
    let la = chrono_tz::America::Los_Angeles;
    // Placed Friday 6 March 07:00 in Los Angeles: Monday, Tuesday, Wednesday.
    let placed = utc("2026-03-06T15:00:00Z");
    assert_eq!(stalled_since(placed, 3, la), utc("2026-03-11T14:00:00Z"));
    // (Daylight saving began on the 8th: 07:00 is now 14:00 UTC.)
    let o = order(Vec::new());
    assert!(!is_stalled(&o, 3, la, utc("2026-03-11T13:59:00Z")));
    assert!(is_stalled(&o, 3, la, utc("2026-03-11T14:00:00Z")));
    // Placed on Saturday: counted from Monday's start, so due Thursday 00:00.
    assert_eq!(
        stalled_since(utc("2026-03-07T20:00:00Z"), 3, la),
        utc("2026-03-12T07:00:00Z")
    );
    // A parcel, a cancellation or an earlier raise: never stalled.
    let shipped = order(vec![parcel(1, Stage::Pending, &[])]);
    assert!(!is_stalled(&shipped, 3, la, utc("2026-04-01T00:00:00Z")));
    let mut cancelled = order(Vec::new());
    cancelled.cancelled_at = Some(placed);
    assert!(!is_stalled(&cancelled, 3, la, utc("2026-04-01T00:00:00Z")));
    let mut raised = order(Vec::new());
    raised.stalled_at = Some(utc("2026-03-11T14:00:00Z"));
    assert!(!is_stalled(&raised, 3, la, utc("2026-04-01T00:00:00Z")));
}

#[test]
fn a_stalled_orders_apology_counts_the_same_transit_from_the_next_business_day() {
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let promise = crate::Promise {
        from: day(9),
        until: day(12),
        ships_by: day(5),
        basis: crate::PromiseBasis::Default,
    };
    // Raised on Friday the 13th: it ships Monday the 16th, four to seven days later as
    // promised.
    let new = apology_window(&promise, day(13));
    assert_eq!(
        (new.ships_by, new.from, new.until),
        (day(16), day(20), day(23))
    );
    // Not yet past its ship-by day: the promise stands.
    assert_eq!(apology_window(&promise, day(2)).from, day(9));
}
