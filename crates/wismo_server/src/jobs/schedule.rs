//! Periodic jobs: queued as each period of the business clock begins, keyed by the period.
//! The key is kept with the finished job (`once_per_key`), so however many runners try, and
//! whenever they start, a period's job is queued once.

use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;
use wismo_store::{NewJob, Store};

use super::BackgroundJob;

/// A job queued once per period.
#[derive(Debug)]
struct Periodic {
    name: &'static str,
    queue: &'static str,
    period: chrono::Duration,
    make: fn(DateTime<Utc>) -> Result<NewJob, serde_json::Error>,
}

fn periodic_job<J: BackgroundJob + Default>(
    now: DateTime<Utc>,
) -> Result<NewJob, serde_json::Error> {
    J::default().to_new_job(now)
}

/// A runner's periodic jobs.
#[derive(Debug, Default)]
pub(super) struct Schedule {
    periodic: Vec<Periodic>,
    /// The period each job was last queued for here: only a new period costs a write.
    scheduled: Mutex<HashMap<&'static str, i64>>,
}

impl Schedule {
    /// Queues a `J::default()` every `period`.
    pub fn add<J: BackgroundJob + Default>(&mut self, period: chrono::Duration) {
        self.periodic.push(Periodic {
            name: J::JOB_NAME,
            queue: J::QUEUE,
            period,
            make: periodic_job::<J>,
        });
    }

    /// Queues each periodic job of `queues` whose period began since this schedule last
    /// did; how many it queued.
    pub async fn queue_due(
        &self,
        store: &dyn Store,
        now: DateTime<Utc>,
        queues: &[&'static str],
    ) -> anyhow::Result<usize> {
        let mut queued = 0;
        for periodic in self.periodic.iter().filter(|p| queues.contains(&p.queue)) {
            let secs = periodic.period.num_seconds().max(1);
            let period = now.timestamp().div_euclid(secs);
            if lock(&self.scheduled).get(periodic.name) == Some(&period) {
                continue;
            }
            let start = DateTime::from_timestamp(period * secs, 0).unwrap_or(now);
            let job = NewJob {
                dedupe_key: Some(format!(
                    "{}@{}",
                    periodic.name,
                    start.format("%Y-%m-%dT%H:%M:%SZ")
                )),
                once_per_key: true,
                ..(periodic.make)(now)?
            };
            if store.enqueue_job(&job).await?.is_some() {
                queued += 1;
            }
            lock(&self.scheduled).insert(periodic.name, period);
        }
        Ok(queued)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
