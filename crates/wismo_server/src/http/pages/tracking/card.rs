//! A parcel's card on the tracking page (its lead, banner, action, steps and scans) and the
//! order's own card before its parcels move.

use super::*;

/// One parcel as its card shows it.
pub(super) struct Parcel<'a> {
    pub(super) shipment: &'a Shipment,
    /// Oldest first.
    pub(super) events: &'a [TrackingEvent],
    pub(super) store: &'a str,
    /// The zone the page's times are in.
    pub(super) tz: chrono_tz::Tz,
    /// The day it is in that zone.
    pub(super) today: chrono::NaiveDate,
}

/// How many scans show before "Show all".
const LATEST_SCANS: usize = 3;

pub(super) fn card(
    texts: &Texts,
    lang: &Locale,
    p: &Parcel<'_>,
    heading: Option<String>,
    emails: impl Fn(Moment) -> bool,
) -> ShipmentCard {
    let s = p.shipment;
    let say = |id: &str, args: &[(&str, &str)]| texts.message(lang, id, args);
    let carrier = s.carrier.as_ref().map(|c| carrier_name(c.as_str()));
    let mut events: Vec<EventLine> = p
        .events
        .iter()
        .rev()
        .map(|e| event_line(texts, lang, p.tz, e))
        .collect();
    let older = events.split_off(events.len().min(LATEST_SCANS));
    let show_all = (!older.is_empty()).then(|| {
        say(
            "updates-show-all",
            &[("count", &(events.len() + older.len()).to_string())],
        )
    });
    ShipmentCard {
        heading,
        stage: s.stage.as_str(),
        texts: promised(texts, lang, s.stage, emails),
        banner: banner(texts, lang, s.stage, s.substatus),
        steps: progress(texts, lang, p),
        hero: hero(texts, lang, p, carrier.as_deref()),
        action: None,
        facts: facts(texts, lang, s, p.today),
        rating: None,
        returns_link: None,
        carrier_link: s.carrier.as_ref().and_then(|c| {
            let url = carrier_site(c.as_str(), s.tracking_number.as_str())?;
            let name = carrier_name(c.as_str());
            Some((url, say("carrier-site", &[("carrier", &name)])))
        }),
        carrier,
        tracking_number: s.tracking_number.to_string(),
        events,
        older,
        show_all,
    }
}

/// A scan as the page lists it: its time in the page's zone, its kind in the page's
/// language with the carrier's words beside it (or the carrier's words alone, written as
/// a sentence), and its place without repeats.
pub(super) fn event_line(
    texts: &Texts,
    lang: &Locale,
    tz: chrono_tz::Tz,
    e: &TrackingEvent,
) -> EventLine {
    let carrier_words = scan::sentence(&e.description);
    let said = scan::kind(e.stage, e.substatus, &e.description)
        .map(|kind| texts.message(lang, &format!("scan-{}", kind.as_str()), &[]));
    let (description, original) = match said {
        Some(said) if !carrier_words.is_empty() && !said.eq_ignore_ascii_case(&carrier_words) => {
            (said, Some(carrier_words))
        }
        Some(said) => (said, None),
        None => (carrier_words, None),
    };
    EventLine {
        datetime: e.occurred_at.to_rfc3339(),
        when: lang::format_date(texts, lang, "date-event", &e.occurred_at.with_timezone(&tz)),
        description,
        original,
        location: e.location.as_deref().and_then(scan::place),
    }
}

/// "Times are Berlin time (CET).": the zone of the page's times, as its city and its
/// abbreviation now.
pub(super) fn zone_label(
    texts: &Texts,
    lang: &Locale,
    tz: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let name = tz.name();
    let city = name.rsplit('/').next().unwrap_or(name).replace('_', " ");
    let abbreviation = now.with_timezone(&tz).format("%Z").to_string();
    texts.message(
        lang,
        "updates-zone",
        &[("zone", &city), ("abbreviation", &abbreviation)],
    )
}

/// The carrier's facts that fit the parcel's state, as the card's lines: the pickup point
/// and its hours while it waits there, the amount due while customs hold it, where it was
/// left and who signed once delivered.
pub(super) fn facts(
    texts: &Texts,
    lang: &Locale,
    s: &Shipment,
    today: chrono::NaiveDate,
) -> Vec<(String, String)> {
    let say = |id: &str| texts.message(lang, id, &[]);
    let f = shown_facts(s, today);
    let mut lines = Vec::new();
    let mut add = |id: &str, value: Option<String>| {
        if let Some(value) = value {
            lines.push((say(id), value));
        }
    };
    let pickup = f.pickup.as_ref();
    let place = pickup.and_then(|p| match (&p.name, &p.address) {
        (Some(name), Some(address)) => Some(format!("{name}, {address}")),
        (name, address) => name.clone().or_else(|| address.clone()),
    });
    add("fact-pickup", place);
    add("fact-hours", pickup.and_then(|p| p.hours.clone()));
    add("fact-amount-due", f.amount_due.as_ref().map(amount));
    add("fact-left-at", f.left_at);
    add("fact-signed-by", f.signed_by);
    lines
}

/// The parcel's facts the page shows in its state, and only those (the card's lines, its
/// lead and its action read them; `/t/{token}.json` gives them as they are): the pickup
/// point while the parcel waits there; the amount due while customs hold it, with its pay
/// page while duties are to be paid; after a failed attempt the next one (not a day gone
/// by) and the rearrange page; where it was left and who signed once delivered.
pub(super) fn shown_facts(s: &Shipment, today: chrono::NaiveDate) -> wismo_domain::ParcelFacts {
    let f = &s.facts;
    let none = wismo_domain::ParcelFacts::default();
    match (s.stage, s.substatus) {
        (Stage::AvailableForPickup, _) => wismo_domain::ParcelFacts {
            pickup: f.pickup.clone(),
            ..none
        },
        (
            stage,
            Some(
                sub @ (Substatus::CustomsPayment
                | Substatus::CashOnDelivery
                | Substatus::CustomsHold),
            ),
        ) => {
            let pays = matches!(stage, Stage::ActionRequired | Stage::Exception)
                && sub == Substatus::CustomsPayment;
            wismo_domain::ParcelFacts {
                amount_due: f.amount_due.clone().map(|a| wismo_domain::AmountDue {
                    pay_url: a.pay_url.filter(|_| pays),
                    ..a
                }),
                ..none
            }
        }
        (Stage::ActionRequired, Some(Substatus::FailedAttempt)) => wismo_domain::ParcelFacts {
            next_attempt: f.next_attempt.filter(|d| *d >= today),
            rearrange_url: f.rearrange_url.clone(),
            ..none
        },
        (Stage::Delivered, _) => wismo_domain::ParcelFacts {
            left_at: f.left_at.clone(),
            signed_by: f.signed_by.clone(),
            ..none
        },
        _ => none,
    }
}

/// "24.50 EUR".
fn amount(due: &wismo_domain::AmountDue) -> String {
    format!("{} {}", due.amount, due.currency)
}

/// The one action a parcel's state calls for, if any: pay duties or rearrange a delivery
/// at the carrier's site, see the pickup point on a map, correct the address, or say a
/// parcel the carrier calls delivered did not come (the form below, with that choice made;
/// `position` is the parcel's place in the order when the form asks which).
pub(super) fn primary_action(
    texts: &Texts,
    lang: &Locale,
    p: &Parcel<'_>,
    position: Option<usize>,
) -> Option<PrimaryAction> {
    let s = p.shipment;
    let shown = shown_facts(s, p.today);
    let say = |id: &str, args: &[(&str, &str)]| texts.message(lang, id, args);
    let carrier = s.carrier.as_ref().map(|c| c.as_str());
    let on_carrier_site = |id: &str| {
        let code = carrier?;
        let url = carrier_site(code, s.tracking_number.as_str())?;
        Some(PrimaryAction {
            url,
            label: say(id, &[("carrier", &carrier_name(code))]),
            external: true,
        })
    };
    let ask = |kind: RequestKind, id: &str| {
        let mut url = format!("?lang={}&ask={}", texts.resolve(lang), kind.as_str());
        if let Some(position) = position {
            url.push_str(&format!("&parcel={position}"));
        }
        url.push_str("#actions");
        Some(PrimaryAction {
            url,
            label: say(id, &[]),
            external: false,
        })
    };
    // The carrier's own page for this parcel, when its data named one.
    let given = |url: Option<&String>, label: String| {
        url.map(|url| PrimaryAction {
            url: url.clone(),
            label,
            external: true,
        })
    };
    let carrier_words = carrier.map(carrier_name).unwrap_or_default();
    match (s.stage, s.substatus) {
        (Stage::ActionRequired | Stage::Exception, Some(Substatus::CustomsPayment)) => {
            let due = shown.amount_due.as_ref();
            let label = match due {
                Some(due) if !carrier_words.is_empty() => say(
                    "do-pay-amount",
                    &[("amount", &amount(due)), ("carrier", &carrier_words)],
                ),
                _ => say("do-pay-duties", &[("carrier", &carrier_words)]),
            };
            given(due.and_then(|d| d.pay_url.as_ref()), label)
                .or_else(|| on_carrier_site("do-pay-duties"))
        }
        (Stage::ActionRequired, Some(Substatus::FailedAttempt)) => given(
            shown.rearrange_url.as_ref(),
            say("do-rearrange", &[("carrier", &carrier_words)]),
        )
        .or_else(|| on_carrier_site("do-rearrange"))
        .or_else(|| ask(RequestKind::Redeliver, "do-redeliver")),
        (Stage::ActionRequired, Some(Substatus::AddressProblem)) => {
            ask(RequestKind::WrongAddress, "do-address")
        }
        (Stage::AvailableForPickup, _) => {
            let place = shown
                .pickup
                .as_ref()
                .and_then(|p| p.address.clone())
                .or_else(|| {
                    p.events
                        .iter()
                        .rev()
                        .find(|e| e.stage == Stage::AvailableForPickup)
                        .and_then(|e| e.location.as_deref())
                        .and_then(scan::place)
                })?;
            let query: String = form_urlencoded::byte_serialize(place.as_bytes()).collect();
            Some(PrimaryAction {
                url: format!("https://www.openstreetmap.org/search?query={query}"),
                label: say("do-map", &[]),
                external: true,
            })
        }
        (Stage::Delivered, _) => ask(RequestKind::NotReceived, "do-not-received"),
        _ => None,
    }
}

/// The card's lead: status and date in one sentence, by stage.
pub(super) fn hero(texts: &Texts, lang: &Locale, p: &Parcel<'_>, carrier: Option<&str>) -> Hero {
    let s = p.shipment;
    let say = |id: &str, args: &[(&str, &str)]| texts.message(lang, id, args);
    let day = |d: chrono::NaiveDate| lang::format_day(texts, lang, d);
    let last_of = |stage: Stage| p.events.iter().rev().find(|e| e.stage == stage);
    let lead = |icon, headline| Hero {
        icon,
        headline,
        detail: None,
        note: None,
    };
    match s.stage {
        Stage::Delivered => {
            let scan = last_of(Stage::Delivered);
            let at = s
                .delivered_at
                .or_else(|| scan.map(|e| e.occurred_at.with_timezone(&chrono::Utc)));
            let headline = match at {
                Some(at) => {
                    let when =
                        lang::format_date(texts, lang, "date-delivered", &at.with_timezone(&p.tz));
                    say("hero-delivered", &[("date", &when)])
                }
                None => texts.stage(lang, Stage::Delivered).label,
            };
            // What the carrier said at the door ("left at the front door", "signed by …"),
            // when it said more than "delivered".
            let detail = scan
                .map(|e| scan::sentence(&e.description))
                .filter(|d| {
                    let bare = d.trim_end_matches('.').to_lowercase();
                    !bare.is_empty() && bare != "delivered"
                })
                .map(|note| say("hero-carrier-note", &[("note", &note)]));
            Hero {
                detail,
                ..lead("check", headline)
            }
        }
        Stage::AvailableForPickup => {
            let scan = last_of(Stage::AvailableForPickup);
            let hold_until = shown_facts(s, p.today).pickup.and_then(|p| p.hold_until);
            let headline = match scan {
                _ if hold_until.is_some() => {
                    let until = hold_until.map(day).unwrap_or_default();
                    say("hero-pickup-until", &[("date", &until)])
                }
                Some(e) => {
                    let since = day(e.occurred_at.with_timezone(&p.tz).date_naive());
                    say("hero-pickup-since", &[("date", &since)])
                }
                None => say("hero-pickup", &[]),
            };
            let detail = scan
                .and_then(|e| e.location.as_deref())
                .and_then(scan::place)
                .map(|place| say("hero-pickup-at", &[("place", &place)]));
            Hero {
                detail,
                ..lead("pin", headline)
            }
        }
        Stage::Returned => lead("back", say("hero-returned", &[("store", p.store)])),
        Stage::Cancelled => lead("alert", say("hero-cancelled", &[])),
        Stage::Expired => lead("alert", say("hero-expired", &[])),
        Stage::Ordered | Stage::Pending => lead("box", say("hero-preparing", &[])),
        // A date would mislead while the carrier sorts a problem out or waits for the
        // customer: the banner below says what happened.
        Stage::Exception => lead("alert", say("hero-exception", &[])),
        Stage::ActionRequired => Hero {
            // A day gone by belonged to an earlier attempt: not shown.
            detail: shown_facts(s, p.today)
                .next_attempt
                .map(|d| say("hero-next-attempt", &[("date", &day(d))])),
            ..lead("alert", say("hero-action_required", &[]))
        },
        _ => estimated(texts, lang, p, carrier),
    }
}

/// The lead of a parcel on its way: its delivery day or window, never a day gone by as if
/// it still held.
pub(super) fn estimated(
    texts: &Texts,
    lang: &Locale,
    p: &Parcel<'_>,
    carrier: Option<&str>,
) -> Hero {
    let s = p.shipment;
    let say = |id: &str, args: &[(&str, &str)]| texts.message(lang, id, args);
    let day = |d: chrono::NaiveDate| lang::format_day(texts, lang, d);
    let icon = match s.stage {
        Stage::Delayed => "alert",
        Stage::InfoReceived => "box",
        _ => "truck",
    };
    let Some(estimate) = s.estimate else {
        let headline = match s.stage {
            Stage::OutForDelivery => say("hero-out-for-delivery", &[]),
            Stage::Delayed => say("hero-delayed", &[]),
            _ => say("hero-unknown", &[]),
        };
        return Hero {
            icon,
            headline,
            detail: Some(say("estimate-unknown", &[])),
            note: None,
        };
    };
    if estimate.until < p.today {
        // The day passed without a delivery: say so, and that a new date will come.
        return Hero {
            icon: "alert",
            headline: say("hero-was-due", &[("date", &day(estimate.until))]),
            detail: Some(say("estimate-stale", &[])),
            note: None,
        };
    }
    let headline = if s.stage == Stage::Delayed {
        say("hero-delayed-until", &[("date", &day(estimate.until))])
    } else if estimate.is_single_day() || estimate.until == p.today {
        say("hero-arriving", &[("date", &day(estimate.until))])
    } else if estimate.from <= p.today {
        // A window that began already: by its last day.
        say("hero-arriving-by", &[("date", &day(estimate.until))])
    } else {
        say(
            "hero-arriving-window",
            &[
                ("from", &day(estimate.from)),
                ("until", &day(estimate.until)),
            ],
        )
    };
    let note = match (estimate.basis, carrier) {
        (EstimateBasis::Carrier, Some(carrier)) => {
            say("estimate-by-carrier", &[("carrier", carrier)])
        }
        _ => say("estimate-predicted", &[]),
    };
    // A date that moved later says what the customer was first told.
    let detail = s
        .first_estimate_until
        .filter(|first| *first < estimate.until)
        .map(|first| say("hero-first-due", &[("date", &day(first))]));
    Hero {
        icon,
        headline,
        detail,
        note: Some(note),
    }
}

/// A banner for a parcel that is late or needs the customer, with the reason if known.
pub(super) fn banner(
    texts: &Texts,
    lang: &Locale,
    stage: Stage,
    substatus: Option<Substatus>,
) -> Option<Banner> {
    if !matches!(
        stage,
        Stage::Delayed | Stage::ActionRequired | Stage::Exception
    ) {
        return None;
    }
    let reason = substatus.and_then(|sub| {
        let id = format!("reason-{}", sub.as_str());
        let text = texts.message(lang, &id, &[]);
        (text != id).then_some(text)
    });
    Some(Banner {
        title: texts.message(lang, &format!("banner-{}", stage.as_str()), &[]),
        reason,
        advice: None,
    })
}

/// The five steps of the progress line, how far the parcel got, the day it reached each
/// step, and the step where its trouble happened. A parcel at a pickup point has "Ready
/// for pickup" and "Collected" for its last two steps; a returning one "Returning" for
/// its third.
pub(super) fn progress(texts: &Texts, lang: &Locale, p: &Parcel<'_>) -> Vec<ProgressStep> {
    let s = p.shipment;
    let pickup = s.stage == Stage::AvailableForPickup
        || (s.stage == Stage::Delivered
            && p.events
                .iter()
                .any(|e| e.stage == Stage::AvailableForPickup));
    let steps: [&str; 5] = [
        "step-ordered",
        "step-shipped",
        if s.stage == Stage::Returned {
            "step-returning"
        } else {
            "step-in_transit"
        },
        if pickup {
            "step-ready_for_pickup"
        } else {
            "step-out_for_delivery"
        },
        if pickup {
            "step-collected"
        } else {
            "step-delivered"
        },
    ];
    let reached = step_of(s.stage, s.substatus, s.shipped_at.is_some());
    let troubled = matches!(
        s.stage,
        Stage::Delayed | Stage::Exception | Stage::ActionRequired | Stage::Returned
    );
    // The first day a scan reached each step.
    let mut days: [Option<chrono::NaiveDate>; 5] = [None; 5];
    for e in p.events {
        let step = step_of(e.stage, e.substatus, true);
        if let Some(slot) = days.get_mut(step).filter(|d| d.is_none()) {
            *slot = Some(e.occurred_at.with_timezone(&p.tz).date_naive());
        }
    }
    if let (Some(at), None) = (s.shipped_at, days[1]) {
        days[1] = Some(at.with_timezone(&p.tz).date_naive());
    }
    steps
        .iter()
        .enumerate()
        .map(|(i, id)| ProgressStep {
            label: texts.message(lang, id, &[]),
            state: match i.cmp(&reached) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "todo",
            },
            date: days
                .get(i)
                .copied()
                .flatten()
                .filter(|_| i <= reached)
                .map(|d| lang::format_date(texts, lang, "date-day-short", &noon(d))),
            problem: troubled && i == reached,
        })
        .collect()
}

/// Midday of a day, for formatting it.
pub(super) fn noon(day: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc() + chrono::Duration::hours(12)
}

/// Which of the five steps (0 to 4) a parcel in `stage` has reached.
pub(super) fn step_of(stage: Stage, substatus: Option<Substatus>, shipped: bool) -> usize {
    match stage {
        Stage::Ordered | Stage::Pending | Stage::Cancelled => 0,
        Stage::InfoReceived => 1,
        Stage::InTransit | Stage::Delayed | Stage::Exception | Stage::Returned => 2,
        Stage::ActionRequired if substatus == Some(Substatus::FailedAttempt) => 3,
        Stage::ActionRequired => 2,
        Stage::Expired if shipped => 2,
        Stage::Expired => 0,
        Stage::OutForDelivery | Stage::AvailableForPickup => 3,
        Stage::Delivered => 4,
    }
}

/// An order's own card, on its page, while it is being prepared (no parcel yet, or items
/// no parcel holds), or once it was cancelled; `None` when every item has shipped.
pub(super) fn preparing(
    texts: &Texts,
    lang: &Locale,
    view: &TrackingView,
    thumbnails: &Thumbnails,
    tz: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<Preparing> {
    use wismo_domain::fulfilment::OrderProgress;
    let order = &view.order;
    let say = |id: &str, args: &[(&str, &str)]| texts.message(lang, id, args);
    let day = |d: chrono::NaiveDate| lang::format_day(texts, lang, d);
    let progress = OrderProgress::of(order);
    let waiting = progress.waiting(order);
    let cancelled = progress.stage == Stage::Cancelled;
    if !cancelled && progress.stage != Stage::Ordered {
        return None;
    }
    let partly = progress.substatus == Some(Substatus::PartiallyShipped);
    let today = now.with_timezone(&tz).date_naive();
    let placed = order.placed_at.unwrap_or(order.created_at);
    let hero = if cancelled {
        Hero {
            icon: "alert",
            headline: say("preparing-cancelled", &[]),
            detail: None,
            note: None,
        }
    } else {
        // The window promised at checkout while it is still ahead, else the store's own
        // promised day; and the day it should leave, while that is ahead.
        let window = order
            .promise
            .as_ref()
            .filter(|p| p.until >= today)
            .map(|p| (p.from.max(today), p.until));
        let arrival = match window {
            Some((from, until)) if from == until => {
                Some(say("hero-arriving", &[("date", &day(until))]))
            }
            Some((from, until)) => Some(say(
                "hero-arriving-window",
                &[("from", &day(from)), ("until", &day(until))],
            )),
            None => order
                .promised_date
                .filter(|d| *d >= today)
                .map(|d| say("hero-arriving-by", &[("date", &day(d))])),
        };
        let ships_by = order
            .promise
            .as_ref()
            .map(|p| p.ships_by)
            .filter(|d| *d >= today && order.stalled_at.is_none())
            .map(|d| say("preparing-ships-by", &[("date", &day(d))]));
        Hero {
            icon: if order.stalled_at.is_some() {
                "alert"
            } else {
                "box"
            },
            headline: if order.stalled_at.is_some() {
                say("preparing-late", &[])
            } else if partly {
                say("preparing-rest", &[])
            } else {
                say("hero-preparing", &[])
            },
            detail: arrival,
            note: ships_by,
        }
    };
    let step = |id: &str, state: &'static str, date: Option<String>| ProgressStep {
        label: say(id, &[]),
        state,
        date,
        problem: false,
    };
    let placed_day = lang::format_date(texts, lang, "date-day-short", &placed.with_timezone(&tz));
    let steps = if cancelled {
        Vec::new()
    } else {
        vec![
            step("step-ordered", "done", Some(placed_day)),
            step("step-preparing", "current", None),
            step("step-shipped", "todo", None),
            step("step-delivered", "todo", None),
        ]
    };
    let mut texts_now = texts.stage(
        lang,
        if cancelled {
            Stage::Cancelled
        } else {
            Stage::Ordered
        },
    );
    if cancelled {
        texts_now.label = say("order-cancelled", &[]);
        texts_now.happened = say("order-cancelled-happened", &[]);
        texts_now.next = say("order-cancelled-next", &[]);
        texts_now.todo = say("order-cancelled-todo", &[]);
    }
    Some(Preparing {
        stage: if cancelled { "cancelled" } else { "ordered" },
        texts: texts_now,
        hero,
        steps,
        waiting_heading: (partly && !cancelled).then(|| say("preparing-waiting", &[])),
        waiting: if partly && !cancelled {
            waiting
                .into_iter()
                .map(|(line, n)| item_line(texts, lang, view, thumbnails, line, n))
                .collect()
        } else {
            Vec::new()
        },
    })
}

/// The carrier's own tracking page for a number, where wismo knows it.
pub(super) fn carrier_site(code: &str, number: &str) -> Option<String> {
    let url = match code {
        "ups" => "https://www.ups.com/track?tracknum=",
        "fedex" => "https://www.fedex.com/fedextrack/?trknbr=",
        "usps" => "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
        "dhl" => "https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id=",
        _ => return None,
    };
    // Tracking numbers are letters and digits only (checked when stored).
    Some(format!("{url}{number}"))
}

/// A stage's texts, with the "what you should do" of the stages that promise news saying
/// only what will happen: an email when the store sends one for the next moment and the
/// customer gets it, else that the page keeps itself up to date.
pub(super) fn promised(
    texts: &Texts,
    lang: &Locale,
    stage: Stage,
    emails: impl Fn(Moment) -> bool,
) -> StageTexts {
    let mut said = texts.stage(lang, stage);
    let next = match stage {
        Stage::Ordered => Milestone::Shipped,
        Stage::InfoReceived | Stage::InTransit => Milestone::OutForDelivery,
        _ => return said,
    };
    said.todo = if emails(Moment::Milestone(next)) {
        texts.message(lang, &format!("todo-email-{}", next.as_str()), &[])
    } else {
        texts.message(lang, "todo-page", &[])
    };
    said
}

/// The line for `item`, `quantity` of it, with its thumbnail when one is kept.
pub(super) fn item_line(
    texts: &Texts,
    lang: &Locale,
    view: &TrackingView,
    thumbnails: &Thumbnails,
    item: &wismo_domain::LineItem,
    quantity: u32,
) -> ItemLine {
    let image = item.image_url.as_deref().and_then(|url| {
        let key = wismo_store::item_image_key(view.store.id, url);
        thumbnails
            .contains(&key)
            .then(|| format!("/{}/items/{key}", view.store.slug))
    });
    ItemLine {
        name: item.name.clone(),
        quantity: texts.message(lang, "quantity", &[("quantity", &quantity.to_string())]),
        image,
    }
}
