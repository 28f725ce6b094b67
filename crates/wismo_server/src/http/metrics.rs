//! Prometheus metrics: `GET /metrics`, and the request counters and timings every route
//! feeds. Other parts of wismo record their own (for example
//! `wismo_carrier_unknown_codes_total`); this module exports them, with the schedule
//! gauges counted as they are read.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wismo_store::Store;

use crate::state::{Core, Metrics};

/// How often recorded timings are folded into their histograms. Until then each is kept
/// as a sample, so without it a process nobody scrapes would keep every request's timing.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);
/// How long the schedule gauges are reused between scrapes: a count walks the schedule's
/// whole index.
const GAUGES_FRESH: Duration = Duration::from_secs(5);
/// When the schedule gauges were last counted.
static GAUGES_AT: Mutex<Option<Instant>> = Mutex::new(None);

/// Installs the process-wide recorder, and a task of the current runtime that keeps its
/// histograms folded. `None` if one is already installed (then the first keeps recording,
/// and this process serves no `/metrics` of its own).
pub fn install() -> Option<PrometheusHandle> {
    let handle = PrometheusBuilder::new().install_recorder().ok()?;
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(UPKEEP_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            upkeep.run_upkeep();
        }
    });
    Some(handle)
}

/// `GET /metrics`, in Prometheus' text format.
pub async fn export(State(metrics): State<Metrics>, State(core): State<Core>) -> Response {
    match &metrics.0 {
        Some(handle) => {
            count_schedule(core.store.as_ref()).await;
            (
                [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
                handle.render(),
            )
                .into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Sets `wismo_shipments_active|due|leased` from the database, unless they were counted
/// less than [`GAUGES_FRESH`] ago: whichever process is scraped reports the same schedule.
async fn count_schedule(store: &dyn Store) {
    {
        let mut at = GAUGES_AT.lock().unwrap_or_else(|e| e.into_inner());
        if at.is_some_and(|at| at.elapsed() < GAUGES_FRESH) {
            return;
        }
        *at = Some(Instant::now());
    }
    match store.schedule_counts().await {
        Ok(counts) => {
            metrics::gauge!("wismo_shipments_active").set(counts.active as f64);
            metrics::gauge!("wismo_shipments_due").set(counts.due as f64);
            metrics::gauge!("wismo_shipments_leased").set(counts.leased as f64);
        }
        Err(e) => tracing::warn!(error = %e, "cannot count the schedule"),
    }
}

/// Counts and times every request by route template (never by URI: tokens are secrets) and
/// method label (never a client's own method): every label comes from a known set.
pub async fn record(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method = super::edge::method_label(req.method());
    let started = Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("wismo_http_requests_total", "route" => route.clone(), "method" => method, "status" => status).increment(1);
    metrics::histogram!("wismo_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}
