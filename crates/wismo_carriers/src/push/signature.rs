//! The cryptography the providers share: HMAC-SHA256, plain SHA-256, hex, constant-time
//! comparison, and reading the signature header.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// Why a webhook was refused before its body was read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The webhook secret is empty: anyone could sign with it, so nothing is accepted.
    #[error("no webhook secret is configured")]
    NoSecret,
    /// The request has no signature header (or only an empty one).
    #[error("signature header `{0}` is missing")]
    MissingHeader(&'static str),
    /// The signature header is there but is not in the provider's format.
    #[error("signature header `{header}` is malformed: expected {expected}")]
    MalformedHeader {
        header: &'static str,
        expected: &'static str,
    },
    /// The signature is well formed but was not made with this secret over this body.
    #[error("signature does not match the body")]
    Mismatch,
}

/// HMAC-SHA256 of `body` under `key`.
pub(super) fn hmac_sha256(key: &[u8], body: &[u8]) -> Vec<u8> {
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac.chain_update(body).finalize().into_bytes().to_vec(),
        // HMAC pads or hashes any key to the block size; `new_from_slice` never fails.
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    }
}

/// Whether `tag` is the HMAC-SHA256 of `body` under `key`, compared in constant time.
pub(super) fn hmac_sha256_matches(key: &[u8], body: &[u8], tag: &[u8]) -> bool {
    HmacSha256::new_from_slice(key)
        .is_ok_and(|mac| mac.chain_update(body).verify_slice(tag).is_ok())
}

/// Plain SHA-256 over the concatenation of `parts`.
pub(super) fn sha256(parts: &[&[u8]]) -> Vec<u8> {
    parts
        .iter()
        .fold(Sha256::new(), |hash, part| hash.chain_update(part))
        .finalize()
        .to_vec()
}

/// Byte equality whose time depends only on the lengths.
pub(super) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// Lower-case hex.
pub(super) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0x0f)]])
        .map(char::from)
        .collect()
}

/// Hex of either case; `None` unless every character is a hex digit and the length is even.
pub(super) fn from_hex(text: &str) -> Option<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some((nibble(pair[0])? << 4) | nibble(pair[1])?))
        .collect()
}

/// The trimmed value of header `name`; empty counts as missing.
pub(super) fn header<V: AsRef<str>>(
    headers: &impl Fn(&str) -> Option<V>,
    name: &'static str,
) -> Result<String, SignatureError> {
    headers(name)
        .map(|v| v.as_ref().trim().to_owned())
        .filter(|v| !v.is_empty())
        .ok_or(SignatureError::MissingHeader(name))
}

/// Refuses an empty secret.
pub(super) fn require_secret(secret: &str) -> Result<(), SignatureError> {
    if secret.is_empty() {
        Err(SignatureError::NoSecret)
    } else {
        Ok(())
    }
}
