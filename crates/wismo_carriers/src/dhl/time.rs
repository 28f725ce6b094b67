//! DHL times: ISO 8601 with an offset (Express) or a naive local time (parcel-de, parcel-pl),
//! whose zone is inferred from the country when that country keeps one time.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, TimeZone};
use chrono_tz::Tz;

/// A resolved instant and whether its offset is the real local one.
pub(super) struct Instant {
    pub at: DateTime<FixedOffset>,
    pub offset_known: bool,
}

/// Parses a DHL timestamp; a naive one is placed in the country's zone when it has a single
/// one, else read as UTC with `offset_known = false`. A year outside 1900 to 9999 is
/// unreadable.
pub(super) fn parse(raw: &str, country: Option<&str>) -> Option<Instant> {
    read(raw, country).filter(|i| crate::common::plausible(&i.at.naive_utc()))
}

fn read(raw: &str, country: Option<&str>) -> Option<Instant> {
    let raw = raw.trim();
    if let Some(at) = with_offset(raw) {
        return Some(Instant {
            at,
            offset_known: true,
        });
    }
    let naive = naive(raw)?;
    match country
        .and_then(single_zone)
        .and_then(|tz| in_zone(tz, naive))
    {
        Some(at) => Some(Instant {
            at,
            offset_known: true,
        }),
        None => Some(Instant {
            at: naive.and_utc().fixed_offset(),
            offset_known: false,
        }),
    }
}

fn with_offset(raw: &str) -> Option<DateTime<FixedOffset>> {
    const FORMATS: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"];
    DateTime::parse_from_rfc3339(raw).ok().or_else(|| {
        FORMATS
            .iter()
            .find_map(|f| DateTime::parse_from_str(raw, f).ok())
    })
}

fn naive(raw: &str) -> Option<NaiveDateTime> {
    const FORMATS: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// The local time in `tz`: the earlier reading when clocks go back, an hour later when the
/// time falls in the gap as clocks go forward.
fn in_zone(tz: Tz, naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            // Checked: the last hour chrono can represent has no hour after it.
            tz.from_local_datetime(&naive.checked_add_signed(TimeDelta::hours(1))?)
                .earliest()
        })
        .map(|dt| dt.fixed_offset())
}

/// The zone of a country that keeps one civil time across its territory; countries with
/// several (US, CA, AU …) need a region, which DHL's addresses do not give.
pub(super) fn single_zone(country: &str) -> Option<Tz> {
    crate::common::zones::zone(Some(country), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_time_in_the_last_hour_chrono_can_hold_is_read_as_utc_not_overflowed() {
        let instant = read("+262142-12-31T23:30:00", Some("PE"));
        assert_eq!(instant.map(|i| i.offset_known), Some(false));
    }

    #[test]
    fn a_timestamp_outside_years_1900_to_9999_is_unreadable() {
        assert!(parse("+262142-12-31T23:30:00", Some("PE")).is_none());
        assert!(parse("+12025-06-12T14:32:00-04:00", None).is_none());
        assert!(parse("1899-12-31T23:59:59Z", None).is_none());
        assert!(parse("2025-06-12T14:32:00-04:00", None).is_some());
    }
}
