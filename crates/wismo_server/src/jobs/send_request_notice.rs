//! `send_request_notice`: emails a customer's request from the tracking page to the store's
//! support address at once, with the customer as Reply-To so the merchant answers them
//! directly. Queued in the request's own transaction.
//!
//! A store without a support address, or a server without a relay, is told nothing; the
//! request is still listed by the API. A transient failure is retried; a permanent one ends
//! the job with the reason, which `wismo jobs list` shows.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use wismo_domain::{RequestId, StoreId};
use wismo_mail::RequestNotice;
use wismo_store::StoreError;
use wismo_store::notify::{NOTIFY_QUEUE, SEND_ATTEMPTS, SEND_REQUEST_NOTICE};

use super::merchant_email::{send, sender, to_store};
use super::{BackgroundJob, JobContext};
use crate::mail::Outgoing;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendRequestNotice {
    pub store: i64,
    pub request: i64,
}

impl BackgroundJob for SendRequestNotice {
    const JOB_NAME: &'static str = SEND_REQUEST_NOTICE;
    const QUEUE: &'static str = NOTIFY_QUEUE;
    const MAX_ATTEMPTS: u32 = SEND_ATTEMPTS;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("request:{}", self.request))
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let store = StoreId(self.store);
        let request = match ctx
            .store
            .get_customer_request(store, RequestId(self.request))
            .await
        {
            Ok(r) => r,
            Err(StoreError::NotFound(_)) => return Ok(()),
            Err(e) => return Err(anyhow::Error::new(e).context("cannot read the request")),
        };
        let tenant = ctx
            .store
            .get_store(store)
            .await
            .context("cannot read the store")?;
        let Some(support) = tenant.branding.support_email.as_ref() else {
            tracing::info!(
                store = self.store,
                "the store has no support email to tell of a request"
            );
            return Ok(());
        };
        let (mailer, texts) = sender(ctx)?;
        let shipment = ctx
            .store
            .get_shipment(store, request.shipment_id)
            .await
            .context("cannot read the shipment")?;
        let order = ctx
            .store
            .get_order(store, shipment.order_id)
            .await
            .context("cannot read the order")?;
        let rendered = wismo_mail::render_request_notice(&RequestNotice {
            texts: &texts,
            locale: &tenant.default_locale,
            store_name: &tenant.name,
            order_number: order.order_number.as_str(),
            customer_name: order.customer.name.as_deref(),
            customer_email: order.customer.email.as_ref().map(|e| e.as_str()),
            kind: request.kind,
            message: request.message.as_deref().unwrap_or_default(),
            admin_url: None,
        })
        .map_err(|e| anyhow::anyhow!("cannot render the notice: {e}"))?;
        let message_id = format!(
            "<request-{}.{}@{}>",
            self.store,
            self.request,
            mailer.domain()
        );
        let email = Outgoing {
            reply_to: order.customer.email.as_ref().map(|e| e.as_str().to_owned()),
            ..to_store(&tenant, support, rendered, message_id)
        };
        send(mailer, &email, "request").await
    }
}
