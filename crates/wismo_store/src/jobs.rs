//! The job queue's types. Jobs are rows with leases: claimed in a short transaction,
//! finished with an update fenced by the lease token, so a worker whose lease expired
//! cannot overwrite the work of the one that took over.
//!
//! A row holds only what retrying needs (attempts, next run, lease, last error). What a job
//! did for the business belongs in that business's own tables.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::fmt;
use wismo_domain::JobId;

use crate::{Result, StoreError};

/// A job to queue, usually written in the same transaction as the change that calls for
/// it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    /// What kind of job it is: the name its runner knows it by (`prune_stored_pages`, …).
    pub name: String,
    /// Which runners claim it (`maintenance`, `notify`, …).
    pub queue: String,
    pub payload: serde_json::Value,
    pub run_at: DateTime<Utc>,
    /// At most one waiting or running job per (queue, key).
    pub dedupe_key: Option<String>,
    /// With a `dedupe_key`: nothing is queued either while a finished (done or dead) job
    /// with the key is still kept, so the key's work is done once (a period's maintenance).
    pub once_per_key: bool,
    pub max_attempts: u32,
}

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobState {
    /// Waiting for its run time, or for a runner.
    Queued,
    /// Leased by a runner (due again if the lease runs out).
    Running,
    /// Finished; kept for a while, then removed.
    Done,
    /// Failed for good (out of attempts, or a failure not worth retrying); kept with its
    /// error until an operator retries or removes it.
    Dead,
}

impl JobState {
    pub const ALL: [JobState; 4] = [
        JobState::Queued,
        JobState::Running,
        JobState::Done,
        JobState::Dead,
    ];

    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Dead => "dead",
        }
    }

    /// The state named `name`.
    pub fn parse(name: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job as stored. A claimed one carries the lease that proves the claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: JobId,
    pub name: String,
    pub queue: String,
    pub payload: serde_json::Value,
    /// When it is due (for a dead or done job, when it last was).
    pub run_at: DateTime<Utc>,
    /// Attempts so far, this one included.
    pub attempts: u32,
    pub max_attempts: u32,
    pub state: JobState,
    pub locked_by: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub dedupe_key: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When it was done or died.
    pub finished_at: Option<DateTime<Utc>>,
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

/// Why an operator's change to job `id` was refused, given the state it is in (`None`: no
/// such job).
pub(crate) fn refused(id: JobId, state: Option<&str>, wanted: &str) -> StoreError {
    match state {
        None => StoreError::NotFound("job"),
        Some(state) => StoreError::Conflict(format!("job {} is {state}: {wanted}", id.0)),
    }
}

/// The job queue: leased rows, claimed in a short transaction, finished with a fenced update.
#[async_trait]
pub trait JobStore: Send + Sync {
    /// Queues a job. With a `dedupe_key` that a job of the same queue still waiting or
    /// running already has, nothing is queued and `None` is returned.
    async fn enqueue_job(&self, job: &NewJob) -> Result<Option<wismo_domain::JobId>>;

    /// Claims up to `limit` due jobs of `queue` for `worker` until now + `lease`, in one
    /// short transaction. A job whose lease expired is due again. Two claimers never get
    /// the same job while its lease lasts.
    async fn claim_jobs(
        &self,
        queue: &str,
        worker: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<Job>>;

    /// Finishes a job. `false` if the lease was lost (expired and claimed by someone else):
    /// then nothing is changed.
    async fn complete_job(&self, lease: &JobLease) -> Result<bool>;

    /// Finishes several jobs in one write, each fenced as by
    /// [`complete_job`](JobStore::complete_job): the ids of those finished; a job whose
    /// lease was lost is left as it is and missing from them.
    async fn complete_jobs(&self, leases: &[JobLease]) -> Result<Vec<wismo_domain::JobId>>;

    /// Gives a job back after a failure: due again at `retry_at`, or dead when it is `None`
    /// or the job has used its attempts. Fenced like [`complete_job`](JobStore::complete_job).
    async fn fail_job(
        &self,
        lease: &JobLease,
        error: &str,
        retry_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<bool>;

    /// Extends a held lease to now + `lease`. Fenced.
    async fn extend_job_lease(&self, lease: &JobLease, by: chrono::Duration) -> Result<bool>;

    /// A job by id, for inspection.
    async fn get_job(&self, id: wismo_domain::JobId) -> Result<Job>;

    /// Up to `limit` jobs in `state`, soonest due first; without a state, every job not
    /// done (dead, then queued, then running).
    async fn list_jobs(&self, state: Option<JobState>, limit: u32) -> Result<Vec<Job>>;

    /// Queues a dead job again, due now with its attempts reset (its last error is kept
    /// until it fails again). Another state is [`StoreError::Conflict`]; so is a dedupe key
    /// another waiting or running job has taken meanwhile.
    async fn retry_job(&self, id: wismo_domain::JobId) -> Result<Job>;

    /// Removes a job that is not running; a running one is [`StoreError::Conflict`].
    async fn remove_job(&self, id: wismo_domain::JobId) -> Result<Job>;

    /// Removes up to `limit` done jobs finished before `before`, oldest first; how many it
    /// removed. Dead jobs are never removed this way.
    async fn remove_finished_jobs(
        &self,
        before: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> Result<u64>;
}
