//! The rows of one order number combined into one order.

use std::collections::HashMap;

use super::rows::Row;
use super::{ImportedOrder, RowError};
use crate::NewOrder;
use crate::order::{MAX_ITEMS, MAX_SHIPMENTS};

/// Combines good rows into orders by order number.
#[derive(Default)]
pub(super) struct Merger {
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
    pub(super) fn add(&mut self, row: Row) -> Result<(), RowError> {
        let key = row.order.order_number.key();
        let Some(&at) = self.by_key.get(&key) else {
            self.by_key.insert(key, self.orders.len());
            self.orders.push(Merged::new(row));
            return Ok(());
        };
        self.orders[at].add(row)
    }

    pub(super) fn finish(self) -> (Vec<ImportedOrder>, Vec<RowError>) {
        let mut errors = Vec::new();
        let mut orders = Vec::with_capacity(self.orders.len());
        for merged in self.orders {
            let shipments = merged.order.shipments.len();
            let items = merged.order.items.len();
            let line = merged.lines[0];
            if shipments > MAX_SHIPMENTS {
                errors.push(RowError {
                    line,
                    column: Some("tracking_number".into()),
                    message: format!(
                        "this order has {shipments} tracking numbers; at most {} are allowed",
                        MAX_SHIPMENTS
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
