//! CSV imports of orders, on PostgreSQL: a file's orders in one transaction, read and
//! written a batch at a time.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, Row};
use std::collections::HashMap;
use wismo_domain::import::{ImportCounts, ImportId};
use wismo_domain::notify::Channel;
use wismo_domain::{CarrierCode, LineItem, NewOrder, NewShipment, StoreId};

use super::PgStore;
use super::jobs::insert_job;
use crate::imports::{
    self, BATCH, Existing, ImportFile, ImportJobFn, ImportRecord, ImportReport, NewImport, Progress,
};
use crate::transaction::finish;
use crate::{ImportStore, Result, StoreError, error};

macro_rules! import_columns {
    () => {
        "id, store_id, status, skip_invalid::int AS skip_invalid, rows_total, rows_processed, counts, report, \
         created_at, finished_at"
    };
}

#[async_trait]
impl ImportStore for PgStore {
    async fn import_orders(
        &self,
        store: StoreId,
        orders: &[NewOrder],
        progress: &Progress<'_>,
    ) -> Result<ImportCounts> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = write_orders(&mut tx, store, orders, now, progress).await;
        finish(tx, result).await
    }

    async fn create_import(
        &self,
        store: StoreId,
        new: &NewImport,
        job: &ImportJobFn<'_>,
    ) -> Result<ImportRecord> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = async {
            if let Some((key, hash)) = &new.idempotency {
                let kept = sqlx::query(concat!(
                    "SELECT request_hash, ",
                    import_columns!(),
                    " FROM imports WHERE store_id = $1 AND idempotency_key = $2"
                ))
                .bind(store.0)
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(row) = kept {
                    let first: Option<String> = row.try_get("request_hash")?;
                    if first.as_ref() != Some(hash) {
                        return Err(StoreError::Conflict(
                            "this Idempotency-Key was used for another import".into(),
                        ));
                    }
                    return imports::record(&row);
                }
            }
            let (key, hash) = new.idempotency.clone().unzip();
            let row = sqlx::query(concat!(
                "INSERT INTO imports (store_id, skip_invalid, body, created_at, idempotency_key, request_hash) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
                import_columns!()
            ))
            .bind(store.0)
            .bind(new.skip_invalid)
            .bind(&new.body)
            .bind(now)
            .bind(key)
            .bind(hash)
            .fetch_one(&mut *tx)
            .await?;
            let record = imports::record(&row)?;
            insert_job(&mut tx, &job(record.id), now).await?;
            Ok(record)
        }
        .await;
        finish(tx, result).await
    }

    async fn get_import(&self, store: StoreId, id: ImportId) -> Result<ImportRecord> {
        let row = sqlx::query(concat!(
            "SELECT ",
            import_columns!(),
            " FROM imports WHERE id = $1 AND store_id = $2"
        ))
        .bind(id.0)
        .bind(store.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("import"))?;
        imports::record(&row)
    }

    async fn start_import(&self, id: ImportId) -> Result<Option<ImportFile>> {
        let row = sqlx::query(
            "UPDATE imports SET status = 'running', started_at = $2 \
             WHERE id = $1 AND status IN ('queued', 'running') \
             RETURNING store_id, body, skip_invalid",
        )
        .bind(id.0)
        .bind(self.now())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(ImportFile {
            store_id: StoreId(row.try_get("store_id")?),
            body: row
                .try_get::<Option<Vec<u8>>, _>("body")?
                .unwrap_or_default(),
            skip_invalid: row.try_get("skip_invalid")?,
        }))
    }

    async fn set_import_rows(&self, id: ImportId, rows: u64) -> Result<()> {
        sqlx::query("UPDATE imports SET rows_total = $2, rows_processed = 0 WHERE id = $1")
            .bind(id.0)
            .bind(i64::try_from(rows).unwrap_or(i64::MAX))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn finish_import(
        &self,
        id: ImportId,
        store: StoreId,
        orders: &[NewOrder],
        report: &ImportReport,
        progress: &Progress<'_>,
    ) -> Result<ImportCounts> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = async {
            let counts = write_orders(&mut tx, store, orders, now, progress).await?;
            sqlx::query(
                "UPDATE imports SET status = 'done', counts = $2, report = $3, rows_total = $4, \
                 rows_processed = $4, body = NULL, finished_at = $5 WHERE id = $1",
            )
            .bind(id.0)
            .bind(Json(&counts))
            .bind(Json(report))
            .bind(i64::try_from(report.rows_total).unwrap_or(i64::MAX))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(counts)
        }
        .await;
        finish(tx, result).await
    }

    async fn fail_import(&self, id: ImportId, report: &ImportReport) -> Result<()> {
        sqlx::query(
            "UPDATE imports SET status = 'failed', report = $2, rows_total = $3, body = NULL, \
             finished_at = $4 WHERE id = $1",
        )
        .bind(id.0)
        .bind(Json(report))
        .bind(i64::try_from(report.rows_total).unwrap_or(i64::MAX))
        .bind(self.now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

/// Creates or updates each order, a batch at a time, inside the caller's transaction: per
/// batch, one statement reads the orders the store has, one their shipments, one inserts
/// the new orders and one the new shipments (a statement costs a round trip to sqlx's
/// SQLite thread, which row-at-a-time inserts spent most of their time on).
async fn write_orders(
    conn: &mut PgConnection,
    store: StoreId,
    orders: &[NewOrder],
    now: DateTime<Utc>,
    progress: &Progress<'_>,
) -> Result<ImportCounts> {
    let mut counts = ImportCounts::default();
    let mut done = 0u64;
    for batch in orders.chunks(BATCH) {
        let existing = read_existing(conn, store, batch).await?;
        let mut fresh = Vec::new();
        let mut shipments = Vec::new();
        for new in batch {
            let Some(old) = existing.get(&new.order_number.key()) else {
                fresh.push(new);
                continue;
            };
            let change = imports::plan(old, new);
            imports::count(&mut counts, &change);
            if let Some(fields) = &change.fields {
                update_order(conn, old.id, fields).await?;
            }
            shipments.extend(change.shipments.iter().map(|s| (old.id, *s)));
            for (id, carrier) in &change.carriers {
                set_carrier(conn, *id, carrier, now).await?;
            }
        }
        if !fresh.is_empty() {
            let ids = insert_orders(conn, store, &fresh, now).await?;
            for new in &fresh {
                let id = ids
                    .get(&new.order_number.key())
                    .copied()
                    .ok_or(StoreError::NotFound("order"))?;
                shipments.extend(new.shipments.iter().map(|s| (id, s)));
            }
            counts.orders_created += fresh.len() as u64;
            counts.shipments_created += fresh.iter().map(|o| o.shipments.len() as u64).sum::<u64>();
        }
        let items: Vec<_> = batch.iter().flat_map(|o| o.items.iter().cloned()).collect();
        super::item_images::want_item_images(conn, store, &items, now).await?;
        insert_shipments(conn, store, &shipments, now).await?;
        done += batch.len() as u64;
        progress(done);
    }
    Ok(counts)
}

/// Inserts new orders in one statement; their ids by order key.
async fn insert_orders(
    conn: &mut PgConnection,
    store: StoreId,
    fresh: &[&NewOrder],
    now: DateTime<Utc>,
) -> Result<HashMap<String, i64>> {
    let contacts = imports::contacts(fresh);
    let mut opted_out: HashMap<String, Vec<Channel>> = HashMap::new();
    if !contacts.is_empty() {
        let rows = sqlx::query(
            "SELECT contact, channel FROM opt_outs \
             WHERE store_id = $1 AND contact = ANY($2)",
        )
        .bind(store.0)
        .bind(&contacts)
        .fetch_all(&mut *conn)
        .await?;
        for row in &rows {
            let channel: String = row.try_get("channel")?;
            if let Ok(channel) = Channel::parse(&channel) {
                opted_out
                    .entry(row.try_get("contact")?)
                    .or_default()
                    .push(channel);
            }
        }
    }
    let rows = sqlx::query(
        "INSERT INTO orders (store_id, order_number, external_id, customer_name, customer_email, \
         customer_phone, customer_locale, customer_timezone, items, city, region, postal_code, country, \
         placed_at, promised_date, created_at, token, order_key, consent, promise_from, promise_until, \
         promise_ships_by, promise_basis, placed_via, awaiting_parcel_since) \
         SELECT $1, o.order_number, o.external_id, o.customer_name, o.customer_email, o.customer_phone, \
         o.customer_locale, o.customer_timezone, o.items::jsonb, o.city, o.region, o.postal_code, o.country, \
         o.placed_at, o.promised_date, $2, o.token, o.order_key, o.consent::jsonb, o.promise_from, \
         o.promise_until, o.promise_ships_by, o.promise_basis, 'import', $2 \
         FROM jsonb_to_recordset($3) AS o(order_number text, external_id text, \
         customer_name text, customer_email text, customer_phone text, customer_locale text, \
         customer_timezone text, items text, city text, region text, postal_code text, country text, \
         placed_at timestamptz, promised_date date, token text, order_key text, consent text, \
         promise_from date, promise_until date, promise_ships_by date, promise_basis text) \
         RETURNING id, order_key",
    )
    .bind(store.0)
    .bind(now)
    .bind(Json(imports::order_rows(fresh, &opted_out)))
    .fetch_all(&mut *conn)
    .await
    .map_err(|e| error::order_write(e, "in the file"))?;
    rows.iter()
        .map(|row| Ok((row.try_get("order_key")?, row.try_get("id")?)))
        .collect()
}

/// Inserts new shipments in one statement, due to be polled now.
async fn insert_shipments(
    conn: &mut PgConnection,
    store: StoreId,
    shipments: &[(i64, &NewShipment)],
    now: DateTime<Utc>,
) -> Result<()> {
    if shipments.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO shipments (order_id, store_id, carrier, service, tracking_number, token, stage, \
         created_at, updated_at, next_poll_at) \
         SELECT s.order_id, $1, s.carrier, s.service, s.tracking_number, s.token, 'pending', $2, $2, $2 \
         FROM jsonb_to_recordset($3) AS s(order_id bigint, carrier text, service text, \
         tracking_number text, token text)",
    )
    .bind(store.0)
    .bind(now)
    .bind(Json(imports::shipment_rows(shipments)))
    .execute(&mut *conn)
    .await
    .map_err(error::shipment_write)?;
    Ok(())
}

/// The batch's orders the store has, by order key, with their shipments.
async fn read_existing(
    conn: &mut PgConnection,
    store: StoreId,
    batch: &[NewOrder],
) -> Result<HashMap<String, Existing>> {
    let keys: Vec<String> = batch.iter().map(|o| o.order_number.key()).collect();
    let rows = sqlx::query(
        "SELECT id, order_key, customer_name, customer_email, customer_phone, customer_locale, \
         city, region, postal_code, country, items FROM orders \
         WHERE store_id = $1 AND order_key = ANY($2)",
    )
    .bind(store.0)
    .bind(&keys)
    .fetch_all(&mut *conn)
    .await?;
    let mut found = HashMap::with_capacity(rows.len());
    let mut by_id = HashMap::with_capacity(rows.len());
    for row in &rows {
        let items: Json<Vec<LineItem>> = row.try_get("items")?;
        let order = Existing {
            id: row.try_get("id")?,
            name: row.try_get("customer_name")?,
            email: row.try_get("customer_email")?,
            phone: row.try_get("customer_phone")?,
            locale: row.try_get("customer_locale")?,
            city: row.try_get("city")?,
            region: row.try_get("region")?,
            postal_code: row.try_get("postal_code")?,
            country: row.try_get("country")?,
            items: items.0,
            shipments: Vec::new(),
        };
        let key: String = row.try_get("order_key")?;
        by_id.insert(order.id, key.clone());
        found.insert(key, order);
    }
    if found.is_empty() {
        return Ok(found);
    }
    let ids: Vec<i64> = by_id.keys().copied().collect();
    let shipments = sqlx::query(
        "SELECT order_id, id, tracking_number, carrier FROM shipments \
         WHERE order_id = ANY($1) ORDER BY id",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    for row in &shipments {
        let order: i64 = row.try_get("order_id")?;
        if let Some(existing) = by_id.get(&order).and_then(|key| found.get_mut(key)) {
            existing.shipments.push((
                row.try_get("id")?,
                row.try_get("tracking_number")?,
                row.try_get("carrier")?,
            ));
        }
    }
    Ok(found)
}

async fn update_order(
    conn: &mut PgConnection,
    id: i64,
    fields: &imports::OrderFields,
) -> Result<()> {
    sqlx::query(
        "UPDATE orders SET customer_name = $2, customer_email = $3, customer_phone = $4, \
         customer_locale = $5, city = $6, region = $7, postal_code = $8, country = $9, items = $10 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(fields.name.as_deref())
    .bind(fields.email.as_deref())
    .bind(fields.phone.as_deref())
    .bind(fields.locale.as_deref())
    .bind(fields.city.as_deref())
    .bind(fields.region.as_deref())
    .bind(fields.postal_code.as_deref())
    .bind(fields.country.as_deref())
    .bind(Json(&fields.items))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A new carrier for a shipment: polled anew, as a change through the API would.
async fn set_carrier(
    conn: &mut PgConnection,
    id: i64,
    carrier: &CarrierCode,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE shipments SET carrier = $2, next_poll_at = $3, poll_failures = 0, \
         lease_token = lease_token + 1, lease_owner = NULL, updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(carrier.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
