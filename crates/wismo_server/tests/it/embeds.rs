//! A store's own domains and the lookup widget on its site.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    a_stores_own_domain_serves_its_lookup_and_only_its_pages,
    the_widget_answers_only_the_stores_own_sites,
    hosts_are_validated_and_a_domain_has_one_store,
);

async fn set_hosts(app: &TestApp, key: &str, body: serde_json::Value) -> crate::harness::Response {
    app.request(Method::PUT, "/api/v1/store/hosts", Some(key), Some(&body))
        .await
}

async fn with_headers(
    app: &TestApp,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Body,
) -> crate::harness::Response {
    let mut req = Request::builder().method(method).uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.send(req.body(body).unwrap()).await
}

async fn a_stores_own_domain_serves_its_lookup_and_only_its_pages(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = set_hosts(&app, &app.key, json!({ "domains": ["Track.Acme.Example"] })).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json()["domains"], json!(["track.acme.example"]));
    let order = app.order("#5001", &["1Z999AA10123456784"]).await;
    let link = order["shipments"][0]["tracking_url"].as_str().unwrap();
    let path = &link[link.find("/t/").unwrap()..];
    let order_path = &crate::order_pages::order_link(&order);

    let host = [("host", "track.acme.example:443")];
    let form = with_headers(&app, Method::GET, "/track", &host, Body::empty()).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.text.contains("action=\"/track?lang=en\""),
        "{}",
        form.text
    );
    let found = with_headers(
        &app,
        Method::POST,
        "/track",
        &[
            ("host", "track.acme.example"),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        Body::from("order_number=%235001&contact=ana%40example.com"),
    )
    .await;
    assert_eq!(found.status, StatusCode::SEE_OTHER);
    assert_eq!(found.header("location"), order_path);
    for path in [path, order_path] {
        assert_eq!(
            with_headers(&app, Method::GET, path, &host, Body::empty())
                .await
                .status,
            StatusCode::OK
        );
    }

    // Another store's domain does not show acme's parcels, and unknown hosts have no /track.
    let globex = app.other_store_key().await;
    set_hosts(
        &app,
        &globex,
        json!({ "domains": ["track.globex.example"] }),
    )
    .await;
    let elsewhere = [("host", "track.globex.example")];
    for path in [path, order_path] {
        assert_eq!(
            with_headers(&app, Method::GET, path, &elsewhere, Body::empty())
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // The JSON view there is the same neutral problem as an unknown token's.
        let json = format!("{path}.json");
        with_headers(&app, Method::GET, &json, &elsewhere, Body::empty())
            .await
            .problem(StatusCode::NOT_FOUND);
    }
    assert_eq!(
        with_headers(
            &app,
            Method::GET,
            "/track",
            &[("host", "unknown.example")],
            Body::empty()
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

async fn the_widget_answers_only_the_stores_own_sites(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    set_hosts(
        &app,
        &app.key,
        json!({ "widget_origins": ["https://acme.example"] }),
    )
    .await;
    let order = app.order("#5002", &["1Z999AA10123456784"]).await;

    let script = with_headers(
        &app,
        Method::GET,
        "/acme/widget.js",
        &[("accept-language", "fr")],
        Body::empty(),
    )
    .await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        script.header("content-type"),
        "text/javascript; charset=utf-8"
    );
    assert!(script.text.contains("/acme/track.json"), "{}", script.text);
    assert!(script.text.contains("\"lang\":\"fr\""), "{}", script.text);
    assert!(!script.text.contains("__WISMO_CONFIG__"));

    let ask = |origin: &'static str, body: serde_json::Value| {
        let app = &app;
        async move {
            with_headers(
                app,
                Method::POST,
                "/acme/track.json",
                &[("origin", origin), ("content-type", "application/json")],
                Body::from(body.to_string()),
            )
            .await
        }
    };
    let found = ask(
        "https://acme.example",
        json!({ "order_number": "#5002", "contact": "ana@example.com" }),
    )
    .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    assert_eq!(
        found.header("access-control-allow-origin"),
        "https://acme.example"
    );
    assert_eq!(found.json()["url"], order["order_url"], "the order's page");
    let wrong = ask(
        "https://acme.example",
        json!({ "order_number": "#5002", "contact": "eve@example.com" }),
    )
    .await;
    let problem = wrong.problem(StatusCode::NOT_FOUND);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("We couldn't find an order")),
        "the sentence the widget shows: {problem}"
    );
    // Said again as `error`, for widget scripts that read only that.
    assert_eq!(problem["error"], problem["detail"]);
    assert_eq!(
        wrong.header("access-control-allow-origin"),
        "https://acme.example"
    );
    let foreign = ask(
        "https://evil.example",
        json!({ "order_number": "#5002", "contact": "ana@example.com" }),
    )
    .await;
    foreign.problem(StatusCode::FORBIDDEN);
    assert_eq!(foreign.header("access-control-allow-origin"), "");
    let unknown_store = with_headers(
        &app,
        Method::POST,
        "/nosuchstore/track.json",
        &[("content-type", "application/json")],
        Body::from(json!({ "order_number": "#5002", "contact": "ana@example.com" }).to_string()),
    )
    .await;
    unknown_store.problem(StatusCode::NOT_FOUND);
    let unreadable = with_headers(
        &app,
        Method::POST,
        "/acme/track.json",
        &[
            ("origin", "https://acme.example"),
            ("content-type", "application/json"),
        ],
        Body::from("{oops"),
    )
    .await;
    unreadable.problem(StatusCode::BAD_REQUEST);
    assert_eq!(
        unreadable.header("access-control-allow-origin"),
        "https://acme.example"
    );

    let preflight = with_headers(
        &app,
        Method::OPTIONS,
        "/acme/track.json",
        &[
            ("origin", "https://acme.example"),
            ("access-control-request-method", "POST"),
        ],
        Body::empty(),
    )
    .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert_eq!(preflight.header("access-control-allow-methods"), "POST");
    let refused = with_headers(
        &app,
        Method::OPTIONS,
        "/acme/track.json",
        &[("origin", "https://evil.example")],
        Body::empty(),
    )
    .await;
    refused.problem(StatusCode::FORBIDDEN);
}

async fn hosts_are_validated_and_a_domain_has_one_store(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let bad = set_hosts(
        &app,
        &app.key,
        json!({ "domains": ["track.acme.example/x"] }),
    )
    .await;
    assert_eq!(
        bad.problem(StatusCode::UNPROCESSABLE_ENTITY)["errors"][0]["field"],
        "domains[0]"
    );
    let bad = set_hosts(
        &app,
        &app.key,
        json!({ "widget_origins": ["http://acme.example"] }),
    )
    .await;
    assert_eq!(
        bad.problem(StatusCode::UNPROCESSABLE_ENTITY)["errors"][0]["field"],
        "widget_origins[0]"
    );
    set_hosts(&app, &app.key, json!({ "domains": ["track.acme.example"] })).await;
    let globex = app.other_store_key().await;
    set_hosts(&app, &globex, json!({ "domains": ["track.acme.example"] }))
        .await
        .problem(StatusCode::CONFLICT);
    let store = app.get("/api/v1/store").await.json();
    assert_eq!(store["domains"], json!(["track.acme.example"]));
    assert!(
        store["widget_url"]
            .as_str()
            .unwrap()
            .ends_with("/acme/widget.js")
    );
}
