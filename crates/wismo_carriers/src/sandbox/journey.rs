//! The journeys the sandbox plays: scripted scans at fixed simulated hours after a parcel's
//! journey starts. Which journey a number plays is decided by its digits (see
//! [`Scenario::for_number`]) unless set with `POST /sandbox/scenarios`.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

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

    /// The scans of this journey, in order.
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

    /// The carrier's delivery estimate once `visible` scans are out: the planned delivery,
    /// revised when a delay or a failed attempt shows. `None` once nothing is expected.
    pub fn estimate(self, started: DateTime<Utc>, visible: &[Scan]) -> Option<DateTime<Utc>> {
        let last = visible.last()?;
        if matches!(
            last.step,
            Step::Damaged | Step::ReturnToSender | Step::Delivered | Step::PickedUpByCustomer
        ) || (self == Scenario::Lost && visible.len() == self.scans().len())
        {
            return None;
        }
        let planned = match self {
            Scenario::Delayed if visible.iter().any(|s| s.step == Step::Delayed) => 84.0,
            Scenario::FailedAttempt | Scenario::Returned
                if visible.iter().any(|s| s.step == Step::FailedAttempt) =>
            {
                74.0
            }
            Scenario::CustomsHold => 86.0,
            _ => 52.0,
        };
        Some(started + hours(planned))
    }
}

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

fn hours(h: f64) -> Duration {
    Duration::seconds((h * 3600.0) as i64)
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
mod tests {
    use super::*;

    #[test]
    fn the_digit_rule_picks_every_journey_and_is_documented_correctly() {
        assert_eq!(Scenario::for_number("1Z999AA10123456784"), Scenario::Lost);
        assert_eq!(Scenario::for_number("0000000000"), Scenario::Normal);
        assert_eq!(Scenario::for_number("1000000000"), Scenario::Delayed);
        for (i, s) in Scenario::PLAYED.iter().enumerate() {
            assert_eq!(Scenario::for_number(&i.to_string()), *s);
        }
    }

    #[test]
    fn every_journey_starts_with_a_label_and_runs_forward_in_time() {
        for s in Scenario::PLAYED {
            let scans = s.scans();
            assert_eq!(scans[0].step, Step::LabelCreated, "{s:?}");
            assert!(scans.windows(2).all(|w| w[0].hours < w[1].hours), "{s:?}");
        }
    }
}
