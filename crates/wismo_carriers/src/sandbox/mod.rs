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
//! - `POST /sandbox/timing` `{"timing": "realistic"|"around_the_clock"}`, `GET /sandbox/timing`
//!
//! Timing ([`Timing`]): `realistic` (the default) plays out-for-delivery scans, deliveries and
//! collections in each carrier's delivery hours and days, in the destination's local time:
//!
//! | carrier | days | out for delivery | deliveries | route centre |
//! |---|---|---|---|---|
//! | UPS | Mon–Fri | 07:00–08:30 | 09:00–19:00 | 14:30 |
//! | FedEx | Mon–Sat | 07:30–09:00 | 09:00–20:00 | 13:00 |
//! | USPS | Mon–Sat | 06:30–08:30 | 09:00–18:00 | 11:30 |
//! | DHL Express | Mon–Fri | 07:00–08:30 | 09:00–18:00 | 12:00 |
//!
//! Pickup points (every carrier) are open Mon–Sat 09:00–19:00, collections centred at 16:30.
//! The estimate is the planned delivery's day until the end of the delivery hours; once out
//! for delivery UPS and FedEx give a 4-hour window. `around_the_clock` plays the script's
//! hours as written, deliveries at any hour and day. See [`journey`] for the rules.

mod carriers;
mod control;
mod hours;
pub mod journey;
mod render;

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use wismo_domain::Clock;

pub use journey::{DeliveryHours, Estimate, Scenario, Timing};

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
    timing: Timing,
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

    /// How journeys' last miles are timed from now on (every number, already started or not).
    pub fn set_timing(&self, timing: Timing) {
        self.state().timing = timing;
    }

    pub fn timing(&self) -> Timing {
        self.state().timing
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

    /// The scans `carrier` shows now, and its estimate; `None` for an unknown number.
    fn visible(
        &self,
        number: &str,
        carrier: &str,
    ) -> Option<(Parcel, Vec<journey::Scan>, Option<Estimate>)> {
        let parcel = self.parcel(number);
        let timing = self.timing();
        let now = self.now();
        let scans: Vec<_> = parcel
            .scenario
            .journey(number, carrier, parcel.started, timing)
            .into_iter()
            .take_while(|s| s.time(parcel.started) <= now)
            .collect();
        if scans.is_empty() {
            return None;
        }
        let estimate =
            parcel
                .scenario
                .estimate_for(number, carrier, parcel.started, timing, &scans);
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;
    use wismo_domain::ManualClock;

    #[test]
    fn a_sandbox_plays_realistic_hours_unless_set_around_the_clock() {
        let now = Utc.with_ymd_and_hms(2026, 3, 9, 3, 17, 0).single().unwrap();
        let sandbox = Sandbox::new(Arc::new(ManualClock::new(now)), Default::default());
        assert_eq!(sandbox.timing(), Timing::Realistic);
        let number = "1ZSBX0000000000077";
        for age in 0..110 {
            for carrier in ["ups", "fedex", "usps", "dhl"] {
                for scenario in Scenario::PLAYED {
                    let started = now - chrono::Duration::minutes(age * 60 + 13);
                    sandbox.set_scenario(number, scenario, started);
                    sandbox.set_timing(Timing::AroundTheClock);
                    // The script as it was played: scans up to the elapsed hours, its estimate.
                    let elapsed = (now - started).num_seconds() as f64 / 3600.0;
                    let scripted: Vec<_> = scenario
                        .scans()
                        .into_iter()
                        .filter(|s| s.hours <= elapsed)
                        .collect();
                    let (_, scans, estimate) = sandbox.visible(number, carrier).unwrap();
                    assert_eq!(scans, scripted, "{carrier} {scenario:?} {age}");
                    assert_eq!(
                        estimate.map(|e| e.until),
                        scenario.estimate(started, &scripted)
                    );
                    assert!(estimate.is_none_or(|e| e.from.is_none()));

                    sandbox.set_timing(Timing::Realistic);
                    let journey = scenario.journey(number, carrier, started, Timing::Realistic);
                    let (_, scans, _) = sandbox.visible(number, carrier).unwrap();
                    let shown = journey.iter().filter(|s| s.time(started) <= now).count();
                    assert_eq!(scans, journey[..shown], "{carrier} {scenario:?} {age}");
                }
            }
        }
    }
}
