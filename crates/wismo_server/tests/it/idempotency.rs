//! `Idempotency-Key`: the response is kept in the transaction of the change it answers, so
//! a failed write changes nothing, a retry after a crash gets the first answer, two
//! requests with one key create once, and a secret shown once is never kept in plaintext.

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::Json;
use axum::routing::post;
use axum::{Extension, Router, middleware};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt as _;
use wismo_domain::{Clock, NewOrder, Order, SystemClock};
use wismo_server::http::auth::{self, ApiCaller};
use wismo_server::http::idempotency::{self, IdempotencyKey};
use wismo_server::http::problem::ApiError;
use wismo_server::state::Core;

use crate::harness::{Db, Response, TEST_SECRET_KEY, TestApp, api_key, database, new_store};

crate::on_both_backends!(
    every_post_that_changes_something_replays_its_first_response,
    a_failed_idempotency_write_commits_nothing_and_the_retry_with_the_key_creates,
    concurrent_first_uses_of_one_key_create_one_order,
    a_response_with_a_one_time_secret_is_kept_sealed_not_in_plaintext,
    killed_servers_answer_every_retried_create_with_its_first_order,
);

fn keyed(app: &TestApp, path: &str, key: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header("authorization", format!("Bearer {}", app.key))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn order_body(n: usize) -> Value {
    json!({ "order_number": format!("#{n}"), "customer": { "name": "Ana" }, "shipments": [{ "tracking_number": format!("1Z999AA1{n:08}") }] })
}

async fn every_post_that_changes_something_replays_its_first_response(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#1", &["1Z999AA10123456784"]).await;
    let (order_id, shipment_id) = (&order["id"], &order["shipments"][0]["id"]);
    let scan = json!({ "stage": "in_transit", "description": "Departed the hub", "occurred_at": "2026-03-02T10:00:00Z" });
    let posts = [
        ("/api/v1/orders".to_owned(), order_body(2)),
        (
            format!("/api/v1/orders/{order_id}/shipments"),
            json!({ "tracking_number": "1Z999AA10123456785" }),
        ),
        (format!("/api/v1/shipments/{shipment_id}/events"), scan),
        (format!("/api/v1/shipments/{shipment_id}/token"), json!({})),
        (format!("/api/v1/orders/{order_id}/token"), json!({})),
        (
            "/api/v1/customers/erase".to_owned(),
            json!({ "email": "nobody@example.com" }),
        ),
    ];
    for (path, body) in &posts {
        let first = app.send(keyed(&app, path, path, body)).await;
        assert!(first.status.is_success(), "{path}: {}", first.text);
        assert_eq!(first.header("idempotent-replayed"), "", "{path}");
        let again = app.send(keyed(&app, path, path, body)).await;
        assert_eq!(again.status, first.status, "{path}");
        assert_eq!(again.header("idempotent-replayed"), "true", "{path}");
        assert_eq!(again.json(), first.json(), "{path}");
    }
    // Each replay changed nothing: two orders, two shipments on the first, one event, and
    // the links of the first answers still work.
    let orders = app.get("/api/v1/orders").await.json();
    assert_eq!(orders["data"].as_array().unwrap().len(), 2, "{orders}");
    let first = app.get(&format!("/api/v1/orders/{order_id}")).await.json();
    assert_eq!(first["shipments"].as_array().unwrap().len(), 2, "{first}");
    let shipment = app
        .get(&format!("/api/v1/shipments/{shipment_id}"))
        .await
        .json();
    assert_eq!(
        shipment["events"].as_array().unwrap().len(),
        1,
        "{shipment}"
    );
    let reissued = app
        .send(keyed(&app, &posts[3].0, &posts[3].0, &posts[3].1))
        .await
        .json();
    assert_eq!(shipment["tracking_url"], reissued["tracking_url"]);
}

/// Makes every write of an idempotency record fail, or lets them through again.
async fn break_idempotency_writes(app: &TestApp, db: Db, broken: bool) {
    use sqlx::Connection as _;
    let statements: &[&str] = match (db, broken) {
        (Db::Sqlite, true) => &[
            "CREATE TRIGGER idempotency_fails BEFORE INSERT ON idempotency_keys \
             BEGIN SELECT RAISE(ABORT, 'the disk is full'); END",
        ],
        (Db::Sqlite, false) | (Db::Postgres, false) => &["DROP TRIGGER idempotency_fails"],
        (Db::Postgres, true) => &[
            "CREATE FUNCTION idempotency_fails() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$",
            "CREATE TRIGGER idempotency_fails BEFORE INSERT ON idempotency_keys \
             FOR EACH ROW EXECUTE FUNCTION idempotency_fails()",
        ],
    };
    let statements: Vec<String> = statements
        .iter()
        .map(|s| match (db, broken) {
            (Db::Postgres, false) => format!("{s} ON idempotency_keys"),
            _ => (*s).to_owned(),
        })
        .collect();
    match db {
        Db::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&app.url).await.unwrap();
            for s in statements {
                sqlx::raw_sql(sqlx::AssertSqlSafe(s))
                    .execute(&mut conn)
                    .await
                    .unwrap();
            }
        }
        Db::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&app.url).await.unwrap();
            for s in statements {
                sqlx::raw_sql(sqlx::AssertSqlSafe(s))
                    .execute(&mut conn)
                    .await
                    .unwrap();
            }
        }
    }
}

async fn a_failed_idempotency_write_commits_nothing_and_the_retry_with_the_key_creates(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let body = order_body(7001);
    break_idempotency_writes(&app, db, true).await;
    let failed = app.send(keyed(&app, "/api/v1/orders", "k-1", &body)).await;
    assert!(failed.status.is_server_error(), "{}", failed.text);
    let orders = app.get("/api/v1/orders").await.json();
    assert_eq!(
        orders["data"].as_array().unwrap().len(),
        0,
        "an order whose answer was not kept is not committed: {orders}"
    );

    break_idempotency_writes(&app, db, false).await;
    let created = app.send(keyed(&app, "/api/v1/orders", "k-1", &body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.header("idempotent-replayed"), "");
    let again = app.send(keyed(&app, "/api/v1/orders", "k-1", &body)).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    assert_eq!(again.json()["id"], created.json()["id"]);
}

async fn concurrent_first_uses_of_one_key_create_one_order(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let app = Arc::new(app);
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..12 {
        for _ in 0..2 {
            let app = app.clone();
            tasks.spawn(async move {
                let req = keyed(&app, "/api/v1/orders", &format!("k-{n}"), &order_body(n));
                (n, app.send(req).await)
            });
        }
    }
    let mut answers: HashMap<usize, Vec<Response>> = HashMap::new();
    while let Some(done) = tasks.join_next().await {
        let (n, res) = done.unwrap();
        answers.entry(n).or_default().push(res);
    }
    for (n, pair) in &answers {
        for res in pair {
            if res.status == StatusCode::CONFLICT {
                // Only ever the clear "in progress" problem, never "the order exists".
                let problem = res.problem(StatusCode::CONFLICT);
                assert_eq!(
                    problem["type"], "/problems/idempotency-key-in-use",
                    "{problem}"
                );
            } else {
                assert_eq!(res.status, StatusCode::CREATED, "#{n}: {}", res.text);
            }
        }
        let created: Vec<Value> = pair
            .iter()
            .filter(|r| r.status == StatusCode::CREATED)
            .map(|r| r.json()["id"].clone())
            .collect();
        assert!(!created.is_empty(), "#{n}: no answer created it");
        assert!(
            created.iter().all(|id| *id == created[0]),
            "#{n}: {created:?}"
        );
    }
    let orders = app.get("/api/v1/orders?limit=200").await.json();
    assert_eq!(orders["data"].as_array().unwrap().len(), 12, "{orders}");
}

/// A route that answers with a secret shown only once, as creating a webhook will: it
/// creates an order and returns a secret made for it.
async fn issue_secret(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    key: IdempotencyKey,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let secret = format!("whsec_{:032x}", rand::random::<u128>());
    let new = NewOrder::parse(
        wismo_domain::OrderInput {
            order_number: format!("#{}", rand::random::<u32>()),
            ..Default::default()
        },
        state.clock.now(),
    )?;
    let respond = |order: &Order| {
        (
            StatusCode::CREATED,
            json!({ "id": order.id.0, "secret": secret }),
        )
    };
    let order = state
        .store
        .create_order_keyed(
            caller.store,
            &new,
            key.record_secret(&state.secrets, respond).as_ref(),
        )
        .await?;
    let (status, view) = respond(&order);
    Ok((status, Json(view)))
}

fn secret_router(state: wismo_server::AppState) -> Router {
    Router::new()
        .route("/api/v1/secrets", post(issue_secret))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::idempotent_posts,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_api_key,
        ))
        .with_state(state)
}

async fn a_response_with_a_one_time_secret_is_kept_sealed_not_in_plaintext(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let router = secret_router(app.state.clone());
    let send = |router: Router, key: &str| {
        let req = keyed(&app, "/api/v1/secrets", key, &json!({}));
        async move {
            let res = router.oneshot(req).await.unwrap();
            let status = res.status();
            let bytes = http_body_util::BodyExt::collect(res.into_body())
                .await
                .unwrap()
                .to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    let (status, first) = send(router.clone(), "s-1").await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let first: Value = serde_json::from_str(&first).unwrap();
    let secret = first["secret"].as_str().unwrap().to_owned();

    let kept = app
        .store
        .idempotent_response(app.store_id, "s-1")
        .await
        .unwrap()
        .expect("the response is kept");
    assert!(
        !kept.body.contains(&secret),
        "kept in plaintext: {}",
        kept.body
    );
    assert!(kept.body.starts_with("wsk1:"), "not sealed: {}", kept.body);

    // The retry gets the first answer, secret and all.
    let (status, again) = send(router.clone(), "s-1").await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(serde_json::from_str::<Value>(&again).unwrap(), first);

    // A server with another key cannot open it, and says so.
    let mut other = app.state.clone();
    other.core = wismo_server::state::Core::new(wismo_server::state::CoreParts {
        secrets: wismo_server::secrets::SecretBox::new(&[9u8; 32]).unwrap(),
        store: other.store.clone(),
        config: other.config.clone(),
        texts: other.texts.clone(),
        clock: other.clock.clone(),
        ingest: other.ingest.clone(),
        promises: other.promises.clone(),
    });
    let (status, problem) = send(secret_router(other), "s-1").await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert!(problem.contains("secret shown only once"), "{problem}");
}

/// A `wismo serve` process, killed when dropped so a failing test leaves none behind.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

async fn serve(url: &str, addr: &str) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["--database-url", url, "--listen", addr, "serve"])
        .env("WISMO_SECRET_KEY", TEST_SECRET_KEY)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn wismo serve");
    let server = Server(child);
    let client = wismo_carriers::adapters::client(Duration::from_secs(5));
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while client
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .is_err()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "wismo serve did not come up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server
}

type Answer = (usize, Result<(StatusCode, Value), String>);

/// Creates orders `0..n` with their keys, `in_flight` at a time, until `stop_after`
/// answers came back; returns those answers (status and body, by order) and the requests
/// still in flight.
async fn create_orders(
    addr: &str,
    key: &str,
    n: usize,
    in_flight: usize,
    stop_after: usize,
) -> (Vec<Answer>, tokio::task::JoinSet<Answer>) {
    let client = wismo_carriers::adapters::client(Duration::from_secs(30));
    let mut tasks = tokio::task::JoinSet::new();
    let mut answers = Vec::new();
    let mut next = 0;
    while answers.len() < stop_after.min(n) {
        while next < n && tasks.len() < in_flight {
            let (client, url, key) = (
                client.clone(),
                format!("http://{addr}/api/v1/orders"),
                key.to_owned(),
            );
            let i = next;
            tasks.spawn(async move {
                let res = client
                    .post(url)
                    .bearer_auth(key)
                    .header("idempotency-key", format!("order-{i}"))
                    .json(
                        &json!({ "order_number": format!("#{i}"), "customer": { "name": "Ana" } }),
                    )
                    .send()
                    .await;
                let answer = match res {
                    Ok(res) => {
                        let status = res.status();
                        let body = res.json::<Value>().await.unwrap_or(Value::Null);
                        Ok((status, body))
                    }
                    Err(e) => Err(e.to_string()),
                };
                (i, answer)
            });
            next += 1;
        }
        match tasks.join_next().await {
            Some(done) => answers.push(done.unwrap()),
            None => break,
        }
    }
    (answers, tasks)
}

async fn killed_servers_answer_every_retried_create_with_its_first_order(db: Db) {
    let Some((url, _cleanup)) = database(db).await else {
        return;
    };
    const ORDERS: usize = 120;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&url, clock).await.unwrap();
    let tenant = store
        .create_store(&new_store("acme", "Acme"))
        .await
        .unwrap();
    let key = api_key(store.as_ref(), tenant.id).await;
    let addr = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().to_string()
    };

    // The first answer for each order's key: its order id.
    let mut first: HashMap<usize, Value> = HashMap::new();
    let mut check = |answers: Vec<Answer>, all: bool| {
        for (i, answer) in answers {
            let (status, body) = match answer {
                Ok(answer) => answer,
                // Cut off by the kill: retried later.
                Err(_) if !all => continue,
                Err(e) => panic!("order {i}: {e}"),
            };
            assert_eq!(status, StatusCode::CREATED, "order {i}: {body}");
            let id = body["id"].clone();
            assert!(id.is_i64(), "order {i}: {body}");
            assert_eq!(
                first.entry(i).or_insert_with(|| id.clone()),
                &id,
                "order {i}"
            );
        }
    };

    // Kill the server in the middle of the creates, again and again, on the same database.
    for (round, stop_after) in [(0, 15), (1, 40), (2, 65), (3, 90), (4, 110)] {
        let mut server = serve(&url, &addr).await;
        let (answers, in_flight) = create_orders(&addr, &key, ORDERS, 12, stop_after).await;
        server.0.kill().unwrap(); // SIGKILL, with 12 creates in flight
        server.0.wait().unwrap();
        assert_eq!(answers.len(), stop_after, "round {round}");
        check(answers, false);
        check(in_flight.join_all().await, false);
    }
    // Then every create is retried with its key.
    let server = serve(&url, &addr).await;
    let (answers, _) = create_orders(&addr, &key, ORDERS, 12, ORDERS).await;
    assert_eq!(answers.len(), ORDERS);
    check(answers, true);
    drop(server);

    let mut orders = Vec::new();
    let mut before = None;
    loop {
        let page = store.list_orders(tenant.id, before, 100).await.unwrap();
        let Some(last) = page.last() else { break };
        before = Some(last.id);
        orders.extend(page);
    }
    assert_eq!(orders.len(), ORDERS, "one order per key, none twice");
    for order in &orders {
        let n: usize = order.order_number.as_str()[1..].parse().unwrap();
        assert_eq!(first[&n], json!(order.id.0), "order #{n}");
    }
}
