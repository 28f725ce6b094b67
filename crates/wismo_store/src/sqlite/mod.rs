//! The SQLite backend: one database file in WAL mode, the embedded default.
//!
//! This module owns connecting, migrating and the [`Store`] impl; each aggregate's trait is
//! implemented in the module of its resource. Timestamps are INTEGER microseconds (UTC).
//! Every write transaction of more than one statement starts with `BEGIN IMMEDIATE`: in WAL
//! mode a transaction that reads first and upgrades to a write lock fails with
//! `SQLITE_BUSY` when another connection wrote meanwhile, whatever the busy timeout.

mod admin;
mod attempts;
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
    /// Queues this process's writes. SQLite allows one writer; without the queue, writers
    /// that collide sleep in SQLite's busy handler (1 ms, 2 ms, … 100 ms), which is where
    /// the slow tail of concurrent writes comes from.
    write_gate: WriteGate,
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
            // Every commit here ends the page readers' held read transactions. A connection
            // to a local file does not go stale, so it is not pinged before each use: that
            // was one more round trip to the connection's thread per transaction.
            SqlitePoolOptions::new()
                .max_connections(8)
                .test_before_acquire(false)
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
            write_gate: WriteGate::default(),
            readers,
            notify_burst: std::sync::atomic::AtomicU32::new(crate::notify::DEFAULT_BURST_SECS),
        })
    }

    /// Now, from the clock, at the precision stored.
    fn now(&self) -> DateTime<Utc> {
        stored_precision(self.clock.now())
    }

    /// This process's turn to write, for a write of one statement outside a transaction:
    /// keep the guard until the statement is done. Without it, such a write that meets a
    /// transaction's lock sleeps in SQLite's busy handler while the queued transactions
    /// take the lock one after another, and can wait seconds behind a busy pipeline.
    async fn turn(&self) -> Turn {
        self.write_gate.turn().await
    }

    /// The job runners' turn to write, ahead of every other writer waiting
    /// ([`WriteGate`]): keep the guard until the write is done.
    async fn runners_turn(&self) -> Turn {
        self.write_gate.first().await
    }

    /// A write transaction in the job runners' turn ([`runners_turn`](Self::runners_turn)).
    async fn runners_write(&self) -> Result<(Turn, Transaction<'static, Sqlite>)> {
        let turn = self.write_gate.first().await;
        Ok((turn, self.pool.begin_with("BEGIN IMMEDIATE").await?))
    }

    /// A write transaction that holds the write lock from its first statement, with this
    /// process's turn to write: keep the guard until the transaction is finished.
    async fn write(&self) -> Result<(Turn, Transaction<'static, Sqlite>)> {
        let turn = self.write_gate.turn().await;
        Ok((turn, self.pool.begin_with("BEGIN IMMEDIATE").await?))
    }
}

/// This process's queue of writers: first come, first served, except that the job runners'
/// writes (claiming jobs, recording them finished, a batch of messages' attempts) go ahead
/// of the others waiting. They are few, short and batched, and each lets many messages
/// go on; behind a burst of the pipeline's writes a runner would wait for the whole queue
/// at every claim, and send only a batch per wait however fast it could send.
///
/// Two locks: every writer holds `lock` while it writes; other writers take `lane` first and
/// keep it while they write, so they queue for `lane` while the runners' writes queue for
/// `lock` alone, and the next runner's write goes as soon as the current writer is done.
#[derive(Debug, Default)]
struct WriteGate {
    lane: Arc<tokio::sync::Mutex<()>>,
    lock: Arc<tokio::sync::Mutex<()>>,
}

/// A turn to write; the next writer goes when it is dropped.
#[derive(Debug)]
#[allow(dead_code)] // Held for its drop.
enum Turn {
    Queued(OwnedMutexGuard<()>, OwnedMutexGuard<()>),
    First(OwnedMutexGuard<()>),
}

impl WriteGate {
    /// A writer's turn, after the writers before it.
    async fn turn(&self) -> Turn {
        let lane = self.lane.clone().lock_owned().await;
        let lock = self.lock.clone().lock_owned().await;
        Turn::Queued(lane, lock)
    }

    /// A job runner's turn, after the writer writing now and the runners' writes before it.
    async fn first(&self) -> Turn {
        Turn::First(self.lock.clone().lock_owned().await)
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod gate_tests {
    use super::*;
    use std::sync::Mutex;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_runners_write_ahead_of_the_writers_queued_before_them() {
        let gate = Arc::new(WriteGate::default());
        let order: Arc<Mutex<Vec<&'static str>>> = Arc::default();
        let holding = gate.turn().await;
        let mut waiting = Vec::new();
        for name in ["a", "b", "c"] {
            let (gate, order) = (gate.clone(), order.clone());
            waiting.push(tokio::spawn(async move {
                let _turn = gate.turn().await;
                order.lock().unwrap().push(name);
            }));
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let runner = {
            let (gate, order) = (gate.clone(), order.clone());
            tokio::spawn(async move {
                let _turn = gate.first().await;
                order.lock().unwrap().push("runner");
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        drop(holding);
        runner.await.unwrap();
        for task in waiting {
            task.await.unwrap();
        }
        // The runner came last and wrote next.
        assert_eq!(*order.lock().unwrap(), ["runner", "a", "b", "c"]);
    }
}
