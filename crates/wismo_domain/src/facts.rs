//! What a carrier tells about a parcel besides its scans: the pickup point holding it,
//! an amount due before delivery, the next delivery attempt, and where a delivered parcel
//! was left or who signed for it. Kept on the shipment, newest word per fact.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text::Shape;

/// Longest text a fact keeps (an address, opening hours, a name).
const MAX_TEXT: usize = 300;
/// Longest link a fact keeps.
const MAX_URL: usize = 2000;

/// A parcel's facts from its carrier; every part optional, an empty value means none known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup: Option<PickupPoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_due: Option<AmountDue>,
    /// The day the carrier will try to deliver again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt: Option<NaiveDate>,
    /// The carrier's page to choose another day or place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rearrange_url: Option<String>,
    /// Where the delivered parcel was left, in the carrier's words ("Front Door").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_at: Option<String>,
    /// Who signed for (or received) the parcel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
}

/// The pickup point (a locker, a shop, a carrier counter) holding the parcel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupPoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Opening hours in the carrier's words ("Mon–Sat 8:00–20:00").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// The last day the point keeps the parcel before it goes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_until: Option<NaiveDate>,
}

/// Money to pay before the parcel is handed over: import duties and taxes, or cash on
/// delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountDue {
    /// A decimal amount as the carrier wrote it ("24.50").
    pub amount: String,
    /// ISO 4217 code ("EUR").
    pub currency: String,
    /// The carrier's page where it is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_url: Option<String>,
}

/// Why given facts were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactsError {
    #[error("{0} must be an https link")]
    Link(&'static str),
    #[error("{0} is longer than {MAX_TEXT} characters")]
    TooLong(&'static str),
    #[error("{0} must not contain control characters")]
    Control(&'static str),
    #[error("amount_due.amount must be a decimal number such as 24.50")]
    Amount,
    #[error("amount_due.currency must be a three-letter code such as EUR")]
    Currency,
}

impl ParcelFacts {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// These facts with `newer`'s laid over them: each fact `newer` knows replaces the kept one.
    pub fn merged(&self, newer: &ParcelFacts) -> ParcelFacts {
        let pickup = match (&self.pickup, &newer.pickup) {
            (Some(old), Some(new)) => Some(PickupPoint {
                name: new.name.clone().or_else(|| old.name.clone()),
                address: new.address.clone().or_else(|| old.address.clone()),
                hours: new.hours.clone().or_else(|| old.hours.clone()),
                hold_until: new.hold_until.or(old.hold_until),
            }),
            (old, new) => new.clone().or_else(|| old.clone()),
        };
        ParcelFacts {
            pickup,
            amount_due: newer.amount_due.clone().or_else(|| self.amount_due.clone()),
            next_attempt: newer.next_attempt.or(self.next_attempt),
            rearrange_url: newer
                .rearrange_url
                .clone()
                .or_else(|| self.rearrange_url.clone()),
            left_at: newer.left_at.clone().or_else(|| self.left_at.clone()),
            signed_by: newer.signed_by.clone().or_else(|| self.signed_by.clone()),
        }
    }

    /// The facts with blank texts dropped and the rest checked: https links, short texts,
    /// a decimal amount and a currency code. What a carrier parser or an API caller gives
    /// passes through here before it is kept.
    pub fn checked(self) -> Result<ParcelFacts, FactsError> {
        let pickup = match self.pickup {
            Some(p) => Some(PickupPoint {
                name: text(p.name, "pickup.name")?,
                address: text(p.address, "pickup.address")?,
                hours: text(p.hours, "pickup.hours")?,
                hold_until: p.hold_until,
            })
            .filter(|p| *p != PickupPoint::default()),
            None => None,
        };
        let amount_due = match self.amount_due {
            Some(a) => Some(AmountDue {
                amount: amount(&a.amount)?,
                currency: currency(&a.currency)?,
                pay_url: link(a.pay_url, "amount_due.pay_url")?,
            }),
            None => None,
        };
        Ok(ParcelFacts {
            pickup,
            amount_due,
            next_attempt: self.next_attempt,
            rearrange_url: link(self.rearrange_url, "rearrange_url")?,
            left_at: text(self.left_at, "left_at")?,
            signed_by: text(self.signed_by, "signed_by")?,
        })
    }

    /// Like [`Self::checked`], but what fails is dropped instead: for carrier data, where
    /// one odd field must not lose the scans.
    pub fn lenient(self) -> ParcelFacts {
        let facts = self.scrubbed();
        let pickup = facts.pickup.and_then(|p| {
            ParcelFacts {
                pickup: Some(p),
                ..Default::default()
            }
            .checked()
            .ok()
            .and_then(|f| f.pickup)
        });
        let amount_due = facts.amount_due.and_then(|a| {
            let pay_url = link(a.pay_url.clone(), "").ok().flatten();
            ParcelFacts {
                amount_due: Some(AmountDue { pay_url, ..a }),
                ..Default::default()
            }
            .checked()
            .ok()
            .and_then(|f| f.amount_due)
        });
        ParcelFacts {
            pickup,
            amount_due,
            next_attempt: facts.next_attempt,
            rearrange_url: link(facts.rearrange_url, "").ok().flatten(),
            left_at: text(facts.left_at, "").ok().flatten(),
            signed_by: text(facts.signed_by, "").ok().flatten(),
        }
    }

    /// The texts with control characters dropped, as a carrier's words are kept.
    fn scrubbed(self) -> ParcelFacts {
        let scrub = |t: Option<String>| t.map(|t| crate::text::scrub(&t, Shape::Line));
        ParcelFacts {
            pickup: self.pickup.map(|p| PickupPoint {
                name: scrub(p.name),
                address: scrub(p.address),
                hours: scrub(p.hours),
                hold_until: p.hold_until,
            }),
            amount_due: self.amount_due.map(|a| AmountDue {
                amount: crate::text::scrub(&a.amount, Shape::Line),
                currency: crate::text::scrub(&a.currency, Shape::Line),
                pay_url: scrub(a.pay_url),
            }),
            next_attempt: self.next_attempt,
            rearrange_url: scrub(self.rearrange_url),
            left_at: scrub(self.left_at),
            signed_by: scrub(self.signed_by),
        }
    }
}

fn text(value: Option<String>, field: &'static str) -> Result<Option<String>, FactsError> {
    let Some(value) = value else { return Ok(None) };
    let value = crate::text::parse(&value, Shape::Line).map_err(|_| FactsError::Control(field))?;
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > MAX_TEXT {
        return Err(FactsError::TooLong(field));
    }
    Ok(Some(value))
}

fn link(value: Option<String>, field: &'static str) -> Result<Option<String>, FactsError> {
    let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let host = value
        .strip_prefix("https://")
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    let fine = value.len() <= MAX_URL
        && host.is_some_and(|h| !h.is_empty())
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || crate::text::is_invisible(c));
    if !fine {
        return Err(FactsError::Link(field));
    }
    Ok(Some(value))
}

fn amount(value: &str) -> Result<String, FactsError> {
    let value = value.trim();
    let (whole, cents) = value.split_once('.').unwrap_or((value, ""));
    let fine = !whole.is_empty()
        && whole.len() <= 9
        && cents.len() <= 3
        && whole.bytes().all(|b| b.is_ascii_digit())
        && cents.bytes().all(|b| b.is_ascii_digit());
    if !fine {
        return Err(FactsError::Amount);
    }
    Ok(value.to_owned())
}

fn currency(value: &str) -> Result<String, FactsError> {
    let value = value.trim();
    if value.len() != 3 || !value.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(FactsError::Currency);
    }
    Ok(value.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default()
    }

    #[test]
    fn newer_facts_replace_older_ones_and_keep_the_rest() {
        let old = ParcelFacts {
            pickup: Some(PickupPoint {
                address: Some("1 Main St".into()),
                hold_until: Some(day(12)),
                ..Default::default()
            }),
            next_attempt: Some(day(3)),
            ..Default::default()
        };
        let new = ParcelFacts {
            pickup: Some(PickupPoint {
                hours: Some("Mon-Fri 9-18".into()),
                ..Default::default()
            }),
            next_attempt: Some(day(4)),
            ..Default::default()
        };
        let merged = old.merged(&new);
        let pickup = merged.pickup.unwrap_or_default();
        assert_eq!(pickup.address.as_deref(), Some("1 Main St"));
        assert_eq!(pickup.hours.as_deref(), Some("Mon-Fri 9-18"));
        assert_eq!(pickup.hold_until, Some(day(12)));
        assert_eq!(merged.next_attempt, Some(day(4)));
    }

    #[test]
    fn checked_facts_refuse_links_that_are_not_https_and_bad_amounts() {
        let pay = |url: &str, amount: &str, currency: &str| ParcelFacts {
            amount_due: Some(AmountDue {
                amount: amount.into(),
                currency: currency.into(),
                pay_url: Some(url.into()),
            }),
            ..Default::default()
        };
        assert_eq!(
            pay("javascript:alert(1)", "1.00", "EUR").checked(),
            Err(FactsError::Link("amount_due.pay_url"))
        );
        assert_eq!(
            pay("https://", "1.00", "EUR").checked(),
            Err(FactsError::Link("amount_due.pay_url"))
        );
        assert_eq!(
            pay("https://pay.example/x", "1,00", "EUR").checked(),
            Err(FactsError::Amount)
        );
        assert_eq!(
            pay("https://pay.example/x", "1.00", "EURO").checked(),
            Err(FactsError::Currency)
        );
        let fine = pay("https://pay.example/x", " 24.50 ", "eur").checked();
        let due = fine.ok().and_then(|f| f.amount_due);
        assert_eq!(due.as_ref().map(|d| d.amount.as_str()), Some("24.50"));
        assert_eq!(due.as_ref().map(|d| d.currency.as_str()), Some("EUR"));
    }

    #[test]
    fn lenient_facts_drop_what_fails_and_blank_texts() {
        let facts = ParcelFacts {
            rearrange_url: Some("http://plain.example".into()),
            left_at: Some("  ".into()),
            signed_by: Some(" J  DOE ".into()),
            ..Default::default()
        }
        .lenient();
        assert_eq!(facts.rearrange_url, None);
        assert_eq!(facts.left_at, None);
        assert_eq!(facts.signed_by.as_deref(), Some("J DOE"));
        let dirty = ParcelFacts {
            signed_by: Some("J\u{0} DOE\u{202E}".into()),
            ..Default::default()
        };
        assert_eq!(
            dirty.clone().lenient().signed_by.as_deref(),
            Some("J DOE"),
            "a carrier's stray bytes are dropped"
        );
        assert_eq!(dirty.checked(), Err(FactsError::Control("signed_by")));
    }
}
