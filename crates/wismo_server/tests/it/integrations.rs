//! Orders from store platforms: line items with variants and pictures through the API,
//! integration secrets and their rotation, and Shopify and WooCommerce deliveries end to
//! end (signed, tampered, replayed, out of order, cancelled), processed by the job runner.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Db, TestApp};

crate::on_both_backends!(line_items_keep_their_variant_and_picture_and_a_bad_picture_is_refused,);

async fn line_items_keep_their_variant_and_picture_and_a_bad_picture_is_refused(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = json!({
        "order_number": "#2001",
        "external_id": "shop-2001",
        "customer": { "name": "Ana Lima" },
        "items": [{ "name": "T-Shirt", "quantity": 2, "sku": "TS-M", "variant": "M",
                    "image_url": "https://cdn.acme.example/t.png" }],
    });
    let res = app.post("/api/v1/orders", &order).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let created = res.json();
    assert_eq!(created["items"][0]["variant"], "M");
    assert_eq!(created["items"][0]["image_url"], "https://cdn.acme.example/t.png");
    assert_eq!(created["cancelled_at"], Value::Null);
    let read = app
        .get(&format!("/api/v1/orders/{}", created["id"]))
        .await
        .json();
    assert_eq!(read["items"], created["items"]);

    let mut bad = order.clone();
    bad["order_number"] = json!("#2002");
    bad["items"][0]["image_url"] = json!("http://cdn.acme.example/t.png");
    let res = app
        .request(Method::POST, "/api/v1/orders", Some(&app.key), Some(&bad))
        .await;
    let problem = res.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem.to_string().contains("items[0].image_url"), "{problem}");
}
