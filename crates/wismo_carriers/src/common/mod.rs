//! Helpers the carrier parsers share: lenient serde, keyword fallback, time-zone inference,
//! place strings, event ordering and HTTP error classification.

pub(crate) mod errors;
pub(crate) mod lenient;
pub(crate) mod text;
pub(crate) mod zones;

use chrono::Datelike;
use wismo_domain::{Stage, Substatus};

use crate::{DeliveryDetails, RawEvent};

/// Whether a carrier's date or time (UTC or local) is one to keep: years 1900 to 9999, as
/// RFC 3339 writes them. chrono reads years up to 262142, whose day cannot be told east of
/// UTC (the pipeline's `date_naive` panics); a time outside is treated as unreadable.
pub(crate) fn plausible(at: &impl Datelike) -> bool {
    (1900..=9999).contains(&at.year())
}

/// "City, Region, CC" from the parts present, or `None` when there are none.
pub(crate) fn place(
    city: Option<&str>,
    region: Option<&str>,
    country: Option<&str>,
) -> Option<String> {
    join_place([city, region, country])
}

/// The non-blank parts of a place, trimmed and joined with ", "; `None` when there are none.
/// Every carrier's location string is built with it.
pub(crate) fn join_place<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let parts: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Carriers list events newest first: reverse, then sort by instant. The sort is stable, so
/// events at the same instant keep the carrier's sequence (the later-listed one is older).
pub(crate) fn oldest_first(mut events: Vec<RawEvent>) -> Vec<RawEvent> {
    events.reverse();
    events.sort_by_key(|e| e.occurred_at);
    events
}

/// Gives the newest delivered event without a substatus the detail that the delivery record
/// holds: where it was left, else that someone signed.
pub(crate) fn refine_delivered(events: &mut [RawEvent], delivery: Option<&DeliveryDetails>) {
    let Some(delivery) = delivery else { return };
    let Some(event) = events
        .iter_mut()
        .rev()
        .find(|e| e.stage == Stage::Delivered)
    else {
        return;
    };
    if event.substatus.is_some() {
        return;
    }
    event.substatus = delivery
        .left_at
        .as_deref()
        .and_then(text::left_at)
        .or(delivery.signed_by.as_ref().map(|_| Substatus::Signed));
}

/// Delivery details when the carrier named a signer or a place, else `None`.
pub(crate) fn delivery_details(
    signed_by: Option<String>,
    left_at: Option<String>,
) -> Option<DeliveryDetails> {
    (signed_by.is_some() || left_at.is_some()).then_some(DeliveryDetails { signed_by, left_at })
}
