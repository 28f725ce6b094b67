//! How SQLite columns read: INTEGER microseconds for instants, TEXT for dates and JSON.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::rows::Columns;

impl Columns for SqliteRow {
    fn opt_text(&self, col: &str) -> Result<Option<String>, String> {
        self.try_get(col).map_err(|e| e.to_string())
    }

    fn opt_int(&self, col: &str) -> Result<Option<i64>, String> {
        self.try_get(col).map_err(|e| e.to_string())
    }

    fn opt_time(&self, col: &str) -> Result<Option<DateTime<Utc>>, String> {
        self.opt_int(col)?
            .map(|us| {
                DateTime::from_timestamp_micros(us)
                    .ok_or_else(|| format!("{us} µs is out of range"))
            })
            .transpose()
    }

    fn opt_date(&self, col: &str) -> Result<Option<NaiveDate>, String> {
        self.opt_text(col)?
            .map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| format!("`{s}`: {e}")))
            .transpose()
    }

    fn opt_json(&self, col: &str) -> Result<Option<serde_json::Value>, String> {
        self.opt_text(col)?
            .map(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
            .transpose()
    }
}
