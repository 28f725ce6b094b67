//! A store's own domains and the lookup widget on its site.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use crate::harness::{Db, TestApp};

crate::on_both_backends!(
    a_stores_own_domain_serves_its_lookup_and_only_its_pages,
    the_widget_answers_only_the_stores_own_sites,
    the_widget_carries_the_stores_colours_and_speaks_every_language,
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
    // A client past its budget: the widget's script may read how long to wait.
    let mut asked = 0;
    let too_many = loop {
        let res = ask(
            "https://acme.example",
            json!({ "order_number": "#5002", "contact": "ana@example.com" }),
        )
        .await;
        if res.status != StatusCode::OK {
            break res;
        }
        asked += 1;
        assert!(asked <= 10, "no 429 after {asked} lookups");
    };
    too_many.problem(StatusCode::TOO_MANY_REQUESTS);
    let secs: u64 = too_many.header("retry-after").parse().unwrap();
    assert!((1..=30).contains(&secs), "{secs}");
    assert_eq!(
        too_many.header("access-control-allow-origin"),
        "https://acme.example"
    );
    assert_eq!(
        too_many.header("access-control-expose-headers"),
        "Retry-After"
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

/// The configuration `/{store}/widget.js` carries (the JSON it is built with).
fn widget_config(script: &str) -> serde_json::Value {
    let start = script.find("var config = ").unwrap() + "var config = ".len();
    let end = start + script[start..].find(";\n").unwrap();
    serde_json::from_str(&script[start..end]).unwrap()
}

async fn the_widget_carries_the_stores_colours_and_speaks_every_language(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // wismo's own colours before the store chose any.
    let plain = widget_config(&app.get("/acme/widget.js").await.text);
    assert_eq!(plain["theme"]["primary"], "#1a56db", "{plain}");
    assert_eq!(plain["theme"]["onPrimary"], "#ffffff");
    assert_eq!(plain["theme"]["font"], serde_json::Value::Null);

    let res = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(
                &json!({ "primary_color": "#ffff00", "accent_color": "#a7f3d0", "font": "serif" }),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let script = with_headers(
        &app,
        Method::GET,
        "/acme/widget.js",
        &[("accept-language", "fr")],
        Body::empty(),
    )
    .await;
    let config = widget_config(&script.text);
    // The browser's language is the one it falls back to when the shop page says none.
    assert_eq!(config["lang"], "fr");
    let theme = &config["theme"];
    let colour = |key: &str| {
        wismo_domain::HexColor::parse(theme[key].as_str().unwrap_or_else(|| panic!("{key}")))
            .unwrap()
    };
    let ratio = |key: &str, on: &str| {
        wismo_domain::tenant::contrast_ratio(
            &colour(key),
            &wismo_domain::HexColor::parse(on).unwrap(),
        )
    };
    // The pale yellow stays on the button, with black text; text and rings take a shade
    // that reads on the widget's white and on its dark surface.
    assert_eq!(theme["primary"], "#ffff00");
    assert_eq!(theme["onPrimary"], "#000000");
    assert!(ratio("primaryText", "#ffffff") >= 4.5, "{theme}");
    assert!(ratio("darkPrimaryText", "#1f2937") >= 4.5, "{theme}");
    assert!(ratio("accent", "#ffffff") >= 3.0, "{theme}");
    assert!(ratio("darkAccent", "#1f2937") >= 3.0, "{theme}");
    assert!(
        theme["font"].as_str().unwrap().starts_with("Charter"),
        "{theme}"
    );

    // Every language, whole, with its direction: the page's is chosen in the browser.
    let texts = config["texts"].as_object().unwrap();
    let languages: Vec<&str> = texts.keys().map(String::as_str).collect();
    for lang in [
        "en", "es", "fr", "de", "pt", "it", "nl", "sv", "pl", "ja", "ar",
    ] {
        assert!(languages.contains(&lang), "{lang} missing: {languages:?}");
        let said = texts[lang].as_object().unwrap();
        for key in [
            "heading",
            "orderNumber",
            "hint",
            "contact",
            "submit",
            "busy",
            "opening",
            "network",
            "failed",
            "tooMany",
        ] {
            let text = said[key].as_str().unwrap_or_default();
            assert!(
                !text.is_empty() && !text.contains("widget-") && !text.contains("lookup-"),
                "{lang} {key}: {text}"
            );
        }
        // The script writes the answer's Retry-After into it.
        let too_many = said["tooMany"].as_str().unwrap_or_default();
        assert_eq!(too_many.matches("{wait}").count(), 1, "{lang}: {too_many}");
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert_eq!(said["dir"], dir, "{lang}");
    }
    assert_eq!(
        texts["en"]["hint"],
        "In your order confirmation email, e.g. #1001"
    );
    assert_eq!(
        texts["en"]["network"],
        "Could not reach the tracking service. Check your connection and try again."
    );

    // `?lang=` pins one language: a smaller script.
    let pinned = app.get("/acme/widget.js?lang=de").await;
    let pinned_config = widget_config(&pinned.text);
    assert_eq!(pinned_config["lang"], "de");
    let only: Vec<&String> = pinned_config["texts"].as_object().unwrap().keys().collect();
    assert_eq!(only, ["de"]);
    assert!(
        pinned.text.len() + 4000 < script.text.len(),
        "{} of {}",
        pinned.text.len(),
        script.text.len()
    );

    // Sent gzip-compressed to a browser that takes it.
    let request = Request::get("/acme/widget.js")
        .header("accept-language", "fr")
        .header("accept-encoding", "gzip, br")
        .body(Body::empty())
        .unwrap();
    let gzipped = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    assert!(
        gzipped.headers()["vary"]
            .to_str()
            .unwrap()
            .contains("Accept-Encoding")
    );
    let bytes = http_body_util::BodyExt::collect(gzipped.into_body())
        .await
        .unwrap()
        .to_bytes();
    let mut unzipped = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unzipped)
        .unwrap();
    assert_eq!(unzipped, script.text);
    assert_eq!(script.header("content-encoding"), "");

    // The widget asks in its own language, and the refusal comes back in it.
    app.order("#5003", &["1Z999AA10123456784"]).await;
    let wrong = with_headers(
        &app,
        Method::POST,
        "/acme/track.json?lang=de",
        &[
            ("accept-language", "fr"),
            ("content-type", "application/json"),
        ],
        Body::from(json!({ "order_number": "#5003", "contact": "eve@example.com" }).to_string()),
    )
    .await;
    let problem = wrong.problem(StatusCode::NOT_FOUND);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("Wir konnten keine Bestellung")),
        "{problem}"
    );
}
