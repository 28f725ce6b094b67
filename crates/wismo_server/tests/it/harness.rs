//! A test app: a fresh database (SQLite file, or a PostgreSQL schema), a store with an API
//! key, and helpers to send requests through the router.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;
use wismo_domain::{Clock, Locale, ManualClock, NewStore, StoreId, StoreSlug, TimeZone};
use wismo_server::config::{Config, Layer};
use wismo_server::{AppState, keys};
use wismo_store::{NewApiKey, Store};

use crate::requires::postgres_url;

pub const PUBLIC_URL: &str = "https://track.example.test";

/// What the test app's clock reads.
pub fn test_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-03-03T12:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default()
}

#[derive(Clone, Copy, Debug)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub router: Router,
    pub store: Arc<dyn Store>,
    pub store_id: StoreId,
    pub key: String,
    /// The app's key for stored secrets, to seal what a test stores directly.
    pub secrets: wismo_server::secrets::SecretBox,
    /// The app's state, for a test that routes a handler of its own.
    pub state: AppState,
    /// The database's URL, for a test that reaches under the app.
    pub url: String,
    /// The app's clock, for a test that lets time pass.
    pub clock: Arc<ManualClock>,
    cleanup: Cleanup,
}

/// A box with the test apps' key, for a job runner built without an app.
pub fn test_secrets() -> wismo_server::secrets::SecretBox {
    wismo_server::secrets::SecretBox::load(
        Some(&wismo_domain::Secret::new(TEST_SECRET_KEY)),
        "sqlite::memory:",
    )
    .expect("the test key")
}

/// The secret key the test apps seal stored secrets with.
pub const TEST_SECRET_KEY: &str = "dGVzdC1rZXktZm9yLXNlYWxlZC1zZWNyZXRzLTMyYiE=";

pub enum Cleanup {
    File(PathBuf),
    Schema { url: String, schema: String },
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Schema { url, schema } => {
                let (url, schema) = (url.clone(), schema.clone());
                // Drop needs its own runtime: the test's is shutting down. The test's pool may
                // still hold a connection whose rollback is deferred (a dropped transaction),
                // holding locks; end the test's sessions first so DROP SCHEMA cannot wait.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        use sqlx::Connection;
                        let mut conn = sqlx::PgConnection::connect(&url).await.ok()?;
                        sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()")
                            .bind(&schema)
                            .execute(&mut conn)
                            .await
                            .ok()?;
                        sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))).execute(&mut conn).await.ok()
                    })
                })
                .join();
            }
        }
    }
}

/// A fresh database URL, or `None` when PostgreSQL tests are skipped (see [`postgres_url`]).
pub async fn database(db: Db) -> Option<(String, Cleanup)> {
    let tag: u64 = rand::random();
    match db {
        Db::Sqlite => {
            let path = std::env::temp_dir().join(format!("wismo-it-{tag:016x}.db"));
            Some((format!("sqlite://{}", path.display()), Cleanup::File(path)))
        }
        Db::Postgres => {
            let url = postgres_url()?;
            use sqlx::Connection;
            let schema = format!("wismo_it_{tag:016x}");
            let mut conn = sqlx::PgConnection::connect(&url)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL at WISMO_TEST_POSTGRES_URL: {e}"));
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .execute(&mut conn)
                .await
                .expect("create schema");
            let sep = if url.contains('?') { '&' } else { '?' };
            Some((
                // The application name tags the test's sessions so cleanup can end them.
                format!("{url}{sep}options[search_path]={schema}&application_name={schema}"),
                Cleanup::Schema { url, schema },
            ))
        }
    }
}

impl TestApp {
    /// The key the pages rendered now are stored under.
    pub fn page_build(&self) -> String {
        wismo_server::http::pages::snapshot::build_key(self.clock.now())
    }

    pub async fn new(db: Db) -> Option<TestApp> {
        Self::with_layer(db, Layer::default()).await
    }

    /// A test app with settings of `layer` over the test's own.
    pub async fn with_layer(db: Db, layer: Layer) -> Option<TestApp> {
        let (url, cleanup) = database(db).await?;
        // The tests' events happen around the first days of March 2026; the clock reads
        // a time among them, so nothing they record has gone quiet for long.
        let manual = Arc::new(ManualClock::new(test_now()));
        let clock: Arc<dyn Clock> = manual.clone();
        let store = wismo_store::connect(&url, clock.clone())
            .await
            .expect("open the test database");
        let config = Config::load(
            None,
            wismo_server::config::Env::default(),
            Layer {
                database_url: Some(url.clone()),
                public_url: Some(PUBLIC_URL.into()),
                secret_key: Some(wismo_domain::Secret::new(TEST_SECRET_KEY)),
                ..layer
            },
        )
        .expect("config");
        let state = AppState::new(config, store.clone(), clock).expect("state");
        let tenant = store
            .create_store(&new_store("acme", "Acme Coffee"))
            .await
            .expect("store");
        let key = api_key(store.as_ref(), tenant.id).await;
        Some(TestApp {
            secrets: state.secrets.clone(),
            router: wismo_server::router(state.clone()),
            state,
            url,
            clock: manual,
            store,
            store_id: tenant.id,
            key,
            cleanup,
        })
    }

    /// A second store with its own key, for tenancy tests.
    pub async fn other_store_key(&self) -> String {
        let other = self
            .store
            .create_store(&new_store("globex", "Globex"))
            .await
            .expect("store");
        api_key(self.store.as_ref(), other.id).await
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<&Value>,
    ) -> Response {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(key) = key {
            req = req.header("authorization", format!("Bearer {key}"));
        }
        let req = match body {
            Some(json) => req
                .header("content-type", "application/json")
                .body(Body::from(json.to_string())),
            None => req.body(Body::empty()),
        };
        self.send(req.expect("request")).await
    }

    pub async fn send(&self, req: Request<Body>) -> Response {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Response {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path, Some(&self.key.clone()), None)
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.request(Method::POST, path, Some(&self.key.clone()), Some(body))
            .await
    }

    /// Creates an order with the given shipments' tracking numbers; returns its JSON.
    pub async fn order(&self, number: &str, tracking: &[&str]) -> Value {
        self.order_with_key(&self.key, number, tracking).await
    }

    /// [`TestApp::order`] in the store of `key`.
    pub async fn order_with_key(&self, key: &str, number: &str, tracking: &[&str]) -> Value {
        let shipments: Vec<Value> = tracking
            .iter()
            .map(|t| serde_json::json!({ "tracking_number": t, "carrier": "ups" }))
            .collect();
        let res = self
            .request(
                Method::POST,
                "/api/v1/orders",
                Some(key),
                Some(&serde_json::json!({
                    "order_number": number,
                    "customer": { "name": "Ana Lima", "email": "ana@example.com", "phone": "+14155550100", "locale": "en" },
                    "destination": { "city": "Portland", "region": "OR", "postal_code": "97201", "country": "US" },
                    "items": [{ "name": "Espresso beans", "quantity": 2 }],
                    "shipments": shipments,
                })),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        res.json()
    }
}

/// The path of a shipment's private link, from the API's shipment view.
pub fn link(shipment: &Value) -> String {
    let url = shipment["tracking_url"].as_str().expect("tracking_url");
    url.strip_prefix(PUBLIC_URL)
        .expect("a link of this app")
        .to_owned()
}

pub fn new_store(slug: &str, name: &str) -> NewStore {
    NewStore {
        slug: StoreSlug::parse(slug).expect("slug"),
        name: name.into(),
        default_locale: Locale::default(),
        timezone: TimeZone::parse("America/Los_Angeles").expect("tz"),
    }
}

pub async fn api_key(store: &dyn Store, id: StoreId) -> String {
    let key = keys::generate();
    store
        .create_api_key(
            id,
            &NewApiKey {
                name: "test".into(),
                prefix: key.prefix,
                hash: key.hash,
            },
        )
        .await
        .expect("key");
    key.secret
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts an RFC 9457 problem with `status`; returns its body.
    pub fn problem(&self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(
            self.header("content-type"),
            "application/problem+json",
            "{}",
            self.text
        );
        let body = self.json();
        assert_eq!(body["status"], status.as_u16());
        assert!(
            body["type"].is_string() && body["title"].is_string() && body["detail"].is_string(),
            "{body}"
        );
        body
    }
}

/// Instantiates `async fn name(db: Db)` tests for both backends: `sqlite::name`, `postgres::name`.
/// The PostgreSQL variant runs when `WISMO_TEST_POSTGRES_URL` is set (see `requires`).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::$name($crate::harness::Db::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::$name($crate::harness::Db::Postgres).await })*
        }
    };
}

/// `testdata/{relative}` at the workspace root: the vendored example responses and bodies.
pub fn testdata(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(relative)
}
