//! `GET /admin/audit`: who changed what in the store, newest first, for its owners only.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wismo_domain::admin::User;
use wismo_store::audit::AuditEntry;

use super::{AdminState, SignedIn, Tr, page, refuse_unless_owner};

/// Entries on one page.
pub const PAGE: u32 = 50;

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub entries: Vec<Line>,
    /// The link to the next (older) page, when there is one.
    pub older: Option<String>,
    pub kept_days: i64,
}

/// One change as the page shows it.
pub struct Line {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
}

#[derive(Debug, Deserialize)]
pub struct Cursor {
    before: Option<i64>,
}

/// `GET /admin/audit[?before=ID]`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Query(cursor): Query<Cursor>,
) -> Response {
    if let Some(refused) = refuse_unless_owner(&tr, &signed_in) {
        return refused;
    }
    let store = signed_in.user.store_id;
    let entries = match state.store.audit_log(store, cursor.before, PAGE).await {
        Ok(entries) => entries,
        Err(e) => return super::failed(&tr, &e),
    };
    let older = (entries.len() == PAGE as usize)
        .then(|| {
            entries
                .last()
                .map(|e| format!("/admin/audit?before={}", e.id))
        })
        .flatten();
    page(
        StatusCode::OK,
        &AuditPage {
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
            entries: entries.iter().map(line).collect(),
            older,
            kept_days: crate::jobs::AUDIT_KEPT.num_days(),
        },
    )
}

fn line(entry: &AuditEntry) -> Line {
    Line {
        at: entry.at.format("%Y-%m-%d %H:%M UTC").to_string(),
        actor: entry.actor.clone(),
        action: entry.action.clone(),
        target: entry.target.clone(),
    }
}
