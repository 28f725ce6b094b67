//! The job queue: dedupe, claiming, and what operators do with jobs.

use chrono::Duration;
use serde_json::json;
use std::collections::HashSet;
use std::sync::Arc;
use wismo_domain::{JobId, ManualClock};
use wismo_store::{Job, JobState, NewJob, Store, StoreError};

use crate::fixtures::start;

pub fn job(queue: &str, payload: serde_json::Value) -> NewJob {
    NewJob {
        name: "test_job".into(),
        queue: queue.into(),
        payload,
        run_at: start(),
        dedupe_key: None,
        once_per_key: false,
        max_attempts: 5,
    }
}

pub async fn enqueue(store: &dyn Store, new: NewJob) -> JobId {
    store.enqueue_job(&new).await.unwrap().unwrap()
}

pub async fn claim_one(store: &dyn Store, worker: &str, lease: Duration) -> Option<Job> {
    let mut jobs = store.claim_jobs("poll", worker, lease, 1).await.unwrap();
    assert!(jobs.len() <= 1);
    jobs.pop()
}

pub async fn a_dedupe_key_queues_one_job_until_it_is_done(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let keyed = NewJob {
        dedupe_key: Some("shipment:7".into()),
        ..job("poll", json!({ "shipment": 7 }))
    };
    let first = store.enqueue_job(&keyed).await.unwrap().unwrap();
    assert_eq!(
        store.enqueue_job(&keyed).await.unwrap(),
        None,
        "already waiting"
    );
    let elsewhere = NewJob {
        queue: "notify".into(),
        ..keyed.clone()
    };
    assert!(
        store.enqueue_job(&elsewhere).await.unwrap().is_some(),
        "keys are per queue"
    );

    let claimed = claim_one(&*store, "w1", Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(claimed.id, first);
    assert_eq!(
        store.enqueue_job(&keyed).await.unwrap(),
        None,
        "still running"
    );
    assert!(store.complete_job(&claimed.lease).await.unwrap());
    let again = store.enqueue_job(&keyed).await.unwrap().unwrap();
    assert_ne!(again, first);
    assert_eq!(store.get_job(first).await.unwrap().state, JobState::Done);
    let stored = store.get_job(again).await.unwrap();
    assert_eq!(
        (stored.state.as_str(), stored.attempts, stored.payload),
        ("queued", 0, json!({ "shipment": 7 }))
    );
    assert!(matches!(
        store.get_job(JobId(9_999)).await,
        Err(StoreError::NotFound("job"))
    ));
}

pub async fn jobs_are_claimed_in_due_order_and_only_from_their_queue(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let later = enqueue(
        &*store,
        NewJob {
            run_at: start() + Duration::minutes(2),
            ..job("poll", json!(1))
        },
    )
    .await;
    let oldest = enqueue(
        &*store,
        NewJob {
            run_at: start() - Duration::minutes(1),
            ..job("poll", json!(2))
        },
    )
    .await;
    let now = enqueue(&*store, job("poll", json!(3))).await;
    let far = enqueue(
        &*store,
        NewJob {
            run_at: start() + Duration::hours(1),
            ..job("poll", json!(4))
        },
    )
    .await;
    enqueue(&*store, job("notify", json!(5))).await;

    let claimed = store
        .claim_jobs("poll", "w1", Duration::minutes(10), 10)
        .await
        .unwrap();
    assert_eq!(
        claimed.iter().map(|j| j.id).collect::<Vec<_>>(),
        [oldest, now]
    );
    let first = &claimed[0];
    assert_eq!(
        (first.state.as_str(), first.attempts, first.max_attempts),
        ("running", 1, 5)
    );
    assert_eq!(
        (first.locked_by.as_deref(), first.locked_until),
        (Some("w1"), Some(start() + Duration::minutes(10)))
    );
    assert_eq!((first.payload.clone(), first.lease.job), (json!(2), oldest));
    assert_eq!(store.get_job(oldest).await.unwrap(), *first);

    clock.advance(Duration::minutes(2));
    let claimed = store
        .claim_jobs("poll", "w1", Duration::minutes(10), 10)
        .await
        .unwrap();
    assert_eq!(claimed.iter().map(|j| j.id).collect::<Vec<_>>(), [later]);
    assert!(
        store
            .claim_jobs("poll", "w1", Duration::minutes(10), 0)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.get_job(far).await.unwrap().state, JobState::Queued);
}

pub async fn two_claimers_never_get_the_same_job(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    const JOBS: usize = 200;
    for n in 0..JOBS {
        enqueue(&*store, job("poll", json!({ "n": n }))).await;
    }
    let claimer = |worker: &'static str| {
        let store = store.clone();
        tokio::spawn(async move {
            let mut got = Vec::new();
            loop {
                let jobs = store
                    .claim_jobs("poll", worker, Duration::hours(1), 3)
                    .await
                    .unwrap();
                if jobs.is_empty() {
                    return got;
                }
                for job in jobs {
                    assert_eq!(job.locked_by.as_deref(), Some(worker));
                    assert!(
                        store.complete_job(&job.lease).await.unwrap(),
                        "{worker} lost {:?}",
                        job.id
                    );
                    got.push(job.id);
                }
                tokio::task::yield_now().await;
            }
        })
    };
    let (a, b) = (claimer("w1"), claimer("w2"));
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    let (set_a, set_b): (HashSet<_>, HashSet<_>) = (a.iter().collect(), b.iter().collect());
    assert_eq!(set_a.len(), a.len(), "w1 never got a job twice");
    assert_eq!(set_b.len(), b.len(), "w2 never got a job twice");
    assert!(set_a.is_disjoint(&set_b), "no job went to both");
    assert_eq!(a.len() + b.len(), JOBS, "together they got every job");
}

/// Finished jobs recorded in one write: each is fenced by its own lease, so a lease lost to
/// another claimer, or a job already finished, is left as it is.
pub async fn jobs_finished_together_are_each_fenced_by_their_lease(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    for n in 0..3 {
        enqueue(&*store, job("poll", json!({ "n": n }))).await;
    }
    let claimed = store
        .claim_jobs("poll", "w1", Duration::minutes(1), 3)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3);
    let (kept, lost, finished) = (&claimed[0], &claimed[1], &claimed[2]);
    assert!(store.complete_job(&finished.lease).await.unwrap());
    // The second job's lease runs out and another runner claims it; the first's was kept.
    assert!(
        store
            .extend_job_lease(&kept.lease, Duration::minutes(5))
            .await
            .unwrap()
    );
    clock.advance(Duration::minutes(2));
    let taken = store
        .claim_jobs("poll", "w2", Duration::minutes(5), 3)
        .await
        .unwrap();
    assert_eq!(taken.iter().map(|j| j.id).collect::<Vec<_>>(), [lost.id]);

    let leases = [
        kept.lease.clone(),
        lost.lease.clone(),
        finished.lease.clone(),
    ];
    assert_eq!(store.complete_jobs(&leases).await.unwrap(), [kept.id]);
    assert_eq!(store.get_job(kept.id).await.unwrap().state, JobState::Done);
    let retaken = store.get_job(lost.id).await.unwrap();
    assert_eq!(
        (retaken.state, retaken.locked_by.as_deref()),
        (JobState::Running, Some("w2")),
        "the old lease changed nothing"
    );
    assert_eq!(store.complete_jobs(&[]).await.unwrap(), []);
    assert_eq!(
        store
            .complete_jobs(&[taken[0].lease.clone()])
            .await
            .unwrap(),
        [lost.id]
    );
}
