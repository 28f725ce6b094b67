//! The promise at checkout on a store's own site: `GET /{store}/promise.json` answers the
//! delivery window of an order placed now to a country and postal code, and
//! `/{store}/promise.js` writes it into any element with `data-wismo-promise`. Public and
//! read-only; the store's widget origins may read it from their pages (CORS), other sites
//! are refused. Answers come from this process's cache (the store and its origins, and
//! each lane's history, `crate::promise`), so a busy product page does not reach the
//! database.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use wismo_domain::promise::{Lane, LaneError};
use wismo_domain::{Locale, Promise};
use wismo_store::StoreError;

use super::PageState;
use super::lang;
use super::lookup::{page_lang, tenant};
use super::widget::problem;
use crate::http::problem::Problem;
use crate::promise::Storefront;

const SCRIPT: &str = include_str!("../../../static/promise.js");

/// How long browsers and proxies may keep an answer: the window moves at most once a
/// day, at the cut-off.
const MAX_AGE: &str = "public, max-age=300";

/// Where the order goes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PromiseQuery {
    /// The destination's ISO 3166-1 alpha-2 country code, e.g. `US`.
    #[param(example = "US", pattern = "^[A-Za-z]{2}$")]
    pub country: Option<String>,
    /// The destination's postal code (letters, digits, spaces and dashes, at most 12); the
    /// country's history is used without it.
    #[param(example = "97201", max_length = 12)]
    pub postal_code: Option<String>,
    /// The language of `text` (`en`, `es`, `fr`, `de`, `it`, `pt`); else `Accept-Language`,
    /// else the store's.
    pub lang: Option<String>,
}

/// The delivery window of an order placed now.
#[derive(Debug, Serialize, ToSchema)]
pub struct PromiseAnswer {
    /// The first day it may arrive.
    pub from: NaiveDate,
    /// The last day it should arrive.
    pub until: NaiveDate,
    /// The day it should ship by.
    pub ships_by: NaiveDate,
    /// Which history the transit days come from: `lane` (the country and postal prefix),
    /// `country`, `store` or `default` (wismo's own days, for a store with little history).
    #[schema(schema_with = crate::http::api::views::promise_basis_schema)]
    pub basis: &'static str,
    /// The store's order cut-off (`HH:MM` in `timezone`): orders after it count from the
    /// next business day.
    #[schema(example = "14:00")]
    pub cutoff: String,
    /// The store's time zone.
    pub timezone: String,
    /// The sentence to show, e.g. "Order today, arrives Tue 8 Dec – Thu 10 Dec".
    pub text: String,
    /// The language of `text`.
    pub lang: String,
}

/// The delivery window an order placed now would be promised.
#[utoipa::path(
    get, path = "/{store}/promise.json", tag = "promise",
    params(
        ("store" = String, Path, description = "The store's slug", pattern = "^[a-z][a-z0-9-]{1,47}$", example = "acme"),
        PromiseQuery,
    ),
    responses(
        (status = 200, description = "The window, cacheable for five minutes", body = PromiseAnswer),
        (status = 400, description = "No `country`, or a query that cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A page of a site that is not one of the store's widget origins", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No store at this address: a problem; or, for a name no store can take because another page's path begins with it (`/t/…`, `/u/…`, outside the slug's pattern), that page's own HTML answer", content(
            (Problem = "application/problem+json"),
            (String = "text/html"),
        )),
        (status = 422, description = "The country or postal code is not one", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The store's history cannot be read just now", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn answer(
    State(state): State<PageState>,
    Path(slug): Path<String>,
    query: Result<Query<PromiseQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let Ok(Query(query)) = query else {
        return problem(
            StatusCode::BAD_REQUEST,
            "send ?country=US&postal_code=97201".to_owned(),
        );
    };
    let storefront = match state.promises.storefront(&slug).await {
        Ok(found) => found,
        Err(StoreError::NotFound(_)) => {
            return problem(
                StatusCode::NOT_FOUND,
                "there is no store at this address".to_owned(),
            );
        }
        Err(e) => return unavailable(&e),
    };
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let allowed = origin.filter(|o| storefront.allows(o));
    if origin.is_some() && allowed.is_none() {
        return problem(
            StatusCode::FORBIDDEN,
            "this site is not one of the store's widget origins".to_owned(),
        );
    }
    let mut response = match window(&state, &storefront, &query).await {
        Ok(promise) => {
            let lang = page_lang(&state, &storefront.tenant, query.lang.as_deref(), &headers);
            let body = answer_of(&state, &storefront, &promise, &lang);
            let mut response = Json(body).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(MAX_AGE));
            response
        }
        Err(refused) => refused,
    };
    let vary = if allowed.is_some() {
        "Origin, Accept-Language"
    } else {
        "Accept-Language"
    };
    let h = response.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static(vary));
    if let Some(value) = allowed.and_then(|o| HeaderValue::from_str(o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    response
}

/// The promise for the query's lane, or the problem that refuses it.
async fn window(
    state: &PageState,
    storefront: &Storefront,
    query: &PromiseQuery,
) -> Result<Promise, Response> {
    let Some(country) = query.country.as_deref() else {
        return Err(problem(
            StatusCode::BAD_REQUEST,
            "`country` is missing: send ?country=US&postal_code=97201".to_owned(),
        ));
    };
    let lane = Lane::parse(country, query.postal_code.as_deref()).map_err(|e| {
        let detail = match e {
            LaneError::Country(e) => format!("country: {e}"),
            LaneError::PostalCode(e) => format!("postal_code: {e}"),
        };
        problem(StatusCode::UNPROCESSABLE_ENTITY, detail)
    })?;
    let now = state.clock.now();
    state
        .promises
        .promise(&storefront.tenant, &lane, now, now)
        .await
        .map_err(|e| unavailable(&e))
}

fn answer_of(
    state: &PageState,
    storefront: &Storefront,
    promise: &Promise,
    lang: &Locale,
) -> PromiseAnswer {
    let tenant = &storefront.tenant;
    PromiseAnswer {
        from: promise.from,
        until: promise.until,
        ships_by: promise.ships_by,
        basis: promise.basis.as_str(),
        cutoff: tenant.order_cutoff.to_string(),
        timezone: tenant.timezone.to_string(),
        text: sentence(state, lang, promise),
        lang: state.texts.resolve(lang).to_owned(),
    }
}

/// "Order today, arrives Tue 8 Dec – Thu 10 Dec" in the visitor's language.
fn sentence(state: &PageState, lang: &Locale, promise: &Promise) -> String {
    let day = |d: NaiveDate| {
        let noon = d.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
        lang::format_date(&state.texts, lang, "date-day-short", &noon)
    };
    if promise.from == promise.until {
        let date = day(promise.from);
        state
            .texts
            .message(lang, "promise-arrives-on", &[("date", &date)])
    } else {
        let (from, until) = (day(promise.from), day(promise.until));
        state.texts.message(
            lang,
            "promise-arrives-between",
            &[("from", &from), ("until", &until)],
        )
    }
}

fn unavailable(e: &StoreError) -> Response {
    tracing::error!(error = %e, "cannot read the store's delivery history");
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "the store's delivery history cannot be read; try again in a moment".to_owned(),
    )
}

/// `GET /{store}/promise.js`: writes the promise into every element with a
/// `data-wismo-promise` attribute (its `data-country` and `data-postal-code`).
pub async fn script(State(state): State<PageState>, Path(slug): Path<String>) -> Response {
    let tenant = match tenant(&state, &slug).await {
        Ok(tenant) => tenant,
        Err(page) => return page,
    };
    let config = json!({
        "endpoint": format!("{}/{}/promise.json", state.config.public_url, tenant.slug),
    });
    // JSON is a JavaScript expression; `<` is escaped so the text can never close a tag.
    let config = config.to_string().replace('<', "\\u003c");
    let body = SCRIPT.replace("__WISMO_CONFIG__", &config);
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}
