//! Store platforms as stored: each store's signing secret per platform (with the one
//! before a rotation, accepted for [`ROTATION_OVERLAP`]), the deliveries received (raw body,
//! outcome) with the job that processes each, and which shipment each platform parcel
//! became.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use wismo_domain::platform::Platform;
pub use wismo_domain::platform::ROTATION_OVERLAP;
use wismo_domain::{
    Customer, Destination, LineItem, Order, OrderId, OrderToken, SealedSecret, ShipmentId, StoreId,
};

use crate::rows::Columns;
use crate::{IdempotencyRecord, NewJob, Result, StoreError};

/// The queue platform deliveries are processed on.
pub const INTEGRATIONS_QUEUE: &str = "integrations";
/// The job that processes one delivery; its payload is a [`ProcessPlatformDelivery`].
pub const PROCESS_PLATFORM_DELIVERY: &str = "process_platform_delivery";
/// The most refused deliveries logged per store and platform in an hour: a stranger
/// posting garbage cannot fill the log.
pub const MAX_REFUSED_PER_HOUR: i64 = 100;
/// The most deliveries listed at once.
pub const MAX_DELIVERIES_LISTED: u32 = 200;

/// A store's integration with one platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Integration {
    pub store_id: StoreId,
    pub platform: Platform,
    /// Sealed for [`secret_context`].
    pub secret: SealedSecret,
    pub previous_secret: Option<SealedSecret>,
    pub previous_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
}

impl Integration {
    /// The sealed secrets a delivery may be signed with at `now`: the current one, and the
    /// one before a rotation until [`ROTATION_OVERLAP`] has passed.
    pub fn accepted_secrets(&self, now: DateTime<Utc>) -> Vec<&SealedSecret> {
        let mut secrets = vec![&self.secret];
        if let (Some(previous), Some(until)) = (&self.previous_secret, self.previous_until)
            && now < until
        {
            secrets.push(previous);
        }
        secrets
    }
}

/// The row a store's platform secret is sealed for (current and previous alike).
pub fn secret_context(store: StoreId, platform: Platform) -> String {
    format!("integrations/{}/{platform}", store.0)
}

/// The row a store's order-link key is sealed for.
pub fn order_link_context(store: StoreId) -> String {
    format!("order_links/{}", store.0)
}

/// A delivery to keep, as received (signature checked, body JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlatformDelivery {
    pub platform: Platform,
    pub topic: String,
    /// The platform's id of the delivery: the same delivery sent again is kept once.
    pub webhook_id: String,
    pub body: String,
}

/// What processing a delivery came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryOutcome {
    /// Received, not processed yet.
    Queued,
    /// A fulfilment whose order has not arrived: applied when it does.
    Waiting,
    Created,
    Updated,
    /// Nothing for wismo (a topic it does not read, nothing changed).
    Ignored,
    /// Refused at the door (a bad signature); kept without its body.
    Refused,
    /// The body could not be used (its reason in `detail`).
    Failed,
}

impl DeliveryOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryOutcome::Queued => "queued",
            DeliveryOutcome::Waiting => "waiting",
            DeliveryOutcome::Created => "created",
            DeliveryOutcome::Updated => "updated",
            DeliveryOutcome::Ignored => "ignored",
            DeliveryOutcome::Refused => "refused",
            DeliveryOutcome::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            DeliveryOutcome::Queued,
            DeliveryOutcome::Waiting,
            DeliveryOutcome::Created,
            DeliveryOutcome::Updated,
            DeliveryOutcome::Ignored,
            DeliveryOutcome::Refused,
            DeliveryOutcome::Failed,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// A delivery as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformDelivery {
    pub id: i64,
    pub store_id: StoreId,
    pub platform: Platform,
    pub topic: String,
    pub webhook_id: String,
    /// `None` for a refused delivery.
    pub body: Option<String>,
    pub received_at: DateTime<Utc>,
    pub outcome: DeliveryOutcome,
    /// The order it created or updated.
    pub order_id: Option<OrderId>,
    /// Why it failed or was ignored, or what it did.
    pub detail: Option<String>,
    /// The platform's order id a waiting fulfilment needs.
    pub waiting_for: Option<String>,
    pub processed_at: Option<DateTime<Utc>>,
}

/// How a processed delivery ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryResult {
    pub outcome: DeliveryOutcome,
    pub order_id: Option<OrderId>,
    pub detail: Option<String>,
    pub waiting_for: Option<String>,
    /// The platform's order id an order delivery was about, and the platform's time of
    /// that version of the order.
    pub subject: Option<(String, Option<DateTime<Utc>>)>,
}

/// An order's details as a platform now has them; `None` fields stay as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderDetails {
    /// Name, email, phone, locale and time zone; the consent is kept.
    pub customer: Customer,
    pub destination: Destination,
    pub items: Vec<LineItem>,
    pub external_id: Option<String>,
}

/// What the processing job carries: the delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessPlatformDelivery {
    pub delivery: i64,
}

impl ProcessPlatformDelivery {
    /// The job row, due at `run_at`.
    pub fn to_job(&self, run_at: DateTime<Utc>) -> NewJob {
        NewJob {
            name: PROCESS_PLATFORM_DELIVERY.into(),
            queue: INTEGRATIONS_QUEUE.into(),
            payload: serde_json::json!({ "delivery": self.delivery }),
            run_at,
            dedupe_key: Some(format!("platform-delivery:{}", self.delivery)),
            once_per_key: false,
            max_attempts: 8,
        }
    }
}

pub(crate) fn corrupt(table: &'static str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        table,
        reason: reason.to_string(),
    }
}

fn platform(row: &impl Columns, table: &'static str) -> Result<Platform> {
    let text = row
        .opt_text("platform")
        .map_err(|e| corrupt(table, e))?
        .unwrap_or_default();
    Platform::parse(&text).map_err(|e| corrupt(table, e))
}

macro_rules! integration_columns {
    () => {
        "store_id, platform, secret, previous_secret, previous_until, created_at, rotated_at"
    };
}
macro_rules! platform_delivery_columns {
    () => {
        "id, store_id, platform, topic, webhook_id, body, received_at, outcome, order_id, detail, \
         waiting_for, processed_at"
    };
}
pub(crate) use {integration_columns, platform_delivery_columns};

pub(crate) fn integration(row: &impl Columns) -> Result<Integration> {
    const T: &str = "integrations";
    let e = |e: String| corrupt(T, e);
    Ok(Integration {
        store_id: StoreId(row.opt_int("store_id").map_err(e)?.unwrap_or_default()),
        platform: platform(row, T)?,
        secret: SealedSecret::new(row.opt_text("secret").map_err(e)?.unwrap_or_default()),
        previous_secret: row
            .opt_text("previous_secret")
            .map_err(e)?
            .map(SealedSecret::new),
        previous_until: row.opt_time("previous_until").map_err(e)?,
        created_at: row
            .opt_time("created_at")
            .map_err(e)?
            .ok_or_else(|| corrupt(T, "created_at is NULL"))?,
        rotated_at: row.opt_time("rotated_at").map_err(e)?,
    })
}

pub(crate) fn platform_delivery(row: &impl Columns) -> Result<PlatformDelivery> {
    const T: &str = "platform_deliveries";
    let e = |e: String| corrupt(T, e);
    let outcome = row.opt_text("outcome").map_err(e)?.unwrap_or_default();
    Ok(PlatformDelivery {
        id: row.opt_int("id").map_err(e)?.unwrap_or_default(),
        store_id: StoreId(row.opt_int("store_id").map_err(e)?.unwrap_or_default()),
        platform: platform(row, T)?,
        topic: row.opt_text("topic").map_err(e)?.unwrap_or_default(),
        webhook_id: row.opt_text("webhook_id").map_err(e)?.unwrap_or_default(),
        body: row.opt_text("body").map_err(e)?,
        received_at: row
            .opt_time("received_at")
            .map_err(e)?
            .ok_or_else(|| corrupt(T, "received_at is NULL"))?,
        outcome: DeliveryOutcome::parse(&outcome)
            .ok_or_else(|| corrupt(T, format!("unknown outcome `{outcome}`")))?,
        order_id: row.opt_int("order_id").map_err(e)?.map(OrderId),
        detail: row.opt_text("detail").map_err(e)?,
        waiting_for: row.opt_text("waiting_for").map_err(e)?,
        processed_at: row.opt_time("processed_at").map_err(e)?,
    })
}

/// Store platforms sending orders (Shopify, WooCommerce, the generic feed): their secrets,
/// the deliveries received and what processing them did, and the order use cases they
/// need. Every method taking a `StoreId` sees only that store's rows.
#[async_trait]
pub trait IntegrationStore: Send + Sync {
    /// Sets a store's secret for `platform` (sealed by the server for
    /// [`secret_context`]). When one is set already this is a rotation: the
    /// one before stays accepted for [`ROTATION_OVERLAP`].
    async fn set_integration_secret(
        &self,
        store: StoreId,
        platform: Platform,
        secret: &SealedSecret,
    ) -> Result<Integration>;

    /// The store's integration with `platform`, if it has one.
    async fn integration(&self, store: StoreId, platform: Platform) -> Result<Option<Integration>>;

    /// The store's integrations, by platform.
    async fn list_integrations(&self, store: StoreId) -> Result<Vec<Integration>>;

    /// Keeps a delivery and, in the same transaction, queues the job that processes it;
    /// its id. A delivery id (`webhook_id`) the store already has for the platform keeps
    /// nothing and queues nothing: `None`.
    async fn record_platform_delivery(
        &self,
        store: StoreId,
        new: &NewPlatformDelivery,
    ) -> Result<Option<i64>>;

    /// Logs a delivery refused at the door (its signature did not verify), without its
    /// body; it holds no delivery id back from a later, signed delivery. Beyond
    /// [`MAX_REFUSED_PER_HOUR`] for the store and platform in the last hour,
    /// nothing more is logged.
    async fn record_refused_delivery(
        &self,
        store: StoreId,
        platform: Platform,
        topic: &str,
        webhook_id: &str,
        reason: &str,
    ) -> Result<()>;

    /// A delivery by id, for the job that processes it.
    async fn platform_delivery(&self, id: i64) -> Result<PlatformDelivery>;

    /// Records what processing a delivery came to.
    async fn finish_platform_delivery(&self, id: i64, result: &DeliveryResult) -> Result<()>;

    /// The platform's time of the newest version of its order `external_id` that a
    /// delivery applied (or found already applied), if any.
    async fn latest_order_version(
        &self,
        store: StoreId,
        platform: Platform,
        external_id: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>>;

    /// The store's deliveries from `platform` waiting for the platform's order
    /// `external_id`, oldest first.
    async fn waiting_platform_deliveries(
        &self,
        store: StoreId,
        platform: Platform,
        external_id: &str,
    ) -> Result<Vec<i64>>;

    /// The store's deliveries from `platform`, newest first, before the id `before`.
    async fn list_platform_deliveries(
        &self,
        store: StoreId,
        platform: Platform,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<PlatformDelivery>>;

    /// Sets a store's key for the order links its platform's own emails carry (sealed by the
    /// server for [`order_link_context`]), replacing any key before it, so
    /// links signed with that one stop opening. Whether a key was replaced.
    async fn set_order_link_key(&self, store: StoreId, key: &SealedSecret) -> Result<bool>;

    /// The store's order-link key, sealed, if it has one.
    async fn order_link_key(&self, store: StoreId) -> Result<Option<SealedSecret>>;

    /// The private-link token of the store's order that `platform` sent as its order
    /// `external_id`: an order a delivery from that platform created or updated under that
    /// id (the delivery log is what says which platform an order came from). `None` while
    /// no such order has arrived.
    async fn platform_order_token(
        &self,
        store: StoreId,
        platform: Platform,
        external_id: &str,
    ) -> Result<Option<OrderToken>>;

    /// The store's order with this external id (the platform's order id), if there is one.
    async fn find_order_by_external_id(
        &self,
        store: StoreId,
        external_id: &str,
    ) -> Result<Option<Order>>;

    /// Replaces an order's customer details (name, email, phone, locale), destination and
    /// items, and sets its external id when given.
    async fn update_order_details(
        &self,
        store: StoreId,
        id: OrderId,
        details: &OrderDetails,
    ) -> Result<Order>;

    /// Cancels an order: `cancelled_at` is set (once) and its shipments are no longer
    /// polled (any poll in flight is fenced off). Cancelling twice changes nothing.
    async fn cancel_order(&self, store: StoreId, id: OrderId) -> Result<Order> {
        self.cancel_order_keyed(store, id, None).await
    }

    /// [`cancel_order`](Self::cancel_order), keeping `record`'s response in the same
    /// transaction: a key another request took first is [`StoreError::KeyTaken`].
    async fn cancel_order_keyed(
        &self,
        store: StoreId,
        id: OrderId,
        record: Option<&IdempotencyRecord<'_, Order>>,
    ) -> Result<Order>;

    /// The shipment a platform parcel became, if any.
    async fn platform_shipment(
        &self,
        store: StoreId,
        platform: Platform,
        parcel_key: &str,
    ) -> Result<Option<ShipmentId>>;

    /// Records that a platform parcel is this shipment of the store.
    async fn link_platform_shipment(
        &self,
        store: StoreId,
        platform: Platform,
        parcel_key: &str,
        shipment: ShipmentId,
    ) -> Result<()>;
}
