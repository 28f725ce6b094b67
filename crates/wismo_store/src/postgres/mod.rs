//! The PostgreSQL backend, for several servers and workers on one database.
//!
//! This module owns connecting, migrating and the [`Store`] impl; each aggregate's trait is
//! implemented in the module of its resource. Instants are TIMESTAMPTZ, documents JSONB.
//! Writes that read first lock what they read (`FOR UPDATE`); the job queue claims with
//! `FOR UPDATE SKIP LOCKED`.

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
mod requests;
mod row;
mod snapshots;
mod tenants;
#[cfg(any(test, feature = "testing"))]
mod testing;
mod webhooks;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgPool, Postgres, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use wismo_domain::Clock;

use crate::rows::stored_precision;
use crate::{Backend, Result, Store, StoreError, redact_url};

/// wismo's store on PostgreSQL.
#[derive(Debug)]
pub struct PgStore {
    pool: PgPool,
    clock: Arc<dyn Clock>,
    /// The server's notification burst window in seconds.
    notify_burst: std::sync::atomic::AtomicU32,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://…`) and brings its schema up to date.
    pub async fn connect(url: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        Self::connect_with(parse_url(url)?, clock).await
    }

    /// Connects with ready-made options (a search path, TLS settings, …) and brings the
    /// schema up to date. The tables, and the migrations table, go into the first schema
    /// of the search path.
    pub async fn connect_with(options: PgConnectOptions, clock: Arc<dyn Clock>) -> Result<Self> {
        // One plain attempt first: a wrong host or password fails at once with the server's
        // own words, instead of after the pool's retries run out.
        sqlx::PgConnection::connect_with(&options)
            .await?
            .close()
            .await?;
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(std::time::Duration::from_secs(10))
            .connect_with(options)
            .await?;
        crate::migrations::POSTGRES.run(&pool).await?;
        Ok(Self {
            pool,
            clock,
            notify_burst: std::sync::atomic::AtomicU32::new(crate::notify::DEFAULT_BURST_SECS),
        })
    }

    /// Now, from the clock, at the precision stored.
    fn now(&self) -> DateTime<Utc> {
        stored_precision(self.clock.now())
    }

    /// A read-only transaction on one snapshot, for reads of several statements.
    async fn read(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await?)
    }
}

fn parse_url(url: &str) -> Result<PgConnectOptions> {
    PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Config(format!("bad PostgreSQL URL `{}`: {e}", redact_url(url))))
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
