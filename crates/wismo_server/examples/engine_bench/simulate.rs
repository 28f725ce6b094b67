//! `engine_bench simulate`: the worker polling the sandbox carrier on a simulated clock,
//! next to fixed 2-hour polling.

use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;
use wismo_carriers::adapters::{Carrier, LiveCarrier, adapter};
use wismo_carriers::sandbox::{Scenario, Timing};
use wismo_domain::{Clock, EventSource, ManualClock, ShipmentId};
use wismo_server::ingest::Ingest;
use wismo_server::worker::Worker;

use crate::rig::{
    Backend, fresh_db, new_tenant, parcel_order, sandbox_rig, sqlite_pool, tracking_number,
};
use crate::{CARRIERS, CUSTOMER_TZ, Rng, arg, num, pct, sorted, t0};

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
    /// Its scans reach wismo by a push webhook (as from an aggregator) when they happen.
    push: bool,
}

fn simulation_plan(shipments: usize, step: Duration, push_share: f64) -> Vec<Parcel> {
    let mut rng = Rng(0x5eed);
    // Registered over three days, at step boundaries, 0 to 120 minutes (to the second)
    // after the label was made: the journeys' scans fall at any minute, not in step with
    // the clock or with a 2-hour rhythm.
    let slots = (Duration::days(3).num_seconds() / step.num_seconds()) as u64;
    let mut plan: Vec<Parcel> = (0..shipments)
        .map(|n| {
            let carrier = n % 4;
            let registered = t0() + Duration::hours(2) + step * rng.below(slots) as i32;
            let started = registered - Duration::seconds(rng.below(7200) as i64);
            Parcel {
                number: tracking_number(CARRIERS[carrier], n),
                carrier,
                scenario: Scenario::PLAYED[(n / 4) % 8],
                started,
                registered,
                push: (rng.below(1_000_000) as f64) < push_share * 1e6,
            }
        })
        .collect();
    plan.sort_by_key(|p| p.registered);
    plan
}

struct SimReport {
    policy: Policy,
    timing: Timing,
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
    /// The delivered scans that happened 08:00–21:00 in the customer's zone.
    delivered_in_hours: Vec<(String, f64)>,
    /// Their lags by journey, sorted.
    delivered_by_journey: Vec<(&'static str, Vec<f64>)>,
    /// Calls spent on delivered parcels fed by push, and how many there were.
    push_delivered: (i64, usize),
    habits: Vec<(String, String)>,
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

/// `--timing realistic|around-the-clock`, `--policies adaptive,fixed`, `--push-share F`.
pub(crate) async fn simulate(args: &[String]) {
    let shipments: usize = num(args, "--shipments", 1000);
    let step = Duration::minutes(num(args, "--step-minutes", 5));
    let days: i64 = num(args, "--days", 12);
    let push_share: f64 = num(args, "--push-share", 0.0);
    let timing = match arg(args, "--timing").as_deref() {
        None | Some("realistic") => Timing::Realistic,
        Some("around-the-clock") => Timing::AroundTheClock,
        Some(other) => panic!("--timing: `{other}` is not realistic or around-the-clock"),
    };
    let policies: Vec<Policy> = arg(args, "--policies")
        .unwrap_or_else(|| "adaptive,fixed".into())
        .split(',')
        .map(|p| match p {
            "adaptive" => Policy::Adaptive,
            "fixed" => Policy::Fixed2h,
            other => panic!("--policies: `{other}` is not adaptive or fixed"),
        })
        .collect();
    let mode = match timing {
        Timing::Realistic => "realistic delivery hours and days",
        Timing::AroundTheClock => "deliveries around the clock",
    };
    println!(
        "simulate [Sqlite]: {shipments} shipments, 4 carriers x 8 sandbox journeys, {mode}, registered over 3 days, \
         {:.0} % fed by push; clock stepped {} min a step, the real Worker polls until nothing is due each step; \
         a new Worker each simulated day (it re-reads carrier habits); stops when no shipment is active or after {days} days",
        push_share * 100.0,
        step.num_minutes()
    );
    println!(
        "simulate [Sqlite]: calls = polls finished (shipments.poll_count; one per number asked, FedEx asks up to 30 numbers a request); \
         freshness = tracking_events.recorded_at - occurred_at (polls happen at step boundaries, so up to one step of it comes from the simulation); \
         in hours = delivered scans 08:00-21:00 in the customer's zone ({CUSTOMER_TZ}); \
         fixed 2 h = the same run, but after every worker round the shipments it just polled get next_poll_at = last_polled_at + 2 h (SQL)"
    );
    let mut reports = Vec::new();
    for policy in policies {
        reports.push(simulate_run(shipments, step, days, policy, timing, push_share).await);
    }
    for r in &reports {
        report(r, shipments);
    }
}

fn report(r: &SimReport, shipments: usize) {
    let name = match (r.policy, r.timing) {
        (Policy::Adaptive, Timing::Realistic) => "wismo schedule, realistic",
        (Policy::Fixed2h, Timing::Realistic) => "fixed 2 h, realistic",
        (Policy::Adaptive, Timing::AroundTheClock) => "wismo schedule, around the clock",
        (Policy::Fixed2h, Timing::AroundTheClock) => "fixed 2 h, around the clock",
    };
    let delivered = r.delivered().max(1) as f64;
    let all = |lags: &[(String, f64)]| sorted(lags.iter().map(|l| l.1).collect());
    let ofd = all(&r.ofd_minutes);
    let dlv = all(&r.delivered_minutes);
    let hours = all(&r.delivered_in_hours);
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
    let line = |v: &[f64]| {
        format!(
            "median {:.0}, p90 {:.0}, max {:.0} ({} scans)",
            pct(v, 50.0),
            pct(v, 90.0),
            v.last().copied().unwrap_or(f64::NAN),
            v.len()
        )
    };
    println!(
        "simulate [{name}]: freshness (recorded - occurred, simulated min): delivered 08:00-21:00 {}; all delivered {}; out for delivery {}",
        line(&hours),
        line(&dlv),
        line(&ofd),
    );
    if r.push_delivered.1 > 0 {
        let polled = (r.calls_delivered() - r.push_delivered.0) as f64
            / (r.delivered() - r.push_delivered.1).max(1) as f64;
        println!(
            "simulate [{name}]: push-fed: {} delivered parcels, {:.2} polls each (polled parcels {polled:.2})",
            r.push_delivered.1,
            r.push_delivered.0 as f64 / r.push_delivered.1 as f64,
        );
    }
    for (stage, lags) in [
        ("out for delivery", &r.ofd_minutes),
        ("delivered 08:00-21:00", &r.delivered_in_hours),
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
    let journeys: Vec<String> = r
        .delivered_by_journey
        .iter()
        .map(|(slug, lags)| format!("{slug} {:.0}/{:.0}", pct(lags, 50.0), pct(lags, 90.0)))
        .collect();
    println!(
        "simulate [{name}]:   delivered 08:00-21:00 freshness by journey (median/p90 min): {}",
        journeys.join(", ")
    );
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
        let habits: Vec<String> = r.habits.iter().map(|(_, h)| h.clone()).collect();
        println!(
            "simulate [{name}]: learned at the end (carrier-wide; lanes may have their own times): {}",
            if habits.is_empty() {
                "none".to_owned()
            } else {
                habits.join("; ")
            }
        );
    }
}

async fn simulate_run(
    shipments: usize,
    step: Duration,
    days: i64,
    policy: Policy,
    timing: Timing,
    push_share: f64,
) -> SimReport {
    let name = match policy {
        Policy::Adaptive => "sim_adaptive",
        Policy::Fixed2h => "sim_fixed",
    };
    let db = fresh_db(Backend::Sqlite, "", name).await;
    let clock = Arc::new(ManualClock::new(t0()));
    let (sandbox, config, server) = sandbox_rig(clock.clone(), &db.url).await;
    sandbox.set_timing(timing);
    let store = wismo_store::connect(&db.url, clock.clone()).await.unwrap();
    let ingest = Ingest::new(store.clone());
    let tenant = new_tenant(store.as_ref()).await;
    let pool = sqlite_pool(&db.url, 2).await;
    let plan = simulation_plan(shipments, step, push_share);
    let scenario_of: HashMap<&str, Scenario> = plan
        .iter()
        .map(|p| (p.number.as_str(), p.scenario))
        .collect();
    // The aggregator's side of push: it reads the carrier and posts what is new.
    let feeds: HashMap<&str, Arc<dyn Carrier>> = LiveCarrier::ALL
        .into_iter()
        .filter_map(|c| {
            Some((
                c.slug(),
                adapter(c.slug(), config.carrier_account(c).ok()?)?,
            ))
        })
        .collect();
    // Push-fed parcels registered so far: (plan index, shipment, scans pushed).
    let mut pushed: Vec<(usize, ShipmentId, usize)> = Vec::new();
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
            let order = store
                .create_order(tenant, &parcel_order(next, &p.number, p.carrier))
                .await
                .unwrap();
            if p.push {
                pushed.push((next, order.shipments[0].id, 0));
            }
            next += 1;
        }
        for (i, shipment, sent) in &mut pushed {
            let p = &plan[*i];
            let carrier = CARRIERS[p.carrier];
            let due = p
                .scenario
                .journey(&p.number, carrier, p.started, timing)
                .iter()
                .filter(|scan| p.started + hours(scan.hours) <= now)
                .count();
            if due > *sent {
                let tracking = feeds[carrier].track(&p.number).await.unwrap();
                let update = tracking.into_update(EventSource::Push);
                ingest
                    .update(tenant, *shipment, &update, EventSource::Push)
                    .await
                    .unwrap();
                *sent = due;
            }
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
    let push_numbers: std::collections::HashSet<&str> = plan
        .iter()
        .filter(|p| p.push)
        .map(|p| p.number.as_str())
        .collect();
    let mut by_stage: BTreeMap<String, (usize, i64)> = BTreeMap::new();
    let mut by_scenario: BTreeMap<&'static str, (usize, i64)> = BTreeMap::new();
    let mut push_delivered = (0, 0);
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT tracking_number, stage, poll_count FROM shipments")
            .fetch_all(&pool)
            .await
            .unwrap();
    for (number, stage, polls) in rows {
        if stage == "delivered" && push_numbers.contains(number.as_str()) {
            push_delivered.0 += polls;
            push_delivered.1 += 1;
        }
        let s = by_stage.entry(stage).or_default();
        s.0 += 1;
        s.1 += polls;
        let slug = scenario_of[number.as_str()].slug();
        let s = by_scenario.entry(slug).or_default();
        s.0 += 1;
        s.1 += polls;
    }
    let zone: chrono_tz::Tz = CUSTOMER_TZ.parse().unwrap();
    let lags = |stage: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (String, String, i64, i64)>(
                "SELECT s.carrier, s.tracking_number, e.occurred_at, e.recorded_at - e.occurred_at \
                 FROM tracking_events e JOIN shipments s ON s.id = e.shipment_id WHERE e.stage = ?1",
            )
            .bind(stage)
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .map(|(carrier, number, at, us)| {
                let at = DateTime::from_timestamp_micros(at).unwrap().with_timezone(&zone);
                (carrier, number, at, us as f64 / 60e6)
            })
            .collect::<Vec<_>>()
        }
    };
    let ofd_minutes = lags("out_for_delivery")
        .await
        .into_iter()
        .map(|(c, _, _, lag)| (c, lag))
        .collect();
    let delivered = lags("delivered").await;
    let in_hours = |at: &DateTime<chrono_tz::Tz>| (8..21).contains(&chrono::Timelike::hour(at));
    let delivered_in_hours = delivered
        .iter()
        .filter(|(_, _, at, _)| in_hours(at))
        .map(|(c, _, _, lag)| (c.clone(), *lag))
        .collect();
    let mut by_journey: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
    for (_, number, at, lag) in &delivered {
        if in_hours(at) {
            let slug = scenario_of[number.as_str()].slug();
            by_journey.entry(slug).or_default().push(*lag);
        }
    }
    let delivered_by_journey = by_journey
        .into_iter()
        .map(|(slug, lags)| (slug, sorted(lags)))
        .collect();
    let delivered_minutes = delivered
        .into_iter()
        .map(|(c, _, _, lag)| (c, lag))
        .collect();
    let habits = store
        .carrier_habits()
        .await
        .unwrap()
        .carriers()
        .map(|(c, h)| {
            let hm = |m: &u16| format!("{:02}:{:02}", m / 60, m % 60);
            let times = |d: &wismo_domain::schedule::DayTimes| {
                d.0.iter().map(hm).collect::<Vec<_>>().join(" ")
            };
            let learned = format!(
                "{c}: lead {:.1} h, out by {}, doorstep {}, collections {} from {:.1} h after arrival",
                h.out_for_delivery_lead.num_seconds() as f64 / 3600.0,
                h.out_for_delivery_at
                    .map_or("-".to_owned(), |t| t.format("%H:%M").to_string()),
                times(&h.door),
                times(&h.collection),
                h.collection_after.num_seconds() as f64 / 3600.0,
            );
            (c.to_owned(), learned)
        })
        .collect();
    let still_active = store.schedule_counts().await.unwrap().active;
    server.abort();
    pool.close().await;
    drop(store);
    db.remove().await;
    SimReport {
        policy,
        timing,
        rounds,
        wall_secs,
        simulated_days,
        requests: stats.values().map(|s| s.requests).sum(),
        numbers_tracked: stats.values().map(|s| s.numbers_tracked).sum(),
        by_stage,
        by_scenario,
        ofd_minutes,
        delivered_minutes,
        delivered_in_hours,
        delivered_by_journey,
        push_delivered,
        habits,
        still_active,
    }
}

fn hours(h: f64) -> Duration {
    Duration::seconds((h * 3600.0) as i64)
}
