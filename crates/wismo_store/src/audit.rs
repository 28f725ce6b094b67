//! The audit log: who changed what in a store, through the admin or the API. The server
//! decides what is a change (see its route table); the store keeps the rows and reads them
//! back newest first, a page at a time.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wismo_domain::StoreId;

use crate::Result;

/// A change to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub store: StoreId,
    /// Who: the user's email, or the API key's name and prefix.
    pub actor: String,
    /// The method and route template (`PUT /api/v1/store/branding`).
    pub action: String,
    /// The path as requested.
    pub target: String,
    /// The HTTP status it was answered with.
    pub status: u16,
}

/// A recorded change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub status: u16,
}

/// A page of [`AuditStore::audit_log`], the same text for both engines.
pub(crate) const AUDIT_PAGE: &str = "SELECT id, at, actor, action, target, status FROM audit_log \
     WHERE store_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3";

#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Records one change, stamped now.
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<()>;

    /// A store's changes, newest first: up to `limit` older than the entry `before`.
    async fn audit_log(
        &self,
        store: StoreId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>>;

    /// Deletes entries recorded before `before`; how many went.
    async fn prune_audit(&self, before: DateTime<Utc>) -> Result<u64>;
}
