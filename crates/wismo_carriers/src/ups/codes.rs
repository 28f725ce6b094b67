//! UPS status codes onto wismo's stages.
//!
//! The key is the activity `type` plus the 3-digit `statusCode` (UPS appendix "Status /
//! Description Codes"; every row is in [`lookup`]). The 2-letter/numeric `code` means
//! different things under different types (`DP` is a departure scan, a manifest, and an
//! export problem), so it only adds detail: arrival/departure/pickup scans under type `I`,
//! the place a parcel was left under type `D`. Unknown status codes are mapped from the type
//! and the carrier's words (the parser lists them); only type `D` can make them delivered.

use wismo_domain::{Stage, Substatus};

use crate::common::text;

type Mapped = (Stage, Option<Substatus>);

/// Maps one UPS activity status. `kind` is `status.type`, `status_code` the 3-digit
/// `statusCode`, `code` the movement/exception `code`, `description` the carrier's words.
pub fn map(kind: &str, status_code: &str, code: &str, description: &str) -> Mapped {
    let kind = kind.trim().to_ascii_uppercase();
    let code = code.trim().to_ascii_uppercase();
    let known = lookup(status_code);
    if kind == "MV" {
        return (Stage::Cancelled, Some(Substatus::LabelVoided));
    }
    match known {
        Some(mapped) => {
            let mapped = with_type(&kind, mapped);
            let mapped = with_code(&kind, &code, mapped);
            text::refine(mapped, description, false)
        }
        None => by_type(&kind, description),
    }
}

/// The table: what a 3-digit status code means (`"5"`, `"005"` and `" 005 "` alike).
pub fn lookup(status_code: &str) -> Option<Mapped> {
    use Stage::*;
    use Substatus::*;
    let n: u16 = status_code.trim().parse().ok()?;
    Some(match n {
        0 | 88 | 148 | 163 => (Pending, None),
        3 | 77 | 80 | 157 | 166 => (InfoReceived, Some(AwaitingPickup)),
        43 | 65 | 131 | 135 => (InfoReceived, Some(AwaitingPickup)),
        133 => (InfoReceived, None),
        5 | 10 | 25 | 39 | 47 | 87 | 158 | 159 | 164 | 165 => (InTransit, None),
        12 | 16 | 18 | 20 | 27 | 28 | 41 | 42 | 44 | 45 | 54 | 56 | 57 | 63 | 70 | 71 | 73 | 74
        | 75 | 79 | 82 | 92 => (InTransit, None),
        94..=103 | 106..=117 | 120..=122 | 136..=138 | 153 | 154 => (InTransit, None),
        14 | 84 | 134 => (InTransit, Some(CustomsCleared)),
        38 | 160 | 167..=169 => (InTransit, Some(PickedUp)),
        6 | 21 | 37 | 72 | 78 | 89 | 91 | 146 | 162 => (OutForDelivery, Some(WithCourier)),
        17 | 40 | 161 => (AvailableForPickup, None),
        144 => (AvailableForPickup, Some(AtPostOffice)),
        11 | 26 | 143 | 155 | 156 => (Delivered, None),
        19 => (Delayed, Some(Held)),
        32 | 51..=53 => (Delayed, Some(Weather)),
        46 | 48 | 86 | 90 | 132 => (Delayed, Some(CarrierDelay)),
        55 => (Delayed, None),
        22..=24 | 60 | 61 | 66 | 145 => (ActionRequired, Some(FailedAttempt)),
        29 | 49 | 58 | 124 | 125 | 139 | 141 => (ActionRequired, None),
        50 => (ActionRequired, Some(AddressProblem)),
        62 | 85 => (ActionRequired, Some(CashOnDelivery)),
        13 | 30 | 69 | 76 | 93 | 127..=130 | 140 | 142 => (Exception, None),
        59 => (Exception, Some(Damaged)),
        64 => (Exception, Some(Refused)),
        68 => (Exception, Some(Lost)),
        83 | 104 | 105 => (Exception, Some(Held)),
        123 | 126 => (Exception, Some(CustomsHold)),
        147 | 149 => (Exception, Some(Other)),
        33..=36 | 67 | 118 | 119 => (Returned, Some(ReturnedToSender)),
        81 => (Returned, Some(Damaged)),
        7 => (Cancelled, Some(LabelVoided)),
        _ => return None,
    })
}

/// Type `D` is delivered whatever a pre-delivery status code says.
fn with_type(kind: &str, mapped: Mapped) -> Mapped {
    let before_delivery = matches!(
        mapped.0,
        Stage::Pending
            | Stage::InfoReceived
            | Stage::InTransit
            | Stage::OutForDelivery
            | Stage::Delayed
    );
    if kind == "D" && before_delivery {
        (Stage::Delivered, None)
    } else {
        mapped
    }
}

/// Detail from the movement code (type `I`) or the delivery code (type `D`).
fn with_code(kind: &str, code: &str, mapped: Mapped) -> Mapped {
    if mapped.1.is_some() {
        return mapped;
    }
    let detail = match (kind, mapped.0) {
        ("I", Stage::InTransit) => match code {
            "AR" | "F0" | "UL" | "HU" | "DS" | "IP" | "UA" => Some(Substatus::ArrivedAtFacility),
            "DP" | "F3" | "2O" | "UD" => Some(Substatus::DepartedFacility),
            "OR" | "PU" | "PC" | "PT" | "XD" => Some(Substatus::PickedUp),
            _ => None,
        },
        ("D", Stage::Delivered) => match code {
            "MU" => Some(Substatus::ToMailbox),
            "3H" => Some(Substatus::ToNeighbour),
            "ML" | "MM" | "MN" | "MP" | "MQ" | "MR" | "MS" | "MW" => Some(Substatus::LeftAtDoor),
            _ => None,
        },
        _ => None,
    };
    (mapped.0, detail)
}

/// An unknown status code: the activity type's meaning, sharpened by the words.
fn by_type(kind: &str, description: &str) -> Mapped {
    let words = text::from_text(description);
    match kind {
        "D" => match words {
            Some(pickup @ (Stage::AvailableForPickup, _)) => pickup,
            _ => (Stage::Delivered, None),
        },
        "M" => match words {
            Some(cancelled @ (Stage::Cancelled, _)) => cancelled,
            _ => (Stage::InfoReceived, None),
        },
        "X" => words.unwrap_or((Stage::Exception, None)),
        "O" => (Stage::OutForDelivery, Some(Substatus::WithCourier)),
        "P" => words.unwrap_or((Stage::InTransit, Some(Substatus::PickedUp))),
        _ => words.unwrap_or((Stage::InTransit, None)),
    }
}
