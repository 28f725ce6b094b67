//! `engine_bench estimate`: delivery-estimate accuracy against the default windows.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone as _, Utc, Weekday};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;
use wismo_carriers::adapters::{Carrier, adapter};
use wismo_carriers::sandbox::Scenario;
use wismo_domain::calendar::BusinessCalendar;
use wismo_domain::estimate::default_transit_days;
use wismo_domain::{
    DeliveryEstimate, EventSource, ManualClock, ShipmentId, Stage, TimeZone, TrackingUpdate,
};

use crate::rig::{
    Backend, fresh_db, new_tenant, parcel_order, sandbox_rig, sqlite_pool, tracking_number,
};
use crate::{CARRIERS, CUSTOMER_TZ, Rng, SERVICES, num, t0};

/// One shipment of the estimate run.
struct Journey {
    number: String,
    carrier: usize,
    scenario: Scenario,
    started: DateTime<Utc>,
    id: Option<ShipmentId>,
    /// The pipeline's estimate right after the first in-transit scan, and when that scan
    /// happened.
    first: Option<(DeliveryEstimate, DateTime<Utc>)>,
}

/// Errors of one way of estimating, over the evaluated shipments.
#[derive(Default)]
struct Scores {
    n: usize,
    abs_from: f64,
    abs_mid: f64,
    signed_from: f64,
    hits: usize,
    early: usize,
    width: f64,
}

impl Scores {
    fn add(&mut self, from: NaiveDate, until: NaiveDate, actual: NaiveDate) {
        let from_err = (actual - from).num_days() as f64;
        let mid = from_err - (until - from).num_days() as f64 / 2.0;
        self.n += 1;
        self.abs_from += from_err.abs();
        self.abs_mid += mid.abs();
        self.signed_from += from_err;
        self.hits += usize::from(from <= actual && actual <= until);
        self.early += usize::from(actual < from);
        self.width += ((until - from).num_days() + 1) as f64;
    }

    fn line(&self) -> String {
        let n = self.n.max(1) as f64;
        format!(
            "MAE(from) {:.2} d, MAE(midpoint) {:.2} d, mean(actual - from) {:+.2} d, hit rate {:.1} % (early {:.1} %, late {:.1} %), mean window {:.2} d (n = {})",
            self.abs_from / n,
            self.abs_mid / n,
            self.signed_from / n,
            self.hits as f64 / n * 100.0,
            self.early as f64 / n * 100.0,
            (self.n - self.hits - self.early) as f64 / n * 100.0,
            self.width / n,
            self.n,
        )
    }
}

pub(crate) async fn estimate(args: &[String]) {
    let shipments: usize = num(args, "--shipments", 3000);
    let warmup: usize = num(args, "--warmup", 200);
    let weeks: i64 = num(args, "--weeks", 8);
    let db = fresh_db(Backend::Sqlite, "", "estimate").await;
    let clock = Arc::new(ManualClock::new(t0()));
    let (sandbox, config, server) = sandbox_rig(clock.clone(), &db.url).await;
    let store = wismo_store::connect(&db.url, clock.clone()).await.unwrap();
    let tenant = new_tenant(store.as_ref()).await;
    let carriers: Vec<Arc<dyn Carrier>> = CARRIERS
        .iter()
        .map(|c| {
            let live = wismo_carriers::adapters::LiveCarrier::parse(c).unwrap();
            adapter(c, config.carrier_account(live).unwrap()).unwrap()
        })
        .collect();

    // Labels made on weekdays between 8:00 and 18:00 in Louisville (UTC-5), over `weeks`
    // weeks from Monday 2 November 2026 (Thanksgiving and Christmas included).
    let mut rng = Rng(0xe57);
    let mut starts: Vec<(DateTime<Utc>, usize, Scenario)> = Vec::with_capacity(shipments);
    while starts.len() < shipments {
        let day = t0().date_naive() + Duration::days(rng.below(7 * weeks as u64) as i64);
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let minute = 13 * 60 + rng.below(10 * 60) as i64;
        let at =
            Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap()) + Duration::minutes(minute);
        let carrier = rng.below(4) as usize;
        let scenario = Scenario::PLAYED[rng.below(8) as usize];
        starts.push((at, carrier, scenario));
    }
    starts.sort_by_key(|s| s.0);
    let mut journeys: Vec<Journey> = starts
        .into_iter()
        .enumerate()
        .map(|(n, (started, carrier, scenario))| Journey {
            number: tracking_number(CARRIERS[carrier], n),
            carrier,
            scenario,
            started,
            id: None,
            first: None,
        })
        .collect();

    // Every moment something happens: a registration (kind 0) or a scan (kind 1).
    let mut timeline: Vec<(DateTime<Utc>, u8, usize)> = Vec::new();
    for (n, j) in journeys.iter().enumerate() {
        timeline.push((j.started, 0, n));
        for scan in j.scenario.scans() {
            timeline.push((
                j.started + Duration::seconds((scan.hours * 3600.0) as i64),
                1,
                n,
            ));
        }
    }
    timeline.sort();
    let started = Instant::now();
    let mut by_basis_at_first: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (at, kind, n) in timeline {
        clock.set(at);
        let j = &mut journeys[n];
        if kind == 0 {
            sandbox.set_scenario(&j.number, j.scenario, j.started);
            let order = store
                .create_order(tenant, &parcel_order(n, &j.number, j.carrier))
                .await
                .unwrap();
            j.id = Some(order.shipments[0].id);
            continue;
        }
        // What the carrier shows now, its estimate left out: the pipeline predicts.
        let tracking = carriers[j.carrier].track(&j.number).await.unwrap();
        let update = TrackingUpdate {
            events: tracking
                .events
                .into_iter()
                .map(|e| e.into_new_event(EventSource::Poll))
                .collect(),
            carrier_estimate: None,
            facts: Default::default(),
        };
        let recorded = store.ingest(tenant, j.id.unwrap(), &update).await.unwrap();
        if j.first.is_none()
            && let Some(shipped) = recorded.shipment.shipped_at
            && let Some(estimate) = recorded.shipment.estimate
        {
            j.first = Some((estimate, shipped));
            if n >= warmup {
                *by_basis_at_first
                    .entry(estimate.basis.as_str())
                    .or_default() += 1;
            }
        }
    }
    let wall = started.elapsed().as_secs_f64();

    let tz = TimeZone::parse(CUSTOMER_TZ).unwrap().tz();
    let (mut pipeline, mut naive) = (Scores::default(), Scores::default());
    let mut per_basis: BTreeMap<&'static str, (Scores, Scores)> = BTreeMap::new();
    let mut per_carrier: BTreeMap<&'static str, (Scores, Scores)> = BTreeMap::new();
    let (mut delivered, mut missing) = (0, 0);
    for (n, j) in journeys.iter().enumerate() {
        let shipment = store.get_shipment(tenant, j.id.unwrap()).await.unwrap();
        if n < warmup || shipment.stage != Stage::Delivered {
            continue;
        }
        delivered += 1;
        let (Some((estimate, shipped)), Some(at)) = (j.first, shipment.delivered_at) else {
            missing += 1;
            continue;
        };
        let actual = at.with_timezone(&tz).date_naive();
        let shipped_on = shipped.with_timezone(&tz).date_naive();
        let carrier = CARRIERS[j.carrier];
        let calendar = BusinessCalendar::for_carrier(Some(carrier));
        let (fewest, most) = default_transit_days(Some(carrier), Some(SERVICES[j.carrier]));
        let (d_from, d_until) = (
            calendar.add_business_days(shipped_on, fewest),
            calendar.add_business_days(shipped_on, most),
        );
        pipeline.add(estimate.from, estimate.until, actual);
        naive.add(d_from, d_until, actual);
        let b = per_basis.entry(estimate.basis.as_str()).or_default();
        b.0.add(estimate.from, estimate.until, actual);
        b.1.add(d_from, d_until, actual);
        let c = per_carrier.entry(carrier).or_default();
        c.0.add(estimate.from, estimate.until, actual);
        c.1.add(d_from, d_until, actual);
    }
    let samples: i64 = {
        let pool = sqlite_pool(&db.url, 1).await;
        let n = sqlx::query_scalar("SELECT COUNT(*) FROM transit_samples")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        n
    };
    println!(
        "estimate [Sqlite]: {shipments} sandbox journeys (4 carriers, 8 journeys, labels on weekdays 8-18 h Louisville time over {weeks} weeks from 2026-11-02), \
         every scan ingested when it happens (Store::ingest, no carrier estimate); {samples} transit samples recorded; {wall:.1} s wall"
    );
    println!(
        "estimate [Sqlite]: evaluated {} delivered shipments after the first {warmup} (estimate taken right after the first in-transit scan; \
         dates in the customer's zone {CUSTOMER_TZ}){}",
        delivered - missing,
        if missing > 0 {
            format!("; {missing} had no estimate")
        } else {
            String::new()
        }
    );
    let bases: Vec<String> = by_basis_at_first
        .iter()
        .map(|(b, n)| format!("{b} {n}"))
        .collect();
    println!(
        "estimate [Sqlite]: basis of the pipeline's estimates (all journeys after warm-up): {}",
        bases.join(", ")
    );
    println!("estimate [Sqlite]: pipeline       {}", pipeline.line());
    println!("estimate [Sqlite]: default window {}", naive.line());
    for (basis, (p, d)) in &per_basis {
        println!("estimate [Sqlite]:   basis {basis}: pipeline {}", p.line());
        println!("estimate [Sqlite]:   basis {basis}: default  {}", d.line());
    }
    for (carrier, (p, d)) in &per_carrier {
        println!("estimate [Sqlite]:   {carrier}: pipeline {}", p.line());
        println!("estimate [Sqlite]:   {carrier}: default  {}", d.line());
    }
    server.abort();
    drop(store);
    db.remove().await;
}
