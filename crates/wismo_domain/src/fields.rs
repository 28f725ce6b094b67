//! Field errors: what the parse functions (`NewOrder::parse`, `Branding::parse`, …) report
//! when raw input breaks a rule, every broken rule at once, each named by its field path
//! (`customer.email`, `items[0].name`). The API turns them into one 422 problem; forms
//! and imports show them next to the field or the row.

use std::fmt;

use crate::ParseError;
use crate::text::{self, Shape};

/// One invalid field: its path and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// A path like `customer.email` or `shipments[0].tracking_number`.
    pub field: String,
    /// What is wrong, e.g. `must be at most 100 characters`.
    pub detail: String,
}

/// Every field a parse refused, in the order the fields were checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// A single refused field.
    pub fn one(field: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self(vec![FieldError {
            field: field.into(),
            detail: detail.to_string(),
        }])
    }

    /// The errors, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `field` is among the refused fields.
    pub fn names(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", e.field, e.detail)?;
        }
        Ok(())
    }
}

impl IntoIterator for FieldErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Collects field errors while a parse walks its input; [`Checks::finish`] says whether
/// any were found.
#[derive(Debug, Default)]
pub struct Checks(FieldErrors);

impl Checks {
    /// Free text on one line (a name, a city), cleaned by the text rule
    /// ([`text::parse`]): no control characters, no invisible formatting, whitespace runs
    /// made one space. It must be at most `max` characters once cleaned, and not blank
    /// when `required`. Returns the cleaned text; blank text is `None`.
    pub fn line(
        &mut self,
        field: impl FnOnce() -> String,
        value: Option<&str>,
        max: usize,
        required: bool,
    ) -> Option<String> {
        self.free_text(field, value, max, required, Shape::Line)
    }

    /// Like [`Checks::line`] for text of several lines (a message, an answer): its line
    /// breaks are kept.
    pub fn block(
        &mut self,
        field: impl FnOnce() -> String,
        value: Option<&str>,
        max: usize,
        required: bool,
    ) -> Option<String> {
        self.free_text(field, value, max, required, Shape::Block)
    }

    fn free_text(
        &mut self,
        field: impl FnOnce() -> String,
        value: Option<&str>,
        max: usize,
        required: bool,
        shape: Shape,
    ) -> Option<String> {
        let Some(raw) = value else {
            if required {
                self.fail(field(), "is required");
            }
            return None;
        };
        match text::parse(raw, shape) {
            Err(e) => self.fail(field(), e.to_string()),
            Ok(t) if t.chars().count() > max => {
                self.fail(field(), format!("must be at most {max} characters"))
            }
            Ok(t) if t.is_empty() => {
                if required {
                    self.fail(field(), "must not be empty");
                }
            }
            Ok(t) => return Some(t),
        }
        None
    }

    /// A list may hold at most `max` entries.
    pub fn count(&mut self, field: &str, len: usize, max: usize) {
        if len > max {
            self.fail(field, format!("at most {max} entries are allowed"));
        }
    }

    /// Parses `value` with `parse`, recording its error at `field`.
    pub fn value<T>(
        &mut self,
        field: impl FnOnce() -> String,
        value: &str,
        parse: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        parse(value)
            .map_err(|e| self.fail(field(), e.to_string()))
            .ok()
    }

    /// Like [`Checks::value`] for an optional value: absent stays `None`.
    pub fn optional<T>(
        &mut self,
        field: impl FnOnce() -> String,
        value: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        value.and_then(|v| self.value(field, v, parse))
    }

    pub fn fail(&mut self, field: impl Into<String>, detail: impl Into<String>) {
        self.0.0.push(FieldError {
            field: field.into(),
            detail: detail.into(),
        });
    }

    /// `Ok` when every check passed, else every error found.
    pub fn finish(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Test shorthands for a parse's result.
#[cfg(test)]
pub(crate) trait Parsed<T> {
    /// The parsed value; panics with the field errors when refused.
    fn accepted(self) -> T;
    /// The field errors; panics with the value when accepted.
    fn refused(self) -> FieldErrors;
}

#[cfg(test)]
impl<T: fmt::Debug> Parsed<T> for Result<T, FieldErrors> {
    fn accepted(self) -> T {
        self.unwrap_or_else(|errors| panic!("refused: {errors}"))
    }

    fn refused(self) -> FieldErrors {
        match self {
            Ok(value) => panic!("accepted: {value:?}"),
            Err(errors) => errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_is_cleaned_and_blank_text_becomes_none() {
        let mut checks = Checks::default();
        assert_eq!(checks.line(|| "a".into(), Some("  \t "), 10, false), None);
        assert_eq!(checks.line(|| "b".into(), None, 10, false), None);
        assert_eq!(
            checks.line(|| "c".into(), Some(" Ana\u{202E} \n Lima "), 10, true),
            Some("Ana Lima".into())
        );
        assert_eq!(
            checks.block(|| "d".into(), Some(" Hi.\r\n\r\nBye. "), 10, true),
            Some("Hi.\n\nBye.".into())
        );
        assert_eq!(checks.finish(), Ok(()));
    }

    #[test]
    fn text_with_a_nul_is_refused_naming_its_field() {
        let mut checks = Checks::default();
        assert_eq!(
            checks.line(|| "items[0].name".into(), Some("Mug\0"), 10, true),
            None
        );
        let errors = checks.finish().refused();
        assert_eq!(
            errors.to_string(),
            "items[0].name: must not contain control characters (found U+0000)"
        );
    }

    #[test]
    fn every_failed_check_is_kept_in_order() {
        let mut checks = Checks::default();
        checks.line(|| "city".into(), Some(&"x".repeat(101)), 100, false);
        checks.line(|| "name".into(), Some("  "), 10, true);
        checks.line(|| "sku".into(), None, 10, true);
        checks.count("items", 3, 2);
        let errors = checks.finish().refused();
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.detail.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("city", "must be at most 100 characters"),
                ("name", "must not be empty"),
                ("sku", "is required"),
                ("items", "at most 2 entries are allowed"),
            ]
        );
        assert!(errors.to_string().starts_with("city: must be at most"));
    }

    #[test]
    fn lengths_are_counted_in_characters_not_bytes() {
        let mut checks = Checks::default();
        checks.line(|| "city".into(), Some(&"é".repeat(100)), 100, true);
        assert_eq!(checks.finish(), Ok(()));
    }

    #[test]
    fn a_value_that_fails_to_parse_is_reported_with_its_own_message() {
        let mut checks = Checks::default();
        let email = checks.optional(|| "email".into(), Some("ana"), crate::Email::parse);
        assert_eq!(email, None);
        let errors = checks.finish().refused();
        assert!(errors.names("email"));
        assert!(errors.to_string().contains("not a valid email address"));
    }
}
