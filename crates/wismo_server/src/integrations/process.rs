//! `process_platform_delivery`: turns a kept platform delivery into orders and shipments,
//! through the same use cases as the API.
//!
//! - An order (Shopify `orders/*`, WooCommerce `order.created`/`order.updated`) is found by
//!   its platform id (the order's external id), else by its order number when that order
//!   has no external id yet; it is created when neither exists, otherwise its customer,
//!   destination and items are replaced. A platform order wismo's rules refuse is recorded
//!   `failed` with the fields named.
//! - Each parcel (a tracking number of a fulfilment, or of a WooCommerce tracking plugin)
//!   becomes a shipment once; the shipment is remembered under the parcel's key, so a later
//!   delivery with another number for the same parcel changes that shipment's number (the
//!   API's PATCH rules: polled anew, any poll in flight fenced off). An unknown carrier
//!   name leaves the carrier to detection.
//! - A fulfilment whose order has not arrived is kept `waiting` and applied when the order
//!   arrives (Shopify sends `orders/updated` when an order is fulfilled, so an order placed
//!   before the webhooks were set up still arrives).
//! - A cancelled order is cancelled: its shipments are no longer polled and it gets no
//!   new ones.
//!
//! A store error is retried; running twice finds the work done (a delivery no longer
//! `queued` is skipped, orders and parcels are found by their platform ids).

use anyhow::Context as _;
use wismo_domain::platform::{
    Platform, PlatformFulfillment, PlatformOrder, generic, shopify, woocommerce,
};
use wismo_domain::{
    CarrierCode, NewOrder, NewShipment, Order, OrderId, OrderNumber, ShipmentPatch, StoreId,
};
use wismo_store::StoreError;
use wismo_store::integrations::{
    DeliveryOutcome, DeliveryResult, INTEGRATIONS_QUEUE, OrderDetails, PROCESS_PLATFORM_DELIVERY,
    PlatformDelivery, ProcessPlatformDelivery,
};

use crate::jobs::{BackgroundJob, JobContext};

impl BackgroundJob for ProcessPlatformDelivery {
    const JOB_NAME: &'static str = PROCESS_PLATFORM_DELIVERY;
    const QUEUE: &'static str = INTEGRATIONS_QUEUE;
    const MAX_ATTEMPTS: u32 = 8;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("platform-delivery:{}", self.delivery))
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let delivery = match ctx.store.platform_delivery(self.delivery).await {
            Ok(d) => d,
            // The store was removed with its deliveries.
            Err(StoreError::NotFound(_)) => return Ok(()),
            Err(e) => return Err(anyhow::Error::new(e).context("cannot read the delivery")),
        };
        if delivery.outcome != DeliveryOutcome::Queued {
            return Ok(());
        }
        let result = process(ctx, &delivery).await?;
        ctx.store
            .finish_platform_delivery(delivery.id, &result)
            .await
            .context("cannot record the delivery's outcome")?;
        tracing::info!(
            delivery = delivery.id,
            platform = %delivery.platform,
            topic = %delivery.topic,
            outcome = result.outcome.as_str(),
            "platform delivery processed"
        );
        Ok(())
    }
}

/// What a delivery's topic carries.
enum Carries {
    Order,
    Fulfillment,
    Cancel,
    Nothing,
}

fn carries(platform: Platform, topic: &str) -> Carries {
    match (platform, topic) {
        (
            Platform::Shopify,
            "orders/create"
            | "orders/updated"
            | "orders/cancelled"
            | "orders/fulfilled"
            | "orders/partially_fulfilled"
            | "orders/paid",
        )
        | (Platform::WooCommerce, "order.created" | "order.updated" | "order.restored") => {
            Carries::Order
        }
        (Platform::Shopify, "fulfillments/create" | "fulfillments/update")
        | (Platform::Generic, "fulfillment.created" | "fulfillment.updated") => {
            Carries::Fulfillment
        }
        (Platform::Generic, "order.created" | "order.updated") => Carries::Order,
        (Platform::Generic, "order.cancelled") => Carries::Cancel,
        _ => Carries::Nothing,
    }
}

fn result(
    outcome: DeliveryOutcome,
    order: Option<OrderId>,
    detail: impl Into<String>,
) -> DeliveryResult {
    DeliveryResult {
        outcome,
        order_id: order,
        detail: Some(detail.into()),
        waiting_for: None,
        subject: None,
    }
}

async fn process(ctx: &JobContext, d: &PlatformDelivery) -> anyhow::Result<DeliveryResult> {
    let body = d.body.as_deref().unwrap_or_default().as_bytes();
    let now = ctx.clock.now();
    match carries(d.platform, &d.topic) {
        Carries::Order => {
            let read = match d.platform {
                Platform::Shopify => shopify::order(body, now),
                Platform::WooCommerce => woocommerce::order(body, now),
                Platform::Generic => match generic::event(body) {
                    Ok(generic::Event::Order(order)) => Ok(*order),
                    Ok(_) => return Ok(ignored(d)),
                    Err(e) => Err(e),
                },
            };
            match read {
                Ok(order) => apply_order(ctx, d.store_id, d.platform, order).await,
                Err(e) => Ok(result(DeliveryOutcome::Failed, None, e.to_string())),
            }
        }
        Carries::Cancel => {
            let key = match generic::event(body) {
                Ok(generic::Event::Cancel(key)) => key,
                Ok(_) => return Ok(ignored(d)),
                Err(e) => return Ok(result(DeliveryOutcome::Failed, None, e.to_string())),
            };
            let Some(order) = find_order(ctx, d.store_id, d.platform, &key).await? else {
                return Ok(result(
                    DeliveryOutcome::Failed,
                    None,
                    format!("no order `{key}` to cancel"),
                ));
            };
            ctx.store.cancel_order(d.store_id, order.id).await?;
            Ok(result(
                DeliveryOutcome::Updated,
                Some(order.id),
                "order cancelled",
            ))
        }
        Carries::Fulfillment => match read_fulfillment(d.platform, body) {
            Ok(f) => {
                let Some(order) =
                    find_order(ctx, d.store_id, d.platform, &f.order_external_id).await?
                else {
                    return Ok(DeliveryResult {
                        outcome: DeliveryOutcome::Waiting,
                        order_id: None,
                        detail: Some(format!(
                            "order {} has not arrived yet; applied when it does",
                            f.order_external_id
                        )),
                        waiting_for: Some(f.order_external_id),
                        subject: None,
                    });
                };
                let added = apply_fulfillment(ctx, d.store_id, d.platform, &order, &f).await?;
                Ok(result(
                    if added > 0 {
                        DeliveryOutcome::Updated
                    } else {
                        DeliveryOutcome::Ignored
                    },
                    Some(order.id),
                    parcels_detail(added),
                ))
            }
            Err(e) => Ok(result(DeliveryOutcome::Failed, None, e.to_string())),
        },
        Carries::Nothing => Ok(ignored(d)),
    }
}

/// A fulfilment delivery's body.
fn read_fulfillment(
    platform: Platform,
    body: &[u8],
) -> Result<PlatformFulfillment, wismo_domain::ParseError> {
    match platform {
        Platform::Generic => match generic::event(body)? {
            generic::Event::Fulfillment(f) => Ok(f),
            _ => Err(wismo_domain::ParseError::new("not a fulfillment event")),
        },
        _ => shopify::fulfillment(body),
    }
}

/// The store's order a platform names: by its external id, else (the generic feed may
/// name an order by its number) by its order number.
async fn find_order(
    ctx: &JobContext,
    store: StoreId,
    platform: Platform,
    key: &str,
) -> anyhow::Result<Option<Order>> {
    if let Some(order) = ctx.store.find_order_by_external_id(store, key).await? {
        return Ok(Some(order));
    }
    if platform != Platform::Generic {
        return Ok(None);
    }
    match OrderNumber::parse(key) {
        Ok(number) => Ok(ctx.store.find_order_by_number(store, &number).await?),
        Err(_) => Ok(None),
    }
}

fn ignored(d: &PlatformDelivery) -> DeliveryResult {
    result(
        DeliveryOutcome::Ignored,
        None,
        format!("wismo does not read `{}` deliveries", d.topic),
    )
}

fn parcels_detail(changed: usize) -> String {
    match changed {
        0 => "no parcel changed".into(),
        1 => "1 parcel added or changed".into(),
        n => format!("{n} parcels added or changed"),
    }
}

async fn apply_order(
    ctx: &JobContext,
    store: StoreId,
    platform: Platform,
    o: PlatformOrder,
) -> anyhow::Result<DeliveryResult> {
    let mut new = match NewOrder::parse(o.order.clone(), ctx.clock.now()) {
        Ok(new) => NewOrder {
            source: platform.into(),
            ..new
        },
        Err(fields) => {
            return Ok(result(
                DeliveryOutcome::Failed,
                None,
                format!("the order was refused: {fields}"),
            ));
        }
    };
    // A retry of an older version of the order (Shopify resends the original payload)
    // must not undo a newer one.
    if let Some(version) = o.updated_at
        && let Some(latest) = ctx
            .store
            .latest_order_version(store, platform, &o.external_id)
            .await?
        && version < latest
    {
        return Ok(result(
            DeliveryOutcome::Ignored,
            None,
            format!("an older version of the order than one applied ({latest})"),
        ));
    }
    let mut existing = ctx
        .store
        .find_order_by_external_id(store, &o.external_id)
        .await?;
    if existing.is_none()
        && let Some(same_number) = ctx
            .store
            .find_order_by_number(store, &new.order_number)
            .await?
    {
        if same_number.external_id.is_some() {
            return Ok(result(
                DeliveryOutcome::Failed,
                Some(same_number.id),
                format!(
                    "order number {} belongs to another order of this store",
                    new.order_number
                ),
            ));
        }
        existing = Some(same_number);
    }
    let (mut order, outcome) = match existing {
        None => match create(ctx, store, &mut new).await {
            Ok(order) => (order, DeliveryOutcome::Created),
            // Another delivery of the same new order (Shopify sends orders/create and
            // orders/updated together) created it first: update it instead.
            Err(StoreError::Conflict(_)) => {
                let Some(order) = ctx
                    .store
                    .find_order_by_external_id(store, &o.external_id)
                    .await?
                else {
                    anyhow::bail!("order {} exists but cannot be found", new.order_number);
                };
                let details = OrderDetails {
                    customer: new.customer.clone(),
                    destination: new.destination.clone(),
                    items: new.items.clone(),
                    external_id: None,
                };
                (
                    ctx.store
                        .update_order_details(store, order.id, &details)
                        .await?,
                    DeliveryOutcome::Updated,
                )
            }
            Err(e) => return Err(e.into()),
        },
        Some(order) => {
            // Platforms know no time zone: one set through the API stays.
            let mut customer = new.customer.clone();
            customer.timezone = customer.timezone.or(order.customer.timezone.clone());
            let same = order.customer.name == customer.name
                && order.customer.email == customer.email
                && order.customer.phone == customer.phone
                && order.customer.locale == customer.locale
                && order.customer.timezone == customer.timezone
                && order.destination == new.destination
                && order.items == new.items
                && order.external_id == new.external_id;
            // Shopify sends `orders/updated` for any edit (tags, notes): an order whose
            // details did not change is not written, and its stored pages stay.
            if same {
                (order, DeliveryOutcome::Ignored)
            } else {
                let details = OrderDetails {
                    customer,
                    destination: new.destination.clone(),
                    items: new.items.clone(),
                    external_id: new.external_id.clone(),
                };
                (
                    ctx.store
                        .update_order_details(store, order.id, &details)
                        .await?,
                    DeliveryOutcome::Updated,
                )
            }
        }
    };
    let mut outcome = outcome;
    if o.cancelled && order.cancelled_at.is_none() {
        order = ctx.store.cancel_order(store, order.id).await?;
        outcome = DeliveryOutcome::Updated;
    }
    let mut changed = 0;
    for f in &o.fulfillments {
        changed += apply_fulfillment(ctx, store, platform, &order, f).await?;
    }
    // Fulfilments that came first wait under the order's platform id (or, from the
    // generic feed, its number).
    let mut waiting = ctx
        .store
        .waiting_platform_deliveries(store, platform, &o.external_id)
        .await?;
    if o.order.order_number != o.external_id {
        waiting.extend(
            ctx.store
                .waiting_platform_deliveries(store, platform, &o.order.order_number)
                .await?,
        );
    }
    waiting.sort_unstable();
    for id in waiting {
        let waiting = ctx.store.platform_delivery(id).await?;
        let body = waiting.body.as_deref().unwrap_or_default().as_bytes();
        let applied = match read_fulfillment(platform, body) {
            Ok(f) => {
                let order = ctx.store.get_order(store, order.id).await?;
                let n = apply_fulfillment(ctx, store, platform, &order, &f).await?;
                changed += n;
                result(DeliveryOutcome::Updated, Some(order.id), parcels_detail(n))
            }
            Err(e) => result(DeliveryOutcome::Failed, None, e.to_string()),
        };
        ctx.store.finish_platform_delivery(id, &applied).await?;
    }
    if outcome == DeliveryOutcome::Ignored && changed > 0 {
        outcome = DeliveryOutcome::Updated;
    }
    let what = match (outcome, o.cancelled) {
        (_, true) => "order cancelled".to_owned(),
        (DeliveryOutcome::Created, _) => format!("order created, {}", parcels_detail(changed)),
        (DeliveryOutcome::Ignored, _) => "nothing changed".to_owned(),
        _ => format!("order updated, {}", parcels_detail(changed)),
    };
    Ok(DeliveryResult {
        subject: Some((o.external_id.clone(), o.updated_at)),
        ..result(outcome, Some(order.id), what)
    })
}

/// Adds or changes the shipments of a fulfilment's parcels; how many it added or changed.
/// A cancelled fulfilment, or any on a cancelled order, changes nothing.
async fn apply_fulfillment(
    ctx: &JobContext,
    store: StoreId,
    platform: Platform,
    order: &Order,
    f: &PlatformFulfillment,
) -> anyhow::Result<usize> {
    if f.cancelled || order.cancelled_at.is_some() {
        return Ok(0);
    }
    let mut order = order.clone();
    let mut changed = 0;
    for parcel in &f.parcels {
        let carrier = parcel
            .carrier
            .as_deref()
            .and_then(|c| CarrierCode::parse(c).ok());
        let same_number = order
            .shipments
            .iter()
            .find(|s| s.tracking_number == parcel.tracking_number)
            .map(|s| s.id);
        let linked = ctx
            .store
            .platform_shipment(store, platform, &parcel.key)
            .await?
            .filter(|id| order.shipments.iter().any(|s| s.id == *id));
        let shipment = match (linked, same_number) {
            (Some(id), Some(same)) if id == same => continue,
            // The number is tracked already (added by hand, or under another parcel).
            (_, Some(same)) => same,
            (Some(id), None) => {
                let patch = ShipmentPatch {
                    tracking_number: Some(parcel.tracking_number.clone()),
                    carrier: Some(carrier),
                    service: None,
                };
                ctx.store.update_shipment(store, id, &patch).await?;
                changed += 1;
                id
            }
            (None, None) => {
                if order.shipments.len() >= wismo_domain::order::MAX_SHIPMENTS {
                    continue;
                }
                let new = NewShipment::new(parcel.tracking_number.clone(), carrier, None)
                    .with_items(parcel.items.clone());
                let added = ctx.store.add_shipment(store, order.id, &new).await?;
                order.shipments.push(added.clone());
                changed += 1;
                added.id
            }
        };
        ctx.store
            .link_platform_shipment(store, platform, &parcel.key, shipment)
            .await?;
    }
    Ok(changed)
}

/// Creates the order with the promise for its placing time and destination.
async fn create(ctx: &JobContext, store: StoreId, new: &mut NewOrder) -> Result<Order, StoreError> {
    let tenant = ctx.store.get_store(store).await?;
    crate::promise::stamp_batch(
        ctx.store.as_ref(),
        &tenant,
        std::slice::from_mut(new),
        ctx.clock.now(),
    )
    .await?;
    ctx.store.create_order(store, new).await
}
