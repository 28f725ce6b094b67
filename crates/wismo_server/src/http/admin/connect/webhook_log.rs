//! `/admin/settings/webhooks/{id}`: an endpoint's delivery log (the latest 100 attempts,
//! newest first) with a retry button per delivery, and a test event. Everyone signed in
//! may use it: neither shows nor changes a secret. Another store's endpoint or delivery
//! is 404.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use wismo_domain::EndpointId;
use wismo_domain::admin::User;
use wismo_store::StoreError;
use wismo_store::endpoints::MAX_DELIVERIES_LISTED;

use super::webhooks::{Done, EndpointRow, row};
use super::{checked, time};
use crate::http::admin::{
    AdminState, SignedIn, Tr, csrf_refused, failed, not_found, page, see_other,
};

/// A delivery attempt as the log shows it.
pub struct DeliveryRow {
    pub id: i64,
    pub event_type: &'static str,
    pub webhook_id: String,
    pub attempt: u32,
    pub status: String,
    pub ok: bool,
    pub duration_ms: u64,
    pub attempted_at: String,
}

#[derive(Template)]
#[template(path = "admin/connect/webhook.html")]
pub struct EndpointPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub menu: Vec<(&'static str, &'static str)>,
    pub here: &'static str,
    pub owner: bool,
    pub endpoint: EndpointRow,
    pub deliveries: Vec<DeliveryRow>,
    pub done: String,
    pub error: String,
}

/// `GET /admin/settings/webhooks/{id}`: the endpoint and its delivery log.
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Response {
    let done = match done.done.as_deref() {
        Some("test") => tr.t("admin-hooks-test-queued"),
        Some("retried") => tr.t("admin-hooks-retry-queued"),
        _ => String::new(),
    };
    render_endpoint(
        &state,
        tr,
        signed_in,
        id,
        StatusCode::OK,
        done,
        String::new(),
    )
    .await
}

/// `POST /admin/settings/webhooks/{id}/test`: queues a `webhook.test` message.
pub async fn test(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    if checked(&signed_in, &body).is_none() {
        return csrf_refused(&tr);
    }
    let store = signed_in.user.store_id;
    let queued = state
        .store
        .queue_webhook_test(store, EndpointId(id), None)
        .await;
    after_queue(&state, tr, signed_in, id, queued.map(|_| ()), "test").await
}

/// `POST /admin/settings/webhooks/{id}/deliveries/{delivery}/retry`
pub async fn retry(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path((id, delivery)): Path<(i64, i64)>,
    body: Bytes,
) -> Response {
    if checked(&signed_in, &body).is_none() {
        return csrf_refused(&tr);
    }
    let store = signed_in.user.store_id;
    let queued = state
        .store
        .retry_webhook_delivery(store, EndpointId(id), delivery, None)
        .await;
    after_queue(&state, tr, signed_in, id, queued.map(|_| ()), "retried").await
}

/// Back to the endpoint's log, or why not: a disabled endpoint sends nothing (409).
async fn after_queue(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    id: i64,
    queued: Result<(), StoreError>,
    done: &str,
) -> Response {
    match queued {
        Ok(()) => see_other(&format!("/admin/settings/webhooks/{id}?done={done}")),
        Err(StoreError::NotFound(_)) => not_found(&tr),
        Err(StoreError::Conflict(_)) => {
            let error = tr.t("admin-hooks-disabled-refused");
            render_endpoint(
                state,
                tr,
                signed_in,
                id,
                StatusCode::CONFLICT,
                String::new(),
                error,
            )
            .await
        }
        Err(e) => failed(&tr, &e),
    }
}

async fn render_endpoint(
    state: &AdminState,
    tr: Tr,
    signed_in: SignedIn,
    id: i64,
    status: StatusCode,
    done: String,
    error: String,
) -> Response {
    let store = signed_in.user.store_id;
    let id = EndpointId(id);
    let found = tokio::try_join!(
        state.store.get_webhook_endpoint(store, id),
        state
            .store
            .webhook_deliveries(store, id, MAX_DELIVERIES_LISTED)
    );
    let (endpoint, deliveries) = match found {
        Ok(both) => both,
        Err(StoreError::NotFound(_)) => return not_found(&tr),
        Err(e) => return failed(&tr, &e),
    };
    let deliveries = deliveries
        .into_iter()
        .map(|d| DeliveryRow {
            ok: d.status_code.is_some_and(|s| (200..300).contains(&s)),
            status: match (d.status_code, d.error) {
                (Some(code), _) => code.to_string(),
                (None, Some(error)) => error,
                (None, None) => String::new(),
            },
            id: d.id,
            event_type: d.event_type.as_str(),
            webhook_id: d.webhook_id,
            attempt: d.attempt,
            duration_ms: d.duration_ms,
            attempted_at: time(d.attempted_at),
        })
        .collect();
    let owner = signed_in.user.role.manages_store();
    page(
        status,
        &EndpointPage {
            menu: super::links(owner),
            here: "/admin/settings/webhooks",
            owner,
            endpoint: row(&tr, &endpoint),
            deliveries,
            done,
            error,
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}
