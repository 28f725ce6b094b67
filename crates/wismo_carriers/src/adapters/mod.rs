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

/// The one [`Tracking`] of `number` among what a response held (UPS packages, DHL
/// shipments, USPS's one), its unknown codes recorded. A response about other numbers only
/// is [`CarrierError::NotFound`]: another parcel's scans must never be taken for this one.
fn pick(
    carrier: &'static str,
    mut trackings: Vec<Tracking>,
    number: &str,
) -> Result<Tracking, CarrierError> {
    let Some(i) = trackings
        .iter()
        .position(|t| same_number(number, &t.tracking_number))
    else {
        if !trackings.is_empty() {
            tracing::warn!(
                carrier,
                reason = "the response is about other tracking numbers only",
                "tracking number not found"
            );
        }
        return Err(CarrierError::NotFound);
    };
    let tracking = trackings.swap_remove(i);
    crate::unknown::record(carrier, &tracking.unknown_codes);
    Ok(tracking)
}

/// Whether the carrier's `answered` number is the `asked` one: equal once normalized, or
/// the same USPS barcode with or without its `420` + ZIP (+4) routing prefix.
fn same_number(asked: &str, answered: &str) -> bool {
    let (asked, answered) = (
        crate::detect::normalize(asked),
        crate::detect::normalize(answered),
    );
    let routed = |long: &str, short: &str| {
        long.starts_with("420")
            && long.ends_with(short)
            && matches!(long.len() - short.len(), 8 | 12)
            && long.bytes().all(|b| b.is_ascii_digit())
    };
    asked == answered
        || (!answered.is_empty() && (routed(&asked, &answered) || routed(&answered, &asked)))
}

#[cfg(test)]
mod tests {
    use super::same_number;

    #[test]
    fn a_number_is_the_same_in_any_spacing_or_case() {
        assert!(same_number("1z 999 aa1 0123456784", "1Z999AA10123456784"));
        assert!(!same_number("1Z999AA10123456784", "1Z999AA10123456795"));
        assert!(!same_number("3318810025", ""));
    }

    #[test]
    fn a_usps_barcode_is_the_same_with_or_without_its_routing_prefix() {
        let body = "9400111899223334445566";
        assert!(same_number(&format!("42090210{body}"), body));
        assert!(same_number(&format!("420902101234{body}"), body));
        assert!(same_number(body, &format!("42090210{body}")));
        // Another parcel's number that merely ends the same way is not this one.
        assert!(!same_number(&format!("4209021{body}"), body));
        assert!(!same_number("12345678901234567890", "34567890"));
    }
}
