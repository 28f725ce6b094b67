//! Background jobs: typed jobs on the store's lease queue, and the runner that runs them.
//!
//! A job is a serde struct implementing [`BackgroundJob`]: its payload is the struct
//! itself, its `JOB_NAME` is what the row carries and what the [`Runner`] finds it by. A
//! use case queues jobs as data ([`BackgroundJob::to_new_job`]) in its own store
//! transaction; [`BackgroundJob::enqueue`] queues one alone. One small file per job.
//!
//! A job row holds only what retrying needs. What a job did for the business (a
//! notification sent, a page pruned) belongs in that business's own tables, so a job can
//! run twice (a lost lease, a retry after a timeout) and find its work already done.

mod apply_retention;
mod batches;
mod completions;
mod deliver_webhook;
mod failure;
mod fetch_item_image;
mod fetch_logo;
mod import_orders;
mod merchant_email;
mod prune_audit_log;
mod prune_stored_pages;
mod raise_stalled_orders;
mod registry;
mod remove_finished_jobs;
mod runner;
mod schedule;
mod send_account_link;
mod send_digest;
mod send_endpoint_disabled;
mod send_notification;
mod send_request_notice;
mod send_test_email;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::sync::Arc;
use wismo_domain::{Clock, JobId};
use wismo_store::{NewJob, Store};

use crate::outbound::Outbound;

pub use apply_retention::ApplyRetention;
pub use deliver_webhook::webhook_retry_wait;
pub use failure::{RetryAfter, backoff};
pub use fetch_item_image::FetchItemImage;
pub use fetch_logo::{FETCH, FetchLogo};
pub use import_orders::{IMPORTS, ImportOrders};
pub use prune_audit_log::{AUDIT_KEPT, PruneAuditLog};
pub use prune_stored_pages::PruneStoredPages;
pub use raise_stalled_orders::RaiseStalledOrders;
pub use remove_finished_jobs::{FINISHED_JOBS_KEPT, RemoveFinishedJobs};
pub use runner::{Ran, Runner, RunnerSettings};
pub use send_account_link::SendAccountLink;
pub use send_digest::{DIGEST_HOUR, DIGEST_LINES, QueueDigests, SendDigest, digest_day};
pub use send_notification::{
    Notifier, SendNotification, UNSUBSCRIBE, brand, logo_url, merchant_words, message_id,
    unsubscribe_url,
};
pub use send_test_email::SendTestEmail;

/// The queue of wismo's own upkeep (pruning stored pages, removing finished jobs).
pub const MAINTENANCE: &str = "maintenance";

/// What a running job may use.
#[derive(Debug, Clone)]
pub struct JobContext {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    /// The guard on requests to merchants' servers.
    pub outbound: Outbound,
    /// What sending messages needs; `None` in a process that sends none.
    pub notify: Option<Arc<Notifier>>,
    /// Opens the secrets kept sealed (webhook signing secrets).
    pub secrets: crate::secrets::SecretBox,
    /// wismo's public URL, for links in what jobs send.
    pub public_url: String,
}

/// A kind of background job. The implementing struct is the job's payload.
pub trait BackgroundJob: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The name jobs of this kind are stored and registered under: unique in wismo, and
    /// kept while any such job may still be queued.
    const JOB_NAME: &'static str;
    /// The queue it runs on; `wismo serve --role jobs --queues …` picks queues.
    const QUEUE: &'static str;
    /// Attempts before the job is dead. A failure is retried with [`backoff`].
    const MAX_ATTEMPTS: u32 = 5;

    /// The wait (real time) before retrying a job whose `attempt`th attempt failed, with
    /// `jitter` from 0 to 1: [`backoff`] unless the job keeps a schedule of its own. An
    /// error carrying [`RetryAfter`] waits at least that long.
    fn retry_wait(attempt: u32, jitter: f64) -> std::time::Duration {
        backoff(attempt, jitter)
    }

    /// At most one job of this queue with this key waits or runs at a time.
    fn dedupe_key(&self) -> Option<String> {
        None
    }

    /// Does the work. An error is retried (unless it is [`Permanent`]); a panic kills the
    /// job at once. Work already done by an earlier attempt should be found and skipped.
    fn run(&self, ctx: &JobContext) -> impl Future<Output = anyhow::Result<()>> + Send;

    /// The job as a row to queue, due at `now`: what a store use case writes in its own
    /// transaction.
    fn to_new_job(&self, now: DateTime<Utc>) -> Result<NewJob, serde_json::Error> {
        Ok(NewJob {
            name: Self::JOB_NAME.to_owned(),
            queue: Self::QUEUE.to_owned(),
            payload: serde_json::to_value(self)?,
            run_at: now,
            dedupe_key: self.dedupe_key(),
            once_per_key: false,
            max_attempts: Self::MAX_ATTEMPTS,
        })
    }

    /// Queues the job alone, due now; `None` when its dedupe key holds it back.
    fn enqueue(
        &self,
        store: &dyn Store,
        clock: &dyn Clock,
    ) -> impl Future<Output = anyhow::Result<Option<JobId>>> + Send {
        let new = self.to_new_job(clock.now());
        async move { Ok(store.enqueue_job(&new?).await?) }
    }
}

/// An error not worth retrying (a payload this wismo cannot read, a request the other
/// side refused for good): the job is dead at once with it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Permanent(pub String);

/// wismo's runner: every job wismo has, with its periodic upkeep.
pub fn runner(ctx: JobContext) -> Runner {
    Runner::new(ctx)
        .register::<FetchLogo>()
        .register::<FetchItemImage>()
        .register::<SendNotification>()
        .register::<send_request_notice::SendRequestNotice>()
        .register::<SendAccountLink>()
        .register::<SendTestEmail>()
        .register::<wismo_store::endpoints::DeliverWebhook>()
        .register::<wismo_store::endpoints::EndpointDisabledNotice>()
        .register::<SendDigest>()
        .register::<wismo_store::integrations::ProcessPlatformDelivery>()
        .register::<ImportOrders>()
        .every::<QueueDigests>(chrono::Duration::hours(1))
        .every::<RaiseStalledOrders>(chrono::Duration::hours(1))
        .every::<PruneStoredPages>(chrono::Duration::hours(1))
        .every::<RemoveFinishedJobs>(chrono::Duration::hours(1))
        .every::<PruneAuditLog>(chrono::Duration::days(1))
        .every::<ApplyRetention>(chrono::Duration::days(1))
}
