//! Secrets at rest. What wismo must read back to use (the secrets aggregators and store
//! platforms sign their webhooks with, the secrets it signs merchants' webhooks with) is
//! kept sealed: ChaCha20-Poly1305 under the server's key (`WISMO_SECRET_KEY`, base64 of 32
//! random bytes), with a fresh nonce per value, and bound to the row it belongs to so a
//! sealed value copied into another row does not open. API keys are not here: they are
//! only ever compared, so a hash is kept.
//!
//! Where the key comes from: the setting when given; otherwise, on SQLite, a file next to
//! the database (`wismo.db.secret-key`), made on first start; an in-memory database gets a
//! key for the life of the process. Several servers share a PostgreSQL database, so there
//! the setting is required.

use anyhow::{Context as _, bail};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use std::fmt;
use std::path::{Path, PathBuf};
use wismo_domain::{SealedSecret, Secret, StoreId};
use wismo_store::Store;

/// What every sealed value starts with: the format's version.
const PREFIX: &str = "wsk1:";
const KEY_LEN: usize = 32;

/// The server's key for secrets at rest.
#[derive(Clone)]
pub struct SecretBox {
    key: std::sync::Arc<LessSafeKey>,
    /// Signs the capability links wismo puts in messages (unsubscribe): a key of its own,
    /// derived from the server's key, so a MAC never reuses the sealing key.
    links: std::sync::Arc<ring::hmac::Key>,
}

impl fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBox(***)")
    }
}

impl SecretBox {
    /// A link token for `subject` (`unsubscribe:42`): the subject's id part and 128 bits
    /// of MAC, base64url, e.g. `42.Qm9…`.
    pub fn link_token(&self, kind: &str, id: i64) -> String {
        let tag = ring::hmac::sign(&self.links, format!("{kind}:{id}").as_bytes());
        format!("{id}.{}", URL_SAFE_NO_PAD.encode(&tag.as_ref()[..16]))
    }

    /// The id a link token of `kind` was made for, if its MAC holds.
    pub fn open_link_token(&self, kind: &str, token: &str) -> Option<i64> {
        let (id, tag) = token.split_once('.')?;
        let id: i64 = id.parse().ok()?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let expected = ring::hmac::sign(&self.links, format!("{kind}:{id}").as_bytes());
        // Compared in constant time: every byte is looked at whatever the first difference.
        let differ = tag
            .iter()
            .zip(&expected.as_ref()[..16])
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        (tag.len() == 16 && differ == 0).then_some(id)
    }
}

/// Why a sealed value did not open.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("the value is not sealed (a plaintext secret not yet migrated)")]
    NotSealed,
    #[error("the sealed value is damaged, belongs to another row, or was sealed with another key")]
    Damaged,
}

impl SecretBox {
    /// A box for the 32-byte `key`.
    pub fn new(key: &[u8; KEY_LEN]) -> anyhow::Result<Self> {
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, key)
            .map_err(|_| anyhow::anyhow!("cannot use the secret key"))?;
        let derive = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
        let links = ring::hmac::sign(&derive, b"wismo: capability links in messages");
        Ok(Self {
            key: std::sync::Arc::new(LessSafeKey::new(unbound)),
            links: std::sync::Arc::new(ring::hmac::Key::new(
                ring::hmac::HMAC_SHA256,
                links.as_ref(),
            )),
        })
    }

    /// The box for `key_setting` (base64 of 32 bytes) or, without it, the key kept beside
    /// a SQLite `database_url` (made on first use); says where a new key was written.
    pub fn load(key_setting: Option<&Secret>, database_url: &str) -> anyhow::Result<Self> {
        if let Some(key) = key_setting {
            return Self::new(&decode_key(key.expose()).context("secret_key")?);
        }
        if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
            bail!(
                "secret_key: WISMO_SECRET_KEY is required with PostgreSQL, since several servers share the database; \
                 make one with `openssl rand -base64 32` and give every server the same"
            );
        }
        match wismo_store::sqlite_file(database_url) {
            Some(db) => Self::new(&key_file(&key_path(&db))?),
            None => Self::new(&random_key()?),
        }
    }

    /// `secret` sealed for the row `context` names.
    pub fn seal(&self, secret: &Secret, context: &str) -> anyhow::Result<SealedSecret> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| anyhow::anyhow!("no randomness for a nonce"))?;
        let mut data = secret.expose().as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut data,
            )
            .map_err(|_| anyhow::anyhow!("cannot seal the secret"))?;
        let mut sealed = nonce.to_vec();
        sealed.extend_from_slice(&data);
        Ok(SealedSecret::new(format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(sealed)
        )))
    }

    /// The secret in `sealed`, which must have been sealed for `context` with this key.
    pub fn open(&self, sealed: &SealedSecret, context: &str) -> Result<Secret, OpenError> {
        let encoded = sealed
            .as_str()
            .strip_prefix(PREFIX)
            .ok_or(OpenError::NotSealed)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| OpenError::Damaged)?;
        if bytes.len() < NONCE_LEN {
            return Err(OpenError::Damaged);
        }
        let (nonce, data) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| OpenError::Damaged)?;
        let mut data = data.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(context.as_bytes()), &mut data)
            .map_err(|_| OpenError::Damaged)?;
        String::from_utf8(plain.to_vec())
            .map(Secret::new)
            .map_err(|_| OpenError::Damaged)
    }

    /// Seals every stored secret still kept in plaintext (from before secrets were
    /// sealed); how many it sealed.
    pub async fn seal_stored(&self, store: &dyn Store) -> anyhow::Result<usize> {
        let mut sealed = 0;
        for (tenant, provider, value) in store.list_webhook_secrets().await? {
            if is_sealed(&value) {
                continue;
            }
            let plain = Secret::new(value.as_str());
            let value = self.seal(&plain, &webhook_context(tenant, &provider))?;
            store.set_webhook_secret(tenant, &provider, &value).await?;
            sealed += 1;
        }
        if sealed > 0 {
            tracing::info!(
                secrets = sealed,
                "sealed stored webhook secrets kept in plaintext"
            );
        }
        Ok(sealed)
    }
}

/// Whether a stored value is sealed (rather than a plaintext secret from before).
pub fn is_sealed(value: &SealedSecret) -> bool {
    value.as_str().starts_with(PREFIX)
}

/// The row a store's aggregator webhook secret is sealed for.
pub fn webhook_context(store: StoreId, provider: &str) -> String {
    format!("webhook_secrets/{}/{provider}", store.0)
}

/// Seals and keeps `store`'s secret for the tracking aggregator `provider` (its slug),
/// replacing any before it. The command line (`wismo webhook secret`) and the admin's
/// platforms page both set it so. An empty secret is refused.
pub async fn set_webhook_secret(
    store: &dyn Store,
    sealer: &SecretBox,
    store_id: StoreId,
    provider: &str,
    secret: &Secret,
) -> anyhow::Result<()> {
    let secret = secret.expose().trim();
    anyhow::ensure!(!secret.is_empty(), "the secret is empty");
    let sealed = sealer.seal(&Secret::new(secret), &webhook_context(store_id, provider))?;
    store
        .set_webhook_secret(store_id, provider, &sealed)
        .await?;
    Ok(())
}

/// Base64 (standard or URL-safe, padded or not) of exactly 32 bytes.
fn decode_key(text: &str) -> anyhow::Result<[u8; KEY_LEN]> {
    let text = text.trim();
    let bytes = STANDARD
        .decode(text)
        .or_else(|_| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')))
        .map_err(|_| anyhow::anyhow!("is not base64; make a key with `openssl rand -base64 32`"))?;
    bytes.try_into().map_err(|b: Vec<u8>| {
        anyhow::anyhow!(
            "is {} bytes, not 32; make a key with `openssl rand -base64 32`",
            b.len()
        )
    })
}

fn random_key() -> anyhow::Result<[u8; KEY_LEN]> {
    let mut key = [0u8; KEY_LEN];
    SystemRandom::new()
        .fill(&mut key)
        .map_err(|_| anyhow::anyhow!("no randomness for a secret key"))?;
    Ok(key)
}

/// Where the key of the SQLite database at `db` is kept.
pub fn key_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".secret-key");
    db.with_file_name(name)
}

/// The key kept at `path`, made (readable by its owner only) if there is none yet.
fn key_file(path: &Path) -> anyhow::Result<[u8; KEY_LEN]> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            decode_key(&text).with_context(|| format!("the secret key in {}", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = random_key()?;
            write_new(path, &STANDARD.encode(key))?;
            tracing::warn!(
                path = %path.display(),
                "made the key that seals stored secrets; back it up with the database (or set WISMO_SECRET_KEY to its contents)"
            );
            Ok(key)
        }
        Err(e) => Err(e).with_context(|| format!("cannot read the secret key {}", path.display())),
    }
}

/// Writes a new file readable by its owner only; another process that made it first wins
/// and its key is read instead.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot write the secret key {}", path.display()))?;
    writeln!(file, "{text}")
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write the secret key {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed() -> SecretBox {
        SecretBox::new(&[7u8; KEY_LEN]).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_sealed_secret_opens_for_its_row_only() -> anyhow::Result<()> {
        let sealer = boxed();
        let sealed = sealer.seal(&Secret::new("whsec_abc"), "webhook_secrets/1/easypost")?;
        assert!(is_sealed(&sealed));
        assert!(!sealed.as_str().contains("whsec_abc"));
        let opened = sealer.open(&sealed, "webhook_secrets/1/easypost")?;
        assert_eq!(opened.expose(), "whsec_abc");
        assert!(matches!(
            sealer.open(&sealed, "webhook_secrets/2/easypost"),
            Err(OpenError::Damaged)
        ));
        let other = SecretBox::new(&[8u8; KEY_LEN])?;
        assert!(other.open(&sealed, "webhook_secrets/1/easypost").is_err());
        assert!(matches!(
            sealer.open(&SealedSecret::new("plain"), "x"),
            Err(OpenError::NotSealed)
        ));
        Ok(())
    }

    #[test]
    fn sealing_twice_gives_different_values() -> anyhow::Result<()> {
        let sealer = boxed();
        let a = sealer.seal(&Secret::new("s"), "c")?;
        let b = sealer.seal(&Secret::new("s"), "c")?;
        assert_ne!(a, b);
        Ok(())
    }

    #[test]
    fn keys_must_be_base64_of_32_bytes() {
        assert!(decode_key(&STANDARD.encode([1u8; 32])).is_ok());
        assert!(decode_key(&URL_SAFE_NO_PAD.encode([1u8; 32])).is_ok());
        let short = decode_key(&STANDARD.encode([1u8; 16]))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(short.contains("16 bytes"), "{short}");
        assert!(decode_key("not base64!").is_err());
    }

    #[test]
    fn postgres_without_a_key_is_refused_and_sqlite_keeps_one_beside_the_database()
    -> anyhow::Result<()> {
        let refused = SecretBox::load(None, "postgres://db/wismo")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refused.contains("WISMO_SECRET_KEY"), "{refused}");

        let dir = std::env::temp_dir().join(format!("wismo-secrets-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let db = dir.join("shop.db");
        let url = format!("sqlite://{}", db.display());
        let first = SecretBox::load(None, &url)?;
        let path = key_path(&db);
        assert_eq!(path, dir.join("shop.db.secret-key"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(
                std::fs::metadata(&path)?.permissions().mode() & 0o777,
                0o600
            );
        }
        let sealed = first.seal(&Secret::new("kept"), "c")?;
        let again = SecretBox::load(None, &url)?;
        assert_eq!(again.open(&sealed, "c")?.expose(), "kept");
        let given = std::fs::read_to_string(&path)?;
        let from_setting = SecretBox::load(Some(&Secret::new(given.trim())), "postgres://db/x")?;
        assert_eq!(from_setting.open(&sealed, "c")?.expose(), "kept");
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
