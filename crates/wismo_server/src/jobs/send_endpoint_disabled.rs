//! `send_endpoint_disabled`: emails the store's support address that wismo turned one of
//! its webhook endpoints off (410 Gone, or 3 days of failures): the URL, since when it
//! failed and the last error. Queued once per disable, in the transaction that disables
//! the endpoint.
//!
//! A store without a support address is not told (a log line says so and the job ends);
//! an endpoint deleted or turned back on meanwhile needs no notice.

use anyhow::Context as _;
use wismo_domain::{EndpointId, StoreId};
use wismo_store::StoreError;
use wismo_store::endpoints::{EndpointDisabledNotice, SEND_ENDPOINT_DISABLED};
use wismo_store::notify::{NOTIFY_QUEUE, SEND_ATTEMPTS};

use super::merchant_email::{send, sender, to_store};
use super::{BackgroundJob, JobContext};

impl BackgroundJob for EndpointDisabledNotice {
    const JOB_NAME: &'static str = SEND_ENDPOINT_DISABLED;
    const QUEUE: &'static str = NOTIFY_QUEUE;
    const MAX_ATTEMPTS: u32 = SEND_ATTEMPTS;

    fn dedupe_key(&self) -> Option<String> {
        Some(self.key())
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let store = StoreId(self.store);
        let endpoint = match ctx
            .store
            .get_webhook_endpoint(store, EndpointId(self.endpoint))
            .await
        {
            Ok(endpoint) => endpoint,
            Err(StoreError::NotFound(_)) => return Ok(()),
            Err(e) => return Err(anyhow::Error::new(e).context("cannot read the endpoint")),
        };
        if endpoint.disabled_at != Some(self.disabled_at) {
            return Ok(());
        }
        let tenant = ctx
            .store
            .get_store(store)
            .await
            .context("cannot read the store")?;
        let Some(support) = tenant.branding.support_email.as_ref() else {
            tracing::warn!(
                store = self.store,
                endpoint = self.endpoint,
                "a webhook endpoint was disabled, but the store has no support email to tell"
            );
            return Ok(());
        };
        let (mailer, texts) = sender(ctx)?;
        let last = ctx
            .store
            .webhook_deliveries(store, endpoint.id, 1)
            .await
            .context("cannot read the endpoint's deliveries")?;
        let last_error = last
            .first()
            .and_then(|d| d.error.clone())
            .or_else(|| endpoint.disabled_reason.clone())
            .unwrap_or_default();
        let since = endpoint
            .failing_since
            .unwrap_or(self.disabled_at)
            .with_timezone(&tenant.timezone.tz())
            .date_naive();
        let rendered = wismo_mail::render_endpoint_disabled(
            &texts,
            &tenant.default_locale,
            &tenant.name,
            &endpoint.url,
            since,
            &last_error,
        )
        .map_err(|e| anyhow::anyhow!("cannot render the notice: {e}"))?;
        let message_id = format!(
            "<endpoint-disabled-{}.{}.{}@{}>",
            self.store,
            self.endpoint,
            self.disabled_at.timestamp(),
            mailer.domain()
        );
        let email = to_store(&tenant, support, rendered, message_id);
        send(mailer, &email, "endpoint_disabled").await?;
        tracing::info!(
            store = self.store,
            endpoint = self.endpoint,
            "told the store that a webhook endpoint was disabled"
        );
        Ok(())
    }
}
