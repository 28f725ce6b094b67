//! The sandbox's own endpoints: choose a journey and its timing, inject faults, read the
//! request counts.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::json;

use super::journey::{Scenario, Timing};
use super::{Fault, Sandbox};

pub fn routes(sandbox: Sandbox) -> Router {
    Router::new()
        .route("/sandbox/scenarios", post(set_scenario).get(list_scenarios))
        .route("/sandbox/faults", post(add_fault).delete(clear_faults))
        .route("/sandbox/stats", get(stats).delete(reset_stats))
        .route("/sandbox/clock", get(clock))
        .route("/sandbox/timing", post(set_timing).get(timing))
        .route("/sandbox/tokens", axum::routing::delete(expire_tokens))
        .with_state(sandbox)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetScenario {
    tracking_number: String,
    scenario: Scenario,
    /// When the journey started (default: now).
    started_at: Option<DateTime<Utc>>,
    /// Or how many simulated hours ago it started.
    age_hours: Option<f64>,
}

async fn set_scenario(
    State(sandbox): State<Sandbox>,
    body: Result<Json<SetScenario>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(body) = match body {
        Ok(b) => b,
        Err(e) => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "error": e.body_text() })),
            )
                .into_response();
        }
    };
    let number = crate::detect::normalize(&body.tracking_number);
    if number.is_empty() {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": "tracking_number is empty" })),
        )
            .into_response();
    }
    let now = sandbox.now();
    let started = body.started_at.unwrap_or_else(|| {
        now - Duration::seconds((body.age_hours.unwrap_or(0.0) * 3600.0) as i64)
    });
    sandbox.set_scenario(&number, body.scenario, started);
    Json(json!({ "tracking_number": number, "scenario": body.scenario, "started_at": started }))
        .into_response()
}

async fn list_scenarios() -> Json<serde_json::Value> {
    Json(json!({
        "rule": "unless set here, a number plays scenarios[sum of its digits % 8]; its journey starts when the sandbox first sees it",
        "scenarios": Scenario::PLAYED.iter().map(|s| s.slug()).collect::<Vec<_>>(),
        "also": ["not_found"],
    }))
}

async fn add_fault(
    State(sandbox): State<Sandbox>,
    body: Result<Json<Fault>, axum::extract::rejection::JsonRejection>,
) -> Response {
    match body {
        Ok(Json(fault)) => {
            sandbox.add_fault(fault.clone());
            (StatusCode::CREATED, Json(json!(fault))).into_response()
        }
        Err(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": e.body_text() })),
        )
            .into_response(),
    }
}

async fn clear_faults(State(sandbox): State<Sandbox>) -> StatusCode {
    sandbox.state().faults.clear();
    StatusCode::NO_CONTENT
}

async fn stats(State(sandbox): State<Sandbox>) -> Json<serde_json::Value> {
    Json(
        json!({ "carriers": sandbox.stats(), "overlapping_requests": sandbox.overlapping_requests() }),
    )
}

async fn reset_stats(State(sandbox): State<Sandbox>) -> StatusCode {
    let mut state = sandbox.state();
    state.stats.clear();
    state.overlapping_requests = 0;
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetTiming {
    timing: Timing,
}

async fn set_timing(
    State(sandbox): State<Sandbox>,
    body: Result<Json<SetTiming>, axum::extract::rejection::JsonRejection>,
) -> Response {
    match body {
        Ok(Json(body)) => {
            sandbox.set_timing(body.timing);
            Json(json!({ "timing": body.timing })).into_response()
        }
        Err(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": e.body_text() })),
        )
            .into_response(),
    }
}

async fn timing(State(sandbox): State<Sandbox>) -> Json<serde_json::Value> {
    Json(json!({ "timing": sandbox.timing() }))
}

async fn clock(State(sandbox): State<Sandbox>) -> Json<serde_json::Value> {
    Json(json!({ "now": sandbox.now() }))
}

/// Expires every issued OAuth token, as a carrier does after a key rotation.
async fn expire_tokens(State(sandbox): State<Sandbox>) -> StatusCode {
    sandbox.state().tokens.clear();
    StatusCode::NO_CONTENT
}
