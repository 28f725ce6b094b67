//! The tracking page for a sample order (#1001, for Ana, one parcel on its way, or
//! delivered): what the admin's branding preview shows, rendered by the real page with the
//! store's unsaved branding.

use chrono::Duration;
use wismo_domain::{
    CarrierCode, Customer, DeliveryEstimate, EstimateBasis, EventId, EventSource, LineItem, Locale,
    Order, OrderId, OrderNumber, OrderToken, Shipment, ShipmentId, ShipmentToken, Stage, Tenant,
    TrackingEvent, TrackingNumber,
};
use wismo_store::{PageRevision, TrackingView};

use super::{Thumbnails, TrackingPage, page};
use crate::state::Core;

/// The sample order's page in `lang` for `store` (its branding as given), its parcel
/// `delivered` or on its way, linking its theme at `theme_url`. It offers no request form:
/// nothing is sent from a preview.
pub fn page_for(
    core: &Core,
    lang: &Locale,
    store: Tenant,
    delivered: bool,
    theme_url: String,
) -> Option<TrackingPage> {
    let view = view(core, store, delivered)?;
    let mut page = page(core, lang, &view, &Thumbnails::new());
    page.theme_url = theme_url;
    page.actions = None;
    Some(page)
}

fn view(core: &Core, store: Tenant, delivered: bool) -> Option<TrackingView> {
    let now = core.clock.now();
    let today = now.with_timezone(&store.timezone.tz()).date_naive();
    let order_id = OrderId(0);
    let shipment_id = ShipmentId(0);
    let shipment = Shipment {
        id: shipment_id,
        order_id,
        store_id: store.id,
        carrier: CarrierCode::parse("ups").ok(),
        service: None,
        tracking_number: TrackingNumber::parse("1Z999AA10123456784").ok()?,
        token: ShipmentToken::generate(),
        stage: if delivered {
            Stage::Delivered
        } else {
            Stage::InTransit
        },
        substatus: None,
        carrier_estimated_delivery: None,
        shipped_at: Some(now - Duration::days(1)),
        delivered_at: delivered.then(|| now - Duration::hours(1)),
        last_event_at: Some(now - Duration::hours(3)),
        estimate: Some(DeliveryEstimate {
            from: today + Duration::days(2),
            until: today + Duration::days(2),
            confidence: 0.9,
            basis: EstimateBasis::Carrier,
        }),
        first_estimate_until: None,
        next_poll_at: None,
        poll_failures: 0,
        last_polled_at: None,
        created_at: now - Duration::days(1),
        updated_at: now,
        items: Vec::new(),
        facts: Default::default(),
        rating: None,
    };
    let event = |hours: i64, stage: Stage, description: &str, location: &str| TrackingEvent {
        id: EventId(hours),
        shipment_id,
        occurred_at: (now - Duration::hours(hours)).fixed_offset(),
        stage,
        substatus: None,
        description: description.to_owned(),
        location: Some(location.to_owned()),
        carrier_code: None,
        source: EventSource::Poll,
        dedupe_key: format!("sample-{hours}"),
        recorded_at: now,
    };
    let mut events = vec![
        event(
            3,
            Stage::InTransit,
            "Departed from facility",
            "Louisville, KY, US",
        ),
        event(
            26,
            Stage::InfoReceived,
            "Shipment picked up",
            "Portland, OR, US",
        ),
    ];
    if delivered {
        events.insert(
            0,
            event(
                1,
                Stage::Delivered,
                "Delivered, front door",
                "Denver, CO, US",
            ),
        );
    }
    let order = Order {
        id: order_id,
        store_id: store.id,
        order_number: OrderNumber::parse("#1001").ok()?,
        external_id: None,
        token: OrderToken::generate(),
        customer: Customer {
            name: Some("Ana Silva".to_owned()),
            email: None,
            phone: None,
            locale: None,
            timezone: None,
            consent: Default::default(),
        },
        items: vec![
            LineItem {
                name: "Ceramic mug".to_owned(),
                quantity: 2,
                sku: None,
                variant: None,
                image_url: None,
            },
            LineItem {
                name: "Filter coffee, 250 g".to_owned(),
                quantity: 1,
                sku: None,
                variant: None,
                image_url: None,
            },
        ],
        destination: Default::default(),
        placed_at: Some(now - Duration::days(2)),
        promised_date: None,
        created_at: now - Duration::days(2),
        cancelled_at: None,
        source: Default::default(),
        stalled_at: None,
        promise: None,
        shipments: vec![shipment],
    };
    Some(TrackingView {
        store,
        order,
        events: vec![(shipment_id, events)],
        focus: Some(shipment_id),
        revision: PageRevision { order: 0, store: 0 },
    })
}
