//! The generic feed: events signed per Standard Webhooks, in the API's shapes.

use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use wismo_domain::Clock as _;
use wismo_domain::platform::Platform;
use wismo_store::integrations::DeliveryOutcome;

use crate::harness::{Db, Response, TestApp};
use crate::integrations::{add_integration, deliver, deliveries, orders, run_jobs};

crate::on_both_backends!(the_generic_feed_takes_signed_events_in_the_api_shapes);

/// A generic event signed per Standard Webhooks with `secret` (`whsec_…`), sent at `at`,
/// computed apart from wismo (ring).
async fn generic(app: &TestApp, id: &str, at: i64, body: &[u8], secret: &str) -> Response {
    deliver(app, "generic", &signed(id, at, body, secret), body).await
}

/// Standard Webhooks headers for `body`.
fn signed(id: &str, at: i64, body: &[u8], secret: &str) -> [(&'static str, String); 3] {
    let key = STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .unwrap();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key);
    let mut content = format!("{id}.{at}.").into_bytes();
    content.extend_from_slice(body);
    let signature = format!(
        "v1,{}",
        STANDARD.encode(ring::hmac::sign(&key, &content).as_ref())
    );
    [
        ("webhook-id", id.to_owned()),
        ("webhook-timestamp", at.to_string()),
        ("webhook-signature", signature),
    ]
}

async fn the_generic_feed_takes_signed_events_in_the_api_shapes(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let added = add_integration(&app, Platform::Generic, None).await;
    let secret = added.secret.unwrap();
    let secret = secret.expose();
    let now = app.clock.now().timestamp();
    let event = |kind: &str, data: Value| {
        json!({ "type": kind, "timestamp": "2026-03-03T12:00:00Z", "data": data })
            .to_string()
            .into_bytes()
    };
    let fulfilment = event(
        "fulfillment.created",
        json!({ "id": "F-1", "order_number": "OS-1001", "tracking_number": "9400111899223197428490", "carrier": "usps" }),
    );
    // Stale, tampered or signed with another secret: 401, nothing kept.
    generic(&app, "msg_1", now - 301, &fulfilment, secret)
        .await
        .problem(StatusCode::UNAUTHORIZED);
    let mut tampered = fulfilment.clone();
    tampered[10] ^= 1;
    deliver(
        &app,
        "generic",
        &signed("msg_1", now, &fulfilment, secret),
        &tampered,
    )
    .await
    .problem(StatusCode::UNAUTHORIZED);
    generic(
        &app,
        "msg_1",
        now,
        &fulfilment,
        "whsec_b3RoZXIgc2VjcmV0IG9mIDMyIGJ5dGVzIGxvbmchIQ==",
    )
    .await
    .problem(StatusCode::UNAUTHORIZED);
    assert!(deliveries(&app, Platform::Generic).await.is_empty());

    let res = generic(&app, "msg_1", now - 60, &fulfilment, secret).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        generic(&app, "msg_1", now, &fulfilment, secret)
            .await
            .json()["status"],
        "duplicate"
    );
    run_jobs(&app).await;
    assert_eq!(
        deliveries(&app, Platform::Generic).await[0].outcome,
        DeliveryOutcome::Waiting
    );

    let order = event(
        "order.created",
        json!({ "order_number": "OS-1001", "external_id": "88",
                "customer": { "name": "Ana Lima", "email": "ana@example.com", "locale": "pt-BR" },
                "destination": { "city": "Porto Alegre", "country": "BR" },
                "items": [{ "name": "Mug", "quantity": 2, "variant": "Blue", "image_url": "https://cdn.example/mug.png" }] }),
    );
    let res = generic(&app, "msg_2", now, &order, secret).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    run_jobs(&app).await;
    let o = orders(&app).await[0].clone();
    assert_eq!(o["order_number"], "OS-1001");
    assert_eq!(o["external_id"], "88");
    assert_eq!(o["items"][0]["variant"], "Blue");
    assert_eq!(
        o["shipments"][0]["tracking_number"],
        "9400111899223197428490"
    );
    assert_eq!(o["shipments"][0]["carrier"], "usps");

    // A refused field fails the delivery, naming it; a cancel cancels.
    let bad = event(
        "order.updated",
        json!({ "order_number": "OS-1001", "external_id": "88",
        "customer": { "email": "not an email" } }),
    );
    generic(&app, "msg_3", now, &bad, secret).await;
    let cancel = event("order.cancelled", json!({ "external_id": "88" }));
    generic(&app, "msg_4", now, &cancel, secret).await;
    run_jobs(&app).await;
    let kept = deliveries(&app, Platform::Generic).await;
    assert_eq!(kept[0].outcome, DeliveryOutcome::Updated, "{kept:?}");
    assert_eq!(kept[1].outcome, DeliveryOutcome::Failed);
    assert!(
        kept[1]
            .detail
            .as_deref()
            .unwrap_or_default()
            .contains("customer.email"),
        "{kept:?}"
    );
    assert!(orders(&app).await[0]["cancelled_at"].is_string());
}
