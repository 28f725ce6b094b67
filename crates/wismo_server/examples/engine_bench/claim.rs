//! `engine_bench claim`: claiming due shipments among many active ones.

use chrono::Duration;
use std::sync::Arc;
use std::time::Instant;
use wismo_domain::ManualClock;

use crate::rig::{Backend, fresh_db, new_tenant};
use crate::seed::{SEED_CHUNK, Seed, seed};
use crate::{arg, num, pct, postgres_base, sorted, t0};

pub(crate) async fn claim(args: &[String]) {
    let backend = match arg(args, "--db").as_deref() {
        Some("sqlite") | None => Backend::Sqlite,
        Some("postgres") => Backend::Postgres,
        Some(other) => panic!("--db {other}: use sqlite or postgres"),
    };
    let active: i64 = num(args, "--active", 1_000_000);
    let batch: u32 = num(args, "--batch", 500);
    let rounds: usize = num(args, "--rounds", 20);
    let db = fresh_db(backend, &postgres_base(args), "claim").await;
    let clock = Arc::new(ManualClock::new(t0()));
    let store = wismo_store::connect(&db.url, clock.clone()).await.unwrap();
    let tenant = new_tenant(store.as_ref()).await;
    let started = Instant::now();
    seed(&db, tenant, active, Seed::Active, t0()).await;
    let seeded = started.elapsed().as_secs_f64();
    drop(store);
    let due = (active + 49) / 50;
    println!(
        "claim [{backend:?}]: {active} active shipments, {due} due now (every 50th, due within the last hour), \
         the rest due over the next 24 h; seeded in {seeded:.1} s (INSERT … SELECT, {SEED_CHUNK} rows a transaction)"
    );
    // The claims run in a fresh process, so its peak RSS is a worker's, not the seeder's.
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "claim-run",
            "--url",
            &db.url,
            "--batch",
            &batch.to_string(),
            "--rounds",
            &rounds.to_string(),
            "--label",
            &format!("{backend:?}"),
        ])
        .status()
        .unwrap();
    assert!(status.success(), "claim-run failed: {status}");
    if args.iter().any(|a| a == "--keep") {
        println!("claim [{backend:?}]: kept for inspection: {}", db.url);
    } else {
        db.remove().await;
    }
}

pub(crate) async fn claim_run(args: &[String]) {
    let url = arg(args, "--url").expect("--url");
    let batch: u32 = num(args, "--batch", 500);
    let rounds: usize = num(args, "--rounds", 20);
    let label = arg(args, "--label").unwrap_or_default();
    let clock = Arc::new(ManualClock::new(t0()));
    let store = wismo_store::connect(&url, clock).await.unwrap();
    let rss_connected = proc_status_kib("VmRSS:");
    let worker = format!("bench:{}:claim", std::process::id());
    let lease = Duration::seconds(120);
    let timed = || async {
        let t = Instant::now();
        let leases = store
            .claim_due_shipments(&worker, lease, batch)
            .await
            .unwrap();
        (t.elapsed().as_secs_f64() * 1e3, leases)
    };
    let (first_ms, first) = timed().await;
    let mut times = Vec::with_capacity(rounds);
    let mut claimed = Vec::with_capacity(rounds);
    let mut held = first;
    for _ in 0..rounds {
        let (ms, leases) = timed().await;
        times.push(ms);
        claimed.push(leases.len());
        held.extend(leases);
    }
    let times = sorted(times);
    let (least, most) = (
        claimed.iter().min().copied().unwrap_or(0),
        claimed.iter().max().copied().unwrap_or(0),
    );
    println!(
        "claim [{label}]: claim_due_shipments(lease 120 s, limit {batch}) x{rounds}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms, mean {:.2} ms \
         ({least}..{most} claimed a round; a first claim on cold connections took {first_ms:.2} ms and is left out)",
        pct(&times, 50.0),
        pct(&times, 95.0),
        times.last().copied().unwrap_or(f64::NAN),
        times.iter().sum::<f64>() / times.len().max(1) as f64,
    );
    println!(
        "claim [{label}]: worker process peak RSS (VmHWM) {:.1} MiB (RSS {:.1} MiB after connecting; {} leases held)",
        mib(proc_status_kib("VmHWM:")),
        mib(rss_connected),
        held.len(),
    );
}

/// A `/proc/self/status` figure in KiB (`VmHWM:` is the peak resident set size).
fn proc_status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix(field)?
                    .trim()
                    .strip_suffix("kB")?
                    .trim()
                    .parse()
                    .ok()
            })
        })
        .unwrap_or(0)
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
