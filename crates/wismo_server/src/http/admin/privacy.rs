//! `/admin/privacy`, for owners only: erase a customer's personal data on request, and set
//! how long finished orders keep it (`wismo_domain::privacy` has the rules; the API and
//! `wismo customer erase` do the same).

use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_domain::privacy::{ErasureRequest, Retention};

use super::{AdminState, SignedIn, Tr, csrf_refused, page, refuse_unless_owner, see_other};

#[derive(Template)]
#[template(path = "admin/privacy.html")]
pub struct PrivacyPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    /// The retention field as stored or as typed.
    pub days: String,
    pub days_error: Option<String>,
    pub email: String,
    pub phone: String,
    pub erase_error: Option<String>,
    /// What the last action did, said in a sentence.
    pub notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    erased: Option<u64>,
    saved: Option<u8>,
}

#[derive(Debug, Deserialize)]
pub struct RetentionForm {
    csrf: String,
    #[serde(default)]
    days: String,
}

#[derive(Debug, Deserialize)]
pub struct ErasureForm {
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    confirm: Option<String>,
}

/// `GET /admin/privacy`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    done: Result<Query<Done>, QueryRejection>,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let days = match state.store.retention(signed_in.user.store_id).await {
        Ok(days) => days.map(|d| d.to_string()).unwrap_or_default(),
        Err(e) => return super::failed(&tr, &e),
    };
    let done = done.map(|Query(d)| d).unwrap_or_default();
    let notice = match (done.erased, done.saved) {
        (Some(n), _) => Some(tr.with(
            "admin-privacy-erased",
            &[("orders", n.to_string().as_str())],
        )),
        (None, Some(_)) => Some(tr.t("admin-settings-saved")),
        (None, None) => None,
    };
    let page_ = PrivacyPage {
        user: Some(signed_in.user),
        csrf: signed_in.csrf,
        days,
        days_error: None,
        email: String::new(),
        phone: String::new(),
        erase_error: None,
        notice,
        tr,
    };
    page(StatusCode::OK, &page_)
}

/// `POST /admin/privacy/retention`: `days` (blank: keep finished orders' data).
pub async fn set_retention(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<RetentionForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => form,
        _ => return csrf_refused(&tr),
    };
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let typed = form.days.trim();
    let retention = if typed.is_empty() {
        Ok(None)
    } else {
        typed
            .parse::<u32>()
            .ok()
            .and_then(|d| Retention::days(d).ok())
            .map(Some)
            .ok_or(())
    };
    let Ok(retention) = retention else {
        let error = tr.with(
            "admin-privacy-days-invalid",
            &[
                ("min", Retention::MIN_DAYS.to_string().as_str()),
                ("max", Retention::MAX_DAYS.to_string().as_str()),
            ],
        );
        return again(&tr, &signed_in, typed, Some(error), "", "", None);
    };
    match state
        .store
        .set_retention(signed_in.user.store_id, retention)
        .await
    {
        Ok(()) => see_other("/admin/privacy?saved=1"),
        Err(e) => super::failed(&tr, &e),
    }
}

/// `POST /admin/privacy/erase`: `email` and/or `phone`, and `confirm` ticked.
pub async fn erase(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<ErasureForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => form,
        _ => return csrf_refused(&tr),
    };
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let days = match state.store.retention(signed_in.user.store_id).await {
        Ok(days) => days.map(|d| d.to_string()).unwrap_or_default(),
        Err(e) => return super::failed(&tr, &e),
    };
    let who = match ErasureRequest::parse(Some(&form.email), Some(&form.phone)) {
        Ok(who) if form.confirm.is_some() => who,
        Ok(_) => {
            let error = tr.t("admin-privacy-confirm-needed");
            return again(
                &tr,
                &signed_in,
                &days,
                None,
                &form.email,
                &form.phone,
                Some(error),
            );
        }
        Err(_) => {
            let error = tr.t("admin-privacy-contact-invalid");
            return again(
                &tr,
                &signed_in,
                &days,
                None,
                &form.email,
                &form.phone,
                Some(error),
            );
        }
    };
    match state
        .store
        .erase_customer(signed_in.user.store_id, &who, None)
        .await
    {
        Ok(counts) => {
            tracing::info!(
                store = signed_in.user.store_id.0,
                orders = counts.orders,
                "erased a customer's personal data"
            );
            see_other(&format!("/admin/privacy?erased={}", counts.orders))
        }
        Err(e) => super::failed(&tr, &e),
    }
}

/// The page again with what was typed and why it was refused (422).
fn again(
    tr: &Tr,
    signed_in: &SignedIn,
    days: &str,
    days_error: Option<String>,
    email: &str,
    phone: &str,
    erase_error: Option<String>,
) -> Response {
    page(
        StatusCode::UNPROCESSABLE_ENTITY,
        &PrivacyPage {
            tr: tr.clone(),
            user: Some(signed_in.user.clone()),
            csrf: signed_in.csrf.clone(),
            days: days.to_owned(),
            days_error,
            email: email.to_owned(),
            phone: phone.to_owned(),
            erase_error,
            notice: None,
        },
    )
}
