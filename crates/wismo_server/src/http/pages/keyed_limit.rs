//! Per-key rate limits of the public forms (customer requests per link, lookups per client
//! address and per order number), pruned as they go: a key's state is dropped once its
//! budget is whole again, so keys seen once do not stay in memory for the life of the
//! process.

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Checks between two prunings. A pruning walks every key, so it runs on a share of the
/// checks rather than on each.
const PRUNE_EVERY: u64 = 1024;

/// `burst` at once, then one every `every`, per key, on the real clock.
pub struct KeyedLimit<C: Clock = DefaultClock> {
    limiter: RateLimiter<String, DefaultKeyedStateStore<String>, C, NoOpMiddleware<C::Instant>>,
    checks: AtomicU64,
}

impl std::fmt::Debug for KeyedLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyedLimit")
            .field("keys", &self.len())
            .finish_non_exhaustive()
    }
}

impl KeyedLimit {
    pub fn new(burst: u32, every: Duration) -> Self {
        Self::with_clock(burst, every, DefaultClock::default())
    }
}

impl<C: Clock> KeyedLimit<C> {
    fn with_clock(burst: u32, every: Duration, clock: C) -> Self {
        let quota = Quota::with_period(every)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN));
        Self {
            limiter: RateLimiter::new(quota, DefaultKeyedStateStore::default(), clock),
            checks: AtomicU64::new(0),
        }
    }

    /// Spends one of `key`'s budget, or says how long until there is one.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let result = self
            .limiter
            .check_key(&key.to_owned())
            .map_err(|not_until| not_until.wait_time_from(self.limiter.clock().now()));
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        result
    }

    /// The keys held in memory.
    pub fn len(&self) -> usize {
        self.limiter.len()
    }

    pub fn is_empty(&self) -> bool {
        self.limiter.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    const EVERY: Duration = Duration::from_secs(20 * 60);

    #[test]
    fn keys_whose_budget_is_whole_again_are_dropped() {
        let clock = FakeRelativeClock::default();
        let limit = KeyedLimit::with_clock(3, EVERY, clock.clone());
        for n in 0..PRUNE_EVERY {
            assert!(limit.check(&format!("link-{n}")).is_ok());
        }
        // Pruned, but every key still has less than its whole budget.
        assert_eq!(limit.len(), PRUNE_EVERY as usize);
        clock.advance(EVERY * 3);
        for _ in 0..PRUNE_EVERY {
            let _ = limit.check("busy");
        }
        assert_eq!(limit.len(), 1);
    }

    #[test]
    fn pruning_keeps_a_spent_budget_spent() {
        let clock = FakeRelativeClock::default();
        let limit = KeyedLimit::with_clock(3, EVERY, clock.clone());
        for _ in 0..3 {
            assert!(limit.check("guesser").is_ok());
        }
        for n in 0..2 * PRUNE_EVERY {
            let _ = limit.check(&format!("other-{n}"));
        }
        let wait = limit.check("guesser").err().unwrap_or_default();
        assert!(wait > EVERY / 2 && wait <= EVERY, "{wait:?}");
        clock.advance(EVERY);
        assert!(limit.check("guesser").is_ok());
    }
}
