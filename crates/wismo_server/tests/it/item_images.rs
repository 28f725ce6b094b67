//! Item pictures: an order's `image_url`s fetched once per store and URL through the
//! outbound guard, kept as thumbnails, served by wismo and shown on the tracking page.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use flate2::Compression;
use flate2::write::GzEncoder;
use http_body_util::BodyExt;
use image::{ImageFormat, Rgb, RgbImage};
use serde_json::{Value, json};
use std::io::{Cursor, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;
use wismo_domain::{Clock, LineItem, ManualClock, OrderId, ShipmentToken};
use wismo_server::jobs::{self, JobContext, Ran};
use wismo_server::outbound::Outbound;
use wismo_store::integrations::OrderDetails;
use wismo_store::{Job, JobState, PageSnapshot};

use crate::harness::{Db, TestApp, link, test_now};
use crate::order_pages::order_link;

crate::on_both_backends!(
    an_orders_pictures_are_fetched_once_and_shown_as_thumbnails_wismo_serves,
    the_same_picture_in_two_orders_is_fetched_once,
    a_picture_that_is_not_an_image_too_big_or_private_is_recorded_and_not_fetched_again,
    another_stores_thumbnail_is_not_found,
    a_stored_page_shows_a_thumbnail_once_it_arrives,
    an_image_url_given_through_the_api_queues_its_fetch,
    an_older_orders_pictures_are_queued_when_its_page_is_viewed_once_each_and_a_few_at_a_time,
);

fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// A merchant's server on loopback serving pictures; counts the requests it answers.
struct Merchant {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
}

impl Merchant {
    async fn start() -> Merchant {
        let hits = Arc::new(AtomicUsize::new(0));
        let counted = hits.clone();
        let png = encoded(640, 480, ImageFormat::Png);
        let jpeg = encoded(300, 600, ImageFormat::Jpeg);
        let app = Router::new()
            .route(
                "/mug.png",
                get(move || async move { ([(header::CONTENT_TYPE, "image/png")], png) }),
            )
            // The header says text: the bytes are what count.
            .route(
                "/beans.jpg",
                get(move || async move { ([(header::CONTENT_TYPE, "text/plain")], jpeg) }),
            )
            .route(
                "/page",
                get(|| async { ([(header::CONTENT_TYPE, "image/png")], "<html></html>") }),
            )
            .route(
                "/huge.png",
                get(|| async {
                    let mut big = encoded(8, 8, ImageFormat::Png);
                    big.resize(3 * 1024 * 1024, 0);
                    ([(header::CONTENT_TYPE, "image/png")], big)
                }),
            )
            .layer(axum::middleware::from_fn(
                move |req: axum::extract::Request, next: axum::middleware::Next| {
                    counted.fetch_add(1, Ordering::SeqCst);
                    next.run(req)
                },
            ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Merchant { addr, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://localhost:{}{path}", self.addr.port())
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// An order through the API, then its items set with `urls` through the store (the API
/// takes only https URLs; the merchant here is plain HTTP on loopback).
async fn order_with_pictures(app: &TestApp, number: &str, urls: &[&str]) -> Value {
    let order = app.order(number, &["1Z999AA10123456784"]).await;
    let id = OrderId(order["id"].as_i64().unwrap());
    let stored = app.store.get_order(app.store_id, id).await.unwrap();
    let items = urls
        .iter()
        .enumerate()
        .map(|(i, url)| LineItem {
            name: format!("Item {i}"),
            quantity: 1,
            sku: None,
            variant: None,
            image_url: Some((*url).to_owned()),
        })
        .collect();
    app.store
        .update_order_details(
            app.store_id,
            id,
            &OrderDetails {
                customer: stored.customer,
                destination: stored.destination,
                items,
                external_id: None,
            },
        )
        .await
        .unwrap();
    order
}

/// Runs the due jobs with the guard set to `allow_private`.
async fn run_jobs(app: &TestApp, allow_private: bool) -> Ran {
    let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(test_now()));
    jobs::runner(JobContext {
        store: app.store.clone(),
        clock,
        outbound: Outbound::new(allow_private),
        notify: None,
        secrets: app.secrets.clone(),
        public_url: String::new(),
    })
    .run_pending()
    .await
    .unwrap()
}

async fn image_jobs(app: &TestApp, state: Option<JobState>) -> Vec<Job> {
    let jobs = app.store.list_jobs(state, 100).await.unwrap();
    jobs.into_iter()
        .filter(|j| j.name == "fetch_item_image")
        .collect()
}

/// The `src` of every thumbnail on the page at `path`.
async fn thumbnails(app: &TestApp, path: &str) -> Vec<String> {
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    page.text
        .split("<img src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| src.contains("/items/"))
        .map(str::to_owned)
        .collect()
}

/// The status, content type and bytes at `path`.
async fn raw(app: &TestApp, path: &str) -> (StatusCode, String, Vec<u8>) {
    let res = app
        .router
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, content_type, bytes)
}

async fn an_orders_pictures_are_fetched_once_and_shown_as_thumbnails_wismo_serves(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    let (mug, beans) = (merchant.url("/mug.png"), merchant.url("/beans.jpg"));
    let order = order_with_pictures(&app, "#7001", &[&mug, &beans]).await;
    let page = order_link(&order);
    assert!(thumbnails(&app, &page).await.is_empty(), "none kept yet");

    assert_eq!(run_jobs(&app, true).await.succeeded, 2);
    assert_eq!(merchant.hits(), 2);
    let srcs = thumbnails(&app, &page).await;
    assert_eq!(srcs.len(), 2, "{srcs:?}");
    let html = app.get(&page).await.text;
    assert!(html.contains(r#"width="48" height="48" alt="" loading="lazy" decoding="async">"#));
    assert!(
        !html.contains(&merchant.addr.port().to_string()),
        "no merchant URL on the page"
    );
    for src in &srcs {
        assert!(src.starts_with("/acme/items/"), "{src}");
        let served = app.get(src).await;
        assert_eq!(served.header("x-content-type-options"), "nosniff");
        assert!(served.header("cache-control").contains("immutable"));
        let (status, content_type, bytes) = raw(&app, src).await;
        assert_eq!(status, StatusCode::OK);
        // Both are opaque photos: kept as JPEG.
        assert_eq!(content_type, "image/jpeg");
        let picture = image::load_from_memory(&bytes).unwrap();
        assert!(picture.width() <= 192 && picture.height() <= 192);
        assert!(picture.width() == 192 || picture.height() == 192);
    }
    // The shipment's page lists them too.
    let shipment_page = link(&order["shipments"][0]);
    assert_eq!(thumbnails(&app, &shipment_page).await.len(), 2);
    // Nothing more to fetch.
    assert_eq!(run_jobs(&app, true).await.succeeded, 0);
    assert_eq!(merchant.hits(), 2);
}

async fn the_same_picture_in_two_orders_is_fetched_once(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    let mug = merchant.url("/mug.png");
    let first = order_with_pictures(&app, "#7011", &[&mug, &mug]).await;
    let second = order_with_pictures(&app, "#7012", &[&mug]).await;
    assert_eq!(image_jobs(&app, None).await.len(), 1);
    run_jobs(&app, true).await;
    // Named again after it was kept: nothing queued.
    order_with_pictures(&app, "#7013", &[&mug]).await;
    run_jobs(&app, true).await;
    assert_eq!(merchant.hits(), 1);
    let (a, b) = (
        thumbnails(&app, &order_link(&first)).await,
        thumbnails(&app, &order_link(&second)).await,
    );
    assert_eq!(a.len(), 2);
    assert_eq!(a[0], b[0]);
}

async fn a_picture_that_is_not_an_image_too_big_or_private_is_recorded_and_not_fetched_again(
    db: Db,
) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    let (page_url, huge) = (merchant.url("/page"), merchant.url("/huge.png"));
    let order = order_with_pictures(&app, "#7021", &[&page_url, &huge]).await;
    let path = order_link(&order);
    let before = app.get(&path).await.text;
    assert_eq!(run_jobs(&app, true).await.dead, 2);
    // Private addresses refused when the server does not allow them: never requested.
    let private = merchant.url("/mug.png");
    order_with_pictures(&app, "#7022", &[&private]).await;
    assert_eq!(run_jobs(&app, false).await.dead, 1);
    assert_eq!(merchant.hits(), 2);

    let dead = image_jobs(&app, Some(JobState::Dead)).await;
    assert_eq!(dead.len(), 3, "each failure is for good: no retries");
    let errors: Vec<String> = dead.iter().filter_map(|j| j.last_error.clone()).collect();
    assert!(errors.iter().any(|e| e.contains("not a PNG")), "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("too large") || e.contains("larger")),
        "{errors:?}"
    );
    assert_eq!(app.get(&path).await.text, before, "the page is unchanged");
    assert!(thumbnails(&app, &path).await.is_empty());
    // Named again by later orders: not fetched again.
    order_with_pictures(&app, "#7023", &[&page_url, &huge, &private]).await;
    assert!(image_jobs(&app, Some(JobState::Queued)).await.is_empty());
    run_jobs(&app, true).await;
    assert_eq!(merchant.hits(), 2);
    // The failure is recorded on the picture itself.
    let failures = failures_recorded(&app).await;
    assert_eq!(failures, 3);
}

/// How many failed fetches the store's pictures have recorded.
async fn failures_recorded(app: &TestApp) -> i64 {
    if app.url.starts_with("postgres") {
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&app.url)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT sum(failures)::BIGINT FROM item_images WHERE error IS NOT NULL")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    } else {
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&app.url)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT sum(failures) FROM item_images WHERE error IS NOT NULL")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    }
}

async fn another_stores_thumbnail_is_not_found(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    let order = order_with_pictures(&app, "#7031", &[&merchant.url("/mug.png")]).await;
    run_jobs(&app, true).await;
    let src = thumbnails(&app, &order_link(&order)).await.remove(0);
    app.other_store_key().await;
    let theirs = src.replace("/acme/", "/globex/");
    let unknown = "/acme/items/000000000000000000000000";
    for path in [
        theirs.as_str(),
        unknown,
        "/acme/items/not-a-key",
        "/nobody/items/x",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(app.get(&theirs).await.text, app.get(unknown).await.text);
}

async fn a_stored_page_shows_a_thumbnail_once_it_arrives(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    let order = order_with_pictures(&app, "#7041", &[&merchant.url("/mug.png")]).await;
    let path = link(&order["shipments"][0]);
    let token = ShipmentToken::parse(path.strip_prefix("/t/").unwrap()).unwrap();
    // A page stored before the picture came.
    let key = app
        .store
        .page_key(&token, &app.page_build(), None)
        .await
        .unwrap()
        .unwrap();
    const MARKER: &str = "<!doctype html><title>stored</title>";
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(MARKER.as_bytes()).unwrap();
    app.store
        .save_page_snapshots(&[PageSnapshot {
            shipment: key.shipment,
            lang: "en".into(),
            revision: key.revision,
            build: app.page_build(),
            body: gz.finish().unwrap(),
        }])
        .await
        .unwrap();
    assert_eq!(app.get(&path).await.text, MARKER);

    run_jobs(&app, true).await;
    assert_eq!(
        thumbnails(&app, &path).await.len(),
        1,
        "the stored page is stale"
    );
}

async fn an_image_url_given_through_the_api_queues_its_fetch(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "#7051",
                "customer": { "email": "ana@example.com" },
                "items": [
                    { "name": "Mug", "quantity": 1, "image_url": "https://cdn.acme.example/mug.png" },
                    { "name": "Cup", "quantity": 2, "image_url": "https://cdn.acme.example/mug.png" },
                ],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let queued = image_jobs(&app, Some(JobState::Queued)).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].queue, "fetch");
    assert_eq!(queued[0].payload["url"], "https://cdn.acme.example/mug.png");
    // Until it is kept, the page shows the items without pictures.
    assert!(thumbnails(&app, &order_link(&res.json())).await.is_empty());
}

/// Thumbnails in a real browser: loaded from wismo, 48 px beside a long name, at phone and
/// desktop width, with nothing scrolling sideways.
#[tokio::test]
async fn thumbnails_sit_beside_their_items_on_a_phone_and_a_desktop() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let Some(browser) = crate::browser::browser().await else {
        return;
    };
    let base = crate::browser::serve(&app).await;
    let url = "https://cdn.acme.example/mug.png";
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "#7061",
                "customer": { "email": "ana@example.com" },
                "items": [
                    { "name": "Hand-thrown stoneware espresso cup with a saucer, speckled glaze", "quantity": 2, "image_url": url },
                    { "name": "Beans", "quantity": 1 },
                ],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    // The fetch, done: the thumbnail of a real picture, kept.
    let kept = wismo_server::item_image::thumbnail(&encoded(640, 480, ImageFormat::Png)).unwrap();
    let key = wismo_store::item_image_key(app.store_id, url);
    app.store
        .keep_item_image(app.store_id, &key, &kept)
        .await
        .unwrap();
    let page = format!(
        "{base}{}",
        res.json()["order_url"]
            .as_str()
            .unwrap()
            .strip_prefix(crate::harness::PUBLIC_URL)
            .unwrap()
    );
    let c = &browser.client;
    for (size, (width, height)) in [("phone", (390, 844)), ("desktop", (1280, 900))] {
        c.set_window_size(width, height).await.unwrap();
        c.goto(&page).await.unwrap();
        // Lazy: it loads once scrolled near.
        let found = c
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 const img = document.querySelector('.items img'); img.scrollIntoView(); \
                 const loaded = img.complete ? Promise.resolve() \
                   : new Promise(r => { img.onload = r; img.onerror = r; }); \
                 loaded.then(() => { const name = img.nextElementSibling.getBoundingClientRect(); \
                 const box = img.getBoundingClientRect(); \
                 return [img.complete && img.naturalWidth > 0, box.width, box.height, \
                         name.left >= box.right, \
                         document.documentElement.scrollWidth - document.documentElement.clientWidth, \
                         document.querySelectorAll('.items img').length]; }).then(done);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(found, json!([true, 48, 48, true, 0, 1]), "{size}");
        crate::browser::assert_accessible(c, &format!("thumbnails at {size}")).await;
        crate::browser::save_screenshot(c, &format!("item-thumbnails-{size}")).await;
    }
    browser.close().await;
}

/// Sets the order's items to pictures at `urls` under the store, as an order written before
/// thumbnails were kept (migration 0023) has them: no picture row, no fetch queued.
async fn written_before_thumbnails(app: &TestApp, order: &Value, urls: &[String]) {
    let items: Vec<Value> = urls
        .iter()
        .enumerate()
        .map(|(i, url)| json!({ "name": format!("Item {i}"), "quantity": 1, "image_url": url }))
        .collect();
    let items = Value::Array(items).to_string();
    let id = order["id"].as_i64().unwrap();
    if app.url.starts_with("postgres") {
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&app.url)
            .await
            .unwrap();
        sqlx::query("UPDATE orders SET items = $1::jsonb WHERE id = $2")
            .bind(&items)
            .bind(id)
            .execute(&mut conn)
            .await
            .unwrap();
    } else {
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&app.url)
            .await
            .unwrap();
        sqlx::query("UPDATE orders SET items = ?1 WHERE id = ?2")
            .bind(&items)
            .bind(id)
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

async fn an_older_orders_pictures_are_queued_when_its_page_is_viewed_once_each_and_a_few_at_a_time(
    db: Db,
) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    let order = app.order("#7031", &["1Z999AA10123456784"]).await;
    let (mug, broken) = (merchant.url("/mug.png"), merchant.url("/page"));
    written_before_thumbnails(&app, &order, &[mug.clone(), broken.clone()]).await;
    assert!(
        image_jobs(&app, None).await.is_empty(),
        "nothing queued yet"
    );
    let queued = || async { image_jobs(&app, Some(JobState::Queued)).await.len() };

    // Viewing the page queues the fetch of each picture, and a second view nothing more.
    let path = order_link(&order);
    assert!(thumbnails(&app, &path).await.is_empty());
    assert_eq!(queued().await, 2);
    app.get(&path).await;
    assert_eq!(queued().await, 2);

    // The good picture is kept and shown; the broken one is recorded and not fetched again.
    let ran = run_jobs(&app, true).await;
    assert_eq!((ran.succeeded, ran.dead), (1, 1));
    let shown = thumbnails(&app, &path).await;
    assert_eq!(shown.len(), 1, "{shown:?}");
    let hits = merchant.hits();
    app.get(&path).await;
    assert_eq!(queued().await, 0, "a failed fetch is not queued again");
    assert_eq!(run_jobs(&app, true).await.succeeded, 0);
    assert_eq!(merchant.hits(), hits);
    assert_eq!(failures_recorded(&app).await, 1);

    // A long order's pictures are queued a few per view; each kept thumbnail renders the
    // page again, and that view queues the rest.
    let other = app.order("#7032", &["1Z999AA10123456784"]).await;
    let many: Vec<String> = (0..25)
        .map(|i| merchant.url(&format!("/mug.png?v={i}")))
        .collect();
    written_before_thumbnails(&app, &other, &many).await;
    let path = order_link(&other);
    app.get(&path).await;
    assert_eq!(queued().await, 20);
    assert_eq!(run_jobs(&app, true).await.succeeded, 20);
    assert_eq!(thumbnails(&app, &path).await.len(), 20);
    assert_eq!(queued().await, 5);
    assert_eq!(run_jobs(&app, true).await.succeeded, 5);
    assert_eq!(thumbnails(&app, &path).await.len(), 25);
}
