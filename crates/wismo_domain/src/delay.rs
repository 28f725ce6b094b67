//! Delay detection and expiry: the stage customers see, from the stage the carrier's
//! events lead to ([`ShipmentProgress`]), the delivery estimate and the clock.
//!
//! The transition rules only know what carriers said. A parcel can also be late without
//! the carrier saying so:
//!
//! - **Past the estimate**: the last day of the delivery window (the carrier's, or the
//!   predicted one) is over in the customer's time zone, and the parcel is not delivered.
//! - **No scans for too long**: label created 7 days, in transit 4 days, out for delivery
//!   1 day, without a new scan.
//! - **Expired**: nothing at all from the carrier for 30 days (counted from the last event,
//!   or from registration when there was none). Expired shipments are no longer polled;
//!   a late event (a push, say) brings them back.
//!
//! Carrier delay codes need nothing here: they map to the `delayed` stage directly.
//! The assessment is recomputed whenever the pipeline runs, so a delay ends by itself
//! when a new estimate or a new scan makes it untrue.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::{ShipmentProgress, Stage, Substatus};

/// Nothing from the carrier for this long: the shipment expires.
pub const EXPIRE_AFTER: Duration = Duration::days(30);

/// How long a stage may go without a new scan before the parcel counts as delayed.
pub fn quiet_limit(stage: Stage) -> Option<Duration> {
    match stage {
        Stage::InfoReceived => Some(Duration::days(7)),
        Stage::InTransit => Some(Duration::days(4)),
        Stage::OutForDelivery => Some(Duration::days(1)),
        _ => None,
    }
}

/// What the assessment looks at besides the progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DelayFacts {
    pub now: DateTime<Utc>,
    /// Today's date in the customer's time zone.
    pub today: NaiveDate,
    pub created_at: DateTime<Utc>,
    /// The last day of the delivery window in force: the carrier's, else the predicted.
    pub estimate_until: Option<NaiveDate>,
}

/// The stage and substatus customers see.
pub fn assess(progress: &ShipmentProgress, facts: &DelayFacts) -> (Stage, Option<Substatus>) {
    let own = (progress.stage, progress.substatus);
    if matches!(
        progress.stage,
        Stage::Delivered | Stage::Returned | Stage::Cancelled
    ) {
        return own;
    }
    let heard = progress.last_event_at.unwrap_or(facts.created_at);
    if facts.now - heard >= EXPIRE_AFTER {
        return (Stage::Expired, Some(Substatus::NoCarrierData));
    }
    let may_run_late = matches!(
        progress.stage,
        Stage::InfoReceived | Stage::InTransit | Stage::OutForDelivery
    );
    if !may_run_late {
        return own;
    }
    if facts
        .estimate_until
        .is_some_and(|until| facts.today > until)
    {
        return (Stage::Delayed, Some(Substatus::PastEstimate));
    }
    if let (Some(limit), Some(last)) = (quiet_limit(progress.stage), progress.last_event_at)
        && facts.now - last >= limit
    {
        return (Stage::Delayed, Some(Substatus::NoScans));
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default()
    }

    fn progress(stage: Stage, last: DateTime<Utc>) -> ShipmentProgress {
        ShipmentProgress {
            stage,
            substatus: None,
            shipped_at: Some(at(2, 8)),
            delivered_at: (stage == Stage::Delivered).then_some(last),
            last_event_at: Some(last),
        }
    }

    fn facts(now: DateTime<Utc>, until: Option<u32>) -> DelayFacts {
        DelayFacts {
            now,
            today: now.date_naive(),
            created_at: at(1, 8),
            estimate_until: until.map(date),
        }
    }

    #[test]
    fn a_parcel_past_the_last_day_of_its_window_is_delayed() {
        let p = progress(Stage::InTransit, at(5, 9));
        assert_eq!(assess(&p, &facts(at(6, 20), Some(6))).0, Stage::InTransit);
        assert_eq!(
            assess(&p, &facts(at(7, 1), Some(6))),
            (Stage::Delayed, Some(Substatus::PastEstimate))
        );
        // A new estimate in the future ends the delay.
        assert_eq!(assess(&p, &facts(at(7, 1), Some(9))).0, Stage::InTransit);
    }

    #[test]
    fn no_scans_for_too_long_is_a_delay_per_stage() {
        let p = progress(Stage::InTransit, at(5, 9));
        assert_eq!(assess(&p, &facts(at(9, 8), None)).0, Stage::InTransit);
        assert_eq!(
            assess(&p, &facts(at(9, 9), None)),
            (Stage::Delayed, Some(Substatus::NoScans))
        );
        let out = progress(Stage::OutForDelivery, at(5, 9));
        assert_eq!(assess(&out, &facts(at(6, 9), None)).0, Stage::Delayed);
        let label = progress(Stage::InfoReceived, at(5, 9));
        assert_eq!(
            assess(&label, &facts(at(9, 9), None)).0,
            Stage::InfoReceived
        );
    }

    #[test]
    fn delivered_and_side_states_are_never_overridden() {
        for stage in [
            Stage::Delivered,
            Stage::Returned,
            Stage::ActionRequired,
            Stage::Exception,
            Stage::AvailableForPickup,
        ] {
            let p = progress(stage, at(2, 9));
            let (seen, _) = assess(&p, &facts(at(20, 9), Some(3)));
            assert_eq!(seen, stage);
        }
    }

    #[test]
    fn thirty_quiet_days_expire_a_shipment_and_a_late_event_revives_it() {
        let pending = ShipmentProgress::new();
        let now = at(1, 8) + EXPIRE_AFTER;
        assert_eq!(
            assess(&pending, &facts(now, None)),
            (Stage::Expired, Some(Substatus::NoCarrierData))
        );
        let p = progress(Stage::Exception, at(1, 9));
        assert_eq!(
            assess(&p, &facts(now + Duration::hours(1), None)).0,
            Stage::Expired
        );
        let revived = progress(Stage::InTransit, now);
        assert_eq!(assess(&revived, &facts(now, None)).0, Stage::InTransit);
    }
}
