//! The REST API: the contract shapes, auth, tenancy, validation, idempotency, pagination.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Db, PUBLIC_URL, TestApp};

crate::on_both_backends!(
    creating_an_order_returns_its_shipments_with_private_tracking_links,
    a_shipment_is_read_back_with_its_events_oldest_first,
    manual_events_move_the_stage_by_the_rules,
    requests_without_a_valid_key_get_401_problem_json,
    another_stores_orders_and_shipments_are_not_found,
    invalid_fields_are_refused_with_422_naming_the_field,
    unreadable_bodies_are_refused_with_a_clear_4xx,
    a_repeated_idempotency_key_replays_the_first_response,
    orders_are_listed_newest_first_a_page_at_a_time,
    a_duplicate_order_number_is_a_conflict,
    shipments_can_be_added_and_corrected,
);

async fn creating_an_order_returns_its_shipments_with_private_tracking_links(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order(
            "#1001",
            &["1Z999AA10123456784", "9400 1000 0000 0000 0000 00"],
        )
        .await;
    assert!(order["id"].is_i64());
    assert_eq!(order["order_number"], "#1001");
    let shipments = order["shipments"].as_array().unwrap();
    assert_eq!(shipments.len(), 2);
    assert_eq!(
        shipments[1]["tracking_number"], "9400100000000000000000",
        "normalized"
    );
    let mut tokens = Vec::new();
    for s in shipments {
        assert!(s["id"].is_i64());
        assert_eq!(s["carrier"], "ups");
        assert_eq!(s["stage"], "pending");
        let url = s["tracking_url"].as_str().unwrap();
        let token = url
            .strip_prefix(&format!("{PUBLIC_URL}/t/"))
            .unwrap_or_else(|| panic!("{url}"));
        assert!(
            token.len() >= 22
                && token
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "{token}"
        );
        tokens.push(token.to_owned());
    }
    assert_ne!(tokens[0], tokens[1]);

    let read = app.get(&format!("/api/v1/orders/{}", order["id"])).await;
    assert_eq!(read.status, StatusCode::OK);
    let read = read.json();
    assert_eq!(read["customer"]["email"], "ana@example.com");
    assert_eq!(read["destination"]["country"], "US");
    assert_eq!(read["items"][0]["quantity"], 2);
    assert_eq!(read["shipments"], order["shipments"]);
}

async fn a_shipment_is_read_back_with_its_events_oldest_first(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#1002", &["1Z999AA10123456784"]).await;
    let id = &order["shipments"][0]["id"];
    for (at, stage, text) in [
        (
            "2026-03-02T09:30:00-05:00",
            "in_transit",
            "Departed facility",
        ),
        (
            "2026-03-01T17:00:00-08:00",
            "info_received",
            "Label created",
        ),
    ] {
        let res = app.post(&format!("/api/v1/shipments/{id}/events"), &json!({ "occurred_at": at, "stage": stage, "description": text, "location": "Louisville, KY, US" })).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    }
    let res = app.get(&format!("/api/v1/shipments/{id}")).await;
    assert_eq!(res.status, StatusCode::OK);
    let body = res.json();
    assert_eq!(body["id"], *id);
    assert_eq!(body["stage"], "in_transit");
    assert!(body["substatus"].is_null());
    assert_eq!(body["tracking_url"], order["shipments"][0]["tracking_url"]);
    let events = body["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["stage"], "info_received");
    assert_eq!(
        events[0]["occurred_at"], "2026-03-01T17:00:00-08:00",
        "the original offset is kept"
    );
    assert_eq!(events[1]["description"], "Departed facility");
    assert_eq!(events[1]["location"], "Louisville, KY, US");
}

async fn manual_events_move_the_stage_by_the_rules(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#1003", &["1Z999AA10123456784"]).await;
    let path = format!("/api/v1/shipments/{}/events", order["shipments"][0]["id"]);
    let event = |at: &str, stage: &str| json!({ "occurred_at": at, "stage": stage, "description": format!("{stage} scan") });

    let res = app
        .post(&path, &event("2026-03-01T10:00:00Z", "in_transit"))
        .await;
    assert_eq!(
        (res.status, res.json()["stage"].clone()),
        (StatusCode::CREATED, json!("in_transit"))
    );
    let res = app
        .post(&path, &event("2026-03-02T10:00:00Z", "delivered"))
        .await;
    assert_eq!(res.json()["stage"], "delivered");
    assert_eq!(res.json()["delivered_at"], "2026-03-02T10:00:00Z");
    // A late "in transit" scan never un-delivers.
    let res = app
        .post(&path, &event("2026-03-03T10:00:00Z", "in_transit"))
        .await;
    assert_eq!(
        (res.status, res.json()["stage"].clone()),
        (StatusCode::CREATED, json!("delivered"))
    );
    // The same scan again changes nothing.
    let res = app
        .post(&path, &event("2026-03-02T10:00:00Z", "delivered"))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["events"].as_array().unwrap().len(), 3);
    // Returned may follow delivered.
    let res = app.post(&path, &json!({ "occurred_at": "2026-03-04T10:00:00Z", "stage": "returned", "substatus": "returned_to_sender", "description": "Returned" })).await;
    assert_eq!(res.json()["stage"], "returned", "{}", res.text);
    assert_eq!(res.json()["substatus"], "returned_to_sender");
}

async fn requests_without_a_valid_key_get_401_problem_json(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let none = app.request(Method::GET, "/api/v1/orders", None, None).await;
    none.problem(StatusCode::UNAUTHORIZED);
    assert_eq!(none.header("www-authenticate"), "Bearer");
    app.request(
        Method::GET,
        "/api/v1/orders",
        Some("wismo_sk_not-a-real-key"),
        None,
    )
    .await
    .problem(StatusCode::UNAUTHORIZED);
    let basic = Request::get("/api/v1/orders")
        .header("authorization", "Basic YTpi")
        .body(Body::empty())
        .unwrap();
    app.send(basic).await.problem(StatusCode::UNAUTHORIZED);

    // A revoked key stops working at once.
    let keys = app.store.list_api_keys(app.store_id).await.unwrap();
    app.store.revoke_api_key(&keys[0].prefix).await.unwrap();
    app.get("/api/v1/orders")
        .await
        .problem(StatusCode::UNAUTHORIZED);
}

async fn another_stores_orders_and_shipments_are_not_found(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#2001", &["1Z999AA10123456784"]).await;
    let other = app.other_store_key().await;
    let shipment = &order["shipments"][0]["id"];
    for path in [
        format!("/api/v1/orders/{}", order["id"]),
        format!("/api/v1/shipments/{shipment}"),
    ] {
        let res = app.request(Method::GET, &path, Some(&other), None).await;
        res.problem(StatusCode::NOT_FOUND);
        assert!(!res.text.contains("#2001"));
    }
    let res = app
        .request(
            Method::POST,
            &format!("/api/v1/shipments/{shipment}/events"),
            Some(&other),
            Some(&json!({ "stage": "delivered", "description": "x" })),
        )
        .await;
    res.problem(StatusCode::NOT_FOUND);
    let listed = app
        .request(Method::GET, "/api/v1/orders", Some(&other), None)
        .await
        .json();
    assert_eq!(listed["data"], json!([]));
    // And the owner's shipment did not move.
    assert_eq!(
        app.get(&format!("/api/v1/shipments/{shipment}"))
            .await
            .json()["stage"],
        "pending"
    );
}

async fn invalid_fields_are_refused_with_422_naming_the_field(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let base = json!({ "order_number": "#3001", "customer": { "name": "Ana", "email": "ana@example.com", "phone": "+14155550100", "locale": "en" }, "shipments": [{ "tracking_number": "1Z999AA10123456784" }] });
    let cases: [(&str, Value, &str); 6] = [
        ("/customer/email", json!("not-an-email"), "customer.email"),
        ("/customer/phone", json!("555-0100"), "customer.phone"),
        (
            "/shipments/0/tracking_number",
            json!("12!"),
            "shipments[0].tracking_number",
        ),
        (
            "/destination",
            json!({ "country": "USA" }),
            "destination.country",
        ),
        ("/customer/locale", json!("??"), "customer.locale"),
        ("/surprise", json!(1), "surprise"),
    ];
    for (pointer, value, field) in cases {
        let mut body = base.clone();
        if let Some(slot) = body.pointer_mut(pointer) {
            *slot = value;
        } else {
            body[pointer.trim_start_matches('/')] = value;
        }
        let problem = app
            .post("/api/v1/orders", &body)
            .await
            .problem(StatusCode::UNPROCESSABLE_ENTITY);
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains(field), "{field}: {problem}");
    }

    let order = app.order("#3002", &["1Z999AA10123456784"]).await;
    let path = format!("/api/v1/shipments/{}/events", order["shipments"][0]["id"]);
    let problem = app
        .post(&path, &json!({ "stage": "shipped", "description": "x" }))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "stage", "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("shipped"),
        "{problem}"
    );
    let problem = app
        .post(&path, &json!({ "stage": "delivered", "description": "  " }))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "description");
    let problem = app.post(&path, &json!({ "stage": "delivered", "description": "x", "occurred_at": "2099-01-01T00:00:00Z" })).await.problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "occurred_at");
    let long = "x".repeat(101);
    let problem = app
        .post(
            "/api/v1/orders",
            &json!({ "order_number": "#3003", "customer": {}, "destination": { "city": long } }),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "destination.city");
    // Nothing was stored by the refused requests.
    assert_eq!(
        app.get("/api/v1/orders").await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

async fn unreadable_bodies_are_refused_with_a_clear_4xx(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let raw = |body: &'static str, content_type: &str| {
        Request::post("/api/v1/orders")
            .header("authorization", format!("Bearer {}", app.key))
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap()
    };
    app.send(raw("{not json", "application/json"))
        .await
        .problem(StatusCode::BAD_REQUEST);
    app.send(raw("{}", "text/plain"))
        .await
        .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = json!({ "order_number": "#1", "customer": {}, "items": [{ "name": "x".repeat(70 * 1024) }] });
    let problem = app
        .post("/api/v1/orders", &huge)
        .await
        .problem(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        problem["detail"].as_str().unwrap().contains("64 KiB"),
        "{problem}"
    );
    app.get("/api/v1/orders/not-a-number")
        .await
        .problem(StatusCode::NOT_FOUND);
    app.get("/api/v1/orders/999999")
        .await
        .problem(StatusCode::NOT_FOUND);
    app.get("/api/v1/nothing-here")
        .await
        .problem(StatusCode::NOT_FOUND);
}

async fn a_repeated_idempotency_key_replays_the_first_response(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let body = json!({ "order_number": "#4001", "customer": { "name": "Ana" }, "shipments": [{ "tracking_number": "1Z999AA10123456784" }] });
    let post = |body: &Value, key: &str| {
        Request::post("/api/v1/orders")
            .header("authorization", format!("Bearer {}", app.key))
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let first = app.send(post(&body, "k-1")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let again = app.send(post(&body, "k-1")).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json(), first.json());
    assert_eq!(
        app.get("/api/v1/orders").await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let mut changed = body.clone();
    changed["order_number"] = json!("#4002");
    let problem = app
        .send(post(&changed, "k-1"))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "Idempotency-Key");
    // Without a key, the same body is a conflict, not a silent duplicate.
    app.post("/api/v1/orders", &body)
        .await
        .problem(StatusCode::CONFLICT);
}

async fn orders_are_listed_newest_first_a_page_at_a_time(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    for n in 1..=5 {
        app.order(&format!("#50{n:02}"), &[]).await;
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/orders?limit=2".to_owned();
    let mut pages = 0;
    loop {
        let page = app.get(&path).await.json();
        pages += 1;
        seen.extend(
            page["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["order_number"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/orders?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ["#5005", "#5004", "#5003", "#5002", "#5001"]);
    app.get("/api/v1/orders?cursor=garbage")
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/api/v1/orders?limit=0")
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/api/v1/orders?limit=ten")
        .await
        .problem(StatusCode::BAD_REQUEST);
}

async fn a_duplicate_order_number_is_a_conflict(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    app.order("#6001", &[]).await;
    let problem = app
        .post(
            "/api/v1/orders",
            &json!({ "order_number": "#6001", "customer": {} }),
        )
        .await
        .problem(StatusCode::CONFLICT);
    assert!(
        problem["detail"].as_str().unwrap().contains("#6001"),
        "{problem}"
    );
    // Another store may use the same number.
    let other = app.other_store_key().await;
    let res = app
        .request(
            Method::POST,
            "/api/v1/orders",
            Some(&other),
            Some(&json!({ "order_number": "#6001", "customer": {} })),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
}

async fn shipments_can_be_added_and_corrected(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#7001", &["1Z999AA10123456784"]).await;
    let res = app
        .post(
            &format!("/api/v1/orders/{}/shipments", order["id"]),
            &json!({ "tracking_number": "420 94105 9400100000000000000000", "carrier": "USPS" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let added = res.json();
    assert_eq!(added["carrier"], "usps");
    assert_eq!(added["order_id"], order["id"]);
    assert_eq!(
        app.get(&format!("/api/v1/orders/{}", order["id"]))
            .await
            .json()["shipments"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let path = format!("/api/v1/shipments/{}", added["id"]);
    let patch = |body: Value| {
        Request::patch(path.as_str())
            .header("authorization", format!("Bearer {}", app.key))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let res = app.send(patch(json!({ "service": "Priority Mail" }))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        (res.json()["carrier"].clone(), res.json()["service"].clone()),
        (json!("usps"), json!("Priority Mail"))
    );
    let res = app
        .send(patch(
            json!({ "carrier": null, "tracking_number": "9400111899223456789012" }),
        ))
        .await;
    assert!(res.json()["carrier"].is_null());
    assert_eq!(res.json()["service"], "Priority Mail");
    assert_eq!(res.json()["tracking_number"], "9400111899223456789012");
    assert_eq!(
        res.json()["tracking_url"],
        added["tracking_url"],
        "the private link survives corrections"
    );
    app.send(patch(json!({ "tracking_number": "?" })))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY);
    app.post(
        "/api/v1/orders/999999/shipments",
        &json!({ "tracking_number": "1Z999AA10123456784" }),
    )
    .await
    .problem(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let app = TestApp::new(Db::Sqlite).await.unwrap();
    let res = app
        .request(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let doc = res.json();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    for (path, method) in [
        ("/api/v1/orders", "post"),
        ("/api/v1/orders", "get"),
        ("/api/v1/orders/{id}", "get"),
        ("/api/v1/orders/{id}/shipments", "post"),
        ("/api/v1/shipments/{id}", "get"),
        ("/api/v1/shipments/{id}", "patch"),
        ("/api/v1/shipments/{id}/events", "post"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} missing"
        );
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
    let stages = doc["components"]["schemas"]["CreateEvent"]["properties"]["stage"]["enum"]
        .as_array()
        .unwrap();
    assert!(stages.contains(&json!("out_for_delivery")));
}
