//! The job queue on SQLite: claims are one `UPDATE … RETURNING` inside `BEGIN IMMEDIATE`,
//! so two claimers are serialized by the write lock; finishing is fenced by the lease token.

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use wismo_domain::JobId;

use super::{SqliteStore, micros};
use crate::error::job_write;
use crate::jobs::{lease_end, refused};
use crate::rows::{self, job_columns};
use crate::shared;
use crate::transaction::finish;
use crate::{Job, JobLease, JobState, JobStore, NewJob, Result};
use async_trait::async_trait;

#[async_trait]
impl JobStore for SqliteStore {
    async fn enqueue_job(&self, job: &NewJob) -> Result<Option<JobId>> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = insert_job(&mut tx, job, now).await;
        finish(tx, result).await
    }

    async fn claim_jobs(
        &self,
        queue: &str,
        worker: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<Job>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let now = self.now();
        let until = lease_end(now, lease)?;
        let (_turn, mut tx) = self.runners_write().await?;
        let result = claim_in(&mut tx, queue, worker, now, until, limit).await;
        finish(tx, result).await
    }

    async fn complete_job(&self, lease: &JobLease) -> Result<bool> {
        let _turn = self.runners_turn().await;
        let done = sqlx::query(
            "UPDATE jobs SET state = 'done', locked_until = NULL, finished_at = ?1 \
             WHERE id = ?2 AND lease_token = ?3 AND state = 'running'",
        )
        .bind(micros(self.now()))
        .bind(lease.job.0)
        .bind(lease.token)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn complete_jobs(&self, leases: &[JobLease]) -> Result<Vec<JobId>> {
        if leases.is_empty() {
            return Ok(Vec::new());
        }
        let _turn = self.runners_turn().await;
        let mut query = QueryBuilder::<Sqlite>::new(
            "UPDATE jobs SET state = 'done', locked_until = NULL, finished_at = ",
        );
        query
            .push_bind(micros(self.now()))
            .push(" WHERE state = 'running' AND (id, lease_token) IN (");
        query.push_values(leases, |mut row, lease| {
            row.push_bind(lease.job.0).push_bind(lease.token);
        });
        query.push(") RETURNING id");
        let done: Vec<i64> = query.build_query_scalar().fetch_all(&self.pool).await?;
        Ok(done.into_iter().map(JobId).collect())
    }

    async fn fail_job(
        &self,
        lease: &JobLease,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let _turn = self.runners_turn().await;
        let done = sqlx::query(
            "UPDATE jobs SET \
             state = CASE WHEN ?1 IS NOT NULL AND attempts < max_attempts THEN 'queued' ELSE 'dead' END, \
             run_at = CASE WHEN ?1 IS NOT NULL AND attempts < max_attempts THEN ?1 ELSE run_at END, \
             finished_at = CASE WHEN ?1 IS NOT NULL AND attempts < max_attempts THEN NULL ELSE ?2 END, \
             locked_by = NULL, locked_until = NULL, last_error = ?3 \
             WHERE id = ?4 AND lease_token = ?5 AND state = 'running'",
        )
        .bind(retry_at.map(micros))
        .bind(micros(self.now()))
        .bind(error)
        .bind(lease.job.0)
        .bind(lease.token)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn extend_job_lease(&self, lease: &JobLease, by: chrono::Duration) -> Result<bool> {
        let _turn = self.runners_turn().await;
        let until = lease_end(self.now(), by)?;
        let done = sqlx::query("UPDATE jobs SET locked_until = ?1 WHERE id = ?2 AND lease_token = ?3 AND state = 'running'")
            .bind(micros(until))
            .bind(lease.job.0)
            .bind(lease.token)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn get_job(&self, id: JobId) -> Result<Job> {
        shared::sqlite::get_job(&self.pool, id).await
    }

    async fn list_jobs(&self, state: Option<JobState>, limit: u32) -> Result<Vec<Job>> {
        shared::sqlite::list_jobs(&self.pool, state, limit).await
    }

    async fn retry_job(&self, id: JobId) -> Result<Job> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = retry_in(&mut tx, id, now).await;
        finish(tx, result).await
    }

    async fn remove_job(&self, id: JobId) -> Result<Job> {
        let (_turn, mut tx) = self.write().await?;
        let result = remove_in(&mut tx, id).await;
        finish(tx, result).await
    }

    async fn remove_finished_jobs(&self, before: DateTime<Utc>, limit: u32) -> Result<u64> {
        let _turn = self.turn().await;
        let removed = sqlx::query(
            "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs \
             WHERE state = 'done' AND finished_at < ?1 ORDER BY finished_at LIMIT ?2)",
        )
        .bind(micros(before))
        .bind(i64::from(limit))
        .execute(&self.pool)
        .await?;
        Ok(removed.rows_affected())
    }
}

/// Queues `job` inside the caller's open write transaction, so a use case writes its jobs
/// with the change that calls for them. `None` when its dedupe key holds it back.
pub(super) async fn insert_job(
    conn: &mut SqliteConnection,
    job: &NewJob,
    now: DateTime<Utc>,
) -> Result<Option<JobId>> {
    // A conflict can only be the partial unique index on (queue, dedupe_key).
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO jobs (name, queue, payload, run_at, state, attempts, max_attempts, dedupe_key, created_at) \
         SELECT ?1, ?2, ?3, ?4, 'queued', 0, ?5, ?6, ?7 \
         WHERE NOT (?8 AND EXISTS (SELECT 1 FROM jobs WHERE queue = ?2 AND dedupe_key = ?6)) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(&job.name)
    .bind(&job.queue)
    .bind(Json(&job.payload))
    .bind(micros(job.run_at))
    .bind(i64::from(job.max_attempts))
    .bind(job.dedupe_key.as_deref())
    .bind(micros(now))
    .bind(job.once_per_key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.map(JobId))
}

async fn claim_in(
    conn: &mut SqliteConnection,
    queue: &str,
    worker: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<Job>> {
    // A job whose lease expired on its last attempt can never be claimed again: it is dead,
    // which also frees its dedupe key.
    sqlx::query(
        "UPDATE jobs SET state = 'dead', locked_until = NULL, finished_at = ?2, \
         last_error = 'lease expired on the last attempt' \
         WHERE queue = ?1 AND state = 'running' AND locked_until < ?2 AND attempts >= max_attempts",
    )
    .bind(queue)
    .bind(micros(now))
    .execute(&mut *conn)
    .await?;
    // A running job was due when it was claimed, so `run_at <= now` holds for expired leases
    // too; it lets the claim walk the `jobs_due` index in due order and stop at the limit.
    let claimed = sqlx::query(concat!(
        "UPDATE jobs SET state = 'running', locked_by = ?1, locked_until = ?2, lease_token = lease_token + 1, \
         attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM jobs \
             WHERE queue = ?3 AND state IN ('queued', 'running') AND run_at <= ?4 AND attempts < max_attempts \
             AND (state = 'queued' OR locked_until < ?4) \
             ORDER BY run_at, id LIMIT ?5) \
         RETURNING ",
        job_columns!()
    ))
    .bind(worker)
    .bind(micros(until))
    .bind(queue)
    .bind(micros(now))
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await?;
    let mut jobs = claimed.iter().map(rows::job).collect::<Result<Vec<_>>>()?;
    jobs.sort_by_key(|job| (job.run_at, job.id));
    Ok(jobs)
}

async fn retry_in(conn: &mut SqliteConnection, id: JobId, now: DateTime<Utc>) -> Result<Job> {
    let retried = sqlx::query(concat!(
        "UPDATE jobs SET state = 'queued', attempts = 0, run_at = ?1, locked_by = NULL, \
         locked_until = NULL, finished_at = NULL WHERE id = ?2 AND state = 'dead' RETURNING ",
        job_columns!()
    ))
    .bind(micros(now))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(|e| job_write(e, id))?;
    match retried {
        Some(row) => rows::job(&row),
        None => Err(refused(
            id,
            state_of(conn, id).await?.as_deref(),
            "only a dead job can be retried",
        )),
    }
}

async fn remove_in(conn: &mut SqliteConnection, id: JobId) -> Result<Job> {
    let removed = sqlx::query(concat!(
        "DELETE FROM jobs WHERE id = ?1 AND state <> 'running' RETURNING ",
        job_columns!()
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    match removed {
        Some(row) => rows::job(&row),
        None => Err(refused(
            id,
            state_of(conn, id).await?.as_deref(),
            "a running job can be removed once its run ends",
        )),
    }
}

async fn state_of(conn: &mut SqliteConnection, id: JobId) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT state FROM jobs WHERE id = ?1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?)
}
