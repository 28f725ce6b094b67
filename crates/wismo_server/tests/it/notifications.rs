//! Notifications through the API: consent on orders, what was told about an order and a
//! shipment (recipients masked, other stores' not found), and the store's policy.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Db, TestApp, link};
use wismo_domain::notify::Channel;

crate::on_both_backends!(
    an_orders_consent_is_taken_and_shown,
    a_milestone_is_listed_under_its_order_and_shipment_with_the_recipient_masked,
    the_store_policy_is_read_replaced_and_checked,
    the_page_promises_email_only_when_the_customer_will_get_it,
);

async fn an_orders_consent_is_taken_and_shown(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "#2001",
                "customer": { "email": "bo@example.com", "consent": { "sms": true } },
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(
        res.json()["customer"]["consent"],
        json!({ "email": true, "sms": true, "whatsapp": false, "voice": false })
    );
    let default = app.order("#2002", &[]).await;
    assert_eq!(
        default["customer"]["consent"],
        json!({ "email": true, "sms": false, "whatsapp": false, "voice": false })
    );
    let res = app
        .post(
            "/api/v1/orders",
            &json!({ "order_number": "#2003", "customer": { "consent": { "fax": true } } }),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
}

async fn a_milestone_is_listed_under_its_order_and_shipment_with_the_recipient_masked(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#2101", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0]["id"];
    let res = app
        .post(
            &format!("/api/v1/shipments/{shipment}/events"),
            &json!({ "occurred_at": "2026-03-03T11:50:00Z", "stage": "out_for_delivery", "description": "On the truck" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let by_order = app
        .get(&format!("/api/v1/orders/{}/notifications", order["id"]))
        .await;
    assert_eq!(by_order.status, StatusCode::OK, "{}", by_order.text);
    let items = by_order.json()["items"].clone();
    assert_eq!(items.as_array().map(Vec::len), Some(1), "{items}");
    let n = &items[0];
    assert_eq!(n["channel"], "email");
    assert_eq!(n["moment"], "out_for_delivery");
    assert_eq!(n["status"], "queued");
    assert_eq!(n["recipient"], "a***@example.com");
    assert_eq!(n["shipment_ids"], json!([shipment]));
    assert!(n["created_at"].is_string() && n["sent_at"].is_null());
    let by_shipment = app
        .get(&format!("/api/v1/shipments/{shipment}/notifications"))
        .await;
    assert_eq!(by_shipment.json()["items"], items);

    let other = app.other_store_key().await;
    for path in [
        format!("/api/v1/orders/{}/notifications", order["id"]),
        format!("/api/v1/shipments/{shipment}/notifications"),
    ] {
        let res = app.request(Method::GET, &path, Some(&other), None).await;
        res.problem(StatusCode::NOT_FOUND);
    }
}

async fn the_store_policy_is_read_replaced_and_checked(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app.get("/api/v1/store/notifications").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let mut policy = res.json();
    assert_eq!(
        policy["quiet_hours"],
        json!({ "start": "21:00", "end": "08:00" })
    );
    assert_eq!(policy["daily_cap"], 4);
    assert!(
        policy["channels"]["email"]
            .as_array()
            .is_some_and(|m| m.contains(&json!("out_for_delivery")))
    );
    policy["daily_cap"] = json!(2);
    policy["burst_secs"] = json!(0);
    policy["off"] = json!(["sms"]);
    let key = app.key.clone();
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/notifications",
            Some(&key),
            Some(&policy),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json(), policy);
    assert_eq!(app.get("/api/v1/store/notifications").await.json(), policy);

    policy["daily_cap"] = json!(0);
    policy["quiet_hours"]["end"] = json!("8 am");
    policy["channels"]["pigeon"] = json!([]);
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/notifications",
            Some(&key),
            Some(&policy),
        )
        .await;
    let problem = res.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let text = problem.to_string();
    for field in ["daily_cap", "quiet_hours.end", "channels.pigeon"] {
        assert!(text.contains(field), "{field}: {text}");
    }
}

async fn the_page_promises_email_only_when_the_customer_will_get_it(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#2201", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            &json!({ "occurred_at": "2026-03-03T09:00:00Z", "stage": "in_transit", "description": "Departed" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let path = link(shipment);
    let promised = "We&#39;ll email you when it&#39;s out for delivery";
    let quiet = "This page updates on its own";
    let text = page(&app, &path).await;
    assert!(
        text.contains(promised) || text.contains("We'll email you when it's out for delivery"),
        "{text}"
    );

    // Opted out: the stored page is rendered anew and promises nothing.
    app.store
        .set_opt_out(app.store_id, "ana@example.com", &[Channel::Email], true)
        .await
        .unwrap();
    let text = page(&app, &path).await;
    assert!(
        text.contains(quiet) && !text.contains("email you"),
        "{text}"
    );

    // The store switching email off does the same for everyone.
    app.store
        .set_opt_out(app.store_id, "ana@example.com", &[Channel::Email], false)
        .await
        .unwrap();
    assert!(page(&app, &path).await.contains("email you"));
    let mut policy = app.get("/api/v1/store/notifications").await.json();
    policy["off"] = json!(["email"]);
    let key = app.key.clone();
    app.request(
        Method::PUT,
        "/api/v1/store/notifications",
        Some(&key),
        Some(&policy),
    )
    .await;
    let text = page(&app, &path).await;
    assert!(
        text.contains(quiet) && !text.contains("email you"),
        "{text}"
    );
}

async fn page(app: &TestApp, path: &str) -> String {
    app.request(Method::GET, path, None, None).await.text
}
