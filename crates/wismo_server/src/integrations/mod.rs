//! Store platforms sending orders to wismo: Shopify, WooCommerce and the generic signed
//! feed. Setting one up ([`add`]: the URL to paste into the platform and, for WooCommerce
//! and the generic feed, a secret wismo makes), checking a delivery's signature
//! ([`verify`]), and the job that turns a kept delivery into orders and shipments
//! ([`process`]). The HTTP door is `http/integrations.rs`.

pub mod order_link;
pub mod process;
pub mod verify;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::{SecureRandom, SystemRandom};
use wismo_domain::platform::Platform;
use wismo_domain::{Secret, Tenant};
use wismo_store::Store;
use wismo_store::integrations::{Integration, secret_context};

use crate::secrets::{OpenError, SecretBox};

/// The URL a store's platform posts to.
pub fn url(public_url: &str, platform: Platform, store: &str) -> String {
    format!(
        "{}/integrations/{platform}/{store}",
        public_url.trim_end_matches('/')
    )
}

/// What setting up an integration gave.
#[derive(Debug)]
pub struct Added {
    /// Where the platform posts.
    pub url: String,
    /// The secret wismo made (WooCommerce, generic), to show once.
    pub secret: Option<Secret>,
    /// Whether a secret was set before: it is still accepted for an hour.
    pub rotated: bool,
}

/// Sets up (or rotates) a store's integration with `platform`. Shopify signs with the key
/// its admin shows, so it must be `given`; for WooCommerce one may be given, otherwise wismo
/// makes one (as for the generic feed, whose secret is always wismo's: `whsec_` and base64
/// of 32 random bytes, the Standard Webhooks form).
pub async fn add(
    store: &dyn Store,
    secrets: &SecretBox,
    public_url: &str,
    tenant: &Tenant,
    platform: Platform,
    given: Option<Secret>,
) -> anyhow::Result<Added> {
    let made = match (platform, given) {
        (Platform::Shopify, None) => anyhow::bail!(
            "Shopify signs with the key its admin shows (Settings → Notifications → Webhooks): pass it with --secret-stdin"
        ),
        (Platform::Generic, Some(_)) => {
            anyhow::bail!("the generic feed's secret is made by wismo: leave out --secret-stdin")
        }
        (_, Some(secret)) => {
            anyhow::ensure!(!secret.expose().trim().is_empty(), "the secret is empty");
            (Secret::new(secret.expose().trim()), false)
        }
        (Platform::Generic, None) => (crate::merchant_webhooks::new_secret()?, true),
        (Platform::WooCommerce, None) => (random_secret()?, true),
    };
    let (secret, shown) = made;
    let rotated = store.integration(tenant.id, platform).await?.is_some();
    let sealed = secrets.seal(&secret, &secret_context(tenant.id, platform))?;
    store
        .set_integration_secret(tenant.id, platform, &sealed)
        .await?;
    tracing::info!(store = %tenant.slug, %platform, rotated, "integration secret set");
    Ok(Added {
        url: url(public_url, platform, tenant.slug.as_str()),
        secret: shown.then_some(secret),
        rotated,
    })
}

/// A secret for WooCommerce: base64url of 32 random bytes.
pub(crate) fn random_secret() -> anyhow::Result<Secret> {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| anyhow::anyhow!("no randomness for a secret"))?;
    Ok(Secret::new(URL_SAFE_NO_PAD.encode(bytes)))
}

/// The secrets a delivery to `integration` may be signed with at `now`, opened: the
/// current one first, then the one before a rotation while it is still accepted.
pub fn accepted_secrets(
    secrets: &SecretBox,
    integration: &Integration,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Secret>, OpenError> {
    let context = secret_context(integration.store_id, integration.platform);
    integration
        .accepted_secrets(now)
        .into_iter()
        .map(|sealed| secrets.open(sealed, &context))
        .collect()
}
