//! What every handler shares.

use std::sync::Arc;
use wismo_domain::{Clock, OrderToken, ShipmentToken, Texts};
use wismo_store::Store;

use crate::config::Config;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub texts: Arc<Texts>,
    pub clock: Arc<dyn Clock>,
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
    /// The private link to a shipment's tracking page.
    pub fn tracking_url(&self, token: &ShipmentToken) -> String {
        format!("{}/t/{}", self.config.public_url, token)
    }

    /// The private link to an order's page: all its parcels.
    pub fn order_url(&self, token: &OrderToken) -> String {
        format!("{}/t/{}", self.config.public_url, token)
    }
}
