//! The daily digest: `queue_digests` runs hourly and, for each store with `digest` on
//! whose local morning ([`DIGEST_HOUR`] in its time zone) has come, queues that day's
//! `send_digest` once (the key names the store and its local date, and is kept after the
//! job is done); `send_digest` emails the store's support address the parcels that need
//! attention (exceptions, action required, delays), each with its order, carrier,
//! tracking number, what is wrong and a link to its page, then the orders raised as not
//! shipped in time that still have no parcel, each with the day it was placed.
//!
//! Nothing needs attention: no email. A store without a support address is not sent
//! one (a log line a day says so).

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use wismo_domain::StoreId;
use wismo_mail::{DigestLine, DigestOrder};
use wismo_store::notify::{NOTIFY_QUEUE, SEND_ATTEMPTS};
use wismo_store::{NewJob, StoreError};

use super::merchant_email::{link_base, send, sender, to_store};
use super::{BackgroundJob, JobContext};
use crate::http::pages::tracking::carrier_name;

/// The local hour from which a store's digest of the day is sent.
pub const DIGEST_HOUR: u32 = 8;
/// The most parcels one digest lists; the rest are counted.
pub const DIGEST_LINES: u32 = 50;

/// The day whose digest is due at `now` in `tz`: today there once it is morning.
pub fn digest_day(now: DateTime<Utc>, tz: chrono_tz::Tz) -> Option<NaiveDate> {
    let local = now.with_timezone(&tz);
    let morning = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0)?;
    (local.time() >= morning).then(|| local.date_naive())
}

/// Queues the digests whose morning has come; queued hourly by the runner.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct QueueDigests {}

impl BackgroundJob for QueueDigests {
    const JOB_NAME: &'static str = "queue_digests";
    const QUEUE: &'static str = NOTIFY_QUEUE;
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        // Without a relay a digest could only fail: none is queued (the server said at
        // start that email is off).
        if sender(ctx).is_err() {
            tracing::debug!("no SMTP relay: no digest is queued");
            return Ok(());
        }
        let now = ctx.clock.now();
        let mut queued = 0;
        for tenant in ctx
            .store
            .list_stores()
            .await
            .context("cannot list stores")?
        {
            if !tenant.notify.digest {
                continue;
            }
            let Some(date) = digest_day(now, tenant.timezone.tz()) else {
                continue;
            };
            let job = SendDigest {
                store: tenant.id.0,
                date,
            };
            let new = NewJob {
                once_per_key: true,
                ..job.to_new_job(now)?
            };
            if ctx.store.enqueue_job(&new).await?.is_some() {
                queued += 1;
            }
        }
        if queued > 0 {
            tracing::info!(digests = queued, "queued the day's digests");
        }
        Ok(())
    }
}

/// Emails one store its digest of one (local) day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendDigest {
    pub store: i64,
    pub date: NaiveDate,
}

impl BackgroundJob for SendDigest {
    const JOB_NAME: &'static str = "send_digest";
    const QUEUE: &'static str = NOTIFY_QUEUE;
    const MAX_ATTEMPTS: u32 = SEND_ATTEMPTS;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("digest:{}:{}", self.store, self.date))
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let store = StoreId(self.store);
        let tenant = match ctx.store.get_store(store).await {
            Ok(tenant) => tenant,
            Err(StoreError::NotFound(_)) => return Ok(()),
            Err(e) => return Err(anyhow::Error::new(e).context("cannot read the store")),
        };
        // Switched off since it was queued.
        if !tenant.notify.digest {
            return Ok(());
        }
        let Some(support) = tenant.branding.support_email.as_ref() else {
            tracing::warn!(
                store = self.store,
                "the store asks for a daily digest but has no support email to send it to"
            );
            return Ok(());
        };
        let attention = ctx
            .store
            .shipments_needing_attention(store, DIGEST_LINES)
            .await
            .context("cannot read the parcels that need attention")?;
        let stalled = ctx
            .store
            .stalled_orders(store, DIGEST_LINES)
            .await
            .context("cannot read the orders not shipped in time")?;
        if attention.shipments.is_empty() && stalled.orders.is_empty() {
            tracing::debug!(store = self.store, "nothing needs attention: no digest");
            return Ok(());
        }
        let (mailer, texts) = sender(ctx)?;
        let base = link_base(ctx, &tenant).await?;
        let tz = tenant.timezone.tz();
        let owned: Vec<(String, String)> = attention
            .shipments
            .iter()
            .map(|a| {
                let carrier = a
                    .shipment
                    .carrier
                    .as_ref()
                    .map(|c| carrier_name(c.as_str()))
                    .unwrap_or_default();
                (carrier, format!("{base}/t/{}", a.shipment.token))
            })
            .collect();
        let lines: Vec<DigestLine<'_>> = attention
            .shipments
            .iter()
            .zip(&owned)
            .map(|(a, (carrier, url))| DigestLine {
                order_number: a.order_number.as_str(),
                tracking_number: a.shipment.tracking_number.as_str(),
                carrier,
                stage: a.shipment.stage,
                substatus: a.shipment.substatus,
                since: a.since.with_timezone(&tz).date_naive(),
                url: Some(url),
            })
            .collect();
        let order_urls: Vec<String> = stalled
            .orders
            .iter()
            .map(|o| format!("{base}/t/{}", o.token))
            .collect();
        let orders: Vec<DigestOrder<'_>> = stalled
            .orders
            .iter()
            .zip(&order_urls)
            .map(|(o, url)| DigestOrder {
                order_number: o.order_number.as_str(),
                placed: o
                    .placed_at
                    .unwrap_or(o.created_at)
                    .with_timezone(&tz)
                    .date_naive(),
                url: Some(url),
            })
            .collect();
        let total = attention.total.saturating_add(stalled.total);
        let more = usize::try_from(total)
            .unwrap_or(usize::MAX)
            .saturating_sub(lines.len() + orders.len());
        let rendered = wismo_mail::render_digest(
            &texts,
            &tenant.default_locale,
            &tenant.name,
            &lines,
            &orders,
            more,
        )
        .map_err(|e| anyhow::anyhow!("cannot render the digest: {e}"))?;
        let message_id = format!(
            "<digest-{}.{}@{}>",
            self.store,
            self.date.format("%Y%m%d"),
            mailer.domain()
        );
        let email = to_store(&tenant, support, rendered, message_id);
        send(mailer, &email, "digest").await?;
        tracing::info!(
            store = self.store,
            parcels = attention.total,
            orders = stalled.total,
            "sent the store its daily digest"
        );
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn a_digest_is_due_from_eight_in_the_morning_of_the_stores_own_day() {
        let la = chrono_tz::America::Los_Angeles;
        // 07:59 and 08:00 in Los Angeles (UTC-8 in winter).
        assert_eq!(digest_day(utc("2026-03-03T15:59:00Z"), la), None);
        assert_eq!(
            digest_day(utc("2026-03-03T16:00:00Z"), la),
            NaiveDate::from_ymd_opt(2026, 3, 3)
        );
        // Still the 3rd there at 07:00 UTC on the 4th.
        assert_eq!(
            digest_day(utc("2026-03-04T07:00:00Z"), la),
            NaiveDate::from_ymd_opt(2026, 3, 3)
        );
        let tokyo = chrono_tz::Asia::Tokyo;
        assert_eq!(
            digest_day(utc("2026-03-03T23:00:00Z"), tokyo),
            NaiveDate::from_ymd_opt(2026, 3, 4)
        );
    }
}
