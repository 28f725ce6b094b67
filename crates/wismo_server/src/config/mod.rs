//! Configuration, layered: built-in defaults, then an optional `wismo.toml`, then `WISMO_*`
//! environment variables, then command-line flags. Later layers win.
//!
//! Each setting is declared once in [`settings`] (its key, its exact variable, its
//! default, what it means); the defaults layer, the environment layer and
//! `wismo config example` are made from those declarations, figment merges the layers, and
//! [`Config`] gives every setting its type. Values are checked once, in [`Config::load`].

mod example;
pub mod settings;

use figment::providers::Format as _;
use figment::value::{Dict, Map, Value};
use figment::{Figment, Metadata, Profile, Provider};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use wismo_carriers::adapters::{Account, LiveCarrier};
use wismo_domain::Secret;

use crate::http::client_addr::TrustedProxies;
pub use example::example;
use settings::{Kind, Setting};

/// The server's configuration after all layers are applied and checked.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://PATH` (created if missing) or `postgres://USER:PASSWORD@HOST/DB`.
    pub database_url: String,
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// Base URL customers reach wismo at; private tracking links are `{public_url}/t/{token}`.
    #[serde(default)]
    pub public_url: String,
    /// A second address for `/metrics` and `/readyz`, which the public one then leaves out.
    #[serde(default)]
    pub metrics_listen: Option<SocketAddr>,
    /// Log output: human-readable `text` or `json` lines.
    pub log_format: LogFormat,
    /// The key that seals stored secrets (base64 of 32 bytes); see [`crate::secrets`].
    #[serde(default)]
    pub secret_key: Option<Secret>,
    /// Whether rendered tracking pages are kept for repeat views.
    pub store_pages: bool,
    /// The reverse proxies whose forwarding headers name the client.
    #[serde(deserialize_with = "trusted_proxies")]
    pub trusted_proxies: TrustedProxies,
    /// Carrier API accounts, by carrier slug (`ups`, `fedex`, `usps`, `dhl`).
    #[serde(default, deserialize_with = "carrier_accounts")]
    pub carriers: BTreeMap<String, CarrierSettings>,
    /// The HTTP server's limits on slow and idle clients.
    pub http: HttpSettings,
    /// The polling worker.
    pub worker: WorkerSettings,
    /// The job runner.
    pub jobs: JobsSettings,
    /// The SMTP relay emails go through.
    #[serde(default)]
    pub email: EmailSettings,
    /// Notification timing.
    pub notify: NotifySettings,
    /// Requests to merchants' servers.
    pub outbound: OutboundSettings,
}

/// Requests wismo makes to merchants' URLs (webhooks, logos); see [`crate::outbound`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboundSettings {
    /// Whether they may reach private, loopback and link-local addresses.
    pub allow_private: bool,
}

/// The SMTP relay and the sender address; see [`crate::mail`].
#[derive(Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    /// `smtp://[user:password@]host:port?tls=none|starttls|tls`; it may carry a password.
    #[serde(default)]
    pub smtp_url: Option<Secret>,
    /// A PEM file of CA certificates the relay's certificate may also end at, besides the
    /// web's roots (a private relay with the company's own CA).
    #[serde(default)]
    pub smtp_ca_file: Option<PathBuf>,
    /// The address emails come from.
    #[serde(default)]
    pub from: Option<String>,
    /// An address for List-Unsubscribe's `mailto:`.
    #[serde(default)]
    pub unsubscribe_mailto: Option<String>,
}

impl fmt::Debug for EmailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmailSettings")
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "[redacted]"))
            .field("smtp_ca_file", &self.smtp_ca_file)
            .field("from", &self.from)
            .field("unsubscribe_mailto", &self.unsubscribe_mailto)
            .finish()
    }
}

/// Notification timing and sending.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifySettings {
    /// The burst window for stores without their own.
    pub burst_secs: u32,
    /// How many messages one process sends at once (and SMTP connections it keeps).
    pub concurrency: usize,
}

impl Default for NotifySettings {
    fn default() -> Self {
        Self {
            burst_secs: wismo_store::notify::DEFAULT_BURST_SECS,
            concurrency: 16,
        }
    }
}

/// How long the HTTP server waits on a client, and how many it serves at once.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    /// Time to send a request's headers, from the connection's start or the request's
    /// first byte.
    #[serde(rename = "header_timeout_secs", deserialize_with = "seconds")]
    pub header_timeout: Duration,
    /// Time a kept-alive connection may wait for its next request, or a response for its
    /// client to read on.
    #[serde(rename = "idle_timeout_secs", deserialize_with = "seconds")]
    pub idle_timeout: Duration,
    /// Time a request body may stall between two reads before the request is answered 408.
    #[serde(rename = "body_timeout_secs", deserialize_with = "seconds")]
    pub body_timeout: Duration,
    /// Connections served at once per listener.
    pub max_connections: usize,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(75),
            body_timeout: Duration::from_secs(10),
            max_connections: 1024,
        }
    }
}

/// How the polling worker works.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerSettings {
    /// Due shipments claimed at a time.
    pub batch: u32,
    /// How long (real time) a claim lasts before another worker may take the shipment.
    #[serde(rename = "lease_secs", deserialize_with = "seconds")]
    pub lease: Duration,
    /// Carrier calls in flight at once.
    pub concurrency: usize,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            batch: 200,
            lease: Duration::from_secs(120),
            concurrency: 8,
        }
    }
}

/// How the job runner claims jobs.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobsSettings {
    /// How long (real time) a claim lasts before another runner may take the job; renewed
    /// while the job runs.
    #[serde(rename = "lease_secs", deserialize_with = "seconds")]
    pub lease: Duration,
}

impl Default for JobsSettings {
    fn default() -> Self {
        Self {
            lease: crate::jobs::RunnerSettings::default().lease,
        }
    }
}

/// One carrier's API account, with the carrier's own defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct CarrierSettings {
    /// The carrier's API base URL (production by default; a sandbox URL in tests and demos).
    pub base_url: String,
    /// OAuth client id (UPS, FedEx, USPS).
    pub client_id: Option<String>,
    /// OAuth client secret (UPS, FedEx, USPS).
    pub client_secret: Option<Secret>,
    /// API key (DHL).
    pub api_key: Option<Secret>,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Calls per second this account may make (each worker process keeps its own budget).
    pub rate_per_second: f64,
    /// Calls that may go at once after a quiet spell.
    pub burst: u32,
}

/// How logs are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl fmt::Debug for Config {
    // The database URL may carry a password; it never reaches a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &wismo_store::redact_url(&self.database_url))
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("metrics_listen", &self.metrics_listen)
            .field("log_format", &self.log_format)
            .field("secret_key", &self.secret_key)
            .field("store_pages", &self.store_pages)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("carriers", &self.carriers)
            .field("http", &self.http)
            .field("worker", &self.worker)
            .field("jobs", &self.jobs)
            .field("email", &self.email)
            .field("notify", &self.notify)
            .field("outbound", &self.outbound)
            .finish()
    }
}

/// Settings given in code: the command line's flags, or a test's. Unset fields leave the
/// lower layers' values.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics_listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<LogFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_key: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_pages: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_proxies: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub carriers: BTreeMap<String, CarrierLayer>,
    #[serde(default)]
    pub http: HttpLayer,
    #[serde(default)]
    pub worker: WorkerLayer,
    #[serde(default)]
    pub jobs: JobsLayer,
    #[serde(default)]
    pub email: EmailLayer,
    #[serde(default)]
    pub notify: NotifyLayer,
    #[serde(default)]
    pub outbound: OutboundLayer,
}

/// The outbound settings in a [`Layer`].
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutboundLayer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_private: Option<bool>,
}

/// The email settings in a [`Layer`].
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmailLayer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_url: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_ca_file: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsubscribe_mailto: Option<String>,
}

/// The notification settings in a [`Layer`].
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyLayer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burst_secs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<usize>,
}

/// The HTTP server's settings in a [`Layer`].
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HttpLayer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_timeout_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_timeout_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_timeout_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<usize>,
}

/// The worker's settings in a [`Layer`].
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerLayer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<usize>,
}

/// The job runner's settings in a [`Layer`].
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JobsLayer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease_secs: Option<u64>,
}

/// One carrier's settings as written: in a [`Layer`], the file or the environment.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierLayer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_per_second: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burst: Option<u32>,
}

/// The `WISMO_*` variables among a process's environment, read by their declarations.
#[derive(Debug, Default, Clone)]
pub struct Env(Dict);

impl Env {
    /// The declared variables among `vars`, each read as its setting's kind. A value of the
    /// wrong kind is refused with the variable's name; undeclared variables are ignored.
    pub fn from_vars(vars: impl IntoIterator<Item = (String, String)>) -> Result<Env, ConfigError> {
        let vars: BTreeMap<String, String> = vars
            .into_iter()
            .filter(|(name, _)| name.starts_with("WISMO_"))
            .collect();
        let mut dict = Dict::new();
        for (path, setting) in settings::all() {
            if let Some(value) = vars.get(setting.env) {
                insert(&mut dict, &path, env_value(setting.env, setting, value)?);
            }
        }
        for carrier in LiveCarrier::ALL {
            for setting in settings::CARRIER_SETTINGS {
                let name = format!("WISMO_{}_{}", carrier.slug().to_uppercase(), setting.env);
                if let Some(value) = vars.get(&name) {
                    let path = format!("carriers.{}.{}", carrier.slug(), setting.key);
                    insert(&mut dict, &path, env_value(&name, setting, value)?);
                }
            }
        }
        Ok(Env(dict))
    }
}

/// A variable's text as its setting's kind.
fn env_value(name: &str, setting: &Setting, value: &str) -> Result<Value, ConfigError> {
    let invalid = |what: &str| ConfigError::Invalid {
        field: name.to_owned(),
        reason: format!("`{value}` is not {what}"),
    };
    let trimmed = value.trim();
    Ok(match setting.kind {
        Kind::Text | Kind::Secret => Value::from(value.to_owned()),
        Kind::Integer => Value::from(
            trimmed
                .parse::<i64>()
                .map_err(|_| invalid("a whole number"))?,
        ),
        Kind::Number => Value::from(trimmed.parse::<f64>().map_err(|_| invalid("a number"))?),
        Kind::Bool => Value::from(match trimmed.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => true,
            "false" | "0" | "no" | "off" => false,
            _ => return Err(invalid("true or false")),
        }),
        Kind::List => Value::from(
            trimmed
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| Value::from(item.to_owned()))
                .collect::<Vec<_>>(),
        ),
    })
}

/// Puts `value` at the dotted `path` of `dict`, making the tables on the way.
fn insert(dict: &mut Dict, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            dict.insert(path.to_owned(), value);
        }
        Some((table, rest)) => {
            let entry = dict
                .entry(table.to_owned())
                .or_insert_with(|| Value::from(Dict::new()));
            if let Value::Dict(_, inner) = entry {
                insert(inner, rest, value);
            }
        }
    }
}

/// A layer of settings under a name errors can point at.
struct Named {
    name: &'static str,
    dict: Dict,
}

impl Provider for Named {
    fn metadata(&self) -> Metadata {
        Metadata::named(self.name)
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        Ok(Profile::Default.collect(self.dict.clone()))
    }
}

/// Why the configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is invalid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
}

impl ConfigError {
    fn invalid(field: &str, reason: impl Into<String>) -> Self {
        ConfigError::Invalid {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }
}

pub const DEFAULT_CONFIG_FILE: &str = "wismo.toml";

impl Config {
    /// Applies the layers in order: defaults, the config file (`file`, or `wismo.toml` in the
    /// working directory if it exists), `env`, then `cli`.
    pub fn load(file: Option<&Path>, env: Env, cli: Layer) -> Result<Config, ConfigError> {
        let default_file = Path::new(DEFAULT_CONFIG_FILE);
        let file = file.or_else(|| default_file.exists().then_some(default_file));
        let mut figment = Figment::from(figment::providers::Toml::string(&defaults_toml()));
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.to_owned(),
                source,
            })?;
            // Checked here so a syntax error names the file and its line.
            toml::from_str::<toml::Table>(&text).map_err(|e| ConfigError::Parse {
                path: path.to_owned(),
                message: e.to_string(),
            })?;
            figment = figment.merge(figment::providers::Toml::file_exact(path));
        }
        let cli = Figment::from(figment::providers::Serialized::globals(&cli))
            .extract::<Dict>()
            .map_err(|e| ConfigError::invalid("flags", e.to_string()))?;
        let config: Config = figment
            .merge(Named {
                name: "environment",
                dict: env.0,
            })
            .merge(Named {
                name: "command line",
                dict: cli,
            })
            .extract()
            .map_err(|e| from_figment(&e, file))?;
        config.checked()
    }

    /// The same settings with every value checked and bounded, and `public_url` filled in.
    fn checked(mut self) -> Result<Config, ConfigError> {
        self.public_url = if self.public_url.is_empty() {
            format!("http://{}", self.listen)
        } else {
            parse_public_url(&self.public_url)?
        };
        if !(self.database_url.starts_with("sqlite:")
            || self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::invalid(
                "database_url",
                format!(
                    "`{}` is not sqlite://PATH or postgres://…",
                    wismo_store::redact_url(&self.database_url)
                ),
            ));
        }
        self.worker.batch = self.worker.batch.clamp(1, 5000);
        self.worker.lease = self
            .worker
            .lease
            .clamp(Duration::from_secs(5), Duration::from_secs(3600));
        self.worker.concurrency = self.worker.concurrency.clamp(1, 256);
        self.jobs.lease = self
            .jobs
            .lease
            .clamp(Duration::from_secs(5), Duration::from_secs(3600));
        let within =
            |d: Duration, most: u64| d.clamp(Duration::from_secs(1), Duration::from_secs(most));
        self.http.header_timeout = within(self.http.header_timeout, 300);
        self.http.idle_timeout = within(self.http.idle_timeout, 3600);
        self.http.body_timeout = within(self.http.body_timeout, 300);
        self.http.max_connections = self.http.max_connections.clamp(1, 1_000_000);
        self.notify.burst_secs = self
            .notify
            .burst_secs
            .min(wismo_domain::notify::MAX_BURST_SECS);
        self.notify.concurrency = self.notify.concurrency.clamp(1, 256);
        if let Some(url) = &self.email.smtp_url {
            crate::mail::SmtpUrl::parse(url.expose())
                .map_err(|e| ConfigError::invalid("email.smtp_url", e))?;
        }
        if let Some(path) = &self.email.smtp_ca_file {
            crate::mail::read_ca_file(path)
                .map_err(|e| ConfigError::invalid("email.smtp_ca_file", e))?;
        }
        if let Some(from) = &self.email.from {
            wismo_domain::Email::parse(from)
                .map_err(|e| ConfigError::invalid("email.from", e.to_string()))?;
        }
        if let Some(to) = &self.email.unsubscribe_mailto {
            wismo_domain::Email::parse(to)
                .map_err(|e| ConfigError::invalid("email.unsubscribe_mailto", e.to_string()))?;
        }
        Ok(self)
    }

    /// The account to call `carrier` with, or a message saying what to configure.
    pub fn carrier_account(&self, carrier: LiveCarrier) -> Result<Account, ConfigError> {
        let missing = |what: &str| {
            ConfigError::invalid(
                "carriers",
                format!(
                    "no {what} for `{carrier}`: set [carriers.{carrier}] in wismo.toml or WISMO_{}_* variables (see `wismo config example`)",
                    carrier.slug().to_uppercase()
                ),
            )
        };
        let settings = self
            .carriers
            .get(carrier.slug())
            .ok_or_else(|| missing("account"))?;
        let (client_id, secret) = if carrier.signs_in_with_api_key() {
            (
                String::new(),
                settings.api_key.clone().ok_or_else(|| missing("api_key"))?,
            )
        } else {
            (
                settings
                    .client_id
                    .clone()
                    .ok_or_else(|| missing("client_id"))?,
                settings
                    .client_secret
                    .clone()
                    .ok_or_else(|| missing("client_secret"))?,
            )
        };
        Ok(Account {
            base_url: settings.base_url.clone(),
            client_id,
            secret,
            timeout: settings.timeout,
        })
    }
}

/// The declared defaults as a TOML document: the lowest layer.
fn defaults_toml() -> String {
    let mut doc = String::new();
    for section in settings::SECTIONS {
        if !section.table.is_empty() {
            doc.push_str(&format!("[{}]\n", section.table));
        }
        for setting in section.settings {
            if let Some(default) = setting.default {
                doc.push_str(&format!("{} = {default}\n", setting.key));
            }
        }
    }
    doc
}

/// A figment error as one line naming the setting and the layer it came from.
fn from_figment(e: &figment::Error, file: Option<&Path>) -> ConfigError {
    let field = if e.path.is_empty() {
        "config".to_owned()
    } else {
        e.path.join(".")
    };
    let source = match (e.metadata.as_ref(), file) {
        (Some(m), Some(path)) if m.source.is_some() => format!(" (in {})", path.display()),
        (Some(m), _) => format!(" (from the {})", m.name),
        (None, _) => String::new(),
    };
    ConfigError::invalid(&field, format!("{}{source}", e.kind))
}

/// `trusted_proxies` as addresses and ranges; an entry that is neither is refused.
fn trusted_proxies<'de, D: Deserializer<'de>>(d: D) -> Result<TrustedProxies, D::Error> {
    use serde::de::Error as _;
    TrustedProxies::parse(&Vec::<String>::deserialize(d)?).map_err(D::Error::custom)
}

fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    u64::deserialize(d).map(Duration::from_secs)
}

/// `[carriers.*]` tables as accounts, each carrier's defaults filled in; an unknown
/// carrier is refused.
fn carrier_accounts<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, CarrierSettings>, D::Error> {
    use serde::de::Error as _;
    let layers = BTreeMap::<String, CarrierLayer>::deserialize(d)?;
    let mut accounts = BTreeMap::new();
    for (name, layer) in layers {
        let Some(carrier) = LiveCarrier::parse(&name) else {
            let known: Vec<_> = LiveCarrier::ALL.iter().map(|c| c.slug()).collect();
            return Err(D::Error::custom(format!(
                "unknown carrier `{name}`; expected one of {}",
                known.join(", ")
            )));
        };
        let settings = carrier_settings(carrier, layer).map_err(D::Error::custom)?;
        accounts.insert(carrier.slug().to_owned(), settings);
    }
    Ok(accounts)
}

fn carrier_settings(carrier: LiveCarrier, layer: CarrierLayer) -> Result<CarrierSettings, String> {
    let base_url = match layer.base_url {
        Some(url) => parse_public_url(&url)
            .map_err(|_| format!("{carrier}: base_url `{url}` is not an http(s) URL"))?,
        None => carrier.production_url().to_owned(),
    };
    let (default_rate, default_burst) = carrier.default_budget();
    let rate_per_second = layer.rate_per_second.unwrap_or(default_rate);
    if !(rate_per_second.is_finite() && rate_per_second > 0.0) {
        return Err(format!(
            "{carrier}: rate_per_second `{rate_per_second}` is not a positive number"
        ));
    }
    Ok(CarrierSettings {
        base_url,
        client_id: layer.client_id,
        client_secret: layer.client_secret,
        api_key: layer.api_key,
        timeout: Duration::from_secs(layer.timeout_secs.unwrap_or(20).clamp(1, 300)),
        rate_per_second,
        burst: layer.burst.unwrap_or(default_burst).max(1),
    })
}

fn parse_public_url(url: &str) -> Result<String, ConfigError> {
    let trimmed = url.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty()
                && !host.contains(char::is_whitespace)
                && !host.contains(['?', '#']) =>
        {
            Ok(trimmed.to_owned())
        }
        _ => Err(ConfigError::invalid(
            "public_url",
            format!("`{url}` is not an http(s) URL like https://track.example.com"),
        )),
    }
}

#[cfg(test)]
mod tests;
