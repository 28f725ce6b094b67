//! The notification policy's decisions.
use super::*;
use chrono_tz::Tz;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 10, h, m, 0)
        .single()
        .unwrap_or_default()
}

struct Case {
    policy: NotifyPolicy,
    consent: Consent,
    reachable: Vec<Channel>,
    tz: Tz,
    now: DateTime<Utc>,
    registered_at: DateTime<Utc>,
    moments: Vec<(Moment, DateTime<Utc>)>,
    open: Vec<OpenMessage>,
    sent_today: BTreeMap<Channel, u32>,
}

impl Case {
    fn new(moments: &[Milestone]) -> Case {
        let now = at(14, 0);
        Case {
            policy: NotifyPolicy::default(),
            consent: Consent::default(),
            reachable: vec![Channel::Email, Channel::Sms],
            tz: Tz::UTC,
            now,
            registered_at: at(9, 0),
            moments: moments
                .iter()
                .map(|m| (Moment::Milestone(*m), now))
                .collect(),
            open: Vec::new(),
            sent_today: BTreeMap::new(),
        }
    }

    fn decide(&self) -> Vec<Decision> {
        decide(&Facts {
            policy: &self.policy,
            server_burst_secs: 120,
            consent: self.consent,
            reachable: &self.reachable,
            tz: self.tz,
            now: self.now,
            registered_at: self.registered_at,
            moments: &self.moments,
            open: &self.open,
            sent_today: &self.sent_today,
        })
    }

    fn on(&self, channel: Channel) -> Option<Decision> {
        self.decide().into_iter().find(|d| match d {
            Decision::New { channel: c, .. } | Decision::Join { channel: c, .. } => *c == channel,
        })
    }
}

fn new_moment(d: &Option<Decision>) -> Option<(Moment, Option<SkipReason>)> {
    match d {
        Some(Decision::New {
            moment, skipped, ..
        }) => Some((*moment, *skipped)),
        _ => None,
    }
}

#[test]
fn names_round_trip() {
    for c in Channel::ALL {
        assert_eq!(Channel::parse(c.as_str()).ok(), Some(c));
    }
    for m in Moment::all() {
        assert_eq!(Moment::parse(m.as_str()).ok(), Some(m));
    }
    for s in NotificationStatus::ALL {
        assert_eq!(NotificationStatus::parse(s.as_str()).ok(), Some(s));
    }
    assert!(Moment::parse("teleported").is_err());
    let json = serde_json::to_string(&NotifyPolicy::default()).unwrap_or_default();
    let back: NotifyPolicy = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, NotifyPolicy::default());
    assert!(json.contains("\"21:00\""), "{json}");
}

#[test]
fn a_shipment_registered_in_transit_gets_one_message_about_where_it_stands() {
    let case = Case::new(&[Milestone::Shipped, Milestone::InTransit]);
    // Email does not tell "in transit" by itself: the latest moment it tells is
    // "shipped", and the message describes the shipment as it is now.
    assert_eq!(
        new_moment(&case.on(Channel::Email)),
        Some((Moment::Milestone(Milestone::Shipped), None))
    );
    let emails = case
        .decide()
        .into_iter()
        .filter(|d| {
            matches!(
                d,
                Decision::New {
                    channel: Channel::Email,
                    ..
                }
            )
        })
        .count();
    assert_eq!(emails, 1);
}

#[test]
fn nothing_is_sent_for_a_delivery_long_before_registration() {
    let mut case = Case::new(&[Milestone::Delivered]);
    case.moments[0].1 = case.registered_at - Duration::hours(25);
    assert_eq!(case.on(Channel::Email), None);
    case.moments[0].1 = case.registered_at - Duration::hours(23);
    assert!(case.on(Channel::Email).is_some());
}

#[test]
fn a_moment_within_the_burst_window_joins_the_open_message() {
    let mut case = Case::new(&[Milestone::Delivered]);
    case.open = vec![OpenMessage {
        id: 7,
        channel: Channel::Email,
        moment: Moment::Milestone(Milestone::OutForDelivery),
        burst_until: case.now + Duration::seconds(30),
    }];
    assert_eq!(
        case.on(Channel::Email),
        Some(Decision::Join {
            id: 7,
            channel: Channel::Email,
            moment: Moment::Milestone(Milestone::Delivered)
        })
    );
    // Once the window has passed, a new message.
    case.open[0].burst_until = case.now;
    assert!(matches!(
        case.on(Channel::Email),
        Some(Decision::New { .. })
    ));
}

#[test]
fn the_burst_window_is_fixed_from_the_first_moment() {
    let case = Case::new(&[Milestone::OutForDelivery]);
    let Some(Decision::New {
        send_at,
        burst_until,
        ..
    }) = case.on(Channel::Email)
    else {
        panic!("no email");
    };
    assert_eq!(burst_until, case.now + Duration::seconds(120));
    assert_eq!(send_at, burst_until);
    let mut zero = Case::new(&[Milestone::OutForDelivery]);
    zero.policy.burst_secs = Some(0);
    assert!(matches!(
        zero.on(Channel::Email),
        Some(Decision::New { send_at, .. }) if send_at == zero.now
    ));
}

#[test]
fn a_critical_moment_is_not_hidden_by_a_later_routine_one() {
    assert_eq!(
        later(
            Moment::Milestone(Milestone::ActionRequired),
            Moment::Milestone(Milestone::InTransit)
        ),
        Moment::Milestone(Milestone::ActionRequired)
    );
    assert_eq!(
        later(
            Moment::Milestone(Milestone::OutForDelivery),
            Moment::Milestone(Milestone::Exception)
        ),
        Moment::Milestone(Milestone::Exception)
    );
}

#[test]
fn the_daily_cap_skips_all_but_critical_moments() {
    let mut case = Case::new(&[Milestone::OutForDelivery]);
    case.sent_today.insert(Channel::Email, DEFAULT_DAILY_CAP);
    assert_eq!(
        new_moment(&case.on(Channel::Email)),
        Some((
            Moment::Milestone(Milestone::OutForDelivery),
            Some(SkipReason::DailyCap)
        ))
    );
    case.moments = vec![(Moment::Milestone(Milestone::ActionRequired), case.now)];
    assert_eq!(
        new_moment(&case.on(Channel::Email)),
        Some((Moment::Milestone(Milestone::ActionRequired), None))
    );
}

#[test]
fn consent_and_store_switches_decide_the_channels() {
    let mut case = Case::new(&[Milestone::OutForDelivery]);
    assert!(case.on(Channel::Email).is_some());
    assert_eq!(case.on(Channel::Sms), None, "texts need the customer's yes");
    case.consent.sms = true;
    assert!(case.on(Channel::Sms).is_some());
    case.policy.off.insert(Channel::Sms);
    assert_eq!(case.on(Channel::Sms), None);
    case.consent = case.consent.without(&[Channel::Email]);
    assert_eq!(case.on(Channel::Email), None);
    case.consent.email = true;
    case.reachable = vec![];
    assert_eq!(case.on(Channel::Email), None, "no address, no email");
}

#[test]
fn quiet_hours_delay_texts_in_the_customers_zone_and_leave_email_alone() {
    // 03:00 UTC is 23:00 in New York (quiet), 05:00 in Berlin (quiet).
    let mut case = Case::new(&[Milestone::ActionRequired]);
    case.now = Utc
        .with_ymd_and_hms(2026, 6, 10, 3, 0, 0)
        .single()
        .unwrap_or_default();
    case.consent.sms = true;
    case.tz = Tz::America__New_York;
    let Some(Decision::New { send_at, .. }) = case.on(Channel::Sms) else {
        panic!("no text");
    };
    // Released at 08:00 New York time, 12:00 UTC.
    assert_eq!(
        send_at,
        Utc.with_ymd_and_hms(2026, 6, 10, 12, 0, 0)
            .single()
            .unwrap_or_default()
    );
    let Some(Decision::New { send_at, .. }) = case.on(Channel::Email) else {
        panic!("no email");
    };
    assert_eq!(send_at, case.now + Duration::seconds(120));
}

#[test]
fn an_out_for_delivery_text_held_past_the_day_is_skipped() {
    let mut case = Case::new(&[Milestone::OutForDelivery]);
    case.consent.sms = true;
    case.tz = Tz::Europe__Berlin;
    // 20:30 UTC is 22:30 in Berlin: held until 08:00 the next day.
    case.now = at(20, 30);
    assert_eq!(
        new_moment(&case.on(Channel::Sms)),
        Some((
            Moment::Milestone(Milestone::OutForDelivery),
            Some(SkipReason::DayOver)
        ))
    );
    // Early morning the same day: held until 08:00, still today.
    case.now = at(4, 0);
    assert_eq!(
        new_moment(&case.on(Channel::Sms)),
        Some((Moment::Milestone(Milestone::OutForDelivery), None))
    );
}

#[test]
fn quiet_hours_across_midnight_and_within_a_day() {
    let night = QuietHours::default();
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    assert!(night.contains(t(22, 0)) && night.contains(t(3, 0)));
    assert!(!night.contains(t(8, 0)) && !night.contains(t(20, 59)));
    let lunch = QuietHours {
        start: t(12, 0),
        end: t(13, 0),
    };
    assert!(lunch.contains(t(12, 30)) && !lunch.contains(t(13, 0)));
    let noon = at(12, 30);
    assert_eq!(lunch.release(noon, Tz::UTC), at(13, 0));
    assert_eq!(lunch.release(at(14, 0), Tz::UTC), at(14, 0));
}

#[test]
fn the_zone_is_the_customers_then_the_countrys_then_the_stores() {
    let fr = CountryCode::parse("FR").ok();
    let us = CountryCode::parse("US").ok();
    assert_eq!(
        recipient_zone(Some(Tz::Asia__Tokyo), fr.as_ref(), Tz::UTC),
        Tz::Asia__Tokyo
    );
    assert_eq!(
        recipient_zone(None, fr.as_ref(), Tz::UTC),
        Tz::Europe__Paris
    );
    assert_eq!(
        recipient_zone(None, us.as_ref(), Tz::America__Chicago),
        Tz::America__Chicago
    );
}

#[test]
fn merchant_webhooks_hear_every_moment_at_once() {
    let mut case = Case::new(&[Milestone::InTransit]);
    case.sent_today.insert(Channel::Webhook, 100);
    assert!(matches!(
        case.on(Channel::Webhook),
        Some(Decision::New { send_at, skipped: None, .. }) if send_at == case.now
    ));
}

#[test]
fn a_policy_outside_its_bounds_is_refused() {
    let mut policy = NotifyPolicy::default();
    assert!(policy.check().is_ok());
    policy.daily_cap = 0;
    policy.burst_secs = Some(MAX_BURST_SECS + 1);
    let errors = policy.check().err().unwrap_or_default();
    assert!(errors.names("daily_cap") && errors.names("burst_secs"));
}

#[test]
fn dates_moved_by_a_day_or_more() {
    let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 6, day);
    assert!(date_moved(d(10), d(11)));
    assert!(date_moved(d(12), d(10)));
    assert!(!date_moved(d(10), d(10)));
    assert!(!date_moved(None, d(10)));
}

#[test]
fn a_new_order_is_confirmed_unless_its_platform_does_it_or_it_is_old_news() {
    use crate::OrderSource;
    let policy = NotifyPolicy::default();
    let now = at(12, 0);
    assert!(confirms(&policy, OrderSource::Api, None, now));
    assert!(confirms(&policy, OrderSource::Generic, Some(now), now));
    // Shopify and WooCommerce send their own, unless the store asks.
    assert!(!confirms(&policy, OrderSource::Shopify, Some(now), now));
    assert!(!confirms(&policy, OrderSource::WooCommerce, None, now));
    let asks = NotifyPolicy {
        confirm_platform_orders: true,
        ..NotifyPolicy::default()
    };
    assert!(confirms(&asks, OrderSource::Shopify, Some(now), now));
    // Never an import, never an order placed more than a day before it arrived.
    assert!(!confirms(&asks, OrderSource::Import, Some(now), now));
    let old = now - Duration::hours(25);
    assert!(!confirms(&policy, OrderSource::Api, Some(old), now));
    assert!(confirms(
        &policy,
        OrderSource::Api,
        Some(now - Duration::hours(23)),
        now
    ));
}

#[test]
fn a_stores_stall_days_are_checked() {
    let bad = NotifyPolicy {
        stall_days: 0,
        ..NotifyPolicy::default()
    };
    assert!(bad.check().is_err());
    assert_eq!(NotifyPolicy::default().stall_days, 3);
}
