//! API keys: `wismo_sk_` then 32 random base64url characters (192 bits). Only the SHA-256
//! hash is stored; the first characters are kept as a public prefix to tell keys apart.

use base64::Engine as _;
use sha2::{Digest, Sha256};
use wismo_domain::StoreId;
use wismo_store::{ApiKey, NewApiKey, Store, StoreError};

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

/// The longest name a key may be given.
pub const MAX_NAME_CHARS: usize = 80;

/// A key's name: trimmed, 1 to [`MAX_NAME_CHARS`] characters, no control characters.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyName(String);

impl KeyName {
    /// `None` when `name` is not one.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        let fits = (1..=MAX_NAME_CHARS).contains(&name.chars().count());
        (fits && !name.chars().any(char::is_control)).then(|| Self(name.to_owned()))
    }
}

/// Makes a key for `store` and keeps its hash: the key's row and the key, to show once.
/// The command line and the admin's keys page both make keys this way.
pub async fn create(
    store: &dyn Store,
    store_id: StoreId,
    name: &KeyName,
) -> Result<(ApiKey, String), StoreError> {
    let key = generate();
    let created = store
        .create_api_key(
            store_id,
            &NewApiKey {
                name: name.0.clone(),
                prefix: key.prefix,
                hash: key.hash,
            },
        )
        .await?;
    Ok((created, key.secret))
}

/// Revokes `store`'s key `id`; another store's key, or none, is [`StoreError::NotFound`].
pub async fn revoke(store: &dyn Store, store_id: StoreId, id: i64) -> Result<ApiKey, StoreError> {
    let ours = store
        .list_api_keys(store_id)
        .await?
        .into_iter()
        .any(|k| k.id.0 == id);
    if !ours {
        return Err(StoreError::NotFound("API key"));
    }
    store.revoke_api_key(&id.to_string()).await
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
