//! Emails to the store, in the store's own language: a customer's request, the daily
//! list of parcels that need attention, a webhook endpoint that was turned off, and the
//! test email from the settings.

use chrono::NaiveDate;
use wismo_domain::{Locale, RequestKind, Stage, Substatus, Texts};

use crate::customer::with_address;
use crate::layout::{Block, Doc, Span, one_line, text};
use crate::look::Colors;
use crate::{MailError, Rendered, dates};

/// The longest last error quoted in an email, in characters.
const MAX_ERROR_CHARS: usize = 300;

/// A customer's request from the tracking page.
#[derive(Debug, Clone, Copy)]
pub struct RequestNotice<'a> {
    pub texts: &'a Texts,
    /// The store's default locale.
    pub locale: &'a Locale,
    pub store_name: &'a str,
    pub order_number: &'a str,
    pub customer_name: Option<&'a str>,
    pub customer_email: Option<&'a str>,
    /// Said in the customer's words from the page ("I haven't received it").
    pub kind: RequestKind,
    /// What the customer wrote; may be empty.
    pub message: &'a str,
    /// The request in wismo's admin.
    pub admin_url: Option<&'a str>,
}

/// Renders the notice of a customer's request.
pub fn render_request_notice(n: &RequestNotice) -> Result<Rendered, MailError> {
    let say = |id: &str, args: &[(&str, &str)]| n.texts.message(n.locale, id, args);
    let number = n.order_number;
    let kind = say(&format!("action-{}", n.kind.as_str()), &[]);
    let about = say("email-request-kind", &[("kind", &kind)]);
    let from = match n.customer_name.map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => say(
            "email-request-from-named",
            &[("name", name), ("number", number)],
        ),
        None => say("email-request-from", &[("number", number)]),
    };
    let mut blocks = vec![
        Block::Heading(say("email-request-heading", &[])),
        text(from),
        text(about.clone()),
    ];
    if n.message.trim().is_empty() {
        blocks.push(text(say("email-request-no-message", &[])));
    } else {
        blocks.push(text(say("email-request-message", &[])));
        blocks.push(Block::Quote(n.message.to_owned()));
    }
    if let Some(address) = n.customer_email {
        blocks.push(Block::Paragraph(with_address(
            n.texts,
            n.locale,
            "email-request-reply",
            address,
        )));
    }
    if let Some(url) = n.admin_url {
        blocks.push(button(n.texts, n.locale, url));
    }
    doc(
        n.texts,
        n.locale,
        n.store_name,
        say("email-request-subject", &[("number", number)]),
        about,
        blocks,
    )
    .render()
}

/// A parcel in the daily list of those that need attention.
#[derive(Debug, Clone, Copy)]
pub struct DigestLine<'a> {
    pub order_number: &'a str,
    pub tracking_number: &'a str,
    /// The carrier's display name.
    pub carrier: &'a str,
    pub stage: Stage,
    /// Why, when the carrier or wismo said (no scans, past the estimate, a failed attempt).
    pub substatus: Option<Substatus>,
    /// The day the parcel reached that stage.
    pub since: NaiveDate,
    /// The parcel's page.
    pub url: Option<&'a str>,
}

/// An order raised as not shipped in time, in the digest.
#[derive(Debug, Clone)]
pub struct DigestOrder<'a> {
    pub order_number: &'a str,
    /// The day it was placed.
    pub placed: NaiveDate,
    /// The order's page.
    pub url: Option<&'a str>,
}

/// Renders the list of parcels that need attention, then the orders not shipped in time;
/// `more` counts those left out.
pub fn render_digest(
    texts: &Texts,
    locale: &Locale,
    store_name: &str,
    lines: &[DigestLine],
    orders: &[DigestOrder],
    more: usize,
) -> Result<Rendered, MailError> {
    let say = |id: &str, args: &[(&str, &str)]| texts.message(locale, id, args);
    let intro = say("email-digest-intro", &[]);
    let mut blocks = vec![
        Block::Heading(say("email-digest-heading", &[])),
        text(intro.clone()),
    ];
    for line in lines {
        let words = say(
            "email-digest-line",
            &[
                ("number", line.order_number),
                ("carrier", line.carrier),
                ("tracking", line.tracking_number),
                ("label", &texts.stage(locale, line.stage).label),
                (
                    "date",
                    &dates::day(texts, locale, "date-day-short", line.since),
                ),
            ],
        );
        let words = match line.substatus.and_then(|why| reason(texts, locale, why)) {
            Some(reason) => format!("{words}. {reason}"),
            None => words,
        };
        blocks.push(Block::Paragraph(vec![match line.url {
            Some(url) => Span::Link {
                text: one_line(&words),
                url: url.to_owned(),
            },
            None => Span::Text(words),
        }]));
    }
    if !orders.is_empty() {
        blocks.push(text(say("email-digest-unshipped-intro", &[])));
    }
    for order in orders {
        let words = say(
            "email-digest-unshipped",
            &[
                ("number", order.order_number),
                (
                    "date",
                    &dates::day(texts, locale, "date-day-short", order.placed),
                ),
            ],
        );
        blocks.push(Block::Paragraph(vec![match order.url {
            Some(url) => Span::Link {
                text: one_line(&words),
                url: url.to_owned(),
            },
            None => Span::Text(words),
        }]));
    }
    if more > 0 {
        blocks.push(text(say(
            "email-digest-more",
            &[("count", &more.to_string())],
        )));
    }
    doc(
        texts,
        locale,
        store_name,
        say("email-digest-subject", &[("store", store_name)]),
        intro,
        blocks,
    )
    .render()
}

/// Renders the notice that wismo turned a webhook endpoint off, failing since `since`.
pub fn render_endpoint_disabled(
    texts: &Texts,
    locale: &Locale,
    store_name: &str,
    url: &str,
    since: NaiveDate,
    last_error: &str,
) -> Result<Rendered, MailError> {
    let say = |id: &str, args: &[(&str, &str)]| texts.message(locale, id, args);
    let body = say(
        "email-endpoint-body",
        &[
            ("url", url),
            ("date", &dates::day(texts, locale, "date-day", since)),
        ],
    );
    let error: String = one_line(last_error).chars().take(MAX_ERROR_CHARS).collect();
    let blocks = vec![
        Block::Heading(say("email-endpoint-heading", &[])),
        text(body.clone()),
        text(say("email-endpoint-error", &[("error", &error)])),
        text(say("email-endpoint-todo", &[])),
    ];
    doc(
        texts,
        locale,
        store_name,
        say("email-endpoint-subject", &[("store", store_name)]),
        body,
        blocks,
    )
    .render()
}

/// Renders the test email an admin sends themselves from the setup guide (`send_test_email`).
pub fn render_test(
    texts: &Texts,
    locale: &Locale,
    store_name: &str,
) -> Result<Rendered, MailError> {
    let say = |id: &str, args: &[(&str, &str)]| texts.message(locale, id, args);
    let body = say("email-test-body", &[("store", store_name)]);
    let blocks = vec![
        Block::Heading(say("email-test-heading", &[])),
        text(body.clone()),
    ];
    doc(
        texts,
        locale,
        store_name,
        say("email-test-subject", &[("store", store_name)]),
        body,
        blocks,
    )
    .render()
}

/// Why a person gets a one-time link that sets their password.
#[derive(Debug, Clone, Copy)]
pub enum AccountLinkKind<'a> {
    /// They asked on the sign-in page; the link works for an hour.
    Reset,
    /// An owner (`by`, their email) added them to the store; the link works for 7 days.
    Invite { by: &'a str },
}

/// An email to one of the store's users with a one-time link that sets their password.
#[derive(Debug, Clone, Copy)]
pub struct AccountLink<'a> {
    pub texts: &'a Texts,
    /// The language the request was made in.
    pub locale: &'a Locale,
    pub store_name: &'a str,
    pub kind: AccountLinkKind<'a>,
    pub url: &'a str,
}

/// Renders a set-password link: a reset asked for, or an invitation.
pub fn render_account_link(a: &AccountLink) -> Result<Rendered, MailError> {
    let say = |id: &str, args: &[(&str, &str)]| a.texts.message(a.locale, id, args);
    let store = a.store_name;
    let (subject, heading, body, after, label) = match a.kind {
        AccountLinkKind::Reset => (
            say("email-reset-subject", &[("store", store)]),
            say("email-reset-heading", &[]),
            say("email-reset-body", &[("store", store)]),
            say("email-reset-ignore", &[]),
            say("email-reset-button", &[]),
        ),
        AccountLinkKind::Invite { by } => (
            say("email-invite-subject", &[("email", by), ("store", store)]),
            say("email-invite-heading", &[]),
            say("email-invite-body", &[("email", by), ("store", store)]),
            say("email-invite-ignore", &[]),
            say("email-invite-button", &[]),
        ),
    };
    let blocks = vec![
        Block::Heading(heading),
        text(body.clone()),
        Block::Button {
            label,
            url: a.url.to_owned(),
        },
        text(after),
    ];
    let mut doc = doc(a.texts, a.locale, store, subject, body, blocks);
    doc.footer = vec![vec![Span::Text(say(
        "email-why-account",
        &[("store", store)],
    ))]];
    doc.render()
}

/// Why a parcel is late, stuck or waiting, as its tracking page says it.
fn reason(texts: &Texts, locale: &Locale, why: Substatus) -> Option<String> {
    let id = format!("reason-{}", why.as_str());
    let text = texts.message(locale, &id, &[]);
    (text != id).then_some(text)
}

fn button(texts: &Texts, locale: &Locale, url: &str) -> Block {
    Block::Button {
        label: texts.message(locale, "email-open", &[]),
        url: url.to_owned(),
    }
}

/// A notice in wismo's own colours, with the footer saying why the store gets it.
fn doc(
    texts: &Texts,
    locale: &Locale,
    store_name: &str,
    subject: String,
    preheader: String,
    blocks: Vec<Block>,
) -> Doc {
    Doc {
        lang: texts.resolve(locale).to_owned(),
        subject,
        preheader,
        store_name: store_name.to_owned(),
        logo_url: None,
        colors: Colors::new(None, None),
        blocks,
        footer: vec![vec![Span::Text(texts.message(
            locale,
            "email-why-merchant",
            &[("store", store_name)],
        ))]],
    }
}
