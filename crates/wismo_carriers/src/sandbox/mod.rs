//! The sandbox carrier: a server inside wismo that speaks UPS's, FedEx's, USPS's and DHL's
//! real tracking wire formats, OAuth token endpoints included, and plays scripted journeys
//! ([`journey`]) on a clock that can run faster than real time. Tests, benchmarks and the
//! demo point the adapters at it; `wismo sandbox` serves it alone.
//!
//! Each carrier lives under its own base URL: `{sandbox}/ups`, `{sandbox}/fedex`,
//! `{sandbox}/usps`, `{sandbox}/dhl`. Control endpoints:
//! - `POST /sandbox/scenarios` `{"tracking_number", "scenario", "started_at"?, "age_hours"?}`
//! - `POST /sandbox/faults` `{"carrier"?, "kind": "server_error"|"rate_limited"|"slow"|"malformed", "count"?, "retry_after"?, "delay_ms"?}`,
//!   `DELETE /sandbox/faults`
//! - `GET /sandbox/stats` (requests per carrier, token requests, overlapping requests for one
//!   number), `DELETE /sandbox/stats`
//! - `GET /sandbox/clock`, `DELETE /sandbox/tokens` (expire every OAuth token)

mod carriers;
mod control;
pub mod journey;
mod render;

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use wismo_domain::Clock;

pub use journey::Scenario;

/// Credentials the sandbox accepts: OAuth client id and secret for UPS, FedEx and USPS, and
/// the DHL API key.
#[derive(Debug, Clone)]
pub struct SandboxCredentials {
    pub client_id: String,
    pub client_secret: String,
    pub dhl_api_key: String,
}

impl Default for SandboxCredentials {
    fn default() -> Self {
        Self {
            client_id: "sandbox".into(),
            client_secret: "sandbox".into(),
            dhl_api_key: "sandbox".into(),
        }
    }
}

/// The sandbox's shared state. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    clock: Arc<dyn Clock>,
    credentials: SandboxCredentials,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    parcels: HashMap<String, Parcel>,
    faults: Vec<Fault>,
    stats: HashMap<&'static str, CarrierStats>,
    tokens: HashMap<String, (&'static str, Instant)>,
    in_flight: HashMap<String, u32>,
    overlapping_requests: u64,
}

#[derive(Debug, Clone, Copy)]
struct Parcel {
    scenario: Scenario,
    started: DateTime<Utc>,
}

/// Requests one carrier's endpoints received.
#[derive(Debug, Default, Clone, Serialize)]
pub struct CarrierStats {
    pub requests: u64,
    pub token_requests: u64,
    pub numbers_tracked: u64,
    pub faults_injected: u64,
}

/// A fault to inject into the next `count` tracking requests of a carrier (or any).
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
pub struct Fault {
    pub carrier: Option<String>,
    pub kind: FaultKind,
    #[serde(default = "one")]
    pub count: u32,
    /// Seconds, for `rate_limited`.
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Milliseconds, for `slow`.
    #[serde(default)]
    pub delay_ms: Option<u64>,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// HTTP 500.
    ServerError,
    /// HTTP 429 with `Retry-After`.
    RateLimited,
    /// The answer comes after `delay_ms`.
    Slow,
    /// HTTP 200 with a body that is not JSON.
    Malformed,
}

const TOKEN_LIFETIME: Duration = Duration::from_secs(3599);

impl Sandbox {
    pub fn new(clock: Arc<dyn Clock>, credentials: SandboxCredentials) -> Self {
        Self {
            inner: Arc::new(Inner {
                clock,
                credentials,
                state: Mutex::new(State::default()),
            }),
        }
    }

    /// The routes, to serve alone or mount inside wismo's router: every path starts with
    /// `/sandbox/`.
    pub fn router(&self) -> axum::Router {
        carriers::routes(self.clone()).merge(control::routes(self.clone()))
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets the journey of a number, starting at `started`.
    pub fn set_scenario(&self, number: &str, scenario: Scenario, started: DateTime<Utc>) {
        self.state()
            .parcels
            .insert(number.to_owned(), Parcel { scenario, started });
    }

    /// The number's journey; the first sight of a number starts it now.
    fn parcel(&self, number: &str) -> Parcel {
        let now = self.now();
        *self
            .state()
            .parcels
            .entry(number.to_owned())
            .or_insert_with(|| Parcel {
                scenario: Scenario::for_number(number),
                started: now,
            })
    }

    /// The scans visible now, and the carrier's estimate; `None` for an unknown number.
    fn visible(&self, number: &str) -> Option<(Parcel, Vec<journey::Scan>, Option<DateTime<Utc>>)> {
        let parcel = self.parcel(number);
        let elapsed = (self.now() - parcel.started).num_seconds() as f64 / 3600.0;
        let scans: Vec<_> = parcel
            .scenario
            .scans()
            .into_iter()
            .filter(|s| s.hours <= elapsed)
            .collect();
        if scans.is_empty() {
            return None;
        }
        let estimate = parcel.scenario.estimate(parcel.started, &scans);
        Some((parcel, scans, estimate))
    }

    fn issue_token(&self, carrier: &'static str) -> String {
        let token = format!("sbx-{carrier}-{:032x}", rand::random::<u128>());
        let mut state = self.state();
        state.stats.entry(carrier).or_default().token_requests += 1;
        state
            .tokens
            .insert(token.clone(), (carrier, Instant::now() + TOKEN_LIFETIME));
        token
    }

    fn count_token_request(&self, carrier: &'static str) {
        self.state()
            .stats
            .entry(carrier)
            .or_default()
            .token_requests += 1;
    }

    /// Counts a tracking request refused for its credentials.
    fn count_refused(&self, carrier: &'static str) {
        self.state().stats.entry(carrier).or_default().requests += 1;
    }

    fn token_valid(&self, carrier: &'static str, token: &str) -> bool {
        matches!(self.state().tokens.get(token), Some((c, until)) if *c == carrier && Instant::now() < *until)
    }

    /// Counts a tracking request and takes the next matching fault, if any.
    fn begin(&self, carrier: &'static str, numbers: &[String]) -> Option<Fault> {
        let mut state = self.state();
        let stats = state.stats.entry(carrier).or_default();
        stats.requests += 1;
        stats.numbers_tracked += numbers.len() as u64;
        let mut overlapped = 0;
        for n in numbers {
            let count = state.in_flight.entry(n.clone()).or_default();
            *count += 1;
            if *count > 1 {
                overlapped += 1;
            }
        }
        state.overlapping_requests += overlapped;
        let i = state
            .faults
            .iter()
            .position(|f| f.carrier.as_deref().is_none_or(|c| c == carrier))?;
        let fault = state.faults[i].clone();
        if state.faults[i].count <= 1 {
            state.faults.remove(i);
        } else {
            state.faults[i].count -= 1;
        }
        state.stats.entry(carrier).or_default().faults_injected += 1;
        Some(fault)
    }

    fn end(&self, numbers: &[String]) {
        let mut state = self.state();
        for n in numbers {
            if let Some(count) = state.in_flight.get_mut(n) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    state.in_flight.remove(n);
                }
            }
        }
    }

    /// Requests per carrier so far.
    pub fn stats(&self) -> HashMap<&'static str, CarrierStats> {
        self.state().stats.clone()
    }

    /// Times a request for a number arrived while another for the same number was running.
    pub fn overlapping_requests(&self) -> u64 {
        self.state().overlapping_requests
    }

    pub fn add_fault(&self, fault: Fault) {
        self.state().faults.push(fault);
    }
}
