//! Erasing customers' personal data, on request or by a store's retention setting (the
//! rules are `wismo_domain::privacy`'s). One set of statements serves both: each blanks one
//! table's personal columns for the orders a matching query names, the orders themselves
//! last (the match reads them). The SQL is one text for both engines.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wismo_domain::StoreId;
use wismo_domain::privacy::{ErasureRequest, Retention};

use crate::Result;

/// What an erasure blanked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErasureCounts {
    pub orders: u64,
    pub notifications: u64,
    pub requests: u64,
    pub platform_deliveries: u64,
}

impl std::ops::AddAssign for ErasureCounts {
    fn add_assign(&mut self, other: Self) {
        self.orders += other.orders;
        self.notifications += other.notifications;
        self.requests += other.requests;
        self.platform_deliveries += other.platform_deliveries;
    }
}

/// How many orders one retention pass erases in one transaction.
pub const RETENTION_BATCH: u32 = 500;

/// The statements of one erasure for the orders `$matching` names, in order: message
/// attempts, messages (one still queued is skipped, as for an opt-out), requests, platform bodies, stored pages, kept API responses, then
/// the orders (`$now`: the erasure's time).
macro_rules! erasure {
    ($matching:expr, $now:literal, $responses:expr) => {
        [
            concat!(
                "UPDATE notification_attempts SET error = NULL WHERE notification_id IN \
                 (SELECT id FROM notifications WHERE store_id = $1 AND order_id IN (",
                $matching,
                "))"
            ),
            concat!(
                "UPDATE notifications SET recipient = '', last_error = NULL, \
                 skip_reason = CASE WHEN status = 'queued' THEN 'opted_out' ELSE skip_reason END, \
                 status = CASE WHEN status = 'queued' THEN 'skipped' ELSE status END \
                 WHERE store_id = $1 AND order_id IN (",
                $matching,
                ")"
            ),
            concat!(
                "UPDATE customer_requests SET message = NULL, handled_note = NULL \
                 WHERE store_id = $1 AND shipment_id IN \
                 (SELECT id FROM shipments WHERE order_id IN (",
                $matching,
                "))"
            ),
            concat!(
                "UPDATE platform_deliveries SET body = NULL \
                 WHERE store_id = $1 AND body IS NOT NULL AND order_id IN (",
                $matching,
                ")"
            ),
            concat!(
                "DELETE FROM page_snapshots WHERE shipment_id IN \
                 (SELECT id FROM shipments WHERE order_id IN (",
                $matching,
                "))"
            ),
            $responses,
            concat!(
                "UPDATE orders SET customer_name = NULL, customer_email = NULL, \
                 customer_phone = NULL, city = NULL, region = NULL, postal_code = NULL, \
                 page_revision = page_revision + 1, erased_at = ",
                $now,
                " WHERE id IN (",
                $matching,
                ")"
            ),
        ]
    };
}

/// The orders of store `$1` naming email `$2` (any case) or phone `$3`.
macro_rules! by_contact {
    () => {
        "SELECT id FROM orders WHERE store_id = $1 AND \
         ((CAST($2 AS TEXT) IS NOT NULL AND lower(customer_email) = lower($2)) \
          OR (CAST($3 AS TEXT) IS NOT NULL AND customer_phone = $3))"
    };
}

/// The orders of store `$1`, not erased yet, finished before `$2`: cancelled then, or
/// with parcels that all ended and last changed before then. The oldest first, a batch.
macro_rules! finished_before {
    () => {
        "SELECT o.id FROM orders o WHERE o.store_id = $1 AND o.erased_at IS NULL AND \
         ((o.cancelled_at IS NOT NULL AND o.cancelled_at < $2) OR \
          (EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id) AND NOT EXISTS \
           (SELECT 1 FROM shipments s WHERE s.order_id = o.id AND \
            (s.stage NOT IN ('delivered', 'returned', 'expired', 'cancelled') \
             OR s.updated_at >= $2)))) \
         ORDER BY o.id LIMIT 500"
    };
}

/// Erasing one customer: `$1` store, `$2` email, `$3` phone, `$4` now. API responses kept
/// for `Idempotency-Key` replays that name them go too.
pub(crate) const ERASE_CUSTOMER: [&str; 7] = erasure!(
    by_contact!(),
    "$4",
    "DELETE FROM idempotency_keys WHERE store_id = $1 AND \
     ((CAST($2 AS TEXT) IS NOT NULL AND lower(body) LIKE '%' || lower($2) || '%') \
      OR (CAST($3 AS TEXT) IS NOT NULL AND body LIKE '%' || $3 || '%'))"
);

/// Erasing a batch of finished orders: `$1` store, `$2` finished before, `$3` now. (Kept
/// API responses last a day; none is that old.)
pub(crate) const ERASE_FINISHED: [&str; 7] = erasure!(
    finished_before!(),
    "$3",
    "DELETE FROM idempotency_keys WHERE store_id = $1 AND created_at < $2"
);

/// Which statements take the erasure's time as their last parameter (the orders').
pub(crate) const ORDERS_STATEMENT: usize = 6;

#[async_trait]
pub trait PrivacyStore: Send + Sync {
    /// Erases one customer's personal data in every order of `store` that names their
    /// email or phone, in one transaction.
    /// With `record`, the API's response is kept for its `Idempotency-Key` in the same
    /// transaction (a key another request took first is
    /// [`StoreError::KeyTaken`](crate::StoreError::KeyTaken)).
    async fn erase_customer(
        &self,
        store: StoreId,
        who: &ErasureRequest,
        record: Option<&crate::IdempotencyRecord<'_, ErasureCounts>>,
    ) -> Result<ErasureCounts>;

    /// Sets (or with `None` turns off) how long the store keeps finished orders' personal
    /// data.
    async fn set_retention(&self, store: StoreId, retention: Option<Retention>) -> Result<()>;

    /// The store's retention in days, if set.
    async fn retention(&self, store: StoreId) -> Result<Option<u32>>;

    /// The stores with a retention setting, with its days.
    async fn stores_with_retention(&self) -> Result<Vec<(StoreId, u32)>>;

    /// Erases up to [`RETENTION_BATCH`] orders of `store` finished before `before`, in one
    /// transaction.
    async fn erase_finished_orders(
        &self,
        store: StoreId,
        before: DateTime<Utc>,
    ) -> Result<ErasureCounts>;
}

/// The counts from the statements' affected rows, in [`erasure!`]'s order.
pub(crate) fn counts(affected: &[u64; 7]) -> ErasureCounts {
    ErasureCounts {
        notifications: affected[1],
        requests: affected[2],
        platform_deliveries: affected[3],
        orders: affected[ORDERS_STATEMENT],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retention_pass_takes_one_batch() {
        let limit = format!("LIMIT {RETENTION_BATCH}");
        assert!(
            ERASE_FINISHED
                .iter()
                .all(|sql| !sql.contains("o.id") || sql.contains(&limit))
        );
        assert!(ERASE_FINISHED[ORDERS_STATEMENT].starts_with("UPDATE orders"));
        assert!(ERASE_CUSTOMER[ORDERS_STATEMENT].starts_with("UPDATE orders"));
    }
}
