//! API keys: `wismo_sk_` then 32 random base64url characters (192 bits). Only the SHA-256
//! hash is stored; the first characters are kept as a public prefix to tell keys apart.

use base64::Engine as _;
use sha2::{Digest, Sha256};

const PREFIX: &str = "wismo_sk_";

/// A new key, shown once.
pub struct NewKey {
    pub secret: String,
    pub prefix: String,
    pub hash: String,
}

pub fn generate() -> NewKey {
    let bytes: [u8; 24] = rand::random();
    let secret = format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let prefix = secret[..PREFIX.len() + 8].to_owned();
    NewKey {
        hash: hash(&secret),
        prefix,
        secret,
    }
}

/// The stored form of a key.
pub fn hash(key: &str) -> String {
    hex(&Sha256::digest(key.as_bytes()))
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_only_their_hash_and_prefix_are_kept() {
        let a = generate();
        let b = generate();
        assert_ne!(a.secret, b.secret);
        assert!(a.secret.starts_with(&a.prefix) && a.prefix.starts_with("wismo_sk_"));
        assert_eq!(a.secret.len(), 9 + 32);
        assert_eq!(a.hash, hash(&a.secret));
        assert_eq!(a.hash.len(), 64);
        assert!(!a.hash.contains(&a.secret));
    }
}
