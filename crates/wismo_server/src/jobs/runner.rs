//! The runner: claims jobs of its queues with a lease, runs each in a task of its own,
//! keeps the lease while the job runs, and finishes it: done, queued again after a backoff,
//! or dead with its error (out of attempts, a permanent error, a panic). It also queues its
//! periodic jobs, once per period however many runners there are.

use anyhow::anyhow;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::{JoinError, JoinHandle, JoinSet};
use tracing::Instrument as _;
use wismo_store::Job;

use super::completions::Completions;
use super::failure::{RetryAfter, backoff, join_error, kept};
use super::registry::Registry;
use super::schedule::Schedule;
use super::{BackgroundJob, JobContext, Permanent};

/// How often the runner looks for periodic jobs to queue (real time).
const SCHEDULE_EVERY: Duration = Duration::from_secs(1);

/// How soon a queue that just had work is looked at again once it has run dry: a busy queue
/// finds new work within this long, and the wait grows by as much with each empty look, up
/// to the settings' `idle_wait`. Growing by steps, not doubling, a lull of a fraction of a
/// second in a busy queue adds tens of milliseconds to the next message, not hundreds.
const BUSY_WAIT: Duration = Duration::from_millis(20);

/// How a runner claims and runs.
#[derive(Debug, Clone, Copy)]
pub struct RunnerSettings {
    /// How long a claim lasts (real time); renewed every third of it while the job runs.
    pub lease: Duration,
    /// How long an idle queue waits before looking again (real time), at most: a queue
    /// that just had work looks again after [`BUSY_WAIT`], and waits that much longer after
    /// each look that found none.
    pub idle_wait: Duration,
    /// How many jobs of each queue this runner runs at once.
    pub concurrency: usize,
}

impl Default for RunnerSettings {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(60),
            idle_wait: Duration::from_secs(1),
            concurrency: 2,
        }
    }
}

/// What a runner did with the jobs it claimed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ran {
    pub succeeded: usize,
    /// Failed, and queued again for a later attempt.
    pub retried: usize,
    /// Failed for good: out of attempts, a permanent error, or a panic.
    pub dead: usize,
    /// Lost their lease before they finished: what they did was not recorded.
    pub lost: usize,
}

impl Ran {
    pub fn total(&self) -> usize {
        self.succeeded + self.retried + self.dead + self.lost
    }

    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Succeeded => self.succeeded += 1,
            Outcome::Retried => self.retried += 1,
            Outcome::Dead => self.dead += 1,
            Outcome::Lost => self.lost += 1,
        }
    }

    fn merge(&mut self, other: Ran) {
        self.succeeded += other.succeeded;
        self.retried += other.retried;
        self.dead += other.dead;
        self.lost += other.lost;
    }
}

#[derive(Debug, Clone, Copy)]
enum Outcome {
    Succeeded,
    Retried,
    Dead,
    Lost,
}

impl Outcome {
    /// The `outcome` label of `wismo_jobs_total`.
    fn label(self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::Retried => "retried",
            Outcome::Dead => "dead",
            Outcome::Lost => "lost",
        }
    }
}

/// Runs the jobs it has registered.
#[derive(Debug)]
pub struct Runner {
    name: String,
    ctx: JobContext,
    registry: Registry,
    schedule: Schedule,
    only: Option<Vec<&'static str>>,
    settings: RunnerSettings,
    /// Queues that run more (or fewer) jobs at once than `settings.concurrency`.
    concurrency: Vec<(&'static str, usize)>,
    /// Where finished jobs are recorded together, while [`run`](Self::run) runs; jobs run
    /// one at a time ([`run_pending`](Self::run_pending)) record their own.
    completions: Option<Completions>,
}

impl Runner {
    /// A runner with no jobs yet.
    pub fn new(ctx: JobContext) -> Self {
        let host = std::env::var("HOSTNAME")
            .ok()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "runner".to_owned());
        Self {
            name: format!(
                "{host}:{}:{:08x}",
                std::process::id(),
                rand::random::<u32>()
            ),
            ctx,
            registry: Registry::default(),
            schedule: Schedule::default(),
            only: None,
            settings: RunnerSettings::default(),
            concurrency: Vec::new(),
            completions: None,
        }
    }

    /// Runs jobs named `J::JOB_NAME` from `J::QUEUE`.
    pub fn register<J: BackgroundJob>(mut self) -> Self {
        self.registry.register::<J>();
        self
    }

    /// Registers `J` and queues one (`J::default()`) every `period` of the clock, keyed by
    /// the period so that it is queued once per period.
    pub fn every<J: BackgroundJob + Default>(mut self, period: chrono::Duration) -> Self {
        self.registry.register::<J>();
        self.schedule.add::<J>(period);
        self
    }

    /// Runs `n` jobs of `queue` at once (the settings' `concurrency` for other queues).
    pub fn concurrency(mut self, queue: &'static str, n: usize) -> Self {
        self.concurrency.retain(|(q, _)| *q != queue);
        self.concurrency.push((queue, n.max(1)));
        self
    }

    /// How many jobs of `queue` run at once.
    fn concurrency_of(&self, queue: &str) -> usize {
        self.concurrency
            .iter()
            .find(|(q, _)| *q == queue)
            .map_or(self.settings.concurrency, |(_, n)| *n)
            .max(1)
    }

    pub fn with_settings(mut self, settings: RunnerSettings) -> Self {
        self.settings = settings;
        self
    }

    /// Serves only the queues named (all by default). A queue no registered job runs on is
    /// an error that lists the queues there are.
    pub fn only_queues(mut self, names: &[String]) -> anyhow::Result<Self> {
        let known = self.registry.queues();
        let mut only = Vec::new();
        for name in names {
            let Some(queue) = known.iter().find(|q| **q == name.as_str()) else {
                anyhow::bail!(
                    "no job runs on queue `{name}`; the queues are: {}",
                    known.join(", ")
                );
            };
            only.push(*queue);
        }
        self.only = (!only.is_empty()).then_some(only);
        Ok(self)
    }

    /// The queues this runner serves.
    pub fn queues(&self) -> Vec<&'static str> {
        let mut queues = self.registry.queues();
        if let Some(only) = &self.only {
            queues.retain(|q| only.contains(q));
        }
        queues
    }

    /// The name leases are taken under.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs jobs until `shutdown` resolves: for each queue, up to its concurrency at once,
    /// and the periodic jobs queued as their periods begin. Jobs in flight are finished
    /// first.
    pub async fn run(mut self, shutdown: impl Future<Output = ()>) {
        self.completions = Some(Completions::spawn(self.ctx.store.clone()));
        let runner = Arc::new(self);
        let queues = runner.queues();
        tracing::info!(runner = %runner.name, ?queues, "job runner started");
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut loops = JoinSet::new();
        for queue in queues {
            let (runner, stopped) = (runner.clone(), stopped.clone());
            loops.spawn(async move { runner.serve(queue, stopped).await });
        }
        tokio::pin!(shutdown);
        loop {
            if let Err(e) = runner.schedule().await {
                tracing::warn!(error = format!("{e:#}"), "cannot queue periodic jobs");
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(SCHEDULE_EVERY) => {}
            }
        }
        let _ = stop.send(true);
        while loops.join_next().await.is_some() {}
        tracing::info!(runner = %runner.name, "job runner stopped");
    }

    /// One queue's loop: whenever a slot is free, claims as many due jobs as there are free
    /// slots in one statement and runs each in a task of its own; waits a little when the
    /// queue had fewer than it asked for. Claiming in batches keeps a busy queue from paying
    /// a write per job for its claims. The wait starts at [`BUSY_WAIT`] after a claim that
    /// found work and grows by as much after each that found none, up to `idle_wait`: news
    /// is sent within milliseconds while messages flow, and an idle queue costs a claim a
    /// second.
    async fn serve(
        self: Arc<Self>,
        queue: &'static str,
        mut stopped: tokio::sync::watch::Receiver<bool>,
    ) {
        let slots = Arc::new(tokio::sync::Semaphore::new(self.concurrency_of(queue)));
        let mut running = JoinSet::new();
        let mut wait = self.settings.idle_wait;
        while !*stopped.borrow() {
            let first = tokio::select! {
                permit = slots.clone().acquire_owned() => permit,
                _ = stopped.changed() => continue,
            };
            let Ok(first) = first else { break };
            let mut permits = vec![first];
            while let Ok(permit) = slots.clone().try_acquire_owned() {
                permits.push(permit);
            }
            let asked = permits.len();
            let jobs = match self
                .ctx
                .store
                .claim_jobs(queue, &self.name, self.lease(), asked as u32)
                .await
            {
                Ok(jobs) => jobs,
                Err(e) => {
                    tracing::error!(queue, error = format!("{e:#}"), "cannot claim jobs");
                    Vec::new()
                }
            };
            let drained = jobs.len() < asked;
            wait = next_wait(wait, !jobs.is_empty(), self.settings.idle_wait);
            for (job, permit) in jobs.into_iter().zip(permits.drain(..)) {
                let runner = self.clone();
                running.spawn(async move {
                    runner.run_job(queue, job).await;
                    drop(permit);
                });
            }
            drop(permits);
            while running.try_join_next().is_some() {}
            if drained {
                tokio::select! {
                    _ = stopped.changed() => {}
                    () = tokio::time::sleep(wait) => {}
                }
            }
        }
        while running.join_next().await.is_some() {}
    }

    /// Runs the due jobs of every queue, one at a time, until none is due (jobs they queue
    /// included; a retry waits for its time). For tests and one-off runs.
    pub async fn run_pending(&self) -> anyhow::Result<Ran> {
        let mut ran = Ran::default();
        loop {
            let mut round = Ran::default();
            for queue in self.queues() {
                round.merge(self.run_next(queue).await?);
            }
            if round.total() == 0 {
                return Ok(ran);
            }
            ran.merge(round);
        }
    }

    /// Claims one due job of `queue` and runs it.
    async fn run_next(&self, queue: &'static str) -> anyhow::Result<Ran> {
        let jobs = self
            .ctx
            .store
            .claim_jobs(queue, &self.name, self.lease(), 1)
            .await?;
        let mut ran = Ran::default();
        for job in jobs {
            ran.add(self.run_job(queue, job).await);
        }
        Ok(ran)
    }

    /// Queues each periodic job of this runner's queues whose period began since this
    /// runner last did; how many it queued. A period's job is queued once however many
    /// runners try (the job's dedupe key names its period).
    pub async fn schedule(&self) -> anyhow::Result<usize> {
        let now = self.ctx.clock.now();
        self.schedule
            .queue_due(self.ctx.store.as_ref(), now, &self.queues())
            .await
    }

    /// Runs a claimed job and records how it ended.
    async fn run_job(&self, queue: &'static str, job: Job) -> Outcome {
        let started = Instant::now();
        let entry = self.registry.get(&job.name).copied();
        let span =
            tracing::info_span!("job", id = job.id.0, name = %job.name, attempt = job.attempts);
        let outcome = async {
            let Some(entry) = entry else {
                let error = anyhow!(
                    "no job named `{}` is registered in this wismo ({})",
                    job.name,
                    env!("CARGO_PKG_VERSION")
                );
                return self.failed(&job, &error, false, backoff).await;
            };
            let run = (entry.run)(self.ctx.clone(), job.payload.clone());
            let wait = entry.retry_wait;
            let task = tokio::spawn(run.in_current_span());
            match self.while_leased(&job, task).await {
                None => Outcome::Lost,
                Some(Ok(Ok(()))) => self.succeeded(&job).await,
                Some(Ok(Err(error))) => {
                    let permanent = error.chain().any(|e| e.is::<Permanent>());
                    self.failed(&job, &error, permanent, wait).await
                }
                Some(Err(joined)) => {
                    let panicked = joined.is_panic();
                    self.failed(&job, &join_error(joined), panicked, wait).await
                }
            }
        }
        .instrument(span)
        .await;
        let name = entry.map_or("unknown", |e| e.name);
        metrics::counter!("wismo_jobs_total", "queue" => queue, "name" => name, "outcome" => outcome.label())
            .increment(1);
        metrics::histogram!("wismo_job_duration_seconds", "queue" => queue, "name" => name)
            .record(started.elapsed().as_secs_f64());
        outcome
    }

    /// Waits for the job's task, renewing its lease every third of it. `None` when the
    /// lease was lost (expired and claimed by another runner): the task is stopped then.
    async fn while_leased(
        &self,
        job: &Job,
        mut task: JoinHandle<anyhow::Result<()>>,
    ) -> Option<Result<anyhow::Result<()>, JoinError>> {
        let every = (self.settings.lease / 3).max(Duration::from_millis(10));
        let mut renew = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        renew.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                joined = &mut task => return Some(joined),
                _ = renew.tick() => {
                    match self.ctx.store.extend_job_lease(&job.lease, self.lease()).await {
                        Ok(true) => {}
                        Ok(false) => {
                            task.abort();
                            tracing::warn!("the job's lease was taken over; stopped it");
                            return None;
                        }
                        Err(e) => tracing::warn!(error = %e, "cannot renew the job's lease"),
                    }
                }
            }
        }
    }

    async fn succeeded(&self, job: &Job) -> Outcome {
        let done = match &self.completions {
            Some(completions) => completions.complete(job.lease.clone()).await,
            None => (self.ctx.store.complete_job(&job.lease).await).map_err(|e| e.to_string()),
        };
        match done {
            Ok(true) => Outcome::Succeeded,
            Ok(false) => {
                tracing::warn!("the job's lease was taken over before it finished");
                Outcome::Lost
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot record a finished job; it will run again");
                Outcome::Lost
            }
        }
    }

    /// Gives a failed job back: queued again after the job's `retry_wait` (at least what
    /// a [`RetryAfter`] in the error asks), or dead when it is `permanent` or out of
    /// attempts.
    async fn failed(
        &self,
        job: &Job,
        error: &anyhow::Error,
        permanent: bool,
        retry_wait: fn(u32, f64) -> Duration,
    ) -> Outcome {
        let message = kept(format!("{error:#}"));
        let last = permanent || job.attempts >= job.max_attempts;
        let retry_at = (!last).then(|| {
            let wait = retry_wait(job.attempts, rand::random::<f64>())
                .max(RetryAfter::find(error).unwrap_or_default());
            self.ctx.clock.now() + clock_time(wait, self.ctx.clock.speed())
        });
        match self
            .ctx
            .store
            .fail_job(&job.lease, &message, retry_at)
            .await
        {
            Ok(true) if last => {
                tracing::error!(error = %message, attempts = job.attempts, "job is dead");
                Outcome::Dead
            }
            Ok(true) => {
                tracing::warn!(error = %message, retry_at = ?retry_at, "job failed; it will be retried");
                Outcome::Retried
            }
            Ok(false) => {
                tracing::warn!(error = %message, "job failed after its lease was taken over");
                Outcome::Lost
            }
            Err(e) => {
                tracing::error!(error = %e, job_error = %message, "cannot record a failed job");
                Outcome::Lost
            }
        }
    }

    /// The lease in the clock's time.
    fn lease(&self) -> chrono::Duration {
        clock_time(self.settings.lease, self.ctx.clock.speed())
    }
}

/// The wait before a queue is looked at again after a claim that `found` work or none:
/// [`BUSY_WAIT`] after work, else the last `wait` and [`BUSY_WAIT`] more, never more than
/// `idle`.
fn next_wait(wait: Duration, found: bool, idle: Duration) -> Duration {
    if found {
        BUSY_WAIT.min(idle)
    } else {
        (wait + BUSY_WAIT).min(idle)
    }
}

/// A real duration in the clock's time (the clock may run faster in demos and tests).
fn clock_time(real: Duration, speed: f64) -> chrono::Duration {
    let secs = real.as_secs_f64() * speed.max(1e-9);
    chrono::Duration::milliseconds((secs * 1000.0).min(1e15) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_with_work_looks_again_soon_and_an_idle_one_backs_off_to_its_idle_wait() {
        let idle = Duration::from_millis(100);
        let mut wait = next_wait(idle, true, idle);
        assert_eq!(wait, BUSY_WAIT);
        let mut waits = Vec::new();
        for _ in 0..6 {
            wait = next_wait(wait, false, idle);
            waits.push(wait.as_millis());
        }
        assert_eq!(waits, [40, 60, 80, 100, 100, 100]);
        assert_eq!(next_wait(wait, true, idle), BUSY_WAIT);
        // A runner told to wait less than BUSY_WAIT never waits longer.
        let short = Duration::from_millis(5);
        assert_eq!(next_wait(short, true, short), short);
        assert_eq!(next_wait(short, false, short), short);
    }
}
