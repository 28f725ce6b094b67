//! wismo's storage: the only crate with SQL.
//!
//! One trait per aggregate ([`TenantStore`], [`OrderStore`], [`TrackingStore`],
//! [`JobStore`], …) has one method per use case, each one transaction; [`Store`] is all of
//! them together, what the server holds as `Arc<dyn Store>` (code on a concrete backend
//! brings the traits into scope with [`prelude`]). Two backends implement them with
//! idiomatic SQL of their own, each aggregate in the module of its resource: [`sqlite`]
//! (the embedded default: one file, WAL) and [`postgres`] (several servers and workers).
//! Both run their own versioned migrations at start and pass the same conformance suite
//! (`tests/it`).
//!
//! The job queue ([`JobStore`]) lives here too: leased rows, claimed in a short
//! transaction, finished with a fenced update.

pub mod admin;
pub mod audit;
pub mod endpoints;
mod error;
mod idempotency;
pub mod imports;
pub mod integrations;
pub mod item_images;
mod jobs;
mod migrations;
mod model;
pub mod notify;
mod pipeline;
mod polling;
pub mod postgres;
pub mod privacy;
mod recording;
mod rows;
mod shared;
pub mod sqlite;
mod transaction;

use async_trait::async_trait;
use std::sync::Arc;
use wismo_domain::{
    Branding, Clock, CustomerRequest, NewCustomerRequest, NewEvent, NewOrder, NewShipment,
    NewStore, Order, OrderId, OrderToken, SealedSecret, Shipment, ShipmentId, ShipmentPatch,
    ShipmentToken, StoreId, Tenant, TrackingEvent, TrackingNumber, TrackingUpdate,
};

pub use admin::AdminStore;
pub use audit::AuditStore;
pub use endpoints::EndpointStore;
pub use error::{DatabaseError, StoreError};
pub use idempotency::{IdempotencyRecord, Render, Reply, ShipmentEvents};
pub use imports::ImportStore;
pub use integrations::IntegrationStore;
pub use item_images::{ItemImage, ItemImageStore, item_image_key};
pub use jobs::{Job, JobLease, JobState, JobStore, NewJob};
pub use model::{
    ATTENTION_STAGES, ApiKey, AttentionShipment, EstimateRevision, IdempotentResponse,
    NeedingAttention, NewApiKey, PageKey, PageRevision, PageSnapshot, Recorded, StalledOrders,
    StoreHosts, StoreLogo, StoredPage, TrackingView,
};
pub use polling::{DueShipment, PollFinish, PollLease, PollingStore, ScheduleCounts};
pub use privacy::PrivacyStore;
use wismo_domain::notify as notify_types;

/// The traits, for calling a store's methods: `use wismo_store::prelude::*;`.
pub mod prelude {
    pub use crate::{
        AdminStore, ApiKeyStore, AuditStore, EndpointStore, IdempotencyStore, ImportStore,
        IntegrationStore, JobStore, NotificationStore, OrderStore, PageStore, PollingStore,
        PrivacyStore, PromiseStore, RequestStore, Store, TenantStore, TrackingStore, WebhookStore,
    };
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which backend a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Opens the database named by `url` (`sqlite://path`, `sqlite::memory:`, `postgres://…`)
/// and brings its schema up to date.
pub async fn connect(url: &str, clock: Arc<dyn Clock>) -> Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect(url, clock).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::connect(url, clock).await?))
    } else {
        Err(StoreError::Config(format!(
            "unsupported database URL `{}`: use sqlite://PATH or postgres://…",
            redact_url(url)
        )))
    }
}

/// The file of a SQLite database URL (`sqlite://wismo.db`), or `None` for an in-memory
/// database or another backend.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    use std::str::FromStr as _;
    if !url.starts_with("sqlite:") || url.contains(":memory:") || url.contains("mode=memory") {
        return None;
    }
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
    let path = options.get_filename();
    (!path.as_os_str().is_empty()).then(|| path.to_owned())
}

/// `url` with any password replaced by `***`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Everything wismo keeps: every aggregate's trait, and what concerns the database as a
/// whole. Implemented by [`sqlite::SqliteStore`] and [`postgres::PgStore`].
///
/// Methods that take a `StoreId` only ever see that store's rows: another store's order or
/// shipment is [`StoreError::NotFound`], exactly like one that does not exist.
#[async_trait]
pub trait Store:
    TenantStore
    + ApiKeyStore
    + OrderStore
    + TrackingStore
    + PollingStore
    + PageStore
    + RequestStore
    + WebhookStore
    + IdempotencyStore
    + JobStore
    + NotificationStore
    + EndpointStore
    + IntegrationStore
    + ImportStore
    + AdminStore
    + AuditStore
    + PrivacyStore
    + PromiseStore
    + ItemImageStore
    + Send
    + Sync
    + std::fmt::Debug
    + 'static
{
    fn backend(&self) -> Backend;

    /// Whether the database answers (for `/readyz`).
    async fn ping(&self) -> Result<()>;
}

/// Stores (tenants): their branding, logo (uploaded or fetched) and custom hosts.
#[async_trait]
pub trait TenantStore: Send + Sync {
    /// Creates a store. A slug already taken is [`StoreError::Conflict`].
    async fn create_store(&self, new: &NewStore) -> Result<Tenant>;

    /// All stores, oldest first.
    async fn list_stores(&self) -> Result<Vec<Tenant>>;

    async fn get_store(&self, id: StoreId) -> Result<Tenant>;

    async fn get_store_by_slug(&self, slug: &str) -> Result<Tenant>;

    /// Replaces a store's branding, keeping the version of its stored logo, and queues
    /// `jobs` (fetching the logo from a new URL) in the same transaction.
    async fn update_branding(
        &self,
        id: StoreId,
        branding: &Branding,
        jobs: &[NewJob],
    ) -> Result<Tenant>;

    /// Stores a store's logo, uploaded or fetched (replacing any), and records its version
    /// in the branding, in one transaction.
    async fn set_store_logo(&self, id: StoreId, logo: &StoreLogo) -> Result<Tenant>;

    /// A store's logo, by the store's slug.
    async fn store_logo(&self, slug: &str) -> Result<Option<StoreLogo>>;

    /// Replaces a store's custom domains and widget origins. A domain another store has is
    /// [`StoreError::Conflict`].
    async fn set_store_hosts(&self, id: StoreId, hosts: &StoreHosts) -> Result<StoreHosts>;

    async fn store_hosts(&self, id: StoreId) -> Result<StoreHosts>;

    /// The store whose custom domain `domain` (lower case, no port) is.
    async fn store_by_domain(&self, domain: &str) -> Result<Option<Tenant>>;
}

/// The promise at checkout: the history it is learned from, and the store's cut-off.
#[async_trait]
pub trait PromiseStore: Send + Sync {
    /// The store's newest history for a promise to `lane`
    /// ([`PromiseSamples`](wismo_domain::promise::PromiseSamples)): at most
    /// [`HISTORY_DEPTH`](wismo_domain::promise::HISTORY_DEPTH) rows per level, a level
    /// read only when the ones before it are not trusted.
    async fn promise_samples(
        &self,
        store: StoreId,
        lane: &wismo_domain::promise::Lane,
    ) -> Result<wismo_domain::promise::PromiseSamples>;

    /// Sets the local time after which orders count from the next business day.
    async fn set_order_cutoff(
        &self,
        store: StoreId,
        cutoff: wismo_domain::OrderCutoff,
    ) -> Result<Tenant>;
}

/// A store's API keys, kept as hashes.
#[async_trait]
pub trait ApiKeyStore: Send + Sync {
    /// Stores a new key's hash. The key itself is never stored.
    async fn create_api_key(&self, store: StoreId, new: &NewApiKey) -> Result<ApiKey>;

    /// A store's keys, revoked ones included, oldest first.
    async fn list_api_keys(&self, store: StoreId) -> Result<Vec<ApiKey>>;

    /// Revokes a key by its id or its public prefix. Revoking twice is not an error.
    async fn revoke_api_key(&self, id_or_prefix: &str) -> Result<ApiKey>;

    /// The live (not revoked) key with this SHA-256 hash, if any; marks it used (at most
    /// once a minute, so reads through the API stay reads).
    async fn authenticate_api_key(&self, hash: &str) -> Result<Option<ApiKey>>;
}

/// Orders and their shipments, with the private-link tokens of both.
#[async_trait]
pub trait OrderStore: Send + Sync {
    /// Creates an order with its shipments. An order number the store already has is
    /// [`StoreError::Conflict`].
    async fn create_order(&self, store: StoreId, new: &NewOrder) -> Result<Order> {
        self.create_order_keyed(store, new, None).await
    }

    /// [`create_order`](Self::create_order), keeping `record`'s response in the same
    /// transaction (see [`IdempotencyRecord`]): a key another request took first is
    /// [`StoreError::KeyTaken`].
    async fn create_order_keyed(
        &self,
        store: StoreId,
        new: &NewOrder,
        record: Option<&IdempotencyRecord<'_, Order>>,
    ) -> Result<Order>;

    async fn get_order(&self, store: StoreId, id: OrderId) -> Result<Order>;

    /// The store's order with this order number, if there is one.
    async fn find_order_by_number(
        &self,
        store: StoreId,
        number: &wismo_domain::OrderNumber,
    ) -> Result<Option<Order>>;

    /// Orders newest first; `before` is the cursor (the last id of the previous page).
    async fn list_orders(
        &self,
        store: StoreId,
        before: Option<OrderId>,
        limit: u32,
    ) -> Result<Vec<Order>>;

    async fn add_shipment(
        &self,
        store: StoreId,
        order: OrderId,
        new: &NewShipment,
    ) -> Result<Shipment> {
        self.add_shipment_keyed(store, order, new, None).await
    }

    /// [`add_shipment`](Self::add_shipment), keeping `record`'s response in the same
    /// transaction: a key another request took first is [`StoreError::KeyTaken`].
    async fn add_shipment_keyed(
        &self,
        store: StoreId,
        order: OrderId,
        new: &NewShipment,
        record: Option<&IdempotencyRecord<'_, Shipment>>,
    ) -> Result<Shipment>;

    async fn update_shipment(
        &self,
        store: StoreId,
        id: ShipmentId,
        patch: &ShipmentPatch,
    ) -> Result<Shipment>;

    async fn get_shipment(&self, store: StoreId, id: ShipmentId) -> Result<Shipment>;

    /// Gives a shipment a new private-link token; the old link stops working.
    async fn reissue_token(
        &self,
        store: StoreId,
        id: ShipmentId,
        token: &ShipmentToken,
    ) -> Result<Shipment> {
        self.reissue_token_keyed(store, id, token, None).await
    }

    /// [`reissue_token`](Self::reissue_token), keeping `record`'s response (rendered from
    /// the shipment with its events) in the same transaction: a key another request took
    /// first is [`StoreError::KeyTaken`].
    async fn reissue_token_keyed(
        &self,
        store: StoreId,
        id: ShipmentId,
        token: &ShipmentToken,
        record: Option<&IdempotencyRecord<'_, ShipmentEvents>>,
    ) -> Result<Shipment>;

    /// Gives an order a new private-link token; the old order link stops working (its
    /// shipments' links are untouched).
    async fn reissue_order_token(
        &self,
        store: StoreId,
        id: OrderId,
        token: &OrderToken,
    ) -> Result<Order> {
        self.reissue_order_token_keyed(store, id, token, None).await
    }

    /// [`reissue_order_token`](Self::reissue_order_token), keeping `record`'s response in
    /// the same transaction: a key another request took first is [`StoreError::KeyTaken`].
    async fn reissue_order_token_keyed(
        &self,
        store: StoreId,
        id: OrderId,
        token: &OrderToken,
        record: Option<&IdempotencyRecord<'_, Order>>,
    ) -> Result<Order>;

    /// Everything the public page of an order's private link shows (every parcel), or
    /// `None`; the view has no focus.
    async fn order_view(&self, token: &OrderToken) -> Result<Option<TrackingView>>;

    /// The store's parcels that need attention now (at one of [`ATTENTION_STAGES`]):
    /// exceptions first, then action required, then delays, longest waiting first within
    /// each; at most `limit`, with how many there are in all.
    async fn shipments_needing_attention(
        &self,
        store: StoreId,
        limit: u32,
    ) -> Result<NeedingAttention>;

    /// The store's orders still waiting for their first parcel (neither cancelled nor
    /// raised) placed before `placed_before`, oldest first, at most `limit`; the caller
    /// checks each against the store's business days ([`wismo_domain::fulfilment`]).
    async fn orders_awaiting_parcel(
        &self,
        store: StoreId,
        placed_before: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> Result<Vec<Order>>;

    /// Raises an order as stalled, once: in one transaction, if it still has no parcel and
    /// is neither cancelled nor raised, records when and writes the messages the
    /// `fulfillment_stalled` moment causes (the merchant's `order.fulfillment_stalled`
    /// webhook; the customer's apology if the store's policy tells it). `false` when there
    /// was nothing to raise.
    async fn raise_stalled_order(&self, store: StoreId, order: OrderId) -> Result<bool>;

    /// The store's raised orders that still have no parcel and are not cancelled, longest
    /// waiting first, at most `limit`, with how many there are in all.
    async fn stalled_orders(&self, store: StoreId, limit: u32) -> Result<StalledOrders>;
}

/// The event pipeline and what it records: events, milestones, the public tracking view.
#[async_trait]
pub trait TrackingStore: Send + Sync {
    /// The event pipeline, for every update however it came (push, manual, API; polls go
    /// through [`finish_poll`](PollingStore::finish_poll), which runs the same pipeline). In one
    /// transaction: stores the new events, skipping dedupe keys the shipment already has;
    /// recomputes the state by the transition rules ([`wismo_domain::ShipmentProgress`]);
    /// takes the carrier's estimate or predicts one from the store's history; detects
    /// delays and expiry; records milestones reached (each once); and reschedules the next
    /// poll unless a worker holds the shipment. An update with a pushed event marks the
    /// shipment as fed by push.
    async fn ingest(
        &self,
        store: StoreId,
        id: ShipmentId,
        update: &TrackingUpdate,
    ) -> Result<Recorded> {
        self.ingest_keyed(store, id, update, None).await
    }

    /// [`ingest`](TrackingStore::ingest), keeping `record`'s response (rendered from the
    /// shipment with all its events) in the same transaction: a key another request took
    /// first is [`StoreError::KeyTaken`].
    async fn ingest_keyed(
        &self,
        store: StoreId,
        id: ShipmentId,
        update: &TrackingUpdate,
        record: Option<&IdempotencyRecord<'_, ShipmentEvents>>,
    ) -> Result<Recorded>;

    /// [`ingest`](TrackingStore::ingest) of events without a carrier estimate.
    async fn record_events(
        &self,
        store: StoreId,
        id: ShipmentId,
        events: &[NewEvent],
    ) -> Result<Recorded> {
        self.ingest(store, id, &TrackingUpdate::events(events.to_vec()))
            .await
    }

    /// A shipment's events, oldest first.
    async fn list_events(&self, store: StoreId, id: ShipmentId) -> Result<Vec<TrackingEvent>>;

    /// The milestones a shipment reached, in the order they were recorded.
    async fn list_milestones(
        &self,
        store: StoreId,
        id: ShipmentId,
    ) -> Result<Vec<wismo_domain::MilestoneRecord>>;

    /// Every delivery estimate a shipment had, oldest first: how its date moved.
    async fn estimate_revisions(
        &self,
        store: StoreId,
        id: ShipmentId,
    ) -> Result<Vec<EstimateRevision>>;

    /// Everything the public tracking page shows for a private-link token, or `None`.
    async fn tracking_view(&self, token: &ShipmentToken) -> Result<Option<TrackingView>>;
}

/// Rendered public pages kept for serving without rendering.
#[async_trait]
pub trait PageStore: Send + Sync {
    /// What serving a stored page for this link needs to know, with the pages `build`
    /// rendered at the current revision and, when the request came to a custom domain
    /// `host`, the store that domain belongs to; `None` when the link is unknown or this
    /// store keeps no snapshots (an in-memory SQLite database): render it.
    async fn page_key(
        &self,
        token: &ShipmentToken,
        build: &str,
        host: Option<&str>,
    ) -> Result<Option<PageKey>>;

    /// Keeps rendered pages, replacing older ones of the same parcel and language; a
    /// snapshot older than the one stored is ignored.
    async fn save_page_snapshots(&self, snapshots: &[PageSnapshot]) -> Result<()>;

    /// Deletes up to `limit` stored pages of parcels that finished (delivered, returned,
    /// expired, cancelled) and have not changed since `finished_before`; how many it
    /// deleted. A later view renders such a page again.
    async fn prune_page_snapshots(
        &self,
        finished_before: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> Result<u64>;
}

/// Customers' requests about their orders.
#[async_trait]
pub trait RequestStore: Send + Sync {
    /// Records a customer's request and, in the same transaction, queues a
    /// `customer_request.created` message for each endpoint subscribed to it.
    async fn create_customer_request(
        &self,
        store: StoreId,
        new: &NewCustomerRequest,
    ) -> Result<CustomerRequest>;

    /// One of a store's requests.
    async fn get_customer_request(
        &self,
        store: StoreId,
        id: wismo_domain::RequestId,
    ) -> Result<CustomerRequest>;

    /// A store's requests, newest first.
    async fn list_customer_requests(&self, store: StoreId) -> Result<Vec<CustomerRequest>>;

    /// Keeps the customer's 1-to-5 rating of one of the store's delivered parcels,
    /// replacing an earlier one; `None` (nothing kept) when the parcel is not delivered.
    async fn rate_delivery(
        &self,
        store: StoreId,
        shipment: ShipmentId,
        score: u8,
    ) -> Result<Option<Shipment>>;
}

/// Inbound webhooks: the providers' secrets and finding the shipments they speak of.
#[async_trait]
pub trait WebhookStore: Send + Sync {
    /// Sets the secret a store's `provider` (`easypost`, `aftership`, `17track`) signs its
    /// webhooks with, replacing any earlier one. The server seals it first: the store
    /// keeps what it is given.
    async fn set_webhook_secret(
        &self,
        store: StoreId,
        provider: &str,
        secret: &SealedSecret,
    ) -> Result<()>;

    /// The sealed secret for a store's `provider`, if one is set.
    async fn webhook_secret(&self, store: StoreId, provider: &str) -> Result<Option<SealedSecret>>;

    /// Every store's webhook secrets as kept, for sealing those from before secrets were
    /// sealed.
    async fn list_webhook_secrets(&self) -> Result<Vec<(StoreId, String, SealedSecret)>>;

    /// The store's shipments with this tracking number (usually one), oldest first.
    async fn find_shipments_by_tracking_number(
        &self,
        store: StoreId,
        number: &TrackingNumber,
    ) -> Result<Vec<Shipment>>;
}

/// Which notifications to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationsOf {
    Order(OrderId),
    Shipment(ShipmentId),
}

/// Notifications: the outbox the pipeline writes in the transaction that records a
/// milestone, what dispatchers record of each attempt, the stores' policies and customers'
/// opt-outs.
#[async_trait]
pub trait NotificationStore: Send + Sync {
    /// The server's burst window in seconds, for stores without their own.
    fn set_notify_burst_default(&self, secs: u32);

    /// The store's notification policy (the defaults until it sets one).
    async fn notify_policy(&self, store: StoreId) -> Result<notify_types::NotifyPolicy>;

    /// Replaces the store's policy; its stored pages are rendered anew (they say which
    /// updates the customer will get).
    async fn set_notify_policy(
        &self,
        store: StoreId,
        policy: &notify_types::NotifyPolicy,
    ) -> Result<notify_types::NotifyPolicy>;

    /// An order's or a shipment's notifications, oldest first. Another store's order or
    /// shipment is [`StoreError::NotFound`].
    async fn list_notifications(
        &self,
        store: StoreId,
        of: NotificationsOf,
    ) -> Result<Vec<notify::Notification>>;

    /// A notification by id, for the dispatcher that sends it.
    async fn get_notification(&self, id: i64) -> Result<notify::Notification>;

    /// What sending notification `id` reads, in one snapshot (`None`: no such
    /// notification): the dispatcher's one read per message.
    async fn sending(&self, id: i64) -> Result<Option<notify::Sending>>;

    /// Records attempts at sending as [`record_notification_attempt`] does, all in one
    /// transaction: a busy dispatcher's outcomes are written together.
    ///
    /// [`record_notification_attempt`]: NotificationStore::record_notification_attempt
    async fn record_notification_attempts(
        &self,
        attempts: &[(i64, notify::AttemptOutcome)],
    ) -> Result<()>;

    /// A notification's attempts, oldest first.
    async fn notification_attempts(&self, id: i64) -> Result<Vec<notify::NotificationAttempt>>;

    /// Records an attempt at sending a queued notification and the status it leads to. A
    /// notification no longer queued is left as it is (a second dispatcher finished it):
    /// the attempt is still logged.
    async fn record_notification_attempt(
        &self,
        id: i64,
        outcome: &notify::AttemptOutcome,
    ) -> Result<notify::Notification>;

    /// Opts `contact` (an email address or phone number) out of a store's `channels`, or
    /// back in: its orders' consent changes at once and a later order's consent cannot
    /// undo an opt-out. Their stored pages are rendered anew.
    async fn set_opt_out(
        &self,
        store: StoreId,
        contact: &str,
        channels: &[notify_types::Channel],
        out: bool,
    ) -> Result<()>;

    /// The channels `contact` opted out of at the store.
    async fn opt_outs(&self, store: StoreId, contact: &str) -> Result<Vec<notify_types::Channel>>;

    /// Queues an email about its `moment` to the order's customer, due now, with the
    /// merchant's `note` if any, because the merchant asked: outside the policy's moments, burst windows and daily cap, but never
    /// past the customer's consent or an opt-out ([`notify::Queued::Refused`] then). Its job
    /// is queued in the same transaction. Another store's order is NotFound.
    async fn queue_email_by_hand(&self, email: &notify::ByHand<'_>) -> Result<notify::Queued>;

    /// Sends notification `id` again as a new notification (the old one keeps its
    /// record): only an email that was sent or failed ([`notify::resendable`]), to the
    /// order's address now. Another store's notification is NotFound.
    async fn resend_notification(&self, store: StoreId, id: i64) -> Result<notify::Queued> {
        let n = self.get_notification(id).await?;
        if n.store_id != store {
            return Err(StoreError::NotFound("notification"));
        }
        if !notify::resendable(&n) {
            return Ok(notify::Queued::Refused(notify::Refusal::NotResendable));
        }
        self.queue_email_by_hand(&notify::ByHand {
            store,
            order: n.order_id,
            moment: n.moment,
            shipments: &n.shipments,
            previous_date: n.previous_date,
            note: n.note.as_deref(),
        })
        .await
    }
}

/// Responses kept for the API's `Idempotency-Key`. They are written only by the use cases
/// whose change they answer, in its transaction (the `*_keyed` methods, taking an
/// [`IdempotencyRecord`]).
#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// The response kept for this store's `Idempotency-Key`, if one was.
    async fn idempotent_response(
        &self,
        store: StoreId,
        key: &str,
    ) -> Result<Option<IdempotentResponse>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_database_urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/wismo"),
            "postgres://app:***@db:5432/wismo"
        );
        assert_eq!(
            redact_url("postgres://app@db/wismo"),
            "postgres://app@db/wismo"
        );
        assert_eq!(redact_url("sqlite://wismo.db"), "sqlite://wismo.db");
    }
}
