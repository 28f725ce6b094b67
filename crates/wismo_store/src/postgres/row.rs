//! How PostgreSQL columns read: TIMESTAMPTZ, DATE and JSONB map straight to their types.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::rows::Columns;

impl Columns for PgRow {
    fn opt_text(&self, col: &str) -> Result<Option<String>, String> {
        self.try_get(col).map_err(|e| e.to_string())
    }

    fn opt_int(&self, col: &str) -> Result<Option<i64>, String> {
        // Ids and lease tokens are BIGINT; counts, offsets and status codes INTEGER.
        match self.try_get::<Option<i64>, _>(col) {
            Ok(value) => Ok(value),
            Err(_) => self
                .try_get::<Option<i32>, _>(col)
                .map(|v| v.map(i64::from))
                .map_err(|e| e.to_string()),
        }
    }

    fn opt_time(&self, col: &str) -> Result<Option<DateTime<Utc>>, String> {
        self.try_get(col).map_err(|e| e.to_string())
    }

    fn opt_date(&self, col: &str) -> Result<Option<NaiveDate>, String> {
        self.try_get(col).map_err(|e| e.to_string())
    }

    fn opt_json(&self, col: &str) -> Result<Option<serde_json::Value>, String> {
        self.try_get(col).map_err(|e| e.to_string())
    }
}
