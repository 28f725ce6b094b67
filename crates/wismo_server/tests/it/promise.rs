//! The promise at checkout: `/{store}/promise.json` from a seeded history, its fallback,
//! CORS, its problems, the snippet, and the promise a new order keeps.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::{Duration, NaiveDate, TimeZone as _, Utc};
use serde_json::{Value, json};
use wismo_domain::{BusinessCalendar, NewOrder, OrderInput, ShipmentInput};

use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    the_promise_comes_from_the_lanes_hand_computed_percentiles,
    a_store_without_history_promises_the_default_days,
    only_the_stores_widget_origins_may_read_the_promise,
    unknown_stores_and_bad_destinations_are_problems,
    a_new_order_keeps_the_promise_of_its_placing_time,
    the_snippet_is_served_as_javascript,
    the_order_cutoff_is_a_store_setting,
);

/// Ten UPS deliveries to Portland (97201) of orders placed Monday 2 February 2026 at
/// 10:00 in Los Angeles, shipped 4, 0, 1, 1, 3, 1, 0, 2, 1, 2 business days later and
/// delivered 9, 2, 3, 1, 5, 3, 2, 6, 4, 3 business days after that: processing sorted
/// 0 0 1 1 1 1 2 2 3 4 (p25 = 1, p90 = 3), transit 1 2 2 3 3 3 4 5 6 9 (p25 = 2, p90 = 6).
async fn seed_history(app: &TestApp) {
    let processing = [4, 0, 1, 1, 3, 1, 0, 2, 1, 2];
    let transit = [9, 2, 3, 1, 5, 3, 2, 6, 4, 3];
    let ups = BusinessCalendar::for_carrier(Some("ups"));
    let monday = NaiveDate::from_ymd_opt(2026, 2, 2).unwrap();
    let placed = Utc.with_ymd_and_hms(2026, 2, 2, 18, 0, 0).unwrap();
    for (i, (p, t)) in processing.into_iter().zip(transit).enumerate() {
        let input = OrderInput {
            order_number: format!("#H{i}"),
            destination: wismo_domain::DestinationInput {
                postal_code: Some("97201".into()),
                country: Some("US".into()),
                ..Default::default()
            },
            placed_at: Some(placed),
            shipments: vec![ShipmentInput {
                tracking_number: format!("HISTORY{i:04}"),
                carrier: Some("ups".into()),
                service: Some("Ground".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        // Straight into the store: the history is what is tested, not its own promises.
        let order = app
            .store
            .create_order(app.store_id, &NewOrder::parse(input, placed).unwrap())
            .await
            .unwrap();
        let shipped = ups.add_business_days(monday, p);
        let delivered = ups.add_business_days(shipped, t);
        let shipment = order.shipments[0].id.0;
        for (stage, day, hour) in [("in_transit", shipped, 20), ("delivered", delivered, 22)] {
            let at = day.and_hms_opt(hour, 0, 0).unwrap().and_utc();
            let res = app
                .post(
                    &format!("/api/v1/shipments/{shipment}/events"),
                    &json!({ "stage": stage, "description": stage, "occurred_at": at.to_rfc3339(),
                             "location": "Portland, OR, US" }),
                )
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        }
    }
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> crate::harness::Response {
    let mut req = Request::builder().method(Method::GET).uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

fn window(answer: &Value) -> (&str, &str, &str, &str) {
    let s = |k: &str| answer[k].as_str().unwrap_or_default();
    (s("from"), s("until"), s("ships_by"), s("basis"))
}

async fn the_promise_comes_from_the_lanes_hand_computed_percentiles(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    seed_history(&app).await;
    // Now is Tuesday 3 March 04:00 in Los Angeles, before the 14:00 cut-off: it counts
    // from Tue 3; ships Wed 4 at the earliest (+1) and by Fri 6 (+3); arrives from
    // Wed 4 + 2 = Fri 6 until Fri 6 + 6 business days = Mon 16.
    let res = get(&app, "/acme/promise.json?country=US&postal_code=97201", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let answer = res.json();
    assert_eq!(
        window(&answer),
        ("2026-03-06", "2026-03-16", "2026-03-06", "lane")
    );
    assert_eq!(answer["cutoff"], "14:00");
    assert_eq!(
        answer["text"],
        "Order today, arrives Fri 6 Mar – Mon 16 Mar"
    );
    assert!(res.header("cache-control").contains("max-age="));
    // Another postal area of the country falls back to the country's history.
    let res = get(&app, "/acme/promise.json?country=us&postal_code=10001", &[]).await;
    assert_eq!(
        window(&res.json()),
        ("2026-03-06", "2026-03-16", "2026-03-06", "country")
    );
    // Another country to the whole store's.
    let res = get(&app, "/acme/promise.json?country=DE", &[]).await;
    assert_eq!(window(&res.json()).3, "store");
    // In the visitor's language.
    let res = get(
        &app,
        "/acme/promise.json?country=US&postal_code=97201",
        &[("accept-language", "fr-FR,fr;q=0.9")],
    )
    .await;
    let text = res.json()["text"].as_str().unwrap_or_default().to_owned();
    assert!(text.starts_with("Commandez aujourd'hui"), "{text}");
    let res = get(&app, "/acme/promise.json?country=US&lang=de", &[]).await;
    assert_eq!(res.json()["lang"], "de");
}

async fn a_store_without_history_promises_the_default_days(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // Tue 3 March, before the cut-off: ships by Thu 5 (0–2 days), arrives from
    // Tue 3 + 3 = Fri 6 until Thu 5 + 7 = Mon 16.
    let res = get(&app, "/acme/promise.json?country=US&postal_code=97201", &[]).await;
    assert_eq!(
        window(&res.json()),
        ("2026-03-06", "2026-03-16", "2026-03-05", "default")
    );
    // After the cut-off (15:00 in Los Angeles) it counts from Wednesday.
    app.clock.advance(Duration::hours(19));
    let res = get(&app, "/acme/promise.json?country=US&postal_code=97201", &[]).await;
    assert_eq!(
        window(&res.json()),
        ("2026-03-09", "2026-03-17", "2026-03-06", "default")
    );
    // Friday evening, after the cut-off, counts from Monday 9: ships by Wed 11, from
    // Thu 12 until Fri 20.
    app.clock.advance(Duration::days(3));
    let res = get(&app, "/acme/promise.json?country=US", &[]).await;
    assert_eq!(
        window(&res.json()),
        ("2026-03-12", "2026-03-20", "2026-03-11", "default")
    );
}

async fn only_the_stores_widget_origins_may_read_the_promise(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/hosts",
            Some(&app.key),
            Some(&json!({ "widget_origins": ["https://acme.example"] })),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let path = "/acme/promise.json?country=US&postal_code=97201";
    let allowed = get(&app, path, &[("origin", "https://acme.example")]).await;
    assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.text);
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        "https://acme.example"
    );
    assert!(allowed.header("vary").contains("Origin"));
    let refused = get(&app, path, &[("origin", "https://evil.example")]).await;
    refused.problem(StatusCode::FORBIDDEN);
    assert_eq!(refused.header("access-control-allow-origin"), "");
    // Without an Origin (a server, curl) it answers, with no CORS header.
    let plain = get(&app, path, &[]).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.header("access-control-allow-origin"), "");
}

async fn unknown_stores_and_bad_destinations_are_problems(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let missing = get(&app, "/nobody/promise.json?country=US", &[]).await;
    let problem = missing.problem(StatusCode::NOT_FOUND);
    assert_eq!(problem["detail"], "there is no store at this address");
    get(&app, "/acme/promise.json", &[])
        .await
        .problem(StatusCode::BAD_REQUEST);
    let bad_country = get(&app, "/acme/promise.json?country=USA", &[]).await;
    let problem = bad_country.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["detail"].as_str().unwrap().starts_with("country"));
    let bad_postal = get(
        &app,
        "/acme/promise.json?country=US&postal_code=%3Cscript%3E",
        &[],
    )
    .await;
    let problem = bad_postal.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("postal_code")
    );
}

async fn a_new_order_keeps_the_promise_of_its_placing_time(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    seed_history(&app).await;
    let res = app
        .post(
            "/api/v1/orders",
            &json!({ "order_number": "#P1", "customer": { "name": "Ana" },
                     "destination": { "postal_code": "97201", "country": "US" },
                     "placed_at": "2026-03-02T23:00:00Z" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let order = res.json();
    // Placed Monday 2 March 15:00 in Los Angeles, after the cut-off: it counts from
    // Tue 3, the same window as an order placed now.
    let promise = json!({ "from": "2026-03-06", "until": "2026-03-16",
                          "ships_by": "2026-03-06", "basis": "lane" });
    assert_eq!(order["promise"], promise);
    assert!(order["promised_date"].is_null());
    // Kept as it was: a later update does not recompute it.
    let id = order["id"].as_i64().unwrap();
    app.clock.advance(Duration::days(7));
    let res = app
        .request(
            Method::PATCH,
            &format!("/api/v1/orders/{id}"),
            Some(&app.key),
            Some(&json!({ "destination": { "postal_code": "10001", "country": "US" } })),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let read = app.get(&format!("/api/v1/orders/{id}")).await.json();
    assert_eq!(read["promise"], promise);
    // An order without a country has none.
    let res = app
        .post(
            "/api/v1/orders",
            &json!({ "order_number": "#P2", "customer": { "name": "Ana" } }),
        )
        .await;
    assert!(res.json()["promise"].is_null(), "{}", res.text);
}

async fn the_snippet_is_served_as_javascript(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = get(&app, "/acme/promise.js", &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), "text/javascript; charset=utf-8");
    assert!(res.text.contains("data-wismo-promise"), "{}", res.text);
    assert!(
        res.text
            .contains("\"https://track.example.test/acme/promise.json\""),
        "{}",
        res.text
    );
    assert!(!res.text.contains("__WISMO_CONFIG__"));
    let missing = get(&app, "/nobody/promise.js", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn the_order_cutoff_is_a_store_setting(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let put = |body: Value| {
        let app = &app;
        async move {
            app.request(
                Method::PUT,
                "/api/v1/store/promise",
                Some(&app.key),
                Some(&body),
            )
            .await
        }
    };
    let res = put(json!({ "order_cutoff": "03:30" })).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json()["order_cutoff"], "03:30");
    put(json!({ "order_cutoff": "25:00" }))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    // 04:00 in Los Angeles is now after the cut-off: the order counts from Wednesday
    // and ships by Fri 6 (0–2 days) rather than Thu 5.
    let res = app
        .post(
            "/api/v1/orders",
            &json!({ "order_number": "#C1", "customer": { "name": "Ana" }, "destination": { "country": "US" } }),
        )
        .await;
    assert_eq!(
        res.json()["promise"]["ships_by"],
        "2026-03-06",
        "{}",
        res.text
    );
}
