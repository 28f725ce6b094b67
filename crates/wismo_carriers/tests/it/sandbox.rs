//! The live adapters end to end against the sandbox carrier on a loopback port: real
//! requests, real OAuth, real wire formats, every journey, and the fault cases.

use chrono::{TimeZone, Utc};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use wismo_carriers::adapters::{Account, Carrier, LIVE_CARRIERS, adapter};
use wismo_carriers::sandbox::{DeliveryHours, Sandbox, SandboxCredentials, Scenario, Timing};
use wismo_carriers::{CarrierError, Tracking};
use wismo_domain::{EventSource, ManualClock, NewEvent, Secret, ShipmentProgress, Stage};

struct Fixture {
    base: String,
    http: reqwest::Client,
    clock: Arc<ManualClock>,
    sandbox: Sandbox,
}

/// A sandbox playing the script's hours as written, which these tests expect.
async fn start() -> Fixture {
    start_with(Timing::AroundTheClock).await
}

async fn start_with(timing: Timing) -> Fixture {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).single().unwrap(),
    ));
    let sandbox = Sandbox::new(clock.clone(), SandboxCredentials::default());
    sandbox.set_timing(timing);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    Fixture {
        base: format!("http://{addr}/sandbox"),
        http: wismo_carriers::adapters::client(Duration::from_secs(5)),
        clock,
        sandbox,
    }
}

impl Fixture {
    fn carrier(&self, slug: &str) -> Arc<dyn Carrier> {
        self.carrier_with(slug, "sandbox", Duration::from_secs(5))
    }

    fn carrier_with(&self, slug: &str, secret: &str, timeout: Duration) -> Arc<dyn Carrier> {
        let account = Account {
            base_url: format!("{}/{slug}", self.base),
            client_id: "sandbox".into(),
            secret: Secret::new(secret),
            timeout,
        };
        adapter(slug, account).unwrap()
    }

    async fn control(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let mut req = self.http.request(method, format!("{}/{path}", self.base));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.unwrap();
        assert!(res.status().is_success(), "{path}: {}", res.status());
        res.json().await.unwrap_or(serde_json::Value::Null)
    }

    async fn scenario(&self, number: &str, scenario: &str, age_hours: f64) {
        self.control(
            reqwest::Method::POST,
            "scenarios",
            Some(
                json!({ "tracking_number": number, "scenario": scenario, "age_hours": age_hours }),
            ),
        )
        .await;
    }

    async fn fault(&self, fault: serde_json::Value) {
        self.control(reqwest::Method::POST, "faults", Some(fault))
            .await;
    }

    async fn stats(&self) -> serde_json::Value {
        self.control(reqwest::Method::GET, "stats", None).await
    }
}

fn number_for(carrier: &str, n: u32) -> String {
    match carrier {
        "ups" => format!("1ZSBX{n:013}"),
        "fedex" => format!("7{n:011}"),
        "usps" => format!("9400{n:018}"),
        _ => format!("{n:010}"),
    }
}

fn progress(tracking: &Tracking) -> ShipmentProgress {
    let events: Vec<NewEvent> = tracking
        .events
        .iter()
        .cloned()
        .map(|e| e.into_new_event(EventSource::Poll))
        .collect();
    ShipmentProgress::fold(&events)
}

fn stages(tracking: &Tracking) -> Vec<Stage> {
    tracking.events.iter().map(|e| e.stage).collect()
}

#[tokio::test]
async fn every_journey_reads_the_same_through_every_carrier() {
    let f = start().await;
    // The last stage, and stages one of which must show along the way. A customs hold reads
    // as "action required" (duties to pay) or "exception" (held), depending on the carrier.
    let journeys: [(&str, Stage, &[Stage]); 8] = [
        ("normal", Stage::Delivered, &[]),
        ("delayed", Stage::Delivered, &[Stage::Delayed]),
        ("failed_attempt", Stage::Delivered, &[Stage::ActionRequired]),
        ("exception", Stage::Exception, &[]),
        ("returned", Stage::Returned, &[Stage::ActionRequired]),
        ("lost", Stage::InTransit, &[]),
        (
            "available_for_pickup",
            Stage::Delivered,
            &[Stage::AvailableForPickup],
        ),
        (
            "customs_hold",
            Stage::Delivered,
            &[Stage::ActionRequired, Stage::Exception],
        ),
    ];
    for carrier in LIVE_CARRIERS {
        let adapter = f.carrier(carrier);
        for (i, (scenario, last, along_the_way)) in journeys.iter().enumerate() {
            let number = number_for(carrier, 100 + i as u32);
            f.scenario(&number, scenario, 200.0).await;
            let tracking = adapter
                .track(&number)
                .await
                .unwrap_or_else(|e| panic!("{carrier} {scenario}: {e}"));
            let seen = stages(&tracking);
            assert_eq!(
                seen.first(),
                Some(&Stage::InfoReceived),
                "{carrier} {scenario}: {seen:?}"
            );
            assert_eq!(
                progress(&tracking).stage,
                *last,
                "{carrier} {scenario}: {seen:?}"
            );
            if !along_the_way.is_empty() {
                assert!(
                    along_the_way.iter().any(|s| seen.contains(s)),
                    "{carrier} {scenario} lacks {along_the_way:?}: {seen:?}"
                );
            }
            assert!(
                tracking
                    .events
                    .windows(2)
                    .all(|w| w[0].occurred_at <= w[1].occurred_at),
                "{carrier} {scenario}: oldest first"
            );
        }
    }
}

#[tokio::test]
async fn scans_keep_their_local_offsets_places_and_delivery_details() {
    let f = start().await;
    for carrier in LIVE_CARRIERS {
        let number = number_for(carrier, 7);
        f.scenario(&number, "normal", 100.0).await;
        let t = f.carrier(carrier).track(&number).await.unwrap();
        assert_eq!(t.events.len(), 8, "{carrier}");
        let first = &t.events[0];
        assert_eq!(
            first.occurred_at.offset().local_minus_utc(),
            -5 * 3600,
            "{carrier}: Louisville is UTC-5 in the sandbox"
        );
        assert!(first.offset_known, "{carrier}");
        assert!(
            first
                .location
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("louisville"),
            "{carrier}: {:?}",
            first.location
        );
        let last = t.events.last().unwrap();
        assert_eq!(
            last.occurred_at.offset().local_minus_utc(),
            -8 * 3600,
            "{carrier}"
        );
        assert_eq!(last.stage, Stage::Delivered, "{carrier}");
        let delivered_after = last.occurred_at - first.occurred_at;
        assert_eq!(delivered_after.num_hours(), 52, "{carrier}");
        assert_eq!(
            t.delivery.as_ref().and_then(|d| d.signed_by.as_deref()),
            Some("J DOE"),
            "{carrier}"
        );
        assert!(t.service.is_some(), "{carrier}");
    }
}

#[tokio::test]
async fn a_journey_in_progress_shows_only_what_happened_so_far_with_an_estimate() {
    let f = start().await;
    for carrier in LIVE_CARRIERS {
        let number = number_for(carrier, 8);
        f.scenario(&number, "normal", 7.0).await;
        let t = f.carrier(carrier).track(&number).await.unwrap();
        assert_eq!(
            stages(&t),
            [Stage::InfoReceived, Stage::InTransit],
            "{carrier}"
        );
        let eta = t
            .estimated_delivery
            .as_ref()
            .unwrap_or_else(|| panic!("{carrier} gave no estimate"));
        // Started 7 h ago, delivered 52 h after the start: 01:00 in Portland.
        let planned = Utc.with_ymd_and_hms(2026, 3, 4, 9, 0, 0).single().unwrap();
        assert_eq!(eta.date, planned.date_naive(), "{carrier}");
        // Every carrier says by when: an exact time, or a window around it (UPS). The
        // scheduler times its out-for-delivery poll by it.
        let until = eta
            .until
            .unwrap_or_else(|| panic!("{carrier} gave no time: {eta:?}"));
        if carrier == "ups" {
            let from = eta.from.unwrap();
            assert!(from <= planned && planned <= until, "{eta:?}");
        } else {
            assert_eq!(until, planned, "{carrier}");
        }
    }
}

#[tokio::test]
async fn unknown_numbers_are_not_found_and_bad_credentials_are_auth_errors() {
    let f = start().await;
    for carrier in LIVE_CARRIERS {
        let number = number_for(carrier, 9);
        f.scenario(&number, "not_found", 0.0).await;
        assert_eq!(
            f.carrier(carrier).track(&number).await,
            Err(CarrierError::NotFound),
            "{carrier}"
        );
        let wrong = f.carrier_with(carrier, "wrong-secret", Duration::from_secs(5));
        assert!(
            matches!(
                wrong.track(&number_for(carrier, 10)).await,
                Err(CarrierError::Auth(_))
            ),
            "{carrier}"
        );
    }
}

#[tokio::test]
async fn oauth_tokens_are_cached_and_refreshed_once_after_they_expire() {
    let f = start().await;
    for carrier in ["ups", "fedex", "usps"] {
        let adapter = f.carrier(carrier);
        for n in 0..3 {
            adapter.track(&number_for(carrier, 20 + n)).await.unwrap();
        }
        assert_eq!(
            f.stats().await["carriers"][carrier]["token_requests"],
            1,
            "{carrier}"
        );
        f.control(reqwest::Method::DELETE, "tokens", None).await;
        adapter.track(&number_for(carrier, 30)).await.unwrap();
        let stats = f.stats().await;
        assert_eq!(stats["carriers"][carrier]["token_requests"], 2, "{carrier}");
        assert_eq!(
            stats["carriers"][carrier]["requests"], 5,
            "{carrier}: 3 + the refused one + its retry"
        );
    }
}

#[tokio::test]
async fn injected_faults_are_classified_for_the_scheduler() {
    let f = start().await;
    for carrier in LIVE_CARRIERS {
        let adapter = f.carrier(carrier);
        let number = number_for(carrier, 40);
        f.fault(json!({ "carrier": carrier, "kind": "server_error" }))
            .await;
        assert!(
            matches!(
                adapter.track(&number).await,
                Err(CarrierError::Transient(_))
            ),
            "{carrier} 500"
        );
        f.fault(json!({ "carrier": carrier, "kind": "rate_limited", "retry_after": 7 }))
            .await;
        assert_eq!(
            adapter.track(&number).await,
            Err(CarrierError::RateLimited {
                retry_after: Some(Duration::from_secs(7))
            }),
            "{carrier} 429"
        );
        f.fault(json!({ "carrier": carrier, "kind": "malformed" }))
            .await;
        assert!(
            matches!(
                adapter.track(&number).await,
                Err(CarrierError::Malformed(_))
            ),
            "{carrier} malformed"
        );
        let impatient = f.carrier_with(carrier, "sandbox", Duration::from_millis(300));
        f.fault(json!({ "carrier": carrier, "kind": "slow", "delay_ms": 1500 }))
            .await;
        assert!(
            matches!(
                impatient.track(&number).await,
                Err(CarrierError::Transient(_))
            ),
            "{carrier} timeout"
        );
        assert!(adapter.track(&number).await.is_ok(), "{carrier} recovers");
    }
}

#[tokio::test]
async fn fedex_tracks_up_to_thirty_numbers_per_call() {
    let f = start().await;
    let numbers: Vec<String> = (0..35).map(|n| number_for("fedex", 500 + n)).collect();
    f.scenario(&numbers[3], "not_found", 0.0).await;
    let results = f.carrier("fedex").track_many(&numbers).await;
    assert_eq!(results.len(), 35);
    assert_eq!(results[3].1, Err(CarrierError::NotFound));
    assert_eq!(results.iter().filter(|(_, r)| r.is_ok()).count(), 34);
    assert_eq!(f.stats().await["carriers"]["fedex"]["requests"], 2);
}

#[tokio::test]
async fn timing_is_realistic_by_default_and_set_by_its_endpoint() {
    let f = start_with(Timing::default()).await;
    let timing =
        |body: serde_json::Value| f.http.post(format!("{}/timing", f.base)).json(&body).send();
    assert_eq!(
        f.control(reqwest::Method::GET, "timing", None).await,
        json!({ "timing": "realistic" })
    );
    for bad in [
        json!({ "timing": "sometimes" }),
        json!({}),
        json!({ "timing": "realistic", "x": 1 }),
    ] {
        let res = timing(bad.clone()).await.unwrap();
        assert_eq!(
            res.status(),
            reqwest::StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}"
        );
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["error"].is_string(), "{bad}: {body}");
    }
    let set = timing(json!({ "timing": "around_the_clock" }))
        .await
        .unwrap();
    assert!(set.status().is_success());
    assert_eq!(
        set.json::<serde_json::Value>().await.unwrap(),
        json!({ "timing": "around_the_clock" })
    );
    assert_eq!(f.sandbox.timing(), Timing::AroundTheClock);
    assert_eq!(
        f.control(reqwest::Method::GET, "timing", None).await,
        json!({ "timing": "around_the_clock" })
    );
}

#[tokio::test]
async fn realistic_deliveries_read_in_the_carriers_hours_with_their_estimates() {
    let f = start_with(Timing::Realistic).await;
    for carrier in LIVE_CARRIERS {
        let hours = DeliveryHours::for_carrier(carrier);
        let adapter = f.carrier(carrier);
        // Started on a Monday evening in Portland, scripted out for delivery on Wednesday at
        // 17:00: delivered on Thursday, in the carrier's hours.
        let number = number_for(carrier, 300);
        let started = Utc.with_ymd_and_hms(2026, 2, 24, 3, 0, 0).single().unwrap();
        f.control(
            reqwest::Method::POST,
            "scenarios",
            Some(json!({ "tracking_number": number, "scenario": "normal", "started_at": started })),
        )
        .await;
        let t = adapter.track(&number).await.unwrap();
        let last = t.events.last().unwrap();
        assert_eq!(last.stage, Stage::Delivered, "{carrier}");
        let local = last.occurred_at;
        assert_eq!(
            local.date_naive().to_string(),
            "2026-02-26",
            "{carrier}: {local}"
        );
        assert!(
            hours.deliveries.0 <= local.time() && local.time() <= hours.deliveries.1,
            "{carrier}: {local}"
        );

        // Out for delivery now: the estimate says that day, in a window for UPS and FedEx.
        let number = number_for(carrier, 301);
        let now = f.sandbox.now();
        let journey = Scenario::Normal.journey(&number, carrier, started, Timing::Realistic);
        let out = journey[6].time(started);
        let delivered = journey[7].time(started);
        f.control(
            reqwest::Method::POST,
            "scenarios",
            Some(json!({ "tracking_number": number, "scenario": "normal", "started_at": started })),
        )
        .await;
        f.clock
            .set(out.with_timezone(&Utc) + chrono::Duration::minutes(1));
        let t = adapter.track(&number).await.unwrap();
        f.clock.set(now);
        assert_eq!(
            t.events.last().unwrap().stage,
            Stage::OutForDelivery,
            "{carrier}"
        );
        let eta = t.estimated_delivery.unwrap();
        assert_eq!(eta.date, delivered.date_naive(), "{carrier}");
        let until = eta.until.unwrap();
        assert!(delivered <= until, "{carrier}: {eta:?} for {delivered}");
        match carrier {
            "ups" => {
                let from = eta.from.unwrap();
                assert_eq!(until - from, chrono::Duration::hours(4), "{carrier}");
                assert!(from <= delivered, "{carrier}: {eta:?} for {delivered}");
            }
            "fedex" => assert!(
                until - delivered <= chrono::Duration::minutes(210),
                "{eta:?}"
            ),
            _ => assert_eq!(until.time(), hours.deliveries.1, "{carrier}: {eta:?}"),
        }
    }
}

#[tokio::test]
async fn the_sandboxs_ups_journeys_carry_the_facts_of_their_problem_states() {
    let f = start().await;
    let ups = f.carrier("ups");

    let number = number_for("ups", 300);
    f.scenario(&number, "available_for_pickup", 50.0).await;
    let t = ups.track(&number).await.unwrap();
    let waiting = t.events.last().unwrap();
    assert_eq!(waiting.stage, Stage::AvailableForPickup);
    let hold_until = t.facts.pickup.as_ref().and_then(|p| p.hold_until);
    assert_eq!(
        hold_until,
        Some(waiting.occurred_at.date_naive() + chrono::Days::new(7)),
        "{:?}",
        t.facts
    );

    let number = number_for("ups", 301);
    f.scenario(&number, "customs_hold", 40.0).await;
    let t = ups.track(&number).await.unwrap();
    let due = t.facts.amount_due.as_ref().expect("duties due");
    assert_eq!(
        (due.amount.as_str(), due.currency.as_str()),
        ("18.40", "USD")
    );

    let number = number_for("ups", 302);
    f.scenario(&number, "failed_attempt", 55.0).await;
    let t = ups.track(&number).await.unwrap();
    assert_eq!(
        t.events.last().unwrap().substatus,
        Some(wismo_domain::Substatus::FailedAttempt)
    );
    let next = t.facts.next_attempt.expect("the next attempt");
    assert_eq!(Some(next), t.estimated_delivery.as_ref().map(|e| e.date));

    // Once delivered, none of those: where it was left and who signed come instead.
    f.scenario(&number, "failed_attempt", 200.0).await;
    let update = ups
        .track(&number)
        .await
        .unwrap()
        .into_update(EventSource::Poll);
    assert_eq!(update.facts.next_attempt, None);
    assert_eq!(update.facts.left_at.as_deref(), Some("Front Door"));
    assert_eq!(update.facts.signed_by.as_deref(), Some("J DOE"));
}
