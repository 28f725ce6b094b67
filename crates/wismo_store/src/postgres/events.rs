//! Tracking events on PostgreSQL: recording them (and the shipment state they lead to) and
//! the public tracking page's read.

use chrono::{DateTime, Utc};
use sqlx::{Executor, PgConnection, Postgres};
use std::collections::HashMap;
use wismo_domain::{NewEvent, ShipmentId, ShipmentProgress, ShipmentToken, StoreId, TrackingEvent};

use super::PgStore;
use super::orders::fetch_shipment;
use crate::recording::{advance, progress_of};
use crate::rows::{self, event_columns, order_columns, shipment_columns, store_columns};
use crate::transaction::finish;
use crate::{Recorded, Result, StoreError, TrackingView};

pub(super) async fn list_events(
    db: &PgStore,
    store: StoreId,
    id: ShipmentId,
) -> Result<Vec<TrackingEvent>> {
    let mut tx = db.read().await?;
    let result = read_events(&mut tx, store, id).await;
    finish(tx, result).await
}

async fn read_events(
    conn: &mut PgConnection,
    store: StoreId,
    id: ShipmentId,
) -> Result<Vec<TrackingEvent>> {
    fetch_shipment(&mut *conn, store, id).await?;
    load_events(&mut *conn, id).await
}

/// A shipment's events, oldest first (ties in the order the transition rules use).
async fn load_events<'e>(
    executor: impl Executor<'e, Database = Postgres>,
    id: ShipmentId,
) -> Result<Vec<TrackingEvent>> {
    sqlx::query(concat!(
        "SELECT ",
        event_columns!(),
        " FROM tracking_events WHERE shipment_id = $1 ORDER BY occurred_at, dedupe_key COLLATE \"C\""
    ))
    .bind(id.0)
    .fetch_all(executor)
    .await?
    .iter()
    .map(rows::event)
    .collect()
}

pub(super) async fn record_events(
    db: &PgStore,
    store: StoreId,
    id: ShipmentId,
    events: &[NewEvent],
) -> Result<Recorded> {
    let now = db.now();
    let mut tx = db.pool.begin().await?;
    let result = record_in(&mut tx, store, id, events, now).await;
    finish(tx, result).await
}

async fn record_in(
    conn: &mut PgConnection,
    store: StoreId,
    id: ShipmentId,
    events: &[NewEvent],
    now: DateTime<Utc>,
) -> Result<Recorded> {
    // The row lock serializes recorders of one shipment, so each sees the other's events.
    let row = sqlx::query(concat!(
        "SELECT ",
        shipment_columns!(),
        " FROM shipments WHERE id = $1 AND store_id = $2 FOR UPDATE"
    ))
    .bind(id.0)
    .bind(store.0)
    .fetch_optional(&mut *conn)
    .await?;
    let shipment = rows::shipment(&row.ok_or(StoreError::NotFound("shipment"))?)?;
    if events.is_empty() {
        return Ok(Recorded {
            shipment,
            inserted: 0,
        });
    }
    let inserted_keys: Vec<String> = sqlx::query_scalar(
        "INSERT INTO tracking_events (shipment_id, occurred_at, occurred_offset_secs, stage, substatus, description, \
         location, carrier_code, source, dedupe_key, recorded_at) \
         SELECT $1, e.occurred_at, e.offset_secs, e.stage, e.substatus, e.description, e.location, e.carrier_code, \
         e.source, e.dedupe_key, $11 \
         FROM UNNEST($2::timestamptz[], $3::int4[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], \
         $9::text[], $10::text[]) \
         AS e (occurred_at, offset_secs, stage, substatus, description, location, carrier_code, source, dedupe_key) \
         ON CONFLICT (shipment_id, dedupe_key) DO NOTHING \
         RETURNING dedupe_key",
    )
    .bind(id.0)
    .bind(events.iter().map(NewEvent::occurred_at_utc).collect::<Vec<_>>())
    .bind(events.iter().map(|e| e.occurred_at.offset().local_minus_utc()).collect::<Vec<_>>())
    .bind(events.iter().map(|e| e.stage.as_str()).collect::<Vec<_>>())
    .bind(events.iter().map(|e| e.substatus.map(|s| s.as_str())).collect::<Vec<_>>())
    .bind(events.iter().map(|e| e.description.as_str()).collect::<Vec<_>>())
    .bind(events.iter().map(|e| e.location.as_deref()).collect::<Vec<_>>())
    .bind(events.iter().map(|e| e.carrier_code.as_deref()).collect::<Vec<_>>())
    .bind(events.iter().map(|e| e.source.as_str()).collect::<Vec<_>>())
    .bind(events.iter().map(|e| e.dedupe_key.as_str()).collect::<Vec<_>>())
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    if inserted_keys.is_empty() {
        return Ok(Recorded {
            shipment,
            inserted: 0,
        });
    }
    // The first event given with each key is the one stored.
    let mut by_key: HashMap<&str, &NewEvent> = HashMap::with_capacity(events.len());
    for event in events {
        by_key.entry(event.dedupe_key.as_str()).or_insert(event);
    }
    let inserted: Vec<&NewEvent> = inserted_keys
        .iter()
        .filter_map(|k| by_key.get(k.as_str()).copied())
        .collect();
    let progress = match advance(progress_of(&shipment), &inserted) {
        Some(progress) => progress,
        None => ShipmentProgress::fold(&load_events(&mut *conn, id).await?),
    };
    let row = sqlx::query(concat!(
        "UPDATE shipments SET stage = $1, substatus = $2, shipped_at = $3, delivered_at = $4, last_event_at = $5, \
         updated_at = $6 WHERE id = $7 RETURNING ",
        shipment_columns!()
    ))
    .bind(progress.stage.as_str())
    .bind(progress.substatus.map(|s| s.as_str()))
    .bind(progress.shipped_at)
    .bind(progress.delivered_at)
    .bind(progress.last_event_at)
    .bind(now)
    .bind(id.0)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Recorded {
        shipment: rows::shipment(&row)?,
        inserted: inserted_keys.len(),
    })
}

pub(super) async fn tracking_view(
    db: &PgStore,
    token: &ShipmentToken,
) -> Result<Option<TrackingView>> {
    // One snapshot, so the page never shows a state without the event behind it.
    let mut tx = db.read().await?;
    let result = read_view(&mut tx, token).await;
    finish(tx, result).await
}

async fn read_view(conn: &mut PgConnection, token: &ShipmentToken) -> Result<Option<TrackingView>> {
    let shipments = sqlx::query(concat!(
        "SELECT ",
        shipment_columns!(),
        " FROM shipments WHERE order_id = (SELECT order_id FROM shipments WHERE token = $1) ORDER BY id"
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
        " FROM stores WHERE id = $1"
    ))
    .bind(store_id.0)
    .fetch_one(&mut *conn)
    .await?;
    let order = sqlx::query(concat!(
        "SELECT ",
        order_columns!(),
        " FROM orders WHERE id = $1"
    ))
    .bind(order_id.0)
    .fetch_one(&mut *conn)
    .await?;
    let events = sqlx::query(concat!(
        "SELECT ",
        event_columns!(),
        " FROM tracking_events WHERE shipment_id IN (SELECT id FROM shipments WHERE order_id = $1) \
         ORDER BY shipment_id, occurred_at, dedupe_key COLLATE \"C\""
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
