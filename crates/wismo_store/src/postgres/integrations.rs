//! Store platforms on PostgreSQL: secrets per platform, deliveries with their processing job,
//! and the order use cases platform deliveries need.

use async_trait::async_trait;
use sqlx::types::Json;
use wismo_domain::platform::Platform;
use wismo_domain::{
    CountryCode, Email, Locale, Order, OrderId, OrderToken, Phone, SealedSecret, ShipmentId,
    StoreId, TimeZone,
};

use super::PgStore;
use super::jobs::insert_job;
use super::orders::read_order;
use super::requests::{claim_key, keep_reply};
use crate::integrations::{
    self, DeliveryResult, Integration, NewPlatformDelivery, OrderDetails, PlatformDelivery,
    ProcessPlatformDelivery, ROTATION_OVERLAP, integration_columns, platform_delivery_columns,
};
use crate::transaction::finish;
use crate::{IdempotencyRecord, IntegrationStore, OrderStore, Result, StoreError};

#[async_trait]
impl IntegrationStore for PgStore {
    async fn set_integration_secret(
        &self,
        store: StoreId,
        platform: Platform,
        secret: &SealedSecret,
    ) -> Result<Integration> {
        let now = self.now();
        let row = sqlx::query(concat!(
            "INSERT INTO integrations (store_id, platform, secret, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (store_id, platform) DO UPDATE SET previous_secret = integrations.secret, \
             previous_until = $5, secret = excluded.secret, rotated_at = $4 RETURNING ",
            integration_columns!()
        ))
        .bind(store.0)
        .bind(platform.as_str())
        .bind(secret.as_str())
        .bind(now)
        .bind(now + ROTATION_OVERLAP)
        .fetch_one(&self.pool)
        .await?;
        integrations::integration(&row)
    }

    async fn integration(&self, store: StoreId, platform: Platform) -> Result<Option<Integration>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            integration_columns!(),
            " FROM integrations WHERE store_id = $1 AND platform = $2"
        ))
        .bind(store.0)
        .bind(platform.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(integrations::integration).transpose()
    }

    async fn list_integrations(&self, store: StoreId) -> Result<Vec<Integration>> {
        sqlx::query(concat!(
            "SELECT ",
            integration_columns!(),
            " FROM integrations WHERE store_id = $1 ORDER BY platform"
        ))
        .bind(store.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(integrations::integration)
        .collect()
    }

    async fn record_platform_delivery(
        &self,
        store: StoreId,
        new: &NewPlatformDelivery,
    ) -> Result<Option<i64>> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = async {
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO platform_deliveries (store_id, platform, topic, webhook_id, body, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (store_id, platform, webhook_id) WHERE outcome <> 'refused' DO NOTHING \
                 RETURNING id",
            )
            .bind(store.0)
            .bind(new.platform.as_str())
            .bind(&new.topic)
            .bind(&new.webhook_id)
            .bind(&new.body)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = id {
                let job = ProcessPlatformDelivery { delivery: id }.to_job(now);
                insert_job(&mut tx, &job, now).await?;
            }
            Ok(id)
        }
        .await;
        finish(tx, result).await
    }

    async fn record_refused_delivery(
        &self,
        store: StoreId,
        platform: Platform,
        topic: &str,
        webhook_id: &str,
        reason: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO platform_deliveries (store_id, platform, topic, webhook_id, received_at, \
             outcome, detail, processed_at) SELECT $1, $2, $3, $4, $5, 'refused', $6, $5 \
             WHERE (SELECT count(*) FROM platform_deliveries WHERE store_id = $1 AND platform = $2 \
             AND outcome = 'refused' AND received_at > $7) < $8",
        )
        .bind(store.0)
        .bind(platform.as_str())
        .bind(topic)
        .bind(webhook_id)
        .bind(self.now())
        .bind(reason)
        .bind(self.now() - chrono::Duration::hours(1))
        .bind(integrations::MAX_REFUSED_PER_HOUR)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn platform_delivery(&self, id: i64) -> Result<PlatformDelivery> {
        let row = sqlx::query(concat!(
            "SELECT ",
            platform_delivery_columns!(),
            " FROM platform_deliveries WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound("delivery"))?;
        integrations::platform_delivery(&row)
    }

    async fn finish_platform_delivery(&self, id: i64, result: &DeliveryResult) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE platform_deliveries SET outcome = $1, order_id = $2, detail = $3, \
             waiting_for = $4, processed_at = $5, subject = $7, subject_updated_at = $8 WHERE id = $6",
        )
        .bind(result.outcome.as_str())
        .bind(result.order_id.map(|o| o.0))
        .bind(result.detail.as_deref())
        .bind(result.waiting_for.as_deref())
        .bind(self.now())
        .bind(id)
        .bind(result.subject.as_ref().map(|(s, _)| s.as_str()))
        .bind(result.subject.as_ref().and_then(|(_, t)| *t))
        .execute(&mut *tx)
        .await
        .map(|_| ())
        .map_err(Into::into);
        finish(tx, done).await
    }

    async fn latest_order_version(
        &self,
        store: StoreId,
        platform: Platform,
        external_id: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let latest: Option<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
            "SELECT max(subject_updated_at) FROM platform_deliveries WHERE store_id = $1 \
             AND platform = $2 AND subject = $3 AND outcome IN ('created', 'updated', 'ignored')",
        )
        .bind(store.0)
        .bind(platform.as_str())
        .bind(external_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(latest)
    }

    async fn waiting_platform_deliveries(
        &self,
        store: StoreId,
        platform: Platform,
        external_id: &str,
    ) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM platform_deliveries WHERE store_id = $1 AND platform = $2 \
             AND waiting_for = $3 AND outcome = 'waiting' ORDER BY id",
        )
        .bind(store.0)
        .bind(platform.as_str())
        .bind(external_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn list_platform_deliveries(
        &self,
        store: StoreId,
        platform: Platform,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<PlatformDelivery>> {
        sqlx::query(concat!(
            "SELECT ",
            platform_delivery_columns!(),
            " FROM platform_deliveries WHERE store_id = $1 AND platform = $2 AND id < $3 \
             ORDER BY id DESC LIMIT $4"
        ))
        .bind(store.0)
        .bind(platform.as_str())
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit.min(integrations::MAX_DELIVERIES_LISTED)))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(integrations::platform_delivery)
        .collect()
    }

    async fn set_order_link_key(&self, store: StoreId, key: &SealedSecret) -> Result<bool> {
        let now = self.now();
        let rotated: bool = sqlx::query_scalar(
            "INSERT INTO order_link_keys (store_id, key, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (store_id) DO UPDATE SET key = excluded.key, rotated_at = $3 \
             RETURNING rotated_at IS NOT NULL",
        )
        .bind(store.0)
        .bind(key.as_str())
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(rotated)
    }

    async fn order_link_key(&self, store: StoreId) -> Result<Option<SealedSecret>> {
        let key: Option<String> =
            sqlx::query_scalar("SELECT key FROM order_link_keys WHERE store_id = $1")
                .bind(store.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(key.map(SealedSecret::new))
    }

    async fn platform_order_token(
        &self,
        store: StoreId,
        platform: Platform,
        external_id: &str,
    ) -> Result<Option<OrderToken>> {
        let token: Option<String> = sqlx::query_scalar(
            "SELECT o.token FROM orders o WHERE o.store_id = $1 AND o.external_id = $2 \
             AND EXISTS (SELECT 1 FROM platform_deliveries d WHERE d.store_id = o.store_id \
             AND d.platform = $3 AND d.subject = o.external_id AND d.order_id = o.id \
             AND d.outcome IN ('created', 'updated', 'ignored')) ORDER BY o.id LIMIT 1",
        )
        .bind(store.0)
        .bind(external_id)
        .bind(platform.as_str())
        .fetch_optional(&self.pool)
        .await?;
        token
            .map(|t| {
                OrderToken::parse(&t)
                    .ok_or_else(|| integrations::corrupt("orders", "a malformed token"))
            })
            .transpose()
    }

    async fn find_order_by_external_id(
        &self,
        store: StoreId,
        external_id: &str,
    ) -> Result<Option<Order>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM orders WHERE store_id = $1 AND external_id = $2 ORDER BY id LIMIT 1",
        )
        .bind(store.0)
        .bind(external_id)
        .fetch_optional(&self.pool)
        .await?;
        match id {
            Some(id) => Ok(Some(self.get_order(store, OrderId(id)).await?)),
            None => Ok(None),
        }
    }

    async fn update_order_details(
        &self,
        store: StoreId,
        id: OrderId,
        details: &OrderDetails,
    ) -> Result<Order> {
        let (c, d) = (&details.customer, &details.destination);
        let mut tx = self.pool.begin().await?;
        let updated = sqlx::query(
            "UPDATE orders SET customer_name = $1, customer_email = $2, customer_phone = $3, \
             customer_locale = $4, city = $5, region = $6, postal_code = $7, country = $8, items = $9, \
             external_id = coalesce($10, external_id), customer_timezone = $13 \
             WHERE id = $11 AND store_id = $12",
        )
        .bind(c.name.as_deref())
        .bind(c.email.as_ref().map(Email::as_str))
        .bind(c.phone.as_ref().map(Phone::as_str))
        .bind(c.locale.as_ref().map(Locale::as_str))
        .bind(d.city.as_deref())
        .bind(d.region.as_deref())
        .bind(d.postal_code.as_deref())
        .bind(d.country.as_ref().map(CountryCode::as_str))
        .bind(Json(&details.items))
        .bind(details.external_id.as_deref())
        .bind(id.0)
        .bind(store.0)
        .bind(c.timezone.as_ref().map(TimeZone::as_str))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from);
        let found = match updated {
            Ok(done) if done.rows_affected() == 0 => Err(StoreError::NotFound("order")),
            Ok(_) => {
                super::item_images::want_item_images(&mut tx, store, &details.items, self.now())
                    .await
            }
            Err(e) => Err(e),
        };
        finish(tx, found).await?;
        self.get_order(store, id).await
    }

    async fn cancel_order_keyed(
        &self,
        store: StoreId,
        id: OrderId,
        record: Option<&IdempotencyRecord<'_, Order>>,
    ) -> Result<Order> {
        let now = self.now();
        let mut tx = self.pool.begin().await?;
        let result = async {
            claim_key(&mut tx, store, record, now).await?;
            let found = sqlx::query(
                "UPDATE orders SET cancelled_at = coalesce(cancelled_at, $1) WHERE id = $2 AND store_id = $3",
            )
            .bind(now)
            .bind(id.0)
            .bind(store.0)
            .execute(&mut *tx)
            .await?;
            if found.rows_affected() == 0 {
                return Err(StoreError::NotFound("order"));
            }
            sqlx::query(
                "UPDATE shipments SET next_poll_at = NULL, lease_owner = NULL, \
                 lease_token = lease_token + 1 WHERE order_id = $1 AND next_poll_at IS NOT NULL",
            )
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            let order = read_order(&mut tx, store, id).await?;
            keep_reply(&mut tx, store, record, &order).await?;
            Ok(order)
        }
        .await;
        finish(tx, result).await
    }

    async fn platform_shipment(
        &self,
        store: StoreId,
        platform: Platform,
        parcel_key: &str,
    ) -> Result<Option<ShipmentId>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT shipment_id FROM platform_shipments WHERE store_id = $1 AND platform = $2 \
             AND parcel_key = $3",
        )
        .bind(store.0)
        .bind(platform.as_str())
        .bind(parcel_key)
        .fetch_optional(&self.pool)
        .await?;
        Ok(id.map(ShipmentId))
    }

    async fn link_platform_shipment(
        &self,
        store: StoreId,
        platform: Platform,
        parcel_key: &str,
        shipment: ShipmentId,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "INSERT INTO platform_shipments (store_id, platform, parcel_key, shipment_id) \
             SELECT store_id, $2, $3, id FROM shipments WHERE id = $4 AND store_id = $1 \
             ON CONFLICT (store_id, platform, parcel_key) DO UPDATE SET shipment_id = excluded.shipment_id",
        )
        .bind(store.0)
        .bind(platform.as_str())
        .bind(parcel_key)
        .bind(shipment.0)
        .execute(&mut *tx)
        .await
        .map(|_| ())
        .map_err(Into::into);
        finish(tx, done).await
    }
}
