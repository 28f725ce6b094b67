//! Predicted delivery windows: when a parcel should arrive, and how sure we are.
//!
//! An estimate comes from the best source available, in this order:
//!
//! 1. The carrier's own estimated delivery date ([`DeliveryEstimate::from_carrier`]).
//! 2. This store's own history, walked down a fallback ladder: the same lane (carrier,
//!    service, origin region and destination region), then the same carrier and service,
//!    then the same carrier. The first level with at least [`MIN_SAMPLES`] past deliveries
//!    wins. Its window runs from the 25th percentile (p25) to the 90th (p90) of those
//!    transit times (a window starting at the median called a quarter of deliveries
//!    "early misses"), both taken by nearest rank on the sorted samples (index
//!    `ceil(p * n) - 1`). Its confidence is the share of samples that fell inside that
//!    window, scaled by `n / (n + 10)` so that few samples make us less sure, rounded to
//!    two decimals.
//! 3. Built-in transit times per carrier and service ([`default_transit_days`]), with
//!    confidence 0.5, for a store that has no history yet.
//!
//! Transit times are counted in business days of the carrier's
//! [`BusinessCalendar`], starting after the day the parcel shipped.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::calendar::{BusinessCalendar, KnownCarrier};
use crate::value::ParseError;

/// Where an estimate comes from, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EstimateBasis {
    /// The carrier's own estimated delivery date.
    Carrier,
    /// This store's history on this lane: same carrier, service, origin region and
    /// destination region.
    Lane,
    /// This store's history with this carrier and service, any lane.
    Service,
    /// This store's history with this carrier, any service.
    CarrierHistory,
    /// wismo's built-in transit times for the carrier's service (cold start).
    Default,
}

impl EstimateBasis {
    /// Every basis, best first.
    pub const ALL: [EstimateBasis; 5] = [
        EstimateBasis::Carrier,
        EstimateBasis::Lane,
        EstimateBasis::Service,
        EstimateBasis::CarrierHistory,
        EstimateBasis::Default,
    ];

    /// The basis's stable snake_case name, as used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            EstimateBasis::Carrier => "carrier",
            EstimateBasis::Lane => "lane",
            EstimateBasis::Service => "service",
            EstimateBasis::CarrierHistory => "carrier_history",
            EstimateBasis::Default => "default",
        }
    }

    /// The basis named by its snake_case name.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|basis| basis.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|b| b.as_str()).collect();
                ParseError::new(format!(
                    "unknown estimate basis `{s}`; expected one of {}",
                    names.join(", ")
                ))
            })
    }
}

impl fmt::Display for EstimateBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EstimateBasis {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A delivery estimate as a window of dates (`from == until` for a single day), with how
/// sure we are.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DeliveryEstimate {
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// 0.0–1.0: how often deliveries like this one landed inside such a window.
    pub confidence: f32,
    pub basis: EstimateBasis,
}

/// How sure we are of a date the carrier gave.
const CARRIER_CONFIDENCE: f32 = 0.9;

/// How sure we are of the built-in transit times.
const DEFAULT_CONFIDENCE: f32 = 0.5;

impl DeliveryEstimate {
    /// The carrier's date (or its window's dates), confidence 0.9. Dates given in the wrong
    /// order are swapped.
    pub fn from_carrier(from: NaiveDate, until: NaiveDate) -> Self {
        Self {
            from: from.min(until),
            until: from.max(until),
            confidence: CARRIER_CONFIDENCE,
            basis: EstimateBasis::Carrier,
        }
    }

    /// Whether the window is a single day.
    pub fn is_single_day(&self) -> bool {
        self.from == self.until
    }
}

/// A service-name pattern and its transit days (min, max).
type ServiceRule = (&'static str, (u32, u32));

const UPS_SERVICES: &[ServiceRule] = &[
    ("next day", (1, 1)),
    ("express", (1, 1)),
    ("early", (1, 1)),
    ("2nd day", (2, 2)),
    ("second day", (2, 2)),
    ("3 day", (3, 3)),
    ("ground", (1, 5)),
    ("surepost", (1, 5)),
];
const UPS_DEFAULT: (u32, u32) = (1, 5);

const FEDEX_SERVICES: &[ServiceRule] = &[
    ("overnight", (1, 1)),
    ("first", (1, 1)),
    ("2day", (2, 2)),
    ("2 day", (2, 2)),
    ("express saver", (3, 3)),
    ("ground", (1, 5)),
    ("home", (1, 5)),
];
const FEDEX_DEFAULT: (u32, u32) = (1, 5);

const USPS_SERVICES: &[ServiceRule] = &[
    ("priority mail express", (1, 2)),
    ("express", (1, 2)),
    ("priority", (1, 3)),
    ("ground advantage", (2, 5)),
];
const USPS_DEFAULT: (u32, u32) = (2, 5);

const DHL_SERVICES: &[ServiceRule] = &[
    ("ecommerce", (3, 8)),
    ("e commerce", (3, 8)),
    ("parcel", (3, 8)),
    ("express", (2, 5)),
];
const DHL_DEFAULT: (u32, u32) = (2, 5);

/// Transit days for a carrier wismo does not know.
const UNKNOWN_CARRIER_DAYS: (u32, u32) = (3, 7);

/// Built-in transit times in business days (min, max) for a carrier and service, matched
/// case-insensitively on words in the service name; used before a store has history.
///
/// Punctuation counts as a space ("1-Day" is "1 day", `FEDEX_2_DAY` is "fedex 2 day").
/// When several patterns match, the longest wins, so "Priority Mail Express" is express,
/// not priority. A service that matches nothing gets the carrier's usual range.
pub fn default_transit_days(carrier: Option<&str>, service: Option<&str>) -> (u32, u32) {
    let (rules, fallback) = match KnownCarrier::from_slug(carrier) {
        Some(KnownCarrier::Ups) => (UPS_SERVICES, UPS_DEFAULT),
        Some(KnownCarrier::Fedex) => (FEDEX_SERVICES, FEDEX_DEFAULT),
        Some(KnownCarrier::Usps) => (USPS_SERVICES, USPS_DEFAULT),
        Some(KnownCarrier::Dhl) => (DHL_SERVICES, DHL_DEFAULT),
        None => return UNKNOWN_CARRIER_DAYS,
    };
    service
        .and_then(|name| best_match(rules, &words(name)))
        .unwrap_or(fallback)
}

/// The service name as lower-case words separated by single spaces, with a space at each
/// end so that patterns match whole words only.
fn words(name: &str) -> String {
    let lowered: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let joined = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(" {joined} ")
}

/// The transit days of the longest pattern found in `words`.
fn best_match(rules: &[ServiceRule], words: &str) -> Option<(u32, u32)> {
    rules
        .iter()
        .filter(|(pattern, _)| words.contains(&format!(" {pattern} ")))
        .max_by_key(|(pattern, _)| pattern.len())
        .map(|(_, days)| *days)
}

/// Past transit times (business days) of deliveries like this one, newest first, at one
/// level of the fallback ladder.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    pub basis: EstimateBasis,
    pub transit_days: &'a [u32],
}

/// The fewest samples a level of history needs before it is trusted.
pub const MIN_SAMPLES: usize = 8;

/// Predicts the delivery window of a parcel shipped on `shipped_on`: from the first level
/// of `ladder` (ordered Lane, Service, CarrierHistory) that has at least [`MIN_SAMPLES`]
/// samples, as the p25–p90 of its transit days (nearest-rank percentiles) counted in
/// business days of `calendar` from `shipped_on`; otherwise from [`default_transit_days`].
pub fn predict(
    shipped_on: NaiveDate,
    calendar: &BusinessCalendar,
    ladder: &[History<'_>],
    carrier: Option<&str>,
    service: Option<&str>,
) -> DeliveryEstimate {
    let trusted = ladder
        .iter()
        .find(|level| level.transit_days.len() >= MIN_SAMPLES);
    let (days, confidence, basis) = match trusted.and_then(|level| window_of(level)) {
        Some(window) => window,
        None => (
            default_transit_days(carrier, service),
            DEFAULT_CONFIDENCE,
            EstimateBasis::Default,
        ),
    };
    let (fewest, most) = days;
    DeliveryEstimate {
        from: calendar.add_business_days(shipped_on, fewest),
        until: calendar.add_business_days(shipped_on, most),
        confidence,
        basis,
    }
}

/// The percentiles of past transit days a predicted window spans.
pub const WINDOW_PERCENTILES: (usize, usize) = (25, 90);

/// A level's window in transit days (p25, p90), its confidence and its basis; `None` if
/// the level has no samples.
fn window_of(level: &History<'_>) -> Option<((u32, u32), f32, EstimateBasis)> {
    let mut sorted = level.transit_days.to_vec();
    sorted.sort_unstable();
    let (low, high) = WINDOW_PERCENTILES;
    let first = nearest_rank(&sorted, low)?;
    let last = nearest_rank(&sorted, high)?;
    let confidence = window_confidence(&sorted, first, last);
    Some(((first, last), confidence, level.basis))
}

/// The `percent`-th percentile of sorted samples by nearest rank: the sample at index
/// `ceil(percent / 100 * n) - 1`, clamped to the samples. `None` if there are none.
pub(crate) fn nearest_rank(sorted: &[u32], percent: usize) -> Option<u32> {
    let rank = (percent * sorted.len()).div_ceil(100);
    let index = rank.saturating_sub(1).min(sorted.len().checked_sub(1)?);
    sorted.get(index).copied()
}

/// The share of samples inside `[low, high]`, scaled by `n / (n + 10)` and rounded to two
/// decimals.
fn window_confidence(samples: &[u32], low: u32, high: u32) -> f32 {
    if samples.is_empty() {
        return 0.0;
    }
    let n = samples.len() as f64;
    let inside = samples
        .iter()
        .filter(|days| (low..=high).contains(*days))
        .count() as f64;
    let confidence = inside / n * (n / (n + 10.0));
    ((confidence * 100.0).round() / 100.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn ups() -> BusinessCalendar {
        BusinessCalendar::for_carrier(Some("ups"))
    }

    #[test]
    fn basis_names_round_trip() {
        for basis in EstimateBasis::ALL {
            assert_eq!(EstimateBasis::parse(basis.as_str()), Ok(basis));
            assert_eq!(basis.to_string().parse::<EstimateBasis>(), Ok(basis));
        }
        assert_eq!(EstimateBasis::CarrierHistory.as_str(), "carrier_history");
        assert!(EstimateBasis::parse("Lane").is_err());
    }

    #[test]
    fn carrier_estimates_are_sure_and_ordered() {
        let single = DeliveryEstimate::from_carrier(date(2026, 5, 4), date(2026, 5, 4));
        assert!(single.is_single_day());
        assert_eq!(single.confidence, 0.9);
        assert_eq!(single.basis, EstimateBasis::Carrier);
        let swapped = DeliveryEstimate::from_carrier(date(2026, 5, 6), date(2026, 5, 4));
        assert_eq!(
            (swapped.from, swapped.until),
            (date(2026, 5, 4), date(2026, 5, 6))
        );
        assert!(!swapped.is_single_day());
    }

    #[test]
    fn nearest_rank_percentiles() {
        let ten: Vec<u32> = (1..=10).collect();
        assert_eq!(nearest_rank(&ten, 50), Some(5));
        assert_eq!(nearest_rank(&ten, 90), Some(9));
        assert_eq!(nearest_rank(&ten, 100), Some(10));
        assert_eq!(nearest_rank(&ten, 0), Some(1));
        assert_eq!(nearest_rank(&[7], 50), Some(7));
        assert_eq!(nearest_rank(&[7], 90), Some(7));
        let twenty: Vec<u32> = (1..=20).collect();
        assert_eq!(nearest_rank(&twenty, 90), Some(18));
        assert_eq!(nearest_rank(&[], 50), None);
    }

    #[test]
    fn confidence_is_the_share_inside_scaled_by_sample_size() {
        // Sorted: p25 = 2, p90 = 5; seven of ten inside; 0.7 * 10 / 20 = 0.35.
        let samples = [5, 1, 2, 9, 2, 3, 1, 4, 2, 3];
        let history = [History {
            basis: EstimateBasis::Lane,
            transit_days: &samples,
        }];
        let monday = date(2026, 3, 2);
        let estimate = predict(monday, &ups(), &history, Some("ups"), None);
        assert_eq!(estimate.basis, EstimateBasis::Lane);
        assert_eq!(estimate.from, date(2026, 3, 4));
        assert_eq!(estimate.until, date(2026, 3, 9));
        assert_eq!(estimate.confidence, 0.35);
    }

    #[test]
    fn a_thin_lane_falls_through_to_the_service_level() {
        let lane = [1, 1, 1];
        let service = [3; 20];
        let ladder = [
            History {
                basis: EstimateBasis::Lane,
                transit_days: &lane,
            },
            History {
                basis: EstimateBasis::Service,
                transit_days: &service,
            },
            History {
                basis: EstimateBasis::CarrierHistory,
                transit_days: &[2; 50],
            },
        ];
        let monday = date(2026, 3, 2);
        let estimate = predict(monday, &ups(), &ladder, Some("ups"), Some("Ground"));
        assert_eq!(estimate.basis, EstimateBasis::Service);
        assert_eq!(
            (estimate.from, estimate.until),
            (date(2026, 3, 5), date(2026, 3, 5))
        );
        // All inside; 20 / 30 = 0.666… → 0.67.
        assert_eq!(estimate.confidence, 0.67);
    }

    #[test]
    fn no_trusted_history_uses_the_defaults() {
        let thin = [History {
            basis: EstimateBasis::CarrierHistory,
            transit_days: &[1; MIN_SAMPLES - 1],
        }];
        let monday = date(2026, 3, 2);
        let estimate = predict(monday, &ups(), &thin, Some("ups"), Some("UPS Ground"));
        assert_eq!(estimate.basis, EstimateBasis::Default);
        assert_eq!(estimate.confidence, 0.5);
        assert_eq!(
            (estimate.from, estimate.until),
            (date(2026, 3, 3), date(2026, 3, 9))
        );
    }

    #[test]
    fn default_transit_days_match_service_words() {
        let cases = [
            ("ups", "UPS Ground", (1, 5)),
            ("ups", "UPS Next Day Air Early", (1, 1)),
            ("ups", "UPS 2nd Day Air", (2, 2)),
            ("ups", "UPS 3 Day Select", (3, 3)),
            ("ups", "UPS SurePost", (1, 5)),
            ("ups", "Something new", (1, 5)),
            ("fedex", "FedEx 2Day", (2, 2)),
            ("fedex", "FEDEX_2_DAY_AM", (2, 2)),
            ("fedex", "FedEx Express Saver", (3, 3)),
            ("fedex", "FIRST_OVERNIGHT", (1, 1)),
            ("fedex", "FedEx Home Delivery", (1, 5)),
            ("usps", "Priority Mail Express 1-Day", (1, 2)),
            ("usps", "PRIORITY_MAIL", (1, 3)),
            ("usps", "USPS Ground Advantage", (2, 5)),
            ("dhl", "DHL Express Worldwide", (2, 5)),
            ("dhl", "DHL eCommerce Parcel Expedited", (3, 8)),
            ("DHL", "Parcel International Standard", (3, 8)),
            ("acme", "Overnight", (3, 7)),
        ];
        for (carrier, service, days) in cases {
            assert_eq!(
                default_transit_days(Some(carrier), Some(service)),
                days,
                "{carrier} {service}"
            );
        }
        assert_eq!(default_transit_days(Some("usps"), None), (2, 5));
        assert_eq!(default_transit_days(None, Some("express")), (3, 7));
        // Whole words only: "13 days" is not "3 day".
        assert_eq!(default_transit_days(Some("ups"), Some("13 day")), (1, 5));
    }

    #[test]
    fn the_window_skips_weekends_and_holidays() {
        let samples = [1, 1, 1, 1, 1, 2, 2, 2, 2, 3];
        let history = [History {
            basis: EstimateBasis::Lane,
            transit_days: &samples,
        }];
        let friday = date(2026, 11, 20);
        let estimate = predict(friday, &ups(), &history, Some("ups"), None);
        assert_eq!(estimate.from, date(2026, 11, 23));
        // p90 = 2 business days from Friday: Tuesday.
        assert_eq!(estimate.until, date(2026, 11, 24));
        // From the eve of Thanksgiving, 2 business days skip the holiday.
        let wednesday = date(2026, 11, 25);
        let later = predict(wednesday, &ups(), &history, Some("ups"), None);
        assert_eq!(
            (later.from, later.until),
            (date(2026, 11, 27), date(2026, 11, 30))
        );
    }

    fn any_carrier() -> impl Strategy<Value = Option<&'static str>> {
        prop::sample::select(vec![
            Some("ups"),
            Some("fedex"),
            Some("usps"),
            Some("dhl"),
            None,
        ])
    }

    fn any_service() -> impl Strategy<Value = Option<&'static str>> {
        prop::sample::select(vec![
            None,
            Some("Ground"),
            Some("Priority Mail Express"),
            Some("2Day"),
            Some("eCommerce"),
            Some("mystery"),
        ])
    }

    fn any_samples() -> impl Strategy<Value = Vec<u32>> {
        prop::collection::vec(prop_oneof![9 => 0u32..30, 1 => any::<u32>()], 0..40)
    }

    proptest! {
        #[test]
        fn windows_are_ordered_after_shipping_and_confidence_is_a_share(
            offset in 0i64..5_844,
            carrier in any_carrier(),
            service in any_service(),
            lane in any_samples(),
            by_service in any_samples(),
            by_carrier in any_samples(),
        ) {
            let shipped_on = date(2020, 1, 1) + chrono::Duration::days(offset);
            let calendar = BusinessCalendar::for_carrier(carrier);
            let ladder = [
                History { basis: EstimateBasis::Lane, transit_days: &lane },
                History { basis: EstimateBasis::Service, transit_days: &by_service },
                History { basis: EstimateBasis::CarrierHistory, transit_days: &by_carrier },
            ];
            let estimate = predict(shipped_on, &calendar, &ladder, carrier, service);
            prop_assert!(estimate.from <= estimate.until);
            prop_assert!(estimate.from >= shipped_on);
            prop_assert!((0.0..=1.0).contains(&estimate.confidence));
        }
    }
}
