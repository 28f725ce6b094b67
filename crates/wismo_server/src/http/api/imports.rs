//! `/api/v1/imports`: a CSV file of orders (docs/CSV_IMPORT.md) sent as the body, imported
//! by a job; its progress and per-row report are read back by its id.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::{IntoParams, ToSchema};
use wismo_domain::import::{ImportCounts, ImportId};
use wismo_store::imports::{ImportRecord, ImportStatus, NewImport};

use crate::http::auth::ApiCaller;
use crate::http::extract::{ApiPath, ApiQuery};
use crate::http::idempotency::HEADER as IDEMPOTENCY_KEY;
use crate::http::problem::{ApiError, Problem};
use crate::imports::Live;
use crate::state::Core;

pub use crate::imports::MAX_IMPORT_BYTES;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Import the good rows and report the others, instead of importing nothing when a
    /// row is refused.
    pub skip_invalid: Option<bool>,
}

/// A queued import.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportQueued {
    pub id: i64,
    /// `queued`, or where an import sent again with the same `Idempotency-Key` is.
    #[schema(example = "queued")]
    pub status: String,
    /// Where to read its progress and report.
    pub url: String,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportCountsView {
    pub orders_created: u64,
    pub orders_updated: u64,
    pub orders_unchanged: u64,
    pub shipments_created: u64,
    /// Shipments whose carrier the file changed.
    pub shipments_updated: u64,
}

/// A refused row, header or cell.
#[derive(Debug, Serialize, ToSchema)]
pub struct RowErrorView {
    /// The file's line; 1 is the header.
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    pub message: String,
}

/// What the file held.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReportView {
    pub rows_total: u64,
    pub rows_imported: u64,
    pub rows_skipped: u64,
    /// Every error counted; at most the first 1000 are listed.
    pub errors_total: u64,
    pub errors: Vec<RowErrorView>,
}

/// An import: where it is, and once read, its rows and report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportView {
    pub id: i64,
    /// `queued`, `running`, `done` (its orders are written) or `failed` (nothing written:
    /// a refused row without `skip_invalid`, or a file that cannot be read; see `report`).
    #[schema(example = "done")]
    pub status: String,
    pub skip_invalid: bool,
    /// Rows in the file, once read.
    pub rows_total: Option<u64>,
    /// Rows imported so far.
    pub rows_processed: u64,
    /// Once done.
    pub counts: Option<ImportCountsView>,
    /// Once read: done or failed.
    pub report: Option<ImportReportView>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// The body: a CSV file.
pub struct CsvFile;

impl utoipa::PartialSchema for CsvFile {
    fn schema() -> RefOr<Schema> {
        let binary = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some(
                "UTF-8 CSV with the header order_number,customer_name,email,phone,locale,city,region,postal_code,country,carrier,tracking_number,items (any order; order_number and tracking_number required)",
            ));
        RefOr::T(Schema::Object(binary.build()))
    }
}

impl ToSchema for CsvFile {}

/// Import orders from a CSV file (see docs/CSV_IMPORT.md), at most 20 MiB. The file is
/// imported by a job: read its progress and report at `url`. Rows are keyed on (order
/// number, tracking number), so importing a file again creates nothing new. By default a
/// refused row fails the whole import and nothing is written; with `skip_invalid=true`
/// the good rows are imported and the others reported.
#[utoipa::path(
    post, path = "/api/v1/imports", tag = "imports",
    params(ImportParams),
    request_body(
        description = "The CSV file itself, at most 20 MiB",
        content((CsvFile = "text/csv")),
    ),
    responses(
        (status = 202, description = "Queued", body = ImportQueued),
        (status = 400, description = "A query parameter is not of its type", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 20 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as `text/csv`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The Idempotency-Key was used for another import", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn create_import(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiQuery(params): ApiQuery<ImportParams>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, HeaderMap, Json<ImportQueued>), ApiError> {
    let too_large = || ApiError::payload_too_large("an import's file may be at most 20 MiB");
    let body = body.map_err(|_| too_large())?;
    if body.len() > MAX_IMPORT_BYTES {
        return Err(too_large());
    }
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(
        declared.as_str(),
        "text/csv" | "application/csv" | "text/plain"
    ) {
        return Err(ApiError::unsupported_media_type(
            "send the file as `Content-Type: text/csv`",
        ));
    }
    let skip_invalid = params.skip_invalid.unwrap_or(false);
    let idempotency = idempotency(&headers, skip_invalid, &body)?;
    let new = NewImport {
        body: body.to_vec(),
        skip_invalid,
        idempotency,
    };
    let import = crate::imports::queue(state.store.as_ref(), caller.store, &new, state.clock.now())
        .await
        .map_err(|e| match e {
            wismo_store::StoreError::Conflict(detail) => {
                ApiError::invalid_field(IDEMPOTENCY_KEY, detail)
            }
            other => other.into(),
        })?;
    let path = format!("/api/v1/imports/{}", import.id);
    let mut headers = HeaderMap::new();
    if let Ok(location) = HeaderValue::from_str(&path) {
        headers.insert(header::LOCATION, location);
    }
    Ok((
        StatusCode::ACCEPTED,
        headers,
        Json(ImportQueued {
            id: import.id.0,
            status: import.status.as_str().to_owned(),
            url: format!("{}{path}", state.config.public_url),
        }),
    ))
}

/// The request's `Idempotency-Key` with a hash of what it asks.
fn idempotency(
    headers: &HeaderMap,
    skip_invalid: bool,
    body: &[u8],
) -> Result<Option<(String, String)>, ApiError> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .filter(|k| !k.is_empty() && k.len() <= 255)
        .ok_or_else(|| {
            ApiError::bad_request("Idempotency-Key must be 1 to 255 visible ASCII characters")
        })?;
    let mut hasher = Sha256::new();
    hasher.update([u8::from(skip_invalid)]);
    hasher.update(body);
    Ok(Some((key.to_owned(), crate::keys::hex(&hasher.finalize()))))
}

/// An import's progress, counts and per-row report.
#[utoipa::path(
    get, path = "/api/v1/imports/{id}", tag = "imports",
    params(("id" = i64, Path, description = "Import id")),
    responses(
        (status = 200, description = "The import", body = ImportView),
        (status = 404, description = "No such import in this store", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn get_import(
    State(state): State<Core>,
    Extension(caller): Extension<ApiCaller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ImportView>, ApiError> {
    let import = state.store.get_import(caller.store, ImportId(id)).await?;
    Ok(Json(view(&import)))
}

pub(crate) fn view(import: &ImportRecord) -> ImportView {
    let live = (import.status == ImportStatus::Running)
        .then(|| Live::get().rows(import.id))
        .flatten();
    ImportView {
        id: import.id.0,
        status: import.status.as_str().to_owned(),
        skip_invalid: import.skip_invalid,
        rows_total: import.rows_total,
        rows_processed: live.unwrap_or(import.rows_processed),
        counts: import.counts.map(|c: ImportCounts| ImportCountsView {
            orders_created: c.orders_created,
            orders_updated: c.orders_updated,
            orders_unchanged: c.orders_unchanged,
            shipments_created: c.shipments_created,
            shipments_updated: c.shipments_updated,
        }),
        report: import.report.as_ref().map(|r| ImportReportView {
            rows_total: r.rows_total,
            rows_imported: r.rows_imported,
            rows_skipped: r.rows_skipped,
            errors_total: r.errors_total,
            errors: r
                .errors
                .iter()
                .map(|e| RowErrorView {
                    line: e.line,
                    column: e.column.clone(),
                    message: e.message.clone(),
                })
                .collect(),
        }),
        created_at: import.created_at,
        finished_at: import.finished_at,
    }
}
