//! CSV imports of orders: the uploaded files waiting for the job that imports them, what
//! each import did, and the one rule both backends follow when a file's order meets the
//! order a store already has ([`plan`]).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use wismo_domain::import::{ImportCounts, ImportId, RowError};
use wismo_domain::{CarrierCode, LineItem, NewOrder, NewShipment, StoreId};

use serde_json::json;
use std::collections::HashMap;
use wismo_domain::notify::Channel;

use crate::notify::contact_key;
use crate::rows::Columns;
use crate::{NewJob, Result, StoreError};

/// Called with how many of an import's orders are written so far.
pub type Progress<'a> = dyn Fn(u64) + Send + Sync + 'a;

/// Makes the job that imports a new import's file, once its id is known.
pub type ImportJobFn<'a> = dyn Fn(ImportId) -> NewJob + Send + Sync + 'a;

/// The most row errors an import's report keeps (all are counted).
pub const MAX_REPORTED_ERRORS: usize = 1000;

/// Where an import is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Queued,
    Running,
    /// Its orders are written.
    Done,
    /// Refused (a bad row without `skip_invalid`, an unusable file): nothing written.
    Failed,
}

impl ImportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Queued => "queued",
            ImportStatus::Running => "running",
            ImportStatus::Done => "done",
            ImportStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "queued" => ImportStatus::Queued,
            "running" => ImportStatus::Running,
            "done" => ImportStatus::Done,
            "failed" => ImportStatus::Failed,
            other => return Err(corrupt(format!("status `{other}`"))),
        })
    }
}

/// What an import found in its file: row counts and every refused row (the first
/// [`MAX_REPORTED_ERRORS`] of them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub rows_total: u64,
    /// Rows whose orders were written (0 for a refused import).
    pub rows_imported: u64,
    /// Rows left out because they were refused (with `skip_invalid`), or all of them.
    pub rows_skipped: u64,
    /// How many errors there were, listed or not.
    pub errors_total: u64,
    pub errors: Vec<RowError>,
}

impl ImportReport {
    /// A report listing at most [`MAX_REPORTED_ERRORS`] of `errors`.
    pub fn new(rows_total: u64, rows_imported: u64, errors: &[RowError]) -> Self {
        ImportReport {
            rows_total,
            rows_imported,
            rows_skipped: rows_total - rows_imported.min(rows_total),
            errors_total: errors.len() as u64,
            errors: errors.iter().take(MAX_REPORTED_ERRORS).cloned().collect(),
        }
    }
}

/// An import as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    pub id: ImportId,
    pub store_id: StoreId,
    pub status: ImportStatus,
    pub skip_invalid: bool,
    /// Rows in the file, once read.
    pub rows_total: Option<u64>,
    /// Rows read, then orders written, so far; `rows_total` once done.
    pub rows_processed: u64,
    pub counts: Option<ImportCounts>,
    pub report: Option<ImportReport>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// An uploaded file to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImport {
    pub body: Vec<u8>,
    pub skip_invalid: bool,
    /// The request's `Idempotency-Key` and a hash of the request: a second request with
    /// the key gets the first one's import, or [`StoreError::Conflict`] when its hash
    /// differs.
    pub idempotency: Option<(String, String)>,
}

/// What the job needs to import a queued file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    pub store_id: StoreId,
    pub body: Vec<u8>,
    pub skip_invalid: bool,
}

/// An order as stored, as far as an import compares it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Existing {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub items: Vec<LineItem>,
    /// (id, tracking number, carrier) of each shipment.
    pub shipments: Vec<(i64, String, Option<String>)>,
}

/// The order's fields after an import, as stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrderFields {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub items: Vec<LineItem>,
}

/// What importing `new` over `old` changes.
#[derive(Debug, Default)]
pub(crate) struct Change<'a> {
    /// The order's new fields, when any changed.
    pub fields: Option<OrderFields>,
    /// Tracking numbers the order does not have yet.
    pub shipments: Vec<&'a NewShipment>,
    /// Shipments (by id) whose carrier the file changes.
    pub carriers: Vec<(i64, &'a CarrierCode)>,
}

impl Change<'_> {
    pub fn is_empty(&self) -> bool {
        self.fields.is_none() && self.shipments.is_empty() && self.carriers.is_empty()
    }
}

/// The rule of an import over an order the store has: what the file gives replaces what is
/// stored, a blank cell keeps it; items given replace the stored ones; a tracking number
/// the order lacks becomes a shipment; a carrier given for a tracking number the order has
/// replaces its carrier. Nothing is ever removed.
pub(crate) fn plan<'a>(old: &Existing, new: &'a NewOrder) -> Change<'a> {
    let (c, d) = (&new.customer, &new.destination);
    let pick = |given: Option<&str>, kept: &Option<String>| {
        given.map(str::to_owned).or_else(|| kept.clone())
    };
    let fields = OrderFields {
        name: pick(c.name.as_deref(), &old.name),
        email: pick(c.email.as_ref().map(|v| v.as_str()), &old.email),
        phone: pick(c.phone.as_ref().map(|v| v.as_str()), &old.phone),
        locale: pick(c.locale.as_ref().map(|v| v.as_str()), &old.locale),
        city: pick(d.city.as_deref(), &old.city),
        region: pick(d.region.as_deref(), &old.region),
        postal_code: pick(d.postal_code.as_deref(), &old.postal_code),
        country: pick(d.country.as_ref().map(|v| v.as_str()), &old.country),
        items: if new.items.is_empty() {
            old.items.clone()
        } else {
            new.items.clone()
        },
    };
    let unchanged = OrderFields {
        name: old.name.clone(),
        email: old.email.clone(),
        phone: old.phone.clone(),
        locale: old.locale.clone(),
        city: old.city.clone(),
        region: old.region.clone(),
        postal_code: old.postal_code.clone(),
        country: old.country.clone(),
        items: old.items.clone(),
    };
    let mut change = Change {
        fields: (fields != unchanged).then_some(fields),
        ..Change::default()
    };
    for shipment in &new.shipments {
        let number = shipment.tracking_number.as_str();
        match old.shipments.iter().find(|(_, t, _)| t == number) {
            None => change.shipments.push(shipment),
            Some((id, _, carrier)) => {
                if let Some(given) = &shipment.carrier
                    && carrier.as_deref() != Some(given.as_str())
                {
                    change.carriers.push((*id, given));
                }
            }
        }
    }
    change
}

/// Adds what `change` did to `counts`.
pub(crate) fn count(counts: &mut ImportCounts, change: &Change<'_>) {
    if change.is_empty() {
        counts.orders_unchanged += 1;
    } else {
        counts.orders_updated += 1;
    }
    counts.shipments_created += change.shipments.len() as u64;
    counts.shipments_updated += change.carriers.len() as u64;
}

fn corrupt(reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        table: "imports",
        reason: reason.into(),
    }
}

/// Reads an import's row: the columns `id, store_id, status, skip_invalid, rows_total,
/// rows_processed, counts, report, created_at, finished_at` (`skip_invalid` as 0 or 1).
pub(crate) fn record(row: &impl Columns) -> Result<ImportRecord> {
    let int = |col: &str| row.opt_int(col).map_err(corrupt);
    let need = |col: &str| int(col)?.ok_or_else(|| corrupt(format!("{col} is null")));
    let json = |col: &str| row.opt_json(col).map_err(corrupt);
    let counts = json("counts")?
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| corrupt(format!("counts: {e}")))?;
    let report = json("report")?
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| corrupt(format!("report: {e}")))?;
    let status = row
        .opt_text("status")
        .map_err(corrupt)?
        .ok_or_else(|| corrupt("status is null"))?;
    Ok(ImportRecord {
        id: ImportId(need("id")?),
        store_id: StoreId(need("store_id")?),
        status: ImportStatus::parse(&status)?,
        skip_invalid: need("skip_invalid")? != 0,
        rows_total: int("rows_total")?.map(|n| n.max(0) as u64),
        rows_processed: need("rows_processed")?.max(0) as u64,
        counts,
        report,
        created_at: row
            .opt_time("created_at")
            .map_err(corrupt)?
            .ok_or_else(|| corrupt("created_at is null"))?,
        finished_at: row.opt_time("finished_at").map_err(corrupt)?,
    })
}

/// How many orders an import reads and writes at a time.
pub(crate) const BATCH: usize = 500;

/// The contacts (email addresses and phone numbers, as opt-outs key them) of new orders.
pub(crate) fn contacts(orders: &[&NewOrder]) -> Vec<String> {
    orders
        .iter()
        .flat_map(|o| {
            let c = &o.customer;
            c.email
                .iter()
                .map(|e| contact_key(e.as_str()))
                .chain(c.phone.iter().map(|p| contact_key(p.as_str())))
        })
        .collect()
}

/// New orders as one JSON array for a single `INSERT … SELECT` from it, each with its
/// consent less the channels its customer opted out of (`opted_out`: channels by contact),
/// exactly as an order created alone.
pub(crate) fn order_rows(
    orders: &[&NewOrder],
    opted_out: &HashMap<String, Vec<Channel>>,
) -> serde_json::Value {
    let rows = orders.iter().map(|new| {
        let c = &new.customer;
        let d = &new.destination;
        let out: Vec<Channel> = c
            .email
            .iter()
            .map(|e| contact_key(e.as_str()))
            .chain(c.phone.iter().map(|p| contact_key(p.as_str())))
            .filter_map(|contact| opted_out.get(&contact))
            .flatten()
            .copied()
            .collect();
        let consent = c.consent.without(&out);
        json!({
            "order_number": new.order_number.as_str(),
            "order_key": new.order_number.key(),
            "external_id": new.external_id,
            "customer_name": c.name,
            "customer_email": c.email.as_ref().map(|v| v.as_str()),
            "customer_phone": c.phone.as_ref().map(|v| v.as_str()),
            "customer_locale": c.locale.as_ref().map(|v| v.as_str()),
            "customer_timezone": c.timezone.as_ref().map(|v| v.as_str()),
            "items": serde_json::to_string(&new.items).unwrap_or_else(|_| "[]".into()),
            "city": d.city,
            "region": d.region,
            "postal_code": d.postal_code,
            "country": d.country.as_ref().map(|v| v.as_str()),
            "placed_micros": new.placed_at.map(|t| t.timestamp_micros()),
            "placed_at": new.placed_at.map(|t| t.to_rfc3339()),
            "promised_date": new.promised_date.map(|d| d.format("%Y-%m-%d").to_string()),
            "token": new.token.as_str(),
            "consent": serde_json::to_string(&consent).unwrap_or_else(|_| "{}".into()),
            "promise_from": new.promise.map(|p| p.from.to_string()),
            "promise_until": new.promise.map(|p| p.until.to_string()),
            "promise_ships_by": new.promise.map(|p| p.ships_by.to_string()),
            "promise_basis": new.promise.map(|p| p.basis.as_str()),
        })
    });
    serde_json::Value::Array(rows.collect())
}

/// New shipments, each with its order's id, as one JSON array.
pub(crate) fn shipment_rows(shipments: &[(i64, &NewShipment)]) -> serde_json::Value {
    let rows = shipments.iter().map(|(order, s)| {
        json!({
            "order_id": order,
            "carrier": s.carrier.as_ref().map(CarrierCode::as_str),
            "service": s.service,
            "tracking_number": s.tracking_number.as_str(),
            "token": s.token.as_str(),
        })
    });
    serde_json::Value::Array(rows.collect())
}

/// CSV imports of orders: writing a file's orders, keyed on (order number, tracking
/// number), and the uploaded files the `import_orders` job works through. Another store's
/// import is [`StoreError::NotFound`].
#[async_trait]
pub trait ImportStore: Send + Sync {
    /// Writes a file's orders (one per order number) in one transaction: an order the
    /// store does not have is created with its shipments and its private link; one it has
    /// is updated by [`plan`]'s rule (given values replace, blank ones keep, new
    /// tracking numbers become shipments, nothing is removed). Nothing is written when any
    /// order fails. `progress` hears how many orders are written so far.
    async fn import_orders(
        &self,
        store: StoreId,
        orders: &[NewOrder],
        progress: &Progress<'_>,
    ) -> Result<wismo_domain::import::ImportCounts>;

    /// Keeps an uploaded file as a queued import and, in the same transaction, queues the
    /// job `job` makes for its id.
    async fn create_import(
        &self,
        store: StoreId,
        new: &NewImport,
        job: &ImportJobFn<'_>,
    ) -> Result<ImportRecord>;

    async fn get_import(
        &self,
        store: StoreId,
        id: wismo_domain::import::ImportId,
    ) -> Result<ImportRecord>;

    /// Marks an import running and hands over its file; `None` when it has finished (a
    /// job that runs again finds its work done).
    async fn start_import(&self, id: wismo_domain::import::ImportId) -> Result<Option<ImportFile>>;

    /// Records how many rows the file has, once read.
    async fn set_import_rows(&self, id: wismo_domain::import::ImportId, rows: u64) -> Result<()>;

    /// [`import_orders`](Self::import_orders) of a queued import, finishing it as done
    /// with its counts and `report` (and dropping its file) in the same transaction.
    async fn finish_import(
        &self,
        id: wismo_domain::import::ImportId,
        store: StoreId,
        orders: &[NewOrder],
        report: &ImportReport,
        progress: &Progress<'_>,
    ) -> Result<wismo_domain::import::ImportCounts>;

    /// Finishes an import as failed with `report`, dropping its file; nothing is imported.
    async fn fail_import(
        &self,
        id: wismo_domain::import::ImportId,
        report: &ImportReport,
    ) -> Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use wismo_domain::{ItemInput, OrderInput, ShipmentInput};

    fn new_order(city: Option<&str>, items: &[&str], parcels: &[(&str, Option<&str>)]) -> NewOrder {
        let input = OrderInput {
            order_number: "#1".into(),
            destination: wismo_domain::DestinationInput {
                city: city.map(str::to_owned),
                ..Default::default()
            },
            items: items
                .iter()
                .map(|name| ItemInput {
                    name: (*name).to_owned(),
                    quantity: 1,
                    sku: None,
                    variant: None,
                    image_url: None,
                })
                .collect(),
            shipments: parcels
                .iter()
                .map(|(number, carrier)| ShipmentInput {
                    tracking_number: (*number).to_owned(),
                    carrier: carrier.map(str::to_owned),
                    service: None,
                    items: Vec::new(),
                })
                .collect(),
            ..OrderInput::default()
        };
        NewOrder::parse(input, Utc::now()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn stored() -> Existing {
        Existing {
            id: 7,
            name: Some("Ana".into()),
            city: Some("Portland".into()),
            items: new_order(None, &["Mug"], &[]).items,
            shipments: vec![(70, "TRACK0001".into(), Some("ups".into()))],
            ..Existing::default()
        }
    }

    #[test]
    fn the_same_order_again_changes_nothing_and_blank_cells_keep_what_is_stored() {
        let blank = new_order(None, &[], &[("TRACK0001", None)]);
        assert!(plan(&stored(), &blank).is_empty());
        let same = new_order(Some("Portland"), &["Mug"], &[("TRACK0001", Some("ups"))]);
        assert!(plan(&stored(), &same).is_empty());
    }

    #[test]
    fn given_values_replace_new_tracking_numbers_are_added_and_carriers_change() {
        let new = new_order(
            Some("Salem"),
            &["Tea"],
            &[("TRACK0001", Some("usps")), ("TRACK0002", None)],
        );
        let change = plan(&stored(), &new);
        let Some(fields) = change.fields.as_ref() else {
            panic!("no field changed: {change:?}");
        };
        assert_eq!(fields.city.as_deref(), Some("Salem"));
        assert_eq!(fields.name.as_deref(), Some("Ana"), "kept");
        assert_eq!(fields.items[0].name, "Tea");
        let added: Vec<_> = change
            .shipments
            .iter()
            .map(|s| s.tracking_number.as_str())
            .collect();
        assert_eq!(added, ["TRACK0002"]);
        assert_eq!(
            change
                .carriers
                .iter()
                .map(|(id, c)| (*id, c.as_str()))
                .collect::<Vec<_>>(),
            [(70, "usps")]
        );
        let mut counts = ImportCounts::default();
        count(&mut counts, &change);
        count(&mut counts, &Change::default());
        assert_eq!(
            (
                counts.orders_updated,
                counts.orders_unchanged,
                counts.shipments_created,
                counts.shipments_updated
            ),
            (1, 1, 1, 1)
        );
    }
}
