//! Benchmarks how long a customer waits for news (see bench/README.md): `notify_latency
//! --database-url URL [--orders 5000] [--rate 1000] [--runners 1] [--concurrency 16]` creates that many
//! one-parcel orders (burst window 0), runs the `notify` queue's job runner as `wismo
//! serve` does, then feeds an out-for-delivery scan per parcel through the ingest path at
//! a steady rate, and prints the latency from each event's ingest to the SMTP server's
//! acceptance of its email (wismo's capture server on loopback), with the rate achieved.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;
use wismo_domain::notify::NotifyPolicy;
use wismo_domain::{
    Clock, Customer, Destination, Email, EventSource, Locale, NewEvent, NewOrder, NewShipment,
    NewStore, OrderNumber, Stage, StoreSlug, SystemClock, TimeZone, TrackingNumber, TrackingUpdate,
};
use wismo_server::config::EmailSettings;
use wismo_server::ingest::Ingest;
use wismo_server::jobs::{self, JobContext, Notifier};
use wismo_server::mail::Mailer;
use wismo_server::outbound::Outbound;
use wismo_server::secrets::SecretBox;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// When each event arrived and when the pipeline had recorded it.
#[derive(Debug, Clone, Copy)]
struct Ingested {
    arrived: DateTime<Utc>,
    recorded: DateTime<Utc>,
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = arg(&args, "--database-url").expect("--database-url URL");
    let orders: usize = arg(&args, "--orders").map_or(5000, |n| n.parse().unwrap());
    let rate: f64 = arg(&args, "--rate").map_or(1000.0, |n| n.parse().unwrap());
    let runners: usize = arg(&args, "--runners").map_or(1, |n| n.parse().unwrap());
    let concurrency: usize = arg(&args, "--concurrency").map_or(16, |n| n.parse().unwrap());
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&url, clock.clone()).await.unwrap();
    let slug = format!("latency-{:08x}", rand::random::<u32>());
    let tenant = store
        .create_store(&NewStore {
            slug: StoreSlug::parse(&slug).unwrap(),
            name: "Bench Coffee".into(),
            default_locale: Locale::default(),
            timezone: TimeZone::parse("Europe/Berlin").unwrap(),
        })
        .await
        .unwrap();
    let policy = NotifyPolicy {
        burst_secs: Some(0),
        ..NotifyPolicy::default()
    };
    store.set_notify_policy(tenant.id, &policy).await.unwrap();
    let mut shipments = Vec::with_capacity(orders);
    for n in 0..orders {
        let order = store
            .create_order(
                tenant.id,
                &NewOrder {
                    order_number: OrderNumber::parse(&format!("#L{n:07}")).unwrap(),
                    external_id: None,
                    token: wismo_domain::OrderToken::generate(),
                    customer: Customer {
                        name: Some("Ana Lima".into()),
                        email: Some(Email::parse(&format!("c{n}@example.com")).unwrap()),
                        ..Customer::default()
                    },
                    items: Vec::new(),
                    destination: Destination::default(),
                    placed_at: None,
                    promised_date: None,
                    promise: None,
                    shipments: vec![NewShipment::new(
                        TrackingNumber::parse(&format!("1ZLATN{n:012}")).unwrap(),
                        None,
                        None,
                    )],
                    source: wismo_domain::OrderSource::Api,
                },
            )
            .await
            .unwrap();
        shipments.push(order.shipments[0].id);
    }

    let (smtp, capture) = wismo_server::smtp_capture::start(([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    // The capture server keeps 10,000 messages: they are taken as they come.
    let collected: Arc<Mutex<Vec<wismo_server::smtp_capture::Captured>>> = Arc::default();
    let collector = {
        let (capture, collected) = (capture.clone(), collected.clone());
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(200)).await;
                collected.lock().unwrap().extend(capture.take());
            }
        })
    };
    let mailer = Mailer::from_settings(&EmailSettings {
        smtp_url: Some(wismo_domain::Secret::new(format!("smtp://{smtp}?tls=none"))),
        smtp_ca_file: None,
        from: Some("updates@bench.example".into()),
        unsubscribe_mailto: None,
    })
    .unwrap()
    .map(|m| m.connections(concurrency));
    let texts = Arc::new(wismo_domain::Texts::builtin().unwrap());
    let ctx = JobContext {
        store: store.clone(),
        clock: clock.clone(),
        outbound: Outbound::default(),
        secrets: SecretBox::new(&[7; 32]).unwrap(),
        public_url: "https://track.bench.example".into(),
        notify: Some(Arc::new(Notifier::new(store.clone(), texts, mailer, None))),
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut dispatchers = Vec::new();
    for _ in 0..runners {
        let runner = jobs::runner(ctx.clone())
            .concurrency(wismo_store::notify::NOTIFY_QUEUE, concurrency)
            .only_queues(&[wismo_store::notify::NOTIFY_QUEUE.to_owned()])
            .unwrap();
        let mut stopped = stopped.clone();
        dispatchers.push(tokio::spawn(async move {
            runner
                .run(async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                })
                .await;
        }));
    }
    // Let the runners reach their first idle wait, as a server waiting for news would be.
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // One event every 1/rate s, each ingested in a task of its own so a slow write does
    // not hold back the next arrival.
    let ingest = Ingest::new(store.clone());
    let ingested: Arc<Mutex<HashMap<String, Ingested>>> = Arc::default();
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(orders);
    for (n, id) in shipments.iter().copied().enumerate() {
        tokio::time::sleep_until(start + Duration::from_secs_f64(n as f64 / rate)).await;
        let (ingest, ingested, tenant) = (ingest.clone(), ingested.clone(), tenant.id);
        tasks.push(tokio::spawn(async move {
            let arrived = Utc::now();
            let event = NewEvent::new(
                arrived.fixed_offset(),
                Stage::OutForDelivery,
                None,
                "Out for delivery",
                None,
                None,
                EventSource::Push,
            );
            let update = TrackingUpdate::events(vec![event]);
            ingest
                .update(tenant, id, &update, EventSource::Push)
                .await
                .unwrap();
            let recorded = Utc::now();
            ingested
                .lock()
                .unwrap()
                .insert(format!("c{n}@example.com"), Ingested { arrived, recorded });
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let fed = start.elapsed();
    // However far behind the dispatcher is, it is waited for while it makes progress.
    let mut arrived = false;
    let mut seen = capture.received();
    while !arrived {
        arrived = capture
            .wait_for(orders as u64, Duration::from_secs(30))
            .await;
        if capture.received() == seen {
            break;
        }
        seen = capture.received();
    }
    let _ = stop.send(true);
    for dispatcher in dispatchers {
        dispatcher.await.unwrap();
    }
    assert!(
        arrived,
        "only {} of {orders} emails arrived",
        capture.received()
    );

    let ingested = ingested.lock().unwrap();
    let mut from_recorded = Vec::with_capacity(orders);
    let mut from_arrival = Vec::with_capacity(orders);
    let mut recording = Vec::with_capacity(orders);
    collector.abort();
    let mut collected = collected.lock().unwrap();
    collected.extend(capture.take());
    for mail in collected.iter() {
        let at = ingested[&mail.to[0]];
        from_recorded.push(millis(mail.received_at - at.recorded));
        from_arrival.push(millis(mail.received_at - at.arrived));
        recording.push(millis(at.recorded - at.arrived));
    }
    assert_eq!(from_recorded.len(), orders, "one email per event");
    println!(
        "{orders} events at {rate:.0}/s asked: fed in {:.2} s = {:.0} events/s; {runners} runner(s)",
        fed.as_secs_f64(),
        orders as f64 / fed.as_secs_f64()
    );
    println!(
        "  event recorded → email accepted: {}",
        summary(from_recorded)
    );
    println!(
        "  event arrived  → email accepted: {}",
        summary(from_arrival)
    );
    println!("  event arrived  → event recorded: {}", summary(recording));
}

fn millis(d: chrono::TimeDelta) -> f64 {
    d.num_microseconds().unwrap_or(i64::MAX) as f64 / 1000.0
}

/// p50, p90, p99 and max of `samples` (ms).
fn summary(mut samples: Vec<f64>) -> String {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!(
        "p50 {:.0} ms, p90 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    )
}
