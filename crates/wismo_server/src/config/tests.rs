use super::*;

fn env(pairs: &[(&str, &str)]) -> Result<Env, ConfigError> {
    Env::from_vars(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    )
}

fn load(env: Env, cli: Layer) -> Result<Config, ConfigError> {
    Config::load(Some(Path::new("/dev/null")), env, cli)
}

fn defaults() -> Result<Config, ConfigError> {
    load(Env::default(), Layer::default())
}

/// A config file with `text`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> std::io::Result<Self> {
        Self::named(name, "wismo.toml", text)
    }

    fn named(name: &str, file: &str, text: &str) -> std::io::Result<Self> {
        let dir = std::env::temp_dir().join(format!("wismo-config-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(file);
        std::fs::write(&path, text)?;
        Ok(Self(path))
    }
}

/// A PEM file holding one certificate, as a relay's CA file.
fn ca_file(name: &str) -> Result<TempFile, Box<dyn std::error::Error>> {
    let ca = rcgen::generate_simple_self_signed(vec!["ca.example".to_owned()])?;
    Ok(TempFile::named(name, "ca.pem", &ca.cert.pem())?)
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn error_of(result: Result<Config, ConfigError>) -> String {
    result.err().map(|e| e.to_string()).unwrap_or_default()
}

#[test]
fn defaults_apply_when_nothing_is_set() -> Result<(), ConfigError> {
    let config = defaults()?;
    assert_eq!(config.database_url, "sqlite://wismo.db");
    assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(config.public_url, "http://127.0.0.1:8080");
    assert_eq!(config.log_format, LogFormat::Text);
    assert!(config.store_pages);
    assert!(config.trusted_proxies.is_empty());
    assert!(!config.outbound.allow_private);
    assert_eq!(config.notify.concurrency, 16);
    assert_eq!(config.worker, WorkerSettings::default());
    assert_eq!(config.jobs, JobsSettings::default());
    assert_eq!(config.http, HttpSettings::default());
    assert_eq!(config.metrics_listen, None);
    assert!(config.carriers.is_empty());
    Ok(())
}

#[test]
fn http_limits_and_the_metrics_listener_come_from_the_environment_and_are_bounded()
-> Result<(), ConfigError> {
    let config = load(
        env(&[
            ("WISMO_HTTP_HEADER_TIMEOUT_SECS", "3"),
            ("WISMO_HTTP_IDLE_TIMEOUT_SECS", "0"),
            ("WISMO_HTTP_BODY_TIMEOUT_SECS", "100000"),
            ("WISMO_HTTP_MAX_CONNECTIONS", "50"),
            ("WISMO_METRICS_LISTEN", "127.0.0.1:9090"),
        ])?,
        Layer::default(),
    )?;
    assert_eq!(config.http.header_timeout, Duration::from_secs(3));
    assert_eq!(config.http.idle_timeout, Duration::from_secs(1));
    assert_eq!(config.http.body_timeout, Duration::from_secs(300));
    assert_eq!(config.http.max_connections, 50);
    assert_eq!(
        config.metrics_listen.map(|a| a.to_string()).as_deref(),
        Some("127.0.0.1:9090")
    );
    let bad = error_of(load(
        env(&[("WISMO_METRICS_LISTEN", "localhost")])?,
        Layer::default(),
    ));
    assert!(bad.starts_with("metrics_listen:"), "{bad}");
    Ok(())
}

#[test]
fn file_then_environment_then_flags_win_in_that_order() -> Result<(), Box<dyn std::error::Error>> {
    let file = TempFile::new(
        "order",
        "listen = \"0.0.0.0:9000\"\npublic_url = \"https://file.example\"\ndatabase_url = \"sqlite://file.db\"\n[worker]\nbatch = 10\n",
    )?;
    let config = Config::load(
        Some(&file.0),
        env(&[
            ("WISMO_PUBLIC_URL", "https://env.example/"),
            ("WISMO_DATABASE_URL", "sqlite://env.db"),
        ])?,
        Layer {
            database_url: Some("sqlite://flag.db".into()),
            ..Layer::default()
        },
    )?;
    assert_eq!(config.listen.to_string(), "0.0.0.0:9000");
    assert_eq!(config.public_url, "https://env.example");
    assert_eq!(config.database_url, "sqlite://flag.db");
    assert_eq!(config.worker.batch, 10);
    assert_eq!(
        config.worker.concurrency, 8,
        "a section's other keys keep their defaults"
    );
    Ok(())
}

#[test]
fn the_example_file_parses_to_the_defaults_and_names_every_setting()
-> Result<(), Box<dyn std::error::Error>> {
    let text = example();
    let file = TempFile::new("example", &text)?;
    let from_example = Config::load(Some(&file.0), Env::default(), Layer::default())?;
    assert_eq!(from_example, defaults()?);
    for (path, setting) in settings::all() {
        let key = path.rsplit('.').next().unwrap_or(&path);
        assert!(text.contains(setting.env), "{} missing", setting.env);
        assert!(text.contains(&format!("{key} =")), "{path} missing");
    }
    for carrier in LiveCarrier::ALL {
        assert!(text.contains(&format!("[carriers.{carrier}]")), "{carrier}");
    }
    for field in settings::CARRIER_SETTINGS {
        assert!(
            text.contains(&format!("# {}: ", field.key)),
            "{}",
            field.key
        );
    }
    Ok(())
}

#[test]
fn every_declared_variable_is_read_into_its_setting() -> Result<(), Box<dyn std::error::Error>> {
    // A value of the right kind for each declaration: loading must accept every one, so a
    // variable whose path has no field in `Config` fails here.
    let ca = ca_file("declared")?;
    let ca_path = ca.0.display().to_string();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (_, setting) in settings::all() {
        let value = match (setting.env, setting.kind) {
            ("WISMO_DATABASE_URL", _) => "sqlite://declared.db",
            ("WISMO_LISTEN", _) => "127.0.0.1:9999",
            ("WISMO_METRICS_LISTEN", _) => "127.0.0.1:9998",
            ("WISMO_PUBLIC_URL", _) => "https://declared.example",
            ("WISMO_LOG_FORMAT", _) => "json",
            ("WISMO_TRUSTED_PROXIES", _) => "10.0.0.0/8, 192.0.2.1",
            // Its default is false.
            ("WISMO_OUTBOUND_ALLOW_PRIVATE", _) => "true",
            ("WISMO_SMTP_URL", _) => "smtp://u:p@smtp.declared.example:587",
            ("WISMO_SMTP_CA_FILE", _) => &ca_path,
            ("WISMO_EMAIL_FROM", _) => "updates@declared.example",
            ("WISMO_EMAIL_UNSUBSCRIBE_MAILTO", _) => "unsubscribe@declared.example",
            (_, Kind::Integer | Kind::Number) => "7",
            (_, Kind::Bool) => "false",
            (_, Kind::List) => "a, b",
            (_, Kind::Text | Kind::Secret) => "declared",
        };
        pairs.push((setting.env.to_owned(), value.to_owned()));
    }
    for field in settings::CARRIER_SETTINGS {
        let value = match field.kind {
            Kind::Integer | Kind::Number => "7",
            _ if field.key == "base_url" => "http://127.0.0.1:9/ups",
            _ => "declared",
        };
        pairs.push((format!("WISMO_UPS_{}", field.env), value.to_owned()));
    }
    let config = load(Env::from_vars(pairs)?, Layer::default())?;
    assert_eq!(config.database_url, "sqlite://declared.db");
    assert_eq!(config.listen.to_string(), "127.0.0.1:9999");
    assert_eq!(config.public_url, "https://declared.example");
    assert_eq!(config.log_format, LogFormat::Json);
    assert!(!config.store_pages);
    assert!(
        config
            .trusted_proxies
            .contains(std::net::Ipv4Addr::new(10, 9, 9, 9).into())
    );
    assert!(
        config
            .trusted_proxies
            .contains(std::net::Ipv4Addr::new(192, 0, 2, 1).into())
    );
    assert!(config.outbound.allow_private);
    assert_eq!(config.worker.batch, 7);
    assert_eq!(config.worker.lease, Duration::from_secs(7));
    assert_eq!(config.worker.concurrency, 7);
    assert_eq!(config.jobs.lease, Duration::from_secs(7));
    assert_eq!(
        config.metrics_listen.map(|a| a.to_string()).as_deref(),
        Some("127.0.0.1:9998")
    );
    assert_eq!(config.http.header_timeout, Duration::from_secs(7));
    assert_eq!(config.http.idle_timeout, Duration::from_secs(7));
    assert_eq!(config.http.body_timeout, Duration::from_secs(7));
    assert_eq!(config.http.max_connections, 7);
    assert_eq!(config.notify.burst_secs, 7);
    assert_eq!(
        config.email.from.as_deref(),
        Some("updates@declared.example")
    );
    assert!(config.email.smtp_url.is_some());
    assert_eq!(config.email.smtp_ca_file.as_deref(), Some(ca.0.as_path()));
    assert!(
        !format!("{config:?}").contains("u:p@"),
        "the relay's password is never printed"
    );
    let ups = &config.carriers["ups"];
    assert_eq!(ups.base_url, "http://127.0.0.1:9/ups");
    assert_eq!(ups.client_id.as_deref(), Some("declared"));
    assert_eq!(ups.timeout, Duration::from_secs(7));
    assert_eq!((ups.rate_per_second, ups.burst), (7.0, 7));
    Ok(())
}

#[test]
fn bad_values_are_refused_with_the_setting_name() -> Result<(), ConfigError> {
    let with = |layer: Layer| error_of(load(Env::default(), layer));
    let listen = with(Layer {
        listen: Some("localhost".into()),
        ..Layer::default()
    });
    assert!(listen.starts_with("listen:"), "{listen}");
    let public_url = with(Layer {
        public_url: Some("ftp://x".into()),
        ..Layer::default()
    });
    assert!(public_url.starts_with("public_url:"), "{public_url}");
    let database_url = with(Layer {
        database_url: Some("mysql://x".into()),
        ..Layer::default()
    });
    assert!(database_url.starts_with("database_url:"), "{database_url}");
    let log_format = error_of(load(env(&[("WISMO_LOG_FORMAT", "xml")])?, Layer::default()));
    assert!(log_format.starts_with("log_format:"), "{log_format}");
    assert!(log_format.contains("environment"), "{log_format}");
    let batch = env(&[("WISMO_WORKER_BATCH", "lots")])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(batch.starts_with("WISMO_WORKER_BATCH:"), "{batch}");
    let proxies = error_of(load(
        env(&[("WISMO_TRUSTED_PROXIES", "10.0.0.1, proxy.internal")])?,
        Layer::default(),
    ));
    assert!(proxies.starts_with("trusted_proxies:"), "{proxies}");
    assert!(proxies.contains("`proxy.internal`"), "{proxies}");
    Ok(())
}

#[test]
fn a_wrong_value_in_the_file_names_the_file_and_the_key() -> Result<(), Box<dyn std::error::Error>>
{
    let file = TempFile::new("wrong", "[worker]\nbatch = \"many\"\n")?;
    let err = error_of(Config::load(
        Some(&file.0),
        Env::default(),
        Layer::default(),
    ));
    assert!(err.starts_with("worker.batch:"), "{err}");
    assert!(err.contains(&file.0.display().to_string()), "{err}");
    let broken = TempFile::new("broken", "listen = \n")?;
    let err = error_of(Config::load(
        Some(&broken.0),
        Env::default(),
        Layer::default(),
    ));
    assert!(err.contains("is invalid"), "{err}");
    Ok(())
}

#[test]
fn a_missing_config_file_is_an_error_when_named() {
    let err = error_of(Config::load(
        Some(Path::new("/nonexistent/wismo.toml")),
        Env::default(),
        Layer::default(),
    ));
    assert!(err.starts_with("cannot read config file"), "{err}");
}

#[test]
fn call_budgets_and_worker_settings_come_from_the_environment() -> Result<(), ConfigError> {
    let config = load(
        env(&[
            ("WISMO_UPS_CLIENT_ID", "id"),
            ("WISMO_UPS_RATE_PER_SECOND", "2.5"),
            ("WISMO_UPS_BURST", "7"),
            ("WISMO_USPS_CLIENT_ID", "id"),
            ("WISMO_WORKER_BATCH", "50"),
            ("WISMO_WORKER_LEASE_SECS", "30"),
            ("WISMO_WORKER_CONCURRENCY", "3"),
        ])?,
        Layer::default(),
    )?;
    let ups = &config.carriers["ups"];
    assert_eq!((ups.rate_per_second, ups.burst), (2.5, 7));
    // Without a budget, a carrier gets its developer program's default quota.
    let usps = &config.carriers["usps"];
    assert!(usps.rate_per_second < 0.1, "{}", usps.rate_per_second);
    assert_eq!(config.worker.batch, 50);
    assert_eq!(config.worker.lease, Duration::from_secs(30));
    assert_eq!(config.worker.concurrency, 3);
    assert!(env(&[("WISMO_UPS_BURST", "lots")]).is_err());
    let zero = load(
        env(&[("WISMO_DHL_RATE_PER_SECOND", "0")])?,
        Layer::default(),
    );
    assert!(error_of(zero).contains("rate_per_second"));
    Ok(())
}

#[test]
fn out_of_range_worker_settings_are_bounded() -> Result<(), ConfigError> {
    let config = load(
        env(&[
            ("WISMO_WORKER_BATCH", "0"),
            ("WISMO_WORKER_LEASE_SECS", "1"),
            ("WISMO_WORKER_CONCURRENCY", "100000"),
            ("WISMO_JOBS_LEASE_SECS", "1"),
        ])?,
        Layer::default(),
    )?;
    assert_eq!(config.worker.batch, 1);
    assert_eq!(config.worker.lease, Duration::from_secs(5));
    assert_eq!(config.worker.concurrency, 256);
    assert_eq!(config.jobs.lease, Duration::from_secs(5));
    Ok(())
}

#[test]
fn carrier_accounts_come_from_the_file_and_the_environment_with_secrets_hidden()
-> Result<(), Box<dyn std::error::Error>> {
    let file = TempFile::new(
        "carriers",
        "[carriers.ups]\nclient_id = \"file-id\"\nclient_secret = \"file-secret\"\n[carriers.dhl]\napi_key = \"dhl-key\"\nbase_url = \"http://127.0.0.1:9/sandbox/dhl/\"\n",
    )?;
    let config = Config::load(
        Some(&file.0),
        env(&[
            ("WISMO_UPS_CLIENT_SECRET", "env-secret"),
            ("WISMO_FEDEX_CLIENT_ID", "fx"),
            ("WISMO_DHL_API_KEY", "12345"),
            ("WISMO_SECRET_KEY", "c2VjcmV0LWtleQ"),
        ])?,
        Layer::default(),
    )?;
    let ups = config.carrier_account(LiveCarrier::Ups)?;
    assert_eq!(
        (ups.client_id.as_str(), ups.secret.expose()),
        ("file-id", "env-secret")
    );
    assert_eq!(ups.base_url, "https://onlinetools.ups.com");
    let dhl = config.carrier_account(LiveCarrier::Dhl)?;
    assert_eq!(
        (dhl.secret.expose(), dhl.base_url.as_str()),
        ("12345", "http://127.0.0.1:9/sandbox/dhl"),
        "a secret of digits stays text"
    );
    let fedex = config
        .carrier_account(LiveCarrier::Fedex)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        fedex.contains("client_secret") && fedex.contains("WISMO_FEDEX_"),
        "{fedex}"
    );
    let shown = format!("{config:?}");
    assert!(
        !shown.contains("env-secret")
            && !shown.contains("file-secret")
            && !shown.contains("12345")
            && !shown.contains("c2VjcmV0LWtleQ"),
        "{shown}"
    );
    Ok(())
}

#[test]
fn an_unknown_carrier_section_is_refused() -> std::io::Result<()> {
    let file = TempFile::new("pigeon", "[carriers.pigeon]\nclient_id = \"x\"\n")?;
    let err = error_of(Config::load(
        Some(&file.0),
        Env::default(),
        Layer::default(),
    ));
    assert!(err.contains("pigeon"), "{err}");
    Ok(())
}

#[test]
fn unknown_keys_in_the_file_are_refused() -> std::io::Result<()> {
    let file = TempFile::new("unknown", "listen_addr = \"x\"\n")?;
    let err = error_of(Config::load(
        Some(&file.0),
        Env::default(),
        Layer::default(),
    ));
    assert!(err.contains("listen_addr"), "{err}");
    Ok(())
}

#[test]
fn debug_output_hides_the_database_password() -> Result<(), ConfigError> {
    let config = load(
        Env::default(),
        Layer {
            database_url: Some("postgres://app:hunter2@db/wismo".into()),
            ..Layer::default()
        },
    )?;
    let shown = format!("{config:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("app:***@db"), "{shown}");
    Ok(())
}

#[test]
fn each_carrier_block_of_the_example_uncommented_gives_that_carriers_defaults()
-> Result<(), Box<dyn std::error::Error>> {
    let text = example();
    for carrier in LiveCarrier::ALL {
        let header = format!("# [carriers.{carrier}]");
        let block: String = text
            .lines()
            .skip_while(|line| !line.starts_with(&header))
            .take_while(|line| *line != "#")
            .map(|line| format!("{}\n", line.trim_start_matches("# ")))
            .collect();
        assert!(
            block.starts_with(&format!("[carriers.{carrier}]")),
            "{block}"
        );
        let file = TempFile::new(carrier.slug(), &block)?;
        let config = Config::load(Some(&file.0), Env::default(), Layer::default())?;
        let settings = &config.carriers[carrier.slug()];
        let (rate, burst) = carrier.default_budget();
        assert_eq!(settings.base_url, carrier.production_url());
        assert!((settings.rate_per_second - rate).abs() < 1e-6, "{carrier}");
        assert_eq!(settings.burst, burst);
        assert_eq!(settings.timeout, Duration::from_secs(20));
        assert!(
            config.carrier_account(carrier).is_ok(),
            "{carrier}: {block}"
        );
    }
    Ok(())
}

#[test]
fn a_relay_ca_file_that_cannot_be_used_stops_startup_naming_the_file()
-> Result<(), Box<dyn std::error::Error>> {
    let with_ca = |path: &Path| {
        let env = env(&[
            ("WISMO_SMTP_URL", "smtp://u:hunter2@smtp.example.com:587"),
            ("WISMO_SMTP_CA_FILE", &path.display().to_string()),
        ])?;
        Ok::<_, ConfigError>(error_of(load(env, Layer::default())))
    };
    let good = ca_file("ca-good")?;
    assert_eq!(with_ca(&good.0)?, "", "a PEM certificate is accepted");
    let missing = good.0.with_file_name("missing.pem");
    let no_certificate = TempFile::named("ca-empty", "ca.pem", "not a certificate\n")?;
    let broken = TempFile::named(
        "ca-broken",
        "ca.pem",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )?;
    for (path, why) in [
        (&missing, "cannot read"),
        (&no_certificate.0, "holds no certificate"),
        (&broken.0, "not usable"),
    ] {
        let e = with_ca(path)?;
        assert!(e.starts_with("email.smtp_ca_file: "), "{e}");
        assert!(e.contains(&path.display().to_string()), "{e}");
        assert!(e.contains(why), "{e}");
        assert!(
            !e.contains("hunter2"),
            "the relay's password stays hidden: {e}"
        );
    }
    Ok(())
}
