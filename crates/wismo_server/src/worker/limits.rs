//! What keeps the worker polite to carriers: a token bucket per carrier account and a
//! circuit breaker per carrier. Both run on real time (carriers count real calls),
//! whatever the business clock says.

use std::time::{Duration, Instant};

/// Calls at `rate` per second, with up to `burst` at once after a quiet spell.
#[derive(Debug)]
pub struct TokenBucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    at: Instant,
}

impl TokenBucket {
    pub fn new(rate: f64, burst: u32) -> Self {
        let burst = f64::from(burst.max(1));
        Self {
            rate: rate.max(1e-6),
            burst,
            tokens: burst,
            at: Instant::now(),
        }
    }

    /// Takes a token if one is there; otherwise says how long until one will be.
    pub fn take(&mut self, now: Instant) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / self.rate))
        }
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

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let start = Instant::now();
        let mut bucket = TokenBucket::new(2.0, 3);
        for _ in 0..3 {
            assert_eq!(bucket.take(start), Ok(()));
        }
        let wait = bucket.take(start).err().unwrap_or_default();
        assert!(wait > Duration::from_millis(400) && wait <= Duration::from_millis(500));
        assert_eq!(bucket.take(start + Duration::from_millis(500)), Ok(()));
        assert!(bucket.take(start + Duration::from_millis(500)).is_err());
        // A long quiet spell refills up to the burst, not beyond.
        let later = start + Duration::from_secs(60);
        for _ in 0..3 {
            assert_eq!(bucket.take(later), Ok(()));
        }
        assert!(bucket.take(later).is_err());
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
