//! The `wismo` command line.

mod admin;
mod carrier;
mod customer;
mod import;
mod integration;
mod jobs;
mod user;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::sync::Arc;
use wismo_domain::{Clock, SystemClock};
use wismo_store::Store;

use crate::config::{Config, Env, Layer, LogFormat};
use crate::secrets::SecretBox;
use crate::state::AppState;
use crate::worker::Worker;
use crate::{demo, serve, telemetry};

/// "1 shipment", "3 shipments".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The business clock: the system clock, or, when `WISMO_SIM_CLOCK` is
/// `ANCHOR*SPEED` (`2026-11-21T10:00:00Z*3600`), a faster one that every process given the
/// same value agrees on. For demos and tests that play carrier journeys quickly.
fn clock_from_env() -> anyhow::Result<Arc<dyn Clock>> {
    match std::env::var("WISMO_SIM_CLOCK") {
        Ok(value) if !value.trim().is_empty() => {
            let clock = wismo_domain::ScaledClock::parse_anchored(&value).with_context(|| {
                format!(
                    "WISMO_SIM_CLOCK `{value}` is not ANCHOR*SPEED, e.g. 2026-11-21T10:00:00Z*3600"
                )
            })?;
            Ok(Arc::new(clock))
        }
        _ => Ok(Arc::new(SystemClock)),
    }
}

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
    /// Run the HTTP server (API, tracking pages), the polling worker and the job runner;
    /// migrates the database first.
    Serve {
        /// What this process runs: web, worker and jobs (all), or one of them; run several
        /// workers or job runners on PostgreSQL to do more
        #[arg(long, value_enum, default_value_t = Role::All)]
        role: Role,
        /// With --role jobs: run only these queues (e.g. maintenance) [default: all]
        #[arg(long, value_delimiter = ',', value_name = "QUEUE,…")]
        queues: Vec<String>,
        /// Also serve the sandbox carrier under /sandbox (UPS, FedEx, USPS and DHL wire formats)
        #[arg(long)]
        sandbox: bool,
        /// The sandbox clock's speed: 3600 plays one simulated hour per second
        #[arg(long, default_value_t = 1.0, value_name = "FACTOR")]
        sandbox_speed: f64,
    },
    /// Serve only the sandbox carrier (on --listen), for trying adapters and integrations.
    Sandbox {
        /// The sandbox clock's speed: 3600 plays one simulated hour per second
        #[arg(long, default_value_t = 1.0, value_name = "FACTOR")]
        speed: f64,
    },
    /// Run the polling worker alone: claim due shipments, ask their carriers, record.
    /// It serves no /metrics; `wismo serve --role worker` is the same worker with
    /// /healthz, /readyz and /metrics.
    Worker {
        /// One round (claim a batch, poll it, finish it), print what it did, then exit
        #[arg(long)]
        once: bool,
    },
    /// Inspect the polling schedule.
    #[command(subcommand)]
    Shipments(ShipmentsCommand),
    /// Background jobs: list queued, running and dead ones; retry a dead one; remove one.
    #[command(subcommand)]
    Jobs(jobs::JobsCommand),
    /// Tracking numbers and carrier responses: detect, parse, track.
    #[command(subcommand)]
    Carrier(carrier::CarrierCommand),
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Serve a demo store whose parcels move while you watch: 33 orders with the sandbox
    /// carrier (UPS, FedEx, USPS, DHL) on a sped-up clock, followed by the polling worker.
    /// Prints every URL it serves.
    Demo {
        /// Folder for the demo's database (emptied of old demo data first)
        #[arg(long, default_value = "wismo-demo")]
        dir: PathBuf,
        /// How much faster than real time parcels move: 600 plays an hour in six seconds
        #[arg(long, default_value_t = 600.0, value_name = "FACTOR")]
        speed: f64,
    },
    /// Manage stores (tenants).
    #[command(subcommand)]
    Store(StoreCommand),
    /// Manage a store's API keys.
    #[command(subcommand)]
    Apikey(ApikeyCommand),
    /// The admin's users: add one, reset a password, list a store's.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Inbound webhooks from tracking aggregators.
    #[command(subcommand)]
    Webhook(WebhookCommand),
    /// Store platforms sending orders (Shopify, WooCommerce, a generic signed feed).
    #[command(subcommand)]
    Integration(integration::IntegrationCommand),
    /// Import orders from a CSV file.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// A customer's personal data: erase it on request.
    #[command(subcommand)]
    Customer(customer::CustomerCommand),
    /// Show configuration help.
    #[command(subcommand)]
    Config(ConfigCommand),
}

/// What a `wismo serve` process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    /// Web server, polling worker and job runner
    All,
    /// Web server only (API, tracking pages, webhooks)
    Web,
    /// Polling worker only
    Worker,
    /// Job runner only (background jobs and periodic upkeep; see --queues)
    Jobs,
}

#[derive(Debug, Subcommand)]
pub enum ShipmentsCommand {
    /// The shipments next in line to be polled, soonest first, with who holds them.
    Due {
        /// How many to show
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON lines
        #[arg(long)]
        json: bool,
    },
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
pub enum WebhookCommand {
    /// Set the secret a provider signs a store's webhooks with. The provider then posts to
    /// {public_url}/webhooks/{provider}/{store}.
    Secret {
        /// The store's slug
        #[arg(long)]
        store: String,
        /// easypost, aftership or 17track
        #[arg(long)]
        provider: String,
        /// The secret; read from standard input when not given (keeps it out of shell history)
        #[arg(long)]
        secret: Option<String>,
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
            ..Layer::default()
        }
    }
}

/// Runs a parsed command line. Every command is matched here by name, so a new one cannot
/// be forgotten: commands that need no configuration run first, the rest open what they
/// need.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let global = &cli.global;
    match cli.command {
        Command::Config(ConfigCommand::Example) => {
            print!("{}", crate::config::example());
            Ok(())
        }
        Command::Carrier(carrier::CarrierCommand::Detect { number, hint, json }) => {
            carrier::detect(&number, hint.as_deref(), json)
        }
        Command::Carrier(carrier::CarrierCommand::Parse {
            carrier,
            file,
            json,
        }) => carrier::parse(&carrier, &file, json),
        Command::Carrier(carrier::CarrierCommand::Track {
            carrier,
            number,
            json,
        }) => carrier::track(&configure(global)?, &carrier, &number, json).await,
        Command::Sandbox { speed } => carrier::serve_sandbox(&configure(global)?, speed).await,
        Command::Demo { dir, speed } => {
            let config = configure(global)?;
            anyhow::ensure!(
                speed.is_finite() && (1.0..=1_000_000.0).contains(&speed),
                "--speed must be between 1 and 1000000"
            );
            let clock: Arc<dyn Clock> =
                Arc::new(wismo_domain::ScaledClock::new(chrono::Utc::now(), speed));
            let sandbox = wismo_carriers::sandbox::Sandbox::new(clock.clone(), Default::default());
            let (smtp, mail) = crate::smtp_capture::start(([127, 0, 0, 1], 0).into())
                .await
                .context("cannot start the demo's SMTP server")?;
            let demo = demo::prepare(&dir, &config, clock.clone(), &sandbox, speed, smtp).await?;
            let state = AppState::new(demo.config, demo.store, clock)?
                .with_metrics(crate::http::metrics::install());
            demo::subscribe_outbox(&state).await?;
            demo::feed_from_shopify(&state, &sandbox).await?;
            println!("Press Ctrl-C to stop.\n");
            // The sandbox carrier and the outbox viewer are served alongside; the worker
            // polls the sandbox.
            let extra = sandbox
                .router()
                .merge(crate::outbox::router(crate::outbox::Outbox::new(mail)));
            serve::serve_all(state, Some(extra)).await
        }
        Command::Serve {
            role,
            queues,
            sandbox,
            sandbox_speed,
        } => {
            anyhow::ensure!(
                queues.is_empty() || role == Role::Jobs,
                "--queues applies to --role jobs only"
            );
            let config = configure(global)?;
            // Checked before the database is opened: a server without its key must not start.
            SecretBox::load(config.secret_key.as_ref(), &config.database_url)?;
            let (config, clock, store) = open(config).await?;
            let state =
                AppState::new(config, store, clock)?.with_metrics(crate::http::metrics::install());
            state.secrets.seal_stored(state.store.as_ref()).await?;
            if matches!(role, Role::Web | Role::All) {
                first_run(&state).await?;
            }
            let extra = sandbox.then(|| carrier::sandbox(sandbox_speed).router());
            match role {
                Role::Web => serve::serve(state, extra).await,
                Role::Worker => serve::serve_worker(state).await,
                Role::All => serve::serve_all(state, extra).await,
                Role::Jobs => serve::serve_jobs(state, &queues).await,
            }
        }
        Command::Worker { once } => {
            let (config, clock, store) = open(configure(global)?).await?;
            let worker = Worker::new(store, clock, &config);
            if once {
                let round = worker.run_once().await?;
                let lost = match round.lost_leases {
                    0 => String::new(),
                    n => format!(", {} lost to other workers", count(n, "lease", "leases")),
                };
                println!(
                    "claimed {}, made {}, stored {}{lost}",
                    count(round.claimed, "shipment", "shipments"),
                    count(round.calls, "carrier call", "carrier calls"),
                    count(round.events, "new event", "new events"),
                );
            } else {
                // No recorder is installed: this process serves no /metrics, so nothing it
                // would count could be read (`serve --role worker` serves them).
                worker.run(serve::shutdown_signal()).await;
            }
            Ok(())
        }
        Command::Shipments(ShipmentsCommand::Due { limit, json }) => {
            let (_, clock, store) = open(configure(global)?).await?;
            admin::due_shipments(store.as_ref(), clock.now(), limit, json).await
        }
        Command::Jobs(cmd) => {
            let (_, clock, store) = open(configure(global)?).await?;
            jobs::command(store.as_ref(), clock.now(), cmd).await
        }
        Command::Migrate => {
            let config = configure(global)?;
            let sealer = SecretBox::load(config.secret_key.as_ref(), &config.database_url)?;
            let (config, _, store) = open(config).await?;
            let sealed = sealer.seal_stored(store.as_ref()).await?;
            println!(
                "database is up to date ({}){}",
                wismo_store::redact_url(&config.database_url),
                match sealed {
                    0 => String::new(),
                    n => format!("; sealed {}", count(n, "stored secret", "stored secrets")),
                }
            );
            Ok(())
        }
        Command::Store(cmd) => {
            let (_, _, store) = open(configure(global)?).await?;
            admin::store_command(store.as_ref(), cmd).await
        }
        Command::Apikey(cmd) => {
            let (_, _, store) = open(configure(global)?).await?;
            admin::apikey_command(store.as_ref(), cmd).await
        }
        Command::User(cmd) => {
            let (config, clock, store) = open(configure(global)?).await?;
            user::command(store.as_ref(), clock.as_ref(), &config.public_url, cmd).await
        }
        Command::Webhook(cmd) => {
            let (config, _, store) = open(configure(global)?).await?;
            admin::webhook_command(store.as_ref(), &config, cmd).await
        }
        Command::Integration(cmd) => {
            let (config, _, store) = open(configure(global)?).await?;
            integration::command(store.as_ref(), &config, cmd).await
        }
        Command::Customer(cmd) => {
            let (_, _, store) = open(configure(global)?).await?;
            customer::command(store.as_ref(), cmd).await
        }
        Command::Import(cmd) => {
            let (_, clock, store) = open(configure(global)?).await?;
            import::command(store.as_ref(), clock.now(), cmd).await
        }
    }
}

/// What the admin needs said at start: a warning when its cookie cannot be Secure, and on
/// a server without users the first run's one-time link.
async fn first_run(state: &AppState) -> anyhow::Result<()> {
    use crate::http::admin;
    admin::warn_if_plain_http(&state.config.public_url);
    tokio::task::spawn_blocking(admin::password::warm);
    let link = admin::links::first_run(
        state.store.as_ref(),
        state.clock.as_ref(),
        &state.config.public_url,
    )
    .await
    .context("cannot make the first run's set-up link")?;
    if let Some(link) = link {
        println!(
            "No one can sign in to the admin yet. Open this link within an hour to become the store's owner:\n  {link}"
        );
        tracing::info!("printed the admin's first-run set-up link");
    }
    Ok(())
}

/// The configuration from every layer, with logging set up as it says.
fn configure(global: &GlobalArgs) -> anyhow::Result<Config> {
    let file = global
        .config
        .clone()
        .or_else(|| std::env::var_os("WISMO_CONFIG").map(PathBuf::from));
    let config = Config::load(
        file.as_deref(),
        Env::from_vars(std::env::vars())?,
        global.layer(),
    )?;
    telemetry::init(config.log_format);
    Ok(config)
}

/// The configuration with the business clock and the database, migrated.
async fn open(config: Config) -> anyhow::Result<(Config, Arc<dyn Clock>, Arc<dyn Store>)> {
    let clock = clock_from_env()?;
    let store = wismo_store::connect(&config.database_url, clock.clone())
        .await
        .with_context(|| {
            format!(
                "cannot open the database {}",
                wismo_store::redact_url(&config.database_url)
            )
        })?;
    admin::warn_about_reserved_slugs(store.as_ref()).await;
    Ok((config, clock, store))
}
