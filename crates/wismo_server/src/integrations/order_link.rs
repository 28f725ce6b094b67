//! Order links a store's platform puts in its own emails: `/{store}/o/{platform}/{id}?s=…`,
//! computed by the platform's template from its own order id, without calling wismo.
//!
//! `s` is the HMAC-SHA256 of the message `{platform}:{id}` (`shopify:5830012345678`,
//! `woocommerce:1234`) under the store's order-link key, in lower-case hex: what Shopify
//! Liquid's `hmac_sha256` filter and PHP's `hash_hmac('sha256', …)` give. The key is the
//! text wismo printed, used as it is written (its bytes, not decoded), as both of those
//! take it. The platform is part of the message, so a link for one platform's order never
//! opens another platform's order of the same id. One key per store, made by wismo, kept
//! sealed and shown once; a new key replaces it, and every link signed with the old one
//! stops opening.

use wismo_domain::platform::Platform;
use wismo_domain::{Secret, StoreId, Tenant};
use wismo_store::Store;
use wismo_store::integrations::order_link_context;

use crate::secrets::{OpenError, SecretBox};

/// The longest platform order id a link carries: longer than any platform's.
pub const MAX_ID_CHARS: usize = 64;

/// The message a link's signature is over.
pub fn message(platform: Platform, id: &str) -> String {
    format!("{platform}:{id}")
}

/// The link's signature: lower-case hex of HMAC-SHA256 of [`message`] under `key`.
pub fn sign(key: &Secret, platform: Platform, id: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.expose().as_bytes());
    crate::keys::hex(ring::hmac::sign(&key, message(platform, id).as_bytes()).as_ref())
}

/// Whether `signature` is the link's (hex in either case), compared in constant time:
/// every character is looked at whatever the first difference.
pub fn verify(key: &Secret, platform: Platform, id: &str, signature: &str) -> bool {
    let expected = sign(key, platform, id);
    let given = signature.trim().to_ascii_lowercase();
    let differ = given
        .bytes()
        .zip(expected.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    given.len() == expected.len() && differ == 0
}

/// A link's order id as its path gave it, if it can be one: 1 to [`MAX_ID_CHARS`]
/// characters, none of them blank or a control character.
pub fn parse_id(raw: &str) -> Option<&str> {
    let fits = (1..=MAX_ID_CHARS).contains(&raw.chars().count());
    (fits && !raw.chars().any(|c| c.is_control() || c.is_whitespace())).then_some(raw)
}

/// The link to the platform's order `id`, signed with `key`.
pub fn url(public_url: &str, store: &str, platform: Platform, id: &str, key: &Secret) -> String {
    format!(
        "{}/{store}/o/{platform}/{id}?s={}",
        public_url.trim_end_matches('/'),
        sign(key, platform, id)
    )
}

/// A store's new order-link key.
#[derive(Debug)]
pub struct MadeKey {
    /// To show once.
    pub key: Secret,
    /// Whether it replaced a key: links signed with that one no longer open.
    pub rotated: bool,
}

/// Makes the store's order-link key: base64url of 32 random bytes, sealed for its row.
/// A store that has one keeps it unless `rotate` says to replace it (it was shown once
/// and cannot be shown again).
pub async fn make_key(
    store: &dyn Store,
    secrets: &SecretBox,
    tenant: &Tenant,
    rotate: bool,
) -> anyhow::Result<MadeKey> {
    if !rotate && store.order_link_key(tenant.id).await?.is_some() {
        anyhow::bail!(
            "`{}` has an order-link key already (shown when it was made); pass --rotate to make a new one, \
             which stops the links in emails already sent",
            tenant.slug
        );
    }
    let key = super::random_secret()?;
    let sealed = secrets.seal(&key, &order_link_context(tenant.id))?;
    let rotated = store.set_order_link_key(tenant.id, &sealed).await?;
    tracing::info!(store = %tenant.slug, rotated, "order-link key made");
    Ok(MadeKey { key, rotated })
}

/// Why a store's order-link key could not be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(transparent)]
    Store(#[from] wismo_store::StoreError),
    #[error("the store's order-link key does not open: {0}")]
    Open(#[from] OpenError),
}

/// The store's order-link key, opened; `None` when it has none.
pub async fn key(
    store: &dyn Store,
    secrets: &SecretBox,
    id: StoreId,
) -> Result<Option<Secret>, KeyError> {
    match store.order_link_key(id).await? {
        Some(sealed) => Ok(Some(secrets.open(&sealed, &order_link_context(id))?)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_what_liquids_hmac_sha256_filter_gives() {
        // Shopify's own example of the filter: 'Polyjuice' | hmac_sha256: 'Polina'.
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, b"Polina");
        assert_eq!(
            crate::keys::hex(ring::hmac::sign(&key, b"Polyjuice").as_ref()),
            "8e0d5d65cff1242a4af66c8f4a32854fd5fb80edcc8aabe9b302b29c7c71dc20"
        );
        let key = Secret::new("k3y");
        let s = sign(&key, Platform::Shopify, "5830012345678");
        assert_eq!(s.len(), 64);
        assert!(verify(&key, Platform::Shopify, "5830012345678", &s));
        assert!(verify(
            &key,
            Platform::Shopify,
            "5830012345678",
            &s.to_uppercase()
        ));
        assert!(!verify(&key, Platform::WooCommerce, "5830012345678", &s));
        assert!(!verify(&key, Platform::Shopify, "5830012345679", &s));
        assert!(!verify(&key, Platform::Shopify, "5830012345678", &s[..63]));
        assert!(!verify(&key, Platform::Shopify, "5830012345678", ""));
    }

    #[test]
    fn ids_are_short_and_printable() {
        assert_eq!(parse_id("1234"), Some("1234"));
        assert_eq!(parse_id(""), None);
        assert_eq!(parse_id("12 34"), None);
        assert_eq!(parse_id("12\u{0}"), None);
        assert!(parse_id(&"9".repeat(MAX_ID_CHARS)).is_some());
        assert!(parse_id(&"9".repeat(MAX_ID_CHARS + 1)).is_none());
    }
}
