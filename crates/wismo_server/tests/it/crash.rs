//! Crash safety: `wismo worker` processes are killed with SIGKILL again and again in the
//! middle of their rounds. Afterwards every scan is stored exactly once, no shipment is
//! left leased and no milestone is recorded twice.

use chrono::{Duration, Utc};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use wismo_carriers::sandbox::{Sandbox, Scenario, Timing};
use wismo_domain::{Clock, ScaledClock, Stage};

use crate::harness::{Db, database, new_store};
use crate::worker::{CARRIERS, new_order, tracking_number};

crate::on_both_backends!(killed_workers_lose_no_event_leave_no_lease_and_repeat_no_milestone);

/// Simulated seconds per real second: a four-day journey plays in twelve seconds.
const SPEED: f64 = 28_800.0;

/// How long the survivor may take to bring every journey in, on however busy a machine.
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(600);

struct Workers {
    env: Vec<(String, String)>,
}

impl Workers {
    fn spawn(&self) -> WorkerProcess {
        let child = Command::new(env!("CARGO_BIN_EXE_wismo"))
            .arg("worker")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn wismo worker");
        WorkerProcess(child)
    }
}

/// A `wismo worker` process, killed when dropped so a failing test leaves none behind.
struct WorkerProcess(Child);

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

async fn killed_workers_lose_no_event_leave_no_lease_and_repeat_no_milestone(db: Db) {
    let Some((url, _cleanup)) = database(db).await else {
        return;
    };
    let anchor = Utc::now();
    let clock = Arc::new(ScaledClock::anchored(anchor, SPEED));
    let sandbox = Sandbox::new(clock.clone(), Default::default());
    // Every journey ends by its scripted hour (`settled` below counts on it).
    sandbox.set_timing(Timing::AroundTheClock);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/sandbox", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });

    let store_clock: Arc<dyn Clock> = clock.clone();
    let store = wismo_store::connect(&url, store_clock).await.unwrap();
    let tenant = store
        .create_store(&new_store("acme", "Acme Coffee"))
        .await
        .unwrap()
        .id;
    let mut parcels = Vec::new();
    for n in 0..120 {
        let carrier = CARRIERS[n % 4];
        let scenario = Scenario::PLAYED[(n / 4) % 8];
        let number = tracking_number(carrier, n);
        sandbox.set_scenario(&number, scenario, clock.now());
        let order = new_order(n, &number, carrier);
        let order = store.create_order(tenant, &order).await.unwrap();
        parcels.push((order.shipments[0].id, scenario));
    }

    let mut env = vec![
        ("WISMO_DATABASE_URL".to_owned(), url.clone()),
        (
            "WISMO_SIM_CLOCK".to_owned(),
            format!("{}*{SPEED}", anchor.to_rfc3339()),
        ),
        ("WISMO_WORKER_LEASE_SECS".to_owned(), "5".to_owned()),
        ("WISMO_WORKER_BATCH".to_owned(), "25".to_owned()),
    ];
    for carrier in CARRIERS {
        let up = carrier.to_uppercase();
        for (field, value) in [
            ("BASE_URL", format!("{base}/{carrier}")),
            ("CLIENT_ID", "sandbox".to_owned()),
            ("CLIENT_SECRET", "sandbox".to_owned()),
            ("API_KEY", "sandbox".to_owned()),
            ("RATE_PER_SECOND", "100000".to_owned()),
            ("BURST", "100000".to_owned()),
        ] {
            env.push((format!("WISMO_{up}_{field}"), value));
        }
    }
    let workers = Workers { env };

    // Kill a worker mid-run, again and again.
    for i in 0..10u64 {
        let mut worker = workers.spawn();
        let pause = 250 + (i * 137) % 700;
        tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
        worker.0.kill().unwrap(); // SIGKILL
        worker.0.wait().unwrap();
    }
    // Then one worker runs until every journey has ended and a day more (so even the
    // slowest-polled shipment was asked after its last scan), long after the last dead
    // worker's leases (5 s) ran out, and stops gracefully.
    let mut survivor = workers.spawn();
    let settled = anchor + Duration::hours(96 + 30);
    let started = std::time::Instant::now();
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        if clock.now() < settled {
            continue;
        }
        // Done when every journey's scans are all in (a busy machine may need longer); one
        // stored twice is caught below.
        let mut incomplete = 0;
        for (id, scenario) in &parcels {
            let stored = store.list_events(tenant, *id).await.unwrap().len();
            incomplete += usize::from(stored < scenario.scans().len());
        }
        if incomplete == 0 {
            break;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{incomplete} of {} journeys still lack scans after {PATIENCE:?}",
            parcels.len()
        );
    }
    let _ = Command::new("kill")
        .args(["-TERM", &survivor.0.id().to_string()])
        .status();
    assert!(
        survivor.0.wait().unwrap().success(),
        "the worker stops cleanly on SIGTERM"
    );

    for (id, scenario) in &parcels {
        let events = store.list_events(tenant, *id).await.unwrap();
        assert_eq!(
            events.len(),
            scenario.scans().len(),
            "{scenario:?}: every scan stored, once"
        );
        let shipment = store.get_shipment(tenant, *id).await.unwrap();
        let milestones = store.list_milestones(tenant, *id).await.unwrap();
        let mut kinds: Vec<_> = milestones.iter().map(|m| m.milestone).collect();
        let recorded = kinds.len();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), recorded, "{scenario:?}: a milestone repeated");
        if shipment.stage == Stage::Delivered {
            assert!(kinds.contains(&wismo_domain::Milestone::Delivered));
        }
    }
    let leased = store.due_shipments(10_000).await.unwrap();
    assert!(
        leased.iter().all(|s| s.leased_by.is_none()),
        "a shipment is still leased"
    );
    assert_eq!(store.schedule_counts().await.unwrap().leased, 0);
}
