//! A customer's personal data on request, and how long a store keeps it.
//!
//! Erasing a customer blanks what identifies them in every order of one store that names
//! their email or phone: name, email, phone, street-level destination (city, region, postal
//! code), their messages' addresses and errors, what they wrote in requests and the
//! merchant's notes on them, and the raw bodies their store's platform sent. What is left
//! (order number, items, parcels, scans, country, times) keeps the store's figures true. An
//! opt-out stays, so the address is never written to again.
//!
//! Retention does the same, by itself, to every finished order (all parcels delivered,
//! returned, expired or cancelled, or the order cancelled) that has been finished for the
//! store's number of days. It is off until a store sets it.

use crate::fields::FieldErrors;
use crate::{Email, Phone};

/// Whose personal data to erase: an email, a phone number, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureRequest {
    pub email: Option<Email>,
    pub phone: Option<Phone>,
}

impl ErasureRequest {
    /// From what a form or the API gave; blank fields are absent, and one is needed.
    pub fn parse(email: Option<&str>, phone: Option<&str>) -> Result<Self, FieldErrors> {
        let email = email.map(str::trim).filter(|s| !s.is_empty());
        let phone = phone.map(str::trim).filter(|s| !s.is_empty());
        if email.is_none() && phone.is_none() {
            return Err(FieldErrors::one(
                "email",
                "give the customer's email or phone number",
            ));
        }
        let email = email
            .map(Email::parse)
            .transpose()
            .map_err(|e| FieldErrors::one("email", e))?;
        let phone = phone
            .map(Phone::parse)
            .transpose()
            .map_err(|e| FieldErrors::one("phone", e))?;
        Ok(Self { email, phone })
    }
}

/// How many days after an order finished its personal data is erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Retention(u32);

impl Retention {
    /// The shortest: a month, so a late "it never came" can still be answered.
    pub const MIN_DAYS: u32 = 30;
    /// The longest: ten years.
    pub const MAX_DAYS: u32 = 3650;

    pub fn days(days: u32) -> Result<Self, FieldErrors> {
        if (Self::MIN_DAYS..=Self::MAX_DAYS).contains(&days) {
            Ok(Self(days))
        } else {
            Err(FieldErrors::one(
                "days",
                format_args!(
                    "keep finished orders between {} and {} days",
                    Self::MIN_DAYS,
                    Self::MAX_DAYS
                ),
            ))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// As a duration.
    pub fn duration(self) -> chrono::Duration {
        chrono::Duration::days(i64::from(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_erasure_needs_an_email_or_a_phone_and_checks_them() {
        assert!(ErasureRequest::parse(None, Some("  ")).is_err());
        let both = ErasureRequest::parse(Some(" Ana@Example.com "), Some("+1 415 555 0100"));
        let both = both.unwrap_or_else(|e| panic!("{e}"));
        let email = both.email.map(String::from).unwrap_or_default();
        assert_eq!(email.to_lowercase(), "ana@example.com");
        assert!(both.phone.is_some());
        let bad = ErasureRequest::parse(Some("ana@"), None).err();
        assert!(bad.is_some_and(|e| e.names("email")));
        let bad = ErasureRequest::parse(None, Some("12")).err();
        assert!(bad.is_some_and(|e| e.names("phone")));
    }

    #[test]
    fn retention_is_a_month_to_ten_years() {
        assert!(Retention::days(29).is_err());
        assert!(Retention::days(3651).is_err());
        assert_eq!(Retention::days(30).map(Retention::get).ok(), Some(30));
        assert_eq!(
            Retention::days(365).map(|r| r.duration().num_days()).ok(),
            Some(365)
        );
    }
}
