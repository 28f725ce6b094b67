//! `wismo demo`: a fresh demo store in `./wismo-demo/` with an order in every stage, each
//! with a believable scan history, served locally. Prints the links to look at.

use anyhow::Context as _;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use std::path::Path;
use std::sync::Arc;
use wismo_domain::{
    CarrierCode, Clock, CountryCode, Customer, Destination, EventSource, LineItem, Locale,
    NewEvent, NewOrder, NewShipment, NewStore, OrderNumber, Stage, StoreSlug, Substatus, TimeZone,
    TrackingNumber,
};
use wismo_store::{NewApiKey, Store};

use crate::keys;

/// One scripted scan: hours before now, stage, substatus, words, place, UTC offset in hours.
type Scan = (
    i64,
    Stage,
    Option<Substatus>,
    &'static str,
    &'static str,
    i32,
);

const ORIGIN: (&str, i32) = ("Louisville, KY, US", -5);

fn journey(stage: Stage) -> Vec<Scan> {
    use Stage::*;
    use Substatus::*;
    let mut scans: Vec<Scan> = vec![(
        50,
        InfoReceived,
        Some(AwaitingPickup),
        "Shipping label created",
        ORIGIN.0,
        ORIGIN.1,
    )];
    let moving: [Scan; 3] = [
        (
            40,
            InTransit,
            Some(PickedUp),
            "Picked up",
            ORIGIN.0,
            ORIGIN.1,
        ),
        (
            30,
            InTransit,
            Some(DepartedFacility),
            "Departed facility",
            "Memphis, TN, US",
            -6,
        ),
        (
            12,
            InTransit,
            Some(ArrivedAtFacility),
            "Arrived at facility",
            "Portland, OR, US",
            -8,
        ),
    ];
    let last: Option<Scan> = match stage {
        Pending => return Vec::new(),
        InfoReceived => {
            return vec![(
                3,
                InfoReceived,
                Some(AwaitingPickup),
                "Shipping label created",
                ORIGIN.0,
                ORIGIN.1,
            )];
        }
        Cancelled => Some((
            2,
            Cancelled,
            Some(LabelVoided),
            "Label voided by the shipper",
            ORIGIN.0,
            ORIGIN.1,
        )),
        InTransit => None,
        OutForDelivery => Some((
            2,
            OutForDelivery,
            Some(WithCourier),
            "Out for delivery",
            "Portland, OR, US",
            -8,
        )),
        AvailableForPickup => Some((
            4,
            AvailableForPickup,
            Some(AtPostOffice),
            "Available for pickup at the post office",
            "Portland, OR, US",
            -8,
        )),
        Delivered => Some((
            1,
            Delivered,
            Some(LeftAtDoor),
            "Delivered, left at front door",
            "Portland, OR, US",
            -8,
        )),
        Delayed => Some((
            5,
            Delayed,
            Some(Weather),
            "Delayed by severe weather",
            "Portland, OR, US",
            -8,
        )),
        ActionRequired => Some((
            3,
            ActionRequired,
            Some(FailedAttempt),
            "Delivery attempted, no one available to sign",
            "Portland, OR, US",
            -8,
        )),
        Exception => Some((
            6,
            Exception,
            Some(Damaged),
            "Package damaged in transit",
            "Portland, OR, US",
            -8,
        )),
        Returned => Some((
            4,
            Returned,
            Some(ReturnedToSender),
            "Returning to sender: refused by recipient",
            "Portland, OR, US",
            -8,
        )),
        Ordered | Expired => None,
    };
    if stage != Cancelled {
        scans.extend(moving);
    }
    scans.extend(last);
    scans
}

const PEOPLE: [(&str, &str, &str); 6] = [
    ("Ana Lima", "Portland", "OR"),
    ("Ben Carter", "Seattle", "WA"),
    ("Chloé Martin", "San Francisco", "CA"),
    ("Diego Ruiz", "Denver", "CO"),
    ("Emma Schulz", "Austin", "TX"),
    ("Farah Khan", "Chicago", "IL"),
];

/// Builds the demo data in `dir` (starting fresh) and returns the database URL.
pub async fn prepare(
    dir: &Path,
    public_url: &str,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<(Arc<dyn Store>, String)> {
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

    let now = clock.now();
    let stages = [
        Stage::OutForDelivery,
        Stage::InTransit,
        Stage::Delivered,
        Stage::Delayed,
        Stage::ActionRequired,
        Stage::AvailableForPickup,
        Stage::Exception,
        Stage::Returned,
        Stage::InfoReceived,
        Stage::Pending,
        Stage::Cancelled,
    ];
    let mut links = Vec::new();
    for (n, stage) in stages.into_iter().enumerate() {
        let (name, city, region) = PEOPLE[n % PEOPLE.len()];
        let mut shipments = vec![shipment(n, 0)?];
        if stage == Stage::OutForDelivery {
            shipments.push(shipment(n, 1)?); // a two-parcel order
        }
        let order = store
            .create_order(
                tenant.id,
                &NewOrder {
                    order_number: OrderNumber::parse(&format!("#{}", 1001 + n))?,
                    external_id: None,
                    customer: Customer {
                        name: Some(name.into()),
                        email: Some(wismo_domain::Email::parse(&format!(
                            "customer{}@example.com",
                            n + 1
                        ))?),
                        phone: None,
                        locale: None,
                        timezone: None,
                    },
                    items: vec![LineItem {
                        name: "Single-origin espresso beans, 1 kg".into(),
                        quantity: 1 + (n as u32 % 3),
                        sku: None,
                    }],
                    destination: Destination {
                        city: Some(city.into()),
                        region: Some(region.into()),
                        postal_code: None,
                        country: Some(CountryCode::parse("US")?),
                    },
                    placed_at: Some(now - Duration::hours(60)),
                    promised_date: None,
                    shipments,
                },
            )
            .await?;
        for (i, s) in order.shipments.iter().enumerate() {
            let scans = if i == 0 {
                journey(stage)
            } else {
                journey(Stage::InTransit)
            };
            let events: Vec<NewEvent> = scans.iter().map(|scan| event(now, scan)).collect();
            store.record_events(tenant.id, s.id, &events).await?;
        }
        links.push((
            stage,
            format!("{public_url}/t/{}", order.shipments[0].token),
        ));
    }

    println!(
        "\nwismo demo: `{}`, {} orders, one in each stage. Open a link:\n",
        tenant.name,
        links.len()
    );
    for (stage, link) in &links {
        println!("  {:<22} {link}", stage.as_str());
    }
    println!("\n  API                    {public_url}/api/v1/orders");
    println!("  API key                {}", key.secret);
    println!("  OpenAPI                {public_url}/api/v1/openapi.json");
    println!("  data                   {}\n", dir.display());
    println!(
        "  curl -H 'Authorization: Bearer {}' {public_url}/api/v1/orders\n",
        key.secret
    );
    println!("Press Ctrl-C to stop.\n");
    Ok((store, url))
}

fn shipment(n: usize, parcel: usize) -> anyhow::Result<NewShipment> {
    // Demo numbers are fictitious but well-formed (UPS shape).
    let tracking = TrackingNumber::parse(&format!(
        "1ZDEMO{:02}{:02}{:06}",
        n,
        parcel,
        100_000 + n * 7919
    ))?;
    Ok(NewShipment::new(
        tracking,
        Some(CarrierCode::parse("ups")?),
        Some("Ground".into()),
    ))
}

fn event(now: DateTime<Utc>, &(hours, stage, substatus, text, place, offset): &Scan) -> NewEvent {
    let zone = FixedOffset::east_opt(offset * 3600).unwrap_or(Utc.fix());
    NewEvent::new(
        (now - Duration::hours(hours)).with_timezone(&zone),
        stage,
        substatus,
        text,
        Some(place.into()),
        None,
        EventSource::Sandbox,
    )
}

use chrono::Offset as _;
