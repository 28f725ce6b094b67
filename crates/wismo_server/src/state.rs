//! What every handler shares, built once by [`AppState::new`].

use std::sync::Arc;
use wismo_domain::{Clock, OrderToken, ShipmentToken, Texts};
use wismo_store::Store;

use crate::config::Config;
use crate::ingest::Ingest;
use crate::secrets::SecretBox;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub texts: Arc<Texts>,
    pub clock: Arc<dyn Clock>,
    /// The one door into the event pipeline.
    pub ingest: Ingest,
    /// Seals and opens the secrets kept in the database.
    pub secrets: SecretBox,
    /// The Prometheus exporter, when this process installed one.
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
    /// Budgets of the order lookup form.
    pub lookup_limits: Arc<crate::http::pages::lookup::LookupLimits>,
    /// Budgets of the customer request form.
    pub request_limits: Arc<crate::http::pages::requests::RequestLimits>,
    /// Rendered tracking pages on their way to the store, for repeat views.
    pub snapshots: crate::http::pages::snapshot::Snapshots,
}

impl AppState {
    /// Everything a wismo process shares, for `config` on `store`: the key for stored
    /// secrets is loaded (or made, beside a SQLite file) as the configuration says. Spawns
    /// the task that keeps rendered pages, so it must run inside a tokio runtime. Serves no
    /// `/metrics` until [`with_metrics`](Self::with_metrics) gives it an exporter.
    pub fn new(
        config: Config,
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            secrets: SecretBox::load(config.secret_key.as_ref(), &config.database_url)?,
            texts: Arc::new(Texts::builtin()?),
            ingest: Ingest::new(store.clone()),
            snapshots: if config.store_pages {
                crate::http::pages::snapshot::Snapshots::spawn(store.clone())
            } else {
                crate::http::pages::snapshot::Snapshots::disabled()
            },
            store,
            config: Arc::new(config),
            clock,
            metrics: None,
            lookup_limits: Default::default(),
            request_limits: Default::default(),
        })
    }

    /// The same state, serving `/metrics` from `handle`.
    pub fn with_metrics(
        mut self,
        handle: Option<metrics_exporter_prometheus::PrometheusHandle>,
    ) -> Self {
        self.metrics = handle;
        self
    }

    /// The private link to a shipment's tracking page.
    pub fn tracking_url(&self, token: &ShipmentToken) -> String {
        format!("{}/t/{}", self.config.public_url, token)
    }

    /// The private link to an order's page: all its parcels.
    pub fn order_url(&self, token: &OrderToken) -> String {
        format!("{}/t/{}", self.config.public_url, token)
    }
}
