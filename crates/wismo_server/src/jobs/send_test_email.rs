//! `send_test_email`: a test email that a signed-in user asked for, to their own address,
//! in the language their browser asked for (the setup guide's "Send me a test"). It says
//! only that email from wismo reaches them; nothing about the store's customers.
//!
//! A user removed meanwhile is told nothing. Without a relay the job fails at once, with
//! the reason the page then shows.

use serde::{Deserialize, Serialize};
use wismo_domain::admin::UserId;
use wismo_domain::{Locale, StoreId};
use wismo_store::notify::NOTIFY_QUEUE;

use super::merchant_email::{send, sender};
use super::{BackgroundJob, JobContext};
use crate::mail::Outgoing;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendTestEmail {
    pub store: i64,
    pub user: i64,
    /// The language the request was made in (`de`, `pt-BR`).
    pub locale: String,
}

impl SendTestEmail {
    pub fn new(store: StoreId, user: UserId, locale: &Locale) -> Self {
        Self {
            store: store.0,
            user: user.0,
            locale: locale.as_str().to_owned(),
        }
    }

    /// Whether this job was asked for by `user` of `store`.
    pub fn is_for(&self, store: StoreId, user: UserId) -> bool {
        self.store == store.0 && self.user == user.0
    }
}

impl BackgroundJob for SendTestEmail {
    const JOB_NAME: &'static str = "send_test_email";
    const QUEUE: &'static str = NOTIFY_QUEUE;
    /// A test is worth little once stale: a few tries, then the page says it failed.
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let store = StoreId(self.store);
        let users = ctx.store.list_users(store).await?;
        let Some(user) = users.iter().find(|u| u.id.0 == self.user) else {
            return Ok(());
        };
        let (mailer, texts) = sender(ctx)?;
        let tenant = ctx.store.get_store(store).await?;
        let locale = Locale::parse(&self.locale).unwrap_or_default();
        let rendered = wismo_mail::render_test(&texts, &locale, &tenant.name)
            .map_err(|e| anyhow::anyhow!("cannot render the email: {e}"))?;
        let nonce: u64 = rand::random();
        let email = Outgoing {
            from_name: "wismo".to_owned(),
            to: user.email.as_str().to_owned(),
            reply_to: None,
            subject: rendered.subject,
            html: rendered.html,
            text: rendered.text,
            message_id: format!("<test-{}.{nonce:x}@{}>", self.user, mailer.domain()),
            in_reply_to: None,
            references: None,
            unsubscribe: None,
            language: Some(rendered.lang),
        };
        send(mailer, &email, "test").await
    }
}
