//! `/u/{token}`: unsubscribing from a store's update emails, the link every such email
//! carries (RFC 8058).
//!
//! The token is the notification's id with a MAC under the server's key, so the link alone
//! says who and which store, and cannot be guessed or altered. A mail provider's one-click
//! `POST` (body `List-Unsubscribe=One-Click`, form-encoded or multipart) opts out at once
//! and is answered 200 directly: no cookies, no redirect. A `GET` (a person, or a link
//! scanner) changes nothing: it shows a page where the customer confirms, or subscribes
//! again. The opt-out is per customer and store, honoured before any queued message goes,
//! and beats a later order's consent.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use wismo_domain::notify::Channel;
use wismo_domain::{Locale, Tenant};
use wismo_store::StoreError;
use wismo_store::notify::Notification;

use super::{PageState, internal_error, not_found, page_headers};
use crate::jobs::UNSUBSCRIBE;

/// The largest body taken: a one-click post or the page's own form.
pub const MAX_UNSUBSCRIBE_BYTES: usize = 4 * 1024;

#[derive(askama::Template, askama_web::WebTemplate)]
#[template(path = "unsubscribe.html")]
pub struct UnsubscribePage {
    pub lang: String,
    pub title: String,
    pub done: Option<String>,
    pub ask: String,
    pub token: String,
    /// What the form's button does: `unsubscribe` or `resubscribe`.
    pub choice: &'static str,
    pub button: String,
}

/// What a post asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Unsubscribe,
    Resubscribe,
}

/// The page: what the customer can do now.
pub async fn show(State(state): State<PageState>, Path(token): Path<String>) -> Response {
    match subject(&state, &token).await {
        Ok(Some((n, tenant))) => page(&state, &token, &n, &tenant, None).await,
        Ok(None) => not_found(),
        Err(e) => internal_error(&e),
    }
}

/// A one-click unsubscribe, or the page's own form.
pub async fn submit(
    State(state): State<PageState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (n, tenant) = match subject(&state, &token).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => return internal_error(&e),
    };
    let Some(choice) = read_choice(&headers, &body) else {
        return super::bad_request();
    };
    let out = choice == Choice::Unsubscribe;
    if let Err(e) = state
        .store
        .set_opt_out(n.store_id, &n.recipient, &[n.channel], out)
        .await
    {
        return internal_error(&e);
    }
    tracing::info!(
        store = n.store_id.0,
        notification = n.id,
        out,
        "unsubscribe link used"
    );
    page(&state, &token, &n, &tenant, Some(choice)).await
}

/// What the body asks: RFC 8058's `List-Unsubscribe=One-Click` (form-encoded, or as a
/// multipart field), or the page's `choice`.
fn read_choice(headers: &HeaderMap, body: &[u8]) -> Option<Choice> {
    let text = std::str::from_utf8(body).ok()?;
    let multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if multipart {
        return (text.contains("name=\"List-Unsubscribe\"") && text.contains("One-Click"))
            .then_some(Choice::Unsubscribe);
    }
    for pair in text.split('&') {
        match pair.trim() {
            "List-Unsubscribe=One-Click" | "choice=unsubscribe" => {
                return Some(Choice::Unsubscribe);
            }
            "choice=resubscribe" => return Some(Choice::Resubscribe),
            _ => {}
        }
    }
    None
}

/// The notification and store a token was made for; `None` for a token that is not one
/// of wismo's, or whose message is gone.
async fn subject(
    state: &PageState,
    token: &str,
) -> Result<Option<(Notification, Tenant)>, StoreError> {
    let Some(id) = state.secrets.open_link_token(UNSUBSCRIBE, token) else {
        return Ok(None);
    };
    let n = match state.store.get_notification(id).await {
        Ok(n) => n,
        Err(StoreError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    if n.channel == Channel::Webhook {
        return Ok(None);
    }
    let tenant = match state.store.get_store(n.store_id).await {
        Ok(t) => t,
        Err(StoreError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some((n, tenant)))
}

async fn page(
    state: &PageState,
    token: &str,
    n: &Notification,
    tenant: &Tenant,
    done: Option<Choice>,
) -> Response {
    let opted_out = match state.store.opt_outs(n.store_id, &n.recipient).await {
        Ok(channels) => channels.contains(&n.channel),
        Err(e) => return internal_error(&e),
    };
    let locale: &Locale = &tenant.default_locale;
    let texts = &state.texts;
    let store = tenant.name.as_str();
    let say = |id: &str| texts.message(locale, id, &[("store", store)]);
    let (ask, choice, button) = if opted_out {
        (
            say("resubscribe-ask"),
            "resubscribe",
            say("resubscribe-button"),
        )
    } else {
        (
            say("unsubscribe-ask"),
            "unsubscribe",
            say("unsubscribe-button"),
        )
    };
    let page = UnsubscribePage {
        lang: texts.resolve(locale).to_owned(),
        title: say("unsubscribe-title"),
        done: done.map(|c| match c {
            Choice::Unsubscribe => say("unsubscribe-done"),
            Choice::Resubscribe => say("resubscribe-done"),
        }),
        ask,
        token: token.to_owned(),
        choice,
        button,
    };
    (
        StatusCode::OK,
        page_headers(),
        [(header::CACHE_CONTROL, "no-store")],
        page,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn one_click_bodies_are_read_in_both_encodings() {
        let form = HeaderMap::new();
        assert_eq!(
            read_choice(&form, b"List-Unsubscribe=One-Click"),
            Some(Choice::Unsubscribe)
        );
        assert_eq!(
            read_choice(&form, b"choice=resubscribe"),
            Some(Choice::Resubscribe)
        );
        assert_eq!(read_choice(&form, b"List-Unsubscribe=Maybe"), None);
        let mut multipart = HeaderMap::new();
        multipart.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("multipart/form-data; boundary=x"),
        );
        let body = b"--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--\r\n";
        assert_eq!(read_choice(&multipart, body), Some(Choice::Unsubscribe));
    }
}
