//! Tracking events: one carrier scan (or a push update, or a manual entry), normalized.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

use crate::fields::{Checks, FieldErrors};
use crate::text::{Shape, scrub};
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
    /// twice, or pushed and polled, is stored once. Its words lose control characters and
    /// invisible formatting ([`crate::text::scrub`]): a carrier's stray byte must neither
    /// fail the scan nor reorder the page.
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
        // The key reads the words as given, so keys stored before words were cleaned match.
        let words = |s: String| Some(scrub(&s, Shape::Line)).filter(|s| !s.is_empty());
        let description = scrub(&description, Shape::Line);
        let location = location.and_then(words);
        let carrier_code = carrier_code.and_then(words);
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
    /// Checks a scan entered by hand: a description of at most 500 characters and a
    /// location of at most 200 (one line each, by the text rule), and a time inside
    /// `window`. No time means now.
    pub fn parse_manual(
        input: ManualEventInput,
        window: EventWindow,
        now: DateTime<Utc>,
    ) -> Result<NewEvent, FieldErrors> {
        let mut checks = Checks::default();
        let description = checks.line(|| "description".into(), Some(&input.description), 500, true);
        let location = checks.line(|| "location".into(), input.location.as_deref(), 200, false);
        let occurred_at = input.occurred_at.unwrap_or_else(|| now.fixed_offset());
        if let Err(why) = window.check(occurred_at.to_utc()) {
            checks.fail("occurred_at", why);
        }
        checks.finish()?;
        Ok(NewEvent::new(
            occurred_at,
            input.stage,
            input.substatus,
            description.unwrap_or_default(),
            location,
            None,
            EventSource::Manual,
        ))
    }
}

/// The times a shipment's events may claim: from a year before its order was created to a
/// day after now (a day's slack for time zones and clocks). A time outside is a typo or a
/// broken feed, and would make nonsense of the shipment's dates and estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventWindow {
    pub earliest: DateTime<Utc>,
    pub latest: DateTime<Utc>,
}

impl EventWindow {
    /// The window of a shipment whose order was created at `order_created_at`.
    pub fn new(order_created_at: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        Self {
            earliest: order_created_at - chrono::Duration::days(365),
            latest: now + chrono::Duration::days(1),
        }
    }

    /// Whether an event at `at` may be recorded.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        (self.earliest..=self.latest).contains(&at)
    }

    /// Why an event at `at` may not be recorded, if it may not.
    pub fn check(&self, at: DateTime<Utc>) -> Result<(), &'static str> {
        if at > self.latest {
            Err("is more than a day in the future")
        } else if at < self.earliest {
            Err("is more than a year before the order was created")
        } else {
            Ok(())
        }
    }

    /// Whether a carrier's estimate is believable: not before the window opens, and at
    /// most a year after it closes.
    pub fn admits_estimate(&self, estimate: &CarrierEstimate) -> bool {
        let horizon = self.latest + chrono::Duration::days(365);
        estimate.from >= self.earliest.date_naive()
            && estimate.until <= horizon.date_naive()
            && (self.earliest..=horizon).contains(&estimate.latest)
    }
}

/// What [`TrackingUpdate::within`] left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outside {
    /// Events dated outside the window.
    pub events: usize,
    /// Whether the carrier's estimate was left out.
    pub estimate: bool,
}

impl Outside {
    pub fn is_empty(&self) -> bool {
        self.events == 0 && !self.estimate
    }
}

/// Everything one look at a carrier (a poll, a push, a manual entry) brings to the event
/// pipeline: new events, and the carrier's delivery estimate when it gave one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrackingUpdate {
    pub events: Vec<NewEvent>,
    pub carrier_estimate: Option<CarrierEstimate>,
    /// What the carrier told besides scans (pickup point, amount due, next attempt…).
    pub facts: crate::ParcelFacts,
}

impl TrackingUpdate {
    /// Just events, without an estimate.
    pub fn events(events: Vec<NewEvent>) -> Self {
        Self {
            events,
            ..Self::default()
        }
    }
}

impl TrackingUpdate {
    /// The update without the events dated outside `window` and without an unbelievable
    /// carrier estimate, and what was left out: a feed's impossible date is dropped, not
    /// allowed to fail the delivery of everything else.
    pub fn within(&self, window: EventWindow) -> (TrackingUpdate, Outside) {
        let events: Vec<NewEvent> = self
            .events
            .iter()
            .filter(|e| window.contains(e.occurred_at_utc()))
            .cloned()
            .collect();
        let carrier_estimate = self.carrier_estimate.filter(|e| window.admits_estimate(e));
        let outside = Outside {
            events: self.events.len() - events.len(),
            estimate: self.carrier_estimate.is_some() && carrier_estimate.is_none(),
        };
        (
            TrackingUpdate {
                events,
                carrier_estimate,
                facts: self.facts.clone(),
            },
            outside,
        )
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

    fn window(now: DateTime<Utc>) -> EventWindow {
        EventWindow::new(at("2026-02-20T08:00:00Z").to_utc(), now)
    }

    #[test]
    fn a_manual_event_without_a_time_happened_now_and_is_trimmed() {
        let now = at("2026-03-01T12:00:00Z").to_utc();
        let event =
            NewEvent::parse_manual(manual(None, " Left at the door "), window(now), now).accepted();
        assert_eq!(event.occurred_at_utc(), now);
        assert_eq!(event.description, "Left at the door");
        assert_eq!(event.location, None);
        assert_eq!(event.source, EventSource::Manual);
    }

    #[test]
    fn an_event_more_than_a_day_ahead_is_refused() {
        let now = at("2026-03-01T12:00:00Z").to_utc();
        let tomorrow =
            NewEvent::parse_manual(manual(Some("2026-03-02T12:00:00Z"), "x"), window(now), now);
        assert!(tomorrow.is_ok(), "{tomorrow:?}");
        let errors =
            NewEvent::parse_manual(manual(Some("2026-03-02T12:00:01Z"), "x"), window(now), now)
                .refused();
        assert!(errors.names("occurred_at"), "{errors}");
    }

    #[test]
    fn an_event_more_than_a_year_before_its_order_is_refused() {
        let now = at("2026-03-01T12:00:00Z").to_utc();
        let year_before =
            NewEvent::parse_manual(manual(Some("2025-02-20T08:00:00Z"), "x"), window(now), now);
        assert!(year_before.is_ok(), "{year_before:?}");
        let errors =
            NewEvent::parse_manual(manual(Some("2025-02-20T07:59:59Z"), "x"), window(now), now)
                .refused();
        assert_eq!(
            errors.to_string(),
            "occurred_at: is more than a year before the order was created"
        );
        let year_minus_one = DateTime::parse_from_rfc3339("-0001-01-01T00:00:00Z");
        if let Ok(ancient) = year_minus_one {
            let input = ManualEventInput {
                occurred_at: Some(ancient),
                ..manual(None, "x")
            };
            let refused = NewEvent::parse_manual(input, window(now), now).refused();
            assert!(refused.names("occurred_at"));
        }
    }

    #[test]
    fn a_feeds_events_and_estimate_outside_the_window_are_left_out() {
        let now = at("2026-03-01T12:00:00Z").to_utc();
        let scan = |when: &str| {
            NewEvent::new(
                at(when),
                Stage::InTransit,
                None,
                "Departed",
                None,
                None,
                EventSource::Push,
            )
        };
        let estimate = |from: &str, until: &str| CarrierEstimate {
            from: at(from).date_naive(),
            until: at(until).date_naive(),
            latest: at(until).to_utc(),
        };
        let update = TrackingUpdate {
            events: vec![
                scan("0001-01-01T00:00:00Z"),
                scan("2026-02-28T10:00:00Z"),
                scan("9999-12-31T00:00:00Z"),
            ],
            carrier_estimate: Some(estimate("2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z")),
            facts: Default::default(),
        };
        let (kept, outside) = update.within(window(now));
        assert_eq!(kept.events, [scan("2026-02-28T10:00:00Z")]);
        assert_eq!(kept.carrier_estimate, update.carrier_estimate);
        assert_eq!(
            outside,
            Outside {
                events: 2,
                estimate: false
            }
        );
        let wild = TrackingUpdate {
            events: Vec::new(),
            carrier_estimate: Some(estimate("2026-03-03T00:00:00Z", "9999-01-01T00:00:00Z")),
            facts: Default::default(),
        };
        let (kept, outside) = wild.within(window(now));
        assert_eq!(kept.carrier_estimate, None);
        assert!(outside.estimate);
    }

    #[test]
    fn a_carriers_words_lose_control_characters_but_keep_their_key() {
        let scan = |description: &str, location: &str| {
            NewEvent::new(
                at("2026-03-01T09:00:00Z"),
                Stage::InTransit,
                None,
                description,
                Some(location.into()),
                Some("A\0R".into()),
                EventSource::Push,
            )
        };
        let dirty = scan("Arrived\0 at\u{202E} facility", "Memphis,\u{1}  TN");
        assert_eq!(dirty.description, "Arrived at facility");
        assert_eq!(dirty.location.as_deref(), Some("Memphis, TN"));
        assert_eq!(dirty.carrier_code.as_deref(), Some("AR"));
        let key = content_key(
            &at("2026-03-01T09:00:00Z"),
            Some("A\0R"),
            None,
            "Arrived\0 at\u{202E} facility",
            Some("Memphis,\u{1}  TN"),
        );
        assert_eq!(dirty.dedupe_key, key, "the key reads the words as given");
        assert_ne!(
            dirty.dedupe_key,
            scan("Arrived at facility", "Memphis, TN").dedupe_key
        );
    }

    #[test]
    fn a_manual_event_needs_a_description_of_at_most_500_characters() {
        let now = at("2026-03-01T12:00:00Z").to_utc();
        let blank = NewEvent::parse_manual(manual(None, "  "), window(now), now).refused();
        assert_eq!(blank.to_string(), "description: must not be empty");
        let long =
            NewEvent::parse_manual(manual(None, &"x".repeat(501)), window(now), now).refused();
        assert_eq!(
            long.to_string(),
            "description: must be at most 500 characters"
        );
    }
}
