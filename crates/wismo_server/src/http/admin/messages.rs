//! Messages to an order's customer by hand, from its page: the private link by email now,
//! and a sent or failed email sent again. Both go through the outbox (a notification row
//! and its job, written together), so they are listed and retried like any other, in the
//! customer's language; neither passes the customer's consent or an opt-out: the page says
//! why when one is refused.

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use wismo_domain::notify::Moment;
use wismo_domain::{OrderId, StoreId};
use wismo_store::StoreError;
use wismo_store::notify::{ByHand, Queued};

use super::order::ActionForm;
use super::{AdminState, SignedIn, Tr, csrf_refused, see_other};

/// Queues the order's private link to its customer. It is about no parcel in particular,
/// so it links the order's page (every parcel on one page), not one parcel's.
pub(crate) async fn queue_link(
    state: &AdminState,
    store: StoreId,
    order: OrderId,
) -> Result<Queued, StoreError> {
    state
        .store
        .queue_email_by_hand(&ByHand {
            store,
            order,
            moment: Moment::TrackingLink,
            shipments: &[],
            previous_date: None,
            note: None,
        })
        .await
}

/// Where the order page goes after a message was asked for: `done` when queued, else the
/// refusal's own notice.
fn back(id: i64, queued: Queued, done: &str) -> Response {
    match queued {
        Queued::Now(_) => see_other(&format!("/admin/orders/{id}?done={done}")),
        Queued::Refused(why) => {
            see_other(&format!("/admin/orders/{id}?done=refused-{}", why.as_str()))
        }
    }
}

/// `POST /admin/orders/{id}/email-link`: emails the order's private link to its customer.
pub async fn email_link(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Response {
    match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => {}
        _ => return csrf_refused(&tr),
    }
    match queue_link(&state, signed_in.user.store_id, OrderId(id)).await {
        Ok(queued) => back(id, queued, "emailed"),
        Err(StoreError::NotFound(_)) => super::not_found(&tr),
        Err(e) => super::failed(&tr, &e),
    }
}

/// `POST /admin/orders/{id}/notifications/{notification}/resend`: sends one of the order's
/// emails again, as a new notification.
pub async fn resend(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path((id, notification)): Path<(i64, i64)>,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Response {
    match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => {}
        _ => return csrf_refused(&tr),
    }
    let store = signed_in.user.store_id;
    // The notification must be this order's (and so this store's).
    match state.store.get_notification(notification).await {
        Ok(n) if n.store_id == store && n.order_id == OrderId(id) => {}
        Ok(_) | Err(StoreError::NotFound(_)) => return super::not_found(&tr),
        Err(e) => return super::failed(&tr, &e),
    }
    match state.store.resend_notification(store, notification).await {
        Ok(queued) => back(id, queued, "resent"),
        Err(StoreError::NotFound(_)) => super::not_found(&tr),
        Err(e) => super::failed(&tr, &e),
    }
}
