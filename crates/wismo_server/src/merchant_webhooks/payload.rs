//! What a webhook says: `{"type", "timestamp", "data"}`, rendered when it is sent from
//! what the store holds then, so a retry carries the same facts as the first attempt
//! (the shipment's stage may have moved on; `moment` says what the message is about).

use anyhow::Context as _;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};
use wismo_domain::notify::Moment;
use wismo_domain::webhook::WebhookEvent;
use wismo_domain::{EndpointId, OrderId, RequestId, StoreId};
use wismo_store::Store;
use wismo_store::notify::Notification;

/// A payload is kept under this size (Standard Webhooks: < 20 KB).
pub const MAX_PAYLOAD_BYTES: usize = 20 * 1024;

/// The body of one message; `at` is when what it tells happened (Standard Webhooks: when
/// the event occurred, not when it was delivered), so every attempt sends the same body.
pub fn envelope(event: WebhookEvent, at: DateTime<Utc>, data: Value) -> Value {
    json!({
        "type": event.as_str(),
        "timestamp": at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "data": data,
    })
}

/// A `shipment.updated` notification's data: the shipment it is about as it stands, and
/// the moment.
pub async fn shipment_updated(
    store: &dyn Store,
    public_url: &str,
    n: &Notification,
) -> anyhow::Result<Value> {
    let shipment_id = *n
        .shipments
        .first()
        .context("the notification names no shipment")?;
    let shipment = store
        .get_shipment(n.store_id, shipment_id)
        .await
        .context("cannot read the shipment")?;
    let order = store
        .get_order(n.store_id, n.order_id)
        .await
        .context("cannot read the order")?;
    let estimate = shipment.estimate.as_ref().map(|e| {
        json!({
            "from": e.from,
            "until": e.until,
            "confidence": e.confidence,
            "basis": e.basis.as_str(),
        })
    });
    Ok(json!({
        "id": shipment.id.0,
        "order_id": order.id.0,
        "order_number": order.order_number.as_str(),
        "tracking_number": shipment.tracking_number.as_str(),
        "carrier": shipment.carrier.as_ref().map(|c| c.as_str()),
        "stage": shipment.stage.as_str(),
        "substatus": shipment.substatus.map(|s| s.as_str()),
        "estimate": estimate,
        "tracking_url": format!("{}/t/{}", public_url.trim_end_matches('/'), shipment.token),
        "moment": n.moment.as_str(),
        // A milestone is recorded once per shipment: its message is the first of its stage.
        "is_first_of_stage": matches!(n.moment, Moment::Milestone(_)),
    }))
}

/// The data of an event carried by its job alone, and when it happened: `None` for a
/// test, which is about nothing that happened.
pub async fn event_data(
    store: &dyn Store,
    tenant: StoreId,
    endpoint: EndpointId,
    event: WebhookEvent,
    subject: Option<i64>,
) -> anyhow::Result<(Value, Option<DateTime<Utc>>)> {
    match (event, subject) {
        (WebhookEvent::CustomerRequestCreated, Some(id)) => {
            let request = store
                .get_customer_request(tenant, RequestId(id))
                .await
                .context("cannot read the customer request")?;
            let shipment = store
                .get_shipment(tenant, request.shipment_id)
                .await
                .context("cannot read the request's shipment")?;
            let data = json!({
                "id": request.id.0,
                "shipment_id": request.shipment_id.0,
                "order_id": shipment.order_id.0,
                "kind": request.kind.as_str(),
                "message": request.message,
                "status": request.status.as_str(),
                "created_at": request.created_at,
            });
            Ok((data, Some(request.created_at)))
        }
        (WebhookEvent::NotificationFailed, Some(id)) => {
            let n = store
                .get_notification(id)
                .await
                .context("cannot read the failed notification")?;
            anyhow::ensure!(n.store_id == tenant, "the notification is another store's");
            // It failed with its last attempt.
            let failed_at = store
                .notification_attempts(id)
                .await
                .context("cannot read the failed notification's attempts")?
                .last()
                .map_or(n.created_at, |a| a.attempted_at);
            let data = json!({
                "id": n.id,
                "order_id": n.order_id.0,
                "shipment_ids": n.shipments.iter().map(|s| s.0).collect::<Vec<_>>(),
                "channel": n.channel.as_str(),
                "moment": n.moment.as_str(),
                "attempts": n.attempts,
                "error": n.last_error,
            });
            Ok((data, Some(failed_at)))
        }
        (WebhookEvent::OrderFulfillmentStalled, Some(id)) => {
            let order = store
                .get_order(tenant, OrderId(id))
                .await
                .context("cannot read the stalled order")?;
            let stalled_at = order.stalled_at.unwrap_or(order.created_at);
            let data = json!({
                "order_id": order.id.0,
                "order_number": order.order_number.as_str(),
                "external_id": order.external_id,
                "source": order.source.as_str(),
                "placed_at": order.placed_at.unwrap_or(order.created_at),
                "stalled_at": stalled_at,
                "items": order.items.iter().map(|i| json!({
                    "name": i.name,
                    "quantity": i.quantity,
                    "sku": i.sku,
                })).collect::<Vec<_>>(),
            });
            Ok((data, Some(stalled_at)))
        }
        (WebhookEvent::Test, _) => Ok((
            json!({
                "endpoint_id": endpoint.0,
                "message": "a test from wismo: this endpoint receives and verifies webhooks",
            }),
            None,
        )),
        (event, _) => anyhow::bail!("no data for a `{}` message", event.as_str()),
    }
}
