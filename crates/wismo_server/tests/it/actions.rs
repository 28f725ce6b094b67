//! Customer actions on the tracking page: a request reaches the merchant through the API,
//! the customer sees a confirmation, and nothing else gets in.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    a_customer_reports_a_problem_and_the_merchant_sees_it,
    requests_from_other_sites_or_for_other_stages_are_refused,
);

async fn post(
    app: &TestApp,
    path: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> crate::harness::Response {
    let mut req = Request::post(path).header("content-type", "application/x-www-form-urlencoded");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.send(req.body(Body::from(body.to_owned())).unwrap())
        .await
}

fn path_of(order: &serde_json::Value) -> String {
    let url = order["shipments"][0]["tracking_url"].as_str().unwrap();
    url.strip_prefix(PUBLIC_URL).unwrap().to_owned()
}

async fn a_customer_reports_a_problem_and_the_merchant_sees_it(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#7001", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    app.post(
        &format!("/api/v1/shipments/{}/events", shipment["id"]),
        &json!({ "occurred_at": "2026-03-02T10:00:00Z", "stage": "delivered", "description": "Delivered" }),
    )
    .await;
    let page_path = path_of(&order);
    let page = app.get(&page_path).await;
    for expected in [
        "Need something?",
        "I haven&#39;t received it",
        "It arrived damaged",
        "name=\"kind\"",
    ] {
        assert!(
            page.text.contains(expected),
            "lacks {expected}: {}",
            page.text
        );
    }
    assert!(
        !page.text.contains("Deliver it on another day"),
        "not offered once delivered"
    );

    let sent = post(
        &app,
        &format!("{page_path}/requests"),
        "kind=not_received&message=Not+in+the+mailbox+%3Cb%3Eor%3C%2Fb%3E+with+neighbours",
        &[("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.header("location"), format!("{page_path}?sent=1"));
    let confirmation = app.get(&format!("{page_path}?sent=1")).await;
    assert!(
        confirmation.text.contains("Acme Coffee has your message"),
        "{}",
        confirmation.text
    );

    let listed = app.get("/api/v1/requests").await;
    assert_eq!(listed.status, StatusCode::OK);
    let requests = listed.json()["data"].as_array().unwrap().clone();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["kind"], "not_received");
    assert_eq!(requests[0]["shipment_id"], shipment["id"]);
    assert_eq!(requests[0]["status"], "open");
    assert_eq!(
        requests[0]["message"],
        "Not in the mailbox <b>or</b> with neighbours"
    );
    // Another store's key sees none of them.
    let other = app.other_store_key().await;
    let theirs = app
        .send(
            Request::get("/api/v1/requests")
                .header("authorization", format!("Bearer {other}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(theirs.json()["data"], json!([]));

    // A few per link, then the customer is asked to wait.
    let mut last = String::new();
    for _ in 0..3 {
        last = post(&app, &format!("{page_path}/requests"), "kind=damaged", &[])
            .await
            .header("location")
            .to_owned();
    }
    assert_eq!(last, format!("{page_path}?sent=wait"));
    let wait = app.get(&last).await;
    assert!(wait.text.contains("Please wait a little"), "{}", wait.text);
}

async fn requests_from_other_sites_or_for_other_stages_are_refused(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#7002", &["1Z999AA10123456784"]).await;
    let requests = format!("{}/requests", path_of(&order));
    let cross = post(
        &app,
        &requests,
        "kind=other",
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    // "Not received" makes no sense before delivery; a made-up kind even less.
    for body in ["kind=not_received", "kind=teleport", ""] {
        let res = post(&app, &requests, body, &[]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    let unknown = post(
        &app,
        "/t/AAAAAAAAAAAAAAAAAAAAAAAA/requests",
        "kind=other",
        &[],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/requests").await.json()["data"], json!([]));
}
