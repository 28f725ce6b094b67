//! The promise at checkout: when an order placed now should ship and arrive, from the
//! store's own history.
//!
//! A promise adds two spans of business days to the day an order starts counting:
//!
//! - **Processing**, order placed → parcel shipped (per shipment, as AfterShip measures
//!   it), read from the store's newest shipped parcels whatever their destination: the
//!   warehouse is the same for every lane. An order counts from the day it was placed when
//!   that is a business day and it came before the store's cut-off time
//!   ([`OrderCutoff`], 14:00 unless the store says otherwise, in the store's zone);
//!   otherwise from the next business day. A parcel shipped that day took 0 days.
//! - **Transit**, shipped → delivered (the pipeline's transit samples), walked down a
//!   ladder, the first level with at least [`MIN_SAMPLES`] deliveries by the store's usual
//!   carrier on it winning: the **lane** (destination country and the first three
//!   characters of the postal code), the **country**, the whole **store**, and last
//!   wismo's **default** ([`DEFAULT_PROCESSING_DAYS`], and the transit days of a carrier it
//!   does not know).
//!
//! Both spans use the percentiles of [`crate::estimate`]: nearest rank, p25 for the first
//! day and p90 for the last. The window runs from placed + p25 processing + p25 transit to
//! placed + p90 processing + p90 transit, and the order `ships_by` placed + p90
//! processing; adding percentiles is slightly wider than the percentiles of the sums, which
//! is the side a promise should err on. Days are counted in the business calendar of the
//! usual carrier (weekends and its holidays), for processing too: a parcel can only leave
//! on a day the carrier collects.

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

use crate::calendar::BusinessCalendar;
use crate::estimate::{WINDOW_PERCENTILES, default_transit_days, nearest_rank};
use crate::value::{CountryCode, ParseError};

pub use crate::estimate::MIN_SAMPLES;

/// How many of the newest samples each level of history reads: recent enough to follow a
/// change of carrier or warehouse, and a bounded read however long the history is.
pub const HISTORY_DEPTH: u32 = 500;

/// Processing days (fewest, most) before a store has shipped [`MIN_SAMPLES`] parcels.
pub const DEFAULT_PROCESSING_DAYS: (u32, u32) = (0, 2);

/// How many characters of a postal code make a lane: a US ZIP's sectional centre, a UK
/// postcode's area and district, a French département plus one, …
pub const POSTAL_PREFIX_LEN: usize = 3;

/// The longest postal code accepted (the longest in use has 10 characters).
const MAX_POSTAL_CODE: usize = 12;

/// Which history a promise's transit days come from, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseBasis {
    /// Deliveries to the same country and postal prefix.
    Lane,
    /// Deliveries to the same country.
    Country,
    /// All of the store's deliveries.
    Store,
    /// wismo's built-in days: the store has too little history.
    Default,
}

impl PromiseBasis {
    pub const ALL: [PromiseBasis; 4] = [Self::Lane, Self::Country, Self::Store, Self::Default];

    /// The stable snake_case name, as in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lane => "lane",
            Self::Country => "country",
            Self::Store => "store",
            Self::Default => "default",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or_else(|| ParseError::new(format!("unknown promise basis `{s}`")))
    }
}

impl fmt::Display for PromiseBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an order was promised when it was placed: the delivery window and the day it
/// should ship by. Kept with the order as it was; never recomputed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub ships_by: NaiveDate,
    pub basis: PromiseBasis,
}

/// The time of day after which an order counts from the next business day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderCutoff(NaiveTime);

impl Default for OrderCutoff {
    fn default() -> Self {
        Self(NaiveTime::from_hms_opt(14, 0, 0).unwrap_or_default())
    }
}

impl OrderCutoff {
    /// `HH:MM` on a 24-hour clock, e.g. `14:00`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let well_shaped = s.len() == 5 && s.as_bytes().get(2) == Some(&b':');
        NaiveTime::parse_from_str(s, "%H:%M")
            .ok()
            .filter(|_| well_shaped)
            .map(Self)
            .ok_or_else(|| ParseError::new(format!("`{s}` is not a time like `14:00`")))
    }

    pub fn time(self) -> NaiveTime {
        self.0
    }
}

impl Serialize for OrderCutoff {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OrderCutoff {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for OrderCutoff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

/// Where an order goes, as far as history is grouped: a country and, when known, the
/// first characters of the postal code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lane {
    pub country: CountryCode,
    pub postal_prefix: Option<String>,
}

impl Lane {
    /// The lane of a checkout's country and postal code. A postal code is letters, digits,
    /// spaces and dashes, at most 12 characters; an empty one is none.
    pub fn parse(country: &str, postal_code: Option<&str>) -> Result<Self, LaneError> {
        let country = CountryCode::parse(country).map_err(LaneError::Country)?;
        let postal_prefix = match postal_code.map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(code) => {
                let allowed = |c: char| c.is_ascii_alphanumeric() || c == ' ' || c == '-';
                if code.chars().count() > MAX_POSTAL_CODE || !code.chars().all(allowed) {
                    return Err(LaneError::PostalCode(ParseError::new(format!(
                        "`{code}` is not a postal code: letters, digits, spaces and dashes, \
                         at most {MAX_POSTAL_CODE}"
                    ))));
                }
                postal_prefix(code)
            }
        };
        Ok(Self {
            country,
            postal_prefix,
        })
    }

    /// The lane of an order's destination, if it has a country. A postal code the
    /// checkout could not have sent counts as none.
    pub fn of_destination(destination: &crate::Destination) -> Option<Self> {
        let country = destination.country.as_ref()?;
        let lane = Self::parse(country.as_str(), destination.postal_code.as_deref());
        Some(lane.unwrap_or_else(|_| Self {
            country: country.clone(),
            postal_prefix: None,
        }))
    }

    /// A short key for caches and logs: `US-972`, or `US`.
    pub fn key(&self) -> String {
        match &self.postal_prefix {
            Some(prefix) => format!("{}-{prefix}", self.country.as_str()),
            None => self.country.as_str().to_owned(),
        }
    }
}

/// Why a checkout's destination is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LaneError {
    #[error("country: {0}")]
    Country(ParseError),
    #[error("postal_code: {0}")]
    PostalCode(ParseError),
}

/// The lane part of a postal code: its first [`POSTAL_PREFIX_LEN`] letters and digits,
/// upper case (`97201` → `972`, `sw1a 1aa` → `SW1`). The transit samples keep the same
/// (`transit_samples.postal_prefix`, written by the same rule in SQL for ASCII codes).
pub fn postal_prefix(postal_code: &str) -> Option<String> {
    let prefix: String = postal_code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(POSTAL_PREFIX_LEN)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (!prefix.is_empty()).then_some(prefix)
}

/// A parcel the store shipped: when its order was placed and when it left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProcessingSample {
    pub ordered_at: DateTime<Utc>,
    pub shipped_at: DateTime<Utc>,
}

/// A delivery: its carrier and its transit time in the carrier's business days.
#[derive(Debug, Clone, PartialEq)]
pub struct TransitSample {
    pub carrier: String,
    pub business_days: u32,
}

/// The store's newest history for a lane, as the store reads it: each level holds up to
/// [`HISTORY_DEPTH`] samples, newest first; a level below a trusted one may be left empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PromiseSamples {
    pub processing: Vec<ProcessingSample>,
    pub lane: Vec<TransitSample>,
    pub country: Vec<TransitSample>,
    pub store: Vec<TransitSample>,
}

/// What history says about a lane, ready to turn any placing time into a promise. Cheap to
/// keep: the server caches it per store, lane and day.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneHistory {
    /// Processing business days (p25, p90).
    pub processing_days: (u32, u32),
    /// Whether the processing days are the store's own (else the defaults).
    pub processing_learned: bool,
    /// Transit business days (p25, p90).
    pub transit_days: (u32, u32),
    pub basis: PromiseBasis,
    /// The store's usual carrier on the winning level, whose calendar counts the days.
    pub carrier: Option<String>,
    /// How many deliveries the transit days come from (0 for the defaults).
    pub deliveries: usize,
}

impl LaneHistory {
    /// Reads the samples: processing percentiles and the first trusted transit level.
    pub fn learn(samples: &PromiseSamples, tz: Tz, cutoff: OrderCutoff) -> Self {
        let levels = [
            (PromiseBasis::Lane, &samples.lane),
            (PromiseBasis::Country, &samples.country),
            (PromiseBasis::Store, &samples.store),
        ];
        let trusted = levels
            .into_iter()
            .find_map(|(basis, level)| usual_carrier_days(level).map(|found| (basis, found)));
        let (basis, carrier, transit) = match trusted {
            Some((basis, (carrier, days))) => (basis, Some(carrier), days),
            None => (PromiseBasis::Default, None, Vec::new()),
        };
        let calendar = BusinessCalendar::for_carrier(carrier.as_deref());
        let processing: Vec<u32> = samples
            .processing
            .iter()
            .map(|s| processing_days(&calendar, s, tz, cutoff))
            .collect();
        let processing_window = (processing.len() >= MIN_SAMPLES)
            .then(|| window(processing))
            .flatten();
        let deliveries = transit.len();
        let transit_days = window(transit).unwrap_or_else(|| default_transit_days(None, None));
        Self {
            processing_days: processing_window.unwrap_or(DEFAULT_PROCESSING_DAYS),
            processing_learned: processing_window.is_some(),
            transit_days,
            basis,
            carrier,
            deliveries,
        }
    }

    /// The promise for an order placed at `placed_at`.
    pub fn promise(&self, placed_at: DateTime<Utc>, tz: Tz, cutoff: OrderCutoff) -> Promise {
        let calendar = BusinessCalendar::for_carrier(self.carrier.as_deref());
        let start = start_day(&calendar, placed_at, tz, cutoff);
        let (fast_processing, slow_processing) = self.processing_days;
        let (fast_transit, slow_transit) = self.transit_days;
        let ships_early = calendar.add_business_days(start, fast_processing);
        let ships_by = calendar.add_business_days(start, slow_processing);
        Promise {
            from: calendar.add_business_days(ships_early, fast_transit),
            until: calendar.add_business_days(ships_by, slow_transit),
            ships_by,
            basis: self.basis,
        }
    }
}

/// Whether a level of history decides the promise: its usual carrier has at least
/// [`MIN_SAMPLES`] deliveries on it. The store reads the next level only when not.
pub fn is_trusted(level: &[TransitSample]) -> bool {
    usual_carrier_days(level).is_some()
}

/// The transit days of the level's usual carrier (the one with most of its samples; ties
/// go to the name first in order), if it has enough of them to be trusted.
fn usual_carrier_days(level: &[TransitSample]) -> Option<(String, Vec<u32>)> {
    let mut by_carrier: HashMap<&str, Vec<u32>> = HashMap::new();
    for sample in level {
        by_carrier
            .entry(sample.carrier.as_str())
            .or_default()
            .push(sample.business_days);
    }
    by_carrier
        .into_iter()
        .filter(|(_, days)| days.len() >= MIN_SAMPLES)
        .max_by(|(a, x), (b, y)| x.len().cmp(&y.len()).then_with(|| b.cmp(a)))
        .map(|(carrier, days)| (carrier.to_owned(), days))
}

/// (p25, p90) of the days by nearest rank; `None` without any.
fn window(mut days: Vec<u32>) -> Option<(u32, u32)> {
    days.sort_unstable();
    let (low, high) = WINDOW_PERCENTILES;
    Some((nearest_rank(&days, low)?, nearest_rank(&days, high)?))
}

/// The business day an order placed at `placed_at` starts counting from: that day if it
/// is a business day and the order came before the cut-off, else the next business day.
pub fn start_day(
    calendar: &BusinessCalendar,
    placed_at: DateTime<Utc>,
    tz: Tz,
    cutoff: OrderCutoff,
) -> NaiveDate {
    let local = placed_at.with_timezone(&tz);
    let day = local.date_naive();
    if calendar.is_business_day(day) && local.time() < cutoff.time() {
        day
    } else {
        calendar.add_business_days(day, 1)
    }
}

/// A shipped parcel's processing time in business days from its order's start day.
fn processing_days(
    calendar: &BusinessCalendar,
    sample: &ProcessingSample,
    tz: Tz,
    cutoff: OrderCutoff,
) -> u32 {
    let start = start_day(calendar, sample.ordered_at, tz, cutoff);
    let shipped = sample.shipped_at.with_timezone(&tz).date_naive();
    calendar.business_days_between(start, shipped)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
