//! FedEx timestamps: ISO-8601, usually with an offset, sometimes without one (then the
//! offset comes from the place, when the place decides it).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use crate::common::zones;

/// A FedEx timestamp as written: with its offset, or a bare local time.
#[derive(Debug, Clone, Copy)]
pub(super) enum Stamp {
    Fixed(DateTime<FixedOffset>),
    Naive(NaiveDateTime),
}

impl Stamp {
    /// The wall-clock time as written.
    pub fn local(self) -> NaiveDateTime {
        match self {
            Stamp::Fixed(at) => at.naive_local(),
            Stamp::Naive(local) => local,
        }
    }

    /// The instant, reading a bare local time in `zone`; `None` when there is no zone.
    pub fn in_zone(self, zone: Option<Tz>) -> Option<DateTime<FixedOffset>> {
        match self {
            Stamp::Fixed(at) => Some(at),
            Stamp::Naive(local) => zone.map(|tz| zones::localize(local, tz)),
        }
    }

    /// The instant and whether its offset is known: a bare local time without a zone is
    /// read as UTC.
    pub fn resolve(self, zone: Option<Tz>) -> (DateTime<FixedOffset>, bool) {
        match self.in_zone(zone) {
            Some(at) => (at, true),
            None => (self.local().and_utc().fixed_offset(), false),
        }
    }
}

/// Parses `2024-08-20T12:41:57-04:00`, `…Z`, `…-0400`, fractional seconds, a bare
/// `2024-08-15T00:00:00`, or a date alone; a year outside 1900 to 9999 is unreadable.
pub(super) fn stamp(text: &str) -> Option<Stamp> {
    read(text).filter(|s| crate::common::plausible(&s.local()))
}

fn read(text: &str) -> Option<Stamp> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
    {
        return Some(Stamp::Fixed(at));
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(NaiveTime::MIN))
    })
    .map(Stamp::Naive)
}
