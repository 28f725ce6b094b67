//! DHL statuses onto wismo's stages. The key is the unified `statusCode` (`pre-transit`,
//! `transit`, `delivered`, `failure`, `unknown`); an Express checkpoint code in `status`
//! refines it, and for other backends (parcel-de writes German text) the words do.
//!
//! `unknown` means DHL has no simplified status for the event, not that the parcel is late:
//! it maps to in transit when the previous event says the parcel is moving, else to pending
//! (or stays label-created), unless the code or the words say more.

use crate::UnknownCodes;
use wismo_domain::{Stage, Substatus};

/// A stage and the detail within it.
pub(super) type Mapping = (Stage, Option<Substatus>);

/// What one DHL event says.
pub(super) struct Status<'a> {
    pub status_code: Option<&'a str>,
    /// An Express checkpoint code (`WC`), already told apart from free text.
    pub checkpoint: Option<&'a str>,
    /// Description and status words, HTML removed.
    pub text: &'a str,
    /// Whether DHL has a signature for the shipment.
    pub signed: bool,
}

/// Maps one event, given the stage of the event before it; a code no table knows is noted
/// in `unknown`.
pub(super) fn map_event(
    status: &Status<'_>,
    prior: Option<Stage>,
    unknown: &mut UnknownCodes,
) -> Mapping {
    let from_checkpoint = status.checkpoint.and_then(|code| {
        let mapping = by_checkpoint(code);
        if mapping.is_none() {
            let label = status
                .status_code
                .map_or_else(|| code.to_owned(), |category| format!("{category}/{code}"));
            unknown.note(&label);
        }
        mapping
    });
    let (stage, substatus) = match from_checkpoint {
        Some(mapping) => mapping,
        None => by_status_code(status, prior, unknown),
    };
    if stage == Stage::Delivered {
        return (
            stage,
            delivered_detail(status.text, status.signed).or(substatus),
        );
    }
    (stage, substatus)
}

/// The unified category, refined by the words.
fn by_status_code(
    status: &Status<'_>,
    prior: Option<Stage>,
    unknown: &mut UnknownCodes,
) -> Mapping {
    use Stage::*;
    let words = by_keywords(status.text);
    match status.status_code.map(str::to_ascii_lowercase).as_deref() {
        Some("pre-transit") => (InfoReceived, None),
        Some("delivered") => (Delivered, None),
        Some("transit") => words
            .filter(|(stage, _)| *stage != InfoReceived)
            .unwrap_or((InTransit, None)),
        Some("failure") => words
            .filter(|(stage, _)| is_problem(*stage))
            .unwrap_or((Exception, None)),
        Some("unknown") => words.unwrap_or_else(|| by_context(prior)),
        other => {
            if let Some(code) = other {
                unknown.note(code);
            }
            words.unwrap_or_else(|| by_context(prior))
        }
    }
}

fn is_problem(stage: Stage) -> bool {
    use Stage::*;
    matches!(
        stage,
        ActionRequired | Exception | Returned | Delayed | AvailableForPickup
    )
}

/// DHL Express checkpoint codes whose meaning the reference material gives. `CC` (read as
/// customs by some, as "awaiting collection" by others) is left to the category and words.
fn by_checkpoint(code: &str) -> Option<Mapping> {
    use Stage::*;
    use Substatus as S;
    Some(match code {
        "SA" => (InfoReceived, None),
        "PU" => (InTransit, Some(S::PickedUp)),
        "PL" | "RR" => (InTransit, None),
        "DF" => (InTransit, Some(S::DepartedFacility)),
        "AF" | "AR" => (InTransit, Some(S::ArrivedAtFacility)),
        "CR" => (InTransit, Some(S::CustomsCleared)),
        "WC" => (OutForDelivery, Some(S::WithCourier)),
        "OK" => (Delivered, None),
        "NH" | "CA" => (ActionRequired, Some(S::FailedAttempt)),
        "BA" => (ActionRequired, Some(S::AddressProblem)),
        "OH" => (Exception, Some(S::Held)),
        "RT" => (Returned, Some(S::ReturnedToSender)),
        _ => return None,
    })
}

/// The words, English and German (parcel-de). Never says delivered; only `statusCode` or a
/// checkpoint code can.
pub(super) fn by_keywords(text: &str) -> Option<Mapping> {
    use Stage::*;
    use Substatus as S;
    let text = text.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    Some(
        if has(&[
            "returned to shipper",
            "returned to sender",
            "return to sender",
            "rücksendung",
            "zurückgesendet",
            "zurück an den absender",
        ]) {
            (Returned, Some(S::ReturnedToSender))
        } else if has(&["refused", "verweigert"]) {
            (Exception, Some(S::Refused))
        } else if has(&["damaged", "beschädigt"]) {
            (Exception, Some(S::Damaged))
        } else if has(&[
            "bad address",
            "incorrect address",
            "address incorrect",
            "insufficient address",
            "adressfehler",
            "adresse unvollständig",
            "falsche adresse",
        ]) {
            (ActionRequired, Some(S::AddressProblem))
        } else if has(&["duties", "import charges", "zollgebühren", "einfuhrabgaben"]) {
            (ActionRequired, Some(S::CustomsPayment))
        } else if has(&[
            "not home",
            "delivery attempt",
            "closed on arrival",
            "could not be delivered",
            "nicht angetroffen",
            "zustellversuch",
            "konnte nicht zugestellt",
        ]) {
            (ActionRequired, Some(S::FailedAttempt))
        } else if has(&[
            "ready for pickup",
            "ready for collection",
            "available for pickup",
            "available for collection",
            "awaiting collection",
            "abholbereit",
            "zur abholung",
        ]) {
            let at_locker = has(&["packstation", "locker", "paketbox"]);
            (
                AvailableForPickup,
                Some(if at_locker {
                    S::AtLocker
                } else {
                    S::AtPostOffice
                }),
            )
        } else if has(&["customs", "zoll"])
            && has(&["held", "hold", "delay", "angehalten", "zurückgehalten"])
        {
            (Exception, Some(S::CustomsHold))
        } else if has(&["on hold", "held", "angehalten"]) {
            (Exception, Some(S::Held))
        } else if has(&["weather", "wetter"]) {
            (Delayed, Some(S::Weather))
        } else if has(&["delay", "verzögert", "verspätet"]) {
            (Delayed, Some(S::CarrierDelay))
        } else if has(&[
            "out for delivery",
            "with courier",
            "with delivery courier",
            "zustellfahrzeug",
            "in zustellung",
        ]) {
            (OutForDelivery, Some(S::WithCourier))
        } else if has(&["clearance release", "customs cleared", "verzollt"]) {
            (InTransit, Some(S::CustomsCleared))
        } else if has(&[
            "shipment information received",
            "elektronisch angekündigt",
            "label created",
        ]) {
            (InfoReceived, None)
        } else if has(&["picked up", "eingeliefert"]) {
            (InTransit, Some(S::PickedUp))
        } else if has(&["departed"]) {
            (InTransit, Some(S::DepartedFacility))
        } else if has(&["arrived", "eingetroffen", "angekommen"]) {
            (InTransit, Some(S::ArrivedAtFacility))
        } else if has(&[
            "processed",
            "in transit",
            "bearbeitet",
            "sortiert",
            "unterwegs",
            "customs",
            "zoll",
        ]) {
            (InTransit, None)
        } else {
            return None;
        },
    )
}

/// Nothing says where the parcel is: moving once shipped, else where it was.
fn by_context(prior: Option<Stage>) -> Mapping {
    match prior {
        Some(stage) if stage.is_shipped() => (Stage::InTransit, None),
        Some(Stage::InfoReceived) => (Stage::InfoReceived, None),
        _ => (Stage::Pending, None),
    }
}

/// Signed, or left with a neighbour, in a mailbox, in a locker.
fn delivered_detail(text: &str, signed: bool) -> Option<Substatus> {
    let text = text.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    if signed || has(&["signed for"]) {
        Some(Substatus::Signed)
    } else if has(&["neighbour", "neighbor", "nachbar"]) {
        Some(Substatus::ToNeighbour)
    } else if has(&["mailbox", "letterbox", "briefkasten"]) {
        Some(Substatus::ToMailbox)
    } else if has(&["packstation", "locker", "paketbox"]) {
        Some(Substatus::AtLocker)
    } else if has(&["ablageort", "front door", "safe place"]) {
        Some(Substatus::LeftAtDoor)
    } else {
        None
    }
}
