//! FedEx scan event types onto wismo's stages.
//!
//! The key is the scan's `eventType` (FedEx "Tracking Status Codes": movement, regulatory
//! and possession codes; every one is in [`lookup`]). `derivedStatusCode` is coarser (`AR`,
//! `DP` and even `OD` scans all carry `IT`), so it is only the fallback for event types the
//! table does not know (the parser lists those), and only a derived `DL` can make them
//! delivered. Generic problems (`DE`, `SE`, `DY`, `DD`, `PD`, `CD`) take their detail from
//! the words ("refused", "incorrect address", "weather", "duties").

use wismo_domain::{Stage, Substatus};

use crate::common::text;

type Mapped = (Stage, Option<Substatus>);

/// Maps one FedEx scan: `event_type` through the table, else `derived` (the coarse
/// `derivedStatusCode`), else the carrier's words.
pub fn map(event_type: &str, derived: &str, description: &str) -> Mapped {
    let code = event_type.trim().to_ascii_uppercase();
    match lookup(&code) {
        Some(mapped) => {
            let generic = matches!(code.as_str(), "DE" | "SE" | "DY" | "DD" | "PD" | "CD");
            text::refine(mapped, description, generic)
        }
        None => by_derived(derived, description),
    }
}

/// The table: what a scan `eventType` means (case-insensitive: FedEx writes `Ow`).
pub fn lookup(event_type: &str) -> Option<Mapped> {
    use Stage::*;
    use Substatus::*;
    Some(match event_type.trim().to_ascii_uppercase().as_str() {
        "OC" | "RP" | "RG" => (InfoReceived, None),
        "AP" | "DR" | "DS" | "EP" | "SH" => (InfoReceived, Some(AwaitingPickup)),
        "PU" | "PX" => (InTransit, Some(PickedUp)),
        "AA" | "AC" | "AF" | "AR" | "AX" | "FD" | "OF" | "SF" => {
            (InTransit, Some(ArrivedAtFacility))
        }
        "DP" | "LO" => (InTransit, Some(DepartedFacility)),
        "CC" => (InTransit, Some(CustomsCleared)),
        "AE" | "AO" | "BR" | "CH" | "CP" | "CU" | "EA" | "EO" | "IT" | "IX" | "OW" | "OX"
        | "PF" | "PL" | "PM" | "RC" | "RM" | "RR" | "SP" | "TP" | "TR" => (InTransit, None),
        "AD" | "ED" | "OD" => (OutForDelivery, Some(WithCourier)),
        "HL" | "HP" => (AvailableForPickup, None),
        "DL" => (Delivered, None),
        "DD" | "DY" | "PD" => (Delayed, Some(CarrierDelay)),
        "DE" => (ActionRequired, Some(FailedAttempt)),
        "CD" => (Exception, Some(CustomsHold)),
        "SE" => (Exception, None),
        "RS" => (Returned, Some(ReturnedToSender)),
        "CA" | "LP" | "RD" => (Cancelled, Some(LabelVoided)),
        _ => return None,
    })
}

/// An unknown event type: the derived status's meaning, sharpened by the words.
fn by_derived(derived: &str, description: &str) -> Mapped {
    use Stage::*;
    let words = text::from_text(description);
    match derived.trim().to_ascii_uppercase().as_str() {
        "DL" => match words {
            Some(pickup @ (AvailableForPickup, _)) => pickup,
            _ => (Delivered, None),
        },
        "IN" | "OC" => (InfoReceived, None),
        "PU" => (InTransit, Some(Substatus::PickedUp)),
        "OD" => (OutForDelivery, Some(Substatus::WithCourier)),
        "HL" | "HP" => (AvailableForPickup, None),
        "RS" => (Returned, Some(Substatus::ReturnedToSender)),
        "CA" => (Cancelled, Some(Substatus::LabelVoided)),
        "DY" | "DD" | "RL" | "PD" => {
            text::refine((Delayed, Some(Substatus::CarrierDelay)), description, true)
        }
        "DE" => text::refine(
            (ActionRequired, Some(Substatus::FailedAttempt)),
            description,
            true,
        ),
        "SE" | "CD" => text::refine((Exception, None), description, true),
        _ => words.unwrap_or((InTransit, None)),
    }
}
