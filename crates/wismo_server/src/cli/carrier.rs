//! `wismo carrier …` and `wismo sandbox`: carrier tools for people and scripts.

use anyhow::{Context as _, bail};
use clap::Subcommand;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use wismo_carriers::push::Provider;
use wismo_carriers::sandbox::{Sandbox, SandboxCredentials};
use wismo_carriers::{Tracking, adapters};
use wismo_domain::ScaledClock;

use crate::config::Config;

#[derive(Debug, Subcommand)]
pub enum CarrierCommand {
    /// Which carrier a tracking number belongs to, best guess first.
    Detect {
        /// The tracking number (spaces and dashes are fine)
        number: String,
        /// A carrier hint, such as the platform's tracking company ("UPS", "DHL Express")
        #[arg(long)]
        hint: Option<String>,
        /// Print {"input", "candidates": [{"carrier", "format", "checksum"}]}
        #[arg(long)]
        json: bool,
    },
    /// Read a saved carrier or webhook response and show its events in wismo's stages.
    Parse {
        /// ups, fedex, usps, dhl, easypost, aftership or 17track
        #[arg(long)]
        carrier: String,
        /// The response body, as the carrier sent it
        file: PathBuf,
        /// Print {"tracking_number", "estimated_delivery", "events": [...]} (one line per tracking number)
        #[arg(long)]
        json: bool,
    },
    /// Ask a carrier's live API about a number, with the configured account.
    Track {
        /// ups, fedex, usps or dhl
        #[arg(long)]
        carrier: String,
        /// The tracking number
        number: String,
        /// Print JSON, as `parse --json` does
        #[arg(long)]
        json: bool,
    },
}

pub fn detect(number: &str, hint: Option<&str>, as_json: bool) -> anyhow::Result<()> {
    let candidates = wismo_carriers::detect::detect(number, hint);
    if as_json {
        let list: Vec<Value> = candidates
            .iter()
            .map(|c| {
                let mut row =
                    json!({ "carrier": c.carrier, "format": c.format, "checksum": c.checksum });
                if let Some(country) = &c.country {
                    row["country"] = json!(country);
                }
                row
            })
            .collect();
        println!("{}", json!({ "input": number, "candidates": list }));
    } else if candidates.is_empty() {
        println!("No known carrier format fits `{number}`.");
    } else {
        for c in &candidates {
            let check = match c.checksum {
                Some(true) => "check digit valid",
                Some(false) => "check digit wrong",
                None => "no check digit",
            };
            let country = c
                .country
                .as_deref()
                .map(|c| format!(", country {c}"))
                .unwrap_or_default();
            println!("{:<14} {:<26} {check}{country}", c.carrier, c.format);
        }
    }
    Ok(())
}

pub fn parse(carrier: &str, file: &Path, as_json: bool) -> anyhow::Result<()> {
    let body = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let parsed = match carrier.to_ascii_lowercase().as_str() {
        "ups" => wismo_carriers::ups::parse(&body),
        "fedex" => wismo_carriers::fedex::parse(&body),
        "usps" => wismo_carriers::usps::parse(&body),
        "dhl" => wismo_carriers::dhl::parse(&body),
        other => match other.parse::<Provider>() {
            Ok(provider) => provider.parse(&body),
            Err(_) => bail!(
                "unknown carrier `{carrier}`: use ups, fedex, usps, dhl, easypost, aftership or 17track"
            ),
        },
    };
    let trackings =
        parsed.with_context(|| format!("{} is not a valid {carrier} response", file.display()))?;
    if trackings.is_empty() {
        bail!("{} holds no tracking data", file.display());
    }
    for tracking in &trackings {
        print_tracking(tracking, as_json);
    }
    Ok(())
}

pub async fn track(
    config: &Config,
    carrier: &str,
    number: &str,
    as_json: bool,
) -> anyhow::Result<()> {
    let Some(live) = adapters::LiveCarrier::parse(carrier) else {
        bail!(
            "unknown carrier `{carrier}`: use {}",
            adapters::LIVE_CARRIERS.join(", ")
        );
    };
    let account = config.carrier_account(live)?;
    let Some(adapter) = adapters::adapter(live.slug(), account) else {
        bail!("no adapter for `{carrier}`");
    };
    let tracking = adapter
        .track(number)
        .await
        .with_context(|| format!("{carrier} could not track {number}"))?;
    print_tracking(&tracking, as_json);
    Ok(())
}

fn print_tracking(t: &Tracking, as_json: bool) {
    if as_json {
        let events: Vec<Value> = t
            .events
            .iter()
            .map(|e| {
                json!({
                    "occurred_at": e.occurred_at.to_rfc3339(),
                    "offset_known": e.offset_known,
                    "stage": e.stage,
                    "substatus": e.substatus,
                    "code": e.code,
                    "description": e.description,
                    "location": e.location,
                })
            })
            .collect();
        let out = json!({
            "tracking_number": t.tracking_number,
            "carrier": t.carrier,
            "service": t.service,
            "estimated_delivery": t.estimated_delivery,
            "delivery": t.delivery,
            "events": events,
        });
        println!("{out}");
        return;
    }
    println!(
        "{} ({}{})",
        t.tracking_number,
        t.carrier,
        t.service
            .as_deref()
            .map(|s| format!(", {s}"))
            .unwrap_or_default()
    );
    if let Some(eta) = &t.estimated_delivery {
        println!("estimated delivery: {}", eta.date);
    }
    for e in &t.events {
        let place = e.location.as_deref().unwrap_or("");
        println!(
            "  {}  {:<20} {}  {place}",
            e.occurred_at.format("%Y-%m-%d %H:%M %:z"),
            e.stage.as_str(),
            e.description
        );
    }
}

/// A sandbox carrier on a clock running `speed` times real time.
pub fn sandbox(speed: f64) -> Sandbox {
    Sandbox::new(
        Arc::new(ScaledClock::new(chrono::Utc::now(), speed)),
        SandboxCredentials::default(),
    )
}

pub async fn serve_sandbox(config: &Config, speed: f64) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let base = format!("http://{}", listener.local_addr().unwrap_or(config.listen));
    tracing::info!(%base, speed, "sandbox carrier serving");
    println!(
        "Sandbox carrier on {base}/sandbox/{{ups,fedex,usps,dhl}} (client id, secret and API key: \"sandbox\"); clock speed {speed}x."
    );
    crate::listen::serve_on(
        listener,
        sandbox(speed).router(),
        config.http,
        crate::serve::shutdown_signal(),
    )
    .await;
    Ok(())
}
