//! The polling schedule on PostgreSQL. A claim locks due rows with `FOR UPDATE SKIP
//! LOCKED`, so workers on several servers never wait for each other nor get the same
//! shipment, and moves each claimed shipment's `next_poll_at` to its lease's end, so a
//! dead worker's shipments fall due again by themselves. Finishing runs the event pipeline
//! and is fenced by the lease token.

use wismo_domain::schedule::Habits;

use super::PgStore;
use super::events::ingest_from;
use crate::jobs::lease_end;
use crate::pipeline::Source;
use crate::polling::{DeliveryRow, HABIT_DEPTH, OutForDeliveryRow, learn_habits};
use crate::rows;
use crate::{DueShipment, PollFinish, PollLease, PollingStore, Recorded, Result, ScheduleCounts};
use async_trait::async_trait;

#[async_trait]
impl PollingStore for PgStore {
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
        let rows = sqlx::query(
            "WITH due AS (SELECT id, next_poll_at FROM shipments \
                 WHERE next_poll_at IS NOT NULL AND next_poll_at <= $3 \
                 ORDER BY next_poll_at LIMIT $4 FOR UPDATE SKIP LOCKED) \
             UPDATE shipments s SET lease_owner = $1, lease_token = s.lease_token + 1, \
                 lease_due_at = due.next_poll_at, next_poll_at = $2 \
             FROM due WHERE s.id = due.id \
             RETURNING s.id, s.store_id, s.carrier, s.service, s.tracking_number, s.stage, s.lease_owner, \
                 s.lease_token, s.lease_due_at, s.next_poll_at",
        )
        .bind(worker)
        .bind(until)
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut claimed = rows
            .iter()
            .map(rows::poll_lease)
            .collect::<Result<Vec<_>>>()?;
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
        sqlx::query(
            "SELECT id, store_id, carrier, tracking_number, stage, next_poll_at, poll_failures, \
             CASE WHEN lease_owner IS NOT NULL AND next_poll_at > $1 AND lease_due_at IS NOT NULL \
                  THEN lease_owner END AS leased_by \
             FROM shipments WHERE next_poll_at IS NOT NULL ORDER BY next_poll_at LIMIT $2",
        )
        .bind(self.now())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(rows::due_shipment)
        .collect()
    }

    async fn schedule_counts(&self) -> Result<ScheduleCounts> {
        let (active, due, leased): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), \
             COUNT(*) FILTER (WHERE next_poll_at <= $1), \
             COUNT(*) FILTER (WHERE lease_owner IS NOT NULL AND next_poll_at > $1) \
             FROM shipments WHERE next_poll_at IS NOT NULL",
        )
        .bind(self.now())
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
            "SELECT s.carrier, (EXTRACT(EPOCH FROM m.reached_at) * 1000000)::bigint, \
             (EXTRACT(EPOCH FROM m.carrier_estimate) * 1000000)::bigint, \
             (SELECT e.occurred_offset_secs::bigint FROM tracking_events e \
              WHERE e.shipment_id = m.shipment_id AND e.occurred_at = m.reached_at LIMIT 1) \
             FROM milestones m JOIN shipments s ON s.id = m.shipment_id \
             WHERE m.milestone = 'out_for_delivery' AND s.carrier IS NOT NULL \
             ORDER BY m.id DESC LIMIT $1",
        )
        .bind(HABIT_DEPTH)
        .fetch_all(&self.pool)
        .await?;
        let deliveries: Vec<DeliveryRow> = sqlx::query_as(
            "SELECT s.carrier, o.country, o.region, \
             (EXTRACT(EPOCH FROM m.reached_at) * 1000000)::bigint, \
             (SELECT e.occurred_offset_secs::bigint FROM tracking_events e \
              WHERE e.shipment_id = m.shipment_id AND e.occurred_at = m.reached_at LIMIT 1), \
             (SELECT (EXTRACT(EPOCH FROM p.reached_at) * 1000000)::bigint FROM milestones p \
              WHERE p.shipment_id = m.shipment_id AND p.milestone = 'available_for_pickup') \
             FROM milestones m JOIN shipments s ON s.id = m.shipment_id \
             JOIN orders o ON o.id = s.order_id \
             WHERE m.milestone = 'delivered' AND s.carrier IS NOT NULL \
             ORDER BY m.id DESC LIMIT $1",
        )
        .bind(HABIT_DEPTH)
        .fetch_all(&self.pool)
        .await?;
        Ok(learn_habits(ofd, deliveries))
    }
}
