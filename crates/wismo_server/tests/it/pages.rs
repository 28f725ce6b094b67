//! The public tracking page and the ops endpoints.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    the_tracking_page_shows_every_parcel_in_plain_words,
    health_and_readiness_answer
);

async fn the_tracking_page_shows_every_parcel_in_plain_words(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#8001", &["1Z999AA10123456784", "9400100000000000000000"])
        .await;
    let first = &order["shipments"][0];
    app.post(
        &format!("/api/v1/shipments/{}/events", first["id"]),
        &json!({ "occurred_at": "2026-03-02T07:45:00-08:00", "stage": "out_for_delivery", "description": "Out for delivery <today>", "location": "Portland, OR, US" }),
    )
    .await;
    let path = first["tracking_url"]
        .as_str()
        .unwrap()
        .strip_prefix(PUBLIC_URL)
        .unwrap()
        .to_owned();

    let res = app.request(Method::GET, &path, None, None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.header("content-type").starts_with("text/html"),
        "{}",
        res.header("content-type")
    );
    assert_eq!(res.header("referrer-policy"), "no-referrer");
    assert!(res.header("x-robots-tag").contains("noindex"));
    assert!(
        res.header("content-security-policy")
            .contains("default-src 'none'")
    );
    let html = &res.text;
    for expected in [
        "Acme Coffee",
        "#8001",
        "Ana, here is your order",
        "Out for delivery",
        "Your parcel is with the driver and should arrive today.",
        "What you should do",
        "Out for delivery &#60;today&#62;",
        "Portland, OR, US",
        "Mon 2 Mar 2026, 07:45",
        "Waiting for the carrier",
        "1Z999AA10123456784",
        "2 parcels",
    ] {
        assert!(html.contains(expected), "page lacks {expected:?}:\n{html}");
    }
    // Private details never reach the public page.
    for secret in ["Lima", "ana@example.com", "+14155550100", "97201"] {
        assert!(!html.contains(secret), "page leaks {secret:?}");
    }
    assert!(!html.contains("<today>"), "merchant text is escaped");
    // The parcel the link was sent for comes first.
    assert!(html.find("Out for delivery").unwrap() < html.find("Waiting for the carrier").unwrap());

    let css = app
        .request(Method::GET, "/static/wismo.css", None, None)
        .await;
    assert_eq!(
        (css.status, css.header("content-type")),
        (StatusCode::OK, "text/css; charset=utf-8")
    );
}

async fn health_and_readiness_answer(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    assert_eq!(
        app.request(Method::GET, "/healthz", None, None)
            .await
            .status,
        StatusCode::OK
    );
    let ready = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(
        (ready.status, ready.text.as_str()),
        (StatusCode::OK, "ready")
    );
}

#[tokio::test]
async fn an_unknown_token_gets_the_same_neutral_404_as_any_unknown_page() {
    let app = TestApp::new(Db::Sqlite).await.unwrap();
    let unknown = app
        .request(Method::GET, "/t/AAAAAAAAAAAAAAAAAAAAAAAA", None, None)
        .await;
    let garbage = app
        .request(Method::GET, "/t/..%2F..%2Fetc", None, None)
        .await;
    let elsewhere = app.request(Method::GET, "/no/such/page", None, None).await;
    for res in [&unknown, &garbage, &elsewhere] {
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert!(res.text.contains("We can't find that page"));
        assert_eq!(res.header("referrer-policy"), "no-referrer");
    }
    assert_eq!(unknown.text, garbage.text);
    assert_eq!(unknown.text, elsewhere.text);
}
