//! The polling worker against the sandbox carrier: journeys followed to their end, several
//! workers sharing one database, faults, and the operator commands.

use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::BTreeMap;
use std::sync::Arc;
use wismo_carriers::sandbox::{Fault, FaultKind, Sandbox, Scenario};
use wismo_domain::{
    CarrierCode, Clock, CountryCode, Customer, Destination, ManualClock, Milestone, NewOrder,
    NewShipment, OrderNumber, ShipmentId, Stage, StoreId, TrackingNumber,
};
use wismo_server::config::{CarrierLayer, Config, Layer, WorkerLayer};
use wismo_server::worker::Worker;
use wismo_store::Store;

use crate::harness::{Cleanup, Db, database, new_store};

crate::on_both_backends!(
    every_journey_is_followed_to_its_end_with_few_calls,
    a_failing_carrier_is_backed_off_and_recovers,
    a_carrier_that_keeps_failing_is_left_alone_until_its_breaker_probes,
);

pub const CARRIERS: [&str; 4] = ["ups", "fedex", "usps", "dhl"];

/// A store on a fresh database, the sandbox carrier on loopback, and a manual clock both
/// read.
pub struct Rig {
    pub store: Arc<dyn Store>,
    pub clock: Arc<ManualClock>,
    pub sandbox: Sandbox,
    pub config: Config,
    pub url: String,
    pub tenant: StoreId,
    _cleanup: Cleanup,
}

pub fn start() -> DateTime<Utc> {
    // A Monday morning, so business days and the clock line up simply.
    Utc.with_ymd_and_hms(2026, 11, 2, 14, 0, 0)
        .single()
        .unwrap()
}

impl Rig {
    pub async fn new(db: Db, worker: WorkerLayer) -> Option<Rig> {
        let (url, cleanup) = database(db).await?;
        let clock = Arc::new(ManualClock::new(start()));
        let sandbox = Sandbox::new(clock.clone(), Default::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/sandbox", listener.local_addr().unwrap());
        let router = sandbox.router();
        tokio::spawn(async move { axum::serve(listener, router).await });
        let carriers: BTreeMap<String, CarrierLayer> = CARRIERS
            .iter()
            .map(|c| {
                let layer = CarrierLayer {
                    base_url: Some(format!("{base}/{c}")),
                    client_id: Some("sandbox".into()),
                    client_secret: Some(wismo_domain::Secret::new(String::from("sandbox"))),
                    api_key: Some(wismo_domain::Secret::new(String::from("sandbox"))),
                    rate_per_second: Some(100_000.0),
                    burst: Some(100_000),
                    ..CarrierLayer::default()
                };
                (c.to_string(), layer)
            })
            .collect();
        let config = Config::load(
            None,
            wismo_server::config::Env::default(),
            Layer {
                database_url: Some(url.clone()),
                carriers,
                worker,
                ..Layer::default()
            },
        )
        .unwrap();
        let shared_clock: Arc<dyn Clock> = clock.clone();
        let store = wismo_store::connect(&url, shared_clock).await.unwrap();
        let tenant = store
            .create_store(&new_store("acme", "Acme Coffee"))
            .await
            .unwrap()
            .id;
        Some(Rig {
            store,
            clock,
            sandbox,
            config,
            url,
            tenant,
            _cleanup: cleanup,
        })
    }

    pub fn worker(&self) -> Worker {
        Worker::new(self.store.clone(), self.clock.clone(), &self.config)
    }

    /// A shipment of `carrier` playing `scenario` from now, in an order of its own.
    pub async fn parcel(&self, n: usize, carrier: &str, scenario: Scenario) -> ShipmentId {
        let number = tracking_number(carrier, n);
        self.sandbox
            .set_scenario(&number, scenario, self.clock.now());
        let order = new_order(n, &number, carrier);
        let order = self.store.create_order(self.tenant, &order).await.unwrap();
        order.shipments[0].id
    }
}

/// Order `#n`, shipped to Portland, OR, with one parcel of `carrier`.
pub fn new_order(n: usize, number: &str, carrier: &str) -> NewOrder {
    NewOrder {
        order_number: OrderNumber::parse(&format!("#{n}")).unwrap(),
        external_id: None,
        token: wismo_domain::OrderToken::generate(),
        customer: Customer {
            name: None,
            email: None,
            phone: None,
            locale: None,
            timezone: Some(wismo_domain::TimeZone::parse("America/Los_Angeles").unwrap()),
            consent: Default::default(),
        },
        items: Vec::new(),
        destination: Destination {
            city: Some("Portland".into()),
            region: Some("OR".into()),
            postal_code: None,
            country: Some(CountryCode::parse("US").unwrap()),
        },
        placed_at: None,
        promised_date: None,
        promise: None,
        shipments: vec![NewShipment::new(
            TrackingNumber::parse(number).unwrap(),
            Some(CarrierCode::parse(carrier).unwrap()),
            None,
        )],
        source: wismo_domain::OrderSource::Api,
    }
}

/// A number in the carrier's own format, unique by `n`.
pub fn tracking_number(carrier: &str, n: usize) -> String {
    match carrier {
        "ups" => format!("1ZSBX{n:013}"),
        "fedex" => format!("7{n:011}"),
        "usps" => format!("9400{n:018}"),
        _ => format!("9{n:09}"),
    }
}

/// The stage each journey ends in, ten days on.
fn final_stage(scenario: Scenario) -> Stage {
    match scenario {
        Scenario::Exception => Stage::Exception,
        Scenario::Returned => Stage::Returned,
        Scenario::Lost => Stage::Delayed,
        _ => Stage::Delivered,
    }
}

/// Runs rounds while moving the clock `step` at a time until `until`.
pub async fn play(rig: &Rig, worker: &Worker, step: Duration, until: DateTime<Utc>) {
    while rig.clock.now() < until {
        worker.run_once().await.unwrap();
        rig.clock.advance(step);
    }
}

async fn every_journey_is_followed_to_its_end_with_few_calls(db: Db) {
    let Some(rig) = Rig::new(db, WorkerLayer::default()).await else {
        return;
    };
    let mut parcels = Vec::new();
    for (i, scenario) in Scenario::PLAYED.into_iter().enumerate() {
        for (j, carrier) in CARRIERS.into_iter().enumerate() {
            let id = rig.parcel(i * 10 + j, carrier, scenario).await;
            parcels.push((id, carrier, scenario));
        }
    }
    let worker = rig.worker();
    play(
        &rig,
        &worker,
        Duration::minutes(10),
        start() + Duration::days(10),
    )
    .await;

    for (id, carrier, scenario) in &parcels {
        let shipment = rig.store.get_shipment(rig.tenant, *id).await.unwrap();
        let what = format!("{carrier} {scenario:?}");
        assert_eq!(shipment.stage, final_stage(*scenario), "{what}");
        let events = rig.store.list_events(rig.tenant, *id).await.unwrap();
        assert_eq!(
            events.len(),
            scenario.scans().len(),
            "{what}: every scan stored once: {events:#?}"
        );
        let milestones = rig.store.list_milestones(rig.tenant, *id).await.unwrap();
        let kinds: Vec<Milestone> = milestones.iter().map(|m| m.milestone).collect();
        let mut unique = kinds.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), kinds.len(), "{what}: {kinds:?}");
        assert!(kinds.contains(&Milestone::Shipped), "{what}: {kinds:?}");
        if shipment.stage == Stage::Delivered {
            assert!(kinds.contains(&Milestone::Delivered), "{what}: {kinds:?}");
            assert_eq!(
                shipment.next_poll_at, None,
                "{what}: delivered stops polling"
            );
        }
        if *scenario == Scenario::Delayed {
            assert!(kinds.contains(&Milestone::Delayed), "{what}: {kinds:?}");
        }
        if *scenario == Scenario::Lost {
            assert!(
                kinds.contains(&Milestone::Delayed),
                "{what}: a lost parcel is flagged"
            );
        }
        assert!(shipment.estimate.is_some(), "{what}: has an estimate");
    }
    assert_eq!(rig.sandbox.overlapping_requests(), 0);
    // Calls per parcel: every shipment was polled, and not wastefully. FedEx asks about
    // up to 30 numbers per call, so count numbers asked about rather than requests.
    let stats = rig.sandbox.stats();
    let asked: u64 = stats.values().map(|s| s.numbers_tracked).sum();
    let per_parcel = asked as f64 / parcels.len() as f64;
    assert!(
        per_parcel < 14.0,
        "{per_parcel:.1} looks per parcel over ten days"
    );
}

async fn a_failing_carrier_is_backed_off_and_recovers(db: Db) {
    let Some(rig) = Rig::new(db, WorkerLayer::default()).await else {
        return;
    };
    let id = rig.parcel(1, "ups", Scenario::Normal).await;
    rig.clock.advance(Duration::hours(7));
    rig.sandbox.add_fault(Fault {
        carrier: Some("ups".into()),
        kind: FaultKind::ServerError,
        count: 3,
        retry_after: None,
        delay_ms: None,
    });
    let worker = rig.worker();
    let mut waits = Vec::new();
    for _ in 0..3 {
        worker.run_once().await.unwrap();
        let s = rig.store.get_shipment(rig.tenant, id).await.unwrap();
        let next = s.next_poll_at.unwrap();
        waits.push(next - rig.clock.now());
        rig.clock.set(next);
    }
    let s = rig.store.get_shipment(rig.tenant, id).await.unwrap();
    assert_eq!(s.poll_failures, 3);
    assert!(waits[0] < waits[1] && waits[1] < waits[2], "{waits:?}");
    // A 429 with Retry-After is honoured.
    rig.sandbox.add_fault(Fault {
        carrier: Some("ups".into()),
        kind: FaultKind::RateLimited,
        count: 1,
        retry_after: Some(5400),
        delay_ms: None,
    });
    worker.run_once().await.unwrap();
    let s = rig.store.get_shipment(rig.tenant, id).await.unwrap();
    assert!(s.next_poll_at.unwrap() - rig.clock.now() >= Duration::minutes(90));
    rig.clock.set(s.next_poll_at.unwrap());
    worker.run_once().await.unwrap();
    let s = rig.store.get_shipment(rig.tenant, id).await.unwrap();
    assert_eq!(s.poll_failures, 0);
    assert_eq!(s.stage, Stage::InTransit);
}

async fn a_carrier_that_keeps_failing_is_left_alone_until_its_breaker_probes(db: Db) {
    let Some(rig) = Rig::new(
        db,
        WorkerLayer {
            concurrency: Some(1),
            ..WorkerLayer::default()
        },
    )
    .await
    else {
        return;
    };
    for n in 0..8 {
        rig.parcel(n, "ups", Scenario::Normal).await;
    }
    rig.clock.advance(Duration::hours(7));
    rig.sandbox.add_fault(Fault {
        carrier: Some("ups".into()),
        kind: FaultKind::ServerError,
        count: 100,
        retry_after: None,
        delay_ms: None,
    });
    let worker = rig.worker();
    let round = worker.run_once().await.unwrap();
    assert_eq!(round.claimed, 8);
    // Five failures in a row open the circuit: the other three are not called.
    assert_eq!(round.calls, 5, "{round:?}");
    assert_eq!(rig.sandbox.stats()["ups"].faults_injected, 5);
}
