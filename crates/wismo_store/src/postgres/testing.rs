//! What only tests need of the PostgreSQL backend (the `testing` feature): a schema of
//! their own on a shared database, and dropping it afterwards.

use sqlx::postgres::PgPoolOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use std::sync::Arc;
use wismo_domain::Clock;

use super::{PgStore, parse_url};
use crate::{Result, StoreError};

impl PgStore {
    /// Connects with `schema` (created if missing) as the only schema on the search path, so
    /// wismo's tables live in it: several wismo databases, or tests, can share one
    /// PostgreSQL database. `schema` must be lower-case letters, digits and `_`.
    pub async fn connect_in_schema(url: &str, schema: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        let quoted = quote_schema(schema)?;
        let options = parse_url(url)?.options([("search_path", schema)]);
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::query(AssertSqlSafe(format!(
            "CREATE SCHEMA IF NOT EXISTS {quoted}"
        )))
        .execute(&pool)
        .await?;
        crate::migrations::POSTGRES.run(&pool).await?;
        Ok(Self {
            pool,
            clock,
            notify_burst: std::sync::atomic::AtomicU32::new(crate::notify::DEFAULT_BURST_SECS),
        })
    }

    /// Drops `schema` and everything in it: the undo of
    /// [`connect_in_schema`](Self::connect_in_schema).
    pub async fn drop_schema(url: &str, schema: &str) -> Result<()> {
        let quoted = quote_schema(schema)?;
        let mut conn = PgConnection::connect_with(&parse_url(url)?).await?;
        sqlx::query(AssertSqlSafe(format!(
            "DROP SCHEMA IF EXISTS {quoted} CASCADE"
        )))
        .execute(&mut conn)
        .await?;
        conn.close().await?;
        Ok(())
    }
}

/// `schema` as a quoted identifier, if it is a plain lower-case name.
fn quote_schema(schema: &str) -> Result<String> {
    let plain = (1..=63).contains(&schema.len())
        && schema.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && schema
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain {
        return Err(StoreError::Config(format!(
            "`{schema}` is not a schema name: use lower-case letters, digits and `_`"
        )));
    }
    Ok(format!("\"{schema}\""))
}
