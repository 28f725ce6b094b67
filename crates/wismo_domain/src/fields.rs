//! Field errors: what the parse functions (`NewOrder::parse`, `Branding::parse`, …) report
//! when raw input breaks a rule, every broken rule at once, each named by its field path
//! (`customer.email`, `items[0].name`). The API turns them into one 422 problem; forms
//! and imports show them next to the field or the row.

use std::fmt;

use crate::ParseError;

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
    /// `value` (trimmed) must be at most `max` characters, and not blank when `required`.
    pub fn text(
        &mut self,
        field: impl FnOnce() -> String,
        value: Option<&str>,
        max: usize,
        required: bool,
    ) {
        match value.map(str::trim) {
            Some(v) if v.chars().count() > max => {
                self.fail(field(), format!("must be at most {max} characters"))
            }
            Some("") if required => self.fail(field(), "must not be empty"),
            None if required => self.fail(field(), "is required"),
            _ => {}
        }
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

/// Trims text and turns blank into `None`.
pub fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
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
    fn blank_text_becomes_none_and_text_is_trimmed() {
        assert_eq!(clean(Some("  \t ".into())), None);
        assert_eq!(clean(None), None);
        assert_eq!(clean(Some(" Ana ".into())), Some("Ana".into()));
    }

    #[test]
    fn every_failed_check_is_kept_in_order() {
        let mut checks = Checks::default();
        checks.text(|| "city".into(), Some(&"x".repeat(101)), 100, false);
        checks.text(|| "name".into(), Some("  "), 10, true);
        checks.text(|| "sku".into(), None, 10, true);
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
        checks.text(|| "city".into(), Some(&"é".repeat(100)), 100, true);
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
