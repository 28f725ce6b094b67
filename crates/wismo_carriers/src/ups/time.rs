//! UPS dates and times: `YYYYMMDD` dates, times as `HHMMSS`, `HH:MM:SS` or a number with
//! its leading zeros dropped (`74700` is 07:47:00), offsets as `-05:00`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};

use super::wire::{Activity, Address};
use crate::common::zones;

/// When a scan happened, and whether its offset is the place's own.
pub(super) struct ScanTime {
    pub at: DateTime<FixedOffset>,
    pub offset_known: bool,
}

/// The scan's instant: from `gmtDate`+`gmtTime` shown in `gmtOffset` when given; else the
/// local `date`+`time` minus `gmtOffset`; else the local time in the zone of the scan's
/// place; else the local time read as UTC with `offset_known = false`.
pub(super) fn scan_time(activity: &Activity) -> Option<ScanTime> {
    let address = activity.location.as_ref().and_then(|l| l.address.as_ref());
    let offset = activity.gmt_offset.as_deref().and_then(offset);
    let local = date_time(activity.date.as_deref(), activity.time.as_deref());
    let gmt = date_time(activity.gmt_date.as_deref(), activity.gmt_time.as_deref());
    if let Some(utc) = gmt {
        let utc = utc.and_utc();
        let offset = offset
            .or_else(|| local.and_then(|l| offset_between(l, utc.naive_utc())))
            .or_else(|| zone_offset(address, utc.naive_utc()));
        let at = utc.with_timezone(&offset.unwrap_or(FixedOffset::east_opt(0)?));
        return Some(ScanTime {
            at,
            offset_known: true,
        });
    }
    let local = local?;
    if let Some(offset) = offset {
        return Some(ScanTime {
            at: local.and_local_timezone(offset).single()?,
            offset_known: true,
        });
    }
    match address.and_then(|a| zones::zone(a.country(), a.state_province.as_deref())) {
        Some(tz) => Some(ScanTime {
            at: zones::localize(local, tz),
            offset_known: true,
        }),
        None => Some(ScanTime {
            at: local.and_utc().fixed_offset(),
            offset_known: false,
        }),
    }
}

/// The offset a place had at a UTC instant, when the place decides its zone.
fn zone_offset(address: Option<&Address>, utc: NaiveDateTime) -> Option<FixedOffset> {
    let a = address?;
    let tz = zones::zone(a.country(), a.state_province.as_deref())?;
    Some(tz.offset_from_utc_datetime(&utc).fix())
}

/// Local minus UTC, when it is a plausible offset (whole quarter hours, at most 14 h).
fn offset_between(local: NaiveDateTime, utc: NaiveDateTime) -> Option<FixedOffset> {
    let seconds = i32::try_from((local - utc).num_seconds()).ok()?;
    if seconds % 900 != 0 || seconds.abs() > 14 * 3600 {
        return None;
    }
    FixedOffset::east_opt(seconds)
}

pub(super) fn date_time(date_text: Option<&str>, time_text: Option<&str>) -> Option<NaiveDateTime> {
    let date = date(date_text?)?;
    let time = match time_text {
        Some(t) => time(t)?,
        None => NaiveTime::MIN,
    };
    Some(date.and_time(time))
}

/// `YYYYMMDD`, or `YYYY-MM-DD`; a year outside 1900 to 9999 is unreadable.
pub(super) fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y%m%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
        .filter(crate::common::plausible)
}

/// `HH:MM:SS`, `HH:MM`, or digits `HHMMSS` with leading zeros possibly dropped.
pub(super) fn time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    if text.contains(':') {
        return NaiveTime::parse_from_str(text, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
            .ok();
    }
    if text.is_empty() || text.len() > 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::parse_from_str(&format!("{text:0>6}"), "%H%M%S").ok()
}

/// `-05:00`, `-5:00`, `+0530`, `-05`, `Z`.
pub(super) fn offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    if !text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b':'))
    {
        return None;
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None if rest.len() <= 2 => (rest.parse::<i32>().ok()?, 0),
        None if rest.len() == 4 => (
            rest[..2].parse::<i32>().ok()?,
            rest[2..].parse::<i32>().ok()?,
        ),
        None => return None,
    };
    if !(0..=14).contains(&hours) || !(0..60).contains(&minutes) {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// A local time of day on a date, in an offset.
pub(super) fn at(
    date: NaiveDate,
    time: NaiveTime,
    offset: FixedOffset,
) -> Option<DateTime<FixedOffset>> {
    date.and_time(time).and_local_timezone(offset).single()
}
