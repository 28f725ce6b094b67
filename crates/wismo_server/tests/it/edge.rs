//! The HTTP edge against hostile clients: made-up methods cannot grow metrics or logs, doubled
//! `Host` headers are refused, and over a real socket slow and idle connections are closed,
//! a stalled body is answered 408, and the connection cap frees up as slow clients time out.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use axum::routing::get;
use http_body_util::BodyExt;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;
use wismo_domain::{Clock, ManualClock, Secret};
use wismo_server::config::{Config, Env, HttpLayer, HttpSettings, Layer};
use wismo_server::listen::serve_on;
use wismo_server::state::Metrics;
use wismo_server::{AppState, router};

use crate::harness::{Cleanup, Db, PUBLIC_URL, TEST_SECRET_KEY, TestApp, database, test_now};

/// Long enough for any loaded machine; what is tested is that it happens at all.
const PATIENCE: Duration = Duration::from_secs(30);

/// The process's metrics exporter, installed by whichever test asks first.
static METRICS: OnceLock<Metrics> = OnceLock::new();

/// An app on a fresh SQLite database with `http` limits, and the database's cleanup.
async fn app(http: HttpLayer) -> (AppState, HttpSettings, Cleanup) {
    let (url, cleanup) = database(Db::Sqlite).await.unwrap();
    let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(test_now()));
    let store = wismo_store::connect(&url, clock.clone()).await.unwrap();
    let config = Config::load(
        None,
        Env::default(),
        Layer {
            database_url: Some(url),
            public_url: Some(PUBLIC_URL.into()),
            secret_key: Some(Secret::new(TEST_SECRET_KEY)),
            http,
            ..Layer::default()
        },
    )
    .unwrap();
    let limits = config.http;
    let metrics = METRICS.get_or_init(|| Metrics(wismo_server::http::metrics::install()));
    let state = AppState::new(config, store, clock)
        .unwrap()
        .with_metrics(metrics.0.clone());
    (state, limits, cleanup)
}

/// `app` served on a port of its own until dropped.
struct Running {
    addr: SocketAddr,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn serve(app: Router, limits: HttpSettings) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve_on(listener, app, limits, async move {
        let _ = stopped.await;
    }));
    Running { addr, _stop: stop }
}

/// Reads until the peer closes the connection: true, or until [`PATIENCE`] runs out: false.
async fn closed_by_server(stream: &mut TcpStream) -> bool {
    let mut buf = vec![0u8; 4096];
    loop {
        match tokio::time::timeout(PATIENCE, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => continue,
        }
    }
}

/// Reads until `marker` has arrived (or the connection ends) and returns what was read.
async fn read_until(stream: &mut TcpStream, marker: &str) -> String {
    let mut seen = Vec::new();
    let mut buf = vec![0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains(marker) {
        match tokio::time::timeout(PATIENCE, stream.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => seen.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&seen).into_owned()
}

fn limits(header: u64, idle: u64, body: u64) -> HttpLayer {
    HttpLayer {
        header_timeout_secs: Some(header),
        idle_timeout_secs: Some(idle),
        body_timeout_secs: Some(body),
        max_connections: None,
    }
}

/// Log lines written while a test holds the guard of [`capture_logs`].
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn made_up_methods_are_refused_and_leave_metrics_and_logs_small() {
    let (state, _, _cleanup) = app(HttpLayer::default()).await;
    let app = router(state);
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    for n in 0..200 {
        let method = format!("M{n:04}{}", "X".repeat(5000));
        for path in ["/t/AAAAAAAAAAAAAAAAAAAAAAAA", "/api/v1/orders", "/nowhere"] {
            let req = Request::builder()
                .method(Method::from_bytes(method.as_bytes()).unwrap())
                .uri(path)
                .body(Body::empty())
                .unwrap();
            let res = app.clone().oneshot(req).await.unwrap();
            assert_eq!(res.status(), StatusCode::NOT_IMPLEMENTED, "{path}");
            let api = path.starts_with("/api/");
            let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
            let body = res.into_body().collect().await.unwrap().to_bytes();
            assert!(body.len() < 1024, "a small body: {}", body.len());
            if api {
                assert_eq!(content_type, "application/problem+json");
            } else {
                assert!(content_type.starts_with("text/html"), "{content_type}");
            }
        }
    }

    let req = Request::get("/metrics").body(Body::empty()).unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let metrics = res.into_body().collect().await.unwrap().to_bytes();
    let metrics = String::from_utf8_lossy(&metrics);
    assert!(metrics.contains(r#"method="other""#), "{metrics}");
    assert!(
        !metrics.contains("XXXXXXXX"),
        "no method of the client's own"
    );
    assert!(
        metrics.len() < 256 * 1024,
        "metrics stay small: {} bytes",
        metrics.len()
    );
    let logs = logs.text();
    assert!(logs.contains(r#"method="other""#), "{logs}");
    assert!(
        !logs.contains("ERROR"),
        "a client's mistake is no error of wismo's: {logs}"
    );
    assert!(!logs.contains("XXXXXXXX"), "no method of the client's own");
}

#[tokio::test]
async fn a_short_method_wismo_does_not_serve_gets_405_with_the_methods_it_does() {
    let (state, _, _cleanup) = app(HttpLayer::default()).await;
    let app = router(state);
    let req = Request::builder()
        .method(Method::from_bytes(b"QUERY").unwrap())
        .uri("/api/v1/openapi.json")
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    let allow = res.headers()["allow"].to_str().unwrap().to_owned();
    assert!(allow.contains("GET") && !allow.contains("QUERY"), "{allow}");
    let req = Request::get("/metrics").body(Body::empty()).unwrap();
    let res = app.oneshot(req).await.unwrap();
    let metrics = res.into_body().collect().await.unwrap().to_bytes();
    let metrics = String::from_utf8_lossy(&metrics);
    assert!(!metrics.contains("QUERY"), "labelled other: {metrics}");
}

#[tokio::test]
async fn a_request_with_two_host_headers_is_refused() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let twice = |path: &str| {
        Request::get(path)
            .header("host", "track.example.test")
            .header("host", "evil.example")
            .header("authorization", format!("Bearer {}", app.key))
            .body(Body::empty())
            .unwrap()
    };
    let api = app.send(twice("/api/v1/store")).await;
    let problem = api.problem(StatusCode::BAD_REQUEST);
    assert!(
        problem["detail"].as_str().unwrap().contains("Host"),
        "{problem}"
    );
    let page = app.send(twice("/track")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.header("content-type").starts_with("text/html"));
    assert!(
        page.text.contains("more than one Host header"),
        "{}",
        page.text
    );

    let once = app.get("/api/v1/store").await;
    assert_eq!(once.status, StatusCode::OK, "{}", once.text);
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed() {
    let (state, limits, _cleanup) = app(limits(1, 600, 600)).await;
    let server = serve(router(state), limits).await;
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    assert!(closed_by_server(&mut silent).await);
}

#[tokio::test]
async fn a_connection_whose_headers_never_finish_is_closed() {
    let (state, limits, _cleanup) = app(limits(1, 600, 600)).await;
    let server = serve(router(state), limits).await;
    let mut slow = TcpStream::connect(server.addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: a")
        .await
        .unwrap();
    assert!(closed_by_server(&mut slow).await);
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() {
    let (state, limits, _cleanup) = app(limits(600, 1, 600)).await;
    let server = serve(router(state), limits).await;
    let mut idle = TcpStream::connect(server.addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let response = read_until(&mut idle, "\r\n\r\nok").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        closed_by_server(&mut idle).await,
        "the header timeout is 10 minutes: the idle timeout closed it"
    );
}

#[tokio::test]
async fn a_request_head_over_64_kib_is_refused_before_any_handler() {
    let (state, limits, _cleanup) = app(HttpLayer::default()).await;
    let server = serve(router(state), limits).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let head = format!(
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n",
        "x".repeat(100 * 1024)
    );
    // The server may answer and close before the whole head is written.
    let _ = stream.write_all(head.as_bytes()).await;
    let response = read_until(&mut stream, "\r\n\r\n").await;
    assert!(response.starts_with("HTTP/1.1 431"), "{response}");
}

#[tokio::test]
async fn a_kept_alive_connection_serves_request_after_request() {
    let (state, limits, _cleanup) = app(limits(600, 600, 600)).await;
    let server = serve(router(state), limits).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    for _ in 0..3 {
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .await
            .unwrap();
        let response = read_until(&mut stream, "\r\n\r\nok").await;
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    }
}

#[tokio::test]
async fn a_stalled_request_body_is_answered_408() {
    let (state, limits, _cleanup) = app(limits(600, 600, 1)).await;
    let server = serve(router(state), limits).await;
    let mut stalled = TcpStream::connect(server.addr).await.unwrap();
    stalled
        .write_all(
            b"POST /webhooks/easypost/acme HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\": 1",
        )
        .await
        .unwrap();
    let response = read_until(&mut stalled, "</html>").await;
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(
        response.to_ascii_lowercase().contains("connection: close"),
        "{response}"
    );
    assert!(closed_by_server(&mut stalled).await);
}

#[tokio::test]
async fn a_full_connection_cap_waits_for_a_free_slot() {
    let (state, mut limits, _cleanup) = app(limits(600, 600, 600)).await;
    limits.max_connections = 1;
    let server = serve(router(state), limits).await;
    let holder = TcpStream::connect(server.addr).await.unwrap();
    // Once the holder is served, the next connection waits in the kernel's queue.
    let mut next = TcpStream::connect(server.addr).await.unwrap();
    next.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 64];
    let early = tokio::time::timeout(Duration::from_millis(300), next.read(&mut buf)).await;
    assert!(early.is_err(), "answered while the only slot was taken");
    drop(holder);
    let response = read_until(&mut next, "\r\n\r\nok").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

#[tokio::test]
async fn healthz_answers_again_once_slow_clients_filling_the_cap_time_out() {
    let (state, mut limits, _cleanup) = app(limits(1, 600, 600)).await;
    limits.max_connections = 3;
    let server = serve(router(state), limits).await;
    let mut slow = Vec::new();
    for _ in 0..3 {
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\n")
            .await
            .unwrap();
        slow.push(stream);
    }
    let mut health = TcpStream::connect(server.addr).await.unwrap();
    health
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let response = read_until(&mut health, "\r\n\r\nok").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    for mut stream in slow {
        assert!(closed_by_server(&mut stream).await);
    }
}

#[tokio::test]
async fn handlers_see_the_client_address() {
    let app = Router::new().route(
        "/who",
        get(|ConnectInfo(client): ConnectInfo<SocketAddr>| async move { client.to_string() }),
    );
    let server = serve(app, HttpSettings::default()).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let me = stream.local_addr().unwrap().to_string();
    stream
        .write_all(b"GET /who HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let response = read_until(&mut stream, &me).await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with(&me), "{response}");
}
