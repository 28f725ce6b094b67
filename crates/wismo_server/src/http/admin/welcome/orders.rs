//! `/admin/welcome/orders`, the guide's second step: the three ways orders reach wismo.
//! A store platform's webhooks (the URL to paste into Shopify, WooCommerce or any system
//! signing the generic feed, and its secret), a CSV file (the imports page's own form and
//! handler), or the API (a key, made here and shown once).
//!
//! Staff see the URLs and may upload a file, as on the integrations page; setting a secret
//! or making a key is an owner's (`refuse_unless_owner`), through the same functions as the
//! settings pages (`set_platform_secret`, `keys::create`).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_domain::platform::Platform;

use super::Progress;
use crate::http::admin::connect::integrations::{SecretSet, set_platform_secret};
use crate::http::admin::connect::{checked, field};
use crate::http::admin::{
    AdminState, SignedIn, Tr, csrf_refused, failed, not_found, page, refuse_unless_owner, see_other,
};
use crate::integrations;
use crate::keys::{self, KeyName};

/// A platform's feed as the step shows it.
pub struct FeedRow {
    pub platform: &'static str,
    pub name: String,
    pub url: String,
    /// Whether a secret is set.
    pub connected: bool,
}

#[derive(Template)]
#[template(path = "admin/welcome_orders.html")]
pub struct OrdersStepPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub progress: Progress,
    pub owner: bool,
    pub feeds: Vec<FeedRow>,
    /// What was just made and its label (a secret, a key): shown this once.
    pub shown: Option<(String, String)>,
    /// A refused secret: the platform and what was wrong.
    pub secret_error: Option<(&'static str, String)>,
    /// A refused key name.
    pub key_error: String,
    pub done: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /admin/welcome/orders`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    let done = match done.done.as_deref() {
        Some("secret") => tr.t("admin-feeds-secret-saved"),
        _ => String::new(),
    };
    render(
        &state,
        tr,
        signed_in,
        StatusCode::OK,
        Shown {
            done,
            ..Shown::default()
        },
    )
    .await
}

/// What a page answering a form shows besides the step.
#[derive(Default)]
struct Shown {
    made: Option<(String, String)>,
    secret_error: Option<(&'static str, String)>,
    key_error: String,
    done: String,
}

/// `POST /admin/welcome/orders/secret` (owners): `platform` and `secret`, as the
/// integrations page's form takes them; what wismo makes is shown once.
pub async fn set_secret(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let Some(fields) = checked(&signed_in, &body) else {
        return csrf_refused(&tr);
    };
    let Ok(platform) = Platform::parse(field(&fields, "platform").unwrap_or_default()) else {
        return not_found(&tr);
    };
    let typed = field(&fields, "secret").unwrap_or_default();
    let set = set_platform_secret(&state, &tr, &signed_in, platform, typed, "the setup guide");
    match set.await {
        Ok(SecretSet::Refused(error)) => {
            let shown = Shown {
                secret_error: Some((platform.as_str(), error)),
                ..Shown::default()
            };
            render(
                &state,
                tr,
                signed_in,
                StatusCode::UNPROCESSABLE_ENTITY,
                shown,
            )
            .await
        }
        Ok(SecretSet::Made { shown, done }) => {
            let shown = Shown {
                made: Some(shown),
                done,
                ..Shown::default()
            };
            render(&state, tr, signed_in, StatusCode::OK, shown).await
        }
        Ok(SecretSet::Set) => see_other("/admin/welcome/orders?done=secret"),
        Err(failure) => failure,
    }
}

/// `POST /admin/welcome/orders/key` (owners): makes an API key named `name` and shows it,
/// this once, as the keys page does.
pub async fn create_key(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let Some(fields) = checked(&signed_in, &body) else {
        return csrf_refused(&tr);
    };
    let Some(name) = KeyName::parse(field(&fields, "name").unwrap_or_default()) else {
        let shown = Shown {
            key_error: tr.with(
                "admin-keys-name-invalid",
                &[("max", &keys::MAX_NAME_CHARS.to_string())],
            ),
            ..Shown::default()
        };
        return render(
            &state,
            tr,
            signed_in,
            StatusCode::UNPROCESSABLE_ENTITY,
            shown,
        )
        .await;
    };
    match keys::create(state.store.as_ref(), signed_in.user.store_id, &name).await {
        Ok((key, secret)) => {
            tracing::info!(key = key.id.0, "API key created from the setup guide");
            let label = tr.with("admin-keys-created", &[("name", &key.name)]);
            let shown = Shown {
                made: Some((label, secret)),
                ..Shown::default()
            };
            render(&state, tr, signed_in, StatusCode::OK, shown).await
        }
        Err(e) => failed(&tr, &e),
    }
}

async fn render(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    status: StatusCode,
    shown: Shown,
) -> Response {
    let store = signed_in.user.store_id;
    let (tenant, connected) = match tokio::try_join!(
        state.store.get_store(store),
        state.store.list_integrations(store),
    ) {
        Ok(both) => both,
        Err(e) => return failed(&tr, &e),
    };
    let feeds = Platform::ALL
        .into_iter()
        .map(|platform| FeedRow {
            platform: platform.as_str(),
            name: tr.t(&format!("admin-feeds-{}", platform.as_str())),
            url: integrations::url(&state.config.public_url, platform, tenant.slug.as_str()),
            connected: connected.iter().any(|i| i.platform == platform),
        })
        .collect();
    page(
        status,
        &OrdersStepPage {
            progress: Progress::at(&tr, "orders"),
            owner: signed_in.user.role.manages_store(),
            feeds,
            shown: shown.made,
            secret_error: shown.secret_error,
            key_error: shown.key_error,
            done: shown.done,
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}
