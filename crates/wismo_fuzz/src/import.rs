//! CSV imports: the file a merchant uploads, read and checked by the domain.

use chrono::{DateTime, Utc};
use std::collections::HashSet;
use wismo_domain::import::parse_csv;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_772_540_000, 0).unwrap_or_default()
}

/// `wismo import orders` and `POST /api/v1/imports`: whatever the bytes, the file's
/// report adds up, names lines the file has, and gives each order number one order.
pub fn csv_import(data: &[u8]) {
    let file = parse_csv(data, now(), &mut |_| {});
    assert!(file.rows_ok <= file.rows, "more good rows than rows");
    let last_line = 1 + data.iter().filter(|b| **b == b'\n').count() as u64;
    for error in &file.errors {
        assert!(
            (1..=last_line).contains(&error.line),
            "error on line {} of {last_line}: {error}",
            error.line
        );
    }
    if file.fatal {
        assert!(file.orders.is_empty() && !file.errors.is_empty());
    }
    if file.errors.is_empty() {
        assert_eq!(
            file.rows_ok, file.rows,
            "a row neither imported nor refused"
        );
        assert!(file.importable(false));
    }
    let mut keys = HashSet::new();
    for order in &file.orders {
        assert!(
            order.lines.windows(2).all(|w| w[0] < w[1]) && !order.lines.is_empty(),
            "lines {:?}",
            order.lines
        );
        assert!(
            keys.insert(order.order.order_number.key()),
            "two orders for one number"
        );
        assert!(order.order.shipments.len() <= wismo_domain::order::MAX_SHIPMENTS);
    }
}
