//! USPS times: `GMTTimestamp` is UTC, `eventTimestamp` is local without an offset, and
//! `GMTOffset` comes as `-05:00`, `-7:00` or minutes (`-420`).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// When a scan happened, and whether its local offset is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct EventTime {
    pub at: DateTime<FixedOffset>,
    pub offset_known: bool,
}

/// Resolves a scan's time: the UTC timestamp shown in the original offset when both are
/// given; the local time with the offset otherwise; the offset inferred from the local and
/// UTC times when only those are given; UTC with `offset_known = false` as a last resort.
pub(super) fn event_time(
    gmt: Option<&str>,
    local: Option<&str>,
    offset: Option<&str>,
) -> Option<EventTime> {
    let offset = offset.and_then(parse_offset);
    if let Some(utc) = gmt.and_then(parse_utc) {
        // The local time is only needed when no offset is written.
        let offset = offset.or_else(|| {
            local
                .and_then(parse_local)
                .and_then(|local| offset_between(local, utc))
        });
        return Some(match offset {
            Some(offset) => EventTime {
                at: utc.with_timezone(&offset),
                offset_known: true,
            },
            None => EventTime {
                at: utc.fixed_offset(),
                offset_known: false,
            },
        });
    }
    let local = local.and_then(parse_local)?;
    Some(
        match offset.and_then(|offset| offset.from_local_datetime(&local).single()) {
            Some(at) => EventTime {
                at,
                offset_known: true,
            },
            None => EventTime {
                at: local.and_utc().fixed_offset(),
                offset_known: false,
            },
        },
    )
}

/// `±H:MM`, `±HH:MM`, `±HHMM`, whole hours (`-5`) or minutes (`-420`).
pub(super) fn parse_offset(raw: &str) -> Option<FixedOffset> {
    let raw = raw.trim();
    let (sign, body) = match raw.as_bytes().first()? {
        b'-' => (-1, &raw[1..]),
        b'+' => (1, &raw[1..]),
        _ => (1, raw),
    };
    let minutes: i32 = if let Some((hours, mins)) = body.split_once(':') {
        let (hours, mins): (i32, i32) = (hours.parse().ok()?, mins.parse().ok()?);
        if mins >= 60 {
            return None;
        }
        // Checked: "99999999:00" is text, not an offset.
        hours.checked_mul(60)?.checked_add(mins)?
    } else {
        if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: i32 = body.parse().ok()?;
        match body.len() {
            1 | 2 if value <= 14 => value * 60,
            4 => (value / 100) * 60 + value % 100,
            _ => value,
        }
    };
    if !(-18 * 60..=18 * 60).contains(&minutes) {
        return None;
    }
    FixedOffset::east_opt(sign * minutes * 60)
}

/// A UTC instant: RFC 3339 (`2024-11-22T18:58:40Z`, fractions allowed) or a naive time read
/// as UTC, since the field is UTC by definition.
fn parse_utc(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    DateTime::parse_from_rfc3339(raw)
        .map(|dt| dt.with_timezone(&Utc))
        .ok()
        .or_else(|| parse_naive(raw).map(|naive| naive.and_utc()))
}

/// A local time; an offset, if one is written, is ignored here (`GMTOffset` decides).
fn parse_local(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    parse_naive(raw).or_else(|| {
        DateTime::parse_from_rfc3339(raw)
            .ok()
            .map(|dt| dt.naive_local())
    })
}

/// `2024-11-22T13:58:00`, with `T` or a space, optional seconds and fractions.
pub(super) fn parse_naive(raw: &str) -> Option<NaiveDateTime> {
    const FORMATS: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    // The common `T` form parses without a format string.
    raw.parse::<NaiveDateTime>().ok().or_else(|| {
        FORMATS
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
    })
}

/// The offset that turns `utc` into `local`, rounded to a quarter hour (local times are
/// written to the minute, UTC ones to the second).
fn offset_between(local: NaiveDateTime, utc: DateTime<Utc>) -> Option<FixedOffset> {
    let seconds = (local - utc.naive_utc()).num_seconds();
    let quarters = (seconds as f64 / 900.0).round() as i32;
    // Checked before multiplying: times centuries apart make `quarters` saturate.
    (-18 * 4..=18 * 4)
        .contains(&quarters)
        .then(|| quarters * 900)
        .and_then(FixedOffset::east_opt)
}

/// The calendar date at the start of a timestamp or date (`2024-11-22`, `2024-11-22T00:00:00Z`).
pub(super) fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    raw.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// A time of day (`14:00`, `14:00:00`, `2:00 pm`, `2 PM`), or the time part of a timestamp.
pub(super) fn parse_time_of_day(raw: &str) -> Option<NaiveTime> {
    let raw = raw.trim();
    const FORMATS: [&str; 5] = ["%H:%M:%S%.f", "%H:%M", "%I:%M %p", "%I:%M%p", "%I %p"];
    FORMATS
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(raw, f).ok())
        .or_else(|| parse_naive(raw).map(|dt| dt.time()))
        .or_else(|| DateTime::parse_from_rfc3339(raw).ok().map(|dt| dt.time()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(raw: &str) -> Option<i32> {
        parse_offset(raw).map(|o| o.local_minus_utc() / 60)
    }

    #[test]
    fn offsets_are_read_in_every_shape_usps_uses() {
        assert_eq!(minutes("-05:00"), Some(-300));
        assert_eq!(minutes("-7:00"), Some(-420));
        assert_eq!(minutes("-420"), Some(-420));
        assert_eq!(minutes("+05:30"), Some(330));
        assert_eq!(minutes("-0500"), Some(-300));
        assert_eq!(minutes("-5"), Some(-300));
        assert_eq!(minutes("0"), Some(0));
        assert_eq!(minutes("abc"), None);
        assert_eq!(minutes("-25:00"), None);
        assert_eq!(minutes(""), None);
    }

    #[test]
    fn local_and_utc_times_centuries_apart_give_no_offset_instead_of_overflowing() {
        let time = event_time(
            Some("1012-11-22T13:59:45Z"),
            Some("2024-11-22T08:59:00"),
            None,
        );
        assert_eq!(time.map(|t| t.offset_known), Some(false));
        let far = event_time(
            Some("2024-11-22T13:59:45Z"),
            Some("+262142-01-01T00:00:00"),
            None,
        );
        assert_eq!(far.map(|t| t.offset_known), Some(false));
    }

    #[test]
    fn an_offset_too_large_for_minutes_is_refused_not_overflowed() {
        assert_eq!(minutes("99999999:00"), None);
        assert_eq!(minutes("-99999999:00"), None);
        assert_eq!(minutes("-35791394:-8"), None);
        assert_eq!(minutes("+2147483647:59"), None);
    }

    #[test]
    fn the_offset_is_inferred_from_local_and_utc_times_when_missing() {
        let time = event_time(
            Some("2024-11-22T18:58:40Z"),
            Some("2024-11-22T13:58:00"),
            None,
        );
        assert_eq!(
            time.map(|t| (t.at.to_rfc3339(), t.offset_known)),
            Some(("2024-11-22T13:58:40-05:00".into(), true))
        );
    }
}
