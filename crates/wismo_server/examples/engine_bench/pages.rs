//! `engine_bench serve-pages`: the public tracking page `/t/{token}` served by the real
//! router over a bulk-seeded SQLite database, for wrk (see bench/tracking_page.sh).
//!
//! The shipments are [`Seed::Active`] (in transit, shipped a day ago, a carrier estimate
//! two days out), each with three scans (label created 30 h ago, picked up 24 h ago,
//! departed a facility 6 h ago), and the store has a full branding (colours, a font, a
//! header message, three FAQ entries, support e-mail and phone, footer links), so the page
//! is the size a customer gets. The database lives in the temporary directory
//! (`$TMPDIR`) and is removed on SIGINT or SIGTERM.

use chrono::{DateTime, Utc};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;
use wismo_domain::{Branding, Clock, Email, FaqEntry, FooterLink, HexColor, SystemClock};
use wismo_server::AppState;
use wismo_server::config::LogFormat;

use crate::rig::{Backend, fresh_db, new_tenant, serve_config, sqlite_pool};
use crate::seed::{SEED_CHUNK, Seed, seed};
use crate::{CUSTOMER_TZ, arg, num};

/// Three scans per shipment, in shipment order (`CROSS JOIN` keeps `n` the outer loop, so
/// rows arrive in index order). `?3` is now in µs; `dedupe_key` is unique per shipment.
const SQLITE_EVENTS: &str = "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2), \
    e(k, stage, substatus, description, location, code, hours_ago) AS (VALUES \
        (0, 'info_received', 'registered', 'Shipper created a label, UPS has not received the package yet.', \
            'United States', 'MP', 30), \
        (1, 'in_transit', 'picked_up', 'Pickup Scan', 'Louisville, KY, US', 'OR', 24), \
        (2, 'in_transit', 'departed_facility', 'Departed from Facility', 'Hodgkins, IL, US', 'DP', 6)) \
    INSERT INTO tracking_events (shipment_id, occurred_at, occurred_offset_secs, stage, substatus, description, \
        location, carrier_code, source, dedupe_key, recorded_at) \
    SELECT i + 1, ?3 - e.hours_ago * 3600000000, -18000, e.stage, e.substatus, e.description, e.location, \
        e.code, 'poll', printf('bench-%d', e.k), ?3 - e.hours_ago * 3600000000 + 600000000 \
    FROM n CROSS JOIN e";

/// What a store that set up its page has.
fn branding() -> Branding {
    let faq = |question: &str, answer: &str| FaqEntry {
        question: question.into(),
        answer: answer.into(),
    };
    Branding {
        primary_color: Some(HexColor::parse("#1d4ed8").unwrap()),
        accent_color: Some(HexColor::parse("#15803d").unwrap()),
        font: Some("humanist".into()),
        header_message: Some(
            "Thanks for your order! Parcels leave our **Kentucky** roastery within one business day."
                .into(),
        ),
        support_email: Some(Email::parse("help@acme.example").unwrap()),
        support_phone: Some("+1 (503) 555-0142".into()),
        faq: vec![
            faq(
                "When will my order arrive?",
                "Most parcels arrive in **3–5 business days**. The estimate above comes from the carrier and updates with every scan.",
            ),
            faq(
                "Can I change my delivery address?",
                "Once a parcel has shipped only the carrier can redirect it. Use the form above and we will ask them for you.",
            ),
            faq(
                "What if my parcel is damaged?",
                "Keep the packaging and tell us within 14 days; we send a replacement or refund you, whichever you prefer.",
            ),
        ],
        footer_links: vec![
            FooterLink {
                label: "Returns".into(),
                url: "https://acme.example/returns".into(),
            },
            FooterLink {
                label: "Shop".into(),
                url: "https://acme.example/".into(),
            },
        ],
        ..Branding::default()
    }
}

/// Three scans for each of shipments `1..=count` (see [`SQLITE_EVENTS`]), in
/// transactions of [`SEED_CHUNK`] shipments.
async fn seed_events(url: &str, count: i64, now: DateTime<Utc>) {
    let pool = sqlite_pool(url, 1).await;
    let mut lo = 0;
    while lo < count {
        let hi = (lo + SEED_CHUNK).min(count);
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.unwrap();
        sqlx::query(SQLITE_EVENTS)
            .bind(lo)
            .bind(hi)
            .bind(now.timestamp_micros())
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        lo = hi;
    }
    // Leave the database file whole: an empty WAL, as after a quiet spell.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
}

pub(crate) async fn serve_pages(args: &[String]) {
    let shipments: i64 = num(args, "--shipments", 1_000_000);
    let stored: i64 = num(args, "--stored", shipments / 2).min(shipments);
    let tokens = arg(args, "--tokens").expect("--tokens FILE");
    let new_tokens = arg(args, "--new-tokens");
    let changed: i64 = num(args, "--changed", 20_000).min(stored);
    let changed_tokens = arg(args, "--changed-tokens");
    let listen = arg(args, "--listen").unwrap_or_else(|| "127.0.0.1:0".into());
    if args.iter().any(|a| a == "--log") {
        // As `wismo serve` logs by default: a line per response on stderr.
        wismo_server::telemetry::init(LogFormat::Text);
    }

    let db = fresh_db(Backend::Sqlite, "", "pages").await;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&db.url, clock.clone()).await.unwrap();
    let tenant = new_tenant(store.as_ref()).await;
    store
        .update_branding(tenant, &branding(), &[])
        .await
        .unwrap();
    let now = Utc::now();
    let started = Instant::now();
    seed(&db, tenant, shipments, Seed::Active, now).await;
    let seeded = started.elapsed().as_secs_f64();
    seed_events(&db.url, shipments, now).await;
    let with_events = started.elapsed().as_secs_f64();
    let size = std::fs::metadata(db.url.trim_start_matches("sqlite://")).map_or(0, |m| m.len());
    eprintln!(
        "serve-pages: {shipments} shipments in transit ({seeded:.1} s) and {} scans ({:.1} s), \
         database {:.0} MiB",
        3 * shipments,
        with_events - seeded,
        size as f64 / 1048576.0
    );

    // The tokens `seed` gives: `tk` and the shipment's number in 22 digits. The first
    // `stored` were viewed once before serving, so their pages are stored; the rest never.
    let path = |i: i64| format!("/t/tk{i:022}");
    let mut lines = String::with_capacity(stored as usize * 30);
    for i in 0..stored {
        writeln!(lines, "{}", path(i)).unwrap();
    }
    let mut new_lines = String::with_capacity((shipments - stored) as usize * 30);
    for i in stored..shipments {
        writeln!(new_lines, "{}", path(i)).unwrap();
    }
    let listener = tokio::net::TcpListener::bind(&listen).await.expect("bind");
    let addr = listener.local_addr().unwrap();
    let config = serve_config(&db.url, addr);
    let state = AppState::new(config, store, clock).unwrap();
    view_once(&state, &db.url, stored).await;
    // Pages viewed once whose parcels then had news: a scan through the pipeline.
    scan_again(&state, tenant, &db.url, changed).await;
    let mut changed_lines = String::with_capacity(changed as usize * 30);
    for i in 0..changed {
        writeln!(changed_lines, "{}", path(i)).unwrap();
    }
    // Written last: a non-empty file means the server is about to answer.
    if let Some(new_tokens) = new_tokens {
        std::fs::write(new_tokens, new_lines).unwrap();
    }
    if let Some(changed_tokens) = changed_tokens {
        std::fs::write(changed_tokens, changed_lines).unwrap();
    }
    std::fs::write(&tokens, lines).unwrap();
    eprintln!("serve-pages: serving on http://{addr} (customers in {CUSTOMER_TZ})");
    // The accept loop `wismo serve` uses, with its default limits.
    let limits = state.config.http;
    wismo_server::listen::serve_on(listener, wismo_server::router(state), limits, shutdown()).await;
    db.remove().await;
    eprintln!("serve-pages: stopped, database removed");
}

/// Views the pages of shipments `1..=count` once, through the router, two at a time (the
/// machine's cores), until every one is stored: a full queue of pages to keep drops some,
/// which the next pass views again.
async fn view_once(state: &AppState, url: &str, count: i64) {
    use tower::ServiceExt;
    let started = Instant::now();
    let pool = sqlite_pool(url, 1).await;
    let router = wismo_server::router(state.clone());
    let missing = "SELECT s.token FROM shipments s WHERE s.id <= ?1 \
        AND NOT EXISTS (SELECT 1 FROM page_snapshots p WHERE p.shipment_id = s.id) ORDER BY s.id";
    let mut views = 0;
    for _ in 0..50 {
        let tokens: Vec<String> = sqlx::query_scalar(missing)
            .bind(count)
            .fetch_all(&pool)
            .await
            .unwrap();
        if tokens.is_empty() {
            break;
        }
        views += tokens.len();
        let tokens = Arc::new(tokens);
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let tasks: Vec<_> = (0..2)
            .map(|_| {
                let (router, tokens, next) = (router.clone(), tokens.clone(), next.clone());
                tokio::spawn(async move {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(token) = tokens.get(i) else { break };
                        let request = axum::http::Request::get(format!("/t/{token}"))
                            .body(axum::body::Body::empty())
                            .unwrap();
                        let response = router.clone().oneshot(request).await.unwrap();
                        assert_eq!(response.status(), 200);
                        // A page view never waits here, so give the task that stores
                        // pages its turns, as a socket's waits do in the server.
                        tokio::task::yield_now().await;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        // Let the queue drain: wait until no more pages arrive.
        let mut before = -1;
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let now = kept(&pool).await;
            if now == before {
                break;
            }
            before = now;
        }
    }
    let kept = kept(&pool).await;
    assert_eq!(kept, count, "every viewed page is stored");
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    eprintln!(
        "serve-pages: viewed {count} pages once ({views} views, {:.1} s), so they are stored",
        started.elapsed().as_secs_f64()
    );
}

/// A new scan ("arrived at facility", an hour ago) for shipments `1..=count`, whose pages
/// were viewed and stored, through the server's own door into the pipeline, two at a time:
/// their stored pages are out of date at once, and are rendered again ahead of any view.
/// Waits until every one is kept again (or no more arrive), and says how many and how fast.
async fn scan_again(state: &AppState, tenant: wismo_domain::StoreId, url: &str, count: i64) {
    use wismo_domain::{EventSource, NewEvent, ShipmentId, Stage, Substatus, TrackingUpdate};
    if count == 0 {
        return;
    }
    let started = Instant::now();
    let at = (Utc::now() - chrono::Duration::hours(1)).fixed_offset();
    let next = Arc::new(std::sync::atomic::AtomicI64::new(1));
    let tasks: Vec<_> = (0..2)
        .map(|_| {
            let (ingest, next) = (state.ingest.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let id = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if id > count {
                        break;
                    }
                    let update = TrackingUpdate::events(vec![NewEvent {
                        occurred_at: at,
                        stage: Stage::InTransit,
                        substatus: Some(Substatus::ArrivedAtFacility),
                        description: "Arrived at Facility".into(),
                        location: Some("Portland, OR, US".into()),
                        carrier_code: Some("AR".into()),
                        source: EventSource::Push,
                        dedupe_key: "bench-again".into(),
                    }]);
                    let recorded = ingest
                        .update(tenant, ShipmentId(id), &update, EventSource::Push)
                        .await
                        .unwrap();
                    assert_eq!(recorded.inserted, 1, "a new scan");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let scanned = started.elapsed().as_secs_f64();
    let pool = sqlite_pool(url, 1).await;
    let again = "SELECT count(*) FROM page_snapshots WHERE shipment_id <= ?1";
    let mut before = -1;
    let ready = loop {
        let now: i64 = sqlx::query_scalar(again)
            .bind(count)
            .fetch_one(&pool)
            .await
            .unwrap();
        if now == count || now == before {
            break now;
        }
        before = now;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    };
    pool.close().await;
    eprintln!(
        "serve-pages: a new scan for {count} viewed parcels through the pipeline ({scanned:.1} s, \
         {:.0}/s); {ready} of their pages rendered again ahead of any view ({:.1} s in all)",
        count as f64 / scanned,
        started.elapsed().as_secs_f64()
    );
}

async fn kept(pool: &sqlx::SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM page_snapshots")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The first SIGINT or SIGTERM.
async fn shutdown() {
    let mut term =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).unwrap();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
