//! When to ask the carrier next: the polling policy, as a pure function of a shipment's
//! state, the last poll's outcome, what the store's history taught and the clock.
//!
//! The policy spends calls where news is expected and saves them elsewhere:
//!
//! - Every active stage has a band of intervals ([`band`]): label created 6–12 h, in
//!   transit 2–6 h, out for delivery 20–45 min, waiting at a pickup point 12–24 h,
//!   terminal stages never. The exact interval
//!   is drawn inside the band (jitter), so shipments registered together spread out.
//! - With the carrier's delivery estimate, a parcel in transit sleeps until just after it
//!   should be out for delivery, at most [`MAX_SLEEP`] at a time: the estimate's day at the
//!   time by which nearly all of the carrier's out-for-delivery scans came, once learned
//!   ([`Habits`]), else the estimate minus the carrier's usual lead. Not out by then, it is
//!   asked at two of that day's doorstep checkpoints ([`LATE_CHECKPOINTS`]), then the band.
//! - Out for delivery, a parcel is asked at the **checkpoints** of its day: the local times
//!   by which 25, 50, 75 and 95 % of the carrier's deliveries on that lane usually came
//!   ([`CHECKPOINTS`], learned from the store's deliveries, with the carrier's, then
//!   built-in ones as fallbacks). After the last checkpoint the wait halves towards the end
//!   of the delivery day ([`END_OF_DAY`]); if nothing came, the parcel is asked once early
//!   next morning ([`NEXT_MORNING`]) and its next day runs the same way. Out for delivery
//!   for over a day, it is asked like any quiet shipment.
//! - Waiting at a pickup point, it is asked at the checkpoints of the times customers
//!   usually collect (learned apart), each day from when its customers first come
//!   ([`CarrierHabits::collection_after`]), for [`COLLECTION_WATCH`].
//! - After a failed attempt without a new estimate, it is asked once the next morning
//!   ([`RETRY_MORNING`]), when the parcel is out again.
//! - Failures back off exponentially (5 min doubling, at most 6 h), never sooner than the
//!   carrier's Retry-After. A number the carrier does not know yet is asked hourly on its
//!   first day, then less and less often.
//! - A shipment that has been quiet for long is asked less often: never more often than a
//!   quarter of its quiet time (a parcel stuck in an exception for four days is asked
//!   daily), except on its delivery or collection day.
//! - Shipments fed by push webhooks are polled once a day, as a safety net.
//! - Nothing waits longer than [`MAX_INTERVAL`] between polls while it is active, except a
//!   parcel sleeping towards its expected delivery day.
//!
//! Times of day are the delivery's local time: the customer's zone if the order gives one,
//! else the destination country's single zone, else the store's ([`PollFacts::zone`]).

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone as _, Utc};

use crate::Stage;

mod habits;

pub use habits::{CarrierHabits, DayTimes, DeliverySample, Habits};

/// The longest an active shipment goes without a poll.
pub const MAX_INTERVAL: Duration = Duration::hours(24);
/// The longest a parcel in transit with a carrier estimate sleeps towards the day it should
/// be out for delivery: a delay the carrier announces meanwhile is news a day later at
/// most than with [`MAX_INTERVAL`], and the estimate's day is asked about anyway.
pub const MAX_SLEEP: Duration = Duration::hours(48);
/// How long after the expected moment a poll is made, so the carrier's scan is out.
pub const GRACE: Duration = Duration::minutes(10);
/// Which of the day's doorstep [`CHECKPOINTS`] a parcel still in transit on its expected
/// day is asked at: it may go out late, skip the out-for-delivery scan or go to a pickup
/// point, all of which happen in delivery hours.
pub const LATE_CHECKPOINTS: [usize; 2] = [1, 3];
/// How a shipment fed by push webhooks is polled: once a day, as a safety net.
pub const PUSH_SAFETY_NET: (Duration, Duration) = (Duration::hours(22), Duration::hours(26));
/// The shares of a day's deliveries (or collections) by which a parcel is asked: at the
/// local time by which each share usually came.
pub const CHECKPOINTS: [f64; 4] = [0.25, 0.5, 0.75, 0.95];
/// The end of the delivery day (local): after it, nobody expects a doorstep delivery.
pub const END_OF_DAY: NaiveTime = hm(21, 0);
/// A parcel still out for delivery after the day is asked once at this local time.
pub const NEXT_MORNING: NaiveTime = hm(7, 30);
/// After a failed attempt without a new estimate: asked at this local time the next day,
/// when the parcel is out again.
pub const RETRY_MORNING: NaiveTime = hm(9, 0);
/// The latest a learned "out for delivery by" time may be: a carrier whose scans come at
/// all hours is still looked for in the morning.
pub const LATEST_OUT_FOR_DELIVERY: NaiveTime = hm(12, 0);
/// The shortest wait on a delivery day.
pub const MIN_GAP: Duration = Duration::minutes(15);
/// The shortest wait while the end of the delivery day nears.
pub const LATE_MIN: Duration = Duration::minutes(30);
/// How long checkpoints are kept after the last scan: longer, the parcel is quiet.
pub const CHECKPOINT_FOR: Duration = Duration::hours(24);
/// How long a parcel waiting at a pickup point is asked at collection checkpoints.
pub const COLLECTION_WATCH: Duration = Duration::days(5);
/// Checkpoints of a day spread up to this much (by jitter), so parcels of one lane are not
/// all asked in the same minute.
pub const CHECKPOINT_SPREAD: Duration = Duration::minutes(6);
/// The fewest samples a lane or carrier needs before its own times are used.
pub const MIN_DAY_SAMPLES: usize = 10;
/// The fewest out-for-delivery samples a carrier needs before its lead and time are used.
pub const MIN_HABIT_SAMPLES: usize = 5;

const fn hm(h: u32, m: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, 0) {
        Some(t) => t,
        None => NaiveTime::MIN,
    }
}

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
    /// The delivery's local zone: the customer's, else the destination country's single
    /// zone, else the store's.
    pub zone: chrono_tz::Tz,
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
    let (wait, max) = match outcome {
        PollOutcome::Failed { retry_after } => (
            backoff(facts.failures, jitter).max(retry_after.unwrap_or(Duration::zero())),
            MAX_INTERVAL,
        ),
        PollOutcome::NotFound => (not_found_wait(facts, now, jitter), MAX_INTERVAL),
        PollOutcome::Tracked if facts.push_fed => (within(PUSH_SAFETY_NET, jitter), MAX_INTERVAL),
        PollOutcome::Tracked => tracked_wait(facts, band, habits, now, jitter),
    };
    Some(now + wait.clamp(Duration::minutes(1), max))
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
) -> (Duration, Duration) {
    let quiet = facts
        .last_event_at
        .map_or(Duration::zero(), |last| (now - last).max(Duration::zero()));
    let regular = within(band, jitter).max(quiet / 4);
    let day = Day {
        zone: facts.zone,
        now,
        jitter,
    };
    let wait = match facts.stage {
        // Out for delivery: the day's checkpoints, then the end of the day, then the
        // next morning.
        Stage::OutForDelivery if quiet < CHECKPOINT_FOR => day.door_wait(&habits.door),
        Stage::AvailableForPickup if quiet < COLLECTION_WATCH => {
            // Not before its customers usually come.
            let first = now + (habits.collection_after - quiet).max(Duration::zero());
            day.collection_wait(&habits.collection, first)
        }
        Stage::InTransit | Stage::Delayed | Stage::ActionRequired => {
            let expected_out =
                facts
                    .carrier_estimate
                    .map(|estimate| match habits.out_for_delivery_at {
                        Some(at) => day.at(estimate.with_timezone(&facts.zone).date_naive(), at),
                        None => estimate - habits.out_for_delivery_lead,
                    });
            match expected_out {
                // Sleep until just after the parcel should be out for delivery.
                Some(out) if out + GRACE > now => return (out + GRACE - now, MAX_SLEEP),
                // Not out when expected: the day's later checkpoints, then the band.
                Some(out)
                    if facts.stage == Stage::InTransit
                        && day.today() == out.with_timezone(&facts.zone).date_naive() =>
                {
                    day.late_wait(&habits.door).unwrap_or(regular)
                }
                // A failed attempt and no new date: the parcel is out again tomorrow.
                _ if facts.stage == Stage::ActionRequired && quiet < CHECKPOINT_FOR => {
                    day.next(RETRY_MORNING, now + Duration::hours(6)) - now
                }
                _ => regular,
            }
        }
        _ => regular,
    };
    (wait, MAX_INTERVAL)
}

/// A delivery day in the parcel's zone.
struct Day {
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
    jitter: f64,
}

impl Day {
    fn today(&self) -> NaiveDate {
        self.now.with_timezone(&self.zone).date_naive()
    }

    /// `time` on `date` in the zone (the later instant of a repeated hour, the moment after
    /// a skipped one).
    fn at(&self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let local = date.and_time(time);
        match self.zone.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(_, t) => {
                t.with_timezone(&Utc)
            }
            chrono::LocalResult::None => {
                let after = local + Duration::hours(1);
                self.zone
                    .from_local_datetime(&after)
                    .earliest()
                    .map_or(after.and_utc(), |t| t.with_timezone(&Utc))
            }
        }
    }

    /// The first `time` (today or a later day) at or after `after`.
    fn next(&self, time: NaiveTime, after: DateTime<Utc>) -> DateTime<Utc> {
        let mut date = after.with_timezone(&self.zone).date_naive();
        for _ in 0..3 {
            let at = self.at(date, time);
            if at >= after {
                return at;
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        after
    }

    /// The checkpoints of `times` on `date`, each a little after its moment.
    fn checkpoints(&self, times: &DayTimes, date: NaiveDate) -> Vec<DateTime<Utc>> {
        let all: Vec<usize> = (0..times.0.len()).collect();
        self.some_checkpoints(times, date, &all)
    }

    /// The checkpoints `which` of `times` on `date`.
    fn some_checkpoints(
        &self,
        times: &DayTimes,
        date: NaiveDate,
        which: &[usize],
    ) -> Vec<DateTime<Utc>> {
        let spread = scale(CHECKPOINT_SPREAD, self.jitter);
        which
            .iter()
            .filter_map(|i| times.0.get(*i))
            .filter_map(|m| NaiveTime::from_hms_opt(u32::from(*m) / 60 % 24, u32::from(*m) % 60, 0))
            .map(|t| self.at(date, t) + GRACE + spread)
            .collect()
    }

    fn door_wait(&self, times: &DayTimes) -> Duration {
        let today = self.today();
        let soonest = self.now + MIN_GAP;
        let end = self.at(today, END_OF_DAY) + GRACE;
        let morning = self.at(today, NEXT_MORNING);
        if self.now < morning {
            // Past midnight, before the morning: asked once, early.
            return morning - self.now;
        }
        let next = self
            .checkpoints(times, today)
            .into_iter()
            .filter(|t| *t >= soonest)
            .min();
        if let Some(next) = next {
            return next - self.now;
        }
        if soonest <= end {
            // Late in the day: more often as its end nears.
            return ((end - self.now) / 2).max(LATE_MIN).min(end - self.now);
        }
        // Nothing came today: once early next morning.
        self.next(NEXT_MORNING, soonest) - self.now
    }

    /// The next of the day's [`LATE_CHECKPOINTS`], if one is left.
    fn late_wait(&self, times: &DayTimes) -> Option<Duration> {
        let soonest = self.now + MIN_GAP;
        self.some_checkpoints(times, self.today(), &LATE_CHECKPOINTS)
            .into_iter()
            .filter(|t| *t >= soonest)
            .min()
            .map(|next| next - self.now)
    }

    fn collection_wait(&self, times: &DayTimes, first: DateTime<Utc>) -> Duration {
        let soonest = first.max(self.now + MIN_GAP);
        let today = soonest.with_timezone(&self.zone).date_naive();
        let next = [today, today.succ_opt().unwrap_or(today)]
            .into_iter()
            .flat_map(|date| self.checkpoints(times, date))
            .filter(|t| *t >= soonest)
            .min();
        next.map_or(MAX_INTERVAL, |next| next - self.now)
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
    use chrono_tz::Tz;
    use proptest::prelude::*;

    /// Monday 2026-11-23, 08:00 UTC (00:00 in Los Angeles).
    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0)
            .single()
            .unwrap_or_default()
    }

    /// `h:m` Los Angeles time, `day` days after Monday 2026-11-23.
    fn la(day: i64, h: u32, m: u32) -> DateTime<Utc> {
        t0() + Duration::days(day) + Duration::hours(i64::from(h)) + Duration::minutes(i64::from(m))
    }

    fn facts(stage: Stage) -> PollFacts {
        PollFacts {
            stage,
            carrier_estimate: None,
            created_at: t0(),
            last_event_at: None,
            push_fed: false,
            failures: 0,
            zone: Tz::America__Los_Angeles,
        }
    }

    fn wait(facts: &PollFacts, outcome: PollOutcome, now: DateTime<Utc>, jitter: f64) -> Duration {
        next_poll(facts, outcome, &CarrierHabits::default(), now, jitter)
            .map(|at| at - now)
            .unwrap_or(Duration::MAX)
    }

    fn door(times: [(u16, u16); 4]) -> DayTimes {
        DayTimes(times.map(|(h, m)| h * 60 + m))
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
            // These three follow the clock of their day (tests below).
            if matches!(
                stage,
                Stage::OutForDelivery | Stage::AvailableForPickup | Stage::ActionRequired
            ) {
                continue;
            }
            for jitter in [0.0, 0.3, 0.999] {
                let w = wait(&facts(stage), PollOutcome::Tracked, t0(), jitter);
                assert!(w >= min && w <= max, "{stage:?} {jitter}: {w}");
            }
        }
        let label = wait(&facts(Stage::InfoReceived), PollOutcome::Tracked, t0(), 0.5);
        assert!(label >= Duration::hours(6));
    }

    #[test]
    fn in_transit_sleeps_until_the_parcel_should_be_out_for_delivery() {
        let mut f = facts(Stage::InTransit);
        f.carrier_estimate = Some(t0() + Duration::hours(40));
        let habits = CarrierHabits {
            out_for_delivery_lead: Duration::hours(6),
            ..CarrierHabits::default()
        };
        let next = next_poll(&f, PollOutcome::Tracked, &habits, t0(), 0.5);
        // 34 h away: asked just after.
        assert_eq!(next, Some(t0() + Duration::hours(34) + GRACE));
        // 58 h away: two days at most, then the rest.
        f.carrier_estimate = Some(t0() + Duration::hours(64));
        let next = next_poll(&f, PollOutcome::Tracked, &habits, t0(), 0.5);
        assert_eq!(next, Some(t0() + MAX_SLEEP));
        f.carrier_estimate = Some(t0() + Duration::hours(40));
        // Past the expected moment (Tuesday 10:00 in Los Angeles) and still in transit:
        // asked at the day's 50 % and 95 % doorstep checkpoints (13:30 and 18:00).
        let late = t0() + Duration::hours(35);
        let next = next_poll(&f, PollOutcome::Tracked, &habits, late, 0.0);
        assert_eq!(next, Some(la(1, 13, 40)));
        let next = next_poll(&f, PollOutcome::Tracked, &habits, la(1, 13, 40), 0.0);
        assert_eq!(next, Some(la(1, 18, 10)));
        // Then back to the regular band.
        let stale = la(1, 18, 10);
        let w = next_poll(&f, PollOutcome::Tracked, &habits, stale, 0.0).map(|n| n - stale);
        assert_eq!(w, Some(Duration::hours(2)));
    }

    #[test]
    fn once_learned_the_usual_out_for_delivery_time_of_the_estimates_day_is_awaited() {
        let mut f = facts(Stage::InTransit);
        // Promised for Wednesday by 19:00; this carrier's parcels are out by 08:30.
        f.carrier_estimate = Some(la(2, 19, 0));
        let habits = CarrierHabits {
            out_for_delivery_at: NaiveTime::from_hms_opt(8, 30, 0),
            ..CarrierHabits::default()
        };
        let now = la(1, 12, 0);
        let next = next_poll(&f, PollOutcome::Tracked, &habits, now, 0.5);
        assert_eq!(next, Some(la(2, 8, 40)));
        // The lead alone would have said 11:00.
        let next = next_poll(
            &f,
            PollOutcome::Tracked,
            &CarrierHabits::default(),
            now,
            0.5,
        );
        assert_eq!(next, Some(la(2, 11, 10)));
    }

    #[test]
    fn out_for_delivery_is_asked_at_the_days_checkpoints_then_more_often_as_the_day_ends() {
        let habits = CarrierHabits {
            door: door([(10, 0), (11, 0), (13, 0), (15, 0)]),
            ..CarrierHabits::default()
        };
        let mut f = facts(Stage::OutForDelivery);
        f.last_event_at = Some(la(0, 8, 0));
        let mut now = la(0, 8, 30);
        let mut polls = Vec::new();
        while now < la(1, 9, 0) {
            let next = next_poll(&f, PollOutcome::Tracked, &habits, now, 0.0);
            now = next.unwrap_or(la(2, 0, 0));
            polls.push(now);
        }
        let expected = [
            la(0, 10, 10),
            la(0, 11, 10),
            la(0, 13, 10),
            la(0, 15, 10),
            // Halfway to the end of the day (21:10) each time, at least half an hour.
            la(0, 18, 10),
            la(0, 19, 40),
            la(0, 20, 25),
            la(0, 20, 55),
            la(0, 21, 10),
            // Nothing came: once early next morning, then the next day's checkpoints.
            la(1, 7, 30),
            la(1, 10, 10),
        ];
        assert_eq!(polls, expected);
    }

    #[test]
    fn jitter_spreads_checkpoints_by_a_few_minutes_never_earlier() {
        let habits = CarrierHabits {
            door: door([(10, 0), (11, 0), (12, 0), (14, 0)]),
            ..CarrierHabits::default()
        };
        let mut f = facts(Stage::OutForDelivery);
        f.last_event_at = Some(la(0, 8, 0));
        // The carrier's estimate is not a checkpoint: the learned times are.
        f.carrier_estimate = Some(la(0, 13, 0));
        let next = |now, jitter| next_poll(&f, PollOutcome::Tracked, &habits, now, jitter);
        assert_eq!(next(la(0, 12, 20), 0.0), Some(la(0, 14, 10)));
        assert_eq!(next(la(0, 8, 30), 0.5), Some(la(0, 10, 13)));
        assert_eq!(
            next(la(0, 8, 30), 0.999),
            Some(la(0, 10, 10) + Duration::milliseconds(359_640))
        );
    }

    #[test]
    fn a_time_in_the_hour_a_clock_skips_is_an_hour_later_and_a_repeated_one_the_later() {
        let day = Day {
            zone: Tz::America__Los_Angeles,
            now: t0(),
            jitter: 0.0,
        };
        let utc = |y, mo, d, h, mi| Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single();
        let date = |y, mo, d| NaiveDate::from_ymd_opt(y, mo, d).unwrap_or_default();
        // 02:30 does not exist on 14 March 2027: 03:30 PDT.
        assert_eq!(
            Some(day.at(date(2027, 3, 14), hm(2, 30))),
            utc(2027, 3, 14, 10, 30)
        );
        // 01:30 happens twice on 7 November 2027: the second, PST.
        assert_eq!(
            Some(day.at(date(2027, 11, 7), hm(1, 30))),
            utc(2027, 11, 7, 9, 30)
        );
        assert_eq!(
            Some(day.at(date(2027, 11, 8), hm(1, 30))),
            utc(2027, 11, 8, 9, 30)
        );
    }

    #[test]
    fn out_for_delivery_for_over_a_day_is_asked_like_a_quiet_parcel() {
        let mut f = facts(Stage::OutForDelivery);
        f.last_event_at = Some(la(0, 8, 0));
        let now = la(2, 8, 0);
        // Quiet for 48 h: a quarter of that.
        assert_eq!(
            wait(&f, PollOutcome::Tracked, now, 0.0),
            Duration::hours(12)
        );
        // Past midnight on its day: asked once early in the morning.
        let now = la(1, 2, 0);
        assert_eq!(
            next_poll(
                &f,
                PollOutcome::Tracked,
                &CarrierHabits::default(),
                now,
                0.0
            ),
            Some(la(1, 7, 30))
        );
    }

    #[test]
    fn a_parcel_at_a_pickup_point_is_asked_when_customers_usually_collect() {
        let mut habits = CarrierHabits {
            collection: door([(12, 0), (14, 0), (17, 30), (19, 0)]),
            ..CarrierHabits::default()
        };
        let mut f = facts(Stage::AvailableForPickup);
        f.last_event_at = Some(la(0, 11, 0));
        let next = |f: &PollFacts, habits: &CarrierHabits, now| {
            next_poll(f, PollOutcome::Tracked, habits, now, 0.0)
        };
        assert_eq!(next(&f, &habits, la(0, 13, 0)), Some(la(0, 14, 10)));
        assert_eq!(next(&f, &habits, la(0, 19, 10)), Some(la(1, 12, 10)));
        // Its customers never come before the next afternoon (15:00): not asked before,
        // but never more than a day apart.
        habits.collection_after = Duration::hours(28);
        assert_eq!(next(&f, &habits, la(0, 11, 10)), Some(la(1, 11, 10)));
        assert_eq!(next(&f, &habits, la(1, 11, 10)), Some(la(1, 17, 40)));
        // Uncollected for five days: the regular band, stretched by the quiet.
        let late = la(6, 12, 0);
        let w = next(&f, &habits, late).map(|n| n - late);
        assert!(w.is_some_and(|w| w >= Duration::hours(24)), "{w:?}");
    }

    #[test]
    fn after_a_failed_attempt_without_a_new_date_the_next_morning_is_asked() {
        let mut f = facts(Stage::ActionRequired);
        f.last_event_at = Some(la(0, 14, 0));
        let next = next_poll(
            &f,
            PollOutcome::Tracked,
            &CarrierHabits::default(),
            la(0, 14, 10),
            0.5,
        );
        assert_eq!(next, Some(la(1, 9, 0)));
        // With a new estimate, it waits for the parcel to be out again, as in transit.
        f.carrier_estimate = Some(la(1, 19, 0));
        let next = next_poll(
            &f,
            PollOutcome::Tracked,
            &CarrierHabits::default(),
            la(0, 14, 10),
            0.5,
        );
        assert_eq!(next, Some(la(1, 11, 10)));
        // Still needing the customer days later: the quiet rule.
        let later = la(3, 14, 0);
        let w = next_poll(
            &f,
            PollOutcome::Tracked,
            &CarrierHabits::default(),
            later,
            0.0,
        )
        .map(|n| n - later);
        assert!(w.is_some_and(|w| w >= Duration::hours(18)), "{w:?}");
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
            quiet_minutes in 0i64..10_000,
            minutes in 0i64..(400 * 1440),
            zone in proptest::sample::select(vec![
                Tz::UTC, Tz::America__Los_Angeles, Tz::Europe__Berlin, Tz::Pacific__Auckland,
            ]),
            learned_at in proptest::option::of(0u32..1440),
        ) {
            // Any moment over 400 days, daylight-saving changes included.
            let now = t0() + Duration::minutes(minutes);
            let f = PollFacts {
                stage,
                carrier_estimate: estimate_hours.map(|h| now + Duration::hours(h)),
                created_at: now - Duration::hours(5),
                last_event_at: Some(now - Duration::minutes(quiet_minutes)),
                push_fed,
                failures,
                zone,
            };
            let outcome = match outcome {
                0 => PollOutcome::Tracked,
                1 => PollOutcome::NotFound,
                _ => PollOutcome::Failed { retry_after: retry.map(Duration::seconds) },
            };
            let habits = CarrierHabits {
                out_for_delivery_lead: Duration::hours(lead_hours),
                out_for_delivery_at: learned_at.and_then(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0)),
                ..CarrierHabits::default()
            };
            let next = next_poll(&f, outcome, &habits, now, jitter);
            prop_assert_eq!(next.is_none(), stage.is_terminal());
            if let Some(next) = next {
                prop_assert!(next > now);
                prop_assert!(next - now <= MAX_SLEEP);
                if next - now > MAX_INTERVAL {
                    prop_assert!(matches!(stage, Stage::InTransit | Stage::Delayed | Stage::ActionRequired));
                    prop_assert!(f.carrier_estimate.is_some());
                }
            }
        }
    }
}
