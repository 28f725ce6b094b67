//! `send_notification`: sends one message the outbox queued (docs/ARCHITECTURE.md,
//! "Notifications"). The notification row is the record: each attempt is logged there with
//! its outcome, and the job row holds only retry state.
//!
//! A message that is no longer queued (sent by an earlier attempt, skipped after an opt-out)
//! is left alone. Consent is read again before sending, so an opt-out is honoured even for
//! a message queued before it. Every attempt carries the same `Message-ID`, so a receiver
//! can drop the repeat that a crash between the relay's acceptance and the recorded outcome
//! can cause. A transient failure is retried with backoff; a permanent one (a 5xx reply, an
//! address that cannot be written, no relay configured) fails the message at once.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use wismo_domain::notify::{Channel, Moment, NotificationStatus, SkipReason};
use wismo_domain::{Locale, Order, Tenant, Texts};
use wismo_mail::{Brand, CustomerEmail, Item, MerchantWords, Parcel};
use wismo_store::Store;
use wismo_store::notify::{
    AttemptOutcome, NOTIFY_QUEUE, Notification, SEND_ATTEMPTS, SEND_NOTIFICATION, Sending,
};

use super::batches::Batches;
use super::{BackgroundJob, JobContext};
use crate::mail::{Mailer, Outgoing};
use crate::secrets::SecretBox;

/// The link kind unsubscribe tokens are signed for.
pub const UNSUBSCRIBE: &str = "unsubscribe";

/// What sending email needs besides the job context: the texts, the relay, the pages
/// that messages link to, to store them before the message goes, and where attempts are
/// recorded together.
#[derive(Clone)]
pub struct Notifier {
    pub texts: Arc<Texts>,
    pub mailer: Option<Mailer>,
    /// `None` where no page is warmed before sending.
    pub pages: Option<crate::http::pages::PageState>,
    /// Every dispatcher's attempts of this process, recorded a batch at a time
    /// ([`record_notification_attempts`](wismo_store::NotificationStore::record_notification_attempts)).
    attempts: Batches<(i64, AttemptOutcome), ()>,
    /// The client merchant webhooks go out through, made at the first delivery and kept,
    /// with its connections: making one reads the system's root certificates.
    webhooks: Arc<std::sync::OnceLock<crate::outbound::OutboundClient>>,
}

impl Notifier {
    /// A notifier recording its attempts in `store` from a task of the current runtime.
    pub fn new(
        store: Arc<dyn Store>,
        texts: Arc<Texts>,
        mailer: Option<Mailer>,
        pages: Option<crate::http::pages::PageState>,
    ) -> Self {
        let attempts = Batches::spawn(move |attempts: Vec<(i64, AttemptOutcome)>| {
            let store = store.clone();
            async move {
                store
                    .record_notification_attempts(&attempts)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(vec![(); attempts.len()])
            }
        });
        Self {
            texts,
            mailer,
            pages,
            attempts,
            webhooks: Arc::default(),
        }
    }

    /// The client for merchant webhooks: the one kept, or the one `make` makes, kept.
    pub(crate) fn webhook_client(
        &self,
        make: impl FnOnce() -> anyhow::Result<crate::outbound::OutboundClient>,
    ) -> anyhow::Result<crate::outbound::OutboundClient> {
        if let Some(client) = self.webhooks.get() {
            return Ok(client.clone());
        }
        let client = make()?;
        Ok(self.webhooks.get_or_init(|| client).clone())
    }
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier")
            .field("mailer", &self.mailer)
            .field("warms_pages", &self.pages.is_some())
            .finish_non_exhaustive()
    }
}

/// The one-click unsubscribe link of a notification.
pub fn unsubscribe_url(secrets: &SecretBox, base: &str, notification: i64) -> String {
    format!("{base}/u/{}", secrets.link_token(UNSUBSCRIBE, notification))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendNotification {
    pub id: i64,
}

impl BackgroundJob for SendNotification {
    const JOB_NAME: &'static str = SEND_NOTIFICATION;
    const QUEUE: &'static str = NOTIFY_QUEUE;
    const MAX_ATTEMPTS: u32 = SEND_ATTEMPTS;

    fn dedupe_key(&self) -> Option<String> {
        Some(format!("notification:{}", self.id))
    }

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let Some(sending) = ctx
            .store
            .sending(self.id)
            .await
            .context("cannot read the notification")?
        else {
            return Ok(());
        };
        let n = &sending.notification;
        if n.status != NotificationStatus::Queued {
            return Ok(());
        }
        let outcome = match n.channel {
            Channel::Email => send_email(ctx, &sending).await?,
            // Merchant webhooks have a job of their own.
            Channel::Webhook => return Ok(()),
            Channel::Sms | Channel::Whatsapp | Channel::Voice => AttemptOutcome::Failed {
                error: format!("no {} provider is configured", n.channel.as_str()),
            },
        };
        let retry = match &outcome {
            AttemptOutcome::Retry { error } if n.attempts + 1 < SEND_ATTEMPTS => {
                Some(error.clone())
            }
            _ => None,
        };
        let outcome = match outcome {
            AttemptOutcome::Retry { error } if retry.is_none() => AttemptOutcome::Failed {
                error: format!("gave up after {SEND_ATTEMPTS} attempts: {error}"),
            },
            other => other,
        };
        let label = outcome_label(&outcome);
        match ctx.notify.as_deref() {
            Some(notifier) => notifier
                .attempts
                .add((n.id, outcome))
                .await
                .map_err(|e| anyhow::anyhow!("cannot record the attempt: {e}"))?,
            None => {
                ctx.store
                    .record_notification_attempt(n.id, &outcome)
                    .await
                    .context("cannot record the attempt")?;
            }
        }
        metrics::counter!(
            "wismo_notifications_total",
            "channel" => n.channel.as_str(),
            "outcome" => label
        )
        .increment(1);
        match retry {
            Some(error) => Err(anyhow::anyhow!("notification {}: {error}", n.id)),
            None => Ok(()),
        }
    }
}

fn outcome_label(outcome: &AttemptOutcome) -> &'static str {
    match outcome {
        AttemptOutcome::Sent { .. } => "sent",
        AttemptOutcome::Retry { .. } => "retry",
        AttemptOutcome::Failed { .. } => "failed",
        AttemptOutcome::Skipped(_) => "skipped",
    }
}

/// Renders and sends an email; what happened, as an attempt's outcome. An error is a
/// failure to read the store (retried by the runner, nothing recorded).
async fn send_email(ctx: &JobContext, sending: &Sending) -> anyhow::Result<AttemptOutcome> {
    let n = &sending.notification;
    let Some(notifier) = ctx.notify.as_deref() else {
        return Ok(AttemptOutcome::Retry {
            error: "this process cannot send messages".into(),
        });
    };
    let Some(order) = &sending.order else {
        return Ok(AttemptOutcome::Skipped(SkipReason::Superseded));
    };
    if !order.customer.consent.email {
        return Ok(AttemptOutcome::Skipped(SkipReason::OptedOut));
    }
    // The order's address changed since the message was queued: it is not sent to the old one.
    if order.customer.email.as_ref().map(|e| e.as_str()) != Some(n.recipient.as_str()) {
        return Ok(AttemptOutcome::Skipped(SkipReason::Superseded));
    }
    let Some(mailer) = &notifier.mailer else {
        return Ok(AttemptOutcome::Failed {
            error: "no SMTP relay is configured (WISMO_SMTP_URL)".into(),
        });
    };
    let base = super::merchant_email::base_on(sending.domain.as_deref(), &ctx.public_url);
    // A message about one parcel opens that parcel's page (the order's other parcels are a
    // tap away), which is stored before the message goes, so the click is a repeat view. A
    // message about several opens the order's page, which is rendered on each view.
    let focus = match n.shipments.as_slice() {
        [one] => order.shipments.iter().find(|s| s.id == *one),
        _ => None,
    };
    let link = match focus {
        Some(shipment) => format!("{base}/t/{}", shipment.token),
        None => format!("{base}/t/{}", order.token),
    };
    let email = compose(ctx, notifier, mailer, sending, order, &base, &link)?;
    if let (Some(pages), Some(shipment)) = (&notifier.pages, focus) {
        match crate::http::pages::tracking::warm(pages, &shipment.token).await {
            Ok(_) => {}
            Err(e) => tracing::warn!(
                notification = n.id,
                error = format!("{e:#}"),
                "cannot store the linked page before sending; it renders on its first view"
            ),
        }
    }
    Ok(match mailer.send(&email).await {
        Ok(_reply) => AttemptOutcome::Sent {
            provider_id: Some(email.message_id),
        },
        Err(e) if e.permanent => AttemptOutcome::Failed { error: e.message },
        Err(e) => AttemptOutcome::Retry { error: e.message },
    })
}

fn compose(
    ctx: &JobContext,
    notifier: &Notifier,
    mailer: &Mailer,
    sending: &Sending,
    order: &Order,
    base: &str,
    link: &str,
) -> anyhow::Result<Outgoing> {
    let (n, tenant) = (&sending.notification, &sending.store);
    let texts = &notifier.texts;
    let locale: Locale = order
        .customer
        .locale
        .clone()
        .unwrap_or_else(|| tenant.default_locale.clone());
    let tz = order
        .customer
        .timezone
        .as_ref()
        .unwrap_or(&tenant.timezone)
        .tz();
    let carriers: Vec<String> = order
        .shipments
        .iter()
        .map(|s| {
            s.carrier
                .as_ref()
                .map(|c| crate::http::pages::tracking::carrier_name(c.as_str()))
                .unwrap_or_default()
        })
        .collect();
    let parcels: Vec<Parcel<'_>> = order
        .shipments
        .iter()
        .zip(&carriers)
        .map(|(s, carrier)| Parcel {
            stage: s.stage,
            substatus: s.substatus,
            carrier,
            tracking_number: s.tracking_number.as_str(),
            estimate: s.estimate.as_ref().map(|e| (e.from, e.until)),
            delivered_on: s.delivered_at.map(|t| t.with_timezone(&tz).date_naive()),
            reached: n.shipments.contains(&s.id),
        })
        .collect();
    let logo_url = logo_url(tenant, base);
    let unsubscribe = unsubscribe_url(&ctx.secrets, base, n.id);
    let today = ctx.clock.now().with_timezone(&tz).date_naive();
    let rendered = wismo_mail::render_customer(&CustomerEmail {
        promise: promised_window(order, n.moment, today),
        texts,
        locale: &locale,
        brand: brand(tenant, logo_url.as_deref()),
        moment: n.moment,
        first_name: order.customer.first_name(),
        order_number: order.order_number.as_str(),
        parcels,
        items: order
            .items
            .iter()
            .map(|i| Item {
                name: &i.name,
                quantity: i.quantity,
            })
            .collect(),
        previous_date: n
            .previous_date
            .filter(|_| n.moment == Moment::DeliveryDateChanged),
        tracking_url: link,
        unsubscribe_url: Some(&unsubscribe),
        words: merchant_words(tenant, texts, &locale, n.moment),
        note: n.note.as_deref(),
    })
    .map_err(|e| anyhow::anyhow!("cannot render the email: {e}"))?;
    let domain = mailer.domain();
    let root = format!("<order-{}-{}@{domain}>", tenant.id.0, order.id.0);
    let previous = sending
        .previous
        .as_ref()
        .map(|key| format!("<{key}@{domain}>"));
    let references = match &previous {
        Some(previous) => format!("{root} {previous}"),
        None => root.clone(),
    };
    let mut list_unsubscribe = format!("<{unsubscribe}>");
    if let Some(mailto) = &mailer.unsubscribe_mailto {
        list_unsubscribe.push_str(&format!(", <mailto:{mailto}?subject=unsubscribe>"));
    }
    Ok(Outgoing {
        from_name: tenant.name.clone(),
        to: n.recipient.clone(),
        reply_to: tenant
            .branding
            .support_email
            .as_ref()
            .map(|e| e.as_str().to_owned()),
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        message_id: message_id(n, domain),
        in_reply_to: Some(previous.unwrap_or(root)),
        references: Some(references),
        unsubscribe: Some(list_unsubscribe),
        language: Some(rendered.lang),
    })
}

/// The window an email about an order without dated parcels says: the promise made at
/// checkout for its confirmation; for a stalled order's apology, the same transit from the
/// next business day (the old window has passed or soon will). `None` once a parcel has a
/// date of its own.
fn promised_window(
    order: &Order,
    moment: Moment,
    today: chrono::NaiveDate,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let promise = order.promise.as_ref()?;
    match moment {
        Moment::OrderConfirmed => Some((promise.from, promise.until)),
        Moment::FulfillmentStalled => {
            let window = wismo_domain::fulfilment::apology_window(promise, today);
            Some((window.from, window.until))
        }
        _ => None,
    }
}

/// The store's logo as emails link it, on `base` (wismo's URL or the store's domain).
pub fn logo_url(tenant: &Tenant, base: &str) -> Option<String> {
    tenant
        .branding
        .logo_version
        .as_ref()
        .map(|v| format!("{base}/{}/logo?v={v}", tenant.slug))
}

/// The store as its emails show it.
pub fn brand<'a>(tenant: &'a Tenant, logo_url: Option<&'a str>) -> Brand<'a> {
    Brand {
        store_name: &tenant.name,
        logo_url,
        primary_color: tenant.branding.primary_color.as_ref(),
        accent_color: tenant.branding.accent_color.as_ref(),
        support_email: tenant.branding.support_email.as_ref().map(|e| e.as_str()),
    }
}

/// The store's own words for `moment` in the language an email to `locale` is written in.
pub fn merchant_words<'a>(
    tenant: &'a Tenant,
    texts: &Texts,
    locale: &Locale,
    moment: Moment,
) -> MerchantWords<'a> {
    match tenant.notify.words(moment, texts.resolve(locale)) {
        Some(words) => MerchantWords {
            subject: words.subject.as_deref(),
            opening: words.opening.as_deref(),
        },
        None => MerchantWords::default(),
    }
}

/// A notification's `Message-ID`: the same on every attempt.
pub fn message_id(n: &Notification, domain: &str) -> String {
    format!("<{}@{domain}>", n.message_key())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_webhook_client_is_made_once_and_kept() {
        let clock: Arc<dyn wismo_domain::Clock> = Arc::new(wismo_domain::SystemClock);
        let store = wismo_store::connect("sqlite::memory:", clock)
            .await
            .unwrap();
        let texts = Arc::new(Texts::builtin().unwrap());
        let notifier = Notifier::new(store, texts, None, None);
        let made = std::sync::atomic::AtomicU32::new(0);
        let make = || {
            made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(crate::outbound::Outbound::new(false).builder().build()?)
        };
        notifier.webhook_client(make).unwrap();
        notifier.clone().webhook_client(make).unwrap();
        assert_eq!(made.load(std::sync::atomic::Ordering::SeqCst), 1);
        // A failure to make one is the caller's error, and nothing is kept.
        let other = Notifier::new(
            wismo_store::connect("sqlite::memory:", Arc::new(wismo_domain::SystemClock))
                .await
                .unwrap(),
            Arc::new(Texts::builtin().unwrap()),
            None,
            None,
        );
        assert!(other.webhook_client(|| Err(anyhow::anyhow!("no"))).is_err());
        other.webhook_client(make).unwrap();
        assert_eq!(made.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
