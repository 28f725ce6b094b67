//! The PostgreSQL backend, for several servers and workers on one database.
//!
//! This module owns connecting (optionally into a schema of its own), migrating and the
//! [`Store`] impl, which hands each method to the module of its resource. Instants are
//! TIMESTAMPTZ, documents JSONB. Writes that read first lock what they read (`FOR UPDATE`);
//! the job queue claims with `FOR UPDATE SKIP LOCKED`.

mod events;
mod jobs;
mod orders;
mod polls;
mod requests;
mod row;
mod snapshots;
mod tenants;
mod webhooks;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{AssertSqlSafe, Connection, PgConnection, PgPool, Postgres, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use wismo_domain::{
    Branding, Clock, CustomerRequest, JobId, NewCustomerRequest, NewOrder, NewShipment, NewStore,
    Order, OrderId, OrderToken, SealedSecret, Shipment, ShipmentId, ShipmentPatch, ShipmentToken,
    StoreId, TrackingEvent, TrackingNumber,
};

use crate::pipeline::Source;
use crate::rows::stored_precision;
use crate::{
    ApiKey, Backend, DueShipment, IdempotentResponse, Job, JobLease, JobState, NewApiKey, NewJob,
    PollFinish, PollLease, Recorded, Result, ScheduleCounts, Store, StoreError, TrackingView,
    redact_url,
};
use wismo_domain::schedule::CarrierHabits;
use wismo_domain::{MilestoneRecord, TrackingUpdate};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// wismo's store on PostgreSQL.
#[derive(Debug)]
pub struct PgStore {
    pool: PgPool,
    clock: Arc<dyn Clock>,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://…`) and brings its schema up to date.
    pub async fn connect(url: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        Self::connect_with(parse_url(url)?, clock).await
    }

    /// Connects with ready-made options (a search path, TLS settings, …) and brings the
    /// schema up to date. The tables, and the migrations table, go into the first schema
    /// of the search path.
    pub async fn connect_with(options: PgConnectOptions, clock: Arc<dyn Clock>) -> Result<Self> {
        // One plain attempt first: a wrong host or password fails at once with the server's
        // own words, instead of after the pool's retries run out.
        sqlx::Connection::close(sqlx::PgConnection::connect_with(&options).await?).await?;
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(std::time::Duration::from_secs(10))
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool, clock })
    }

    /// Connects with `schema` (created if missing) as the only schema on the search path, so
    /// wismo's tables live in it: several wismo databases, or tests, can share one
    /// PostgreSQL database. `schema` must be lower-case letters, digits and `_`.
    pub async fn connect_in_schema(url: &str, schema: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        let quoted = quote_schema(schema)?;
        let options = parse_url(url)?.options([("search_path", schema)]);
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::query(AssertSqlSafe(format!(
            "CREATE SCHEMA IF NOT EXISTS {quoted}"
        )))
        .execute(&pool)
        .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool, clock })
    }

    /// Drops `schema` and everything in it: the undo of [`connect_in_schema`](Self::connect_in_schema).
    pub async fn drop_schema(url: &str, schema: &str) -> Result<()> {
        let quoted = quote_schema(schema)?;
        let mut conn = PgConnection::connect_with(&parse_url(url)?).await?;
        sqlx::query(AssertSqlSafe(format!(
            "DROP SCHEMA IF EXISTS {quoted} CASCADE"
        )))
        .execute(&mut conn)
        .await?;
        conn.close().await?;
        Ok(())
    }

    /// Now, from the clock, at the precision stored.
    fn now(&self) -> DateTime<Utc> {
        stored_precision(self.clock.now())
    }

    /// A read-only transaction on one snapshot, for reads of several statements.
    async fn read(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await?)
    }
}

fn parse_url(url: &str) -> Result<PgConnectOptions> {
    PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Config(format!("bad PostgreSQL URL `{}`: {e}", redact_url(url))))
}

/// `schema` as a quoted identifier, if it is a plain lower-case name.
fn quote_schema(schema: &str) -> Result<String> {
    let plain = (1..=63).contains(&schema.len())
        && schema.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && schema
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain {
        return Err(StoreError::Config(format!(
            "`{schema}` is not a schema name: use lower-case letters, digits and `_`"
        )));
    }
    Ok(format!("\"{schema}\""))
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
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
        events::tracking_view(self, token).await
    }

    async fn page_key(
        &self,
        token: &ShipmentToken,
        build: &str,
        host: Option<&str>,
    ) -> Result<Option<crate::PageKey>> {
        snapshots::page_key(self, token, build, host).await
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
