//! Benchmarks of the tracking engine (see bench/README.md, "Tracking engine").
//!
//! `engine_bench claim --db sqlite|postgres [--active 1000000] [--batch 500] [--rounds 20] [--keep]`
//!     bulk-seeds that many active shipments (2 % due now, the rest due over the next 24 h)
//!     and times `Store::claim_due_shipments` in a fresh process, whose peak RSS it reports
//!     (`--keep` leaves the database in place and prints its URL).
//! `engine_bench ingest [--events 200000] [--batch 10] [--breakdown EVENTS] [--only pipeline|raw]`
//!     events/s through the event pipeline (`Store::ingest`) on SQLite, next to plain
//!     `INSERT INTO tracking_events` of the same rows with the same batching; `--breakdown`
//!     runs both again on fewer events with sqlx's statement log on and prints where a
//!     batch's time goes.
//! `engine_bench simulate [--shipments 1000] [--step-minutes 5] [--days 12]
//!   [--timing realistic|around-the-clock] [--policies adaptive,fixed] [--push-share 0.0]`
//!     the real worker polling the sandbox carrier on a manual clock: carrier calls per
//!     delivered parcel and how fresh out-for-delivery and delivered scans are (those in
//!     delivery hours apart), next to fixed 2-hour polling of the same journeys; the
//!     sandbox plays realistic delivery hours and days or around the clock; a share of the
//!     parcels can be fed by push webhooks instead.
//! `engine_bench estimate [--shipments 3000] [--warmup 200] [--weeks 8]`
//!     delivery predictions made by the pipeline from the store's own history (no carrier
//!     estimates) against the actual delivery dates, next to the built-in default windows.
//! `engine_bench serve-pages [--shipments 1000000] [--stored N] --tokens FILE [--new-tokens FILE]
//! [--changed 20000] [--changed-tokens FILE] [--listen ADDR] [--log]`
//!     bulk-seeds that many in-transit shipments with three scans each (SQLite), views the
//!     first `--stored` (half) once so their pages are kept, gives the first `--changed` of
//!     those a new scan through the pipeline (which renders their pages ahead), writes the
//!     `/t/{token}` paths (one a line: viewed to `--tokens`, never viewed to `--new-tokens`,
//!     changed to `--changed-tokens`) and serves the real router until SIGINT/SIGTERM, for
//!     wrk (bench/tracking_page.sh); `--log` logs as `wismo serve` does.
//! `engine_bench promise --db sqlite|postgres [--shipments 1000000] [--cold 3000] [--warm-lanes 500]
//!   [--seconds 10] [--concurrency 32] [--keep]`
//!     bulk-seeds that many delivered parcels over two years and many lanes, serves the real
//!     router, and times `GET /{store}/promise.json`: lanes not yet read (each request reads
//!     the database), one at a time, then kept lanes by many clients at once. PostgreSQL
//!     runs in a database of its own, created and dropped (`--keep` leaves it, or the SQLite
//!     file, and prints its URL).
//! `engine_bench admin --db sqlite|postgres [--shipments 1000000] [--rounds 200] [--keep]`
//!     the promise benchmark's history with one parcel in 97 in trouble, an owner signed
//!     in, and the real router timed for the attention list with its counts, one kind of
//!     it, search (order number, email, part of a name, nothing found) and an order's page.
//!
//! PostgreSQL: `--postgres-url URL` or `WISMO_BENCH_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); each run works in a schema of its own,
//! dropped at the end. SQLite files go to a temporary directory, removed at the end.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod claim;
mod estimate;
mod ingest;
mod pages;
mod promise;
mod rig;
mod seed;
mod simulate;

use chrono::{DateTime, TimeZone as _, Utc};

const CARRIERS: [&str; 4] = ["ups", "fedex", "usps", "dhl"];
/// The service each carrier's parcels are sent with (a common ground service).
const SERVICES: [&str; 4] = [
    "UPS Ground",
    "FedEx Home Delivery",
    "USPS Ground Advantage",
    "DHL eCommerce Parcel Expedited",
];
const CUSTOMER_TZ: &str = "America/Los_Angeles";

fn usage() -> ! {
    eprintln!(
        "usage: engine_bench claim --db sqlite|postgres [--active N] [--batch N] [--rounds N] [--keep]\n\
         \x20      engine_bench ingest [--events N] [--batch N] [--breakdown N] [--only pipeline|raw]\n\
         \x20      engine_bench simulate [--shipments N] [--step-minutes N] [--days N] [--timing realistic|around-the-clock] [--policies adaptive,fixed] [--push-share F]\n\
         \x20      engine_bench estimate [--shipments N] [--warmup N] [--weeks N]\n\
         \x20      engine_bench serve-pages [--shipments N] [--stored N] --tokens FILE [--new-tokens FILE] [--changed N] [--changed-tokens FILE] [--listen ADDR] [--log]\n\
         \x20      engine_bench promise --db sqlite|postgres [--shipments N] [--cold N] [--warm-lanes N] [--seconds S] [--concurrency N] [--keep]\n\
         \x20      engine_bench admin --db sqlite|postgres [--shipments N] [--rounds N] [--keep]\n\
         PostgreSQL: --postgres-url URL or WISMO_BENCH_POSTGRES_URL"
    );
    std::process::exit(2)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn num<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    arg(args, name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}: `{v}` is not a number"))
    })
}

fn postgres_base(args: &[String]) -> String {
    arg(args, "--postgres-url")
        .or_else(|| std::env::var("WISMO_BENCH_POSTGRES_URL").ok())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Simulated time starts on a Monday afternoon (UTC), a Monday morning in Portland.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 14, 0, 0)
        .single()
        .unwrap()
}

/// The allocator `wismo` runs with (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("claim") => claim::claim(&args).await,
        Some("claim-run") => claim::claim_run(&args).await,
        Some("ingest") => ingest::ingest(&args).await,
        Some("simulate") => simulate::simulate(&args).await,
        Some("estimate") => estimate::estimate(&args).await,
        Some("serve-pages") => pages::serve_pages(&args).await,
        Some("promise") => promise::promise(&args).await,
        Some("admin") => admin::admin(&args).await,
        _ => usage(),
    }
}

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

/// The `p`-th percentile of sorted values by nearest rank.
fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn sorted(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    values
}

/// A small deterministic random source (SplitMix64), so both policies of the simulation
/// play the same journeys.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
