//! After delivery: "How was your delivery?" (a plain form, one rating per parcel that can
//! change, listed by the API, refused before delivery and for other stores' parcels), and
//! the store's returns link and policy, shown once a parcel is delivered.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Db, TestApp, link};

crate::on_both_backends!(
    a_delivered_parcel_takes_a_rating_that_the_api_lists_and_that_can_change,
    a_rating_before_delivery_or_out_of_range_is_refused,
    a_rating_cannot_reach_another_stores_parcel,
    a_store_can_stop_asking_for_ratings,
    ratings_from_one_link_are_limited,
    the_returns_link_and_policy_show_after_delivery_only_when_set
);

async fn post_form(
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

async fn scan(app: &TestApp, key: &str, shipment: &Value, stage: &str) {
    let res = app
        .request(
            Method::POST,
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            Some(key),
            Some(&json!({ "occurred_at": "2026-03-02T10:00:00Z", "stage": stage, "description": stage })),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
}

async fn delivered_parcel(app: &TestApp, number: &str) -> Value {
    let order = app.order(number, &["1Z999AA10123456784"]).await;
    let shipment = order["shipments"][0].clone();
    scan(app, &app.key, &shipment, "delivered").await;
    shipment
}

async fn api_rating(app: &TestApp, shipment: &Value) -> Value {
    let read = app
        .get(&format!("/api/v1/shipments/{}", shipment["id"]))
        .await
        .json();
    read["rating"].clone()
}

async fn a_delivered_parcel_takes_a_rating_that_the_api_lists_and_that_can_change(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let shipment = delivered_parcel(&app, "#R1").await;
    let page_path = link(&shipment);
    let page = app.get(&page_path).await.text;
    let form = &page[page.find("<form class=\"rating\"").expect("a rating form")..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(
        form.contains(&format!("action=\"{page_path}/rating\"")),
        "{form}"
    );
    assert!(form.contains("How was your delivery?"), "{form}");
    assert_eq!(form.matches("name=\"score\"").count(), 5, "{form}");
    assert!(form.contains("aria-label=\"4 out of 5\""), "{form}");
    assert!(!form.contains("aria-pressed=\"true\""), "{form}");
    assert_eq!(api_rating(&app, &shipment).await, Value::Null);

    let res = post_form(&app, &format!("{page_path}/rating"), "score=4&lang=en", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(
        res.header("location")
            .starts_with(&format!("{page_path}?lang=en#rating-")),
        "{}",
        res.header("location")
    );
    assert_eq!(api_rating(&app, &shipment).await["score"], 4);
    let page = app.get(&page_path).await.text;
    assert!(
        page.contains("You rated this delivery 4 out of 5."),
        "the page shows the rating given: {page}"
    );
    assert!(page.contains("value=\"4\" aria-label=\"4 out of 5\" aria-pressed=\"true\""));

    // Tapping another number changes it; the order lists it too.
    let res = post_form(&app, &format!("{page_path}/rating"), "score=2", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let rating = api_rating(&app, &shipment).await;
    assert_eq!(rating["score"], 2, "{rating}");
    assert!(rating["rated_at"].is_string(), "{rating}");
    let order = app
        .get(&format!("/api/v1/orders/{}", shipment["order_id"]))
        .await
        .json();
    assert_eq!(order["shipments"][0]["rating"]["score"], 2, "{order}");
}

async fn a_rating_before_delivery_or_out_of_range_is_refused(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#R2", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    scan(&app, &app.key, shipment, "in_transit").await;
    let page_path = link(shipment);
    let page = app.get(&page_path).await.text;
    assert!(!page.contains("class=\"rating\""), "not asked yet: {page}");
    let res = post_form(&app, &format!("{page_path}/rating"), "score=5", &[]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert_eq!(api_rating(&app, shipment).await, Value::Null);

    scan(&app, &app.key, shipment, "delivered").await;
    for body in ["score=0", "score=6", "score=five", "score=", "lang=en"] {
        let res = post_form(&app, &format!("{page_path}/rating"), body, &[]).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{body}: {}", res.text);
    }
    // A post from another site is not taken.
    let res = post_form(
        &app,
        &format!("{page_path}/rating"),
        "score=1",
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    assert_eq!(api_rating(&app, shipment).await, Value::Null);
    // An unknown link is no page.
    let res = post_form(&app, "/t/s_notarealtoken/rating", "score=5", &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

async fn a_rating_cannot_reach_another_stores_parcel(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let other_key = app.other_store_key().await;
    let theirs = app
        .order_with_key(&other_key, "#G1", &["1Z999AA10123456784"])
        .await;
    let their_parcel = theirs["shipments"][0].clone();
    scan(&app, &other_key, &their_parcel, "delivered").await;
    let ours = delivered_parcel(&app, "#R3").await;
    // Our link rates our parcel only: no parcel position reaches beyond our order.
    for parcel in ["0", "2", "99", "-1"] {
        let res = post_form(
            &app,
            &format!("{}/rating", link(&ours)),
            &format!("score=1&parcel={parcel}"),
            &[],
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{parcel}: {}", res.text);
    }
    assert_eq!(api_rating(&app, &ours).await["score"], 1);
    let read = |key: String| {
        let app = &app;
        let path = format!("/api/v1/shipments/{}", their_parcel["id"]);
        async move { app.request(Method::GET, &path, Some(&key), None).await }
    };
    assert_eq!(read(other_key.clone()).await.json()["rating"], Value::Null);
    // Our key does not see their parcel at all.
    assert_eq!(read(app.key.clone()).await.status, StatusCode::NOT_FOUND);
    // On our own domain, their parcel's link is not ours to rate.
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/hosts",
            Some(&app.key),
            Some(&json!({ "domains": ["track.acme.example"] })),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    let res = post_form(
        &app,
        &format!("{}/rating", link(&their_parcel)),
        "score=5",
        &[("host", "track.acme.example")],
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.text);
    assert_eq!(read(other_key).await.json()["rating"], Value::Null);
}

async fn a_store_can_stop_asking_for_ratings(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "delivery_rating_off": true })),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    let store = app.get("/api/v1/store").await.json();
    assert_eq!(store["branding"]["delivery_rating_off"], true, "{store}");
    let shipment = delivered_parcel(&app, "#R4").await;
    let page = app.get(&link(&shipment)).await.text;
    assert!(!page.contains("class=\"rating\""), "{page}");
    let res = post_form(&app, &format!("{}/rating", link(&shipment)), "score=5", &[]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert_eq!(api_rating(&app, &shipment).await, Value::Null);
}

async fn ratings_from_one_link_are_limited(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let shipment = delivered_parcel(&app, "#R5").await;
    let path = format!("{}/rating", link(&shipment));
    for score in 1..=5 {
        let res = post_form(&app, &path, &format!("score={score}"), &[]).await;
        assert!(
            !res.header("location").contains("rated=wait"),
            "{score}: {}",
            res.header("location")
        );
    }
    let res = post_form(&app, &path, "score=1", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        res.header("location").contains("rated=wait"),
        "{}",
        res.header("location")
    );
    assert_eq!(
        api_rating(&app, &shipment).await["score"],
        5,
        "the sixth is not kept"
    );
    let page = app.get(res.header("location")).await.text;
    assert!(page.contains("rated several times already"), "{page}");
}

async fn the_returns_link_and_policy_show_after_delivery_only_when_set(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // Without returns set, a delivered parcel's page has none.
    let plain = delivered_parcel(&app, "#R6").await;
    let page = app.get(&link(&plain)).await.text;
    assert!(!page.contains("class=\"returns"), "{page}");

    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({
                "returns_url": "https://acme.example/returns",
                "returns_policy": "Free returns within **30 days**.",
                "translations": { "de": {
                    "returns_url": "https://acme.example/de/retoure",
                    "returns_policy": "Kostenlose Rücksendung innerhalb von 30 Tagen."
                } }
            })),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    let refused = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "returns_url": "javascript:alert(1)" })),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(refused.text.contains("returns_url"), "{}", refused.text);

    let order = app.order("#R7", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    scan(&app, &app.key, shipment, "in_transit").await;
    let page = app.get(&link(shipment)).await.text;
    assert!(
        !page.contains("acme.example/returns"),
        "not before delivery: {page}"
    );

    scan(&app, &app.key, shipment, "delivered").await;
    let page = app.get(&link(shipment)).await.text;
    assert!(
        page.contains("<p class=\"returns-link\"><a href=\"https://acme.example/returns\" rel=\"noopener noreferrer\">Start a return</a></p>"),
        "the card links to returns: {page}"
    );
    let side = &page[page
        .find("<section class=\"returns\"")
        .expect("returns in the help")..];
    let side = &side[..side.find("</section>").unwrap()];
    assert!(
        side.contains("<h2 id=\"returns-heading\">Returns</h2>"),
        "{side}"
    );
    assert!(side.contains("<strong>30 days</strong>"), "{side}");
    let page = app.get(&format!("{}?lang=de", link(shipment))).await.text;
    assert!(page.contains("https://acme.example/de/retoure"), "{page}");
    assert!(page.contains("Kostenlose Rücksendung"), "{page}");
    assert!(page.contains("Rücksendung starten"), "{page}");
}
