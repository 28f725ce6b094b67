//! Several workers on one PostgreSQL database: the fleet `wismo serve --role worker`
//! scales out to.

use chrono::Duration;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use wismo_carriers::sandbox::Scenario;
use wismo_domain::Clock;
use wismo_server::config::WorkerLayer;
use wismo_server::worker::Worker;

use crate::harness::Db;
use crate::worker::{CARRIERS, Rig};

/// A worker between rounds, in `round_started`.
const IDLE: i64 = i64::MAX;

/// Six batches' worth, so every worker claims while the others do. The clock waits for slow
/// rounds, so every poll the four days call for is made: this sets the test's running time.
const SHIPMENTS: usize = 600;

/// Three workers with their own connections to one PostgreSQL database poll 600
/// shipments; the sandbox counts any request for a number that arrives while another for
/// the same number is running.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_workers_on_one_postgres_never_poll_a_shipment_twice_at_once() {
    let worker_settings = WorkerLayer {
        batch: Some(100),
        // The clock waits for any round this long in flight (see below), so no lease runs
        // out during a round however slow the machine.
        lease_secs: Some(3600),
        concurrency: Some(4),
    };
    let Some(rig) = Rig::new(Db::Postgres, worker_settings).await else {
        return;
    };
    for n in 0..SHIPMENTS {
        let carrier = CARRIERS[n % 4];
        let scenario = Scenario::PLAYED[(n / 4) % 8];
        rig.parcel(n, carrier, scenario).await;
    }
    let mut workers = Vec::new();
    for _ in 0..3 {
        let clock: Arc<dyn Clock> = rig.clock.clone();
        let store = wismo_store::connect(&rig.url, clock.clone()).await.unwrap();
        workers.push(Worker::new(store, clock, &rig.config));
    }
    let stop = Arc::new(AtomicBool::new(false));
    // When each worker's round in flight started, in clock milliseconds (IDLE between rounds).
    let round_started: Arc<Vec<AtomicI64>> =
        Arc::new(workers.iter().map(|_| AtomicI64::new(IDLE)).collect());
    let mut tasks = Vec::new();
    for (i, worker) in workers.into_iter().enumerate() {
        let (stop, round_started, clock) = (stop.clone(), round_started.clone(), rig.clock.clone());
        tasks.push(tokio::spawn(async move {
            let mut rounds = 0;
            while !stop.load(Ordering::SeqCst) {
                round_started[i].store(clock.now().timestamp_millis(), Ordering::SeqCst);
                let round = worker.run_once().await.unwrap();
                round_started[i].store(IDLE, Ordering::SeqCst);
                rounds += usize::from(round.claimed > 0);
                if round.claimed == 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                }
            }
            rounds
        }));
    }
    // Four simulated days, 20 minutes a step. A step that would make a round in flight as old
    // as its lease waits for that round to end instead.
    let (step, lease) = (Duration::minutes(20), Duration::hours(1));
    for _ in 0..(4 * 72) {
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        loop {
            let after_step = (rig.clock.now() + step).timestamp_millis();
            let too_old = round_started.iter().any(|started| {
                let started = started.load(Ordering::SeqCst);
                started != IDLE && after_step - started >= lease.num_milliseconds()
            });
            if !too_old {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        rig.clock.advance(step);
    }
    stop.store(true, Ordering::SeqCst);
    let mut busy_workers = 0;
    for task in tasks {
        busy_workers += usize::from(task.await.unwrap() > 0);
    }
    assert_eq!(busy_workers, 3, "every worker took part");
    assert_eq!(rig.sandbox.overlapping_requests(), 0);
    let asked: u64 = rig
        .sandbox
        .stats()
        .values()
        .map(|s| s.numbers_tracked)
        .sum();
    assert!(
        asked >= SHIPMENTS as u64,
        "only {asked} numbers asked about"
    );
    let counts = rig.store.schedule_counts().await.unwrap();
    assert!(
        counts.active < SHIPMENTS as u64,
        "some journeys ended: {counts:?}"
    );
}
