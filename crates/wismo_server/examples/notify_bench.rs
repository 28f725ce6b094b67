//! Benchmarks the dispatcher (see bench/README.md): `notify_bench --database-url URL
//! [--emails 2000] [--runners 1] [--concurrency 16] [--webhooks]` records an out-for-delivery
//! scan on that many one-parcel orders (the outbox queues one email each, burst window 0),
//! then runs the `notify` queue's job runners until every email reached the SMTP server on
//! loopback (wismo's capture server), and prints how long the pipeline took to queue them
//! and the dispatcher to send them. With `--webhooks` the customers have no address and the
//! store has one endpoint for `shipment.updated` on a receiver on loopback, which checks
//! every delivery's Standard Webhooks signature: the same, for merchant webhooks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};
use wismo_domain::notify::NotifyPolicy;
use wismo_domain::{
    Clock, Customer, Destination, Email, EventSource, Locale, NewEvent, NewOrder, NewShipment,
    NewStore, OrderNumber, Stage, StoreSlug, SystemClock, TimeZone, TrackingNumber,
};
use wismo_server::config::EmailSettings;
use wismo_server::jobs::{self, JobContext, Notifier, RunnerSettings};
use wismo_server::mail::Mailer;
use wismo_server::outbound::Outbound;
use wismo_server::secrets::SecretBox;
use wismo_store::notify::NOTIFY_QUEUE;

/// What the loopback webhook receiver counted.
#[derive(Default)]
struct Received {
    signed: std::sync::atomic::AtomicU64,
    unsigned: std::sync::atomic::AtomicU64,
    arrived: tokio::sync::Notify,
}

/// A receiver on loopback that answers 204 to every POST and counts those whose
/// `webhook-signature` is `secret`'s over `id.timestamp.body`.
async fn receiver(secret: String) -> (std::net::SocketAddr, Arc<Received>) {
    use axum::http::{HeaderMap, StatusCode};
    let received = Arc::new(Received::default());
    let counts = received.clone();
    let hook = move |headers: HeaderMap, body: axum::body::Bytes| {
        let (counts, secret) = (counts.clone(), secret.clone());
        async move {
            let get = |name: &str| {
                headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            };
            let timestamp: i64 = get("webhook-timestamp").parse().unwrap_or_default();
            let expected = wismo_server::merchant_webhooks::sign::sign(
                &secret,
                &get("webhook-id"),
                timestamp,
                &body,
            )
            .unwrap();
            let signed = get("webhook-signature").split(' ').any(|s| s == expected);
            let counter = if signed {
                &counts.signed
            } else {
                &counts.unsigned
            };
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            counts.arrived.notify_waiters();
            StatusCode::NO_CONTENT
        }
    };
    let app = axum::Router::new().route("/hook", axum::routing::post(hook));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (address, received)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = arg(&args, "--database-url").expect("--database-url URL");
    let emails: usize = arg(&args, "--emails").map_or(2000, |n| n.parse().unwrap());
    let runners: usize = arg(&args, "--runners").map_or(1, |n| n.parse().unwrap());
    let concurrency: usize = arg(&args, "--concurrency").map_or(16, |n| n.parse().unwrap());
    let webhooks = args.iter().any(|a| a == "--webhooks");
    let secrets = SecretBox::new(&[7; 32]).unwrap();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&url, clock.clone()).await.unwrap();
    let slug = format!("bench-{:08x}", rand::random::<u32>());
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
    let mut shipments = Vec::with_capacity(emails);
    for n in 0..emails {
        let order = store
            .create_order(
                tenant.id,
                &NewOrder {
                    order_number: OrderNumber::parse(&format!("#B{n:07}")).unwrap(),
                    external_id: None,
                    token: wismo_domain::OrderToken::generate(),
                    customer: Customer {
                        name: Some("Ana Lima".into()),
                        email: (!webhooks)
                            .then(|| Email::parse(&format!("c{n}@example.com")).unwrap()),
                        ..Customer::default()
                    },
                    items: Vec::new(),
                    destination: Destination::default(),
                    placed_at: None,
                    promised_date: None,
                    promise: None,
                    shipments: vec![NewShipment::new(
                        TrackingNumber::parse(&format!("1ZNTFY{n:012}")).unwrap(),
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
    let hooks = match webhooks {
        true => {
            let secret = wismo_server::merchant_webhooks::new_secret().unwrap();
            let (address, received) = receiver(secret.expose().to_owned()).await;
            let new = wismo_domain::webhook::NewEndpoint {
                url: format!("http://{address}/hook"),
                events: vec![wismo_domain::webhook::WebhookEvent::ShipmentUpdated],
            };
            wismo_server::merchant_webhooks::create_endpoint(
                &*store, &secrets, tenant.id, &new, &secret, None,
            )
            .await
            .unwrap();
            Some(received)
        }
        false => None,
    };
    let started = Instant::now();
    for id in &shipments {
        let event = NewEvent::new(
            clock.now().fixed_offset(),
            Stage::OutForDelivery,
            None,
            "Out for delivery",
            None,
            None,
            EventSource::Poll,
        );
        store.record_events(tenant.id, *id, &[event]).await.unwrap();
    }
    let queued = started.elapsed();

    let (smtp, capture) = wismo_server::smtp_capture::start(([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
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
        outbound: Outbound::new(webhooks),
        secrets,
        public_url: "https://track.bench.example".into(),
        notify: Some(Arc::new(Notifier::new(store.clone(), texts, mailer, None))),
    };
    let started = Instant::now();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut tasks = Vec::new();
    for _ in 0..runners {
        let runner = jobs::runner(ctx.clone())
            .with_settings(RunnerSettings {
                idle_wait: Duration::from_millis(20),
                ..RunnerSettings::default()
            })
            .concurrency(NOTIFY_QUEUE, concurrency)
            .only_queues(&[NOTIFY_QUEUE.to_owned()])
            .unwrap();
        let mut stopped = stopped.clone();
        tasks.push(tokio::spawn(async move {
            runner
                .run(async move {
                    let _ = stopped.wait_for(|s| *s).await;
                })
                .await
        }));
    }
    match &hooks {
        Some(received) => {
            let deadline = Instant::now() + Duration::from_secs(120);
            loop {
                let arrived = received.arrived.notified();
                let done = received.signed.load(std::sync::atomic::Ordering::SeqCst)
                    + received.unsigned.load(std::sync::atomic::Ordering::SeqCst);
                if done >= emails as u64 {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "only {done} of {emails} webhooks arrived"
                );
                let _ = tokio::time::timeout(Duration::from_millis(100), arrived).await;
            }
        }
        None => assert!(
            capture
                .wait_for(emails as u64, Duration::from_secs(120))
                .await,
            "only {} of {emails} emails arrived",
            capture.received()
        ),
    }
    let sent = started.elapsed();
    stop.send(true).unwrap();
    for task in tasks {
        task.await.unwrap();
    }
    if let Some(received) = &hooks {
        let unsigned = received.unsigned.load(std::sync::atomic::Ordering::SeqCst);
        assert_eq!(unsigned, 0, "deliveries without a valid signature");
        println!(
            "{emails} webhooks: queued by the pipeline in {:.2} s ({:.0} events/s); \
             delivered (each signature checked) by {runners} runner(s) sending {concurrency} \
             at once in {:.2} s = {:.0} webhooks/s",
            queued.as_secs_f64(),
            emails as f64 / queued.as_secs_f64(),
            sent.as_secs_f64(),
            emails as f64 / sent.as_secs_f64()
        );
        return;
    }
    println!(
        "{emails} emails: queued by the pipeline in {:.2} s ({:.0} events/s); \
         sent by {runners} runner(s) sending {concurrency} at once in {:.2} s = {:.0} emails/s",
        queued.as_secs_f64(),
        emails as f64 / queued.as_secs_f64(),
        sent.as_secs_f64(),
        emails as f64 / sent.as_secs_f64()
    );
}
