//! `/admin/settings/keys`: the store's API keys, for owners only. A new key is shown once,
//! on the page that answers the form that made it; revoking asks to confirm first.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_store::StoreError;

use super::{checked, field, time};
use crate::http::admin::{
    AdminState, SignedIn, Tr, csrf_refused, page, refuse_unless_owner, see_other,
};
use crate::keys::{self, KeyName};

/// A key as the page lists it (never the key itself: only its prefix was kept).
pub struct KeyRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: String,
    pub revoked_at: String,
}

#[derive(Template)]
#[template(path = "admin/connect/keys.html")]
pub struct KeysPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub menu: Vec<(&'static str, &'static str)>,
    pub here: &'static str,
    pub keys: Vec<KeyRow>,
    /// The key just made, with its name: shown this once.
    pub created: Option<(String, String)>,
    pub error: String,
    pub done: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /admin/settings/keys`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(done): Query<Done>,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let done = match done.done.as_deref() {
        Some("revoked") => tr.t("admin-keys-revoked"),
        _ => String::new(),
    };
    render(
        &state,
        tr,
        signed_in,
        StatusCode::OK,
        None,
        String::new(),
        done,
    )
    .await
}

/// `POST /admin/settings/keys`: makes a key and shows it, this once.
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
    let Some(name) = KeyName::parse(field(&fields, "name").unwrap_or_default()) else {
        let error = tr.with(
            "admin-keys-name-invalid",
            &[("max", &keys::MAX_NAME_CHARS.to_string())],
        );
        return render(
            &state,
            tr,
            signed_in,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            error,
            String::new(),
        )
        .await;
    };
    let store = signed_in.user.store_id;
    match keys::create(state.store.as_ref(), store, &name).await {
        Ok((key, secret)) => {
            tracing::info!(key = key.id.0, "API key created from the admin");
            let created = Some((key.name, secret));
            render(
                &state,
                tr,
                signed_in,
                StatusCode::OK,
                created,
                String::new(),
                String::new(),
            )
            .await
        }
        Err(e) => crate::http::admin::failed(&tr, &e),
    }
}

/// `POST /admin/settings/keys/{id}/revoke`
pub async fn revoke(
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
    match keys::revoke(state.store.as_ref(), signed_in.user.store_id, id).await {
        Ok(key) => {
            tracing::info!(key = key.id.0, "API key revoked from the admin");
            see_other("/admin/settings/keys?done=revoked")
        }
        Err(StoreError::NotFound(_)) => crate::http::admin::not_found(&tr),
        Err(e) => crate::http::admin::failed(&tr, &e),
    }
}

async fn render(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    status: StatusCode,
    created: Option<(String, String)>,
    error: String,
    done: String,
) -> Response {
    let keys = match state.store.list_api_keys(signed_in.user.store_id).await {
        Ok(keys) => keys,
        Err(e) => return crate::http::admin::failed(&tr, &e),
    };
    let never = tr.t("admin-keys-never");
    let keys = keys
        .into_iter()
        .rev()
        .map(|k| KeyRow {
            id: k.id.0,
            name: k.name,
            prefix: k.prefix,
            created_at: time(k.created_at),
            last_used_at: k.last_used_at.map_or_else(|| never.clone(), time),
            revoked_at: k.revoked_at.map(time).unwrap_or_default(),
        })
        .collect();
    page(
        status,
        &KeysPage {
            tr,
            menu: super::links(true),
            here: "/admin/settings/keys",
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
            keys,
            created,
            error,
            done,
        },
    )
}
