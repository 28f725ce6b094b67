//! Stored pages: a repeat view of `/t/{token}` is the page as rendered last time, for as
//! long as nothing it shows has changed, in the language the view asks for, and never past
//! the link's expiry or on another store's domain.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde_json::json;
use std::io::{Read, Write};
use std::time::Duration;
use wismo_domain::ShipmentToken;
use wismo_store::PageSnapshot;

use crate::harness::{Db, Response, TestApp};

crate::on_both_backends!(
    a_repeat_view_is_the_stored_page_until_the_parcel_moves,
    a_parcels_news_renders_its_page_before_anyone_views_it,
    a_page_warmed_for_a_message_is_rendered_once,
    with_storing_off_every_view_renders_and_no_page_is_kept,
    a_stored_page_is_never_served_past_expiry_or_on_another_stores_domain,
    the_stylesheet_goes_out_gzipped_to_browsers
);

const MARKER: &str = "<!doctype html><title>stored</title><p>the stored page</p>";

fn token_of(shipment: &serde_json::Value) -> (String, ShipmentToken) {
    let path = crate::harness::link(shipment);
    let token = ShipmentToken::parse(path.strip_prefix("/t/").unwrap()).unwrap();
    (path, token)
}

/// Waits for the page stored for `lang` after a view rendered it.
async fn stored(app: &TestApp, token: &ShipmentToken, lang: &str) -> String {
    for _ in 0..3000 {
        if let Some(page) = current(app, token, lang).await {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no page stored for {lang}");
}

/// The page stored for `lang` at the parcel's current revision, if there is one now.
async fn current(app: &TestApp, token: &ShipmentToken, lang: &str) -> Option<String> {
    let key = app
        .store
        .page_key(token, &app.page_build(), None)
        .await
        .unwrap()
        .unwrap();
    key.page(lang).map(inflate)
}

/// Stores `body` as the current page of `token` in `lang`.
async fn store_page(app: &TestApp, token: &ShipmentToken, lang: &str, body: &str) {
    let key = app
        .store
        .page_key(token, &app.page_build(), None)
        .await
        .unwrap()
        .unwrap();
    app.store
        .save_page_snapshots(&[PageSnapshot {
            shipment: key.shipment,
            lang: lang.into(),
            revision: key.revision,
            build: app.page_build(),
            body: deflate(body),
        }])
        .await
        .unwrap();
}

/// A response with its body as bytes.
async fn raw(app: &TestApp, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let res = app.router.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

/// Pages are kept gzip-compressed.
fn deflate(html: &str) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(html.as_bytes()).unwrap();
    encoder.finish().unwrap()
}

fn inflate(body: &[u8]) -> String {
    let mut html = String::new();
    GzDecoder::new(body).read_to_string(&mut html).unwrap();
    html
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut req = Request::get(path);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

/// A router over `app`'s store whose pages are not stored (`store_pages = false`).
fn router_without_stored_pages(app: &TestApp) -> axum::Router {
    use std::sync::Arc;
    use wismo_domain::ManualClock;
    use wismo_server::config::{Config, Env, Layer};
    let config = Config::load(
        None,
        Env::default(),
        Layer {
            database_url: Some("sqlite://unused.db".into()),
            public_url: Some(crate::harness::PUBLIC_URL.into()),
            secret_key: Some(wismo_domain::Secret::new(crate::harness::TEST_SECRET_KEY)),
            store_pages: Some(false),
            ..Layer::default()
        },
    )
    .unwrap();
    let clock = Arc::new(ManualClock::new(crate::harness::test_now()));
    let state = wismo_server::AppState::new(config, app.store.clone(), clock).unwrap();
    assert!(
        !state.pages.snapshots.enabled(),
        "the setting switches storing off"
    );
    wismo_server::router(state)
}

/// A scan recorded through the pipeline (here the API's manual event) renders the parcel's
/// page in its customer's language and keeps it before anyone asks: the customer's view
/// that the news prompts is a repeat view. A scan the parcel already had changes nothing
/// and renders nothing.
async fn a_parcels_news_renders_its_page_before_anyone_views_it(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "#9103",
                "customer": { "name": "Jonas Weber", "email": "jonas@example.com", "locale": "de" },
                "items": [{ "name": "Espresso beans", "quantity": 1 }],
                "shipments": [{ "tracking_number": "1Z999AA10123456784", "carrier": "ups" }],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let shipment = &res.json()["shipments"][0];
    let (path, token) = token_of(shipment);
    assert_eq!(
        current(&app, &token, "de").await,
        None,
        "nothing viewed yet"
    );

    let scan = json!({
        "occurred_at": "2026-03-03T09:30:00Z",
        "stage": "out_for_delivery",
        "description": "Out For Delivery Today",
        "location": "Berlin, DE",
    });
    let events = format!("/api/v1/shipments/{}/events", shipment["id"]);
    let res = app.post(&events, &scan).await;
    assert!(res.status.is_success(), "{}", res.text);
    // Rendered in the background, in the customer's language, with the news on it.
    let ahead = stored(&app, &token, "de").await;
    assert!(ahead.contains("<html lang=\"de\">"), "{ahead}");
    assert!(
        ahead.contains("class=\"shipment stage-out_for_delivery"),
        "{ahead}"
    );
    assert_eq!(
        current(&app, &token, "en").await,
        None,
        "only the customer's language"
    );
    // The customer's view is that page, as a browser gets it.
    let req = Request::get(&path).header("accept-encoding", "gzip");
    let (status, headers, body) = raw(&app, req.body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get("content-encoding").unwrap(), "gzip");
    assert_eq!(inflate(&body), ahead);

    // The same scan again is no news: the page kept stays as it is.
    store_page(&app, &token, "de", MARKER).await;
    let res = app.post(&events, &scan).await;
    assert!(res.status.is_success(), "{}", res.text);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(current(&app, &token, "de").await.as_deref(), Some(MARKER));
}

/// A message's link is warmed before the message goes: the page is rendered and stored in
/// the customer's language when none is, and a page already current (rendered ahead when
/// the news came) is left as it is rather than rendered and written again.
async fn a_page_warmed_for_a_message_is_rendered_once(db: Db) {
    use wismo_server::http::pages::tracking::warm;
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9104", &["1Z999AA10123456784"]).await;
    let (path, token) = token_of(&order["shipments"][0]);
    assert_eq!(current(&app, &token, "en").await, None);
    assert!(warm(&app.state.pages, &token).await.unwrap());
    let warmed = current(&app, &token, "en").await.expect("stored at once");
    assert!(warmed.contains("#9104"), "{warmed}");
    assert_eq!(app.get(&path).await.text, warmed, "the click is that page");

    store_page(&app, &token, "en", MARKER).await;
    assert!(warm(&app.state.pages, &token).await.unwrap());
    assert_eq!(current(&app, &token, "en").await.as_deref(), Some(MARKER));
}

async fn with_storing_off_every_view_renders_and_no_page_is_kept(db: Db) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9102", &["1Z999AA10123456784"]).await;
    let (path, token) = token_of(&order["shipments"][0]);
    let router = router_without_stored_pages(&app);
    let view = |lang: &str| {
        let req = Request::get(format!("{path}?lang={lang}")).header("accept-encoding", "gzip");
        let router = router.clone();
        async move {
            let res = router
                .oneshot(req.body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            let gzipped = res.headers().get("content-encoding").is_some();
            let bytes = res.into_body().collect().await.unwrap().to_bytes();
            if gzipped {
                inflate(&bytes)
            } else {
                String::from_utf8(bytes.to_vec()).unwrap()
            }
        }
    };

    // A page kept while storing was on is not served: the view renders.
    store_page(&app, &token, "en", MARKER).await;
    let english = view("en").await;
    assert!(english.contains("<html lang=\"en\">"), "{english}");
    assert!(english.contains("#9102"), "{english}");

    // Nothing is kept. With storing on, a view of another language is kept in the
    // background; with it off, views leave nothing behind, even once that has happened.
    let german = view("de").await;
    assert!(german.contains("<html lang=\"de\">"), "{german}");
    app.get(&format!("{path}?lang=fr")).await;
    stored(&app, &token, "fr").await;
    let key = app
        .store
        .page_key(&token, &app.page_build(), None)
        .await
        .unwrap()
        .unwrap();
    assert!(key.page("de").is_none());
    assert_eq!(key.page("en").map(inflate).as_deref(), Some(MARKER));
}

async fn a_repeat_view_is_the_stored_page_until_the_parcel_moves(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9101", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    let (path, token) = token_of(shipment);

    let first = app.get(&path).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(stored(&app, &token, "en").await, first.text);

    // The stored page is what a repeat view gets, with every header a rendered one has.
    store_page(&app, &token, "en", MARKER).await;
    let repeat = app.get(&path).await;
    assert_eq!(
        (repeat.status, repeat.text.as_str()),
        (StatusCode::OK, MARKER)
    );
    for name in [
        "content-type",
        "referrer-policy",
        "content-security-policy",
        "x-robots-tag",
        "cache-control",
        "x-content-type-options",
    ] {
        assert_eq!(repeat.header(name), first.header(name), "{name}");
    }
    assert_eq!(repeat.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(repeat.header("vary"), "accept-encoding");
    assert!(repeat.headers.get("content-encoding").is_none());
    // A browser gets the page as it is kept: gzip.
    let mut req = Request::get(&path).header("accept-encoding", "gzip, deflate, br");
    req = req.header("accept-language", "en");
    let gzipped = raw(&app, req.body(Body::empty()).unwrap()).await;
    assert_eq!(gzipped.0, StatusCode::OK);
    assert_eq!(gzipped.1.get("content-encoding").unwrap(), "gzip");
    assert_eq!(inflate(&gzipped.2), MARKER);

    // Another language is rendered (and kept) for itself.
    let plain = get(&app, &path, &[("accept-language", "de-DE")]).await;
    assert_eq!(
        plain.text, MARKER,
        "the customer's en wins over the browser's de"
    );
    let german = get(&app, &format!("{path}?lang=de"), &[]).await;
    assert!(
        german.text.contains("<html lang=\"de\">"),
        "{}",
        german.text
    );
    assert_eq!(stored(&app, &token, "de").await, german.text);
    // A rendered page goes to a browser gzip-compressed too, and is kept as sent.
    let req = Request::get(format!("{path}?lang=fr")).header("accept-encoding", "gzip");
    let french = raw(&app, req.body(Body::empty()).unwrap()).await;
    assert_eq!(french.1.get("content-encoding").unwrap(), "gzip");
    let french = inflate(&french.2);
    assert!(french.contains("<html lang=\"fr\">"), "{french}");
    assert_eq!(stored(&app, &token, "fr").await, french);
    // A confirmation and the JSON view are always rendered.
    let sent = app.get(&format!("{path}?sent=1")).await;
    assert!(sent.text.contains("class=\"sent\""), "{}", sent.text);
    let json = app.get(&format!("{path}.json")).await;
    assert_eq!(json.json()["order_number"], "#9101");

    // A scan retires the stored page: the next view shows it.
    let scan = app
        .post(
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            &json!({ "occurred_at": "2026-03-02T10:00:00Z", "stage": "in_transit", "description": "Departed Louisville hub" }),
        )
        .await;
    assert!(scan.status.is_success(), "{}", scan.text);
    let moved = app.get(&path).await;
    assert!(
        moved.text.contains("Departed Louisville hub"),
        "{}",
        moved.text
    );
    assert_eq!(stored(&app, &token, "en").await, moved.text);
    // So does a new look for the store.
    store_page(&app, &token, "en", MARKER).await;
    let set = app
        .request(
            Method::PUT,
            "/api/v1/store/branding",
            Some(&app.key),
            Some(&json!({ "header_message": "Roasted **today**" })),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    let branded = app.get(&path).await;
    assert!(
        branded.text.contains("Roasted <strong>today</strong>"),
        "{}",
        branded.text
    );
}

async fn a_stored_page_is_never_served_past_expiry_or_on_another_stores_domain(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#9102", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    let (path, token) = token_of(shipment);

    // Another store's domain does not show this store's parcels, stored or not.
    let globex = app.other_store_key().await;
    for (key, domain) in [
        (&app.key, "track.acme.example"),
        (&globex, "track.globex.example"),
    ] {
        let set = app
            .request(
                Method::PUT,
                "/api/v1/store/hosts",
                Some(key),
                Some(&json!({ "domains": [domain] })),
            )
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    }
    store_page(&app, &token, "en", MARKER).await;
    let own = get(&app, &path, &[("host", "track.acme.example")]).await;
    assert_eq!(own.text, MARKER);
    let other = get(&app, &path, &[("host", "track.globex.example")]).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);

    // Delivered two days before the test clock's now; links expire a day after delivery.
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
    store_page(&app, &token, "en", MARKER).await;
    let gone = app.get(&path).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(gone.text.contains("This tracking link has expired"));
}

async fn the_stylesheet_goes_out_gzipped_to_browsers(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let plain = get(&app, "/static/wismo.css", &[]).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.headers.get("content-encoding").is_none());
    assert!(plain.text.contains("--primary"), "{}", plain.text);
    let req = Request::get("/static/wismo.css")
        .header("accept-encoding", "gzip, deflate, br")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = raw(&app, req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get("content-encoding").unwrap(), "gzip");
    assert_eq!(headers.get("vary").unwrap(), "accept-encoding");
    assert_eq!(
        headers.get("content-type").unwrap(),
        "text/css; charset=utf-8"
    );
    assert!(body.len() < plain.text.len() / 2, "{} bytes", body.len());
    assert_eq!(inflate(&body), plain.text);
}
