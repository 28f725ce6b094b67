//! Standard Webhooks signatures: `v1,` and base64 of HMAC-SHA256 under the secret's
//! bytes of `{webhook-id}.{webhook-timestamp}.{body}`, the exact bytes sent.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// What a secret shown to merchants starts with.
pub const SECRET_PREFIX: &str = "whsec_";

/// Why a secret cannot sign.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("a signing secret must be `whsec_` and base64")]
pub struct BadSecret;

/// The key bytes of a `whsec_…` secret.
pub fn secret_bytes(secret: &str) -> Result<Vec<u8>, BadSecret> {
    let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
    STANDARD.decode(encoded).map_err(|_| BadSecret)
}

/// The `v1,…` signature of one message under one secret.
pub fn sign(
    secret: &str,
    webhook_id: &str,
    timestamp: i64,
    body: &[u8],
) -> Result<String, BadSecret> {
    let key = secret_bytes(secret)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|_| BadSecret)?;
    mac.update(webhook_id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The `webhook-signature` header: one signature per secret, space-separated (the
/// current secret first; during a rotation the one before it too).
pub fn signature_header<'a>(
    secrets: impl IntoIterator<Item = &'a str>,
    webhook_id: &str,
    timestamp: i64,
    body: &[u8],
) -> Result<String, BadSecret> {
    let signatures = secrets
        .into_iter()
        .map(|s| sign(s, webhook_id, timestamp, body))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(signatures.join(" "))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1_614_265_330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;

    #[test]
    fn the_official_test_vector_signs_as_the_spec_says() {
        assert_eq!(
            sign(SECRET, ID, TIMESTAMP, BODY).unwrap(),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    /// A verifier written apart from the signer, with ring's HMAC.
    fn ring_verifies(header: &str, secret: &str, id: &str, timestamp: i64, body: &[u8]) -> bool {
        let key_bytes = STANDARD
            .decode(secret.trim_start_matches("whsec_"))
            .unwrap();
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key_bytes);
        let mut content = format!("{id}.{timestamp}.").into_bytes();
        content.extend_from_slice(body);
        header.split(' ').any(|sig| {
            sig.strip_prefix("v1,")
                .and_then(|b| STANDARD.decode(b).ok())
                .is_some_and(|tag| ring::hmac::verify(&key, &content, &tag).is_ok())
        })
    }

    #[test]
    fn an_independent_verifier_accepts_every_secret_of_a_rotation_and_nothing_changed() {
        let old = "whsec_c2VjcmV0LWJlZm9yZS10aGUtcm90YXRpb24tMDE=";
        let header = signature_header([SECRET, old], ID, TIMESTAMP, BODY).unwrap();
        assert_eq!(header.split(' ').count(), 2);
        assert!(ring_verifies(&header, SECRET, ID, TIMESTAMP, BODY));
        assert!(ring_verifies(&header, old, ID, TIMESTAMP, BODY));
        assert!(!ring_verifies(&header, SECRET, ID, TIMESTAMP + 1, BODY));
        assert!(!ring_verifies(
            &header,
            SECRET,
            ID,
            TIMESTAMP,
            br#"{"test": 2432232315}"#
        ));
        assert!(!ring_verifies(
            &header,
            "whsec_b3RoZXI=",
            ID,
            TIMESTAMP,
            BODY
        ));
    }

    #[test]
    fn a_secret_that_is_not_base64_cannot_sign() {
        assert_eq!(
            sign("whsec_not base64!", ID, TIMESTAMP, BODY),
            Err(BadSecret)
        );
    }
}
