//! wismo's fuzz targets, one function per target, each taking the fuzzer's bytes.
//!
//! The cargo-fuzz crate under `fuzz/` (outside the workspace) gives each function a libFuzzer
//! entry point; this crate's `replay` test runs every committed input (`fuzz/corpus/<target>/`
//! and the fixed crashes under `fuzz/artifacts-fixed/<target>/`) through the same functions, so
//! `cargo test` keeps old findings fixed without building a fuzzer.
//!
//! A target panics only on a bug: a parser that panics, or an output that breaks a promise the
//! parser makes (events oldest first, a signature it made itself refused).

mod api;
mod carriers;
mod detect;
mod import;
mod platforms;
mod push;

pub use api::{api_branding, api_event, api_hosts, api_order, api_shipment, api_shipment_patch};
pub use carriers::{dhl, fedex, ups, usps};
pub use detect::detect;
pub use import::csv_import;
pub use platforms::{generic_event, shopify_fulfillment, shopify_order, woocommerce_order};
pub use push::{aftership, easypost, seventeen_track, webhook_signature};

/// A target's body.
pub type Target = fn(&[u8]);

/// Every target by its cargo-fuzz name (`fuzz/fuzz_targets/<name>.rs`): parsers of what
/// carriers, aggregators and store platforms send first, then the API's request bodies and
/// imported files.
pub const TARGETS: &[(&str, Target)] = &[
    ("ups", ups),
    ("fedex", fedex),
    ("usps", usps),
    ("dhl", dhl),
    ("easypost", easypost),
    ("aftership", aftership),
    ("seventeen_track", seventeen_track),
    ("webhook_signature", webhook_signature),
    ("detect", detect),
    ("shopify_order", shopify_order),
    ("shopify_fulfillment", shopify_fulfillment),
    ("woocommerce_order", woocommerce_order),
    ("generic_event", generic_event),
    ("api_order", api_order),
    ("api_shipment", api_shipment),
    ("api_shipment_patch", api_shipment_patch),
    ("api_event", api_event),
    ("api_branding", api_branding),
    ("api_hosts", api_hosts),
    ("csv_import", csv_import),
];

/// What every parse into [`wismo_carriers::Tracking`] must hold, then the trackings handed
/// on as the pipeline would (serialized for the API, turned into events).
fn check_trackings(trackings: Vec<wismo_carriers::Tracking>) {
    for tracking in trackings {
        assert!(
            tracking
                .events
                .windows(2)
                .all(|pair| pair[0].occurred_at <= pair[1].occurred_at),
            "events are not oldest first: {tracking:?}"
        );
        let estimate = tracking.estimated_delivery.as_ref();
        let window = estimate
            .into_iter()
            .flat_map(|e| [e.from, e.until])
            .flatten();
        for at in tracking.events.iter().map(|e| e.occurred_at).chain(window) {
            assert!(
                has_a_date_everywhere(at),
                "a time whose day cannot be told in every time zone: {tracking:?}"
            );
        }
        let _ = serde_json::to_vec(&tracking);
        let _ = tracking.into_update(wismo_domain::EventSource::Push);
    }
}

/// Whether the day of `at` can be told in any store's time zone (UTC−12 to UTC+14), as the
/// pipeline and the pages do (`date_naive`, which panics when it cannot).
fn has_a_date_everywhere(at: chrono::DateTime<chrono::FixedOffset>) -> bool {
    [-12, 0, 14].into_iter().all(|hours| {
        chrono::FixedOffset::east_opt(hours * 3600)
            .is_some_and(|offset| at.naive_utc().checked_add_offset(offset).is_some())
    })
}
