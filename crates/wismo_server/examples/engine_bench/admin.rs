//! `engine_bench admin`: the merchant admin over a big store (see bench/README.md, "The
//! admin"): the attention list with its counts, search, and an order's page, through the
//! real router with a signed-in session.
//!
//! The store is the promise benchmark's delivered history (`promise::seed_history`: one
//! order and one parcel each, over two years), with one parcel in 97 put in trouble
//! (exception, delayed or action required, since a time in the last 30 days) and every
//! customer given a name of their own (a word every name shares, a number, and a family
//! name one customer in 997 shares), so a search by name has many or few orders to find.

use chrono::Utc;
use std::sync::Arc;
use std::time::Instant;
use wismo_domain::admin::Role;
use wismo_domain::{Clock, Email, SystemClock};
use wismo_server::AppState;
use wismo_store::admin::{NewSession, NewUser};

use crate::rig::{Backend, fresh_db, fresh_pg_database, new_tenant, serve_config};
use crate::{Rng, arg, num, pct, postgres_base, sorted};

/// The trouble: one parcel in 97, by stage in turn, since up to 30 days ago.
const TROUBLE: &str = "UPDATE shipments SET \
    stage = CASE id % 3 WHEN 0 THEN 'exception' WHEN 1 THEN 'delayed' ELSE 'action_required' END, \
    substatus = CASE id % 3 WHEN 0 THEN 'damaged' WHEN 1 THEN 'carrier_delay' ELSE 'address_problem' END, \
    delivered_at = NULL WHERE id % 97 = 0";

/// Every customer's name: a word every name shares, a number of its own, and a family name
/// shared by one customer in 997 (`Customer 42 Family42`).
const NAMES: &str =
    "UPDATE orders SET customer_name = 'Customer ' || id || ' Family' || (id % 997)";

/// A search's query for the `i`-th order.
type Query = Box<dyn Fn(u64) -> String>;

async fn timed(client: &reqwest::Client, url: &str, cookie: &str) -> f64 {
    let started = Instant::now();
    let response = client
        .get(url)
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    let ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(status, 200, "{url}: {}", &body[..body.len().min(300)]);
    ms
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

pub(crate) async fn admin(args: &[String]) {
    let backend = match arg(args, "--db").as_deref() {
        Some("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    let shipments: u64 = num(args, "--shipments", 1_000_000);
    let rounds: usize = num(args, "--rounds", 200);
    let db = match backend {
        Backend::Sqlite => fresh_db(backend, "", "admin").await,
        Backend::Postgres => fresh_pg_database(&postgres_base(args), "admin").await,
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&db.url, clock.clone()).await.unwrap();
    let tenant = new_tenant(store.as_ref()).await;
    let started = Instant::now();
    crate::promise::seed_history(&db, tenant.0, shipments, Utc::now()).await;
    let now_us = Utc::now().timestamp_micros();
    match backend {
        Backend::Sqlite => {
            let pool = crate::rig::sqlite_pool(&db.url, 1).await;
            sqlx::query(TROUBLE).execute(&pool).await.unwrap();
            sqlx::query(
                "UPDATE shipments SET last_event_at = ?1 - (id % 30) * 86400000000 WHERE id % 97 = 0",
            )
            .bind(now_us)
            .execute(&pool)
            .await
            .unwrap();
            sqlx::query(NAMES).execute(&pool).await.unwrap();
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&pool)
                .await
                .unwrap();
            sqlx::query("ANALYZE").execute(&pool).await.unwrap();
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
            sqlx::query(TROUBLE).execute(&pool).await.unwrap();
            sqlx::query(
                "UPDATE shipments SET last_event_at = now() - (id % 30) * interval '1 day' WHERE id % 97 = 0",
            )
            .execute(&pool)
            .await
            .unwrap();
            sqlx::query(NAMES).execute(&pool).await.unwrap();
            for table in ["orders", "shipments"] {
                sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM (ANALYZE) {table}")))
                    .execute(&pool)
                    .await
                    .unwrap();
            }
            pool.close().await;
        }
    }
    println!(
        "admin {backend:?}: {shipments} parcels ({} in trouble) seeded in {:.1} s",
        shipments / 97,
        started.elapsed().as_secs_f64()
    );

    // An owner with a live session, as signing in leaves one.
    let user = store
        .create_user(&NewUser {
            store_id: tenant,
            email: Email::parse("owner@bench.example").unwrap(),
            role: Role::Owner,
            password_hash: None,
        })
        .await
        .unwrap();
    let raw = "bench-session-value-0123456789abcdef";
    store
        .create_session(&NewSession {
            id_hash: wismo_server::keys::hash(raw),
            user: user.id,
            csrf: "bench-csrf".into(),
        })
        .await
        .unwrap();
    let cookie = format!("wismo_admin={raw}");

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
    let base = format!("http://{addr}/admin");
    let client = wismo_carriers::adapters::client(std::time::Duration::from_secs(60));
    let count = shipments.max(1);
    let mut rng = Rng(97);
    let mut pick = || rng.below(count);

    let mut home = Vec::new();
    for _ in 0..rounds {
        home.push(timed(&client, &base, &cookie).await);
    }
    println!("{}", line("attention list with counts (/admin)", home));
    let mut kinds = Vec::new();
    for kind in ["exception", "delayed", "action_required", "expired"] {
        for _ in 0..rounds / 4 {
            kinds.push(timed(&client, &format!("{base}?kind={kind}"), &cookie).await);
        }
    }
    println!("{}", line("one kind (/admin?kind=…)", kinds));
    let searches: [(&str, Query); 5] = [
        ("order number", Box::new(|i| format!("H{i:08}"))),
        (
            "customer email",
            Box::new(|i| format!("c{i}%40example.com")),
        ),
        (
            "a family name (1 in 997 share it)",
            Box::new(|i| format!("family{}", (i + 1) % 997)),
        ),
        (
            "a name's words, one of them every name's",
            Box::new(|i| format!("customer+{}", i + 1)),
        ),
        ("nothing found", Box::new(|i| format!("zz{i}qq"))),
    ];
    for (label, query) in &searches {
        let mut ms = Vec::new();
        for _ in 0..rounds {
            let q = query(pick());
            ms.push(timed(&client, &format!("{base}?q={q}"), &cookie).await);
        }
        println!("{}", line(&format!("search by {label}"), ms));
    }
    let mut orders = Vec::new();
    for _ in 0..rounds {
        let id = pick() + 1;
        orders.push(timed(&client, &format!("{base}/orders/{id}"), &cookie).await);
    }
    println!("{}", line("an order's page (/admin/orders/{id})", orders));

    let _ = stop.send(());
    server.await.unwrap();
    if args.iter().any(|a| a == "--keep") {
        println!("admin [{backend:?}]: kept for inspection: {}", db.url);
    } else {
        db.remove().await;
    }
}
