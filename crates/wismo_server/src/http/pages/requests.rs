//! `POST /t/{token}/requests`: the customer tells the store about a delivery (not received,
//! damaged, wrong address, another day, deliver again, address confirmed, something else).
//! Stored as a customer request for the merchant (listed by the API), then the page says
//! it was sent.
//!
//! Only posts from wismo's own page are taken, at most a few per link and hour, and the
//! message is plain text the pages escape.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::time::Duration;
use wismo_domain::{NewCustomerRequest, RequestKind, ShipmentToken, Stage};

use super::keyed_limit::KeyedLimit;
use crate::state::AppState;

/// The longest message kept.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// Requests per private link: 3 at once, then one every 20 minutes.
#[derive(Debug)]
pub struct RequestLimits(KeyedLimit);

impl Default for RequestLimits {
    fn default() -> Self {
        Self(KeyedLimit::new(3, Duration::from_secs(20 * 60)))
    }
}

#[derive(Debug, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    message: String,
}

/// The requests a customer may make about a parcel at `stage`, most likely first.
pub fn kinds_for(stage: Stage) -> &'static [RequestKind] {
    use RequestKind::*;
    match stage {
        Stage::Delivered => &[NotReceived, Damaged, Other],
        Stage::ActionRequired => &[ConfirmAddress, WrongAddress, Redeliver, Reschedule, Other],
        Stage::OutForDelivery => &[Reschedule, WrongAddress, Other],
        Stage::Delayed | Stage::Exception | Stage::Expired => {
            &[NotReceived, WrongAddress, Damaged, Other]
        }
        Stage::Returned | Stage::Cancelled => &[Other],
        _ => &[WrongAddress, Reschedule, Other],
    }
}

/// `POST /t/{token}/requests`
pub async fn create(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(form): Form<RequestForm>,
) -> Response {
    let Some(token) = ShipmentToken::parse(&token) else {
        return super::not_found();
    };
    let view = match state.store.tracking_view(&token).await {
        Ok(Some(view)) => view,
        Ok(None) => return super::not_found(),
        Err(e) => return super::internal_error(&e),
    };
    if super::tracking::link_expired(&view, state.clock.now()) {
        return StatusCode::GONE.into_response();
    }
    let back = format!("/t/{token}");
    if super::is_cross_site(&headers) {
        return (StatusCode::FORBIDDEN, Redirect::to(&back)).into_response();
    }
    let Some(shipment) = view.focused() else {
        return super::not_found();
    };
    let kind = RequestKind::parse(form.kind.trim())
        .ok()
        .filter(|k| kinds_for(shipment.stage).contains(k));
    let Some(kind) = kind else {
        // Only a hand-made post gets here: the page offers valid kinds only.
        return (StatusCode::UNPROCESSABLE_ENTITY, Redirect::to(&back)).into_response();
    };
    if state.request_limits.0.check(token.as_str()).is_err() {
        return Redirect::to(&format!("{back}?sent=wait")).into_response();
    }
    let message: String = form
        .message
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .take(MAX_MESSAGE_CHARS)
        .collect();
    let message = Some(message.trim().to_owned()).filter(|m| !m.is_empty());
    let new = NewCustomerRequest {
        shipment_id: shipment.id,
        kind,
        message,
    };
    match state
        .store
        .create_customer_request(view.store.id, &new)
        .await
    {
        Ok(request) => {
            tracing::info!(
                store = %view.store.slug,
                request = request.id.0,
                kind = kind.as_str(),
                "customer request received"
            );
            Redirect::to(&format!("{back}?sent=1")).into_response()
        }
        Err(e) => super::internal_error(&e),
    }
}
