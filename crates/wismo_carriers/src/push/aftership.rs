//! AfterShip tracking webhooks: `tracking_update`, `edd_revise` and `tracking_pending_time`,
//! each with the tracking in `msg`.
//!
//! Signature: `aftership-hmac-sha256` = base64 (standard, padded) of the HMAC-SHA256 of the raw
//! body keyed with the webhook secret. No timestamp is signed; `event_id` is the idempotency key.
//!
//! Events: `msg.checkpoints[]` with `RawEvent.code` = the checkpoint's `subtag`
//! (`Delivered_003`), or its `tag` when it has none; stage from `tag`, refined by `subtag`.

use super::signature::{header, hmac_sha256, hmac_sha256_matches, require_secret};
use super::{
    SignatureError, from_json, from_value, location, non_blank, oldest_first, parse_date,
    parse_time,
};
use crate::{CarrierError, DeliveryDetails, EstimatedDelivery, RawEvent, Tracking, UnknownCodes};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use wismo_domain::{Stage, Substatus};

/// The signature header, lower-case.
pub const SIGNATURE_HEADER: &str = "aftership-hmac-sha256";
const EXPECTED: &str = "the base64 of a 32-byte HMAC-SHA256";
const PROVIDER: &str = "aftership";

/// The `aftership-hmac-sha256` value AfterShip sends with `body`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    STANDARD.encode(hmac_sha256(secret.as_bytes(), body))
}

/// Checks `aftership-hmac-sha256` against the raw `body`, in constant time.
pub fn verify<V: AsRef<str>>(
    secret: &str,
    headers: impl Fn(&str) -> Option<V>,
    body: &[u8],
) -> Result<(), SignatureError> {
    require_secret(secret)?;
    let value = header(&headers, SIGNATURE_HEADER)?;
    let tag = STANDARD
        .decode(value.as_bytes())
        .ok()
        .filter(|t| t.len() == 32)
        .ok_or(SignatureError::MalformedHeader {
            header: SIGNATURE_HEADER,
            expected: EXPECTED,
        })?;
    if hmac_sha256_matches(secret.as_bytes(), body, &tag) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// The tracking in a tracking event; no trackings for other events.
pub fn parse(body: &[u8]) -> Result<Vec<Tracking>, CarrierError> {
    let webhook: Webhook = from_json(PROVIDER, body)?;
    if !matches!(
        webhook.event.as_str(),
        "tracking_update" | "edd_revise" | "tracking_pending_time"
    ) {
        return Ok(vec![]);
    }
    let msg = webhook
        .msg
        .ok_or_else(|| CarrierError::Malformed("aftership webhook: event without a msg".into()))?;
    let msg: Msg = from_value(PROVIDER, msg)?;
    Ok(vec![tracking(msg)])
}

#[derive(Deserialize)]
struct Webhook {
    event: String,
    msg: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Msg {
    tracking_number: String,
    slug: Option<String>,
    shipment_type: Option<String>,
    signed_by: Option<String>,
    expected_delivery: Option<String>,
    courier_estimated_delivery_date: Option<CourierEstimate>,
    checkpoints: Option<Vec<Checkpoint>>,
}

#[derive(Deserialize)]
struct CourierEstimate {
    estimated_delivery_date: Option<String>,
    estimated_delivery_date_max: Option<String>,
}

#[derive(Deserialize)]
struct Checkpoint {
    checkpoint_time: Option<String>,
    message: Option<String>,
    subtag_message: Option<String>,
    tag: Option<String>,
    subtag: Option<String>,
    location: Option<String>,
    city: Option<String>,
    state: Option<String>,
    country_region: Option<String>,
    country_iso3: Option<String>,
}

fn tracking(msg: Msg) -> Tracking {
    // The carrier's own estimate first; a date range counts by its last day.
    let edd = msg
        .courier_estimated_delivery_date
        .as_ref()
        .and_then(|c| {
            c.estimated_delivery_date
                .as_deref()
                .or(c.estimated_delivery_date_max.as_deref())
        })
        .or(msg.expected_delivery.as_deref())
        .and_then(parse_date)
        .map(|date| EstimatedDelivery {
            date,
            from: None,
            until: None,
        });
    let mut unknown_codes = UnknownCodes::default();
    let events = msg
        .checkpoints
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| event(c, &mut unknown_codes))
        .collect();
    Tracking {
        tracking_number: msg.tracking_number,
        carrier: non_blank(msg.slug)
            .map_or_else(|| PROVIDER.to_owned(), |s| s.to_ascii_lowercase()),
        service: non_blank(msg.shipment_type),
        estimated_delivery: edd,
        delivery: non_blank(msg.signed_by).map(|name| DeliveryDetails {
            signed_by: Some(name),
            left_at: None,
        }),
        events: oldest_first(events),
        unknown_codes,
        facts: Default::default(),
    }
}

fn event(checkpoint: Checkpoint, unknown: &mut UnknownCodes) -> Option<RawEvent> {
    let Some((occurred_at, offset_known)) =
        checkpoint.checkpoint_time.as_deref().and_then(parse_time)
    else {
        super::skipped_event(PROVIDER, checkpoint.checkpoint_time.as_deref());
        return None;
    };
    let tag = checkpoint.tag.as_deref().unwrap_or_default();
    let subtag = checkpoint.subtag.as_deref().unwrap_or_default();
    let (stage, substatus) = map_tag(tag, subtag, unknown);
    let code = [subtag, tag]
        .into_iter()
        .find(|c| !c.is_empty())
        .map(str::to_owned);
    let country = checkpoint
        .country_region
        .as_deref()
        .or(checkpoint.country_iso3.as_deref())
        .map(country_code);
    let location = location([
        checkpoint.city.as_deref(),
        checkpoint.state.as_deref(),
        country,
    ])
    .or(non_blank(checkpoint.location));
    Some(RawEvent {
        occurred_at,
        offset_known,
        stage,
        substatus,
        code,
        description: non_blank(checkpoint.message)
            .or(non_blank(checkpoint.subtag_message))
            .unwrap_or_default(),
        location,
    })
}

/// Stage and substatus of a checkpoint: `tag` decides the stage; a `subtag` of that tag
/// (`<tag>_NNN`) refines it. Never delivered unless `tag` is `Delivered`. Tags and subtags
/// the tables do not know are noted in `unknown`.
fn map_tag(tag: &str, subtag: &str, unknown: &mut UnknownCodes) -> (Stage, Option<Substatus>) {
    let Some(by_tag) = tag_default(tag) else {
        if !tag.is_empty() {
            unknown.note(tag);
        }
        return (Stage::InTransit, None);
    };
    if subtag.is_empty() {
        return by_tag;
    }
    let of_this_tag = subtag
        .strip_prefix(tag)
        .is_some_and(|rest| rest.starts_with('_'));
    match of_this_tag.then(|| by_subtag(subtag)).flatten() {
        Some(mapped) => mapped,
        None => {
            unknown.note(subtag);
            by_tag
        }
    }
}

fn tag_default(tag: &str) -> Option<(Stage, Option<Substatus>)> {
    use Stage as S;
    use Substatus as Sub;
    Some(match tag {
        "Pending" => (S::Pending, Some(Sub::Registered)),
        "InfoReceived" => (S::InfoReceived, None),
        "InTransit" => (S::InTransit, None),
        "OutForDelivery" => (S::OutForDelivery, Some(Sub::WithCourier)),
        "AttemptFail" => (S::ActionRequired, Some(Sub::FailedAttempt)),
        "Delivered" => (S::Delivered, None),
        "AvailableForPickup" => (S::AvailableForPickup, None),
        "Exception" => (S::Exception, None),
        "Expired" => (S::Expired, Some(Sub::NoCarrierData)),
        _ => return None,
    })
}

/// AfterShip's subtags. Only reached for a subtag of the checkpoint's own tag.
fn by_subtag(subtag: &str) -> Option<(Stage, Option<Substatus>)> {
    use Stage as S;
    use Substatus as Sub;
    Some(match subtag {
        "Pending_001" | "Pending_002" | "Pending_003" | "Pending_004" | "Pending_005"
        | "Pending_006" => (S::Pending, Some(Sub::Registered)),
        "InfoReceived_001" => (S::InfoReceived, Some(Sub::AwaitingPickup)),
        "InTransit_001" | "InTransit_006" | "InTransit_008" | "InTransit_009" => {
            (S::InTransit, None)
        }
        "InTransit_002" => (S::InTransit, Some(Sub::PickedUp)),
        "InTransit_003" | "InTransit_004" => (S::InTransit, Some(Sub::ArrivedAtFacility)),
        "InTransit_005" => (S::InTransit, Some(Sub::CustomsCleared)),
        "InTransit_007" => (S::InTransit, Some(Sub::DepartedFacility)),
        "OutForDelivery_001" | "OutForDelivery_003" | "OutForDelivery_004" => {
            (S::OutForDelivery, Some(Sub::WithCourier))
        }
        "OutForDelivery_002" => (S::AvailableForPickup, None),
        "AttemptFail_001" | "AttemptFail_002" | "AttemptFail_003" => {
            (S::ActionRequired, Some(Sub::FailedAttempt))
        }
        "Delivered_001" | "Delivered_002" | "Delivered_004" => (S::Delivered, None),
        "Delivered_003" => (S::Delivered, Some(Sub::Signed)),
        "Delivered_005" => (S::Delivered, Some(Sub::ToNeighbour)),
        "AvailableForPickup_001" => (S::AvailableForPickup, None),
        "Exception_001" => (S::Exception, None),
        "Exception_002" | "Exception_007" => (S::ActionRequired, Some(Sub::AddressProblem)),
        "Exception_003" => (S::Exception, Some(Sub::Refused)),
        "Exception_004" => (S::Exception, Some(Sub::CustomsHold)),
        "Exception_005" | "Exception_016" | "Exception_019" => {
            (S::Delayed, Some(Sub::CarrierDelay))
        }
        "Exception_006" => (S::ActionRequired, Some(Sub::CustomsPayment)),
        "Exception_008" => (S::ActionRequired, None),
        "Exception_009" | "Exception_021" => (S::Exception, Some(Sub::Other)),
        "Exception_010" | "Exception_011" => (S::Returned, Some(Sub::ReturnedToSender)),
        "Exception_012" => (S::Exception, Some(Sub::Damaged)),
        "Exception_013" => (S::Exception, Some(Sub::Lost)),
        "Exception_017" => (S::Delayed, Some(Sub::Weather)),
        "Exception_018" => (S::Exception, Some(Sub::Held)),
        "Exception_020" => (S::Cancelled, Some(Sub::LabelVoided)),
        "Expired_001" => (S::Expired, Some(Sub::NoCarrierData)),
        _ => return None,
    })
}

/// ISO 3166 alpha-2 for the alpha-3 codes AfterShip sends, for the common shipping
/// countries; anything else is kept as given.
fn country_code(code: &str) -> &str {
    #[rustfmt::skip]
    const ALPHA3: [(&str, &str); 40] = [
        ("USA", "US"), ("CAN", "CA"), ("MEX", "MX"), ("GBR", "GB"), ("IRL", "IE"), ("FRA", "FR"),
        ("DEU", "DE"), ("NLD", "NL"), ("BEL", "BE"), ("LUX", "LU"), ("ESP", "ES"), ("PRT", "PT"),
        ("ITA", "IT"), ("CHE", "CH"), ("AUT", "AT"), ("DNK", "DK"), ("SWE", "SE"), ("NOR", "NO"),
        ("FIN", "FI"), ("POL", "PL"), ("CZE", "CZ"), ("HUN", "HU"), ("ROU", "RO"), ("GRC", "GR"),
        ("TUR", "TR"), ("ISR", "IL"), ("ARE", "AE"), ("IND", "IN"), ("CHN", "CN"), ("HKG", "HK"),
        ("TWN", "TW"), ("JPN", "JP"), ("KOR", "KR"), ("SGP", "SG"), ("AUS", "AU"), ("NZL", "NZ"),
        ("BRA", "BR"), ("ARG", "AR"), ("CHL", "CL"), ("ZAF", "ZA"),
    ];
    let code = code.trim();
    ALPHA3
        .iter()
        .find(|(a3, _)| a3.eq_ignore_ascii_case(code))
        .map_or(code, |(_, a2)| a2)
}
