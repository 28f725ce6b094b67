//! What every carrier's response is parsed into, and how carrier calls fail.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone as _, Utc};
use serde::Serialize;
use std::time::Duration;
use wismo_domain::{
    CarrierEstimate, EventSource, NewEvent, ParcelFacts, Stage, Substatus, TrackingUpdate,
};

use crate::UnknownCodes;

/// One tracking number's data from one carrier response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tracking {
    pub tracking_number: String,
    /// The carrier's slug: `ups`, `fedex`, `usps`, `dhl`, or the aggregator's carrier slug.
    pub carrier: String,
    /// The service level in the carrier's words ("UPS Ground").
    pub service: Option<String>,
    /// The carrier's delivery estimate, if it gave one.
    pub estimated_delivery: Option<EstimatedDelivery>,
    pub delivery: Option<DeliveryDetails>,
    /// What the carrier told besides scans: pickup point, amount due, next attempt. Where
    /// it was left and who signed come from `delivery`.
    pub facts: ParcelFacts,
    /// Oldest first.
    pub events: Vec<RawEvent>,
    /// Status codes in the response that no mapping table knows (their events were mapped
    /// from category and words). The parser only lists them; see [`crate::unknown`].
    #[serde(skip_serializing_if = "UnknownCodes::is_empty")]
    pub unknown_codes: UnknownCodes,
}

impl Tracking {
    /// What this answer brings to the event pipeline: its events, told as coming from
    /// `source`, and the carrier's estimate.
    pub fn into_update(self, source: EventSource) -> TrackingUpdate {
        let delivered = self.delivery.as_ref().map(|d| ParcelFacts {
            left_at: d.left_at.clone(),
            signed_by: d.signed_by.clone(),
            ..Default::default()
        });
        let facts = match delivered {
            Some(d) => self.facts.merged(&d.lenient()),
            None => self.facts.clone(),
        };
        TrackingUpdate {
            facts,
            carrier_estimate: self
                .estimated_delivery
                .as_ref()
                .map(EstimatedDelivery::to_carrier_estimate),
            events: self
                .events
                .into_iter()
                .map(|e| e.into_new_event(source))
                .collect(),
        }
    }
}

/// A carrier's delivery estimate: a date, and a time window when the carrier gave one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EstimatedDelivery {
    pub date: NaiveDate,
    pub from: Option<DateTime<FixedOffset>>,
    pub until: Option<DateTime<FixedOffset>>,
}

impl EstimatedDelivery {
    /// The estimate as the pipeline keeps it: its dates, and the latest instant it promised
    /// (the end of its window; a date alone counts until the end of that day, UTC).
    pub fn to_carrier_estimate(&self) -> CarrierEstimate {
        let from = self.from.map_or(self.date, |t| t.date_naive());
        let until = self.until.map_or(self.date, |t| t.date_naive());
        let end_of_day = Utc.from_utc_datetime(
            &self
                .date
                .and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)),
        );
        let latest = self
            .until
            .or(self.from)
            .map_or(end_of_day, |t| t.with_timezone(&Utc));
        CarrierEstimate {
            from: from.min(until),
            until: from.max(until),
            latest,
        }
    }
}

/// Who took the parcel, and where it was left.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeliveryDetails {
    pub signed_by: Option<String>,
    pub left_at: Option<String>,
}

/// One scan as the carrier reported it, already mapped onto wismo's stages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawEvent {
    /// The instant, in the offset of the place it happened.
    pub occurred_at: DateTime<FixedOffset>,
    /// `false` when the carrier gave a local time without an offset and none could be
    /// inferred from the place; `occurred_at` then reads the local time as UTC.
    pub offset_known: bool,
    pub stage: Stage,
    pub substatus: Option<Substatus>,
    /// The carrier's status code as it wrote it (for UPS `type/statusCode`, e.g. `I/005`).
    pub code: Option<String>,
    /// The carrier's words.
    pub description: String,
    /// "City, Region, CC", as much as the carrier gave.
    pub location: Option<String>,
}

impl RawEvent {
    /// The event as the pipeline stores it.
    pub fn into_new_event(self, source: EventSource) -> NewEvent {
        NewEvent::new(
            self.occurred_at,
            self.stage,
            self.substatus,
            self.description,
            self.location,
            self.code,
            source,
        )
    }
}

/// Why a carrier call failed. Tells the scheduler what to do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CarrierError {
    /// Credentials are wrong or expired and could not be refreshed: an operator must act.
    #[error("carrier rejected our credentials: {0}")]
    Auth(String),
    /// The carrier does not know this tracking number (yet).
    #[error("tracking number not found")]
    NotFound,
    /// Slow down; try again after `retry_after` when the carrier said so.
    #[error("rate limited by the carrier")]
    RateLimited { retry_after: Option<Duration> },
    /// A failure that may pass (5xx, timeout, connection reset).
    #[error("temporary carrier failure: {0}")]
    Transient(String),
    /// A failure that will not pass by retrying (the request is wrong for this carrier).
    #[error("carrier refused the request: {0}")]
    Permanent(String),
    /// The response could not be understood.
    #[error("malformed carrier response: {0}")]
    Malformed(String),
}
