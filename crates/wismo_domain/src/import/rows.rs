//! A file's header and rows, each row read into the API's order input and checked by
//! `NewOrder::parse`, refusals named by column.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use super::{COLUMNS, REQUIRED, RowError, parse_items};
use crate::{CustomerInput, DestinationInput, NewOrder, OrderInput, ShipmentInput};

/// Column indexes of a file's header.
#[derive(Debug, Default)]
pub(super) struct Header {
    pub(super) index: HashMap<&'static str, usize>,
    pub(super) width: usize,
}

impl Header {
    fn cell<'r>(&self, row: &'r [String], column: &str) -> Option<&'r str> {
        let value = row.get(*self.index.get(column)?)?.trim();
        (!value.is_empty()).then_some(value)
    }
}

pub(super) fn read_header(record: &csv::ByteRecord) -> Result<Header, Vec<RowError>> {
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
pub(super) struct Row {
    pub(super) line: u64,
    pub(super) order: NewOrder,
}

pub(super) fn read_row(
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
                ..ShipmentInput::default()
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
