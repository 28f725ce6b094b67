//! CSV import of orders in wismo's own format: one row per parcel (or per order not
//! shipped yet), the columns of [`COLUMNS`] in any order. Each row becomes an
//! [`OrderInput`] checked by [`NewOrder::parse`], so an imported order obeys the API's
//! rules; rows with the same order number become one order with a shipment per tracking
//! number. Every refused cell is reported by its line and column ([`RowError`]).
//!
//! What the rows of one order say is combined: a blank cell says nothing (another row, or
//! the order as stored, gives the value), two different values are a conflict, the items
//! of the rows are listed together (a row repeating the items of an earlier row adds
//! nothing). A file is read whole; nothing here writes.

mod items;
mod merge;
mod rows;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

pub use items::parse_items;

use crate::NewOrder;
use merge::Merger;
use rows::{read_header, read_row};

/// An import of a CSV file, by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ImportId(pub i64);

impl fmt::Display for ImportId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The columns a file may have, by their exact names, in any order.
pub const COLUMNS: [&str; 12] = [
    "order_number",
    "customer_name",
    "email",
    "phone",
    "locale",
    "city",
    "region",
    "postal_code",
    "country",
    "carrier",
    "tracking_number",
    "items",
];

/// The columns a file must have (a row's tracking number may still be blank: an order
/// not shipped yet).
pub const REQUIRED: [&str; 2] = ["order_number", "tracking_number"];

/// A refused cell, row or header: the file's line (1 is the header; a row spanning lines
/// is named by its first), the column when one is at fault, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// An order read from the file, with the lines it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedOrder {
    pub order: NewOrder,
    pub lines: Vec<u64>,
}

/// What a file holds: the orders of its good rows and every error found.
#[derive(Debug, Clone, Default)]
pub struct ParsedFile {
    pub orders: Vec<ImportedOrder>,
    /// Rows read (blank rows are not counted).
    pub rows: usize,
    /// Rows that are part of [`ParsedFile::orders`].
    pub rows_ok: usize,
    /// Every error, in the order of the file.
    pub errors: Vec<RowError>,
    /// Whether the file as a whole is unusable (its header, or CSV it cannot read): then
    /// nothing is imported, whatever `skip_invalid` says.
    pub fatal: bool,
}

impl ParsedFile {
    /// Rows refused.
    pub fn rows_bad(&self) -> usize {
        self.rows - self.rows_ok
    }

    /// Whether the file may be imported: no error at all, or, skipping invalid rows, no
    /// error in the file as a whole.
    pub fn importable(&self, skip_invalid: bool) -> bool {
        if skip_invalid {
            !self.fatal
        } else {
            self.errors.is_empty()
        }
    }
}

/// Reads a whole file: UTF-8 (a BOM is skipped), comma-separated (semicolon-separated
/// when the header has semicolons and no comma, as European spreadsheets save), CRLF or
/// LF line ends. `now` is what `NewOrder::parse` checks dates against. `progress` is
/// called now and then with the rows read so far.
pub fn parse_csv(bytes: &[u8], now: DateTime<Utc>, progress: &mut dyn FnMut(usize)) -> ParsedFile {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if !first_line.contains(&b',') && first_line.contains(&b';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut file = ParsedFile::default();
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => {
            file.fail(1, None, "the file is empty: it needs a header row");
            return file;
        }
        Some(Err(e)) => {
            file.fail(1, None, format!("cannot be read as CSV: {e}"));
            return file;
        }
        Some(Ok(record)) => match read_header(&record) {
            Ok(header) => header,
            Err(errors) => {
                file.errors = errors;
                file.fatal = true;
                return file;
            }
        },
    };
    let mut merger = Merger::default();
    let mut lines = Lines::new(bytes);
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = match e.position() {
                    Some(p) => lines.at(p.byte()),
                    None => lines.line,
                };
                file.fail(line, None, format!("cannot be read as CSV: {e}"));
                return file;
            }
        };
        let line = match record.position() {
            Some(p) => lines.at(p.byte()),
            None => lines.line,
        };
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        file.rows += 1;
        if file.rows % 1000 == 0 {
            progress(file.rows);
        }
        match read_row(&header, &record, line, now) {
            Ok(row) => {
                if let Err(error) = merger.add(row) {
                    file.errors.push(error);
                }
            }
            Err(errors) => file.errors.extend(errors),
        }
    }
    progress(file.rows);
    let (orders, errors) = merger.finish();
    file.errors.extend(errors);
    file.errors.sort_by_key(|e| e.line);
    file.rows_ok = orders.iter().map(|o| o.lines.len()).sum();
    file.orders = orders;
    file
}

/// Line numbers of byte offsets, counted as the file is read (csv's own count runs one
/// behind after CRLF line ends).
struct Lines<'b> {
    bytes: &'b [u8],
    offset: usize,
    line: u64,
}

impl<'b> Lines<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Lines {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line of byte `offset`; offsets come in increasing order.
    fn at(&mut self, offset: u64) -> u64 {
        let mut offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        // A record may be said to start at the line end before it.
        while matches!(self.bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset > self.offset {
            let newlines = self.bytes[self.offset..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.line += newlines as u64;
            self.offset = offset;
        }
        self.line
    }
}

impl ParsedFile {
    fn fail(&mut self, line: u64, column: Option<&str>, message: impl Into<String>) {
        self.fatal = true;
        self.errors.push(RowError {
            line,
            column: column.map(str::to_owned),
            message: message.into(),
        });
    }
}

/// What an import did (or, for an import refused, would have done nothing of).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub orders_created: u64,
    pub orders_updated: u64,
    pub orders_unchanged: u64,
    pub shipments_created: u64,
    /// Shipments whose carrier the file changed.
    pub shipments_updated: u64,
}

#[cfg(test)]
mod tests;
