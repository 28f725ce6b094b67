//! Several workers on one PostgreSQL database: the fleet `wismo serve --role worker`
//! scales out to.

use chrono::Duration;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use wismo_carriers::sandbox::Scenario;
use wismo_domain::Clock;
use wismo_server::config::WorkerLayer;
use wismo_server::worker::Worker;

use crate::harness::Db;
use crate::worker::{CARRIERS, Rig};

/// Three workers with their own connections to one PostgreSQL database poll 2,000
/// shipments; the sandbox counts any request for a number that arrives while another for
/// the same number is running.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_workers_on_one_postgres_never_poll_a_shipment_twice_at_once() {
    let worker_settings = WorkerLayer {
        batch: Some(100),
        // Clock time only moves in steps here: a lease of a day outlives any round.
        lease_secs: Some(3600),
        concurrency: Some(4),
    };
    let Some(rig) = Rig::new(Db::Postgres, worker_settings).await else {
        return;
    };
    for n in 0..2000 {
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
    let mut tasks = Vec::new();
    for worker in workers {
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move {
            let mut rounds = 0;
            while !stop.load(Ordering::Relaxed) {
                let round = worker.run_once().await.unwrap();
                rounds += usize::from(round.claimed > 0);
                if round.claimed == 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                }
            }
            rounds
        }));
    }
    // Four simulated days, 20 minutes a step.
    for _ in 0..(4 * 72) {
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        rig.clock.advance(Duration::minutes(20));
    }
    stop.store(true, Ordering::Relaxed);
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
    assert!(asked >= 2000, "only {asked} numbers asked about");
    let counts = rig.store.schedule_counts().await.unwrap();
    assert!(counts.active < 2000, "some journeys ended: {counts:?}");
}
