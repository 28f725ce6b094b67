//! The `wismo` command line.

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use wismo_domain::{Clock, Locale, NewStore, StoreSlug, SystemClock, Texts, TimeZone};
use wismo_store::{NewApiKey, Store};

use crate::config::{Config, Layer, LogFormat};
use crate::state::AppState;
use crate::{demo, keys, serve, telemetry};

/// Self-hosted order tracking: follows every shipped order's carrier scans and answers
/// "where is my order?" on the store's own tracking page, before customers ask.
#[derive(Debug, Parser)]
#[command(name = "wismo", version, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Settings that override wismo.toml and WISMO_* variables.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Config file [default: ./wismo.toml if it exists] [env: WISMO_CONFIG]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER:PASSWORD@HOST/DB [env: WISMO_DATABASE_URL] [default: sqlite://wismo.db]
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Address to listen on [env: WISMO_LISTEN] [default: 127.0.0.1:8080]
    #[arg(long, global = true, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Base URL of tracking links [env: WISMO_PUBLIC_URL] [default: http://{listen}]
    #[arg(long, global = true, value_name = "URL")]
    pub public_url: Option<String>,
    /// Log format on stderr [env: WISMO_LOG_FORMAT] [default: text]
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormat>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (API, tracking pages); migrates the database first.
    Serve,
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Serve a demo store with orders in every stage, from a fresh ./wismo-demo/ folder.
    Demo {
        /// Folder for the demo's database (emptied of old demo data first)
        #[arg(long, default_value = "wismo-demo")]
        dir: PathBuf,
    },
    /// Manage stores (tenants).
    #[command(subcommand)]
    Store(StoreCommand),
    /// Manage a store's API keys.
    #[command(subcommand)]
    Apikey(ApikeyCommand),
    /// Show configuration help.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Create a store and its first API key (shown once).
    Create {
        /// URL slug: lower-case letters, digits and dashes, e.g. acme-coffee
        #[arg(long)]
        slug: String,
        /// The store's name, as customers see it
        #[arg(long)]
        name: String,
        /// Default language of its pages
        #[arg(long, default_value = "en")]
        locale: String,
        /// Default IANA time zone, e.g. Europe/Berlin
        #[arg(long, default_value = "UTC")]
        timezone: String,
        /// Print one JSON object: {"store_id", "slug", "api_key"}
        #[arg(long)]
        json: bool,
    },
    /// List stores.
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApikeyCommand {
    /// Create an API key for a store (shown once; only its hash is kept).
    Create {
        /// The store's slug
        #[arg(long)]
        store: String,
        /// A name to recognise the key by
        #[arg(long, default_value = "default")]
        name: String,
        /// Print one JSON object: {"id", "store_id", "prefix", "api_key"}
        #[arg(long)]
        json: bool,
    },
    /// List a store's keys (prefixes only).
    List {
        /// The store's slug
        #[arg(long)]
        store: String,
    },
    /// Revoke a key by its id or prefix (e.g. wismo_sk_AbCdEfGh).
    Revoke {
        /// Key id or prefix
        key: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print a commented example wismo.toml.
    Example,
}

impl GlobalArgs {
    fn layer(&self) -> Layer {
        Layer {
            database_url: self.database_url.clone(),
            listen: self.listen.clone(),
            public_url: self.public_url.clone(),
            log_format: self.log_format,
        }
    }
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Config(ConfigCommand::Example) = cli.command {
        print!("{}", crate::config::EXAMPLE);
        return Ok(());
    }
    let file = cli
        .global
        .config
        .clone()
        .or_else(|| std::env::var_os("WISMO_CONFIG").map(PathBuf::from));
    let config = Config::load(
        file.as_deref(),
        Layer::from_env(std::env::vars())?,
        cli.global.layer(),
    )?;
    telemetry::init(config.log_format);
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    if let Command::Demo { dir } = &cli.command {
        let (store, database_url) = demo::prepare(dir, &config.public_url, clock.clone()).await?;
        let config = Config {
            database_url,
            ..config
        };
        let texts = Arc::new(Texts::builtin()?);
        return serve::serve(AppState {
            store,
            config: Arc::new(config),
            texts,
            clock,
        })
        .await;
    }
    let store = wismo_store::connect(&config.database_url, clock.clone())
        .await
        .with_context(|| {
            format!(
                "cannot open the database {}",
                wismo_store::redact_url(&config.database_url)
            )
        })?;

    match cli.command {
        Command::Serve => {
            let texts = Arc::new(Texts::builtin()?);
            serve::serve(AppState {
                store,
                config: Arc::new(config),
                texts,
                clock,
            })
            .await
        }
        Command::Migrate => {
            println!(
                "database is up to date ({})",
                wismo_store::redact_url(&config.database_url)
            );
            Ok(())
        }
        Command::Store(cmd) => store_command(store.as_ref(), cmd).await,
        Command::Apikey(cmd) => apikey_command(store.as_ref(), cmd).await,
        Command::Config(_) | Command::Demo { .. } => Ok(()),
    }
}

async fn store_command(store: &dyn Store, cmd: StoreCommand) -> anyhow::Result<()> {
    match cmd {
        StoreCommand::Create {
            slug,
            name,
            locale,
            timezone,
            json,
        } => {
            let name = name.trim().to_owned();
            anyhow::ensure!(
                !name.is_empty() && name.chars().count() <= 200,
                "--name must be 1 to 200 characters"
            );
            let new = NewStore {
                slug: StoreSlug::parse(&slug).context("--slug")?,
                name,
                default_locale: Locale::parse(&locale).context("--locale")?,
                timezone: TimeZone::parse(&timezone).context("--timezone")?,
            };
            let created = store.create_store(&new).await?;
            let key = keys::generate();
            store
                .create_api_key(
                    created.id,
                    &NewApiKey {
                        name: "default".into(),
                        prefix: key.prefix.clone(),
                        hash: key.hash,
                    },
                )
                .await?;
            if json {
                println!(
                    "{}",
                    json!({ "store_id": created.id, "slug": created.slug, "api_key": key.secret })
                );
            } else {
                println!(
                    "Created store `{}` ({}), id {}.",
                    created.slug, created.name, created.id
                );
                println!("API key (shown once; keep it secret): {}", key.secret);
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

async fn apikey_command(store: &dyn Store, cmd: ApikeyCommand) -> anyhow::Result<()> {
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
            let key = keys::generate();
            let created = store
                .create_api_key(
                    tenant.id,
                    &NewApiKey {
                        name,
                        prefix: key.prefix,
                        hash: key.hash,
                    },
                )
                .await?;
            if json {
                println!(
                    "{}",
                    json!({ "id": created.id, "store_id": tenant.id, "prefix": created.prefix, "api_key": key.secret })
                );
            } else {
                println!(
                    "Created API key {} ({}) for `{}`.",
                    created.id, created.prefix, tenant.slug
                );
                println!("API key (shown once; keep it secret): {}", key.secret);
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
