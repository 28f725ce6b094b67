//! `/{store}/track`: finding an order by its number and the email or postal code.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::time::{Duration, Instant};

use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    the_right_number_and_email_or_postal_code_lead_to_the_orders_page,
    a_wrong_contact_and_an_unknown_order_look_the_same,
    guessing_is_rate_limited_and_other_sites_cannot_post_the_form,
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

async fn the_right_number_and_email_or_postal_code_lead_to_the_orders_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#9001", &["1Z999AA10123456784", "1Z999AA10123456791"])
        .await;
    let token_path = &crate::order_pages::order_link(&order);

    let form = app.get("/acme/track?lang=es").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("<html lang=\"es\">"), "{}", form.text);
    assert!(form.text.contains("method=\"post\""));
    assert_eq!(form.header("referrer-policy"), "no-referrer");

    let by_email = post(
        &app,
        "/acme/track",
        "order_number=%239001&contact=ANA%40example.com",
        &[],
    )
    .await;
    assert_eq!(by_email.status, StatusCode::SEE_OTHER, "{}", by_email.text);
    assert_eq!(by_email.header("location"), token_path);
    let by_postal = post(
        &app,
        "/acme/track",
        "order_number=%239001&contact=97201",
        &[],
    )
    .await;
    assert_eq!(by_postal.header("location"), token_path);
    // As customers type it: without the '#', with a space.
    let as_typed = post(
        &app,
        "/acme/track",
        "order_number=+90+01&contact=ana%40example.com",
        &[],
    )
    .await;
    assert_eq!(as_typed.status, StatusCode::SEE_OTHER, "{}", as_typed.text);
    assert_eq!(as_typed.header("location"), token_path);
    let page = app.get(token_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("1Z999AA10123456791"), "{}", page.text);

    assert_eq!(
        app.get("/nosuchstore/track").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn a_wrong_contact_and_an_unknown_order_look_the_same(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    app.order("#9002", &["1Z999AA10123456784"]).await;
    let started = Instant::now();
    let wrong = post(
        &app,
        "/acme/track",
        "order_number=%239002&contact=eve%40example.com",
        &[],
    )
    .await;
    let wrong_took = started.elapsed();
    let started = Instant::now();
    let unknown = post(
        &app,
        "/acme/track",
        "order_number=%239999&contact=ana%40example.com",
        &[],
    )
    .await;
    let unknown_took = started.elapsed();
    assert_eq!(wrong.status, StatusCode::OK);
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(
        wrong.text.contains("We couldn&#39;t find an order"),
        "{}",
        wrong.text
    );
    // The same page, but for the number typed back into the form.
    assert_eq!(
        wrong.text.replace("#9002", "#N"),
        unknown.text.replace("#9999", "#N")
    );
    for took in [wrong_took, unknown_took] {
        assert!(took >= Duration::from_millis(300), "{took:?}");
    }
}

async fn guessing_is_rate_limited_and_other_sites_cannot_post_the_form(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    app.order("#9003", &["1Z999AA10123456784"]).await;
    let refused = post(
        &app,
        "/acme/track",
        "order_number=%239003&contact=ana%40example.com",
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let res = post(
            &app,
            "/acme/track",
            "order_number=%239003&contact=x%40example.com",
            &[],
        )
        .await;
        statuses.push(res.status);
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(res.header("retry-after").parse::<u64>().unwrap() > 0);
            assert!(res.text.contains("Too many attempts"));
        }
    }
    // Five tries per order number, then a wait.
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}
