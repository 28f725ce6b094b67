//! The job queue's leases: expiry, fencing, retries, extension.

use chrono::Duration;
use serde_json::json;
use std::sync::Arc;
use wismo_domain::ManualClock;
use wismo_store::{JobLease, JobState, NewJob, Store};

use crate::fixtures::start;
use crate::jobs::{claim_one, enqueue, job};

pub async fn an_expired_lease_is_reclaimed_and_the_old_lease_can_no_longer_finish(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let id = enqueue(&*store, job("poll", json!({}))).await;
    let first = claim_one(&*store, "w1", Duration::seconds(30))
        .await
        .unwrap();
    assert!(
        claim_one(&*store, "w2", Duration::seconds(30))
            .await
            .is_none(),
        "the lease holds"
    );
    clock.advance(Duration::seconds(30));
    assert!(
        claim_one(&*store, "w2", Duration::seconds(30))
            .await
            .is_none(),
        "a lease lasts until its end"
    );
    clock.advance(Duration::seconds(1));
    let second = claim_one(&*store, "w2", Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(
        (second.id, second.attempts, second.locked_by.as_deref()),
        (id, 2, Some("w2"))
    );
    assert_eq!(second.lease.token, first.lease.token + 1);

    assert!(
        !store.complete_job(&first.lease).await.unwrap(),
        "the old lease is fenced off"
    );
    assert!(!store.fail_job(&first.lease, "late", None).await.unwrap());
    assert!(
        !store
            .extend_job_lease(&first.lease, Duration::minutes(1))
            .await
            .unwrap()
    );
    let running = store.get_job(id).await.unwrap();
    assert_eq!(
        (
            running.state.as_str(),
            running.locked_by.as_deref(),
            running.last_error
        ),
        ("running", Some("w2"), None)
    );
    assert!(store.complete_job(&second.lease).await.unwrap());
    assert_eq!(store.get_job(id).await.unwrap().state, JobState::Done);
    assert!(
        !store.complete_job(&second.lease).await.unwrap(),
        "done is done"
    );
}

pub async fn a_failed_job_retries_at_its_retry_time_and_dies_after_its_last_attempt(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let id = enqueue(
        &*store,
        NewJob {
            max_attempts: 2,
            ..job("poll", json!({}))
        },
    )
    .await;
    let first = claim_one(&*store, "w1", Duration::minutes(1))
        .await
        .unwrap();
    let retry_at = start() + Duration::minutes(5);
    assert!(
        store
            .fail_job(&first.lease, "carrier timed out", Some(retry_at))
            .await
            .unwrap()
    );
    let waiting = store.get_job(id).await.unwrap();
    assert_eq!(
        (waiting.state.as_str(), waiting.run_at, waiting.attempts),
        ("queued", retry_at, 1)
    );
    assert_eq!((waiting.locked_by, waiting.locked_until), (None, None));
    assert_eq!(waiting.last_error.as_deref(), Some("carrier timed out"));

    assert!(
        claim_one(&*store, "w1", Duration::minutes(1))
            .await
            .is_none()
    );
    clock.advance(Duration::minutes(4));
    assert!(
        claim_one(&*store, "w1", Duration::minutes(1))
            .await
            .is_none(),
        "not before its retry time"
    );
    clock.advance(Duration::minutes(1));
    let second = claim_one(&*store, "w2", Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!((second.id, second.attempts), (id, 2));
    assert!(
        !store
            .fail_job(&first.lease, "stale", Some(retry_at))
            .await
            .unwrap()
    );

    assert!(
        store
            .fail_job(
                &second.lease,
                "carrier timed out again",
                Some(retry_at + Duration::minutes(5))
            )
            .await
            .unwrap()
    );
    let dead = store.get_job(id).await.unwrap();
    assert_eq!((dead.state.as_str(), dead.attempts), ("dead", 2));
    assert_eq!(dead.last_error.as_deref(), Some("carrier timed out again"));
    clock.advance(Duration::hours(1));
    assert!(
        claim_one(&*store, "w1", Duration::minutes(1))
            .await
            .is_none(),
        "dead jobs stay dead"
    );
}

pub async fn a_failed_job_without_a_retry_time_is_dead_at_once(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let id = enqueue(&*store, job("poll", json!({}))).await;
    let claimed = claim_one(&*store, "w1", Duration::minutes(1))
        .await
        .unwrap();
    assert!(
        store
            .fail_job(&claimed.lease, "bad payload", None)
            .await
            .unwrap()
    );
    let dead = store.get_job(id).await.unwrap();
    assert_eq!(
        (
            dead.state.as_str(),
            dead.attempts,
            dead.last_error.as_deref()
        ),
        ("dead", 1, Some("bad payload"))
    );
    clock.advance(Duration::hours(1));
    assert!(
        claim_one(&*store, "w1", Duration::minutes(1))
            .await
            .is_none()
    );
}

pub async fn extending_a_lease_is_fenced_and_keeps_the_job_from_being_reclaimed(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let id = enqueue(&*store, job("poll", json!({}))).await;
    let claimed = claim_one(&*store, "w1", Duration::seconds(30))
        .await
        .unwrap();
    clock.advance(Duration::seconds(20));
    assert!(
        store
            .extend_job_lease(&claimed.lease, Duration::seconds(60))
            .await
            .unwrap()
    );
    assert_eq!(
        store.get_job(id).await.unwrap().locked_until,
        Some(start() + Duration::seconds(80))
    );
    let forged = JobLease {
        job: id,
        token: claimed.lease.token + 1,
    };
    assert!(
        !store
            .extend_job_lease(&forged, Duration::hours(1))
            .await
            .unwrap()
    );
    assert!(!store.complete_job(&forged).await.unwrap());

    clock.advance(Duration::seconds(40));
    assert!(
        claim_one(&*store, "w2", Duration::seconds(30))
            .await
            .is_none(),
        "the extended lease holds"
    );
    clock.advance(Duration::seconds(21));
    let taken = claim_one(&*store, "w2", Duration::seconds(30))
        .await
        .unwrap();
    assert!(
        !store
            .extend_job_lease(&claimed.lease, Duration::seconds(60))
            .await
            .unwrap()
    );
    assert!(
        store
            .extend_job_lease(&taken.lease, Duration::seconds(60))
            .await
            .unwrap()
    );
}

pub async fn a_lease_that_expires_on_the_last_attempt_buries_the_job_and_frees_its_key(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
) {
    let keyed = NewJob {
        dedupe_key: Some("shipment:1".into()),
        max_attempts: 1,
        ..job("poll", json!({}))
    };
    let id = store.enqueue_job(&keyed).await.unwrap().unwrap();
    let claimed = claim_one(&*store, "w1", Duration::seconds(30))
        .await
        .unwrap();
    clock.advance(Duration::seconds(31));
    assert!(
        claim_one(&*store, "w2", Duration::seconds(30))
            .await
            .is_none(),
        "no attempts left"
    );
    let dead = store.get_job(id).await.unwrap();
    assert_eq!(dead.state, JobState::Dead);
    assert!(
        dead.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("lease expired"),
        "{:?}",
        dead.last_error
    );
    assert!(!store.complete_job(&claimed.lease).await.unwrap());
    assert!(
        store.enqueue_job(&keyed).await.unwrap().is_some(),
        "the key is free again"
    );
}
