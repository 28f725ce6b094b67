//! `engine_bench promise`: the promise at checkout, `GET /{store}/promise.json`, over a
//! store with a long delivered history (see bench/README.md, "Promise at checkout").
//!
//! The history is bulk-written into the migrated schema in the rows the pipeline leaves
//! behind a delivered parcel: its order (destination, placing time, its promise), the
//! shipment (delivered, no longer polled, the carrier's estimate) and its transit sample,
//! whose lane columns are filled from the order by the pipeline's own SQL. Transit days
//! and dates come from `BusinessCalendar` in the customer's zone, as the pipeline counts
//! them. Scans and milestones are left out: the promise never reads them.
//!
//! Then the real router is served on a loopback port and asked, one request at a time,
//! for lanes this process has not read yet (each request reads the database), and after
//! that, by many clients at once, for lanes it keeps.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::Serialize;
use sqlx::types::Json;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;
use wismo_domain::calendar::BusinessCalendar;
use wismo_domain::engine::region_key;
use wismo_domain::notify::recipient_zone;
use wismo_domain::{Clock, CountryCode, SystemClock, TimeZone};
use wismo_server::AppState;

use crate::rig::{
    Backend, BenchDb, fresh_db, fresh_pg_database, new_tenant, serve_config, sqlite_pool,
};
use crate::{CUSTOMER_TZ, Rng, arg, num, pct, postgres_base, sorted};

/// Parcels written per transaction.
const CHUNK: usize = 50_000;

/// How far back the history goes.
const HISTORY_DAYS: i64 = 730;

/// Where the store's parcels go: a country, its share of them (per cent), how many postal
/// prefixes they spread over, and the carriers it ships there with (the first most often).
struct Destination {
    country: &'static str,
    share: u64,
    lanes: u64,
    carriers: [(&'static str, &'static str); 3],
    city: &'static str,
    regions: &'static [&'static str],
    origin: &'static str,
}

const DOMESTIC: [(&str, &str); 3] = [
    ("ups", "UPS Ground"),
    ("usps", "USPS Ground Advantage"),
    ("fedex", "FedEx Home Delivery"),
];
const ABROAD: [(&str, &str); 3] = [
    ("dhl", "DHL Express Worldwide"),
    ("ups", "UPS Worldwide Saver"),
    ("fedex", "FedEx International Priority"),
];

const DESTINATIONS: [Destination; 7] = [
    Destination {
        country: "US",
        share: 55,
        lanes: 990,
        carriers: DOMESTIC,
        city: "Portland",
        regions: &["OR", "WA", "CA", "NY", "TX", "IL", "FL", "MA", "CO", "GA"],
        origin: "US-KY",
    },
    Destination {
        country: "CA",
        share: 10,
        lanes: 1080,
        carriers: ABROAD,
        city: "Toronto",
        regions: &["ON", "QC", "BC", "AB"],
        origin: "US-KY",
    },
    Destination {
        country: "GB",
        share: 10,
        lanes: 400,
        carriers: ABROAD,
        city: "London",
        regions: &[""],
        origin: "US-KY",
    },
    Destination {
        country: "DE",
        share: 10,
        lanes: 990,
        carriers: ABROAD,
        city: "Berlin",
        regions: &["BE", "BY", "NW", "HH"],
        origin: "DE-HE",
    },
    Destination {
        country: "FR",
        share: 8,
        lanes: 950,
        carriers: ABROAD,
        city: "Paris",
        regions: &[""],
        origin: "DE-HE",
    },
    Destination {
        country: "AU",
        share: 5,
        lanes: 720,
        carriers: ABROAD,
        city: "Sydney",
        regions: &["NSW", "VIC", "QLD"],
        origin: "US-KY",
    },
    Destination {
        country: "NL",
        share: 2,
        lanes: 900,
        carriers: ABROAD,
        city: "Amsterdam",
        regions: &[""],
        origin: "DE-HE",
    },
];

/// Canadian forward sortation areas' first letters.
const FSA: &[u8; 18] = b"ABCEGHJKLMNPRSTVXY";
/// British postcode areas.
const GB_AREAS: [&str; 40] = [
    "AB", "AL", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "CA", "CB", "CF", "CH", "CM", "CO",
    "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "EH", "EN", "EX",
    "FK", "FY", "GL", "GU", "HA", "HD", "HG", "HP",
];

/// A postal code of `country` in its `lane`-th seeded prefix (`seen`), or in a prefix the
/// history never went to; `salt` varies the rest of the code.
fn postal_code(country: &str, lane: u64, salt: u64, seen: bool) -> String {
    let fsa = |i: u64| char::from(FSA[(i % 18) as usize]);
    match (country, seen) {
        ("US" | "DE", true) => format!("{:03}{:02}", 10 + lane, salt % 100),
        ("US" | "DE", false) => format!("00{}{:02}", lane % 10, salt % 100),
        ("CA", _) => {
            // Seen prefixes end in one of the first six letters, unseen ones in the rest.
            let third = if seen {
                lane / 180
            } else {
                6 + lane / 180 % 12
            };
            format!(
                "{}{}{} {}{}{}",
                fsa(lane),
                lane / 18 % 10,
                fsa(third),
                salt % 10,
                fsa(salt / 10),
                salt / 200 % 10
            )
        }
        ("GB", true) => format!(
            "{}{} {}AA",
            GB_AREAS[(lane % 40) as usize],
            lane / 40 % 10,
            salt % 10
        ),
        // One-letter areas (`E12 3ZZ`): their prefixes end in a digit, never the seen ones'.
        ("GB", false) => format!(
            "{}{} {}ZZ",
            char::from(b"BEGLMNSW"[(lane % 8) as usize]),
            10 + lane / 8 % 50,
            salt % 10
        ),
        ("FR", true) => format!("{:03}{:02}", 10 + lane, salt % 100),
        ("FR", false) => format!("{:03}{:02}", 960 + lane % 40, salt % 100),
        ("AU", true) => format!("{:03}{}", 80 + lane, salt % 10),
        ("AU", false) => format!("{:03}{}", 800 + lane % 200, salt % 10),
        ("NL", true) => format!("{:03}{} AB", 100 + lane, salt % 10),
        ("NL", false) => format!("{:03}{} AB", lane % 100, salt % 10),
        ("JP", _) => format!("{:03}-{:04}", 100 + lane % 900, salt % 10_000),
        _ => format!("{:03}{:02}", lane % 1000, salt % 100),
    }
}

/// A delivered parcel and its order, as the rows the pipeline leaves (times in µs).
#[derive(Serialize)]
struct Parcel {
    id: i64,
    order_number: String,
    order_key: String,
    order_token: String,
    email: String,
    city: &'static str,
    region: &'static str,
    postal_code: String,
    country: &'static str,
    placed_at: i64,
    promise_from: NaiveDate,
    promise_until: NaiveDate,
    promise_ships_by: NaiveDate,
    carrier: &'static str,
    service: &'static str,
    tracking_number: String,
    token: String,
    shipped_at: i64,
    delivered_at: i64,
    polled_at: i64,
    estimate_on: NaiveDate,
    origin_region: &'static str,
    destination_region: String,
    business_days: u32,
    shipped_on: NaiveDate,
    delivered_on: NaiveDate,
}

/// The `i`-th parcel of `count`, shipped in turn over the last [`HISTORY_DAYS`] days.
fn parcel(i: u64, count: u64, now: DateTime<Utc>, store_tz: chrono_tz::Tz) -> Parcel {
    let mut rng = Rng(i.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5eed);
    let pick = rng.below(100);
    let mut shares = 0;
    let to = DESTINATIONS
        .iter()
        .find(|d| {
            shares += d.share;
            pick < shares
        })
        .unwrap_or(&DESTINATIONS[0]);
    let lane = rng.below(to.lanes);
    let (carrier, service) = match rng.below(100) {
        0..60 => to.carriers[0],
        60..85 => to.carriers[1],
        _ => to.carriers[2],
    };
    // Lanes differ in their usual days; a parcel now and then takes longer.
    let base = if to.country == "US" { 1 } else { 3 } + lane % 3;
    let days = base + [0, 0, 0, 1, 1, 1, 2, 2, 3, 5][rng.below(10) as usize];

    let span = Duration::days(HISTORY_DAYS).num_seconds() as u64;
    let shipped_at = now - Duration::days(HISTORY_DAYS + 2)
        + Duration::seconds((i * span / count.max(1)) as i64);
    let placed_at = shipped_at - Duration::minutes(30 + rng.below(72 * 60) as i64);
    let country = CountryCode::parse(to.country).unwrap();
    let tz = recipient_zone(None, Some(&country), store_tz);
    let calendar = BusinessCalendar::for_carrier(Some(carrier));
    let shipped_on = shipped_at.with_timezone(&tz).date_naive();
    let delivered_on = calendar.add_business_days(shipped_on, days as u32);
    let delivered_at = delivered_on
        .and_time(NaiveTime::from_hms_opt(10 + rng.below(9) as u32, 17, 0).unwrap())
        .and_local_timezone(tz)
        .earliest()
        .unwrap()
        .with_timezone(&Utc);
    let polled_at = delivered_at + Duration::minutes(5 + rng.below(60) as i64);
    let placed_on = placed_at.with_timezone(&tz).date_naive();
    let region = to.regions[(lane % to.regions.len() as u64) as usize];
    Parcel {
        id: i as i64 + 1,
        order_number: format!("#H{i:08}"),
        order_key: format!("h{i:08}"),
        order_token: format!("o{i:023}"),
        email: format!("c{i}@example.com"),
        city: to.city,
        region,
        postal_code: postal_code(to.country, lane, rng.next(), true),
        country: to.country,
        placed_at: placed_at.timestamp_micros(),
        promise_from: calendar.add_business_days(placed_on, 2),
        promise_until: calendar.add_business_days(placed_on, base as u32 + 4),
        promise_ships_by: calendar.add_business_days(placed_on, 2),
        carrier,
        service,
        tracking_number: crate::rig::tracking_number(carrier, i as usize),
        token: format!("tk{i:022}"),
        shipped_at: shipped_at.timestamp_micros(),
        delivered_at: delivered_at.timestamp_micros(),
        polled_at: polled_at.timestamp_micros(),
        estimate_on: delivered_on,
        origin_region: to.origin,
        destination_region: region_key(Some(to.country), Some(region)),
        business_days: calendar.business_days_between(shipped_on, delivered_on),
        shipped_on,
        delivered_on,
    }
}

const ITEMS: &str =
    r#"[{"name":"Espresso beans","quantity":1,"sku":null,"variant":null,"image_url":null}]"#;

/// SQLite: `?1` the store, `?2` the parcels (a JSON array).
const SQLITE_ORDERS: &str = "INSERT INTO orders (id, store_id, order_number, order_key, token, \
    customer_name, customer_email, items, city, region, postal_code, country, placed_at, created_at, \
    promise_from, promise_until, promise_ships_by, promise_basis, placed_via, awaiting_parcel_since) \
    SELECT p.value ->> 'id', ?1, p.value ->> 'order_number', p.value ->> 'order_key', \
    p.value ->> 'order_token', 'Ana Lima', p.value ->> 'email', ?3, p.value ->> 'city', \
    nullif(p.value ->> 'region', ''), p.value ->> 'postal_code', p.value ->> 'country', \
    p.value ->> 'placed_at', (p.value ->> 'placed_at') + 2000000, p.value ->> 'promise_from', \
    p.value ->> 'promise_until', p.value ->> 'promise_ships_by', 'lane', 'api', \
    (p.value ->> 'placed_at') + 2000000 \
    FROM json_each(?2) AS p ORDER BY p.key";

const SQLITE_SHIPMENTS: &str = "INSERT INTO shipments (id, order_id, store_id, carrier, service, \
    tracking_number, token, stage, substatus, event_stage, event_substatus, carrier_estimated_delivery, \
    shipped_at, delivered_at, last_event_at, created_at, updated_at, next_poll_at, estimate_from, \
    estimate_until, estimate_confidence, estimate_basis, first_estimate_until, origin_region, \
    last_polled_at, poll_count) \
    SELECT p.value ->> 'id', p.value ->> 'id', ?1, p.value ->> 'carrier', p.value ->> 'service', \
    p.value ->> 'tracking_number', p.value ->> 'token', 'delivered', 'left_at_door', 'delivered', \
    'left_at_door', p.value ->> 'delivered_at', p.value ->> 'shipped_at', p.value ->> 'delivered_at', \
    p.value ->> 'delivered_at', (p.value ->> 'placed_at') + 2000000, p.value ->> 'polled_at', NULL, \
    p.value ->> 'estimate_on', p.value ->> 'estimate_on', 90, 'carrier', p.value ->> 'estimate_on', \
    p.value ->> 'origin_region', p.value ->> 'polled_at', 9 \
    FROM json_each(?2) AS p ORDER BY p.key";

/// In the order the pipeline would record them (each at its delivered scan's poll); the
/// lane columns by the pipeline's own expressions (`sqlite/events.rs`, `record_sample`).
const SQLITE_SAMPLES: &str = "INSERT INTO transit_samples (store_id, shipment_id, carrier, service, \
    origin_region, destination_region, business_days, shipped_on, delivered_on, recorded_at, \
    destination_country, postal_prefix) \
    SELECT ?1, s.id, p.value ->> 'carrier', p.value ->> 'service', p.value ->> 'origin_region', \
    p.value ->> 'destination_region', p.value ->> 'business_days', p.value ->> 'shipped_on', \
    p.value ->> 'delivered_on', p.value ->> 'polled_at', coalesce(upper(o.country), ''), \
    coalesce(upper(substr(replace(replace(o.postal_code, ' ', ''), '-', ''), 1, 3)), '') \
    FROM json_each(?2) AS p JOIN shipments s ON s.id = p.value ->> 'id' \
    JOIN orders o ON o.id = s.order_id ORDER BY p.value ->> 'polled_at'";

/// The parcels' fields on PostgreSQL.
const PG_PARCELS: &str = "jsonb_to_recordset($2::jsonb) AS p(id bigint, order_number text, \
    order_key text, order_token text, email text, city text, region text, postal_code text, \
    country text, placed_at bigint, promise_from date, promise_until date, promise_ships_by date, \
    carrier text, service text, tracking_number text, token text, shipped_at bigint, \
    delivered_at bigint, polled_at bigint, estimate_on date, origin_region text, \
    destination_region text, business_days int, shipped_on date, delivered_on date)";

fn pg_orders() -> String {
    format!(
        "INSERT INTO orders (id, store_id, order_number, order_key, token, customer_name, \
         customer_email, items, city, region, postal_code, country, placed_at, created_at, \
         promise_from, promise_until, promise_ships_by, promise_basis, placed_via, \
         awaiting_parcel_since, page_revision) OVERRIDING SYSTEM VALUE \
         SELECT p.id, $1, p.order_number, p.order_key, p.order_token, 'Ana Lima', p.email, $3::jsonb, \
         p.city, nullif(p.region, ''), p.postal_code, p.country, to_timestamp(p.placed_at / 1e6), \
         to_timestamp((p.placed_at + 2000000) / 1e6), p.promise_from, p.promise_until, \
         p.promise_ships_by, 'lane', 'api', NULL, 1 \
         FROM {PG_PARCELS} ORDER BY p.id"
    )
}

fn pg_shipments() -> String {
    format!(
        "INSERT INTO shipments (id, order_id, store_id, carrier, service, tracking_number, token, \
         stage, substatus, event_stage, event_substatus, carrier_estimated_delivery, shipped_at, \
         delivered_at, last_event_at, created_at, updated_at, next_poll_at, estimate_from, \
         estimate_until, estimate_confidence, estimate_basis, first_estimate_until, origin_region, \
         last_polled_at, poll_count) OVERRIDING SYSTEM VALUE \
         SELECT p.id, p.id, $1, p.carrier, p.service, p.tracking_number, p.token, 'delivered', \
         'left_at_door', 'delivered', 'left_at_door', to_timestamp(p.delivered_at / 1e6), \
         to_timestamp(p.shipped_at / 1e6), to_timestamp(p.delivered_at / 1e6), \
         to_timestamp(p.delivered_at / 1e6), to_timestamp((p.placed_at + 2000000) / 1e6), \
         to_timestamp(p.polled_at / 1e6), NULL, p.estimate_on, p.estimate_on, 90, 'carrier', \
         p.estimate_on, p.origin_region, to_timestamp(p.polled_at / 1e6), 9 \
         FROM {PG_PARCELS} ORDER BY p.id"
    )
}

/// As `postgres/events.rs`'s `record_sample` writes them.
fn pg_samples() -> String {
    format!(
        "INSERT INTO transit_samples (store_id, shipment_id, carrier, service, origin_region, \
         destination_region, business_days, shipped_on, delivered_on, recorded_at, \
         destination_country, postal_prefix) \
         SELECT $1, s.id, p.carrier, p.service, p.origin_region, p.destination_region, \
         p.business_days, p.shipped_on, p.delivered_on, to_timestamp(p.polled_at / 1e6), \
         coalesce(upper(o.country), ''), \
         coalesce(upper(substr(replace(replace(o.postal_code, ' ', ''), '-', ''), 1, 3)), '') \
         FROM {PG_PARCELS} JOIN shipments s ON s.id = p.id JOIN orders o ON o.id = s.order_id \
         ORDER BY p.polled_at"
    )
}

/// Writes `count` delivered parcels of one order each, [`CHUNK`] a transaction.
/// PostgreSQL gets the final rows with its triggers off (as the superuser the benchmark
/// expects); SQLite runs its triggers.
pub(crate) async fn seed_history(db: &BenchDb, tenant: i64, count: u64, now: DateTime<Utc>) {
    let store_tz = TimeZone::parse(CUSTOMER_TZ).unwrap().tz();
    let chunk = |lo: u64| -> Vec<Parcel> {
        (lo..(lo + CHUNK as u64).min(count))
            .map(|i| parcel(i, count, now, store_tz))
            .collect()
    };
    match db.backend {
        Backend::Sqlite => {
            let pool = sqlite_pool(&db.url, 1).await;
            for lo in (0..count).step_by(CHUNK) {
                let parcels = Json(chunk(lo));
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.unwrap();
                for (n, sql) in [SQLITE_ORDERS, SQLITE_SHIPMENTS, SQLITE_SAMPLES]
                    .into_iter()
                    .enumerate()
                {
                    let query = sqlx::query(sql).bind(tenant).bind(&parcels);
                    let query = if n == 0 { query.bind(ITEMS) } else { query };
                    query.execute(&mut *tx).await.unwrap();
                }
                tx.commit().await.unwrap();
            }
            // As after a quiet spell: the WAL written back into the database.
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
            let statements = [pg_orders(), pg_shipments(), pg_samples()];
            for lo in (0..count).step_by(CHUNK) {
                let parcels = Json(chunk(lo));
                let mut tx = pool.begin().await.unwrap();
                // Triggers off: the orders are written as the shipments' triggers would
                // leave them (page revision bumped once, no longer waiting for a parcel)
                // rather than each updated twice.
                sqlx::query("SET LOCAL session_replication_role = replica")
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                for (n, sql) in statements.iter().enumerate() {
                    let query = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                        .bind(tenant)
                        .bind(&parcels);
                    let query = if n == 0 { query.bind(ITEMS) } else { query };
                    query.execute(&mut *tx).await.unwrap();
                }
                tx.commit().await.unwrap();
            }
            for table in ["orders", "shipments"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )))
                .execute(&pool)
                .await
                .unwrap();
            }
            // What autovacuum does shortly after a bulk load: visibility map and statistics.
            for table in ["orders", "shipments", "transit_samples"] {
                sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM (ANALYZE) {table}")))
                    .execute(&pool)
                    .await
                    .unwrap();
            }
            pool.close().await;
        }
    }
}

/// A checkout's question: its query string and the history it should be answered from.
struct Ask {
    query: String,
    expected: &'static str,
}

/// `count` distinct lanes in random order: four in five seeded (answered from the lane
/// when it has enough deliveries), one in seven a postal prefix the history never went
/// to in a country it did (the country's), the rest countries it never went to (the
/// store's).
fn cold_lanes(count: usize, rng: &mut Rng) -> Vec<Ask> {
    let mut seen: Vec<Ask> = Vec::new();
    let mut unseen: Vec<Ask> = Vec::new();
    for to in &DESTINATIONS {
        for lane in 0..to.lanes {
            let code = postal_code(to.country, lane, rng.next(), true);
            seen.push(ask(to.country, &code, "lane"));
        }
        let unseen_lanes: u64 = match to.country {
            "US" | "DE" => 10,
            "CA" => 2160,
            "GB" => 400,
            "FR" => 40,
            "AU" => 200,
            _ => 100,
        };
        for lane in 0..unseen_lanes {
            let code = postal_code(to.country, lane, rng.next(), false);
            unseen.push(ask(to.country, &code, "country"));
        }
    }
    let mut elsewhere: Vec<Ask> = (0..900)
        .flat_map(|lane| {
            let (jp, it) = (
                postal_code("JP", lane, rng.next(), false),
                postal_code("IT", lane, rng.next(), false),
            );
            [ask("JP", &jp, "store"), ask("IT", &it, "store")]
        })
        .collect();
    for list in [&mut seen, &mut unseen, &mut elsewhere] {
        shuffle(list, rng);
    }
    let unseen_count = count / 7;
    let elsewhere_count = count / 20;
    let seen_count = count - unseen_count - elsewhere_count;
    assert!(
        seen_count <= seen.len() && unseen_count <= unseen.len(),
        "at most {} distinct lanes",
        seen.len() * 5 / 4
    );
    let mut asks: Vec<Ask> = seen.into_iter().take(seen_count).collect();
    asks.extend(unseen.into_iter().take(unseen_count));
    asks.extend(elsewhere.into_iter().take(elsewhere_count));
    shuffle(&mut asks, rng);
    asks
}

fn ask(country: &str, postal_code: &str, expected: &'static str) -> Ask {
    Ask {
        query: format!(
            "country={country}&postal_code={}",
            postal_code.replace(' ', "+")
        ),
        expected,
    }
}

fn shuffle<T>(list: &mut [T], rng: &mut Rng) {
    for i in (1..list.len()).rev() {
        list.swap(i, rng.below(i as u64 + 1) as usize);
    }
}

/// One request; its time in ms and the answer's basis.
async fn get(client: &reqwest::Client, url: &str) -> (f64, String) {
    let started = Instant::now();
    let response = client.get(url).send().await.unwrap();
    let status = response.status();
    let body: serde_json::Value = response.json().await.unwrap();
    let ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(status, 200, "{url}: {body}");
    (ms, body["basis"].as_str().unwrap_or_default().to_owned())
}

fn line(label: &str, ms: Vec<f64>) -> String {
    let ms = sorted(ms);
    format!(
        "{label}: {} requests, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms.len(),
        pct(&ms, 50.0),
        pct(&ms, 95.0),
        pct(&ms, 99.0),
        ms.last().copied().unwrap_or(f64::NAN)
    )
}

pub(crate) async fn promise(args: &[String]) {
    let backend = match arg(args, "--db").as_deref() {
        Some("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    let shipments: u64 = num(args, "--shipments", 1_000_000);
    let cold: usize = num(args, "--cold", 3000);
    let warm_lanes: usize = num(args, "--warm-lanes", 500);
    let seconds: f64 = num(args, "--seconds", 10.0);
    let concurrency: usize = num(args, "--concurrency", 32);

    let db = match backend {
        Backend::Sqlite => fresh_db(backend, "", "promise").await,
        Backend::Postgres => fresh_pg_database(&postgres_base(args), "promise").await,
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&db.url, clock.clone()).await.unwrap();
    let tenant = new_tenant(store.as_ref()).await;
    let now = Utc::now();
    let started = Instant::now();
    seed_history(&db, tenant.0, shipments, now).await;
    let size = match backend {
        Backend::Sqlite => {
            std::fs::metadata(db.url.trim_start_matches("sqlite://")).map_or(0, |m| m.len())
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
            let size: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
                .fetch_one(&pool)
                .await
                .unwrap();
            pool.close().await;
            size as u64
        }
    };
    println!(
        "promise {backend:?}: {shipments} delivered parcels over {HISTORY_DAYS} days seeded in {:.1} s, \
         database {:.0} MiB",
        started.elapsed().as_secs_f64(),
        size as f64 / 1_048_576.0
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = serve_config(&db.url, addr);
    let state = AppState::new(config, store, clock).unwrap();
    let limits = state.config.http;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(wismo_server::listen::serve_on(
        listener,
        wismo_server::router(state),
        limits,
        async move {
            let _ = stopped.await;
        },
    ));
    let base = format!("http://{addr}/acme-bench/promise.json");
    let client = wismo_carriers::adapters::client(std::time::Duration::from_secs(30));
    // The store itself, read once and kept like every visitor's.
    get(&client, &format!("{base}?country=US&postal_code=97201")).await;

    let mut rng = Rng(14);
    let asks = cold_lanes(cold, &mut rng);
    let mut by_basis: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut all = Vec::with_capacity(asks.len());
    let mut unexpected = 0;
    for a in &asks {
        let (ms, basis) = get(&client, &format!("{base}?{}", a.query)).await;
        unexpected += usize::from(basis != a.expected);
        all.push(ms);
        by_basis.entry(basis).or_default().push(ms);
    }
    println!(
        "{}",
        line(
            "cold (a lane this process has not read, one at a time)",
            all
        )
    );
    for (basis, ms) in by_basis {
        println!("{}", line(&format!("  answered from {basis}"), ms));
    }
    println!(
        "  {unexpected} of {} lanes answered from a level other than their own (a seeded lane \
         without enough deliveries by its usual carrier falls back)",
        asks.len()
    );

    // Lanes the cold pass read, so each answer comes from the process's cache.
    let warm: Arc<Vec<String>> = Arc::new(
        asks.iter()
            .take(warm_lanes)
            .map(|a| format!("{base}?{}", a.query))
            .collect(),
    );
    let running = Arc::new(AtomicBool::new(true));
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|n| {
            let (client, warm, running) = (client.clone(), warm.clone(), running.clone());
            tokio::spawn(async move {
                let mut ms = Vec::new();
                let mut i = n * 7919;
                while running.load(Ordering::Relaxed) {
                    ms.push(get(&client, &warm[i % warm.len()]).await.0);
                    i += 1;
                }
                ms
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_secs_f64(seconds)).await;
    running.store(false, Ordering::Relaxed);
    let mut ms = Vec::new();
    for task in tasks {
        ms.extend(task.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{}, {:.0} requests/s",
        line(
            &format!(
                "warm ({} kept lanes, {concurrency} clients at once, {seconds} s)",
                warm.len()
            ),
            ms.clone()
        ),
        ms.len() as f64 / elapsed
    );

    let _ = stop.send(());
    server.await.unwrap();
    if args.iter().any(|a| a == "--keep") {
        println!("promise [{backend:?}]: kept for inspection: {}", db.url);
    } else {
        db.remove().await;
    }
}
