//! Tracking events on SQLite: recording them (and the shipment state they lead to) and
//! the public tracking page's read.

use sqlx::{Executor, Sqlite, SqliteConnection};
use wismo_domain::{NewEvent, ShipmentId, ShipmentProgress, ShipmentToken, StoreId, TrackingEvent};

use super::orders::fetch_shipment;
use super::{SqliteStore, micros};
use crate::recording::{advance, progress_of};
use crate::rows::{self, event_columns, order_columns, shipment_columns, store_columns};
use crate::transaction::finish;
use crate::{Recorded, Result, TrackingView};

pub(super) async fn list_events(
    db: &SqliteStore,
    store: StoreId,
    id: ShipmentId,
) -> Result<Vec<TrackingEvent>> {
    let mut tx = db.pool.begin().await?;
    let result = read_events(&mut tx, store, id).await;
    finish(tx, result).await
}

async fn read_events(
    conn: &mut SqliteConnection,
    store: StoreId,
    id: ShipmentId,
) -> Result<Vec<TrackingEvent>> {
    fetch_shipment(&mut *conn, store, id).await?;
    load_events(&mut *conn, id).await
}

/// A shipment's events, oldest first (ties in the order the transition rules use).
async fn load_events<'e>(
    executor: impl Executor<'e, Database = Sqlite>,
    id: ShipmentId,
) -> Result<Vec<TrackingEvent>> {
    sqlx::query(concat!(
        "SELECT ",
        event_columns!(),
        " FROM tracking_events WHERE shipment_id = ?1 ORDER BY occurred_at, dedupe_key"
    ))
    .bind(id.0)
    .fetch_all(executor)
    .await?
    .iter()
    .map(rows::event)
    .collect()
}

pub(super) async fn record_events(
    db: &SqliteStore,
    store: StoreId,
    id: ShipmentId,
    events: &[NewEvent],
) -> Result<Recorded> {
    let now = micros(db.now());
    let (_turn, mut tx) = db.write().await?;
    let result = record_in(&mut tx, store, id, events, now).await;
    finish(tx, result).await
}

async fn record_in(
    conn: &mut SqliteConnection,
    store: StoreId,
    id: ShipmentId,
    events: &[NewEvent],
    now: i64,
) -> Result<Recorded> {
    let shipment = fetch_shipment(&mut *conn, store, id).await?;
    let mut inserted = Vec::new();
    for event in events {
        let done = sqlx::query(
            "INSERT INTO tracking_events (shipment_id, occurred_at, occurred_offset_secs, stage, substatus, \
             description, location, carrier_code, source, dedupe_key, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
             ON CONFLICT (shipment_id, dedupe_key) DO NOTHING",
        )
        .bind(id.0)
        .bind(micros(event.occurred_at_utc()))
        .bind(event.occurred_at.offset().local_minus_utc())
        .bind(event.stage.as_str())
        .bind(event.substatus.map(|s| s.as_str()))
        .bind(&event.description)
        .bind(event.location.as_deref())
        .bind(event.carrier_code.as_deref())
        .bind(event.source.as_str())
        .bind(&event.dedupe_key)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 1 {
            inserted.push(event);
        }
    }
    if inserted.is_empty() {
        return Ok(Recorded {
            shipment,
            inserted: 0,
        });
    }
    let progress = match advance(progress_of(&shipment), &inserted) {
        Some(progress) => progress,
        None => ShipmentProgress::fold(&load_events(&mut *conn, id).await?),
    };
    let row = sqlx::query(concat!(
        "UPDATE shipments SET stage = ?1, substatus = ?2, shipped_at = ?3, delivered_at = ?4, last_event_at = ?5, \
         updated_at = ?6 WHERE id = ?7 RETURNING ",
        shipment_columns!()
    ))
    .bind(progress.stage.as_str())
    .bind(progress.substatus.map(|s| s.as_str()))
    .bind(progress.shipped_at.map(micros))
    .bind(progress.delivered_at.map(micros))
    .bind(progress.last_event_at.map(micros))
    .bind(now)
    .bind(id.0)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Recorded {
        shipment: rows::shipment(&row)?,
        inserted: inserted.len(),
    })
}

pub(super) async fn tracking_view(
    db: &SqliteStore,
    token: &ShipmentToken,
) -> Result<Option<TrackingView>> {
    // One read transaction, so the page never shows a state without the event behind it.
    let mut tx = db.pool.begin().await?;
    let result = read_view(&mut tx, token).await;
    finish(tx, result).await
}

async fn read_view(
    conn: &mut SqliteConnection,
    token: &ShipmentToken,
) -> Result<Option<TrackingView>> {
    let shipments = sqlx::query(concat!(
        "SELECT ",
        shipment_columns!(),
        " FROM shipments WHERE order_id = (SELECT order_id FROM shipments WHERE token = ?1) ORDER BY id"
    ))
    .bind(token.as_str())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(rows::shipment)
    .collect::<Result<Vec<_>>>()?;
    let Some(focus) = shipments.iter().find(|s| s.token == *token) else {
        return Ok(None);
    };
    let (focus, order_id, store_id) = (focus.id, focus.order_id, focus.store_id);
    let store = sqlx::query(concat!(
        "SELECT ",
        store_columns!(),
        " FROM stores WHERE id = ?1"
    ))
    .bind(store_id.0)
    .fetch_one(&mut *conn)
    .await?;
    let order = sqlx::query(concat!(
        "SELECT ",
        order_columns!(),
        " FROM orders WHERE id = ?1"
    ))
    .bind(order_id.0)
    .fetch_one(&mut *conn)
    .await?;
    let events = sqlx::query(concat!(
        "SELECT ",
        event_columns!(),
        " FROM tracking_events WHERE shipment_id IN (SELECT id FROM shipments WHERE order_id = ?1) \
         ORDER BY shipment_id, occurred_at, dedupe_key"
    ))
    .bind(order_id.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(rows::event)
    .collect::<Result<Vec<_>>>()?;
    let events = rows::group_events(&shipments, events);
    let mut order = rows::order(&order)?;
    order.shipments = shipments;
    Ok(Some(TrackingView {
        store: rows::store(&store)?,
        order,
        events,
        focus,
    }))
}
