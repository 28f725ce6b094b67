//! Admin sessions: the cookie, the [`SignedIn`] extractor that checks it on every page,
//! starting and ending sessions, and the signed double-submit token forms carry before
//! anyone is signed in.

use crate::http::audit::{Actor, AuditSlot};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{AppendHeaders, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use wismo_domain::admin::{SessionState, User};
use wismo_store::admin::NewSession;

use super::{AdminState, same_secret, see_other};
use crate::keys;

/// The session cookie's name over https (the browser then insists on Secure, Path=/ and
/// no Domain) and over plain http.
const SESSION_SECURE: &str = "__Host-wismo_admin";
const SESSION_PLAIN: &str = "wismo_admin";
/// The pre-sign-in CSRF cookie's names.
const FORM_SECURE: &str = "__Host-wismo_admin_form";
const FORM_PLAIN: &str = "wismo_admin_form";
/// What the pre-sign-in token's MAC is bound to.
const FORM_TOKEN_KIND: &str = "admin-form";

/// A signed-in user on a page: who, their session's CSRF token and the session's id hash.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub csrf: String,
    pub id_hash: String,
}

impl SignedIn {
    /// Whether a form's `csrf` field is this session's token.
    pub fn csrf_ok(&self, field: &str) -> bool {
        same_secret(&self.csrf, field)
    }
}

impl<S> FromRequestParts<S> for SignedIn
where
    S: Send + Sync,
    AdminState: FromRef<S>,
{
    type Rejection = Response;

    /// The session the cookie names, if it is live; else a 303 to the sign-in page (an
    /// expired session is deleted on the way).
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let state = AdminState::from_ref(state);
        let to_sign_in = || see_other("/admin/login");
        let Some(value) = cookie(&parts.headers, session_cookie(&state)) else {
            return Err(to_sign_in());
        };
        let id_hash = keys::hash(value);
        let session = match state.store.session(&id_hash).await {
            Ok(Some(session)) => session,
            Ok(None) => return Err(to_sign_in()),
            Err(e) => {
                let tr = super::Tr::new(state.texts.clone(), &parts.headers);
                return Err(super::failed(&tr, &e));
            }
        };
        let now = state.clock.now();
        match state
            .policy
            .state(session.created_at, session.last_seen_at, now)
        {
            SessionState::Expired => {
                if let Err(e) = state.store.end_session(&id_hash).await {
                    tracing::warn!(error = %e, "cannot delete an expired session");
                }
                Err(to_sign_in())
            }
            SessionState::Live { touch } => {
                if touch && let Err(e) = state.store.touch_session(&id_hash).await {
                    tracing::warn!(error = %e, "cannot record a session's use");
                }
                // Who this is, should the route record a change (`http::audit`).
                if let Some(slot) = parts.extensions.get::<AuditSlot>() {
                    slot.fill(Actor {
                        store: session.user.store_id,
                        who: session.user.email.to_string(),
                    });
                }
                Ok(Self {
                    user: session.user,
                    csrf: session.csrf,
                    id_hash,
                })
            }
        }
    }
}

fn session_cookie(state: &AdminState) -> &'static str {
    if state.secure() {
        SESSION_SECURE
    } else {
        SESSION_PLAIN
    }
}

fn form_cookie(state: &AdminState) -> &'static str {
    if state.secure() {
        FORM_SECURE
    } else {
        FORM_PLAIN
    }
}

/// The value of cookie `name`, if the request has it.
pub(crate) fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value for `name`: HttpOnly, SameSite=Lax, Path=/, and Secure over https;
/// `max_age` 0 deletes it, `None` keeps it for the browser's session.
fn set_cookie(state: &AdminState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let secure = if state.secure() { "; Secure" } else { "" };
    let age = max_age.map_or_else(String::new, |s| format!("; Max-Age={s}"));
    HeaderValue::from_str(&format!(
        "{name}={value}; HttpOnly; SameSite=Lax; Path=/{secure}{age}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("wismo_admin=; Max-Age=0"))
}

/// Starts a session for `user` (a new id every time: nothing from before sign-in is
/// reused) and returns the cookies to set: the session's, and the pre-sign-in token's
/// deletion. A session the request already had is ended.
pub async fn start(
    state: &AdminState,
    headers: &HeaderMap,
    user: &User,
) -> Result<AppendHeaders<[(header::HeaderName, HeaderValue); 2]>, wismo_store::StoreError> {
    if let Some(old) = cookie(headers, session_cookie(state)) {
        state.store.end_session(&keys::hash(old)).await?;
    }
    // Sign-ins are rare: a good moment to drop what can no longer be used.
    let now = state.clock.now();
    state
        .store
        .purge_sessions(now - state.policy.idle, now - state.policy.absolute)
        .await?;
    let value = random_token();
    state
        .store
        .create_session(&NewSession {
            id_hash: keys::hash(&value),
            user: user.id,
            csrf: random_token(),
        })
        .await?;
    let absolute = state.policy.absolute.num_seconds();
    // Appended, not inserted: both are `Set-Cookie`.
    Ok(AppendHeaders([
        (
            header::SET_COOKIE,
            set_cookie(state, session_cookie(state), &value, Some(absolute)),
        ),
        (
            header::SET_COOKIE,
            set_cookie(state, form_cookie(state), "", Some(0)),
        ),
    ]))
}

/// The cookie that ends the session in the browser.
pub fn cleared(state: &AdminState) -> [(header::HeaderName, HeaderValue); 1] {
    [(
        header::SET_COOKIE,
        set_cookie(state, session_cookie(state), "", Some(0)),
    )]
}

/// 32 random bytes, base64url.
fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The pre-sign-in form token of this request (its cookie's, when good), or a new one with
/// the cookie that carries it.
pub fn form_token(
    state: &AdminState,
    headers: &HeaderMap,
) -> (String, Option<[(header::HeaderName, HeaderValue); 1]>) {
    if let Some(token) = cookie(headers, form_cookie(state))
        && state
            .secrets
            .open_link_token(FORM_TOKEN_KIND, token)
            .is_some()
    {
        return (token.to_owned(), None);
    }
    let nonce = rand::random::<i64>() & i64::MAX;
    let token = state.secrets.link_token(FORM_TOKEN_KIND, nonce);
    let cookie = set_cookie(state, form_cookie(state), &token, None);
    (token.clone(), Some([(header::SET_COOKIE, cookie)]))
}

/// Whether a pre-sign-in form's `csrf` field is the token in its cookie, and that token
/// is one this server signed.
pub fn form_token_ok(state: &AdminState, headers: &HeaderMap, field: &str) -> bool {
    cookie(headers, form_cookie(state)).is_some_and(|token| {
        same_secret(token, field)
            && state
                .secrets
                .open_link_token(FORM_TOKEN_KIND, token)
                .is_some()
    })
}
