//! The SQLite backend. Skeleton: filled in by the backend implementation.

use async_trait::async_trait;
use std::sync::Arc;
use wismo_domain::{Branding, Clock, CustomerRequest, NewCustomerRequest, NewEvent, NewOrder, NewShipment, NewStore, Order, OrderId, Shipment, ShipmentId, ShipmentPatch, ShipmentToken, StoreId, TrackingEvent};

use crate::{ApiKey, Backend, IdempotentResponse, Job, JobLease, NewApiKey, NewJob, Recorded, Result, Store, TrackingView};

/// wismo's store on SQLite.
#[derive(Debug)]
pub struct SqliteStore {
    pool: sqlx::SqlitePool,
    clock: Arc<dyn Clock>,
}

impl SqliteStore {
    pub async fn connect(url: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        let _ = (url, &clock);
        todo!()
    }
}

#[async_trait]
impl Store for SqliteStore {

    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn ping(&self) -> Result<()> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn create_store(&self, new: &NewStore) -> Result<wismo_domain::Store> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn list_stores(&self) -> Result<Vec<wismo_domain::Store>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn get_store(&self, id: StoreId) -> Result<wismo_domain::Store> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn get_store_by_slug(&self, slug: &str) -> Result<wismo_domain::Store> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn update_branding(&self, id: StoreId, branding: &Branding) -> Result<wismo_domain::Store> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn create_api_key(&self, store: StoreId, new: &NewApiKey) -> Result<ApiKey> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn list_api_keys(&self, store: StoreId) -> Result<Vec<ApiKey>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn revoke_api_key(&self, id_or_prefix: &str) -> Result<ApiKey> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn authenticate_api_key(&self, hash: &str) -> Result<Option<ApiKey>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn create_order(&self, store: StoreId, new: &NewOrder) -> Result<Order> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn get_order(&self, store: StoreId, id: OrderId) -> Result<Order> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn list_orders(&self, store: StoreId, before: Option<OrderId>, limit: u32) -> Result<Vec<Order>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn add_shipment(&self, store: StoreId, order: OrderId, new: &NewShipment) -> Result<Shipment> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn update_shipment(&self, store: StoreId, id: ShipmentId, patch: &ShipmentPatch) -> Result<Shipment> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn get_shipment(&self, store: StoreId, id: ShipmentId) -> Result<Shipment> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn list_events(&self, store: StoreId, id: ShipmentId) -> Result<Vec<TrackingEvent>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn record_events(&self, store: StoreId, id: ShipmentId, events: &[NewEvent]) -> Result<Recorded> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn tracking_view(&self, token: &ShipmentToken) -> Result<Option<TrackingView>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn create_customer_request(&self, store: StoreId, new: &NewCustomerRequest) -> Result<CustomerRequest> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn list_customer_requests(&self, store: StoreId) -> Result<Vec<CustomerRequest>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn idempotent_response(&self, store: StoreId, key: &str) -> Result<Option<IdempotentResponse>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn save_idempotent_response(&self, store: StoreId, key: &str, response: &IdempotentResponse) -> Result<bool> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn enqueue_job(&self, job: &NewJob) -> Result<Option<wismo_domain::JobId>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn claim_jobs(&self, queue: &str, worker: &str, lease: chrono::Duration, limit: u32) -> Result<Vec<Job>> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn complete_job(&self, lease: &JobLease) -> Result<bool> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn fail_job(&self, lease: &JobLease, error: &str, retry_at: Option<chrono::DateTime<chrono::Utc>>) -> Result<bool> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn extend_job_lease(&self, lease: &JobLease, by: chrono::Duration) -> Result<bool> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

    async fn get_job(&self, id: wismo_domain::JobId) -> Result<Job> {
        let _ = (&self.pool, &self.clock);
        todo!()
    }

}
