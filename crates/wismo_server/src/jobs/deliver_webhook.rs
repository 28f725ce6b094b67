//! `deliver_webhook`: POSTs one message to a merchant's endpoint, signed as Standard
//! Webhooks says, through the outbound guard (no redirects followed: a 3xx is a failure),
//! 15 s at most. Any 2xx is delivered; 410 Gone disables the endpoint; anything else is
//! tried again on the Standard Webhooks schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
//! 14 h, 20 h, 24 h), never sooner than the endpoint's `Retry-After`, and the message
//! fails after its tenth attempt. Every attempt is logged (the endpoint's delivery log,
//! and the notification's attempts when the message is one), with the endpoint's health,
//! in one store call.

use anyhow::Context as _;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use std::time::{Duration, Instant};
use wismo_domain::notify::NotificationStatus;
use wismo_domain::webhook::WebhookEvent;
use wismo_domain::{EndpointId, StoreId};
use wismo_store::StoreError;
use wismo_store::endpoints::{
    DELIVER_WEBHOOK, DeliverWebhook, NewDelivery, WEBHOOK_ATTEMPTS, WebhookEndpoint,
    notification_webhook_id,
};
use wismo_store::notify::{AttemptOutcome, NOTIFY_QUEUE};

use super::{BackgroundJob, JobContext, Permanent, RetryAfter};
use crate::merchant_webhooks::{endpoint_disabled, payload, sign, signing_secrets};

/// The longest one delivery may take, answer included.
const TIMEOUT: Duration = Duration::from_secs(15);
/// The waits after each failed attempt (Standard Webhooks' schedule).
const SCHEDULE: [Duration; 9] = [
    Duration::from_secs(5),
    Duration::from_secs(5 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(2 * 3600),
    Duration::from_secs(5 * 3600),
    Duration::from_secs(10 * 3600),
    Duration::from_secs(14 * 3600),
    Duration::from_secs(20 * 3600),
    Duration::from_secs(24 * 3600),
];
/// The longest `Retry-After` honoured.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);

/// The wait after a delivery's `attempt`th attempt failed: the schedule's, shortened by
/// up to a tenth by `jitter` (0 to 1) so endpoints that failed together spread out.
pub fn webhook_retry_wait(attempt: u32, jitter: f64) -> Duration {
    let index = usize::try_from(attempt.saturating_sub(1)).unwrap_or(usize::MAX);
    let wait = SCHEDULE
        .get(index)
        .or(SCHEDULE.last())
        .copied()
        .unwrap_or_default();
    wait.mul_f64(1.0 - 0.1 * jitter.clamp(0.0, 1.0))
}

impl BackgroundJob for DeliverWebhook {
    const JOB_NAME: &'static str = DELIVER_WEBHOOK;
    const QUEUE: &'static str = NOTIFY_QUEUE;
    const MAX_ATTEMPTS: u32 = WEBHOOK_ATTEMPTS + 2;

    fn dedupe_key(&self) -> Option<String> {
        Some(self.key())
    }

    fn retry_wait(attempt: u32, jitter: f64) -> Duration {
        webhook_retry_wait(attempt, jitter)
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let store = StoreId(self.store);
        let endpoint_id = EndpointId(self.endpoint);
        let Some(message) = Message::of(self, ctx).await? else {
            return Ok(());
        };
        let endpoint = match ctx.store.get_webhook_endpoint(store, endpoint_id).await {
            Ok(endpoint) if endpoint.disabled_at.is_none() => endpoint,
            Ok(_) => return message.give_up(ctx, "the endpoint is disabled").await,
            Err(StoreError::NotFound(_)) => {
                return message.give_up(ctx, "the endpoint was deleted").await;
            }
            Err(e) => return Err(anyhow::Error::new(e).context("cannot read the endpoint")),
        };
        let attempt = ctx
            .store
            .webhook_attempts(endpoint_id, &message.webhook_id)
            .await
            .context("cannot count the attempts")?
            + 1;
        let (data, happened) = match (message.event, &message.notification) {
            // The moment was recorded with its message.
            (WebhookEvent::ShipmentUpdated, Some(n)) => (
                payload::shipment_updated(ctx.store.as_ref(), &ctx.public_url, n).await?,
                Some(n.created_at),
            ),
            (event, _) => {
                payload::event_data(ctx.store.as_ref(), store, endpoint_id, event, self.subject)
                    .await?
            }
        };
        let now = ctx.clock.now();
        let at = happened.unwrap_or(now);
        let body = serde_json::to_vec(&payload::envelope(message.event, at, data))?;
        let sent = post(ctx, &endpoint, &message.webhook_id, now.timestamp(), body).await?;
        let last = attempt >= WEBHOOK_ATTEMPTS;
        let error = sent.error.clone();
        let outcome = message.notification.as_ref().map(|_| match &sent.error {
            None => AttemptOutcome::Sent {
                provider_id: sent.status.map(|s| s.as_u16().to_string()),
            },
            Some(error) if sent.gone || last => AttemptOutcome::Failed {
                error: error.clone(),
            },
            Some(error) => AttemptOutcome::Retry {
                error: error.clone(),
            },
        });
        let after = ctx
            .store
            .record_webhook_delivery(&NewDelivery {
                store,
                endpoint: endpoint_id,
                notification: message.notification.as_ref().map(|n| n.id),
                event_type: message.event,
                subject_id: self.subject,
                webhook_id: message.webhook_id.clone(),
                attempt,
                status_code: sent.status.map(|s| s.as_u16()),
                error: sent.error.clone(),
                duration_ms: u64::try_from(sent.took.as_millis()).unwrap_or(u64::MAX),
                outcome,
                succeeded: sent.error.is_none(),
                gone: sent.gone,
            })
            .await
            .context("cannot record the delivery")?;
        if after.disabled_at.is_some() {
            endpoint_disabled(store, &after);
        }
        match error {
            Some(error) if !sent.gone && !last => {
                let failure = anyhow::anyhow!("attempt {attempt}: {error}");
                Err(match sent.retry_after {
                    Some(wait) => failure.context(RetryAfter(wait)),
                    None => failure,
                })
            }
            Some(error) => {
                tracing::warn!(endpoint = self.endpoint, attempt, %error, "a webhook failed for good");
                Ok(())
            }
            None => Ok(()),
        }
    }
}

/// The message a job delivers.
struct Message {
    event: WebhookEvent,
    webhook_id: String,
    /// The notification it is, for `shipment.updated`.
    notification: Option<wismo_store::notify::Notification>,
}

impl Message {
    /// The job's message; `None` when there is nothing left to send (the notification is
    /// gone, or no longer queued: another attempt finished it).
    async fn of(job: &DeliverWebhook, ctx: &JobContext) -> anyhow::Result<Option<Message>> {
        if let Some(id) = job.notification {
            let n = match ctx.store.get_notification(id).await {
                Ok(n) => n,
                Err(StoreError::NotFound(_)) => return Ok(None),
                Err(e) => return Err(anyhow::Error::new(e).context("cannot read the notification")),
            };
            if n.status != NotificationStatus::Queued {
                return Ok(None);
            }
            return Ok(Some(Message {
                event: WebhookEvent::ShipmentUpdated,
                webhook_id: notification_webhook_id(&n),
                notification: Some(n),
            }));
        }
        match (job.event, &job.message) {
            (Some(event), Some(webhook_id)) => Ok(Some(Message {
                event,
                webhook_id: webhook_id.clone(),
                notification: None,
            })),
            _ => Err(
                Permanent("a webhook job names neither a notification nor an event".into()).into(),
            ),
        }
    }

    /// Ends a message that cannot be sent (its endpoint is disabled or deleted): its
    /// notification fails; an event carried by its job alone is dropped.
    async fn give_up(&self, ctx: &JobContext, why: &str) -> anyhow::Result<()> {
        if let Some(n) = &self.notification {
            ctx.store
                .record_notification_attempt(n.id, &AttemptOutcome::Failed { error: why.into() })
                .await
                .context("cannot record the failed notification")?;
        }
        tracing::info!(webhook_id = %self.webhook_id, why, "a webhook was not sent");
        Ok(())
    }
}

/// What one POST came to.
struct Sent {
    status: Option<StatusCode>,
    /// Why it is not delivered; `None` for a 2xx.
    error: Option<String>,
    gone: bool,
    retry_after: Option<Duration>,
    took: Duration,
}

/// POSTs `body` to the endpoint, signed with each of its signing secrets.
async fn post(
    ctx: &JobContext,
    endpoint: &WebhookEndpoint,
    webhook_id: &str,
    timestamp: i64,
    body: Vec<u8>,
) -> anyhow::Result<Sent> {
    let secrets = signing_secrets(&ctx.secrets, endpoint, ctx.clock.now())?;
    let signature = sign::signature_header(
        secrets.iter().map(|s| s.expose()),
        webhook_id,
        timestamp,
        &body,
    )
    .context("the endpoint's signing secret cannot sign")?;
    let make = || {
        ctx.outbound
            .builder()
            .timeout(TIMEOUT)
            .max_redirects(0)
            .build()
            .context("cannot make an HTTP client")
    };
    // A process that sends keeps one client, and its connections to the endpoints.
    let client = match ctx.notify.as_deref() {
        Some(notifier) => notifier.webhook_client(make)?,
        None => make()?,
    };
    let started = Instant::now();
    let request = match client.post(&endpoint.url) {
        Ok(request) => request,
        Err(refused) => return Ok(Sent::failed(format!("not sent: {refused}"), started)),
    };
    let answer = request
        .header(CONTENT_TYPE, "application/json")
        .header("webhook-id", webhook_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(body)
        .send()
        .await;
    let response = match answer {
        Ok(response) => response,
        Err(e) => {
            let why = match crate::outbound::Refused::find(&e) {
                Some(refused) => format!("not sent: {refused}"),
                None if e.is_timeout() => format!("no answer within {}s", TIMEOUT.as_secs()),
                None => format!("cannot connect: {}", e.without_url()),
            };
            return Ok(Sent::failed(why, started));
        }
    };
    let status = response.status();
    let took = started.elapsed();
    let error = (!status.is_success()).then(|| {
        if status.is_redirection() {
            format!("answered {status}; redirects are not followed")
        } else {
            format!("answered {status}")
        }
    });
    Ok(Sent {
        status: Some(status),
        error,
        gone: status == StatusCode::GONE,
        retry_after: retry_after(response.headers(), ctx.clock.now()),
        took,
    })
}

impl Sent {
    fn failed(error: String, started: Instant) -> Sent {
        Sent {
            status: None,
            error: Some(error),
            gone: false,
            retry_after: None,
            took: started.elapsed(),
        }
    }
}

/// The wait a `Retry-After` header asks for (seconds, or an HTTP date), at most a day.
fn retry_after(headers: &HeaderMap, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => {
            let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
            (at.with_timezone(&chrono::Utc) - now).to_std().ok()?
        }
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retries_follow_the_standard_webhooks_schedule_less_up_to_a_tenth() {
        let hours = |h: u64| Duration::from_secs(h * 3600);
        let waits: Vec<_> = (1..=9).map(|a| webhook_retry_wait(a, 0.0)).collect();
        assert_eq!(
            waits,
            [
                Duration::from_secs(5),
                Duration::from_secs(300),
                Duration::from_secs(1800),
                hours(2),
                hours(5),
                hours(10),
                hours(14),
                hours(20),
                hours(24)
            ]
        );
        let total: Duration = waits.iter().sum();
        assert!(total > hours(72) && total < hours(80), "about three days");
        assert_eq!(webhook_retry_wait(40, 0.0), hours(24));
        assert_eq!(webhook_retry_wait(1, 1.0), Duration::from_millis(4500));
    }

    #[test]
    fn retry_after_is_read_in_seconds_or_as_a_date_and_capped_at_a_day() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(RETRY_AFTER, HeaderValue::from_static(v));
            retry_after(&h, now)
        };
        assert_eq!(with("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            with("Mon, 02 Mar 2026 10:05:00 GMT"),
            Some(Duration::from_secs(300))
        );
        assert_eq!(with("999999"), Some(MAX_RETRY_AFTER));
        assert_eq!(with("soon"), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }
}
