//! Signatures of platform deliveries, checked over the raw body before it is read:
//! Shopify's `X-Shopify-Hmac-Sha256` and WooCommerce's `X-WC-Webhook-Signature` (both
//! base64 of HMAC-SHA256 of the body), and Standard Webhooks' `webhook-signature` for the
//! generic feed (with `webhook-timestamp` within five minutes). Every comparison is in
//! constant time.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use wismo_domain::Secret;

use crate::merchant_webhooks::sign;

/// How far a generic delivery's timestamp may be from now, either way.
pub const TIMESTAMP_TOLERANCE_SECS: i64 = 5 * 60;

/// Why a delivery's signature was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refused {
    #[error("the signature header is missing")]
    Missing,
    #[error("the signature does not match the body with any accepted secret")]
    Mismatch,
    #[error("the webhook-timestamp is missing, not a number, or more than five minutes away")]
    Stale,
}

/// Whether `header` (base64 of HMAC-SHA256 of `body`) matches under one of `secrets`:
/// Shopify's and WooCommerce's scheme.
pub fn base64_hmac(secrets: &[Secret], header: Option<&str>, body: &[u8]) -> Result<(), Refused> {
    let header = header.map(str::trim).filter(|h| !h.is_empty());
    let tag = STANDARD
        .decode(header.ok_or(Refused::Missing)?)
        .map_err(|_| Refused::Mismatch)?;
    let matches = secrets.iter().any(|secret| {
        Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes())
            .map(|mut mac| {
                mac.update(body);
                mac.verify_slice(&tag).is_ok()
            })
            .unwrap_or(false)
    });
    matches.then_some(()).ok_or(Refused::Mismatch)
}

/// Whether a Standard Webhooks delivery is signed by one of `secrets` (`whsec_…`) and
/// sent within [`TIMESTAMP_TOLERANCE_SECS`] of `now` (Unix seconds).
pub fn standard_webhooks(
    secrets: &[Secret],
    id: Option<&str>,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<(), Refused> {
    let (Some(id), Some(signature)) = (id, signature) else {
        return Err(Refused::Missing);
    };
    let timestamp: i64 = timestamp
        .and_then(|t| t.trim().parse().ok())
        .ok_or(Refused::Stale)?;
    if (now - timestamp).abs() > TIMESTAMP_TOLERANCE_SECS {
        return Err(Refused::Stale);
    }
    let offered: Vec<Vec<u8>> = signature
        .split(' ')
        .filter_map(|s| s.strip_prefix("v1,"))
        .filter_map(|b| STANDARD.decode(b).ok())
        .collect();
    // wismo's own Standard Webhooks signer makes the expected signature per secret.
    let matches = secrets.iter().any(|secret| {
        let Some(expected) = sign::sign(secret.expose(), id, timestamp, body)
            .ok()
            .and_then(|s| s.strip_prefix("v1,").and_then(|b| STANDARD.decode(b).ok()))
        else {
            return false;
        };
        offered.iter().any(|tag| same_bytes(tag, &expected))
    });
    matches.then_some(()).ok_or(Refused::Mismatch)
}

/// Equal bytes, compared in constant time for equal lengths: every byte is looked at
/// whatever the first difference.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn vectors() -> serde_json::Value {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/webhooks/signature_vectors.json"
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn vector(scheme: &str) -> serde_json::Value {
        vectors()
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["scheme"].as_str().unwrap().starts_with(scheme))
            .unwrap()
            .clone()
    }

    #[test]
    fn the_shopify_vector_verifies_and_a_changed_byte_does_not() {
        let v = vector("Shopify");
        let body = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/webhooks/shopify_fulfillments_create.json"
        ))
        .unwrap();
        let secret = [Secret::new(v["secret"].as_str().unwrap())];
        let header = v["expected"].as_str();
        assert_eq!(base64_hmac(&secret, header, &body), Ok(()));
        let mut tampered = body.clone();
        tampered[10] ^= 1;
        assert_eq!(
            base64_hmac(&secret, header, &tampered),
            Err(Refused::Mismatch)
        );
        assert_eq!(base64_hmac(&secret, None, &body), Err(Refused::Missing));
        let other = [Secret::new("another"), secret[0].clone()];
        assert_eq!(base64_hmac(&other, header, &body), Ok(()));
    }

    #[test]
    fn the_standard_webhooks_vector_verifies_within_five_minutes_only() {
        let v = vector("Standard Webhooks");
        let secret = [Secret::new(v["secret"].as_str().unwrap())];
        let body = v["body_inline"].as_str().unwrap().as_bytes();
        let id = v["webhook-id"].as_str();
        let ts = v["webhook-timestamp"].as_i64().unwrap();
        let sig = format!("v1,bm90IGl0 {}", v["expected"].as_str().unwrap());
        let check = |now: i64, body: &[u8]| {
            standard_webhooks(&secret, id, Some(&ts.to_string()), Some(&sig), body, now)
        };
        assert_eq!(check(ts + 299, body), Ok(()));
        assert_eq!(check(ts + 301, body), Err(Refused::Stale));
        assert_eq!(check(ts, b"{}"), Err(Refused::Mismatch));
    }
}
