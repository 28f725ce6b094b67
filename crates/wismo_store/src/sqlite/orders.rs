//! Orders and their shipments, on SQLite.

use sqlx::sqlite::SqliteRow;
use sqlx::types::Json;
use sqlx::{Executor, Row, Sqlite, SqliteConnection};
use wismo_domain::{
    CarrierCode, CountryCode, Email, Locale, NewOrder, NewShipment, Order, OrderId, OrderToken,
    Phone, Shipment, ShipmentId, ShipmentPatch, ShipmentToken, StoreId, TimeZone,
};

use super::events::load_events;
use super::notify::opted_out;
use super::reader::{VIEW_EVENTS, VIEW_ORDER_BY_TOKEN, VIEW_ORDER_SHIPMENTS, VIEW_STORE};
use super::requests::{claim_key, keep_reply};
use super::{SqliteStore, micros};
use crate::notify::contact_key;
use crate::rows::{self, order_columns, shipment_columns};
use crate::shared;
use crate::transaction::finish;
use crate::{
    IdempotencyRecord, NeedingAttention, OrderStore, PageRevision, Result, ShipmentEvents,
    StalledOrders, StoreError, TrackingView, error,
};
use async_trait::async_trait;

#[async_trait]
impl OrderStore for SqliteStore {
    async fn create_order_keyed(
        &self,
        store: StoreId,
        new: &NewOrder,
        record: Option<&IdempotencyRecord<'_, Order>>,
    ) -> Result<Order> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, now).await?;
            let order = insert_order(&mut tx, store, new, now).await?;
            super::item_images::want_item_images(&mut tx, store, &order.items, self.now()).await?;
            let burst = self.notify_burst.load(std::sync::atomic::Ordering::Relaxed);
            super::notify::confirm_new_order(&mut tx, &order, burst, self.now()).await?;
            keep_reply(&mut tx, store, record, &order).await?;
            Ok(order)
        }
        .await;
        finish(tx, result).await
    }

    async fn get_order(&self, store: StoreId, id: OrderId) -> Result<Order> {
        let mut tx = self.pool.begin().await?;
        let result = read_order(&mut tx, store, id).await;
        finish(tx, result).await
    }

    async fn find_order_by_number(
        &self,
        store: StoreId,
        number: &wismo_domain::OrderNumber,
    ) -> Result<Option<Order>> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM orders WHERE store_id = ?1 AND order_key = ?2")
                .bind(store.0)
                .bind(number.key())
                .fetch_optional(&self.pool)
                .await?;
        match id {
            Some(id) => Ok(Some(self.get_order(store, OrderId(id)).await?)),
            None => Ok(None),
        }
    }

    async fn list_orders(
        &self,
        store: StoreId,
        before: Option<OrderId>,
        limit: u32,
    ) -> Result<Vec<Order>> {
        let before = before.map_or(i64::MAX, |id| id.0);
        let mut tx = self.pool.begin().await?;
        let result = read_orders(&mut tx, store, before, limit).await;
        finish(tx, result).await
    }

    async fn add_shipment_keyed(
        &self,
        store: StoreId,
        order: OrderId,
        new: &NewShipment,
        record: Option<&IdempotencyRecord<'_, Shipment>>,
    ) -> Result<Shipment> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, now).await?;
            let row = insert_shipment(&mut *tx, store, order, new, now)
                .await
                .map_err(error::shipment_write)?
                .ok_or(StoreError::NotFound("order"))?;
            let shipment = rows::shipment(&row)?;
            keep_reply(&mut tx, store, record, &shipment).await?;
            Ok(shipment)
        }
        .await;
        finish(tx, result).await
    }

    async fn update_shipment(
        &self,
        store: StoreId,
        id: ShipmentId,
        patch: &ShipmentPatch,
    ) -> Result<Shipment> {
        let row = sqlx::query(concat!(
            "UPDATE shipments SET tracking_number = coalesce(?1, tracking_number), \
             carrier = CASE WHEN ?2 THEN ?3 ELSE carrier END, \
             service = CASE WHEN ?4 THEN ?5 ELSE service END, \
             next_poll_at = CASE WHEN ?1 IS NOT NULL OR ?2 THEN ?6 ELSE next_poll_at END, \
             poll_failures = CASE WHEN ?1 IS NOT NULL OR ?2 THEN 0 ELSE poll_failures END, \
             lease_token = CASE WHEN ?1 IS NOT NULL OR ?2 THEN lease_token + 1 ELSE lease_token END, \
             lease_owner = CASE WHEN ?1 IS NOT NULL OR ?2 THEN NULL ELSE lease_owner END, \
             updated_at = ?6 \
             WHERE id = ?7 AND store_id = ?8 RETURNING ",
            shipment_columns!()
        ))
        .bind(patch.tracking_number.as_ref().map(|t| t.as_str()))
        .bind(patch.carrier.is_some())
        .bind(
            patch
                .carrier
                .as_ref()
                .and_then(|c| c.as_ref().map(CarrierCode::as_str)),
        )
        .bind(patch.service.is_some())
        .bind(patch.service.as_ref().and_then(|s| s.as_deref()))
        .bind(micros(self.now()))
        .bind(id.0)
        .bind(store.0)
        .fetch_optional(&self.pool)
        .await?;
        rows::shipment(&row.ok_or(StoreError::NotFound("shipment"))?)
    }

    async fn get_shipment(&self, store: StoreId, id: ShipmentId) -> Result<Shipment> {
        fetch_shipment(&self.pool, store, id).await
    }

    async fn reissue_token_keyed(
        &self,
        store: StoreId,
        id: ShipmentId,
        token: &ShipmentToken,
        record: Option<&IdempotencyRecord<'_, ShipmentEvents>>,
    ) -> Result<Shipment> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, now).await?;
            let row = sqlx::query(concat!(
                "UPDATE shipments SET token = ?1, updated_at = ?2 WHERE id = ?3 AND store_id = ?4 RETURNING ",
                shipment_columns!()
            ))
            .bind(token.as_str())
            .bind(now)
            .bind(id.0)
            .bind(store.0)
            .fetch_optional(&mut *tx)
            .await?;
            let shipment = rows::shipment(&row.ok_or(StoreError::NotFound("shipment"))?)?;
            if record.is_some() {
                let written = ShipmentEvents {
                    events: load_events(&mut *tx, id).await?,
                    shipment: shipment.clone(),
                    inserted: 0,
                };
                keep_reply(&mut tx, store, record, &written).await?;
            }
            Ok(shipment)
        }
        .await;
        finish(tx, result).await
    }

    async fn reissue_order_token_keyed(
        &self,
        store: StoreId,
        id: OrderId,
        token: &OrderToken,
        record: Option<&IdempotencyRecord<'_, Order>>,
    ) -> Result<Order> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            claim_key(&mut tx, store, record, now).await?;
            let order = replace_order_token(&mut tx, store, id, token).await?;
            keep_reply(&mut tx, store, record, &order).await?;
            Ok(order)
        }
        .await;
        finish(tx, result).await
    }

    /// The order page's view for `token`: through the page readers on a file, through the
    /// pool's one connection in memory.
    async fn order_view(&self, token: &OrderToken) -> Result<Option<TrackingView>> {
        if let Some(readers) = &self.readers {
            return readers.order_view(token);
        }
        // One read transaction, so the page never shows a state without the event behind it.
        let mut tx = self.pool.begin().await?;
        let result = read_order_view(&mut tx, token).await;
        finish(tx, result).await
    }
    async fn shipments_needing_attention(
        &self,
        store: StoreId,
        limit: u32,
    ) -> Result<NeedingAttention> {
        shared::sqlite::shipments_needing_attention(&self.pool, store, limit).await
    }

    async fn orders_awaiting_parcel(
        &self,
        store: StoreId,
        placed_before: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> Result<Vec<Order>> {
        let rows = sqlx::query(crate::model::ORDERS_AWAITING_PARCEL)
            .bind(store.0)
            .bind(micros(placed_before))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(rows::order).collect()
    }

    async fn raise_stalled_order(&self, store: StoreId, order: OrderId) -> Result<bool> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let raised = sqlx::query(crate::model::RAISE_STALLED_ORDER)
                .bind(order.0)
                .bind(store.0)
                .bind(micros(now))
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if raised {
                let burst = self.notify_burst.load(std::sync::atomic::Ordering::Relaxed);
                super::notify::write_order_moment(
                    &mut tx,
                    store,
                    order,
                    wismo_domain::notify::Moment::FulfillmentStalled,
                    burst,
                    now,
                )
                .await?;
            }
            Ok(raised)
        }
        .await;
        finish(tx, result).await
    }

    async fn stalled_orders(&self, store: StoreId, limit: u32) -> Result<StalledOrders> {
        let mut tx = self.pool.begin().await?;
        let result = async {
            let rows = sqlx::query(crate::model::STALLED_ORDERS)
                .bind(store.0)
                .bind(i64::from(limit))
                .fetch_all(&mut *tx)
                .await?;
            let total: i64 = sqlx::query_scalar(crate::model::STALLED_ORDERS_COUNT)
                .bind(store.0)
                .fetch_one(&mut *tx)
                .await?;
            Ok(StalledOrders {
                orders: rows.iter().map(rows::order).collect::<Result<_>>()?,
                total: u64::try_from(total).unwrap_or(0),
            })
        }
        .await;
        finish(tx, result).await
    }
}

async fn insert_order(
    conn: &mut SqliteConnection,
    store: StoreId,
    new: &NewOrder,
    now: i64,
) -> Result<Order> {
    let number = new.order_number.as_str();
    let (customer, destination, promise) = (&new.customer, &new.destination, new.promise.as_ref());
    // An earlier opt-out by this customer at this store beats the order's consent.
    let contacts: Vec<String> = customer
        .email
        .iter()
        .map(|e| contact_key(e.as_str()))
        .chain(customer.phone.iter().map(|p| contact_key(p.as_str())))
        .collect();
    let consent = customer
        .consent
        .without(&opted_out(&mut *conn, store, &contacts).await?);
    let row = sqlx::query(concat!(
        "INSERT INTO orders (store_id, order_number, external_id, customer_name, customer_email, customer_phone, \
         customer_locale, customer_timezone, items, city, region, postal_code, country, placed_at, promised_date, \
         created_at, token, order_key, consent, promise_from, promise_until, promise_ships_by, promise_basis, \
         placed_via, awaiting_parcel_since) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, \
         ?20, ?21, ?22, ?23, ?24, COALESCE(?14, ?16)) RETURNING ",
        order_columns!()
    ))
    .bind(store.0)
    .bind(number)
    .bind(new.external_id.as_deref())
    .bind(customer.name.as_deref())
    .bind(customer.email.as_ref().map(Email::as_str))
    .bind(customer.phone.as_ref().map(Phone::as_str))
    .bind(customer.locale.as_ref().map(Locale::as_str))
    .bind(customer.timezone.as_ref().map(TimeZone::as_str))
    .bind(Json(&new.items))
    .bind(destination.city.as_deref())
    .bind(destination.region.as_deref())
    .bind(destination.postal_code.as_deref())
    .bind(destination.country.as_ref().map(CountryCode::as_str))
    .bind(new.placed_at.map(micros))
    .bind(new.promised_date.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(now)
    .bind(new.token.as_str())
    .bind(new.order_number.key())
    .bind(Json(&consent))
    .bind(promise.map(|p| p.from.to_string()))
    .bind(promise.map(|p| p.until.to_string()))
    .bind(promise.map(|p| p.ships_by.to_string()))
    .bind(promise.map(|p| p.basis.as_str()))
    .bind(new.source.as_str())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| error::order_write(e, number))?;
    let mut order = rows::order(&row)?;
    for shipment in &new.shipments {
        let row = insert_shipment(&mut *conn, store, order.id, shipment, now)
            .await
            .map_err(|e| error::order_write(e, number))?
            .ok_or(StoreError::NotFound("order"))?;
        order.shipments.push(rows::shipment(&row)?);
    }
    Ok(order)
}

/// Inserts a shipment into the order if the order is the store's; `None` if it is not.
async fn insert_shipment<'e>(
    executor: impl Executor<'e, Database = Sqlite>,
    store: StoreId,
    order: OrderId,
    new: &NewShipment,
    now: i64,
) -> Result<Option<SqliteRow>, sqlx::Error> {
    sqlx::query(concat!(
        "INSERT INTO shipments (order_id, store_id, carrier, service, tracking_number, token, stage, created_at, \
         updated_at, next_poll_at, contents) \
         SELECT id, store_id, ?3, ?4, ?5, ?6, 'pending', ?7, ?7, ?7, ?8 FROM orders WHERE id = ?1 AND store_id = ?2 \
         RETURNING ",
        shipment_columns!()
    ))
    .bind(order.0)
    .bind(store.0)
    .bind(new.carrier.as_ref().map(CarrierCode::as_str))
    .bind(new.service.as_deref())
    .bind(new.tracking_number.as_str())
    .bind(new.token.as_str())
    .bind(now)
    .bind(Json(&new.items))
    .fetch_optional(executor)
    .await
}

async fn replace_order_token(
    conn: &mut SqliteConnection,
    store: StoreId,
    id: OrderId,
    token: &OrderToken,
) -> Result<Order> {
    let updated = sqlx::query("UPDATE orders SET token = ?1 WHERE id = ?2 AND store_id = ?3")
        .bind(token.as_str())
        .bind(id.0)
        .bind(store.0)
        .execute(&mut *conn)
        .await
        .map_err(error::order_token_write)?;
    if updated.rows_affected() == 0 {
        return Err(StoreError::NotFound("order"));
    }
    read_order(conn, store, id).await
}

async fn read_order_view(
    conn: &mut SqliteConnection,
    token: &OrderToken,
) -> Result<Option<TrackingView>> {
    let Some(order_row) = sqlx::query(VIEW_ORDER_BY_TOKEN)
        .bind(token.as_str())
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut order = rows::order(&order_row)?;
    order.shipments = sqlx::query(VIEW_ORDER_SHIPMENTS)
        .bind(order.id.0)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(rows::shipment)
        .collect::<Result<_>>()?;
    let store = sqlx::query(VIEW_STORE)
        .bind(order.store_id.0)
        .fetch_one(&mut *conn)
        .await?;
    let events = sqlx::query(VIEW_EVENTS)
        .bind(order.id.0)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(rows::event)
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(TrackingView {
        store: rows::store(&store)?,
        events: rows::group_events(&order.shipments, events),
        order,
        focus: None,
        revision: PageRevision {
            order: order_row.try_get("order_revision")?,
            store: store.try_get("store_revision")?,
        },
    }))
}

pub(super) async fn read_order(
    conn: &mut SqliteConnection,
    store: StoreId,
    id: OrderId,
) -> Result<Order> {
    let row = sqlx::query(concat!(
        "SELECT ",
        order_columns!(),
        " FROM orders WHERE id = ?1 AND store_id = ?2"
    ))
    .bind(id.0)
    .bind(store.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("order"))?;
    let mut order = rows::order(&row)?;
    order.shipments = sqlx::query(concat!(
        "SELECT ",
        shipment_columns!(),
        " FROM shipments WHERE order_id = ?1 ORDER BY id"
    ))
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(rows::shipment)
    .collect::<Result<_>>()?;
    Ok(order)
}

async fn read_orders(
    conn: &mut SqliteConnection,
    store: StoreId,
    before: i64,
    limit: u32,
) -> Result<Vec<Order>> {
    let mut orders = sqlx::query(concat!(
        "SELECT ",
        order_columns!(),
        " FROM orders WHERE store_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3"
    ))
    .bind(store.0)
    .bind(before)
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(rows::order)
    .collect::<Result<Vec<_>>>()?;
    let shipments = sqlx::query(concat!(
        "SELECT ",
        shipment_columns!(),
        " FROM shipments WHERE order_id IN \
         (SELECT id FROM orders WHERE store_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3) \
         ORDER BY order_id, id"
    ))
    .bind(store.0)
    .bind(before)
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(rows::shipment)
    .collect::<Result<Vec<_>>>()?;
    rows::attach_shipments(&mut orders, shipments);
    Ok(orders)
}

/// The store's shipment `id`, or [`StoreError::NotFound`].
pub(super) async fn fetch_shipment<'e>(
    executor: impl Executor<'e, Database = Sqlite>,
    store: StoreId,
    id: ShipmentId,
) -> Result<Shipment> {
    let row = sqlx::query(concat!(
        "SELECT ",
        shipment_columns!(),
        " FROM shipments WHERE id = ?1 AND store_id = ?2"
    ))
    .bind(id.0)
    .bind(store.0)
    .fetch_optional(executor)
    .await?;
    rows::shipment(&row.ok_or(StoreError::NotFound("shipment"))?)
}
