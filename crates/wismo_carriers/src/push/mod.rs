//! Aggregator webhooks (EasyPost, AfterShip, 17TRACK): signature verification over the raw
//! body bytes, and parsing into wismo's carrier-neutral [`Tracking`].
//!
//! Each provider module has the same three functions: `verify(secret, headers, body)`,
//! `sign(secret, body)` (the signature header's value, for tests and the sandbox) and
//! `parse(body)`. [`Provider`] dispatches on the `/webhooks/{provider}` path segment.
//!
//! `headers` is a lookup by header name. It is called with lower-case names and must match
//! case-insensitively, which axum's `HeaderMap` does:
//! `|name| map.get(name).and_then(|v| v.to_str().ok())`. [`header_pairs`] adapts a list.

pub mod aftership;
pub mod easypost;
pub mod seventeen_track;
mod signature;

pub use signature::SignatureError;

use crate::{CarrierError, RawEvent, Tracking};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use std::fmt;
use std::str::FromStr;

/// An aggregator that pushes tracking updates to wismo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    EasyPost,
    AfterShip,
    SeventeenTrack,
}

impl Provider {
    /// Every provider.
    pub const ALL: [Provider; 3] = [
        Provider::EasyPost,
        Provider::AfterShip,
        Provider::SeventeenTrack,
    ];

    /// The provider's path segment and configuration name: `easypost`, `aftership`, `17track`.
    pub fn slug(self) -> &'static str {
        match self {
            Provider::EasyPost => "easypost",
            Provider::AfterShip => "aftership",
            Provider::SeventeenTrack => "17track",
        }
    }

    /// The (lower-case) name of the header that carries the signature.
    pub fn signature_header(self) -> &'static str {
        match self {
            Provider::EasyPost => easypost::SIGNATURE_HEADER,
            Provider::AfterShip => aftership::SIGNATURE_HEADER,
            Provider::SeventeenTrack => seventeen_track::SIGNATURE_HEADER,
        }
    }

    /// Checks the request's signature against `secret`; see the provider modules.
    pub fn verify<V: AsRef<str>>(
        self,
        secret: &str,
        headers: impl Fn(&str) -> Option<V>,
        body: &[u8],
    ) -> Result<(), SignatureError> {
        match self {
            Provider::EasyPost => easypost::verify(secret, headers, body),
            Provider::AfterShip => aftership::verify(secret, headers, body),
            Provider::SeventeenTrack => seventeen_track::verify(secret, headers, body),
        }
    }

    /// The signature header, name and value, that the provider would send with `body`.
    pub fn sign(self, secret: &str, body: &[u8]) -> (&'static str, String) {
        let value = match self {
            Provider::EasyPost => easypost::sign(secret, body),
            Provider::AfterShip => aftership::sign(secret, body),
            Provider::SeventeenTrack => seventeen_track::sign(secret, body),
        };
        (self.signature_header(), value)
    }

    /// The trackings in a verified body; empty for events that carry no tracking. Status
    /// codes the provider's tables do not know are recorded under the provider's slug
    /// ([`crate::unknown::record`]); the provider modules' own `parse` only lists them.
    pub fn parse(self, body: &[u8]) -> Result<Vec<Tracking>, CarrierError> {
        let trackings = match self {
            Provider::EasyPost => easypost::parse(body),
            Provider::AfterShip => aftership::parse(body),
            Provider::SeventeenTrack => seventeen_track::parse(body),
        }?;
        for tracking in &trackings {
            crate::unknown::record(self.slug(), &tracking.unknown_codes);
        }
        Ok(trackings)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// A webhook path segment that names no provider.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown webhook provider `{0}`; expected easypost, aftership or 17track")]
pub struct UnknownProvider(pub String);

impl FromStr for Provider {
    type Err = UnknownProvider;

    /// A provider's slug, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Provider::ALL
            .into_iter()
            .find(|p| p.slug().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownProvider(s.to_owned()))
    }
}

/// A header lookup over name/value pairs, matching names case-insensitively.
pub fn header_pairs<'a, K: AsRef<str>, V: AsRef<str>>(
    pairs: &'a [(K, V)],
) -> impl Fn(&str) -> Option<&'a str> + 'a {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

/// `body` as JSON of shape `T`, or [`CarrierError::Malformed`] naming the provider.
fn from_json<T: DeserializeOwned>(provider: &str, body: &[u8]) -> Result<T, CarrierError> {
    serde_json::from_slice(body)
        .map_err(|e| CarrierError::Malformed(format!("{provider} webhook: {e}")))
}

/// Like [`from_json`], for a part of the body already read as a JSON value.
fn from_value<T: DeserializeOwned>(
    provider: &str,
    value: serde_json::Value,
) -> Result<T, CarrierError> {
    serde_json::from_value(value)
        .map_err(|e| CarrierError::Malformed(format!("{provider} webhook: {e}")))
}

/// A provider timestamp and whether it carried its offset. RFC 3339 (`Z` or `±hh:mm`) keeps its
/// offset; a naive date-time or a bare date is read as UTC with `offset_known = false`. A year
/// outside 1900 to 9999 is unreadable (see `common::plausible`).
fn parse_time(text: &str) -> Option<(DateTime<FixedOffset>, bool)> {
    let text = text.trim();
    let with_offset = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
        .map(|at| (at, true));
    let read = with_offset.or_else(|| {
        let naive = [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
        Some((naive.and_utc().fixed_offset(), false))
    });
    read.filter(|(at, _)| crate::common::plausible(&at.naive_utc()))
}

/// The calendar date a timestamp or date string starts with (its local date when it has an
/// offset).
fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim().get(..10)?, "%Y-%m-%d").ok()
}

/// "City, Region, CC" from whichever parts are present and not blank.
fn location(parts: [Option<&str>; 3]) -> Option<String> {
    crate::common::join_place(parts)
}

/// A trimmed, non-blank string.
fn non_blank(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Events oldest first (stable for equal instants), exact repeats removed.
fn oldest_first(mut events: Vec<RawEvent>) -> Vec<RawEvent> {
    events.sort_by_key(|e| e.occurred_at);
    events.dedup_by(|a, b| {
        a.occurred_at == b.occurred_at && a.description == b.description && a.code == b.code
    });
    events
}

/// Logs an event that was left out because its time could not be read.
fn skipped_event(provider: &'static str, time: Option<&str>) {
    tracing::warn!(
        provider,
        time,
        "webhook event without a readable time; left out"
    );
}
