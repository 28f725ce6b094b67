//! The isolation matrix. The router is built from one declarative table
//! (`wismo_server::router::table`); these tests read it, so a new route cannot escape them:
//!
//! - every route that acts for a store by its credentials (an API key or an admin session)
//!   is sent store A's credentials with store B's ids: it must answer 404 where it names
//!   one of B's things, never show anything of B, and change nothing of B;
//! - a route naming a parameter the matrix does not know fails the test until it is taught
//!   what that parameter names;
//! - every method a path does not declare answers 405, so a handler cannot hide behind a
//!   method the table does not list;
//! - the router serves exactly the table's paths;
//! - the API and the admin answer on wismo's own host only, never on a store's domain.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use wismo_domain::admin::Role;
use wismo_server::config::{Layer, OutboundLayer};
use wismo_server::jobs::{self, JobContext};
use wismo_server::outbound::Outbound;
use wismo_server::router::{Access, RouteInfo, Verb, table};

use crate::admin::{PASSWORD, Visitor, csrf_field, user};
use crate::harness::{Db, PUBLIC_URL, Response, TestApp};

crate::on_both_backends!(
    a_store_reaches_nothing_of_another_through_any_route,
    the_api_and_the_admin_answer_on_wismos_own_host_only,
);

/// What store B holds, and the words that would betray it in a response to A.
struct Other {
    key: String,
    notification: i64,
    api_key: i64,
    order: i64,
    shipment: i64,
    request: i64,
    endpoint: i64,
    delivery: i64,
    import: i64,
    /// B's owner, once made.
    user: i64,
    page: String,
}

const B_MARKERS: [&str; 5] = [
    // Its name, its slug and its users' addresses.
    "lobex",
    "wile@globex.example",
    "G-9001",
    "1Z999AA10123456785",
    "globex-hook",
];

async fn as_key(app: &TestApp, key: &str, method: Method, path: &str, body: &Value) -> Response {
    app.request(method, path, Some(key), Some(body)).await
}

/// Store B with one of everything a route can name.
async fn other_store(app: &TestApp) -> (Other, wismo_domain::StoreId) {
    let key = app.other_store_key().await;
    let store_id = app.store.get_store_by_slug("globex").await.unwrap().id;
    let created = as_key(
        app,
        &key,
        Method::POST,
        "/api/v1/orders",
        &json!({
            "order_number": "G-9001",
            "customer": { "name": "Wile Coyote", "email": "wile@globex.example", "locale": "en" },
            "destination": { "city": "Tucson", "region": "AZ", "postal_code": "85701", "country": "US" },
            "items": [{ "name": "Rocket skates", "quantity": 1 }],
            "shipments": [{ "tracking_number": "1Z999AA10123456785", "carrier": "ups" }],
        }),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let order = created.json();
    let shipment = order["shipments"][0]["id"].as_i64().expect("shipment id");
    let delivered = as_key(
        app,
        &key,
        Method::POST,
        &format!("/api/v1/shipments/{shipment}/events"),
        // An hour before the test clock's now: a message about it is queued.
        &json!({ "occurred_at": "2026-03-03T11:00:00Z", "stage": "delivered", "description": "Delivered" }),
    )
    .await;
    assert_eq!(delivered.status, StatusCode::CREATED, "{}", delivered.text);
    let page = order["shipments"][0]["tracking_url"]
        .as_str()
        .and_then(|url| url.strip_prefix(PUBLIC_URL))
        .expect("a link of this app")
        .to_owned();
    let asked = app
        .send(
            Request::post(format!("{page}/requests"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from("kind=not_received&message=Nothing+came"))
                .unwrap(),
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.text);
    let messages = format!("/api/v1/orders/{}/notifications", order["id"]);
    let messages = as_key(app, &key, Method::GET, &messages, &json!(null))
        .await
        .json();
    let notification = messages["data"][0]["id"]
        .as_i64()
        .or_else(|| messages["items"][0]["id"].as_i64())
        .or_else(|| messages[0]["id"].as_i64())
        .unwrap_or_else(|| panic!("a notification: {messages}"));
    let requests = as_key(app, &key, Method::GET, "/api/v1/requests", &json!(null)).await;
    let request = requests.json()["data"][0]["id"].as_i64().expect("request");
    let endpoint = as_key(
        app,
        &key,
        Method::POST,
        "/api/v1/webhook-endpoints",
        &json!({ "url": "http://127.0.0.1:9/globex-hook", "events": ["shipment.updated"] }),
    )
    .await;
    assert_eq!(endpoint.status, StatusCode::CREATED, "{}", endpoint.text);
    let endpoint = endpoint.json()["id"].as_i64().expect("endpoint");
    let test = format!("/api/v1/webhook-endpoints/{endpoint}/test");
    let sent = as_key(app, &key, Method::POST, &test, &json!({})).await;
    assert!(sent.status.is_success(), "{}", sent.text);
    // The test event is tried at once (nothing listens there), so it has a delivery.
    jobs::runner(JobContext {
        store: app.store.clone(),
        clock: app.clock.clone(),
        outbound: Outbound::new(true),
        secrets: app.secrets.clone(),
        public_url: PUBLIC_URL.into(),
        notify: None,
    })
    .run_pending()
    .await
    .unwrap();
    let deliveries = format!("/api/v1/webhook-endpoints/{endpoint}/deliveries");
    let log = as_key(app, &key, Method::GET, &deliveries, &json!(null)).await;
    let delivery = log.json()["items"][0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("a delivery: {} {}", sent.text, log.text));
    let import = app
        .send(
            Request::post("/api/v1/imports")
                .header("authorization", format!("Bearer {key}"))
                .header("content-type", "text/csv; charset=utf-8")
                .body(Body::from(
                    "order_number,customer_name,email,phone,locale,city,region,postal_code,country,carrier,tracking_number,items\nG-9002,Wile Coyote,wile@globex.example,,,,,,,,,Anvil\n",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(import.status, StatusCode::ACCEPTED, "{}", import.text);
    let import = import.json()["id"].as_i64().expect("import");
    let api_key = app
        .store
        .list_api_keys(store_id)
        .await
        .unwrap()
        .first()
        .map(|k| k.id.0)
        .expect("B's key");
    let other = Other {
        key,
        notification,
        api_key,
        order: order["id"].as_i64().expect("order id"),
        shipment,
        request,
        endpoint,
        delivery,
        import,
        user: 0,
        page,
    };
    (other, store_id)
}

/// Everything B's own key can read of B, to compare before and after the matrix.
async fn fingerprint(app: &TestApp, b: &Other) -> BTreeMap<String, String> {
    let mut seen = BTreeMap::new();
    for path in [
        "/api/v1/store".to_owned(),
        "/api/v1/store/notifications".to_owned(),
        "/api/v1/orders".to_owned(),
        format!("/api/v1/orders/{}", b.order),
        format!("/api/v1/orders/{}/notifications", b.order),
        format!("/api/v1/shipments/{}", b.shipment),
        "/api/v1/requests".to_owned(),
        "/api/v1/webhook-endpoints".to_owned(),
        format!("/api/v1/webhook-endpoints/{}/deliveries", b.endpoint),
        format!("/api/v1/imports/{}", b.import),
        "/api/v1/integrations/shopify/deliveries".to_owned(),
    ] {
        let res = as_key(app, &b.key, Method::GET, &path, &json!(null)).await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.text);
        seen.insert(path, res.text);
    }
    let page = app.get(&b.page).await;
    assert_eq!(page.status, StatusCode::OK, "B's page");
    seen
}

/// What a route's path parameter names, filled with B's: the segment before it says.
fn b_value(route: &RouteInfo, b: &Other, param: &str, before: &str) -> String {
    let id = match (before, param) {
        ("orders", "id") => b.order,
        ("shipments", "id" | "shipment") => b.shipment,
        ("notifications", "notification") => b.notification,
        ("requests", "request") => b.request,
        ("webhook-endpoints", "id") => b.endpoint,
        ("deliveries", "delivery") => b.delivery,
        ("imports", "id") => b.import,
        ("integrations", "platform") => return "shopify".into(),
        ("aggregators", "provider") => return "easypost".into(),
        ("keys", "id") => b.api_key,
        ("webhooks", "id") => b.endpoint,
        ("team", "id") => b.user,
        _ => panic!(
            "{} {}: the isolation matrix does not know what `{{{param}}}` after `{before}` names; teach `b_value` which of store B's things to put there",
            route.verb.method(),
            route.path
        ),
    };
    id.to_string()
}

/// A route's path with B's values in it, and whether it names one of B's things.
fn with_b_values(route: &RouteInfo, b: &Other) -> (String, bool) {
    let mut before = "";
    let mut names_b = false;
    let mut segments = Vec::new();
    for segment in route.path.split('/') {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                let value = b_value(route, b, param, before);
                names_b |= value.parse::<i64>().is_ok();
                segments.push(value);
            }
            None => segments.push(segment.to_owned()),
        }
        before = segment;
    }
    (segments.join("/"), names_b)
}

/// A body the route would take from B's own key, so the handler gets as far as looking
/// up the thing its path names (an empty object for the rest).
fn valid_body(template: &str) -> Value {
    match template {
        "/api/v1/orders/{id}/shipments" => {
            json!({ "tracking_number": "1Z999AA10123456786", "carrier": "ups" })
        }
        "/api/v1/shipments/{id}/events" => json!({
            "occurred_at": "2026-03-02T11:00:00Z", "stage": "exception", "description": "Lost"
        }),
        _ => json!({}),
    }
}

/// A request as A: with A's API key, or with A's session cookie and form token.
async fn as_a(
    app: &TestApp,
    route: &RouteInfo,
    path: &str,
    a_key: &str,
    a_session: &mut Visitor,
    a_csrf: &str,
) -> Response {
    let (access, verb) = (route.access, route.verb);
    let method = verb.method();
    if access == Access::Admin && route.path == "/admin/settings/imports" {
        // The CSV upload is a multipart form.
        let boundary = "isolation";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{a_csrf}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\
             Content-Type: text/csv\r\n\r\norder_number\r\n--{boundary}--\r\n"
        );
        let content_type = format!("multipart/form-data; boundary={boundary}");
        return a_session
            .post_raw(app, path, &content_type, body.into_bytes())
            .await;
    }
    if access == Access::Admin {
        let form = (verb != Verb::Get).then(|| format!("csrf={a_csrf}"));
        return a_session.send(app, method.as_str(), path, form).await;
    }
    let body =
        matches!(verb, Verb::Post | Verb::Put | Verb::Patch).then(|| valid_body(&route.path));
    app.request(method, path, Some(a_key), body.as_ref()).await
}

async fn a_store_reaches_nothing_of_another_through_any_route(db: Db) {
    let layer = Layer {
        outbound: OutboundLayer {
            allow_private: Some(true),
        },
        ..Layer::default()
    };
    let Some(app) = TestApp::with_layer(db, layer).await else {
        return;
    };
    let a_key = app.key.clone();
    app.order("#A-1001", &["1Z999AA10123456784"]).await;
    user(&app, app.store_id, "owner@acme.example", Role::Owner).await;
    let (mut b, b_store) = other_store(&app).await;
    user(&app, b_store, "owner@globex.example", Role::Owner).await;
    b.user = app.store.list_users(b_store).await.unwrap()[0].id.0;
    let mut b_session = Visitor::new("198.51.100.9:5000");
    let signed = b_session
        .sign_in(&app, "owner@globex.example", PASSWORD)
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text);
    let mut a_session = Visitor::new("203.0.113.5:4000");
    let signed = a_session
        .sign_in(&app, "owner@acme.example", PASSWORD)
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text);
    let a_csrf = a_session.csrf(&app).await;
    let before = fingerprint(&app, &b).await;

    let routes = table().routes();
    let mut failures = Vec::new();
    let mut covered = 0;
    for route in routes.iter().filter(|r| r.access.acts_for_a_store()) {
        let (path, names_b) = with_b_values(route, &b);
        let res = as_a(&app, route, &path, &a_key, &mut a_session, &a_csrf).await;
        covered += 1;
        let verb = route.verb.method();
        if names_b && res.status != StatusCode::NOT_FOUND {
            failures.push(format!(
                "{verb} {path} ({}): {} instead of 404",
                route.path, res.status
            ));
        }
        if res.status.is_server_error() || res.status == StatusCode::METHOD_NOT_ALLOWED {
            failures.push(format!("{verb} {path}: {}", res.status));
        }
        if matches!(res.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) {
            failures.push(format!(
                "{verb} {path}: {} for A's owner (the credentials did not reach it)",
                res.status
            ));
        }
        for marker in B_MARKERS {
            if res.text.contains(marker) {
                failures.push(format!("{verb} {path} shows B's {marker:?}"));
            }
        }
    }
    assert!(covered >= 38, "only {covered} routes in the matrix");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(fingerprint(&app, &b).await, before, "B changed");

    // Signing out everywhere as A ends A's sessions only.
    let out = a_session
        .post(&app, "/admin/logout-everywhere", &[("csrf", &a_csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.text);
    assert_eq!(
        a_session.get(&app, "/admin").await.status,
        StatusCode::SEE_OTHER
    );
    let home = b_session.get(&app, "/admin").await;
    assert_eq!(home.status, StatusCode::OK, "B still signed in");
    assert!(home.text.contains("G-9001"), "B sees its own order");

    undeclared_methods_answer_405(&app, &routes, &b, &a_key).await;
}

/// Every method a path does not list answers 405 with A's credentials: no handler hides
/// behind a method the table does not name.
async fn undeclared_methods_answer_405(app: &TestApp, routes: &[RouteInfo], b: &Other, key: &str) {
    let mut declared: BTreeMap<&str, (Access, Vec<Verb>, &RouteInfo)> = BTreeMap::new();
    for route in routes {
        let entry =
            declared
                .entry(route.path.as_str())
                .or_insert((route.access, Vec::new(), route));
        entry.1.push(route.verb);
    }
    let mut session = Visitor::new("203.0.113.7:4000");
    let signed = session.sign_in(app, "owner@acme.example", PASSWORD).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let csrf = csrf_field(&session.get(app, "/admin").await.text);
    let mut failures = Vec::new();
    for (path, (access, verbs, route)) in declared {
        let path = if access.acts_for_a_store() {
            with_b_values(route, b).0
        } else {
            public_values(path)
        };
        for verb in [Verb::Get, Verb::Post, Verb::Put, Verb::Patch, Verb::Delete] {
            if verbs.contains(&verb) {
                continue;
            }
            let res = if access == Access::Admin || access == Access::AdminSignIn {
                let form = (verb != Verb::Get).then(|| format!("csrf={csrf}"));
                let mut req = Request::builder()
                    .method(verb.method())
                    .uri(&path)
                    .header("cookie", session.cookies.join("; "));
                if form.is_some() {
                    req = req.header("content-type", "application/x-www-form-urlencoded");
                }
                let mut req = req.body(Body::from(form.unwrap_or_default())).unwrap();
                req.extensions_mut().insert(ConnectInfo(
                    "203.0.113.7:4000".parse::<SocketAddr>().unwrap(),
                ));
                app.send(req).await
            } else {
                app.request(verb.method(), &path, Some(key), None).await
            };
            if res.status != StatusCode::METHOD_NOT_ALLOWED {
                failures.push(format!("{} {path}: {}", verb.method(), res.status));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A public route's path with harmless values for its parameters.
fn public_values(path: &str) -> String {
    path.split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some("store") => "acme",
                Some("platform") => "shopify",
                Some("provider") => "aftership",
                Some("token" | "key" | "id") => "x",
                Some(other) => panic!("{path}: no public value for `{{{other}}}`"),
                None => segment,
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn the_router_serves_exactly_the_route_table() {
    let Some(app) = TestApp::new(Db::Sqlite).await else {
        return;
    };
    let mut served = crate::routes::route_paths(&app.router);
    // axum lists the admin's nested `/` (served as `/admin`) by its own name too.
    assert_eq!(app.get("/").await.status, StatusCode::NOT_FOUND);
    served.remove("/");
    served.retain(|path| !path.starts_with("/{*__private__axum"));
    let listed: BTreeSet<String> = table().routes().into_iter().map(|r| r.path).collect();
    let unlisted: Vec<_> = served.difference(&listed).collect();
    let unserved: Vec<_> = listed.difference(&served).collect();
    assert!(
        unlisted.is_empty() && unserved.is_empty(),
        "served but not in the table: {unlisted:?}; in the table but not served: {unserved:?}"
    );
    // Each (method, path) once.
    let routes = table().routes();
    let distinct: BTreeSet<(String, String)> = routes
        .iter()
        .map(|r| (r.verb.method().to_string(), r.path.clone()))
        .collect();
    assert_eq!(distinct.len(), routes.len(), "a line is listed twice");
}

async fn the_api_and_the_admin_answer_on_wismos_own_host_only(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let hosts = app
        .request(
            Method::PUT,
            "/api/v1/store/hosts",
            Some(&app.key.clone()),
            Some(&json!({ "domains": ["track.acme.example"], "widget_origins": [] })),
        )
        .await;
    assert_eq!(hosts.status, StatusCode::OK, "{}", hosts.text);
    let on = |host: &'static str, path: &'static str| {
        Request::get(path)
            .header("host", host)
            .header("authorization", format!("Bearer {}", app.key))
            .body(Body::empty())
            .unwrap()
    };
    let own = app.send(on("track.example.test", "/api/v1/store")).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text);
    let theirs = app.send(on("track.acme.example", "/api/v1/store")).await;
    theirs.problem(StatusCode::NOT_FOUND);
    assert!(!theirs.text.contains("Acme Coffee"), "{}", theirs.text);
    let admin = app.send(on("track.acme.example", "/admin/login")).await;
    assert_eq!(admin.status, StatusCode::NOT_FOUND);
    // The store's own pages still answer there.
    let lookup = app.send(on("track.acme.example", "/track")).await;
    assert_eq!(lookup.status, StatusCode::OK, "{}", lookup.text);
}
