//! `/u/{token}`: unsubscribing from a store's update emails, the link every such email
//! carries (RFC 8058).
//!
//! The token is the notification's id with a MAC under the server's key, so the link alone
//! says who and which store, and cannot be guessed or altered. A mail provider's one-click
//! `POST` (body `List-Unsubscribe=One-Click`, form-encoded or multipart) opts out at once
//! and is answered 200 directly: no cookies, no redirect. A `GET` (a person, or a link
//! scanner) changes nothing: it shows a page where the customer confirms, or subscribes
//! again. The opt-out is per customer and store, honoured before any queued message goes,
//! and beats a later order's consent. When the customer is told on more than one channel
//! (email, and texts or calls to the order's phone), the page also lists each with a
//! checkbox, so they can keep some and stop others.

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
    /// The channels to choose from, when there is more than one.
    pub channels: Vec<ChannelBox>,
    pub channels_ask: String,
    pub channels_button: String,
}

/// One channel's checkbox.
pub struct ChannelBox {
    pub name: &'static str,
    /// Safe HTML: the masked contact isolated left to right.
    pub label: String,
    pub checked: bool,
}

/// What a post asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Choice {
    /// Stop the channel the message came on (RFC 8058's one click, or the page's button).
    Unsubscribe,
    Resubscribe,
    /// Keep exactly these of the channels offered.
    Channels(Vec<Channel>),
}

/// A channel the customer may keep or stop, with the contact it reaches.
struct Offered {
    channel: Channel,
    contact: String,
    wanted: bool,
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
    let changes: Vec<(String, Channel, bool)> = match &choice {
        Choice::Unsubscribe => vec![(n.recipient.clone(), n.channel, true)],
        Choice::Resubscribe => vec![(n.recipient.clone(), n.channel, false)],
        Choice::Channels(keep) => match offered(&state, &n).await {
            Ok(offered) => offered
                .into_iter()
                .map(|o| (o.contact, o.channel, !keep.contains(&o.channel)))
                .collect(),
            Err(e) => return internal_error(&e),
        },
    };
    for (contact, channel, out) in changes {
        if let Err(e) = state
            .store
            .set_opt_out(n.store_id, &contact, &[channel], out)
            .await
        {
            return internal_error(&e);
        }
        tracing::info!(
            store = n.store_id.0,
            notification = n.id,
            channel = channel.as_str(),
            out,
            "unsubscribe link used"
        );
    }
    page(&state, &token, &n, &tenant, Some(choice)).await
}

/// The channels the customer can choose between: the one the message came on, and texts
/// and calls to the order's phone that they agreed to (or stopped here before).
async fn offered(state: &PageState, n: &Notification) -> Result<Vec<Offered>, StoreError> {
    let stopped = state.store.opt_outs(n.store_id, &n.recipient).await?;
    let mut offered = vec![Offered {
        channel: n.channel,
        contact: n.recipient.clone(),
        wanted: !stopped.contains(&n.channel),
    }];
    let order = match state.store.get_order(n.store_id, n.order_id).await {
        Ok(order) => order,
        Err(StoreError::NotFound(_)) => return Ok(offered),
        Err(e) => return Err(e),
    };
    let Some(phone) = order.customer.phone.as_ref().map(|p| p.as_str().to_owned()) else {
        return Ok(offered);
    };
    let stopped = state.store.opt_outs(n.store_id, &phone).await?;
    for channel in [Channel::Sms, Channel::Whatsapp, Channel::Voice] {
        let agreed = order.customer.consent.allows(channel);
        if channel != n.channel && (agreed || stopped.contains(&channel)) {
            offered.push(Offered {
                channel,
                contact: phone.clone(),
                wanted: agreed && !stopped.contains(&channel),
            });
        }
    }
    Ok(offered)
}

/// What the body asks: RFC 8058's `List-Unsubscribe=One-Click` (form-encoded, or as a
/// multipart field), or the page's `choice` (with the `channel`s to keep for `channels`).
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
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(text.trim()).ok()?;
    let value = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    if value("List-Unsubscribe") == Some("One-Click") {
        return Some(Choice::Unsubscribe);
    }
    match value("choice")? {
        "unsubscribe" => Some(Choice::Unsubscribe),
        "resubscribe" => Some(Choice::Resubscribe),
        "channels" => {
            let mut keep = Vec::new();
            for (_, name) in pairs.iter().filter(|(k, _)| k == "channel") {
                keep.push(Channel::parse(name).ok()?);
            }
            Some(Choice::Channels(keep))
        }
        _ => None,
    }
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
    let offered = match offered(state, n).await {
        Ok(offered) => offered,
        Err(e) => return internal_error(&e),
    };
    let opted_out = offered.first().is_some_and(|o| !o.wanted);
    // The customer's language when the order names one, else the store's.
    let customer_locale = match state.store.get_order(n.store_id, n.order_id).await {
        Ok(order) => order.customer.locale,
        Err(_) => None,
    };
    let locale: &Locale = customer_locale.as_ref().unwrap_or(&tenant.default_locale);
    let texts = &state.texts;
    let store = tenant.name.as_str();
    let say = |id: &str| texts.message(locale, id, &[("store", store)]);
    let channels = if offered.len() > 1 {
        offered
            .iter()
            .map(|o| ChannelBox {
                name: o.channel.as_str(),
                label: super::isolate::message_ltr(
                    texts,
                    locale,
                    &format!("unsubscribe-channel-{}", o.channel.as_str()),
                    &[(
                        "contact",
                        &crate::http::api::notifications::mask(&o.contact),
                    )],
                ),
                checked: o.wanted,
            })
            .collect()
    } else {
        Vec::new()
    };
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
            Choice::Channels(_) => say("unsubscribe-channels-done"),
        }),
        ask,
        token: token.to_owned(),
        choice,
        button,
        channels,
        channels_ask: say("unsubscribe-channels-ask"),
        channels_button: say("unsubscribe-channels-button"),
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
        assert_eq!(
            read_choice(&form, b"choice=channels&channel=email&channel=sms"),
            Some(Choice::Channels(vec![Channel::Email, Channel::Sms]))
        );
        assert_eq!(
            read_choice(&form, b"choice=channels"),
            Some(Choice::Channels(vec![]))
        );
        assert_eq!(read_choice(&form, b"choice=channels&channel=pigeon"), None);
        let mut multipart = HeaderMap::new();
        multipart.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("multipart/form-data; boundary=x"),
        );
        let body = b"--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--\r\n";
        assert_eq!(read_choice(&multipart, body), Some(Choice::Unsubscribe));
    }
}
