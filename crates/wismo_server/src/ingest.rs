//! The one door into the event pipeline. Polled scans (the worker), pushed scans (the
//! aggregator webhooks) and the merchant's manual events all reach the store's pipeline
//! through [`Ingest`], and nothing else in the server calls
//! [`ingest`](wismo_store::TrackingStore::ingest) or
//! [`finish_poll`](wismo_store::PollingStore::finish_poll). The ingest counters are
//! recorded here, once, and a parcel with news is offered to
//! [`Prerender`](crate::http::pages::prerender::Prerender), which renders its page ahead of
//! its customer's next view.

use crate::http::pages::prerender::Prerender;
use std::sync::Arc;
use wismo_domain::{EventSource, ShipmentId, StoreId, TrackingUpdate};
use wismo_store::{
    IdempotencyRecord, PollFinish, PollLease, Recorded, ShipmentEvents, Store, StoreError,
};

/// Hands updates to the event pipeline and counts what they recorded.
#[derive(Debug, Clone)]
pub struct Ingest {
    store: Arc<dyn Store>,
    /// Where a parcel with news goes to have its page rendered ahead; `None` where pages
    /// are not kept.
    prerender: Option<Prerender>,
}

impl Ingest {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            prerender: None,
        }
    }

    /// The same door, offering each parcel with news to `prerender`.
    pub fn prerendering(self, prerender: Prerender) -> Self {
        Self {
            prerender: Some(prerender),
            ..self
        }
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
        self.recorded(source, &recorded);
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
        self.recorded(EventSource::Poll, &recorded);
        Ok((recorded, held))
    }

    /// What follows an update the pipeline recorded: counted, and its parcel's page
    /// rendered ahead when the update brought news (a scan it did not have).
    fn recorded(&self, source: EventSource, recorded: &Recorded) {
        if recorded.inserted == 0 {
            return;
        }
        metrics::counter!("wismo_events_ingested_total", "source" => source.as_str())
            .increment(recorded.inserted as u64);
        if let Some(prerender) = &self.prerender {
            prerender.offer(&recorded.shipment.token);
        }
    }
}
