//! `wismo integration …`: connect a store's platform (Shopify, WooCommerce, a generic
//! signed feed) and see which are connected.

use anyhow::Context as _;
use clap::Subcommand;
use serde_json::json;
use std::io::Read as _;
use wismo_domain::Secret;
use wismo_domain::platform::Platform;
use wismo_store::Store;

use crate::config::Config;
use crate::integrations::{self, order_link};
use crate::secrets::SecretBox;

#[derive(Debug, Subcommand)]
pub enum IntegrationCommand {
    /// Connect a store platform: prints the URL to paste into the platform's webhook
    /// settings and, for WooCommerce and the generic feed, a secret made by wismo (shown
    /// once). Running it again rotates the secret; the previous one is accepted for an hour.
    Add {
        /// The store's slug
        #[arg(long)]
        store: String,
        /// shopify, woocommerce or generic
        #[arg(long)]
        platform: String,
        /// Read the signing secret from standard input: Shopify's key (Settings →
        /// Notifications → Webhooks), or a WooCommerce secret of your own
        #[arg(long)]
        secret_stdin: bool,
        /// Print one JSON object: {"url"}, with "secret" when wismo made one
        #[arg(long)]
        json: bool,
    },
    /// Make the store's key for order links in its platform's own emails (Shopify's and
    /// WooCommerce's confirmation and shipping emails), shown once. With --rotate, a new key
    /// replaces the old one, and links signed with the old one stop opening.
    LinkKey {
        /// The store's slug
        #[arg(long)]
        store: String,
        /// Replace the store's key
        #[arg(long)]
        rotate: bool,
        /// Print one JSON object: {"key", "link"} (`link` with `{platform}`, `{id}` and
        /// `{signature}` to fill in)
        #[arg(long)]
        json: bool,
    },
    /// List a store's connected platforms and their URLs.
    List {
        /// The store's slug
        #[arg(long)]
        store: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub async fn command(
    store: &dyn Store,
    config: &Config,
    cmd: IntegrationCommand,
) -> anyhow::Result<()> {
    match cmd {
        IntegrationCommand::Add {
            store: slug,
            platform,
            secret_stdin,
            json,
        } => {
            let platform = Platform::parse(&platform)?;
            let tenant = store
                .get_store_by_slug(&slug)
                .await
                .with_context(|| format!("store `{slug}`"))?;
            let given = if secret_stdin {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .context("cannot read the secret from standard input")?;
                Some(Secret::new(text.trim()))
            } else {
                None
            };
            let secrets = SecretBox::load(config.secret_key.as_ref(), &config.database_url)?;
            let added = integrations::add(
                store,
                &secrets,
                &config.public_url,
                &tenant,
                platform,
                given,
            )
            .await?;
            if json {
                let mut out = json!({ "url": added.url });
                if let Some(secret) = &added.secret {
                    out["secret"] = json!(secret.expose());
                }
                println!("{out}");
                return Ok(());
            }
            let what = if added.rotated {
                "rotated: the previous secret is accepted for another hour"
            } else {
                "connected"
            };
            println!("{platform} for `{}`: {what}.", tenant.slug);
            println!("Webhook URL: {}", added.url);
            match platform {
                Platform::Shopify => println!(
                    "In Shopify (Settings → Notifications → Webhooks), create a JSON webhook to this URL for \
                     Order creation, Order update, Order cancellation, Fulfillment creation and Fulfillment update."
                ),
                Platform::WooCommerce => println!(
                    "In WooCommerce (Settings → Advanced → Webhooks), add webhooks for Order created and \
                     Order updated to this URL with the secret below, API version WP REST API Integration v3."
                ),
                Platform::Generic => println!(
                    "Sign each event per Standard Webhooks with the secret below (docs/INTEGRATIONS.md)."
                ),
            }
            if let Some(secret) = &added.secret {
                println!("Secret (shown once): {}", secret.expose());
            }
            if platform != Platform::Generic {
                println!(
                    "For a link to the order's page in {platform}'s own emails: wismo integration link-key --store {}",
                    tenant.slug
                );
            }
            Ok(())
        }
        IntegrationCommand::LinkKey {
            store: slug,
            rotate,
            json,
        } => {
            let tenant = store
                .get_store_by_slug(&slug)
                .await
                .with_context(|| format!("store `{slug}`"))?;
            let secrets = SecretBox::load(config.secret_key.as_ref(), &config.database_url)?;
            let made = order_link::make_key(store, &secrets, &tenant, rotate).await?;
            let link = format!(
                "{}/{}/o/{{platform}}/{{id}}?s={{signature}}",
                config.public_url.trim_end_matches('/'),
                tenant.slug
            );
            if json {
                println!("{}", json!({ "key": made.key.expose(), "link": link }));
                return Ok(());
            }
            let what = if made.rotated {
                "replaced: links signed with the old key no longer open"
            } else {
                "made"
            };
            println!("Order-link key for `{}`: {what}.", tenant.slug);
            println!("Key (shown once): {}", made.key.expose());
            println!("Link: {link}");
            println!(
                "The signature is the lower-case hex HMAC-SHA256 of `{{platform}}:{{id}}` under the key \
                 (`shopify:5830012345678`): the snippets for Shopify's and WooCommerce's emails are in \
                 docs/INTEGRATIONS.md, \"A link for your platform's own emails\"."
            );
            Ok(())
        }
        IntegrationCommand::List { store: slug, json } => {
            let tenant = store
                .get_store_by_slug(&slug)
                .await
                .with_context(|| format!("store `{slug}`"))?;
            let list = store.list_integrations(tenant.id).await?;
            let url = |p| integrations::url(&config.public_url, p, tenant.slug.as_str());
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|i| {
                        json!({
                            "platform": i.platform.as_str(),
                            "url": url(i.platform),
                            "created_at": i.created_at,
                            "rotated_at": i.rotated_at,
                            "previous_secret_until": i.previous_until,
                        })
                    })
                    .collect();
                println!("{}", serde_json::Value::Array(rows));
            } else if list.is_empty() {
                println!("No platform is connected to `{}`.", tenant.slug);
            } else {
                for i in &list {
                    let rotated = i
                        .rotated_at
                        .map(|t| format!(", secret rotated {}", t.format("%Y-%m-%d %H:%M UTC")))
                        .unwrap_or_default();
                    println!(
                        "{:<12} {}  (since {}{rotated})",
                        i.platform.as_str(),
                        url(i.platform),
                        i.created_at.format("%Y-%m-%d")
                    );
                }
            }
            Ok(())
        }
    }
}
