//! Carrier adapters: the live HTTP side. Each builds the carrier's real request (with its
//! auth), sends it, and hands the body to that carrier's parser. One trait, one module per
//! carrier; base URLs are configurable so tests and the demo point them at the sandbox.

pub mod dhl;
pub mod fedex;
mod http;
mod live;
mod oauth;
pub mod ups;
pub mod usps;

pub use live::LiveCarrier;

use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use wismo_domain::Secret;

pub use dhl::DhlAdapter;
pub use fedex::FedexAdapter;
pub use http::client;
pub use ups::UpsAdapter;
pub use usps::UspsAdapter;

use crate::{CarrierError, Tracking};

/// A carrier that can be asked about tracking numbers.
#[async_trait]
pub trait Carrier: Send + Sync + std::fmt::Debug {
    /// `ups`, `fedex`, `usps` or `dhl`.
    fn slug(&self) -> &'static str;

    /// How many numbers one call can carry.
    fn batch_size(&self) -> usize {
        1
    }

    /// The tracking data of one number.
    async fn track(&self, number: &str) -> Result<Tracking, CarrierError>;

    /// The tracking data of several numbers, in as few calls as the carrier allows. An error
    /// that concerns the whole call (auth, rate limit) is returned for every number.
    async fn track_many(
        &self,
        numbers: &[String],
    ) -> Vec<(String, Result<Tracking, CarrierError>)> {
        let mut out = Vec::with_capacity(numbers.len());
        for number in numbers {
            out.push((number.clone(), self.track(number).await));
        }
        out
    }
}

/// One carrier account: where to call and with what.
#[derive(Debug, Clone)]
pub struct Account {
    /// Base URL, e.g. `https://onlinetools.ups.com` (see each adapter's `PRODUCTION`).
    pub base_url: String,
    /// OAuth client id (UPS, FedEx, USPS); unused for DHL.
    pub client_id: String,
    /// OAuth client secret, or DHL's API key.
    pub secret: Secret,
    /// Per-request timeout.
    pub timeout: Duration,
}

/// Builds the adapter for `slug` with `account`, or `None` for an unknown carrier.
pub fn adapter(slug: &str, account: Account) -> Option<Arc<dyn Carrier>> {
    let http = client(account.timeout);
    Some(match slug {
        "ups" => Arc::new(UpsAdapter::new(http, account)),
        "fedex" => Arc::new(FedexAdapter::new(http, account)),
        "usps" => Arc::new(UspsAdapter::new(http, account)),
        "dhl" => Arc::new(DhlAdapter::new(http, account)),
        _ => return None,
    })
}

/// The carriers with live adapters.
pub const LIVE_CARRIERS: [&str; 4] = ["ups", "fedex", "usps", "dhl"];

/// The one [`Tracking`] of `number` among what a response held (UPS packages, DHL shipments).
fn pick(mut trackings: Vec<Tracking>, number: &str) -> Result<Tracking, CarrierError> {
    let wanted = crate::detect::normalize(number);
    match trackings
        .iter()
        .position(|t| crate::detect::normalize(&t.tracking_number) == wanted)
    {
        Some(i) => Ok(trackings.swap_remove(i)),
        None if !trackings.is_empty() => Ok(trackings.swap_remove(0)),
        None => Err(CarrierError::NotFound),
    }
}
