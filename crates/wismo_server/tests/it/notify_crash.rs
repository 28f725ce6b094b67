//! Crash safety of the notification dispatchers: `wismo serve --role jobs --queues notify`
//! processes are killed with SIGKILL again and again while a thousand messages flow
//! through them (an email to an SMTP server and a webhook to a merchant's endpoint per
//! order, both on loopback). Afterwards every message is sent and arrived, every copy
//! carries its message's identity, and a message arrives twice only when a killed
//! dispatcher held its job between the receiver's acceptance and the recorded outcome.

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::collections::{BTreeMap, HashMap};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wismo_domain::notify::{Channel, NotificationStatus, NotifyPolicy};
use wismo_domain::webhook::{EndpointInput, NewEndpoint};
use wismo_domain::{
    Clock, Customer, Destination, Email, EventSource, NewEvent, NewOrder, NewShipment, OrderId,
    OrderNumber, OrderToken, ShipmentId, Stage, StoreId, SystemClock, TrackingNumber,
};
use wismo_server::jobs::message_id;
use wismo_server::smtp_capture::{self, Captured};
use wismo_store::endpoints::{notification_webhook_id, secret_context};
use wismo_store::notify::{NOTIFY_QUEUE, Notification};
use wismo_store::{JobState, NotificationsOf, Store};

use crate::harness::{Db, PUBLIC_URL, TEST_SECRET_KEY, database, new_store, test_secrets};

crate::on_both_backends!(killed_dispatchers_lose_no_message_and_repeat_only_what_they_held);

/// Orders with one parcel each; its going out for delivery is an email and a webhook.
const ORDERS: usize = 500;
/// SIGKILLs in all, a few hundred milliseconds apart.
const KILLS: usize = 16;
/// How long a killed dispatcher's jobs stay claimed (the least `jobs.lease_secs` allows).
const LEASE_SECS: u64 = 5;
/// Messages a dispatcher sends at once (`WISMO_NOTIFY_CONCURRENCY`).
const SENDING: usize = 8;
const FROM: &str = "updates@acme.test";
/// How long the survivors may take to send what is left, on however busy a machine.
const PATIENCE: Duration = Duration::from_secs(180);

/// How to start a dispatcher.
struct Dispatchers {
    env: Vec<(&'static str, String)>,
}

impl Dispatchers {
    fn spawn(&self) -> Dispatcher {
        let child = Command::new(env!("CARGO_BIN_EXE_wismo"))
            .args(["serve", "--role", "jobs", "--queues", NOTIFY_QUEUE])
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn wismo serve --role jobs");
        Dispatcher(child)
    }
}

/// A dispatcher process, killed when dropped so a failing test leaves none behind.
struct Dispatcher(Child);

impl Dispatcher {
    fn kill(&mut self) {
        self.0.kill().unwrap(); // SIGKILL
        self.0.wait().unwrap();
    }
}

impl Drop for Dispatcher {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// One POST the merchant's endpoint got.
#[derive(Debug, Clone)]
struct Hook {
    id: String,
    timestamp: String,
    signature: String,
    body: String,
}

impl Hook {
    /// Whether a `webhook-signature` signature is `secret`'s, checked apart from wismo's
    /// signer: ring's HMAC over `{id}.{timestamp}.{body}`.
    fn signed_with(&self, secret: &str) -> bool {
        let key = STANDARD
            .decode(secret.strip_prefix("whsec_").unwrap())
            .unwrap();
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key);
        let content = format!("{}.{}.{}", self.id, self.timestamp, self.body);
        self.signature.split(' ').any(|sig| {
            sig.strip_prefix("v1,")
                .and_then(|b| STANDARD.decode(b).ok())
                .is_some_and(|tag| ring::hmac::verify(&key, content.as_bytes(), &tag).is_ok())
        })
    }

    fn order_id(&self) -> i64 {
        let body: serde_json::Value = serde_json::from_str(&self.body).unwrap();
        body["data"]["order_id"].as_i64().unwrap()
    }
}

/// A merchant's endpoint on loopback that answers 200 and keeps every request; its URL.
async fn receive_webhooks() -> (String, Arc<Mutex<Vec<Hook>>>) {
    let got: Arc<Mutex<Vec<Hook>>> = Arc::default();
    let kept = got.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: String| {
            let kept = kept.clone();
            async move {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                kept.lock().unwrap().push(Hook {
                    id: header("webhook-id"),
                    timestamp: header("webhook-timestamp"),
                    signature: header("webhook-signature"),
                    body,
                });
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/hook"), got)
}

/// Subscribes `url` to `shipment.updated`; returns its signing secret.
async fn endpoint(store: &dyn Store, tenant: StoreId, url: &str) -> String {
    let new = NewEndpoint::parse(
        EndpointInput {
            url: Some(url.to_owned()),
            events: Some(vec!["shipment.updated".to_owned()]),
        },
        true,
    )
    .unwrap();
    let secret = wismo_server::merchant_webhooks::new_secret().unwrap();
    let secrets = test_secrets();
    let seal = |id| {
        secrets
            .seal(&secret, &secret_context(tenant, id))
            .map_err(|e| e.to_string())
    };
    store
        .create_webhook_endpoint(tenant, &new, &seal, None)
        .await
        .unwrap();
    secret.expose().to_owned()
}

fn new_order(n: usize) -> NewOrder {
    NewOrder {
        order_number: OrderNumber::parse(&format!("#K{n:05}")).unwrap(),
        external_id: None,
        token: OrderToken::generate(),
        customer: Customer {
            name: Some("Ana Lima".into()),
            email: Some(Email::parse(&recipient(n)).unwrap()),
            ..Customer::default()
        },
        items: Vec::new(),
        destination: Destination::default(),
        placed_at: None,
        promised_date: None,
        promise: None,
        shipments: vec![NewShipment::new(
            TrackingNumber::parse(&format!("1ZKILL{n:012}")).unwrap(),
            None,
            None,
        )],
        source: wismo_domain::OrderSource::Api,
    }
}

fn recipient(n: usize) -> String {
    format!("c{n}@example.com")
}

/// The notification a `send_notification` or `deliver_webhook` job sends, from its payload.
fn job_of(payload: &serde_json::Value) -> Option<i64> {
    payload["id"]
        .as_i64()
        .or_else(|| payload["notification"].as_i64())
}

async fn killed_dispatchers_lose_no_message_and_repeat_only_what_they_held(db: Db) {
    let Some((url, _cleanup)) = database(db).await else {
        return;
    };
    let began = Instant::now();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&url, clock.clone()).await.unwrap();
    let tenant = store
        .create_store(&new_store("acme", "Acme Coffee"))
        .await
        .unwrap()
        .id;
    let policy = NotifyPolicy {
        burst_secs: Some(0),
        ..NotifyPolicy::default()
    };
    store.set_notify_policy(tenant, &policy).await.unwrap();
    let (smtp, capture) = smtp_capture::start(([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    let (hook_url, hooks) = receive_webhooks().await;
    let secret = endpoint(store.as_ref(), tenant, &hook_url).await;
    let mut parcels: Vec<(OrderId, ShipmentId)> = Vec::with_capacity(ORDERS);
    for n in 0..ORDERS {
        let order = store.create_order(tenant, &new_order(n)).await.unwrap();
        parcels.push((order.id, order.shipments[0].id));
    }

    let dispatchers = Dispatchers {
        env: vec![
            ("WISMO_DATABASE_URL", url.clone()),
            ("WISMO_LISTEN", "127.0.0.1:0".to_owned()),
            ("WISMO_PUBLIC_URL", PUBLIC_URL.to_owned()),
            ("WISMO_SECRET_KEY", TEST_SECRET_KEY.to_owned()),
            ("WISMO_SMTP_URL", format!("smtp://{smtp}?tls=none")),
            ("WISMO_EMAIL_FROM", FROM.to_owned()),
            ("WISMO_OUTBOUND_ALLOW_PRIVATE", "true".to_owned()),
            ("WISMO_JOBS_LEASE_SECS", LEASE_SECS.to_string()),
            ("WISMO_NOTIFY_CONCURRENCY", SENDING.to_string()),
        ],
    };
    // On PostgreSQL two dispatchers share the queue; SQLite is one file, served by one.
    let width = match db {
        Db::Sqlite => 1,
        Db::Postgres => 2,
    };
    let setup = began.elapsed();
    let mut running: Vec<Dispatcher> = (0..width).map(|_| dispatchers.spawn()).collect();

    // The parcels go out for delivery while dispatchers die.
    let ingest = tokio::spawn({
        let store = store.clone();
        let shipments: Vec<ShipmentId> = parcels.iter().map(|(_, s)| *s).collect();
        async move {
            for id in shipments {
                let event = NewEvent::new(
                    clock.now().fixed_offset(),
                    Stage::OutForDelivery,
                    None,
                    "Out for delivery",
                    None,
                    None,
                    EventSource::Push,
                );
                store.record_events(tenant, id, &[event]).await.unwrap();
            }
        }
    });
    for kill in 0..KILLS {
        let pause = 300 + (kill as u64 * 137) % 500;
        tokio::time::sleep(Duration::from_millis(pause)).await;
        running[kill % width].kill();
        running[kill % width] = dispatchers.spawn();
    }
    let killed = began.elapsed();
    ingest.await.unwrap();

    // The survivors send the rest, the killed ones' jobs too once their leases ran out.
    let deadline = Instant::now() + PATIENCE;
    loop {
        let open: Vec<_> = store
            .list_jobs(None, 10_000)
            .await
            .unwrap()
            .into_iter()
            .filter(|j| j.queue == NOTIFY_QUEUE)
            .collect();
        assert!(
            open.iter().all(|j| j.state != JobState::Dead),
            "a notify job died: {open:#?}"
        );
        if open.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{} notify jobs still open after {PATIENCE:?}",
            open.len()
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let sent = began.elapsed();
    for mut dispatcher in running {
        let _ = Command::new("kill")
            .args(["-TERM", &dispatcher.0.id().to_string()])
            .status();
        assert!(
            dispatcher.0.wait().unwrap().success(),
            "a dispatcher stops cleanly on SIGTERM"
        );
    }

    // Every message is sent, and arrived.
    let mut emails: HashMap<String, Notification> = HashMap::new();
    let mut webhooks: HashMap<i64, Notification> = HashMap::new();
    for (order, _) in &parcels {
        let listed = store
            .list_notifications(tenant, NotificationsOf::Order(*order))
            .await
            .unwrap();
        assert_eq!(listed.len(), 2, "an email and a webhook: {listed:#?}");
        for n in listed {
            assert_eq!(n.status, NotificationStatus::Sent, "{n:#?}");
            match n.channel {
                Channel::Email => emails.insert(n.recipient.clone(), n),
                Channel::Webhook => webhooks.insert(order.0, n),
                other => panic!("a {other:?} notification"),
            };
        }
    }
    assert_eq!((emails.len(), webhooks.len()), (ORDERS, ORDERS));

    // Each copy carries its message's identity; a repeat is the same message again.
    let domain = FROM.split_once('@').unwrap().1;
    let mut repeated: BTreeMap<i64, usize> = BTreeMap::new();
    let mut by_recipient: HashMap<String, Vec<Captured>> = HashMap::new();
    for mail in capture.messages() {
        assert_eq!(mail.to.len(), 1, "one recipient");
        by_recipient
            .entry(mail.to[0].clone())
            .or_default()
            .push(mail);
    }
    assert_eq!(by_recipient.len(), ORDERS, "every email arrived");
    for (to, copies) in &by_recipient {
        let n = emails.get(to).unwrap_or_else(|| panic!("an email to {to}"));
        let identity = |m: &Captured| {
            ["Message-ID", "In-Reply-To", "References", "To", "Subject"].map(|h| m.header(h))
        };
        let first = identity(&copies[0]);
        assert_eq!(first[0].as_deref(), Some(message_id(n, domain).as_str()));
        for copy in &copies[1..] {
            assert_eq!(identity(copy), first, "a repeat of {to} differs");
        }
        if copies.len() > 1 {
            repeated.insert(n.id, copies.len() - 1);
        }
    }
    let mut by_order: HashMap<i64, Vec<Hook>> = HashMap::new();
    for hook in hooks.lock().unwrap().iter() {
        assert!(hook.signed_with(&secret), "a bad signature: {hook:?}");
        by_order
            .entry(hook.order_id())
            .or_default()
            .push(hook.clone());
    }
    assert_eq!(by_order.len(), ORDERS, "every webhook arrived");
    for (order, copies) in &by_order {
        let n = &webhooks[order];
        for copy in copies {
            assert_eq!(copy.id, notification_webhook_id(n));
            assert_eq!(copy.body, copies[0].body, "a repeat's body differs");
        }
        if copies.len() > 1 {
            repeated.insert(n.id, copies.len() - 1);
        }
    }

    // A repeat needs a kill between the receiver's acceptance and the recorded outcome:
    // at most one per job a killed dispatcher was running. Its job was claimed again once
    // the lease ran out; the killed attempt left no record, the one after it is `sent`.
    let held = SENDING;
    let done: HashMap<i64, wismo_store::Job> = store
        .list_jobs(Some(JobState::Done), 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|j| j.queue == NOTIFY_QUEUE)
        .filter_map(|j| Some((job_of(&j.payload)?, j)))
        .collect();
    assert_eq!(done.len(), 2 * ORDERS, "a job per message");
    // Claims after the first: each one follows a kill of a dispatcher holding the job.
    let reclaimed: usize = done
        .values()
        .map(|j| usize::try_from(j.attempts).unwrap() - 1)
        .sum();
    let repeats: usize = repeated.values().sum();
    for (id, times) in &repeated {
        assert!(
            usize::try_from(done[id].attempts).unwrap() > *times,
            "notification {id} arrived {} times in {} claims",
            times + 1,
            done[id].attempts
        );
        let attempts = store.notification_attempts(*id).await.unwrap();
        assert_eq!(attempts.len(), 1, "{attempts:#?}");
        assert_eq!(attempts[0].outcome, "sent", "{attempts:#?}");
    }
    let posted: usize = by_order.values().map(Vec::len).sum();
    eprintln!(
        "notify crash test ({db:?}, {width} dispatcher(s)): {} emails and {posted} webhooks \
         arrived for {} messages; {KILLS} kills; {reclaimed} claims of jobs a killed \
         dispatcher held; {repeats} repeats of {} messages; set up in {:.1} s, kills until {:.1} s, \
         all sent at {:.1} s",
        capture.received(),
        2 * ORDERS,
        repeated.len(),
        setup.as_secs_f64(),
        killed.as_secs_f64(),
        sent.as_secs_f64(),
    );
    assert!(reclaimed > 0, "no kill caught a dispatcher holding a job");
    assert!(
        repeats <= reclaimed && reclaimed <= KILLS * held,
        "{repeats} repeats and {reclaimed} claims again after {KILLS} kills of \
         dispatchers holding {held} jobs at most"
    );
}
