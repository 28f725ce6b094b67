//! Tracking events: one carrier scan (or a push update, or a manual entry), normalized.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

use crate::fields::{Checks, FieldErrors, clean};
use crate::{EventId, ParseError, ShipmentId, Stage, Substatus};

/// Where an event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventSource {
    /// Polled from a carrier API.
    Poll,
    /// Pushed by a carrier or aggregator webhook.
    Push,
    /// Entered by the merchant (couriers without an API).
    Manual,
    /// Played by the built-in sandbox carrier.
    Sandbox,
}

impl EventSource {
    pub fn as_str(self) -> &'static str {
        match self {
            EventSource::Poll => "poll",
            EventSource::Push => "push",
            EventSource::Manual => "manual",
            EventSource::Sandbox => "sandbox",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "poll" => Ok(EventSource::Poll),
            "push" => Ok(EventSource::Push),
            "manual" => Ok(EventSource::Manual),
            "sandbox" => Ok(EventSource::Sandbox),
            _ => Err(ParseError::new(format!("unknown event source `{s}`"))),
        }
    }
}

/// An event before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    /// When it happened, with the offset of the place it happened (for display).
    pub occurred_at: DateTime<FixedOffset>,
    pub stage: Stage,
    pub substatus: Option<Substatus>,
    /// The carrier's own words, or the merchant's.
    pub description: String,
    pub location: Option<String>,
    /// The carrier's status code, when it has one.
    pub carrier_code: Option<String>,
    pub source: EventSource,
    /// Two events with the same key are the same event; the second is ignored.
    pub dedupe_key: String,
}

impl NewEvent {
    /// An event whose dedupe key is derived from what it says, so the same scan polled
    /// twice, or pushed and polled, is stored once.
    pub fn new(
        occurred_at: DateTime<FixedOffset>,
        stage: Stage,
        substatus: Option<Substatus>,
        description: impl Into<String>,
        location: Option<String>,
        carrier_code: Option<String>,
        source: EventSource,
    ) -> Self {
        let description = description.into();
        // A carrier's scan is what the carrier wrote; the stage is wismo's reading of it,
        // which may depend on the scans around it. A merchant's entry is what they chose.
        let chosen_stage = (source == EventSource::Manual).then_some(stage);
        let dedupe_key = content_key(
            &occurred_at,
            carrier_code.as_deref(),
            chosen_stage,
            &description,
            location.as_deref(),
        );
        Self {
            occurred_at,
            stage,
            substatus,
            description,
            location,
            carrier_code,
            source,
            dedupe_key,
        }
    }

    pub fn occurred_at_utc(&self) -> DateTime<Utc> {
        self.occurred_at.with_timezone(&Utc)
    }
}

/// A scan entered by hand (for couriers without an API), as it arrives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManualEventInput {
    /// When it happened; `None` means now.
    pub occurred_at: Option<DateTime<FixedOffset>>,
    pub stage: Stage,
    pub substatus: Option<Substatus>,
    /// What happened, in the words the customer will read.
    pub description: String,
    pub location: Option<String>,
}

impl NewEvent {
    /// Checks a scan entered by hand: a description of at most 500 characters, a location
    /// of at most 200, and a time no more than a day after `now` (a day's slack for time
    /// zones and clocks; a scan from next week is a typo).
    pub fn parse_manual(
        input: ManualEventInput,
        now: DateTime<Utc>,
    ) -> Result<NewEvent, FieldErrors> {
        let mut checks = Checks::default();
        checks.text(|| "description".into(), Some(&input.description), 500, true);
        checks.text(|| "location".into(), input.location.as_deref(), 200, false);
        let occurred_at = input.occurred_at.unwrap_or_else(|| now.fixed_offset());
        if occurred_at.to_utc() > now + chrono::Duration::hours(24) {
            checks.fail("occurred_at", "is more than a day in the future");
        }
        checks.finish()?;
        Ok(NewEvent::new(
            occurred_at,
            input.stage,
            input.substatus,
            input.description.trim(),
            clean(input.location),
            None,
            EventSource::Manual,
        ))
    }
}

/// Everything one look at a carrier (a poll, a push, a manual entry) brings to the event
/// pipeline: new events, and the carrier's delivery estimate when it gave one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrackingUpdate {
    pub events: Vec<NewEvent>,
    pub carrier_estimate: Option<CarrierEstimate>,
}

impl TrackingUpdate {
    /// Just events, without an estimate.
    pub fn events(events: Vec<NewEvent>) -> Self {
        Self {
            events,
            carrier_estimate: None,
        }
    }
}

/// A carrier's estimated delivery: its day (or days), and the latest instant it promised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarrierEstimate {
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// The end of the carrier's window, or its estimated time.
    pub latest: DateTime<Utc>,
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingEvent {
    pub id: EventId,
    pub shipment_id: ShipmentId,
    pub occurred_at: DateTime<FixedOffset>,
    pub stage: Stage,
    pub substatus: Option<Substatus>,
    pub description: String,
    pub location: Option<String>,
    pub carrier_code: Option<String>,
    pub source: EventSource,
    pub dedupe_key: String,
    pub recorded_at: DateTime<Utc>,
}

/// A stable key from an event's content: FNV-1a (64 bit) over the UTC instant, carrier code,
/// stage (for manual entries only), description and location, as 16 hex digits. Stable
/// across releases, since stored keys are compared with new ones.
fn content_key(
    at: &DateTime<FixedOffset>,
    code: Option<&str>,
    stage: Option<Stage>,
    description: &str,
    location: Option<&str>,
) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let utc = at.with_timezone(&Utc).timestamp_micros().to_string();
    for part in [
        utc.as_str(),
        code.unwrap_or(""),
        stage.map_or("", Stage::as_str),
        description.trim(),
        location.unwrap_or("").trim(),
    ] {
        for byte in part.bytes().chain([0x1f]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    let mut out = String::with_capacity(16);
    let _ = write!(out, "{hash:016x}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Parsed as _;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap_or_default()
    }

    #[test]
    fn the_same_scan_in_another_offset_has_the_same_key() {
        let a = NewEvent::new(
            at("2026-03-01T10:00:00+01:00"),
            Stage::InTransit,
            None,
            "Departed",
            None,
            Some("DP".into()),
            EventSource::Poll,
        );
        let b = NewEvent::new(
            at("2026-03-01T09:00:00Z"),
            Stage::InTransit,
            None,
            "Departed ",
            None,
            Some("DP".into()),
            EventSource::Push,
        );
        assert_eq!(a.dedupe_key, b.dedupe_key);
        let c = NewEvent::new(
            at("2026-03-01T09:00:01Z"),
            Stage::InTransit,
            None,
            "Departed",
            None,
            Some("DP".into()),
            EventSource::Poll,
        );
        assert_ne!(a.dedupe_key, c.dedupe_key);
    }

    #[test]
    fn the_content_key_is_stable_across_releases() {
        let e = NewEvent::new(
            at("2026-03-01T09:00:00Z"),
            Stage::Delivered,
            None,
            "Delivered",
            Some("Berlin, DE".into()),
            None,
            EventSource::Manual,
        );
        assert_eq!(
            e.dedupe_key,
            content_key(
                &at("2026-03-01T09:00:00Z"),
                None,
                Some(Stage::Delivered),
                "Delivered",
                Some("Berlin, DE")
            )
        );
        assert_eq!(e.dedupe_key.len(), 16);
    }

    #[test]
    fn a_carrier_scan_read_as_another_stage_later_is_still_the_same_scan() {
        // USPS's top-level category describes only the newest scan: the same scan reads as
        // "delayed" while newest and as "in transit" once newer scans follow it.
        let scan = |stage| {
            NewEvent::new(
                at("2026-03-01T09:00:00Z"),
                stage,
                None,
                "In Transit, Arriving Late",
                Some("Memphis, TN, US".into()),
                Some("NT".into()),
                EventSource::Poll,
            )
        };
        assert_eq!(
            scan(Stage::Delayed).dedupe_key,
            scan(Stage::InTransit).dedupe_key
        );
    }

    fn manual(occurred_at: Option<&str>, description: &str) -> ManualEventInput {
        ManualEventInput {
            occurred_at: occurred_at.map(at),
            stage: Stage::Delivered,
            substatus: None,
            description: description.into(),
            location: Some("  ".into()),
        }
    }

    #[test]
    fn a_manual_event_without_a_time_happened_now_and_is_trimmed() {
        let now = at("2026-03-01T12:00:00Z").to_utc();
        let event = NewEvent::parse_manual(manual(None, " Left at the door "), now).accepted();
        assert_eq!(event.occurred_at_utc(), now);
        assert_eq!(event.description, "Left at the door");
        assert_eq!(event.location, None);
        assert_eq!(event.source, EventSource::Manual);
    }

    #[test]
    fn an_event_more_than_a_day_ahead_is_refused() {
        let now = at("2026-03-01T12:00:00Z").to_utc();
        let tomorrow = NewEvent::parse_manual(manual(Some("2026-03-02T12:00:00Z"), "x"), now);
        assert!(tomorrow.is_ok(), "{tomorrow:?}");
        let errors =
            NewEvent::parse_manual(manual(Some("2026-03-02T12:00:01Z"), "x"), now).refused();
        assert!(errors.names("occurred_at"), "{errors}");
    }

    #[test]
    fn a_manual_event_needs_a_description_of_at_most_500_characters() {
        let now = at("2026-03-01T12:00:00Z").to_utc();
        let blank = NewEvent::parse_manual(manual(None, "  "), now).refused();
        assert_eq!(blank.to_string(), "description: must not be empty");
        let long = NewEvent::parse_manual(manual(None, &"x".repeat(501)), now).refused();
        assert_eq!(
            long.to_string(),
            "description: must be at most 500 characters"
        );
    }
}
