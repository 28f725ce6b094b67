//! The SQLite backend: one database file in WAL mode, the embedded default.
//!
//! This module owns connecting, migrating and the [`Store`] impl, which hands each method
//! to the module of its resource. Timestamps are INTEGER microseconds (UTC). Every write
//! transaction of more than one statement starts with `BEGIN IMMEDIATE`: in WAL mode a
//! transaction that reads first and upgrades to a write lock fails with `SQLITE_BUSY` when
//! another connection wrote meanwhile, whatever the busy timeout.

mod events;
mod jobs;
mod orders;
mod polls;
mod reader;
mod requests;
mod row;
mod snapshots;
mod tenants;
#[cfg(test)]
mod tests;
mod webhooks;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use wismo_domain::{
    Branding, Clock, CustomerRequest, JobId, NewCustomerRequest, NewOrder, NewShipment, NewStore,
    Order, OrderId, OrderToken, SealedSecret, Shipment, ShipmentId, ShipmentPatch, ShipmentToken,
    StoreId, TrackingEvent, TrackingNumber,
};

use tokio::sync::OwnedMutexGuard;

use crate::pipeline::Source;
use crate::rows::stored_precision;
use crate::{
    ApiKey, Backend, DueShipment, IdempotentResponse, Job, JobLease, JobState, NewApiKey, NewJob,
    PollFinish, PollLease, Recorded, Result, ScheduleCounts, Store, StoreError, TrackingView,
};
use wismo_domain::schedule::CarrierHabits;
use wismo_domain::{MilestoneRecord, TrackingUpdate};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// wismo's store on SQLite.
#[derive(Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    clock: Arc<dyn Clock>,
    /// Queues this process's write transactions first come, first served. SQLite allows one
    /// writer; without the queue, writers that collide sleep in SQLite's busy handler
    /// (1 ms, 2 ms, … 100 ms), which is where the slow tail of concurrent writes comes from.
    write_gate: Arc<tokio::sync::Mutex<()>>,
    /// The customer's page reads, without sqlx; `None` for an in-memory database, which
    /// lives in the pool's one connection and is read through it.
    readers: Option<reader::Readers>,
}

impl SqliteStore {
    /// Opens (creating it if missing) the database at `url` (`sqlite://PATH`,
    /// `sqlite::memory:`) and brings its schema up to date.
    pub async fn connect(url: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("bad SQLite URL `{url}`: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            .synchronous(SqliteSynchronous::Normal);
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let commits = reader::Commits::default();
        let readers =
            (!in_memory).then(|| reader::Readers::new(options.get_filename(), commits.clone()));
        let pool_options = if in_memory {
            // Every connection would see its own empty database: keep exactly one, forever.
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
        } else {
            // Every commit here ends the page readers' held read transactions.
            SqlitePoolOptions::new()
                .max_connections(8)
                .after_connect(move |conn, _| {
                    let commits = commits.clone();
                    Box::pin(async move {
                        conn.lock_handle().await?.set_commit_hook(move || {
                            commits.committed();
                            true
                        });
                        Ok(())
                    })
                })
        };
        let pool = pool_options.connect_with(options).await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self {
            pool,
            clock,
            write_gate: Arc::default(),
            readers,
        })
    }

    /// Now, from the clock, at the precision stored.
    fn now(&self) -> DateTime<Utc> {
        stored_precision(self.clock.now())
    }

    /// A write transaction that holds the write lock from its first statement, with this
    /// process's turn to write: keep the guard until the transaction is finished.
    async fn write(&self) -> Result<(OwnedMutexGuard<()>, Transaction<'static, Sqlite>)> {
        let turn = self.write_gate.clone().lock_owned().await;
        Ok((turn, self.pool.begin_with("BEGIN IMMEDIATE").await?))
    }
}

/// An instant as stored: microseconds since the epoch.
fn micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn create_store(&self, new: &NewStore) -> Result<wismo_domain::Store> {
        tenants::create_store(self, new).await
    }

    async fn list_stores(&self) -> Result<Vec<wismo_domain::Store>> {
        tenants::list_stores(self).await
    }

    async fn get_store(&self, id: StoreId) -> Result<wismo_domain::Store> {
        tenants::get_store(self, id).await
    }

    async fn get_store_by_slug(&self, slug: &str) -> Result<wismo_domain::Store> {
        tenants::get_store_by_slug(self, slug).await
    }

    async fn update_branding(
        &self,
        id: StoreId,
        branding: &Branding,
    ) -> Result<wismo_domain::Store> {
        tenants::update_branding(self, id, branding).await
    }

    async fn set_store_logo(
        &self,
        id: StoreId,
        logo: &crate::StoreLogo,
    ) -> Result<wismo_domain::Store> {
        tenants::set_store_logo(self, id, logo).await
    }

    async fn store_logo(&self, slug: &str) -> Result<Option<crate::StoreLogo>> {
        tenants::store_logo(self, slug).await
    }

    async fn set_store_hosts(
        &self,
        id: StoreId,
        hosts: &crate::StoreHosts,
    ) -> Result<crate::StoreHosts> {
        tenants::set_store_hosts(self, id, hosts).await
    }

    async fn store_hosts(&self, id: StoreId) -> Result<crate::StoreHosts> {
        tenants::store_hosts(self, id).await
    }

    async fn store_by_domain(&self, domain: &str) -> Result<Option<wismo_domain::Store>> {
        tenants::store_by_domain(self, domain).await
    }

    async fn create_api_key(&self, store: StoreId, new: &NewApiKey) -> Result<ApiKey> {
        tenants::create_api_key(self, store, new).await
    }

    async fn list_api_keys(&self, store: StoreId) -> Result<Vec<ApiKey>> {
        tenants::list_api_keys(self, store).await
    }

    async fn revoke_api_key(&self, id_or_prefix: &str) -> Result<ApiKey> {
        tenants::revoke_api_key(self, id_or_prefix).await
    }

    async fn authenticate_api_key(&self, hash: &str) -> Result<Option<ApiKey>> {
        tenants::authenticate_api_key(self, hash).await
    }

    async fn create_order(&self, store: StoreId, new: &NewOrder) -> Result<Order> {
        orders::create_order(self, store, new).await
    }

    async fn get_order(&self, store: StoreId, id: OrderId) -> Result<Order> {
        orders::get_order(self, store, id).await
    }

    async fn find_order_by_number(
        &self,
        store: StoreId,
        number: &wismo_domain::OrderNumber,
    ) -> Result<Option<Order>> {
        orders::find_order_by_number(self, store, number).await
    }

    async fn list_orders(
        &self,
        store: StoreId,
        before: Option<OrderId>,
        limit: u32,
    ) -> Result<Vec<Order>> {
        orders::list_orders(self, store, before, limit).await
    }

    async fn add_shipment(
        &self,
        store: StoreId,
        order: OrderId,
        new: &NewShipment,
    ) -> Result<Shipment> {
        orders::add_shipment(self, store, order, new).await
    }

    async fn update_shipment(
        &self,
        store: StoreId,
        id: ShipmentId,
        patch: &ShipmentPatch,
    ) -> Result<Shipment> {
        orders::update_shipment(self, store, id, patch).await
    }

    async fn get_shipment(&self, store: StoreId, id: ShipmentId) -> Result<Shipment> {
        orders::get_shipment(self, store, id).await
    }

    async fn reissue_token(
        &self,
        store: StoreId,
        id: ShipmentId,
        token: &ShipmentToken,
    ) -> Result<Shipment> {
        orders::reissue_token(self, store, id, token).await
    }

    async fn reissue_order_token(
        &self,
        store: StoreId,
        id: OrderId,
        token: &OrderToken,
    ) -> Result<Order> {
        orders::reissue_order_token(self, store, id, token).await
    }

    async fn order_view(&self, token: &OrderToken) -> Result<Option<TrackingView>> {
        orders::order_view(self, token).await
    }

    async fn list_events(&self, store: StoreId, id: ShipmentId) -> Result<Vec<TrackingEvent>> {
        events::list_events(self, store, id).await
    }

    async fn ingest(
        &self,
        store: StoreId,
        id: ShipmentId,
        update: &TrackingUpdate,
    ) -> Result<Recorded> {
        let (recorded, _) = events::ingest(self, store, id, update, Source::Update).await?;
        Ok(recorded)
    }

    async fn list_milestones(
        &self,
        store: StoreId,
        id: ShipmentId,
    ) -> Result<Vec<MilestoneRecord>> {
        polls::list_milestones(self, store, id).await
    }

    async fn claim_due_shipments(
        &self,
        worker: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<PollLease>> {
        polls::claim_due_shipments(self, worker, lease, limit).await
    }

    async fn finish_poll(
        &self,
        lease: &PollLease,
        finish: &PollFinish,
    ) -> Result<(Recorded, bool)> {
        polls::finish_poll(self, lease, finish).await
    }

    async fn due_shipments(&self, limit: u32) -> Result<Vec<DueShipment>> {
        polls::due_shipments(self, limit).await
    }

    async fn schedule_counts(&self) -> Result<ScheduleCounts> {
        polls::schedule_counts(self).await
    }

    async fn carrier_habits(&self) -> Result<Vec<(String, CarrierHabits)>> {
        polls::carrier_habits(self).await
    }

    async fn tracking_view(&self, token: &ShipmentToken) -> Result<Option<TrackingView>> {
        match &self.readers {
            Some(readers) => readers.tracking_view(token),
            None => events::tracking_view(self, token).await,
        }
    }

    async fn page_key(
        &self,
        token: &ShipmentToken,
        build: &str,
        host: Option<&str>,
    ) -> Result<Option<crate::PageKey>> {
        match &self.readers {
            Some(readers) => readers.page_key(token, build, host),
            None => Ok(None),
        }
    }

    async fn save_page_snapshots(&self, snapshots: &[crate::PageSnapshot]) -> Result<()> {
        snapshots::save(self, snapshots).await
    }

    async fn prune_page_snapshots(
        &self,
        finished_before: DateTime<Utc>,
        limit: u32,
    ) -> Result<u64> {
        snapshots::prune(self, finished_before, limit).await
    }

    async fn create_customer_request(
        &self,
        store: StoreId,
        new: &NewCustomerRequest,
    ) -> Result<CustomerRequest> {
        requests::create_customer_request(self, store, new).await
    }

    async fn list_customer_requests(&self, store: StoreId) -> Result<Vec<CustomerRequest>> {
        requests::list_customer_requests(self, store).await
    }

    async fn set_webhook_secret(
        &self,
        store: StoreId,
        provider: &str,
        secret: &SealedSecret,
    ) -> Result<()> {
        webhooks::set_webhook_secret(self, store, provider, secret).await
    }

    async fn webhook_secret(&self, store: StoreId, provider: &str) -> Result<Option<SealedSecret>> {
        webhooks::webhook_secret(self, store, provider).await
    }

    async fn list_webhook_secrets(&self) -> Result<Vec<(StoreId, String, SealedSecret)>> {
        webhooks::list_webhook_secrets(self).await
    }

    async fn find_shipments_by_tracking_number(
        &self,
        store: StoreId,
        number: &TrackingNumber,
    ) -> Result<Vec<Shipment>> {
        webhooks::find_shipments(self, store, number).await
    }

    async fn idempotent_response(
        &self,
        store: StoreId,
        key: &str,
    ) -> Result<Option<IdempotentResponse>> {
        requests::idempotent_response(self, store, key).await
    }

    async fn save_idempotent_response(
        &self,
        store: StoreId,
        key: &str,
        response: &IdempotentResponse,
    ) -> Result<bool> {
        requests::save_idempotent_response(self, store, key, response).await
    }

    async fn enqueue_job(&self, job: &NewJob) -> Result<Option<JobId>> {
        jobs::enqueue_job(self, job).await
    }

    async fn claim_jobs(
        &self,
        queue: &str,
        worker: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<Job>> {
        jobs::claim_jobs(self, queue, worker, lease, limit).await
    }

    async fn complete_job(&self, lease: &JobLease) -> Result<bool> {
        jobs::complete_job(self, lease).await
    }

    async fn fail_job(
        &self,
        lease: &JobLease,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        jobs::fail_job(self, lease, error, retry_at).await
    }

    async fn extend_job_lease(&self, lease: &JobLease, by: chrono::Duration) -> Result<bool> {
        jobs::extend_job_lease(self, lease, by).await
    }

    async fn get_job(&self, id: JobId) -> Result<Job> {
        jobs::get_job(self, id).await
    }

    async fn list_jobs(&self, state: Option<JobState>, limit: u32) -> Result<Vec<Job>> {
        jobs::list_jobs(self, state, limit).await
    }

    async fn retry_job(&self, id: JobId) -> Result<Job> {
        jobs::retry_job(self, id).await
    }

    async fn remove_job(&self, id: JobId) -> Result<Job> {
        jobs::remove_job(self, id).await
    }

    async fn remove_finished_jobs(&self, before: DateTime<Utc>, limit: u32) -> Result<u64> {
        jobs::remove_finished_jobs(self, before, limit).await
    }
}
