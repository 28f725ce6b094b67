//! Orders through the API as platforms send them: line items with variants and pictures,
//! and orders corrected and cancelled by `PATCH` and `cancel`.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    line_items_keep_their_variant_and_picture_and_a_bad_picture_is_refused,
    orders_are_corrected_and_cancelled_through_the_api,
);

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
    assert_eq!(
        created["items"][0]["image_url"],
        "https://cdn.acme.example/t.png"
    );
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
    assert!(
        problem.to_string().contains("items[0].image_url"),
        "{problem}"
    );
}

async fn orders_are_corrected_and_cancelled_through_the_api(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#3001", &["1Z999AA10123456784"]).await;
    let path = format!("/api/v1/orders/{}", order["id"]);
    let patch = |body: Value, key: &str| {
        let (app, path, key) = (&app, path.clone(), key.to_owned());
        async move {
            app.request(Method::PATCH, &path, Some(&key), Some(&body))
                .await
        }
    };
    let res = patch(
        json!({ "customer": { "name": "Ana Souza", "email": "ana@example.org", "timezone": "America/Sao_Paulo" },
                "items": [{ "name": "Espresso beans", "quantity": 3, "variant": "1 kg" }] }),
        &app.key,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let changed = res.json();
    assert_eq!(changed["customer"]["name"], "Ana Souza");
    assert_eq!(changed["customer"]["phone"], Value::Null);
    assert_eq!(changed["customer"]["timezone"], "America/Sao_Paulo");
    assert_eq!(changed["customer"]["consent"], order["customer"]["consent"]);
    assert_eq!(changed["destination"], order["destination"]);
    assert_eq!(changed["items"][0]["variant"], "1 kg");
    let problem = patch(json!({ "customer": { "email": "nope" } }), &app.key)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem.to_string().contains("customer.email"), "{problem}");
    let other = app.other_store_key().await;
    patch(json!({ "items": [] }), &other)
        .await
        .problem(StatusCode::NOT_FOUND);

    let cancel = format!("{path}/cancel");
    app.request(Method::POST, &cancel, Some(&other), None)
        .await
        .problem(StatusCode::NOT_FOUND);
    let res = app
        .send(
            Request::post(&cancel)
                .header("authorization", format!("Bearer {}", app.key))
                .header("idempotency-key", "cancel-3001")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let cancelled = res.json();
    assert!(cancelled["cancelled_at"].is_string());
    assert_eq!(cancelled["shipments"][0]["next_poll_at"], Value::Null);
    app.clock.advance(chrono::Duration::minutes(5));
    let again = app
        .request(Method::POST, &cancel, Some(&app.key), None)
        .await;
    assert_eq!(again.json()["cancelled_at"], cancelled["cancelled_at"]);
    assert!(app.store.due_shipments(10).await.unwrap().is_empty());
}
