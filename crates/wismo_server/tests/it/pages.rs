//! The public tracking page and the ops endpoints.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Db, TestApp, link};

crate::on_both_backends!(
    the_tracking_page_shows_every_parcel_in_plain_words,
    the_page_speaks_the_customers_language,
    a_late_parcel_shows_a_banner_with_the_reason_and_its_estimate,
    the_json_view_has_what_the_page_shows,
    the_json_view_answers_problems_for_unknown_and_expired_links,
    a_reissued_link_replaces_the_old_one,
    a_link_expires_after_delivery_when_the_store_says_so,
    health_and_readiness_answer
);

async fn the_page_speaks_the_customers_language(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#8101", &["1Z999AA10123456784"]).await;
    let path = link(&order["shipments"][0]);
    let get = |path: String, accept: Option<&'static str>| {
        let app = &app;
        async move {
            let mut req = axum::http::Request::get(path);
            if let Some(accept) = accept {
                req = req.header("accept-language", accept);
            }
            app.send(req.body(axum::body::Body::empty()).unwrap()).await
        }
    };
    // The customer's locale on the order (en) wins over the browser's.
    let page = get(path.clone(), Some("de-DE,de;q=0.9")).await;
    assert!(page.text.contains("<html lang=\"en\">"), "{}", page.text);
    // A language chosen in the link wins over both.
    let page = get(format!("{path}?lang=de"), None).await;
    assert!(page.text.contains("<html lang=\"de\">"));
    for german in ["Warten auf den Paketdienst", "Was passiert ist", "Bestellt"] {
        assert!(page.text.contains(german), "lacks {german}: {}", page.text);
    }
    let page = get(format!("{path}?lang=pt-BR"), None).await;
    assert!(page.text.contains("<html lang=\"pt\">"));
    // An unknown language falls back to the customer's.
    let page = get(format!("{path}?lang=xx"), None).await;
    assert!(page.text.contains("<html lang=\"en\">"));
}

async fn a_late_parcel_shows_a_banner_with_the_reason_and_its_estimate(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#8102", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    let events = format!("/api/v1/shipments/{}/events", shipment["id"]);
    app.post(&events, &json!({ "occurred_at": "2026-03-02T09:00:00-05:00", "stage": "in_transit", "description": "Departed facility", "location": "Atlanta, GA, US" })).await;
    let res = app
        .get(&format!("/api/v1/shipments/{}", shipment["id"]))
        .await;
    let estimate = &res.json()["estimated_delivery"];
    assert_eq!(estimate["basis"], "default", "{estimate}");
    let page = app.request(Method::GET, &link(shipment), None, None).await;
    assert!(
        page.text.contains("Our estimate from recent deliveries."),
        "{}",
        page.text
    );
    assert!(!page.text.contains("class=\"banner\""));

    app.post(&events, &json!({ "occurred_at": "2026-03-02T18:00:00-05:00", "stage": "delayed", "substatus": "weather", "description": "Weather delay", "location": "Atlanta, GA, US" })).await;
    let page = app
        .request(
            Method::GET,
            &format!("{}?lang=de", link(shipment)),
            None,
            None,
        )
        .await;
    for expected in [
        "class=\"banner\"",
        "Ihr Paket verspätet sich",
        "Schlechtes Wetter verzögert die Zustellungen.",
    ] {
        assert!(
            page.text.contains(expected),
            "lacks {expected}: {}",
            page.text
        );
    }
}

async fn the_json_view_has_what_the_page_shows(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#8103", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    let events = format!("/api/v1/shipments/{}/events", shipment["id"]);
    app.post(&events, &json!({ "occurred_at": "2026-03-02T09:00:00-05:00", "stage": "in_transit", "description": "Departed facility", "location": "Atlanta, GA, US" })).await;
    let res = app
        .request(
            Method::GET,
            &format!("{}.json?lang=fr", link(shipment)),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.header("content-type").starts_with("application/json"));
    assert_eq!(res.header("referrer-policy"), "no-referrer");
    let body = res.json();
    assert_eq!(body["order_number"], "#8103");
    let s = &body["shipments"][0];
    assert_eq!(s["stage"], "in_transit");
    assert_eq!(s["stage_label"], "En route");
    assert!(s["estimated_delivery"]["from"].is_string(), "{s}");
    assert_eq!(s["events"][0]["occurred_at"], "2026-03-02T09:00:00-05:00");
    assert_eq!(s["events"][0]["stage"], "in_transit");
    assert_eq!(s["events"][0]["description"], "Departed facility");
    assert_eq!(s["events"][0]["location"], "Atlanta, GA, US");
    // Nothing private.
    let text = res.text.to_lowercase();
    for private in ["ana", "lima", "example.com", "97201"] {
        assert!(!text.contains(private), "leaks {private}");
    }
    let missing = app
        .request(Method::GET, "/t/AAAAAAAAAAAAAAAAAAAAAAAA.json", None, None)
        .await;
    missing.problem(StatusCode::NOT_FOUND);
}

async fn the_json_view_answers_problems_for_unknown_and_expired_links(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let get = |path: String| {
        let app = &app;
        async move { app.request(Method::GET, &path, None, None).await }
    };
    // Unknown and malformed tokens: one neutral problem, in no one's language.
    let unknown = get("/t/AAAAAAAAAAAAAAAAAAAAAAAA.json?lang=de".into()).await;
    let malformed = get("/t/not-a-token.json".into()).await;
    for res in [&unknown, &malformed] {
        let problem = res.problem(StatusCode::NOT_FOUND);
        assert_eq!(problem["type"], "/problems/not-found");
        assert_eq!(res.header("cache-control"), "no-store");
        assert_eq!(res.header("referrer-policy"), "no-referrer");
    }
    assert_eq!(unknown.text, malformed.text);
    // The page beside it stays a page.
    let page = get("/t/AAAAAAAAAAAAAAAAAAAAAAAA".into()).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.header("content-type").starts_with("text/html"));

    let order = app.order("#8106", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    app.post(
        &format!("/api/v1/shipments/{}/events", shipment["id"]),
        &json!({ "occurred_at": "2026-03-01T10:00:00Z", "stage": "delivered", "description": "Delivered" }),
    )
    .await;
    let set = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "link_expiry_days": 1 })),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    for path in [link(shipment), crate::order_pages::order_link(&order)] {
        let gone = get(format!("{path}.json")).await;
        let problem = gone.problem(StatusCode::GONE);
        assert_eq!(problem["type"], "/problems/gone");
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains("/acme/track"), "{detail}");
        assert!(
            !gone.text.contains("8106"),
            "nothing of the order: {}",
            gone.text
        );
        let page = get(path).await;
        assert_eq!(page.status, StatusCode::GONE);
        assert!(page.header("content-type").starts_with("text/html"));
    }
    // A method no route knows: refused as a problem on a JSON route too.
    let made_up = app
        .request(
            Method::from_bytes(&[b'X'; 20]).unwrap(),
            "/t/AAAAAAAAAAAAAAAAAAAAAAAA.json",
            None,
            None,
        )
        .await;
    made_up.problem(StatusCode::NOT_IMPLEMENTED);
}

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
    let path = link(first);

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
    // Pictures come from wismo only: the logo and item thumbnails it serves itself.
    assert!(
        res.header("content-security-policy")
            .contains("img-src 'self';"),
        "{}",
        res.header("content-security-policy")
    );
    let html = &res.text;
    for expected in [
        "Acme Coffee",
        "#8001",
        "<bdi>Ana</bdi>, here is your order",
        "Out for delivery",
        "Your parcel is with the driver and should arrive today.",
        "What you should do",
        "Out for delivery &#60;today&#62;",
        "Portland, OR, US",
        "Mon 2 Mar, 07:45",
        "class=\"hero-headline\"",
        "Ordered",
        "aria-current=\"step\"",
        "See it on UPS&#39;s website",
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
    // No timed reload, even out for delivery: it would lose what a customer is typing.
    assert!(!html.contains("http-equiv"), "the page reloads itself");
    // The parcel the link was sent for comes first.
    assert!(html.find("Out for delivery").unwrap() < html.find("Waiting for the carrier").unwrap());

    let css = app
        .request(Method::GET, "/static/wismo.css", None, None)
        .await;
    assert_eq!(
        (css.status, css.header("content-type")),
        (StatusCode::OK, "text/css; charset=utf-8")
    );
    // The page names its icon, served from wismo itself (also where a browser looks
    // unasked).
    assert!(
        html.contains(r#"<link rel="icon" href="/static/favicon.svg""#),
        "{html}"
    );
    for path in ["/static/favicon.svg", "/favicon.ico"] {
        let icon = app.request(Method::GET, path, None, None).await;
        assert_eq!(
            (icon.status, icon.header("content-type")),
            (StatusCode::OK, "image/svg+xml"),
            "{path}"
        );
        assert!(icon.text.starts_with("<svg"), "{path}");
    }
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
async fn a_404_speaks_the_visitors_language() {
    use axum::body::Body;
    use axum::http::Request;
    let app = TestApp::new(Db::Sqlite).await.unwrap();
    let get = |path: &str, accept: Option<&str>| {
        let mut req = Request::get(path);
        if let Some(accept) = accept {
            req = req.header("accept-language", accept);
        }
        app.send(req.body(Body::empty()).unwrap())
    };
    let spanish = get("/t/AAAAAAAAAAAAAAAAAAAAAAAA", Some("es-MX,es;q=0.9")).await;
    assert_eq!(spanish.status, StatusCode::NOT_FOUND);
    assert!(
        spanish.text.contains("<html lang=\"es\">"),
        "{}",
        spanish.text
    );
    assert!(spanish.text.contains("No encontramos esa página"));
    assert_eq!(spanish.header("referrer-policy"), "no-referrer");
    assert_eq!(spanish.header("cache-control"), "no-store");
    // `?lang` wins over the browser; an unknown path is answered the same way.
    let german = get("/no/such/page?lang=de", Some("es")).await;
    assert_eq!(german.status, StatusCode::NOT_FOUND);
    assert!(german.text.contains("Wir können diese Seite nicht finden"));
    // A language without texts falls back to English.
    let english = get("/no/such/page", Some("ko")).await;
    assert!(english.text.contains("<html lang=\"en\">"));
    assert!(english.text.contains("find that page"));
    // API answers stay problem documents.
    let api = get("/api/v1/nope", Some("es")).await;
    assert_eq!(api.header("content-type"), "application/problem+json");
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
        assert!(res.text.contains("find that page"));
        assert_eq!(res.header("referrer-policy"), "no-referrer");
    }
    assert_eq!(unknown.text, garbage.text);
    assert_eq!(unknown.text, elsewhere.text);
}

async fn a_reissued_link_replaces_the_old_one(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#8104", &["1Z999AA10123456784"]).await;
    let old = link(&order["shipments"][0]);
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/token", order["shipments"][0]["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let new = link(&res.json());
    assert_ne!(new, old);
    assert_eq!(app.get(&old).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&new).await.status, StatusCode::OK);
    let missing = app.post("/api/v1/shipments/999999/token", &json!({})).await;
    missing.problem(StatusCode::NOT_FOUND);
}

async fn a_link_expires_after_delivery_when_the_store_says_so(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#8105", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    // Delivered two days before the test clock's now.
    app.post(
        &format!("/api/v1/shipments/{}/events", shipment["id"]),
        &json!({ "occurred_at": "2026-03-01T10:00:00Z", "stage": "delivered", "description": "Delivered" }),
    )
    .await;
    let path = link(shipment);
    assert_eq!(
        app.get(&path).await.status,
        StatusCode::OK,
        "no expiry by default"
    );
    let set = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "link_expiry_days": 1 })),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    let gone = app.get(&path).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(
        gone.text.contains("This tracking link has expired"),
        "{}",
        gone.text
    );
    assert!(gone.text.contains("href=\"/acme/track\""), "{}", gone.text);
    app.get(&format!("{path}.json"))
        .await
        .problem(StatusCode::GONE);
    let request = app
        .send(
            axum::http::Request::post(format!("{path}/requests"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("kind=not_received"))
                .unwrap(),
        )
        .await;
    assert_eq!(
        request.status,
        StatusCode::GONE,
        "no requests through an expired link"
    );
    let longer = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "link_expiry_days": 30 })),
        )
        .await;
    assert_eq!(longer.status, StatusCode::OK);
    assert_eq!(app.get(&path).await.status, StatusCode::OK);
    let bad = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "link_expiry_days": 0 })),
        )
        .await;
    bad.problem(StatusCode::UNPROCESSABLE_ENTITY);
}
