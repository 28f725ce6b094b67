//! The secrets in private links (`/t/{token}`): one per shipment, one per order.
//!
//! Both are 144 bits from a CSPRNG written as 24 characters of base64url without padding.
//! They are two types so a shipment's token can never be looked up as an order's, but one
//! format: a link is a link, and the migration that gave existing orders their tokens
//! draws them in SQL from the same alphabet (migration 0009).

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Random bytes in a token.
const BYTES: usize = 18;
/// Characters in a token: 18 bytes in base64 without padding.
const LEN: usize = 24;

macro_rules! link_token {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A fresh random token.
            pub fn generate() -> Self {
                let bytes: [u8; BYTES] = rand::random();
                Self(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
            }

            /// A token as it comes back from a URL or the database. Anything that cannot
            /// be a token is `None`, so lookups of garbage never reach the database.
            pub fn parse(s: &str) -> Option<Self> {
                is_token(s).then(|| Self(s.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            // Tokens are secrets: logs show only their first characters.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({}…)", stringify!($name), self.0.get(..4).unwrap_or(""))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

link_token!(
    /// The secret in a shipment's private link: that parcel's page (with the rest of its
    /// order beside it).
    ShipmentToken
);

link_token!(
    /// The secret in an order's private link: every parcel of the order on one page.
    OrderToken
);

/// Whether `s` has a token's shape: 24 characters of the base64url alphabet.
fn is_token(s: &str) -> bool {
    s.len() == LEN
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_url_safe_unique_and_hidden_in_debug_output() {
        let a = ShipmentToken::generate();
        let b = ShipmentToken::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 24);
        assert_eq!(ShipmentToken::parse(a.as_str()), Some(a.clone()));
        assert!(!format!("{a:?}").contains(a.as_str()));
        let order = OrderToken::generate();
        assert_eq!(OrderToken::parse(order.as_str()), Some(order.clone()));
        assert!(!format!("{order:?}").contains(order.as_str()));
        assert!(format!("{order:?}").starts_with("OrderToken("));
    }

    #[test]
    fn garbage_is_not_a_token() {
        for bad in [
            "../../etc/passwd",
            "short",
            "aaaaaaaaaaaaaaaaaaaaaaa=",
            "aaaaaaaaaaaaaaaaaaaaaaaaa",
            "ééééééééééää",
        ] {
            assert_eq!(ShipmentToken::parse(bad), None, "{bad}");
            assert_eq!(OrderToken::parse(bad), None, "{bad}");
        }
    }
}
