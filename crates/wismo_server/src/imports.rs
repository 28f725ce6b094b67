//! Importing a CSV file of orders, the same way from the command line
//! (`wismo import orders`) and from the API's job (`import_orders`): the domain reads and
//! checks the whole file first ([`wismo_domain::import::parse_csv`]); only a file that may
//! be imported reaches the store, which writes its orders in one transaction, so a failure
//! leaves nothing half-imported. Imported orders get their private links like the API's
//! and send no message.
//!
//! While a job writes a file's orders, how far it got is kept in this process
//! ([`Live`]): the write transaction cannot report it through the database (SQLite has
//! one writer), so `GET /api/v1/imports/{id}` served by the process running the job shows
//! rows as they are written, and any other process shows the rows once committed.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use wismo_domain::import::{ImportId, ImportedOrder, ParsedFile};
use wismo_domain::{NewOrder, StoreId};
use wismo_store::imports::{ImportRecord, ImportReport, NewImport};
use wismo_store::{Store, StoreError};

use crate::jobs::ImportOrders;

/// The largest file taken: about 100,000 rows.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Keeps an uploaded file as `store`'s queued import, with the job that imports it, due at
/// `now`. The API (`POST /api/v1/imports`) and the admin's upload form both queue so.
pub async fn queue(
    store: &dyn Store,
    store_id: StoreId,
    new: &NewImport,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ImportRecord, StoreError> {
    let job = |id: ImportId| ImportOrders::for_import(id, now);
    store.create_import(store_id, new, &job).await
}

/// The report of a file as read: its rows and errors, and the rows imported when it is
/// importable.
pub fn report(file: &ParsedFile, skip_invalid: bool) -> ImportReport {
    let imported = if file.importable(skip_invalid) {
        file.rows_ok
    } else {
        0
    };
    ImportReport::new(file.rows as u64, imported as u64, &file.errors)
}

/// The orders of a file, with the rows written once the first `n` orders are: what a
/// progress callback given orders turns into rows.
pub fn orders_and_rows(orders: Vec<ImportedOrder>) -> (Vec<NewOrder>, Vec<u64>) {
    let mut rows = Vec::with_capacity(orders.len() + 1);
    rows.push(0);
    let mut total = 0;
    let orders = orders
        .into_iter()
        .map(|o| {
            total += o.lines.len() as u64;
            rows.push(total);
            o.order
        })
        .collect();
    (orders, rows)
}

/// Rows written by imports running in this process, by import.
#[derive(Debug, Clone, Default)]
pub struct Live(Arc<Mutex<HashMap<ImportId, u64>>>);

static LIVE: LazyLock<Live> = LazyLock::new(Live::default);

impl Live {
    /// The process's imports in progress.
    pub fn get() -> &'static Live {
        &LIVE
    }

    pub fn set(&self, id: ImportId, rows: u64) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id, rows);
        }
    }

    pub fn rows(&self, id: ImportId) -> Option<u64> {
        self.0.lock().ok().and_then(|map| map.get(&id).copied())
    }

    pub fn end(&self, id: ImportId) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&id);
        }
    }
}
