//! The SQLite backend: one database file in WAL mode, the embedded default.
//!
//! This module owns connecting, migrating and the [`Store`] impl; each aggregate's trait is
//! implemented in the module of its resource. Timestamps are INTEGER microseconds (UTC).
//! Every write transaction of more than one statement starts with `BEGIN IMMEDIATE`: in WAL
//! mode a transaction that reads first and upgrades to a write lock fails with
//! `SQLITE_BUSY` when another connection wrote meanwhile, whatever the busy timeout.

mod admin;
mod audit;
mod endpoints;
mod events;
mod imports;
mod integrations;
mod item_images;
mod jobs;
mod notify;
mod orders;
mod polls;
mod privacy;
mod reader;
mod requests;
mod row;
mod snapshots;
mod tenants;
#[cfg(test)]
mod tests;
mod webhooks;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use wismo_domain::Clock;

use tokio::sync::OwnedMutexGuard;

use crate::rows::stored_precision;
use crate::{Backend, Result, Store, StoreError};

/// wismo's store on SQLite.
#[derive(Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    clock: Arc<dyn Clock>,
    /// Queues this process's write transactions first come, first served. SQLite allows one
    /// writer; without the queue, writers that collide sleep in SQLite's busy handler
    /// (1 ms, 2 ms, … 100 ms), which is where the slow tail of concurrent writes comes from.
    write_gate: Arc<tokio::sync::Mutex<()>>,
    /// The customer's page reads, without sqlx; `None` for an in-memory database, which
    /// lives in the pool's one connection and is read through it.
    readers: Option<reader::Readers>,
    /// The server's notification burst window in seconds.
    notify_burst: std::sync::atomic::AtomicU32,
}

impl SqliteStore {
    /// Opens (creating it if missing) the database at `url` (`sqlite://PATH`,
    /// `sqlite::memory:`) and brings its schema up to date.
    pub async fn connect(url: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("bad SQLite URL `{url}`: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            .synchronous(SqliteSynchronous::Normal);
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let commits = reader::Commits::default();
        let readers =
            (!in_memory).then(|| reader::Readers::new(options.get_filename(), commits.clone()));
        let pool_options = if in_memory {
            // Every connection would see its own empty database: keep exactly one, forever.
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
        } else {
            // Every commit here ends the page readers' held read transactions.
            SqlitePoolOptions::new()
                .max_connections(8)
                .after_connect(move |conn, _| {
                    let commits = commits.clone();
                    Box::pin(async move {
                        conn.lock_handle().await?.set_commit_hook(move || {
                            commits.committed();
                            true
                        });
                        Ok(())
                    })
                })
        };
        let pool = pool_options.connect_with(options).await?;
        crate::migrations::SQLITE.run(&pool).await?;
        Ok(Self {
            pool,
            clock,
            write_gate: Arc::default(),
            readers,
            notify_burst: std::sync::atomic::AtomicU32::new(crate::notify::DEFAULT_BURST_SECS),
        })
    }

    /// Now, from the clock, at the precision stored.
    fn now(&self) -> DateTime<Utc> {
        stored_precision(self.clock.now())
    }

    /// A write transaction that holds the write lock from its first statement, with this
    /// process's turn to write: keep the guard until the transaction is finished.
    async fn write(&self) -> Result<(OwnedMutexGuard<()>, Transaction<'static, Sqlite>)> {
        let turn = self.write_gate.clone().lock_owned().await;
        Ok((turn, self.pool.begin_with("BEGIN IMMEDIATE").await?))
    }
}

/// An instant as stored: microseconds since the epoch.
fn micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
