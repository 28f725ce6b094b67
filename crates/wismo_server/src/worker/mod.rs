//! The polling worker: claims due shipments, asks their carriers, and hands what they say
//! to the event pipeline.
//!
//! One round ([`Worker::run_once`]): claim up to a batch of due shipments (a lease, in one
//! short statement), group them by carrier, and for each group call the carrier in as few
//! calls as it allows (FedEx takes 30 numbers a call), within the account's token bucket
//! and unless the carrier's circuit breaker is open. No database transaction is open while
//! a carrier is called. Each shipment is then finished on its own: its update goes through
//! the pipeline and, if the lease is still this worker's, the next poll is scheduled. A
//! worker that dies mid-round loses nothing: its leases run out and the shipments fall due
//! again; events are deduplicated, milestones recorded once.

pub mod limits;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;
use wismo_carriers::adapters::{Carrier, LIVE_CARRIERS, LiveCarrier, adapter};
use wismo_carriers::{CarrierError, Tracking};
use wismo_domain::schedule::{Habits, PollOutcome};
use wismo_domain::{Clock, EventSource, TrackingUpdate};
use wismo_store::{PollFinish, PollLease, Store};

use crate::config::{Config, WorkerSettings};
use crate::ingest::Ingest;
use limits::{CircuitBreaker, TokenBucket};

/// How long a shipment whose carrier has no configured account waits before it is looked
/// at again (its stage may still change by push, and expiry still applies).
const UNCONFIGURED_WAIT: chrono::Duration = chrono::Duration::hours(12);
/// How long a request the carrier refused as wrong waits.
const PERMANENT_WAIT: chrono::Duration = chrono::Duration::hours(12);
/// How often the learned carrier habits are read again (real time).
const HABITS_REFRESH: Duration = Duration::from_secs(600);

/// One carrier the worker can call, with its budget and its breaker.
#[derive(Debug)]
struct Link {
    carrier: Arc<dyn Carrier>,
    bucket: Mutex<TokenBucket>,
    breaker: Mutex<CircuitBreaker>,
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Shipments claimed.
    pub claimed: usize,
    /// Carrier calls made.
    pub calls: usize,
    /// New events stored.
    pub events: usize,
    /// Finishes whose lease had been taken over (the schedule was left to the new holder).
    pub lost_leases: usize,
}

/// A polling worker.
#[derive(Debug, Clone)]
pub struct Worker {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    name: String,
    store: Arc<dyn Store>,
    ingest: Ingest,
    clock: Arc<dyn Clock>,
    settings: WorkerSettings,
    links: HashMap<&'static str, Link>,
    habits: Mutex<(Option<Instant>, Habits)>,
}

impl Worker {
    /// A worker calling the carriers that `config` has accounts for. Carriers without an
    /// account are skipped (their shipments wait, and a warning says what to configure).
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, config: &Config) -> Self {
        Self::through(Ingest::new(store.clone()), store, clock, config)
    }

    /// [`new`](Self::new), recording what it polls through `ingest` (a server's own door,
    /// which renders the pages of parcels with news ahead of their views).
    pub fn through(
        ingest: Ingest,
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        config: &Config,
    ) -> Self {
        let mut links = HashMap::new();
        for carrier in LiveCarrier::ALL {
            let slug = carrier.slug();
            let Some(settings) = config.carriers.get(slug) else {
                continue;
            };
            match config.carrier_account(carrier) {
                Ok(account) => {
                    if let Some(carrier) = adapter(slug, account) {
                        let link = Link {
                            carrier,
                            bucket: Mutex::new(TokenBucket::new(
                                settings.rate_per_second,
                                settings.burst,
                            )),
                            breaker: Mutex::new(CircuitBreaker::default()),
                        };
                        links.insert(slug, link);
                    }
                }
                Err(e) => tracing::warn!(carrier = slug, error = %e, "carrier not polled"),
            }
        }
        let name = format!(
            "{}:{}:{:08x}",
            hostname(),
            std::process::id(),
            rand::random::<u32>()
        );
        Self {
            inner: Arc::new(Inner {
                name,
                ingest,
                store,
                clock,
                settings: config.worker,
                links,
                habits: Mutex::new((None, Habits::default())),
            }),
        }
    }

    /// The name leases are taken under.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The carriers this worker calls.
    pub fn carriers(&self) -> Vec<&'static str> {
        let mut slugs: Vec<_> = self.inner.links.keys().copied().collect();
        slugs.sort_unstable();
        slugs
    }

    /// Runs rounds until `shutdown` resolves; a round in progress is finished first.
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) {
        tracing::info!(worker = %self.name(), carriers = ?self.carriers(), "worker started");
        tokio::pin!(shutdown);
        loop {
            let idle = match self.run_once().await {
                Ok(round) => round.claimed == 0,
                Err(e) => {
                    tracing::error!(error = %e, "polling round failed");
                    true
                }
            };
            if idle {
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(Duration::from_millis(500)) => {}
                }
            } else if futures_ready(&mut shutdown).await {
                break;
            }
        }
        tracing::info!(worker = %self.name(), "worker stopped");
    }

    /// One round: claim due shipments, poll them, finish them.
    pub async fn run_once(&self) -> anyhow::Result<Round> {
        let inner = &self.inner;
        let habits = self.habits().await;
        let lease = clock_time(inner.settings.lease, inner.clock.speed());
        let leases = inner
            .store
            .claim_due_shipments(&inner.name, lease, inner.settings.batch)
            .await?;
        let now = inner.clock.now();
        for l in &leases {
            let lag = (now - l.due_at).as_seconds_f64().max(0.0) / inner.clock.speed().max(1e-9);
            metrics::histogram!("wismo_poll_due_lag_seconds").record(lag);
        }
        let mut round = Round {
            claimed: leases.len(),
            ..Round::default()
        };
        let mut groups: HashMap<Option<&'static str>, Vec<PollLease>> = HashMap::new();
        for lease in leases {
            groups.entry(carrier_of(&lease)).or_default().push(lease);
        }
        let permits = Arc::new(tokio::sync::Semaphore::new(inner.settings.concurrency));
        let mut tasks = JoinSet::new();
        for (carrier, leases) in groups {
            let size = carrier
                .and_then(|c| inner.links.get(c))
                .map_or(1, |l| l.carrier.batch_size().max(1));
            for chunk in leases.chunks(size) {
                let (worker, chunk, permits) = (self.clone(), chunk.to_vec(), permits.clone());
                let habits = habits.clone();
                tasks.spawn(async move {
                    let _permit = permits.acquire_owned().await;
                    worker.poll_chunk(carrier, chunk, habits).await
                });
            }
        }
        while let Some(done) = tasks.join_next().await {
            let chunk = done??;
            round.calls += chunk.calls;
            round.events += chunk.events;
            round.lost_leases += chunk.lost_leases;
        }
        Ok(round)
    }

    /// Polls one carrier call's worth of shipments and finishes each.
    async fn poll_chunk(
        &self,
        carrier: Option<&'static str>,
        chunk: Vec<PollLease>,
        habits: Habits,
    ) -> anyhow::Result<Round> {
        let mut round = Round::default();
        let results = self.ask(carrier, &chunk, &mut round).await;
        let slug = carrier.unwrap_or("unknown");
        for (lease, (outcome_label, finish)) in chunk.iter().zip(results) {
            let finish = PollFinish {
                habits: habits.clone(),
                ..finish
            };
            metrics::counter!("wismo_polls_total", "carrier" => slug, "outcome" => outcome_label)
                .increment(1);
            let (recorded, held) = self.inner.ingest.finish_poll(lease, &finish).await?;
            round.events += recorded.inserted;
            if !held {
                round.lost_leases += 1;
                tracing::warn!(
                    shipment = lease.shipment_id.0,
                    "lease was taken over before the poll finished"
                );
            }
        }
        Ok(round)
    }

    /// Asks the carrier about `chunk`; one `(outcome label, finish)` per lease, in order.
    async fn ask(
        &self,
        carrier: Option<&'static str>,
        chunk: &[PollLease],
        round: &mut Round,
    ) -> Vec<(&'static str, PollFinish)> {
        let fail = |label, retry_after: Option<chrono::Duration>| {
            chunk
                .iter()
                .map(|_| {
                    (
                        label,
                        finish(
                            TrackingUpdate::default(),
                            PollOutcome::Failed { retry_after },
                        ),
                    )
                })
                .collect()
        };
        let Some(link) = carrier.and_then(|c| self.inner.links.get(c)) else {
            return fail("unconfigured", Some(UNCONFIGURED_WAIT));
        };
        let speed = self.inner.clock.speed();
        let admitted = lock(&link.breaker).admit(Instant::now());
        if let Err(wait) = admitted {
            return fail("circuit_open", Some(clock_time(wait, speed)));
        }
        // Wait for the account's budget; a wait beyond the lease would lose the shipments.
        loop {
            let taken = lock(&link.bucket).take();
            match taken {
                Ok(()) => break,
                Err(wait) if wait < self.inner.settings.lease / 2 => tokio::time::sleep(wait).await,
                Err(wait) => return fail("rate_limited", Some(clock_time(wait, speed))),
            }
        }
        let numbers: Vec<String> = chunk
            .iter()
            .map(|l| l.tracking_number.as_str().to_owned())
            .collect();
        round.calls += 1;
        metrics::counter!("wismo_carrier_calls_total", "carrier" => link.carrier.slug())
            .increment(1);
        let answers = if numbers.len() == 1 {
            vec![(numbers[0].clone(), link.carrier.track(&numbers[0]).await)]
        } else {
            link.carrier.track_many(&numbers).await
        };
        let mut by_number: HashMap<String, Result<Tracking, CarrierError>> =
            answers.into_iter().collect();
        let mut troubled = false;
        let results = numbers
            .iter()
            .map(|number| {
                let answer = by_number
                    .remove(number)
                    .unwrap_or(Err(CarrierError::NotFound));
                troubled |= matches!(
                    answer,
                    Err(CarrierError::Auth(_)
                        | CarrierError::Transient(_)
                        | CarrierError::RateLimited { .. })
                );
                outcome(answer, speed)
            })
            .collect();
        let mut breaker = lock(&link.breaker);
        if troubled {
            breaker.failed(Instant::now());
        } else {
            breaker.succeeded();
        }
        results
    }

    /// The carrier habits learned from the store's history, read again every 10 minutes.
    async fn habits(&self) -> Habits {
        let fresh = {
            let cached = lock(&self.inner.habits);
            cached
                .0
                .is_some_and(|at| at.elapsed() < HABITS_REFRESH)
                .then(|| cached.1.clone())
        };
        if let Some(habits) = fresh {
            return habits;
        }
        let learned = match self.inner.store.carrier_habits().await {
            Ok(learned) => learned,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read carrier habits; using defaults");
                Habits::default()
            }
        };
        *lock(&self.inner.habits) = (Some(Instant::now()), learned);
        lock(&self.inner.habits).1.clone()
    }
}

/// The carrier to ask about a leased shipment: its own, else the one its number's format
/// belongs to (the first live carrier among the candidates).
fn carrier_of(lease: &PollLease) -> Option<&'static str> {
    if let Some(code) = &lease.carrier {
        return LIVE_CARRIERS.into_iter().find(|c| *c == code.as_str());
    }
    wismo_carriers::detect::detect(lease.tracking_number.as_str(), None)
        .into_iter()
        .find_map(|c| LIVE_CARRIERS.into_iter().find(|l| *l == c.carrier))
}

/// A carrier's answer as the pipeline takes it, with the label `wismo_polls_total` uses.
fn outcome(answer: Result<Tracking, CarrierError>, speed: f64) -> (&'static str, PollFinish) {
    match answer {
        Ok(tracking) => (
            "tracked",
            finish(
                tracking.into_update(EventSource::Poll),
                PollOutcome::Tracked,
            ),
        ),
        Err(CarrierError::NotFound) => (
            "not_found",
            finish(TrackingUpdate::default(), PollOutcome::NotFound),
        ),
        Err(error) => {
            let (label, retry_after) = match &error {
                CarrierError::RateLimited { retry_after } => {
                    ("rate_limited", retry_after.map(|d| clock_time(d, speed)))
                }
                CarrierError::Permanent(_) => ("refused", Some(PERMANENT_WAIT)),
                CarrierError::Auth(_) => ("auth_failed", None),
                CarrierError::Malformed(_) => ("malformed", None),
                CarrierError::Transient(_) | CarrierError::NotFound => ("failed", None),
            };
            tracing::warn!(error = %error, "carrier call failed");
            let failed = PollOutcome::Failed { retry_after };
            (label, finish(TrackingUpdate::default(), failed))
        }
    }
}

fn finish(update: TrackingUpdate, outcome: PollOutcome) -> PollFinish {
    PollFinish {
        update,
        outcome,
        habits: Habits::default(),
    }
}

/// A real duration in the business clock's time (the clock may run faster in demos and
/// tests).
fn clock_time(real: Duration, speed: f64) -> chrono::Duration {
    let secs = real.as_secs_f64() * speed.max(1e-9);
    chrono::Duration::milliseconds((secs * 1000.0).min(1e15) as i64)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether `shutdown` has resolved, without waiting for it.
async fn futures_ready(
    shutdown: &mut std::pin::Pin<&mut impl std::future::Future<Output = ()>>,
) -> bool {
    tokio::select! {
        biased;
        () = shutdown.as_mut() => true,
        () = std::future::ready(()) => false,
    }
}

fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "worker".to_owned())
}
