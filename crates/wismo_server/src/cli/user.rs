//! `wismo user …`: the admin's users, for operators. Passwords are read from standard
//! input, never from the command line; without one, a one-time set-up link is printed.

use anyhow::Context as _;
use clap::Subcommand;
use std::io::Read as _;
use wismo_domain::admin::{LinkPurpose, Password, Role};
use wismo_domain::{Clock, Email};
use wismo_store::Store;
use wismo_store::admin::NewUser;

use crate::http::admin::{links, password};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user to a store. Prints a one-time set-up link (good for an hour) unless
    /// --password-stdin is given.
    Add {
        /// The store's slug
        #[arg(long)]
        store: String,
        /// The user's email (unique across the server)
        #[arg(long)]
        email: String,
        /// owner (everything) or staff (no team, keys or secrets)
        #[arg(long, default_value = "staff")]
        role: String,
        /// Read the password from standard input (at least 12 characters) instead of
        /// printing a set-up link
        #[arg(long)]
        password_stdin: bool,
    },
    /// Print a one-time link (good for an hour) that sets a user's password; their
    /// sessions end when it is used.
    ResetPassword {
        /// The user's email
        email: String,
    },
    /// List a store's users.
    List {
        /// The store's slug
        #[arg(long)]
        store: String,
    },
}

pub async fn command(
    store: &dyn Store,
    clock: &dyn Clock,
    public_url: &str,
    cmd: UserCommand,
) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add {
            store: slug,
            email,
            role,
            password_stdin,
        } => {
            let tenant = store
                .get_store_by_slug(&slug)
                .await
                .with_context(|| format!("no store `{slug}`"))?;
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!("--role: {e}"))?;
            let password_hash = if password_stdin {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .context("cannot read the password from standard input")?;
                let text = text.strip_suffix('\n').unwrap_or(&text);
                let text = text.strip_suffix('\r').unwrap_or(text);
                let password =
                    Password::parse(text).map_err(|e| anyhow::anyhow!("the password: {e}"))?;
                Some(password::hash(&password)?)
            } else {
                None
            };
            let user = store
                .create_user(&NewUser {
                    store_id: tenant.id,
                    email,
                    role,
                    password_hash,
                })
                .await?;
            println!(
                "Added {} as {} of `{}`.",
                user.email,
                user.role.as_str(),
                tenant.slug
            );
            if !user.has_password {
                let link = links::make(
                    store,
                    clock,
                    public_url,
                    LinkPurpose::SetPassword,
                    Some(user.id),
                    None,
                )
                .await?;
                println!("Their set-up link (works once, for an hour): {link}");
            }
            Ok(())
        }
        UserCommand::ResetPassword { email } => {
            let Some(found) = store.user_for_sign_in(&email).await? else {
                anyhow::bail!("no user with the email {email}");
            };
            let link = links::make(
                store,
                clock,
                public_url,
                LinkPurpose::SetPassword,
                Some(found.user.id),
                None,
            )
            .await?;
            println!(
                "A link that sets a new password for {} (works once, for an hour): {link}",
                found.user.email
            );
            Ok(())
        }
        UserCommand::List { store: slug } => {
            let tenant = store
                .get_store_by_slug(&slug)
                .await
                .with_context(|| format!("no store `{slug}`"))?;
            for user in store.list_users(tenant.id).await? {
                println!(
                    "{}\t{}\t{}{}",
                    user.email,
                    user.role.as_str(),
                    user.created_at.format("%Y-%m-%d"),
                    if user.has_password {
                        ""
                    } else {
                        "\tnot set up"
                    }
                );
            }
            Ok(())
        }
    }
}
