//! Merchant webhooks end to end: endpoints through the API, and deliveries to a real
//! receiver on loopback that checks each signature with its own HMAC (ring) and records
//! what it got.

use axum::Router;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::routing::post;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use wismo_domain::Clock as _;
use wismo_server::config::{Layer, OutboundLayer};
use wismo_server::jobs::{self, JobContext, Ran};
use wismo_server::outbound::Outbound;

use crate::digest;
use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    a_milestone_is_posted_once_signed_with_the_standard_webhooks_headers,
    a_failed_delivery_is_retried_with_the_same_webhook_id_and_logged,
    an_endpoint_answering_410_is_disabled,
    an_endpoint_failing_for_days_is_disabled_and_the_store_told_once,
    the_test_event_reaches_the_endpoint_and_a_delivery_can_be_replayed,
    after_a_rotation_both_secrets_sign_and_the_new_one_verifies,
    endpoints_are_validated_and_isolated_per_store,
);

/// One request the receiver got.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    headers: HeaderMap,
    body: String,
}

/// A merchant's endpoint on loopback: answers the statuses it is given in turn (then
/// 200), and keeps every request.
#[derive(Clone)]
pub(crate) struct Receiver {
    pub(crate) url: String,
    got: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Receiver {
    pub(crate) async fn start(answers: &[u16]) -> Receiver {
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let answers = Arc::new(Mutex::new(answers.iter().copied().collect::<VecDeque<_>>()));
        let (kept, next) = (got.clone(), answers.clone());
        let app = Router::new().route(
            "/hook",
            post(move |headers: HeaderMap, body: String| {
                let (kept, next) = (kept.clone(), next.clone());
                async move {
                    kept.lock().unwrap().push(Received { headers, body });
                    let status = next.lock().unwrap().pop_front().unwrap_or(200);
                    StatusCode::from_u16(status).unwrap()
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver {
            url: format!("http://127.0.0.1:{}/hook", addr.port()),
            got,
            answers,
        }
    }

    pub(crate) fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }

    /// Whether one of the `webhook-signature` signatures is `secret`'s, checked apart
    /// from wismo's signer: ring's HMAC over `{id}.{timestamp}.{body}`.
    pub(crate) fn signed_with(&self, secret: &str) -> bool {
        let key = STANDARD
            .decode(secret.strip_prefix("whsec_").unwrap())
            .unwrap();
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key);
        let content = format!(
            "{}.{}.{}",
            self.header("webhook-id"),
            self.header("webhook-timestamp"),
            self.body
        );
        self.header("webhook-signature").split(' ').any(|sig| {
            sig.strip_prefix("v1,")
                .and_then(|b| STANDARD.decode(b).ok())
                .is_some_and(|tag| ring::hmac::verify(&key, content.as_bytes(), &tag).is_ok())
        })
    }
}

/// An app that may post to loopback endpoints.
pub(crate) async fn app(db: Db) -> Option<TestApp> {
    TestApp::with_layer(
        db,
        Layer {
            outbound: OutboundLayer {
                allow_private: Some(true),
            },
            ..Layer::default()
        },
    )
    .await
}

pub(crate) async fn run_jobs(app: &TestApp) -> Ran {
    jobs::runner(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound: Outbound::new(true),
        secrets: app.secrets.clone(),
        public_url: PUBLIC_URL.into(),
        notify: None,
    })
    .run_pending()
    .await
    .unwrap()
}

/// Creates an endpoint; returns its JSON (with its secret).
async fn endpoint(app: &TestApp, url: &str, events: &[&str]) -> Value {
    let res = app
        .post(
            "/api/v1/webhook-endpoints",
            &json!({ "url": url, "events": events }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json()
}

/// An order whose parcel goes out for delivery; returns the shipment's id.
async fn a_milestone(app: &TestApp) -> i64 {
    let order = app.order("#3001", &["1Z999AA10123456784"]).await;
    let shipment = order["shipments"][0]["id"].as_i64().unwrap();
    let res = app
        .post(
            &format!("/api/v1/shipments/{shipment}/events"),
            &json!({ "occurred_at": "2026-03-03T11:50:00Z", "stage": "out_for_delivery", "description": "On the truck" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    shipment
}

async fn is_disabled(app: &TestApp, endpoint: &Value) -> bool {
    app.get(&format!("/api/v1/webhook-endpoints/{}", endpoint["id"]))
        .await
        .json()["disabled_at"]
        .is_string()
}

async fn deliveries(app: &TestApp, endpoint: &Value) -> Vec<Value> {
    let res = app
        .get(&format!(
            "/api/v1/webhook-endpoints/{}/deliveries",
            endpoint["id"]
        ))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json()["items"].as_array().unwrap().clone()
}

async fn a_milestone_is_posted_once_signed_with_the_standard_webhooks_headers(db: Db) {
    let Some(app) = app(db).await else { return };
    let receiver = Receiver::start(&[]).await;
    let created = endpoint(&app, &receiver.url, &["shipment.updated"]).await;
    let secret = created["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_"));
    assert_eq!(
        STANDARD.decode(&secret[6..]).unwrap().len(),
        32,
        "32 random bytes"
    );
    assert_eq!(created["disabled_at"], Value::Null);
    let shipment = a_milestone(&app).await;

    assert_eq!(run_jobs(&app).await.succeeded, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 1, "one POST");
    let hook = &got[0];
    assert!(hook.signed_with(secret));
    assert!(hook.header("webhook-id").starts_with("msg_n"));
    assert!(!hook.header("webhook-id").contains('.'));
    assert_eq!(
        hook.header("webhook-timestamp"),
        app.clock.now().timestamp().to_string()
    );
    assert_eq!(hook.header("content-type"), "application/json");
    let body = hook.json();
    assert_eq!(body["type"], "shipment.updated");
    assert_eq!(body["timestamp"], "2026-03-03T12:00:00Z");
    let data = &body["data"];
    assert_eq!(data["id"], shipment);
    assert_eq!(data["order_number"], "#3001");
    assert_eq!(data["tracking_number"], "1Z999AA10123456784");
    assert_eq!(data["carrier"], "ups");
    assert_eq!(data["stage"], "out_for_delivery");
    assert_eq!(data["moment"], "out_for_delivery");
    assert_eq!(data["is_first_of_stage"], true);
    assert!(
        data["tracking_url"]
            .as_str()
            .unwrap()
            .starts_with(PUBLIC_URL)
    );
    assert!(hook.body.len() < 20 * 1024);

    // The notification is sent, with the status as the provider's id.
    let listed = app
        .get(&format!("/api/v1/shipments/{shipment}/notifications"))
        .await
        .json();
    let webhook = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["channel"] == "webhook")
        .unwrap()
        .clone();
    assert_eq!(webhook["status"], "sent");
    assert_eq!(webhook["recipient"], format!("endpoint:{}", created["id"]));
    let log = deliveries(&app, &created).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["status_code"], 200);
    assert_eq!(log[0]["attempt"], 1);
    assert_eq!(log[0]["webhook_id"], hook.header("webhook-id"));

    // Nothing more to send.
    assert_eq!(run_jobs(&app).await.total(), 0);
    assert_eq!(receiver.got().len(), 1);

    // The merchant's page for the order lists the webhook with its outcome, linked to the
    // endpoint's delivery log.
    let order = app
        .store
        .get_shipment(app.store_id, wismo_domain::ShipmentId(shipment))
        .await
        .unwrap()
        .order_id;
    let mut owner = crate::admin::owner(&app).await;
    let story = owner.get(&app, &format!("/admin/orders/{}", order.0)).await;
    assert_eq!(story.status, StatusCode::OK);
    let messages = &story.text[story.text.find("out_for_delivery · webhook").unwrap()..];
    let row = &messages[..messages.find("</tr>").unwrap()];
    assert!(
        row.contains(&format!(
            "<a href=\"/admin/settings/webhooks/{}\">endpoint:{}</a>",
            created["id"], created["id"]
        )),
        "{row}"
    );
    assert!(row.contains("sent"), "{row}");
}

async fn a_failed_delivery_is_retried_with_the_same_webhook_id_and_logged(db: Db) {
    let Some(app) = app(db).await else { return };
    let receiver = Receiver::start(&[500, 302]).await;
    let created = endpoint(&app, &receiver.url, &["shipment.updated"]).await;
    a_milestone(&app).await;

    assert_eq!(run_jobs(&app).await.retried, 1);
    assert_eq!(run_jobs(&app).await.total(), 0, "the retry waits 5 s");
    app.clock.advance(chrono::Duration::seconds(6));
    assert_eq!(run_jobs(&app).await.retried, 1, "a redirect is a failure");
    // (The customer's email falls due meanwhile; only the endpoint's requests count.)
    // 5 min less up to a tenth of jitter.
    app.clock.advance(chrono::Duration::seconds(260));
    run_jobs(&app).await;
    assert_eq!(receiver.got().len(), 2, "the next waits 5 min");
    app.clock.advance(chrono::Duration::seconds(45));
    run_jobs(&app).await;
    let got = receiver.got();
    assert_eq!(got.len(), 3);
    let id = got[0].header("webhook-id");
    assert!(
        got.iter().all(|r| r.header("webhook-id") == id),
        "the same webhook-id"
    );
    assert_ne!(
        got[0].header("webhook-timestamp"),
        got[2].header("webhook-timestamp"),
        "each attempt's own time"
    );
    let secret = created["secret"].as_str().unwrap();
    assert!(got.iter().all(|r| r.signed_with(secret)));
    let log = deliveries(&app, &created).await;
    let seen: Vec<_> = log
        .iter()
        .map(|d| {
            (
                d["attempt"].as_u64().unwrap(),
                d["status_code"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(seen, [(3, 200), (2, 302), (1, 500)], "newest first");
    assert!(
        log[1]["error"]
            .as_str()
            .unwrap()
            .contains("redirects are not followed")
    );
    let endpoint = app
        .get(&format!("/api/v1/webhook-endpoints/{}", created["id"]))
        .await
        .json();
    assert_eq!(endpoint["disabled_at"], Value::Null);
}

async fn an_endpoint_answering_410_is_disabled(db: Db) {
    let Some(app) = app(db).await else { return };
    let receiver = Receiver::start(&[410]).await;
    let created = endpoint(&app, &receiver.url, &["shipment.updated"]).await;
    let shipment = a_milestone(&app).await;

    let ran = run_jobs(&app).await;
    assert_eq!(
        (ran.succeeded, ran.retried),
        (2, 0),
        "not retried; the notice ends at once (the store has no support email)"
    );
    let endpoint = app
        .get(&format!("/api/v1/webhook-endpoints/{}", created["id"]))
        .await
        .json();
    assert!(endpoint["disabled_at"].is_string());
    assert!(
        endpoint["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("410")
    );
    let listed = app
        .get(&format!("/api/v1/shipments/{shipment}/notifications"))
        .await
        .json();
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["channel"] == "webhook" && n["status"] == "failed")
    );
    // A disabled endpoint takes no test and no replay.
    let test = app
        .post(
            &format!("/api/v1/webhook-endpoints/{}/test", created["id"]),
            &json!({}),
        )
        .await;
    test.problem(StatusCode::CONFLICT);
    let log = deliveries(&app, &created).await;
    let retry = app
        .post(
            &format!(
                "/api/v1/webhook-endpoints/{}/deliveries/{}/retry",
                created["id"], log[0]["id"]
            ),
            &json!({}),
        )
        .await;
    retry.problem(StatusCode::CONFLICT);
    assert_eq!(receiver.got().len(), 1);
}

async fn an_endpoint_failing_for_days_is_disabled_and_the_store_told_once(db: Db) {
    let layer = Layer {
        outbound: OutboundLayer {
            allow_private: Some(true),
        },
        ..Layer::default()
    };
    let Some((app, capture)) = digest::app_with_relay(db, layer).await else {
        return;
    };
    let key = app.key.clone();
    digest::store_settings(&app, &key, "help@acme.example", false).await;
    let receiver = Receiver::start(&[500; 30]).await;
    let created = endpoint(&app, &receiver.url, &["shipment.updated"]).await;
    let shipment = a_milestone(&app).await;
    let runner = digest::mailing_runner(&app, Outbound::new(true));

    // The retries spread over days; the one after 3 days of failures disables it.
    let mut days = 0;
    while !is_disabled(&app, &created).await {
        assert!(days < 5, "still enabled after {days} days");
        assert!(digest::sent_to(&capture, "help@acme.example").is_empty());
        runner.run_pending().await.unwrap();
        app.clock.advance(chrono::Duration::hours(25));
        days += 1;
    }
    assert_eq!(days, 4, "the attempt at 75 h disables it");
    let notices = digest::sent_to(&capture, "help@acme.example");
    assert_eq!(notices.len(), 1);
    let subject = notices[0].header("Subject").unwrap_or_default();
    assert_eq!(subject, "A webhook endpoint of Acme Coffee was turned off");
    let body = digest::decoded(&notices[0]);
    assert!(
        body.contains(&receiver.url) && body.contains("answered 500"),
        "{body}"
    );

    // More news for the disabled endpoint, and more runs: it is told once.
    let res = app
        .post(
            &format!("/api/v1/shipments/{shipment}/events"),
            &json!({ "occurred_at": app.clock.now().to_rfc3339(), "stage": "delivered", "description": "Delivered" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    for _ in 0..2 {
        runner.run_pending().await.unwrap();
        app.clock.advance(chrono::Duration::hours(25));
    }
    assert_eq!(digest::sent_to(&capture, "help@acme.example").len(), 1);
    assert_eq!(
        receiver.got().len(),
        4,
        "nothing is posted to a disabled endpoint"
    );
}

async fn the_test_event_reaches_the_endpoint_and_a_delivery_can_be_replayed(db: Db) {
    let Some(app) = app(db).await else { return };
    let receiver = Receiver::start(&[]).await;
    let created = endpoint(&app, &receiver.url, &["customer_request.created"]).await;
    let res = app
        .post(
            &format!("/api/v1/webhook-endpoints/{}/test", created["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    let queued = res.json();
    assert_eq!(queued["event_type"], "webhook.test");
    assert_eq!(run_jobs(&app).await.succeeded, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].json()["type"], "webhook.test");
    assert_eq!(got[0].header("webhook-id"), queued["webhook_id"]);
    assert!(got[0].signed_with(created["secret"].as_str().unwrap()));

    let log = deliveries(&app, &created).await;
    assert_eq!(log[0]["event_type"], "webhook.test");
    let res = app
        .post(
            &format!(
                "/api/v1/webhook-endpoints/{}/deliveries/{}/retry",
                created["id"], log[0]["id"]
            ),
            &json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    assert_eq!(run_jobs(&app).await.succeeded, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].header("webhook-id"), got[0].header("webhook-id"));
    assert_eq!(deliveries(&app, &created).await[0]["attempt"], 2);
    assert_eq!(receiver.answers.lock().unwrap().len(), 0);
}

async fn after_a_rotation_both_secrets_sign_and_the_new_one_verifies(db: Db) {
    let Some(app) = app(db).await else { return };
    let receiver = Receiver::start(&[]).await;
    let created = endpoint(&app, &receiver.url, &["shipment.updated"]).await;
    let old = created["secret"].as_str().unwrap().to_owned();
    let res = app
        .post(
            &format!("/api/v1/webhook-endpoints/{}/rotate", created["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let new = res.json()["secret"].as_str().unwrap().to_owned();
    assert_ne!(new, old);
    // Secrets are never shown again.
    let read = app
        .get(&format!("/api/v1/webhook-endpoints/{}", created["id"]))
        .await;
    assert!(!read.text.contains(&new) && !read.text.contains("secret"));
    let listed = app.get("/api/v1/webhook-endpoints").await;
    assert!(!listed.text.contains(&new) && !listed.text.contains(&old));

    let res = app
        .post(
            &format!("/api/v1/webhook-endpoints/{}/test", created["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    run_jobs(&app).await;
    let first = &receiver.got()[0];
    assert!(first.signed_with(&new));
    assert!(first.signed_with(&old), "the old secret signs for a day");

    app.clock.advance(chrono::Duration::hours(25));
    app.post(
        &format!("/api/v1/webhook-endpoints/{}/test", created["id"]),
        &json!({}),
    )
    .await;
    run_jobs(&app).await;
    let later = &receiver.got()[1];
    assert!(later.signed_with(&new));
    assert!(!later.signed_with(&old));
}

async fn endpoints_are_validated_and_isolated_per_store(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app
        .post(
            "/api/v1/webhook-endpoints",
            &json!({ "url": "http://hooks.example.com/x", "events": ["shipment.updated", "order.paid"] }),
        )
        .await;
    let problem = res.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        fields,
        ["url", "events[1]"],
        "http refused without allow-private"
    );
    for body in [
        json!({ "url": "https://hooks.example.com/x", "events": [] }),
        json!({ "url": "https://hooks.example.com/x", "events": ["webhook.test"] }),
        json!({ "url": "https://user:pw@hooks.example.com/x", "events": ["shipment.updated"] }),
    ] {
        app.post("/api/v1/webhook-endpoints", &body)
            .await
            .problem(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let created = endpoint(
        &app,
        "https://hooks.example.com/x",
        &["notification.failed"],
    )
    .await;
    let id = &created["id"];
    assert_eq!(created["events"], json!(["notification.failed"]));

    let other = app.other_store_key().await;
    for (method, path) in [
        (Method::GET, format!("/api/v1/webhook-endpoints/{id}")),
        (Method::DELETE, format!("/api/v1/webhook-endpoints/{id}")),
        (
            Method::POST,
            format!("/api/v1/webhook-endpoints/{id}/rotate"),
        ),
        (Method::POST, format!("/api/v1/webhook-endpoints/{id}/test")),
        (
            Method::GET,
            format!("/api/v1/webhook-endpoints/{id}/deliveries"),
        ),
        (
            Method::POST,
            format!("/api/v1/webhook-endpoints/{id}/deliveries/1/retry"),
        ),
    ] {
        let res = app.request(method, &path, Some(&other), None).await;
        res.problem(StatusCode::NOT_FOUND);
    }
    let theirs = app
        .request(Method::GET, "/api/v1/webhook-endpoints", Some(&other), None)
        .await;
    assert_eq!(theirs.json()["items"], json!([]));

    let res = app
        .request(
            Method::DELETE,
            &format!("/api/v1/webhook-endpoints/{id}"),
            Some(&app.key.clone()),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    app.get(&format!("/api/v1/webhook-endpoints/{id}"))
        .await
        .problem(StatusCode::NOT_FOUND);
}
