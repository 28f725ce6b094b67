//! Passwords as argon2id PHC strings with OWASP's parameters (m = 19 MiB, t = 2, p = 1:
//! the `argon2` crate's defaults), hashed off the async threads, a few at a time.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use std::sync::LazyLock;
use wismo_domain::admin::Password;

use super::AdminState;

/// A hash of a random password, verified against when the email is unknown, so a wrong
/// email costs the same time as a wrong password.
static DUMMY: LazyLock<Option<String>> = LazyLock::new(|| {
    let random: [u8; 24] = rand::random();
    Argon2::default()
        .hash_password(&random)
        .ok()
        .map(|h| h.to_string())
});

/// The PHC string of `password`.
pub fn hash(password: &Password) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.expose().as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

/// Whether `password` matches `phc`; without a hash (no such user, or no password set
/// yet) the dummy is checked instead and the answer is no.
pub fn verify(password: &str, phc: Option<&str>) -> bool {
    let (phc, real) = match phc {
        Some(phc) => (phc, true),
        None => match DUMMY.as_deref() {
            Some(dummy) => (dummy, false),
            None => return false,
        },
    };
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let ok = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    ok && real
}

/// [`hash`] on a blocking thread, at most a few at once.
pub async fn hash_async(state: &AdminState, password: Password) -> anyhow::Result<String> {
    let _permit = state.hashing.acquire().await?;
    tokio::task::spawn_blocking(move || hash(&password)).await?
}

/// [`verify`] on a blocking thread, at most a few at once.
pub async fn verify_async(state: &AdminState, password: String, phc: Option<String>) -> bool {
    let Ok(_permit) = state.hashing.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || verify(&password, phc.as_deref()))
        .await
        .unwrap_or(false)
}

/// Computes the dummy hash now, so the first unknown email is not the slow one.
pub fn warm() {
    LazyLock::force(&DUMMY);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let password = Password::parse("correct horse battery").unwrap();
        let phc = hash(&password).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery", Some(&phc)));
        assert!(!verify("correct horse batterY", Some(&phc)));
        assert!(!verify("anything", None));
        assert!(!verify("anything", Some("not a hash")));
    }
}
