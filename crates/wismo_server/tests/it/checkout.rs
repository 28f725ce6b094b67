//! Orders from checkout on: an order's own stage before and while its parcels move, each
//! item's status, the order's page before anything ships, its confirmation message, and a
//! fulfilment that stalls.

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::{Value, json};
use wismo_domain::admin::Role;
use wismo_server::jobs::{self, JobContext};
use wismo_server::outbound::Outbound;

use crate::admin::{PASSWORD, Visitor, user};
use crate::harness::{Db, PUBLIC_URL, TestApp};
use crate::order_pages::order_link;

crate::on_both_backends!(
    an_order_without_parcels_is_being_prepared_on_its_page_and_in_the_api,
    an_item_in_no_parcel_keeps_the_order_partially_shipped_until_it_ships,
    a_cancelled_order_says_so_on_its_page,
    a_new_order_is_confirmed_once_unless_it_is_old_news_or_already_shipping,
    an_order_not_shipped_in_time_is_raised_once_for_the_merchant,
);

/// An order of a mug (two) and tea, with `parcels` as given.
async fn mugs_and_tea(
    app: &TestApp,
    number: &str,
    parcels: Value,
    placed_at: Option<&str>,
) -> Value {
    let mut body = json!({
        "order_number": number,
        "customer": { "name": "Ana Lima", "email": "ana@example.com", "locale": "en" },
        "destination": { "city": "Portland", "region": "OR", "postal_code": "97201", "country": "US" },
        "items": [
            { "name": "Mug", "quantity": 2, "sku": "MUG" },
            { "name": "Green tea", "quantity": 1, "sku": "TEA" },
        ],
        "shipments": parcels,
    });
    if let Some(at) = placed_at {
        body["placed_at"] = json!(at);
    }
    let res = app.post("/api/v1/orders", &body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json()
}

async fn notifications(app: &TestApp, order: &Value) -> Vec<Value> {
    let res = app
        .get(&format!("/api/v1/orders/{}/notifications", order["id"]))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json()["items"].as_array().cloned().unwrap_or_default()
}

fn runner(app: &TestApp) -> jobs::Runner {
    jobs::runner(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound: Outbound::default(),
        secrets: app.secrets.clone(),
        public_url: PUBLIC_URL.into(),
        notify: None,
    })
}

/// Queues what is due and runs every job due, as the runner's loop would.
async fn tick(app: &TestApp) {
    let runner = runner(app);
    runner.schedule().await.unwrap();
    runner.run_pending().await.unwrap();
}

async fn an_order_without_parcels_is_being_prepared_on_its_page_and_in_the_api(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = mugs_and_tea(&app, "#7001", json!([]), None).await;
    assert_eq!(order["stage"], "ordered");
    assert_eq!(order["substatus"], "processing");
    assert_eq!(order["source"], "api");
    assert_eq!(order["stalled_at"], Value::Null);
    assert_eq!(order["items"][0]["status"], "unshipped");
    assert_eq!(order["items"][0]["shipped_quantity"], 0);
    assert_eq!(
        order["items"][0]["sku"], "MUG",
        "the item's own fields stay"
    );

    let page = app.get(&order_link(&order)).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.text;
    assert!(html.contains("Order confirmed"), "{html}");
    assert!(html.contains("Preparing your order"), "{html}");
    // The promise it was given at checkout: when it leaves, when it arrives.
    let promise = &order["promise"];
    assert_eq!(promise["basis"], "default", "{order}");
    assert_eq!(promise["ships_by"], "2026-03-05");
    assert!(
        html.contains("Arriving Friday 6 March – Monday 16 March"),
        "{html}"
    );
    assert!(
        html.contains("It should leave the store by Thursday 5 March."),
        "{html}"
    );
    assert!(
        html.contains("The store has your order and is getting it ready."),
        "the three answers: {html}"
    );
    // Ordered (on the day it was placed), then preparing, shipped, delivered.
    assert!(
        html.contains("<span>Ordered</span> <span class=\"step-date\">Tue 3 Mar</span>"),
        "{html}"
    );
    assert!(
        html.contains("aria-current=\"step\"><span>Preparing</span>"),
        "{html}"
    );
    assert!(
        !html.contains("Still being prepared"),
        "nothing has shipped: {html}"
    );
    // No parcel to ask about yet.
    assert!(!html.contains("id=\"actions\""), "{html}");

    // A promised date ahead is said.
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "#7002",
                "customer": {},
                "destination": {},
                "items": [{ "name": "Mug" }],
                "promised_date": "2026-03-10",
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let html = app.get(&order_link(&res.json())).await.text;
    assert!(html.contains("Arriving by Tuesday 10 March"), "{html}");
}

async fn an_item_in_no_parcel_keeps_the_order_partially_shipped_until_it_ships(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // Both mugs leave first.
    let order = mugs_and_tea(
        &app,
        "#7010",
        json!([{ "tracking_number": "1Z999AA10123456784", "carrier": "ups",
                 "items": [{ "sku": "MUG", "quantity": 2 }] }]),
        None,
    )
    .await;
    assert_eq!(order["stage"], "ordered");
    assert_eq!(order["substatus"], "partially_shipped");
    let first = &order["shipments"][0];
    assert_eq!(first["items"], json!([{ "sku": "MUG", "quantity": 2 }]));
    assert_eq!(order["items"][0]["status"], "pending");
    assert_eq!(order["items"][0]["shipped_quantity"], 2);
    assert_eq!(order["items"][0]["shipment_ids"], json!([first["id"]]));
    assert_eq!(order["items"][1]["status"], "unshipped");

    let html = app.get(&order_link(&order)).await.text;
    assert!(html.contains("Preparing the rest of your order"), "{html}");
    assert!(html.contains("Still being prepared"), "{html}");
    let waiting = html
        .split("class=\"waiting\"")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_default();
    assert!(waiting.contains("Green tea"), "{waiting}");
    assert!(!waiting.contains("Mug"), "the mugs have shipped: {waiting}");

    // A parcel naming an item by a SKU the order does not have is still a parcel; naming
    // nothing at all is refused.
    let bad = app
        .post(
            &format!("/api/v1/orders/{}/shipments", order["id"]),
            &json!({ "tracking_number": "1Z999AA10123456791", "items": [{ "quantity": 1 }] }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert!(bad.text.contains("items[0].sku"), "{}", bad.text);

    // The tea follows: every item is in a parcel, so the order shows its parcels' stage.
    let added = app
        .post(
            &format!("/api/v1/orders/{}/shipments", order["id"]),
            &json!({ "tracking_number": "1Z999AA10123456790", "carrier": "ups",
                     "items": [{ "name": "green tea" }] }),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    let order = app
        .get(&format!("/api/v1/orders/{}", order["id"]))
        .await
        .json();
    assert_eq!(order["stage"], "pending");
    assert_eq!(order["substatus"], Value::Null);
    assert_eq!(order["items"][1]["status"], "pending");
    let html = app.get(&order_link(&order)).await.text;
    assert!(
        !html.contains("order-card"),
        "no order card once all shipped: {html}"
    );
}

async fn a_cancelled_order_says_so_on_its_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = mugs_and_tea(&app, "#7020", json!([]), None).await;
    let res = app
        .post(
            &format!("/api/v1/orders/{}/cancel", order["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json()["stage"], "cancelled");
    let html = app.get(&order_link(&order)).await.text;
    assert!(html.contains("Order cancelled"), "{html}");
    assert!(html.contains("This order was cancelled"), "{html}");
    assert!(!html.contains("Preparing your order"), "{html}");
}

async fn a_new_order_is_confirmed_once_unless_it_is_old_news_or_already_shipping(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // Placed now, nothing shipped: one confirmation by email, none by text (not asked).
    let fresh = mugs_and_tea(&app, "#7030", json!([]), Some("2026-03-03T11:00:00Z")).await;
    let told = notifications(&app, &fresh).await;
    let moments: Vec<(&str, &str)> = told
        .iter()
        .map(|n| {
            (
                n["channel"].as_str().unwrap(),
                n["moment"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(moments, vec![("email", "order_confirmed")], "{told:?}");
    assert_eq!(told[0]["shipment_ids"], json!([]));
    assert_eq!(told[0]["status"], "queued");

    // Placed two days before it reached wismo: old news.
    let old = mugs_and_tea(&app, "#7031", json!([]), Some("2026-03-01T09:00:00Z")).await;
    assert!(notifications(&app, &old).await.is_empty());

    // Arriving with its parcel: the shipping news says it all.
    let shipping = mugs_and_tea(
        &app,
        "#7032",
        json!([{ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }]),
        None,
    )
    .await;
    assert!(notifications(&app, &shipping).await.is_empty());

    // A store that takes confirmation off its email sends none.
    let mut policy = app.get("/api/v1/store/notifications").await.json();
    policy["channels"]["email"] = json!(["shipped", "delivered"]);
    let res = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/notifications",
            Some(app.key.as_str()),
            Some(&policy),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json()["confirm_platform_orders"], false);
    assert_eq!(res.json()["stall_days"], 3);
    let quiet = mugs_and_tea(&app, "#7033", json!([]), None).await;
    assert!(notifications(&app, &quiet).await.is_empty());
}

async fn an_order_not_shipped_in_time_is_raised_once_for_the_merchant(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // Placed Tuesday 3 March 04:00 in the store's Los Angeles (12:00 UTC); three business
    // days later is Friday 6 March, 04:00 there.
    let late = mugs_and_tea(&app, "#7040", json!([]), Some("2026-03-03T12:00:00Z")).await;
    let shipped = mugs_and_tea(&app, "#7041", json!([]), Some("2026-03-03T12:00:00Z")).await;
    let cancelled = mugs_and_tea(&app, "#7042", json!([]), Some("2026-03-03T12:00:00Z")).await;
    app.post(
        &format!("/api/v1/orders/{}/shipments", shipped["id"]),
        &json!({ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }),
    )
    .await;
    app.post(
        &format!("/api/v1/orders/{}/cancel", cancelled["id"]),
        &json!({}),
    )
    .await;

    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-03-06T11:59:00Z")
            .unwrap()
            .to_utc(),
    );
    tick(&app).await;
    let read = |id: &Value| {
        let path = format!("/api/v1/orders/{id}");
        let app = &app;
        async move { app.get(&path).await.json() }
    };
    assert_eq!(
        read(&late["id"]).await["stalled_at"],
        Value::Null,
        "not yet"
    );

    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-03-06T12:15:00Z")
            .unwrap()
            .to_utc(),
    );
    tick(&app).await;
    let raised = read(&late["id"]).await;
    assert_eq!(raised["stalled_at"], "2026-03-06T12:15:00Z", "{raised}");
    assert_eq!(read(&shipped["id"]).await["stalled_at"], Value::Null);
    assert_eq!(read(&cancelled["id"]).await["stalled_at"], Value::Null);
    // The customer hears nothing unless the store's policy tells this moment.
    let told = notifications(&app, &late).await;
    assert!(
        told.iter().all(|n| n["moment"] != "fulfillment_stalled"),
        "{told:?}"
    );
    // Once: a later run raises nothing again.
    app.clock.advance(Duration::hours(1));
    tick(&app).await;
    assert_eq!(read(&late["id"]).await["stalled_at"], raised["stalled_at"]);

    // It heads the merchant's attention list until a parcel is added.
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let mut owner = Visitor::new("203.0.113.9:4000");
    owner.sign_in(&app, "owner@acme.example", PASSWORD).await;
    let home = owner.get(&app, "/admin?kind=not_shipped").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.text.contains("#7040"), "{}", home.text);
    assert!(
        home.text
            .contains("No parcel yet, 3 business days after the order"),
        "{}",
        home.text
    );
    assert!(!home.text.contains("#7041"), "{}", home.text);
    // Its page in the admin says where it stands.
    let page = owner
        .get(&app, &format!("/admin/orders/{}", late["id"]))
        .await
        .text;
    assert!(page.contains("<dd>ordered · processing</dd>"), "{page}");
    assert!(page.contains("<dt>Came from</dt><dd>api</dd>"), "{page}");
    assert!(
        page.contains("<dt>Not shipped in time since</dt><dd>2026-03-06 12:15 UTC</dd>"),
        "{page}"
    );
    assert!(page.contains("<dt>Promised at checkout</dt>"), "{page}");
    assert!(
        page.contains("2 × Mug <span class=\"muted\">unshipped</span>"),
        "{page}"
    );
    app.post(
        &format!("/api/v1/orders/{}/shipments", late["id"]),
        &json!({ "tracking_number": "1Z999AA10123456790", "carrier": "ups" }),
    )
    .await;
    let home = owner.get(&app, "/admin?kind=not_shipped").await;
    assert!(!home.text.contains("#7040"), "{}", home.text);

    // A store that tells customers: the next stalled order gets its apology by email.
    let mut policy = app.get("/api/v1/store/notifications").await.json();
    let email = policy["channels"]["email"].as_array_mut().unwrap();
    email.push(json!("fulfillment_stalled"));
    policy["stall_days"] = json!(1);
    let res = app
        .request(
            axum::http::Method::PUT,
            "/api/v1/store/notifications",
            Some(app.key.as_str()),
            Some(&policy),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let next = mugs_and_tea(&app, "#7043", json!([]), None).await;
    app.clock.advance(Duration::days(4));
    tick(&app).await;
    let told = notifications(&app, &next).await;
    assert!(
        told.iter()
            .any(|n| n["moment"] == "fulfillment_stalled" && n["channel"] == "email"),
        "{told:?}"
    );
}
