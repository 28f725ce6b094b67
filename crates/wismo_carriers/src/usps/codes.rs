//! USPS event codes onto wismo's stages, with the fallback for codes the table does not know.
//!
//! Meanings come from Publication 199 Appendix G-4 (domestic scan events) as quoted in the
//! reference notes (CARRIERS.md §2.3, the codes seen in a real response) and in public client
//! code that transcribes the appendix. Codes whose meaning those sources do not give are left
//! out on purpose (e.g. `OA`, `RB`, `19`, `43`, `83`, `84` and the international G-5 codes),
//! and so is `17` ("picked up by agent": whose agent is not said, and delivered is terminal):
//! the fallback maps them from `statusCategory` and the event's words, and counts them.

use crate::UnknownCodes;
use wismo_domain::{Stage, Substatus};

/// A stage and the detail within it.
pub(super) type Mapping = (Stage, Option<Substatus>);

/// The table. `01` (delivered) gets its detail from the event afterwards.
pub(super) fn by_code(code: &str) -> Option<Mapping> {
    use Stage::*;
    use Substatus as S;
    Some(match code {
        // Label created / shipping information received.
        "GX" => (InfoReceived, Some(S::AwaitingPickup)),
        "MA" => (InfoReceived, Some(S::AwaitingPickup)),
        // Accepted: "USPS in possession", shipment acceptance (truck manifest, passive).
        "03" | "TM" | "PA" => (InTransit, Some(S::PickedUp)),
        // Moving through the network.
        "SF" | "EF" | "T1" => (InTransit, Some(S::DepartedFacility)),
        "10" | "A1" | "07" | "41" => (InTransit, Some(S::ArrivedAtFacility)),
        "TL" | "PC" | "06" | "42" => (InTransit, None),
        // Arrival at the pickup point precedes "available for pickup" (16).
        "14" => (InTransit, Some(S::ArrivedAtFacility)),
        // Shipping partner legs (Appendix G: picked up by / arrived at / departed partner facility).
        "80" => (InTransit, Some(S::PickedUp)),
        "81" => (InTransit, Some(S::ArrivedAtFacility)),
        "82" => (InTransit, Some(S::DepartedFacility)),
        "OF" => (OutForDelivery, Some(S::WithCourier)),
        "16" => (AvailableForPickup, Some(S::AtPostOffice)),
        "01" => (Delivered, None),
        // Attempted / notice left, and its reasons.
        "02" | "51" | "52" | "53" | "54" | "55" | "56" | "30" => {
            (ActionRequired, Some(S::FailedAttempt))
        }
        "05" => (ActionRequired, Some(S::AddressProblem)),
        // Missent, mis-shipped, rescheduled, delivery status not updated.
        "08" | "15" | "71" | "DX" => (Delayed, Some(S::CarrierDelay)),
        "04" => (Exception, Some(S::Refused)),
        // Dead letter: neither deliverable nor returnable.
        "11" => (Exception, Some(S::Lost)),
        // Return to sender, with its reasons; 21–23 are address problems.
        "21" | "22" | "23" => (Returned, Some(S::AddressProblem)),
        "09" | "24" | "25" | "26" | "27" | "28" | "29" | "31" => {
            (Returned, Some(S::ReturnedToSender))
        }
        // Customer (shipper) recall.
        "44" => (Returned, Some(S::ReturnedToSender)),
        _ => return None,
    })
}

/// Maps an event: by code when the table knows it; otherwise the code is noted in `unknown`
/// and the stage comes from the category, then the words, then the previous stage.
pub(super) fn map_event(
    code: Option<&str>,
    category: Option<&str>,
    text: &str,
    prior: Option<Stage>,
    unknown: &mut UnknownCodes,
) -> Mapping {
    if let Some(mapping) = code.and_then(by_code) {
        return mapping;
    }
    if let Some(code) = code {
        unknown.note(code);
    }
    let from_category = category.and_then(by_category);
    let from_text = by_keywords(text);
    // "In Transit, Arriving Late" under the "In Transit" category is a delay: the words are
    // more specific than a moving category. Reading it the same way whether or not it is
    // the newest scan (the only one with a category) keeps its stage stable.
    if let (Some((Stage::InTransit, _)), Some(words)) = (from_category, from_text)
        && words.0 != Stage::InTransit
        && words.0 != Stage::Delivered
    {
        return words;
    }
    from_category
        .filter(|_| !category.is_some_and(is_vague_category))
        .or(from_text)
        .or(from_category)
        .unwrap_or_else(|| by_context(prior))
}

/// USPS's `statusCategory` ("Delivered", "In Transit", "Alert" …). The only fallback that may
/// say delivered.
fn by_category(category: &str) -> Option<Mapping> {
    use Stage::*;
    use Substatus as S;
    let category = category.trim().to_ascii_lowercase();
    Some(match category.as_str() {
        "delivered" => (Delivered, None),
        "out for delivery" => (OutForDelivery, Some(S::WithCourier)),
        "in transit" | "in-transit" | "accepted" | "acceptance" => (InTransit, None),
        "pre-shipment" | "preshipment" | "pre-transit" | "label created" => {
            (InfoReceived, Some(S::AwaitingPickup))
        }
        "available for pickup" | "ready for pickup" => (AvailableForPickup, Some(S::AtPostOffice)),
        "delivery attempt" | "notice left" => (ActionRequired, Some(S::FailedAttempt)),
        "return to sender" | "returned to sender" => (Returned, Some(S::ReturnedToSender)),
        "delayed" | "delivery delayed" => (Delayed, Some(S::CarrierDelay)),
        "alert" => (Exception, Some(S::Other)),
        _ => return None,
    })
}

/// Categories that say "something" without saying what: the words decide first.
fn is_vague_category(category: &str) -> bool {
    category.trim().eq_ignore_ascii_case("alert")
}

/// The event's words. Never says delivered: words like "not delivered" or "delivery status
/// not updated" make that unsafe.
pub(super) fn by_keywords(text: &str) -> Option<Mapping> {
    use Stage::*;
    use Substatus as S;
    let text = text.to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    Some(
        if has(&[
            "return to sender",
            "returned to sender",
            "returning to sender",
            "being returned",
        ]) {
            (Returned, Some(S::ReturnedToSender))
        } else if has(&["refused"]) {
            (Exception, Some(S::Refused))
        } else if has(&["damaged"]) {
            (Exception, Some(S::Damaged))
        } else if has(&[
            "insufficient address",
            "undeliverable as addressed",
            "no such number",
            "address problem",
        ]) {
            (ActionRequired, Some(S::AddressProblem))
        } else if has(&[
            "attempted",
            "delivery attempt",
            "notice left",
            "no access",
            "receptacle",
        ]) {
            (ActionRequired, Some(S::FailedAttempt))
        } else if has(&[
            "available for pickup",
            "ready for pickup",
            "held at post office",
            "available at",
        ]) {
            (AvailableForPickup, Some(S::AtPostOffice))
        } else if has(&["out for delivery"]) {
            (OutForDelivery, Some(S::WithCourier))
        } else if has(&["customs"]) && has(&["held", "hold", "delay"]) {
            (Exception, Some(S::CustomsHold))
        } else if has(&["weather"]) {
            (Delayed, Some(S::Weather))
        } else if has(&[
            "delay",
            "arriving late",
            "running late",
            "missent",
            "mis-sent",
            "rescheduled",
        ]) {
            (Delayed, Some(S::CarrierDelay))
        } else if has(&[
            "label created",
            "pre-shipment",
            "shipping info",
            "awaiting item",
        ]) {
            (InfoReceived, Some(S::AwaitingPickup))
        } else if has(&["accepted", "acceptance", "in possession"]) {
            (InTransit, Some(S::PickedUp))
        } else if has(&["departed", "departure"]) {
            (InTransit, Some(S::DepartedFacility))
        } else if has(&["arrived", "arrival"]) {
            (InTransit, Some(S::ArrivedAtFacility))
        } else if has(&["customs cleared", "out of customs", "released from customs"]) {
            (InTransit, Some(S::CustomsCleared))
        } else if has(&[
            "in transit",
            "processed",
            "processing",
            "forwarded",
            "customs",
            "dispatch",
        ]) {
            (InTransit, None)
        } else {
            return None;
        },
    )
}

/// Nothing said where the parcel is: it keeps moving once it was shipped; before that it
/// stays where it was (label created) or waits for carrier data.
pub(super) fn by_context(prior: Option<Stage>) -> Mapping {
    match prior {
        Some(stage) if stage.is_shipped() => (Stage::InTransit, None),
        Some(Stage::InfoReceived) => (Stage::InfoReceived, None),
        _ => (Stage::Pending, None),
    }
}

/// The detail of a delivery from the event: signed, mailbox, locker, door, neighbour.
pub(super) fn delivered_detail(text: &str, signed: bool) -> Option<Substatus> {
    let text = text.to_ascii_lowercase();
    if signed {
        Some(Substatus::Signed)
    } else if text.contains("mailbox") || text.contains("po box") {
        Some(Substatus::ToMailbox)
    } else if text.contains("locker") {
        Some(Substatus::AtLocker)
    } else if text.contains("door") || text.contains("porch") || text.contains("garage") {
        Some(Substatus::LeftAtDoor)
    } else if text.contains("neighbor") {
        Some(Substatus::ToNeighbour)
    } else {
        None
    }
}
