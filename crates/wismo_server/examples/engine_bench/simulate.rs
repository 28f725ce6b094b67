//! `engine_bench simulate`: the worker polling the sandbox carrier on a simulated clock,
//! next to fixed 2-hour polling.

use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;
use wismo_carriers::sandbox::Scenario;
use wismo_domain::{Clock, ManualClock};
use wismo_server::worker::Worker;

use crate::rig::{
    Backend, fresh_db, new_tenant, parcel_order, sandbox_rig, sqlite_pool, tracking_number,
};
use crate::{CARRIERS, Rng, num, pct, sorted, t0};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Policy {
    /// wismo's schedule, as the worker computes it.
    Adaptive,
    /// Every active shipment asked every 2 hours.
    Fixed2h,
}

/// One parcel of the simulation: who carries it, which journey it plays, when its label
/// was made (the journey starts) and when the merchant registers it with wismo.
struct Parcel {
    number: String,
    carrier: usize,
    scenario: Scenario,
    started: DateTime<Utc>,
    registered: DateTime<Utc>,
}

fn simulation_plan(shipments: usize, step: Duration) -> Vec<Parcel> {
    let mut rng = Rng(0x5eed);
    // Registered over three days, at step boundaries, 0 to 120 minutes (to the second)
    // after the label was made: the journeys' scans fall at any minute, not in step with
    // the clock or with a 2-hour rhythm.
    let slots = (Duration::days(3).num_seconds() / step.num_seconds()) as u64;
    let mut plan: Vec<Parcel> = (0..shipments)
        .map(|n| {
            let carrier = n % 4;
            let registered = t0() + Duration::hours(2) + step * rng.below(slots) as i32;
            Parcel {
                number: tracking_number(CARRIERS[carrier], n),
                carrier,
                scenario: Scenario::PLAYED[(n / 4) % 8],
                started: registered - Duration::seconds(rng.below(7200) as i64),
                registered,
            }
        })
        .collect();
    plan.sort_by_key(|p| p.registered);
    plan
}

struct SimReport {
    policy: Policy,
    rounds: usize,
    wall_secs: f64,
    simulated_days: f64,
    requests: u64,
    numbers_tracked: u64,
    by_stage: BTreeMap<String, (usize, i64)>,
    by_scenario: BTreeMap<&'static str, (usize, i64)>,
    /// (carrier, recorded - occurred in simulated minutes) of each scan of that stage.
    ofd_minutes: Vec<(String, f64)>,
    delivered_minutes: Vec<(String, f64)>,
    habits: Vec<(String, i64)>,
    still_active: u64,
}

impl SimReport {
    fn delivered(&self) -> usize {
        self.by_stage.get("delivered").map_or(0, |s| s.0)
    }

    fn calls_delivered(&self) -> i64 {
        self.by_stage.get("delivered").map_or(0, |s| s.1)
    }

    fn calls_all(&self) -> i64 {
        self.by_stage.values().map(|s| s.1).sum()
    }
}

pub(crate) async fn simulate(args: &[String]) {
    let shipments: usize = num(args, "--shipments", 1000);
    let step = Duration::minutes(num(args, "--step-minutes", 5));
    let days: i64 = num(args, "--days", 12);
    println!(
        "simulate [Sqlite]: {shipments} shipments, 4 carriers x 8 sandbox journeys, registered over 3 days; \
         clock stepped {} min a step, the real Worker polls until nothing is due each step; \
         a new Worker each simulated day (it re-reads carrier habits); stops when no shipment is active or after {days} days",
        step.num_minutes()
    );
    println!(
        "simulate [Sqlite]: calls = polls finished (shipments.poll_count; one per number asked, FedEx asks up to 30 numbers a request); \
         freshness = tracking_events.recorded_at - occurred_at (polls happen at step boundaries, so up to one step of it comes from the simulation); \
         fixed 2 h = the same run, but after every worker round the shipments it just polled get next_poll_at = last_polled_at + 2 h (SQL)"
    );
    let mut reports = Vec::new();
    for policy in [Policy::Adaptive, Policy::Fixed2h] {
        reports.push(simulate_run(shipments, step, days, policy).await);
    }
    for r in &reports {
        let name = match r.policy {
            Policy::Adaptive => "wismo schedule",
            Policy::Fixed2h => "fixed 2 h    ",
        };
        let delivered = r.delivered().max(1) as f64;
        let all = |lags: &[(String, f64)]| sorted(lags.iter().map(|l| l.1).collect());
        let ofd = all(&r.ofd_minutes);
        let dlv = all(&r.delivered_minutes);
        println!(
            "simulate [{name}]: {} delivered of {shipments}; carrier calls per delivered parcel: {:.2} (calls for delivered parcels) / {:.2} (all calls); \
             {} numbers asked in {} HTTP requests; {} rounds, {:.1} simulated days, {:.1} s wall",
            r.delivered(),
            r.calls_delivered() as f64 / delivered,
            r.calls_all() as f64 / delivered,
            r.numbers_tracked,
            r.requests,
            r.rounds,
            r.simulated_days,
            r.wall_secs,
        );
        println!(
            "simulate [{name}]: freshness (recorded - occurred, simulated min): out for delivery median {:.0}, p90 {:.0}, max {:.0} ({} scans); \
             delivered median {:.0}, p90 {:.0}, max {:.0} ({} scans)",
            pct(&ofd, 50.0),
            pct(&ofd, 90.0),
            ofd.last().copied().unwrap_or(f64::NAN),
            ofd.len(),
            pct(&dlv, 50.0),
            pct(&dlv, 90.0),
            dlv.last().copied().unwrap_or(f64::NAN),
            dlv.len(),
        );
        for (stage, lags) in [
            ("out for delivery", &r.ofd_minutes),
            ("delivered", &r.delivered_minutes),
        ] {
            let by_carrier: Vec<String> = CARRIERS
                .iter()
                .map(|c| {
                    let mine = sorted(lags.iter().filter(|l| l.0 == *c).map(|l| l.1).collect());
                    format!(
                        "{c} {:.0}/{:.0}/{:.0}",
                        pct(&mine, 50.0),
                        pct(&mine, 90.0),
                        mine.last().copied().unwrap_or(f64::NAN)
                    )
                })
                .collect();
            println!(
                "simulate [{name}]:   {stage} freshness by carrier (median/p90/max min): {}",
                by_carrier.join(", ")
            );
        }
        let stages: Vec<String> = r
            .by_stage
            .iter()
            .map(|(stage, (n, calls))| {
                format!("{stage} {n} ({:.1} calls each)", *calls as f64 / *n as f64)
            })
            .collect();
        let scenarios: Vec<String> = r
            .by_scenario
            .iter()
            .map(|(s, (n, calls))| format!("{s} {:.1}", *calls as f64 / *n as f64))
            .collect();
        println!(
            "simulate [{name}]: final stages: {}; {} still polled at the end",
            stages.join(", "),
            r.still_active
        );
        println!(
            "simulate [{name}]: calls per parcel by journey: {}",
            scenarios.join(", ")
        );
        if r.policy == Policy::Adaptive {
            let habits: Vec<String> = r
                .habits
                .iter()
                .map(|(c, secs)| format!("{c} {:.1} h", *secs as f64 / 3600.0))
                .collect();
            println!(
                "simulate [{name}]: learned out-for-delivery lead at the end: {} (default before 5 deliveries: 8.0 h)",
                if habits.is_empty() {
                    "none".to_owned()
                } else {
                    habits.join(", ")
                }
            );
        }
    }
}

async fn simulate_run(shipments: usize, step: Duration, days: i64, policy: Policy) -> SimReport {
    let name = match policy {
        Policy::Adaptive => "sim_adaptive",
        Policy::Fixed2h => "sim_fixed",
    };
    let db = fresh_db(Backend::Sqlite, "", name).await;
    let clock = Arc::new(ManualClock::new(t0()));
    let (sandbox, config, server) = sandbox_rig(clock.clone(), &db.url).await;
    let store = wismo_store::connect(&db.url, clock.clone()).await.unwrap();
    let tenant = new_tenant(store.as_ref()).await;
    let pool = sqlite_pool(&db.url, 2).await;
    let plan = simulation_plan(shipments, step);
    let scenario_of: HashMap<&str, Scenario> = plan
        .iter()
        .map(|p| (p.number.as_str(), p.scenario))
        .collect();
    let end = t0() + Duration::days(days);
    let started = Instant::now();
    let mut next = 0;
    let mut worker: Option<(DateTime<Utc>, Worker)> = None;
    let mut rounds = 0;
    loop {
        let now = clock.now();
        while next < plan.len() && plan[next].registered <= now {
            let p = &plan[next];
            sandbox.set_scenario(&p.number, p.scenario, p.started);
            store
                .create_order(tenant, &parcel_order(next, &p.number, p.carrier))
                .await
                .unwrap();
            next += 1;
        }
        if worker
            .as_ref()
            .is_none_or(|(since, _)| now - *since >= Duration::days(1))
        {
            worker = Some((now, Worker::new(store.clone(), clock.clone(), &config)));
        }
        let w = &worker.as_ref().unwrap().1;
        loop {
            let round = w.run_once().await.unwrap();
            rounds += 1;
            if policy == Policy::Fixed2h && round.claimed > 0 {
                // Fixed polling: what the worker just polled is asked again 2 h later.
                sqlx::query(
                    "UPDATE shipments SET next_poll_at = last_polled_at + 7200000000 \
                     WHERE next_poll_at IS NOT NULL AND lease_owner IS NULL AND last_polled_at = ?1",
                )
                .bind(now.timestamp_micros())
                .execute(&pool)
                .await
                .unwrap();
            }
            if round.claimed == 0 {
                break;
            }
        }
        let active = store.schedule_counts().await.unwrap().active;
        if (next == plan.len() && active == 0) || now >= end {
            break;
        }
        clock.advance(step);
    }
    let wall_secs = started.elapsed().as_secs_f64();
    let simulated_days = (clock.now() - t0()).num_minutes() as f64 / 1440.0;

    let stats = sandbox.stats();
    let mut by_stage: BTreeMap<String, (usize, i64)> = BTreeMap::new();
    let mut by_scenario: BTreeMap<&'static str, (usize, i64)> = BTreeMap::new();
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT tracking_number, stage, poll_count FROM shipments")
            .fetch_all(&pool)
            .await
            .unwrap();
    for (number, stage, polls) in rows {
        let s = by_stage.entry(stage).or_default();
        s.0 += 1;
        s.1 += polls;
        let slug = scenario_of[number.as_str()].slug();
        let s = by_scenario.entry(slug).or_default();
        s.0 += 1;
        s.1 += polls;
    }
    let lags = |stage: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (String, i64)>(
                "SELECT s.carrier, e.recorded_at - e.occurred_at FROM tracking_events e \
                 JOIN shipments s ON s.id = e.shipment_id WHERE e.stage = ?1",
            )
            .bind(stage)
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .map(|(carrier, us)| (carrier, us as f64 / 60e6))
            .collect::<Vec<_>>()
        }
    };
    let ofd_minutes = lags("out_for_delivery").await;
    let delivered_minutes = lags("delivered").await;
    let habits = store
        .carrier_habits()
        .await
        .unwrap()
        .into_iter()
        .map(|(c, h)| (c, h.out_for_delivery_lead.num_seconds()))
        .collect();
    let still_active = store.schedule_counts().await.unwrap().active;
    server.abort();
    pool.close().await;
    drop(store);
    db.remove().await;
    SimReport {
        policy,
        rounds,
        wall_secs,
        simulated_days,
        requests: stats.values().map(|s| s.requests).sum(),
        numbers_tracked: stats.values().map(|s| s.numbers_tracked).sum(),
        by_stage,
        by_scenario,
        ofd_minutes,
        delivered_minutes,
        habits,
        still_active,
    }
}
