//! The last-resort mapping from a carrier's words, for codes no table knows, and the
//! substatus detail that generic codes ("exception", "delay") leave to the words.
//!
//! Words never make a parcel delivered: only a carrier's own delivered category may.

use wismo_domain::{Stage, Substatus};

type Mapped = (Stage, Option<Substatus>);

/// Rules in order; the first whose every needle occurs (lowercased) wins.
#[rustfmt::skip]
const RULES: &[(&[&str], Stage, Option<Substatus>)] = &[
    (&["out for delivery"], Stage::OutForDelivery, Some(Substatus::WithCourier)),
    (&["vehicle for delivery"], Stage::OutForDelivery, Some(Substatus::WithCourier)),
    (&["loaded on delivery vehicle"], Stage::OutForDelivery, Some(Substatus::WithCourier)),
    (&["arriving soon"], Stage::OutForDelivery, Some(Substatus::WithCourier)),
    (&["ready for pickup"], Stage::AvailableForPickup, None),
    (&["ready for customer pickup"], Stage::AvailableForPickup, None),
    (&["ready for recipient pickup"], Stage::AvailableForPickup, None),
    (&["available for pickup"], Stage::AvailableForPickup, None),
    (&["held for customer pickup"], Stage::AvailableForPickup, None),
    (&["locker"], Stage::AvailableForPickup, Some(Substatus::AtLocker)),
    (&["post office for pickup"], Stage::AvailableForPickup, Some(Substatus::AtPostOffice)),
    (&["refused"], Stage::Exception, Some(Substatus::Refused)),
    (&["damage"], Stage::Exception, Some(Substatus::Damaged)),
    (&["lost"], Stage::Exception, Some(Substatus::Lost)),
    (&["return"], Stage::Returned, Some(Substatus::ReturnedToSender)),
    (&["duties"], Stage::ActionRequired, Some(Substatus::CustomsPayment)),
    (&["duty"], Stage::ActionRequired, Some(Substatus::CustomsPayment)),
    (&["import charges"], Stage::ActionRequired, Some(Substatus::CustomsPayment)),
    (&["customs", "pay"], Stage::ActionRequired, Some(Substatus::CustomsPayment)),
    (&["c.o.d"], Stage::ActionRequired, Some(Substatus::CashOnDelivery)),
    (&["cod payment"], Stage::ActionRequired, Some(Substatus::CashOnDelivery)),
    (&["funds"], Stage::ActionRequired, Some(Substatus::CashOnDelivery)),
    (&["incorrect address"], Stage::ActionRequired, Some(Substatus::AddressProblem)),
    (&["address", "incomplete"], Stage::ActionRequired, Some(Substatus::AddressProblem)),
    (&["address", "insufficient"], Stage::ActionRequired, Some(Substatus::AddressProblem)),
    (&["address", "invalid"], Stage::ActionRequired, Some(Substatus::AddressProblem)),
    (&["address", "required"], Stage::ActionRequired, Some(Substatus::AddressProblem)),
    (&["address", "needed"], Stage::ActionRequired, Some(Substatus::AddressProblem)),
    (&["pickup attempt"], Stage::InfoReceived, Some(Substatus::AwaitingPickup)),
    (&["attempt"], Stage::ActionRequired, Some(Substatus::FailedAttempt)),
    (&["not available"], Stage::ActionRequired, Some(Substatus::FailedAttempt)),
    (&["business closed"], Stage::ActionRequired, Some(Substatus::FailedAttempt)),
    (&["not home"], Stage::ActionRequired, Some(Substatus::FailedAttempt)),
    (&["weather"], Stage::Delayed, Some(Substatus::Weather)),
    (&["delay"], Stage::Delayed, Some(Substatus::CarrierDelay)),
    (&["running late"], Stage::Delayed, Some(Substatus::CarrierDelay)),
    (&["exception"], Stage::Exception, None),
    (&["held"], Stage::Exception, Some(Substatus::Held)),
    (&["cleared"], Stage::InTransit, Some(Substatus::CustomsCleared)),
    (&["clearance completed"], Stage::InTransit, Some(Substatus::CustomsCleared)),
    (&["void"], Stage::Cancelled, Some(Substatus::LabelVoided)),
    (&["shipment cancel"], Stage::Cancelled, Some(Substatus::LabelVoided)),
    (&["picked up"], Stage::InTransit, Some(Substatus::PickedUp)),
    (&["pickup scan"], Stage::InTransit, Some(Substatus::PickedUp)),
    (&["dropped off"], Stage::InTransit, Some(Substatus::PickedUp)),
    (&["drop off"], Stage::InTransit, Some(Substatus::PickedUp)),
    (&["we have your package"], Stage::InTransit, Some(Substatus::PickedUp)),
    (&["label created"], Stage::InfoReceived, None),
    (&["created a label"], Stage::InfoReceived, None),
    (&["shipment information sent"], Stage::InfoReceived, None),
    (&["billing information"], Stage::InfoReceived, None),
    (&["order created"], Stage::InfoReceived, None),
    (&["ready for ups"], Stage::InfoReceived, Some(Substatus::AwaitingPickup)),
    (&["pickup"], Stage::InfoReceived, Some(Substatus::AwaitingPickup)),
    (&["arrived"], Stage::InTransit, Some(Substatus::ArrivedAtFacility)),
    (&["arrival"], Stage::InTransit, Some(Substatus::ArrivedAtFacility)),
    (&["depart"], Stage::InTransit, Some(Substatus::DepartedFacility)),
    (&["left fedex"], Stage::InTransit, Some(Substatus::DepartedFacility)),
    (&["left origin"], Stage::InTransit, Some(Substatus::DepartedFacility)),
    (&["in transit"], Stage::InTransit, None),
    (&["on the way"], Stage::InTransit, None),
];

/// The stage a carrier's words suggest, if any rule matches. Never `Delivered`.
pub(crate) fn from_text(text: &str) -> Option<Mapped> {
    let lower = text.to_lowercase();
    RULES
        .iter()
        .find(|(needles, _, _)| needles.iter().all(|n| lower.contains(n)))
        .map(|&(_, stage, substatus)| (stage, substatus))
}

/// A table's answer, with detail from the words where the table's is generic: a missing
/// substatus may be filled from words that agree on the stage, and a generic problem
/// (`generic_problem`: "exception", "delay", "delivery exception") may become the specific
/// problem the words name.
pub(crate) fn refine(mapped: Mapped, text: &str, generic_problem: bool) -> Mapped {
    let Some((stage, Some(substatus))) = from_text(text) else {
        return mapped;
    };
    let same_stage = stage == mapped.0 && mapped.1.is_none();
    let specific_problem =
        (generic_problem || mapped.1.is_none()) && is_problem(mapped.0) && is_problem(stage);
    if same_stage || specific_problem {
        (stage, Some(substatus))
    } else {
        mapped
    }
}

fn is_problem(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::Delayed | Stage::ActionRequired | Stage::Exception
    )
}

/// How a delivered parcel was left, from the carrier's words for the place.
pub(crate) fn left_at(place: &str) -> Option<Substatus> {
    let lower = place.to_lowercase();
    let any = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    if any(&["mailbox", "mail box", "letterbox"]) {
        Some(Substatus::ToMailbox)
    } else if any(&["neighbo"]) {
        Some(Substatus::ToNeighbour)
    } else if any(&[
        "door", "porch", "garage", "patio", "deck", "carport", "stoop", "step",
    ]) {
        Some(Substatus::LeftAtDoor)
    } else {
        None
    }
}
