//! Records that exist only in storage (API keys, idempotent responses) and composite
//! reads (the tracking page's view).

use crate::rows::order_columns;
use chrono::{DateTime, Utc};
use wismo_domain::{
    ApiKeyId, Milestone, Order, OrderNumber, Shipment, ShipmentId, Stage, StoreId, Tenant,
    TrackingEvent,
};

/// A store's API key, without the secret.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub store_id: StoreId,
    pub name: String,
    /// The key's first characters, shown to tell keys apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A key to store: its name, public prefix and SHA-256 hash (hex).
#[derive(Debug, Clone, PartialEq)]
pub struct NewApiKey {
    pub name: String,
    pub prefix: String,
    pub hash: String,
}

/// A stored response to a POST with an `Idempotency-Key`, as kept by the change it answered
/// ([`IdempotencyRecord`](crate::IdempotencyRecord)).
#[derive(Debug, Clone, PartialEq)]
pub struct IdempotentResponse {
    /// SHA-256 (hex) of method, path and body: the same key with another request is refused.
    pub request_hash: String,
    pub status: u16,
    /// As the server rendered it (sealed, when it carries a secret shown only once).
    pub body: String,
}

/// What [`TrackingStore::record_events`](crate::TrackingStore::record_events) did.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The shipment after the events.
    pub shipment: Shipment,
    /// How many events were new.
    pub inserted: usize,
    /// Milestones reached for the first time.
    pub milestones: Vec<Milestone>,
}

/// Everything a tracking page shows: the store, the order and all its shipments with
/// their events (oldest first), and which shipment the link was for. A shipment's link
/// ([`TrackingStore::tracking_view`](crate::TrackingStore::tracking_view)) and the order's own link
/// ([`OrderStore::order_view`](crate::OrderStore::order_view)) read the same view; only the focus
/// differs.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackingView {
    pub store: Tenant,
    pub order: Order,
    pub events: Vec<(ShipmentId, Vec<TrackingEvent>)>,
    /// The shipment a shipment's link is for; `None` for the order's link.
    pub focus: Option<ShipmentId>,
    /// What the view was read at: a page rendered from it is a snapshot of this revision.
    pub revision: PageRevision,
}

/// How many changes a page could show its order and its store have had: a page rendered
/// at one revision is current until either number moves. Triggers in the schema keep them
/// (migration 0006).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRevision {
    pub order: i64,
    pub store: i64,
}

/// What serving a stored page needs to know about a link, read at once: which
/// parcel and store it is, the revision a page must have been rendered at, what choosing
/// its language and checking its expiry take, and the pages stored at that revision.
#[derive(Debug, Clone, PartialEq)]
pub struct PageKey {
    pub shipment: ShipmentId,
    pub store: StoreId,
    pub revision: PageRevision,
    pub customer_locale: Option<wismo_domain::Locale>,
    pub default_locale: wismo_domain::Locale,
    pub stage: wismo_domain::Stage,
    pub delivered_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The store's `link_expiry_days`, read only once the parcel is delivered (before,
    /// the link cannot have expired).
    pub link_expiry_days: Option<u32>,
    /// The store whose custom domain the request came to, if it came to one.
    pub host_store: Option<StoreId>,
    /// The pages stored for this parcel at [`revision`](Self::revision) by the build
    /// asked for, one per language.
    pub pages: Vec<StoredPage>,
}

/// A stored page in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPage {
    pub lang: String,
    pub body: Vec<u8>,
}

impl PageKey {
    /// The stored page in `lang`, if there is one.
    pub fn page(&self, lang: &str) -> Option<&[u8]> {
        self.pages
            .iter()
            .find(|p| p.lang == lang)
            .map(|p| p.body.as_slice())
    }
}

/// A tracking page as rendered for one parcel in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSnapshot {
    pub shipment: ShipmentId,
    pub lang: String,
    pub revision: PageRevision,
    /// The templates and texts it was rendered with.
    pub build: String,
    /// The page as the server keeps it; the store does not look inside.
    pub body: Vec<u8>,
}

impl TrackingView {
    /// The events of one shipment of the view, oldest first.
    pub fn events_of(&self, shipment: ShipmentId) -> &[TrackingEvent] {
        self.events
            .iter()
            .find(|(id, _)| *id == shipment)
            .map(|(_, e)| e.as_slice())
            .unwrap_or(&[])
    }

    /// The order's shipments, the one the link was for first (an order's link keeps
    /// them in the order they were added).
    pub fn shipments_focus_first(&self) -> Vec<&Shipment> {
        let mut shipments: Vec<&Shipment> = self.order.shipments.iter().collect();
        shipments.sort_by_key(|s| Some(s.id) != self.focus);
        shipments
    }

    /// The shipment the link was for; `None` for an order's link.
    pub fn focused(&self) -> Option<&Shipment> {
        let focus = self.focus?;
        self.order.shipments.iter().find(|s| s.id == focus)
    }

    /// The one parcel the page is about: the shipment the link was for, or the only parcel
    /// of an order's link; `None` for an order's link with several parcels or none.
    pub fn parcel(&self) -> Option<&Shipment> {
        match (self.focus, self.order.shipments.as_slice()) {
            (Some(_), _) => self.focused(),
            (None, [only]) => Some(only),
            (None, _) => None,
        }
    }
}

/// A store's logo: uploaded, or fetched from its branding's URL.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreLogo {
    /// `image/png`, `image/jpeg`, `image/webp` or `image/gif`.
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// A short hash of the bytes.
    pub version: String,
}

/// Where a store's pages live besides wismo's own address, and which sites may embed its
/// lookup widget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreHosts {
    /// Host names (`track.acme.example`) that serve the store's pages.
    pub domains: Vec<String>,
    /// Origins (`https://acme.example`) allowed to call the widget's lookup.
    pub widget_origins: Vec<String>,
}

/// The stages at which a parcel needs the merchant, in the order they are listed: something
/// went wrong, the customer has to act, or it is late or stuck (past its estimate, or no
/// scan for days).
pub const ATTENTION_STAGES: [Stage; 3] = [Stage::Exception, Stage::ActionRequired, Stage::Delayed];

/// A parcel that needs the merchant's attention, with what a list of them shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionShipment {
    pub shipment: Shipment,
    pub order_number: OrderNumber,
    /// When it first reached its stage (the milestone; else its last event, else when it
    /// was registered).
    pub since: DateTime<Utc>,
}

/// A store's parcels that need attention: the first ones asked for, and how many there are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NeedingAttention {
    /// Exceptions first, then action required, then delays; longest waiting first within each.
    pub shipments: Vec<AttentionShipment>,
    /// All of the store's parcels that need attention, those left out included.
    pub total: u64,
}

/// The orders still waiting for their first parcel, placed before `$2`, oldest first, at
/// most `$3` (`$1` the store): the same SQL on both engines.
pub(crate) const ORDERS_AWAITING_PARCEL: &str = concat!(
    "SELECT ",
    order_columns!(),
    " FROM orders WHERE store_id = $1 AND awaiting_parcel_since IS NOT NULL \
     AND awaiting_parcel_since <= $2 ORDER BY awaiting_parcel_since, id LIMIT $3"
);

/// Raises order `$1` of store `$2` at `$3` if it still has no parcel and is neither
/// cancelled nor raised.
pub(crate) const RAISE_STALLED_ORDER: &str = "UPDATE orders SET stalled_at = $3, awaiting_parcel_since = NULL \
     WHERE id = $1 AND store_id = $2 AND awaiting_parcel_since IS NOT NULL \
     AND stalled_at IS NULL AND cancelled_at IS NULL \
     AND NOT EXISTS (SELECT 1 FROM shipments WHERE order_id = $1)";

macro_rules! stalled_orders {
    () => {
        " FROM orders WHERE store_id = $1 AND stalled_at IS NOT NULL AND cancelled_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM shipments WHERE shipments.order_id = orders.id)"
    };
}

/// A store's raised orders still without a parcel, longest waiting first, at most `$2`.
pub(crate) const STALLED_ORDERS: &str = concat!(
    "SELECT ",
    order_columns!(),
    stalled_orders!(),
    " ORDER BY stalled_at, id LIMIT $2"
);

/// How many raised orders a store has still without a parcel.
pub(crate) const STALLED_ORDERS_COUNT: &str = concat!("SELECT COUNT(*)", stalled_orders!());

/// A store's orders raised as not shipped in time that still have no parcel.
#[derive(Debug, Clone, PartialEq)]
pub struct StalledOrders {
    /// Longest waiting first.
    pub orders: Vec<wismo_domain::Order>,
    /// All of them, those left out included.
    pub total: u64,
}

/// The snapshots of a batch to keep: per parcel and language, the newest offered (a
/// statement may touch a stored row only once).
pub(crate) fn newest_snapshots(snapshots: &[PageSnapshot]) -> Vec<&PageSnapshot> {
    let mut kept: Vec<&PageSnapshot> = Vec::with_capacity(snapshots.len());
    for s in snapshots {
        match kept
            .iter_mut()
            .find(|k| k.shipment == s.shipment && k.lang == s.lang)
        {
            Some(k)
                if (s.revision.order, s.revision.store) >= (k.revision.order, k.revision.store) =>
            {
                *k = s;
            }
            Some(_) => {}
            None => kept.push(s),
        }
    }
    kept
}

/// A delivery estimate a shipment had, as the pipeline set it.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateRevision {
    pub from: chrono::NaiveDate,
    pub until: chrono::NaiveDate,
    pub basis: wismo_domain::estimate::EstimateBasis,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}
