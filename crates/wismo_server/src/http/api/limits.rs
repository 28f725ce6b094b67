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

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use wismo_domain::{CustomerInput, NewOrder, OrderInput};

    use super::*;

    #[tokio::test]
    async fn every_refused_field_is_in_one_422_problem() {
        let input = OrderInput {
            order_number: "#1".into(),
            customer: CustomerInput {
                email: Some("ana@".into()),
                phone: Some("555".into()),
                ..CustomerInput::default()
            },
            ..OrderInput::default()
        };
        let Err(errors) = NewOrder::parse(input, chrono::Utc::now()) else {
            panic!("a bad email and phone were accepted");
        };
        let response = ApiError::from(errors).into_response();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
            .await
            .unwrap_or_default();
        let problem: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let fields: Vec<_> = problem["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["field"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(fields, ["customer.email", "customer.phone"], "{problem}");
        assert_eq!(problem["type"], "/problems/validation", "{problem}");
    }
}
