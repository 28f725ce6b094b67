//! The carrier-facing endpoints: OAuth token endpoints and tracking calls in each carrier's
//! wire format, with the request shape checked as the real carrier would.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::Value;
use std::collections::HashMap;
use tower_http::compression::CompressionLayer;

use super::render::{self, View};
use super::{FaultKind, Sandbox};
use crate::detect::normalize;

pub fn routes(sandbox: Sandbox) -> Router {
    Router::new()
        .route("/sandbox/ups/security/v1/oauth/token", post(ups_token))
        .route("/sandbox/ups/api/track/v1/details/{number}", get(ups_track))
        .route("/sandbox/fedex/oauth/token", post(fedex_token))
        // FedEx answers compressed when asked, as the real one may.
        .route(
            "/sandbox/fedex/track/v1/trackingnumbers",
            post(fedex_track).layer(CompressionLayer::new()),
        )
        .route("/sandbox/usps/oauth2/v3/token", post(usps_token))
        .route(
            "/sandbox/usps/tracking/v3/tracking/{number}",
            get(usps_track),
        )
        .route("/sandbox/dhl/track/shipments", get(dhl_track))
        .with_state(sandbox)
}

fn json(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

fn form_or_json(headers: &HeaderMap, body: &[u8]) -> HashMap<String, String> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        serde_json::from_slice(body).unwrap_or_default()
    } else {
        serde_urlencoded::from_bytes(body).unwrap_or_default()
    }
}

/// Applies an injected fault: an error answer, or a delay before the normal one.
async fn faulted(
    sandbox: &Sandbox,
    carrier: &'static str,
    numbers: &[String],
    error_body: fn(u16) -> Value,
) -> Option<Response> {
    let fault = sandbox.begin(carrier, numbers)?;
    match fault.kind {
        FaultKind::ServerError => Some(json(StatusCode::INTERNAL_SERVER_ERROR, error_body(500))),
        FaultKind::RateLimited => {
            let mut response = json(StatusCode::TOO_MANY_REQUESTS, error_body(429));
            let seconds = fault.retry_after.unwrap_or(30).to_string();
            if let Ok(value) = header::HeaderValue::from_str(&seconds) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            Some(response)
        }
        FaultKind::Slow => {
            tokio::time::sleep(std::time::Duration::from_millis(
                fault.delay_ms.unwrap_or(30_000),
            ))
            .await;
            None
        }
        FaultKind::Malformed => Some(
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                "{\"trackResponse\": [unterminated",
            )
                .into_response(),
        ),
    }
}

// ---- UPS ----

async fn ups_token(State(sandbox): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    let creds = &sandbox.inner.credentials;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", creds.client_id, creds.client_secret))
    );
    let form = form_or_json(&headers, &body);
    let authorized = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        == Some(expected.as_str());
    if !authorized || form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        sandbox.count_token_request("ups");
        return json(
            StatusCode::UNAUTHORIZED,
            render::ups_error("250003", "Invalid Access License number"),
        );
    }
    let token = sandbox.issue_token("ups");
    json(
        StatusCode::OK,
        serde_json::json!({
            "token_type": "Bearer", "issued_at": sandbox.now().timestamp_millis().to_string(), "client_id": creds.client_id,
            "access_token": token, "scope": "", "expires_in": super::TOKEN_LIFETIME.as_secs().to_string(), "refresh_count": "0", "status": "approved"
        }),
    )
}

fn ups_error_body(status: u16) -> Value {
    match status {
        429 => render::ups_error("10429", "Too Many Requests"),
        _ => render::ups_error("10500", "Internal server error"),
    }
}

async fn ups_track(
    State(sandbox): State<Sandbox>,
    Path(number): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !bearer(&headers).is_some_and(|t| sandbox.token_valid("ups", t)) {
        sandbox.count_refused("ups");
        return json(
            StatusCode::UNAUTHORIZED,
            render::ups_error("250002", "Invalid Authentication Information."),
        );
    }
    for required in ["transId", "transactionSrc"] {
        if headers.get(required).is_none() {
            return json(
                StatusCode::BAD_REQUEST,
                render::ups_error("TV1001", &format!("Missing header {required}")),
            );
        }
    }
    let number = normalize(&number);
    let numbers = [number.clone()];
    let response = match faulted(&sandbox, "ups", &numbers, ups_error_body).await {
        Some(r) => r,
        None => match sandbox.visible(&number, "ups") {
            Some((parcel, scans, estimate)) => json(
                StatusCode::OK,
                render::ups(&View {
                    number: &number,
                    started: parcel.started,
                    scans: &scans,
                    estimate: estimate.map(|e| e.until),
                    window_start: estimate.and_then(|e| e.from),
                }),
            ),
            None => json(StatusCode::OK, render::ups_not_found(&number)),
        },
    };
    sandbox.end(&numbers);
    response
}

// ---- FedEx ----

async fn fedex_token(State(sandbox): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    let creds = &sandbox.inner.credentials;
    let form = form_or_json(&headers, &body);
    let ok = form.get("grant_type").map(String::as_str) == Some("client_credentials")
        && form.get("client_id") == Some(&creds.client_id)
        && form.get("client_secret") == Some(&creds.client_secret);
    if !ok {
        sandbox.count_token_request("fedex");
        return json(
            StatusCode::UNAUTHORIZED,
            render::fedex_error(
                "NOT.AUTHORIZED.ERROR",
                "The given client credentials were not valid. Please modify your request and try again.",
            ),
        );
    }
    let token = sandbox.issue_token("fedex");
    json(
        StatusCode::OK,
        serde_json::json!({ "access_token": token, "token_type": "bearer", "expires_in": super::TOKEN_LIFETIME.as_secs(), "scope": "CXS-TP" }),
    )
}

fn fedex_error_body(status: u16) -> Value {
    match status {
        429 => render::fedex_error(
            "RATE.LIMIT.EXCEEDED",
            "We have received too many requests in a short duration. Please wait a while to try again.",
        ),
        _ => render::fedex_error(
            "INTERNAL.SERVER.ERROR",
            "We encountered an unexpected error and are working to resolve the issue.",
        ),
    }
}

async fn fedex_track(State(sandbox): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    if !bearer(&headers).is_some_and(|t| sandbox.token_valid("fedex", t)) {
        sandbox.count_refused("fedex");
        return json(
            StatusCode::UNAUTHORIZED,
            render::fedex_error(
                "NOT.AUTHORIZED.ERROR",
                "Access token expired. Please modify your request and try again.",
            ),
        );
    }
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let numbers: Vec<String> = request["trackingInfo"]
        .as_array()
        .map(|infos| {
            infos
                .iter()
                .filter_map(|i| i["trackingNumberInfo"]["trackingNumber"].as_str())
                .map(normalize)
                .collect()
        })
        .unwrap_or_default();
    if numbers.is_empty() {
        return json(
            StatusCode::BAD_REQUEST,
            render::fedex_error(
                "TRACKING.TRACKINGNUMBER.EMPTY",
                "Please provide tracking number.",
            ),
        );
    }
    if numbers.len() > 30 {
        return json(
            StatusCode::BAD_REQUEST,
            render::fedex_error(
                "TRACKING.TRACKINGNUMBER.LIMIT",
                "Up to 30 tracking numbers per request.",
            ),
        );
    }
    let response = match faulted(&sandbox, "fedex", &numbers, fedex_error_body).await {
        Some(r) => r,
        None => {
            let results = numbers
                .iter()
                .map(|n| {
                    let result = match sandbox.visible(n, "fedex") {
                        Some((parcel, scans, estimate)) => render::fedex_result(&View {
                            number: n,
                            started: parcel.started,
                            scans: &scans,
                            estimate: estimate.map(|e| e.until),
                            window_start: estimate.and_then(|e| e.from),
                        }),
                        None => render::fedex_not_found(n),
                    };
                    (n.clone(), result)
                })
                .collect();
            json(StatusCode::OK, render::fedex_response(results))
        }
    };
    sandbox.end(&numbers);
    response
}

// ---- USPS ----

async fn usps_token(State(sandbox): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    let creds = &sandbox.inner.credentials;
    let form = form_or_json(&headers, &body);
    let ok = form.get("grant_type").map(String::as_str) == Some("client_credentials")
        && form.get("client_id") == Some(&creds.client_id)
        && form.get("client_secret") == Some(&creds.client_secret);
    if !ok {
        sandbox.count_token_request("usps");
        return json(
            StatusCode::UNAUTHORIZED,
            serde_json::json!({ "error": "invalid_client", "error_description": "Client authentication failed.", "error_uri": "https://datatracker.ietf.org/doc/html/rfc6749#page-45" }),
        );
    }
    // A token without the tracking scope cannot track, as with the real USPS.
    let scope = form
        .get("scope")
        .cloned()
        .unwrap_or_else(|| "tracking".into());
    let tracking = scope.split_whitespace().any(|s| s == "tracking");
    let token = sandbox.issue_token(if tracking { "usps" } else { "usps_other" });
    json(
        StatusCode::OK,
        serde_json::json!({
            "access_token": token, "token_type": "Bearer", "issued_at": sandbox.now().timestamp_millis().to_string(),
            "expires_in": super::TOKEN_LIFETIME.as_secs().to_string(), "status": "approved", "scope": scope, "issuer": "api.usps.com", "client_id": creds.client_id
        }),
    )
}

fn usps_error_body(status: u16) -> Value {
    match status {
        429 => render::usps_error(429, "429", "Too Many Requests"),
        _ => render::usps_error(503, "503", "Service Unavailable"),
    }
}

async fn usps_track(
    State(sandbox): State<Sandbox>,
    Path(number): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let token = bearer(&headers).unwrap_or_default();
    if sandbox.token_valid("usps_other", token) {
        return json(
            StatusCode::FORBIDDEN,
            render::usps_error(403, "403", "The access token lacks the tracking scope"),
        );
    }
    if !sandbox.token_valid("usps", token) {
        sandbox.count_refused("usps");
        return json(
            StatusCode::UNAUTHORIZED,
            render::usps_error(401, "401", "Unauthorized"),
        );
    }
    if query
        .get("expand")
        .is_some_and(|e| e != "DETAIL" && e != "SUMMARY")
    {
        return json(
            StatusCode::BAD_REQUEST,
            render::usps_error(400, "400", "expand must be SUMMARY or DETAIL"),
        );
    }
    let number = normalize(&number);
    let numbers = [number.clone()];
    let response = match faulted(&sandbox, "usps", &numbers, usps_error_body).await {
        Some(r) => r,
        None => match sandbox.visible(&number, "usps") {
            Some((parcel, scans, estimate)) => json(
                StatusCode::OK,
                render::usps(&View {
                    number: &number,
                    started: parcel.started,
                    scans: &scans,
                    estimate: estimate.map(|e| e.until),
                    window_start: estimate.and_then(|e| e.from),
                }),
            ),
            // USPS answers an unknown number with a 400.
            None => json(
                StatusCode::BAD_REQUEST,
                render::usps_error(
                    400,
                    "-2147219302",
                    "The Postal Service could not locate the tracking information for your request. Please verify your tracking number and try again later.",
                ),
            ),
        },
    };
    sandbox.end(&numbers);
    response
}

// ---- DHL ----

fn dhl_error_body(status: u16) -> Value {
    match status {
        429 => render::dhl_problem(429, "Too many requests", "Rate limit exceeded."),
        _ => render::dhl_problem(
            500,
            "Internal Server Error",
            "An unexpected error occurred.",
        ),
    }
}

async fn dhl_track(
    State(sandbox): State<Sandbox>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let key = headers.get("DHL-API-Key").and_then(|v| v.to_str().ok());
    if key != Some(sandbox.inner.credentials.dhl_api_key.as_str()) {
        sandbox.count_refused("dhl");
        return json(
            StatusCode::UNAUTHORIZED,
            render::dhl_problem(401, "Unauthorized", "Invalid API key."),
        );
    }
    let Some(number) = query
        .get("trackingNumber")
        .map(|n| normalize(n))
        .filter(|n| !n.is_empty())
    else {
        return json(
            StatusCode::BAD_REQUEST,
            render::dhl_problem(400, "Bad Request", "trackingNumber is required."),
        );
    };
    let numbers = [number.clone()];
    let response = match faulted(&sandbox, "dhl", &numbers, dhl_error_body).await {
        Some(r) => r,
        None => match sandbox.visible(&number, "dhl") {
            Some((parcel, scans, estimate)) => json(
                StatusCode::OK,
                render::dhl(&View {
                    number: &number,
                    started: parcel.started,
                    scans: &scans,
                    estimate: estimate.map(|e| e.until),
                    window_start: estimate.and_then(|e| e.from),
                }),
            ),
            None => json(
                StatusCode::NOT_FOUND,
                render::dhl_problem(
                    404,
                    "No result found",
                    "No shipment with given tracking number found.",
                ),
            ),
        },
    };
    sandbox.end(&numbers);
    response
}
