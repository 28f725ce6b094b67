//! Bulk seeding: orders + shipments straight into the migrated schema.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::{AssertSqlSafe, PgPool};
use wismo_domain::StoreId;

use crate::rig::{Backend, BenchDb, sqlite_pool};

/// What the seeded shipments look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seed {
    /// In transit with a carrier estimate, polled before; `next_poll_at` spread over the
    /// next 24 h, every 50th one due within the last hour.
    Active,
    /// Just registered (as `create_order` leaves them): pending, due now.
    Fresh,
}

pub(crate) const SEED_CHUNK: i64 = 100_000;

const SQLITE_ORDERS: &str = "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2) \
    INSERT INTO orders (id, store_id, order_number, order_key, token, customer_name, customer_email, \
        customer_timezone, items, city, region, postal_code, country, created_at) \
    SELECT i + 1, ?3, printf('#E%08d', i), printf('e%08d', i), printf('o%023d', i), 'Ana Lima', \
        printf('c%d@example.com', i), 'America/Los_Angeles', \
        '[{\"name\":\"Espresso beans\",\"quantity\":1,\"sku\":null}]', 'Portland', 'OR', '97201', 'US', ?4 FROM n";

const SQLITE_SHIPMENTS: &str = "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2) \
    INSERT INTO shipments (id, order_id, store_id, carrier, service, tracking_number, token, stage, substatus, \
        event_stage, event_substatus, carrier_estimated_delivery, shipped_at, last_event_at, created_at, updated_at, \
        next_poll_at, estimate_from, estimate_until, estimate_confidence, estimate_basis, origin_region, \
        last_polled_at, poll_count) \
    SELECT i + 1, i + 1, ?3, \
        CASE i % 4 WHEN 0 THEN 'ups' WHEN 1 THEN 'fedex' WHEN 2 THEN 'usps' ELSE 'dhl' END, \
        CASE i % 4 WHEN 0 THEN 'UPS Ground' WHEN 1 THEN 'FedEx Home Delivery' WHEN 2 THEN 'USPS Ground Advantage' \
            ELSE 'DHL eCommerce Parcel Expedited' END, \
        CASE i % 4 WHEN 0 THEN printf('1ZBENCH%011d', i) WHEN 1 THEN printf('7%011d', i) \
            WHEN 2 THEN printf('9400%018d', i) ELSE printf('9%09d', i) END, \
        printf('tk%022d', i), ?4, ?5, ?4, ?5, ?6, ?7, ?8, ?9, ?10, \
        CASE WHEN ?11 > 0 AND i % max(?11, 1) = 0 THEN ?12 - ((i * 2654435761) % 3600) * 1000000 \
             WHEN ?13 > 0 THEN ?12 + (1 + (i * 2654435761) % max(?13, 1)) * 1000000 \
             ELSE ?12 END, \
        ?14, ?15, ?16, ?17, ?18, ?10, ?19 FROM n";

const PG_ORDERS: &str = "INSERT INTO orders (id, store_id, order_number, order_key, token, customer_name, \
        customer_email, customer_timezone, items, city, region, postal_code, country, created_at) \
    OVERRIDING SYSTEM VALUE \
    SELECT i + 1, $3, '#E' || lpad(i::text, 8, '0'), 'e' || lpad(i::text, 8, '0'), \
        'o' || lpad(i::text, 23, '0'), 'Ana Lima', 'c' || i || '@example.com', \
        'America/Los_Angeles', '[{\"name\":\"Espresso beans\",\"quantity\":1,\"sku\":null}]'::jsonb, \
        'Portland', 'OR', '97201', 'US', $4::timestamptz \
    FROM generate_series($1::bigint, $2::bigint - 1) AS g(i)";

const PG_SHIPMENTS: &str = "INSERT INTO shipments (id, order_id, store_id, carrier, service, tracking_number, \
        token, stage, substatus, event_stage, event_substatus, carrier_estimated_delivery, shipped_at, \
        last_event_at, created_at, updated_at, next_poll_at, estimate_from, estimate_until, \
        estimate_confidence, estimate_basis, origin_region, last_polled_at, poll_count) OVERRIDING SYSTEM VALUE \
    SELECT i + 1, i + 1, $3, \
        (ARRAY['ups', 'fedex', 'usps', 'dhl'])[i % 4 + 1], \
        (ARRAY['UPS Ground', 'FedEx Home Delivery', 'USPS Ground Advantage', 'DHL eCommerce Parcel Expedited'])[i % 4 + 1], \
        CASE i % 4 WHEN 0 THEN '1ZBENCH' || lpad(i::text, 11, '0') WHEN 1 THEN '7' || lpad(i::text, 11, '0') \
            WHEN 2 THEN '9400' || lpad(i::text, 18, '0') ELSE '9' || lpad(i::text, 9, '0') END, \
        'tk' || lpad(i::text, 22, '0'), $4::text, $5::text, $4::text, $5::text, $6::timestamptz, \
        $7::timestamptz, $8::timestamptz, $9::timestamptz, $10::timestamptz, \
        CASE WHEN $11::bigint > 0 AND i % GREATEST($11::bigint, 1) = 0 \
                 THEN $12::timestamptz - ((i * 2654435761) % 3600) * interval '1 second' \
             WHEN $13::bigint > 0 \
                 THEN $12::timestamptz + (1 + (i * 2654435761) % GREATEST($13::bigint, 1)) * interval '1 second' \
             ELSE $12::timestamptz END, \
        $14::date, $15::date, $16::int, $17::text, $18::text, $10::timestamptz, $19::bigint \
    FROM generate_series($1::bigint, $2::bigint - 1) AS g(i)";

/// The values a seeded shipment row gets besides its number.
struct SeedRow {
    stage: &'static str,
    substatus: Option<&'static str>,
    carrier_estimate: Option<DateTime<Utc>>,
    shipped_at: Option<DateTime<Utc>>,
    last_event_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    due_every: i64,
    spread_secs: i64,
    estimate: Option<(NaiveDate, NaiveDate, i32, &'static str)>,
    origin_region: Option<&'static str>,
    poll_count: i64,
}

fn seed_row(kind: Seed, now: DateTime<Utc>) -> SeedRow {
    match kind {
        Seed::Active => {
            let estimate = now + Duration::days(2);
            SeedRow {
                stage: "in_transit",
                substatus: Some("departed_facility"),
                carrier_estimate: Some(estimate),
                shipped_at: Some(now - Duration::days(1)),
                last_event_at: Some(now - Duration::hours(6)),
                created_at: now - Duration::days(2),
                updated_at: now - Duration::hours(6),
                due_every: 50,
                spread_secs: 86_400,
                estimate: Some((estimate.date_naive(), estimate.date_naive(), 90, "carrier")),
                origin_region: Some("US-KY"),
                poll_count: 3,
            }
        }
        Seed::Fresh => SeedRow {
            stage: "pending",
            substatus: None,
            carrier_estimate: None,
            shipped_at: None,
            last_event_at: None,
            created_at: now,
            updated_at: now,
            due_every: 0,
            spread_secs: 0,
            estimate: None,
            origin_region: None,
            poll_count: 0,
        },
    }
}

/// Inserts `count` orders of one shipment each (ids 1..=count) in transactions of
/// [`SEED_CHUNK`] rows, with `INSERT … SELECT` over a generated series.
pub(crate) async fn seed(
    db: &BenchDb,
    tenant: StoreId,
    count: i64,
    kind: Seed,
    now: DateTime<Utc>,
) {
    let r = seed_row(kind, now);
    match db.backend {
        Backend::Sqlite => {
            let pool = sqlite_pool(&db.url, 1).await;
            let us = |t: DateTime<Utc>| t.timestamp_micros();
            let mut lo = 0;
            while lo < count {
                let hi = (lo + SEED_CHUNK).min(count);
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.unwrap();
                sqlx::query(SQLITE_ORDERS)
                    .bind(lo)
                    .bind(hi)
                    .bind(tenant.0)
                    .bind(us(r.created_at))
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                sqlx::query(SQLITE_SHIPMENTS)
                    .bind(lo)
                    .bind(hi)
                    .bind(tenant.0)
                    .bind(r.stage)
                    .bind(r.substatus)
                    .bind(r.carrier_estimate.map(us))
                    .bind(r.shipped_at.map(us))
                    .bind(r.last_event_at.map(us))
                    .bind(us(r.created_at))
                    .bind(us(r.updated_at))
                    .bind(r.due_every)
                    .bind(us(now))
                    .bind(r.spread_secs)
                    .bind(r.estimate.map(|e| e.0.to_string()))
                    .bind(r.estimate.map(|e| e.1.to_string()))
                    .bind(r.estimate.map(|e| i64::from(e.2)))
                    .bind(r.estimate.map(|e| e.3))
                    .bind(r.origin_region)
                    .bind(r.poll_count)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                lo = hi;
            }
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = PgPool::connect(&db.url).await.unwrap();
            let mut lo = 0;
            while lo < count {
                let hi = (lo + SEED_CHUNK).min(count);
                let mut tx = pool.begin().await.unwrap();
                sqlx::query(PG_ORDERS)
                    .bind(lo)
                    .bind(hi)
                    .bind(tenant.0)
                    .bind(r.created_at)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                sqlx::query(PG_SHIPMENTS)
                    .bind(lo)
                    .bind(hi)
                    .bind(tenant.0)
                    .bind(r.stage)
                    .bind(r.substatus)
                    .bind(r.carrier_estimate)
                    .bind(r.shipped_at)
                    .bind(r.last_event_at)
                    .bind(r.created_at)
                    .bind(r.updated_at)
                    .bind(r.due_every)
                    .bind(now)
                    .bind(r.spread_secs)
                    .bind(r.estimate.map(|e| e.0))
                    .bind(r.estimate.map(|e| e.1))
                    .bind(r.estimate.map(|e| e.2))
                    .bind(r.estimate.map(|e| e.3))
                    .bind(r.origin_region)
                    .bind(r.poll_count)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                lo = hi;
            }
            for table in ["orders", "shipments"] {
                sqlx::query(AssertSqlSafe(format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )))
                .execute(&pool)
                .await
                .unwrap();
            }
            // What autovacuum does shortly after a bulk load: fresh planner statistics.
            sqlx::query("ANALYZE orders").execute(&pool).await.unwrap();
            sqlx::query("ANALYZE shipments")
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
    }
}
