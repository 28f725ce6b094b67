//! What handlers share, built once by [`AppState::new`]. Each handler takes the part it
//! needs through axum's `FromRef`: the API, webhooks and ops take [`Core`], the customer's
//! pages [`PageState`], `/metrics` [`Metrics`]. A new area (the admin, notifications) adds
//! its own part here without touching the others' handlers.

use axum::extract::FromRef;
use std::sync::Arc;
use wismo_domain::{Clock, OrderToken, ShipmentToken, Texts};
use wismo_store::Store;

use crate::config::Config;
use crate::http::admin::AdminState;
use crate::http::pages::{PageState, prerender};
use crate::ingest::Ingest;
use crate::secrets::SecretBox;

/// What every part of wismo uses, behind one `Arc`: handlers get their state by cloning it
/// on every request, and one reference count costs less than one per part (on a repeat
/// view the clones of a struct of `Arc`s were a tenth of the server's time, two threads
/// bouncing the counters' cache lines). Reads through to [`CoreParts`].
#[derive(Clone)]
pub struct Core(Arc<CoreParts>);

/// The parts of [`Core`].
pub struct CoreParts {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub texts: Arc<Texts>,
    pub clock: Arc<dyn Clock>,
    /// The one door into the event pipeline.
    pub ingest: Ingest,
    /// Seals and opens the secrets kept in the database.
    pub secrets: SecretBox,
    /// Lanes' histories for the promise at checkout, kept in this process.
    pub promises: crate::promise::Promises,
}

impl std::ops::Deref for Core {
    type Target = CoreParts;

    fn deref(&self) -> &CoreParts {
        &self.0
    }
}

impl Core {
    pub fn new(parts: CoreParts) -> Self {
        Self(Arc::new(parts))
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

/// The Prometheus exporter, when this process installed one (`/metrics` answers 404
/// otherwise).
#[derive(Clone, Default)]
pub struct Metrics(pub Option<metrics_exporter_prometheus::PrometheusHandle>);

/// The router's state: every part, each one a handler's `State<…>`. Reads through to
/// [`Core`] for code that runs the server (`state.store`, `state.config`).
#[derive(Clone, FromRef)]
pub struct AppState {
    pub core: Core,
    pub pages: PageState,
    pub admin: AdminState,
    pub metrics: Metrics,
}

impl AppState {
    /// Everything a wismo process shares, for `config` on `store`: the key for stored
    /// secrets is loaded (or made, beside a SQLite file) as the configuration says. Spawns
    /// the tasks that keep rendered pages and render pages ahead, so it must run inside a
    /// tokio runtime. Serves no `/metrics` until [`with_metrics`](Self::with_metrics)
    /// gives it an exporter.
    pub fn new(
        config: Config,
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let store_pages = config.store_pages;
        store.set_notify_burst_default(config.notify.burst_secs);
        // Where pages are kept, a parcel's news renders its page ahead of the next view.
        let (prerender, offered) = prerender::channel();
        let ingest = match store_pages {
            true => Ingest::new(store.clone()).prerendering(prerender),
            false => Ingest::new(store.clone()),
        };
        let core = Core::new(CoreParts {
            secrets: SecretBox::load(config.secret_key.as_ref(), &config.database_url)?,
            texts: Arc::new(Texts::builtin()?),
            ingest,
            promises: crate::promise::Promises::new(store.clone()),
            store,
            config: Arc::new(config),
            clock,
        });
        let pages = PageState::new(core.clone(), store_pages);
        if store_pages {
            prerender::spawn(&pages, offered);
        }
        Ok(Self {
            pages,
            admin: AdminState::new(core.clone()),
            core,
            metrics: Metrics::default(),
        })
    }

    /// The same state, serving `/metrics` from `handle`.
    pub fn with_metrics(
        mut self,
        handle: Option<metrics_exporter_prometheus::PrometheusHandle>,
    ) -> Self {
        self.metrics = Metrics(handle);
        self
    }
}

impl std::ops::Deref for AppState {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.core
    }
}
