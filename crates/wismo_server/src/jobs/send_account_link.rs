//! `send_account_link`: emails one of a store's users a one-time link that sets their
//! password, asked for on the sign-in page ("forgot your password?") or made by an owner
//! inviting them. Written in the language the request was made in.
//!
//! The link's token is a secret: the payload carries it sealed with the server's key
//! (bound to the user), it is never logged, and only its hash is kept with the link. A
//! user removed meanwhile, or a link already used or expired, is told nothing.

use serde::{Deserialize, Serialize};
use wismo_domain::admin::UserId;
use wismo_domain::{Locale, SealedSecret, StoreId};
use wismo_mail::{AccountLink, AccountLinkKind};
use wismo_store::notify::{NOTIFY_QUEUE, SEND_ATTEMPTS};

use super::merchant_email::{send, sender};
use super::{BackgroundJob, JobContext, Permanent};
use crate::mail::Outgoing;
use crate::secrets::SecretBox;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendAccountLink {
    pub store: i64,
    pub user: i64,
    /// The link's token, sealed by [`SendAccountLink::new`].
    pub token: String,
    /// The language the request was made in (`de`, `pt-BR`).
    pub locale: String,
    /// Who invited them (an owner's email); `None` for a reset they asked for.
    pub invited_by: Option<String>,
}

impl SendAccountLink {
    /// The job for `token`, sealed for `user`.
    pub fn new(
        secrets: &SecretBox,
        store: StoreId,
        user: UserId,
        token: &str,
        locale: &Locale,
        invited_by: Option<String>,
    ) -> anyhow::Result<Self> {
        let sealed = secrets.seal(&wismo_domain::Secret::new(token), &context(user))?;
        Ok(Self {
            store: store.0,
            user: user.0,
            token: sealed.as_str().to_owned(),
            locale: locale.as_str().to_owned(),
            invited_by,
        })
    }
}

fn context(user: UserId) -> String {
    format!("account-link:{}", user.0)
}

impl BackgroundJob for SendAccountLink {
    const JOB_NAME: &'static str = "send_account_link";
    const QUEUE: &'static str = NOTIFY_QUEUE;
    const MAX_ATTEMPTS: u32 = SEND_ATTEMPTS;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let store = StoreId(self.store);
        let users = ctx.store.list_users(store).await?;
        let Some(user) = users.iter().find(|u| u.id.0 == self.user) else {
            return Ok(());
        };
        let token = ctx
            .secrets
            .open(&SealedSecret::new(self.token.clone()), &context(user.id))
            .map_err(|e| Permanent(format!("cannot open the link's token: {e}")))?;
        if ctx
            .store
            .link(&crate::keys::hash(token.expose()))
            .await?
            .is_none()
        {
            return Ok(());
        }
        let (mailer, texts) = sender(ctx)?;
        let tenant = ctx.store.get_store(store).await?;
        let locale = Locale::parse(&self.locale).unwrap_or_default();
        let url = crate::http::admin::links::url(&ctx.public_url, token.expose());
        let kind = match &self.invited_by {
            Some(by) => AccountLinkKind::Invite { by },
            None => AccountLinkKind::Reset,
        };
        let rendered = wismo_mail::render_account_link(&AccountLink {
            texts: &texts,
            locale: &locale,
            store_name: &tenant.name,
            kind,
            url: &url,
        })
        .map_err(|e| anyhow::anyhow!("cannot render the email: {e}"))?;
        let nonce: u64 = rand::random();
        let email = Outgoing {
            from_name: "wismo".to_owned(),
            to: user.email.as_str().to_owned(),
            reply_to: None,
            subject: rendered.subject,
            html: rendered.html,
            text: rendered.text,
            message_id: format!("<account-{}.{nonce:x}@{}>", self.user, mailer.domain()),
            in_reply_to: None,
            references: None,
            unsubscribe: None,
            language: Some(rendered.lang),
        };
        let kind = if self.invited_by.is_some() {
            "invitation"
        } else {
            "password_reset"
        };
        send(mailer, &email, kind).await
    }
}
