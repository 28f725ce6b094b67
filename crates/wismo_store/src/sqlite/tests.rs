//! SQLite-only behaviour: in-memory databases, and rows damaged behind the store's back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use wismo_domain::{
    Customer, Destination, EventSource, Locale, NewEvent, NewOrder, NewShipment, NewStore,
    OrderNumber, Stage, StoreSlug, SystemClock, TimeZone, TrackingNumber,
};

use super::SqliteStore;
use crate::StoreError;
use crate::prelude::*;

async fn memory_store() -> SqliteStore {
    SqliteStore::connect("sqlite::memory:", Arc::new(SystemClock))
        .await
        .unwrap()
}

fn new_store(slug: &str) -> NewStore {
    NewStore {
        slug: StoreSlug::parse(slug).unwrap(),
        name: slug.to_owned(),
        default_locale: Locale::default(),
        timezone: TimeZone::default(),
    }
}

fn new_order() -> NewOrder {
    NewOrder {
        order_number: OrderNumber::parse("#1").unwrap(),
        external_id: None,
        token: wismo_domain::OrderToken::generate(),
        customer: Customer::default(),
        items: Vec::new(),
        destination: Destination::default(),
        placed_at: None,
        promised_date: None,
        promise: None,
        shipments: vec![NewShipment::new(
            TrackingNumber::parse("1Z999AA10123456784").unwrap(),
            None,
            None,
        )],
        source: wismo_domain::OrderSource::Api,
    }
}

#[tokio::test]
async fn an_in_memory_database_keeps_its_data_across_calls_and_tasks() {
    let store = Arc::new(memory_store().await);
    let tasks: Vec<_> = ["acme", "beta", "gamma"]
        .into_iter()
        .map(|slug| {
            let store = store.clone();
            tokio::spawn(async move { store.create_store(&new_store(slug)).await.unwrap() })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(store.list_stores().await.unwrap().len(), 3);
    assert_eq!(store.get_store_by_slug("beta").await.unwrap().name, "beta");
}

#[tokio::test]
async fn a_row_that_no_longer_parses_is_corrupt_not_a_panic() {
    let store = memory_store().await;
    let tenant = store.create_store(&new_store("acme")).await.unwrap();
    let order = store.create_order(tenant.id, &new_order()).await.unwrap();
    let shipment = &order.shipments[0];
    let event = NewEvent::new(
        chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap(),
        Stage::InTransit,
        None,
        "Departed",
        None,
        None,
        EventSource::Manual,
    );
    store
        .record_events(tenant.id, shipment.id, &[event])
        .await
        .unwrap();

    sqlx::query("UPDATE shipments SET stage = 'teleported'")
        .execute(&store.pool)
        .await
        .unwrap();
    match store.get_shipment(tenant.id, shipment.id).await {
        Err(StoreError::Corrupt {
            table: "shipments",
            reason,
        }) => assert!(reason.contains("teleported"), "{reason}"),
        other => panic!("expected a corrupt row, got {other:?}"),
    }
    assert!(matches!(
        store.tracking_view(&shipment.token).await,
        Err(StoreError::Corrupt { .. })
    ));

    sqlx::query("UPDATE shipments SET stage = 'in_transit'")
        .execute(&store.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE tracking_events SET occurred_offset_secs = 999999")
        .execute(&store.pool)
        .await
        .unwrap();
    match store.list_events(tenant.id, shipment.id).await {
        Err(StoreError::Corrupt {
            table: "tracking_events",
            reason,
        }) => assert!(reason.contains("999999"), "{reason}"),
        other => panic!("expected a corrupt row, got {other:?}"),
    }

    sqlx::query("UPDATE orders SET items = 'not json'")
        .execute(&store.pool)
        .await
        .unwrap();
    assert!(matches!(
        store.get_order(tenant.id, order.id).await,
        Err(StoreError::Corrupt {
            table: "orders",
            ..
        })
    ));
}

/// A database file in the temporary directory, removed with its WAL files on drop.
struct TempDb(std::path::PathBuf);

impl TempDb {
    fn new() -> Self {
        let name = format!("wismo-reader-{:016x}.db", rand::random::<u64>());
        Self(std::env::temp_dir().join(name))
    }

    fn url(&self) -> String {
        format!("sqlite://{}", self.0.display())
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

#[tokio::test]
async fn the_page_reader_sees_each_write_at_once_and_reports_damage() {
    let db = TempDb::new();
    let store = SqliteStore::connect(&db.url(), Arc::new(SystemClock))
        .await
        .unwrap();
    assert!(
        store.readers.is_some(),
        "a file database is read by the readers"
    );
    let tenant = store.create_store(&new_store("acme")).await.unwrap();
    let order = store.create_order(tenant.id, &new_order()).await.unwrap();
    let token = &order.shipments[0].token;
    let view = store.tracking_view(token).await.unwrap().unwrap();
    assert_eq!(view.order.order_number, order.order_number);
    assert_eq!(view.store.id, tenant.id);

    sqlx::query("UPDATE shipments SET stage = 'in_transit'")
        .execute(&store.pool)
        .await
        .unwrap();
    let view = store.tracking_view(token).await.unwrap().unwrap();
    assert_eq!(view.order.shipments[0].stage, Stage::InTransit);

    sqlx::query("UPDATE stores SET branding = 'not json'")
        .execute(&store.pool)
        .await
        .unwrap();
    match store.tracking_view(token).await {
        Err(StoreError::Corrupt {
            table: "stores", ..
        }) => {}
        other => panic!("expected a corrupt row, got {other:?}"),
    }
    // The failed read gave its connection back clean: the next one works.
    sqlx::query("UPDATE stores SET branding = '{}'")
        .execute(&store.pool)
        .await
        .unwrap();
    assert!(store.tracking_view(token).await.unwrap().is_some());
}

/// A store on a file of its own, with one store and one order in it.
async fn file_store_with_an_order() -> (TempDb, SqliteStore, wismo_domain::Order) {
    let db = TempDb::new();
    let store = SqliteStore::connect(&db.url(), Arc::new(SystemClock))
        .await
        .unwrap();
    let tenant = store.create_store(&new_store("acme")).await.unwrap();
    let order = store.create_order(tenant.id, &new_order()).await.unwrap();
    (db, store, order)
}

/// Another process's connection to the file: it writes without this store's commit hook.
async fn other_process(db: &TempDb) -> sqlx::SqlitePool {
    sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect(&db.url())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_held_read_transaction_ends_on_a_commit_here_and_within_hold_for_others() {
    use super::reader::HOLD;
    let (db, store, order) = file_store_with_an_order().await;
    let token = &order.shipments[0].token;
    let stage = |view: Option<crate::TrackingView>| view.unwrap().order.shipments[0].stage;
    assert_ne!(
        stage(store.tracking_view(token).await.unwrap()),
        Stage::InTransit
    );

    // Another process's write: readers may keep their snapshot, but for HOLD at most.
    let other = other_process(&db).await;
    sqlx::query("UPDATE shipments SET stage = 'in_transit'")
        .execute(&other)
        .await
        .unwrap();
    tokio::time::sleep(HOLD + HOLD / 2).await;
    assert_eq!(
        stage(store.tracking_view(token).await.unwrap()),
        Stage::InTransit
    );

    // This process's write ends every held transaction at once, however young.
    for stage_now in ["out_for_delivery", "delivered"] {
        assert!(store.tracking_view(token).await.unwrap().is_some());
        sqlx::query("UPDATE shipments SET stage = ?1")
            .bind(stage_now)
            .execute(&store.pool)
            .await
            .unwrap();
        assert_eq!(
            stage(store.tracking_view(token).await.unwrap()).as_str(),
            stage_now
        );
    }
}

#[tokio::test]
async fn an_idle_reader_lets_go_of_its_snapshot() {
    use super::reader::HOLD;
    let (db, store, order) = file_store_with_an_order().await;
    let other = other_process(&db).await;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&other)
        .await
        .unwrap();
    let checkpoint = || async {
        let (busy, log, done): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&other)
            .await
            .unwrap();
        (busy, log, done)
    };
    // A read takes a snapshot and keeps it; a write lands behind it. While the snapshot is
    // held, younger than HOLD, the write cannot be copied back to the file. A busy machine may
    // not get from the read to the checkpoint within HOLD: then it tries again.
    for attempt in 1.. {
        let read_at = std::time::Instant::now();
        assert!(
            store
                .page_key(&order.shipments[0].token, "build", None)
                .await
                .unwrap()
                .is_some()
        );
        sqlx::query("UPDATE stores SET name = ?1")
            .bind(format!("Acme {attempt}"))
            .execute(&other)
            .await
            .unwrap();
        let (_, log, done) = checkpoint().await;
        if read_at.elapsed() < HOLD {
            assert!(log > 0 && done < log, "held: {done} of {log} frames");
            break;
        }
        assert!(
            attempt < 200,
            "never got from a read to a checkpoint within {HOLD:?}"
        );
    }
    // Once it is HOLD old, the idle reader ends it without being asked to read again.
    let mut released = false;
    for _ in 0..1000 {
        tokio::time::sleep(HOLD).await;
        let (busy, log, done) = checkpoint().await;
        if busy == 0 && done == log {
            released = true;
            break;
        }
    }
    assert!(
        released,
        "the idle reader still holds its snapshot after 1000 × {HOLD:?}"
    );
    drop(store);
}

#[test]
fn the_bundled_sqlite_maps_files_larger_than_its_default_cap() {
    // SQLite clamps `mmap_size` to the cap it was built with (2 GiB unless
    // `.cargo/config.toml` raises it); past the cap, reads are system calls again.
    let db = TempDb::new();
    let conn = rusqlite::Connection::open(&db.0).unwrap();
    conn.pragma_update(None, "mmap_size", super::reader::MMAP_BYTES)
        .unwrap();
    let mapped: i64 = conn
        .pragma_query_value(None, "mmap_size", |row| row.get(0))
        .unwrap();
    assert_eq!(mapped, super::reader::MMAP_BYTES);
    assert!(mapped > 1 << 31);
}

#[tokio::test]
async fn an_in_memory_database_serves_the_page_through_its_one_connection() {
    let store = memory_store().await;
    assert!(store.readers.is_none());
    let tenant = store.create_store(&new_store("acme")).await.unwrap();
    let order = store.create_order(tenant.id, &new_order()).await.unwrap();
    let view = store
        .tracking_view(&order.shipments[0].token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.focus, Some(order.shipments[0].id));
}
