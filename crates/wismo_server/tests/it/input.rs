//! Input at the API's edge: bodies that are JSON objects.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Db, Response, TestApp};

crate::on_both_backends!(bodies_that_are_json_arrays_are_refused_and_change_nothing);

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
