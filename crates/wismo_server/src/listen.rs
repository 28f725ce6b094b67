//! wismo's accept loop, in place of `axum::serve`, which has no limits on slow clients. Each
//! listener serves at most `max_connections` at once (more wait in the kernel's queue), each
//! connection keeps the deadlines of [`deadline`] and speaks HTTP/1 or HTTP/2 as its client
//! does, handlers see the client's address as `ConnectInfo<SocketAddr>`, and a stop lets
//! requests in flight finish.

mod deadline;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

use crate::config::HttpSettings;

/// The most an HTTP/1 request line and headers may take (hyper's default is 400 KiB); a
/// longer head is answered 431 without reaching a handler.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Open files kept for what is not a connection: the database, logs, the listeners.
const FILES_BESIDES_CONNECTIONS: u64 = 64;

/// Serves `app` on `listener` within `limits` until `shutdown` resolves, then stops
/// accepting and waits for the connections' requests in flight.
pub async fn serve_on(
    listener: TcpListener,
    app: Router,
    limits: HttpSettings,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let mut builder = auto::Builder::new(TokioExecutor::new());
    // Headers are timed by `deadline`, which also times the wait between requests.
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(None)
        .max_buf_size(MAX_HEAD_BYTES);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            () = &mut shutdown => break,
        };
        let Ok(slot) = slot else { break };
        let (stream, client) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let conn = deadline::Connection::new(limits.header_timeout, limits.idle_timeout);
        let io = TokioIo::new(deadline::Watched::new(stream, conn.clone()));
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            let handling = conn.handling();
            req.extensions_mut().insert(ConnectInfo(client));
            let app = app.clone();
            async move {
                let response = app.oneshot(req).await;
                drop(handling);
                response
            }
        });
        let connection = graceful.watch(builder.serve_connection(io, service).into_owned());
        tokio::spawn(async move {
            // A client that leaves or is too slow ends its connection; nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// After a failed accept: a connection that went away before it was accepted is nothing;
/// anything else (out of open files) is logged and waited out a little.
async fn accept_failed(e: &std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::warn!(error = %e, "cannot accept a connection");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// Raises this process's soft limit on open files to its hard limit, logs the limit in
/// force, and warns when it leaves no room for `max_connections` connections.
pub fn raise_open_files_limit(max_connections: usize) {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        let raised = match (limit.current, limit.maximum) {
            (Some(soft), Some(hard)) if soft < hard => {
                let wanted = Rlimit {
                    current: Some(hard),
                    maximum: Some(hard),
                };
                match setrlimit(Resource::Nofile, wanted) {
                    Ok(()) => Some(hard),
                    Err(e) => {
                        tracing::warn!(error = %e, soft, hard, "cannot raise the open files limit");
                        Some(soft)
                    }
                }
            }
            (soft, _) => soft,
        };
        match raised {
            Some(open_files) => {
                tracing::info!(open_files, "open files limit");
                if open_files < max_connections as u64 + FILES_BESIDES_CONNECTIONS {
                    tracing::warn!(
                        open_files,
                        max_connections,
                        "the open files limit is below http.max_connections; raise it (ulimit -n, LimitNOFILE=) or lower the setting"
                    );
                }
            }
            None => tracing::info!("open files limit: unlimited"),
        }
    }
    #[cfg(not(unix))]
    let _ = max_connections;
}
