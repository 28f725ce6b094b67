//! `GET /admin/export.csv`: the attention list (of one kind with `?kind=`) or, with `?q=`,
//! the search's orders, every page of it, as CSV streamed a page at a time: order number,
//! customer name, email, carrier, tracking number, stage, why listed, since. A cell that a
//! spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is written after a `'`.

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::channel::{Channel, Sender};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use wismo_domain::fulfilment::OrderProgress;
use wismo_domain::{Order, OrderId, RequestId, Shipment, StoreId};
use wismo_store::StoreError;
use wismo_store::admin::{AttentionCursor, AttentionKind, AttentionRow};

use super::home::{HomeQuery, why};
use super::{AdminState, SignedIn, Tr};

/// Rows read from the store at a time.
const CHUNK: u32 = 200;

const HEADER: [&str; 8] = [
    "order_number",
    "customer_name",
    "customer_email",
    "carrier",
    "tracking_number",
    "stage",
    "why_listed",
    "since",
];

/// One cell, quoted as RFC 4180 says and kept from being read as a formula.
pub fn cell(value: &str) -> String {
    let guarded = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// One line of cells.
pub fn line(cells: &[&str]) -> String {
    let mut out = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// The line of one order about `shipment` (its first parcel when `None`).
fn order_line(order: &Order, shipment: Option<&Shipment>, why: &str, since: &str) -> String {
    let shipment = shipment.or(order.shipments.first());
    let stage = match shipment {
        Some(s) => s.stage.as_str(),
        None => OrderProgress::of(order).stage.as_str(),
    };
    line(&[
        order.order_number.as_str(),
        order.customer.name.as_deref().unwrap_or(""),
        order.customer.email.as_ref().map_or("", |e| e.as_str()),
        shipment
            .and_then(|s| s.carrier.as_ref())
            .map_or("", |c| c.as_str()),
        shipment.map_or("", |s| s.tracking_number.as_str()),
        stage,
        why,
        since,
    ])
}

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `GET /admin/export.csv`
pub async fn csv(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(query): Query<HomeQuery>,
) -> Response {
    let (mut tx, body) = Channel::<Bytes, std::io::Error>::new(4);
    let store = signed_in.user.store_id;
    let search = query.search().map(str::to_owned);
    let kind = query.kind();
    tokio::spawn(async move {
        if tx.send_data(Bytes::from(line(&HEADER))).await.is_err() {
            return;
        }
        let written = match &search {
            Some(q) => found(&state, store, q, &mut tx).await,
            None => attention(&state, &tr, store, kind, &mut tx).await,
        };
        match written {
            Ok(()) | Err(Stopped::Gone) => {}
            Err(Stopped::Store(e)) => {
                tracing::error!(error = %e, "the CSV export failed");
                tx.abort(std::io::Error::other("the export failed"));
            }
        }
    });
    let name = if query.search().is_some() {
        "orders.csv"
    } else {
        "attention.csv"
    };
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                    .unwrap_or(HeaderValue::from_static("attachment")),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        Body::new(body),
    )
        .into_response()
}

/// Why an export stopped: the store failed, or the client went away.
#[derive(Debug, thiserror::Error)]
enum Stopped {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the client went away")]
    Gone,
}

async fn send(tx: &mut Sender<Bytes, std::io::Error>, text: String) -> Result<(), Stopped> {
    tx.send_data(Bytes::from(text))
        .await
        .map_err(|_| Stopped::Gone)
}

/// Every page of the search's orders, newest first.
async fn found(
    state: &AdminState,
    store: StoreId,
    q: &str,
    tx: &mut Sender<Bytes, std::io::Error>,
) -> Result<(), Stopped> {
    let mut before = None;
    loop {
        let page = state.store.search_orders(store, q, before, CHUNK).await?;
        let mut text = String::new();
        for f in &page {
            let order = state.store.get_order(store, f.id).await?;
            text.push_str(&order_line(&order, None, "", &time(order.created_at)));
        }
        send(tx, text).await?;
        if page.len() < CHUNK as usize {
            return Ok(());
        }
        before = page.last().map(|o| o.id);
    }
}

/// Every page of the attention list, oldest first.
async fn attention(
    state: &AdminState,
    tr: &Tr,
    store: StoreId,
    kind: Option<AttentionKind>,
    tx: &mut Sender<Bytes, std::io::Error>,
) -> Result<(), Stopped> {
    let mut after: Option<AttentionCursor> = None;
    let now = state.clock.now();
    loop {
        let page = state
            .store
            .attention(store, kind, after.as_ref(), CHUNK)
            .await?;
        let mut orders: HashMap<OrderId, Order> = HashMap::new();
        let mut text = String::new();
        for row in &page.rows {
            let order = match orders.entry(row.order_id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(slot) => {
                    slot.insert(state.store.get_order(store, row.order_id).await?)
                }
            };
            let shipment = shipment_of(state, store, order, row).await?;
            text.push_str(&order_line(
                order,
                shipment,
                &why(tr, row, now),
                &time(row.since),
            ));
        }
        send(tx, text).await?;
        if page.rows.len() < CHUNK as usize {
            return Ok(());
        }
        after = page.rows.last().map(AttentionCursor::after);
    }
}

/// The parcel a row is about: the parcel itself, a request's parcel, else none.
async fn shipment_of<'a>(
    state: &AdminState,
    store: StoreId,
    order: &'a Order,
    row: &AttentionRow,
) -> Result<Option<&'a Shipment>, StoreError> {
    let id = match row.kind {
        AttentionKind::Exception
        | AttentionKind::ActionRequired
        | AttentionKind::Delayed
        | AttentionKind::Expired => wismo_domain::ShipmentId(row.subject),
        AttentionKind::Request => {
            match state
                .store
                .get_customer_request(store, RequestId(row.subject))
                .await
            {
                Ok(r) => r.shipment_id,
                Err(StoreError::NotFound(_)) => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        AttentionKind::FailedNotification | AttentionKind::NotShipped => return Ok(None),
    };
    Ok(order.shipments.iter().find(|s| s.id == id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralised_and_quotes_doubled() {
        assert_eq!(cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Ana \"A\" Lima, Jr"), "\"Ana \"\"A\"\" Lima, Jr\"");
        assert_eq!(cell("#1001"), "#1001");
        assert_eq!(line(&["a", "b"]), "a,b\r\n");
    }
}
