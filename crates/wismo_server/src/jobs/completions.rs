//! Finished jobs recorded together ([`Batches`]): a runner's jobs hand their leases to one
//! task, which records every lease waiting in one fenced statement
//! ([`complete_jobs`](wismo_store::JobStore::complete_jobs)) and tells each job whether its
//! lease still held.

use std::collections::HashSet;
use std::sync::Arc;
use wismo_store::{JobLease, Store};

use super::batches::Batches;

/// Where a runner's finished jobs are recorded.
#[derive(Debug, Clone)]
pub(super) struct Completions(Batches<JobLease, bool>);

impl Completions {
    /// Records finished jobs through `store` from a task of the current runtime, until
    /// every [`Completions`] is dropped.
    pub fn spawn(store: Arc<dyn Store>) -> Self {
        Self(Batches::spawn(move |leases: Vec<JobLease>| {
            let store = store.clone();
            async move {
                let done: HashSet<_> = store
                    .complete_jobs(&leases)
                    .await
                    .map_err(|e| e.to_string())?
                    .into_iter()
                    .collect();
                Ok(leases.iter().map(|l| done.contains(&l.job)).collect())
            }
        }))
    }

    /// Records a finished job: `false` if its lease was lost (expired and claimed by
    /// someone else), so nothing was changed; an error when it could not be recorded.
    pub async fn complete(&self, lease: JobLease) -> Result<bool, String> {
        self.0.add(lease).await
    }
}
