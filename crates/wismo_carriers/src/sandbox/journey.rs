//! The journeys the sandbox plays: scripted scans at fixed simulated hours after a parcel's
//! journey starts. Which journey a number plays is decided by its digits (see
//! [`Scenario::for_number`]) unless set with `POST /sandbox/scenarios`.
//!
//! How the last mile is timed depends on the sandbox's [`Timing`]:
//! - [`Timing::AroundTheClock`] plays the script as written ([`Scenario::scans`],
//!   [`Scenario::estimate`]): deliveries at any hour, weekends included.
//! - [`Timing::Realistic`] (the default) moves the last-mile scans into the carrier's
//!   [`DeliveryHours`], in the destination's local time (its fixed offset, no DST):
//!   - out for delivery: kept when scripted inside the out-for-delivery window of a delivery
//!     day, else the next delivery day's window (never earlier than scripted), at the parcel's
//!     minute inside it;
//!   - a delivery or a failed attempt right after an out-for-delivery scan: that scan's local
//!     day, at the parcel's route time (the carrier's route centre ± up to 90 minutes,
//!     triangular), inside the delivery hours and at least 30 minutes after the
//!     out-for-delivery scan;
//!   - left at a pickup point: kept when scripted inside the delivery hours of a delivery day,
//!     else the next delivery day at the route time;
//!   - collected by the customer: the first day the pickup point is open ([`PICKUP_POINT`])
//!     at the parcel's collection time (16:30 ± up to 150 minutes, triangular) not before the
//!     scripted moment.
//!
//!   Every other scan (label, pickup, hubs, customs, delays, return) keeps its scripted time,
//!   hubs working around the clock; a moved scan moves every later scan by as much, so the
//!   order and the gaps after it are kept.
//!
//! The parcel's values (its out-for-delivery minute, route time, collection time, how early
//! its delivery window opens) come from the tracking number alone, so a number always plays
//! the same journey: each is FNV-1a (64-bit: offset basis `0xcbf29ce484222325`, prime
//! `0x100000001b3`) over the number's bytes, a 0 byte and a label (`ofd`, `route1`, `route2`,
//! `collect1`, `collect2`, `window`), stirred by MurmurHash3's `fmix64` finalizer, its top 53
//! bits read as a fraction in [0, 1). Triangular values are the mean of two such fractions.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use super::hours::*;

/// A journey a parcel can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// Label, pickup, two hubs, out for delivery, delivered after 52 h.
    Normal,
    /// Stuck at the hub by weather for 30 h, then delivered after 84 h.
    Delayed,
    /// A failed delivery attempt, delivered the next day.
    FailedAttempt,
    /// Damaged at the hub; no further scans.
    Exception,
    /// Two failed attempts, then returned to the sender.
    Returned,
    /// Scans stop after the hub.
    Lost,
    /// Left at a pickup point, collected two days later.
    AvailableForPickup,
    /// International: held in customs until duties are paid, then delivered.
    CustomsHold,
    /// Never assigned by digits: the carrier does not know the number.
    NotFound,
}

impl Scenario {
    /// The eight journeys assigned by digits, in the order of the rule.
    pub const PLAYED: [Scenario; 8] = [
        Scenario::Normal,
        Scenario::Delayed,
        Scenario::FailedAttempt,
        Scenario::Exception,
        Scenario::Returned,
        Scenario::Lost,
        Scenario::AvailableForPickup,
        Scenario::CustomsHold,
    ];

    /// The documented rule: the sum of the number's digits, modulo 8, indexes
    /// [`PLAYED`](Self::PLAYED). `1Z999AA10123456784` → 69 → 5 → lost.
    pub fn for_number(number: &str) -> Scenario {
        let sum: u32 = number.chars().filter_map(|c| c.to_digit(10)).sum();
        Self::PLAYED[(sum % 8) as usize]
    }

    pub fn slug(self) -> &'static str {
        match self {
            Scenario::Normal => "normal",
            Scenario::Delayed => "delayed",
            Scenario::FailedAttempt => "failed_attempt",
            Scenario::Exception => "exception",
            Scenario::Returned => "returned",
            Scenario::Lost => "lost",
            Scenario::AvailableForPickup => "available_for_pickup",
            Scenario::CustomsHold => "customs_hold",
            Scenario::NotFound => "not_found",
        }
    }

    /// The scans of this journey as scripted, in order: its [`Timing::AroundTheClock`] journey.
    pub fn scans(self) -> Vec<Scan> {
        use Step::*;
        let (o, h, d) = (&ORIGIN, &HUB, &DESTINATION);
        let start = [
            Scan::at(0.0, LabelCreated, o),
            Scan::at(6.0, PickedUp, o),
            Scan::at(10.0, Departed, o),
            Scan::at(22.0, Arrived, h),
        ];
        let tail = |from: f64| {
            vec![
                Scan::at(from, Departed, h),
                Scan::at(from + 12.0, Arrived, d),
                Scan::at(from + 18.0, OutForDelivery, d),
                Scan::at(from + 24.0, Delivered, d),
            ]
        };
        match self {
            Scenario::Normal => [start.to_vec(), tail(28.0)].concat(),
            Scenario::Delayed => {
                [start.to_vec(), vec![Scan::at(30.0, Delayed, h)], tail(60.0)].concat()
            }
            Scenario::FailedAttempt => [
                start.to_vec(),
                tail(28.0)[..3].to_vec(),
                vec![
                    Scan::at(50.0, FailedAttempt, d),
                    Scan::at(70.0, OutForDelivery, d),
                    Scan::at(74.0, Delivered, d),
                ],
            ]
            .concat(),
            Scenario::Exception => [start.to_vec(), vec![Scan::at(34.0, Damaged, h)]].concat(),
            Scenario::Returned => [
                start.to_vec(),
                tail(28.0)[..3].to_vec(),
                vec![
                    Scan::at(50.0, FailedAttempt, d),
                    Scan::at(70.0, OutForDelivery, d),
                    Scan::at(74.0, FailedAttempt, d),
                    Scan::at(96.0, ReturnToSender, d),
                ],
            ]
            .concat(),
            Scenario::Lost => start.to_vec(),
            Scenario::AvailableForPickup => [
                start.to_vec(),
                tail(28.0)[..2].to_vec(),
                vec![
                    Scan::at(46.0, AvailableForPickup, d),
                    Scan::at(96.0, PickedUpByCustomer, d),
                ],
            ]
            .concat(),
            Scenario::CustomsHold => {
                let (o, h) = (&ABROAD, &CUSTOMS);
                [
                    vec![
                        Scan::at(0.0, LabelCreated, o),
                        Scan::at(8.0, PickedUp, o),
                        Scan::at(12.0, Departed, o),
                        Scan::at(30.0, Arrived, h),
                    ],
                    vec![
                        Scan::at(32.0, CustomsHold, h),
                        Scan::at(60.0, CustomsCleared, h),
                    ],
                    tail(62.0),
                ]
                .concat()
            }
            Scenario::NotFound => Vec::new(),
        }
    }

    /// The carrier's delivery estimate once `visible` scripted scans are out, around the
    /// clock: the planned delivery, revised when a delay or a failed attempt shows. `None` once
    /// nothing is expected.
    pub fn estimate(self, started: DateTime<Utc>, visible: &[Scan]) -> Option<DateTime<Utc>> {
        if self.settled(visible) {
            return None;
        }
        let (_, planned) = self.plan(visible);
        Some(started + hours(planned))
    }

    /// Whether nothing more is expected once `visible` is out (or nothing is).
    fn settled(self, visible: &[Scan]) -> bool {
        visible.last().is_none_or(|last| {
            matches!(
                last.step,
                Step::Damaged | Step::ReturnToSender | Step::Delivered | Step::PickedUpByCustomer
            ) || (self == Scenario::Lost && visible.len() == self.scans().len())
        })
    }

    /// The journey the carrier plans by once `visible` is out, and the scripted hour of its
    /// planned delivery: a normal delivery until a delay or a failed attempt shows.
    fn plan(self, visible: &[Scan]) -> (Scenario, f64) {
        match self {
            Scenario::Delayed if visible.iter().any(|s| s.step == Step::Delayed) => (self, 84.0),
            Scenario::FailedAttempt | Scenario::Returned
                if visible.iter().any(|s| s.step == Step::FailedAttempt) =>
            {
                (self, 74.0)
            }
            Scenario::CustomsHold => (self, 86.0),
            _ => (Scenario::Normal, 52.0),
        }
    }

    /// The scans of this journey for a number carried by `carrier` (`ups`, `fedex`, `usps`,
    /// `dhl`) from `started`, timed by `timing`: the scripted [`scans`](Self::scans), with the
    /// last mile moved into the carrier's hours when realistic (see the module docs).
    pub fn journey(
        self,
        number: &str,
        carrier: &str,
        started: DateTime<Utc>,
        timing: Timing,
    ) -> Vec<Scan> {
        let scans = self.scans();
        match timing {
            Timing::AroundTheClock => scans,
            Timing::Realistic => realistic(&scans, number, carrier, started).unwrap_or(scans),
        }
    }

    /// The carrier's estimate once `visible` (the first scans of
    /// [`journey`](Self::journey) with the same arguments) is out. Around the clock, that of
    /// [`estimate`](Self::estimate). Realistic: the planned delivery's local day until the end
    /// of the carrier's delivery hours (from their start); once out for delivery, UPS and FedEx
    /// give a 4-hour window containing the delivery. Revised as around the clock. `None` once
    /// nothing is expected.
    pub fn estimate_for(
        self,
        number: &str,
        carrier: &str,
        started: DateTime<Utc>,
        timing: Timing,
        visible: &[Scan],
    ) -> Option<Estimate> {
        if timing == Timing::AroundTheClock {
            return self
                .estimate(started, visible)
                .map(|until| Estimate { until, from: None });
        }
        if self.settled(visible) {
            return None;
        }
        let (plan, planned) = self.plan(visible);
        let index = plan.scans().iter().position(|s| s.hours == planned)?;
        let scan = *plan
            .journey(number, carrier, started, Timing::Realistic)
            .get(index)?;
        let delivered = started.checked_add_signed(hours(scan.hours))?;
        let offset = scan.place.offset_hours;
        let day = local(delivered, offset)?.date();
        let carrier_hours = DeliveryHours::for_carrier(carrier);
        let out = visible.last().map(|s| s.step) == Some(Step::OutForDelivery);
        if out && carrier_hours.window_once_out {
            let draws = Draws::of(number);
            let route = carrier_hours.route_time(draws.route);
            let (from, until) = carrier_hours.window(delivered, offset, route, draws.lead())?;
            return Some(Estimate {
                until,
                from: Some(from),
            });
        }
        let (open, close) = carrier_hours.deliveries;
        Some(Estimate {
            until: at(day, close, offset)?,
            from: Some(at(day, open, offset)?),
        })
    }
}

/// The scripted scans with the last mile moved into the carrier's hours; `None` if a time
/// falls outside what can be represented.
fn realistic(
    scripted: &[Scan],
    number: &str,
    carrier: &str,
    started: DateTime<Utc>,
) -> Option<Vec<Scan>> {
    let hours_of = DeliveryHours::for_carrier(carrier);
    let draws = Draws::of(number);
    let route = hours_of.route_time(draws.route);
    let collection =
        PICKUP_POINT.centre + minutes(draws.collect * PICKUP_POINT.spread.num_minutes() as f64);
    let collection = collection.max(PICKUP_POINT.open.0).min(PICKUP_POINT.open.1);
    let ofd_length = (hours_of.out_for_delivery.1 - hours_of.out_for_delivery.0).num_minutes();
    let ofd_time = hours_of.out_for_delivery.0
        + Duration::minutes(((draws.ofd * (ofd_length + 1) as f64) as i64).min(ofd_length));
    let delivers = |day: NaiveDate| hours_of.delivers_on(day);
    // A drop-off (or a delivery not right after an out-for-delivery scan): kept inside the
    // delivery hours of a delivery day, else the next one at the route time.
    let drop_off = |carried: DateTime<Utc>, offset: i32| {
        let t = local(carried, offset)?;
        if delivers(t.date()) && within(t.time(), hours_of.deliveries) {
            Some(carried)
        } else {
            next_day_at(carried, offset, delivers, route)
        }
    };

    let mut shift = Duration::zero();
    let mut previous: Option<(Step, DateTime<Utc>)> = None;
    let mut out = Vec::with_capacity(scripted.len());
    for scan in scripted {
        let offset = scan.place.offset_hours;
        let carried = started
            .checked_add_signed(hours(scan.hours))?
            .checked_add_signed(shift)?;
        let moved = match scan.step {
            Step::OutForDelivery => {
                let t = local(carried, offset)?;
                if delivers(t.date()) && within(t.time(), hours_of.out_for_delivery) {
                    carried
                } else {
                    next_day_at(carried, offset, delivers, ofd_time)?
                }
            }
            Step::Delivered | Step::FailedAttempt => match previous {
                Some((Step::OutForDelivery, ofd)) => {
                    let day = local(ofd, offset)?.date();
                    let (open, close) = hours_of.deliveries;
                    at(day, route, offset)?
                        .max(ofd.checked_add_signed(AFTER_OUT_FOR_DELIVERY)?)
                        .max(at(day, open, offset)?)
                        .min(at(day, close, offset)?)
                }
                _ => drop_off(carried, offset)?,
            },
            Step::AvailableForPickup => drop_off(carried, offset)?,
            Step::PickedUpByCustomer => {
                next_day_at(carried, offset, |d| PICKUP_POINT.open_on(d), collection)?
            }
            _ => carried,
        };
        shift = shift.checked_add(&(moved - carried))?;
        previous = Some((scan.step, moved));
        out.push(Scan {
            hours: (moved - started).num_nanoseconds()? as f64 / NANOS_PER_HOUR,
            ..*scan
        });
    }
    Some(out)
}

const NANOS_PER_HOUR: f64 = 3_600_000_000_000.0;

/// One scripted scan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scan {
    /// Simulated hours after the journey started.
    pub hours: f64,
    pub step: Step,
    pub place: &'static Place,
}

impl Scan {
    const fn at(hours: f64, step: Step, place: &'static Place) -> Self {
        Self { hours, step, place }
    }

    /// When this scan happens for a journey that started at `started`, in the place's offset.
    pub fn time(&self, started: DateTime<Utc>) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(self.place.offset_hours * 3600).unwrap_or(Utc.fix());
        (started + hours(self.hours)).with_timezone(&offset)
    }
}

use chrono::Offset as _;

/// Hours as a duration, to the nanosecond (whole seconds for the script's whole hours).
fn hours(h: f64) -> Duration {
    Duration::nanoseconds((h * NANOS_PER_HOUR).round() as i64)
}

/// What happened at a scan, in carrier-neutral terms; each carrier renders its own codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    LabelCreated,
    PickedUp,
    Departed,
    Arrived,
    OutForDelivery,
    Delivered,
    FailedAttempt,
    Delayed,
    Damaged,
    ReturnToSender,
    AvailableForPickup,
    PickedUpByCustomer,
    CustomsHold,
    CustomsCleared,
}

/// A place scans happen at, with its UTC offset (fixed: the sandbox ignores DST).
#[derive(Debug, PartialEq)]
pub struct Place {
    pub city: &'static str,
    pub region: &'static str,
    pub postal_code: &'static str,
    pub country: &'static str,
    pub offset_hours: i32,
}

pub static ORIGIN: Place = Place {
    city: "Louisville",
    region: "KY",
    postal_code: "40213",
    country: "US",
    offset_hours: -5,
};
pub static HUB: Place = Place {
    city: "Memphis",
    region: "TN",
    postal_code: "38118",
    country: "US",
    offset_hours: -6,
};
pub static DESTINATION: Place = Place {
    city: "Portland",
    region: "OR",
    postal_code: "97201",
    country: "US",
    offset_hours: -8,
};
pub static ABROAD: Place = Place {
    city: "Shenzhen",
    region: "GD",
    postal_code: "518000",
    country: "CN",
    offset_hours: 8,
};
pub static CUSTOMS: Place = Place {
    city: "Cincinnati",
    region: "OH",
    postal_code: "41048",
    country: "US",
    offset_hours: -5,
};

#[cfg(test)]
mod tests;
