//! A customer's personal data: erased on request through the API, the CLI and the admin's
//! privacy page, in one store only and leaving the store's figures; and erased by a store's
//! retention once its orders have been finished long enough.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::Duration;
use serde_json::{Value, json};
use wismo_domain::admin::Role;
use wismo_server::jobs::{self, JobContext};
use wismo_server::outbound::Outbound;

use crate::admin::{PASSWORD, Visitor, csrf_field, user};
use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    erasing_a_customer_blanks_their_data_in_one_store_only,
    the_privacy_page_is_for_owners_and_checks_what_it_is_given,
    retention_erases_orders_finished_long_enough_ago,
);

/// An order of `key`'s store for `email`, with one parcel; returns the order.
async fn order_for(app: &TestApp, key: &str, number: &str, email: &str, tracking: &str) -> Value {
    let res = app
        .request(
            Method::POST,
            "/api/v1/orders",
            Some(key),
            Some(&json!({
                "order_number": number,
                "customer": { "name": "Ana Lima", "email": email, "phone": "+14155550100", "locale": "en" },
                "destination": { "city": "Portland", "region": "OR", "postal_code": "97201", "country": "US" },
                "items": [{ "name": "Espresso beans", "quantity": 2 }],
                "shipments": [{ "tracking_number": tracking, "carrier": "ups" }],
            })),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json()
}

async fn deliver(app: &TestApp, key: &str, order: &Value, at: &str) {
    let shipment = &order["shipments"][0]["id"];
    let res = app
        .request(
            Method::POST,
            &format!("/api/v1/shipments/{shipment}/events"),
            Some(key),
            Some(&json!({ "occurred_at": at, "stage": "delivered", "description": "Delivered" })),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
}

async fn erasing_a_customer_blanks_their_data_in_one_store_only(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let key = app.key.clone();
    let theirs = order_for(&app, &key, "#1001", "Ana@Example.com", "1Z999AA10123456784").await;
    let someone_else = order_for(&app, &key, "#1002", "bo@example.com", "1Z999AA10123456785").await;
    let other_key = app.other_store_key().await;
    let other_store = order_for(
        &app,
        &other_key,
        "#1001",
        "ana@example.com",
        "1Z999AA10123456786",
    )
    .await;
    // Delivered an hour ago: a message about it is queued.
    deliver(&app, &key, &theirs, "2026-03-03T11:00:00Z").await;
    let path = format!("/api/v1/orders/{}/notifications", theirs["id"]);
    let queued = app.get(&path).await.json();
    assert!(queued.to_string().contains("\"queued\""), "{queued}");
    // A request from the customer's page, with words of theirs.
    let page = theirs["shipments"][0]["tracking_url"]
        .as_str()
        .and_then(|u| u.strip_prefix(PUBLIC_URL))
        .unwrap()
        .to_owned();
    let asked = app
        .send(
            Request::post(format!("{page}/requests"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from("kind=not_received&message=Ring+flat+2B"))
                .unwrap(),
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.text);

    // Bad input is refused and changes nothing.
    let none = app.post("/api/v1/customers/erase", &json!({})).await;
    none.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let bad = app
        .post("/api/v1/customers/erase", &json!({ "email": "ana@" }))
        .await;
    bad.problem(StatusCode::UNPROCESSABLE_ENTITY);

    let erased = app
        .post(
            "/api/v1/customers/erase",
            &json!({ "email": "ana@example.COM" }),
        )
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.text);
    let counts = erased.json();
    assert_eq!(counts["orders"], 1, "{counts}");
    assert_eq!(counts["requests"], 1, "{counts}");
    assert!(counts["notifications"].as_u64() >= Some(1), "{counts}");
    // What was still to be sent is not sent, and no address is left on it.
    let messages = app.get(&path).await.json();
    let text = messages.to_string();
    assert!(
        !text.contains("\"queued\"") && text.contains("\"skipped\""),
        "{text}"
    );
    assert!(!text.contains("xample.com"), "{text}");

    let after = app
        .get(&format!("/api/v1/orders/{}", theirs["id"]))
        .await
        .json();
    let customer = after["customer"].to_string();
    for gone in ["Ana Lima", "xample.com", "+14155550100"] {
        assert!(!customer.contains(gone), "{gone} in {customer}");
    }
    assert_eq!(after["order_number"], "#1001");
    assert_eq!(after["items"][0]["name"], "Espresso beans");
    assert_eq!(after["shipments"][0]["stage"], "delivered");
    let destination = after["destination"].to_string();
    assert!(
        !destination.contains("Portland") && !destination.contains("97201"),
        "{destination}"
    );
    let requests = app.get("/api/v1/requests").await.json();
    assert!(!requests.to_string().contains("Ring flat"), "{requests}");
    // The page still opens; the lookup no longer finds the order by the email.
    assert_eq!(app.get(&page).await.status, StatusCode::OK);
    let lookup = app
        .send(
            Request::post("/acme/track")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from("order=1001&contact=ana%40example.com"))
                .unwrap(),
        )
        .await;
    assert_ne!(lookup.status, StatusCode::SEE_OTHER, "found after erasure");

    // Another customer and another store's customer of the same address are untouched.
    let kept = app
        .get(&format!("/api/v1/orders/{}", someone_else["id"]))
        .await
        .json();
    assert_eq!(kept["customer"]["email"], "bo@example.com");
    let elsewhere = app
        .request(
            Method::GET,
            &format!("/api/v1/orders/{}", other_store["id"]),
            Some(&other_key),
            None,
        )
        .await
        .json();
    assert_eq!(elsewhere["customer"]["email"], "ana@example.com");
    assert_eq!(elsewhere["customer"]["name"], "Ana Lima");

    // Again: nothing left to erase.
    let again = app
        .post(
            "/api/v1/customers/erase",
            &json!({ "email": "ana@example.com" }),
        )
        .await;
    assert_eq!(again.json()["orders"], 0, "{}", again.text);
    // By phone (spelled another way), the other customer sharing it is erased too.
    let by_phone = app
        .post(
            "/api/v1/customers/erase",
            &json!({ "phone": "+1 415 555 0100" }),
        )
        .await;
    assert_eq!(by_phone.json()["orders"], 1, "{}", by_phone.text);
}

async fn the_privacy_page_is_for_owners_and_checks_what_it_is_given(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let key = app.key.clone();
    let order = order_for(&app, &key, "#1001", "ana@example.com", "1Z999AA10123456784").await;
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    user(&app, app.store_id, "staff@acme.example", Role::Staff).await;
    let mut staff = Visitor::new("203.0.113.6:4000");
    staff.sign_in(&app, "staff@acme.example", PASSWORD).await;
    assert_eq!(
        staff.get(&app, "/admin/privacy").await.status,
        StatusCode::FORBIDDEN
    );
    let staff_csrf = staff.csrf(&app).await;
    let refused = staff
        .post(
            &app,
            "/admin/privacy/erase",
            &[
                ("csrf", &staff_csrf),
                ("email", "ana@example.com"),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut owner = Visitor::new("203.0.113.5:4000");
    owner.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let form = owner.get(&app, "/admin/privacy").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.text);
    let csrf = csrf_field(&form.text);
    // No token: refused.
    let forged = owner
        .post(
            &app,
            "/admin/privacy/erase",
            &[("email", "ana@example.com"), ("confirm", "1")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Not confirmed: the form again with what was typed.
    let unconfirmed = owner
        .post(
            &app,
            "/admin/privacy/erase",
            &[("csrf", &csrf), ("email", "ana@example.com")],
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed.text.contains("value=\"ana@example.com\""),
        "{}",
        unconfirmed.text
    );
    let still = app
        .get(&format!("/api/v1/orders/{}", order["id"]))
        .await
        .json();
    assert_eq!(still["customer"]["email"], "ana@example.com");

    let erased = owner
        .post(
            &app,
            "/admin/privacy/erase",
            &[
                ("csrf", &csrf),
                ("email", "ana@example.com"),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(erased.status, StatusCode::SEE_OTHER, "{}", erased.text);
    let done = owner.get(&app, erased.header("location")).await;
    assert!(done.text.contains("erased from one order"), "{}", done.text);
    let gone = app
        .get(&format!("/api/v1/orders/{}", order["id"]))
        .await
        .json();
    assert!(gone["customer"]["email"].is_null(), "{gone}");

    // Retention: a number out of range comes back; a good one is saved and read by the API.
    let short = owner
        .post(
            &app,
            "/admin/privacy/retention",
            &[("csrf", &csrf), ("days", "7")],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.text.contains("value=\"7\""), "{}", short.text);
    let saved = owner
        .post(
            &app,
            "/admin/privacy/retention",
            &[("csrf", &csrf), ("days", "400")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(app.get("/api/v1/store/retention").await.json()["days"], 400);
    let off = owner
        .post(
            &app,
            "/admin/privacy/retention",
            &[("csrf", &csrf), ("days", "")],
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    assert!(app.get("/api/v1/store/retention").await.json()["days"].is_null());
    // Both changes are in the audit log.
    let log = owner.get(&app, "/admin/audit").await;
    assert!(
        log.text.contains("POST /admin/privacy/erase"),
        "{}",
        log.text
    );
    assert!(
        log.text.contains("POST /admin/privacy/retention"),
        "{}",
        log.text
    );
}

async fn retention_erases_orders_finished_long_enough_ago(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let key = app.key.clone();
    let set = app
        .request(
            Method::PUT,
            "/api/v1/store/retention",
            Some(&key),
            Some(&json!({ "days": 10 })),
        )
        .await;
    set.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let set = app
        .request(
            Method::PUT,
            "/api/v1/store/retention",
            Some(&key),
            Some(&json!({ "days": 30 })),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    assert_eq!(set.json()["days"], 30);
    let delivered = order_for(&app, &key, "#1001", "ana@example.com", "1Z999AA10123456784").await;
    deliver(&app, &key, &delivered, "2026-03-02T10:00:00Z").await;
    let moving = order_for(&app, &key, "#1002", "bo@example.com", "1Z999AA10123456785").await;
    // A day later: kept.
    app.clock.advance(Duration::days(1));
    run_upkeep(&app).await;
    assert_eq!(email_of(&app, &delivered).await, "ana@example.com");
    // 31 days after delivery: erased; the parcel still on its way is not.
    app.clock.advance(Duration::days(31));
    run_upkeep(&app).await;
    assert!(email_of(&app, &delivered).await.is_null());
    assert_eq!(email_of(&app, &moving).await, "bo@example.com");
}

/// Queues the periodic jobs that are due and runs them.
async fn run_upkeep(app: &TestApp) {
    let runner = jobs::runner(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound: Outbound::new(true),
        secrets: app.secrets.clone(),
        public_url: PUBLIC_URL.into(),
        notify: None,
    });
    runner.schedule().await.unwrap();
    runner.run_pending().await.unwrap();
}

async fn email_of(app: &TestApp, order: &Value) -> Value {
    let path = format!("/api/v1/orders/{}", order["id"]);
    app.get(&path).await.json()["customer"]["email"].clone()
}
