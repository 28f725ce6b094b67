//! `POST /admin/bulk`: one action on the orders ticked on the attention list or the search
//! results: email their private links, or mark their requests handled. Each tick is
//! `{order}` or, for a request's row, `{order}:{request}`; each id is checked against the
//! signed-in user's store, and one that is not the store's is skipped like one that does not
//! exist. The answer is a 303 back to the list with the counts.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use std::collections::BTreeSet;
use wismo_domain::{CustomerRequest, OrderId, RequestId, RequestStatus, StoreId};
use wismo_store::StoreError;
use wismo_store::notify::Queued;

use super::{AdminState, SignedIn, Tr, csrf_refused, see_other};

/// The most ticks one action takes (a page of the list is 50).
pub const MAX_PICKS: usize = 200;

/// What a bulk action came to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub done: u32,
    pub refused: u32,
    pub skipped: u32,
}

/// One tick: an order, and the request of its row if it is a request's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Pick {
    order: OrderId,
    request: Option<RequestId>,
}

impl Pick {
    fn parse(s: &str) -> Option<Self> {
        let (order, request) = match s.split_once(':') {
            Some((o, r)) => (o, Some(RequestId(r.parse().ok()?))),
            None => (s, None),
        };
        Some(Self {
            order: OrderId(order.parse().ok()?),
            request,
        })
    }
}

/// The form's fields: `csrf`, `action`, the list to go back to (`kind`, `q`) and the ticks.
#[derive(Debug, Default)]
struct BulkForm {
    csrf: String,
    action: String,
    kind: String,
    q: String,
    picks: BTreeSet<Pick>,
    unreadable: u32,
}

impl BulkForm {
    fn parse(body: &[u8]) -> Self {
        let mut form = Self::default();
        for (key, value) in form_urlencoded::parse(body) {
            match key.as_ref() {
                "csrf" => form.csrf = value.into_owned(),
                "action" => form.action = value.into_owned(),
                "kind" => form.kind = value.into_owned(),
                "q" => form.q = value.into_owned(),
                "pick" if form.picks.len() < MAX_PICKS => match Pick::parse(&value) {
                    Some(pick) => {
                        form.picks.insert(pick);
                    }
                    None => form.unreadable += 1,
                },
                _ => {}
            }
        }
        form
    }

    /// The list the form was on, with the result's counts.
    fn back(&self, tally: Option<Tally>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.q.trim().is_empty() {
            query.append_pair("q", self.q.trim());
        }
        if !self.kind.is_empty() {
            query.append_pair("kind", &self.kind);
        }
        match tally {
            Some(t) => {
                query.append_pair("done", "bulk");
                query.append_pair("n", &t.done.to_string());
                query.append_pair("r", &t.refused.to_string());
                query.append_pair("s", &t.skipped.to_string());
            }
            None => {
                query.append_pair("done", "none");
            }
        }
        format!("/admin?{}", query.finish())
    }
}

/// `POST /admin/bulk`
pub async fn apply(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    body: Bytes,
) -> Response {
    let form = BulkForm::parse(&body);
    if !signed_in.csrf_ok(&form.csrf) {
        return csrf_refused(&tr);
    }
    if form.picks.is_empty() {
        return see_other(&form.back(None));
    }
    let store = signed_in.user.store_id;
    let tally = match form.action.as_str() {
        "email" => email_links(&state, store, &form.picks).await,
        "handle" => handle_requests(&state, store, &form.picks).await,
        _ => return see_other(&form.back(None)),
    };
    match tally {
        Ok(mut tally) => {
            tally.skipped += form.unreadable;
            see_other(&form.back(Some(tally)))
        }
        Err(e) => super::failed(&tr, &e),
    }
}

/// Emails each ticked order's private link once.
async fn email_links(
    state: &AdminState,
    store: StoreId,
    picks: &BTreeSet<Pick>,
) -> Result<Tally, StoreError> {
    let orders: BTreeSet<OrderId> = picks.iter().map(|p| p.order).collect();
    let mut tally = Tally::default();
    for order in orders {
        match super::messages::queue_link(state, store, order).await {
            Ok(Queued::Now(_)) => tally.done += 1,
            Ok(Queued::Refused(_)) => tally.refused += 1,
            Err(StoreError::NotFound(_)) => tally.skipped += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(tally)
}

/// Marks handled each ticked request, or for a ticked order every open request of its.
async fn handle_requests(
    state: &AdminState,
    store: StoreId,
    picks: &BTreeSet<Pick>,
) -> Result<Tally, StoreError> {
    let mut tally = Tally::default();
    let mut requests: Option<Vec<CustomerRequest>> = None;
    for pick in picks {
        let order = match state.store.get_order(store, pick.order).await {
            Ok(order) => order,
            Err(StoreError::NotFound(_)) => {
                tally.skipped += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        let of_order = |r: &CustomerRequest| order.shipments.iter().any(|s| s.id == r.shipment_id);
        let open: Vec<RequestId> = match pick.request {
            Some(id) => match state.store.get_customer_request(store, id).await {
                Ok(r) if of_order(&r) && r.status == RequestStatus::Open => vec![r.id],
                Ok(_) | Err(StoreError::NotFound(_)) => Vec::new(),
                Err(e) => return Err(e),
            },
            None => {
                if requests.is_none() {
                    requests = Some(state.store.list_customer_requests(store).await?);
                }
                requests
                    .iter()
                    .flatten()
                    .filter(|r| of_order(r) && r.status == RequestStatus::Open)
                    .map(|r| r.id)
                    .collect()
            }
        };
        if open.is_empty() {
            tally.skipped += 1;
        }
        for id in open {
            match state.store.handle_request(store, id, None).await {
                Ok(()) => tally.done += 1,
                Err(StoreError::NotFound(_)) => tally.skipped += 1,
                Err(e) => return Err(e),
            }
        }
    }
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_read_as_orders_or_requests_and_nonsense_is_counted() {
        let form = BulkForm::parse(b"csrf=t&action=email&pick=12&pick=12%3A7&pick=x&pick=3:y");
        assert_eq!(form.csrf, "t");
        assert_eq!(form.picks.len(), 2);
        assert!(form.picks.contains(&Pick {
            order: OrderId(12),
            request: Some(RequestId(7))
        }));
        assert_eq!(form.unreadable, 2);
        let back = form.back(Some(Tally {
            done: 1,
            refused: 2,
            skipped: 3,
        }));
        assert_eq!(back, "/admin?done=bulk&n=1&r=2&s=3");
    }
}
