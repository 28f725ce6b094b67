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
use wismo_domain::admin::{LinkPurpose, MIN_PASSWORD_CHARS, Password};
use wismo_domain::{Email, Locale, NewStore, StoreSlug, TimeZone};
use wismo_store::StoreError;
use wismo_store::admin::LinkUse;

use super::session::{self, SignedIn};
use super::{AdminState, Tr, csrf_refused, page, password, see_other};
use crate::http::client_addr::ClientAddr;
use crate::keys;

/// The largest sign-in or set-up form taken.
pub const MAX_FORM_BYTES: usize = 8 * 1024;

#[derive(Template)]
#[template(path = "admin/login.html")]
pub struct LoginPage {
    pub tr: Tr,
    /// Nobody is signed in on this page.
    pub user: Option<wismo_domain::admin::User>,
    pub csrf: String,
    /// The message id of what went wrong.
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
    tr: &Tr,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<&'static str>,
) -> Response {
    let (csrf, cookie) = session::form_token(state, headers);
    let mut response = page(
        status,
        &LoginPage {
            tr: tr.clone(),
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

/// `GET /admin/login`; someone already signed in goes on to `/admin`.
pub async fn form(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: Result<SignedIn, Response>,
    headers: HeaderMap,
) -> Response {
    if signed_in.is_ok() {
        return see_other("/admin");
    }
    login_page(&state, &tr, &headers, StatusCode::OK, None)
}

/// `POST /admin/login`
pub async fn submit(
    State(state): State<AdminState>,
    tr: Tr,
    client: ClientAddr,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused(&tr);
    };
    if !session::form_token_ok(&state, &headers, &form.csrf) {
        return csrf_refused(&tr);
    }
    let account = form.email.trim().to_lowercase();
    if let Err(wait) = state
        .per_client
        .check(&format!("{account}|{}", client.limit_key()))
    {
        let mut response = login_page(
            &state,
            &tr,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            Some("admin-login-throttled"),
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
        Err(e) => return super::failed(&tr, &e),
    };
    let hash = found.as_ref().and_then(|f| f.password_hash.clone());
    let good = password::verify_async(&state, form.password, hash).await;
    let Some(user) = found.filter(|_| good).map(|f| f.user) else {
        return login_page(
            &state,
            &tr,
            &headers,
            StatusCode::UNAUTHORIZED,
            Some("admin-login-wrong"),
        );
    };
    match session::start(&state, &headers, &user).await {
        Ok(cookies) => (cookies, see_other("/admin")).into_response(),
        Err(e) => super::failed(&tr, &e),
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
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused(&tr);
    };
    if !signed_in.csrf_ok(&form.csrf) {
        return csrf_refused(&tr);
    }
    if let Err(e) = state.store.end_session(&signed_in.id_hash).await {
        return super::failed(&tr, &e);
    }
    (session::cleared(&state), see_other("/admin/login")).into_response()
}

/// `POST /admin/logout-everywhere`: ends every session of the user, this one too.
pub async fn logout_everywhere(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused(&tr);
    };
    if !signed_in.csrf_ok(&form.csrf) {
        return csrf_refused(&tr);
    }
    if let Err(e) = state.store.end_user_sessions(signed_in.user.id).await {
        return super::failed(&tr, &e);
    }
    (session::cleared(&state), see_other("/admin/login")).into_response()
}

#[derive(Template)]
#[template(path = "admin/setup.html")]
pub struct SetupPage {
    pub tr: Tr,
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

fn link_gone(tr: &Tr) -> Response {
    super::notice(tr, StatusCode::NOT_FOUND, "admin-gone")
}

/// `GET /admin/setup/{token}`
pub async fn setup_form(
    State(state): State<AdminState>,
    tr: Tr,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let link = match state.store.link(&keys::hash(&token)).await {
        Ok(Some(link)) => link,
        Ok(None) => return link_gone(&tr),
        Err(e) => return super::failed(&tr, &e),
    };
    let (csrf, cookie) = session::form_token(&state, &headers);
    let mut response = page(
        StatusCode::OK,
        &SetupPage {
            tr: tr.clone(),
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
/// owner and maybe the store), then signs in; the first run's owner lands on the setup
/// guide (`/admin/welcome`).
pub async fn setup_submit(
    State(state): State<AdminState>,
    tr: Tr,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<SetupForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf_refused(&tr);
    };
    if !session::form_token_ok(&state, &headers, &form.csrf) {
        return csrf_refused(&tr);
    }
    let token_hash = keys::hash(&token);
    let link = match state.store.link(&token_hash).await {
        Ok(Some(link)) => link,
        Ok(None) => return link_gone(&tr),
        Err(e) => return super::failed(&tr, &e),
    };
    let claim = link.purpose == LinkPurpose::Claim;
    let new_store = claim && link.store.is_none();
    let again = |id: &str| {
        let error = tr.t(id);
        page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetupPage {
                tr: tr.clone(),
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
            Err(_) => return again("admin-setup-bad-email"),
        }
    } else {
        None
    };
    let store = if new_store {
        match store_from_name(&form.store_name) {
            Ok(store) => Some(store),
            Err(id) => return again(id),
        }
    } else {
        None
    };
    let password = match Password::parse(&form.password) {
        Ok(password) => password,
        Err(_) if form.password.chars().count() < MIN_PASSWORD_CHARS => {
            return again("admin-setup-short-password");
        }
        Err(_) => return again("admin-setup-long-password"),
    };
    let password_hash = match password::hash_async(&state, password).await {
        Ok(hash) => hash,
        Err(e) => return super::failed(&tr, e.as_ref()),
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
        Err(StoreError::NotFound(_)) => return link_gone(&tr),
        Err(StoreError::Conflict(why)) if why.contains("slug") => {
            return again("admin-setup-store-taken");
        }
        Err(StoreError::Conflict(_)) => return again("admin-setup-email-taken"),
        Err(e) => return super::failed(&tr, &e),
    };
    // The first run's owner goes on to the setup guide; a reset or an invitation to work.
    let next = if claim { "/admin/welcome" } else { "/admin" };
    match session::start(&state, &headers, &user).await {
        Ok(cookies) => (cookies, see_other(next)).into_response(),
        Err(e) => super::failed(&tr, &e),
    }
}

/// A new store named `name`, its slug made from the name.
/// `Err` is the message id of what is wrong.
fn store_from_name(name: &str) -> Result<NewStore, &'static str> {
    const BAD: &str = "admin-setup-bad-store";
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(BAD);
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
        .map_err(|_| BAD)?;
    Ok(NewStore {
        slug,
        name: name.to_owned(),
        default_locale: Locale::default(),
        timezone: TimeZone::parse("UTC").map_err(|_| BAD)?,
    })
}
