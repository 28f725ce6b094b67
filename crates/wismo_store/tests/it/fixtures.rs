//! Test data: a store, an order with shipments, events at minutes after the start.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone as _, Utc};
use wismo_domain::{
    CarrierCode, CountryCode, Customer, Destination, Email, EventSource, LineItem, Locale,
    NewEvent, NewOrder, NewShipment, NewStore, Order, OrderNumber, Phone, Stage, StoreSlug,
    TimeZone, TrackingNumber,
};
use wismo_store::Store;

/// Where every test's clock starts.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).single().unwrap()
}

pub fn new_store(slug: &str) -> NewStore {
    NewStore {
        slug: StoreSlug::parse(slug).unwrap(),
        name: format!("Store {slug}"),
        default_locale: Locale::parse("en").unwrap(),
        timezone: TimeZone::parse("Europe/Berlin").unwrap(),
    }
}

pub async fn a_store(store: &dyn Store, slug: &str) -> wismo_domain::Tenant {
    store.create_store(&new_store(slug)).await.unwrap()
}

pub fn new_shipment(tracking_number: &str) -> NewShipment {
    NewShipment::new(
        TrackingNumber::parse(tracking_number).unwrap(),
        Some(CarrierCode::parse("ups").unwrap()),
        Some("ground".into()),
    )
}

/// An order with every field filled and `shipments` shipments.
pub fn new_order(number: &str, shipments: usize) -> NewOrder {
    NewOrder {
        order_number: OrderNumber::parse(number).unwrap(),
        external_id: Some(format!("ext-{number}")),
        token: wismo_domain::OrderToken::generate(),
        customer: Customer {
            name: Some("Ana Lima".into()),
            email: Some(Email::parse("ana@example.com").unwrap()),
            phone: Some(Phone::parse("+14155550100").unwrap()),
            locale: Some(Locale::parse("pt-BR").unwrap()),
            timezone: Some(TimeZone::parse("America/Sao_Paulo").unwrap()),
            consent: Default::default(),
        },
        items: vec![
            LineItem {
                name: "Coffee beans".into(),
                quantity: 2,
                sku: Some("CB-1".into()),
                variant: None,
                image_url: None,
            },
            LineItem {
                name: "Mug".into(),
                quantity: 1,
                sku: None,
                variant: None,
                image_url: None,
            },
        ],
        destination: Destination {
            city: Some("Porto Alegre".into()),
            region: Some("RS".into()),
            postal_code: Some("90000-000".into()),
            country: Some(CountryCode::parse("BR").unwrap()),
        },
        placed_at: Some(start() - Duration::days(1)),
        promised_date: NaiveDate::from_ymd_opt(2026, 3, 6),
        promise: None,
        shipments: (0..shipments)
            .map(|i| {
                new_shipment(&format!(
                    "1Z999AA1{number_digits}{i:04}",
                    number_digits = digits(number)
                ))
            })
            .collect(),
        source: wismo_domain::OrderSource::Api,
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

pub async fn an_order(
    store: &dyn Store,
    tenant: &wismo_domain::Tenant,
    number: &str,
    shipments: usize,
) -> Order {
    store
        .create_order(tenant.id, &new_order(number, shipments))
        .await
        .unwrap()
}

/// `minutes` after the start, seen from UTC+02:00.
pub fn at(minutes: i64) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(2 * 3600).unwrap();
    (start() + Duration::minutes(minutes)).with_timezone(&offset)
}

pub fn utc(minutes: i64) -> DateTime<Utc> {
    start() + Duration::minutes(minutes)
}

/// A carrier scan `minutes` after the start.
pub fn scan(minutes: i64, stage: Stage) -> NewEvent {
    NewEvent::new(
        at(minutes),
        stage,
        None,
        format!("{stage} scan"),
        Some("Berlin, DE".into()),
        None,
        EventSource::Poll,
    )
}

/// A day of March 2026, the month the tests run in (March 1 is a Sunday).
pub fn march(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
}

/// `hour:minute` UTC on a day of March 2026.
pub fn march_at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, minute, 0)
        .single()
        .unwrap()
}

/// An event at `at` in `location`, as `source` saw it.
pub fn event_at(at: DateTime<Utc>, stage: Stage, location: &str, source: EventSource) -> NewEvent {
    NewEvent::new(
        at.fixed_offset(),
        stage,
        None,
        format!("{stage} scan"),
        Some(location.into()),
        None,
        source,
    )
}

/// [`new_order`] shipped to Portland, Oregon (the lane region "US-OR") for a customer on
/// Los Angeles time.
pub fn new_us_order(number: &str, shipments: usize) -> NewOrder {
    let mut order = new_order(number, shipments);
    order.destination = Destination {
        city: Some("Portland".into()),
        region: Some("OR".into()),
        postal_code: Some("97201".into()),
        country: Some(CountryCode::parse("US").unwrap()),
    };
    order.customer.timezone = Some(TimeZone::parse("America/Los_Angeles").unwrap());
    order
}
