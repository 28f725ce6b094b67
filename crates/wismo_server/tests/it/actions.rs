//! Customer actions on the tracking page: a request reaches the merchant through the API,
//! the customer sees a confirmation, and nothing else gets in.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    a_customer_reports_a_problem_and_the_merchant_sees_it,
    requests_from_other_sites_or_for_other_stages_are_refused,
    the_form_chooses_nothing_for_the_customer_and_offers_what_fits_the_stage,
    a_request_without_a_choice_gets_the_form_back_with_what_was_typed,
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
    assert_eq!(
        sent.header("location"),
        format!("{page_path}?sent=1&lang=en")
    );
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
    assert_eq!(last, format!("{page_path}?sent=wait&lang=en"));
    let wait = app.get(&last).await;
    assert!(wait.text.contains("Please wait a little"), "{}", wait.text);
    // A page read in German answers in German: the form says which language it was in.
    let german = post(
        &app,
        &format!("{page_path}/requests"),
        "kind=damaged&lang=de",
        &[],
    )
    .await;
    assert_eq!(
        german.header("location"),
        format!("{page_path}?sent=wait&lang=de")
    );
    let page = app.get(&format!("{page_path}?lang=de")).await.text;
    assert!(
        page.contains("<input type=\"hidden\" name=\"lang\" value=\"de\">"),
        "{page}"
    );
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

/// Records a scan bringing the order's first parcel to `stage`.
async fn scan(app: &TestApp, order: &serde_json::Value, stage: &str) {
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", order["shipments"][0]["id"]),
            &json!({ "occurred_at": "2026-03-03T09:00:00Z", "stage": stage, "description": stage }),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
}

/// The request kinds a page offers, in its order, and whether any radio button is checked.
fn offered(html: &str) -> (Vec<&str>, bool) {
    let kinds = html
        .split("name=\"kind\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    (kinds, html.contains(" checked"))
}

async fn the_form_chooses_nothing_for_the_customer_and_offers_what_fits_the_stage(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let cases = [
        ("in_transit", vec!["wrong_address", "reschedule", "other"]),
        (
            "out_for_delivery",
            vec!["reschedule", "wrong_address", "other"],
        ),
        ("delayed", vec!["not_received", "wrong_address", "other"]),
        ("delivered", vec!["not_received", "damaged", "other"]),
    ];
    for (n, (stage, kinds)) in cases.into_iter().enumerate() {
        let order = app
            .order(&format!("#71{n:02}"), &["1Z999AA10123456784"])
            .await;
        scan(&app, &order, stage).await;
        let page = app.get(&path_of(&order)).await;
        assert_eq!(page.status, StatusCode::OK);
        let (offered, checked) = offered(&page.text);
        assert_eq!(offered, kinds, "{stage}");
        assert!(!checked, "{stage}: nothing chosen for the customer");
        assert!(
            page.text
                .contains(&format!("name=\"kind\" value=\"{}\" required>", kinds[0])),
            "{stage}: a choice is required: {}",
            page.text
        );
        let damaged = page.text.contains("It arrived damaged");
        assert_eq!(damaged, stage == "delivered", "{stage}");
    }
}

async fn a_request_without_a_choice_gets_the_form_back_with_what_was_typed(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#7201", &["1Z999AA10123456784"]).await;
    scan(&app, &order, "in_transit").await;
    let path = path_of(&order);
    let requests = format!("{path}/requests");
    let same_site = [("sec-fetch-site", "same-origin")];
    let message = "message=Ring+%3Ctwice%3E";
    for body in [message.to_owned(), format!("kind=&{message}")] {
        let res = post(&app, &requests, &body, &same_site).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(res.header("content-type").starts_with("text/html"));
        assert_eq!(res.header("cache-control"), "no-store");
        for expected in [
            "<p class=\"form-error\" role=\"alert\">Please choose what it is about.</p>",
            ">Ring &#60;twice&#62;</textarea>",
            "Need something?",
        ] {
            assert!(
                res.text.contains(expected),
                "lacks {expected}: {}",
                res.text
            );
        }
        assert!(!offered(&res.text).1, "still nothing chosen");
    }
    // Damaged before delivery is not a choice: the form comes back, in the page's language.
    let res = post(
        &app,
        &requests,
        "kind=damaged&message=x",
        &[("sec-fetch-site", "same-origin"), ("accept-language", "de")],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The customer's locale on the order (en) is the page's.
    assert!(
        res.text.contains("Please choose what it is about."),
        "{}",
        res.text
    );
    assert_eq!(app.get("/api/v1/requests").await.json()["data"], json!([]));
    // A choice that fits is taken.
    let sent = post(
        &app,
        &requests,
        "kind=wrong_address&message=Flat+2",
        &same_site,
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text);
    let listed = app.get("/api/v1/requests").await.json();
    assert_eq!(listed["data"][0]["kind"], "wrong_address");
    assert_eq!(listed["data"][0]["message"], "Flat 2");
}
