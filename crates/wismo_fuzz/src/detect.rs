//! The tracking-number detector and the domain's tracking-number check.

use wismo_carriers::detect;
use wismo_domain::TrackingNumber;

/// A tracking number, then optionally a newline and a carrier hint.
pub fn detect(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (number, hint) = match text.split_once('\n') {
        Some((number, hint)) => (number, Some(hint)),
        None => (text, None),
    };
    let normalized = detect::normalize(number);
    for candidate in detect::detect(number, hint) {
        assert_eq!(candidate.normalized, normalized, "{candidate:?}");
        assert_ne!(candidate.checksum, Some(false), "{candidate:?}");
    }
    let _ = TrackingNumber::parse(number);
}
