//! Orders from store platforms: integration secrets and their rotation, and Shopify and
//! WooCommerce deliveries end to end (signed, tampered, replayed, out of order, cancelled),
//! processed by the job runner. The generic feed is `integrations_generic`; orders through
//! the API are `integrations_api`. The helpers here send and inspect deliveries for them.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use wismo_domain::platform::Platform;
use wismo_domain::{OrderId, Secret};
use wismo_server::jobs::{self, JobContext};
use wismo_server::outbound::Outbound;
use wismo_store::integrations::{DeliveryOutcome, PlatformDelivery};

use crate::harness::{Db, PUBLIC_URL, Response, TestApp, testdata};

crate::on_both_backends!(
    a_shopify_fulfilment_before_its_order_waits_and_becomes_its_shipment,
    a_changed_tracking_number_follows_the_patch_rules_and_a_cancelled_order_stops_tracking,
    woocommerce_pings_are_answered_and_orders_bring_their_plugin_tracking_numbers,
    after_a_rotation_the_old_secret_is_accepted_for_an_hour_only,
);

/// The Shopify secret of the vendored signature vector.
pub(crate) const SHOPIFY_SECRET: &str = "test_client_secret";
pub(crate) const WOO_SECRET: &str = "wc-secret-of-the-test-store";

/// Connects the test store to `platform` with `secret`.
pub(crate) async fn connect(app: &TestApp, platform: Platform, secret: &str) {
    add_integration(app, platform, Some(Secret::new(secret))).await;
}

/// Adds the test store's integration with `platform`, with `given` or a made secret; its
/// URL names the platform and the store.
pub(crate) async fn add_integration(
    app: &TestApp,
    platform: Platform,
    given: Option<Secret>,
) -> wismo_server::integrations::Added {
    let tenant = app.store.get_store(app.store_id).await.unwrap();
    let added = wismo_server::integrations::add(
        app.store.as_ref(),
        &app.secrets,
        PUBLIC_URL,
        &tenant,
        platform,
        given,
    )
    .await
    .unwrap();
    assert_eq!(
        added.url,
        format!("{PUBLIC_URL}/integrations/{platform}/acme")
    );
    added
}

/// base64 of HMAC-SHA256 of `body` under `secret`, computed apart from wismo (ring).
fn hmac(secret: &str, body: &[u8]) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    STANDARD.encode(ring::hmac::sign(&key, body).as_ref())
}

pub(crate) async fn deliver(
    app: &TestApp,
    platform: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Response {
    let mut req = Request::post(format!("/integrations/{platform}/acme"))
        .header("content-type", "application/json");
    for (name, value) in headers {
        req = req.header(*name, value);
    }
    app.send(req.body(Body::from(body.to_vec())).unwrap()).await
}

/// A Shopify delivery signed with `secret`.
pub(crate) async fn shopify(
    app: &TestApp,
    topic: &str,
    id: &str,
    body: &[u8],
    secret: &str,
) -> Response {
    let headers = [
        ("x-shopify-topic", topic.to_owned()),
        ("x-shopify-webhook-id", id.to_owned()),
        ("x-shopify-shop-domain", "acme.myshopify.com".to_owned()),
        ("x-shopify-hmac-sha256", hmac(secret, body)),
    ];
    deliver(app, "shopify", &headers, body).await
}

/// A WooCommerce delivery signed with `secret`.
pub(crate) async fn woocommerce(
    app: &TestApp,
    topic: &str,
    id: &str,
    body: &[u8],
    secret: &str,
) -> Response {
    let headers = [
        ("x-wc-webhook-topic", topic.to_owned()),
        ("x-wc-webhook-delivery-id", id.to_owned()),
        ("x-wc-webhook-source", "https://shop.example/".to_owned()),
        ("x-wc-webhook-signature", hmac(secret, body)),
    ];
    deliver(app, "woocommerce", &headers, body).await
}

pub(crate) async fn run_jobs(app: &TestApp) {
    let runner = jobs::runner(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound: Outbound::new(true),
        secrets: app.secrets.clone(),
        public_url: PUBLIC_URL.into(),
        notify: None,
    });
    // Fetching the orders' item pictures would leave loopback: every other queue runs.
    let queues: Vec<String> = runner
        .queues()
        .into_iter()
        .filter(|q| *q != jobs::FETCH)
        .map(String::from)
        .collect();
    runner
        .only_queues(&queues)
        .unwrap()
        .run_pending()
        .await
        .unwrap();
}

/// The deliveries kept for processing (not refused), newest first.
pub(crate) async fn deliveries(app: &TestApp, platform: Platform) -> Vec<PlatformDelivery> {
    let (kept, _) = logged(app, platform).await;
    kept
}

/// The delivery log, newest first: kept and refused deliveries apart.
async fn logged(
    app: &TestApp,
    platform: Platform,
) -> (Vec<PlatformDelivery>, Vec<PlatformDelivery>) {
    app.store
        .list_platform_deliveries(app.store_id, platform, None, 200)
        .await
        .unwrap()
        .into_iter()
        .partition(|d| d.outcome != DeliveryOutcome::Refused)
}

pub(crate) async fn orders(app: &TestApp) -> Vec<Value> {
    app.get("/api/v1/orders").await.json()["data"]
        .as_array()
        .unwrap()
        .clone()
}

/// A Shopify order in its REST shape, with `fulfillments`.
pub(crate) fn shopify_order(id: i64, name: &str, fulfillments: Value) -> Vec<u8> {
    json!({
        "id": id, "name": name, "order_number": 1001, "email": "customer@example.com",
        "phone": null, "customer_locale": "en-US", "created_at": "2026-03-02T10:15:42-05:00",
        "updated_at": "2026-03-02T10:15:42-05:00",
        "cancelled_at": null, "financial_status": "paid", "fulfillment_status": null,
        "customer": { "id": 1, "first_name": "Jane", "last_name": "Doe", "phone": "+14045550123" },
        "shipping_address": { "name": "Jane Doe", "address1": "123 Peachtree St", "city": "Atlanta",
            "province_code": "GA", "zip": "30303", "country_code": "US", "phone": null },
        "line_items": [{ "id": 14199533731874_i64, "name": "T-Shirt - M", "title": "T-Shirt",
            "variant_title": "M", "sku": "TSHIRT-M", "quantity": 1, "requires_shipping": true }],
        "fulfillments": fulfillments,
    })
    .to_string()
    .into_bytes()
}

async fn a_shopify_fulfilment_before_its_order_waits_and_becomes_its_shipment(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    connect(&app, Platform::Shopify, SHOPIFY_SECRET).await;
    let body = std::fs::read(testdata("webhooks/shopify_fulfillments_create.json")).unwrap();
    let vectors: Value = serde_json::from_slice(
        &std::fs::read(testdata("webhooks/signature_vectors.json")).unwrap(),
    )
    .unwrap();
    let vector = vectors
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["scheme"] == "Shopify webhook")
        .unwrap();
    assert_eq!(hmac(SHOPIFY_SECRET, &body), vector["expected"]);

    // Tampered, unsigned or signed with another secret: 401, nothing kept.
    let mut tampered = body.clone();
    tampered[20] = b'9';
    let headers = |signature: &str| {
        [
            ("x-shopify-topic", "fulfillments/create".to_owned()),
            ("x-shopify-webhook-id", "wh-ful-1".to_owned()),
            ("x-shopify-hmac-sha256", signature.to_owned()),
        ]
    };
    let expected = vector["expected"].as_str().unwrap();
    deliver(&app, "shopify", &headers(expected), &tampered)
        .await
        .problem(StatusCode::UNAUTHORIZED);
    deliver(&app, "shopify", &headers(""), &body)
        .await
        .problem(StatusCode::UNAUTHORIZED);
    shopify(
        &app,
        "fulfillments/create",
        "wh-ful-1",
        &body,
        "another secret",
    )
    .await
    .problem(StatusCode::UNAUTHORIZED);
    let (kept, refused) = logged(&app, Platform::Shopify).await;
    assert!(kept.is_empty());
    assert_eq!(refused.len(), 3);
    assert!(
        refused
            .iter()
            .all(|d| d.body.is_none() && d.topic == "fulfillments/create")
    );
    assert!(
        refused[2]
            .detail
            .as_deref()
            .unwrap()
            .contains("does not match"),
        "{refused:?}"
    );
    // A signed body that is not JSON is 400, after the signature.
    shopify(&app, "orders/create", "wh-x", b"not json", SHOPIFY_SECRET)
        .await
        .problem(StatusCode::BAD_REQUEST);
    // Another store's URL or an unknown platform: 404.
    let res = app
        .send(
            Request::post("/integrations/magento/acme")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    res.problem(StatusCode::NOT_FOUND);

    // The vector's exact bytes and signature: accepted, and a replay keeps nothing more.
    let res = deliver(&app, "shopify", &headers(expected), &body).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json()["status"], "accepted");
    let again = deliver(&app, "shopify", &headers(expected), &body).await;
    assert_eq!(again.json()["status"], "duplicate");
    run_jobs(&app).await;
    let kept = deliveries(&app, Platform::Shopify).await;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].outcome, DeliveryOutcome::Waiting);
    assert_eq!(kept[0].waiting_for.as_deref(), Some("6012345678901"));
    assert!(orders(&app).await.is_empty());

    // The order arrives: created, and the waiting fulfilment becomes its shipment.
    let order = shopify_order(6012345678901, "#1001", json!([]));
    let res = shopify(&app, "orders/create", "wh-ord-1", &order, SHOPIFY_SECRET).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    shopify(&app, "orders/create", "wh-ord-1", &order, SHOPIFY_SECRET).await;
    run_jobs(&app).await;
    let list = orders(&app).await;
    assert_eq!(list.len(), 1, "{list:?}");
    let o = &list[0];
    assert_eq!(o["order_number"], "#1001");
    assert_eq!(o["external_id"], "6012345678901");
    assert_eq!(o["customer"]["name"], "Jane Doe");
    assert_eq!(o["customer"]["email"], "customer@example.com");
    assert_eq!(o["customer"]["phone"], "+14045550123");
    assert_eq!(o["customer"]["locale"], "en-US");
    assert_eq!(o["destination"]["postal_code"], "30303");
    assert_eq!(o["items"][0]["name"], "T-Shirt");
    assert_eq!(o["items"][0]["variant"], "M");
    assert_eq!(o["shipments"].as_array().unwrap().len(), 1);
    assert_eq!(o["shipments"][0]["tracking_number"], "1Z5R89390357567127");
    assert_eq!(o["shipments"][0]["carrier"], "ups");
    // The fulfilment's line items are what the parcel holds; the order is its stage.
    assert_eq!(o["source"], "shopify");
    assert_eq!(
        o["shipments"][0]["items"],
        json!([{ "sku": "TSHIRT-M", "name": "T-Shirt", "quantity": 1 }])
    );
    assert_eq!(o["stage"], "pending");
    assert_eq!(o["items"][0]["status"], "pending");
    // Shopify confirms its orders itself: wismo sends no confirmation of its own.
    let told = app
        .get(&format!("/api/v1/orders/{}/notifications", o["id"]))
        .await
        .json();
    assert_eq!(told["items"], json!([]), "{told}");
    let kept = deliveries(&app, Platform::Shopify).await;
    assert_eq!(kept.len(), 2);
    assert!(
        kept.iter()
            .all(|d| d.order_id == Some(OrderId(o["id"].as_i64().unwrap())))
    );
    assert_eq!(kept[0].outcome, DeliveryOutcome::Created);
    assert_eq!(kept[1].outcome, DeliveryOutcome::Updated);

    // An update of the same order under a new delivery id changes it and adds nothing.
    let mut updated: Value = serde_json::from_slice(&order).unwrap();
    updated["customer"]["first_name"] = json!("Janet");
    updated["updated_at"] = json!("2026-03-02T11:00:00-05:00");
    let updated = updated.to_string().into_bytes();
    shopify(&app, "orders/updated", "wh-ord-2", &updated, SHOPIFY_SECRET).await;
    run_jobs(&app).await;
    let list = orders(&app).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["customer"]["name"], "Janet Doe");
    assert_eq!(list[0]["shipments"].as_array().unwrap().len(), 1);

    // The log through the API: newest first, a page at a time, refused ones without body.
    let page = app
        .get("/api/v1/integrations/shopify/deliveries?limit=2")
        .await
        .json();
    let data = page["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["topic"], "orders/updated");
    assert_eq!(data[0]["outcome"], "updated");
    assert_eq!(data[0]["order_id"], list[0]["id"]);
    assert_eq!(data[0]["webhook_id"], "wh-ord-2");
    assert!(data[0].get("body").is_none());
    let mut seen = data.len();
    let mut cursor = page["next_cursor"].as_str().map(str::to_owned);
    let mut outcomes = Vec::new();
    while let Some(c) = cursor {
        let next = app
            .get(&format!(
                "/api/v1/integrations/shopify/deliveries?limit=2&cursor={c}"
            ))
            .await
            .json();
        for d in next["data"].as_array().unwrap() {
            outcomes.push(d["outcome"].as_str().unwrap().to_owned());
        }
        seen += next["data"].as_array().unwrap().len();
        cursor = next["next_cursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, 6);
    assert_eq!(data[1]["outcome"], "created");
    assert_eq!(outcomes, ["updated", "refused", "refused", "refused"]);
    app.get("/api/v1/integrations/magento/deliveries")
        .await
        .problem(StatusCode::NOT_FOUND);
    let other = app.other_store_key().await;
    let theirs = app
        .request(
            Method::GET,
            "/api/v1/integrations/shopify/deliveries",
            Some(&other),
            None,
        )
        .await
        .json();
    assert_eq!(theirs["data"], json!([]));

    // Shopify's retry of the first version, arriving last, changes nothing back.
    let mut stale: Value = serde_json::from_slice(&order).unwrap();
    stale["customer"]["first_name"] = json!("Jan");
    let stale = stale.to_string().into_bytes();
    shopify(&app, "orders/updated", "wh-ord-0", &stale, SHOPIFY_SECRET).await;
    run_jobs(&app).await;
    assert_eq!(orders(&app).await[0]["customer"]["name"], "Janet Doe");
    assert_eq!(
        deliveries(&app, Platform::Shopify).await[0].outcome,
        DeliveryOutcome::Ignored
    );
}

async fn a_changed_tracking_number_follows_the_patch_rules_and_a_cancelled_order_stops_tracking(
    db: Db,
) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    connect(&app, Platform::Shopify, SHOPIFY_SECRET).await;
    let fulfilment = |number: &str| {
        json!({ "id": 77, "order_id": 555, "status": "success", "tracking_company": "FedEx",
                "tracking_number": number, "tracking_numbers": [number],
                "tracking_urls": [format!("https://www.fedex.com/fedextrack/?trknbr={number}")] })
    };
    let order = shopify_order(555, "#1002", json!([fulfilment("449044304137821")]));
    shopify(&app, "orders/create", "a1", &order, SHOPIFY_SECRET).await;
    run_jobs(&app).await;
    let before = orders(&app).await[0].clone();
    let shipment = &before["shipments"][0];
    assert_eq!(shipment["tracking_number"], "449044304137821");
    assert_eq!(shipment["carrier"], "fedex");
    // The same order again (Shopify updates it for a tag): nothing is written.
    shopify(&app, "orders/updated", "a1b", &order, SHOPIFY_SECRET).await;
    run_jobs(&app).await;
    let again = &deliveries(&app, Platform::Shopify).await[0];
    assert_eq!(again.outcome, DeliveryOutcome::Ignored);
    assert_eq!(again.detail.as_deref(), Some("nothing changed"));

    // The same fulfilment with another number: the same shipment gets it.
    let update = fulfilment("776754412345");
    let update = update.to_string().into_bytes();
    shopify(&app, "fulfillments/update", "a2", &update, SHOPIFY_SECRET).await;
    run_jobs(&app).await;
    let after = orders(&app).await[0].clone();
    assert_eq!(after["shipments"].as_array().unwrap().len(), 1);
    assert_eq!(after["shipments"][0]["id"], shipment["id"]);
    assert_eq!(after["shipments"][0]["tracking_number"], "776754412345");
    assert!(after["shipments"][0]["next_poll_at"].is_string());

    // Cancelled: the order says so, its parcels are no longer polled, and a later
    // fulfilment adds nothing.
    let mut cancelled: Value = serde_json::from_slice(&order).unwrap();
    cancelled["cancelled_at"] = json!("2026-03-03T09:00:00-05:00");
    let cancelled = cancelled.to_string().into_bytes();
    shopify(&app, "orders/cancelled", "a3", &cancelled, SHOPIFY_SECRET).await;
    let other = json!({ "id": 78, "order_id": 555, "status": "success",
                        "tracking_numbers": ["1Z5R89390357567127"] })
    .to_string()
    .into_bytes();
    shopify(&app, "fulfillments/create", "a4", &other, SHOPIFY_SECRET).await;
    run_jobs(&app).await;
    let o = orders(&app).await[0].clone();
    assert!(o["cancelled_at"].is_string(), "{o}");
    assert_eq!(o["shipments"].as_array().unwrap().len(), 1);
    assert_eq!(o["shipments"][0]["next_poll_at"], Value::Null);
    let due = app.store.due_shipments(10).await.unwrap();
    assert!(due.is_empty(), "{due:?}");
    // News about its parcel still arrives (a push, a scan by hand) and is recorded, but it
    // does not start polling again.
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", o["shipments"][0]["id"]),
            &json!({ "occurred_at": "2026-03-03T11:00:00Z", "stage": "in_transit",
                     "description": "Departed facility" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let o = orders(&app).await[0].clone();
    assert_eq!(o["shipments"][0]["stage"], "in_transit");
    assert_eq!(o["shipments"][0]["next_poll_at"], Value::Null, "{o}");
    assert!(app.store.due_shipments(10).await.unwrap().is_empty());
}

async fn woocommerce_pings_are_answered_and_orders_bring_their_plugin_tracking_numbers(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    connect(&app, Platform::WooCommerce, WOO_SECRET).await;
    // The creation ping: a form body, no signature, exactly 200, nothing kept.
    let res = app
        .send(
            Request::post("/integrations/woocommerce/acme")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("webhook_id=15"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(deliveries(&app, Platform::WooCommerce).await.is_empty());

    let order = |status: &str| {
        json!({
            "id": 727, "parent_id": 0, "number": "727", "status": status, "currency": "USD",
            "date_created": "2026-03-01T10:00:00", "date_created_gmt": "2026-03-01T15:00:00",
            "billing": { "first_name": "John", "last_name": "Doe", "email": "john.doe@example.com",
                "phone": "+1 555 555 0101", "city": "San Francisco", "state": "CA", "postcode": "94103", "country": "US" },
            "shipping": { "first_name": "John", "last_name": "Doe", "address_1": "969 Market",
                "city": "Portland", "state": "OR", "postcode": "97201", "country": "US" },
            "line_items": [{ "id": 315, "name": "Hoodie", "quantity": 2, "sku": "HD-1",
                "meta_data": [{ "id": 1, "key": "pa_size", "value": "m", "display_key": "Size", "display_value": "M" }],
                "image": { "id": "9", "src": "https://shop.example/hoodie.jpg" } }],
            "meta_data": [{ "id": 5, "key": "_wc_shipment_tracking_items", "value": [
                { "tracking_provider": "ups", "custom_tracking_provider": "", "custom_tracking_link": "",
                  "tracking_number": "1Z5R89390357567127", "date_shipped": "1772409600", "tracking_id": "a1b2" }
            ]}],
        })
        .to_string()
        .into_bytes()
    };
    let body = order("completed");
    // Tampered: 401, nothing kept.
    let mut tampered = body.clone();
    tampered[7] = b'8';
    let signed = [
        ("x-wc-webhook-topic", "order.created".to_owned()),
        ("x-wc-webhook-delivery-id", "d1".to_owned()),
        ("x-wc-webhook-signature", hmac(WOO_SECRET, &body)),
    ];
    deliver(&app, "woocommerce", &signed, &tampered)
        .await
        .problem(StatusCode::UNAUTHORIZED);
    let (kept, refused) = logged(&app, Platform::WooCommerce).await;
    assert!(kept.is_empty() && refused.len() == 1);

    let res = woocommerce(&app, "order.created", "d1", &body, WOO_SECRET).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    run_jobs(&app).await;
    let o = orders(&app).await[0].clone();
    assert_eq!(o["order_number"], "727");
    assert_eq!(o["external_id"], "727");
    assert_eq!(o["destination"]["city"], "Portland");
    assert_eq!(o["items"][0]["variant"], "M");
    assert_eq!(
        o["items"][0]["image_url"],
        "https://shop.example/hoodie.jpg"
    );
    // Its picture's fetch is queued with the order, once.
    let fetches: Vec<_> = app
        .store
        .list_jobs(Some(wismo_store::JobState::Queued), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|j| j.name == "fetch_item_image")
        .collect();
    assert_eq!(fetches.len(), 1);
    assert_eq!(fetches[0].payload["url"], "https://shop.example/hoodie.jpg");
    assert_eq!(o["shipments"][0]["tracking_number"], "1Z5R89390357567127");
    assert_eq!(o["shipments"][0]["carrier"], "ups");

    // Cancelled in WooCommerce: cancelled here.
    woocommerce(&app, "order.updated", "d2", &order("cancelled"), WOO_SECRET).await;
    run_jobs(&app).await;
    let list = orders(&app).await;
    assert_eq!(list.len(), 1);
    assert!(list[0]["cancelled_at"].is_string());
    assert_eq!(list[0]["shipments"][0]["next_poll_at"], Value::Null);
    let kept = deliveries(&app, Platform::WooCommerce).await;
    assert_eq!(
        kept.iter().map(|d| d.outcome).collect::<Vec<_>>(),
        [DeliveryOutcome::Updated, DeliveryOutcome::Created]
    );
}

async fn after_a_rotation_the_old_secret_is_accepted_for_an_hour_only(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    connect(&app, Platform::Shopify, "old-key").await;
    connect(&app, Platform::Shopify, "new-key").await;
    let body = shopify_order(1, "#1", json!([]));
    let ok = |res: Response| assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    ok(shopify(&app, "orders/create", "r1", &body, "old-key").await);
    ok(shopify(&app, "orders/create", "r2", &body, "new-key").await);
    app.clock.advance(chrono::Duration::minutes(59));
    ok(shopify(&app, "orders/create", "r3", &body, "old-key").await);
    app.clock.advance(chrono::Duration::minutes(2));
    shopify(&app, "orders/create", "r4", &body, "old-key")
        .await
        .problem(StatusCode::UNAUTHORIZED);
    ok(shopify(&app, "orders/create", "r5", &body, "new-key").await);
    let list = app.store.list_integrations(app.store_id).await.unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].rotated_at.is_some());
    // Another store's URL with this store's signature: refused, nothing kept there.
    app.other_store_key().await;
    let globex = app.store.get_store_by_slug("globex").await.unwrap();
    wismo_server::integrations::add(
        app.store.as_ref(),
        &app.secrets,
        PUBLIC_URL,
        &globex,
        Platform::Shopify,
        Some(Secret::new("globex-key")),
    )
    .await
    .unwrap();
    let headers = [
        ("x-shopify-topic", "orders/create".to_owned()),
        ("x-shopify-webhook-id", "g1".to_owned()),
        ("x-shopify-hmac-sha256", hmac("new-key", &body)),
    ];
    let res = app
        .send({
            let mut req = Request::post("/integrations/shopify/globex");
            for (name, value) in &headers {
                req = req.header(*name, value);
            }
            req.body(Body::from(body.clone())).unwrap()
        })
        .await;
    res.problem(StatusCode::UNAUTHORIZED);
    let theirs = app
        .store
        .list_platform_deliveries(globex.id, Platform::Shopify, None, 10)
        .await
        .unwrap();
    assert!(theirs.iter().all(|d| d.outcome == DeliveryOutcome::Refused));
    // Refused deliveries are logged, up to 100 an hour.
    for n in 0..100 {
        shopify(&app, "orders/create", &format!("bad-{n}"), &body, "wrong")
            .await
            .problem(StatusCode::UNAUTHORIZED);
    }
    assert_eq!(logged(&app, Platform::Shopify).await.1.len(), 100);
    // A body over the bound is refused before anything is read.
    let big = format!("{{\"padding\":\"{}\"}}", "a".repeat(1024 * 1024));
    let problem = shopify(&app, "orders/create", "r6", big.as_bytes(), "new-key")
        .await
        .problem(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        problem["detail"].as_str().unwrap().contains("1024 KiB"),
        "{problem}"
    );
}

#[test]
fn integration_add_prints_the_url_and_a_made_secret_once_and_list_shows_them() {
    use std::io::Write as _;
    use std::process::Stdio;
    let (url, path) = crate::cli::temp_db();
    let base = [
        "--database-url",
        &url,
        "--public-url",
        "https://track.example.com",
    ];
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut child = crate::cli::wismo()
            .args(base)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, _, err) = run(
        &["store", "create", "--slug", "acme", "--name", "Acme"],
        None,
    );
    assert!(ok, "{err}");
    let add = ["integration", "add", "--store", "acme", "--platform"];

    let (ok, out, err) = run(
        &[&add[..], &["shopify", "--secret-stdin", "--json"]].concat(),
        Some("shpss_key_from_shopify\n"),
    );
    assert!(ok, "{err}");
    let shown: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        shown,
        json!({ "url": "https://track.example.com/integrations/shopify/acme" })
    );
    assert!(!out.contains("shpss_") && !err.contains("shpss_"));
    let (ok, _, err) = run(&[&add[..], &["shopify"]].concat(), None);
    assert!(!ok && err.contains("--secret-stdin"), "{err}");

    let (ok, out, err) = run(&[&add[..], &["woocommerce", "--json"]].concat(), None);
    assert!(ok, "{err}");
    let woo: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        woo["url"],
        "https://track.example.com/integrations/woocommerce/acme"
    );
    assert!(woo["secret"].as_str().unwrap().len() >= 40);
    assert!(!err.contains(woo["secret"].as_str().unwrap()));

    let (ok, out, err) = run(&[&add[..], &["generic", "--json"]].concat(), None);
    assert!(ok, "{err}");
    let generic: Value = serde_json::from_str(out.trim()).unwrap();
    let secret = generic["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_"), "{secret}");
    assert_eq!(STANDARD.decode(&secret[6..]).unwrap().len(), 32);

    // Again: a rotation, said in words.
    let (ok, out, err) = run(
        &[&add[..], &["shopify", "--secret-stdin"]].concat(),
        Some("shpss_new_key\n"),
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("rotated") && out.contains("/integrations/shopify/acme"),
        "{out}"
    );

    let (ok, out, err) = run(&["integration", "list", "--store", "acme", "--json"], None);
    assert!(ok, "{err}");
    let list: Value = serde_json::from_str(out.trim()).unwrap();
    let platforms: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["platform"].as_str().unwrap())
        .collect();
    assert_eq!(platforms, ["generic", "shopify", "woocommerce"]);
    assert!(list[1]["rotated_at"].is_string() && list[0]["rotated_at"].is_null());
    let (ok, _, err) = run(&[&add[..], &["magento"]].concat(), None);
    assert!(!ok && err.contains("unknown platform"), "{err}");
    let _ = std::fs::remove_file(path);
}
