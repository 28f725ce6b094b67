//! An order's own private link: every parcel on one page, answered by the API beside each
//! parcel's link, reissued on request, under the same rules as a parcel's page.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Db, PUBLIC_URL, TestApp, link};

crate::on_both_backends!(
    the_api_answers_an_orders_link_beside_each_parcels,
    a_reissued_order_link_replaces_the_old_one_for_its_own_store_only,
    an_orders_link_shows_every_parcel_on_one_page,
    an_order_with_one_parcel_is_that_parcels_page_and_takes_requests,
    a_request_from_an_orders_page_names_the_parcel_it_is_about,
    an_orders_link_expires_once_every_parcel_has,
    an_order_without_parcels_says_it_is_being_prepared,
);

/// The path of an order's private link, from the API's order view.
pub fn order_link(order: &Value) -> String {
    let url = order["order_url"].as_str().expect("order_url");
    url.strip_prefix(PUBLIC_URL)
        .expect("a link of this app")
        .to_owned()
}

async fn post_form(app: &TestApp, path: &str, body: &str) -> crate::harness::Response {
    app.send(
        Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body.to_owned()))
            .unwrap(),
    )
    .await
}

async fn event(app: &TestApp, shipment: &Value, body: Value) {
    let res = app
        .post(
            &format!("/api/v1/shipments/{}/events", shipment["id"]),
            &body,
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
}

async fn the_api_answers_an_orders_link_beside_each_parcels(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#6001", &["1Z999AA10123456784", "1Z999AA10123456791"])
        .await;
    let url = order["order_url"].as_str().unwrap();
    let token = url
        .strip_prefix(&format!("{PUBLIC_URL}/t/"))
        .unwrap_or_else(|| panic!("{url}"));
    assert!(
        token.len() == 24
            && token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{token}"
    );
    for shipment in order["shipments"].as_array().unwrap() {
        assert_ne!(shipment["tracking_url"], order["order_url"]);
    }

    let read = app.get(&format!("/api/v1/orders/{}", order["id"])).await;
    assert_eq!(read.json()["order_url"], order["order_url"]);
    let listed = app.get("/api/v1/orders").await.json();
    assert_eq!(listed["data"][0]["order_url"], order["order_url"]);

    let doc = app.get("/api/v1/openapi.json").await.json();
    let reissue = &doc["paths"]["/api/v1/orders/{id}/token"]["post"];
    assert_eq!(reissue["tags"], json!(["orders"]), "{reissue}");
    assert!(
        doc["components"]["schemas"]["OrderView"]["properties"]["order_url"].is_object(),
        "{}",
        doc["components"]["schemas"]["OrderView"]
    );
}

async fn a_reissued_order_link_replaces_the_old_one_for_its_own_store_only(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#6002", &["1Z999AA10123456784"]).await;
    let old = order_link(&order);
    let reissue = format!("/api/v1/orders/{}/token", order["id"]);

    let other = app.other_store_key().await;
    let theirs = app
        .request(Method::POST, &reissue, Some(&other), Some(&json!({})))
        .await;
    theirs.problem(StatusCode::NOT_FOUND);
    assert_eq!(app.get(&old).await.status, StatusCode::OK, "still the same");

    let res = app.post(&reissue, &json!({})).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let reissued = res.json();
    let new = order_link(&reissued);
    assert_ne!(new, old);
    assert_eq!(
        reissued["shipments"], order["shipments"],
        "the parcels' own links stay"
    );
    assert_eq!(app.get(&old).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&new).await.status, StatusCode::OK);
    assert_eq!(
        app.get(&link(&order["shipments"][0])).await.status,
        StatusCode::OK
    );
    let read = app.get(&format!("/api/v1/orders/{}", order["id"])).await;
    assert_eq!(read.json()["order_url"], reissued["order_url"]);

    app.post("/api/v1/orders/999999/token", &json!({}))
        .await
        .problem(StatusCode::NOT_FOUND);
}

async fn an_orders_link_shows_every_parcel_on_one_page(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#6003", &["1Z999AA10123456784", "9400100000000000000000"])
        .await;
    let (first, second) = (&order["shipments"][0], &order["shipments"][1]);
    event(
        &app,
        second,
        json!({ "occurred_at": "2026-03-02T07:45:00-08:00", "stage": "out_for_delivery", "description": "Out for delivery", "location": "Portland, OR, US" }),
    )
    .await;
    let path = order_link(&order);

    let res = app.request(Method::GET, &path, None, None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("referrer-policy"), "no-referrer");
    assert!(res.header("x-robots-tag").contains("noindex"));
    assert!(
        res.header("content-security-policy")
            .contains("default-src 'none'")
    );
    assert_eq!(res.header("cache-control"), "no-store");
    let html = &res.text;
    for expected in [
        "Acme Coffee",
        "<bdi>Ana</bdi>, here is your order <bdi>#6003</bdi>",
        "2 parcels",
        "Parcel 1 of 2",
        "Parcel 2 of 2",
        "1Z999AA10123456784",
        "9400100000000000000000",
        "Waiting for the carrier",
        "Out for delivery",
        "What happens next",
        "class=\"hero-headline\"",
        "Mon 2 Mar, 07:45",
        "/acme/theme.css",
        // The request form asks which parcel.
        "Which parcel is it about?",
        "name=\"parcel\"",
        "Parcel 2 of 2 · Out for delivery",
    ] {
        assert!(html.contains(expected), "page lacks {expected:?}:\n{html}");
    }
    // The parcels in the order they were added, whatever moved last.
    assert!(
        html.find("1Z999AA10123456784").unwrap() < html.find("9400100000000000000000").unwrap()
    );
    for secret in ["Lima", "ana@example.com", "+14155550100", "97201"] {
        assert!(!html.contains(secret), "page leaks {secret:?}");
    }
    // No parcel's own link is given away: the order's page posts to the order's link.
    for shipment in [first, second] {
        assert!(!html.contains(&link(shipment)), "leaks {}", link(shipment));
    }
    assert!(
        html.contains(&format!("action=\"{path}/requests\"")),
        "{html}"
    );

    let german = app.get(&format!("{path}?lang=de")).await;
    assert!(german.text.contains("<html lang=\"de\">"));
    assert!(german.text.contains("Paket 2 von 2"), "{}", german.text);

    let json = app.get(&format!("{path}.json")).await;
    assert_eq!(json.status, StatusCode::OK);
    let body = json.json();
    assert_eq!(body["order_number"], "#6003");
    assert_eq!(
        body["shipments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["stage"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["pending", "out_for_delivery"]
    );
}

async fn an_order_with_one_parcel_is_that_parcels_page_and_takes_requests(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#6004", &["1Z999AA10123456784"]).await;
    let shipment = &order["shipments"][0];
    event(
        &app,
        shipment,
        json!({ "occurred_at": "2026-03-02T10:00:00Z", "stage": "delivered", "description": "Delivered" }),
    )
    .await;
    let path = order_link(&order);
    let page = app.get(&path).await.text;
    let parcel_page = app.get(&link(shipment)).await.text;
    // The same page but for where its form posts.
    assert_eq!(
        page.replace(&path, "LINK"),
        parcel_page.replace(&link(shipment), "LINK")
    );
    assert!(!page.contains("name=\"parcel\""), "nothing to choose");

    let sent = post_form(&app, &format!("{path}/requests"), "kind=not_received").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text);
    assert_eq!(sent.header("location"), format!("{path}?sent=1&lang=en"));
    let confirmation = app.get(&format!("{path}?sent=1")).await;
    assert!(confirmation.text.contains("Acme Coffee has your message"));
    let requests = app.get("/api/v1/requests").await.json();
    assert_eq!(requests["data"][0]["shipment_id"], shipment["id"]);
    assert_eq!(requests["data"][0]["kind"], "not_received");
}

async fn a_request_from_an_orders_page_names_the_parcel_it_is_about(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#6005", &["1Z999AA10123456784", "1Z999AA10123456791"])
        .await;
    let second = &order["shipments"][1];
    event(
        &app,
        second,
        json!({ "occurred_at": "2026-03-02T10:00:00Z", "stage": "delivered", "description": "Delivered" }),
    )
    .await;
    let requests = format!("{}/requests", order_link(&order));
    // "Not received" is offered because one parcel was delivered.
    let page = app.get(&order_link(&order)).await.text;
    assert!(page.contains("I haven&#39;t received it"), "{page}");

    // Neither the parcel nor the request is chosen for the customer.
    assert!(!page.contains(" checked"), "{page}");
    assert!(
        page.contains("name=\"parcel\" value=\"1\" required>"),
        "{page}"
    );

    // Each refusal sends the form back saying what to choose, with what was chosen kept.
    for (body, says, kept) in [
        (
            "kind=not_received",
            "Please choose which parcel it is about.",
            "name=\"kind\" value=\"not_received\" required checked>",
        ),
        (
            "kind=not_received&parcel=3",
            "Please choose which parcel it is about.",
            "name=\"kind\" value=\"not_received\" required checked>",
        ),
        (
            "kind=not_received&parcel=0",
            "Please choose which parcel it is about.",
            "name=\"kind\" value=\"not_received\" required checked>",
        ),
        (
            "kind=teleport&parcel=1",
            "Please choose what it is about.",
            "name=\"parcel\" value=\"1\" required checked>",
        ),
        // The first parcel is not delivered yet: "not received" does not fit it.
        (
            "kind=not_received&parcel=1",
            "That doesn&#39;t fit the parcel you chose.",
            "name=\"parcel\" value=\"1\" required checked>",
        ),
    ] {
        let res = post_form(&app, &requests, body).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        for expected in [says, kept] {
            assert!(
                res.text.contains(expected),
                "{body}: lacks {expected}: {}",
                res.text
            );
        }
        assert_eq!(res.text.matches(" checked").count(), 1, "{body}");
    }
    assert_eq!(app.get("/api/v1/requests").await.json()["data"], json!([]));

    let sent = post_form(&app, &requests, "kind=not_received&parcel=2").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text);
    let listed = app.get("/api/v1/requests").await.json();
    assert_eq!(listed["data"][0]["shipment_id"], second["id"]);
}

async fn an_orders_link_expires_once_every_parcel_has(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app
        .order("#6006", &["1Z999AA10123456784", "1Z999AA10123456791"])
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
    // Delivered two days before the test clock's now.
    let delivered = json!({ "occurred_at": "2026-03-01T10:00:00Z", "stage": "delivered", "description": "Delivered" });
    event(&app, &order["shipments"][0], delivered.clone()).await;
    let path = order_link(&order);
    assert_eq!(
        app.get(&link(&order["shipments"][0])).await.status,
        StatusCode::GONE
    );
    assert_eq!(
        app.get(&path).await.status,
        StatusCode::OK,
        "one parcel is still on its way"
    );

    event(&app, &order["shipments"][1], delivered).await;
    let gone = app.get(&path).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(gone.text.contains("This tracking link has expired"));
    assert!(gone.text.contains("href=\"/acme/track\""), "{}", gone.text);
    assert_eq!(
        post_form(&app, &format!("{path}/requests"), "kind=other&parcel=1")
            .await
            .status,
        StatusCode::GONE
    );
}

async fn an_order_without_parcels_says_it_is_being_prepared(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    let order = app.order("#6007", &[]).await;
    let page = app.get(&order_link(&order)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Preparing your order"), "{}", page.text);
    assert!(
        !page.text.contains("Need something?"),
        "no parcel to ask about"
    );
    assert_eq!(
        post_form(
            &app,
            &format!("{}/requests", order_link(&order)),
            "kind=other"
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
