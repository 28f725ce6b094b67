//! `/admin/settings/integrations`: the store's platform feeds (Shopify, WooCommerce, the
//! generic signed feed): the URL to paste into the platform, whether a secret is set, its
//! latest deliveries and what became of them; the order-link key; and the CSV upload form
//! ([`super::imports`]); and the tracking aggregators' webhooks (EasyPost, AfterShip,
//! 17TRACK). Owners set or replace a secret (what wismo makes is shown once; a platform's
//! previous one is accepted for an hour) and make or replace the order-link key.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_carriers::push::Provider;
use wismo_domain::Secret;
use wismo_domain::admin::User;
use wismo_domain::platform::Platform;

use super::{checked, field, time};
use crate::http::admin::{
    AdminState, SignedIn, Tr, csrf_refused, failed, not_found, page, refuse_unless_owner, see_other,
};
use crate::integrations::{self, order_link};

/// How many deliveries the page lists per platform.
const DELIVERIES_SHOWN: u32 = 10;

/// A delivery as the page lists it.
pub struct DeliveryRow {
    pub received_at: String,
    pub topic: String,
    pub outcome: &'static str,
    pub order_id: Option<i64>,
    pub detail: String,
}

/// A tracking aggregator's webhook as the page shows it.
pub struct AggregatorRow {
    pub slug: &'static str,
    pub name: &'static str,
    pub url: String,
    pub set: bool,
}

/// The aggregator's name as it writes it.
fn aggregator_name(provider: Provider) -> &'static str {
    match provider {
        Provider::EasyPost => "EasyPost",
        Provider::AfterShip => "AfterShip",
        Provider::SeventeenTrack => "17TRACK",
    }
}

/// A platform's feed as the page shows it.
pub struct FeedRow {
    pub platform: &'static str,
    pub name: String,
    pub url: String,
    /// Empty when no secret is set.
    pub secret_state: String,
    pub connected: bool,
    pub deliveries: Vec<DeliveryRow>,
}

#[derive(Template)]
#[template(path = "admin/connect/integrations.html")]
pub struct IntegrationsPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub menu: Vec<(&'static str, &'static str)>,
    pub here: &'static str,
    pub owner: bool,
    pub feeds: Vec<FeedRow>,
    pub aggregators: Vec<AggregatorRow>,
    /// Whether the store has an order-link key.
    pub link_key: bool,
    /// The order link's form.
    pub link_format: String,
    /// What was just made, and its label: shown this once.
    pub shown: Option<(String, String)>,
    pub done: String,
    pub error: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /admin/settings/integrations`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    let done = match done.done.as_deref() {
        Some("secret") => tr.t("admin-feeds-secret-saved"),
        Some("aggregator") => tr.t("admin-aggr-saved"),
        _ => String::new(),
    };
    render(
        &state,
        tr,
        signed_in,
        StatusCode::OK,
        None,
        done,
        String::new(),
    )
    .await
}

/// `POST /admin/settings/integrations/{platform}/secret` (owners): Shopify's key as its
/// admin shows it; a WooCommerce secret of the merchant's own, or one wismo makes; the
/// generic feed's, always wismo's. What wismo makes is shown once.
pub async fn set_secret(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(platform): Path<String>,
    body: Bytes,
) -> Response {
    let Ok(platform) = Platform::parse(&platform) else {
        return not_found(&tr);
    };
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let Some(fields) = checked(&signed_in, &body) else {
        return csrf_refused(&tr);
    };
    let typed = field(&fields, "secret").unwrap_or_default();
    match set_platform_secret(&state, &tr, &signed_in, platform, typed, "the admin").await {
        Ok(SecretSet::Refused(error)) => {
            render(
                &state,
                tr,
                signed_in,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                String::new(),
                error,
            )
            .await
        }
        Ok(SecretSet::Made { shown, done }) => {
            render(
                &state,
                tr,
                signed_in,
                StatusCode::OK,
                Some(shown),
                done,
                String::new(),
            )
            .await
        }
        Ok(SecretSet::Set) => see_other("/admin/settings/integrations?done=secret"),
        Err(failure) => failure,
    }
}

/// What setting a platform's secret from a form came to.
pub(crate) enum SecretSet {
    /// Refused (422): the message to show beside the field.
    Refused(String),
    /// wismo made the secret: its label and value, shown this once, and the note that the
    /// one before still works for an hour (empty when there was none).
    Made {
        shown: (String, String),
        done: String,
    },
    /// The merchant's own secret is set.
    Set,
}

/// Sets `platform`'s secret from what was `typed` into a form (the integrations page or the
/// setup guide, `from` naming which for the log): the store's failure is the error page.
pub(crate) async fn set_platform_secret(
    state: &AdminState,
    tr: &Tr,
    signed_in: &SignedIn,
    platform: Platform,
    typed: &str,
    from: &str,
) -> Result<SecretSet, Response> {
    let given = match given_secret(platform, typed) {
        Ok(given) => given,
        Err(id) => return Ok(SecretSet::Refused(tr.t(id))),
    };
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => tenant,
        Err(e) => return Err(failed(tr, &e)),
    };
    let added = integrations::add(
        state.store.as_ref(),
        &state.secrets,
        &state.config.public_url,
        &tenant,
        platform,
        given,
    )
    .await
    .map_err(|e| failed(tr, e.as_ref()))?;
    tracing::info!(%platform, rotated = added.rotated, from, "platform secret set");
    Ok(match added.secret {
        Some(secret) => {
            let label = tr.with(
                "admin-feeds-secret-made",
                &[("platform", platform.as_str())],
            );
            let done = if added.rotated {
                tr.t("admin-feeds-rotated")
            } else {
                String::new()
            };
            SecretSet::Made {
                shown: (label, secret.expose().to_owned()),
                done,
            }
        }
        None => SecretSet::Set,
    })
}

/// The secret to set for `platform` from what was `typed`: Shopify's key (required), a
/// WooCommerce secret of the merchant's own or `None` for one wismo makes, and always
/// `None` for the generic feed (wismo makes it). `Err` is the message id of a refusal.
pub(crate) fn given_secret(
    platform: Platform,
    typed: &str,
) -> Result<Option<Secret>, &'static str> {
    let typed = typed.trim();
    match (platform, typed.is_empty()) {
        (Platform::Generic, _) | (Platform::WooCommerce, true) => Ok(None),
        (Platform::Shopify, true) => Err("admin-feeds-shopify-needs-key"),
        (_, false) => Ok(Some(Secret::new(typed))),
    }
}

/// `POST /admin/settings/integrations/aggregators/{provider}/secret` (owners): the secret
/// the aggregator signs its webhooks with, as its dashboard shows it; it replaces the one
/// before at once.
pub async fn set_aggregator_secret(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(provider): Path<String>,
    body: Bytes,
) -> Response {
    let Some(provider) = Provider::ALL.into_iter().find(|p| p.slug() == provider) else {
        return not_found(&tr);
    };
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let Some(fields) = checked(&signed_in, &body) else {
        return csrf_refused(&tr);
    };
    let typed = field(&fields, "secret").map(str::trim).unwrap_or_default();
    if typed.is_empty() {
        let error = tr.t("admin-aggr-needs-secret");
        return render(
            &state,
            tr,
            signed_in,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            String::new(),
            error,
        )
        .await;
    }
    let store = signed_in.user.store_id;
    let set = crate::secrets::set_webhook_secret(
        state.store.as_ref(),
        &state.secrets,
        store,
        provider.slug(),
        &Secret::new(typed),
    )
    .await;
    match set {
        Ok(()) => {
            tracing::info!(
                provider = provider.slug(),
                "aggregator secret set from the admin"
            );
            see_other("/admin/settings/integrations?done=aggregator")
        }
        Err(e) => failed(&tr, e.as_ref()),
    }
}

/// `POST /admin/settings/integrations/link-key` (owners): makes the order-link key, or
/// replaces it (links signed with the old one stop opening); shown once.
pub async fn link_key(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    if checked(&signed_in, &body).is_none() {
        return csrf_refused(&tr);
    }
    let tenant = match state.store.get_store(signed_in.user.store_id).await {
        Ok(tenant) => tenant,
        Err(e) => return failed(&tr, &e),
    };
    match order_link::make_key(state.store.as_ref(), &state.secrets, &tenant, true).await {
        Ok(made) => {
            let shown = Some((
                tr.t("admin-feeds-link-key-made"),
                made.key.expose().to_owned(),
            ));
            let done = if made.rotated {
                tr.t("admin-feeds-link-key-rotated")
            } else {
                String::new()
            };
            render(
                &state,
                tr,
                signed_in,
                StatusCode::OK,
                shown,
                done,
                String::new(),
            )
            .await
        }
        Err(e) => failed(&tr, e.as_ref()),
    }
}

async fn render(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    status: StatusCode,
    shown: Option<(String, String)>,
    done: String,
    error: String,
) -> Response {
    let store = signed_in.user.store_id;
    let (tenant, connected, key) = match tokio::try_join!(
        state.store.get_store(store),
        state.store.list_integrations(store),
        state.store.order_link_key(store),
    ) {
        Ok(all) => all,
        Err(e) => return failed(&tr, &e),
    };
    let now = state.clock.now();
    let mut feeds = Vec::with_capacity(Platform::ALL.len());
    for platform in Platform::ALL {
        let found = state
            .store
            .list_platform_deliveries(store, platform, None, DELIVERIES_SHOWN)
            .await;
        let deliveries = match found {
            Ok(list) => list
                .into_iter()
                .map(|d| DeliveryRow {
                    received_at: time(d.received_at),
                    topic: d.topic,
                    outcome: d.outcome.as_str(),
                    order_id: d.order_id.map(|o| o.0),
                    detail: d.detail.unwrap_or_default(),
                })
                .collect(),
            Err(e) => return failed(&tr, &e),
        };
        let integration = connected.iter().find(|i| i.platform == platform);
        let secret_state = integration.map_or_else(String::new, |i| {
            let mut text = tr.with(
                "admin-feeds-secret-set",
                &[("when", &time(i.rotated_at.unwrap_or(i.created_at)))],
            );
            if let Some(until) = i.previous_until.filter(|u| *u > now) {
                text.push(' ');
                text.push_str(&tr.with("admin-feeds-previous-until", &[("when", &time(until))]));
            }
            text
        });
        feeds.push(FeedRow {
            platform: platform.as_str(),
            name: tr.t(&format!("admin-feeds-{}", platform.as_str())),
            url: integrations::url(&state.config.public_url, platform, tenant.slug.as_str()),
            connected: integration.is_some(),
            secret_state,
            deliveries,
        });
    }
    let mut aggregators = Vec::with_capacity(Provider::ALL.len());
    for provider in Provider::ALL {
        let set = match state.store.webhook_secret(store, provider.slug()).await {
            Ok(secret) => secret.is_some(),
            Err(e) => return failed(&tr, &e),
        };
        aggregators.push(AggregatorRow {
            slug: provider.slug(),
            name: aggregator_name(provider),
            url: format!(
                "{}/webhooks/{}/{}",
                state.config.public_url.trim_end_matches('/'),
                provider.slug(),
                tenant.slug
            ),
            set,
        });
    }
    let link_format = format!(
        "{}/{}/o/{{platform}}/{{id}}?s={{signature}}",
        state.config.public_url.trim_end_matches('/'),
        tenant.slug
    );
    let owner = signed_in.user.role.manages_store();
    page(
        status,
        &IntegrationsPage {
            menu: super::links(owner),
            here: "/admin/settings/integrations",
            owner,
            feeds,
            aggregators,
            link_key: key.is_some(),
            link_format,
            shown,
            done,
            error,
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}
