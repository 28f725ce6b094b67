//! CSV imports of orders: through the API and its job on both backends, and through
//! `wismo import orders` (exit codes, summary, all or nothing).

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;
use wismo_domain::Clock as _;
use wismo_domain::notify::Channel;
use wismo_server::jobs::{ImportOrders, JobContext, Runner};
use wismo_server::outbound::Outbound;
use wismo_store::imports::NewImport;

use crate::cli::{temp_db, wismo};
use crate::harness::{Db, TestApp, test_secrets, testdata};
use crate::on_both_backends;

const HEADER: &str = "order_number,customer_name,email,phone,locale,city,region,postal_code,country,carrier,tracking_number,items";

async fn upload(app: &TestApp, key: &str, query: &str, csv: &str) -> crate::harness::Response {
    let req = Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/imports{query}"))
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", "text/csv; charset=utf-8")
        .body(Body::from(csv.to_owned()))
        .expect("request");
    app.send(req).await
}

/// Uploads `csv`, runs the import's job and returns the import as the API shows it.
async fn import(app: &TestApp, query: &str, csv: &str) -> Value {
    let res = upload(app, &app.key, query, csv).await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    let queued = res.json();
    assert_eq!(queued["status"], "queued");
    let path = format!("/api/v1/imports/{}", queued["id"]);
    assert_eq!(res.header("location"), path);
    assert_eq!(
        queued["url"],
        format!("{}{path}", crate::harness::PUBLIC_URL)
    );
    let ran = runner(app).run_pending().await.expect("jobs ran");
    assert_eq!(ran.total(), 1);
    let import = app.get(&path).await;
    assert_eq!(import.status, StatusCode::OK, "{}", import.text);
    import.json()
}

fn runner(app: &TestApp) -> Runner {
    Runner::new(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound: Outbound::default(),
        notify: None,
        secrets: test_secrets(),
        public_url: String::new(),
    })
    .register::<ImportOrders>()
}

async fn orders(app: &TestApp) -> Vec<Value> {
    let page = app.get("/api/v1/orders?limit=200").await.json();
    let mut orders = page["data"].as_array().cloned().unwrap_or_default();
    orders.reverse();
    orders
}

fn tracking(order: &Value) -> Vec<&str> {
    order["shipments"]
        .as_array()
        .map(|s| {
            s.iter()
                .filter_map(|s| s["tracking_number"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

async fn a_file_imports_again_creates_nothing_and_a_changed_row_updates(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    // A customer who opted out stays out, as with an order created alone.
    app.store
        .set_opt_out(app.store_id, "ana@example.com", &[Channel::Email], true)
        .await
        .unwrap();
    let sample = std::fs::read_to_string(testdata("orders_sample.csv")).expect("sample");
    let first = import(&app, "", &sample).await;
    assert_eq!(first["status"], "done", "{first}");
    assert_eq!(
        (
            first["rows_total"].as_u64(),
            first["rows_processed"].as_u64()
        ),
        (Some(5), Some(5))
    );
    assert_eq!(first["counts"]["orders_created"], 4);
    assert_eq!(first["counts"]["shipments_created"], 4);
    assert_eq!(first["report"]["rows_imported"], 5);
    let listed = orders(&app).await;
    assert_eq!(listed.len(), 4);
    let by_number = |n: &str| {
        listed
            .iter()
            .find(|o| o["order_number"] == n)
            .cloned()
            .unwrap_or_else(|| panic!("order {n}"))
    };
    assert_eq!(by_number("#1001")["customer"]["consent"]["email"], false);
    assert_eq!(by_number("#1002")["customer"]["consent"]["email"], true);
    let two = by_number("#1004");
    assert_eq!(tracking(&two), ["123456789012", "9400111899223197428490"]);
    assert!(
        two["order_url"]
            .as_str()
            .unwrap()
            .starts_with(crate::harness::PUBLIC_URL)
    );
    let unshipped = by_number("#1003");
    assert_eq!(
        tracking(&unshipped),
        Vec::<&str>::new(),
        "no tracking number: not shipped"
    );
    assert_eq!(unshipped["items"][0]["quantity"], 2);
    assert_eq!(unshipped["source"], "import");
    assert_eq!(unshipped["stage"], "ordered");
    // An imported order is old news: no confirmation.
    let told = app
        .get(&format!("/api/v1/orders/{}/notifications", unshipped["id"]))
        .await
        .json();
    assert_eq!(told["items"], serde_json::json!([]), "{told}");
    let filter = by_number("#1002");
    assert_eq!(filter["items"][0]["name"], "Filter papers, 100");
    assert_eq!(filter["items"][0]["quantity"], 3);

    let again = import(&app, "", &sample).await;
    assert_eq!(again["counts"]["orders_created"], 0);
    assert_eq!(again["counts"]["orders_unchanged"], 4);
    assert_eq!(again["counts"]["shipments_created"], 0);
    assert_eq!(
        orders(&app).await,
        listed,
        "a second import changes nothing"
    );

    // #1001 moves and ships a second parcel; #1003 ships; #1004's first parcel is UPS's;
    // a blank cell keeps the value.
    let changed = format!(
        "{HEADER}\n\
         #1001,,,,,Salem,OR,97301,US,ups,1Z999AA10123456784,\n\
         1001,,,,,,,,,,1Z999AA10123456795,\n\
         #1003,,,,,,,,,usps,9400111899223197428490,\n\
         #1004,,,,,,,,,ups,123456789012,\n"
    );
    let updated = import(&app, "", &changed).await;
    assert_eq!(updated["counts"]["orders_updated"], 3, "{updated}");
    assert_eq!(updated["counts"]["shipments_created"], 2);
    assert_eq!(updated["counts"]["shipments_updated"], 1, "#1004's carrier");
    let now = orders(&app).await;
    let one = now.iter().find(|o| o["order_number"] == "#1001").unwrap();
    assert_eq!(one["destination"]["city"], "Salem");
    assert_eq!(
        one["customer"]["name"], "Ana Lima",
        "a blank cell keeps what is stored"
    );
    assert_eq!(one["items"].as_array().map(Vec::len), Some(2), "{one}");
    assert_eq!(tracking(one), ["1Z999AA10123456784", "1Z999AA10123456795"]);
    let three = now.iter().find(|o| o["order_number"] == "#1003").unwrap();
    assert_eq!(tracking(three), ["9400111899223197428490"]);
    let four = now.iter().find(|o| o["order_number"] == "#1004").unwrap();
    assert_eq!(four["shipments"][0]["carrier"], "ups");
    assert_eq!(four["shipments"][1]["carrier"], "usps");
}

async fn bad_rows_import_nothing_unless_skipped(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let csv = format!(
        "{HEADER}\n\
         A-1,Ana,ana@example.com,,,,,,US,ups,1Z999AA10123456784,Mug x 2\n\
         A-2,Bo,not-an-email,,,,,,US,,,Mug\n\
         A-3,Cy,,,,,,,USA,,,Mug x 0\n\
         A-1,Ana,ana@example.com,,,,,,US,ups,1Z999AA10123456784,Mug x 2\n\
         A-4,Di,,,,,,,,,,Tea\n"
    );
    let failed = import(&app, "", &csv).await;
    assert_eq!(failed["status"], "failed", "{failed}");
    assert_eq!(failed["counts"], Value::Null);
    let report = &failed["report"];
    assert_eq!(
        (
            report["rows_total"].as_u64(),
            report["rows_imported"].as_u64()
        ),
        (Some(5), Some(0))
    );
    let errors: Vec<(u64, &str)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["column"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            (3, "email"),
            (4, "items"),
            (4, "country"),
            (5, "tracking_number")
        ]
    );
    assert!(orders(&app).await.is_empty(), "nothing is imported");

    let skipped = import(&app, "?skip_invalid=true", &csv).await;
    assert_eq!(skipped["status"], "done", "{skipped}");
    assert_eq!(skipped["report"]["rows_imported"], 2);
    assert_eq!(skipped["report"]["rows_skipped"], 3);
    assert_eq!(skipped["report"]["errors_total"], 4);
    let numbers: Vec<_> = orders(&app)
        .await
        .iter()
        .map(|o| o["order_number"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(numbers, ["A-1", "A-4"]);

    let unusable = import(&app, "", "order_number,Email\n1,a@b.co\n").await;
    assert_eq!(unusable["status"], "failed");
    assert_eq!(unusable["report"]["errors"][0]["column"], "Email");
}

async fn the_api_limits_isolates_and_replays_imports(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let csv = format!("{HEADER}\nB-1,,,,,,,,,,,Mug\n");
    let too_large = "x".repeat(20 * 1024 * 1024 + 1);
    upload(&app, &app.key, "", &too_large)
        .await
        .problem(StatusCode::PAYLOAD_TOO_LARGE);
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/imports")
        .header("authorization", format!("Bearer {}", app.key))
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    app.send(req)
        .await
        .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let anonymous = app
        .request(Method::GET, "/api/v1/imports/1", None, None)
        .await;
    anonymous.problem(StatusCode::UNAUTHORIZED);

    // The same Idempotency-Key gets the same import; with another file, a 422.
    let keyed = |body: String| {
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/imports")
            .header("authorization", format!("Bearer {}", app.key))
            .header("content-type", "text/csv")
            .header("idempotency-key", "import-1")
            .body(Body::from(body))
            .unwrap()
    };
    let first = app.send(keyed(csv.clone())).await;
    assert_eq!(first.status, StatusCode::ACCEPTED, "{}", first.text);
    let again = app.send(keyed(csv.clone())).await;
    assert_eq!(again.json()["id"], first.json()["id"]);
    app.send(keyed(format!("{csv}B-2,,,,,,,,,,,Tea\n")))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(runner(&app).run_pending().await.unwrap().total(), 1);

    let id = first.json()["id"].clone();
    let other = app.other_store_key().await;
    app.request(
        Method::GET,
        &format!("/api/v1/imports/{id}"),
        Some(&other),
        None,
    )
    .await
    .problem(StatusCode::NOT_FOUND);

    // A running import shows the rows its job wrote so far in this process.
    let running = app
        .store
        .create_import(
            app.store_id,
            &NewImport {
                body: csv.into_bytes(),
                skip_invalid: false,
                idempotency: None,
            },
            &|id| ImportOrders::for_import(id, app.clock.now()),
        )
        .await
        .unwrap();
    app.store
        .start_import(running.id)
        .await
        .unwrap()
        .expect("queued");
    app.store.set_import_rows(running.id, 10).await.unwrap();
    // The live counts are the process's, by import id, and this test's other backend (or
    // another test's import job) may have an import of the same id at the same moment: a
    // count ended by that one between setting it and reading it is set again.
    let live = wismo_server::imports::Live::get();
    let mut shown = serde_json::Value::Null;
    for _ in 0..20 {
        live.set(running.id, 7);
        shown = app
            .get(&format!("/api/v1/imports/{}", running.id))
            .await
            .json();
        if shown["rows_processed"].as_u64() == Some(7) {
            break;
        }
    }
    live.end(running.id);
    assert_eq!(shown["status"], "running");
    assert_eq!(
        (
            shown["rows_total"].as_u64(),
            shown["rows_processed"].as_u64()
        ),
        (Some(10), Some(7))
    );
}

/// A failure in a late batch leaves nothing of the earlier ones.
async fn a_write_that_fails_leaves_nothing_half_imported(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let mut csv = String::from("order_number,tracking_number\n");
    for i in 0..1200 {
        csv.push_str(&format!("N-{i},TRACK{i:06}\n"));
    }
    let file = wismo_domain::import::parse_csv(csv.as_bytes(), app.clock.now(), &mut |_| {});
    let mut new: Vec<_> = file.orders.into_iter().map(|o| o.order).collect();
    // The last order's parcel gets the first one's private-link token: the third batch
    // cannot be written.
    let token = new[0].shipments[0].token.clone();
    new[1199].shipments[0].token = token;
    let written = std::sync::Mutex::new(Vec::new());
    let failed = app
        .store
        .import_orders(app.store_id, &new, &|n| written.lock().unwrap().push(n))
        .await;
    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(
        *written.lock().unwrap(),
        [500, 1000],
        "two batches went through"
    );
    assert!(orders(&app).await.is_empty(), "and were rolled back");

    new[1199].shipments[0].token = wismo_domain::ShipmentToken::generate();
    let counts = app
        .store
        .import_orders(app.store_id, &new, &|_| {})
        .await
        .unwrap();
    assert_eq!(
        (counts.orders_created, counts.shipments_created),
        (1200, 1200)
    );
}

on_both_backends!(
    a_write_that_fails_leaves_nothing_half_imported,
    a_file_imports_again_creates_nothing_and_a_changed_row_updates,
    bad_rows_import_nothing_unless_skipped,
    the_api_limits_isolates_and_replays_imports,
);

fn run(url: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--database-url", url];
    all.extend(args);
    wismo().args(&all).output().expect("run wismo")
}

#[test]
fn the_import_command_exits_by_what_it_imported_and_prints_a_summary() {
    let (url, path) = temp_db();
    let dir = std::env::temp_dir();
    let bad = dir.join(format!("wismo-import-{:016x}.csv", rand::random::<u64>()));
    std::fs::write(
        &bad,
        format!("{HEADER}\r\nC-1,,,,,,,,,,,Mug\r\nC-2,,,,,,,,Germany,,,Mug\r\n"),
    )
    .unwrap();
    assert!(
        run(
            &url,
            &["store", "create", "--slug", "acme", "--name", "Acme"]
        )
        .status
        .success()
    );
    let sample = testdata("orders_sample.csv");
    let sample = sample.to_str().unwrap();

    let refused = run(
        &url,
        &["import", "orders", "--store", "acme", bad.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("line 3, column country: `GERMANY` is not a two-letter country code"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nothing imported: 1 row of 2 refused"),
        "{stderr}"
    );

    let skipped = run(
        &url,
        &[
            "import",
            "orders",
            "--store",
            "acme",
            "--skip-invalid",
            "--json",
            bad.to_str().unwrap(),
        ],
    );
    assert!(
        skipped.status.success(),
        "{}",
        String::from_utf8_lossy(&skipped.stderr)
    );
    let summary: Value = serde_json::from_slice(&skipped.stdout).unwrap();
    assert_eq!(
        summary["orders_created"], 1,
        "only C-1: nothing came of the refused run"
    );
    assert_eq!(summary["rows_skipped"], 1);
    assert_eq!(summary["errors"][0]["line"], 3);

    let first = run(&url, &["import", "orders", "--store", "acme", sample]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&first.stdout).trim(),
        "orders: 4 created, 0 updated, 0 unchanged; shipments: 4 created, 0 updated; rows: 5 imported, 0 skipped"
    );
    let again = run(&url, &["import", "orders", "--store", "acme", sample]);
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .starts_with("orders: 0 created, 0 updated, 4 unchanged")
    );
    assert!(again.stderr.is_empty(), "no progress bar off a terminal");

    let unknown = run(&url, &["import", "orders", "--store", "nope", sample]);
    assert!(!unknown.status.success());
    let _ = std::fs::remove_file(bad);
    let _ = std::fs::remove_file(path);
}
