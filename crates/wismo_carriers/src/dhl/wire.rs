//! The DHL Shipment Tracking – Unified response as it arrives, read leniently: the shipment
//! `id` as a number or a string, any scalar where text is expected.

use crate::usps::wire::Text;
use serde::Deserialize;

/// `{url, shipments[], possibleAdditionalShipmentsUrl[] …}`, or a problem-details body.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Response {
    pub shipments: Option<Vec<Shipment>>,
    /// Problem-details fields, when DHL answers with an error in a 2xx.
    pub title: Text,
    pub status: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Shipment {
    /// A number in DHL's sample, a string in real responses.
    pub id: Text,
    /// The backend: `express`, `parcel-de`, `parcel-pl`, `ecommerce` …
    pub service: Text,
    pub destination: Option<Place>,
    /// The latest event.
    pub status: Option<Event>,
    pub estimated_time_of_delivery: Text,
    pub estimated_delivery_time_frame: Option<TimeFrame>,
    pub details: Option<Details>,
    /// Newest first.
    pub events: Option<Vec<Event>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Place {
    pub address: Option<Address>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Address {
    /// "Leipzig", or Express's "NEW YORK, NY - USA".
    pub address_locality: Text,
    pub country_code: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Event {
    /// ISO 8601, with an offset (Express) or without (parcel-de, parcel-pl).
    pub timestamp: Text,
    pub location: Option<Place>,
    /// `pre-transit`, `transit`, `delivered`, `failure`, `unknown`.
    pub status_code: Text,
    /// Express: a checkpoint code (`PU`, `WC`, `OK` …); parcel-de: German text.
    pub status: Text,
    pub status_detailed: Text,
    /// May carry HTML (parcel-de).
    pub description: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct TimeFrame {
    pub estimated_from: Text,
    pub estimated_through: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Details {
    pub product: Option<Product>,
    pub proof_of_delivery: Option<ProofOfDelivery>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Product {
    pub product_name: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ProofOfDelivery {
    pub signed: Option<Signer>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Signer {
    pub name: Text,
    pub given_name: Text,
    pub family_name: Text,
}

/// RFC 9457 problem details: `{"title":"No result found","status":404,"detail":…}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Problem {
    pub title: Text,
    pub detail: Text,
    pub status: Text,
}
