//! `/t/{token}`: the customer's private tracking page. Shows the store, the order number and
//! every shipment of the order with its stage in plain words and its scans, each in the
//! local time of the place it happened.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use wismo_domain::{Locale, Shipment, Stage, StageTexts, TrackingEvent};
use wismo_store::TrackingView;

use crate::state::AppState;

#[derive(Template, WebTemplate)]
#[template(path = "tracking.html")]
pub struct TrackingPage {
    pub store_name: String,
    pub order_number: String,
    pub first_name: Option<String>,
    pub shipments: Vec<ShipmentCard>,
}

pub struct ShipmentCard {
    pub focused: bool,
    pub stage: &'static str,
    pub texts: StageTexts,
    pub carrier: Option<String>,
    pub tracking_number: String,
    /// Newest first.
    pub events: Vec<EventLine>,
}

pub struct EventLine {
    pub datetime: String,
    pub when: String,
    pub description: String,
    pub location: Option<String>,
}

/// `GET /t/{token}`
pub async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some(token) = wismo_domain::ShipmentToken::parse(&token) else {
        return super::not_found();
    };
    match state.store.tracking_view(&token).await {
        Ok(Some(view)) => (super::page_headers(), page(&state, &view)).into_response(),
        Ok(None) => super::not_found(),
        Err(e) => super::internal_error(&e),
    }
}

fn page(state: &AppState, view: &TrackingView) -> TrackingPage {
    let locale = view
        .order
        .customer
        .locale
        .clone()
        .unwrap_or_else(|| view.store.default_locale.clone());
    let mut shipments: Vec<ShipmentCard> = view
        .order
        .shipments
        .iter()
        .map(|s| card(state, &locale, s, view.events_of(s.id), s.id == view.focus))
        .collect();
    // The parcel the link was sent for comes first.
    shipments.sort_by_key(|c| !c.focused);
    TrackingPage {
        store_name: view.store.name.clone(),
        order_number: view.order.order_number.to_string(),
        first_name: view.order.customer.first_name().map(str::to_owned),
        shipments,
    }
}

fn card(
    state: &AppState,
    locale: &Locale,
    s: &Shipment,
    events: &[TrackingEvent],
    focused: bool,
) -> ShipmentCard {
    let stage: Stage = s.stage;
    ShipmentCard {
        focused,
        stage: stage.as_str(),
        texts: state.texts.stage(locale, stage),
        carrier: s.carrier.as_ref().map(|c| carrier_name(c.as_str())),
        tracking_number: s.tracking_number.to_string(),
        events: events
            .iter()
            .rev()
            .map(|e| EventLine {
                datetime: e.occurred_at.to_rfc3339(),
                when: e.occurred_at.format("%a %-d %b %Y, %H:%M").to_string(),
                description: e.description.clone(),
                location: e.location.clone(),
            })
            .collect(),
    }
}

/// A carrier's name as customers know it.
fn carrier_name(code: &str) -> String {
    match code {
        "ups" => "UPS".into(),
        "fedex" => "FedEx".into(),
        "usps" => "USPS".into(),
        "dhl" => "DHL".into(),
        other => other.replace('_', " ").to_uppercase(),
    }
}
