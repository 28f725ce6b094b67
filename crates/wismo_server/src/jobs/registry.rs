//! The jobs a runner knows, by name: each one's queue and how to run a row's payload.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use super::{BackgroundJob, JobContext, Permanent};

type RunFuture = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;

/// One registered kind of job.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub name: &'static str,
    pub queue: &'static str,
    pub run: fn(JobContext, serde_json::Value) -> RunFuture,
    /// The wait before a retry: the job's [`BackgroundJob::retry_wait`].
    pub retry_wait: fn(u32, f64) -> std::time::Duration,
}

/// Registered kinds of job by name.
#[derive(Debug, Clone, Default)]
pub(super) struct Registry {
    entries: BTreeMap<&'static str, Entry>,
}

impl Registry {
    pub fn register<J: BackgroundJob>(&mut self) {
        self.entries.insert(
            J::JOB_NAME,
            Entry {
                name: J::JOB_NAME,
                queue: J::QUEUE,
                run: run::<J>,
                retry_wait: J::retry_wait,
            },
        );
    }

    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries.get(name)
    }

    /// The queues of the registered jobs, each once, in order.
    pub fn queues(&self) -> Vec<&'static str> {
        let mut queues: Vec<_> = self.entries.values().map(|e| e.queue).collect();
        queues.sort_unstable();
        queues.dedup();
        queues
    }
}

fn run<J: BackgroundJob>(ctx: JobContext, payload: serde_json::Value) -> RunFuture {
    Box::pin(async move {
        let job: J = serde_json::from_value(payload)
            .map_err(|e| Permanent(format!("unreadable `{}` payload: {e}", J::JOB_NAME)))?;
        job.run(&ctx).await
    })
}
