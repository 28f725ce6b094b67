//! Where each test runs: a fresh SQLite file, or a fresh PostgreSQL schema.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use wismo_domain::ManualClock;
use wismo_store::Store;
use wismo_store::postgres::PgStore;
use wismo_store::sqlite::SqliteStore;

use crate::fixtures::start;

const POSTGRES_URL: &str = "WISMO_TEST_POSTGRES_URL";

/// Runs `test` on a SQLite database in a new temporary file, removed afterwards.
pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<ManualClock>) -> Fut,
    Fut: Future<Output = ()>,
{
    let path = std::env::temp_dir().join(format!("wismo-test-{:016x}.db", rand::random::<u64>()));
    let _remove = RemoveOnDrop(path.clone());
    let clock = Arc::new(ManualClock::new(start()));
    let store = SqliteStore::connect(&format!("sqlite://{}", path.display()), clock.clone())
        .await
        .unwrap();
    test(Arc::new(store), clock).await;
}

/// Runs `test` on PostgreSQL in a new schema, dropped afterwards, or skips it when
/// `WISMO_TEST_POSTGRES_URL` is not set.
pub async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<ManualClock>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Ok(url) = std::env::var(POSTGRES_URL) else {
        println!("skipped: {POSTGRES_URL} not set");
        return;
    };
    let schema = format!("wismo_test_{:016x}", rand::random::<u64>());
    let clock = Arc::new(ManualClock::new(start()));
    let store = PgStore::connect_in_schema(&url, &schema, clock.clone())
        .await
        .unwrap();
    // Run the test as its own task so the schema is dropped even when it panics.
    let outcome = tokio::spawn(test(Arc::new(store), clock)).await;
    if let Err(e) = PgStore::drop_schema(&url, &schema).await {
        eprintln!("could not drop test schema {schema}: {e}");
    }
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}
