//! `wismo demo`: a branded demo store in a fresh `./wismo-demo/`, its parcels carried by the
//! sandbox carrier (UPS, FedEx, USPS and DHL wire formats) and followed by the real polling
//! worker, all on a sped-up clock so parcels move while you watch. Prints every URL.

use anyhow::Context as _;
use chrono::Duration;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use wismo_carriers::sandbox::{Sandbox, Scenario};
use wismo_domain::{
    Branding, CarrierCode, Clock, CountryCode, Customer, Destination, Email, FaqEntry, FooterLink,
    HexColor, LineItem, Locale, NewOrder, NewShipment, NewStore, OrderNumber, Secret, StoreSlug,
    TimeZone, TrackingNumber,
};
use wismo_store::{NewApiKey, Store};

use crate::config::{CarrierSettings, Config, EmailSettings, OutboundSettings};
use crate::keys;

/// The four live carriers the sandbox plays.
const CARRIERS: [(&str, &str); 4] = [
    ("ups", "UPS Ground"),
    ("fedex", "FedEx Ground"),
    ("usps", "USPS Ground Advantage"),
    ("dhl", "DHL Express Worldwide"),
];

/// Customers: name, locale, city, region, time zone.
const PEOPLE: [(&str, &str, &str, &str, &str); 8] = [
    ("Ana Lima", "pt-BR", "Portland", "OR", "America/Los_Angeles"),
    ("Ben Carter", "en", "Seattle", "WA", "America/Los_Angeles"),
    (
        "Chloé Martin",
        "fr",
        "San Francisco",
        "CA",
        "America/Los_Angeles",
    ),
    ("Diego Ruiz", "es", "Denver", "CO", "America/Denver"),
    ("Emma Schulz", "de", "Austin", "TX", "America/Chicago"),
    ("Farah Khan", "en", "Chicago", "IL", "America/Chicago"),
    ("Giulia Rossi", "it", "Boston", "MA", "America/New_York"),
    ("Hiro Tanaka", "en", "New York", "NY", "America/New_York"),
];

const ITEMS: [&str; 4] = [
    "Single-origin espresso beans, 1 kg",
    "Ceramic pour-over dripper",
    "Decaf house blend, 500 g",
    "Burr grinder",
];

/// What the demo made.
pub struct Demo {
    pub store: Arc<dyn Store>,
    pub config: Config,
}

/// Builds the demo in `dir` (starting fresh): the store, its key, and 36 orders (one for
/// each journey with each carrier, one of three parcels, and three at checkout: being
/// prepared, partly shipped, not shipped in time), started at staggered times so they are
/// at different points now. `config` gets a SQLite database in `dir` and carrier accounts pointing at the
/// sandbox served on `config.listen`. Prints the URLs.
pub async fn prepare(
    dir: &Path,
    config: &Config,
    clock: Arc<dyn Clock>,
    sandbox: &Sandbox,
    speed: f64,
    smtp: SocketAddr,
) -> anyhow::Result<Demo> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for file in ["wismo.db", "wismo.db-wal", "wismo.db-shm"] {
        let path = dir.join(file);
        if path.exists() {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove the old {}", path.display()))?;
        }
    }
    let url = format!("sqlite://{}", dir.join("wismo.db").display());
    let store = wismo_store::connect(&url, clock.clone()).await?;
    let tenant = store
        .create_store(&NewStore {
            slug: StoreSlug::parse("demo")?,
            name: "Northwind Coffee Roasters".into(),
            default_locale: Locale::default(),
            timezone: TimeZone::parse("America/Los_Angeles")?,
        })
        .await?;
    store
        .update_branding(
            tenant.id,
            &Branding {
                logo_url: None,
                primary_color: Some(HexColor::parse("#7c2d12")?),
                accent_color: Some(HexColor::parse("#166534")?),
                font: None,
                header_message: Some("Roasted on Monday, at your door this week.".into()),
                support_email: Some(Email::parse("help@northwind.example")?),
                support_phone: Some("+1 503 555 0100".into()),
                support_url: Some("https://northwind.example/help".into()),
                faq: vec![
                    FaqEntry {
                        question: "When will my coffee ship?".into(),
                        answer: "We roast on **Mondays and Thursdays** and ship the same day."
                            .into(),
                    },
                    FaqEntry {
                        question: "My parcel is late. What now?".into(),
                        answer: "Most late parcels arrive within two days. If yours hasn't, \
                                 use the form on this page and we'll send a new one."
                            .into(),
                    },
                ],
                footer_links: vec![FooterLink {
                    label: "Returns and refunds".into(),
                    url: "https://northwind.example/returns".into(),
                }],
                delay_message: Some(
                    "Sorry for the wait. If it hasn't arrived two days after the estimate, \
                     tell us below and we'll ship a new bag right away."
                        .into(),
                ),
                logo_version: None,
                link_expiry_days: Some(30),
                shop_url: Some("https://northwind.example".into()),
                returns_url: Some("https://northwind.example/returns".into()),
                returns_policy: None,
                delivery_rating_off: false,
                translations: demo_translations(),
            },
            &[],
        )
        .await?;
    let key = keys::generate();
    store
        .create_api_key(
            tenant.id,
            &NewApiKey {
                name: "demo".into(),
                prefix: key.prefix.clone(),
                hash: key.hash.clone(),
            },
        )
        .await?;
    // The admin: an owner whose password is printed, so the demo signs you in at once.
    let admin_password = {
        use base64::Engine as _;
        let bytes: [u8; 12] = rand::random();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    };
    let admin_email = wismo_domain::Email::parse("owner@northwind.example")?;
    store
        .create_user(&wismo_store::admin::NewUser {
            store_id: tenant.id,
            email: admin_email.clone(),
            role: wismo_domain::admin::Role::Owner,
            password_hash: Some(crate::http::admin::password::hash(
                &wismo_domain::admin::Password::parse(&admin_password)?,
            )?),
        })
        .await?;

    let now = clock.now();
    let mut links = Vec::new();
    let mut n = 0;
    for (s, scenario) in Scenario::PLAYED.into_iter().enumerate() {
        for (c, (carrier, service)) in CARRIERS.into_iter().enumerate() {
            // Hours since each journey began: the first carrier's parcel of each journey is
            // far along, the others spread from just shipped to nearly done.
            let age = [60, 40, 24, 8][c] + (s as i64 * 7) % 12;
            let number = tracking_number(carrier, n);
            sandbox.set_scenario(&number, scenario, now - Duration::hours(age));
            // The links printed (the first carrier's of each journey) belong to English
            // speakers; the other customers read their own languages.
            let (name, locale, city, region, zone) = PEOPLE[(n + 1) % PEOPLE.len()];
            let order = store
                .create_order(
                    tenant.id,
                    &NewOrder {
                        order_number: OrderNumber::parse(&format!("#{}", 1001 + n))?,
                        external_id: None,
                        token: wismo_domain::OrderToken::generate(),
                        customer: Customer {
                            name: Some(name.into()),
                            email: Some(Email::parse(&format!("customer{}@example.com", n + 1))?),
                            phone: None,
                            locale: Some(Locale::parse(locale)?),
                            timezone: Some(TimeZone::parse(zone)?),
                            consent: Default::default(),
                        },
                        items: vec![LineItem {
                            name: ITEMS[n % ITEMS.len()].into(),
                            quantity: 1 + (n as u32 % 3),
                            sku: None,
                            variant: None,
                            image_url: None,
                        }],
                        destination: Destination {
                            city: Some(city.into()),
                            region: Some(region.into()),
                            postal_code: None,
                            country: Some(CountryCode::parse("US")?),
                        },
                        placed_at: Some(now - Duration::hours(age + 20)),
                        promised_date: None,
                        promise: None,
                        shipments: vec![NewShipment::new(
                            TrackingNumber::parse(&number)?,
                            Some(CarrierCode::parse(carrier)?),
                            Some(service.into()),
                        )],
                        source: wismo_domain::OrderSource::Api,
                    },
                )
                .await?;
            if c == 0 {
                let link = format!("{}/t/{}", config.public_url, order.shipments[0].token);
                links.push((scenario, link));
            }
            n += 1;
        }
    }
    // One order of three parcels with three carriers, each at another point of its
    // journey: its own link shows them all on one page.
    let mut shipments = Vec::new();
    for (i, (carrier, service)) in [CARRIERS[0], CARRIERS[1], CARRIERS[3]]
        .into_iter()
        .enumerate()
    {
        let number = tracking_number(carrier, n + i);
        let age = [60, 30, 6][i];
        sandbox.set_scenario(&number, Scenario::PLAYED[i], now - Duration::hours(age));
        shipments.push(NewShipment::new(
            TrackingNumber::parse(&number)?,
            Some(CarrierCode::parse(carrier)?),
            Some(service.into()),
        ));
    }
    let parcels = store
        .create_order(
            tenant.id,
            &NewOrder {
                order_number: OrderNumber::parse("#2001")?,
                external_id: None,
                token: wismo_domain::OrderToken::generate(),
                customer: Customer {
                    name: Some("Dana Whitfield".into()),
                    email: Some(Email::parse("dana@example.com")?),
                    phone: None,
                    locale: Some(Locale::parse("en")?),
                    timezone: Some(TimeZone::parse("America/Chicago")?),
                    consent: Default::default(),
                },
                items: vec![
                    LineItem {
                        name: "Burr grinder".into(),
                        quantity: 1,
                        sku: None,
                        variant: None,
                        image_url: None,
                    },
                    LineItem {
                        name: "Espresso blend, 1 kg".into(),
                        quantity: 2,
                        sku: None,
                        variant: None,
                        image_url: None,
                    },
                ],
                destination: Destination {
                    city: Some("Chicago".into()),
                    region: Some("IL".into()),
                    postal_code: None,
                    country: Some(CountryCode::parse("US")?),
                },
                placed_at: Some(now - Duration::hours(80)),
                promised_date: None,
                promise: None,
                shipments,
                source: wismo_domain::OrderSource::Api,
            },
        )
        .await?;
    n += 1;
    let early = checkout_orders(&*store, &tenant, &sandbox_number(n), sandbox, now).await?;
    n += early.len();

    let config = Config {
        database_url: url,
        carriers: sandbox_accounts(config.listen),
        // Emails go over real SMTP to the capture server inside this process, which the
        // outbox viewer shows; merchant webhooks go to the demo's own receiver on loopback.
        email: EmailSettings {
            smtp_url: Some(Secret::new(format!("smtp://{smtp}?tls=none"))),
            smtp_ca_file: None,
            from: Some("updates@northwind.example".into()),
            unsubscribe_mailto: None,
        },
        outbound: OutboundSettings {
            allow_private: true,
        },
        ..config.clone()
    };
    let public = &config.public_url;
    println!(
        "\nwismo demo: `{}`, {n} orders with UPS, FedEx, USPS and DHL, one for each journey.",
        tenant.name
    );
    println!(
        "The sandbox carrier plays their scans {speed}x faster than real time and the worker \
         follows them.\nOpen a link and reload it to watch a parcel move (the order lookup \
         takes #1001 and customer1@example.com):\n"
    );
    for (scenario, link) in &links {
        println!("  {:<22} {link}", scenario.slug());
    }
    println!(
        "  {:<22} {public}/t/{}",
        "order of 3 parcels", parcels.token
    );
    for (label, token) in &early {
        println!("  {label:<22} {public}/t/{token}");
    }
    println!();
    println!("  order lookup           {public}/{}/track", tenant.slug);
    println!(
        "  lookup widget          {public}/{}/widget.js",
        tenant.slug
    );
    println!(
        "  checkout promise       {public}/{}/promise.json?country=US&postal_code=97201",
        tenant.slug
    );
    println!(
        "  promise snippet        {public}/{}/promise.js",
        tenant.slug
    );
    println!(
        "  Shopify feed           {} (order {SHOPIFY_ORDER} arrives here signed as Shopify sends it; what came in: /api/v1/integrations/shopify/deliveries)",
        crate::integrations::url(
            public,
            wismo_domain::platform::Platform::Shopify,
            tenant.slug.as_str()
        )
    );
    println!("  admin                  {public}/admin/login");
    println!("  admin sign-in          {admin_email} / {admin_password}");
    println!("  API                    {public}/api/v1/orders");
    println!("  API key                {}", key.secret);
    println!("  OpenAPI                {public}/api/v1/openapi.json");
    println!("  outbox (emails sent)   {public}/_outbox");
    println!("  sandbox carrier        {public}/sandbox/scenarios");
    println!("  metrics                {public}/metrics");
    println!("  data                   {}\n", dir.display());
    println!(
        "  curl -H 'Authorization: Bearer {}' {public}/api/v1/orders\n",
        key.secret
    );
    Ok(Demo { store, config })
}

/// Carrier accounts that call the sandbox served on `listen`, with a generous budget.
/// The tracking number the demo's `n`-th parcel gets with the first carrier.
fn sandbox_number(n: usize) -> String {
    tracking_number(CARRIERS[0].0, n)
}

/// Orders at checkout: one placed just now with nothing shipped (its confirmation is in the
/// outbox, its page promises a window), one with part of it shipped, and one placed a week
/// ago that has not shipped (raised at start: the admin's "Not shipped", the
/// `order.fulfillment_stalled` webhook). Their labels and order tokens, to print.
async fn checkout_orders(
    store: &dyn Store,
    tenant: &wismo_domain::Tenant,
    number: &str,
    sandbox: &Sandbox,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Vec<(&'static str, wismo_domain::OrderToken)>> {
    let line = |name: &str, sku: &str, quantity: u32| LineItem {
        name: name.into(),
        quantity,
        sku: Some(sku.into()),
        variant: None,
        image_url: None,
    };
    let order =
        |number: &str, who: (&str, &str, &str), placed_hours: i64| -> anyhow::Result<NewOrder> {
            Ok(NewOrder {
                order_number: OrderNumber::parse(number)?,
                external_id: None,
                token: wismo_domain::OrderToken::generate(),
                customer: Customer {
                    name: Some(who.0.into()),
                    email: Some(Email::parse(who.1)?),
                    phone: None,
                    locale: Some(Locale::parse("en")?),
                    timezone: Some(TimeZone::parse(who.2)?),
                    consent: Default::default(),
                },
                items: vec![
                    line("Burr grinder", "GRINDER", 1),
                    line("Espresso blend, 1 kg", "BLEND", 2),
                ],
                destination: Destination {
                    city: Some("Portland".into()),
                    region: Some("OR".into()),
                    postal_code: Some("97201".into()),
                    country: Some(CountryCode::parse("US")?),
                },
                placed_at: Some(now - Duration::hours(placed_hours)),
                promised_date: None,
                promise: None,
                shipments: Vec::new(),
                source: wismo_domain::OrderSource::Api,
            })
        };
    let mut orders = vec![
        order(
            "#3001",
            ("Lee Park", "lee@example.com", "America/Los_Angeles"),
            0,
        )?,
        order(
            "#3002",
            ("Maya Ortiz", "maya@example.com", "America/Denver"),
            30,
        )?,
        order(
            "#3003",
            ("Sam Carter", "sam@example.com", "America/New_York"),
            24 * 7,
        )?,
    ];
    // The blend left first; the grinder is still being prepared.
    let (carrier, service) = CARRIERS[0];
    sandbox.set_scenario(number, Scenario::PLAYED[0], now - Duration::hours(20));
    orders[1].shipments.push(
        NewShipment::new(
            TrackingNumber::parse(number)?,
            Some(CarrierCode::parse(carrier)?),
            Some(service.into()),
        )
        .with_items(vec![wismo_domain::ShipmentItem {
            sku: Some("BLEND".into()),
            name: None,
            quantity: 2,
        }]),
    );
    crate::promise::stamp_batch(store, tenant, &mut orders, now).await?;
    let labels = ["being prepared", "partly shipped", "not shipped in time"];
    let mut made = Vec::new();
    for (label, new) in labels.into_iter().zip(&orders) {
        let order = store.create_order(tenant.id, new).await?;
        made.push((label, order.token));
    }
    Ok(made)
}

fn sandbox_accounts(listen: SocketAddr) -> BTreeMap<String, CarrierSettings> {
    let host = if listen.ip().is_unspecified() {
        SocketAddr::from(([127, 0, 0, 1], listen.port()))
    } else {
        listen
    };
    CARRIERS
        .iter()
        .map(|(carrier, _)| {
            let settings = CarrierSettings {
                base_url: format!("http://{host}/sandbox/{carrier}"),
                client_id: Some("sandbox".into()),
                client_secret: Some(Secret::new("sandbox".to_owned())),
                api_key: Some(Secret::new("sandbox".to_owned())),
                timeout: std::time::Duration::from_secs(10),
                rate_per_second: 1000.0,
                burst: 1000,
            };
            ((*carrier).to_owned(), settings)
        })
        .collect()
}

/// A fictitious number in the carrier's own format.
fn tracking_number(carrier: &str, n: usize) -> String {
    match carrier {
        "ups" => format!("1ZDEMO{n:012}"),
        "fedex" => format!("7700{n:08}"),
        "usps" => format!("9400100{n:015}"),
        _ => format!("77{n:08}"),
    }
}

/// Subscribes the demo store to its own webhooks, received by the outbox viewer.
pub async fn subscribe_outbox(state: &crate::AppState) -> anyhow::Result<()> {
    use wismo_domain::webhook::{EndpointInput, NewEndpoint, WebhookEvent};
    let tenant = state.store.get_store_by_slug("demo").await?;
    let new = NewEndpoint::parse(
        EndpointInput {
            url: Some(format!(
                "{}{}",
                state.config.public_url,
                crate::outbox::WEBHOOK_PATH
            )),
            events: Some(
                WebhookEvent::SUBSCRIBABLE
                    .iter()
                    .map(|e| e.as_str().to_owned())
                    .collect(),
            ),
        },
        true,
    )
    .map_err(|e| anyhow::anyhow!("the demo's webhook endpoint: {e}"))?;
    let secret = crate::merchant_webhooks::new_secret()?;
    let seal = |id| {
        state
            .secrets
            .seal(
                &secret,
                &wismo_store::endpoints::secret_context(tenant.id, id),
            )
            .map_err(|e| e.to_string())
    };
    state
        .store
        .create_webhook_endpoint(tenant.id, &new, &seal, None)
        .await?;
    Ok(())
}

/// The demo store's words in the other languages its customers read: German, French and
/// Spanish pages show these, not the English ones.
fn demo_translations() -> std::collections::BTreeMap<String, wismo_domain::MerchantTexts> {
    let texts = |header: &str, faq: [(&str, &str); 2], returns: &str, delay: &str| {
        wismo_domain::MerchantTexts {
            header_message: Some(header.into()),
            faq: faq
                .iter()
                .map(|(question, answer)| FaqEntry {
                    question: (*question).into(),
                    answer: (*answer).into(),
                })
                .collect(),
            footer_links: vec![FooterLink {
                label: returns.into(),
                url: "https://northwind.example/returns".into(),
            }],
            delay_message: Some(delay.into()),
            returns_url: None,
            returns_policy: None,
        }
    };
    [
        (
            "de",
            texts(
                "Montags geröstet, diese Woche bei Ihnen.",
                [
                    (
                        "Wann wird mein Kaffee verschickt?",
                        "Wir rösten **montags und donnerstags** und verschicken am selben Tag.",
                    ),
                    (
                        "Mein Paket ist spät dran. Was nun?",
                        "Die meisten verspäteten Pakete kommen innerhalb von zwei Tagen an. \
                         Wenn nicht, schreiben Sie uns über das Formular auf dieser Seite.",
                    ),
                ],
                "Rückgabe und Erstattung",
                "Entschuldigen Sie die Wartezeit. Ist es zwei Tage nach dem Termin nicht da, \
                 schreiben Sie uns unten und wir schicken sofort eine neue Packung.",
            ),
        ),
        (
            "fr",
            texts(
                "Torréfié le lundi, chez vous cette semaine.",
                [
                    (
                        "Quand mon café sera-t-il expédié ?",
                        "Nous torréfions **le lundi et le jeudi** et expédions le jour même.",
                    ),
                    (
                        "Mon colis est en retard. Que faire ?",
                        "La plupart des colis en retard arrivent sous deux jours. Sinon, \
                         écrivez-nous avec le formulaire de cette page.",
                    ),
                ],
                "Retours et remboursements",
                "Désolés pour l'attente. S'il n'est pas arrivé deux jours après la date \
                 prévue, dites-le-nous ci-dessous et nous renvoyons un paquet tout de suite.",
            ),
        ),
        (
            "es",
            texts(
                "Tostado el lunes, en tu casa esta semana.",
                [
                    (
                        "¿Cuándo se envía mi café?",
                        "Tostamos **los lunes y los jueves** y enviamos el mismo día.",
                    ),
                    (
                        "Mi paquete llega tarde. ¿Y ahora?",
                        "Casi todos los paquetes con retraso llegan en dos días. Si no, \
                         escríbenos con el formulario de esta página.",
                    ),
                ],
                "Devoluciones y reembolsos",
                "Perdona la espera. Si no ha llegado dos días después de la fecha prevista, \
                 dínoslo abajo y enviamos otra bolsa enseguida.",
            ),
        ),
    ]
    .into_iter()
    .map(|(lang, texts)| (lang.to_owned(), texts))
    .collect()
}

/// The demo's Shopify order: its platform id, number and the UPS parcel it ships in.
const SHOPIFY_ORDER_ID: i64 = 5_830_012_345_678;
const SHOPIFY_ORDER: &str = "#1050";
const SHOPIFY_PARCEL: &str = "1ZDEMO000000000950";

/// Connects the demo store to Shopify (a secret of the demo's own, as the merchant would
/// paste Shopify's) and, once the server answers, sends an order and its fulfilment to
/// `/integrations/shopify/demo` signed as Shopify signs them: the order arrives through
/// the platform feed, its parcel is followed like the others, and both deliveries are in
/// `GET /api/v1/integrations/shopify/deliveries`.
pub async fn feed_from_shopify(state: &crate::AppState, sandbox: &Sandbox) -> anyhow::Result<()> {
    let tenant = state.store.get_store_by_slug("demo").await?;
    let secret = Secret::new(crate::merchant_webhooks::new_secret()?.expose());
    crate::integrations::add(
        state.store.as_ref(),
        &state.secrets,
        &state.config.public_url,
        &tenant,
        wismo_domain::platform::Platform::Shopify,
        Some(secret.clone()),
    )
    .await?;
    // The link Shopify's own shipping email carries with the docs' Liquid snippet: it says
    // the order is being got ready until the feed brings it, then opens its page.
    let link_key = crate::integrations::order_link::make_key(
        state.store.as_ref(),
        &state.secrets,
        &tenant,
        true,
    )
    .await?;
    println!(
        "  Shopify email link     (order {SHOPIFY_ORDER} as Shopify's own shipping email links it: docs/INTEGRATIONS.md)\n                         {}\n",
        crate::integrations::order_link::url(
            &state.config.public_url,
            tenant.slug.as_str(),
            wismo_domain::platform::Platform::Shopify,
            &SHOPIFY_ORDER_ID.to_string(),
            &link_key.key,
        )
    );
    sandbox.set_scenario(
        SHOPIFY_PARCEL,
        Scenario::Normal,
        state.clock.now() - Duration::hours(30),
    );
    let local = format!("http://{}/integrations/shopify/demo", state.config.listen);
    tokio::spawn(async move {
        if let Err(error) = send_shopify_order(&local, &secret).await {
            tracing::warn!(%error, "the demo's Shopify order was not sent");
        }
    });
    Ok(())
}

/// Posts the demo's Shopify order and then its fulfilment, each signed with `secret`,
/// waiting for the server to answer first.
async fn send_shopify_order(url: &str, secret: &Secret) -> anyhow::Result<()> {
    use base64::Engine as _;
    use hmac::{KeyInit, Mac};
    // Installing twice is refused harmlessly; the first provider stays.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .no_proxy()
        .build()?;
    let placed = chrono::Utc::now() - Duration::hours(40);
    let item = serde_json::json!({
        "id": 1_420_001, "name": "Ceramic pour-over dripper - White", "title": "Ceramic pour-over dripper",
        "variant_title": "White", "sku": "DRIP-W", "quantity": 1, "requires_shipping": true,
    });
    let order = serde_json::json!({
        "id": SHOPIFY_ORDER_ID, "name": SHOPIFY_ORDER, "order_number": 1050,
        "email": "shopify.customer@example.com", "phone": null, "customer_locale": "en",
        "created_at": placed.to_rfc3339(), "updated_at": placed.to_rfc3339(),
        "cancelled_at": null, "financial_status": "paid", "fulfillment_status": null,
        "customer": { "id": 7_001, "first_name": "Jo", "last_name": "Park", "phone": null },
        "shipping_address": { "name": "Jo Park", "address1": "1 Main St", "city": "Portland",
            "province_code": "OR", "zip": "97201", "country_code": "US", "phone": null },
        "line_items": [item.clone()],
    });
    let fulfillment = serde_json::json!({
        "id": 5_129_400_000_001_i64, "order_id": SHOPIFY_ORDER_ID, "status": "success",
        "created_at": (placed + Duration::hours(10)).to_rfc3339(),
        "tracking_company": "UPS", "tracking_number": SHOPIFY_PARCEL,
        "tracking_numbers": [SHOPIFY_PARCEL],
        "tracking_urls": [format!("https://www.ups.com/track?tracknum={SHOPIFY_PARCEL}")],
        "line_items": [item], "name": format!("{SHOPIFY_ORDER}.1"),
    });
    // The server starts while this waits.
    let mut ready = false;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if client.get(url).send().await.is_ok() {
            ready = true;
            break;
        }
    }
    anyhow::ensure!(ready, "the demo server did not answer at {url}");
    for (n, (topic, body)) in [
        ("orders/create", order),
        ("fulfillments/create", fulfillment),
    ]
    .into_iter()
    .enumerate()
    {
        let body = serde_json::to_vec(&body)?;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.expose().as_bytes())
            .context("an HMAC key")?;
        mac.update(&body);
        let signature =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        let res = client
            .post(url)
            .header("content-type", "application/json")
            .header("x-shopify-topic", topic)
            .header("x-shopify-webhook-id", format!("demo-{n}"))
            .header("x-shopify-shop-domain", "northwind.myshopify.com")
            .header("x-shopify-hmac-sha256", signature)
            .body(body)
            .send()
            .await?;
        anyhow::ensure!(
            res.status().is_success(),
            "Shopify's {topic} was answered {}",
            res.status()
        );
    }
    Ok(())
}
