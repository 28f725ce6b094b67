//! The live adapters' own rules, against a loopback server that answers as told: an answer
//! about other numbers is not this parcel's, and the status codes no table knows are
//! counted under the carrier alone.

use axum::Router;
use axum::routing::get;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use wismo_carriers::CarrierError;
use wismo_carriers::adapters::{Account, Carrier, adapter};
use wismo_domain::Secret;

use crate::unknown::{Counted, counted};

/// A DHL adapter whose every call gets `body` back.
async fn dhl_answering(body: Value) -> Arc<dyn Carrier> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let body = body.to_string();
    let router = Router::new().route(
        "/track/shipments",
        get(move || {
            let body = body.clone();
            async move { ([("content-type", "application/json")], body) }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    let account = Account {
        base_url: format!("http://{addr}"),
        client_id: String::new(),
        secret: Secret::new("key"),
        timeout: Duration::from_secs(5),
    };
    adapter("dhl", account).unwrap()
}

/// An Express shipment whose one event has the checkpoint code `checkpoint`.
fn shipment(id: &str, checkpoint: &str) -> Value {
    json!({ "id": id, "service": "express", "events": [{
        "timestamp": "2026-03-02T09:00:00+01:00", "statusCode": "transit",
        "status": checkpoint, "description": "With delivery courier" }] })
}

#[tokio::test]
async fn an_answer_about_another_number_only_is_not_found() {
    let dhl = dhl_answering(json!({ "shipments": [shipment("7777777777", "WC")] })).await;
    assert_eq!(dhl.track("3318810025").await, Err(CarrierError::NotFound));
}

#[tokio::test]
async fn the_number_asked_is_taken_from_among_others() {
    let dhl = dhl_answering(json!({ "shipments": [
        shipment("7777777777", "WC"),
        shipment("3318810025", "WC"),
    ] }))
    .await;
    let tracking = dhl.track("3318 8100 25").await.unwrap();
    assert_eq!(tracking.tracking_number, "3318810025");
}

#[tokio::test]
async fn a_live_answer_counts_its_unknown_codes_under_the_carrier() {
    let dhl = dhl_answering(json!({ "shipments": [shipment("3318810025", "QQ")] })).await;
    let (tracking, metric) = counted(dhl.track("3318810025")).await;
    assert_eq!(tracking.unwrap().unknown_codes.as_slice(), ["transit/QQ"]);
    assert_eq!(
        metric,
        Counted {
            labels: vec![vec![("carrier".into(), "dhl".into())]],
            total: 1
        }
    );
}
