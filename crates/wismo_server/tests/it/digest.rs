//! What the store itself is emailed at its support address, over real SMTP on loopback:
//! the daily digest of parcels that need attention (once a day per store, from its local
//! morning, only its own parcels, only when it asks), and the notice of a webhook endpoint
//! disabled after failing for days (`merchant_webhooks.rs`).

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{Value, json};
use std::sync::Arc;
use wismo_server::config::{EmailLayer, Layer};
use wismo_server::jobs::{self, JobContext, Notifier, Runner};
use wismo_server::mail::Mailer;
use wismo_server::outbound::Outbound;
use wismo_server::smtp_capture::{self, Capture, Captured};

use crate::harness::{Db, PUBLIC_URL, TestApp, api_key, new_store};

crate::on_both_backends!(
    the_digest_reaches_each_store_that_asks_once_a_day_with_its_own_parcels,
    a_store_with_nothing_needing_attention_gets_no_digest,
    without_a_relay_no_digest_is_queued_and_no_job_dies,
);

/// A test app whose emails go to a capture server on loopback, with `layer`'s settings.
pub async fn app_with_relay(db: Db, layer: Layer) -> Option<(TestApp, Capture)> {
    let (addr, capture) = smtp_capture::start("127.0.0.1:0".parse().ok()?)
        .await
        .expect("SMTP capture server");
    let layer = Layer {
        email: EmailLayer {
            smtp_url: Some(wismo_domain::Secret::new(format!("smtp://{addr}?tls=none"))),
            smtp_ca_file: None,
            from: Some("updates@track.example.test".into()),
            unsubscribe_mailto: None,
        },
        ..layer
    };
    let app = TestApp::with_layer(db, layer).await?;
    Some((app, capture))
}

/// The runner `wismo serve` would run, sending through the app's relay.
pub fn mailing_runner(app: &TestApp, outbound: Outbound) -> Runner {
    let mailer = Mailer::from_settings(&app.state.config.email).expect("mailer");
    jobs::runner(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound,
        secrets: app.secrets.clone(),
        public_url: PUBLIC_URL.into(),
        notify: Some(Arc::new(Notifier::new(
            app.store.clone(),
            app.state.texts.clone(),
            mailer,
            Some(app.state.pages.clone()),
        ))),
    })
}

/// Sets a store's support address and whether it asks for the digest.
pub async fn store_settings(app: &TestApp, key: &str, support: &str, digest: bool) {
    let key = key.to_owned();
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&key),
            Some(&json!({ "support_email": support })),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let mut policy = app
        .request(Method::GET, "/api/v1/store/notifications", Some(&key), None)
        .await
        .json();
    policy["digest"] = json!(digest);
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/notifications",
            Some(&key),
            Some(&policy),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

/// The emails that reached `to` (a message is kept before the relay answers, so
/// everything a finished job sent is here).
pub fn sent_to(capture: &Capture, to: &str) -> Vec<Captured> {
    capture
        .messages()
        .into_iter()
        .filter(|m| m.to == [to])
        .collect()
}

/// The decoded text of a message's parts (quoted-printable or base64, as lettre writes).
pub fn decoded(message: &Captured) -> String {
    use base64::Engine as _;
    let mut out = String::new();
    for part in message.text().split("\r\n\r\n").skip(1) {
        let compact: String = part.lines().collect::<Vec<_>>().join("");
        match base64::engine::general_purpose::STANDARD.decode(compact.trim()) {
            Ok(bytes) => out.push_str(&String::from_utf8_lossy(&bytes)),
            Err(_) => out.push_str(&part.replace("=\r\n", "").replace("=3D", "=")),
        }
        out.push('\n');
    }
    out
}

/// An order of the store `key` opens, whose parcel reaches `stage`; returns the
/// parcel's page.
async fn a_parcel(app: &TestApp, key: &str, number: &str, stage: &str) -> String {
    let key = key.to_owned();
    let res = app
        .request(
            Method::POST,
            "/api/v1/orders",
            Some(&key),
            Some(&json!({
                "order_number": number,
                "customer": { "name": "Ana Lima", "email": "ana@example.com" },
                "shipments": [{ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }],
            })),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let order = res.json();
    let shipment = &order["shipments"][0];
    let res = app
        .request(
            Method::POST,
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            Some(&key),
            Some(&json!({
                "occurred_at": "2026-03-03T11:00:00Z",
                "stage": stage,
                "description": "Scanned",
            })),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    shipment["tracking_url"].as_str().unwrap().to_owned()
}

/// Queues what is due this hour and runs every job due, as the runner's loop would.
async fn tick(runner: &Runner) {
    runner.schedule().await.unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(60), runner.run_pending())
        .await
        .expect("the jobs finish")
        .expect("jobs ran");
}

async fn the_digest_reaches_each_store_that_asks_once_a_day_with_its_own_parcels(db: Db) {
    let Some((app, capture)) = app_with_relay(db, Layer::default()).await else {
        return;
    };
    let acme = app.key.clone();
    let globex = app.other_store_key().await;
    let initech_store = app
        .store
        .create_store(&new_store("initech", "Initech"))
        .await
        .unwrap();
    let initech = api_key(app.store.as_ref(), initech_store.id).await;
    store_settings(&app, &acme, "help@acme.example", true).await;
    store_settings(&app, &globex, "ops@globex.example", true).await;
    store_settings(&app, &initech, "help@initech.example", false).await;

    let broken = a_parcel(&app, &acme, "#A-1", "exception").await;
    let fine = a_parcel(&app, &acme, "#A-2", "out_for_delivery").await;
    let waiting = a_parcel(&app, &acme, "#A-3", "action_required").await;
    let theirs = a_parcel(&app, &globex, "#G-1", "delayed").await;
    a_parcel(&app, &initech, "#I-1", "exception").await;

    // 12:00 UTC is 04:00 in the stores' Los Angeles: not yet morning.
    let runner = mailing_runner(&app, Outbound::default());
    tick(&runner).await;
    assert!(sent_to(&capture, "help@acme.example").is_empty());

    // 08:00 there.
    app.clock.advance(Duration::hours(4));
    tick(&runner).await;
    let digests = sent_to(&capture, "help@acme.example");
    assert_eq!(digests.len(), 1);
    let digest = &digests[0];
    assert_eq!(
        digest.header("Subject").as_deref(),
        Some("Parcels that need attention at Acme Coffee")
    );
    assert!(digest.header("List-Unsubscribe").is_none());
    let body = decoded(digest);
    for expected in [
        "#A-1",
        "#A-3",
        "UPS",
        "1Z999AA10123456784",
        &broken,
        &waiting,
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    assert!(body.contains("Problem with delivery") && body.contains("Action required"));
    assert!(
        body.find("#A-1") < body.find("#A-3"),
        "exceptions first: {body}"
    );
    for absent in ["#A-2", &fine, "#G-1", "#I-1"] {
        assert!(!body.contains(absent), "{absent} not in {body}");
    }
    let theirs_digests = sent_to(&capture, "ops@globex.example");
    assert_eq!(theirs_digests.len(), 1);
    let body = decoded(&theirs_digests[0]);
    assert!(body.contains("#G-1") && body.contains(&theirs), "{body}");
    assert!(!body.contains("#A-1"));
    assert!(
        sent_to(&capture, "help@initech.example").is_empty(),
        "the digest is off"
    );

    // Later the same day, and another runner: nothing more.
    app.clock.advance(Duration::hours(3));
    tick(&runner).await;
    tick(&mailing_runner(&app, Outbound::default())).await;
    assert_eq!(sent_to(&capture, "help@acme.example").len(), 1);

    // The next morning, the next digest.
    app.clock.advance(Duration::hours(21));
    tick(&runner).await;
    let digests = sent_to(&capture, "help@acme.example");
    assert_eq!(digests.len(), 2);
    assert_ne!(
        digests[0].header("Message-ID"),
        digests[1].header("Message-ID")
    );
    assert_eq!(sent_to(&capture, "ops@globex.example").len(), 2);
    assert!(sent_to(&capture, "help@initech.example").is_empty());
}

async fn a_store_with_nothing_needing_attention_gets_no_digest(db: Db) {
    let Some((app, capture)) = app_with_relay(db, Layer::default()).await else {
        return;
    };
    let acme = app.key.clone();
    store_settings(&app, &acme, "help@acme.example", true).await;
    a_parcel(&app, &acme, "#A-1", "out_for_delivery").await;
    app.clock.advance(Duration::hours(4));
    let runner = mailing_runner(&app, Outbound::default());
    tick(&runner).await;
    let done: Vec<Value> = app
        .store
        .list_jobs(Some(wismo_store::JobState::Done), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|j| j.name == "send_digest")
        .map(|j| j.payload)
        .collect();
    assert_eq!(
        done,
        [json!({ "store": app.store_id.0, "date": "2026-03-03" })]
    );
    assert!(sent_to(&capture, "help@acme.example").is_empty());
}

async fn without_a_relay_no_digest_is_queued_and_no_job_dies(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    assert!(app.state.config.email.smtp_url.is_none());
    let key = app.key.clone();
    store_settings(&app, &key, "help@acme.example", true).await;
    a_parcel(&app, &key, "#A-1", "exception").await;
    let runner = jobs::runner(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound: Outbound::default(),
        secrets: app.secrets.clone(),
        public_url: PUBLIC_URL.into(),
        notify: Some(Arc::new(Notifier::new(
            app.store.clone(),
            app.state.texts.clone(),
            None,
            Some(app.state.pages.clone()),
        ))),
    });
    // 08:00 in the store's Los Angeles, on two mornings.
    for _ in 0..2 {
        app.clock.advance(Duration::hours(4));
        tick(&runner).await;
        app.clock.advance(Duration::hours(20));
    }
    let dead = app
        .store
        .list_jobs(Some(wismo_store::JobState::Dead), 10)
        .await
        .unwrap();
    assert!(dead.is_empty(), "{dead:?}");
    let all = app.store.list_jobs(None, 100).await.unwrap();
    assert!(
        all.iter().all(|j| j.name != "send_digest"),
        "{:?}",
        all.iter().map(|j| &j.name).collect::<Vec<_>>()
    );
}
