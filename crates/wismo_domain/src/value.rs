//! Value types parsed at the edge. Once a value has one of these types it is valid, so the
//! rest of the code never checks again ("parse, don't validate").

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Why a value was rejected. The edge adds the field name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(String);

impl ParseError {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

macro_rules! string_value {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ParseError;
            fn try_from(s: String) -> Result<Self, ParseError> {
                $name::parse(&s)
            }
        }

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                $name::parse(s)
            }
        }
    };
}

string_value!(
    /// An email address: one `@`, a non-empty local part, a domain with a dot, no spaces.
    /// The domain is lower-cased; the local part is kept as given.
    Email
);

impl Email {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let bad = || ParseError::new(format!("`{s}` is not a valid email address"));
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = s.split_once('@').ok_or_else(bad)?;
        let labels_ok = domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if local.is_empty()
            || local.len() > 64
            || domain.contains('@')
            || !domain.contains('.')
            || !labels_ok
        {
            return Err(bad());
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    /// Whether two addresses name the same mailbox, ignoring case as people type them.
    pub fn matches(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other.trim())
    }
}

string_value!(
    /// A phone number in E.164 form: `+`, then 8 to 15 digits. Spaces, dashes, dots and
    /// brackets people type are removed.
    Phone
);

impl Phone {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let compact: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect();
        let digits = compact.strip_prefix('+').unwrap_or("");
        if !(8..=15).contains(&digits.len())
            || !digits.chars().all(|c| c.is_ascii_digit())
            || digits.starts_with('0')
        {
            return Err(ParseError::new(format!(
                "`{s}` is not a phone number in international form, like +14155550100"
            )));
        }
        Ok(Self(compact))
    }
}

string_value!(
    /// The store's own order number as the customer sees it ("#1001", "SO-2024-77"),
    /// without invisible characters (bidi controls, zero-width spaces and joiners), which
    /// are dropped, so the stored spelling and its key agree with what was typed.
    OrderNumber
);

impl OrderNumber {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let visible = crate::text::strip_invisible(s);
        let s = visible.trim();
        if s.is_empty() || s.chars().count() > 64 || s.chars().any(char::is_control) {
            return Err(ParseError::new(
                "an order number must be 1 to 64 printable characters",
            ));
        }
        let number = Self(s.to_owned());
        if number.key().is_empty() {
            return Err(ParseError::new("an order number needs a letter or a digit"));
        }
        Ok(number)
    }

    /// The number as lookups, imports and platform feeds compare it, and as a store keeps
    /// it unique: ASCII letters in lower case, with `#`, dashes and spaces left out, so
    /// "#SO-1001", "so 1001" and "SO1001" are one order. The migrations that made existing
    /// orders' keys fold exactly these characters in SQL.
    pub fn key(&self) -> String {
        self.0
            .chars()
            .filter(|c| !matches!(c, '#' | '-' | ' ' | '\u{a0}'))
            .map(|c| c.to_ascii_lowercase())
            .collect()
    }
}

string_value!(
    /// A carrier tracking number, normalized: spaces, dashes and invisible characters
    /// removed, upper case, 6 to 40 letters and digits.
    TrackingNumber
);

impl TrackingNumber {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let normalized: String = crate::text::strip_invisible(s)
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\t'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !(6..=40).contains(&normalized.len())
            || !normalized.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(ParseError::new(format!(
                "`{s}` is not a tracking number: expected 6 to 40 letters and digits"
            )));
        }
        Ok(Self(normalized))
    }
}

string_value!(
    /// A carrier's slug: `ups`, `fedex`, `usps`, `dhl`, `manual`, … (lower case letters,
    /// digits and `_`, at most 32).
    CarrierCode
);

impl CarrierCode {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() || s.len() > 32 || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(ParseError::new(format!(
                "`{s}` is not a carrier code: expected lower-case letters, digits or `_`, like `ups`"
            )));
        }
        Ok(Self(s))
    }
}

string_value!(
    /// An ISO 3166-1 alpha-2 country code, upper case.
    CountryCode
);

impl CountryCode {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim().to_ascii_uppercase();
        if s.len() != 2 || !s.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(ParseError::new(format!(
                "`{s}` is not a two-letter country code like `US`"
            )));
        }
        Ok(Self(s))
    }
}

string_value!(
    /// A BCP 47 language tag (`en`, `pt-BR`), canonicalized.
    Locale
);

impl Locale {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let id: unic_langid::LanguageIdentifier =
            s.trim().replace('_', "-").parse().map_err(|_| {
                ParseError::new(format!("`{s}` is not a language tag like `en` or `pt-BR`"))
            })?;
        if id.language.is_empty() {
            return Err(ParseError::new(format!(
                "`{s}` is not a language tag like `en` or `pt-BR`"
            )));
        }
        Ok(Self(id.to_string()))
    }

    /// The language part alone (`pt` for `pt-BR`).
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The writing direction, for HTML's `dir`: `rtl` for right-to-left languages
    /// (Arabic, Hebrew, Persian, Urdu), else `ltr`.
    pub fn dir(&self) -> &'static str {
        crate::texts::direction(self.language())
    }
}

impl Default for Locale {
    fn default() -> Self {
        Self("en".to_owned())
    }
}

string_value!(
    /// An IANA time zone name (`Europe/Berlin`).
    TimeZone
);

impl TimeZone {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let tz: chrono_tz::Tz = s.trim().parse().map_err(|_| {
            ParseError::new(format!(
                "`{s}` is not an IANA time zone like `Europe/Berlin`"
            ))
        })?;
        Ok(Self(tz.name().to_owned()))
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.0.parse().unwrap_or(chrono_tz::UTC)
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        Self("UTC".to_owned())
    }
}

string_value!(
    /// A store's URL slug: 2 to 48 lower-case letters, digits and dashes, starting with a
    /// letter. Names used by wismo's own paths are reserved.
    StoreSlug
);

impl StoreSlug {
    /// The first path segments wismo's own URLs use or will use, which a store's pages
    /// (`/{store}/track`, `/{store}/widget.js`, …) must never shadow: today's routes, the
    /// admin screens, store platforms' webhooks and imports, unsubscribe links, the demo
    /// outbox and delivery promises. Names that cannot be slugs anyway (one letter, an
    /// underscore) are listed too, so this is the one list to read. The router's test
    /// checks every route against it.
    pub const RESERVED: &'static [&'static str] = &[
        "_outbox",
        "account",
        "admin",
        "api",
        "app",
        "assets",
        "auth",
        "callback",
        "dashboard",
        "docs",
        "healthz",
        "help",
        "imports",
        "integrations",
        "login",
        "logout",
        "metrics",
        "notifications",
        "o",
        "oauth",
        "outbox",
        "promise",
        "readyz",
        "sandbox",
        "settings",
        "static",
        "status",
        "t",
        "track",
        "u",
        "unsubscribe",
        "webhooks",
        "well-known",
        "widget",
    ];

    /// A new store's slug: well shaped and not reserved.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let slug = Self::parse_stored(s)?;
        if slug.is_reserved() {
            return Err(ParseError::new(format!(
                "`{slug}` is reserved; choose another slug"
            )));
        }
        Ok(slug)
    }

    /// A slug as the database keeps it: well shaped, but perhaps reserved since the store
    /// took it (the store keeps working; `wismo migrate` warns about it). Invisible
    /// characters a paste brings along are dropped.
    pub fn parse_stored(s: &str) -> Result<Self, ParseError> {
        let visible = crate::text::strip_invisible(s);
        let s = visible.trim();
        let shape = (2..=48).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && !s.ends_with('-')
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !shape {
            return Err(ParseError::new(format!(
                "`{s}` is not a store slug: use 2 to 48 lower-case letters, digits and dashes, starting with a letter"
            )));
        }
        Ok(Self(s.to_owned()))
    }

    /// Whether wismo's own URLs use (or will use) this name at the top level.
    pub fn is_reserved(&self) -> bool {
        Self::RESERVED.contains(&self.0.as_str())
    }
}

string_value!(
    /// A colour as `#rrggbb`, lower case.
    HexColor
);

impl HexColor {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let hex = s.strip_prefix('#').unwrap_or("");
        let hex = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 => hex.to_owned(),
            _ => String::new(),
        };
        if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ParseError::new(format!(
                "`{s}` is not a colour like `#1a73e8`"
            )));
        }
        Ok(Self(format!("#{}", hex.to_ascii_lowercase())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_that_differ_in_case_hash_dashes_or_spaces_share_one_key() {
        let key = |s: &str| OrderNumber::parse(s).map(|n| n.key()).unwrap_or_default();
        assert_eq!(key("#SO-1001"), "so1001");
        assert_eq!(key("so 1001"), "so1001");
        assert_eq!(key("SO1001"), "so1001");
        assert_eq!(key("#1001"), key("1001"));
        assert_ne!(key("#1001"), key("#1002"));
        assert_eq!(key("Ä-7"), "Ä7", "only ASCII letters fold, as in the SQL");
        assert!(OrderNumber::parse("#").is_err());
        assert!(OrderNumber::parse("- -").is_err());
    }

    #[test]
    fn identifiers_lose_bidi_controls_and_zero_width_characters() {
        let order = OrderNumber::parse("\u{202E}#SO-\u{200B}1001\u{FEFF}\u{200D}");
        assert_eq!(order.as_ref().map(OrderNumber::as_str), Ok("#SO-1001"));
        assert_eq!(order.map(|n| n.key()), Ok("so1001".into()));
        assert!(OrderNumber::parse("\u{200B}\u{202E}").is_err());
        assert!(OrderNumber::parse("#10\u{0}1").is_err());
        assert_eq!(
            TrackingNumber::parse("\u{2066}1Z999AA1\u{200B}0123456784\u{2069}").map(String::from),
            Ok("1Z999AA10123456784".into())
        );
        assert_eq!(
            StoreSlug::parse("\u{200F}acme\u{2060}-coffee").map(String::from),
            Ok("acme-coffee".into())
        );
    }

    #[test]
    fn emails_are_checked_and_their_domain_lower_cased() {
        assert_eq!(
            Email::parse(" Ana@Example.COM ").map(String::from),
            Ok("Ana@example.com".into())
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "ana @example.com",
            "a@b@c.com",
            "ana@-x.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn phones_are_normalized_to_e164() {
        assert_eq!(
            Phone::parse("+1 (415) 555-0100").map(String::from),
            Ok("+14155550100".into())
        );
        assert!(Phone::parse("415 555 0100").is_err());
        assert!(Phone::parse("+12").is_err());
        assert!(Phone::parse("+1415555O100").is_err());
    }

    #[test]
    fn tracking_numbers_are_normalized_and_malformed_ones_rejected() {
        assert_eq!(
            TrackingNumber::parse("1z 999-aa1 0123456784").map(String::from),
            Ok("1Z999AA10123456784".into())
        );
        assert!(TrackingNumber::parse("12345").is_err());
        assert!(TrackingNumber::parse("1Z999AA1012345678!").is_err());
        assert!(TrackingNumber::parse(&"9".repeat(41)).is_err());
    }

    #[test]
    fn slugs_reject_reserved_and_badly_shaped_names() {
        assert!(StoreSlug::parse("acme-coffee").is_ok());
        for bad in [
            "api",
            "t",
            "Acme",
            "-acme",
            "acme-",
            "a",
            "9lives",
            "acme_coffee",
        ] {
            assert!(StoreSlug::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn a_stored_slug_may_be_reserved_but_must_be_well_shaped() {
        assert!(StoreSlug::parse_stored("integrations").is_ok_and(|s| s.is_reserved()));
        assert!(StoreSlug::parse("integrations").is_err());
        assert!(StoreSlug::parse_stored("acme").is_ok_and(|s| !s.is_reserved()));
        assert!(StoreSlug::parse_stored("Acme").is_err());
    }

    #[test]
    fn the_reserved_list_is_sorted_and_lower_case() {
        let mut sorted = StoreSlug::RESERVED.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, StoreSlug::RESERVED);
        assert!(StoreSlug::RESERVED.iter().all(|s| *s == s.to_lowercase()));
    }

    #[test]
    fn locales_time_zones_colours_and_countries_are_canonicalized() {
        assert_eq!(Locale::parse("pt_br").map(String::from), Ok("pt-BR".into()));
        assert!(Locale::parse("not a locale").is_err());
        assert_eq!(Locale::parse("ar-EG").map(|l| l.dir()), Ok("rtl"));
        assert_eq!(Locale::parse("ja").map(|l| l.dir()), Ok("ltr"));
        assert_eq!(
            TimeZone::parse("Europe/Berlin").map(String::from),
            Ok("Europe/Berlin".into())
        );
        assert!(TimeZone::parse("Mars/Olympus").is_err());
        assert_eq!(
            HexColor::parse("#ABC").map(String::from),
            Ok("#aabbcc".into())
        );
        assert!(HexColor::parse("blue").is_err());
        assert_eq!(CountryCode::parse("de").map(String::from), Ok("DE".into()));
        assert!(CountryCode::parse("DEU").is_err());
    }
}
