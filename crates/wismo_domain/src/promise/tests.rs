use super::*;
use chrono::TimeZone as _;

const LA: Tz = chrono_tz::America::Los_Angeles;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An instant in Los Angeles.
fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    LA.with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn transit(carrier: &str, days: &[u32]) -> Vec<TransitSample> {
    days.iter()
        .map(|&business_days| TransitSample {
            carrier: carrier.to_owned(),
            business_days,
        })
        .collect()
}

/// Orders placed Monday 2 March 2026 at 10:00, each shipped `days` business days later.
fn processing(days: &[u32]) -> Vec<ProcessingSample> {
    let calendar = BusinessCalendar::for_carrier(Some("ups"));
    days.iter()
        .map(|&d| {
            let shipped = calendar.add_business_days(date(2026, 3, 2), d);
            ProcessingSample {
                ordered_at: at(2026, 3, 2, 10, 0),
                shipped_at: LA
                    .from_local_datetime(&shipped.and_hms_opt(16, 0, 0).unwrap())
                    .unwrap()
                    .with_timezone(&Utc),
            }
        })
        .collect()
}

fn seeded() -> PromiseSamples {
    PromiseSamples {
        processing: processing(&[4, 0, 1, 1, 3, 1, 0, 2, 1, 2]),
        lane: transit("ups", &[9, 2, 3, 1, 5, 3, 2, 6, 4, 3]),
        country: transit("ups", &[1; 40]),
        store: transit("ups", &[1; 80]),
    }
}

#[test]
fn a_rich_lane_promises_its_own_percentiles() {
    let history = LaneHistory::learn(&seeded(), LA, OrderCutoff::default());
    // Processing sorted 0 0 1 1 1 1 2 2 3 4: p25 is the 3rd (1), p90 the 9th (3).
    assert_eq!(history.processing_days, (1, 3));
    assert!(history.processing_learned);
    // Transit sorted 1 2 2 3 3 3 4 5 6 9: p25 is the 3rd (2), p90 the 9th (6).
    assert_eq!(history.transit_days, (2, 6));
    assert_eq!(history.basis, PromiseBasis::Lane);
    assert_eq!(history.carrier.as_deref(), Some("ups"));
    assert_eq!(history.deliveries, 10);
    // Tuesday 10 March, 09:00: ships Wed 11 at the earliest, by Fri 13; arrives from
    // Wed 11 + 2 = Fri 13 until Fri 13 + 6 business days = Mon 23.
    let promise = history.promise(at(2026, 3, 10, 9, 0), LA, OrderCutoff::default());
    assert_eq!(
        promise,
        Promise {
            from: date(2026, 3, 13),
            until: date(2026, 3, 23),
            ships_by: date(2026, 3, 13),
            basis: PromiseBasis::Lane,
        }
    );
}

#[test]
fn a_thin_lane_falls_back_to_the_country_then_the_store() {
    let mut samples = seeded();
    samples.lane.truncate(MIN_SAMPLES - 1);
    let country = LaneHistory::learn(&samples, LA, OrderCutoff::default());
    assert_eq!(
        (country.basis, country.transit_days, country.deliveries),
        (PromiseBasis::Country, (1, 1), 40)
    );
    samples.country.clear();
    samples.store = transit("usps", &[2, 2, 2, 2, 3, 3, 3, 3, 4, 8]);
    let store = LaneHistory::learn(&samples, LA, OrderCutoff::default());
    assert_eq!(store.basis, PromiseBasis::Store);
    // Sorted 2 2 2 2 3 3 3 3 4 8: p25 is the 3rd (2), p90 the 9th (4).
    assert_eq!(store.transit_days, (2, 4));
    assert_eq!(store.carrier.as_deref(), Some("usps"));
}

#[test]
fn a_store_without_history_gets_the_defaults() {
    let samples = PromiseSamples {
        processing: processing(&[1; MIN_SAMPLES - 1]),
        lane: transit("ups", &[1; MIN_SAMPLES - 1]),
        ..PromiseSamples::default()
    };
    let history = LaneHistory::learn(&samples, LA, OrderCutoff::default());
    assert_eq!(history.basis, PromiseBasis::Default);
    assert_eq!(history.processing_days, DEFAULT_PROCESSING_DAYS);
    assert!(!history.processing_learned);
    assert_eq!(history.transit_days, default_transit_days(None, None));
    assert_eq!(history.deliveries, 0);
    // Monday 9 March 10:00: ships by Wed 11; from Mon 9 + 0 + 3 = Thu 12, until
    // Wed 11 + 7 = Fri 20.
    let promise = history.promise(at(2026, 3, 9, 10, 0), LA, OrderCutoff::default());
    assert_eq!(
        (promise.from, promise.until, promise.ships_by),
        (date(2026, 3, 12), date(2026, 3, 20), date(2026, 3, 11))
    );
}

#[test]
fn the_usual_carrier_of_a_level_sets_its_days_and_calendar() {
    let mut lane = transit("fedex", &[5; 9]);
    lane.extend(transit("ups", &[1; 8]));
    let samples = PromiseSamples {
        lane,
        ..PromiseSamples::default()
    };
    let history = LaneHistory::learn(&samples, LA, OrderCutoff::default());
    assert_eq!(history.carrier.as_deref(), Some("fedex"));
    assert_eq!(history.transit_days, (5, 5));
    // Two carriers split a level too thinly for either: the level is not trusted.
    let split = PromiseSamples {
        lane: [transit("fedex", &[5; 5]), transit("ups", &[1; 5])].concat(),
        ..PromiseSamples::default()
    };
    let history = LaneHistory::learn(&split, LA, OrderCutoff::default());
    assert_eq!(history.basis, PromiseBasis::Default);
}

#[test]
fn an_order_after_the_cutoff_counts_from_the_next_business_day() {
    let history = LaneHistory::learn(&seeded(), LA, OrderCutoff::default());
    let before = history.promise(at(2026, 3, 10, 13, 59), LA, OrderCutoff::default());
    let after = history.promise(at(2026, 3, 10, 14, 0), LA, OrderCutoff::default());
    assert_eq!(before.ships_by, date(2026, 3, 13));
    assert_eq!(after.ships_by, date(2026, 3, 16));
    assert_eq!(
        (after.from, after.until),
        (date(2026, 3, 16), date(2026, 3, 24))
    );
    // A later cut-off keeps 15:00 on the same day.
    let late = OrderCutoff::parse("16:30").unwrap();
    let same_day = history.promise(at(2026, 3, 10, 15, 0), LA, late);
    assert_eq!(same_day, before);
}

#[test]
fn the_cutoff_is_in_the_stores_zone() {
    let calendar = BusinessCalendar::for_carrier(None);
    // 20:00 UTC is 13:00 in Los Angeles (before the cut-off) and 21:00 in Paris (after).
    let instant = Utc.with_ymd_and_hms(2026, 3, 10, 20, 0, 0).unwrap();
    let cutoff = OrderCutoff::default();
    assert_eq!(start_day(&calendar, instant, LA, cutoff), date(2026, 3, 10));
    let paris = chrono_tz::Europe::Paris;
    assert_eq!(
        start_day(&calendar, instant, paris, cutoff),
        date(2026, 3, 11)
    );
}

#[test]
fn weekends_and_holidays_are_skipped() {
    let calendar = BusinessCalendar::for_carrier(Some("ups"));
    let cutoff = OrderCutoff::default();
    // Saturday morning counts from Monday.
    assert_eq!(
        start_day(&calendar, at(2026, 3, 7, 9, 0), LA, cutoff),
        date(2026, 3, 9)
    );
    // Thanksgiving (UPS closed) counts from Friday; Friday after the cut-off from Monday.
    assert_eq!(
        start_day(&calendar, at(2026, 11, 26, 9, 0), LA, cutoff),
        date(2026, 11, 27)
    );
    assert_eq!(
        start_day(&calendar, at(2026, 11, 27, 15, 0), LA, cutoff),
        date(2026, 11, 30)
    );
    // The window steps over the holiday: Wednesday 25 November with (1, 3) processing
    // and (2, 6) transit ships by Tue 1 Dec (27, 30, 1) and arrives until Wed 9 Dec.
    let history = LaneHistory::learn(&seeded(), LA, cutoff);
    let promise = history.promise(at(2026, 11, 25, 9, 0), LA, cutoff);
    assert_eq!(promise.ships_by, date(2026, 12, 1));
    assert_eq!(promise.from, date(2026, 12, 1));
    assert_eq!(promise.until, date(2026, 12, 9));
}

#[test]
fn processing_counts_from_the_start_day_and_never_below_zero() {
    let calendar = BusinessCalendar::for_carrier(Some("ups"));
    let cutoff = OrderCutoff::default();
    // Placed Friday evening, shipped Monday: it started Monday, so 0 days.
    let late_friday = ProcessingSample {
        ordered_at: at(2026, 3, 6, 18, 0),
        shipped_at: at(2026, 3, 9, 11, 0),
    };
    assert_eq!(processing_days(&calendar, &late_friday, LA, cutoff), 0);
    // Shipped before it was placed (a bad clock): 0, not a wrap-around.
    let backwards = ProcessingSample {
        ordered_at: at(2026, 3, 9, 11, 0),
        shipped_at: at(2026, 3, 2, 11, 0),
    };
    assert_eq!(processing_days(&calendar, &backwards, LA, cutoff), 0);
}

#[test]
fn lanes_are_parsed_from_a_checkouts_destination() {
    let lane = Lane::parse("us", Some(" 97201-1234 ")).unwrap();
    assert_eq!(lane.key(), "US-972");
    assert_eq!(Lane::parse("GB", Some("sw1a 1aa")).unwrap().key(), "GB-SW1");
    assert_eq!(Lane::parse("DE", None).unwrap().key(), "DE");
    assert_eq!(Lane::parse("DE", Some("  ")).unwrap().key(), "DE");
    assert!(matches!(
        Lane::parse("USA", Some("97201")),
        Err(LaneError::Country(_))
    ));
    assert!(matches!(
        Lane::parse("US", Some("97201<script>")),
        Err(LaneError::PostalCode(_))
    ));
    assert!(matches!(
        Lane::parse("US", Some("1234567890123")),
        Err(LaneError::PostalCode(_))
    ));
    assert_eq!(postal_prefix("9-7"), Some("97".to_owned()));
    assert_eq!(postal_prefix("--"), None);
}

#[test]
fn cutoffs_are_hours_and_minutes() {
    assert_eq!(OrderCutoff::default().to_string(), "14:00");
    assert_eq!(OrderCutoff::parse("09:30").unwrap().to_string(), "09:30");
    for bad in ["9:30", "24:00", "14:00:00", "noon", ""] {
        assert!(OrderCutoff::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn basis_names_round_trip() {
    for basis in PromiseBasis::ALL {
        assert_eq!(PromiseBasis::parse(basis.as_str()), Ok(basis));
    }
    assert_eq!(
        serde_json::to_value(PromiseBasis::Country).unwrap(),
        serde_json::json!("country")
    );
}
