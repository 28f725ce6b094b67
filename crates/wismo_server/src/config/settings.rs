//! Every setting, declared once: its place in `wismo.toml`, its environment variable, its
//! default and what it means. The defaults layer, the environment layer and `wismo config
//! example` are all made from this table; [`Config`](super::Config) gives each a type.

/// What kind of value a setting takes, which says how its environment variable is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Never printed; `wismo config example` shows a placeholder.
    Secret,
    Integer,
    Number,
    Bool,
    /// Comma-separated in the environment, a TOML array in the file.
    List,
}

/// One setting.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// The key within its section of `wismo.toml`.
    pub key: &'static str,
    /// The exact environment variable.
    pub env: &'static str,
    pub kind: Kind,
    /// The default as a TOML value; `None` when unset unless given.
    pub default: Option<&'static str>,
    /// A value to show, commented out, in the example file when there is no default.
    pub example: Option<&'static str>,
    /// One line on what it does.
    pub help: &'static str,
}

/// A section of `wismo.toml`: its table (empty for the top level) and its settings.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub table: &'static str,
    /// Said above the section in the example file.
    pub intro: &'static str,
    pub settings: &'static [Setting],
}

const fn setting(
    key: &'static str,
    env: &'static str,
    kind: Kind,
    default: Option<&'static str>,
    help: &'static str,
) -> Setting {
    Setting {
        key,
        env,
        kind,
        default,
        example: None,
        help,
    }
}

const fn example(
    key: &'static str,
    env: &'static str,
    kind: Kind,
    example: &'static str,
    help: &'static str,
) -> Setting {
    Setting {
        key,
        env,
        kind,
        default: None,
        example: Some(example),
        help,
    }
}

/// The sections and settings of `wismo.toml`, in the order the example file shows them.
pub const SECTIONS: &[Section] = &[
    Section {
        table: "",
        intro: "",
        settings: &[
            setting(
                "database_url",
                "WISMO_DATABASE_URL",
                Kind::Text,
                Some("\"sqlite://wismo.db\""),
                "Where wismo keeps its data: sqlite://PATH (one file, created if missing) or \
                 postgres://USER:PASSWORD@HOST/DB for several servers and workers. Passwords \
                 in this URL are never written to logs.",
            ),
            setting(
                "listen",
                "WISMO_LISTEN",
                Kind::Text,
                Some("\"127.0.0.1:8080\""),
                "Address the HTTP server listens on.",
            ),
            example(
                "public_url",
                "WISMO_PUBLIC_URL",
                Kind::Text,
                "\"https://track.example.com\"",
                "The address customers reach wismo at, behind any proxy: private tracking \
                 links are {public_url}/t/{token}. Defaults to http://{listen}.",
            ),
            example(
                "metrics_listen",
                "WISMO_METRICS_LISTEN",
                Kind::Text,
                "\"127.0.0.1:9090\"",
                "A second address serving /metrics and /readyz (with /healthz), for the \
                 operator's network only; when set, the public listener serves /healthz \
                 alone, and `--role worker|jobs` serve their health and metrics here instead \
                 of on listen. Unset: all three are on listen.",
            ),
            setting(
                "trusted_proxies",
                "WISMO_TRUSTED_PROXIES",
                Kind::List,
                Some("[]"),
                "Addresses or CIDR ranges of the reverse proxies in front of wismo, e.g. \
                 [\"127.0.0.1\", \"10.0.0.0/8\"]. Only from these is the client address in \
                 `Forwarded: for=` or `X-Forwarded-For` believed, for the public pages' rate \
                 limits; when empty those headers are ignored and every client behind a \
                 proxy shares the proxy's limits.",
            ),
            setting(
                "log_format",
                "WISMO_LOG_FORMAT",
                Kind::Text,
                Some("\"text\""),
                "Log format on stderr: \"text\" or \"json\". The level is set with RUST_LOG, \
                 e.g. RUST_LOG=info,wismo=debug.",
            ),
            example(
                "secret_key",
                "WISMO_SECRET_KEY",
                Kind::Secret,
                "\"...\"",
                "The key that seals the secrets wismo keeps to read back (webhook signing \
                 secrets): base64 of 32 random bytes, e.g. `openssl rand -base64 32`. \
                 Required with PostgreSQL, the same on every server. On SQLite, when unset, \
                 one is made on first start in a file beside the database \
                 (wismo.db.secret-key): back it up with the database.",
            ),
            setting(
                "store_pages",
                "WISMO_STORE_PAGES",
                Kind::Bool,
                Some("true"),
                "Keep rendered tracking pages so a repeat view is served as stored, and \
                 render a parcel's page ahead when its news comes; false renders every view.",
            ),
        ],
    },
    Section {
        table: "http",
        intro: "The HTTP server's limits on slow and idle clients. Behind a proxy, give the \
                proxy limits of its own too (README, Deploying).",
        settings: &[
            setting(
                "header_timeout_secs",
                "WISMO_HTTP_HEADER_TIMEOUT_SECS",
                Kind::Integer,
                Some("10"),
                "How long a client has to send a request's headers, counted from when it \
                 connects or sends the request's first byte (1–300 s); then the connection \
                 is closed.",
            ),
            setting(
                "idle_timeout_secs",
                "WISMO_HTTP_IDLE_TIMEOUT_SECS",
                Kind::Integer,
                Some("75"),
                "How long a kept-alive connection may wait for its next request, and a \
                 response for a client that stops reading it (1–3600 s). A proxy's own \
                 upstream keep-alive should be shorter.",
            ),
            setting(
                "body_timeout_secs",
                "WISMO_HTTP_BODY_TIMEOUT_SECS",
                Kind::Integer,
                Some("10"),
                "How long a request body may stall between two reads before the request is \
                 answered 408 (1–300 s).",
            ),
            setting(
                "max_connections",
                "WISMO_HTTP_MAX_CONNECTIONS",
                Kind::Integer,
                Some("1024"),
                "Connections served at once per listener (1–1000000); more wait in the \
                 operating system's queue until one closes.",
            ),
        ],
    },
    Section {
        table: "email",
        intro: "Email: the server's own SMTP relay, not set per store. Messages go From the \
                store's name at `from`, with the store's support address as Reply-To. The \
                relay should DKIM-sign List-Unsubscribe and List-Unsubscribe-Post \
                (docs/NOTIFICATIONS.md).",
        settings: &[
            Setting {
                key: "smtp_url",
                env: "WISMO_SMTP_URL",
                kind: Kind::Secret,
                default: None,
                example: Some("\"smtp://user:password@smtp.example.com:587?tls=starttls\""),
                help: "The relay: smtp://[user:password@]host:port?tls=none|starttls|tls. TLS \
                       is required except to a loopback address. Unset, no email is sent \
                       (messages are recorded as failed with the reason).",
            },
            Setting {
                key: "smtp_ca_file",
                env: "WISMO_SMTP_CA_FILE",
                kind: Kind::Text,
                default: None,
                example: Some("\"/etc/wismo/relay-ca.pem\""),
                help: "A PEM file of CA certificates to trust for the relay besides the web's \
                       roots: a private relay whose certificate your own CA signed. The \
                       certificate is always checked; a file that cannot be read stops \
                       startup.",
            },
            Setting {
                key: "from",
                env: "WISMO_EMAIL_FROM",
                kind: Kind::Text,
                default: None,
                example: Some("\"updates@track.example.com\""),
                help: "The address emails come from; the display name is the store's.",
            },
            Setting {
                key: "unsubscribe_mailto",
                env: "WISMO_EMAIL_UNSUBSCRIBE_MAILTO",
                kind: Kind::Text,
                default: None,
                example: Some("\"unsubscribe@track.example.com\""),
                help: "An address for List-Unsubscribe's mailto: after the one-click https \
                       link (some mail apps use only mailto:); you handle what arrives there.",
            },
        ],
    },
    Section {
        table: "notify",
        intro: "Notifications: how wismo times the messages it sends customers.",
        settings: &[
            setting(
                "burst_secs",
                "WISMO_NOTIFY_BURST_SECS",
                Kind::Integer,
                Some("120"),
                "Moments within this many seconds of the first become one message about the \
                 latest (0–3600; 0 sends each as it comes). A store's own setting wins.",
            ),
            setting(
                "concurrency",
                "WISMO_NOTIFY_CONCURRENCY",
                Kind::Integer,
                Some("16"),
                "How many messages one process sends at once, and how many SMTP connections \
                 it keeps open to the relay (1–256). Lower it if the relay limits \
                 connections.",
            ),
        ],
    },
    Section {
        table: "outbound",
        intro: "Requests wismo makes to merchants' servers: webhooks and logos.",
        settings: &[setting(
            "allow_private",
            "WISMO_OUTBOUND_ALLOW_PRIVATE",
            Kind::Bool,
            Some("false"),
            "Let merchant webhooks and logo fetches reach private, loopback and link-local \
             addresses. Off, only public addresses are reached, so a merchant's URL cannot \
             reach wismo's own network. Tests and the demo switch it on.",
        )],
    },
    Section {
        table: "worker",
        intro: "The polling worker. `wismo serve` runs it beside the web server; run it apart \
                with `wismo serve --role worker`, as many as you like on PostgreSQL.",
        settings: &[
            setting(
                "batch",
                "WISMO_WORKER_BATCH",
                Kind::Integer,
                Some("200"),
                "Due shipments claimed at a time (1–5000).",
            ),
            setting(
                "lease_secs",
                "WISMO_WORKER_LEASE_SECS",
                Kind::Integer,
                Some("120"),
                "How long a claim lasts if the worker dies holding it (5–3600 s).",
            ),
            setting(
                "concurrency",
                "WISMO_WORKER_CONCURRENCY",
                Kind::Integer,
                Some("8"),
                "Carrier calls in flight at once (1–256).",
            ),
        ],
    },
    Section {
        table: "jobs",
        intro: "The job runner (emails, webhooks, upkeep). `wismo serve` runs it beside the web \
                server; run it apart with `wismo serve --role jobs`, as many as you like on \
                PostgreSQL.",
        settings: &[setting(
            "lease_secs",
            "WISMO_JOBS_LEASE_SECS",
            Kind::Integer,
            Some("60"),
            "How long a claimed job waits before another runner may take it if the runner \
             died holding it (5–3600 s); renewed while the job runs.",
        )],
    },
];

/// The settings of each carrier account, in `[carriers.{carrier}]` and
/// `WISMO_{CARRIER}_{FIELD}` (e.g. `WISMO_UPS_CLIENT_SECRET`). A carrier's section exists
/// only when one of its settings is given, so defaults that differ by carrier are applied
/// when the configuration is resolved and are only described here.
pub const CARRIER_SETTINGS: &[Setting] = &[
    example(
        "base_url",
        "BASE_URL",
        Kind::Text,
        "\"http://127.0.0.1:8080/sandbox/ups\"",
        "The carrier's API; its production API by default.",
    ),
    example(
        "client_id",
        "CLIENT_ID",
        Kind::Text,
        "\"...\"",
        "OAuth client id (UPS, FedEx, USPS).",
    ),
    example(
        "client_secret",
        "CLIENT_SECRET",
        Kind::Secret,
        "\"...\"",
        "OAuth client secret (UPS, FedEx, USPS).",
    ),
    example(
        "api_key",
        "API_KEY",
        Kind::Secret,
        "\"...\"",
        "API key (DHL).",
    ),
    example(
        "timeout_secs",
        "TIMEOUT_SECS",
        Kind::Integer,
        "20",
        "Per-request timeout (1–300 s; 20 by default).",
    ),
    example(
        "rate_per_second",
        "RATE_PER_SECOND",
        Kind::Number,
        "10",
        "Calls per second this account may make, per worker process. The defaults are the \
         quotas new developer apps get (UPS and FedEx 10/s, USPS one a minute, DHL 250 a \
         day): raise them with yours.",
    ),
    example(
        "burst",
        "BURST",
        Kind::Integer,
        "20",
        "Calls that may go at once after a quiet spell.",
    ),
];

/// Said above the carrier sections in the example file.
pub const CARRIERS_INTRO: &str = "Carrier API accounts. Each field also comes from \
    WISMO_<CARRIER>_<FIELD>, e.g. WISMO_UPS_CLIENT_SECRET. Secrets are never written to logs. \
    Point base_url at wismo's sandbox carrier to try things out (`wismo serve --sandbox`; it \
    accepts client id, secret and API key \"sandbox\").";

/// Every declared setting with its dotted path (`worker.batch`).
pub fn all() -> impl Iterator<Item = (String, &'static Setting)> {
    SECTIONS.iter().flat_map(|section| {
        section.settings.iter().map(move |s| {
            let path = if section.table.is_empty() {
                s.key.to_owned()
            } else {
                format!("{}.{}", section.table, s.key)
            };
            (path, s)
        })
    })
}
