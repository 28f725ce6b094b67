//! Signing in and out, and the one-time links that set a password (a new user, a reset,
//! the first run's owner).
//!
//! A wrong password and an unknown email get the same page and cost the same time (an
//! unknown email is checked against a dummy hash). Attempts are counted per (email, client
//! address): 5 at once, then one a minute, refused past that with 429; and per email from
//! anywhere: past 20, each attempt waits a little longer before it is answered but is never
//! refused, so a stranger hammering the owner's email from elsewhere cannot lock them out.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wismo_domain::admin::{LinkPurpose, Password};
use wismo_domain::{Email, Locale, NewStore, StoreSlug, TimeZone};
use wismo_store::StoreError;
use wismo_store::admin::LinkUse;

use super::session::{self, SignedIn};
use super::{AdminState, csrf_refused, page, password, see_other};
use crate::http::client_addr::ClientAddr;
use crate::keys;

/// The largest sign-in or set-up form taken.
pub const MAX_FORM_BYTES: usize = 8 * 1024;

#[derive(Template)]
#[template(path = "admin/login.html")]
pub struct LoginPage {
    /// Nobody is signed in on this page.
    pub user: Option<wismo_domain::admin::User>,
    pub csrf: String,
    pub error: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

fn login_page(
    state: &AdminState,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<&'static str>,
) -> Response {
    let (csrf, cookie) = session::form_token(state, headers);
    let mut response = page(
        status,
        &LoginPage {
            user: None,
            csrf,
            error,
        },
    );
    if let Some([(name, value)]) = cookie {
        response.headers_mut().append(name, value);
    }
    response
}

/// `GET /admin/login`
pub async fn form(State(state): State<AdminState>, headers: HeaderMap) -> Response {
    login_page(&state, &headers, StatusCode::OK, None)
}

/// `POST /admin/login`
pub async fn submit(
    State(state): State<AdminState>,
    client: ClientAddr,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused();
    };
    if !session::form_token_ok(&state, &headers, &form.csrf) {
        return csrf_refused();
    }
    let account = form.email.trim().to_lowercase();
    if let Err(wait) = state
        .per_client
        .check(&format!("{account}|{}", client.limit_key()))
    {
        let mut response = login_page(
            &state,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            Some("Too many attempts from here. Wait a minute, then try again."),
        );
        if let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    if state.per_account.check(&account).is_err() {
        tokio::time::sleep(super::SLOWDOWN).await;
    }
    let found = match state.store.user_for_sign_in(&account).await {
        Ok(found) => found,
        Err(e) => return super::failed(&e),
    };
    let hash = found.as_ref().and_then(|f| f.password_hash.clone());
    let good = password::verify_async(&state, form.password, hash).await;
    let Some(user) = found.filter(|_| good).map(|f| f.user) else {
        return login_page(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            Some("The email or the password is wrong."),
        );
    };
    match session::start(&state, &headers, &user).await {
        Ok(cookies) => (cookies, see_other("/admin")).into_response(),
        Err(e) => super::failed(&e),
    }
}

/// A signed-in form with only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /admin/logout`: ends this session.
pub async fn logout(
    State(state): State<AdminState>,
    signed_in: SignedIn,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused();
    };
    if !signed_in.csrf_ok(&form.csrf) {
        return csrf_refused();
    }
    if let Err(e) = state.store.end_session(&signed_in.id_hash).await {
        return super::failed(&e);
    }
    (session::cleared(&state), see_other("/admin/login")).into_response()
}

/// `POST /admin/logout-everywhere`: ends every session of the user, this one too.
pub async fn logout_everywhere(
    State(state): State<AdminState>,
    signed_in: SignedIn,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused();
    };
    if !signed_in.csrf_ok(&form.csrf) {
        return csrf_refused();
    }
    if let Err(e) = state.store.end_user_sessions(signed_in.user.id).await {
        return super::failed(&e);
    }
    (session::cleared(&state), see_other("/admin/login")).into_response()
}

#[derive(Template)]
#[template(path = "admin/setup.html")]
pub struct SetupPage {
    /// Nobody is signed in on this page.
    pub user: Option<wismo_domain::admin::User>,
    pub csrf: String,
    pub token: String,
    /// The user whose password it sets; `None` on a first-run link (the email is asked).
    pub email: Option<String>,
    /// Whether a store is made (its name is asked).
    pub new_store: bool,
    pub error: Option<String>,
    pub typed_email: String,
    pub typed_store: String,
}

#[derive(Debug, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    store_name: String,
    #[serde(default)]
    csrf: String,
}

fn link_gone() -> Response {
    super::notice(
        StatusCode::NOT_FOUND,
        "This link has expired or was used",
        "Set-up links work once, for an hour. Ask the store's owner or the server's operator for a new one (wismo user reset-password EMAIL).",
    )
}

/// `GET /admin/setup/{token}`
pub async fn setup_form(
    State(state): State<AdminState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let link = match state.store.link(&keys::hash(&token)).await {
        Ok(Some(link)) => link,
        Ok(None) => return link_gone(),
        Err(e) => return super::failed(&e),
    };
    let (csrf, cookie) = session::form_token(&state, &headers);
    let mut response = page(
        StatusCode::OK,
        &SetupPage {
            user: None,
            csrf,
            token,
            email: link.user.map(|u| u.email.to_string()),
            new_store: link.purpose == LinkPurpose::Claim && link.store.is_none(),
            error: None,
            typed_email: String::new(),
            typed_store: String::new(),
        },
    );
    if let Some([(name, value)]) = cookie {
        response.headers_mut().append(name, value);
    }
    response
}

/// `POST /admin/setup/{token}`: sets the password (and, on a first-run link, makes the
/// owner and maybe the store), then signs in.
pub async fn setup_submit(
    State(state): State<AdminState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<SetupForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused();
    };
    if !session::form_token_ok(&state, &headers, &form.csrf) {
        return csrf_refused();
    }
    let token_hash = keys::hash(&token);
    let link = match state.store.link(&token_hash).await {
        Ok(Some(link)) => link,
        Ok(None) => return link_gone(),
        Err(e) => return super::failed(&e),
    };
    let claim = link.purpose == LinkPurpose::Claim;
    let new_store = claim && link.store.is_none();
    let again = |error: String| {
        page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetupPage {
                user: None,
                csrf: form.csrf.clone(),
                token: token.clone(),
                email: link.user.as_ref().map(|u| u.email.to_string()),
                new_store,
                error: Some(error),
                typed_email: form.email.clone(),
                typed_store: form.store_name.clone(),
            },
        )
    };
    let email = if claim {
        match Email::parse(&form.email) {
            Ok(email) => Some(email),
            Err(e) => return again(e.to_string()),
        }
    } else {
        None
    };
    let store = if new_store {
        match store_from_name(&form.store_name) {
            Ok(store) => Some(store),
            Err(e) => return again(e),
        }
    } else {
        None
    };
    let password = match Password::parse(&form.password) {
        Ok(password) => password,
        Err(e) => return again(e.to_string()),
    };
    let password_hash = match password::hash_async(&state, password).await {
        Ok(hash) => hash,
        Err(e) => return super::failed(e.as_ref()),
    };
    let used = state
        .store
        .use_link(
            &token_hash,
            &LinkUse {
                password_hash,
                email,
                new_store: store,
            },
        )
        .await;
    let user = match used {
        Ok(user) => user,
        Err(StoreError::NotFound(_)) => return link_gone(),
        Err(StoreError::Conflict(why)) => return again(why),
        Err(e) => return super::failed(&e),
    };
    match session::start(&state, &headers, &user).await {
        Ok(cookies) => (cookies, see_other("/admin")).into_response(),
        Err(e) => super::failed(&e),
    }
}

/// A new store named `name`, its slug made from the name.
fn store_from_name(name: &str) -> Result<NewStore, String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err("Give the store a name (at most 100 characters).".into());
    }
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = StoreSlug::parse(slug)
        .or_else(|_| StoreSlug::parse(&format!("{slug}-shop")))
        .map_err(|_| "Use a name with some letters or digits in it.".to_owned())?;
    Ok(NewStore {
        slug,
        name: name.to_owned(),
        default_locale: Locale::default(),
        timezone: TimeZone::parse("UTC").map_err(|e| e.to_string())?,
    })
}
