//! Shared setup: fresh databases (a SQLite file, a PostgreSQL schema or database), SQLite pools, the
//! tenant store, parcels' orders, and the sandbox carrier with a config pointing at it.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, Connection as _, SqlitePool};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr as _;
use std::sync::Arc;
use wismo_carriers::sandbox::Sandbox;
use wismo_domain::{
    CarrierCode, CountryCode, Customer, Destination, Locale, ManualClock, NewOrder, NewShipment,
    NewStore, OrderNumber, StoreId, StoreSlug, TimeZone, TrackingNumber,
};
use wismo_server::config::{CarrierLayer, Config, Layer, WorkerLayer};
use wismo_store::Store;

use crate::{CARRIERS, CUSTOMER_TZ, SERVICES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database: a SQLite file in a temporary directory, or a PostgreSQL schema.
pub(crate) struct BenchDb {
    pub(crate) url: String,
    pub(crate) backend: Backend,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Schema { base: String, schema: String },
    Database { base: String, name: String },
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wismo-engine-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) async fn fresh_db(backend: Backend, pg_base: &str, name: &str) -> BenchDb {
    match backend {
        Backend::Sqlite => {
            let path = temp_dir().join(format!("{name}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            BenchDb {
                url: format!("sqlite://{}", path.display()),
                backend,
                cleanup: Cleanup::File(path),
            }
        }
        Backend::Postgres => {
            let schema = format!("wismo_bench_{}_{name}", std::process::id());
            pg_execute(pg_base, &format!("CREATE SCHEMA {schema}")).await;
            let sep = if pg_base.contains('?') { '&' } else { '?' };
            BenchDb {
                // The application name tags this run's sessions so cleanup can end them.
                url: format!(
                    "{pg_base}{sep}options[search_path]={schema}&application_name={schema}"
                ),
                backend,
                cleanup: Cleanup::Schema {
                    base: pg_base.to_owned(),
                    schema,
                },
            }
        }
    }
}

/// A PostgreSQL database of its own on the server of `pg_base`, as `wismo serve` is given:
/// the store's tables in `public`, its own statistics and autovacuum.
pub(crate) async fn fresh_pg_database(pg_base: &str, name: &str) -> BenchDb {
    let name = format!("wismo_bench_{}_{name}", std::process::id());
    pg_execute(pg_base, &format!("CREATE DATABASE {name}")).await;
    let (server, query) = pg_base.split_once('?').unwrap_or((pg_base, ""));
    let (server, _) = server.rsplit_once('/').expect("postgres://…/DATABASE");
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    BenchDb {
        url: format!("{server}/{name}{query}"),
        backend: Backend::Postgres,
        cleanup: Cleanup::Database {
            base: pg_base.to_owned(),
            name,
        },
    }
}

/// One statement on its own connection to `pg_base`.
async fn pg_execute(pg_base: &str, sql: &str) {
    let mut conn = sqlx::PgConnection::connect(pg_base)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {pg_base}: {e}"));
    sqlx::query(AssertSqlSafe(sql.to_owned()))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

/// The config `wismo serve` would run with on `url`, listening at `addr` (with a fixed
/// secret key, which PostgreSQL requires).
pub(crate) fn serve_config(url: &str, addr: std::net::SocketAddr) -> Config {
    Config::load(
        None,
        wismo_server::config::Env::default(),
        Layer {
            database_url: Some(url.to_owned()),
            listen: Some(addr.to_string()),
            secret_key: Some(wismo_domain::Secret::new(
                "K09eyw+We2CM6jBPMX7nnY8iF9ZXqHoT1JS5C7vL+aM=",
            )),
            ..Layer::default()
        },
    )
    .unwrap()
}

impl BenchDb {
    pub(crate) async fn remove(self) {
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                if let Some(dir) = path.parent() {
                    let _ = std::fs::remove_dir(dir);
                }
            }
            Cleanup::Schema { base, schema } => {
                let mut conn = sqlx::PgConnection::connect(&base).await.unwrap();
                sqlx::query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE application_name = $1 AND pid <> pg_backend_pid()",
                )
                .bind(&schema)
                .execute(&mut conn)
                .await
                .unwrap();
                sqlx::query(AssertSqlSafe(format!(
                    "DROP SCHEMA IF EXISTS {schema} CASCADE"
                )))
                .execute(&mut conn)
                .await
                .unwrap();
                conn.close().await.unwrap();
            }
            Cleanup::Database { base, name } => {
                pg_execute(
                    &base,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                )
                .await;
            }
        }
    }
}

/// A SQLite pool with the store's own connection settings.
pub(crate) async fn sqlite_pool(url: &str, max: u32) -> SqlitePool {
    let options = SqliteConnectOptions::from_str(url)
        .unwrap()
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(std::time::Duration::from_secs(30))
        .foreign_keys(true)
        .synchronous(SqliteSynchronous::Normal);
    SqlitePoolOptions::new()
        .max_connections(max)
        .connect_with(options)
        .await
        .unwrap()
}

pub(crate) async fn new_tenant(store: &dyn Store) -> StoreId {
    store
        .create_store(&NewStore {
            slug: StoreSlug::parse("acme-bench").unwrap(),
            name: "Acme Bench".into(),
            default_locale: Locale::default(),
            timezone: TimeZone::parse(CUSTOMER_TZ).unwrap(),
        })
        .await
        .unwrap()
        .id
}

/// A number in the carrier's own format, unique by `n` (as in the worker tests).
pub(crate) fn tracking_number(carrier: &str, n: usize) -> String {
    match carrier {
        "ups" => format!("1ZSBX{n:013}"),
        "fedex" => format!("7{n:011}"),
        "usps" => format!("9400{n:018}"),
        _ => format!("9{n:09}"),
    }
}

pub(crate) fn parcel_order(n: usize, number: &str, carrier: usize) -> NewOrder {
    NewOrder {
        order_number: OrderNumber::parse(&format!("#{n}")).unwrap(),
        external_id: None,
        token: wismo_domain::OrderToken::generate(),
        customer: Customer {
            name: Some("Ana Lima".into()),
            email: None,
            phone: None,
            locale: None,
            timezone: Some(TimeZone::parse(CUSTOMER_TZ).unwrap()),
            consent: Default::default(),
        },
        items: Vec::new(),
        destination: Destination {
            city: Some("Portland".into()),
            region: Some("OR".into()),
            postal_code: Some("97201".into()),
            country: Some(CountryCode::parse("US").unwrap()),
        },
        placed_at: None,
        promised_date: None,
        promise: None,
        shipments: vec![NewShipment::new(
            TrackingNumber::parse(number).unwrap(),
            Some(CarrierCode::parse(CARRIERS[carrier]).unwrap()),
            Some(SERVICES[carrier].to_owned()),
        )],
        source: wismo_domain::OrderSource::Api,
    }
}

/// The sandbox carrier served on a loopback port, and a config pointing the four carriers'
/// accounts at it (as `tests/it/worker.rs` does).
pub(crate) async fn sandbox_rig(
    clock: Arc<ManualClock>,
    url: &str,
) -> (Sandbox, Config, tokio::task::JoinHandle<()>) {
    let sandbox = Sandbox::new(clock, Default::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/sandbox", listener.local_addr().unwrap());
    let router = sandbox.router();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    let carriers: BTreeMap<String, CarrierLayer> = CARRIERS
        .iter()
        .map(|c| {
            let layer = CarrierLayer {
                base_url: Some(format!("{base}/{c}")),
                client_id: Some("sandbox".into()),
                client_secret: Some(wismo_domain::Secret::new(String::from("sandbox"))),
                api_key: Some(wismo_domain::Secret::new(String::from("sandbox"))),
                rate_per_second: Some(100_000.0),
                burst: Some(100_000),
                ..CarrierLayer::default()
            };
            (c.to_string(), layer)
        })
        .collect();
    let config = Config::load(
        None,
        wismo_server::config::Env::default(),
        Layer {
            database_url: Some(url.to_owned()),
            carriers,
            worker: WorkerLayer::default(),
            ..Layer::default()
        },
    )
    .unwrap();
    (sandbox, config, server)
}
