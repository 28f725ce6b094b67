//! Input at the API's edge: text without control characters or reordering marks, bodies
//! that are JSON objects, event times that make sense, links without credentials; and the
//! pages isolating customer- and merchant-supplied words.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Db, Response, TestApp};

crate::on_both_backends!(
    a_nul_in_any_text_is_refused_with_422_naming_the_field,
    bodies_that_are_json_arrays_are_refused_and_change_nothing,
    impossible_dates_are_refused_naming_the_field_and_every_date_written_is_rfc3339,
    reordering_marks_are_dropped_and_pages_isolate_customer_and_merchant_words,
    links_with_credentials_or_spaces_are_refused_naming_the_field,
);

async fn put(app: &TestApp, path: &str, body: &Value) -> Response {
    app.request(Method::PUT, path, Some(&app.key), Some(body))
        .await
}

/// The field the 422 problem names first.
fn refused_field(res: &Response) -> String {
    let problem = res.problem(StatusCode::UNPROCESSABLE_ENTITY);
    problem["errors"][0]["field"]
        .as_str()
        .unwrap_or_else(|| panic!("no field named: {problem}"))
        .to_owned()
}

async fn a_nul_in_any_text_is_refused_with_422_naming_the_field(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let base = json!({
        "order_number": "#4001",
        "customer": { "name": "Ana Lima" },
        "destination": { "city": "Portland" },
        "items": [{ "name": "Mug", "quantity": 1 }],
        "shipments": [{ "tracking_number": "1Z999AA10123456784", "service": "Ground" }],
    });
    for (pointer, field) in [
        ("/customer/name", "customer.name"),
        ("/destination/city", "destination.city"),
        ("/items/0/name", "items[0].name"),
        ("/shipments/0/service", "shipments[0].service"),
    ] {
        let mut body = base.clone();
        let slot = body.pointer_mut(pointer).unwrap();
        *slot = json!(format!("{}\u{0}", slot.as_str().unwrap()));
        let res = app.post("/api/v1/orders", &body).await;
        assert_eq!(refused_field(&res), field);
        assert!(res.text.contains("control characters"), "{}", res.text);
    }
    assert_eq!(
        app.get("/api/v1/orders").await.json()["data"],
        json!([]),
        "nothing was stored"
    );

    let order = app.order("#4002", &["1Z999AA10123456784"]).await;
    let shipment = format!("/api/v1/shipments/{}", order["shipments"][0]["id"]);
    let events = format!("{shipment}/events");
    let res = app
        .post(
            &events,
            &json!({ "stage": "delivered", "description": "Left at the door\u{0}" }),
        )
        .await;
    assert_eq!(refused_field(&res), "description");
    let res = app
        .post(
            &events,
            &json!({ "stage": "delivered", "description": "Left at the door", "location": "Porch\u{0}" }),
        )
        .await;
    assert_eq!(refused_field(&res), "location");
    let res = app
        .request(
            Method::PATCH,
            &shipment,
            Some(&app.key),
            Some(&json!({ "service": "Gro\u{0}und" })),
        )
        .await;
    assert_eq!(refused_field(&res), "service");
    assert_eq!(app.get(&shipment).await.json()["events"], json!([]));

    for (body, field) in [
        (json!({ "header_message": "Hello\u{0}" }), "header_message"),
        (
            json!({ "faq": [{ "question": "Why\u{0}?", "answer": "Because." }] }),
            "faq[0].question",
        ),
        (
            json!({ "footer_links": [{ "label": "Re\u{1}turns", "url": "https://acme.example/returns" }] }),
            "footer_links[0].label",
        ),
        (json!({ "support_phone": "+1 555\u{0}" }), "support_phone"),
    ] {
        let res = put(&app, "/api/v1/store/branding", &body).await;
        assert_eq!(refused_field(&res), field);
    }
}

async fn bodies_that_are_json_arrays_are_refused_and_change_nothing(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = put(
        &app,
        "/api/v1/store/branding",
        &json!({ "primary_color": "#1a56db" }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = put(
        &app,
        "/api/v1/store/hosts",
        &json!({ "domains": ["track.acme.example"] }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);

    let res = put(&app, "/api/v1/store/branding", &json!([])).await;
    assert_eq!(refused_field(&res), "body");
    assert!(res.text.contains("must be a JSON object"), "{}", res.text);
    let res = put(&app, "/api/v1/store/hosts", &json!([])).await;
    assert_eq!(refused_field(&res), "body");
    // An array holding every field of an order, in order, as serde would read it.
    let res = app
        .post(
            "/api/v1/orders",
            &json!(["#5001", null, { "name": "Ana" }, {}, [], null, null, []]),
        )
        .await;
    assert_eq!(refused_field(&res), "body");
    for scalar in [json!("#5001"), json!(7), json!(null)] {
        let res = app.post("/api/v1/orders", &scalar).await;
        assert_eq!(refused_field(&res), "body", "{scalar}");
    }

    let store = app.get("/api/v1/store").await.json();
    assert_eq!(store["branding"]["primary_color"], "#1a56db");
    assert_eq!(store["domains"], json!(["track.acme.example"]));
    assert_eq!(app.get("/api/v1/orders").await.json()["data"], json!([]));
    // An object with whitespace before it is still an object.
    let res = app
        .send(
            Request::put("/api/v1/store/hosts")
                .header("authorization", format!("Bearer {}", app.key))
                .header("content-type", "application/json")
                .body(Body::from(" \n {\"domains\": []}"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json()["domains"], json!([]));
}

/// Every string in `value` that looks like a date or a time (`…_at`, `…_date`, `date`,
/// `from`, `until`) must be RFC 3339 (a bare date: `YYYY-MM-DD`, four-digit year).
fn assert_dates_are_rfc3339(value: &Value, path: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = format!("{path}.{key}");
                if let Some(s) = v.as_str()
                    && (key.ends_with("_at")
                        || key.ends_with("_date")
                        || ["date", "from", "until", "earliest", "latest"].contains(&key.as_str()))
                {
                    let ok = chrono::DateTime::parse_from_rfc3339(s).is_ok()
                        || (s.len() == 10
                            && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
                            && s.as_bytes()[0].is_ascii_digit());
                    assert!(ok, "{path} = {s} is not RFC 3339");
                }
                assert_dates_are_rfc3339(v, &path);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                assert_dates_are_rfc3339(v, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

async fn impossible_dates_are_refused_naming_the_field_and_every_date_written_is_rfc3339(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#6001", &["1Z999AA10123456784"]).await;
    let shipment = format!("/api/v1/shipments/{}", order["shipments"][0]["id"]);
    let events = format!("{shipment}/events");
    let event =
        |at: &str| json!({ "occurred_at": at, "stage": "in_transit", "description": "Departed" });
    for at in [
        "-0001-03-01T10:00:00Z",
        "0000-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
        // A year and a day before the order was created (the test clock's now).
        "2025-03-02T11:59:59Z",
        "9999-12-31T23:59:59Z",
        "2026-03-04T12:00:01Z",
    ] {
        let res = app.post(&events, &event(at)).await;
        assert_eq!(refused_field(&res), "occurred_at", "{at}");
    }
    let res = app.post(&events, &event("2025-03-03T12:00:00Z")).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let res = app.post(&events, &event("2026-03-04T11:00:00+01:00")).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);

    for (field, value) in [
        ("placed_at", "-0001-01-01T00:00:00Z"),
        ("placed_at", "2026-03-05T00:00:00Z"),
        ("promised_date", "0001-01-01"),
        ("promised_date", "9999-12-31"),
    ] {
        let res = app
            .post(
                "/api/v1/orders",
                &json!({ "order_number": "#6002", "customer": {}, field: value }),
            )
            .await;
        assert_eq!(refused_field(&res), field, "{value}");
    }

    let read = app.get(&shipment).await.json();
    assert_eq!(read["events"].as_array().unwrap().len(), 2, "{read}");
    assert_dates_are_rfc3339(&read, "shipment");
    assert_dates_are_rfc3339(
        &app.get(&format!("/api/v1/orders/{}", order["id"]))
            .await
            .json(),
        "order",
    );
}

async fn reordering_marks_are_dropped_and_pages_isolate_customer_and_merchant_words(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let res = app
        .post(
            "/api/v1/orders",
            &json!({
                "order_number": "\u{2067}#77\u{200B}01\u{FEFF}\u{2069}",
                "customer": { "name": "\u{202E}Ana\u{202C} Lima\u{200F}" },
                "items": [{ "name": "\u{2066}Mug\u{2069}", "quantity": 1 }],
                "shipments": [{ "tracking_number": "\u{200B}1Z999AA1 0123456784\u{2060}" }],
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let order = res.json();
    assert_eq!(order["order_number"], "#7701");
    let shipment = &order["shipments"][0];
    assert_eq!(shipment["tracking_number"], "1Z999AA10123456784");
    let read = app
        .get(&format!("/api/v1/orders/{}", order["id"]))
        .await
        .json();
    assert_eq!(read["customer"]["name"], "Ana Lima");
    assert_eq!(read["items"][0]["name"], "Mug");
    // The same number typed plainly is the same order.
    let again = app
        .post(
            "/api/v1/orders",
            &json!({ "order_number": "#7701", "customer": {} }),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);

    // Persian needs its zero-width non-joiner; it is kept, the override is not.
    let persian = "\u{645}\u{6CC}\u{200C}\u{646}\u{627}";
    let res = app
        .post(
            "/api/v1/orders",
            &json!({ "order_number": "#7702", "customer": { "name": format!("\u{202B}{persian}") } }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let id = res.json()["id"].clone();
    let read = app.get(&format!("/api/v1/orders/{id}")).await.json();
    assert_eq!(read["customer"]["name"], persian);

    let res = put(
        &app,
        "/api/v1/store/branding",
        &json!({
            "header_message": "\u{202E}Fresh roasts",
            "faq": [{ "question": "\u{5D0}\u{5D9}\u{5E4}\u{5D4}?", "answer": "Here." }],
            "footer_links": [{ "label": "\u{5D4}\u{5D7}\u{5D6}\u{5E8}\u{5D5}\u{5EA}", "url": "https://acme.example/returns" }],
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let events = format!("/api/v1/shipments/{}/events", shipment["id"]);
    let res = app
        .post(
            &events,
            &json!({ "stage": "in_transit", "description": "\u{202E}Departed", "location": "\u{5EA}\u{5DC} \u{5D0}\u{5D1}\u{5D9}\u{5D1}" }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);

    let page = app.get(&crate::harness::link(shipment)).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text;
    for invisible in ['\u{202E}', '\u{202B}', '\u{2067}', '\u{200B}', '\u{FEFF}'] {
        assert!(
            !html.contains(invisible),
            "U+{:04X} on the page",
            u32::from(invisible)
        );
    }
    for expected in [
        "<h1><bdi>Ana</bdi>, here is your order <bdi>#7701</bdi></h1>",
        "<p class=\"store\" dir=\"auto\">Acme Coffee</p>",
        "<div class=\"message\" dir=\"auto\"><p>Fresh roasts</p>",
        "<summary dir=\"auto\">\u{5D0}\u{5D9}\u{5E4}\u{5D4}?</summary>",
        "<bdi>\u{5D4}\u{5D7}\u{5D6}\u{5E8}\u{5D5}\u{5EA}</bdi></a>",
        "<bdi class=\"what\">Left a carrier facility</bdi> <bdi class=\"original\">Departed</bdi>",
        "<bdi class=\"where\">\u{5EA}\u{5DC} \u{5D0}\u{5D1}\u{5D9}\u{5D1}</bdi>",
        "<li><bdi>Mug</bdi>",
        "Tracking by <bdi>Acme Coffee</bdi>",
    ] {
        assert!(html.contains(expected), "{expected} not in:\n{html}");
    }
}

async fn links_with_credentials_or_spaces_are_refused_naming_the_field(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    for (body, field) in [
        (
            json!({ "logo_url": "https://user:secret@cdn.acme.example/logo.png" }),
            "logo_url",
        ),
        (
            json!({ "support_url": "https://help@acme.example/" }),
            "support_url",
        ),
        (
            json!({ "support_url": "https://acme.example/help me" }),
            "support_url",
        ),
        (
            json!({ "footer_links": [{ "label": "Returns", "url": "https://acme.example@evil.example/" }] }),
            "footer_links[0].url",
        ),
        (
            json!({ "footer_links": [{ "label": "Returns", "url": "https://acme.example/ returns" }] }),
            "footer_links[0].url",
        ),
    ] {
        let res = put(&app, "/api/v1/store/branding", &body).await;
        assert_eq!(refused_field(&res), field, "{body}");
    }
    let res = put(
        &app,
        "/api/v1/store/branding",
        &json!({
            "logo_url": "https://cdn.acme.example/logo.png",
            "support_url": "https://acme.example/help?from=@tracking",
            "footer_links": [{ "label": "Mail", "url": "mailto:help@acme.example" }],
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}
