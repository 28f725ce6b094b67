//! The polling schedule on SQLite. A claim is one `UPDATE … RETURNING` (serialized by the
//! write lock) that moves each claimed shipment's `next_poll_at` to its lease's end, so a
//! dead worker's shipments fall due again by themselves; finishing runs the event pipeline
//! and is fenced by the lease token.

use wismo_domain::schedule::Habits;

use super::events::ingest_from;
use super::{SqliteStore, micros};
use crate::jobs::lease_end;
use crate::pipeline::Source;
use crate::polling::{DeliveryRow, HABIT_DEPTH, OutForDeliveryRow, learn_habits};
use crate::rows;
use crate::transaction::finish;
use crate::{DueShipment, PollFinish, PollLease, PollingStore, Recorded, Result, ScheduleCounts};
use async_trait::async_trait;

/// The columns a claim returns.
macro_rules! lease_columns {
    () => {
        "id, store_id, carrier, service, tracking_number, stage, lease_owner, lease_token, lease_due_at, \
         next_poll_at"
    };
}

#[async_trait]
impl PollingStore for SqliteStore {
    async fn claim_due_shipments(
        &self,
        worker: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<PollLease>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let now = self.now();
        let until = lease_end(now, lease)?;
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let rows = sqlx::query(concat!(
                "UPDATE shipments SET lease_owner = ?1, lease_token = lease_token + 1, \
                 lease_due_at = next_poll_at, next_poll_at = ?2 \
                 WHERE id IN (SELECT id FROM shipments WHERE next_poll_at IS NOT NULL AND next_poll_at <= ?3 \
                     ORDER BY next_poll_at LIMIT ?4) \
                 RETURNING ",
                lease_columns!()
            ))
            .bind(worker)
            .bind(micros(until))
            .bind(micros(now))
            .bind(i64::from(limit))
            .fetch_all(&mut *tx)
            .await?;
            rows.iter().map(rows::poll_lease).collect::<Result<Vec<_>>>()
        }
        .await;
        let mut claimed = finish(tx, result).await?;
        claimed.sort_by_key(|l| (l.due_at, l.shipment_id));
        Ok(claimed)
    }

    async fn finish_poll(
        &self,
        lease: &PollLease,
        finish: &PollFinish,
    ) -> Result<(Recorded, bool)> {
        ingest_from(
            self,
            lease.store_id,
            lease.shipment_id,
            &finish.update,
            Source::Poll(lease, finish),
        )
        .await
    }

    async fn due_shipments(&self, limit: u32) -> Result<Vec<DueShipment>> {
        let now = micros(self.now());
        sqlx::query(
            "SELECT id, store_id, carrier, tracking_number, stage, next_poll_at, poll_failures, \
             CASE WHEN lease_owner IS NOT NULL AND next_poll_at > ?1 AND lease_due_at IS NOT NULL \
                  THEN lease_owner END AS leased_by \
             FROM shipments WHERE next_poll_at IS NOT NULL ORDER BY next_poll_at LIMIT ?2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(rows::due_shipment)
        .collect()
    }

    async fn schedule_counts(&self) -> Result<ScheduleCounts> {
        let now = micros(self.now());
        let (active, due, leased): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), \
             COALESCE(SUM(next_poll_at <= ?1), 0), \
             COALESCE(SUM(lease_owner IS NOT NULL AND next_poll_at > ?1), 0) \
             FROM shipments WHERE next_poll_at IS NOT NULL",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(ScheduleCounts {
            active: active.max(0) as u64,
            due: due.max(0) as u64,
            leased: leased.max(0) as u64,
        })
    }

    async fn carrier_habits(&self) -> Result<Habits> {
        // Each through its index on (milestone, id), newest first.
        let ofd: Vec<OutForDeliveryRow> = sqlx::query_as(
            "SELECT s.carrier, m.reached_at, m.carrier_estimate, \
             (SELECT e.occurred_offset_secs FROM tracking_events e \
              WHERE e.shipment_id = m.shipment_id AND e.occurred_at = m.reached_at LIMIT 1) \
             FROM milestones m JOIN shipments s ON s.id = m.shipment_id \
             WHERE m.milestone = 'out_for_delivery' AND s.carrier IS NOT NULL \
             ORDER BY m.id DESC LIMIT ?1",
        )
        .bind(HABIT_DEPTH)
        .fetch_all(&self.pool)
        .await?;
        let deliveries: Vec<DeliveryRow> = sqlx::query_as(
            "SELECT s.carrier, o.country, o.region, m.reached_at, \
             (SELECT e.occurred_offset_secs FROM tracking_events e \
              WHERE e.shipment_id = m.shipment_id AND e.occurred_at = m.reached_at LIMIT 1), \
             (SELECT p.reached_at FROM milestones p WHERE p.shipment_id = m.shipment_id \
              AND p.milestone = 'available_for_pickup') \
             FROM milestones m JOIN shipments s ON s.id = m.shipment_id \
             JOIN orders o ON o.id = s.order_id \
             WHERE m.milestone = 'delivered' AND s.carrier IS NOT NULL \
             ORDER BY m.id DESC LIMIT ?1",
        )
        .bind(HABIT_DEPTH)
        .fetch_all(&self.pool)
        .await?;
        Ok(learn_habits(ofd, deliveries))
    }
}
