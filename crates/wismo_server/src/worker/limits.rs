//! What keeps the worker polite to carriers: a rate limit per carrier account (governor's
//! GCRA, which is a token bucket) and a circuit breaker per carrier. Both run on real time
//! (carriers count real calls), whatever the business clock says.

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::{Duration, Instant};

/// Calls at `rate` per second, with up to `burst` at once after a quiet spell.
pub struct TokenBucket<C: Clock = DefaultClock> {
    limiter: RateLimiter<NotKeyed, InMemoryState, C, NoOpMiddleware<C::Instant>>,
}

impl std::fmt::Debug for TokenBucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenBucket").finish_non_exhaustive()
    }
}

impl TokenBucket {
    /// `rate` calls per second (at least one in a million seconds), `burst` at once (at
    /// least one), on the real clock.
    pub fn new(rate: f64, burst: u32) -> Self {
        Self::with_clock(rate, burst, DefaultClock::default())
    }
}

impl<C: Clock> TokenBucket<C> {
    fn with_clock(rate: f64, burst: u32, clock: C) -> Self {
        let period = Duration::try_from_secs_f64(1.0 / rate.max(1e-6))
            .unwrap_or(Duration::from_secs(1_000_000))
            .max(Duration::from_nanos(1));
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            limiter: RateLimiter::direct_with_clock(quota, clock),
        }
    }

    /// Takes a token if one is there; otherwise says how long until one will be.
    pub fn take(&self) -> Result<(), Duration> {
        self.limiter
            .check()
            .map_err(|not_until| not_until.wait_time_from(self.limiter.clock().now()))
    }
}

/// Stops calling a carrier that keeps failing: after [`TRIP_AFTER`] failures in a row the
/// circuit opens for a cool-down (30 s, doubling while failures go on, at most 10 min);
/// then one call goes through, and its outcome closes the circuit or opens it again.
#[derive(Debug, Default)]
pub struct CircuitBreaker {
    failures: u32,
    open_until: Option<Instant>,
    cooldown: Duration,
    probing: bool,
}

/// Failures in a row that open the circuit.
pub const TRIP_AFTER: u32 = 5;
const FIRST_COOLDOWN: Duration = Duration::from_secs(30);
const LONGEST_COOLDOWN: Duration = Duration::from_secs(600);

impl CircuitBreaker {
    /// `Ok` when a call may go out; `Err(how long until it may)` while the circuit is open.
    pub fn admit(&mut self, now: Instant) -> Result<(), Duration> {
        match self.open_until {
            Some(until) if now < until => Err(until - now),
            Some(_) if self.probing => Err(Duration::from_secs(1)),
            Some(_) => {
                self.probing = true;
                Ok(())
            }
            None => Ok(()),
        }
    }

    pub fn succeeded(&mut self) {
        *self = Self::default();
    }

    /// A failure that says the carrier is in trouble (not a wrong number).
    pub fn failed(&mut self, now: Instant) {
        self.failures = self.failures.saturating_add(1);
        if self.probing || self.failures >= TRIP_AFTER {
            self.cooldown = if self.cooldown.is_zero() {
                FIRST_COOLDOWN
            } else {
                (self.cooldown * 2).min(LONGEST_COOLDOWN)
            };
            self.open_until = Some(now + self.cooldown);
            self.probing = false;
        }
    }

    pub fn is_open(&self, now: Instant) -> bool {
        self.open_until.is_some_and(|until| now < until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let clock = FakeRelativeClock::default();
        let bucket = TokenBucket::with_clock(2.0, 3, clock.clone());
        for _ in 0..3 {
            assert_eq!(bucket.take(), Ok(()));
        }
        let wait = bucket.take().err().unwrap_or_default();
        assert!(wait > Duration::from_millis(400) && wait <= Duration::from_millis(500));
        clock.advance(Duration::from_millis(500));
        assert_eq!(bucket.take(), Ok(()));
        assert!(bucket.take().is_err());
        // A long quiet spell refills up to the burst, not beyond.
        clock.advance(Duration::from_secs(60));
        for _ in 0..3 {
            assert_eq!(bucket.take(), Ok(()));
        }
        assert!(bucket.take().is_err());
    }

    #[test]
    fn a_slow_rate_waits_its_period_and_a_zero_burst_still_lets_one_through() {
        let clock = FakeRelativeClock::default();
        let bucket = TokenBucket::with_clock(0.1, 0, clock.clone());
        assert_eq!(bucket.take(), Ok(()));
        let wait = bucket.take().err().unwrap_or_default();
        assert!(wait > Duration::from_secs(9) && wait <= Duration::from_secs(10));
        clock.advance(Duration::from_secs(10));
        assert_eq!(bucket.take(), Ok(()));
    }

    #[test]
    fn the_breaker_opens_after_failures_probes_once_and_closes_on_success() {
        let t = Instant::now();
        let mut breaker = CircuitBreaker::default();
        for _ in 0..TRIP_AFTER - 1 {
            breaker.failed(t);
            assert_eq!(breaker.admit(t), Ok(()));
        }
        breaker.failed(t);
        assert!(breaker.is_open(t));
        assert!(breaker.admit(t + Duration::from_secs(29)).is_err());
        let probe = t + Duration::from_secs(31);
        assert_eq!(breaker.admit(probe), Ok(()));
        // Only one probe at a time.
        assert!(breaker.admit(probe).is_err());
        // The probe failed: open again, for longer.
        breaker.failed(probe);
        assert!(breaker.admit(probe + Duration::from_secs(59)).is_err());
        let second = probe + Duration::from_secs(61);
        assert_eq!(breaker.admit(second), Ok(()));
        breaker.succeeded();
        assert!(!breaker.is_open(second));
        assert_eq!(breaker.admit(second), Ok(()));
    }
}
