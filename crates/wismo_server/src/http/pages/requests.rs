//! `POST /t/{token}/requests`: the customer tells the store about a delivery (not received,
//! damaged, wrong address, another day, deliver again, address confirmed, something else).
//! Stored as a customer request for the merchant (listed by the API), then the page says
//! it was sent. On an order's page with several parcels the form also says which parcel
//! (`parcel`, its position on the page).
//!
//! The form chooses nothing for the customer, and offers only the requests that fit the
//! parcel's stage ([`RequestKind::allowed_for`]). A post without a parcel or a request, or
//! with a request that does not fit the parcel chosen, gets the page back (422) with what
//! to choose said above the form and what was chosen and typed kept: it works without
//! JavaScript, as the form does.
//!
//! Only posts from wismo's own page are taken, at most a few per link and hour, bodies of
//! at most [`MAX_REQUEST_BYTES`], and the message is plain text the pages escape, of at
//! most [`MAX_MESSAGE_CHARS`] (a longer one is sent back with a note, never cut).

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::time::Duration;
use wismo_domain::{Locale, NewCustomerRequest, RequestKind, Shipment, ShipmentToken};
use wismo_store::TrackingView;

use super::PageState;
use super::keyed_limit::KeyedLimit;
use super::tracking::Resent;

/// The longest message taken.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// The largest body taken: a message at its longest with every character percent-encoded
/// (up to 12 bytes for one of 4 bytes), and the form's other two short fields.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024;

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
    /// Which parcel of an order's page (1 for the first), when it has several.
    #[serde(default)]
    parcel: Option<String>,
    /// The language the page with the form was shown in: the answer is in it too.
    #[serde(default)]
    lang: Option<String>,
}

/// The requests a link's page offers: its parcel's, or on an order's page with several
/// parcels, any parcel's (in [`RequestKind::ALL`] order, "something else" last).
pub fn kinds_offered(view: &TrackingView) -> Vec<RequestKind> {
    match view.parcel() {
        Some(parcel) => RequestKind::allowed_for(parcel.stage).to_vec(),
        None => RequestKind::ALL
            .into_iter()
            .filter(|k| {
                view.order
                    .shipments
                    .iter()
                    .any(|s| RequestKind::allowed_for(s.stage).contains(k))
            })
            .collect(),
    }
}

/// The parcel and the request a form chose, each one the page offers and the request one
/// that fits the parcel's stage; else the form to send back, with what to fix first (the
/// parcel, then the request) and what was chosen that can stay.
fn chosen<'v>(
    view: &'v TrackingView,
    form: &RequestForm,
) -> Result<(&'v Shipment, RequestKind), Resent> {
    let parcels = &view.order.shipments;
    let position = form
        .parcel
        .as_deref()
        .and_then(|p| p.trim().parse::<usize>().ok())
        .filter(|p| (1..=parcels.len()).contains(p));
    let shipment = view
        .parcel()
        .or_else(|| parcels.get(position?.checked_sub(1)?));
    let kind = RequestKind::parse(form.kind.trim())
        .ok()
        .filter(|k| kinds_offered(view).contains(k));
    let resent = |error, kind| Resent {
        error,
        parcel: position,
        kind,
        message: String::new(),
    };
    match (shipment, kind) {
        (None, kind) => Err(resent("action-choose-parcel", kind)),
        (Some(_), None) => Err(resent("action-choose-kind", None)),
        (Some(shipment), Some(kind))
            if !RequestKind::allowed_for(shipment.stage).contains(&kind) =>
        {
            Err(resent("action-kind-unfit", None))
        }
        (Some(shipment), Some(kind)) => Ok((shipment, kind)),
    }
}

/// `POST /t/{token}/requests`
pub async fn create(
    State(state): State<PageState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<RequestForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return super::form_refused(&rejection),
    };
    // As the page shows it: control characters other than line breaks dropped (a browser
    // sends each line break as "\r\n", and the textarea counted it as one).
    let message: String = form
        .message
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    if message.chars().count() > MAX_MESSAGE_CHARS {
        // Orders' and shipments' tokens have one format: anything else is no link.
        if ShipmentToken::parse(&token).is_none() {
            return super::not_found();
        }
        let lang = form
            .lang
            .as_deref()
            .and_then(|l| Locale::parse(l).ok())
            .map(|l| format!("&lang={}", state.texts.resolve(&l)))
            .unwrap_or_default();
        return Redirect::to(&format!("/t/{token}?sent=too-long{lang}")).into_response();
    }
    let view = match super::tracking::link_view(&state, &token).await {
        Ok(Some(view)) => view,
        Ok(None) => return super::not_found(),
        Err(e) => return super::internal_error(&e),
    };
    // The language the page was shown in (as the page after the post chooses it).
    let lang = super::lang::choose(
        &state.texts,
        form.lang.as_deref(),
        view.order.customer.locale.as_ref(),
        &headers,
        &view.store.default_locale,
    );
    if super::tracking::link_expired(&view, state.clock.now()) {
        return super::tracking::expired_page(&state, &lang, &view);
    }
    let back = format!("/t/{token}");
    // The page after the post speaks the language the form was in.
    let in_lang = format!("&lang={}", lang.as_str());
    if super::is_cross_site(&headers) {
        return (StatusCode::FORBIDDEN, Redirect::to(&back)).into_response();
    }
    let (shipment, kind) = match chosen(&view, &form) {
        Ok(chosen) => chosen,
        Err(mut resent) => {
            resent.message = message.trim().to_owned();
            let thumbnails = match super::tracking::thumbnails(&state, &view).await {
                Ok(thumbnails) => thumbnails,
                Err(e) => return super::internal_error(&e),
            };
            return super::tracking::resent_page(&state, &lang, &view, &thumbnails, resent);
        }
    };
    if state.request_limits.0.check(&token).is_err() {
        return Redirect::to(&format!("{back}?sent=wait{in_lang}")).into_response();
    }
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
            Redirect::to(&format!("{back}?sent=1{in_lang}")).into_response()
        }
        Err(e) => super::internal_error(&e),
    }
}
