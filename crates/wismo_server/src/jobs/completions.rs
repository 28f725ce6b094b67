//! Finished jobs recorded together: a busy queue's jobs end many at a time, and each one's
//! "done" was a write of its own, one more turn of SQLite's single writer per message sent.
//! A runner's jobs hand their leases to one task, which records every lease waiting in
//! one fenced statement ([`complete_jobs`](wismo_store::JobStore::complete_jobs)) and
//! tells each job whether its lease still held. Nothing waits for a batch to fill: while
//! one write runs, the next leases queue up, so an idle runner writes at once and a busy
//! one writes less often.

use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};
use wismo_store::{JobLease, Store};

/// Leases recorded in one statement, at most.
const BATCH: usize = 128;

/// A finished job's lease and where its outcome goes.
type Finished = (JobLease, oneshot::Sender<Result<bool, String>>);

/// Where a runner's finished jobs are recorded.
#[derive(Debug, Clone)]
pub(super) struct Completions {
    queue: mpsc::Sender<Finished>,
}

impl Completions {
    /// Records finished jobs through `store` from a task of the current runtime, until
    /// every [`Completions`] is dropped.
    pub fn spawn(store: Arc<dyn Store>) -> Self {
        let (queue, finished) = mpsc::channel(4 * BATCH);
        tokio::spawn(record(store, finished));
        Self { queue }
    }

    /// Records a finished job: `false` if its lease was lost (expired and claimed by
    /// someone else), so nothing was changed; an error when it could not be recorded.
    pub async fn complete(&self, lease: JobLease) -> Result<bool, String> {
        let (reply, outcome) = oneshot::channel();
        if self.queue.send((lease, reply)).await.is_err() {
            return Err("the runner stopped recording finished jobs".into());
        }
        outcome
            .await
            .unwrap_or_else(|_| Err("the runner stopped recording finished jobs".into()))
    }
}

async fn record(store: Arc<dyn Store>, mut finished: mpsc::Receiver<Finished>) {
    let mut batch: Vec<Finished> = Vec::with_capacity(BATCH);
    while finished.recv_many(&mut batch, BATCH).await > 0 {
        let leases: Vec<JobLease> = batch.iter().map(|(lease, _)| lease.clone()).collect();
        match store.complete_jobs(&leases).await {
            Ok(done) => {
                let done: HashSet<_> = done.into_iter().collect();
                for (lease, reply) in batch.drain(..) {
                    let _ = reply.send(Ok(done.contains(&lease.job)));
                }
            }
            Err(error) => {
                let error = error.to_string();
                for (_, reply) in batch.drain(..) {
                    let _ = reply.send(Err(error.clone()));
                }
            }
        }
    }
}
