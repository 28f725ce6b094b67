//! The one door into the event pipeline. Polled scans (the worker), pushed scans (the
//! aggregator webhooks) and the merchant's manual events all reach the store's pipeline
//! through [`Ingest`], and nothing else in the server calls
//! [`ingest`](wismo_store::TrackingStore::ingest) or
//! [`finish_poll`](wismo_store::PollingStore::finish_poll). The ingest counters are recorded here, once; later work that
//! reacts to news (waking the notification dispatcher, rendering the page a message will
//! link to) hooks in here.

use std::sync::Arc;
use wismo_domain::{EventSource, ShipmentId, StoreId, TrackingUpdate};
use wismo_store::{
    IdempotencyRecord, PollFinish, PollLease, Recorded, ShipmentEvents, Store, StoreError,
};

/// Hands updates to the event pipeline and counts what they recorded.
#[derive(Debug, Clone)]
pub struct Ingest {
    store: Arc<dyn Store>,
}

impl Ingest {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// Runs an update that came by push, by the merchant's hand or from the sandbox
    /// through the pipeline for one of the store's shipments.
    pub async fn update(
        &self,
        store: StoreId,
        shipment: ShipmentId,
        update: &TrackingUpdate,
        source: EventSource,
    ) -> Result<Recorded, StoreError> {
        self.update_keyed(store, shipment, update, source, None)
            .await
    }

    /// [`update`](Self::update), keeping the response to the request's `Idempotency-Key`
    /// in the same transaction.
    pub async fn update_keyed(
        &self,
        store: StoreId,
        shipment: ShipmentId,
        update: &TrackingUpdate,
        source: EventSource,
        record: Option<&IdempotencyRecord<'_, ShipmentEvents>>,
    ) -> Result<Recorded, StoreError> {
        let recorded = self
            .store
            .ingest_keyed(store, shipment, update, record)
            .await?;
        count(source, &recorded);
        Ok(recorded)
    }

    /// Finishes a poll: its update through the pipeline and, while the lease is still the
    /// worker's, the next poll scheduled (`true` then).
    pub async fn finish_poll(
        &self,
        lease: &PollLease,
        finish: &PollFinish,
    ) -> Result<(Recorded, bool), StoreError> {
        let (recorded, held) = self.store.finish_poll(lease, finish).await?;
        count(EventSource::Poll, &recorded);
        Ok((recorded, held))
    }
}

fn count(source: EventSource, recorded: &Recorded) {
    if recorded.inserted > 0 {
        metrics::counter!("wismo_events_ingested_total", "source" => source.as_str())
            .increment(recorded.inserted as u64);
    }
}
