//! `wismo jobs …` and `wismo serve --role jobs`, as an operator runs them.

use serde_json::Value;
use std::process::Output;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wismo_domain::{Clock, SystemClock};
use wismo_store::{JobState, NewJob};

use crate::cli::{temp_db, wismo};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn remove_db(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_lists_retries_and_removes_a_dead_job() {
    let (url, path) = temp_db();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = wismo_store::connect(&url, clock.clone()).await.unwrap();
    let job = |name: &str, queue: &str, run_at| NewJob {
        name: name.into(),
        queue: queue.into(),
        payload: serde_json::json!({}),
        run_at,
        dedupe_key: None,
        once_per_key: false,
        max_attempts: 2,
    };
    let dead = store
        .enqueue_job(&job("send_email", "notify", clock.now()))
        .await
        .unwrap()
        .unwrap();
    let claimed = store
        .claim_jobs("notify", "w1", chrono::Duration::minutes(1), 1)
        .await
        .unwrap();
    let error = "smtp said 550\n  mailbox unavailable";
    assert!(
        store
            .fail_job(&claimed[0].lease, error, None)
            .await
            .unwrap()
    );
    let later = clock.now() + chrono::Duration::hours(3);
    store
        .enqueue_job(&job("prune_stored_pages", "maintenance", later))
        .await
        .unwrap();

    let run = |args: &[&str]| -> Output {
        wismo()
            .args(["--database-url", &url, "jobs"])
            .args(args)
            .output()
            .unwrap()
    };
    let ok = |args: &[&str]| -> String {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    let refused = |args: &[&str]| -> String {
        let out = run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        text(&out.stderr)
    };

    let listed = ok(&["list"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(lines[0].contains("LAST ERROR"), "{listed}");
    for part in [
        &dead.0.to_string(),
        "send_email",
        "notify",
        "dead",
        "1/2",
        "smtp said 550 mailbox unavailable",
    ] {
        assert!(lines[1].contains(part), "{part} missing: {listed}");
    }
    for part in [
        "prune_stored_pages",
        "maintenance",
        "queued",
        "0/2",
        "in 2h59m",
    ] {
        assert!(lines[2].contains(part), "{part} missing: {listed}");
    }

    let json: Vec<Value> = ok(&["list", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(json.len(), 2);
    assert_eq!(json[0]["id"], dead.0);
    assert_eq!(json[0]["state"], "dead");
    assert_eq!(
        (json[0]["attempts"].clone(), json[0]["max_attempts"].clone()),
        (1.into(), 2.into())
    );
    assert_eq!(json[0]["last_error"], error);
    assert_eq!(json[1]["state"], "queued");
    let failed = ok(&["list", "--state", "failed"]);
    assert!(
        failed.contains("send_email") && !failed.contains("prune_stored_pages"),
        "{failed}"
    );

    let id = dead.0.to_string();
    let retried = ok(&["retry", &id]);
    assert!(
        retried.contains(&format!("Queued job {id} (send_email) again")),
        "{retried}"
    );
    let queued = store.get_job(dead).await.unwrap();
    assert_eq!((queued.state, queued.attempts), (JobState::Queued, 0));
    assert!(queued.run_at <= clock.now(), "due now");

    let again = refused(&["retry", &id]);
    assert!(
        again.contains(&format!(
            "job {id} is queued: only a dead job can be retried"
        )),
        "{again}"
    );
    let unknown = refused(&["retry", "999999"]);
    assert!(unknown.contains("there is no job 999999"), "{unknown}");

    let removed = ok(&["remove", &id]);
    assert!(removed.contains(&format!("Removed job {id}")), "{removed}");
    assert!(store.get_job(dead).await.is_err());
    let unknown = refused(&["remove", &id]);
    assert!(
        unknown.contains(&format!("there is no job {id}")),
        "{unknown}"
    );
    remove_db(&path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_jobs_process_runs_the_upkeep_and_serves_health_and_metrics() {
    let (url, path) = temp_db();
    let refused = |args: &[&str]| {
        let out = wismo()
            .args(["--database-url", &url, "serve"])
            .args(args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        text(&out.stderr)
    };
    let unknown = refused(&[
        "--role",
        "jobs",
        "--queues",
        "mail",
        "--listen",
        "127.0.0.1:0",
    ]);
    assert!(
        unknown.contains(
            "no job runs on queue `mail`; the queues are: fetch, imports, integrations, maintenance, notify"
        ),
        "{unknown}"
    );
    let misplaced = refused(&["--role", "web", "--queues", "maintenance"]);
    assert!(
        misplaced.contains("--queues applies to --role jobs only"),
        "{misplaced}"
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let listen = format!("127.0.0.1:{port}");
    // With a metrics address, health and metrics are served there, not on --listen.
    let mut runner = Reaped(
        wismo()
            .args(["--database-url", &url, "serve", "--role", "jobs"])
            .args(["--queues", "maintenance", "--listen", "127.0.0.1:9"])
            .env("WISMO_METRICS_LISTEN", &listen)
            .spawn()
            .unwrap(),
    );
    let http = wismo_carriers::adapters::client(Duration::from_secs(5));
    let get = |route: &str| {
        let request = http.get(format!("http://{listen}{route}"));
        async move { request.send().await.ok()?.text().await.ok() }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let metrics = loop {
        if let Some(metrics) = get("/metrics").await
            && metrics.contains("name=\"remove_finished_jobs\",outcome=\"succeeded\"")
            && metrics.contains("name=\"prune_stored_pages\",outcome=\"succeeded\"")
        {
            break metrics;
        }
        assert!(Instant::now() < deadline, "the upkeep did not run");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    for metric in [
        "wismo_jobs_total{queue=\"maintenance\",name=\"prune_stored_pages\",outcome=\"succeeded\"} 1",
        "wismo_job_duration_seconds",
        "wismo_shipments_active 0",
    ] {
        assert!(metrics.contains(metric), "{metric} missing:\n{metrics}");
    }
    assert_eq!(get("/healthz").await.as_deref(), Some("ok"));
    assert_eq!(get("/readyz").await.as_deref(), Some("ready"));
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &runner.0.id().to_string()])
        .status();
    assert!(runner.0.wait().unwrap().success());

    let out = wismo()
        .args([
            "--database-url",
            &url,
            "jobs",
            "list",
            "--state",
            "done",
            "--json",
        ])
        .output()
        .unwrap();
    let mut names: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["name"].to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "\"apply_retention\"",
            "\"prune_audit_log\"",
            "\"prune_stored_pages\"",
            "\"remove_finished_jobs\""
        ]
    );
    remove_db(&path);
}

/// A child process killed if the test ends early.
struct Reaped(std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
