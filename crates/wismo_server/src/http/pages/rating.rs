//! `POST /t/{token}/rating`: "How was your delivery?" answered with one tap on a delivered
//! parcel's page (1 to 5, a plain form: no JavaScript). Kept once per parcel; tapping
//! another number changes it. On an order's page with several parcels the form says which
//! (`parcel`, its position on the page).
//!
//! Only posts from wismo's own page are taken, at most a few per link and hour; a parcel
//! not delivered yet, or a store that does not ask, refuses the rating (409).

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::time::Duration;
use wismo_domain::{DeliveryRating, Stage};

use super::PageState;
use super::keyed_limit::KeyedLimit;

/// The largest body taken: three short fields.
pub const MAX_RATING_BYTES: usize = 1024;

/// Ratings per private link: 5 at once, then one every 10 minutes.
#[derive(Debug)]
pub struct RatingLimits(KeyedLimit);

impl Default for RatingLimits {
    fn default() -> Self {
        Self(KeyedLimit::new(5, Duration::from_secs(10 * 60)))
    }
}

#[derive(Debug, Deserialize)]
pub struct RatingForm {
    #[serde(default)]
    score: String,
    /// Which parcel of an order's page (1 for the first), when it has several.
    #[serde(default)]
    parcel: Option<String>,
    /// The language the page with the form was shown in: the page after it is in it too.
    #[serde(default)]
    lang: Option<String>,
}

/// `POST /t/{token}/rating`
pub async fn rate(
    State(state): State<PageState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<RatingForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return super::form_refused(&rejection),
    };
    let view = match super::tracking::link_view(&state, &token).await {
        Ok(Some(view)) => view,
        Ok(None) => return super::not_found(),
        Err(e) => return super::internal_error(&e),
    };
    // On a store's own domain, only that store's parcels.
    match super::domain_store(&state, &headers).await {
        Ok(Some(domain_store)) if domain_store.id != view.store.id => return super::not_found(),
        Ok(_) => {}
        Err(e) => return super::internal_error(&e),
    }
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
    if super::is_cross_site(&headers) {
        return (StatusCode::FORBIDDEN, Redirect::to(&back)).into_response();
    }
    let parcels = &view.order.shipments;
    let position = form
        .parcel
        .as_deref()
        .and_then(|p| p.trim().parse::<usize>().ok())
        .and_then(|p| p.checked_sub(1));
    let shipment = view.parcel().or_else(|| parcels.get(position?));
    let score = form
        .score
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|s| DeliveryRating::SCORES.contains(s));
    let (Some(shipment), Some(score)) = (shipment, score) else {
        return super::bad_request();
    };
    if shipment.stage != Stage::Delivered || view.store.branding.delivery_rating_off {
        return refused();
    }
    let in_lang = format!("lang={}", lang.as_str());
    if state.rating_limits.0.check(&token).is_err() {
        return Redirect::to(&format!("{back}?rated=wait&{in_lang}#actions")).into_response();
    }
    match state
        .store
        .rate_delivery(view.store.id, shipment.id, score)
        .await
    {
        Ok(Some(_)) => {
            tracing::info!(store = %view.store.slug, shipment = shipment.id.0, score, "delivery rated");
            Redirect::to(&format!("{back}?{in_lang}#rating-{}", shipment.id.0)).into_response()
        }
        Ok(None) => refused(),
        Err(e) => super::internal_error(&e),
    }
}

/// A rating for a parcel not delivered (or a store that does not ask): the plain "bad
/// request" page, as a conflict with the parcel's state.
fn refused() -> Response {
    let mut response = super::bad_request();
    *response.status_mut() = StatusCode::CONFLICT;
    response
}
