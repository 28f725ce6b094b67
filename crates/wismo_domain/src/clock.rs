//! Time, passed in. Logic asks a [`Clock`] instead of calling `now()`, so tests are
//! deterministic and the sandbox can run time faster.

use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;
use std::time::Instant;

/// Where "now" comes from.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;

    /// How many seconds of this clock pass in a real second (leases and waits measured in
    /// real time are scaled by it).
    fn speed(&self) -> f64 {
        1.0
    }
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
    started: Start,
    origin: DateTime<Utc>,
    speed: f64,
}

/// Where a scaled clock's real time is measured from.
#[derive(Debug, Clone, Copy)]
enum Start {
    /// This process's monotonic clock, from when the clock was made.
    Here(Instant),
    /// The wall clock, from an agreed instant: processes that agree on it agree on the time.
    Wall(DateTime<Utc>),
}

impl ScaledClock {
    pub fn new(origin: DateTime<Utc>, speed: f64) -> Self {
        Self {
            started: Start::Here(Instant::now()),
            origin,
            speed: speed.max(0.0),
        }
    }

    /// A clock that reads `anchor + (wall clock - anchor) * speed`: every process made with
    /// the same anchor and speed shows the same time (for tests that run several).
    pub fn anchored(anchor: DateTime<Utc>, speed: f64) -> Self {
        Self {
            started: Start::Wall(anchor),
            origin: anchor,
            speed: speed.max(0.0),
        }
    }

    /// Parses `ANCHOR*SPEED` (`2026-11-21T10:00:00Z*3600`) into an anchored clock.
    pub fn parse_anchored(s: &str) -> Option<Self> {
        let (anchor, speed) = s.trim().split_once('*')?;
        let anchor = DateTime::parse_from_rfc3339(anchor.trim()).ok()?;
        let speed: f64 = speed.trim().parse().ok()?;
        (speed.is_finite() && speed > 0.0)
            .then(|| Self::anchored(anchor.with_timezone(&Utc), speed))
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }
}

impl Clock for ScaledClock {
    fn now(&self) -> DateTime<Utc> {
        let real = match self.started {
            Start::Here(started) => started.elapsed().as_secs_f64(),
            Start::Wall(anchor) => (Utc::now() - anchor).as_seconds_f64().max(0.0),
        };
        let micros = (real * self.speed * 1e6).min(i64::MAX as f64) as i64;
        self.origin + Duration::microseconds(micros)
    }

    fn speed(&self) -> f64 {
        self.speed
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
    fn anchored_clocks_made_apart_agree() {
        let anchor = Utc::now() - Duration::seconds(10);
        let a = ScaledClock::parse_anchored(&format!("{}*60", anchor.to_rfc3339()));
        let b = ScaledClock::anchored(anchor, 60.0);
        let (Some(a), b) = (a, b) else {
            panic!("parses");
        };
        let gap = (a.now() - b.now()).abs();
        assert!(gap < Duration::seconds(5), "{gap}");
        assert!(a.now() - anchor >= Duration::seconds(590));
        assert_eq!(a.speed(), 60.0);
        assert!(ScaledClock::parse_anchored("yesterday*2").is_none());
        assert!(ScaledClock::parse_anchored("2026-11-21T10:00:00Z*0").is_none());
    }

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
