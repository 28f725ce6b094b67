//! Making one-time links: a new user's or a reset (`wismo user …`), and the first run's,
//! printed by `wismo serve` when the server has no user yet.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use wismo_domain::admin::{LINK_LIFETIME, LinkPurpose, UserId};
use wismo_domain::{Clock, StoreId};
use wismo_store::Store;
use wismo_store::admin::NewLink;

use crate::keys;

/// Makes a one-time link for `purpose` and returns its URL under `public_url`. Only the
/// token's hash is kept.
pub async fn make(
    store: &dyn Store,
    clock: &dyn Clock,
    public_url: &str,
    purpose: LinkPurpose,
    user: Option<UserId>,
    tenant: Option<StoreId>,
) -> Result<String, wismo_store::StoreError> {
    let token = issue(store, clock, purpose, user, tenant, LINK_LIFETIME).await?;
    Ok(url(public_url, &token))
}

/// Keeps a new one-time link good for `lifetime` and returns its token (a secret: only
/// its hash is kept, and it is never logged).
pub async fn issue(
    store: &dyn Store,
    clock: &dyn Clock,
    purpose: LinkPurpose,
    user: Option<UserId>,
    tenant: Option<StoreId>,
    lifetime: chrono::Duration,
) -> Result<String, wismo_store::StoreError> {
    let bytes: [u8; 32] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(bytes);
    store
        .create_link(&NewLink {
            token_hash: keys::hash(&token),
            purpose,
            user,
            store: tenant,
            expires_at: clock.now() + lifetime,
        })
        .await?;
    Ok(token)
}

/// The page of the link with `token` under `public_url`.
pub fn url(public_url: &str, token: &str) -> String {
    format!("{}/admin/setup/{token}", public_url.trim_end_matches('/'))
}

/// The first run's link when the server has no user: it claims the oldest store (every
/// upgraded install has stores and no users) or makes one. `None` once anyone has signed
/// up.
pub async fn first_run(
    store: &dyn Store,
    clock: &dyn Clock,
    public_url: &str,
) -> Result<Option<String>, wismo_store::StoreError> {
    if store.count_users().await? > 0 {
        return Ok(None);
    }
    let tenant = store.list_stores().await?.first().map(|s| s.id);
    make(store, clock, public_url, LinkPurpose::Claim, None, tenant)
        .await
        .map(Some)
}
