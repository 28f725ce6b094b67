//! What can go wrong in the store.

/// A store failure. `NotFound` and `Conflict` are the caller's business; the rest are
/// the operator's.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A stored row no longer parses into domain types: a bug or a hand-edited database.
    #[error("corrupt row in {table}: {reason}")]
    Corrupt { table: &'static str, reason: String },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// From the SQLite page readers, which read without sqlx.
    #[error("database error: {0}")]
    Read(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// The constraint (PostgreSQL) or message naming the columns (SQLite) of a unique
/// violation, if `err` is one. Both name the columns, so callers match on column names.
fn unique_violation(err: &sqlx::Error) -> Option<String> {
    let db = err.as_database_error()?;
    db.is_unique_violation()
        .then(|| db.constraint().unwrap_or(db.message()).to_owned())
}

fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|db| db.is_foreign_key_violation())
}

/// A failed store insert: a taken slug is a conflict.
pub(crate) fn store_write(err: sqlx::Error, slug: &str) -> StoreError {
    match unique_violation(&err) {
        Some(c) if c.contains("slug") => {
            StoreError::Conflict(format!("store slug `{slug}` is taken"))
        }
        _ => err.into(),
    }
}

/// A failed API key insert: a taken prefix or hash is a conflict, an unknown store is not found.
pub(crate) fn api_key_write(err: sqlx::Error, prefix: &str) -> StoreError {
    match unique_violation(&err) {
        Some(c) if c.contains("prefix") => {
            StoreError::Conflict(format!("API key prefix `{prefix}` is taken"))
        }
        Some(c) if c.contains("hash") => {
            StoreError::Conflict("an API key with this hash already exists".into())
        }
        _ if is_foreign_key_violation(&err) => StoreError::NotFound("store"),
        _ => err.into(),
    }
}

/// A failed order or shipment insert: a taken order number or token is a conflict.
pub(crate) fn order_write(err: sqlx::Error, order_number: &str) -> StoreError {
    match unique_violation(&err) {
        Some(c) if c.contains("order_number") => StoreError::Conflict(format!(
            "order number {order_number} already exists in this store"
        )),
        Some(c) if is_order_token(&c) => order_token_taken(),
        Some(c) if c.contains("token") => {
            StoreError::Conflict("a shipment with this token already exists".into())
        }
        _ if is_foreign_key_violation(&err) => StoreError::NotFound("store"),
        _ => err.into(),
    }
}

/// A failed change of an order's token: a taken token is a conflict.
pub(crate) fn order_token_write(err: sqlx::Error) -> StoreError {
    match unique_violation(&err) {
        Some(c) if is_order_token(&c) => order_token_taken(),
        _ => err.into(),
    }
}

/// Whether a unique violation is of `orders.token` (SQLite's message, PostgreSQL's index).
fn is_order_token(violation: &str) -> bool {
    violation.contains("orders.token") || violation.contains("orders_token")
}

fn order_token_taken() -> StoreError {
    StoreError::Conflict("an order with this token already exists".into())
}

/// A failed shipment insert or update: a taken token is a conflict.
pub(crate) fn shipment_write(err: sqlx::Error) -> StoreError {
    match unique_violation(&err) {
        Some(c) if c.contains("token") => {
            StoreError::Conflict("a shipment with this token already exists".into())
        }
        _ => err.into(),
    }
}

/// A failed requeue of job `id`: its dedupe key is taken by a job waiting or running.
pub(crate) fn job_write(err: sqlx::Error, id: wismo_domain::JobId) -> StoreError {
    match unique_violation(&err) {
        Some(c) if c.contains("dedupe") => StoreError::Conflict(format!(
            "job {}'s dedupe key is taken by another job waiting or running",
            id.0
        )),
        _ => err.into(),
    }
}
