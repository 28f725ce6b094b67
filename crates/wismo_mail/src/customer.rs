//! The shipping update a customer gets: what happened, what happens next, what to do, the
//! delivery date, the items, and one button to the tracking page.

use chrono::NaiveDate;
use wismo_domain::notify::Moment;
use wismo_domain::{HexColor, Locale, Milestone, Stage, StageTexts, Substatus, Texts};

use crate::layout::{Block, Doc, Span, one_line, text};
use crate::look::Colors;
use crate::words::{Placeholders, fill};
use crate::{MailError, Rendered, dates};

/// How the store looks in its emails.
#[derive(Debug, Clone, Copy, Default)]
pub struct Brand<'a> {
    pub store_name: &'a str,
    /// Absolute https URL of the logo wismo serves; without it the name is shown as text.
    pub logo_url: Option<&'a str>,
    /// The button's colour (and the stripe at the top).
    pub primary_color: Option<&'a HexColor>,
    /// The links' colour, when it reads on white.
    pub accent_color: Option<&'a HexColor>,
    pub support_email: Option<&'a str>,
}

/// One parcel of the order.
#[derive(Debug, Clone, Copy)]
pub struct Parcel<'a> {
    pub stage: Stage,
    /// Adds the reason to "what happened" when the parcel is late, stuck or waiting.
    pub substatus: Option<Substatus>,
    /// The carrier's display name ("UPS").
    pub carrier: &'a str,
    pub tracking_number: &'a str,
    /// The delivery window, first to last day (equal for one day).
    pub estimate: Option<(NaiveDate, NaiveDate)>,
    pub delivered_on: Option<NaiveDate>,
    /// Whether the email is about this parcel (it reached the moment).
    pub reached: bool,
}

/// One line of the order.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub name: &'a str,
    pub quantity: u32,
}

/// The store's own words for this moment and language, with placeholders (see
/// [`crate::words`]). Either replaces wismo's built-in one.
#[derive(Debug, Clone, Copy, Default)]
pub struct MerchantWords<'a> {
    pub subject: Option<&'a str>,
    pub opening: Option<&'a str>,
}

/// Everything a customer's shipping update says.
#[derive(Debug, Clone)]
pub struct CustomerEmail<'a> {
    pub texts: &'a Texts,
    pub locale: &'a Locale,
    pub brand: Brand<'a>,
    pub moment: Moment,
    pub first_name: Option<&'a str>,
    pub order_number: &'a str,
    pub parcels: Vec<Parcel<'a>>,
    pub items: Vec<Item<'a>>,
    /// For [`Moment::DeliveryDateChanged`]: the day it was due before.
    pub previous_date: Option<NaiveDate>,
    /// The window promised for an order none of whose parcels has a date yet (its
    /// confirmation, or a stalled order's new window), first to last day.
    pub promise: Option<(NaiveDate, NaiveDate)>,
    pub tracking_url: &'a str,
    /// The one-click unsubscribe page; shown in the footer when given.
    pub unsubscribe_url: Option<&'a str>,
    pub words: MerchantWords<'a>,
    /// The merchant's own note (an answer to the customer's request), quoted as written.
    pub note: Option<&'a str>,
}

/// Renders a customer's shipping update.
///
/// The subject says what happened and the order number (the store's own subject when it
/// has one); the preheader is what happens next (for a new delivery date: the new date).
pub fn render_customer(email: &CustomerEmail) -> Result<Rendered, MailError> {
    let (texts, locale) = (email.texts, email.locale);
    let say = |id: &str, args: &[(&str, &str)]| texts.message(locale, id, args);
    let moment = email.moment.as_str();
    let number = email.order_number;
    let store = email.brand.store_name;

    let reached: Vec<&Parcel> = email.parcels.iter().filter(|p| p.reached).collect();
    let about: Vec<&Parcel> = if reached.is_empty() {
        email.parcels.iter().collect()
    } else {
        reached.clone()
    };
    let total = email.parcels.len();
    let scope = if !reached.is_empty() && reached.len() < total {
        "some"
    } else {
        "all"
    };

    let answers = answers(email, &about);
    let date_line = date_line(email, &about);
    let placeholders = Placeholders {
        first_name: email.first_name.map(str::trim).filter(|n| !n.is_empty()),
        order_number: number,
        delivery_date: date_line.as_ref().map(|d| d.date.as_str()),
        store_name: store,
    };
    let own = |template: Option<&str>| {
        template
            .map(|t| fill(t, &placeholders))
            .filter(|t| !t.trim().is_empty())
    };

    let subject = own(email.words.subject).unwrap_or_else(|| {
        say(
            &format!("email-subject-{moment}"),
            &[("number", number), ("scope", scope)],
        )
    });
    let opening = own(email.words.opening).unwrap_or_else(|| match placeholders.first_name {
        Some(name) => say(
            "email-opening-named",
            &[("name", name), ("number", number), ("store", store)],
        ),
        None => say("email-opening", &[("number", number), ("store", store)]),
    });
    let preheader = match (&date_line, email.moment) {
        (Some(line), Moment::DeliveryDateChanged) => line.sentence.clone(),
        _ => answers.next.clone(),
    };

    let (count, list) = parcels(email, reached.len());
    let mut blocks = vec![
        Block::Heading(say(&format!("email-heading-{moment}"), &[])),
        text(opening),
    ];
    if let Some(note) = email.note.map(str::trim).filter(|n| !n.is_empty()) {
        blocks.push(text(say("email-note", &[("store", store)])));
        blocks.push(Block::Quote(note.to_owned()));
    }
    blocks.extend(count);
    for (heading, answer) in [
        ("heading-happened", &answers.happened),
        ("heading-next", &answers.next),
        ("heading-todo", &answers.todo),
    ] {
        blocks.push(Block::Answer {
            heading: say(heading, &[]),
            text: answer.clone(),
        });
    }
    if let Some(line) = &date_line {
        blocks.push(text(line.sentence.clone()));
    }
    blocks.extend(list);
    if !email.items.is_empty() {
        blocks.push(Block::List {
            heading: Some(say("items", &[])),
            lines: email
                .items
                .iter()
                .map(|item| {
                    let quantity = say("quantity", &[("quantity", &item.quantity.to_string())]);
                    format!("{} {quantity}", one_line(item.name))
                })
                .collect(),
        });
    }
    blocks.push(Block::Button {
        label: say("email-track", &[]),
        url: email.tracking_url.to_owned(),
    });

    let mut footer = vec![vec![Span::Text(say("email-why", &[("store", store)]))]];
    if let Some(url) = email.unsubscribe_url {
        footer.push(vec![Span::Link {
            text: say("email-unsubscribe", &[]),
            url: url.to_owned(),
        }]);
    }
    if let Some(address) = email.brand.support_email {
        footer.push(with_address(texts, locale, "email-support", address));
    }

    Doc {
        lang: texts.resolve(locale).to_owned(),
        subject,
        preheader,
        store_name: store.to_owned(),
        logo_url: email.brand.logo_url.map(str::to_owned),
        colors: Colors::new(email.brand.primary_color, email.brand.accent_color),
        blocks,
        footer,
    }
    .render()
}

/// The three answers: the moment's own for moments that are not a parcel's stage,
/// otherwise those of the stage of the parcel the email is about, with the reason when it
/// is in trouble ("The carrier tried to deliver, …").
fn answers(email: &CustomerEmail, about: &[&Parcel]) -> StageTexts {
    let (texts, locale) = (email.texts, email.locale);
    let milestone = match email.moment {
        Moment::DeliveryDateChanged | Moment::FulfillmentStalled => {
            let own = |part: &str| {
                texts.message(
                    locale,
                    &format!("email-{part}-{}", email.moment.as_str()),
                    &[],
                )
            };
            return StageTexts {
                label: String::new(),
                happened: own("happened"),
                next: own("next"),
                todo: own("todo"),
            };
        }
        Moment::OrderConfirmed => return texts.stage(locale, Stage::Ordered),
        // Sent by hand: where the order stands now.
        Moment::TrackingLink | Moment::RequestAnswered => {
            let stage = about.first().map_or(Stage::Ordered, |p| p.stage);
            return texts.stage(locale, stage);
        }
        Moment::Milestone(m) => m,
    };
    let parcel = about
        .iter()
        .find(|p| Milestone::reached_at_stage(p.stage).contains(&milestone))
        .or(about.first());
    let stage = parcel.map_or_else(|| stage_of(milestone), |p| p.stage);
    let mut answers = texts.stage(locale, stage);
    if let Some(reason) = parcel.and_then(|p| reason(texts, locale, p)) {
        answers.happened = format!("{} {reason}", answers.happened);
    }
    answers
}

/// Why a parcel is late, stuck or waiting, as the tracking page says it.
fn reason(texts: &Texts, locale: &Locale, parcel: &Parcel) -> Option<String> {
    let troubled = matches!(
        parcel.stage,
        Stage::Delayed | Stage::ActionRequired | Stage::Exception
    );
    let id = format!("reason-{}", parcel.substatus.filter(|_| troubled)?.as_str());
    let text = texts.message(locale, &id, &[]);
    (text != id).then_some(text)
}

/// The stage a milestone is usually reached at, for an email without parcels.
fn stage_of(m: Milestone) -> Stage {
    match m {
        Milestone::Shipped => Stage::InfoReceived,
        Milestone::InTransit => Stage::InTransit,
        Milestone::OutForDelivery => Stage::OutForDelivery,
        Milestone::Delivered => Stage::Delivered,
        Milestone::Delayed => Stage::Delayed,
        Milestone::ActionRequired => Stage::ActionRequired,
        Milestone::Exception => Stage::Exception,
        Milestone::Returned => Stage::Returned,
        Milestone::AvailableForPickup => Stage::AvailableForPickup,
    }
}

/// The delivery date as a sentence, and the date alone for `{delivery_date}`.
struct DateLine {
    sentence: String,
    date: String,
}

/// "Delivered on …" when the parcels the email is about are all delivered; otherwise
/// their combined window ("Expected delivery: …", or "was due …, now expected …").
fn date_line(email: &CustomerEmail, about: &[&Parcel]) -> Option<DateLine> {
    let (texts, locale) = (email.texts, email.locale);
    let delivered = !about.is_empty() && about.iter().all(|p| p.stage == Stage::Delivered);
    if delivered || email.moment == Moment::Milestone(Milestone::Delivered) {
        let day = about.iter().filter_map(|p| p.delivered_on).max()?;
        let date = dates::day(texts, locale, "date-day", day);
        let sentence = texts.message(locale, "delivered-on", &[("date", &date)]);
        return Some(DateLine { sentence, date });
    }
    let windows = about
        .iter()
        .filter(|p| p.stage != Stage::Delivered)
        .filter_map(|p| p.estimate);
    let (from, until) = match (
        windows.clone().map(|(from, _)| from).min(),
        windows.map(|(_, until)| until).max(),
    ) {
        (Some(from), Some(until)) => (from, until),
        // No parcel has a date: the order's promise, if it has one.
        _ => email.promise?,
    };
    let date = dates::window(texts, locale, from, until.max(from));
    let sentence = match (email.moment, email.previous_date) {
        (Moment::DeliveryDateChanged, Some(before)) => texts.message(
            locale,
            "email-date-changed",
            &[
                ("before", &dates::day(texts, locale, "date-day", before)),
                ("after", &date),
            ],
        ),
        _ => texts.message(locale, "email-expected", &[("date", &date)]),
    };
    Some(DateLine { sentence, date })
}

/// With several parcels, how many of them the email is about ("2 of 3 parcels
/// delivered"); then the parcels with carrier, tracking number and stage.
fn parcels(email: &CustomerEmail, reached: usize) -> (Option<Block>, Option<Block>) {
    let (texts, locale) = (email.texts, email.locale);
    let line = |p: &Parcel| {
        texts.message(
            locale,
            "email-parcel-line",
            &[
                ("carrier", p.carrier),
                ("tracking", p.tracking_number),
                ("label", &texts.stage(locale, p.stage).label),
            ],
        )
    };
    let lines: Vec<String> = email.parcels.iter().map(line).collect();
    let total = email.parcels.len();
    let count = match (email.moment, reached) {
        (Moment::Milestone(m), 1..) if total > 1 => Some(text(texts.message(
            locale,
            "email-parcels-reached",
            &[
                ("milestone", m.as_str()),
                ("reached", &reached.to_string()),
                ("count", &total.to_string()),
                ("label", &texts.stage(locale, stage_of(m)).label),
            ],
        ))),
        _ => None,
    };
    let list = (!lines.is_empty()).then(|| Block::List {
        heading: (total > 1).then(|| texts.message(locale, "email-parcels-heading", &[])),
        lines,
    });
    (count, list)
}

/// Message `id` with its `$email` argument as a `mailto:` link.
pub(crate) fn with_address(texts: &Texts, locale: &Locale, id: &str, address: &str) -> Vec<Span> {
    const MARK: &str = "\u{E000}";
    let sentence = texts.message(locale, id, &[("email", MARK)]);
    let mut spans = Vec::new();
    let mut parts = sentence.split(MARK).peekable();
    while let Some(part) = parts.next() {
        if !part.is_empty() {
            spans.push(Span::Text(part.to_owned()));
        }
        if parts.peek().is_some() {
            spans.push(Span::Link {
                text: address.to_owned(),
                url: format!("mailto:{address}"),
            });
        }
    }
    spans
}
