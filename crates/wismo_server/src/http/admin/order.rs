//! `GET /admin/orders/{id}`: an order's story on one page (items, the customer's contact
//! details, each parcel's scans as the carrier wrote them beside wismo's reading, its
//! estimate, the messages sent and their outcomes, the customer's requests), and its
//! actions as POST forms: reissue the private link, mark a request handled with a note;
//! the link by email, a message sent again ([`super::messages`]); a scan by hand, a
//! corrected tracking number ([`super::parcel`]). Another store's order is 404, as one that
//! does not exist.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_domain::fulfilment::OrderProgress;
use wismo_domain::{
    Order, OrderId, OrderToken, RequestId, RequestStatus, Shipment, Stage, TrackingEvent,
};
use wismo_store::admin::HandledNote;
use wismo_store::notify::{ByHand, Queued};
use wismo_store::{NotificationsOf, StoreError};

use super::{AdminState, SignedIn, Tr, csrf_refused, page, see_other};

/// The longest note taken when a request is handled.
pub const MAX_NOTE_CHARS: usize = 2000;

/// A parcel with its scans.
pub struct Parcel {
    pub shipment: Shipment,
    pub events: Vec<TrackingEvent>,
    pub estimate: String,
    /// Every estimate the parcel had, newest first, as the pipeline recorded them.
    pub revisions: Vec<wismo_store::EstimateRevision>,
}

/// A customer request as the page lists it.
pub struct RequestRow {
    pub id: RequestId,
    pub tracking_number: String,
    pub kind: &'static str,
    pub message: String,
    pub open: bool,
    pub created_at: String,
    pub note: String,
}

/// A message as the page lists it.
pub struct MessageRow {
    pub id: i64,
    /// Whether it may be sent again ([`wismo_store::notify::resendable`]).
    pub resendable: bool,
    pub channel: &'static str,
    pub moment: &'static str,
    pub status: &'static str,
    pub recipient: String,
    /// For a message to one of the store's webhook endpoints, the endpoint's delivery log.
    pub endpoint_log: Option<String>,
    pub attempts: u32,
    pub error: String,
    pub created_at: String,
}

#[derive(Template)]
#[template(path = "admin/order.html")]
pub struct OrderPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub order: Order,
    pub link: String,
    pub parcels: Vec<Parcel>,
    pub messages: Vec<MessageRow>,
    pub requests: Vec<RequestRow>,
    pub done: String,
    /// The order's own stage and where it came from, its promise, whether it stalled:
    /// (label, value).
    pub status: Vec<(String, String)>,
    /// Per item: its quantity and name, and its status (`unshipped`, a stage, …).
    pub items: Vec<(String, &'static str)>,
    /// The stages a scan by hand may record: (value, label).
    pub stages: Vec<(&'static str, String)>,
    /// Whether `done` reports a refusal (shown as an error, not a confirmation).
    pub refused: bool,
    /// The store's time zone, in which a scan by hand's time is read.
    pub zone: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// The order's own status lines: stage, source, promise, stalled.
fn status(tr: &Tr, order: &Order, progress: &OrderProgress) -> Vec<(String, String)> {
    let mut lines = vec![
        (
            tr.t("admin-order-stage"),
            match progress.substatus {
                Some(sub) => format!("{} · {}", progress.stage.as_str(), sub.as_str()),
                None => progress.stage.as_str().to_owned(),
            },
        ),
        (tr.t("admin-order-source"), order.source.as_str().to_owned()),
    ];
    if let Some(p) = &order.promise {
        lines.push((
            tr.t("admin-order-promise"),
            tr.with(
                "admin-order-promise-window",
                &[
                    ("from", &p.from.to_string()),
                    ("until", &p.until.to_string()),
                    ("ships_by", &p.ships_by.to_string()),
                    ("basis", p.basis.as_str()),
                ],
            ),
        ));
    }
    if let Some(at) = order.stalled_at {
        lines.push((tr.t("admin-order-stalled"), time(at)));
    }
    lines
}

/// Each item with its status.
fn items(order: &Order, progress: &OrderProgress) -> Vec<(String, &'static str)> {
    order
        .items
        .iter()
        .zip(&progress.items)
        .map(|(i, p)| (format!("{} × {}", i.quantity, i.name), p.status.as_str()))
        .collect()
}

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn estimate(tr: &Tr, shipment: &Shipment) -> String {
    if let Some(at) = shipment.carrier_estimated_delivery {
        let date = at.format("%Y-%m-%d").to_string();
        return tr.with("admin-order-estimate-carrier", &[("date", &date)]);
    }
    match &shipment.estimate {
        Some(e) => tr.with(
            "admin-order-estimate-wismo",
            &[
                ("from", &e.from.to_string()),
                ("until", &e.until.to_string()),
                ("confidence", &format!("{:.0}", e.confidence * 100.0)),
            ],
        ),
        None => tr.t("admin-order-estimate-none"),
    }
}

/// Where the delivery log of a webhook message's endpoint is (its recipient is
/// `endpoint:{id}`).
fn endpoint_log(n: &wismo_store::notify::Notification) -> Option<String> {
    if n.channel != wismo_domain::notify::Channel::Webhook {
        return None;
    }
    let id: i64 = n.recipient.strip_prefix("endpoint:")?.parse().ok()?;
    Some(format!("/admin/settings/webhooks/{id}"))
}

/// `GET /admin/orders/{id}`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Response {
    let store = signed_in.user.store_id;
    let order = match state.store.get_order(store, OrderId(id)).await {
        Ok(order) => order,
        Err(StoreError::NotFound(_)) => return super::not_found(&tr),
        Err(e) => return super::failed(&tr, &e),
    };
    let mut parcels = Vec::with_capacity(order.shipments.len());
    for shipment in &order.shipments {
        let read = tokio::try_join!(
            state.store.list_events(store, shipment.id),
            state.store.estimate_revisions(store, shipment.id)
        );
        let (events, mut revisions) = match read {
            Ok(read) => read,
            Err(e) => return super::failed(&tr, &e),
        };
        revisions.reverse();
        parcels.push(Parcel {
            estimate: estimate(&tr, shipment),
            revisions,
            shipment: shipment.clone(),
            events,
        });
    }
    let notifications = match state
        .store
        .list_notifications(store, NotificationsOf::Order(order.id))
        .await
    {
        Ok(n) => n,
        Err(e) => return super::failed(&tr, &e),
    };
    let messages = notifications
        .iter()
        .map(|n| MessageRow {
            id: n.id,
            resendable: wismo_store::notify::resendable(n),
            channel: n.channel.as_str(),
            moment: n.moment.as_str(),
            status: n.status.as_str(),
            recipient: n.recipient.clone(),
            endpoint_log: endpoint_log(n),
            attempts: n.attempts,
            error: n
                .last_error
                .clone()
                .or_else(|| n.skip_reason.clone())
                .unwrap_or_default(),
            created_at: time(n.created_at),
        })
        .collect();
    let (all_requests, notes) = match tokio::try_join!(
        state.store.list_customer_requests(store),
        state.store.handled_notes(store, order.id)
    ) {
        Ok(both) => both,
        Err(e) => return super::failed(&tr, &e),
    };
    let note_of =
        |id: RequestId| -> Option<&HandledNote> { notes.iter().find(|n| n.request == id) };
    let mut requests: Vec<RequestRow> = all_requests
        .iter()
        .filter_map(|r| {
            let shipment = order.shipments.iter().find(|s| s.id == r.shipment_id)?;
            Some(RequestRow {
                id: r.id,
                tracking_number: shipment.tracking_number.to_string(),
                kind: r.kind.as_str(),
                message: r.message.clone().unwrap_or_default(),
                open: r.status == RequestStatus::Open,
                created_at: time(r.created_at),
                note: note_of(r.id)
                    .and_then(|n| n.note.clone())
                    .unwrap_or_default(),
            })
        })
        .collect();
    requests.reverse();
    let zone = match state.store.get_store(store).await {
        Ok(tenant) => tenant.timezone.to_string(),
        Err(e) => return super::failed(&tr, &e),
    };
    let link = state.order_url(&order.token);
    let progress = OrderProgress::of(&order);
    page(
        StatusCode::OK,
        &OrderPage {
            status: status(&tr, &order, &progress),
            items: items(&order, &progress),
            tr: tr.clone(),
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
            link,
            parcels,
            messages,
            requests,
            zone,
            refused: done
                .done
                .as_deref()
                .is_some_and(|d| d.starts_with("refused-") || d.ends_with("-refused")),
            done: match done.done.as_deref() {
                Some(
                    d @ ("reissued"
                    | "handled"
                    | "handled-emailed"
                    | "emailed"
                    | "resent"
                    | "scanned"
                    | "corrected"
                    | "scan-refused"
                    | "correct-refused"
                    | "refused-no_address"
                    | "refused-opted_out"
                    | "refused-not_resendable"),
                ) => tr.t(&format!("admin-order-{d}")),
                _ => String::new(),
            },
            stages: Stage::ALL
                .into_iter()
                .map(|s| (s.as_str(), tr.t(&format!("stage-{}", s.as_str()))))
                .collect(),
            order,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    pub(crate) csrf: String,
    #[serde(default)]
    note: String,
    /// Set when the note should also be emailed to the customer.
    #[serde(default)]
    email: Option<String>,
}

/// `POST /admin/orders/{id}/reissue`: a new private link for the order; the old one stops
/// working (its parcels' own links are untouched).
pub async fn reissue(
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
    let store = signed_in.user.store_id;
    match state
        .store
        .reissue_order_token(store, OrderId(id), &OrderToken::generate())
        .await
    {
        Ok(_) => see_other(&format!("/admin/orders/{id}?done=reissued")),
        Err(StoreError::NotFound(_)) => super::not_found(&tr),
        Err(e) => super::failed(&tr, &e),
    }
}

/// `POST /admin/orders/{id}/requests/{request}/handle`: marks a customer's request handled,
/// with the merchant's note; with `email`, the note also goes to the customer by email
/// (through the outbox, never past consent or an opt-out).
pub async fn handle_request(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path((id, request)): Path<(i64, i64)>,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) if signed_in.csrf_ok(&form.csrf) => form,
        _ => return csrf_refused(&tr),
    };
    let store = signed_in.user.store_id;
    // The request must be one of this order's (and so of this store's).
    let order = match state.store.get_order(store, OrderId(id)).await {
        Ok(order) => order,
        Err(StoreError::NotFound(_)) => return super::not_found(&tr),
        Err(e) => return super::failed(&tr, &e),
    };
    let shipment = match state
        .store
        .get_customer_request(store, RequestId(request))
        .await
    {
        Ok(r) => order
            .shipments
            .iter()
            .find(|s| s.id == r.shipment_id)
            .map(|s| s.id),
        Err(StoreError::NotFound(_)) => None,
        Err(e) => return super::failed(&tr, &e),
    };
    let Some(shipment) = shipment else {
        return super::not_found(&tr);
    };
    let note: String = form
        .note
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .take(MAX_NOTE_CHARS)
        .collect();
    let note = note.trim();
    match state
        .store
        .handle_request(
            store,
            RequestId(request),
            (!note.is_empty()).then_some(note),
        )
        .await
    {
        Ok(()) => {}
        Err(StoreError::NotFound(_)) => return super::not_found(&tr),
        Err(e) => return super::failed(&tr, &e),
    }
    if form.email.is_none() || note.is_empty() {
        return see_other(&format!("/admin/orders/{id}?done=handled"));
    }
    match state
        .store
        .queue_email_by_hand(&ByHand {
            store,
            order: order.id,
            moment: wismo_domain::notify::Moment::RequestAnswered,
            shipments: &[shipment],
            previous_date: None,
            note: Some(note),
        })
        .await
    {
        Ok(Queued::Now(_)) => see_other(&format!("/admin/orders/{id}?done=handled-emailed")),
        Ok(Queued::Refused(why)) => {
            see_other(&format!("/admin/orders/{id}?done=refused-{}", why.as_str()))
        }
        Err(StoreError::NotFound(_)) => super::not_found(&tr),
        Err(e) => super::failed(&tr, &e),
    }
}
