//! When to ask the carrier next: the polling policy, as a pure function of a shipment's
//! state, the last poll's outcome and the clock.
//!
//! The policy spends calls where news is expected and saves them elsewhere:
//!
//! - Every active stage has a band of intervals ([`band`]): label created 6–12 h, in
//!   transit 2–6 h, out for delivery 20–45 min, waiting at a pickup point 12–24 h,
//!   terminal stages never. The exact interval
//!   is drawn inside the band (jitter), so shipments registered together spread out.
//! - With the carrier's delivery estimate, a parcel in transit sleeps until shortly after
//!   it is expected to go out for delivery (the estimate minus the carrier's usual lead,
//!   learned from the store's history), at most a day at a time, and then is watched every
//!   half hour for three hours. Out for delivery, it is asked again shortly after the
//!   estimated delivery.
//! - Failures back off exponentially (5 min doubling, at most 6 h), never sooner than the
//!   carrier's Retry-After. A number the carrier does not know yet is asked hourly on its
//!   first day, then less and less often.
//! - A shipment that has been quiet for long is asked less often: never more often than a
//!   quarter of its quiet time (a parcel stuck in an exception for four days is asked
//!   daily), except out for delivery.
//! - Shipments fed by push webhooks are polled once a day, as a safety net.
//! - Nothing waits longer than [`MAX_INTERVAL`] between polls while it is active.

use chrono::{DateTime, Duration, Utc};

use crate::Stage;

/// The longest an active shipment goes without a poll.
pub const MAX_INTERVAL: Duration = Duration::hours(24);
/// How long after the expected moment a poll is made, so the carrier's scan is out.
pub const GRACE: Duration = Duration::minutes(10);
/// The interval while a parcel is expected to go out for delivery any moment.
pub const WATCH: (Duration, Duration) = (Duration::minutes(30), Duration::minutes(40));
/// How long past the expected moment a parcel is watched before the regular band again.
pub const WATCH_FOR: Duration = Duration::hours(3);
/// How a shipment fed by push webhooks is polled: once a day, as a safety net.
pub const PUSH_SAFETY_NET: (Duration, Duration) = (Duration::hours(22), Duration::hours(26));

/// The interval band of a stage, or `None` for stages that are never polled.
pub fn band(stage: Stage) -> Option<(Duration, Duration)> {
    let (min, max) = match stage {
        Stage::Ordered | Stage::Pending => (Duration::hours(1), Duration::hours(3)),
        Stage::InfoReceived => (Duration::hours(6), Duration::hours(12)),
        // Waiting for the customer to collect it: they know before the carrier says.
        Stage::AvailableForPickup => (Duration::hours(12), Duration::hours(24)),
        Stage::InTransit | Stage::Delayed => (Duration::hours(2), Duration::hours(6)),
        Stage::OutForDelivery => (Duration::minutes(20), Duration::minutes(45)),
        Stage::ActionRequired => (Duration::hours(2), Duration::hours(4)),
        Stage::Exception => (Duration::hours(4), Duration::hours(8)),
        Stage::Delivered | Stage::Returned | Stage::Expired | Stage::Cancelled => return None,
    };
    Some((min, max))
}

/// What the last poll of a shipment found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollOutcome {
    /// The carrier answered with the shipment's data.
    Tracked,
    /// The carrier does not know the number (yet).
    NotFound,
    /// The call failed; `retry_after` when the carrier said when to come back.
    Failed { retry_after: Option<Duration> },
}

/// What the policy looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollFacts {
    /// The stage as customers see it (after delay detection).
    pub stage: Stage,
    /// The carrier's estimated delivery (the end of its window when it gave one).
    pub carrier_estimate: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The newest event's time.
    pub last_event_at: Option<DateTime<Utc>>,
    /// Whether a push webhook has updated the shipment.
    pub push_fed: bool,
    /// Failed polls in a row, the last one included.
    pub failures: u32,
}

/// What the scheduler has learned about a carrier from the store's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarrierHabits {
    /// How long before its delivery estimate the carrier usually scans a parcel out for
    /// delivery (the median over recent deliveries).
    pub out_for_delivery_lead: Duration,
}

impl Default for CarrierHabits {
    /// Before any history: out for delivery eight hours before the estimate (a morning
    /// scan for a parcel promised by the end of the afternoon).
    fn default() -> Self {
        Self {
            out_for_delivery_lead: Duration::hours(8),
        }
    }
}

/// When to poll next, or `None` when the shipment is not polled any more.
///
/// `jitter` is a number in `[0, 1)` (from the caller's random source) that picks the
/// interval inside its band.
pub fn next_poll(
    facts: &PollFacts,
    outcome: PollOutcome,
    habits: &CarrierHabits,
    now: DateTime<Utc>,
    jitter: f64,
) -> Option<DateTime<Utc>> {
    let band = band(facts.stage)?;
    let jitter = jitter.clamp(0.0, 1.0);
    let wait = match outcome {
        PollOutcome::Failed { retry_after } => {
            backoff(facts.failures, jitter).max(retry_after.unwrap_or(Duration::zero()))
        }
        PollOutcome::NotFound => not_found_wait(facts, now, jitter),
        PollOutcome::Tracked if facts.push_fed => within(PUSH_SAFETY_NET, jitter),
        PollOutcome::Tracked => tracked_wait(facts, band, habits, now, jitter),
    };
    Some(now + wait.clamp(Duration::minutes(1), MAX_INTERVAL))
}

/// 5 minutes, doubling with each failure in a row, at most 6 hours; ±20 % jitter.
pub fn backoff(failures: u32, jitter: f64) -> Duration {
    let base = Duration::minutes(5) * 2i32.pow(failures.saturating_sub(1).min(7));
    let capped = base.min(Duration::hours(6));
    scale(capped, 0.8 + 0.4 * jitter)
}

fn not_found_wait(facts: &PollFacts, now: DateTime<Utc>, jitter: f64) -> Duration {
    // Carriers often learn a number hours after the label is printed: ask hourly on the
    // first day, then back off like a failure.
    if now - facts.created_at < Duration::hours(24) {
        within((Duration::minutes(50), Duration::minutes(70)), jitter)
    } else {
        backoff(facts.failures, jitter).max(Duration::hours(3))
    }
}

fn tracked_wait(
    facts: &PollFacts,
    band: (Duration, Duration),
    habits: &CarrierHabits,
    now: DateTime<Utc>,
    jitter: f64,
) -> Duration {
    let quiet = facts
        .last_event_at
        .map_or(Duration::zero(), |last| (now - last).max(Duration::zero()));
    let regular = if facts.stage == Stage::OutForDelivery {
        within(band, jitter)
    } else {
        within(band, jitter).max(quiet / 4)
    };
    let Some(estimate) = facts.carrier_estimate else {
        return regular;
    };
    match facts.stage {
        // A carrier delay or a failed attempt with a new estimate is waited out like a
        // parcel in transit, but only a parcel in transit is watched.
        Stage::InTransit | Stage::Delayed | Stage::ActionRequired => {
            let expected_out = estimate - habits.out_for_delivery_lead;
            if expected_out + GRACE > now {
                // Sleep until just after the parcel should be out for delivery.
                expected_out + GRACE - now
            } else if facts.stage == Stage::InTransit && now < expected_out + WATCH_FOR {
                // It should be out any moment: watch it for a while.
                within(WATCH, jitter)
            } else {
                regular
            }
        }
        // Out for delivery: asked again just after the estimate (a driver's round is a
        // working day at most).
        Stage::OutForDelivery if estimate + GRACE - now > band.0 => {
            (estimate + GRACE - now).min(Duration::hours(8))
        }
        _ => regular,
    }
}

/// A duration inside `band`, at `jitter` between its ends.
fn within((min, max): (Duration, Duration), jitter: f64) -> Duration {
    min + scale(max - min, jitter)
}

fn scale(d: Duration, by: f64) -> Duration {
    Duration::milliseconds((d.num_milliseconds() as f64 * by) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn facts(stage: Stage) -> PollFacts {
        PollFacts {
            stage,
            carrier_estimate: None,
            created_at: t0(),
            last_event_at: None,
            push_fed: false,
            failures: 0,
        }
    }

    fn wait(facts: &PollFacts, outcome: PollOutcome, now: DateTime<Utc>, jitter: f64) -> Duration {
        next_poll(facts, outcome, &CarrierHabits::default(), now, jitter)
            .map(|at| at - now)
            .unwrap_or(Duration::MAX)
    }

    #[test]
    fn terminal_stages_are_never_polled() {
        for stage in [
            Stage::Delivered,
            Stage::Returned,
            Stage::Expired,
            Stage::Cancelled,
        ] {
            let next = next_poll(
                &facts(stage),
                PollOutcome::Tracked,
                &CarrierHabits::default(),
                t0(),
                0.5,
            );
            assert_eq!(next, None, "{stage:?}");
        }
    }

    #[test]
    fn each_stage_waits_inside_its_band() {
        for stage in Stage::ALL {
            let Some((min, max)) = band(stage) else {
                continue;
            };
            for jitter in [0.0, 0.3, 0.999] {
                let w = wait(&facts(stage), PollOutcome::Tracked, t0(), jitter);
                assert!(w >= min && w <= max, "{stage:?} {jitter}: {w}");
            }
        }
        let out = wait(
            &facts(Stage::OutForDelivery),
            PollOutcome::Tracked,
            t0(),
            0.5,
        );
        assert!(out <= Duration::minutes(45));
        let label = wait(&facts(Stage::InfoReceived), PollOutcome::Tracked, t0(), 0.5);
        assert!(label >= Duration::hours(6));
    }

    #[test]
    fn in_transit_sleeps_until_the_parcel_should_be_out_for_delivery() {
        let mut f = facts(Stage::InTransit);
        f.carrier_estimate = Some(t0() + Duration::hours(40));
        let habits = CarrierHabits {
            out_for_delivery_lead: Duration::hours(6),
        };
        let next = next_poll(&f, PollOutcome::Tracked, &habits, t0(), 0.5);
        // 34 h away: first a day, then the rest.
        assert_eq!(next, Some(t0() + Duration::hours(24)));
        let later = t0() + Duration::hours(24);
        let next = next_poll(&f, PollOutcome::Tracked, &habits, later, 0.5);
        assert_eq!(next, Some(t0() + Duration::hours(34) + GRACE));
        // Past the expected moment and still in transit: watched every half hour or so,
        // for a few hours.
        let late = t0() + Duration::hours(35);
        let w = next_poll(&f, PollOutcome::Tracked, &habits, late, 0.5).map(|n| n - late);
        assert!(w.is_some_and(|w| w >= WATCH.0 && w <= WATCH.1), "{w:?}");
        // Then back to the regular band.
        let stale = t0() + Duration::hours(34) + WATCH_FOR + Duration::minutes(1);
        let w = next_poll(&f, PollOutcome::Tracked, &habits, stale, 0.0).map(|n| n - stale);
        assert_eq!(w, Some(Duration::hours(2)));
    }

    #[test]
    fn out_for_delivery_is_asked_again_just_after_the_estimate() {
        let mut f = facts(Stage::OutForDelivery);
        f.carrier_estimate = Some(t0() + Duration::hours(3));
        assert_eq!(
            wait(&f, PollOutcome::Tracked, t0(), 0.5),
            Duration::hours(3) + GRACE
        );
        f.carrier_estimate = Some(t0() + Duration::hours(12));
        assert_eq!(
            wait(&f, PollOutcome::Tracked, t0(), 0.5),
            Duration::hours(8)
        );
        // Estimate passed: every 20 to 45 minutes.
        f.carrier_estimate = Some(t0() - Duration::hours(1));
        assert!(wait(&f, PollOutcome::Tracked, t0(), 0.5) <= Duration::minutes(45));
    }

    #[test]
    fn failures_back_off_and_honour_retry_after() {
        let mut f = facts(Stage::InTransit);
        let mut last = Duration::zero();
        for failures in 1..=6 {
            f.failures = failures;
            let w = wait(&f, PollOutcome::Failed { retry_after: None }, t0(), 0.5);
            assert!(w > last, "{failures}: {w} after {last}");
            last = w;
        }
        f.failures = 30;
        assert!(
            wait(&f, PollOutcome::Failed { retry_after: None }, t0(), 0.999) <= Duration::hours(8)
        );
        f.failures = 1;
        let told = Duration::minutes(90);
        let w = wait(
            &f,
            PollOutcome::Failed {
                retry_after: Some(told),
            },
            t0(),
            0.5,
        );
        assert_eq!(w, told);
    }

    #[test]
    fn unknown_numbers_are_asked_hourly_on_their_first_day_then_less() {
        let mut f = facts(Stage::Pending);
        let w = wait(&f, PollOutcome::NotFound, t0() + Duration::hours(2), 0.5);
        assert_eq!(w, Duration::hours(1));
        f.failures = 5;
        let w = wait(&f, PollOutcome::NotFound, t0() + Duration::hours(30), 0.5);
        assert!(w >= Duration::hours(3), "{w}");
    }

    #[test]
    fn a_long_quiet_shipment_is_asked_less_often() {
        let mut f = facts(Stage::Exception);
        f.last_event_at = Some(t0() - Duration::hours(2));
        assert_eq!(
            wait(&f, PollOutcome::Tracked, t0(), 0.0),
            Duration::hours(4)
        );
        f.last_event_at = Some(t0() - Duration::days(2));
        assert_eq!(
            wait(&f, PollOutcome::Tracked, t0(), 0.0),
            Duration::hours(12)
        );
        f.last_event_at = Some(t0() - Duration::days(9));
        assert_eq!(wait(&f, PollOutcome::Tracked, t0(), 0.0), MAX_INTERVAL);
        // Out for delivery stays watched, however long the day.
        let mut out = facts(Stage::OutForDelivery);
        out.last_event_at = Some(t0() - Duration::hours(10));
        assert!(wait(&out, PollOutcome::Tracked, t0(), 0.0) <= Duration::minutes(45));
    }

    #[test]
    fn push_fed_shipments_are_polled_daily_as_a_safety_net() {
        let mut f = facts(Stage::OutForDelivery);
        f.push_fed = true;
        let w = wait(&f, PollOutcome::Tracked, t0(), 0.0);
        assert_eq!(w, Duration::hours(22));
    }

    proptest! {
        #[test]
        fn active_shipments_are_polled_within_a_day_and_never_in_the_past(
            stage in proptest::sample::select(Stage::ALL.to_vec()),
            estimate_hours in proptest::option::of(-100i64..200),
            failures in 0u32..40,
            retry in proptest::option::of(0i64..200_000),
            outcome in 0u8..3,
            push_fed: bool,
            jitter in 0.0f64..1.0,
            lead_hours in 0i64..48,
        ) {
            let f = PollFacts {
                stage,
                carrier_estimate: estimate_hours.map(|h| t0() + Duration::hours(h)),
                created_at: t0() - Duration::hours(5),
                last_event_at: Some(t0() - Duration::hours(40)),
                push_fed,
                failures,
            };
            let outcome = match outcome {
                0 => PollOutcome::Tracked,
                1 => PollOutcome::NotFound,
                _ => PollOutcome::Failed { retry_after: retry.map(Duration::seconds) },
            };
            let habits = CarrierHabits { out_for_delivery_lead: Duration::hours(lead_hours) };
            let next = next_poll(&f, outcome, &habits, t0(), jitter);
            prop_assert_eq!(next.is_none(), stage.is_terminal());
            if let Some(next) = next {
                prop_assert!(next > t0());
                prop_assert!(next - t0() <= MAX_INTERVAL);
            }
        }
    }
}
