//! Business days per carrier: which days a carrier moves parcels, and counting in them.
//!
//! The rules are computed for any year, never read from a table of dates:
//!
//! - **UPS and FedEx** work Monday to Friday. They close on New Year's Day, Memorial Day
//!   (last Monday of May), Independence Day (July 4), Labor Day (first Monday of
//!   September), Thanksgiving (fourth Thursday of November) and Christmas Day (December
//!   25). A fixed-date holiday that falls on a Saturday is observed on the Friday before,
//!   one that falls on a Sunday on the Monday after.
//! - **USPS** works Monday to Saturday. It closes on the eleven US federal holidays: New
//!   Year's Day, Martin Luther King Jr. Day (third Monday of January), Washington's
//!   Birthday (third Monday of February), Memorial Day, Juneteenth (June 19), Independence
//!   Day, Labor Day, Columbus Day (second Monday of October), Veterans Day (November 11),
//!   Thanksgiving and Christmas Day. A fixed-date holiday on a Sunday is observed on the
//!   Monday after; one on a Saturday is not moved (that Saturday is simply closed).
//! - **DHL** works Monday to Friday and closes on January 1 and December 25, never moved.
//! - **Any other carrier**, or none, works Monday to Friday with no holidays.
//!
//! Every walk through the calendar stops after about ten years of days, so absurd inputs
//! (a count in the billions, dates at the ends of time) finish quickly instead of looping.

use chrono::{Datelike, NaiveDate, Weekday};

/// The most calendar days any count walks through: about ten years.
const MAX_SPAN_DAYS: usize = 3_660;

/// The carriers whose habits wismo knows, recognised by slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KnownCarrier {
    Ups,
    Fedex,
    Usps,
    Dhl,
}

impl KnownCarrier {
    /// The carrier behind a slug such as `ups` (case and surrounding spaces ignored).
    pub(crate) fn from_slug(slug: Option<&str>) -> Option<Self> {
        match slug?.trim().to_ascii_lowercase().as_str() {
            "ups" => Some(Self::Ups),
            "fedex" => Some(Self::Fedex),
            "usps" => Some(Self::Usps),
            "dhl" => Some(Self::Dhl),
            _ => None,
        }
    }
}

/// Which days a carrier moves parcels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessCalendar {
    schedule: Schedule,
}

impl BusinessCalendar {
    /// The calendar of a carrier slug ("ups", "fedex", "usps", "dhl"); any other slug, or
    /// none, gets the generic Monday-to-Friday calendar without holidays.
    pub fn for_carrier(carrier: Option<&str>) -> Self {
        let schedule = match KnownCarrier::from_slug(carrier) {
            Some(KnownCarrier::Ups | KnownCarrier::Fedex) => Schedule::Express,
            Some(KnownCarrier::Usps) => Schedule::Postal,
            Some(KnownCarrier::Dhl) => Schedule::Dhl,
            None => Schedule::Generic,
        };
        Self { schedule }
    }

    /// Whether the carrier moves parcels on `day`: a working weekday that is not a holiday.
    pub fn is_business_day(&self, day: NaiveDate) -> bool {
        self.schedule.works_on(day.weekday()) && self.holiday(day).is_none()
    }

    /// The `n`-th business day after `from`. With `n = 0` it is `from` itself if that is a
    /// business day, else the next business day.
    pub fn add_business_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 && self.is_business_day(from) {
            return from;
        }
        let wanted = usize::try_from(n.max(1)).unwrap_or(usize::MAX);
        self.business_days_after(from)
            .take(wanted)
            .last()
            .unwrap_or(from)
    }

    /// The number of business days in `(from, to]`: shipped Monday and delivered Wednesday
    /// is 2, the same day is 0, and `to` before `from` is 0.
    pub fn business_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let count = days_after(from)
            .take_while(|day| *day <= to)
            .filter(|day| self.is_business_day(*day))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// The holiday's name if the carrier is closed on `day` for one of its holidays. A
    /// holiday that is observed on another day is reported on the observed day.
    pub fn holiday(&self, day: NaiveDate) -> Option<&'static str> {
        let observance = self.schedule.observance();
        // A January 1 on a Saturday is observed on December 31 of the year before.
        let years = [day.year(), day.year().saturating_add(1)];
        years.into_iter().find_map(|year| {
            self.schedule
                .holidays()
                .iter()
                .find(|holiday| holiday.observed_in(year, observance) == Some(day))
                .map(|holiday| holiday.name)
        })
    }

    /// The business days after `from`, in order, within the walking limit.
    fn business_days_after(&self, from: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        days_after(from).filter(|day| self.is_business_day(*day))
    }
}

/// The calendar days after `from`, in order, within the walking limit.
fn days_after(from: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().skip(1).take(MAX_SPAN_DAYS)
}

/// A carrier's working days and holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Schedule {
    /// UPS and FedEx.
    Express,
    /// USPS.
    Postal,
    Dhl,
    Generic,
}

impl Schedule {
    fn works_on(self, weekday: Weekday) -> bool {
        match weekday {
            Weekday::Sun => false,
            Weekday::Sat => self == Schedule::Postal,
            _ => true,
        }
    }

    fn holidays(self) -> &'static [Holiday] {
        match self {
            Schedule::Express => EXPRESS_HOLIDAYS,
            Schedule::Postal => FEDERAL_HOLIDAYS,
            Schedule::Dhl => DHL_HOLIDAYS,
            Schedule::Generic => &[],
        }
    }

    fn observance(self) -> Observance {
        match self {
            Schedule::Express => Observance::NearestWeekday,
            Schedule::Postal => Observance::SundayToMonday,
            Schedule::Dhl | Schedule::Generic => Observance::OnTheDay,
        }
    }
}

/// How a holiday that falls on a weekend moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Observance {
    /// It stays where it falls.
    OnTheDay,
    /// Saturday moves to the Friday before, Sunday to the Monday after.
    NearestWeekday,
    /// Sunday moves to the Monday after; Saturday stays.
    SundayToMonday,
}

/// A named holiday and the rule that places it in a year.
#[derive(Debug, Clone, Copy)]
struct Holiday {
    name: &'static str,
    rule: Rule,
}

/// Where a holiday falls in a year.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// The same date every year.
    Fixed { month: u32, day: u32 },
    /// The `nth` (1-based) given weekday of a month.
    Nth {
        month: u32,
        weekday: Weekday,
        nth: u8,
    },
    /// The last given weekday of a month.
    Last { month: u32, weekday: Weekday },
}

impl Holiday {
    /// The day the carrier closes for this holiday in `year`, after weekend observance.
    /// Only fixed-date holidays can fall on a weekend, so only they ever move.
    fn observed_in(&self, year: i32, observance: Observance) -> Option<NaiveDate> {
        let day = self.rule.date_in(year)?;
        match (observance, day.weekday()) {
            (Observance::NearestWeekday, Weekday::Sat) => day.pred_opt(),
            (Observance::NearestWeekday | Observance::SundayToMonday, Weekday::Sun) => {
                day.succ_opt()
            }
            _ => Some(day),
        }
    }
}

impl Rule {
    /// The holiday's actual date in `year`, before any observance.
    fn date_in(self, year: i32) -> Option<NaiveDate> {
        match self {
            Rule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            Rule::Nth {
                month,
                weekday,
                nth,
            } => NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth),
            Rule::Last { month, weekday } => {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5)
                    .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, weekday, 4))
            }
        }
    }
}

const fn fixed(name: &'static str, month: u32, day: u32) -> Holiday {
    Holiday {
        name,
        rule: Rule::Fixed { month, day },
    }
}

const fn nth(name: &'static str, nth: u8, weekday: Weekday, month: u32) -> Holiday {
    Holiday {
        name,
        rule: Rule::Nth {
            month,
            weekday,
            nth,
        },
    }
}

const NEW_YEARS_DAY: Holiday = fixed("New Year's Day", 1, 1);
const MLK_DAY: Holiday = nth("Martin Luther King Jr. Day", 3, Weekday::Mon, 1);
const WASHINGTONS_BIRTHDAY: Holiday = nth("Washington's Birthday", 3, Weekday::Mon, 2);
const MEMORIAL_DAY: Holiday = Holiday {
    name: "Memorial Day",
    rule: Rule::Last {
        month: 5,
        weekday: Weekday::Mon,
    },
};
const JUNETEENTH: Holiday = fixed("Juneteenth", 6, 19);
const INDEPENDENCE_DAY: Holiday = fixed("Independence Day", 7, 4);
const LABOR_DAY: Holiday = nth("Labor Day", 1, Weekday::Mon, 9);
const COLUMBUS_DAY: Holiday = nth("Columbus Day", 2, Weekday::Mon, 10);
const VETERANS_DAY: Holiday = fixed("Veterans Day", 11, 11);
const THANKSGIVING: Holiday = nth("Thanksgiving Day", 4, Weekday::Thu, 11);
const CHRISTMAS_DAY: Holiday = fixed("Christmas Day", 12, 25);

/// UPS and FedEx.
const EXPRESS_HOLIDAYS: &[Holiday] = &[
    NEW_YEARS_DAY,
    MEMORIAL_DAY,
    INDEPENDENCE_DAY,
    LABOR_DAY,
    THANKSGIVING,
    CHRISTMAS_DAY,
];

/// The eleven US federal holidays, as kept by USPS.
const FEDERAL_HOLIDAYS: &[Holiday] = &[
    NEW_YEARS_DAY,
    MLK_DAY,
    WASHINGTONS_BIRTHDAY,
    MEMORIAL_DAY,
    JUNETEENTH,
    INDEPENDENCE_DAY,
    LABOR_DAY,
    COLUMBUS_DAY,
    VETERANS_DAY,
    THANKSGIVING,
    CHRISTMAS_DAY,
];

const DHL_HOLIDAYS: &[Holiday] = &[NEW_YEARS_DAY, CHRISTMAS_DAY];

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

    fn usps() -> BusinessCalendar {
        BusinessCalendar::for_carrier(Some("usps"))
    }

    fn dhl() -> BusinessCalendar {
        BusinessCalendar::for_carrier(Some("dhl"))
    }

    #[test]
    fn slugs_pick_calendars_and_unknown_ones_are_generic() {
        assert_eq!(BusinessCalendar::for_carrier(Some(" UPS ")), ups());
        assert_eq!(BusinessCalendar::for_carrier(Some("fedex")), ups());
        assert_ne!(usps(), ups());
        assert_ne!(dhl(), ups());
        let generic = BusinessCalendar::for_carrier(None);
        assert_eq!(BusinessCalendar::for_carrier(Some("acme")), generic);
        assert!(generic.is_business_day(date(2026, 12, 25)));
        assert!(!generic.is_business_day(date(2026, 12, 26)));
    }

    #[test]
    fn thanksgiving_2026_is_november_26() {
        for calendar in [ups(), usps()] {
            assert_eq!(
                calendar.holiday(date(2026, 11, 26)),
                Some("Thanksgiving Day")
            );
            assert!(!calendar.is_business_day(date(2026, 11, 26)));
        }
        assert!(ups().is_business_day(date(2026, 11, 27)));
    }

    #[test]
    fn weekday_rules_land_on_the_right_days_in_2026() {
        let cases = [
            (date(2026, 1, 19), "Martin Luther King Jr. Day"),
            (date(2026, 2, 16), "Washington's Birthday"),
            (date(2026, 5, 25), "Memorial Day"),
            (date(2026, 9, 7), "Labor Day"),
            (date(2026, 10, 12), "Columbus Day"),
        ];
        for (day, name) in cases {
            assert_eq!(usps().holiday(day), Some(name), "{day}");
        }
        assert_eq!(ups().holiday(date(2026, 1, 19)), None);
        assert_eq!(ups().holiday(date(2026, 5, 25)), Some("Memorial Day"));
    }

    #[test]
    fn ups_observes_a_saturday_christmas_on_the_friday_before() {
        let (friday, saturday) = (date(2027, 12, 24), date(2027, 12, 25));
        assert_eq!(saturday.weekday(), Weekday::Sat);
        assert_eq!(ups().holiday(friday), Some("Christmas Day"));
        assert!(!ups().is_business_day(friday));
        assert_eq!(ups().holiday(saturday), None);
        // DHL does not move it: Friday is a working day.
        assert!(dhl().is_business_day(friday));
        assert_eq!(dhl().holiday(saturday), Some("Christmas Day"));
    }

    #[test]
    fn a_saturday_new_year_is_observed_in_the_year_before() {
        assert_eq!(ups().holiday(date(2021, 12, 31)), Some("New Year's Day"));
        assert!(usps().is_business_day(date(2021, 12, 31)));
    }

    #[test]
    fn usps_keeps_a_saturday_juneteenth_and_moves_a_sunday_christmas() {
        let juneteenth = date(2027, 6, 19);
        assert_eq!(juneteenth.weekday(), Weekday::Sat);
        assert_eq!(usps().holiday(juneteenth), Some("Juneteenth"));
        assert!(!usps().is_business_day(juneteenth));
        assert!(usps().is_business_day(date(2027, 6, 18)));
        assert!(
            usps().is_business_day(date(2027, 6, 12)),
            "USPS works Saturdays"
        );
        assert_eq!(usps().holiday(date(2022, 12, 26)), Some("Christmas Day"));
    }

    #[test]
    fn two_ups_days_from_the_eve_of_thanksgiving_is_the_next_monday() {
        assert_eq!(
            ups().add_business_days(date(2026, 11, 25), 2),
            date(2026, 11, 30)
        );
    }

    #[test]
    fn zero_days_is_the_same_or_next_business_day() {
        assert_eq!(
            ups().add_business_days(date(2026, 11, 25), 0),
            date(2026, 11, 25)
        );
        assert_eq!(
            ups().add_business_days(date(2026, 11, 21), 0),
            date(2026, 11, 23)
        );
        assert_eq!(
            usps().add_business_days(date(2026, 11, 21), 0),
            date(2026, 11, 21)
        );
    }

    #[test]
    fn counting_between_dates() {
        let monday = date(2026, 3, 2);
        assert_eq!(ups().business_days_between(monday, date(2026, 3, 4)), 2);
        assert_eq!(ups().business_days_between(monday, monday), 0);
        assert_eq!(ups().business_days_between(date(2026, 3, 4), monday), 0);
        assert_eq!(ups().business_days_between(monday, date(2026, 3, 9)), 5);
        assert_eq!(usps().business_days_between(monday, date(2026, 3, 9)), 6);
    }

    #[test]
    fn absurd_inputs_finish() {
        let far = ups().add_business_days(date(2026, 1, 1), u32::MAX);
        assert!(far > date(2035, 1, 1) && far < date(2037, 1, 1));
        assert!(ups().business_days_between(NaiveDate::MIN, NaiveDate::MAX) < 3_000);
        assert_eq!(ups().add_business_days(NaiveDate::MAX, 3), NaiveDate::MAX);
    }

    fn any_calendar() -> impl Strategy<Value = BusinessCalendar> {
        prop::sample::select(vec![
            Some("ups"),
            Some("fedex"),
            Some("usps"),
            Some("dhl"),
            None,
        ])
        .prop_map(BusinessCalendar::for_carrier)
    }

    fn any_day_2020_to_2035() -> impl Strategy<Value = NaiveDate> {
        let first = date(2020, 1, 1);
        let days = date(2035, 12, 31).signed_duration_since(first).num_days();
        (0..=days).prop_map(move |offset| first + chrono::Duration::days(offset))
    }

    proptest! {
        #[test]
        fn adding_then_counting_gives_back_n(
            calendar in any_calendar(),
            day in any_day_2020_to_2035(),
            n in 0u32..=60,
        ) {
            let from = calendar.add_business_days(day, 0);
            prop_assert!(calendar.is_business_day(from));
            let to = calendar.add_business_days(from, n);
            prop_assert!(calendar.is_business_day(to));
            prop_assert_eq!(calendar.business_days_between(from, to), n);
        }
    }
}
