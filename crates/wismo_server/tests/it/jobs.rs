//! The job runner: retries with backoff, dead jobs kept with their error, leases held and
//! lost, the periodic upkeep queued once per period, and the retention of finished jobs.

use chrono::Duration;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Instant;
use tokio::sync::Semaphore;
use wismo_domain::{Clock, JobId, ManualClock, Stage};
use wismo_server::config::WorkerLayer;
use wismo_server::jobs::{
    self, BackgroundJob, FINISHED_JOBS_KEPT, JobContext, MAINTENANCE, Ran, Runner, RunnerSettings,
};
use wismo_server::outbound::Outbound;
use wismo_store::{Job, JobState, NewJob, Store};

use crate::harness::{Cleanup, Db, database, test_secrets};
use crate::worker::Rig;

crate::on_both_backends!(
    a_job_that_fails_is_retried_with_backoff_then_dead_with_its_error,
    a_panicking_job_is_dead_with_the_panic_message,
    an_unknown_job_fails_with_a_clear_error_and_an_unreadable_one_is_dead_at_once,
    a_dead_job_retried_by_an_operator_runs_again,
    finished_jobs_are_removed_after_the_retention_and_dead_ones_stay,
    the_periodic_upkeep_is_queued_once_per_period_however_many_runners_try,
    the_prune_job_removes_the_stored_pages_of_parcels_long_delivered,
    a_job_whose_lease_was_taken_over_cannot_complete,
    a_long_job_keeps_its_lease_while_it_runs,
);

const QUEUE: &str = "test";

/// Fails every time.
#[derive(Debug, Serialize, Deserialize)]
struct AlwaysFails {
    shipment: i64,
}

impl BackgroundJob for AlwaysFails {
    const JOB_NAME: &'static str = "always_fails";
    const QUEUE: &'static str = QUEUE;
    const MAX_ATTEMPTS: u32 = 3;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("shipment:{}", self.shipment))
    }

    async fn run(&self, _ctx: &JobContext) -> anyhow::Result<()> {
        anyhow::bail!("the carrier said no about shipment {}", self.shipment)
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Panics {}

impl BackgroundJob for Panics {
    const JOB_NAME: &'static str = "panics";
    const QUEUE: &'static str = QUEUE;

    async fn run(&self, _ctx: &JobContext) -> anyhow::Result<()> {
        panic!("a bug in the job");
    }
}

/// Fails while its switch is on; counts the runs that got through.
#[derive(Debug, Serialize, Deserialize)]
struct Switched {
    switch: u64,
}

static BROKEN: LazyLock<Mutex<HashMap<u64, bool>>> = LazyLock::new(Mutex::default);

impl BackgroundJob for Switched {
    const JOB_NAME: &'static str = "switched";
    const QUEUE: &'static str = QUEUE;
    const MAX_ATTEMPTS: u32 = 1;

    async fn run(&self, _ctx: &JobContext) -> anyhow::Result<()> {
        let broken = BROKEN.lock().unwrap().get(&self.switch).copied();
        anyhow::ensure!(!broken.unwrap_or(false), "switched off");
        Ok(())
    }
}

/// Waits until its gate opens.
#[derive(Debug, Serialize, Deserialize)]
struct Gated {
    gate: u64,
}

static GATES: LazyLock<Mutex<HashMap<u64, Arc<Semaphore>>>> = LazyLock::new(Mutex::default);

fn gate(key: u64) -> Arc<Semaphore> {
    GATES
        .lock()
        .unwrap()
        .entry(key)
        .or_insert_with(|| Arc::new(Semaphore::new(0)))
        .clone()
}

impl BackgroundJob for Gated {
    const JOB_NAME: &'static str = "gated";
    const QUEUE: &'static str = QUEUE;

    async fn run(&self, _ctx: &JobContext) -> anyhow::Result<()> {
        let _open = gate(self.gate).acquire_owned().await?;
        Ok(())
    }
}

/// A fresh database, its store and the manual clock it reads.
struct Setup {
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
    _cleanup: Cleanup,
}

impl Setup {
    async fn new(db: Db) -> Option<Setup> {
        let (url, cleanup) = database(db).await?;
        let clock = Arc::new(ManualClock::new(crate::worker::start()));
        let shared: Arc<dyn Clock> = clock.clone();
        let store = wismo_store::connect(&url, shared).await.unwrap();
        Some(Setup {
            store,
            clock,
            _cleanup: cleanup,
        })
    }

    fn ctx(&self) -> JobContext {
        JobContext {
            store: self.store.clone(),
            clock: self.clock.clone(),
            outbound: Outbound::default(),
            notify: None,
            secrets: test_secrets(),
            public_url: String::new(),
        }
    }

    /// A runner of the test jobs.
    fn runner(&self) -> Runner {
        Runner::new(self.ctx())
            .register::<AlwaysFails>()
            .register::<Panics>()
            .register::<Switched>()
            .register::<Gated>()
    }

    async fn job(&self, id: JobId) -> Job {
        self.store.get_job(id).await.unwrap()
    }

    /// Waits (generously) until job `id` satisfies `done`.
    async fn wait_for(&self, id: JobId, what: &str, done: impl Fn(&Job) -> bool) -> Job {
        let deadline = Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let job = self.job(id).await;
            if done(&job) {
                return job;
            }
            assert!(Instant::now() < deadline, "{what}: {job:?}");
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }
}

fn ran(succeeded: usize, retried: usize, dead: usize, lost: usize) -> Ran {
    Ran {
        succeeded,
        retried,
        dead,
        lost,
    }
}

async fn a_job_that_fails_is_retried_with_backoff_then_dead_with_its_error(db: Db) {
    let Some(t) = Setup::new(db).await else {
        return;
    };
    let job = AlwaysFails { shipment: 7 };
    let new = job.to_new_job(t.clock.now()).unwrap();
    assert_eq!(
        (
            new.name.as_str(),
            new.queue.as_str(),
            new.max_attempts,
            new.dedupe_key.as_deref()
        ),
        ("always_fails", QUEUE, 3, Some("shipment:7"))
    );
    let id = job.enqueue(&*t.store, &*t.clock).await.unwrap().unwrap();
    assert_eq!(
        job.enqueue(&*t.store, &*t.clock).await.unwrap(),
        None,
        "its dedupe key holds a second one back"
    );
    let runner = t.runner();

    // 30 s, then 60 s, each up to a quarter shorter.
    for (attempt, full) in [(1, 30), (2, 60)] {
        assert_eq!(runner.run_pending().await.unwrap(), ran(0, 1, 0, 0));
        let waiting = t.job(id).await;
        assert_eq!(
            (waiting.state, waiting.attempts),
            (JobState::Queued, attempt)
        );
        let wait = waiting.run_at - t.clock.now();
        assert!(
            wait <= Duration::seconds(full) && wait >= Duration::milliseconds(full * 750),
            "attempt {attempt}: {wait}"
        );
        assert_eq!(
            runner.run_pending().await.unwrap(),
            Ran::default(),
            "not before its time"
        );
        t.clock.advance(wait);
    }
    assert_eq!(runner.run_pending().await.unwrap(), ran(0, 0, 1, 0));
    let dead = t.job(id).await;
    assert_eq!(
        (dead.state, dead.attempts, dead.finished_at),
        (JobState::Dead, 3, Some(t.clock.now()))
    );
    assert_eq!(
        dead.last_error.as_deref(),
        Some("the carrier said no about shipment 7")
    );
    t.clock.advance(Duration::days(30));
    assert_eq!(runner.run_pending().await.unwrap(), Ran::default());
    assert_eq!(t.job(id).await.state, JobState::Dead, "kept, never dropped");
}

async fn a_panicking_job_is_dead_with_the_panic_message(db: Db) {
    let Some(t) = Setup::new(db).await else {
        return;
    };
    let id = Panics {}
        .enqueue(&*t.store, &*t.clock)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.runner().run_pending().await.unwrap(), ran(0, 0, 1, 0));
    let dead = t.job(id).await;
    assert_eq!((dead.state, dead.attempts), (JobState::Dead, 1));
    assert_eq!(
        dead.last_error.as_deref(),
        Some("panicked: a bug in the job")
    );
}

async fn an_unknown_job_fails_with_a_clear_error_and_an_unreadable_one_is_dead_at_once(db: Db) {
    let Some(t) = Setup::new(db).await else {
        return;
    };
    let new = |name: &str, payload| NewJob {
        name: name.into(),
        queue: QUEUE.into(),
        payload,
        run_at: t.clock.now(),
        dedupe_key: None,
        once_per_key: false,
        max_attempts: 5,
    };
    let unknown = t
        .store
        .enqueue_job(&new("from_a_newer_wismo", serde_json::json!({})))
        .await
        .unwrap()
        .unwrap();
    let unreadable = t
        .store
        .enqueue_job(&new("switched", serde_json::json!("not a switch")))
        .await
        .unwrap()
        .unwrap();

    assert_eq!(t.runner().run_pending().await.unwrap(), ran(0, 1, 1, 0));
    let retried = t.job(unknown).await;
    assert_eq!(
        retried.state,
        JobState::Queued,
        "another version may know it"
    );
    let error = retried.last_error.unwrap_or_default();
    assert!(
        error.contains("no job named `from_a_newer_wismo`"),
        "{error}"
    );
    let dead = t.job(unreadable).await;
    assert_eq!((dead.state, dead.attempts), (JobState::Dead, 1));
    let error = dead.last_error.unwrap_or_default();
    assert!(error.contains("unreadable `switched` payload"), "{error}");
}

async fn a_dead_job_retried_by_an_operator_runs_again(db: Db) {
    let Some(t) = Setup::new(db).await else {
        return;
    };
    let switch = rand::random();
    BROKEN.lock().unwrap().insert(switch, true);
    let id = Switched { switch }
        .enqueue(&*t.store, &*t.clock)
        .await
        .unwrap()
        .unwrap();
    let runner = t.runner();
    assert_eq!(runner.run_pending().await.unwrap(), ran(0, 0, 1, 0));
    assert_eq!(t.job(id).await.state, JobState::Dead);

    BROKEN.lock().unwrap().insert(switch, false);
    t.store.retry_job(id).await.unwrap();
    assert_eq!(runner.run_pending().await.unwrap(), ran(1, 0, 0, 0));
    let done = t.job(id).await;
    assert_eq!((done.state, done.attempts), (JobState::Done, 1));
}

async fn finished_jobs_are_removed_after_the_retention_and_dead_ones_stay(db: Db) {
    let Some(t) = Setup::new(db).await else {
        return;
    };
    let switch = rand::random();
    let done = Switched { switch }
        .enqueue(&*t.store, &*t.clock)
        .await
        .unwrap()
        .unwrap();
    let dead = Panics {}
        .enqueue(&*t.store, &*t.clock)
        .await
        .unwrap()
        .unwrap();
    let runner = t.runner().register::<jobs::RemoveFinishedJobs>();
    assert_eq!(runner.run_pending().await.unwrap(), ran(1, 0, 1, 0));

    t.clock.advance(FINISHED_JOBS_KEPT - Duration::minutes(1));
    let remove = jobs::RemoveFinishedJobs::default();
    remove.enqueue(&*t.store, &*t.clock).await.unwrap();
    assert_eq!(runner.run_pending().await.unwrap(), ran(1, 0, 0, 0));
    assert_eq!(t.job(done).await.state, JobState::Done, "kept 7 days");

    t.clock.advance(Duration::minutes(2));
    remove.enqueue(&*t.store, &*t.clock).await.unwrap();
    assert_eq!(runner.run_pending().await.unwrap(), ran(1, 0, 0, 0));
    assert!(t.store.get_job(done).await.is_err(), "removed after 7 days");
    assert_eq!(t.job(dead).await.state, JobState::Dead);
    let kept = t.store.list_jobs(Some(JobState::Done), 10).await.unwrap();
    assert_eq!(
        kept.len(),
        2,
        "the removals themselves are recent: {kept:?}"
    );
}

async fn the_periodic_upkeep_is_queued_once_per_period_however_many_runners_try(db: Db) {
    let Some(t) = Setup::new(db).await else {
        return;
    };
    let (a, b) = (jobs::runner(t.ctx()), jobs::runner(t.ctx()));
    assert_eq!(
        a.queues(),
        [
            jobs::FETCH,
            jobs::IMPORTS,
            wismo_store::integrations::INTEGRATIONS_QUEUE,
            MAINTENANCE,
            wismo_store::notify::NOTIFY_QUEUE
        ]
    );
    assert_eq!(
        a.schedule().await.unwrap(),
        6,
        "pruning pages, removing jobs, queueing the digests, raising stalled orders, and the day's pruning of the audit log and retention"
    );
    assert_eq!(b.schedule().await.unwrap(), 0, "already queued");
    assert_eq!(a.run_pending().await.unwrap(), ran(6, 0, 0, 0));
    t.clock.advance(Duration::minutes(59));
    assert_eq!(
        jobs::runner(t.ctx()).schedule().await.unwrap(),
        0,
        "done this hour, by a runner that started since"
    );
    assert_eq!(a.schedule().await.unwrap(), 0);

    t.clock.advance(Duration::minutes(1));
    assert_eq!(
        b.schedule().await.unwrap(),
        4,
        "a new hour (the audit log and retention are once a day)"
    );
    assert_eq!(a.schedule().await.unwrap(), 0);
    assert_eq!(b.run_pending().await.unwrap(), ran(4, 0, 0, 0));
    let done = t.store.list_jobs(Some(JobState::Done), 10).await.unwrap();
    let prunes: Vec<_> = done
        .iter()
        .filter(|j| j.name == "prune_stored_pages")
        .map(|j| j.dedupe_key.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        prunes,
        [
            "prune_stored_pages@2026-11-02T14:00:00Z",
            "prune_stored_pages@2026-11-02T15:00:00Z"
        ]
    );

    let Err(error) = jobs::runner(t.ctx()).only_queues(&["mail".into()]) else {
        panic!("no job runs on `mail`");
    };
    assert!(error.to_string().contains("maintenance"), "{error}");
    let Ok(only) = jobs::runner(t.ctx()).only_queues(&[MAINTENANCE.into()]) else {
        panic!("maintenance is a queue");
    };
    assert_eq!(only.queues(), [MAINTENANCE]);
}

async fn the_prune_job_removes_the_stored_pages_of_parcels_long_delivered(db: Db) {
    let Some(rig) = Rig::new(db, WorkerLayer::default()).await else {
        return;
    };
    // Delivered (by hand) with its page stored: one a month ago, one today.
    let deliver_and_view = |n: usize| {
        let rig = &rig;
        async move {
            let id = rig
                .parcel(n, "ups", wismo_carriers::sandbox::Scenario::Normal)
                .await;
            let delivered = wismo_domain::NewEvent::new(
                rig.clock.now().fixed_offset(),
                Stage::Delivered,
                None,
                "Delivered",
                None,
                None,
                wismo_domain::EventSource::Manual,
            );
            rig.store
                .record_events(rig.tenant, id, &[delivered])
                .await
                .unwrap();
            let token = rig.store.get_shipment(rig.tenant, id).await.unwrap().token;
            let key = rig
                .store
                .page_key(&token, "b", None)
                .await
                .unwrap()
                .unwrap();
            let page = wismo_store::PageSnapshot {
                shipment: id,
                lang: "en".into(),
                revision: key.revision,
                build: "b".into(),
                body: b"page".to_vec(),
            };
            rig.store.save_page_snapshots(&[page]).await.unwrap();
            token
        }
    };
    let pages = |token: wismo_domain::ShipmentToken| {
        let store = rig.store.clone();
        async move {
            let key = store.page_key(&token, "b", None).await.unwrap().unwrap();
            key.pages.len()
        }
    };
    let old = deliver_and_view(1).await;
    rig.clock.advance(Duration::days(31));
    let recent = deliver_and_view(2).await;

    let runner = jobs::runner(JobContext {
        store: rig.store.clone(),
        clock: rig.clock.clone(),
        outbound: Outbound::default(),
        notify: None,
        secrets: test_secrets(),
        public_url: String::new(),
    });
    runner.schedule().await.unwrap();
    assert_eq!(
        runner.run_pending().await.unwrap(),
        ran(6, 0, 0, 0),
        "the hour's upkeep, digests and stalled orders, and the day's audit pruning and retention"
    );
    assert_eq!(
        pages(old).await,
        0,
        "the page of a parcel delivered a month ago is pruned"
    );
    assert_eq!(pages(recent).await, 1, "a recent delivery keeps its page");
}

async fn a_job_whose_lease_was_taken_over_cannot_complete(db: Db) {
    let Some(t) = Setup::new(db).await else {
        return;
    };
    let key = rand::random();
    let id = Gated { gate: key }
        .enqueue(&*t.store, &*t.clock)
        .await
        .unwrap()
        .unwrap();
    // A lease far longer than the test, so it ends only when the clock is moved.
    let runner = t.runner().with_settings(RunnerSettings {
        lease: std::time::Duration::from_secs(3600),
        ..RunnerSettings::default()
    });
    let running = tokio::spawn(async move { runner.run_pending().await.unwrap() });
    let claimed = t
        .wait_for(id, "claimed by the runner", |j| {
            j.state == JobState::Running
        })
        .await;

    t.clock.advance(Duration::hours(2));
    let taken = t
        .store
        .claim_jobs(QUEUE, "another-runner", Duration::minutes(5), 1)
        .await
        .unwrap();
    assert_eq!(taken.len(), 1, "the lease ran out");
    gate(key).add_permits(1);
    assert_eq!(running.await.unwrap(), ran(0, 0, 0, 1));
    let job = t.job(id).await;
    assert_eq!(
        (job.state, job.locked_by.as_deref(), job.attempts),
        (JobState::Running, Some("another-runner"), 2),
        "left to the new holder"
    );
    assert!(!t.store.complete_job(&claimed.lease).await.unwrap());
    assert!(t.store.complete_job(&taken[0].lease).await.unwrap());
}

async fn a_long_job_keeps_its_lease_while_it_runs(db: Db) {
    let Some(t) = Setup::new(db).await else {
        return;
    };
    let key = rand::random();
    let id = Gated { gate: key }
        .enqueue(&*t.store, &*t.clock)
        .await
        .unwrap()
        .unwrap();
    let runner = t.runner().with_settings(RunnerSettings {
        lease: std::time::Duration::from_millis(300),
        ..RunnerSettings::default()
    });
    let running = tokio::spawn(async move { runner.run_pending().await.unwrap() });
    t.wait_for(id, "claimed by the runner", |j| {
        j.state == JobState::Running
    })
    .await;

    // Far past the first lease: only a renewal puts its end after the new now.
    t.clock.advance(Duration::seconds(10));
    let now = t.clock.now();
    t.wait_for(id, "lease renewed", |j| {
        j.locked_until.is_some_and(|until| until > now)
    })
    .await;
    let taken = t
        .store
        .claim_jobs(QUEUE, "another-runner", Duration::minutes(5), 1)
        .await
        .unwrap();
    assert!(taken.is_empty(), "the renewed lease holds");
    gate(key).add_permits(1);
    assert_eq!(running.await.unwrap(), ran(1, 0, 0, 0));
    assert_eq!(t.job(id).await.state, JobState::Done);
}
