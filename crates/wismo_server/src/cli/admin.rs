//! `wismo store …` and `wismo apikey …`: tenants and their keys.

use anyhow::Context as _;
use serde_json::json;
use wismo_domain::{FieldErrors, NewStore, NewStoreInput};
use wismo_store::Store;

use super::{ApikeyCommand, StoreCommand, WebhookCommand};
use crate::config::Config;
use crate::keys;
use crate::secrets::SecretBox;

/// Warns about stores whose slug wismo has reserved since they took it (see
/// [`wismo_domain::StoreSlug::RESERVED`]): their pages keep working, but a later version
/// may serve its own page at that path. Run whenever the database is opened (`wismo
/// migrate`, `wismo serve`, …).
pub async fn warn_about_reserved_slugs(store: &dyn Store) {
    let stores = match store.list_stores().await {
        Ok(stores) => stores,
        Err(error) => {
            tracing::warn!(%error, "could not check store slugs against the reserved names");
            return;
        }
    };
    for slug in stores.iter().map(|s| &s.slug).filter(|s| s.is_reserved()) {
        tracing::warn!(
            store = %slug,
            "store slug `{slug}` is now reserved for wismo's own pages (/{slug}/…): the store's pages still work, but a later version may take that path; move the store to another slug"
        );
    }
}

pub async fn store_command(store: &dyn Store, cmd: StoreCommand) -> anyhow::Result<()> {
    match cmd {
        StoreCommand::Create {
            slug,
            name,
            locale,
            timezone,
            json,
        } => {
            let new = NewStore::parse(NewStoreInput {
                slug,
                name,
                default_locale: locale,
                timezone,
            })
            .map_err(flag_errors)?;
            let created = store.create_store(&new).await?;
            let name = keys::KeyName::parse("default").context("the default key's name")?;
            let (_, secret) = keys::create(store, created.id, &name).await?;
            if json {
                println!(
                    "{}",
                    json!({ "store_id": created.id, "slug": created.slug, "api_key": secret })
                );
            } else {
                println!(
                    "Created store `{}` ({}), id {}.",
                    created.slug, created.name, created.id
                );
                println!("API key (shown once; keep it secret): {secret}");
            }
            Ok(())
        }
        StoreCommand::List { json } => {
            let stores = store.list_stores().await?;
            if json {
                let rows: Vec<_> = stores
                    .iter()
                    .map(|s| json!({ "store_id": s.id, "slug": s.slug, "name": s.name, "default_locale": s.default_locale, "timezone": s.timezone, "created_at": s.created_at }))
                    .collect();
                println!("{}", serde_json::Value::Array(rows));
            } else if stores.is_empty() {
                println!(
                    "No stores yet. Create one with `wismo store create --slug SLUG --name NAME`."
                );
            } else {
                println!("{:>5}  {:<24} NAME", "ID", "SLUG");
                for s in stores {
                    println!("{:>5}  {:<24} {}", s.id, s.slug, s.name);
                }
            }
            Ok(())
        }
    }
}

/// Names each refused field by the flag that gave it: `--slug: `api` is reserved; …`.
fn flag_errors(errors: FieldErrors) -> anyhow::Error {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            let flag = match e.field.as_str() {
                "default_locale" => "locale",
                other => other,
            };
            format!("--{flag}: {}", e.detail)
        })
        .collect();
    anyhow::anyhow!(lines.join("\n"))
}

pub async fn apikey_command(store: &dyn Store, cmd: ApikeyCommand) -> anyhow::Result<()> {
    match cmd {
        ApikeyCommand::Create {
            store: slug,
            name,
            json,
        } => {
            let tenant = store
                .get_store_by_slug(&slug)
                .await
                .with_context(|| format!("store `{slug}`"))?;
            let name = keys::KeyName::parse(&name).ok_or_else(|| {
                anyhow::anyhow!(
                    "--name: 1 to {} characters without control characters",
                    keys::MAX_NAME_CHARS
                )
            })?;
            let (created, secret) = keys::create(store, tenant.id, &name).await?;
            if json {
                println!(
                    "{}",
                    json!({ "id": created.id, "store_id": tenant.id, "prefix": created.prefix, "api_key": secret })
                );
            } else {
                println!(
                    "Created API key {} ({}) for `{}`.",
                    created.id, created.prefix, tenant.slug
                );
                println!("API key (shown once; keep it secret): {secret}");
            }
            Ok(())
        }
        ApikeyCommand::List { store: slug } => {
            let tenant = store
                .get_store_by_slug(&slug)
                .await
                .with_context(|| format!("store `{slug}`"))?;
            println!(
                "{:>5}  {:<18} {:<20} {:<10} CREATED",
                "ID", "PREFIX", "NAME", "STATUS"
            );
            for k in store.list_api_keys(tenant.id).await? {
                let status = if k.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{:>5}  {:<18} {:<20} {:<10} {}",
                    k.id,
                    k.prefix,
                    k.name,
                    status,
                    k.created_at.format("%Y-%m-%d %H:%M")
                );
            }
            Ok(())
        }
        ApikeyCommand::Revoke { key } => {
            let revoked = store
                .revoke_api_key(key.trim())
                .await
                .with_context(|| format!("API key `{key}`"))?;
            println!("Revoked API key {} ({}).", revoked.id, revoked.prefix);
            Ok(())
        }
    }
}

pub async fn webhook_command(
    store: &dyn Store,
    config: &Config,
    cmd: WebhookCommand,
) -> anyhow::Result<()> {
    match cmd {
        WebhookCommand::Secret {
            store: slug,
            provider,
            secret,
        } => {
            let provider: wismo_carriers::push::Provider = provider.parse().map_err(|_| {
                anyhow::anyhow!("unknown provider `{provider}`: use easypost, aftership or 17track")
            })?;
            let tenant = store
                .get_store_by_slug(&slug)
                .await
                .with_context(|| format!("store `{slug}`"))?;
            let secret = match secret {
                Some(secret) => secret,
                None => {
                    let mut line = String::new();
                    std::io::stdin()
                        .read_line(&mut line)
                        .context("cannot read the secret from standard input")?;
                    line
                }
            };
            let sealer = SecretBox::load(config.secret_key.as_ref(), &config.database_url)?;
            crate::secrets::set_webhook_secret(
                store,
                &sealer,
                tenant.id,
                provider.slug(),
                &wismo_domain::Secret::new(secret),
            )
            .await?;
            println!(
                "Webhook secret for {} set on `{}`.",
                provider.slug(),
                tenant.slug
            );
            println!(
                "Point {} at {}/webhooks/{}/{}",
                provider.slug(),
                config.public_url,
                provider.slug(),
                tenant.slug
            );
            Ok(())
        }
    }
}

/// `wismo shipments due`: the next shipments in line, soonest first.
pub async fn due_shipments(
    store: &dyn Store,
    now: chrono::DateTime<chrono::Utc>,
    limit: u32,
    json: bool,
) -> anyhow::Result<()> {
    let due = store.due_shipments(limit.clamp(1, 10_000)).await?;
    let counts = store.schedule_counts().await?;
    if json {
        for s in &due {
            let line = json!({
                "shipment_id": s.shipment_id.0,
                "store_id": s.store_id.0,
                "carrier": s.carrier.as_ref().map(|c| c.as_str()),
                "tracking_number": s.tracking_number.as_str(),
                "stage": s.stage.as_str(),
                "next_poll_at": s.next_poll_at.to_rfc3339(),
                "poll_failures": s.poll_failures,
                "leased_by": s.leased_by,
            });
            println!("{line}");
        }
        return Ok(());
    }
    println!(
        "{} active shipments: {} due now, {} being polled",
        counts.active, counts.due, counts.leased
    );
    if due.is_empty() {
        return Ok(());
    }
    println!(
        "{:>8}  {:<7} {:<26} {:<18} {:>10}  {:>8}  LEASED BY",
        "ID", "CARRIER", "TRACKING NUMBER", "STAGE", "DUE IN", "FAILURES"
    );
    for s in &due {
        println!(
            "{:>8}  {:<7} {:<26} {:<18} {:>10}  {:>8}  {}",
            s.shipment_id.0,
            s.carrier.as_ref().map_or("?", |c| c.as_str()),
            s.tracking_number.as_str(),
            s.stage.as_str(),
            due_in(s.next_poll_at - now),
            s.poll_failures,
            s.leased_by.as_deref().unwrap_or("-"),
        );
    }
    Ok(())
}

/// "now", "12m", "3h05m", "overdue 4m".
fn due_in(d: chrono::Duration) -> String {
    let minutes = d.num_minutes();
    let hm = |m: i64| {
        if m >= 60 {
            format!("{}h{:02}m", m / 60, m % 60)
        } else {
            format!("{m}m")
        }
    };
    match minutes {
        0 => "now".to_owned(),
        m if m < 0 => format!("-{}", hm(-m)),
        m => hm(m),
    }
}
