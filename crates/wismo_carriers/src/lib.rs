//! wismo's carriers: everything that speaks a carrier's language and nothing that knows the
//! database.
//!
//! - [`detect`]: which carrier a tracking number belongs to, from its format and check digit;
//! - one module per carrier ([`ups`], [`fedex`], [`usps`], [`dhl`]): parse the carrier's
//!   tracking response into [`Tracking`], and map its status codes onto wismo's stages;
//! - [`adapters`]: the live HTTP side: OAuth, token caching, the carriers' real requests,
//!   errors classified for the scheduler;
//! - [`push`]: aggregator webhooks (EasyPost, AfterShip, 17TRACK), signature-verified and
//!   parsed into the same [`Tracking`];
//! - [`unknown`]: status codes no table knows, listed by the parsers and recorded (a
//!   metric, a log line once per code) by whoever runs them for real;
//! - [`sandbox`]: a server that speaks the four carriers' wire formats and plays scripted
//!   journeys on a fast clock, for tests and the demo.

pub mod adapters;
pub mod detect;
pub mod dhl;
pub mod fedex;
pub mod push;
pub mod sandbox;
pub mod ups;
pub mod usps;

pub mod unknown;

mod common;
mod types;

pub use types::{CarrierError, DeliveryDetails, EstimatedDelivery, RawEvent, Tracking};
pub use unknown::UnknownCodes;
