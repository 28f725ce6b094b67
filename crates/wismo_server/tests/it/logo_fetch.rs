//! A logo URL in a store's branding: fetched by a job through the outbound guard, kept as
//! the store's logo exactly as an upload is, and never put in a page.

use axum::Router;
use axum::http::{StatusCode, header};
use axum::routing::get;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use wismo_domain::{Clock, ManualClock};
use wismo_server::jobs::{self, BackgroundJob, FetchLogo, JobContext, Ran};
use wismo_server::outbound::Outbound;
use wismo_store::{Job, JobState};

use crate::harness::{Db, TestApp, link, test_now};

crate::on_both_backends!(
    a_logo_url_is_fetched_and_served_by_wismo_when_private_addresses_are_allowed,
    a_logo_on_a_loopback_address_is_refused_and_the_refusal_is_kept,
    an_answer_that_is_not_an_image_or_too_large_is_refused_and_a_busy_server_retried,
    setting_a_logo_url_queues_its_fetch_and_the_page_never_shows_the_url,
    stores_with_a_logo_url_never_fetched_get_a_fetch_queued,
);

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-a-tiny-logo";

/// A merchant's server on loopback; counts the requests it answers.
struct Merchant {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
}

impl Merchant {
    async fn start() -> Merchant {
        let hits = Arc::new(AtomicUsize::new(0));
        let counted = hits.clone();
        let app = Router::new()
            // The header says text: the bytes are what count.
            .route(
                "/logo.png",
                get(|| async { ([(header::CONTENT_TYPE, "text/plain")], PNG) }),
            )
            .route(
                "/page",
                get(|| async {
                    (
                        [(header::CONTENT_TYPE, "image/png")],
                        "<html><script>alert(1)</script></html>",
                    )
                }),
            )
            .route(
                "/big.png",
                get(|| async {
                    let mut big = PNG.to_vec();
                    big.resize(300 * 1024, 0);
                    ([(header::CONTENT_TYPE, "image/png")], big)
                }),
            )
            .route("/gone.png", get(|| async { StatusCode::NOT_FOUND }))
            .route(
                "/busy.png",
                get(|| async { StatusCode::SERVICE_UNAVAILABLE }),
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

/// Sets the store's logo URL as given (the store, not the API: the API takes only https)
/// and queues its fetch in the same write.
async fn set_logo_url(app: &TestApp, url: &str) {
    let mut branding = app.store.get_store(app.store_id).await.unwrap().branding;
    branding.logo_url = Some(url.to_owned());
    let job = FetchLogo {
        store: app.store_id.0,
        url: url.to_owned(),
    };
    app.store
        .update_branding(
            app.store_id,
            &branding,
            &[job.to_new_job(test_now()).unwrap()],
        )
        .await
        .unwrap();
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

async fn fetch_jobs(app: &TestApp, state: JobState) -> Vec<Job> {
    let jobs = app.store.list_jobs(Some(state), 100).await.unwrap();
    jobs.into_iter()
        .filter(|j| j.name == "fetch_logo")
        .collect()
}

async fn a_logo_url_is_fetched_and_served_by_wismo_when_private_addresses_are_allowed(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    set_logo_url(&app, &merchant.url("/logo.png")).await;
    assert_eq!(app.get("/acme/logo").await.status, StatusCode::NOT_FOUND);

    assert_eq!(run_jobs(&app, true).await.succeeded, 1);
    let served = app.get("/acme/logo").await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header("content-type"), "image/png");
    let kept = app.store.store_logo("acme").await.unwrap().unwrap();
    assert_eq!(
        (kept.content_type.as_str(), kept.bytes.as_slice()),
        ("image/png", PNG)
    );
    assert_eq!(served.header("content-length"), PNG.len().to_string());
    assert_eq!(fetch_jobs(&app, JobState::Done).await.len(), 1);

    let store = app.get("/api/v1/store").await.json();
    assert!(
        store["logo_url"]
            .as_str()
            .unwrap()
            .contains("/acme/logo?v="),
        "{store}"
    );
    let order = app.order("#7001", &["1Z999AA10123456784"]).await;
    let page = app.get(&link(&order["shipments"][0])).await;
    assert!(
        page.text
            .contains("<img class=\"logo\" src=\"/acme/logo?v="),
        "{}",
        page.text
    );
    assert!(!page.text.contains("localhost:"), "{}", page.text);
}

async fn a_logo_on_a_loopback_address_is_refused_and_the_refusal_is_kept(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    // A name (resolved, then refused by the resolver) and an IP literal (refused before
    // any request).
    set_logo_url(&app, &merchant.url("/logo.png")).await;
    assert_eq!(run_jobs(&app, false).await.dead, 1);
    let literal = format!("http://127.0.0.1:{}/logo.png", merchant.addr.port());
    set_logo_url(&app, &literal).await;
    assert_eq!(run_jobs(&app, false).await.dead, 1);

    assert_eq!(merchant.hits(), 0, "nothing reached the loopback server");
    let dead = fetch_jobs(&app, JobState::Dead).await;
    assert_eq!(dead.len(), 2);
    for job in &dead {
        let error = job.last_error.as_deref().unwrap();
        assert!(
            error.contains("127.0.0.1") || error.contains("::1"),
            "{error}"
        );
        assert!(error.contains("is not a public address"), "{error}");
        assert_eq!(job.attempts, 1, "a refusal is not retried");
    }
    assert_eq!(app.get("/acme/logo").await.status, StatusCode::NOT_FOUND);
}

async fn an_answer_that_is_not_an_image_or_too_large_is_refused_and_a_busy_server_retried(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let merchant = Merchant::start().await;
    for (path, reason) in [
        ("/page", "is not a PNG, JPEG, WebP or GIF image"),
        ("/big.png", "larger than 262144 bytes"),
        ("/gone.png", "answered 404 Not Found"),
    ] {
        set_logo_url(&app, &merchant.url(path)).await;
        let ran = run_jobs(&app, true).await;
        assert_eq!((ran.succeeded, ran.dead), (0, 1), "{path}");
        let dead = fetch_jobs(&app, JobState::Dead).await;
        let job = dead
            .iter()
            .find(|j| j.payload["url"] == merchant.url(path))
            .unwrap();
        let error = job.last_error.as_deref().unwrap();
        assert!(error.contains(reason), "{path}: {error}");
    }
    assert_eq!(app.get("/acme/logo").await.status, StatusCode::NOT_FOUND);

    set_logo_url(&app, &merchant.url("/busy.png")).await;
    assert_eq!(run_jobs(&app, true).await.retried, 1);
    let queued = fetch_jobs(&app, JobState::Queued).await;
    assert_eq!(queued.len(), 1);
    assert!(queued[0].run_at > test_now(), "retried later");
    assert!(
        queued[0]
            .last_error
            .as_deref()
            .unwrap()
            .contains("answered 503 Service Unavailable")
    );
}

async fn setting_a_logo_url_queues_its_fetch_and_the_page_never_shows_the_url(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let url = "https://cdn.third-party.example/acme/logo.png";
    for _ in 0..2 {
        let res = app
            .request(
                axum::http::Method::PUT,
                "/api/v1/store/branding",
                Some(&app.key),
                Some(&json!({ "logo_url": url, "primary_color": "#1a56db" })),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        assert_eq!(res.json()["logo_url"], serde_json::Value::Null);
        assert_eq!(res.json()["branding"]["logo_url"], url);
    }
    let queued = fetch_jobs(&app, JobState::Queued).await;
    assert_eq!(queued.len(), 1, "one fetch however often it is set");
    assert_eq!(
        queued[0].payload,
        json!({ "store": app.store_id.0, "url": url })
    );

    let order = app.order("#7002", &["1Z999AA10123456784"]).await;
    let path = link(&order["shipments"][0]);
    for path in [path.clone(), format!("{path}.json")] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.text.contains("third-party"), "{}", page.text);
    }
    assert!(
        app.get(&path)
            .await
            .text
            .contains("<p class=\"store\" dir=\"auto\">Acme Coffee</p>")
    );
}

async fn stores_with_a_logo_url_never_fetched_get_a_fetch_queued(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let clock = ManualClock::new(test_now());
    // As an earlier wismo left it: a URL, nothing fetched, no job.
    let mut branding = app.store.get_store(app.store_id).await.unwrap().branding;
    branding.logo_url = Some("https://cdn.example/logo.png".into());
    app.store
        .update_branding(app.store_id, &branding, &[])
        .await
        .unwrap();
    assert_eq!(
        FetchLogo::queue_missing(app.store.as_ref(), &clock)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        FetchLogo::queue_missing(app.store.as_ref(), &clock)
            .await
            .unwrap(),
        0,
        "queued once"
    );
    // A fetch that died is left for an operator, not tried again at every start.
    let claimed = app
        .store
        .claim_jobs(jobs::FETCH, "test", chrono::Duration::minutes(1), 1)
        .await
        .unwrap();
    assert!(
        app.store
            .fail_job(
                &claimed[0].lease,
                "cdn.example answered 404 Not Found",
                None
            )
            .await
            .unwrap()
    );
    assert_eq!(
        FetchLogo::queue_missing(app.store.as_ref(), &clock)
            .await
            .unwrap(),
        0
    );
    app.store.remove_job(claimed[0].id).await.unwrap();
    assert_eq!(
        FetchLogo::queue_missing(app.store.as_ref(), &clock)
            .await
            .unwrap(),
        1,
        "queued again once the dead one is removed"
    );
    app.store
        .remove_job(fetch_jobs(&app, JobState::Queued).await[0].id)
        .await
        .unwrap();

    // A logo already kept (uploaded) stays as it is.
    let logo = wismo_server::logo::store_logo("image/png", PNG.to_vec());
    app.store.set_store_logo(app.store_id, &logo).await.unwrap();
    assert_eq!(
        FetchLogo::queue_missing(app.store.as_ref(), &clock)
            .await
            .unwrap(),
        0
    );
}
