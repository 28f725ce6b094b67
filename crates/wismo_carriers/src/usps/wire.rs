//! The USPS Tracking v3 response as it arrives, read leniently: booleans as `"true"`, numbers
//! where text is expected, both spellings of `uniqueMailPieceId`, enums as raw strings.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A scalar that should be text but may arrive as a number or a boolean; `null`, objects and
/// arrays read as absent. Shared with the DHL module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Text(Option<String>);

impl Text {
    /// The value, trimmed; `None` when absent or blank.
    pub(crate) fn get(&self) -> Option<&str> {
        self.0.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read in place (no `Value`): this is on every field of every event.
        crate::common::lenient::text(deserializer).map(Text)
    }
}

/// A boolean that USPS may send as `true` or as `"true"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Flag(pub Option<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::common::lenient::text(deserializer)?;
        Ok(Flag(
            match text.map(|t| t.to_ascii_lowercase()).as_deref() {
                Some("true" | "y" | "yes" | "1") => Some(true),
                Some("false" | "n" | "no" | "0") => Some(false),
                Some(number) => number.parse::<f64>().ok().map(|n| n != 0.0),
                None => None,
            },
        ))
    }
}

/// `TrackingDetails` (`expand=DETAIL`), plus the error envelope USPS may put in its place.
/// Some fields are not used by wismo yet; they are typed so their quirks are known and tested.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct TrackingResponse {
    pub tracking_number: Text,
    /// Human-readable in practice, with HTML (`USPS Ground Advantage<SUP>&#153;</SUP>`); the
    /// spec claims an enum (`PRIORITY_MAIL`).
    pub mail_class: Text,
    /// `DM` in practice; the spec claims `DOMESTIC_MAIL`. Kept raw.
    pub mail_type: Text,
    pub status: Text,
    pub status_category: Text,
    pub status_summary: Text,
    pub expected_delivery_time_stamp: Text,
    pub predicted_delivery_time_stamp: Text,
    pub predicted_delivery_date: Text,
    pub predicted_delivery_window_start_time: Text,
    pub predicted_delivery_window_end_time: Text,
    pub guaranteed_delivery_time_stamp: Text,
    /// The destination's state: its zone is where expected times are local to.
    pub destination_state: Text,
    /// The spec's spelling.
    pub unique_mail_piece_id: Text,
    /// The spelling real responses use.
    #[serde(rename = "uniqueMailPieceID")]
    pub unique_mail_piece_id_upper: Text,
    pub email_enabled: Flag,
    pub proof_of_delivery_enabled: Flag,
    pub tracking_events: Option<Vec<TrackingEvent>>,
    /// Present when USPS answers with an error body.
    pub error: Option<Value>,
}

/// One scan, newest first in the response.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct TrackingEvent {
    /// The carrier's words ("Delivered, Parcel Locker").
    pub event_type: Text,
    /// Local time without an offset.
    pub event_timestamp: Text,
    /// UTC.
    #[serde(rename = "GMTTimestamp")]
    pub gmt_timestamp: Text,
    /// `-05:00`, `-7:00` or minutes (`-420`).
    #[serde(rename = "GMTOffset")]
    pub gmt_offset: Text,
    pub event_country: Text,
    pub event_city: Text,
    pub event_state: Text,
    #[serde(rename = "eventZIP")]
    pub event_zip: Text,
    /// The company, when delivered to one.
    pub firm: Text,
    /// Who signed.
    pub name: Text,
    pub authorized_agent: Flag,
    /// Publication 199 Appendix G event code.
    pub event_code: Text,
    pub action_code: Text,
    pub reason_code: Text,
    /// Not in the spec; used when a response carries it per event.
    pub status_category: Text,
}

/// `{"apiVersion", "error": {"code", "message", "errors": [...]}}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct ErrorBody {
    pub api_version: Text,
    pub error: Option<ErrorDetail>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ErrorDetail {
    pub code: Text,
    pub message: Text,
    pub errors: Option<Vec<ErrorItem>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ErrorItem {
    pub status: Text,
    pub code: Text,
    pub title: Text,
    pub detail: Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_and_both_mail_piece_id_spellings_are_read() {
        let body = r#"{"emailEnabled":"true","proofOfDeliveryEnabled":false,"uniqueMailPieceID":"110158946",
            "mailType":"DM","trackingEvents":[{"authorizedAgent":"false","eventZIP":34442}]}"#;
        let parsed: TrackingResponse = serde_json::from_str(body).unwrap_or_default();
        assert_eq!(parsed.email_enabled.0, Some(true));
        assert_eq!(parsed.proof_of_delivery_enabled.0, Some(false));
        assert_eq!(parsed.unique_mail_piece_id_upper.get(), Some("110158946"));
        assert_eq!(parsed.unique_mail_piece_id.get(), None);
        assert_eq!(parsed.mail_type.get(), Some("DM"));
        let events = parsed.tracking_events.unwrap_or_default();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].authorized_agent.0, Some(false));
        assert_eq!(events[0].event_zip.get(), Some("34442"));
    }
}
