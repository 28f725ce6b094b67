//! What can go wrong in the store.

/// A store failure. `NotFound`, `Conflict` and `KeyTaken` are the caller's business; the
/// rest are the operator's.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    /// Another request took this `Idempotency-Key` first; nothing was changed. Its
    /// response is the one to give.
    #[error("the Idempotency-Key was taken by another request")]
    KeyTaken,
    /// The response to keep for an `Idempotency-Key` could not be made; nothing was changed.
    #[error("cannot make the response to keep for the Idempotency-Key: {0}")]
    Render(String),
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A stored row no longer parses into domain types: a bug or a hand-edited database.
    #[error("corrupt row in {table}: {reason}")]
    Corrupt { table: &'static str, reason: String },
    /// The database failed or could not be reached; the driver's error is its source.
    #[error("database error: {0}")]
    Database(#[from] DatabaseError),
    #[error("migration failed: {0}")]
    Migrate(DatabaseError),
}

/// A failure of the database driver, kept opaque so that no driver's types are part of
/// [`StoreError`]. It shows the driver's message; its
/// [`source`](std::error::Error::source) is what the driver's error names as its own
/// cause (an I/O error, …), so a printed chain does not repeat the message.
#[derive(Debug)]
pub struct DatabaseError(Box<dyn std::error::Error + Send + Sync + 'static>);

impl DatabaseError {
    fn new(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self(Box::new(err))
    }
}

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DatabaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

// For `?` inside the crate. The impls are public by nature, but hidden: no variant names a
// driver type, so callers cannot match on one.
#[doc(hidden)]
impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        StoreError::Database(DatabaseError::new(err))
    }
}

/// From the SQLite page readers, which read without sqlx.
#[doc(hidden)]
impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        StoreError::Database(DatabaseError::new(err))
    }
}

#[doc(hidden)]
impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        StoreError::Migrate(DatabaseError::new(err))
    }
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
        // The key folds case, '#', dashes and spaces: "1001" exists when "#1001" does.
        // Which of the two indexes reports an exact repeat differs by engine, so they say
        // the same.
        Some(c) if c.contains("order_number") || c.contains("order_key") => StoreError::Conflict(
            format!("order number {order_number} already exists in this store"),
        ),
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

/// A failed admin user insert: an email another user has is a conflict, an unknown store
/// not found.
pub(crate) fn user_write(err: sqlx::Error) -> StoreError {
    match unique_violation(&err) {
        Some(c) if c.contains("email") => {
            StoreError::Conflict("a user with this email already exists".into())
        }
        _ if is_foreign_key_violation(&err) => StoreError::NotFound("store"),
        _ => err.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_driver_failure_shows_its_message_and_continues_the_chain_below_it() {
        let io = std::io::Error::other("connection reset");
        let err = StoreError::from(sqlx::Error::Io(io));
        let StoreError::Database(db) = &err else {
            panic!("a driver failure is a database error: {err:?}");
        };
        assert_eq!(
            err.to_string(),
            "database error: error communicating with database: connection reset"
        );
        let below = db.source().map(ToString::to_string);
        assert_eq!(below.as_deref(), Some("connection reset"));
    }

    #[test]
    fn a_failed_migration_is_a_migration_error_not_a_database_error() {
        let err = StoreError::from(sqlx::migrate::MigrateError::VersionMissing(7));
        assert!(matches!(err, StoreError::Migrate(_)), "{err:?}");
        assert!(err.to_string().starts_with("migration failed: "), "{err}");
    }
}
