//! `wismo serve --role worker`, `wismo worker --once` and `wismo shipments due`, as an
//! operator runs them, against the sandbox carrier on loopback.

use std::sync::Arc;
use std::time::{Duration, Instant};
use wismo_carriers::sandbox::{Sandbox, Scenario};
use wismo_domain::{Clock, SystemClock};

use crate::cli::{temp_db, wismo};
use crate::harness::new_store;
use crate::worker::{new_order, tracking_number};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_runs_the_worker_and_inspects_the_schedule() {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let sandbox = Sandbox::new(clock.clone(), Default::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/sandbox/ups", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });

    let (url, path) = temp_db();
    let store = wismo_store::connect(&url, clock.clone()).await.unwrap();
    let tenant = store
        .create_store(&new_store("acme", "Acme Coffee"))
        .await
        .unwrap()
        .id;
    let started = clock.now() - chrono::Duration::hours(30);
    for n in 0..3 {
        let number = tracking_number("ups", n);
        sandbox.set_scenario(&number, Scenario::Normal, started);
        store
            .create_order(tenant, &new_order(n, &number, "ups"))
            .await
            .unwrap();
    }
    let env = [
        ("WISMO_DATABASE_URL", url.as_str()),
        ("WISMO_UPS_BASE_URL", base.as_str()),
        ("WISMO_UPS_CLIENT_ID", "sandbox"),
        ("WISMO_UPS_CLIENT_SECRET", "sandbox"),
    ];
    let run = |args: &[&str]| {
        let out = wismo().args(args).envs(env).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    };

    let due = run(&["shipments", "due"]);
    assert!(due.contains("3 active shipments: 3 due now"), "{due}");
    assert!(
        due.contains("1ZSBX0000000000000000") || due.contains("1ZSBX"),
        "{due}"
    );

    // A worker process serves its metrics while it polls.
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut worker = Reaped(
        wismo()
            .args(["serve", "--role", "worker", "--listen", &listen])
            .envs(env)
            .spawn()
            .unwrap(),
    );
    // The metrics are read while the round runs: wait until all of them have come.
    let wanted = [
        "wismo_polls_total{carrier=\"ups\",outcome=\"tracked\"} 3",
        "wismo_carrier_calls_total{carrier=\"ups\"} 3",
        "wismo_events_ingested_total{source=\"poll\"}",
        "wismo_poll_due_lag_seconds",
        "wismo_shipments_active 3",
    ];
    let metrics = wait_for_metrics(&listen, &wanted).await;
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &worker.0.id().to_string()])
        .status();
    assert!(worker.0.wait().unwrap().success());
    for metric in wanted {
        assert!(metrics.contains(metric), "{metric} missing:\n{metrics}");
    }

    let lines: Vec<serde_json::Value> = run(&["shipments", "due", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        assert_eq!(line["stage"], "in_transit");
        assert!(line["leased_by"].is_null());
        let next: chrono::DateTime<chrono::Utc> =
            line["next_poll_at"].as_str().unwrap().parse().unwrap();
        assert!(next > clock.now() + chrono::Duration::minutes(30), "{line}");
    }

    // One round on demand: only what is due is polled.
    let number = tracking_number("ups", 9);
    sandbox.set_scenario(&number, Scenario::Normal, started);
    store
        .create_order(tenant, &new_order(9, &number, "ups"))
        .await
        .unwrap();
    let once = run(&["worker", "--once"]);
    assert_eq!(
        once.trim(),
        "claimed 1 shipment, made 1 carrier call, stored 5 new events"
    );
    let idle = run(&["worker", "--once"]);
    assert!(idle.starts_with("claimed 0 shipments"), "{idle}");

    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// A child process killed if the test ends early.
struct Reaped(std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// `/metrics` once it mentions `wanted`.
/// `/metrics` once it names every one of `wanted` (a failure after two minutes says which
/// were missing).
async fn wait_for_metrics(listen: &str, wanted: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    let http = wismo_carriers::adapters::client(Duration::from_secs(5));
    loop {
        if let Ok(res) = http.get(format!("http://{listen}/metrics")).send().await
            && let Ok(text) = res.text().await
            && wanted.iter().all(|w| text.contains(w))
        {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "not all of {wanted:?} in /metrics"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
