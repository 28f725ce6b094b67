//! `wismo serve`: bind, serve, and shut down gracefully on SIGTERM or Ctrl-C.

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::router::router;
use crate::state::AppState;

/// Serves wismo's router, plus `extra` routes (the sandbox carrier) when given.
pub async fn serve(state: AppState, extra: Option<axum::Router>) -> anyhow::Result<()> {
    let listen = state.config.listen;
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    tracing::info!(
        listen = %listener.local_addr().unwrap_or(listen),
        public_url = %state.config.public_url,
        database = ?state.store.backend(),
        "wismo is serving"
    );
    let app = match extra {
        Some(extra) => router(state).merge(extra),
        None => router(state),
    };
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server failed")?;
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
