//! Parse + normalize throughput per example response, per carrier and webhook provider.
//! Reads the example bodies vendored under `testdata/` at the workspace root.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use wismo_carriers::push::Provider;
use wismo_carriers::{CarrierError, Tracking};
use wismo_domain::EventSource;

type Parse = fn(&[u8]) -> Result<Vec<Tracking>, CarrierError>;

fn load(relative: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn parse_all(c: &mut Criterion) {
    let cases: [(&str, &str, Parse); 7] = [
        (
            "ups",
            "carrier_responses/ups.json",
            wismo_carriers::ups::parse,
        ),
        (
            "fedex",
            "carrier_responses/fedex.json",
            wismo_carriers::fedex::parse,
        ),
        (
            "usps",
            "carrier_responses/usps.json",
            wismo_carriers::usps::parse,
        ),
        (
            "dhl",
            "carrier_responses/dhl.json",
            wismo_carriers::dhl::parse,
        ),
        (
            "easypost",
            "webhooks/easypost_tracker_updated_event.json",
            |b| Provider::EasyPost.parse(b),
        ),
        (
            "aftership",
            "webhooks/aftership_tracking_update.json",
            |b| Provider::AfterShip.parse(b),
        ),
        ("17track", "webhooks/17track_tracking_updated.json", |b| {
            Provider::SeventeenTrack.parse(b)
        }),
    ];
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(1));
    for (name, file, parse) in cases {
        let body = load(file);
        // Parse, then normalize into the pipeline's events (dedupe keys included).
        group.bench_function(name, |b| {
            b.iter(|| {
                let trackings = parse(black_box(&body)).unwrap_or_default();
                let events: Vec<_> = trackings
                    .into_iter()
                    .flat_map(|t| t.events)
                    .map(|e| e.into_new_event(EventSource::Poll))
                    .collect();
                black_box(events)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse_all);
criterion_main!(benches);
