//! Branding: set through the API, validated, applied to the pages as CSS custom properties
//! and escaped text, with contrast warnings; logos uploaded and served by wismo.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    branding_reaches_the_page_safely_and_weak_colours_are_warned_about,
    bad_branding_is_refused_naming_the_field,
    an_uploaded_logo_is_served_by_wismo,
    the_stores_words_follow_the_pages_language,
);

async fn put(app: &TestApp, path: &str, body: &serde_json::Value) -> crate::harness::Response {
    app.request(Method::PUT, path, Some(&app.key), Some(body))
        .await
}

async fn branding_reaches_the_page_safely_and_weak_colours_are_warned_about(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = put(
        &app,
        "/api/v1/store/branding",
        &json!({
            "primary_color": "#FBBF24",
            "accent_color": "#166534",
            "font": "serif",
            "header_message": "Fresh **roasts** <script>alert(1)</script>",
            "support_email": "help@acme.example",
            "faq": [{ "question": "When do you ship?", "answer": "Within *two* days. [Details](https://acme.example/shipping)" }],
            "footer_links": [{ "label": "Returns", "url": "https://acme.example/returns" }],
            "delay_message": "Write to us if it is **a week** late."
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let body = res.json();
    assert_eq!(body["branding"]["primary_color"], "#fbbf24");
    let warnings = body["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].as_str().unwrap().contains("primary_color"));
    assert_eq!(
        app.get("/api/v1/store").await.json()["branding"],
        body["branding"]
    );

    let order = app.order("#6001", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    app.post(&format!("/api/v1/shipments/{}/events", shipment["id"]), &json!({ "occurred_at": "2026-03-02T18:00:00-05:00", "stage": "delayed", "substatus": "weather", "description": "Weather delay" })).await;
    let path = crate::harness::link(shipment);
    let page = app.get(&path).await;
    for expected in [
        "Fresh <strong>roasts</strong>",
        "&lt;script&gt;",
        "<summary dir=\"auto\">When do you ship?</summary>",
        "Within <em>two</em> days.",
        "href=\"https://acme.example/returns\"",
        "Write to us if it is <strong>a week</strong> late.",
        "/acme/theme.css?v=",
    ] {
        assert!(
            page.text.contains(expected),
            "lacks {expected}: {}",
            page.text
        );
    }
    assert!(!page.text.contains("<script>alert"));
    let theme_path = {
        let start = page.text.find("/acme/theme.css").unwrap();
        let end = page.text[start..].find('"').unwrap();
        page.text[start..start + end].to_owned()
    };
    let theme = app.get(&theme_path).await;
    assert_eq!(theme.status, StatusCode::OK);
    assert_eq!(theme.header("content-type"), "text/css; charset=utf-8");
    assert!(theme.text.contains("--primary: #fbbf24;"), "{}", theme.text);
    assert!(
        theme.text.contains("font-family: Charter"),
        "{}",
        theme.text
    );
    assert_eq!(
        app.get("/nobody/theme.css").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn bad_branding_is_refused_naming_the_field(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    for (body, field) in [
        (json!({ "primary_color": "blue" }), "primary_color"),
        (json!({ "font": "Comic Sans" }), "font"),
        (
            json!({ "logo_url": "http://acme.example/logo.png" }),
            "logo_url",
        ),
        (
            json!({ "footer_links": [{ "label": "x", "url": "javascript:alert(1)" }] }),
            "footer_links[0].url",
        ),
        (
            json!({ "faq": [{ "question": "", "answer": "x" }] }),
            "faq[0].question",
        ),
        (
            json!({ "header_message": "x".repeat(501) }),
            "header_message",
        ),
        (json!({ "css": "body{}" }), ""),
    ] {
        let res = put(&app, "/api/v1/store/branding", &body).await;
        let problem = res.problem(StatusCode::UNPROCESSABLE_ENTITY);
        if !field.is_empty() {
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
    }
}

async fn an_uploaded_logo_is_served_by_wismo(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-not-really-but-enough";
    let upload = |bytes: &'static [u8], content_type: &'static str| {
        let app = &app;
        async move {
            app.send(
                Request::put("/api/v1/store/logo")
                    .header("authorization", format!("Bearer {}", app.key))
                    .header("content-type", content_type)
                    .body(Body::from(bytes))
                    .unwrap(),
            )
            .await
        }
    };
    let res = upload(png, "image/png").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let logo_url = res.json()["logo_url"].as_str().unwrap().to_owned();
    assert!(
        logo_url.starts_with(&format!("{PUBLIC_URL}/acme/logo?v=")),
        "{logo_url}"
    );
    let served = app.get(logo_url.strip_prefix(PUBLIC_URL).unwrap()).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header("content-type"), "image/png");
    assert_eq!(served.header("x-content-type-options"), "nosniff");

    upload(b"<svg onload=alert(1)>", "image/svg+xml")
        .await
        .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    upload(png, "image/jpeg")
        .await
        .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let big: &'static [u8] = Box::leak(vec![0u8; 300 * 1024].into_boxed_slice());
    upload(big, "image/png")
        .await
        .problem(StatusCode::PAYLOAD_TOO_LARGE);

    let order = app.order("#6002", &["1Z999AA10123456784"]).await;
    let path = crate::harness::link(&order["shipments"][0]);
    let page = app.get(&path).await;
    assert!(
        page.text
            .contains("<img class=\"logo\" src=\"/acme/logo?v="),
        "{}",
        page.text
    );
    // The tab shows the store's logo too.
    assert!(
        page.text
            .contains("<link rel=\"icon\" href=\"/acme/logo?v="),
        "{}",
        page.text
    );
    assert!(!page.text.contains("/static/favicon.svg"), "{}", page.text);
}

async fn the_stores_words_follow_the_pages_language(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = put(
        &app,
        "/api/v1/store/branding",
        &json!({
            "shop_url": "https://acme.example",
            "header_message": "Roasted on **Monday**",
            "faq": [{ "question": "When does it ship?", "answer": "On Mondays." }],
            "footer_links": [{ "label": "Returns", "url": "https://acme.example/returns" }],
            "translations": {
                "de": {
                    "header_message": "Montags **geröstet**",
                    "faq": [{ "question": "Wann wird verschickt?", "answer": "Montags." }]
                }
            }
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let read = app.get("/api/v1/store").await.json();
    assert_eq!(read["branding"]["shop_url"], "https://acme.example");
    assert_eq!(
        read["branding"]["translations"]["de"]["faq"][0]["question"],
        "Wann wird verschickt?"
    );
    let order = app.order("#8301", &["1Z999AA10123456784"]).await;
    let path = crate::harness::link(&order["shipments"][0]);
    // A German page: the German words, and the store's own where German gives none.
    let german = app.get(&format!("{path}?lang=de")).await.text;
    for expected in [
        "Montags <strong>geröstet</strong>",
        "Wann wird verschickt?",
        "https://acme.example/returns\" rel=\"noopener noreferrer\"><bdi>Returns</bdi>",
        "<a class=\"shop\" href=\"https://acme.example\" rel=\"noopener noreferrer\">",
    ] {
        assert!(german.contains(expected), "lacks {expected:?}: {german}");
    }
    assert!(!german.contains("When does it ship?"), "{german}");
    // A French page has no French words: the store's own.
    let french = app.get(&format!("{path}?lang=fr")).await.text;
    assert!(french.contains("When does it ship?"), "{french}");
    assert!(
        french.contains("Roasted on <strong>Monday</strong>"),
        "{french}"
    );

    // Only the languages the pages speak, each field checked like the store's own.
    let bad = put(
        &app,
        "/api/v1/store/branding",
        &json!({
            "shop_url": "http://acme.example",
            "translations": {
                "xx": { "header_message": "?" },
                "fr": { "footer_links": [{ "label": "Retours", "url": "javascript:alert(1)" }] }
            }
        }),
    )
    .await;
    let problem = bad.problem(StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "shop_url",
            "translations.fr.footer_links[0].url",
            "translations.xx"
        ],
        "{problem}"
    );
    // Nothing changed.
    let again = app.get("/api/v1/store").await.json();
    assert_eq!(again["branding"], read["branding"]);
}
