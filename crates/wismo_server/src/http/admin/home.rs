//! `GET /admin`: what needs attention, oldest first, with counts per kind (exceptions,
//! action required, delays, expired tracking, open customer requests, failed messages),
//! each row saying why it is listed and linking to its order; or, with `?q=`, the orders
//! whose number, customer email or name, or tracking number match. Both page with cursors,
//! export as CSV ([`super::export`]) and take bulk actions on ticked rows ([`super::bulk`]).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_domain::{OrderId, Substatus};
use wismo_store::admin::{AttentionCursor, AttentionKind, AttentionRow, FoundOrder};

use super::{AdminState, SignedIn, Tr, page};

/// Rows per page.
pub const PAGE_ROWS: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct HomeQuery {
    kind: Option<String>,
    after: Option<String>,
    q: Option<String>,
    before: Option<i64>,
    /// `bulk` after a bulk action, with its counts `n` (done), `r` (refused), `s`
    /// (skipped); `none` when nothing was ticked.
    done: Option<String>,
    n: Option<u32>,
    r: Option<u32>,
    s: Option<u32>,
}

impl HomeQuery {
    /// The search, when there is one.
    pub fn search(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }

    /// The kind of row listed alone.
    pub fn kind(&self) -> Option<AttentionKind> {
        self.kind.as_deref().and_then(AttentionKind::parse)
    }

    /// What the last bulk action came to, in words: (text, whether it is a refusal).
    fn notice(&self, tr: &Tr) -> Option<(String, bool)> {
        match self.done.as_deref()? {
            "bulk" => {
                let n = |v: Option<u32>| v.unwrap_or(0).to_string();
                Some((
                    tr.with(
                        "admin-bulk-result",
                        &[
                            ("done", &n(self.n)),
                            ("refused", &n(self.r)),
                            ("skipped", &n(self.s)),
                        ],
                    ),
                    false,
                ))
            }
            "none" => Some((tr.t("admin-bulk-none"), true)),
            _ => None,
        }
    }
}

/// A count on the home page, linking to its rows.
pub struct Count {
    pub kind: &'static str,
    pub label: String,
    pub n: u64,
    pub tone: &'static str,
    pub current: bool,
}

/// One listed row, ready to show.
pub struct Row {
    pub order_id: OrderId,
    pub order_number: String,
    pub label: String,
    pub tone: &'static str,
    pub why: String,
    pub next: String,
    pub since: String,
    /// The value of its tick for a bulk action: `{order}`, or `{order}:{request}`.
    pub pick: String,
}

#[derive(Template)]
#[template(path = "admin/home.html")]
pub struct HomePage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub counts: Vec<Count>,
    pub total: u64,
    pub rows: Vec<Row>,
    pub kind: String,
    pub next: Option<String>,
    pub query: String,
    pub found: Option<Vec<FoundOrder>>,
    pub next_found: Option<i64>,
    /// What the last bulk action came to; whether it is a refusal.
    pub notice: Option<(String, bool)>,
}

/// How loud a kind is: red needs someone now, amber can wait a little.
fn tone(kind: AttentionKind) -> &'static str {
    match kind {
        AttentionKind::Exception | AttentionKind::ActionRequired | AttentionKind::Request => "red",
        AttentionKind::Delayed
        | AttentionKind::Expired
        | AttentionKind::FailedNotification
        | AttentionKind::NotShipped => "amber",
    }
}

/// Why a row is listed, in words; `now` counts an unshipped order's business days.
pub(crate) fn why(tr: &Tr, row: &AttentionRow, now: chrono::DateTime<chrono::Utc>) -> String {
    let detail = row.detail.as_deref().unwrap_or("");
    match row.kind {
        AttentionKind::Exception
        | AttentionKind::ActionRequired
        | AttentionKind::Delayed
        | AttentionKind::Expired => {
            let state = match detail.parse::<Substatus>() {
                Ok(sub) => sub.as_str(),
                Err(_) => row.kind.as_str(),
            };
            tr.with("admin-why-parcel", &[("state", &state.replace('_', " "))])
        }
        AttentionKind::Request => {
            tr.with("admin-why-request", &[("kind", &detail.replace('_', " "))])
        }
        AttentionKind::FailedNotification => tr.with("admin-why-failed", &[("channel", detail)]),
        AttentionKind::NotShipped => {
            let days = wismo_domain::BusinessCalendar::for_carrier(None)
                .business_days_between(row.since.date_naive(), now.date_naive());
            tr.with("admin-why-not-shipped", &[("days", &days.to_string())])
        }
    }
}

/// `GET /admin`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(query): Query<HomeQuery>,
) -> Response {
    let store = signed_in.user.store_id;
    let kind = query.kind();
    let after = query.after.as_deref().and_then(AttentionCursor::decode);
    let attention = match state
        .store
        .attention(store, kind, after.as_ref(), PAGE_ROWS)
        .await
    {
        Ok(page) => page,
        Err(e) => return super::failed(&tr, &e),
    };
    let search = query.search();
    let (found, next_found) = match search {
        Some(q) => {
            let before = query.before.map(OrderId);
            match state.store.search_orders(store, q, before, PAGE_ROWS).await {
                Ok(found) => {
                    let next = (found.len() == PAGE_ROWS as usize)
                        .then(|| found.last().map(|o| o.id.0))
                        .flatten();
                    (Some(found), next)
                }
                Err(e) => return super::failed(&tr, &e),
            }
        }
        None => (None, None),
    };
    let counts: Vec<Count> = AttentionKind::ALL
        .into_iter()
        .map(|k| Count {
            kind: k.as_str(),
            label: tr.t(&format!("admin-kind-{}", k.as_str())),
            tone: tone(k),
            n: attention
                .counts
                .iter()
                .find(|(c, _)| *c == k)
                .map_or(0, |(_, n)| *n),
            current: kind == Some(k),
        })
        .collect();
    let next = (attention.rows.len() == PAGE_ROWS as usize)
        .then(|| {
            attention
                .rows
                .last()
                .map(|r| AttentionCursor::after(r).encode())
        })
        .flatten();
    let now = state.core.clock.now();
    let rows = attention
        .rows
        .iter()
        .map(|r| Row {
            order_id: r.order_id,
            order_number: r.order_number.to_string(),
            label: tr.t(&format!("admin-kind-{}", r.kind.as_str())),
            tone: tone(r.kind),
            why: why(&tr, r, now),
            next: tr.t(&format!("admin-next-{}", r.kind.as_str())),
            since: r.since.format("%Y-%m-%d %H:%M UTC").to_string(),
            pick: match r.kind {
                AttentionKind::Request => format!("{}:{}", r.order_id.0, r.subject),
                _ => r.order_id.0.to_string(),
            },
        })
        .collect();
    page(
        StatusCode::OK,
        &HomePage {
            tr: tr.clone(),
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
            total: counts.iter().map(|c| c.n).sum(),
            counts,
            rows,
            kind: kind.map_or("", AttentionKind::as_str).to_owned(),
            next,
            query: search.unwrap_or("").to_owned(),
            found,
            next_found,
            notice: query.notice(&tr),
        },
    )
}
