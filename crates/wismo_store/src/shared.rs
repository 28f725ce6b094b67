//! Statements that are the same SQL on both engines, written once.
//!
//! sqlx-sqlite reads `$N` as parameter N, like PostgreSQL, so one text serves both; the
//! functions are compiled once per backend ([`sqlite`] and [`postgres`]), each against its
//! own pool type, and the backends call them from their trait impls. Only plain reads
//! that bind no instants live here: SQLite writes queue on the write gate, and instants
//! are stored differently (rows hide that through [`Columns`](crate::rows::Columns)).
//! The SQLite page readers (`sqlite/reader.rs`, rusqlite) keep SQL of their own.

use wismo_domain::{
    CustomerRequest, JobId, RequestId, SealedSecret, Shipment, StoreId, TrackingNumber,
};

use crate::rows::{
    self, api_key_columns, job_columns, request_columns, shipment_columns, store_columns,
};
use crate::{
    ApiKey, IdempotentResponse, Job, JobState, NeedingAttention, Result, StoreError, StoreLogo,
};

/// Compiles the functions given once for each backend, in a module of that name, where
/// `Pool` is the backend's pool.
macro_rules! on_both_engines {
    ($($item:item)*) => {
        /// The shared statements on SQLite.
        pub(crate) mod sqlite {
            use super::*;
            type Pool = sqlx::SqlitePool;
            $($item)*
        }

        /// The shared statements on PostgreSQL.
        pub(crate) mod postgres {
            use super::*;
            type Pool = sqlx::PgPool;
            $($item)*
        }
    };
}

on_both_engines! {
    /// All stores, oldest first.
    pub(crate) async fn list_stores(pool: &Pool) -> Result<Vec<wismo_domain::Tenant>> {
        sqlx::query(concat!("SELECT ", store_columns!(), " FROM stores ORDER BY id"))
            .fetch_all(pool)
            .await?
            .iter()
            .map(rows::store)
            .collect()
    }

    pub(crate) async fn get_store(pool: &Pool, id: StoreId) -> Result<wismo_domain::Tenant> {
        let row = sqlx::query(concat!("SELECT ", store_columns!(), " FROM stores WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(pool)
            .await?;
        rows::store(&row.ok_or(StoreError::NotFound("store"))?)
    }

    pub(crate) async fn get_store_by_slug(pool: &Pool, slug: &str) -> Result<wismo_domain::Tenant> {
        let row = sqlx::query(concat!("SELECT ", store_columns!(), " FROM stores WHERE slug = $1"))
            .bind(slug)
            .fetch_optional(pool)
            .await?;
        rows::store(&row.ok_or(StoreError::NotFound("store"))?)
    }

    pub(crate) async fn store_logo(pool: &Pool, slug: &str) -> Result<Option<StoreLogo>> {
        let row: Option<(String, Vec<u8>, String)> = sqlx::query_as(
            "SELECT l.content_type, l.bytes, l.version FROM store_logos l \
             JOIN stores s ON s.id = l.store_id WHERE s.slug = $1",
        )
        .bind(slug)
        .fetch_optional(pool)
        .await?;
        Ok(row.map(|(content_type, bytes, version)| StoreLogo {
            content_type,
            bytes,
            version,
        }))
    }

    pub(crate) async fn store_by_domain(
        pool: &Pool,
        domain: &str,
    ) -> Result<Option<wismo_domain::Tenant>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            store_columns!(),
            " FROM stores WHERE id = (SELECT store_id FROM store_domains WHERE domain = $1)"
        ))
        .bind(domain)
        .fetch_optional(pool)
        .await?;
        row.as_ref().map(rows::store).transpose()
    }

    /// A store's API keys, revoked ones included, oldest first.
    pub(crate) async fn list_api_keys(pool: &Pool, store: StoreId) -> Result<Vec<ApiKey>> {
        sqlx::query(concat!(
            "SELECT ",
            api_key_columns!(),
            " FROM api_keys WHERE store_id = $1 ORDER BY id"
        ))
        .bind(store.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(rows::api_key)
        .collect()
    }

    /// A store's customer requests, newest first.
    pub(crate) async fn list_customer_requests(
        pool: &Pool,
        store: StoreId,
    ) -> Result<Vec<CustomerRequest>> {
        sqlx::query(concat!(
            "SELECT ",
            request_columns!(),
            " FROM customer_requests WHERE store_id = $1 ORDER BY id DESC"
        ))
        .bind(store.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(rows::customer_request)
        .collect()
    }

    /// One of a store's customer requests.
    pub(crate) async fn get_customer_request(
        pool: &Pool,
        store: StoreId,
        id: RequestId,
    ) -> Result<CustomerRequest> {
        let row = sqlx::query(concat!(
            "SELECT ",
            request_columns!(),
            " FROM customer_requests WHERE store_id = $1 AND id = $2"
        ))
        .bind(store.0)
        .bind(id.0)
        .fetch_optional(pool)
        .await?;
        rows::customer_request(&row.ok_or(StoreError::NotFound("customer request"))?)
    }

    pub(crate) async fn idempotent_response(
        pool: &Pool,
        store: StoreId,
        key: &str,
    ) -> Result<Option<IdempotentResponse>> {
        let row = sqlx::query(
            "SELECT request_hash, status, body FROM idempotency_keys WHERE store_id = $1 AND key = $2",
        )
        .bind(store.0)
        .bind(key)
        .fetch_optional(pool)
        .await?;
        row.as_ref().map(rows::idempotent_response).transpose()
    }

    pub(crate) async fn webhook_secret(
        pool: &Pool,
        store: StoreId,
        provider: &str,
    ) -> Result<Option<SealedSecret>> {
        let secret: Option<String> = sqlx::query_scalar(
            "SELECT secret FROM webhook_secrets WHERE store_id = $1 AND provider = $2",
        )
        .bind(store.0)
        .bind(provider)
        .fetch_optional(pool)
        .await?;
        Ok(secret.map(SealedSecret::new))
    }

    pub(crate) async fn list_webhook_secrets(
        pool: &Pool,
    ) -> Result<Vec<(StoreId, String, SealedSecret)>> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT store_id, provider, secret FROM webhook_secrets ORDER BY store_id, provider",
        )
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(store, provider, secret)| (StoreId(store), provider, SealedSecret::new(secret)))
            .collect())
    }

    /// The store's shipments with this tracking number, oldest first.
    pub(crate) async fn find_shipments_by_tracking_number(
        pool: &Pool,
        store: StoreId,
        number: &TrackingNumber,
    ) -> Result<Vec<Shipment>> {
        sqlx::query(concat!(
            "SELECT ",
            shipment_columns!(),
            " FROM shipments WHERE store_id = $1 AND tracking_number = $2 ORDER BY id"
        ))
        .bind(store.0)
        .bind(number.as_str())
        .fetch_all(pool)
        .await?
        .iter()
        .map(rows::shipment)
        .collect()
    }

    /// The store's parcels that need attention, in the order the trait's method says.
    pub(crate) async fn shipments_needing_attention(
        pool: &Pool,
        store: StoreId,
        limit: u32,
    ) -> Result<NeedingAttention> {
        // The stage's milestone says when it was reached; the window counts them all
        // before the limit, in the same statement.
        let rows = sqlx::query(concat!(
            "SELECT * FROM (SELECT ",
            shipment_columns!(),
            ", (SELECT o.order_number FROM orders o WHERE o.id = s.order_id) AS order_number, \
             (SELECT m.reached_at FROM milestones m \
               WHERE m.shipment_id = s.id AND m.milestone = s.stage) AS reached_at, \
             CASE s.stage WHEN 'exception' THEN 0 WHEN 'action_required' THEN 1 ELSE 2 END AS tier, \
             COUNT(*) OVER () AS total \
             FROM shipments s WHERE s.store_id = $1 \
             AND s.stage IN ('exception', 'action_required', 'delayed')) a \
             ORDER BY tier, COALESCE(reached_at, last_event_at, created_at), id LIMIT $2"
        ))
        .bind(store.0)
        // One row at least, for the count.
        .bind(i64::from(limit.max(1)))
        .fetch_all(pool)
        .await?;
        let mut attention = NeedingAttention::default();
        for row in &rows {
            let (shipment, total) = rows::attention(row)?;
            attention.total = total;
            attention.shipments.push(shipment);
        }
        attention
            .shipments
            .truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        Ok(attention)
    }

    /// A job by id.
    pub(crate) async fn get_job(pool: &Pool, id: JobId) -> Result<Job> {
        let row = sqlx::query(concat!(
            "SELECT ",
            job_columns!(),
            " FROM jobs WHERE id = $1"
        ))
        .bind(id.0)
        .fetch_optional(pool)
        .await?;
        rows::job(&row.ok_or(StoreError::NotFound("job"))?)
    }

    /// Up to `limit` jobs in `state`, or every job not done.
    pub(crate) async fn list_jobs(pool: &Pool, state: Option<JobState>, limit: u32) -> Result<Vec<Job>> {
        let rows = match state {
            Some(state) => {
                sqlx::query(concat!(
                    "SELECT ",
                    job_columns!(),
                    " FROM jobs WHERE state = $1 ORDER BY run_at, id LIMIT $2"
                ))
                .bind(state.as_str())
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
            }
            // 'dead' < 'queued' < 'running': the `jobs_open` index's own order.
            None => {
                sqlx::query(concat!(
                    "SELECT ",
                    job_columns!(),
                    " FROM jobs WHERE state <> 'done' ORDER BY state, run_at, id LIMIT $1"
                ))
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
            }
        };
        rows.iter().map(rows::job).collect()
    }

    /// The store's newest history for the promise of `lane`: its newest shipped parcels,
    /// and its newest deliveries to the lane, the country and anywhere, each level read
    /// only while the one before it is too thin to be trusted
    /// ([`is_trusted`](wismo_domain::promise::is_trusted)), each one index range.
    pub(crate) async fn promise_samples(
        pool: &Pool,
        store: StoreId,
        lane: &wismo_domain::promise::Lane,
    ) -> Result<wismo_domain::promise::PromiseSamples> {
        use wismo_domain::promise::{HISTORY_DEPTH, PromiseSamples, is_trusted};
        let depth = i64::from(HISTORY_DEPTH);
        let processing = sqlx::query(
            "SELECT coalesce(o.placed_at, o.created_at) AS ordered_at, s.shipped_at \
             FROM shipments s JOIN orders o ON o.id = s.order_id \
             WHERE s.store_id = $1 AND s.shipped_at IS NOT NULL \
             ORDER BY s.shipped_at DESC LIMIT $2",
        )
        .bind(store.0)
        .bind(depth)
        .fetch_all(pool)
        .await?
        .iter()
        .map(rows::processing_sample)
        .collect::<Result<Vec<_>>>()?;
        let mut samples = PromiseSamples {
            processing,
            ..PromiseSamples::default()
        };
        let country = lane.country.as_str();
        if let Some(prefix) = &lane.postal_prefix {
            samples.lane = transit_level(
                sqlx::query(
                    "SELECT carrier, business_days FROM transit_samples WHERE store_id = $1 \
                     AND destination_country = $2 AND postal_prefix = $3 ORDER BY id DESC LIMIT $4",
                )
                .bind(store.0)
                .bind(country)
                .bind(prefix)
                .bind(depth)
                .fetch_all(pool)
                .await?,
            )?;
        }
        if is_trusted(&samples.lane) {
            return Ok(samples);
        }
        samples.country = transit_level(
            sqlx::query(
                "SELECT carrier, business_days FROM transit_samples WHERE store_id = $1 \
                 AND destination_country = $2 ORDER BY id DESC LIMIT $3",
            )
            .bind(store.0)
            .bind(country)
            .bind(depth)
            .fetch_all(pool)
            .await?,
        )?;
        if is_trusted(&samples.country) {
            return Ok(samples);
        }
        samples.store = transit_level(
            sqlx::query(
                "SELECT carrier, business_days FROM transit_samples WHERE store_id = $1 \
                 ORDER BY id DESC LIMIT $2",
            )
            .bind(store.0)
            .bind(depth)
            .fetch_all(pool)
            .await?,
        )?;
        Ok(samples)
    }

    fn transit_level<R: rows::Columns>(
        found: Vec<R>,
    ) -> Result<Vec<wismo_domain::promise::TransitSample>> {
        found.iter().map(rows::transit_sample).collect()
    }
}
