//! Time, passed in. Logic asks a [`Clock`] instead of calling `now()`, so tests are
//! deterministic and the sandbox can run time faster.

use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;
use std::time::Instant;

/// Where "now" comes from.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that runs `speed` times faster than the wall clock from `origin` on: at speed
/// 3600 one real second is one simulated hour. The sandbox carrier and the demo use it.
#[derive(Debug, Clone)]
pub struct ScaledClock {
    started: Instant,
    origin: DateTime<Utc>,
    speed: f64,
}

impl ScaledClock {
    pub fn new(origin: DateTime<Utc>, speed: f64) -> Self {
        Self {
            started: Instant::now(),
            origin,
            speed: speed.max(0.0),
        }
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }
}

impl Clock for ScaledClock {
    fn now(&self) -> DateTime<Utc> {
        let real = self.started.elapsed().as_secs_f64() * self.speed;
        let micros = (real * 1e6).min(i64::MAX as f64) as i64;
        self.origin + Duration::microseconds(micros)
    }
}

/// A clock that moves only when told to. For tests.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self(Mutex::new(start))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scaled_clock_runs_faster_than_real_time() {
        let origin = Utc::now();
        let clock = ScaledClock::new(origin, 3600.0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let passed = clock.now() - origin;
        assert!(passed >= Duration::seconds(72), "{passed}");
        assert!(passed < Duration::hours(2), "{passed}");
    }
}
