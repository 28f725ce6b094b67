//! The input rules live in the domain (`NewOrder::parse`, `Branding::parse`, …); this turns
//! the field errors they report into the API's one 422 problem, each error named by its
//! field path.

use wismo_domain::FieldErrors;

use super::super::problem::{ApiError, FieldError};

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        ApiError::invalid_fields(
            errors
                .into_iter()
                .map(|e| FieldError {
                    field: e.field,
                    detail: e.detail,
                })
                .collect(),
        )
    }
}
