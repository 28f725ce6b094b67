//! The job queue's types. Jobs are rows with leases: claimed in a short transaction,
//! finished with an update fenced by the lease token, so a worker whose lease expired
//! cannot overwrite the work of the one that took over.

use chrono::{DateTime, Utc};
use wismo_domain::JobId;

use crate::{Result, StoreError};

/// A job to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    /// Which kind of worker runs it (`poll`, `notify`, …).
    pub queue: String,
    pub payload: serde_json::Value,
    pub run_at: DateTime<Utc>,
    /// At most one waiting or running job per (queue, key).
    pub dedupe_key: Option<String>,
    pub max_attempts: u32,
}

/// A claimed job, with the lease that proves it.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: JobId,
    pub queue: String,
    pub payload: serde_json::Value,
    pub run_at: DateTime<Utc>,
    /// Attempts so far, this one included.
    pub attempts: u32,
    pub max_attempts: u32,
    /// `queued`, `running`, `done` or `dead`.
    pub state: String,
    pub locked_by: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub lease: JobLease,
}

/// Proof of a claim: the job and the lease token it was claimed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobLease {
    pub job: JobId,
    /// Incremented at every claim; completion must present the current one.
    pub token: i64,
}

/// When a lease taken now for `lease` ends, refusing a lease too long to represent.
pub(crate) fn lease_end(now: DateTime<Utc>, lease: chrono::Duration) -> Result<DateTime<Utc>> {
    now.checked_add_signed(lease)
        .ok_or_else(|| StoreError::Config(format!("job lease {lease} is too long")))
}
