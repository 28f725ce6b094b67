//! `/admin/settings/webhooks`: the store's merchant webhook endpoints. Owners create,
//! rotate and delete them (a new secret is shown once, on the page answering the form);
//! everyone signed in reads them. Each one's delivery log is [`super::webhook_log`].
//! Another store's endpoint is 404.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_domain::webhook::{EndpointInput, NewEndpoint, WebhookEvent};
use wismo_domain::{EndpointId, Secret};
use wismo_store::StoreError;
use wismo_store::endpoints::WebhookEndpoint;

use super::{checked, field, time};
use crate::http::admin::{
    AdminState, SignedIn, Tr, csrf_refused, failed, not_found, page, refuse_unless_owner, see_other,
};
use crate::merchant_webhooks::{self, new_secret};

/// An endpoint as the pages show it (never its secret).
pub struct EndpointRow {
    pub id: i64,
    pub url: String,
    pub events: Vec<&'static str>,
    pub created_at: String,
    /// Empty while it is enabled.
    pub disabled: String,
}

#[derive(Template)]
#[template(path = "admin/connect/webhooks.html")]
pub struct WebhooksPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub menu: Vec<(&'static str, &'static str)>,
    pub here: &'static str,
    pub owner: bool,
    pub endpoints: Vec<EndpointRow>,
    pub events: Vec<&'static str>,
    /// The endpoint whose secret was just made, and the secret: shown this once.
    pub secret: Option<(String, String)>,
    /// The refused fields of the create form, and what was typed.
    pub errors: Vec<String>,
    pub url: String,
    pub done: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    pub(super) done: Option<String>,
}

pub(super) fn row(tr: &Tr, e: &WebhookEndpoint) -> EndpointRow {
    let disabled = e.disabled_at.map_or_else(String::new, |at| {
        tr.with(
            "admin-hooks-disabled",
            &[
                ("when", &time(at)),
                ("why", e.disabled_reason.as_deref().unwrap_or("")),
            ],
        )
    });
    EndpointRow {
        id: e.id.0,
        url: e.url.clone(),
        events: e.events.iter().map(|e| e.as_str()).collect(),
        created_at: time(e.created_at),
        disabled,
    }
}

/// `GET /admin/settings/webhooks`
pub async fn list(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    let done = match done.done.as_deref() {
        Some("deleted") => tr.t("admin-hooks-deleted"),
        _ => String::new(),
    };
    let shown = Shown {
        done,
        ..Shown::default()
    };
    render_list(&state, tr, signed_in, StatusCode::OK, shown).await
}

/// What a list page shows beside the endpoints.
#[derive(Default)]
struct Shown {
    secret: Option<(String, String)>,
    errors: Vec<String>,
    url: String,
    done: String,
}

/// `POST /admin/settings/webhooks`: creates an endpoint (owners) and shows its secret once.
pub async fn create(
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
    let url = field(&fields, "url").unwrap_or_default().to_owned();
    let events = fields
        .iter()
        .filter(|(k, _)| k == "events")
        .map(|(_, v)| v.clone())
        .collect();
    let input = EndpointInput {
        url: Some(url.clone()),
        events: Some(events),
    };
    let new = match NewEndpoint::parse(input, state.config.outbound.allow_private) {
        Ok(new) => new,
        Err(errors) => {
            let errors = errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.detail))
                .collect();
            let shown = Shown {
                errors,
                url,
                ..Shown::default()
            };
            return render_list(
                &state,
                tr,
                signed_in,
                StatusCode::UNPROCESSABLE_ENTITY,
                shown,
            )
            .await;
        }
    };
    let secret = match new_secret() {
        Ok(secret) => secret,
        Err(e) => return failed(&tr, e.as_ref()),
    };
    let store = signed_in.user.store_id;
    match merchant_webhooks::create_endpoint(
        state.store.as_ref(),
        &state.secrets,
        store,
        &new,
        &secret,
        None,
    )
    .await
    {
        Ok(endpoint) => {
            let shown = Shown {
                secret: Some((endpoint.url, secret.expose().to_owned())),
                ..Shown::default()
            };
            render_list(&state, tr, signed_in, StatusCode::OK, shown).await
        }
        Err(e) => failed(&tr, &e),
    }
}

/// `POST /admin/settings/webhooks/{id}/rotate`: a new secret (owners), shown once.
pub async fn rotate(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    if checked(&signed_in, &body).is_none() {
        return csrf_refused(&tr);
    }
    let secret: Secret = match new_secret() {
        Ok(secret) => secret,
        Err(e) => return failed(&tr, e.as_ref()),
    };
    let store = signed_in.user.store_id;
    match merchant_webhooks::rotate_secret(
        state.store.as_ref(),
        &state.secrets,
        store,
        EndpointId(id),
        &secret,
        None,
    )
    .await
    {
        Ok(endpoint) => {
            let shown = Shown {
                secret: Some((endpoint.url, secret.expose().to_owned())),
                done: tr.t("admin-hooks-rotated"),
                ..Shown::default()
            };
            render_list(&state, tr, signed_in, StatusCode::OK, shown).await
        }
        Err(StoreError::NotFound(_)) => not_found(&tr),
        Err(e) => failed(&tr, &e),
    }
}

/// `POST /admin/settings/webhooks/{id}/delete` (owners)
pub async fn delete(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    if checked(&signed_in, &body).is_none() {
        return csrf_refused(&tr);
    }
    let store = signed_in.user.store_id;
    match state
        .store
        .delete_webhook_endpoint(store, EndpointId(id))
        .await
    {
        Ok(()) => {
            tracing::info!(endpoint = id, "webhook endpoint deleted from the admin");
            see_other("/admin/settings/webhooks?done=deleted")
        }
        Err(StoreError::NotFound(_)) => not_found(&tr),
        Err(e) => failed(&tr, &e),
    }
}

async fn render_list(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    status: StatusCode,
    shown: Shown,
) -> Response {
    let store = signed_in.user.store_id;
    let endpoints = match state.store.list_webhook_endpoints(store).await {
        Ok(list) => list.iter().map(|e| row(&tr, e)).collect(),
        Err(e) => return failed(&tr, &e),
    };
    let owner = signed_in.user.role.manages_store();
    page(
        status,
        &WebhooksPage {
            menu: super::links(owner),
            here: "/admin/settings/webhooks",
            owner,
            endpoints,
            events: WebhookEvent::SUBSCRIBABLE
                .iter()
                .map(|e| e.as_str())
                .collect(),
            secret: shown.secret,
            errors: shown.errors,
            url: shown.url,
            done: shown.done,
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}
