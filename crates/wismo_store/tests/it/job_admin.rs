//! What the job runner and operators do with jobs beyond running them: work queued once per
//! key, listing, retrying the dead, removing, and the retention of finished jobs.

use chrono::Duration;
use serde_json::json;
use std::sync::Arc;
use wismo_domain::{JobId, ManualClock};
use wismo_store::{JobState, NewJob, Store, StoreError};

use crate::fixtures::start;
use crate::jobs::{claim_one, enqueue, job};

/// Claims job `id` (the only one due) and lets it die with `error`.
async fn kill(store: &dyn Store, id: JobId, error: &str) {
    let claimed = claim_one(store, "w1", Duration::minutes(1)).await.unwrap();
    assert_eq!(claimed.id, id);
    assert!(store.fail_job(&claimed.lease, error, None).await.unwrap());
}

pub async fn a_key_queued_once_is_not_queued_again_while_its_finished_job_is_kept(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let hourly = NewJob {
        name: "prune_stored_pages".into(),
        dedupe_key: Some("2026-03-02T10".into()),
        once_per_key: true,
        ..job("poll", json!({}))
    };
    let id = store.enqueue_job(&hourly).await.unwrap().unwrap();
    let stored = store.get_job(id).await.unwrap();
    assert_eq!(
        (
            stored.name.as_str(),
            stored.dedupe_key.as_deref(),
            stored.created_at,
            stored.finished_at
        ),
        ("prune_stored_pages", Some("2026-03-02T10"), start(), None)
    );
    assert_eq!(store.enqueue_job(&hourly).await.unwrap(), None, "waiting");

    let claimed = claim_one(&*store, "w1", Duration::minutes(1))
        .await
        .unwrap();
    clock.advance(Duration::seconds(5));
    assert!(store.complete_job(&claimed.lease).await.unwrap());
    assert_eq!(
        store.get_job(id).await.unwrap().finished_at,
        Some(start() + Duration::seconds(5))
    );
    assert_eq!(
        store.enqueue_job(&hourly).await.unwrap(),
        None,
        "done, and still kept"
    );
    let next_hour = NewJob {
        dedupe_key: Some("2026-03-02T11".into()),
        ..hourly.clone()
    };
    assert!(store.enqueue_job(&next_hour).await.unwrap().is_some());
    let plain = NewJob {
        once_per_key: false,
        ..hourly
    };
    assert!(
        store.enqueue_job(&plain).await.unwrap().is_some(),
        "without once_per_key only waiting and running jobs hold a key"
    );
}

pub async fn jobs_are_listed_dead_first_then_by_due_time_and_filtered_by_state(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let dead = enqueue(&*store, job("poll", json!(1))).await;
    kill(&*store, dead, "boom").await;
    let done = enqueue(&*store, job("poll", json!(2))).await;
    let claimed = claim_one(&*store, "w1", Duration::minutes(1))
        .await
        .unwrap();
    assert!(store.complete_job(&claimed.lease).await.unwrap());
    let later = enqueue(
        &*store,
        NewJob {
            run_at: start() + Duration::hours(1),
            ..job("poll", json!(3))
        },
    )
    .await;
    let running = enqueue(&*store, job("poll", json!(4))).await;
    claim_one(&*store, "w1", Duration::minutes(1))
        .await
        .unwrap();
    let sooner = enqueue(
        &*store,
        NewJob {
            run_at: start() + Duration::minutes(5),
            ..job("notify", json!(5))
        },
    )
    .await;
    clock.advance(Duration::seconds(1));

    let ids = |jobs: Vec<wismo_store::Job>| jobs.into_iter().map(|j| j.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.list_jobs(None, 10).await.unwrap()),
        [dead, sooner, later, running],
        "everything not done: dead, queued, running"
    );
    assert_eq!(ids(store.list_jobs(None, 2).await.unwrap()), [dead, sooner]);
    assert_eq!(
        ids(store.list_jobs(Some(JobState::Queued), 10).await.unwrap()),
        [sooner, later]
    );
    assert_eq!(
        ids(store.list_jobs(Some(JobState::Done), 10).await.unwrap()),
        [done]
    );
    let listed = store.list_jobs(Some(JobState::Dead), 10).await.unwrap();
    assert_eq!(
        (listed[0].id, listed[0].last_error.as_deref()),
        (dead, Some("boom"))
    );
}

pub async fn a_dead_job_is_retried_due_now_with_its_attempts_reset(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let keyed = NewJob {
        dedupe_key: Some("shipment:3".into()),
        max_attempts: 1,
        ..job("poll", json!({}))
    };
    let id = store.enqueue_job(&keyed).await.unwrap().unwrap();
    kill(&*store, id, "carrier refused").await;
    clock.advance(Duration::hours(2));

    let retried = store.retry_job(id).await.unwrap();
    assert_eq!(
        (
            retried.state,
            retried.attempts,
            retried.run_at,
            retried.finished_at
        ),
        (JobState::Queued, 0, start() + Duration::hours(2), None)
    );
    assert_eq!(
        retried.last_error.as_deref(),
        Some("carrier refused"),
        "the last error stays until the next failure"
    );
    assert_eq!(store.get_job(id).await.unwrap(), retried);
    let Err(StoreError::Conflict(message)) = store.retry_job(id).await else {
        panic!("a queued job cannot be retried");
    };
    assert!(message.contains("queued"), "{message}");
    let claimed = claim_one(&*store, "w1", Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!((claimed.id, claimed.attempts), (id, 1), "claimable again");
    assert!(store.fail_job(&claimed.lease, "again", None).await.unwrap());

    // Meanwhile another job took the key: the dead one cannot wait beside it.
    let other = store.enqueue_job(&keyed).await.unwrap().unwrap();
    let Err(StoreError::Conflict(message)) = store.retry_job(id).await else {
        panic!("the key is taken");
    };
    assert!(message.contains("dedupe key"), "{message}");
    assert_eq!(store.get_job(id).await.unwrap().state, JobState::Dead);
    assert_eq!(store.get_job(other).await.unwrap().state, JobState::Queued);
    assert!(matches!(
        store.retry_job(JobId(9_999)).await,
        Err(StoreError::NotFound("job"))
    ));
}

pub async fn a_job_not_running_is_removed_and_a_running_one_is_not(
    store: Arc<dyn Store>,
    _clock: Arc<ManualClock>,
) {
    let dead = enqueue(&*store, job("poll", json!(1))).await;
    kill(&*store, dead, "boom").await;
    let running = enqueue(&*store, job("poll", json!(2))).await;
    let lease = claim_one(&*store, "w1", Duration::minutes(1))
        .await
        .unwrap()
        .lease;
    let queued = enqueue(&*store, job("notify", json!(3))).await;

    assert_eq!(store.remove_job(dead).await.unwrap().id, dead);
    assert!(matches!(
        store.get_job(dead).await,
        Err(StoreError::NotFound("job"))
    ));
    assert_eq!(store.remove_job(queued).await.unwrap().id, queued);
    let Err(StoreError::Conflict(message)) = store.remove_job(running).await else {
        panic!("a running job stays");
    };
    assert!(message.contains("running"), "{message}");
    assert!(store.complete_job(&lease).await.unwrap());
    assert!(matches!(
        store.remove_job(dead).await,
        Err(StoreError::NotFound("job"))
    ));
}

pub async fn done_jobs_are_removed_after_their_retention_and_dead_ones_are_kept(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let mut done = Vec::new();
    for n in 0..3 {
        let id = enqueue(&*store, job("poll", json!(n))).await;
        let claimed = claim_one(&*store, "w1", Duration::minutes(1))
            .await
            .unwrap();
        assert!(store.complete_job(&claimed.lease).await.unwrap());
        done.push(id);
        clock.advance(Duration::hours(1));
    }
    let dead = enqueue(&*store, job("poll", json!("dead"))).await;
    kill(&*store, dead, "boom").await;
    let queued = enqueue(
        &*store,
        NewJob {
            run_at: start() + Duration::days(30),
            ..job("poll", json!("later"))
        },
    )
    .await;
    clock.advance(Duration::days(7));

    // Finished at start, start + 1 h and start + 2 h; the cut is start + 1 h 30 min.
    let before = start() + Duration::minutes(90);
    assert_eq!(store.remove_finished_jobs(before, 1).await.unwrap(), 1);
    assert!(
        store.get_job(done[0]).await.is_err(),
        "the oldest goes first"
    );
    assert_eq!(store.remove_finished_jobs(before, 10).await.unwrap(), 1);
    assert_eq!(store.remove_finished_jobs(before, 10).await.unwrap(), 0);
    assert!(store.get_job(done[1]).await.is_err());
    assert_eq!(
        store.get_job(done[2]).await.unwrap().state,
        JobState::Done,
        "finished after the cut"
    );
    assert_eq!(
        store
            .remove_finished_jobs(start() + Duration::days(30), 10)
            .await
            .unwrap(),
        1
    );
    assert_eq!(store.get_job(dead).await.unwrap().state, JobState::Dead);
    assert_eq!(store.get_job(queued).await.unwrap().state, JobState::Queued);
}
