//! The public endpoints read no more than they need: a body over a route's bound is
//! refused (413) with the branded page on pages and JSON on JSON endpoints, and fields
//! longer than the forms take are sent back, never cut and used.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    a_lookup_body_over_its_bound_gets_the_branded_page_in_the_visitors_language,
    the_widgets_json_over_its_bound_is_refused_with_json,
    a_request_form_over_its_bound_gets_the_branded_page,
    a_message_longer_than_the_form_takes_is_sent_back_not_cut,
    a_webhook_over_its_bound_gets_a_problem,
);

async fn post(
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: String,
    headers: &[(&str, &str)],
) -> crate::harness::Response {
    let mut req = Request::post(path).header("content-type", content_type);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

const FORM: &str = "application/x-www-form-urlencoded";

fn assert_branded_413(res: &crate::harness::Response, lang: &str, title: &str) {
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
    assert!(
        res.header("content-type").starts_with("text/html"),
        "{}",
        res.header("content-type")
    );
    assert!(
        res.text.contains(&format!("<html lang=\"{lang}\">")),
        "{}",
        res.text
    );
    assert!(res.text.contains(title), "{}", res.text);
    assert_eq!(res.header("cache-control"), "no-store");
}

async fn a_lookup_body_over_its_bound_gets_the_branded_page_in_the_visitors_language(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let body = format!("order_number=1001&contact={}", "a".repeat(5000));
    let res = post(&app, "/acme/track", FORM, body.clone(), &[]).await;
    assert_branded_413(&res, "en", "That was more than this page takes");
    let res = post(
        &app,
        "/acme/track",
        FORM,
        body,
        &[("accept-language", "fr-CA,fr;q=0.9")],
    )
    .await;
    assert_branded_413(&res, "fr", "plus que ce que cette page accepte");
}

async fn the_widgets_json_over_its_bound_is_refused_with_json(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let body = json!({ "order_number": "1001", "contact": "x".repeat(5000) }).to_string();
    let res = post(&app, "/acme/track.json", "application/json", body, &[]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
    assert!(
        res.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("larger"))
    );
    // Within the bound but longer than any order number: refused, not looked up.
    let body = json!({ "order_number": "1".repeat(65), "contact": "a@b.c" }).to_string();
    let res = post(&app, "/acme/track.json", "application/json", body, &[]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(
        res.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("64"))
    );
}

async fn a_request_form_over_its_bound_gets_the_branded_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#7101", &["1Z999AA10123456784"]).await;
    let path = link_path(&order);
    let body = format!("kind=other&message={}", "a".repeat(20 * 1024));
    let res = post(&app, &format!("{path}/requests"), FORM, body, &[]).await;
    assert_branded_413(&res, "en", "That was more than this page takes");
}

async fn a_message_longer_than_the_form_takes_is_sent_back_not_cut(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#7102", &["1Z999AA10123456784"]).await;
    let path = link_path(&order);
    // A browser's line breaks are "\r\n", counted as one: 999 characters and a break fit.
    let fits = format!("kind=other&message={}%0D%0Ab", "a".repeat(998));
    let sent = post(&app, &format!("{path}/requests"), FORM, fits, &[]).await;
    assert_eq!(sent.header("location"), format!("{path}?sent=1&lang=en"));
    let body = format!("kind=other&message={}", "é".repeat(1001));
    let res = post(&app, &format!("{path}/requests"), FORM, body, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.header("location"), format!("{path}?sent=too-long"));
    let page = app.get(&format!("{path}?sent=too-long")).await;
    assert!(
        page.text.contains("it can have at most 1000 characters"),
        "{}",
        page.text
    );
    let listed = app.get("/api/v1/requests").await.json();
    assert_eq!(listed["data"].as_array().map(Vec::len), Some(1), "{listed}");
}

async fn a_webhook_over_its_bound_gets_a_problem(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let body = format!("{{\"padding\":\"{}\"}}", "a".repeat(300 * 1024));
    let res = post(
        &app,
        "/webhooks/easypost/acme",
        "application/json",
        body,
        &[],
    )
    .await;
    let problem = res.problem(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("256 KiB")),
        "{problem}"
    );
}

fn link_path(order: &serde_json::Value) -> String {
    let url = order["shipments"][0]["tracking_url"].as_str().unwrap();
    url.strip_prefix(PUBLIC_URL).unwrap().to_owned()
}
