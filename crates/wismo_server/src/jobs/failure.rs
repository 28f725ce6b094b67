//! How a failed job comes back: the backoff before its next attempt, and its error as a
//! job row keeps it (a panic's message, cut to a bounded length).

use anyhow::anyhow;
use std::time::Duration;
use tokio::task::JoinError;

/// The wait before a failed job's first retry, doubled at each further failure up to
/// [`RETRY_CAP`] (real time).
const RETRY_FIRST: Duration = Duration::from_secs(30);
const RETRY_CAP: Duration = Duration::from_secs(3600);
/// The longest error kept on a job row.
const ERROR_KEPT: usize = 2000;

/// The wait before retrying a job whose `attempt`th attempt failed: 30 s doubling to at
/// most an hour, shortened by up to a quarter by `jitter` (0 to 1) so jobs that failed
/// together do not all come back together.
pub fn backoff(attempt: u32, jitter: f64) -> Duration {
    let doublings = attempt.saturating_sub(1).min(16);
    let wait = RETRY_FIRST.saturating_mul(1 << doublings).min(RETRY_CAP);
    wait.mul_f64(1.0 - 0.25 * jitter.clamp(0.0, 1.0))
}

/// An error's request to wait before the next attempt (a server's `Retry-After`): the
/// runner waits at least this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("asked to wait {}s before retrying", .0.as_secs())]
pub struct RetryAfter(pub Duration);

impl RetryAfter {
    /// The wait some error in `error`'s chain asks for.
    pub fn find(error: &anyhow::Error) -> Option<Duration> {
        // A context added with `.context(RetryAfter(…))` is found by `downcast_ref`, a
        // cause by the chain.
        error
            .downcast_ref::<RetryAfter>()
            .or_else(|| error.chain().find_map(|e| e.downcast_ref::<RetryAfter>()))
            .map(|r| r.0)
    }
}

/// Why a job's task ended without a result: its panic's message, or its cancellation.
pub(super) fn join_error(joined: JoinError) -> anyhow::Error {
    if !joined.is_panic() {
        return anyhow!("the job's task was cancelled");
    }
    let panic = joined.into_panic();
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    anyhow!("panicked: {message}")
}

/// `message`, cut to what a job row keeps.
pub(super) fn kept(mut message: String) -> String {
    if message.len() > ERROR_KEPT {
        let mut end = ERROR_KEPT;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
        message.push('…');
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_thirty_seconds_doubling_to_an_hour_less_up_to_a_quarter() {
        assert_eq!(backoff(1, 0.0), Duration::from_secs(30));
        assert_eq!(backoff(2, 0.0), Duration::from_secs(60));
        assert_eq!(backoff(5, 0.0), Duration::from_secs(480));
        assert_eq!(backoff(8, 0.0), Duration::from_secs(3600));
        assert_eq!(backoff(40, 0.0), Duration::from_secs(3600));
        assert_eq!(backoff(1, 1.0), Duration::from_millis(22_500));
        assert_eq!(backoff(40, 0.5), Duration::from_millis(3_150_000));
    }

    #[test]
    fn a_retry_after_anywhere_in_the_chain_is_found() {
        let error = anyhow::Error::new(RetryAfter(Duration::from_secs(90))).context("answered 429");
        assert_eq!(RetryAfter::find(&error), Some(Duration::from_secs(90)));
        let error = anyhow!("answered 503").context(RetryAfter(Duration::from_secs(7)));
        assert_eq!(RetryAfter::find(&error), Some(Duration::from_secs(7)));
        assert_eq!(RetryAfter::find(&anyhow!("plain")), None);
    }

    #[test]
    fn long_errors_are_cut_at_a_character_boundary() {
        let long = "é".repeat(ERROR_KEPT);
        let cut = kept(long);
        assert!(cut.len() <= ERROR_KEPT + '…'.len_utf8());
        assert!(cut.ends_with('…'));
        assert_eq!(kept("short".into()), "short");
    }
}
