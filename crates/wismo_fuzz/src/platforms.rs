//! Store platforms' webhook bodies (Shopify, WooCommerce, the generic feed) read by the
//! domain, and the orders they make checked as the processing job checks them.

use chrono::{DateTime, Utc};
use wismo_domain::NewOrder;
use wismo_domain::platform::{PlatformOrder, generic, shopify, woocommerce};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_772_366_400, 0).unwrap_or_default()
}

/// An order read from a platform goes through the domain's order rules like the API's.
fn check(order: PlatformOrder) {
    assert_eq!(
        order.order.external_id.as_deref(),
        Some(order.external_id.as_str())
    );
    let _ = NewOrder::parse(order.order, now());
}

/// Shopify `orders/*`.
pub fn shopify_order(data: &[u8]) {
    if let Ok(order) = shopify::order(data, now()) {
        check(order);
    }
}

/// Shopify `fulfillments/*`.
pub fn shopify_fulfillment(data: &[u8]) {
    let _ = shopify::fulfillment(data);
}

/// WooCommerce `order.created`, `order.updated`.
pub fn woocommerce_order(data: &[u8]) {
    if let Ok(order) = woocommerce::order(data, now()) {
        check(order);
    }
}

/// The generic feed's events.
pub fn generic_event(data: &[u8]) {
    if let Ok(generic::Event::Order(order)) = generic::event(data) {
        check(*order);
    }
}
