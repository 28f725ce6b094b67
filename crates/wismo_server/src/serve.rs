//! `wismo serve`: bind, serve, run the polling worker and the job runner, and shut down
//! gracefully on SIGTERM or Ctrl-C.

use anyhow::Context as _;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

use crate::jobs::{self, FetchLogo, JobContext};
use crate::listen::serve_on;
use crate::outbound::Outbound;
use crate::router::{ops_router, router};
use crate::state::AppState;
use crate::worker::Worker;
use wismo_store::notify::NOTIFY_QUEUE;

/// Web server, polling worker and job runner in one process (the default). On a shutdown
/// signal the web server finishes its requests, the worker its round and the runner its
/// jobs in flight.
pub async fn serve_all(state: AppState, extra: Option<axum::Router>) -> anyhow::Result<()> {
    let worker = Worker::through(
        state.ingest.clone(),
        state.store.clone(),
        state.clock.clone(),
        &state.config,
    );
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let jobs = spawn_jobs(&state, &[], stopped.clone())?;
    let polling = tokio::spawn(async move {
        let mut stopped = stopped;
        worker
            .run(async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            })
            .await;
    });
    let served = serve(state, extra).await;
    let _ = stop.send(true);
    let _ = polling.await;
    let _ = jobs.await;
    served
}

/// The polling worker alone, with `/healthz`, `/readyz` and `/metrics` on the metrics
/// address (or the listen address when there is none).
pub async fn serve_worker(state: AppState) -> anyhow::Result<()> {
    let worker = Worker::through(
        state.ingest.clone(),
        state.store.clone(),
        state.clock.clone(),
        &state.config,
    );
    let listener = bind(ops_address(&state)).await?;
    crate::listen::raise_open_files_limit(state.config.http.max_connections);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let limits = state.config.http;
    let ops = tokio::spawn(serve_on(
        listener,
        ops_router(state),
        limits,
        stopped_signal(stopped),
    ));
    // Listen from the start: a signal during the first round must stop it gracefully too.
    let signal = tokio::spawn(shutdown_signal());
    worker
        .run(async move {
            let _ = signal.await;
        })
        .await;
    let _ = stop.send(true);
    ops.await.context("ops server failed")?;
    Ok(())
}

/// The job runner alone (every queue, or those named), with `/healthz`, `/readyz` and
/// `/metrics` on the metrics address (or the listen address when there is none).
pub async fn serve_jobs(state: AppState, queues: &[String]) -> anyhow::Result<()> {
    let signal = tokio::spawn(shutdown_signal());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let jobs = spawn_jobs(&state, queues, stopped.clone())?;
    let listener = bind(ops_address(&state)).await?;
    crate::listen::raise_open_files_limit(state.config.http.max_connections);
    let limits = state.config.http;
    let ops = tokio::spawn(serve_on(
        listener,
        ops_router(state),
        limits,
        stopped_signal(stopped),
    ));
    let _ = signal.await;
    let _ = stop.send(true);
    let _ = jobs.await;
    ops.await.context("ops server failed")?;
    Ok(())
}

/// Where a worker or job runner serves health and metrics.
fn ops_address(state: &AppState) -> SocketAddr {
    state.config.metrics_listen.unwrap_or(state.config.listen)
}

async fn bind(address: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))
}

/// Starts the job runner on `queues` (all when empty) until `stopped` turns true.
fn spawn_jobs(
    state: &AppState,
    queues: &[String],
    stopped: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let mailer = crate::mail::Mailer::from_settings(&state.config.email)?
        .map(|m| m.connections(state.config.notify.concurrency));
    if mailer.is_none() {
        tracing::warn!(
            "no SMTP relay is configured (WISMO_SMTP_URL): customers' emails fail as undeliverable and no daily digest is sent"
        );
    }
    let ctx = JobContext {
        store: state.store.clone(),
        clock: state.clock.clone(),
        outbound: Outbound::new(state.config.outbound.allow_private),
        notify: Some(Arc::new(jobs::Notifier::new(
            state.store.clone(),
            state.texts.clone(),
            mailer,
            Some(state.pages.clone()),
        ))),
        secrets: state.secrets.clone(),
        public_url: state.config.public_url.clone(),
    };
    let runner = jobs::runner(ctx.clone())
        .with_settings(jobs::RunnerSettings {
            lease: state.config.jobs.lease,
            ..jobs::RunnerSettings::default()
        })
        .concurrency(NOTIFY_QUEUE, state.config.notify.concurrency)
        .only_queues(queues)?;
    Ok(tokio::spawn(async move {
        // Stores whose logo URL was never fetched (set before logos were fetched).
        match FetchLogo::queue_missing(ctx.store.as_ref(), ctx.clock.as_ref()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(stores = n, "queued fetching stores' logos"),
            Err(e) => tracing::warn!(error = format!("{e:#}"), "cannot queue logo fetches"),
        }
        runner.run(stopped_signal(stopped)).await;
    }))
}

/// Resolves once `stopped` turns true (or its sender is gone).
async fn stopped_signal(mut stopped: tokio::sync::watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}

/// Serves wismo's router, plus `extra` routes (the sandbox carrier) when given, and the
/// ops router on the metrics address when there is one.
pub async fn serve(state: AppState, extra: Option<axum::Router>) -> anyhow::Result<()> {
    let listener = bind(state.config.listen).await?;
    let ops_listener = match state.config.metrics_listen {
        Some(address) => Some(bind(address).await?),
        None => None,
    };
    tracing::info!(
        listen = %listener.local_addr().unwrap_or(state.config.listen),
        metrics_listen = ?ops_listener.as_ref().and_then(|l| l.local_addr().ok()),
        public_url = %state.config.public_url,
        database = ?state.store.backend(),
        "wismo is serving"
    );
    let limits = state.config.http;
    crate::listen::raise_open_files_limit(limits.max_connections);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let ops = ops_listener.map(|listener| {
        tokio::spawn(serve_on(
            listener,
            ops_router(state.clone()),
            limits,
            stopped_signal(stopped),
        ))
    });
    let app = match extra {
        Some(extra) => router(state).merge(extra),
        None => router(state),
    };
    serve_on(listener, app, limits, async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    })
    .await;
    if let Some(ops) = ops {
        ops.await.context("ops server failed")?;
    }
    tracing::info!("wismo stopped");
    Ok(())
}

/// Resolves on the first SIGINT or SIGTERM.
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
