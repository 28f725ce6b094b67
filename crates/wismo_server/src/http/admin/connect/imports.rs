//! CSV imports from the admin: `POST /admin/settings/imports` takes the upload form
//! (`multipart/form-data`: `csrf`, `file`, `skip_invalid`) and queues the file as the API's
//! `POST /api/v1/imports` does; `GET /admin/settings/imports/{id}` shows where it is and,
//! once read, its counts and refused rows. Another store's import is 404.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use wismo_domain::admin::User;
use wismo_domain::import::ImportId;
use wismo_store::StoreError;
use wismo_store::imports::NewImport;

use crate::http::admin::{
    AdminState, SignedIn, Tr, csrf_refused, failed, not_found, notice, page, see_other,
};
use crate::http::api::imports::{ImportView, view};
use crate::imports::{MAX_IMPORT_BYTES, queue};

#[derive(Template)]
#[template(path = "admin/connect/import.html")]
pub struct ImportPage {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub menu: Vec<(&'static str, &'static str)>,
    pub here: &'static str,
    pub import: ImportView,
}

/// What the upload form sent.
#[derive(Default)]
struct Upload {
    csrf: String,
    file: Vec<u8>,
    skip_invalid: bool,
}

async fn read(mut form: Multipart) -> Option<Upload> {
    let mut upload = Upload::default();
    while let Some(part) = form.next_field().await.ok()? {
        match part.name() {
            Some("csrf") => upload.csrf = part.text().await.ok()?,
            Some("skip_invalid") => upload.skip_invalid = true,
            Some("file") => upload.file = part.bytes().await.ok()?.to_vec(),
            _ => {}
        }
        if upload.file.len() > MAX_IMPORT_BYTES {
            return None;
        }
    }
    Some(upload)
}

/// `POST /admin/settings/imports`
pub async fn create(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let Ok(form) = form else {
        return csrf_refused(&tr);
    };
    let Some(upload) = read(form).await else {
        return notice(&tr, StatusCode::BAD_REQUEST, "admin-import-unreadable");
    };
    if !signed_in.csrf_ok(&upload.csrf) {
        return csrf_refused(&tr);
    }
    if upload.file.is_empty() {
        return notice(&tr, StatusCode::UNPROCESSABLE_ENTITY, "admin-import-empty");
    }
    let new = NewImport {
        body: upload.file,
        skip_invalid: upload.skip_invalid,
        idempotency: None,
    };
    let store = signed_in.user.store_id;
    match queue(state.store.as_ref(), store, &new, state.clock.now()).await {
        Ok(import) => {
            tracing::info!(import = import.id.0, "import queued from the admin");
            see_other(&format!("/admin/settings/imports/{}", import.id.0))
        }
        Err(e) => failed(&tr, &e),
    }
}

/// `GET /admin/settings/imports/{id}`
pub async fn show(
    State(state): State<AdminState>,
    tr: Tr,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> Response {
    let store = signed_in.user.store_id;
    let import = match state.store.get_import(store, ImportId(id)).await {
        Ok(import) => import,
        Err(StoreError::NotFound(_)) => return not_found(&tr),
        Err(e) => return failed(&tr, &e),
    };
    let owner = signed_in.user.role.manages_store();
    page(
        StatusCode::OK,
        &ImportPage {
            menu: super::links(owner),
            here: "/admin/settings/integrations",
            import: view(&import),
            tr,
            user: Some(signed_in.user),
            csrf: signed_in.csrf,
        },
    )
}
