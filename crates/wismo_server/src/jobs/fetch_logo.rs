//! `fetch_logo`: fetches the logo at the URL a store's branding gives and keeps it as the
//! store's logo, exactly as an upload would be kept, so pages serve it from wismo and
//! never send shoppers' browsers to the merchant's host. Queued with the branding change
//! that sets a new logo URL, and at start for stores whose URL was never fetched.
//!
//! The request goes through the outbound guard (public addresses only, bounded redirects,
//! timeouts); the answer must be a PNG, JPEG, WebP or GIF by its first bytes, at most
//! [`MAX_LOGO_BYTES`]. A refusal, a 4xx or a wrong answer is permanent: the job is dead
//! with the reason, which `wismo jobs list` shows; setting the URL again queues it anew.

use anyhow::Context as _;
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use wismo_domain::{Clock, StoreId};
use wismo_store::{NewJob, StoreError};

use super::{BackgroundJob, JobContext, Permanent};
use crate::logo::{MAX_LOGO_BYTES, image_type, store_logo};
use crate::outbound::{Refused, body_limited};

/// The queue of requests wismo sends to merchants' servers.
pub const FETCH: &str = "fetch";
/// The longest a logo's request may take, answer included.
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchLogo {
    pub store: i64,
    pub url: String,
}

impl BackgroundJob for FetchLogo {
    const JOB_NAME: &'static str = "fetch_logo";
    const QUEUE: &'static str = FETCH;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("store:{} {}", self.store, self.url))
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        if !self.still_wanted(ctx).await? {
            return Ok(());
        }
        let bytes = fetch_image(ctx, &self.url, MAX_LOGO_BYTES).await?;
        let Some(sniffed) = image_type(&bytes) else {
            return Err(Permanent(format!(
                "{} is not a PNG, JPEG, WebP or GIF image",
                self.url
            ))
            .into());
        };
        // The URL may have changed while the image came.
        if !self.still_wanted(ctx).await? {
            return Ok(());
        }
        let logo = store_logo(sniffed, bytes);
        ctx.store
            .set_store_logo(StoreId(self.store), &logo)
            .await
            .context("cannot keep the fetched logo")?;
        tracing::info!(store = self.store, version = %logo.version, "fetched the store's logo");
        Ok(())
    }
}

impl FetchLogo {
    /// Whether the store still has this logo URL (it may have been changed or the store
    /// removed since the job was queued).
    async fn still_wanted(&self, ctx: &JobContext) -> anyhow::Result<bool> {
        match ctx.store.get_store(StoreId(self.store)).await {
            Ok(store) => Ok(store.branding.logo_url.as_deref() == Some(self.url.as_str())),
            Err(StoreError::NotFound(_)) => Ok(false),
            Err(e) => Err(anyhow::Error::new(e).context("cannot read the store")),
        }
    }

    /// The job to queue when a store's branding goes from `before` to `after`: a new
    /// https logo URL, or the same one never fetched (no logo kept yet).
    pub fn for_change(
        store: StoreId,
        before: &wismo_domain::Branding,
        after: &wismo_domain::Branding,
    ) -> Option<FetchLogo> {
        let url = after.logo_url.as_deref()?;
        let changed = before.logo_url.as_deref() != Some(url);
        (url.starts_with("https://") && (changed || before.logo_version.is_none())).then(|| {
            FetchLogo {
                store: store.0,
                url: url.to_owned(),
            }
        })
    }

    /// Queues a fetch for every store with an https logo URL and no logo kept (stores
    /// from before logos were fetched), unless one for that URL is kept already (queued,
    /// running, or dead); how many were queued.
    pub async fn queue_missing(
        store: &dyn wismo_store::Store,
        clock: &dyn Clock,
    ) -> anyhow::Result<usize> {
        let mut queued = 0;
        for tenant in store.list_stores().await.context("cannot list stores")? {
            let b = &tenant.branding;
            let Some(url) = b.logo_url.as_deref() else {
                continue;
            };
            if b.logo_version.is_some() || !url.starts_with("https://") {
                continue;
            }
            let job = FetchLogo {
                store: tenant.id.0,
                url: url.to_owned(),
            };
            // Once per URL: a fetch that died stays in `wismo jobs list` for an operator
            // to retry, rather than failing again at every start.
            let new = NewJob {
                once_per_key: true,
                ..job.to_new_job(clock.now())?
            };
            if store.enqueue_job(&new).await?.is_some() {
                queued += 1;
            }
        }
        Ok(queued)
    }
}

/// The image at `url`, at most `max` bytes, through the outbound guard. A refusal by the
/// guard, a 4xx or an answer too large is [`Permanent`]; a server error is retried.
pub(super) async fn fetch_image(
    ctx: &JobContext,
    url: &str,
    max: usize,
) -> anyhow::Result<Vec<u8>> {
    let client = ctx
        .outbound
        .builder()
        .timeout(TIMEOUT)
        .build()
        .context("cannot make an HTTP client")?;
    let permanent = |e: &(dyn std::error::Error + 'static)| {
        Refused::find(e).map(|refused| Permanent(format!("{url}: {refused}")))
    };
    let request = client
        .get(url)
        .map_err(|refused| Permanent(format!("{url}: {refused}")))?
        .header(
            reqwest::header::ACCEPT,
            "image/png, image/jpeg, image/webp, image/gif",
        );
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) => match permanent(&e) {
            Some(refused) => return Err(refused.into()),
            None => {
                return Err(anyhow::Error::new(e).context(format!("cannot fetch {url}")));
            }
        },
    };
    let status = response.status();
    if !status.is_success() {
        let message = format!("{url} answered {status}");
        return Err(if retryable(status) {
            anyhow::anyhow!(message)
        } else {
            Permanent(message).into()
        });
    }
    match body_limited(response, max).await {
        Ok(bytes) => Ok(bytes),
        Err(e) => match permanent(&*e) {
            Some(refused) => Err(refused.into()),
            None => Err(e.context(format!("cannot read {url}"))),
        },
    }
}

/// Whether an answer may be different later: a server error, a timeout, too many requests.
fn retryable(status: StatusCode) -> bool {
    status.is_server_error()
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
}
