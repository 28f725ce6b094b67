//! Operations endpoints: liveness and readiness.

use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::problem::ApiError;
use crate::state::Core;

/// `GET /healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers.
pub async fn readyz(State(state): State<Core>) -> Response {
    match state.store.ping().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "database not reachable");
            ApiError::unavailable("the database is not reachable").into_response()
        }
    }
}
