//! Each carrier's delivery hours and days, the pickup points' opening hours, and the values a
//! parcel's realistic journey draws from its tracking number ([`super::journey`] says how
//! they time the last mile).

use chrono::{DateTime, Datelike as _, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// How the sandbox times the last mile of a journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Out-for-delivery scans, deliveries and collections happen in each carrier's delivery
    /// hours and days ([`DeliveryHours`], [`PICKUP_POINT`]), in the destination's local time.
    #[default]
    Realistic,
    /// The script's hours as written: deliveries around the clock, weekends included.
    AroundTheClock,
}

/// The carrier's delivery estimate as the sandbox renders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    /// The latest the carrier promises: the planned delivery (around the clock), else the end
    /// of the delivery day or of the delivery window.
    pub until: DateTime<Utc>,
    /// The start of the window the carrier gives (realistic timing only): the opening of the
    /// delivery hours, or the 4-hour window once out for delivery (UPS, FedEx).
    pub from: Option<DateTime<Utc>>,
}

/// `h:m` as a constant.
pub(super) const fn hm(h: u32, m: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, 0) {
        Some(t) => t,
        None => NaiveTime::MIN,
    }
}

pub(super) const MONDAY_TO_FRIDAY: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];
pub(super) const MONDAY_TO_SATURDAY: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

/// How far a parcel's route time lies from the carrier's route centre, at most.
pub const ROUTE_SPREAD: Duration = Duration::minutes(90);
/// A delivery comes at least this long after its out-for-delivery scan.
pub const AFTER_OUT_FOR_DELIVERY: Duration = Duration::minutes(30);
/// The length of the window UPS and FedEx give once a parcel is out for delivery.
pub const WINDOW: Duration = Duration::hours(4);

/// When a carrier delivers, in the destination's local time.
#[derive(Debug, PartialEq, Eq)]
pub struct DeliveryHours {
    /// The carrier's code: `ups`, `fedex`, `usps` or `dhl`.
    pub carrier: &'static str,
    /// The days it delivers on.
    pub days: &'static [Weekday],
    /// When its out-for-delivery scans happen, first and last.
    pub out_for_delivery: (NaiveTime, NaiveTime),
    /// When it delivers at the door, first and last.
    pub deliveries: (NaiveTime, NaiveTime),
    /// The middle of its parcels' route times (each ± up to [`ROUTE_SPREAD`]).
    pub route_centre: NaiveTime,
    /// Whether it tells a [`WINDOW`] once the parcel is out for delivery (else the end of the
    /// day).
    pub window_once_out: bool,
}

pub static UPS_HOURS: DeliveryHours = DeliveryHours {
    carrier: "ups",
    days: MONDAY_TO_FRIDAY,
    out_for_delivery: (hm(7, 0), hm(8, 30)),
    deliveries: (hm(9, 0), hm(19, 0)),
    route_centre: hm(14, 30),
    window_once_out: true,
};
pub static FEDEX_HOURS: DeliveryHours = DeliveryHours {
    carrier: "fedex",
    days: MONDAY_TO_SATURDAY,
    out_for_delivery: (hm(7, 30), hm(9, 0)),
    deliveries: (hm(9, 0), hm(20, 0)),
    route_centre: hm(13, 0),
    window_once_out: true,
};
pub static USPS_HOURS: DeliveryHours = DeliveryHours {
    carrier: "usps",
    days: MONDAY_TO_SATURDAY,
    out_for_delivery: (hm(6, 30), hm(8, 30)),
    deliveries: (hm(9, 0), hm(18, 0)),
    route_centre: hm(11, 30),
    window_once_out: false,
};
pub static DHL_HOURS: DeliveryHours = DeliveryHours {
    carrier: "dhl",
    days: MONDAY_TO_FRIDAY,
    out_for_delivery: (hm(7, 0), hm(8, 30)),
    deliveries: (hm(9, 0), hm(18, 0)),
    route_centre: hm(12, 0),
    window_once_out: false,
};

/// When customers collect parcels at a pickup point, in its local time (every carrier).
#[derive(Debug, PartialEq, Eq)]
pub struct PickupHours {
    /// The days it is open.
    pub days: &'static [Weekday],
    /// Opening and closing.
    pub open: (NaiveTime, NaiveTime),
    /// The middle of the customers' collection times (each ± up to `spread`).
    pub centre: NaiveTime,
    pub spread: Duration,
}

pub static PICKUP_POINT: PickupHours = PickupHours {
    days: MONDAY_TO_SATURDAY,
    open: (hm(9, 0), hm(19, 0)),
    centre: hm(16, 30),
    spread: Duration::minutes(150),
};

impl DeliveryHours {
    /// The hours of the carrier with this code (`ups`, `fedex`, `usps`, `dhl`); any other code
    /// gets UPS's.
    pub fn for_carrier(code: &str) -> &'static DeliveryHours {
        match code {
            "fedex" => &FEDEX_HOURS,
            "usps" => &USPS_HOURS,
            "dhl" => &DHL_HOURS,
            _ => &UPS_HOURS,
        }
    }

    pub fn delivers_on(&self, day: NaiveDate) -> bool {
        self.days.contains(&day.weekday())
    }

    /// A parcel's route time: the route centre moved by `spread` in [-1, 1].
    pub(super) fn route_time(&self, spread: f64) -> NaiveTime {
        self.route_centre + minutes(spread * ROUTE_SPREAD.num_minutes() as f64)
    }

    /// The 4-hour window around a delivery at `delivered` that opens `lead` before the
    /// parcel's route time, kept inside the delivery hours.
    pub(super) fn window(
        &self,
        delivered: DateTime<Utc>,
        offset: i32,
        route: NaiveTime,
        lead: Duration,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let day = local(delivered, offset)?.date();
        let (open, close) = self.deliveries;
        let start = (route - lead).max(open).min(close - WINDOW);
        let start = at(day, start, offset)?;
        Some((start, start.checked_add_signed(WINDOW)?))
    }
}

impl PickupHours {
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.days.contains(&day.weekday())
    }
}

/// The values a parcel's realistic journey draws from its tracking number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draws {
    /// Where its out-for-delivery scan falls inside the window, in [0, 1).
    pub(super) ofd: f64,
    /// Its route time's distance from the route centre, in [-1, 1) of the spread.
    pub(super) route: f64,
    /// Its collection time's distance from the pickup centre, in [-1, 1) of the spread.
    pub(super) collect: f64,
    /// How early its delivery window opens before the route time, in [0, 1) of 30–210 min.
    pub(super) window: f64,
}

impl Draws {
    pub(super) fn of(number: &str) -> Self {
        let u = |label: &str| {
            fraction(fmix64(fnv1a(
                number.bytes().chain([0]).chain(label.bytes()),
            )))
        };
        Self {
            ofd: u("ofd"),
            route: u("route1") + u("route2") - 1.0,
            collect: u("collect1") + u("collect2") - 1.0,
            window: u("window"),
        }
    }

    /// How long before its route time the parcel's delivery window opens: 30 to 210 minutes.
    pub(super) fn lead(&self) -> Duration {
        minutes(30.0 + self.window * 180.0)
    }
}

/// FNV-1a, 64-bit (the draws hash the number's bytes, a 0 byte and a label).
pub(super) fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    const BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .into_iter()
        .fold(BASIS, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// MurmurHash3's 64-bit finalizer: FNV-1a alone barely stirs its last bytes into its top
/// bits, so labels differing in their last byte would draw nearly the same fraction.
pub(super) fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash's top 53 bits as a fraction in [0, 1).
pub(super) fn fraction(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Whole minutes, rounded.
pub(super) fn minutes(m: f64) -> Duration {
    Duration::minutes(m.round() as i64)
}

/// The local date and time of `t` at a fixed offset.
pub(super) fn local(t: DateTime<Utc>, offset: i32) -> Option<chrono::NaiveDateTime> {
    t.naive_utc()
        .checked_add_signed(Duration::hours(i64::from(offset)))
}

/// The instant of a local date and time at a fixed offset.
pub(super) fn at(day: NaiveDate, time: NaiveTime, offset: i32) -> Option<DateTime<Utc>> {
    day.and_time(time)
        .checked_sub_signed(Duration::hours(i64::from(offset)))
        .map(|t| t.and_utc())
}

/// The first day from `t`'s local date on which `open` holds and `time` is not before `t`.
pub(super) fn next_day_at(
    t: DateTime<Utc>,
    offset: i32,
    open: impl Fn(NaiveDate) -> bool,
    time: NaiveTime,
) -> Option<DateTime<Utc>> {
    let mut day = local(t, offset)?.date();
    for _ in 0..8 {
        if open(day) {
            let candidate = at(day, time, offset)?;
            if candidate >= t {
                return Some(candidate);
            }
        }
        day = day.succ_opt()?;
    }
    None
}

pub(super) fn within(t: NaiveTime, (from, until): (NaiveTime, NaiveTime)) -> bool {
    from <= t && t <= until
}
