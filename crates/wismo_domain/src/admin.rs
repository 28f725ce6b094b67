//! The merchant admin's people and rules: users with a role in one store, the password
//! rule, how long a session lives, and the one-time links that set a password.
//!
//! Pure: the server hashes passwords and makes tokens; the store keeps them; this module
//! says what is allowed and when something has expired.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::{Email, ParseError, StoreId};

/// A merchant's user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What a user may do in their store: an owner everything, staff everything but the
/// team, API keys and secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Staff,
}

impl Role {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "owner" => Ok(Self::Owner),
            "staff" => Ok(Self::Staff),
            other => Err(ParseError::new(format!(
                "`{other}` is not a role: owner or staff"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Staff => "staff",
        }
    }

    /// Whether this role may see and change the team, API keys and secrets.
    pub fn manages_store(self) -> bool {
        self == Self::Owner
    }
}

/// A user as the admin knows them (never their password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub store_id: StoreId,
    pub email: Email,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    /// Whether a password is set (a user added without one waits for their set-up link).
    pub has_password: bool,
}

/// The shortest password taken. Without a second factor, NIST SP 800-63B asks for 15;
/// 12 keeps passphrases easy while ruling out the short ones lists are made of.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest password taken (argon2 hashes any length; this bounds the work).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A password that meets the rule: long enough, not too long. Its text is never shown by
/// `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let chars = s.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(ParseError::new(format!(
                "a password needs at least {MIN_PASSWORD_CHARS} characters"
            )));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(ParseError::new(format!(
                "a password has at most {MAX_PASSWORD_CHARS} characters"
            )));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// How long a session lives: OWASP's session cheat sheet suggests an idle timeout of
/// 15–30 minutes and an absolute one of 4–8 hours for a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: Duration::minutes(30),
            absolute: Duration::hours(8),
        }
    }
}

/// How often a live session's last use is written: a page view stays a read in between.
pub const TOUCH_EVERY: Duration = Duration::minutes(1);

/// What a session is at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// Live; `touch` when its last use should be written again.
    Live { touch: bool },
    /// Idle too long, or older than the absolute limit.
    Expired,
}

impl SessionPolicy {
    pub fn state(
        &self,
        created_at: DateTime<Utc>,
        last_seen_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> SessionState {
        if now - last_seen_at >= self.idle || now - created_at >= self.absolute {
            return SessionState::Expired;
        }
        SessionState::Live {
            touch: now - last_seen_at >= TOUCH_EVERY,
        }
    }
}

/// How long a one-time link (set-up, reset, first run) stays good.
pub const LINK_LIFETIME: Duration = Duration::hours(1);

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Sets the password of the user it names (a new user, or a reset).
    SetPassword,
    /// The first run: makes the owner whose email is asked, of the store it names or of a
    /// new one.
    Claim,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SetPassword => "set_password",
            Self::Claim => "claim",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "set_password" => Ok(Self::SetPassword),
            "claim" => Ok(Self::Claim),
            other => Err(ParseError::new(format!("`{other}` is not a link purpose"))),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_770_000_000 + minutes * 60, 0).unwrap()
    }

    #[test]
    fn a_session_ends_when_idle_too_long_or_too_old_and_is_touched_once_a_minute() {
        let policy = SessionPolicy::default();
        let start = at(0);
        assert_eq!(
            policy.state(start, start, at(0)),
            SessionState::Live { touch: false }
        );
        assert_eq!(
            policy.state(start, start, at(2)),
            SessionState::Live { touch: true }
        );
        assert_eq!(
            policy.state(start, at(0), at(29)),
            SessionState::Live { touch: true }
        );
        assert_eq!(policy.state(start, at(0), at(30)), SessionState::Expired);
        // Used every ten minutes, it still ends after eight hours.
        assert_eq!(
            policy.state(start, at(470), at(479)),
            SessionState::Live { touch: true }
        );
        assert_eq!(policy.state(start, at(475), at(480)), SessionState::Expired);
    }

    #[test]
    fn passwords_have_a_length_rule_and_never_show() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse(&"x".repeat(257)).is_err());
        let good = Password::parse("correct horse battery").unwrap();
        assert_eq!(good.expose(), "correct horse battery");
        assert_eq!(format!("{good:?}"), "Password(…)");
        // Characters, not bytes: twelve accented letters are enough.
        assert!(Password::parse(&"é".repeat(12)).is_ok());
    }

    #[test]
    fn roles_parse_and_only_owners_manage_the_store() {
        assert_eq!(Role::parse(" Owner ").unwrap(), Role::Owner);
        assert_eq!(Role::parse("staff").unwrap().as_str(), "staff");
        assert!(Role::parse("admin").is_err());
        assert!(Role::Owner.manages_store());
        assert!(!Role::Staff.manages_store());
        for p in [LinkPurpose::SetPassword, LinkPurpose::Claim] {
            assert_eq!(LinkPurpose::parse(p.as_str()).unwrap(), p);
        }
    }
}
