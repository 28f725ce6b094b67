//! `GET/POST /admin/forgot`: a link that sets a new password, by email.
//!
//! The answer is the same page, after the same time ([`ANSWER_AFTER`]), whether or not an
//! account uses the address, so the form tells nobody who has an account. Asking is
//! throttled per client address as sign-in is (429 past it), and per address asked for:
//! past [`AdminParts::forgot_per_account`](super::AdminParts) the page answers the same
//! and nothing more is sent. Without a relay the page says to ask the server's operator.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use std::time::Duration;
use wismo_domain::admin::{LINK_LIFETIME, LinkPurpose};

use super::{AdminState, Tr, csrf_refused, links, page, session};
use crate::http::client_addr::ClientAddr;
use crate::jobs::{BackgroundJob as _, SendAccountLink};

/// How long every answer to the form takes at least, found or not.
pub const ANSWER_AFTER: Duration = Duration::from_millis(400);

#[derive(Template)]
#[template(path = "admin/forgot.html")]
pub struct ForgotPage {
    pub tr: Tr,
    /// Nobody is signed in on this page.
    pub user: Option<wismo_domain::admin::User>,
    pub csrf: String,
    /// Whether this server can send email.
    pub relay: bool,
    /// Whether the form was sent (the page says a link went out, if the account exists).
    pub sent: bool,
    pub error: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf: String,
}

fn forgot_page(
    state: &AdminState,
    tr: &Tr,
    headers: &HeaderMap,
    status: StatusCode,
    sent: bool,
    error: Option<&'static str>,
) -> Response {
    let (csrf, cookie) = session::form_token(state, headers);
    let mut response = page(
        status,
        &ForgotPage {
            tr: tr.clone(),
            user: None,
            csrf,
            relay: state.config.email.smtp_url.is_some(),
            sent,
            error,
        },
    );
    if let Some([(name, value)]) = cookie {
        response.headers_mut().append(name, value);
    }
    response
}

/// `GET /admin/forgot`
pub async fn form(State(state): State<AdminState>, tr: Tr, headers: HeaderMap) -> Response {
    forgot_page(&state, &tr, &headers, StatusCode::OK, false, None)
}

/// `POST /admin/forgot`
pub async fn submit(
    State(state): State<AdminState>,
    tr: Tr,
    client: ClientAddr,
    headers: HeaderMap,
    form: Result<Form<ForgotForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused(&tr);
    };
    if !session::form_token_ok(&state, &headers, &form.csrf) {
        return csrf_refused(&tr);
    }
    if state.config.email.smtp_url.is_none() {
        return forgot_page(&state, &tr, &headers, StatusCode::OK, false, None);
    }
    if let Err(wait) = state
        .per_client
        .check(&format!("forgot|{}", client.limit_key()))
    {
        let mut response = forgot_page(
            &state,
            &tr,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            false,
            Some("admin-login-throttled"),
        );
        if let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    let until = tokio::time::Instant::now() + ANSWER_AFTER;
    let account = form.email.trim().to_lowercase();
    if state.forgot_per_account.check(&account).is_ok()
        && let Err(e) = send_link(&state, &tr, &account).await
    {
        tracing::error!(error = %e, "cannot queue a password-reset email");
    }
    tokio::time::sleep_until(until).await;
    forgot_page(&state, &tr, &headers, StatusCode::OK, true, None)
}

/// Queues the email with a new link when `account` is a user's.
async fn send_link(state: &AdminState, tr: &Tr, account: &str) -> anyhow::Result<()> {
    let Some(found) = state.store.user_for_sign_in(account).await? else {
        return Ok(());
    };
    let user = found.user;
    let token = links::issue(
        state.store.as_ref(),
        state.clock.as_ref(),
        LinkPurpose::SetPassword,
        Some(user.id),
        None,
        LINK_LIFETIME,
    )
    .await?;
    SendAccountLink::new(
        &state.secrets,
        user.store_id,
        user.id,
        &token,
        tr.locale(),
        None,
    )?
    .enqueue(state.store.as_ref(), state.clock.as_ref())
    .await?;
    Ok(())
}
