//! How SQLite columns read: INTEGER microseconds for instants, TEXT for dates and JSON.
//! The same for sqlx's rows and for the page readers' rusqlite rows ([`super::reader`]).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::rows::Columns;

fn time(us: Option<i64>) -> Result<Option<DateTime<Utc>>, String> {
    us.map(|us| {
        DateTime::from_timestamp_micros(us).ok_or_else(|| format!("{us} µs is out of range"))
    })
    .transpose()
}

fn date(text: Option<String>) -> Result<Option<NaiveDate>, String> {
    text.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| format!("`{s}`: {e}")))
        .transpose()
}

fn json(text: Option<String>) -> Result<Option<serde_json::Value>, String> {
    text.map(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
        .transpose()
}

/// `Columns` for a row type whose `$get(col)` reads a column by name.
macro_rules! sqlite_columns {
    ($row:ty, $get:ident) => {
        impl Columns for $row {
            fn opt_text(&self, col: &str) -> Result<Option<String>, String> {
                self.$get(col).map_err(|e| e.to_string())
            }

            fn opt_int(&self, col: &str) -> Result<Option<i64>, String> {
                self.$get(col).map_err(|e| e.to_string())
            }

            fn opt_time(&self, col: &str) -> Result<Option<DateTime<Utc>>, String> {
                time(self.opt_int(col)?)
            }

            fn opt_date(&self, col: &str) -> Result<Option<NaiveDate>, String> {
                date(self.opt_text(col)?)
            }

            fn opt_json(&self, col: &str) -> Result<Option<serde_json::Value>, String> {
                json(self.opt_text(col)?)
            }
        }
    };
}

sqlite_columns!(SqliteRow, try_get);
sqlite_columns!(rusqlite::Row<'_>, get);
