//! The audit log's rows into values, shared by both backends.

use super::{Columns, Reader};
use crate::Result;
use crate::audit::AuditEntry;

pub(crate) fn entry(row: &impl Columns) -> Result<AuditEntry> {
    let r = Reader::new(row, "audit_log");
    Ok(AuditEntry {
        id: r.int("id")?,
        at: r.time("at")?,
        actor: r.text("actor")?,
        action: r.text("action")?,
        target: r.text("target")?,
        status: r.narrow("status")?,
    })
}
