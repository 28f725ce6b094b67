//! Length limits on free text, checked at the edge so the database never holds a novel in
//! a city field. Every violation is reported with its field path.

use super::super::problem::{ApiError, FieldError};

/// Collects field errors; turns into one 422 problem.
#[derive(Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    /// `value` must be at most `max` characters (and not blank when `required`).
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
            Some("") if required => self.fail(field(), "must not be empty".to_owned()),
            None if required => self.fail(field(), "is required".to_owned()),
            _ => {}
        }
    }

    pub fn count(&mut self, field: &str, len: usize, max: usize) {
        if len > max {
            self.fail(
                field.to_owned(),
                format!("at most {max} entries are allowed"),
            );
        }
    }

    pub fn fail(&mut self, field: String, detail: String) {
        self.0.push(FieldError { field, detail });
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid_fields(self.0))
        }
    }
}

/// Trims text and turns blank into `None`.
pub fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}
