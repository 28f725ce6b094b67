//! The audit log's recorder: around every route the table marks as a change (the admin's
//! forms, the API's settings and actions), it notes who made it and, when the change went
//! through (a 2xx or a 303), keeps a row in the store's audit log. A failed or refused
//! attempt changed nothing and is not kept.
//!
//! Who it was is learned on the way in: the API's key check puts the key's label into the
//! request, and the admin's session extractor fills the [`AuditSlot`] this layer hands it.

use axum::extract::{MatchedPath, OriginalUri, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::{Arc, Mutex};
use wismo_domain::StoreId;
use wismo_store::audit::NewAuditEntry;

use crate::state::Core;

/// Who is making a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub store: StoreId,
    /// The user's email, or the API key's name and prefix.
    pub who: String,
}

/// Where the handler's credentials say who is acting (put into the request by
/// [`record_changes`]; filled by the admin's session extractor).
#[derive(Debug, Clone, Default)]
pub struct AuditSlot(Arc<Mutex<Option<Actor>>>);

impl AuditSlot {
    pub fn fill(&self, actor: Actor) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(actor);
        }
    }

    fn take(&self) -> Option<Actor> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

/// Records the change a request made, once it succeeded.
pub async fn record_changes(State(core): State<Core>, mut req: Request, next: Next) -> Response {
    let slot = AuditSlot::default();
    if let Some(actor) = req.extensions().get::<Actor>() {
        slot.fill(actor.clone());
    }
    req.extensions_mut().insert(slot.clone());
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(String::new, |p| p.as_str().to_owned());
    let action = format!("{} {route}", req.method());
    // The whole path: a nested router sees it without its prefix.
    let target = req.extensions().get::<OriginalUri>().map_or_else(
        || req.uri().path().to_owned(),
        |uri| uri.0.path().to_owned(),
    );
    let response = next.run(req).await;
    let status = response.status();
    let went_through = status.is_success() || status == axum::http::StatusCode::SEE_OTHER;
    if went_through && let Some(actor) = slot.take() {
        let entry = NewAuditEntry {
            store: actor.store,
            actor: actor.who,
            action,
            target,
            status: status.as_u16(),
        };
        if let Err(e) = core.store.record_audit(&entry).await {
            tracing::error!(error = %e, action = %entry.action, "cannot record a change in the audit log");
        }
    }
    response
}
