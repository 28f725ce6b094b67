//! The journeys' tests: the digit rule, the script and its estimates played around the clock,
//! and realistic timing keeping each carrier's hours and days.

#![allow(clippy::unwrap_used)]

use super::*;
use chrono::{Datelike as _, Timelike as _};

#[test]
fn the_digit_rule_picks_every_journey_and_is_documented_correctly() {
    assert_eq!(Scenario::for_number("1Z999AA10123456784"), Scenario::Lost);
    assert_eq!(Scenario::for_number("0000000000"), Scenario::Normal);
    assert_eq!(Scenario::for_number("1000000000"), Scenario::Delayed);
    for (i, s) in Scenario::PLAYED.iter().enumerate() {
        assert_eq!(Scenario::for_number(&i.to_string()), *s);
    }
}

const CARRIERS: [&str; 4] = ["ups", "fedex", "usps", "dhl"];

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    use chrono::TimeZone as _;
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap()
}

/// The scripted hours and steps, as played before realistic timing existed.
fn script(s: Scenario) -> Vec<(f64, Step)> {
    use Step::*;
    let start = [
        (0.0, LabelCreated),
        (6.0, PickedUp),
        (10.0, Departed),
        (22.0, Arrived),
    ];
    let rest: &[(f64, Step)] = match s {
        Scenario::Normal => &[
            (28.0, Departed),
            (40.0, Arrived),
            (46.0, OutForDelivery),
            (52.0, Delivered),
        ],
        Scenario::Delayed => &[
            (30.0, Delayed),
            (60.0, Departed),
            (72.0, Arrived),
            (78.0, OutForDelivery),
            (84.0, Delivered),
        ],
        Scenario::FailedAttempt => &[
            (28.0, Departed),
            (40.0, Arrived),
            (46.0, OutForDelivery),
            (50.0, FailedAttempt),
            (70.0, OutForDelivery),
            (74.0, Delivered),
        ],
        Scenario::Exception => &[(34.0, Damaged)],
        Scenario::Returned => &[
            (28.0, Departed),
            (40.0, Arrived),
            (46.0, OutForDelivery),
            (50.0, FailedAttempt),
            (70.0, OutForDelivery),
            (74.0, FailedAttempt),
            (96.0, ReturnToSender),
        ],
        Scenario::Lost => &[],
        Scenario::AvailableForPickup => &[
            (28.0, Departed),
            (40.0, Arrived),
            (46.0, AvailableForPickup),
            (96.0, PickedUpByCustomer),
        ],
        Scenario::CustomsHold => {
            return vec![
                (0.0, LabelCreated),
                (8.0, PickedUp),
                (12.0, Departed),
                (30.0, Arrived),
                (32.0, CustomsHold),
                (60.0, CustomsCleared),
                (62.0, Departed),
                (74.0, Arrived),
                (80.0, OutForDelivery),
                (86.0, Delivered),
            ];
        }
        Scenario::NotFound => return Vec::new(),
    };
    [start.as_slice(), rest].concat()
}

/// The estimate as computed before realistic timing existed, kept as the oracle.
fn old_estimate(s: Scenario, started: DateTime<Utc>, visible: &[Scan]) -> Option<DateTime<Utc>> {
    let last = visible.last()?;
    if matches!(
        last.step,
        Step::Damaged | Step::ReturnToSender | Step::Delivered | Step::PickedUpByCustomer
    ) || (s == Scenario::Lost && visible.len() == s.scans().len())
    {
        return None;
    }
    let planned = match s {
        Scenario::Delayed if visible.iter().any(|s| s.step == Step::Delayed) => 84.0,
        Scenario::FailedAttempt | Scenario::Returned
            if visible.iter().any(|s| s.step == Step::FailedAttempt) =>
        {
            74.0
        }
        Scenario::CustomsHold => 86.0,
        _ => 52.0,
    };
    Some(started + Duration::seconds((planned * 3600.0) as i64))
}

fn all_scenarios() -> impl Iterator<Item = Scenario> {
    Scenario::PLAYED.into_iter().chain([Scenario::NotFound])
}

#[test]
fn around_the_clock_plays_the_script_and_its_estimates_exactly() {
    let base = utc(2026, 3, 7, 23, 59) + Duration::milliseconds(250);
    for carrier in CARRIERS {
        for s in all_scenarios() {
            for i in 0..30 {
                let number = format!("1ZSBX{i:013}");
                let started = base + Duration::minutes(97 * i);
                let scans = s.journey(&number, carrier, started, Timing::AroundTheClock);
                assert_eq!(scans, s.scans(), "{carrier} {s:?}");
                let steps: Vec<_> = scans.iter().map(|x| (x.hours, x.step)).collect();
                assert_eq!(steps, script(s), "{s:?}");
                for (scan, (h, _)) in scans.iter().zip(script(s)) {
                    let old = started + Duration::seconds((h * 3600.0) as i64);
                    assert_eq!(scan.time(started), old, "{s:?}");
                }
                for k in 0..=scans.len() {
                    let visible = &scans[..k];
                    let old = old_estimate(s, started, visible);
                    assert_eq!(s.estimate(started, visible), old, "{s:?} {k}");
                    assert_eq!(
                        s.estimate_for(&number, carrier, started, Timing::AroundTheClock, visible),
                        old.map(|until| Estimate { until, from: None }),
                        "{carrier} {s:?} {k}"
                    );
                }
            }
        }
    }
    // The planned delivery of a normal journey: 52 hours after the start.
    let started = utc(2026, 3, 2, 5, 0);
    let normal = Scenario::Normal.scans();
    assert_eq!(
        Scenario::Normal.estimate(started, &normal[..2]),
        Some(utc(2026, 3, 4, 9, 0))
    );
}

fn is_last_mile(step: Step) -> bool {
    matches!(
        step,
        Step::OutForDelivery
            | Step::Delivered
            | Step::FailedAttempt
            | Step::AvailableForPickup
            | Step::PickedUpByCustomer
    )
}

#[test]
fn realistic_last_miles_keep_each_carriers_hours_and_days() {
    // 500 starts 17 minutes apart from a Thursday evening: every weekday and hour.
    let base = utc(2026, 3, 5, 18, 3) + Duration::milliseconds(731);
    let pickup = &PICKUP_POINT;
    for carrier in CARRIERS {
        let hours_of = DeliveryHours::for_carrier(carrier);
        assert_eq!(hours_of.carrier, carrier);
        for s in Scenario::PLAYED {
            let script = s.scans();
            for i in 0..500 {
                let number = format!("SBX{carrier}{i:07}");
                let started = base + Duration::minutes(17 * i) + Duration::nanoseconds(i * 7919);
                let scans = s.journey(&number, carrier, started, Timing::Realistic);
                let ctx = format!("{carrier} {s:?} {number} from {started}");
                assert_eq!(
                    scans,
                    s.journey(&number, carrier, started, Timing::Realistic),
                    "{ctx}: deterministic"
                );
                assert_eq!(scans.len(), script.len(), "{ctx}");
                let times: Vec<_> = scans.iter().map(|x| x.time(started)).collect();
                for (j, (scan, at)) in scans.iter().zip(&times).enumerate() {
                    assert_eq!(
                        (scan.step, scan.place),
                        (script[j].step, script[j].place),
                        "{ctx}"
                    );
                    let local = at.naive_local();
                    let (day, time) = (local.date(), local.time());
                    let ctx = format!("{ctx}: {:?} at {at}", scan.step);
                    if j > 0 {
                        let gap = Duration::seconds(
                            ((script[j].hours - script[j - 1].hours) * 3600.0) as i64,
                        );
                        assert!(*at > times[j - 1], "{ctx}: after the scan before");
                        if is_last_mile(scan.step) {
                            if scan.step != Step::Delivered && scan.step != Step::FailedAttempt {
                                assert!(*at >= times[j - 1] + gap, "{ctx}: not before scripted");
                            }
                        } else {
                            assert_eq!(*at - times[j - 1], gap, "{ctx}: the scripted gap");
                        }
                    } else {
                        assert_eq!(at.with_timezone(&Utc), started, "{ctx}");
                    }
                    match scan.step {
                        Step::OutForDelivery => {
                            assert!(hours_of.delivers_on(day), "{ctx}");
                            assert!(within(time, hours_of.out_for_delivery), "{ctx}");
                        }
                        Step::Delivered | Step::FailedAttempt => {
                            assert!(hours_of.delivers_on(day), "{ctx}");
                            assert!(within(time, hours_of.deliveries), "{ctx}");
                            assert_eq!(scans[j - 1].step, Step::OutForDelivery, "{ctx}");
                            let ofd = times[j - 1];
                            assert_eq!(ofd.naive_local().date(), day, "{ctx}: the day it went out");
                            assert!(*at >= ofd + AFTER_OUT_FOR_DELIVERY, "{ctx}");
                            let route = hours_of.route_centre;
                            assert!(
                                time >= route - ROUTE_SPREAD && time <= route + ROUTE_SPREAD,
                                "{ctx}: around the route centre"
                            );
                        }
                        Step::AvailableForPickup => {
                            assert!(hours_of.delivers_on(day), "{ctx}");
                            assert!(within(time, hours_of.deliveries), "{ctx}");
                        }
                        Step::PickedUpByCustomer => {
                            assert!(pickup.open_on(day), "{ctx}");
                            assert!(within(time, pickup.open), "{ctx}");
                            assert!(
                                time >= pickup.centre - pickup.spread
                                    && time <= pickup.centre + pickup.spread,
                                "{ctx}"
                            );
                        }
                        _ => {}
                    }
                    if matches!(
                        scan.step,
                        Step::Delivered | Step::FailedAttempt | Step::PickedUpByCustomer
                    ) {
                        assert_eq!(
                            (time.second(), time.nanosecond()),
                            (0, 0),
                            "{ctx}: whole minutes"
                        );
                    }
                }
                check_estimates(s, &number, carrier, started, &scans, &ctx);
            }
        }
    }
}

fn check_estimates(
    s: Scenario,
    number: &str,
    carrier: &str,
    started: DateTime<Utc>,
    scans: &[Scan],
    ctx: &str,
) {
    let hours_of = DeliveryHours::for_carrier(carrier);
    for k in 1..=scans.len() {
        let visible = &scans[..k];
        let estimate = s.estimate_for(number, carrier, started, Timing::Realistic, visible);
        let ctx = format!("{ctx}, {k} visible: {estimate:?}");
        let old = s.estimate(started, &s.scans()[..k]);
        assert_eq!(
            estimate.is_some(),
            old.is_some(),
            "{ctx}: as around the clock"
        );
        let Some(Estimate { until, from }) = estimate else {
            continue;
        };
        let from = from.unwrap();
        let offset = FixedOffset::west_opt(8 * 3600).unwrap();
        let (from_local, until_local) = (from.with_timezone(&offset), until.with_timezone(&offset));
        assert_eq!(from_local.date_naive(), until_local.date_naive(), "{ctx}");
        assert!(hours_of.delivers_on(until_local.date_naive()), "{ctx}");
        assert!(
            within(from_local.time(), hours_of.deliveries)
                && within(until_local.time(), hours_of.deliveries),
            "{ctx}"
        );
        let out = visible[k - 1].step == Step::OutForDelivery;
        if out && hours_of.window_once_out {
            assert_eq!(until - from, WINDOW, "{ctx}");
        } else {
            assert_eq!(
                (from_local.time(), until_local.time()),
                hours_of.deliveries,
                "{ctx}"
            );
        }
        if out {
            // Out for delivery: the estimate contains the delivery (or the attempt).
            let next = scans[k].time(started);
            assert!(from <= next && next <= until, "{ctx}: contains {next}");
        } else if let Some(next) = scans[k..]
            .iter()
            .find(|x| matches!(x.step, Step::Delivered | Step::FailedAttempt))
            && (s != Scenario::Delayed || visible.iter().any(|x| x.step == Step::Delayed))
        {
            // The planned delivery's day, revised after a delay or a failed attempt.
            let next = next.time(started);
            assert_eq!(
                until_local.date_naive(),
                next.date_naive(),
                "{ctx}: the day of {next}"
            );
        }
    }
}

#[test]
fn realistic_journeys_move_weekend_deliveries_to_the_next_delivery_day() {
    // A start on Thursday 2026-03-05 at 08:00 in Portland scripts the out-for-delivery
    // scan on Saturday at 06:00: UPS and DHL wait for Monday, FedEx and USPS go that day.
    let started = utc(2026, 3, 5, 16, 0);
    for (carrier, day) in [("ups", 9), ("dhl", 9), ("fedex", 7), ("usps", 7)] {
        let scans = Scenario::Normal.journey("1ZWEEKEND", carrier, started, Timing::Realistic);
        let delivered = scans.last().unwrap().time(started);
        assert_eq!(delivered.day(), day, "{carrier}: {delivered}");
        assert_eq!(delivered.offset().local_minus_utc(), -8 * 3600);
    }
}

#[test]
fn the_parcels_draws_come_from_fnv1a_of_its_number() {
    assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
    let draws: Vec<_> = (0..2000).map(|i| Draws::of(&format!("N{i}"))).collect();
    for d in &draws {
        assert!((0.0..1.0).contains(&d.ofd) && (0.0..1.0).contains(&d.window));
        assert!((-1.0..1.0).contains(&d.route) && (-1.0..1.0).contains(&d.collect));
        assert!(d.lead() >= Duration::minutes(30) && d.lead() <= Duration::minutes(210));
    }
    // Triangular: most routes near the centre.
    let near = draws.iter().filter(|d| d.route.abs() < 0.5).count();
    assert!(near > 1400 && near < 1600, "{near}");
    // Consecutive numbers draw apart.
    let close = draws
        .windows(2)
        .filter(|w| (w[0].ofd - w[1].ofd).abs() < 0.01)
        .count();
    assert!(close < 60, "{close}");
    assert_eq!(
        Draws::of("1Z999AA10123456784").ofd,
        Draws::of("1Z999AA10123456784").ofd
    );
}

#[test]
fn timing_is_realistic_by_default_in_snake_case() {
    assert_eq!(Timing::default(), Timing::Realistic);
    assert_eq!(
        serde_json::to_string(&Timing::AroundTheClock).unwrap(),
        "\"around_the_clock\""
    );
    assert_eq!(
        serde_json::from_str::<Timing>("\"realistic\"").unwrap(),
        Timing::Realistic
    );
    assert_eq!(DeliveryHours::for_carrier("fedex").route_centre, hm(13, 0));
    assert_eq!(DeliveryHours::for_carrier("other"), &UPS_HOURS);
}

#[test]
fn every_journey_starts_with_a_label_and_runs_forward_in_time() {
    for s in Scenario::PLAYED {
        let scans = s.scans();
        assert_eq!(scans[0].step, Step::LabelCreated, "{s:?}");
        assert!(scans.windows(2).all(|w| w[0].hours < w[1].hours), "{s:?}");
    }
}
