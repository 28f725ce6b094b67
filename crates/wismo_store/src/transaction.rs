//! Ending transactions explicitly, whatever the outcome.
//!
//! A transaction dropped unfinished is rolled back only when sqlx next flushes its
//! connection, from a task on the runtime. Until then it keeps its locks (a row locked
//! `FOR UPDATE`, SQLite's write lock, the share locks that block a `DROP`), so a
//! not-found or a conflict must not leave one behind.

use sqlx::{Database, Transaction};

use crate::Result;

/// Commits when `result` is `Ok`, rolls back when it is an error, and returns `result`.
pub(crate) async fn finish<DB: Database, T>(
    tx: Transaction<'static, DB>,
    result: Result<T>,
) -> Result<T> {
    match result {
        Ok(value) => {
            tx.commit().await?;
            Ok(value)
        }
        Err(error) => {
            // The error that ended the transaction is the one worth reporting.
            let _ = tx.rollback().await;
            Err(error)
        }
    }
}
