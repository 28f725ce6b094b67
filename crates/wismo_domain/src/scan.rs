//! A carrier's scan as a customer reads it: its words in sentence case, its place without
//! repeats, and what kind of scan it is, so a page can say it in the customer's language
//! and keep the carrier's own words beside it.
//!
//! Carriers write "DELIVERED", "Out For Delivery Today" and "MEMPHIS, TN - US, US". The
//! rules here are the same for every carrier: text written all in capitals or with every
//! word capitalised becomes a sentence (codes such as `UPS`, `TN` or `ID` stay as they
//! are); a place's parts lose empty and repeated parts, and a place name in capitals
//! becomes a name.

use crate::{Stage, Substatus};

/// What a scan says, in words a page translates (`scan-KIND`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    LabelCreated,
    PickedUp,
    Arrived,
    Departed,
    Processed,
    Customs,
    InTransit,
    OutForDelivery,
    Attempted,
    AtPickupPoint,
    Delivered,
    Returning,
    Delayed,
    Problem,
}

impl ScanKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ScanKind::LabelCreated => "label_created",
            ScanKind::PickedUp => "picked_up",
            ScanKind::Arrived => "arrived",
            ScanKind::Departed => "departed",
            ScanKind::Processed => "processed",
            ScanKind::Customs => "customs",
            ScanKind::InTransit => "in_transit",
            ScanKind::OutForDelivery => "out_for_delivery",
            ScanKind::Attempted => "attempted",
            ScanKind::AtPickupPoint => "at_pickup_point",
            ScanKind::Delivered => "delivered",
            ScanKind::Returning => "returning",
            ScanKind::Delayed => "delayed",
            ScanKind::Problem => "problem",
        }
    }

    pub const ALL: [ScanKind; 14] = [
        ScanKind::LabelCreated,
        ScanKind::PickedUp,
        ScanKind::Arrived,
        ScanKind::Departed,
        ScanKind::Processed,
        ScanKind::Customs,
        ScanKind::InTransit,
        ScanKind::OutForDelivery,
        ScanKind::Attempted,
        ScanKind::AtPickupPoint,
        ScanKind::Delivered,
        ScanKind::Returning,
        ScanKind::Delayed,
        ScanKind::Problem,
    ];
}

/// The kind of a scan: from its stage where the stage says it, else from the carrier's
/// words for the common scans of a parcel on its way; `None` when neither says enough
/// (the page then shows the carrier's words alone).
pub fn kind(stage: Stage, substatus: Option<Substatus>, description: &str) -> Option<ScanKind> {
    let words = description.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| words.contains(n));
    match stage {
        Stage::Delivered => return Some(ScanKind::Delivered),
        Stage::OutForDelivery => return Some(ScanKind::OutForDelivery),
        Stage::AvailableForPickup => return Some(ScanKind::AtPickupPoint),
        Stage::Returned => return Some(ScanKind::Returning),
        Stage::InfoReceived => return Some(ScanKind::LabelCreated),
        Stage::ActionRequired if substatus == Some(Substatus::FailedAttempt) => {
            return Some(ScanKind::Attempted);
        }
        Stage::Delayed => return Some(ScanKind::Delayed),
        Stage::Exception | Stage::ActionRequired => {
            if has(&["customs", "clearance", "duties", "duty"]) {
                return Some(ScanKind::Customs);
            }
            return Some(ScanKind::Problem);
        }
        _ => {}
    }
    if has(&["customs", "clearance", "import scan", "export scan"]) {
        Some(ScanKind::Customs)
    } else if has(&[
        "picked up",
        "pickup scan",
        "origin scan",
        "accepted",
        "acceptance",
    ]) {
        Some(ScanKind::PickedUp)
    } else if has(&["depart", "left "]) {
        Some(ScanKind::Departed)
    } else if has(&[
        "arrived",
        "arrival",
        "arriving",
        "destination scan",
        "at local",
    ]) {
        Some(ScanKind::Arrived)
    } else if has(&["processed", "processing", "sorted", "sorting"]) {
        Some(ScanKind::Processed)
    } else if has(&[
        "in transit",
        "on the way",
        "on its way",
        "en route",
        "forwarded",
    ]) {
        Some(ScanKind::InTransit)
    } else {
        None
    }
}

/// Words that stay in capitals inside a sentence: carriers, places' codes and the like.
fn keeps_capitals(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (letters > 0 && letters <= 3) || word.chars().any(|c| c.is_ascii_digit()) || word == "USPS"
}

/// A carrier's words as a sentence when they are written all in capitals or Every Word
/// Capitalised; any other text is kept as it is.
pub fn sentence(description: &str) -> String {
    let text = description.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_upper = |w: &&str| {
        w.chars().any(|c| c.is_alphabetic())
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
    };
    let is_title = |w: &&str| {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        match letters.next() {
            Some(first) => first.is_uppercase() && letters.all(|c| c.is_lowercase()),
            None => true,
        }
    };
    let alphabetic: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .collect();
    let shouting = !alphabetic.is_empty()
        && alphabetic.iter().all(|w| is_upper(w))
        && alphabetic
            .iter()
            .any(|w| !keeps_capitals(w) || is_common(w));
    // Every word capitalised (codes aside): "Out For Delivery Today". A text with a word
    // in lower case is a sentence already, its capitals names.
    let titled = alphabetic.len() > 2
        && alphabetic
            .iter()
            .all(|w| is_title(w) || (keeps_capitals(w) && is_upper(w)));
    if !shouting && !titled {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.to_uppercase().starts_with("FEDEX") {
            out.push_str("FedEx");
            out.push_str(&word[5.min(word.len())..]);
            continue;
        }
        if keeps_capitals(word) && is_upper(word) && !(shouting && is_common(word)) {
            out.push_str(word);
            continue;
        }
        let lower = word.to_lowercase();
        if i == 0 || out.trim_end().ends_with(['.', ':', ';']) {
            let mut chars = lower.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(&lower);
        }
    }
    out
}

/// Short words of carrier sentences that are words, not codes, when a carrier shouts.
fn is_common(word: &str) -> bool {
    let bare: String = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    [
        "a", "an", "at", "by", "for", "in", "is", "of", "on", "out", "the", "to", "was", "and",
        "has", "not", "its", "our", "you", "due", "day", "new", "try", "way", "now", "left",
    ]
    .contains(&bare.as_str())
}

/// A scan's place with empty and repeated parts dropped and names in capitals written as
/// names: "MEMPHIS, TN - US, US" is "Memphis, TN, US".
pub fn place(location: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for part in location.split([',', '\n']).flat_map(|p| p.split(" - ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if parts.iter().any(|p| p.eq_ignore_ascii_case(part)) {
            continue;
        }
        parts.push(name_case(part));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// "SALT LAKE CITY" is "Salt Lake City"; codes ("TN", "US", "SLC1") and mixed-case names
/// stay as they are.
fn name_case(part: &str) -> String {
    let upper = part
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    if !upper || letters <= 3 || part.chars().any(|c| c.is_ascii_digit()) {
        return part.to_owned();
    }
    let mut out = String::with_capacity(part.len());
    let mut start = true;
    for c in part.chars() {
        if c.is_alphabetic() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c == ' ' || c == '-' || c == '\'' || c == '.';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shouted_and_titled_scans_become_sentences() {
        assert_eq!(sentence("DELIVERED"), "Delivered");
        assert_eq!(sentence("Out For Delivery Today"), "Out for delivery today");
        assert_eq!(
            sentence("ARRIVED AT FEDEX LOCATION"),
            "Arrived at FedEx location"
        );
        assert_eq!(
            sentence("DEPARTED FROM FACILITY IN SLC1"),
            "Departed from facility in SLC1"
        );
        assert_eq!(sentence("ON THE WAY"), "On the way");
        // A title becomes a sentence; a sentence, or a proper mix, is kept.
        assert_eq!(
            sentence("Delivered, Left At Front Door"),
            "Delivered, left at front door"
        );
        assert_eq!(
            sentence("Delivered, front door. Signed by J SMITH"),
            "Delivered, front door. Signed by J SMITH"
        );
        assert_eq!(
            sentence("Arrived At UPS Facility"),
            "Arrived at UPS facility"
        );
        assert_eq!(
            sentence("Arrived at UPS Facility"),
            "Arrived at UPS Facility"
        );
        assert_eq!(
            sentence("Departed Louisville hub"),
            "Departed Louisville hub"
        );
        assert_eq!(sentence("Zugestellt"), "Zugestellt");
        assert_eq!(sentence("  In transit "), "In transit");
        assert_eq!(sentence(""), "");
        assert_eq!(sentence("UPS"), "UPS");
    }

    #[test]
    fn places_lose_repeats_and_shouting() {
        assert_eq!(
            place("MEMPHIS, TN - US, US").as_deref(),
            Some("Memphis, TN, US")
        );
        assert_eq!(
            place("SALT LAKE CITY, UT, US").as_deref(),
            Some("Salt Lake City, UT, US")
        );
        assert_eq!(
            place("Portland, OR, US").as_deref(),
            Some("Portland, OR, US")
        );
        assert_eq!(place("SHENZHEN - CN").as_deref(), Some("Shenzhen, CN"));
        assert_eq!(place(" , ").as_deref(), None);
        assert_eq!(
            place("O'HARE-CHICAGO, IL").as_deref(),
            Some("O'Hare-Chicago, IL")
        );
    }

    #[test]
    fn common_scans_have_a_kind() {
        let kind_of = |stage, d| kind(stage, None, d);
        assert_eq!(
            kind_of(Stage::InTransit, "Arrived at FedEx location"),
            Some(ScanKind::Arrived)
        );
        assert_eq!(
            kind_of(Stage::InTransit, "DEPARTED FEDEX HUB"),
            Some(ScanKind::Departed)
        );
        assert_eq!(
            kind_of(Stage::InTransit, "Picked up"),
            Some(ScanKind::PickedUp)
        );
        assert_eq!(
            kind_of(Stage::InTransit, "Import scan"),
            Some(ScanKind::Customs)
        );
        assert_eq!(
            kind_of(Stage::InTransit, "Processing at UPS Facility"),
            Some(ScanKind::Processed)
        );
        assert_eq!(kind_of(Stage::InTransit, "Hub 12 / 4 B"), None);
        assert_eq!(
            kind_of(Stage::Delivered, "Delivered, front door"),
            Some(ScanKind::Delivered)
        );
        assert_eq!(
            kind(
                Stage::ActionRequired,
                Some(Substatus::FailedAttempt),
                "Attempted"
            ),
            Some(ScanKind::Attempted)
        );
        assert_eq!(
            kind_of(Stage::Exception, "Customs clearance delay"),
            Some(ScanKind::Customs)
        );
    }
}
