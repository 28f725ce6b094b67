//! The OpenAPI document says what the API does: what may be null, every error status an
//! operation can answer, the limits the domain enforces, and the logo as an image.
//! (`.ci/schemathesis.sh` checks the same against a live server.)

use serde_json::{Value, json};
use utoipa::OpenApi;
use wismo_server::http::api::ApiDoc;

fn document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).unwrap()
}

/// Every operation in the document, as (method, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            ops.push((method.clone(), path.clone(), op.clone()));
        }
    }
    assert!(ops.len() >= 14, "{ops:?}");
    ops
}

/// A schema, following a `$ref` into the components.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/schemas/");
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

#[test]
fn substatus_is_declared_nullable_wherever_it_appears() {
    let doc = document();
    for schema in ["ShipmentSummary", "EventView", "CreateEvent"] {
        let substatus = &doc["components"]["schemas"][schema]["properties"]["substatus"];
        let types = substatus["type"].as_array();
        assert!(
            types.is_some_and(|t| t.contains(&json!("null")) && t.contains(&json!("string"))),
            "{schema}.substatus: {substatus}"
        );
        let values = substatus["enum"].as_array().unwrap();
        assert!(values.contains(&Value::Null), "{schema}: {substatus}");
        assert!(values.contains(&json!("left_at_door")), "{substatus}");
    }
}

#[test]
fn the_logo_is_uploaded_as_a_binary_image() {
    let doc = document();
    let body = &doc["paths"]["/api/v1/store/logo"]["put"]["requestBody"];
    let content = body["content"].as_object().unwrap();
    let mut types: Vec<&str> = content.keys().map(String::as_str).collect();
    types.sort_unstable();
    assert_eq!(
        types,
        ["image/gif", "image/jpeg", "image/png", "image/webp"],
        "{body}"
    );
    for (content_type, media) in content {
        let schema = resolve(&doc, &media["schema"]);
        assert_eq!(schema["type"], "string", "{content_type}: {schema}");
        assert_eq!(schema["format"], "binary", "{content_type}: {schema}");
    }
    assert_eq!(body["required"], true, "{body}");
}

#[test]
fn every_operation_declares_the_problems_its_layers_can_answer() {
    let doc = document();
    for (method, path, op) in operations(&doc) {
        let responses = &op["responses"];
        for (status, response) in responses.as_object().unwrap() {
            assert!(
                response["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{method} {path} {status} has no description"
            );
        }
        // The promise at checkout is public: no API key, so no 401.
        let mut expected = if op["security"].is_array() {
            vec!["401"]
        } else {
            assert_eq!(
                path, "/{store}/promise.json",
                "{method} {path} has no security"
            );
            vec!["404"]
        };
        let json_body = op["requestBody"]["content"]["application/json"].is_object();
        if json_body {
            expected.extend(["400", "413", "415", "422"]);
        }
        if method == "post" {
            expected.extend(["400", "413", "422"]);
            let header = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["name"] == "Idempotency-Key");
            assert!(
                header.is_some_and(|h| h["in"] == "header" && h["schema"]["maxLength"] == 255),
                "{method} {path}: {op}"
            );
        }
        if path.contains("{id}") {
            expected.push("404");
        }
        for status in expected {
            let problem = &responses[status]["content"]["application/problem+json"]["schema"];
            assert_eq!(
                problem["$ref"], "#/components/schemas/Problem",
                "{method} {path} {status}: {responses}"
            );
        }
    }
    let listing = &doc["paths"]["/api/v1/orders"]["get"]["responses"];
    assert!(
        listing["400"].is_object() && listing["422"].is_object(),
        "{listing}"
    );
    let logo = &doc["paths"]["/api/v1/store/logo"]["put"]["responses"];
    assert!(logo["413"].is_object() && logo["415"].is_object(), "{logo}");
}

#[test]
fn the_document_declares_the_limits_the_domain_enforces() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let order = &schemas["CreateOrder"]["properties"];
    assert_eq!(order["order_number"]["maxLength"], 64);
    assert_eq!(
        order["shipments"]["maxItems"],
        wismo_domain::order::MAX_SHIPMENTS as u64
    );
    assert_eq!(
        order["items"]["maxItems"],
        wismo_domain::order::MAX_ITEMS as u64
    );
    let item = &schemas["ItemInput"]["properties"]["quantity"];
    assert_eq!(
        (&item["minimum"], &item["maximum"]),
        (&json!(1), &json!(100_000))
    );
    let branding = &schemas["BrandingInput"]["properties"];
    assert_eq!(
        branding["faq"]["maxItems"],
        wismo_domain::branding::MAX_FAQ as u64
    );
    assert_eq!(
        branding["footer_links"]["maxItems"],
        wismo_domain::branding::MAX_FOOTER_LINKS as u64
    );
    assert_eq!(branding["link_expiry_days"]["maximum"], 365);
    let fonts: Vec<Value> = wismo_domain::tenant::FONTS
        .iter()
        .map(|(name, _)| json!(name))
        .chain([Value::Null])
        .collect();
    assert_eq!(branding["font"]["enum"], json!(fonts));
    let hosts = &schemas["HostsInput"]["properties"];
    assert_eq!(
        hosts["domains"]["maxItems"],
        wismo_domain::hosts::MAX_HOSTS as u64
    );
    assert_eq!(
        schemas["CreateEvent"]["properties"]["description"]["maxLength"],
        500
    );
    let limit = doc["paths"]["/api/v1/orders"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(
        (&limit["schema"]["minimum"], &limit["schema"]["maximum"]),
        (&json!(1), &json!(200))
    );
    let tracking = &schemas["ShipmentInput"]["properties"]["tracking_number"]["pattern"];
    assert!(tracking.is_string(), "{tracking}");
    let kinds: Vec<Value> = wismo_domain::RequestKind::ALL
        .iter()
        .map(|k| json!(k.as_str()))
        .collect();
    assert_eq!(
        schemas["RequestView"]["properties"]["kind"]["enum"],
        json!(kinds)
    );
}
