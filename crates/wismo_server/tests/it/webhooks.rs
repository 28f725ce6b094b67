//! Inbound aggregator webhooks: verified, recorded through the pipeline, idempotent on replay.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use wismo_carriers::push::Provider;
use wismo_domain::Secret;

use crate::harness::{Db, TestApp};

crate::on_both_backends!(pushed_updates_are_verified_recorded_once_and_move_the_stage);

fn example(provider: Provider) -> Vec<u8> {
    let file = match provider {
        Provider::EasyPost => "easypost_tracker_updated_event.json",
        Provider::AfterShip => "aftership_tracking_update.json",
        Provider::SeventeenTrack => "17track_tracking_updated.json",
    };
    std::fs::read(crate::harness::testdata(&format!("webhooks/{file}"))).unwrap()
}

fn push(
    provider: Provider,
    store: &str,
    header: Option<(&str, String)>,
    body: Vec<u8>,
) -> Request<Body> {
    let mut req = Request::post(format!("/webhooks/{}/{store}", provider.slug()))
        .header("content-type", "application/json");
    if let Some((name, value)) = header {
        req = req.header(name, value);
    }
    req.body(Body::from(body)).unwrap()
}

async fn pushed_updates_are_verified_recorded_once_and_move_the_stage(db: Db) {
    let Some(app) = TestApp::new(db).await else {
        return;
    };
    for (i, provider) in [
        Provider::EasyPost,
        Provider::AfterShip,
        Provider::SeventeenTrack,
    ]
    .into_iter()
    .enumerate()
    {
        let mut body = example(provider);
        if provider == Provider::EasyPost {
            // EasyPost's official fixture tracks the number "1"; no real shipment has it.
            body = String::from_utf8(body)
                .unwrap()
                .replacen(
                    r#""tracking_code":"1""#,
                    r#""tracking_code":"794644790132""#,
                    1,
                )
                .replacen(
                    r#""tracking_code": "1""#,
                    r#""tracking_code": "794644790132""#,
                    1,
                )
                .into_bytes();
        }
        let tracking = provider.parse(&body).unwrap().remove(0);
        let order = app
            .order(&format!("#P{i}"), &[tracking.tracking_number.as_str()])
            .await;
        let shipment = format!("/api/v1/shipments/{}", order["shipments"][0]["id"]);
        let secret = format!("whsec-{}", provider.slug());

        // No secret set yet: refused, nothing stored.
        let signed = provider.sign(&secret, &body);
        let res = app
            .send(push(
                provider,
                "acme",
                Some((signed.0, signed.1.clone())),
                body.clone(),
            ))
            .await;
        res.problem(StatusCode::UNAUTHORIZED);
        let context = wismo_server::secrets::webhook_context(app.store_id, provider.slug());
        let sealed = app.secrets.seal(&Secret::new(&secret), &context).unwrap();
        app.store
            .set_webhook_secret(app.store_id, provider.slug(), &sealed)
            .await
            .unwrap();

        // A wrong signature or none: refused, nothing stored.
        let forged = provider.sign("not-the-secret", &body);
        app.send(push(
            provider,
            "acme",
            Some((forged.0, forged.1)),
            body.clone(),
        ))
        .await
        .problem(StatusCode::UNAUTHORIZED);
        app.send(push(provider, "acme", None, body.clone()))
            .await
            .problem(StatusCode::UNAUTHORIZED);
        let mut tampered = body.clone();
        tampered.push(b' ');
        app.send(push(
            provider,
            "acme",
            Some((signed.0, signed.1.clone())),
            tampered,
        ))
        .await
        .problem(StatusCode::UNAUTHORIZED);
        assert_eq!(
            app.get(&shipment).await.json()["events"],
            json!([]),
            "{provider:?}: refused pushes stored nothing"
        );

        // Signed: recorded, and the stage follows.
        let res = app
            .send(push(
                provider,
                "acme",
                Some((signed.0, signed.1.clone())),
                body.clone(),
            ))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{provider:?}: {}", res.text);
        let first = res.json();
        assert_eq!(first["matched_shipments"], 1, "{provider:?}");
        let recorded = first["events_recorded"].as_u64().unwrap();
        assert_eq!(recorded as usize, tracking.events.len(), "{provider:?}");
        let after = app.get(&shipment).await.json();
        assert_eq!(
            after["events"].as_array().unwrap().len(),
            tracking.events.len(),
            "{provider:?}"
        );
        assert_ne!(after["stage"], "pending", "{provider:?}");

        // A replay changes nothing.
        let again = app
            .send(push(
                provider,
                "acme",
                Some((signed.0, signed.1)),
                body.clone(),
            ))
            .await
            .json();
        assert_eq!(again["events_recorded"], 0, "{provider:?}");
        assert_eq!(app.get(&shipment).await.json(), after, "{provider:?}");
    }
    app.send(push(
        Provider::EasyPost,
        "no-such-store",
        None,
        b"{}".to_vec(),
    ))
    .await
    .problem(StatusCode::NOT_FOUND);
    let res = app
        .send(
            Request::post("/webhooks/pigeon/acme")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    res.problem(StatusCode::NOT_FOUND);
}
