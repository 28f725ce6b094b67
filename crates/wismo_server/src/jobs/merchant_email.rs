//! What the emails to a store's own support address share (a customer's request, the
//! daily digest, a disabled endpoint): the sender, where their links point, and sending,
//! counted by kind in `wismo_merchant_emails_total{kind, outcome}`.

use anyhow::Context as _;
use std::sync::Arc;
use wismo_domain::{Email, Tenant, Texts};
use wismo_mail::Rendered;

use super::{JobContext, Permanent};
use crate::mail::{Mailer, Outgoing};

/// What sending to the store takes: the relay and the texts.
pub(super) fn sender(ctx: &JobContext) -> anyhow::Result<(&Mailer, Arc<Texts>)> {
    let Some(notify) = ctx.notify.as_ref() else {
        return Err(anyhow::anyhow!("this process cannot send messages"));
    };
    let Some(mailer) = notify.mailer.as_ref() else {
        return Err(Permanent("no SMTP relay is configured (WISMO_SMTP_URL)".into()).into());
    };
    Ok((mailer, notify.texts.clone()))
}

/// Where links in what wismo sends about a store point (its customers' updates, the store's
/// own emails): the store's own domain when it has one, else wismo's public URL.
pub(super) async fn link_base(ctx: &JobContext, tenant: &Tenant) -> anyhow::Result<String> {
    let hosts = ctx
        .store
        .store_hosts(tenant.id)
        .await
        .context("cannot read the store's domains")?;
    Ok(base_on(
        hosts.domains.first().map(String::as_str),
        &ctx.public_url,
    ))
}

/// Where links point for a store with `domain` (its first own domain) if any: there, else
/// wismo's `public_url`.
pub(super) fn base_on(domain: Option<&str>, public_url: &str) -> String {
    match domain {
        Some(domain) => format!("https://{domain}"),
        None => public_url.to_owned(),
    }
}

/// The email of `rendered` to the store's support address, from wismo on its behalf.
pub(super) fn to_store(
    tenant: &Tenant,
    support: &Email,
    rendered: Rendered,
    message_id: String,
) -> Outgoing {
    Outgoing {
        from_name: format!("{} · wismo", tenant.name),
        to: support.as_str().to_owned(),
        reply_to: None,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        message_id,
        in_reply_to: None,
        references: None,
        unsubscribe: None,
        language: Some(rendered.lang),
    }
}

/// Sends `email`, counting it as `kind`: a refusal for good is [`Permanent`], anything
/// else is tried again.
pub(super) async fn send(
    mailer: &Mailer,
    email: &Outgoing,
    kind: &'static str,
) -> anyhow::Result<()> {
    let sent = mailer.send(email).await;
    let outcome = match &sent {
        Ok(_) => "sent",
        Err(e) if e.permanent => "failed",
        Err(_) => "retry",
    };
    metrics::counter!("wismo_merchant_emails_total", "kind" => kind, "outcome" => outcome)
        .increment(1);
    match sent {
        Ok(_) => Ok(()),
        Err(e) if e.permanent => Err(Permanent(e.message).into()),
        Err(e) => Err(anyhow::anyhow!(e.message)),
    }
}
