//! Configuration, layered: built-in defaults, then an optional `wismo.toml`, then `WISMO_*`
//! environment variables, then command-line flags. Later layers win.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use wismo_carriers::adapters::{Account, LIVE_CARRIERS};
use wismo_domain::Secret;

/// The server's configuration after all layers are applied.
#[derive(Clone, PartialEq)]
pub struct Config {
    /// `sqlite://PATH` (created if missing) or `postgres://USER:PASSWORD@HOST/DB`.
    pub database_url: String,
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// Base URL customers reach wismo at; private tracking links are `{public_url}/t/{token}`.
    pub public_url: String,
    /// Log output: human-readable `text` or `json` lines.
    pub log_format: LogFormat,
    /// Carrier API accounts, by carrier slug (`ups`, `fedex`, `usps`, `dhl`).
    pub carriers: BTreeMap<String, CarrierSettings>,
    /// The polling worker.
    pub worker: WorkerSettings,
}

/// How the polling worker works.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkerSettings {
    /// Due shipments claimed at a time.
    pub batch: u32,
    /// How long (real time) a claim lasts before another worker may take the shipment.
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

/// One carrier's API account.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
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
            .field("log_format", &self.log_format)
            .field("carriers", &self.carriers)
            .field("worker", &self.worker)
            .finish()
    }
}

/// One layer of settings; every field optional so layers can be merged.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub database_url: Option<String>,
    pub listen: Option<String>,
    pub public_url: Option<String>,
    pub log_format: Option<LogFormat>,
    #[serde(default)]
    pub carriers: BTreeMap<String, CarrierLayer>,
    #[serde(default)]
    pub worker: WorkerLayer,
}

/// The worker's settings in one layer.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerLayer {
    pub batch: Option<u32>,
    pub lease_secs: Option<u64>,
    pub concurrency: Option<usize>,
}

/// One carrier's settings in one layer.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierLayer {
    pub base_url: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub api_key: Option<Secret>,
    pub timeout_secs: Option<u64>,
    pub rate_per_second: Option<f64>,
    pub burst: Option<u32>,
}

impl CarrierLayer {
    fn merge(&mut self, over: CarrierLayer) {
        self.base_url = over.base_url.or(self.base_url.take());
        self.client_id = over.client_id.or(self.client_id.take());
        self.client_secret = over.client_secret.or(self.client_secret.take());
        self.api_key = over.api_key.or(self.api_key.take());
        self.timeout_secs = over.timeout_secs.or(self.timeout_secs.take());
        self.rate_per_second = over.rate_per_second.or(self.rate_per_second.take());
        self.burst = over.burst.or(self.burst.take());
    }
}

impl Layer {
    fn merge(&mut self, over: Layer) {
        self.database_url = over.database_url.or(self.database_url.take());
        self.listen = over.listen.or(self.listen.take());
        self.public_url = over.public_url.or(self.public_url.take());
        self.log_format = over.log_format.or(self.log_format.take());
        for (carrier, settings) in over.carriers {
            self.carriers.entry(carrier).or_default().merge(settings);
        }
        let worker = &mut self.worker;
        worker.batch = over.worker.batch.or(worker.batch);
        worker.lease_secs = over.worker.lease_secs.or(worker.lease_secs);
        worker.concurrency = over.worker.concurrency.or(worker.concurrency);
    }

    /// The `WISMO_*` variables among `vars`.
    pub fn from_env(
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Layer, ConfigError> {
        let mut layer = Layer::default();
        for (name, value) in vars {
            if let Some((carrier, field)) = carrier_variable(&name) {
                let entry = layer.carriers.entry(carrier.to_owned()).or_default();
                match field {
                    "BASE_URL" => entry.base_url = Some(value),
                    "CLIENT_ID" => entry.client_id = Some(value),
                    "CLIENT_SECRET" => entry.client_secret = Some(Secret::new(value)),
                    "API_KEY" => entry.api_key = Some(Secret::new(value)),
                    "RATE_PER_SECOND" => entry.rate_per_second = Some(number(&name, &value)?),
                    "BURST" => entry.burst = Some(number(&name, &value)?),
                    _ => {
                        let seconds = value.parse().map_err(|_| ConfigError::Invalid {
                            field: "WISMO_*_TIMEOUT_SECS",
                            reason: format!("`{value}` is not a number of seconds"),
                        })?;
                        entry.timeout_secs = Some(seconds);
                    }
                }
                continue;
            }
            match name.as_str() {
                "WISMO_DATABASE_URL" => layer.database_url = Some(value),
                "WISMO_LISTEN" => layer.listen = Some(value),
                "WISMO_PUBLIC_URL" => layer.public_url = Some(value),
                "WISMO_WORKER_BATCH" => layer.worker.batch = Some(number(&name, &value)?),
                "WISMO_WORKER_LEASE_SECS" => layer.worker.lease_secs = Some(number(&name, &value)?),
                "WISMO_WORKER_CONCURRENCY" => {
                    layer.worker.concurrency = Some(number(&name, &value)?)
                }
                "WISMO_LOG_FORMAT" => {
                    layer.log_format = Some(match value.as_str() {
                        "text" => LogFormat::Text,
                        "json" => LogFormat::Json,
                        _ => {
                            return Err(ConfigError::Invalid {
                                field: "WISMO_LOG_FORMAT",
                                reason: format!("`{value}` is not `text` or `json`"),
                            });
                        }
                    })
                }
                _ => {}
            }
        }
        Ok(layer)
    }
}

/// A variable's value as a number.
fn number<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, ConfigError> {
    value.trim().parse().map_err(|_| ConfigError::Invalid {
        field: "environment",
        reason: format!("{name}: `{value}` is not a number"),
    })
}

/// `WISMO_UPS_CLIENT_ID` → (`ups`, `CLIENT_ID`), for the live carriers' settings.
fn carrier_variable(name: &str) -> Option<(&'static str, &str)> {
    let rest = name.strip_prefix("WISMO_")?;
    LIVE_CARRIERS.into_iter().find_map(|carrier| {
        let field = rest
            .strip_prefix(carrier.to_uppercase().as_str())?
            .strip_prefix('_')?;
        [
            "BASE_URL",
            "CLIENT_ID",
            "CLIENT_SECRET",
            "API_KEY",
            "TIMEOUT_SECS",
            "RATE_PER_SECOND",
            "BURST",
        ]
        .contains(&field)
        .then_some((carrier, field))
    })
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
    Invalid { field: &'static str, reason: String },
}

pub const DEFAULT_CONFIG_FILE: &str = "wismo.toml";

impl Config {
    /// Applies the layers in order: defaults, the config file (`file`, or `wismo.toml` in the
    /// working directory if it exists), `env`, then `cli`.
    pub fn load(file: Option<&Path>, env: Layer, cli: Layer) -> Result<Config, ConfigError> {
        let mut layer = Layer::default();
        let default_file = Path::new(DEFAULT_CONFIG_FILE);
        let file = file.or_else(|| default_file.exists().then_some(default_file));
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.to_owned(),
                source,
            })?;
            let from_file: Layer = toml::from_str(&text).map_err(|e| ConfigError::Parse {
                path: path.to_owned(),
                message: e.to_string(),
            })?;
            layer.merge(from_file);
        }
        layer.merge(env);
        layer.merge(cli);
        Config::resolve(layer)
    }

    fn resolve(layer: Layer) -> Result<Config, ConfigError> {
        let listen_text = layer.listen.unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let listen: SocketAddr = listen_text.parse().map_err(|_| ConfigError::Invalid {
            field: "listen",
            reason: format!("`{listen_text}` is not an address like 127.0.0.1:8080"),
        })?;
        let public_url = match layer.public_url {
            Some(url) => parse_public_url(&url)?,
            None => format!("http://{listen}"),
        };
        let database_url = layer
            .database_url
            .unwrap_or_else(|| "sqlite://wismo.db".to_owned());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                field: "database_url",
                reason: format!(
                    "`{}` is not sqlite://PATH or postgres://…",
                    wismo_store::redact_url(&database_url)
                ),
            });
        }
        let mut carriers = BTreeMap::new();
        for (name, settings) in layer.carriers {
            let Some(slug) = LIVE_CARRIERS.into_iter().find(|c| *c == name) else {
                return Err(ConfigError::Invalid {
                    field: "carriers",
                    reason: format!(
                        "unknown carrier `{name}`; expected one of {}",
                        LIVE_CARRIERS.join(", ")
                    ),
                });
            };
            let base_url = match settings.base_url {
                Some(url) => parse_public_url(&url).map_err(|_| ConfigError::Invalid {
                    field: "carriers.*.base_url",
                    reason: format!("`{url}` is not an http(s) URL"),
                })?,
                None => default_base_url(slug).to_owned(),
            };
            let timeout = Duration::from_secs(settings.timeout_secs.unwrap_or(20).clamp(1, 300));
            let (default_rate, default_burst) = default_rate(slug);
            let rate_per_second = settings.rate_per_second.unwrap_or(default_rate);
            if !(rate_per_second.is_finite() && rate_per_second > 0.0) {
                return Err(ConfigError::Invalid {
                    field: "carriers.*.rate_per_second",
                    reason: format!("{slug}: `{rate_per_second}` is not a positive number"),
                });
            }
            let settings = CarrierSettings {
                base_url,
                client_id: settings.client_id,
                client_secret: settings.client_secret,
                api_key: settings.api_key,
                timeout,
                rate_per_second,
                burst: settings.burst.unwrap_or(default_burst).max(1),
            };
            carriers.insert(slug.to_owned(), settings);
        }
        Ok(Config {
            database_url,
            listen,
            public_url,
            log_format: layer.log_format.unwrap_or(LogFormat::Text),
            carriers,
            worker: WorkerSettings {
                batch: layer.worker.batch.unwrap_or(200).clamp(1, 5000),
                lease: Duration::from_secs(layer.worker.lease_secs.unwrap_or(120).clamp(5, 3600)),
                concurrency: layer.worker.concurrency.unwrap_or(8).clamp(1, 256),
            },
        })
    }

    /// The account to call `carrier` with, or a message saying what to configure.
    pub fn carrier_account(&self, carrier: &str) -> Result<Account, ConfigError> {
        let missing = |what: &str| ConfigError::Invalid {
            field: "carriers",
            reason: format!(
                "no {what} for `{carrier}`: set [carriers.{carrier}] in wismo.toml or WISMO_{}_* variables (see `wismo config example`)",
                carrier.to_uppercase()
            ),
        };
        let settings = self
            .carriers
            .get(carrier)
            .ok_or_else(|| missing("account"))?;
        let (client_id, secret) = if carrier == "dhl" {
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

/// Calls per second and burst for an account nobody configured limits for: within the
/// published defaults of each carrier's developer program (USPS grants 60 calls an hour to
/// new apps and DHL 250 a day: raise these when the carrier raises the quota).
fn default_rate(carrier: &str) -> (f64, u32) {
    match carrier {
        "ups" | "fedex" => (10.0, 20),
        "usps" => (1.0 / 60.0, 5),
        _ => (250.0 / 86_400.0, 5),
    }
}

fn default_base_url(carrier: &str) -> &'static str {
    use wismo_carriers::adapters::{dhl, fedex, ups, usps};
    match carrier {
        "ups" => ups::PRODUCTION,
        "fedex" => fedex::PRODUCTION,
        "usps" => usps::PRODUCTION,
        _ => dhl::PRODUCTION,
    }
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
        _ => Err(ConfigError::Invalid {
            field: "public_url",
            reason: format!("`{url}` is not an http(s) URL like https://track.example.com"),
        }),
    }
}

/// A commented example `wismo.toml`, printed by `wismo config example`.
pub const EXAMPLE: &str = r#"# wismo.toml: wismo's configuration file.
#
# Settings are applied in this order, later ones winning:
#   built-in defaults < this file < WISMO_* environment variables < command-line flags.
# wismo reads ./wismo.toml when it exists, or the file given with --config / WISMO_CONFIG.

# Where wismo keeps its data (WISMO_DATABASE_URL, --database-url).
#   sqlite://wismo.db                       one file, created if missing (the default)
#   postgres://wismo:PASSWORD@db/wismo      PostgreSQL, for several servers and workers
# Passwords in this URL are never written to logs.
database_url = "sqlite://wismo.db"

# Address the HTTP server listens on (WISMO_LISTEN, --listen).
listen = "127.0.0.1:8080"

# The address customers reach wismo at, behind any proxy (WISMO_PUBLIC_URL, --public-url).
# Private tracking links are {public_url}/t/{token}. Defaults to http://{listen}.
# public_url = "https://track.example.com"

# Log format on stderr: "text" or "json" (WISMO_LOG_FORMAT, --log-format).
# The level is set with RUST_LOG, e.g. RUST_LOG=info,wismo=debug.
log_format = "text"

# Carrier API accounts. Each field also comes from WISMO_<CARRIER>_<FIELD>, e.g.
# WISMO_UPS_CLIENT_SECRET. Secrets are never written to logs. base_url defaults to the
# carrier's production API; point it at wismo's sandbox carrier to try things out, e.g.
# base_url = "http://127.0.0.1:8080/sandbox/ups" with `wismo serve --sandbox`
# (the sandbox accepts client id, secret and API key "sandbox").
#
# [carriers.ups]        # UPS Track API v1, OAuth client credentials
# client_id = "..."
# client_secret = "..."
#
# [carriers.fedex]      # FedEx Track API, OAuth client credentials
# client_id = "..."
# client_secret = "..."
#
# [carriers.usps]       # USPS Tracking v3, OAuth with the `tracking` scope
# client_id = "..."
# client_secret = "..."
#
# [carriers.dhl]        # DHL Shipment Tracking - Unified, API key
# api_key = "..."
# timeout_secs = 20
#
# Each account's call budget, per worker process (WISMO_<CARRIER>_RATE_PER_SECOND,
# WISMO_<CARRIER>_BURST). Defaults: UPS and FedEx 10/s with bursts of 20; USPS one a
# minute and DHL 250 a day, the quotas new developer apps get; raise them with yours.
# rate_per_second = 10
# burst = 20

# The polling worker (WISMO_WORKER_BATCH, WISMO_WORKER_LEASE_SECS,
# WISMO_WORKER_CONCURRENCY). `wismo serve` runs it beside the web server; run it apart
# with `wismo serve --role worker`, as many as you like on PostgreSQL.
[worker]
batch = 200          # due shipments claimed at a time
lease_secs = 120     # how long a claim lasts if the worker dies holding it
concurrency = 8      # carrier calls in flight at once
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Layer {
        Layer::from_env(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        )
        .unwrap_or_default()
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() -> Result<(), ConfigError> {
        let config = Config::resolve(Layer::default())?;
        assert_eq!(config.database_url, "sqlite://wismo.db");
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
        Ok(())
    }

    #[test]
    fn file_then_environment_then_flags_win_in_that_order() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = std::env::temp_dir().join(format!("wismo-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let file = dir.join("wismo.toml");
        std::fs::write(
            &file,
            "listen = \"0.0.0.0:9000\"\npublic_url = \"https://file.example\"\ndatabase_url = \"sqlite://file.db\"\n",
        )?;
        let config = Config::load(
            Some(&file),
            env(&[
                ("WISMO_PUBLIC_URL", "https://env.example/"),
                ("WISMO_DATABASE_URL", "sqlite://env.db"),
            ]),
            Layer {
                database_url: Some("sqlite://flag.db".into()),
                ..Layer::default()
            },
        )?;
        assert_eq!(config.listen.to_string(), "0.0.0.0:9000");
        assert_eq!(config.public_url, "https://env.example");
        assert_eq!(config.database_url, "sqlite://flag.db");
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn the_example_file_parses_and_matches_the_defaults() -> Result<(), Box<dyn std::error::Error>>
    {
        let layer: Layer = toml::from_str(EXAMPLE)?;
        assert_eq!(Config::resolve(layer)?, Config::resolve(Layer::default())?);
        Ok(())
    }

    #[test]
    fn bad_values_are_refused_with_the_field_name() {
        let bad = |layer: Layer| {
            Config::resolve(layer)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(
            bad(Layer {
                listen: Some("localhost".into()),
                ..Layer::default()
            })
            .starts_with("listen:")
        );
        assert!(
            bad(Layer {
                public_url: Some("ftp://x".into()),
                ..Layer::default()
            })
            .starts_with("public_url:")
        );
        assert!(
            bad(Layer {
                database_url: Some("mysql://x".into()),
                ..Layer::default()
            })
            .starts_with("database_url:")
        );
        assert!(Layer::from_env([("WISMO_LOG_FORMAT".to_owned(), "xml".to_owned())]).is_err());
    }

    #[test]
    fn call_budgets_and_worker_settings_come_from_the_environment() -> Result<(), ConfigError> {
        let layer = env(&[
            ("WISMO_UPS_CLIENT_ID", "id"),
            ("WISMO_UPS_RATE_PER_SECOND", "2.5"),
            ("WISMO_UPS_BURST", "7"),
            ("WISMO_USPS_CLIENT_ID", "id"),
            ("WISMO_WORKER_BATCH", "50"),
            ("WISMO_WORKER_LEASE_SECS", "30"),
            ("WISMO_WORKER_CONCURRENCY", "3"),
        ]);
        let config = Config::resolve(layer)?;
        let ups = &config.carriers["ups"];
        assert_eq!((ups.rate_per_second, ups.burst), (2.5, 7));
        // Without a budget, a carrier gets its developer program's default quota.
        let usps = &config.carriers["usps"];
        assert!(usps.rate_per_second < 0.1, "{}", usps.rate_per_second);
        assert_eq!(config.worker.batch, 50);
        assert_eq!(config.worker.lease, Duration::from_secs(30));
        assert_eq!(config.worker.concurrency, 3);
        let bad = Layer::from_env([("WISMO_UPS_BURST".to_owned(), "lots".to_owned())]);
        assert!(bad.is_err());
        let zero = Config::resolve(env(&[("WISMO_DHL_RATE_PER_SECOND", "0")]));
        assert!(zero.is_err());
        Ok(())
    }

    #[test]
    fn carrier_accounts_come_from_the_file_and_the_environment_with_secrets_hidden()
    -> Result<(), ConfigError> {
        let mut file: Layer = toml::from_str(
            "[carriers.ups]\nclient_id = \"file-id\"\nclient_secret = \"file-secret\"\n[carriers.dhl]\napi_key = \"dhl-key\"\nbase_url = \"http://127.0.0.1:9/sandbox/dhl/\"\n",
        )
        .map_err(|e| ConfigError::Invalid { field: "test", reason: e.to_string() })?;
        file.merge(env(&[
            ("WISMO_UPS_CLIENT_SECRET", "env-secret"),
            ("WISMO_FEDEX_CLIENT_ID", "fx"),
        ]));
        let config = Config::resolve(file)?;
        let ups = config.carrier_account("ups")?;
        assert_eq!(
            (ups.client_id.as_str(), ups.secret.expose()),
            ("file-id", "env-secret")
        );
        assert_eq!(ups.base_url, "https://onlinetools.ups.com");
        let dhl = config.carrier_account("dhl")?;
        assert_eq!(
            (dhl.secret.expose(), dhl.base_url.as_str()),
            ("dhl-key", "http://127.0.0.1:9/sandbox/dhl")
        );
        let fedex = config
            .carrier_account("fedex")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            fedex.contains("client_secret") && fedex.contains("WISMO_FEDEX_"),
            "{fedex}"
        );
        let shown = format!("{config:?}");
        assert!(
            !shown.contains("env-secret") && !shown.contains("dhl-key"),
            "{shown}"
        );
        Ok(())
    }

    #[test]
    fn an_unknown_carrier_section_is_refused() {
        let layer: Layer =
            toml::from_str("[carriers.pigeon]\nclient_id = \"x\"\n").unwrap_or_default();
        let err = Config::resolve(layer)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("pigeon"), "{err}");
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        assert!(toml::from_str::<Layer>("listen_addr = \"x\"").is_err());
    }

    #[test]
    fn debug_output_hides_the_database_password() -> Result<(), ConfigError> {
        let config = Config::resolve(Layer {
            database_url: Some("postgres://app:hunter2@db/wismo".into()),
            ..Layer::default()
        })?;
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("app:***@db"), "{shown}");
        Ok(())
    }
}
