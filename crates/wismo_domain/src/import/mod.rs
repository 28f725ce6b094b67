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

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

pub use items::parse_items;

use crate::order::MAX_ITEMS;
use crate::{CustomerInput, DestinationInput, NewOrder, OrderInput, ShipmentInput};

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

/// Column indexes of a file's header.
#[derive(Debug, Default)]
struct Header {
    index: HashMap<&'static str, usize>,
    width: usize,
}

impl Header {
    fn cell<'r>(&self, row: &'r [String], column: &str) -> Option<&'r str> {
        let value = row.get(*self.index.get(column)?)?.trim();
        (!value.is_empty()).then_some(value)
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

fn read_header(record: &csv::ByteRecord) -> Result<Header, Vec<RowError>> {
    let mut header = Header {
        width: record.len(),
        ..Header::default()
    };
    let mut errors = Vec::new();
    let mut fail = |column: Option<String>, message: String| {
        errors.push(RowError {
            line: 1,
            column,
            message,
        });
    };
    for (i, raw) in record.iter().enumerate() {
        let Ok(name) = std::str::from_utf8(raw) else {
            fail(
                None,
                format!("column {} of the header is not UTF-8 text", i + 1),
            );
            continue;
        };
        let name = name.trim();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(known) if header.index.contains_key(known) => {
                fail(Some(name.to_owned()), "appears twice in the header".into())
            }
            Some(known) => {
                header.index.insert(known, i);
            }
            None => fail(
                Some(name.to_owned()),
                format!("unknown column; the columns are {}", COLUMNS.join(", ")),
            ),
        }
    }
    for required in REQUIRED {
        if !header.index.contains_key(required) {
            fail(
                Some(required.to_owned()),
                "missing: the header must have this column".into(),
            );
        }
    }
    if errors.is_empty() {
        Ok(header)
    } else {
        Err(errors)
    }
}

/// One good row: its order as the API would take it.
struct Row {
    line: u64,
    order: NewOrder,
}

fn read_row(
    header: &Header,
    record: &csv::ByteRecord,
    line: u64,
    now: DateTime<Utc>,
) -> Result<Row, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut fail = |column: &str, message: String| {
        errors.push(RowError {
            line,
            column: Some(column.to_owned()),
            message,
        });
    };
    if record.len() != header.width {
        errors.push(RowError {
            line,
            column: None,
            message: format!(
                "has {} cells where the header has {}",
                record.len(),
                header.width
            ),
        });
        return Err(errors);
    }
    let mut cells = vec![String::new(); record.len()];
    for (column, i) in &header.index {
        match std::str::from_utf8(&record[*i]) {
            Ok(text) => cells[*i] = text.to_owned(),
            Err(_) => fail(
                column,
                "is not UTF-8 text (save the file as CSV UTF-8)".into(),
            ),
        }
    }
    let cell = |column: &str| header.cell(&cells, column).map(str::to_owned);
    let items = match cell("items").map(|c| parse_items(&c)).transpose() {
        Ok(items) => items.unwrap_or_default(),
        Err(message) => {
            fail("items", message);
            Vec::new()
        }
    };
    let tracking_number = cell("tracking_number");
    let carrier = cell("carrier");
    if tracking_number.is_none() && carrier.is_some() {
        fail(
            "carrier",
            "is given without a tracking number: leave both blank for an order not shipped yet"
                .into(),
        );
    }
    let input = OrderInput {
        order_number: cell("order_number").unwrap_or_default(),
        customer: CustomerInput {
            name: cell("customer_name"),
            email: cell("email"),
            phone: cell("phone"),
            locale: cell("locale"),
            ..CustomerInput::default()
        },
        destination: DestinationInput {
            city: cell("city"),
            region: cell("region"),
            postal_code: cell("postal_code"),
            country: cell("country"),
        },
        items,
        shipments: tracking_number
            .map(|tracking_number| ShipmentInput {
                tracking_number,
                carrier,
                service: None,
            })
            .into_iter()
            .collect(),
        ..OrderInput::default()
    };
    let parsed = NewOrder::parse(input, now);
    if let Err(refused) = &parsed {
        for e in refused.iter() {
            let (column, message) = column_of(&e.field, &e.detail);
            fail(column, message);
        }
    }
    match parsed {
        Ok(order) if errors.is_empty() => Ok(Row { line, order }),
        _ => Err(errors),
    }
}

/// The column of a field path `NewOrder::parse` refused, and the message to show there.
fn column_of(field: &str, detail: &str) -> (&'static str, String) {
    let column = match field {
        "customer.name" => "customer_name",
        "customer.email" => "email",
        "customer.phone" => "phone",
        "customer.locale" => "locale",
        "destination.city" => "city",
        "destination.region" => "region",
        "destination.postal_code" => "postal_code",
        "destination.country" => "country",
        f if f.ends_with(".carrier") => "carrier",
        f if f.starts_with("shipments") => "tracking_number",
        f if f.starts_with("items[") => {
            let n = f["items[".len()..]
                .split(']')
                .next()
                .and_then(|i| i.parse::<usize>().ok())
                .map_or(0, |i| i + 1);
            return ("items", format!("item {n}: {detail}"));
        }
        f if f.starts_with("items") => "items",
        _ => "order_number",
    };
    (column, detail.to_owned())
}

/// Combines good rows into orders by order number.
#[derive(Default)]
struct Merger {
    orders: Vec<Merged>,
    by_key: HashMap<String, usize>,
}

struct Merged {
    order: NewOrder,
    lines: Vec<u64>,
    /// The line each value came from, for conflicts: customer and destination fields by
    /// column, and each tracking number.
    first: HashMap<&'static str, u64>,
    tracking: HashMap<String, u64>,
    /// The distinct item lists of the rows, so a repeated list adds nothing.
    item_lists: Vec<Vec<crate::LineItem>>,
    /// The line of a row without a tracking number, with what it said.
    untracked: Vec<(u64, NewOrder)>,
}

impl Merger {
    fn add(&mut self, row: Row) -> Result<(), RowError> {
        let key = row.order.order_number.key();
        let Some(&at) = self.by_key.get(&key) else {
            self.by_key.insert(key, self.orders.len());
            self.orders.push(Merged::new(row));
            return Ok(());
        };
        self.orders[at].add(row)
    }

    fn finish(self) -> (Vec<ImportedOrder>, Vec<RowError>) {
        let mut errors = Vec::new();
        let mut orders = Vec::with_capacity(self.orders.len());
        for merged in self.orders {
            let shipments = merged.order.shipments.len();
            let items = merged.order.items.len();
            let line = merged.lines[0];
            if shipments > crate::order::MAX_SHIPMENTS {
                errors.push(RowError {
                    line,
                    column: Some("tracking_number".into()),
                    message: format!(
                        "this order has {shipments} tracking numbers; at most {} are allowed",
                        crate::order::MAX_SHIPMENTS
                    ),
                });
            } else if items > MAX_ITEMS {
                errors.push(RowError {
                    line,
                    column: Some("items".into()),
                    message: format!(
                        "this order has {items} items; at most {MAX_ITEMS} are allowed"
                    ),
                });
            } else {
                orders.push(ImportedOrder {
                    order: merged.order,
                    lines: merged.lines,
                });
            }
        }
        (orders, errors)
    }
}

impl Merged {
    fn new(row: Row) -> Self {
        let mut merged = Merged {
            lines: vec![row.line],
            first: HashMap::new(),
            tracking: HashMap::new(),
            item_lists: Vec::new(),
            untracked: Vec::new(),
            order: row.order.clone(),
        };
        merged.order.items.clear();
        merged.note(&row);
        merged
    }

    /// Records where the row's values came from, and its items and tracking number.
    fn note(&mut self, row: &Row) {
        for (column, value) in fields(&row.order) {
            if value.is_some() {
                self.first.entry(column).or_insert(row.line);
            }
        }
        for shipment in &row.order.shipments {
            self.tracking
                .insert(shipment.tracking_number.as_str().to_owned(), row.line);
        }
        if row.order.shipments.is_empty() {
            self.untracked.push((row.line, row.order.clone()));
        }
        if !row.order.items.is_empty() && !self.item_lists.contains(&row.order.items) {
            self.item_lists.push(row.order.items.clone());
            self.order.items.extend(row.order.items.iter().cloned());
        }
    }

    fn add(&mut self, row: Row) -> Result<(), RowError> {
        let fail = |column: &str, message: String| RowError {
            line: row.line,
            column: Some(column.to_owned()),
            message,
        };
        if let Some(shipment) = row.order.shipments.first()
            && let Some(line) = self.tracking.get(shipment.tracking_number.as_str())
        {
            return Err(fail(
                "tracking_number",
                format!("duplicated row: line {line} has this order number and tracking number"),
            ));
        }
        if row.order.shipments.is_empty()
            && let Some((line, _)) = self.untracked.iter().find(|(_, o)| same_row(o, &row.order))
        {
            return Err(fail(
                "order_number",
                format!("duplicated row: line {line} says the same"),
            ));
        }
        let mine: Vec<_> = fields(&self.order).collect();
        for ((column, value), (_, known)) in fields(&row.order).zip(mine) {
            let same = |a: &str, b: &str| {
                if column == "email" {
                    a.eq_ignore_ascii_case(b)
                } else {
                    a == b
                }
            };
            if let (Some(value), Some(known)) = (value, known)
                && !same(value, known)
            {
                let line = self.first.get(column).copied().unwrap_or_default();
                return Err(fail(
                    column,
                    format!(
                        "`{value}` differs from `{known}` on line {line} for the same order number"
                    ),
                ));
            }
        }
        let customer = &mut self.order.customer;
        let new = &row.order.customer;
        fill(&mut customer.name, &new.name);
        fill(&mut customer.email, &new.email);
        fill(&mut customer.phone, &new.phone);
        fill(&mut customer.locale, &new.locale);
        let destination = &mut self.order.destination;
        let new = &row.order.destination;
        fill(&mut destination.city, &new.city);
        fill(&mut destination.region, &new.region);
        fill(&mut destination.postal_code, &new.postal_code);
        fill(&mut destination.country, &new.country);
        self.order
            .shipments
            .extend(row.order.shipments.iter().cloned());
        self.lines.push(row.line);
        self.note(&row);
        Ok(())
    }
}

fn fill<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(value);
    }
}

/// Whether two rows without a tracking number say exactly the same.
fn same_row(a: &NewOrder, b: &NewOrder) -> bool {
    a.customer == b.customer && a.destination == b.destination && a.items == b.items
}

/// The customer's and destination's values by their column, as text.
fn fields(order: &NewOrder) -> impl Iterator<Item = (&'static str, Option<&str>)> {
    let (c, d) = (&order.customer, &order.destination);
    [
        ("customer_name", c.name.as_deref()),
        ("email", c.email.as_ref().map(|v| v.as_str())),
        ("phone", c.phone.as_ref().map(|v| v.as_str())),
        ("locale", c.locale.as_ref().map(|v| v.as_str())),
        ("city", d.city.as_deref()),
        ("region", d.region.as_deref()),
        ("postal_code", d.postal_code.as_deref()),
        ("country", d.country.as_ref().map(|v| v.as_str())),
    ]
    .into_iter()
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
