//! `GET /t/{token}.json`: what the page shows, as JSON.

use super::*;

/// `GET /t/{token}.json`: what the page shows, for a store's own front end.
#[derive(Debug, Serialize)]
pub struct JsonView {
    pub order_number: String,
    pub shipments: Vec<JsonShipment>,
}

#[derive(Debug, Serialize)]
pub struct JsonShipment {
    pub carrier: Option<String>,
    pub tracking_number: String,
    pub stage: &'static str,
    pub stage_label: String,
    pub substatus: Option<&'static str>,
    pub estimated_delivery: Option<JsonEstimate>,
    pub delivered_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The carrier's facts the page shows in the parcel's state (docs/API.md); `{}` when none.
    pub facts: wismo_domain::ParcelFacts,
    /// Newest first.
    pub events: Vec<JsonEvent>,
}

#[derive(Debug, Serialize)]
pub struct JsonEstimate {
    pub from: chrono::NaiveDate,
    pub until: chrono::NaiveDate,
    pub confidence: f32,
    pub basis: &'static str,
}

#[derive(Debug, Serialize)]
pub struct JsonEvent {
    pub occurred_at: chrono::DateTime<chrono::FixedOffset>,
    pub stage: &'static str,
    pub description: String,
    pub location: Option<String>,
}

pub(super) fn json_view(state: &PageState, lang: &Locale, view: &TrackingView) -> JsonView {
    let shipments = view.shipments_focus_first();
    let today = state
        .clock
        .now()
        .with_timezone(&time_zone(view))
        .date_naive();
    JsonView {
        order_number: view.order.order_number.to_string(),
        shipments: shipments
            .into_iter()
            .map(|s| JsonShipment {
                carrier: s.carrier.as_ref().map(|c| c.as_str().to_owned()),
                tracking_number: s.tracking_number.to_string(),
                stage: s.stage.as_str(),
                stage_label: state.texts.stage(lang, s.stage).label,
                substatus: s.substatus.map(Substatus::as_str),
                estimated_delivery: s.estimate.map(|e| JsonEstimate {
                    from: e.from,
                    until: e.until,
                    confidence: e.confidence,
                    basis: e.basis.as_str(),
                }),
                delivered_at: s.delivered_at,
                facts: super::card::shown_facts(s, today),
                events: view
                    .events_of(s.id)
                    .iter()
                    .rev()
                    .map(|e| JsonEvent {
                        occurred_at: e.occurred_at,
                        stage: e.stage.as_str(),
                        description: e.description.clone(),
                        location: e.location.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}
