//! `engine_bench ingest`: event-pipeline throughput next to raw inserts.

use chrono::{DateTime, Duration, Utc};
use sqlx::AssertSqlSafe;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;
use wismo_domain::{
    CarrierEstimate, EventSource, ManualClock, NewEvent, ShipmentId, Stage, Substatus,
    TrackingUpdate,
};

use crate::rig::{Backend, fresh_db, new_tenant, sqlite_pool};
use crate::seed::{Seed, seed};
use crate::{arg, num, t0};

/// Hubs a parcel crosses from Louisville to Portland, with their UTC offsets.
const HUBS: [(&str, &str, i32); 8] = [
    ("Louisville", "KY", -5),
    ("Indianapolis", "IN", -5),
    ("Chicago", "IL", -6),
    ("Kansas City", "MO", -6),
    ("Denver", "CO", -7),
    ("Salt Lake City", "UT", -7),
    ("Boise", "ID", -7),
    ("Portland", "OR", -8),
];

/// `count` UPS-like scans of one parcel, every 2 h 50 min from `start`: a label, a pickup,
/// departures and arrivals along [`HUBS`], out for delivery, delivered.
fn journey_events(count: usize, start: DateTime<Utc>) -> Vec<NewEvent> {
    (0..count)
        .map(|k| {
            let hub = if k + 2 >= count {
                HUBS.len() - 1
            } else {
                (k * HUBS.len() / count).min(HUBS.len() - 1)
            };
            let (city, region, offset) = HUBS[hub];
            let (stage, substatus, description, code) = if k == 0 {
                (
                    Stage::InfoReceived,
                    Some(Substatus::Registered),
                    "Shipper created a label, UPS has not received the package yet.",
                    "MP",
                )
            } else if k == 1 {
                (
                    Stage::InTransit,
                    Some(Substatus::PickedUp),
                    "Pickup Scan",
                    "OR",
                )
            } else if k + 2 == count {
                (
                    Stage::OutForDelivery,
                    Some(Substatus::WithCourier),
                    "Out For Delivery Today",
                    "OT",
                )
            } else if k + 1 == count {
                (
                    Stage::Delivered,
                    Some(Substatus::LeftAtDoor),
                    "DELIVERED",
                    "F4",
                )
            } else if k % 2 == 0 {
                (
                    Stage::InTransit,
                    Some(Substatus::DepartedFacility),
                    "Departed from Facility",
                    "DP",
                )
            } else {
                (
                    Stage::InTransit,
                    Some(Substatus::ArrivedAtFacility),
                    "Arrived at Facility",
                    "AR",
                )
            };
            let offset = chrono::FixedOffset::east_opt(offset * 3600).unwrap();
            let at = (start + Duration::minutes(170 * k as i64)).with_timezone(&offset);
            NewEvent::new(
                at,
                stage,
                substatus,
                description,
                Some(format!("{city}, {region}, US")),
                Some(code.to_owned()),
                EventSource::Poll,
            )
        })
        .collect()
}

const RAW_INSERT: &str = "INSERT INTO tracking_events (shipment_id, occurred_at, occurred_offset_secs, stage, substatus, \
     description, location, carrier_code, source, dedupe_key, recorded_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
     ON CONFLICT (shipment_id, dedupe_key) DO NOTHING";

pub(crate) async fn ingest(args: &[String]) {
    let events: usize = num(args, "--events", 200_000);
    let batch: usize = num(args, "--batch", 10);
    const BATCHES_PER_SHIPMENT: usize = 2;
    let shipments = (events / (batch * BATCHES_PER_SHIPMENT)).max(1);
    let events = shipments * batch * BATCHES_PER_SHIPMENT;
    let now = t0();
    // The same journeys for every run, made before any clock starts.
    let journeys: Vec<Vec<NewEvent>> = (0..shipments)
        .map(|s| {
            let start = now - Duration::hours(60) + Duration::seconds((s % 600) as i64);
            journey_events(batch * BATCHES_PER_SHIPMENT, start)
        })
        .collect();
    // `--only pipeline|raw` runs one side alone (for profiling).
    let only = arg(args, "--only");
    let run = |side: &str| only.as_deref().is_none_or(|o| o == side);
    let (pipeline_secs, delivered) = if run("pipeline") {
        pipeline_ingest(&journeys, batch, shipments).await
    } else {
        (f64::NAN, 0)
    };
    // Plain inserts of the same rows: one transaction per batch, one statement per row
    // (the pipeline's own INSERT), then one multi-row statement per batch.
    let (raw_secs, multi_secs) = if run("raw") {
        (
            raw_insert(&journeys, batch, shipments, false).await,
            raw_insert(&journeys, batch, shipments, true).await,
        )
    } else {
        (f64::NAN, f64::NAN)
    };
    let breakdown: Option<usize> = arg(args, "--breakdown").map(|n| n.parse().unwrap());

    let rate = |secs: f64| events as f64 / secs;
    println!(
        "ingest [Sqlite]: {events} events, {shipments} shipments x {BATCHES_PER_SHIPMENT} batches of {batch} \
         (new scans with places and a carrier estimate each), one caller"
    );
    println!(
        "ingest [Sqlite]: pipeline (Store::ingest)        {:>8.0} events/s ({:.2} s, {:.3} ms a batch; {delivered} shipments ended delivered)",
        rate(pipeline_secs),
        pipeline_secs,
        pipeline_secs * 1e3 / (shipments * BATCHES_PER_SHIPMENT) as f64,
    );
    println!(
        "ingest [Sqlite]: raw INSERT, a row a statement   {:>8.0} events/s ({:.2} s, {:.3} ms a batch)",
        rate(raw_secs),
        raw_secs,
        raw_secs * 1e3 / (shipments * BATCHES_PER_SHIPMENT) as f64,
    );
    println!(
        "ingest [Sqlite]: raw INSERT, a batch a statement {:>8.0} events/s ({:.2} s, {:.3} ms a batch)",
        rate(multi_secs),
        multi_secs,
        multi_secs * 1e3 / (shipments * BATCHES_PER_SHIPMENT) as f64,
    );
    println!(
        "ingest [Sqlite]: pipeline / raw = {:.0} % (a row a statement), {:.0} % (a batch a statement)",
        raw_secs / pipeline_secs * 100.0,
        multi_secs / pipeline_secs * 100.0,
    );
    if let Some(events) = breakdown {
        ingest_breakdown(&journeys, batch, events).await;
    }
}

/// Per-statement time inside SQLite, from sqlx's statement log (`sqlx::query` events at
/// DEBUG, timed on the connection's worker thread): statement kind → (count, seconds).
type StatementTable = Arc<std::sync::Mutex<BTreeMap<String, (u64, f64)>>>;

struct StatementLog(StatementTable);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for StatementLog {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        let mut visit = StatementVisit::default();
        event.record(&mut visit);
        let sql = if visit.statement.trim().is_empty() {
            &visit.summary
        } else {
            &visit.statement
        };
        let mut table = self.0.lock().unwrap();
        let entry = table.entry(statement_kind(sql)).or_default();
        entry.0 += 1;
        entry.1 += visit.secs;
    }
}

#[derive(Default)]
struct StatementVisit {
    summary: String,
    statement: String,
    secs: f64,
}

impl tracing::field::Visit for StatementVisit {
    fn record_f64(&mut self, field: &tracing::field::Field, value: f64) {
        if field.name() == "elapsed_secs" {
            self.secs = value;
        }
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        match field.name() {
            "summary" => self.summary = value.to_owned(),
            "db.statement" => self.statement = value.to_owned(),
            _ => {}
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if matches!(field.name(), "summary" | "db.statement") {
            self.record_str(field, &format!("{value:?}"));
        }
    }
}

/// "INSERT INTO milestones", "SELECT … FROM shipments s JOIN …", "UPDATE shipments".
fn statement_kind(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let word = |i: usize| words.get(i).copied().unwrap_or("?");
    match word(0).to_ascii_uppercase().as_str() {
        "INSERT" => format!("INSERT INTO {}", word(2)),
        "UPDATE" => format!("UPDATE {}", word(1)),
        "SELECT" | "WITH" => {
            let from = words
                .iter()
                .position(|w| w.eq_ignore_ascii_case("FROM"))
                .map_or("?", |i| word(i + 1));
            let join = if sql.contains(" JOIN ") {
                " … JOIN …"
            } else {
                ""
            };
            format!("SELECT … FROM {from}{join}")
        }
        _ => words.iter().take(3).copied().collect::<Vec<_>>().join(" "),
    }
}

/// Runs the pipeline and the row-a-statement raw insert again on `events` events with
/// sqlx's statement log on, and prints where each batch's time goes.
async fn ingest_breakdown(journeys: &[Vec<NewEvent>], batch: usize, events: usize) {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::{Layer as _, filter::Targets};
    let table: StatementTable = Arc::default();
    let layer = StatementLog(table.clone())
        .with_filter(Targets::new().with_target("sqlx::query", tracing::Level::DEBUG));
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer)).unwrap();
    let shipments = (events / journeys[0].len()).clamp(1, journeys.len());
    let journeys = &journeys[..shipments];
    let batches = (shipments * journeys[0].len() / batch) as f64;
    for side in ["pipeline", "raw"] {
        table.lock().unwrap().clear();
        let secs = if side == "pipeline" {
            pipeline_ingest(journeys, batch, shipments).await.0
        } else {
            raw_insert(journeys, batch, shipments, false).await
        };
        let table = std::mem::take(&mut *table.lock().unwrap());
        // Seeding and the checks around the timed loop are not part of a batch.
        let rows: Vec<_> = table
            .into_iter()
            .filter(|(kind, (count, _))| {
                !kind.contains("_sqlx_migrations")
                    && !kind.starts_with("SELECT … FROM n")
                    && (*count as f64) >= batches * 0.05
                    && !kind.contains("COUNT(*)")
            })
            .collect();
        let in_sqlite: f64 = rows.iter().map(|(_, (_, s))| s).sum();
        println!(
            "ingest [Sqlite]: breakdown, {side}, {shipments} shipments, statement log on: {:.3} ms a batch, of which in SQLite statements {:.3} ms:",
            secs * 1e3 / batches,
            in_sqlite * 1e3 / batches,
        );
        for (kind, (count, spent)) in &rows {
            println!(
                "ingest [Sqlite]:   {:>5.2} x {kind:<40} {:>6.1} us each, {:.3} ms a batch",
                *count as f64 / batches,
                spent * 1e6 / *count as f64,
                spent * 1e3 / batches,
            );
        }
        println!(
            "ingest [Sqlite]:   rest (BEGIN/COMMIT with the WAL append, handing each statement to sqlx's SQLite thread and back, Rust): {:.3} ms a batch",
            (secs - in_sqlite) * 1e3 / batches
        );
    }
}

/// The carrier's estimate sent with every batch of a journey: the day it ends.
fn estimate_of(journey: &[NewEvent]) -> CarrierEstimate {
    let delivered = journey.last().unwrap().occurred_at_utc();
    CarrierEstimate {
        from: delivered.date_naive(),
        until: delivered.date_naive(),
        latest: delivered + Duration::hours(1),
    }
}

/// The pipeline: one `Store::ingest` per batch, with the carrier's estimate. Returns the
/// seconds taken and how many shipments ended delivered.
async fn pipeline_ingest(journeys: &[Vec<NewEvent>], batch: usize, shipments: usize) -> (f64, i64) {
    let db = fresh_db(Backend::Sqlite, "", "ingest_pipeline").await;
    let clock = Arc::new(ManualClock::new(t0()));
    let store = wismo_store::connect(&db.url, clock.clone()).await.unwrap();
    let tenant = new_tenant(store.as_ref()).await;
    seed(&db, tenant, shipments as i64, Seed::Fresh, t0()).await;
    let started = Instant::now();
    let mut inserted = 0;
    for round in 0..journeys[0].len() / batch {
        for (s, journey) in journeys.iter().enumerate() {
            let update = TrackingUpdate {
                events: journey[round * batch..(round + 1) * batch].to_vec(),
                carrier_estimate: Some(estimate_of(journey)),
                facts: Default::default(),
            };
            let recorded = store
                .ingest(tenant, ShipmentId(s as i64 + 1), &update)
                .await
                .unwrap();
            inserted += recorded.inserted;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(
        inserted,
        journeys.len() * journeys[0].len(),
        "every event is new"
    );
    let pool = sqlite_pool(&db.url, 1).await;
    let delivered =
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM shipments WHERE stage = 'delivered'")
            .fetch_one(&pool)
            .await
            .unwrap();
    pool.close().await;
    drop(store);
    db.remove().await;
    (secs, delivered)
}

async fn raw_insert(
    journeys: &[Vec<NewEvent>],
    batch: usize,
    shipments: usize,
    multi_row: bool,
) -> f64 {
    let name = if multi_row {
        "ingest_multi"
    } else {
        "ingest_raw"
    };
    let db = fresh_db(Backend::Sqlite, "", name).await;
    let clock = Arc::new(ManualClock::new(t0()));
    let store = wismo_store::connect(&db.url, clock).await.unwrap();
    let tenant = new_tenant(store.as_ref()).await;
    drop(store);
    seed(&db, tenant, shipments as i64, Seed::Fresh, t0()).await;
    let pool = sqlite_pool(&db.url, 8).await;
    let recorded_at = t0().timestamp_micros();
    let multi_sql: Arc<str> = {
        let rows: Vec<String> = (0..batch)
            .map(|r| {
                let p: Vec<String> = (1..=11).map(|c| format!("?{}", r * 11 + c)).collect();
                format!("({})", p.join(", "))
            })
            .collect();
        format!(
            "INSERT INTO tracking_events (shipment_id, occurred_at, occurred_offset_secs, stage, substatus, \
             description, location, carrier_code, source, dedupe_key, recorded_at) VALUES {} \
             ON CONFLICT (shipment_id, dedupe_key) DO NOTHING",
            rows.join(", ")
        )
        .into()
    };
    let started = Instant::now();
    for round in 0..journeys[0].len() / batch {
        for (s, journey) in journeys.iter().enumerate() {
            let id = s as i64 + 1;
            let rows = &journey[round * batch..(round + 1) * batch];
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.unwrap();
            if multi_row {
                let mut query = sqlx::query(AssertSqlSafe(multi_sql.clone()));
                for e in rows {
                    query = query
                        .bind(id)
                        .bind(e.occurred_at_utc().timestamp_micros())
                        .bind(e.occurred_at.offset().local_minus_utc())
                        .bind(e.stage.as_str())
                        .bind(e.substatus.map(|s| s.as_str()))
                        .bind(&e.description)
                        .bind(e.location.as_deref())
                        .bind(e.carrier_code.as_deref())
                        .bind(e.source.as_str())
                        .bind(&e.dedupe_key)
                        .bind(recorded_at);
                }
                query.execute(&mut *tx).await.unwrap();
            } else {
                for e in rows {
                    sqlx::query(RAW_INSERT)
                        .bind(id)
                        .bind(e.occurred_at_utc().timestamp_micros())
                        .bind(e.occurred_at.offset().local_minus_utc())
                        .bind(e.stage.as_str())
                        .bind(e.substatus.map(|s| s.as_str()))
                        .bind(&e.description)
                        .bind(e.location.as_deref())
                        .bind(e.carrier_code.as_deref())
                        .bind(e.source.as_str())
                        .bind(&e.dedupe_key)
                        .bind(recorded_at)
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                }
            }
            tx.commit().await.unwrap();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tracking_events")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored as usize, journeys.len() * journeys[0].len());
    pool.close().await;
    db.remove().await;
    secs
}
