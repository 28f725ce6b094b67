//! Where each test runs: a fresh SQLite file, or a fresh PostgreSQL schema on the server
//! `WISMO_TEST_POSTGRES_URL` names. Without that URL the PostgreSQL variants are skipped, with
//! one line on stderr, unless `CI` is set: then they fail.

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Once};
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

/// Whether `CI` is set (to anything but empty, `0` or `false`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// The PostgreSQL server to test on, or `None` when `WISMO_TEST_POSTGRES_URL` is unset outside
/// CI (said once per test binary). Under CI a missing URL fails the test.
pub fn postgres_url() -> Option<String> {
    static SKIPPED: Once = Once::new();
    if let Ok(url) = std::env::var(POSTGRES_URL)
        && !url.is_empty()
    {
        return Some(url);
    }
    assert!(
        !in_ci(),
        "CI is set but {POSTGRES_URL} is not: the PostgreSQL tests cannot run"
    );
    SKIPPED.call_once(|| {
        // Straight to stderr: the test harness swallows what passing tests print.
        let _ = writeln!(
            std::io::stderr(),
            "note: wismo_store's PostgreSQL tests skipped: {POSTGRES_URL} is not set; \
             with CI set this fails"
        );
    });
    None
}

/// Runs `test` on PostgreSQL in a new schema, dropped afterwards, or skips it when
/// [`postgres_url`] says so.
pub async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<ManualClock>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(url) = postgres_url() else {
        return;
    };
    let schema = format!("wismo_test_{:016x}", rand::random::<u64>());
    let clock = Arc::new(ManualClock::new(start()));
    let store = PgStore::connect_in_schema(&url, &schema, clock.clone())
        .await
        .unwrap_or_else(|e| panic!("no test schema on the server {POSTGRES_URL} names: {e}"));
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
