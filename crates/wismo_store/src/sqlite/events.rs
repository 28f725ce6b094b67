//! Tracking events on SQLite: recording them (and the shipment state they lead to) and
//! the public tracking page's read.

use chrono::{DateTime, Utc};
use sqlx::{Executor, Row, Sqlite, SqliteConnection};
use wismo_domain::estimate::MIN_SAMPLES;
use wismo_domain::{
    Milestone, NewEvent, Shipment, ShipmentId, ShipmentProgress, ShipmentToken, StoreId,
    TrackingEvent, TrackingUpdate,
};

use super::orders::fetch_shipment;
use super::reader::{VIEW_EVENTS, VIEW_ORDER, VIEW_SHIPMENTS, VIEW_STORE};
use super::requests::{claim_key, keep_reply};
use super::{SqliteStore, micros};
use crate::pipeline::{self, Context, LadderKey, Plan, Sample, Source, Trigger};
use crate::recording::{advance, percent};
use crate::rows::{self, event_columns, shipment_columns};
use crate::transaction::finish;
use crate::{
    IdempotencyRecord, Recorded, Result, ShipmentEvents, StoreError, TrackingStore, TrackingView,
};
use async_trait::async_trait;
use std::collections::HashMap;
use wismo_domain::MilestoneRecord;

#[async_trait]
impl TrackingStore for SqliteStore {
    async fn ingest_keyed(
        &self,
        store: StoreId,
        id: ShipmentId,
        update: &TrackingUpdate,
        record: Option<&IdempotencyRecord<'_, ShipmentEvents>>,
    ) -> Result<Recorded> {
        if record.is_none() {
            let (recorded, _) = ingest_from(self, store, id, update, Source::Update).await?;
            return Ok(recorded);
        }
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, micros(now)).await?;
            let burst = self.notify_burst.load(std::sync::atomic::Ordering::Relaxed);
            let (recorded, _) =
                ingest_in(&mut tx, store, id, update, Source::Update, burst, now).await?;
            let written = ShipmentEvents {
                events: load_events(&mut *tx, id).await?,
                shipment: recorded.shipment.clone(),
                inserted: recorded.inserted,
            };
            keep_reply(&mut tx, store, record, &written).await?;
            Ok(recorded)
        }
        .await;
        finish(tx, result).await
    }

    async fn list_events(&self, store: StoreId, id: ShipmentId) -> Result<Vec<TrackingEvent>> {
        let mut tx = self.pool.begin().await?;
        let result = read_events(&mut tx, store, id).await;
        finish(tx, result).await
    }

    async fn list_milestones(
        &self,
        store: StoreId,
        id: ShipmentId,
    ) -> Result<Vec<MilestoneRecord>> {
        let mut tx = self.pool.begin().await?;
        let result = async {
            super::orders::fetch_shipment(&mut *tx, store, id).await?;
            sqlx::query(
                "SELECT shipment_id, store_id, milestone, substatus, reached_at, recorded_at, carrier_estimate \
                 FROM milestones WHERE shipment_id = ?1 ORDER BY id",
            )
            .bind(id.0)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(rows::milestone)
            .collect::<Result<Vec<_>>>()
        }
        .await;
        finish(tx, result).await
    }

    async fn estimate_revisions(
        &self,
        store: StoreId,
        id: ShipmentId,
    ) -> Result<Vec<crate::EstimateRevision>> {
        let mut tx = self.pool.begin().await?;
        let result = async {
            super::orders::fetch_shipment(&mut *tx, store, id).await?;
            sqlx::query(
                "SELECT estimate_from, estimate_until, estimate_basis, recorded_at \
                 FROM estimate_revisions WHERE shipment_id = ?1 ORDER BY id",
            )
            .bind(id.0)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(rows::estimate_revision)
            .collect::<Result<Vec<_>>>()
        }
        .await;
        finish(tx, result).await
    }

    async fn tracking_view(&self, token: &ShipmentToken) -> Result<Option<TrackingView>> {
        if let Some(readers) = &self.readers {
            return readers.tracking_view(token);
        }
        // One read transaction, so the page never shows a state without the event behind it.
        let mut tx = self.pool.begin().await?;
        let result = read_view(&mut tx, token).await;
        finish(tx, result).await
    }
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
pub(super) async fn load_events<'e>(
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

pub(super) async fn ingest_from(
    db: &SqliteStore,
    store: StoreId,
    id: ShipmentId,
    update: &TrackingUpdate,
    source: Source<'_>,
) -> Result<(Recorded, bool)> {
    let now = db.now();
    let (_turn, mut tx) = db.write().await?;
    let burst = db.notify_burst.load(std::sync::atomic::Ordering::Relaxed);
    let result = ingest_in(&mut tx, store, id, update, source, burst, now).await;
    finish(tx, result).await
}

/// The pipeline in an open write transaction; `true` with a poll whose lease still held.
pub(super) async fn ingest_in(
    conn: &mut SqliteConnection,
    store: StoreId,
    id: ShipmentId,
    update: &TrackingUpdate,
    source: Source<'_>,
    burst: u32,
    now: DateTime<Utc>,
) -> Result<(Recorded, bool)> {
    let ctx = load_context(&mut *conn, store, id).await?;
    let update = &pipeline::admit(&ctx, update, now);
    let inserted = insert_events(&mut *conn, id, &update.events, micros(now)).await?;
    let progress = match advance(ctx.progress.clone(), &inserted) {
        Some(progress) => progress,
        None => ShipmentProgress::fold(&load_events(&mut *conn, id).await?),
    };
    let ladder = match pipeline::ladder_key(&ctx, &progress, update, inserted.len()) {
        Some(key) => Some(load_ladder(&mut *conn, store, &key).await?),
        None => None,
    };
    let trigger = source.trigger(&ctx, update);
    let held = matches!(trigger, Trigger::Poll { held: true, .. });
    let plan = pipeline::plan(&ctx, progress, update, ladder.as_ref(), trigger, now);
    let facts = ctx.shipment.facts.merged(&update.facts);
    if matches!(source, Source::Update)
        && plan.changes_nothing(&ctx, inserted.len())
        && facts == ctx.shipment.facts
    {
        let unchanged = Recorded {
            shipment: ctx.shipment,
            inserted: 0,
            milestones: Vec::new(),
        };
        return Ok((unchanged, false));
    }
    let milestones = record_milestones(&mut *conn, &ctx, &plan, now).await?;
    if milestones.contains(&Milestone::Delivered)
        && let Some(sample) = &plan.sample
    {
        record_sample(&mut *conn, &ctx, sample, now).await?;
    }
    super::notify::write_outbox(&mut *conn, &ctx, &plan, &milestones, burst, now).await?;
    record_estimate(&mut *conn, &ctx, &plan, now).await?;
    let shipment = write_plan(
        &mut *conn,
        id,
        &plan,
        &facts,
        matches!(source, Source::Poll(..)),
        now,
    )
    .await?;
    let recorded = Recorded {
        shipment,
        inserted: inserted.len(),
        milestones,
    };
    Ok((recorded, held))
}

/// The shipment with what the pipeline needs besides it, from its order and store, in one
/// statement.
async fn load_context(
    conn: &mut SqliteConnection,
    store: StoreId,
    id: ShipmentId,
) -> Result<Context> {
    let row = sqlx::query(concat!(
        "SELECT ",
        shipment_columns!(),
        ", event_stage, event_substatus, origin_region, lease_owner, lease_token, \
         push_fed_at IS NOT NULL AS push_fed, \
         (SELECT region FROM orders WHERE orders.id = shipments.order_id) AS region, \
         (SELECT country FROM orders WHERE orders.id = shipments.order_id) AS country, \
         (SELECT created_at FROM orders WHERE orders.id = shipments.order_id) AS order_created_at, \
         (SELECT customer_timezone FROM orders WHERE orders.id = shipments.order_id) AS customer_tz, \
         (SELECT timezone FROM stores WHERE stores.id = shipments.store_id) AS store_tz \
         FROM shipments WHERE id = ?1 AND store_id = ?2"
    ))
    .bind(id.0)
    .bind(store.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("shipment"))?;
    rows::context(&row, rows::shipment(&row)?)
}

/// Rows per multi-row insert: 11 parameters each, well under SQLite's limit.
const INSERT_CHUNK: usize = 500;

/// Stores the events whose dedupe key the shipment does not have yet, a chunk per
/// statement; returns them (the first given with each key).
async fn insert_events<'a>(
    conn: &mut SqliteConnection,
    id: ShipmentId,
    events: &'a [NewEvent],
    now: i64,
) -> Result<Vec<&'a NewEvent>> {
    let mut inserted_keys: Vec<String> = Vec::with_capacity(events.len());
    for chunk in events.chunks(INSERT_CHUNK) {
        let mut sql = String::from(
            "INSERT INTO tracking_events (shipment_id, occurred_at, occurred_offset_secs, stage, substatus, \
             description, location, carrier_code, source, dedupe_key, recorded_at) VALUES ",
        );
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        sql.push_str(" ON CONFLICT (shipment_id, dedupe_key) DO NOTHING RETURNING dedupe_key");
        let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
        for event in chunk {
            query = query
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
                .bind(now);
        }
        inserted_keys.extend(query.fetch_all(&mut *conn).await?);
    }
    if inserted_keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut by_key: HashMap<&str, &NewEvent> = HashMap::with_capacity(events.len());
    for event in events {
        by_key.entry(event.dedupe_key.as_str()).or_insert(event);
    }
    Ok(inserted_keys
        .iter()
        .filter_map(|k| by_key.get(k.as_str()).copied())
        .collect())
}

/// The transit days of the key's lane, service and carrier, newest first, in one statement;
/// a level is read only when the one before it has too few (SQLite evaluates a `CASE`
/// branch only when it is taken), and left empty otherwise.
async fn load_ladder(
    conn: &mut SqliteConnection,
    store: StoreId,
    key: &LadderKey,
) -> Result<[Vec<u32>; 3]> {
    const DAYS: &str = "SELECT json_group_array(business_days ORDER BY id DESC) FROM (SELECT id, business_days \
         FROM transit_samples WHERE store_id = ?1 AND carrier = ?2";
    let sql = format!(
        "SELECT lane, service, CASE WHEN json_array_length(lane) >= ?7 OR json_array_length(service) >= ?7 \
         THEN '[]' ELSE ({DAYS} ORDER BY id DESC LIMIT ?6)) END AS carrier \
         FROM (SELECT lane, CASE WHEN json_array_length(lane) >= ?7 THEN '[]' \
               ELSE ({DAYS} AND service = ?3 ORDER BY id DESC LIMIT ?6)) END AS service \
               FROM (SELECT ({DAYS} AND service = ?3 AND origin_region = ?4 \
                     AND destination_region = ?5 ORDER BY id DESC LIMIT ?6)) AS lane))"
    );
    let (lane, service, carrier): (String, String, String) =
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(store.0)
            .bind(&key.carrier)
            .bind(&key.service)
            .bind(&key.origin_region)
            .bind(&key.destination_region)
            .bind(pipeline::HISTORY_DEPTH)
            .bind(MIN_SAMPLES as i64)
            .fetch_one(&mut *conn)
            .await?;
    let days = |json: &str| -> Result<Vec<u32>> {
        let days: Vec<i64> = serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
            table: "transit_samples",
            reason: format!("transit days: {e}"),
        })?;
        Ok(days.into_iter().map(|d| d.clamp(0, 365) as u32).collect())
    };
    Ok([days(&lane)?, days(&service)?, days(&carrier)?])
}

/// Records the plan's milestones the shipment has not reached before, in one statement;
/// returns those.
async fn record_milestones(
    conn: &mut SqliteConnection,
    ctx: &Context,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<Vec<Milestone>> {
    if plan.milestones.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::from(
        "INSERT INTO milestones (shipment_id, store_id, milestone, substatus, reached_at, recorded_at, \
         carrier_estimate) VALUES ",
    );
    for i in 0..plan.milestones.len() {
        sql.push_str(if i == 0 { "" } else { ", " });
        sql.push_str("(?, ?, ?, ?, ?, ?, ?)");
    }
    sql.push_str(" ON CONFLICT (shipment_id, milestone) DO NOTHING RETURNING milestone");
    let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
    for (milestone, reached_at) in &plan.milestones {
        query = query
            .bind(ctx.shipment.id.0)
            .bind(ctx.shipment.store_id.0)
            .bind(milestone.as_str())
            .bind(plan.substatus.map(|s| s.as_str()))
            .bind(micros(*reached_at))
            .bind(micros(now))
            .bind(plan.carrier_estimate.map(micros));
    }
    let recorded: Vec<String> = query.fetch_all(&mut *conn).await?;
    // In the plan's order, whatever order RETURNING gave.
    Ok(plan
        .milestones
        .iter()
        .map(|(m, _)| *m)
        .filter(|m| recorded.iter().any(|r| r == m.as_str()))
        .collect())
}

async fn record_sample(
    conn: &mut SqliteConnection,
    ctx: &Context,
    sample: &Sample,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        // The destination's country and postal prefix come from the order, by the rule of
        // `wismo_domain::promise::postal_prefix` (the promise reads them by lane).
        "INSERT INTO transit_samples (store_id, shipment_id, carrier, service, origin_region, \
         destination_region, business_days, shipped_on, delivered_on, recorded_at, \
         destination_country, postal_prefix) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(upper(o.country), ''), \
         coalesce(upper(substr(replace(replace(o.postal_code, ' ', ''), '-', ''), 1, 3)), '') \
         FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id = ?2 \
         ON CONFLICT (shipment_id) DO NOTHING",
    )
    .bind(ctx.shipment.store_id.0)
    .bind(ctx.shipment.id.0)
    .bind(&sample.carrier)
    .bind(&sample.service)
    .bind(&sample.origin_region)
    .bind(&sample.destination_region)
    .bind(i64::from(sample.business_days))
    .bind(sample.shipped_on.to_string())
    .bind(sample.delivered_on.to_string())
    .bind(micros(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Keeps the plan's estimate as a revision when its days differ from the shipment's.
async fn record_estimate(
    conn: &mut SqliteConnection,
    ctx: &Context,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(e) = plan
        .estimate
        .as_ref()
        .filter(|e| pipeline::estimate_moved(ctx.shipment.estimate.as_ref(), e))
    else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO estimate_revisions (shipment_id, estimate_from, estimate_until, \
         estimate_basis, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(ctx.shipment.id.0)
    .bind(e.from.to_string())
    .bind(e.until.to_string())
    .bind(e.basis.as_str())
    .bind(micros(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes the plan onto the shipment row and returns the row.
async fn write_plan(
    conn: &mut SqliteConnection,
    id: ShipmentId,
    plan: &Plan,
    facts: &wismo_domain::ParcelFacts,
    polled: bool,
    now: DateTime<Utc>,
) -> Result<Shipment> {
    let p = &plan.progress;
    let estimate = plan.estimate.as_ref();
    let reschedule = plan.reschedule.as_ref();
    let row = sqlx::query(concat!(
        "UPDATE shipments SET stage = ?1, substatus = ?2, event_stage = ?3, event_substatus = ?4, \
         shipped_at = ?5, delivered_at = ?6, last_event_at = ?7, carrier_estimated_delivery = ?8, \
         estimate_from = ?9, estimate_until = ?10, estimate_confidence = ?11, estimate_basis = ?12, \
         first_estimate_until = COALESCE(first_estimate_until, ?10), \
         origin_region = ?13, \
         push_fed_at = CASE WHEN ?14 THEN COALESCE(push_fed_at, ?15) ELSE push_fed_at END, \
         next_poll_at = CASE WHEN NOT ?16 THEN next_poll_at \
         WHEN EXISTS (SELECT 1 FROM orders o WHERE o.id = shipments.order_id AND o.cancelled_at IS NOT NULL) \
         THEN NULL ELSE ?17 END, \
         poll_failures = CASE WHEN ?16 THEN ?18 ELSE poll_failures END, \
         lease_owner = CASE WHEN ?16 THEN NULL ELSE lease_owner END, \
         last_polled_at = CASE WHEN ?19 THEN ?15 ELSE last_polled_at END, \
         poll_count = poll_count + ?19, updated_at = ?15, \
         facts = ?21 WHERE id = ?20 RETURNING ",
        shipment_columns!()
    ))
    .bind(plan.stage.as_str())
    .bind(plan.substatus.map(|s| s.as_str()))
    .bind(p.stage.as_str())
    .bind(p.substatus.map(|s| s.as_str()))
    .bind(p.shipped_at.map(micros))
    .bind(p.delivered_at.map(micros))
    .bind(p.last_event_at.map(micros))
    .bind(plan.carrier_estimate.map(micros))
    .bind(estimate.map(|e| e.from.to_string()))
    .bind(estimate.map(|e| e.until.to_string()))
    .bind(estimate.map(|e| percent(e.confidence)))
    .bind(estimate.map(|e| e.basis.as_str()))
    .bind(plan.origin_region.as_deref())
    .bind(plan.pushed)
    .bind(micros(now))
    .bind(reschedule.is_some())
    .bind(reschedule.and_then(|r| r.next_poll_at).map(micros))
    .bind(reschedule.map(|r| i64::from(r.failures)))
    .bind(i64::from(polled))
    .bind(id.0)
    .bind(sqlx::types::Json(facts))
    .fetch_one(&mut *conn)
    .await?;
    rows::shipment(&row)
}

async fn read_view(
    conn: &mut SqliteConnection,
    token: &ShipmentToken,
) -> Result<Option<TrackingView>> {
    let shipments = sqlx::query(VIEW_SHIPMENTS)
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
    let store = sqlx::query(VIEW_STORE)
        .bind(store_id.0)
        .fetch_one(&mut *conn)
        .await?;
    let order = sqlx::query(VIEW_ORDER)
        .bind(order_id.0)
        .fetch_one(&mut *conn)
        .await?;
    let events = sqlx::query(VIEW_EVENTS)
        .bind(order_id.0)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(rows::event)
        .collect::<Result<Vec<_>>>()?;
    let events = rows::group_events(&shipments, events);
    let order_row = order;
    let mut order = rows::order(&order_row)?;
    order.shipments = shipments;
    Ok(Some(TrackingView {
        store: rows::store(&store)?,
        order,
        events,
        focus: Some(focus),
        revision: crate::PageRevision {
            order: order_row.try_get("order_revision")?,
            store: store.try_get("store_revision")?,
        },
    }))
}
