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
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}
