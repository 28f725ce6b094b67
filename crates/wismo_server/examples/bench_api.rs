//! Benchmarks wismo through its real HTTP server (see bench/README.md).
//!
//! `bench_api create-orders --database-url URL [--orders 10000] [--concurrency 16]`
//!     serves wismo on a loopback port and creates orders of one shipment through
//!     `POST /api/v1/orders`; prints throughput and latency percentiles.
//! `bench_api shopify-deliveries --database-url URL [--deliveries 10000] [--concurrency 16]`
//!     serves wismo on a loopback port and posts signed Shopify `orders/create` deliveries to
//!     `/integrations/shopify/{store}` (kept and queued, not processed); prints the deliveries
//!     accepted per second and latency percentiles.
//! `bench_api seed-and-serve --database-url URL --shipments 100000 --tokens FILE --listen ADDR`
//!     stores that many shipments, writes their tracking paths to FILE (one per line), and
//!     serves until killed, for wrk to load `/t/{token}`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};
use wismo_domain::{
    Clock, Customer, Destination, Locale, NewOrder, NewShipment, NewStore, OrderNumber, StoreSlug,
    SystemClock, TimeZone, TrackingNumber,
};
use wismo_server::config::{Config, Layer};
use wismo_server::{AppState, keys};
use wismo_store::{NewApiKey, Store};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).cloned().unwrap_or_default();
    let url = arg(&args, "--database-url").expect("--database-url URL");
    let listen = arg(&args, "--listen").unwrap_or_else(|| "127.0.0.1:0".into());
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&url, clock.clone())
        .await
        .expect("database");
    let slug = format!("bench-{:08x}", rand::random::<u32>());
    let tenant = store
        .create_store(&NewStore {
            slug: StoreSlug::parse(&slug).unwrap(),
            name: "Bench Store".into(),
            default_locale: Locale::default(),
            timezone: TimeZone::default(),
        })
        .await
        .unwrap();
    let key = keys::generate();
    store
        .create_api_key(
            tenant.id,
            &NewApiKey {
                name: "bench".into(),
                prefix: key.prefix.clone(),
                hash: key.hash.clone(),
            },
        )
        .await
        .unwrap();

    let listener = tokio::net::TcpListener::bind(&listen).await.expect("bind");
    let addr = listener.local_addr().unwrap();
    let config = Config::load(
        None,
        wismo_server::config::Env::default(),
        Layer {
            database_url: Some(url.clone()),
            listen: Some(addr.to_string()),
            secret_key: Some(wismo_domain::Secret::new(
                "K09eyw+We2CM6jBPMX7nnY8iF9ZXqHoT1JS5C7vL+aM=",
            )),
            ..Layer::default()
        },
    )
    .unwrap();
    let state = AppState::new(config, store.clone(), clock).unwrap();

    match mode.as_str() {
        "create-orders" => {
            tokio::spawn(async move { axum::serve(listener, wismo_server::router(state)).await });
            let orders: usize = arg(&args, "--orders").map_or(10_000, |n| n.parse().unwrap());
            let concurrency: usize = arg(&args, "--concurrency").map_or(16, |n| n.parse().unwrap());
            create_orders(
                &format!("http://{addr}"),
                &key.secret,
                orders,
                concurrency,
                store.backend(),
            )
            .await;
        }
        "shopify-deliveries" => {
            let secret = "bench-shopify-signing-key";
            wismo_server::integrations::add(
                store.as_ref(),
                &state.secrets,
                &format!("http://{addr}"),
                &tenant,
                wismo_domain::platform::Platform::Shopify,
                Some(wismo_domain::Secret::new(secret)),
            )
            .await
            .unwrap();
            tokio::spawn(async move { axum::serve(listener, wismo_server::router(state)).await });
            let deliveries: usize =
                arg(&args, "--deliveries").map_or(10_000, |n| n.parse().unwrap());
            let concurrency: usize = arg(&args, "--concurrency").map_or(16, |n| n.parse().unwrap());
            shopify_deliveries(
                &format!("http://{addr}/integrations/shopify/{slug}"),
                secret,
                deliveries,
                concurrency,
                store.backend(),
            )
            .await;
        }
        "seed-and-serve" => {
            let shipments: usize =
                arg(&args, "--shipments").map_or(100_000, |n| n.parse().unwrap());
            let tokens = arg(&args, "--tokens").expect("--tokens FILE");
            seed(store.as_ref(), tenant.id, shipments, &tokens).await;
            eprintln!("serving on http://{addr}");
            axum::serve(listener, wismo_server::router(state))
                .await
                .unwrap();
        }
        _ => panic!("usage: bench_api create-orders|seed-and-serve --database-url URL …"),
    }
}

async fn create_orders(
    base: &str,
    key: &str,
    orders: usize,
    concurrency: usize,
    backend: wismo_store::Backend,
) {
    let client = wismo_carriers::adapters::client(Duration::from_secs(30));
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, next, base, key) = (
            client.clone(),
            next.clone(),
            base.to_owned(),
            key.to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if n >= orders {
                    return latencies;
                }
                let body = serde_json::json!({
                    "order_number": format!("#B{n:07}"),
                    "customer": { "name": "Ana Lima", "email": "ana@example.com", "locale": "en" },
                    "destination": { "city": "Portland", "region": "OR", "postal_code": "97201", "country": "US" },
                    "items": [{ "name": "Espresso beans", "quantity": 1 }],
                    "shipments": [{ "tracking_number": format!("1ZBENCH{n:011}"), "carrier": "ups" }],
                });
                let t = Instant::now();
                let res = client.post(format!("{base}/api/v1/orders")).bearer_auth(&key).json(&body).send().await.unwrap();
                assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
                let _ = res.bytes().await;
                latencies.push(t.elapsed());
            }
        }));
    }
    let mut latencies: Vec<Duration> = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "create-orders backend={backend:?} orders={orders} concurrency={concurrency} elapsed={:.2}s throughput={:.0} orders/s p50={:.2}ms p99={:.2}ms",
        elapsed.as_secs_f64(),
        orders as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
    );
}

async fn shopify_deliveries(
    url: &str,
    secret: &str,
    deliveries: usize,
    concurrency: usize,
    backend: wismo_store::Backend,
) {
    use base64::Engine as _;
    let client = wismo_carriers::adapters::client(Duration::from_secs(30));
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, next, url, key) = (client.clone(), next.clone(), url.to_owned(), key.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if n >= deliveries {
                    return latencies;
                }
                // A typical order: two line items, a shipping address, no fulfilment yet.
                let body = serde_json::json!({
                    "id": 6_000_000_000_000_i64 + n as i64, "name": format!("#B{n}"), "order_number": n,
                    "email": "ana@example.com", "customer_locale": "en-US",
                    "created_at": "2026-03-02T10:15:42-05:00", "updated_at": "2026-03-02T10:15:42-05:00",
                    "customer": { "first_name": "Ana", "last_name": "Lima" },
                    "shipping_address": { "name": "Ana Lima", "address1": "1 Main St", "city": "Portland",
                        "province_code": "OR", "zip": "97201", "country_code": "US" },
                    "line_items": [
                        { "id": 1, "title": "Espresso beans", "variant_title": "1 kg", "sku": "EB-1", "quantity": 2 },
                        { "id": 2, "title": "Mug", "variant_title": "Blue", "sku": "MUG-B", "quantity": 1 }
                    ],
                    "fulfillments": []
                })
                .to_string();
                let signature = base64::engine::general_purpose::STANDARD
                    .encode(ring::hmac::sign(&key, body.as_bytes()).as_ref());
                let t = Instant::now();
                let res = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .header("x-shopify-topic", "orders/create")
                    .header("x-shopify-webhook-id", format!("bench-{n}"))
                    .header("x-shopify-hmac-sha256", signature)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
                let _ = res.bytes().await;
                latencies.push(t.elapsed());
            }
        }));
    }
    let mut latencies: Vec<Duration> = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "shopify-deliveries backend={backend:?} deliveries={deliveries} concurrency={concurrency} elapsed={:.2}s throughput={:.0} deliveries/s p50={:.2}ms p99={:.2}ms",
        elapsed.as_secs_f64(),
        deliveries as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
    );
}

async fn seed(
    store: &dyn Store,
    tenant: wismo_domain::StoreId,
    shipments: usize,
    tokens_file: &str,
) {
    let started = Instant::now();
    let mut lines = String::new();
    for n in 0..shipments {
        let order = store
            .create_order(
                tenant,
                &NewOrder {
                    order_number: OrderNumber::parse(&format!("#S{n:07}")).unwrap(),
                    external_id: None,
                    token: wismo_domain::OrderToken::generate(),
                    customer: Customer {
                        name: Some("Ana Lima".into()),
                        ..Customer::default()
                    },
                    items: Vec::new(),
                    destination: Destination::default(),
                    placed_at: None,
                    promised_date: None,
                    promise: None,
                    shipments: vec![NewShipment::new(
                        TrackingNumber::parse(&format!("1ZSEED{n:012}")).unwrap(),
                        None,
                        None,
                    )],
                    source: wismo_domain::OrderSource::Api,
                },
            )
            .await
            .unwrap();
        let s = &order.shipments[0];
        let at = chrono::Utc::now() - chrono::Duration::hours(30);
        let events: Vec<_> = [
            (wismo_domain::Stage::InfoReceived, 0),
            (wismo_domain::Stage::InTransit, 6),
            (wismo_domain::Stage::InTransit, 18),
        ]
        .into_iter()
        .map(|(stage, h)| {
            wismo_domain::NewEvent::new(
                (at + chrono::Duration::hours(h)).fixed_offset(),
                stage,
                None,
                format!("{stage} scan"),
                Some("Louisville, KY, US".into()),
                None,
                wismo_domain::EventSource::Sandbox,
            )
        })
        .collect();
        store.record_events(tenant, s.id, &events).await.unwrap();
        lines.push_str(&format!("/t/{}\n", s.token));
        if (n + 1) % 10_000 == 0 {
            eprintln!(
                "seeded {} shipments in {:.1}s",
                n + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    std::fs::write(tokens_file, lines).unwrap();
}
