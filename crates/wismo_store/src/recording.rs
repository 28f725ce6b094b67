//! What both backends share in `record_events`: whether newly stored events can be
//! applied on top of the shipment's stored state, or all its events must be refolded.

use wismo_domain::{NewEvent, ShipmentProgress};

/// A confidence (0–1) as the whole percentage stored.
pub(crate) fn percent(confidence: f32) -> i64 {
    (f64::from(confidence.clamp(0.0, 1.0)) * 100.0).round() as i64
}

/// `progress` after the newly stored events, if every one of them is newer than what was
/// applied before it; `None` when one is not, and the caller must fold all the events.
pub(crate) fn advance(
    mut progress: ShipmentProgress,
    inserted: &[&NewEvent],
) -> Option<ShipmentProgress> {
    let mut sorted = inserted.to_vec();
    sorted.sort_by(|a, b| {
        (a.occurred_at_utc(), &a.dedupe_key).cmp(&(b.occurred_at_utc(), &b.dedupe_key))
    });
    for event in sorted {
        if !progress.accepts_in_order(event) {
            return None;
        }
        progress.apply(event);
    }
    Some(progress)
}
