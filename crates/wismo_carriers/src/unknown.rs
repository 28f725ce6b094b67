//! Carrier status codes that no mapping table knows. The parsers stay pure: they list such
//! codes on the [`Tracking`](crate::Tracking) they return ([`UnknownCodes`]). Whoever runs
//! a parser for real (the live adapters, [`Provider::parse`](crate::push::Provider::parse))
//! hands the list to [`record`], which counts it and logs each code once per process.
//!
//! The metric `wismo_carrier_unknown_codes_total{carrier}` carries only the carrier's
//! slug (a fixed set: the four carriers and the three aggregators); the code itself is in
//! the log line, because a carrier can send any string and a label value per string would
//! grow the metric without bound.

use serde::Serialize;
use std::collections::HashSet;
use std::sync::Mutex;

/// The distinct unknown codes of one tracking, in the order they were met. At most
/// [`UnknownCodes::MAX`] of them, each cut to [`UnknownCodes::MAX_CHARS`] characters: a
/// hostile or broken response cannot make the list large.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct UnknownCodes(Vec<String>);

impl UnknownCodes {
    /// The most codes one tracking lists.
    pub const MAX: usize = 32;
    /// The longest code kept, in characters.
    pub const MAX_CHARS: usize = 64;

    /// Notes `code` unless it is already listed or the list is full.
    pub fn note(&mut self, code: &str) {
        let code: String = code.chars().take(Self::MAX_CHARS).collect();
        if self.0.len() < Self::MAX && !self.0.contains(&code) {
            self.0.push(code);
        }
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Counts the unknown codes of one answer from `carrier` (one per distinct code) and logs
/// each code the first time this process meets it.
pub fn record(carrier: &'static str, codes: &UnknownCodes) {
    if codes.is_empty() {
        return;
    }
    metrics::counter!("wismo_carrier_unknown_codes_total", "carrier" => carrier)
        .increment(codes.0.len() as u64);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    for code in codes.as_slice() {
        match seen.meet(carrier, code) {
            Meeting::First => tracing::warn!(
                carrier,
                code,
                "unknown carrier status code; mapped by category and text"
            ),
            Meeting::Full => {
                tracing::warn!("too many unknown carrier status codes to log each; see the metric")
            }
            Meeting::Again => {}
        }
    }
}

/// The codes already logged, process-wide.
static SEEN: Mutex<Seen> = Mutex::new(Seen::new(Seen::REMEMBERED));

/// Which unknown codes were logged already, remembering at most `capacity` of them.
#[derive(Debug)]
struct Seen {
    codes: Option<HashSet<(&'static str, String)>>,
    capacity: usize,
    full_said: bool,
}

/// What meeting a code means for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meeting {
    /// Not met before: log it.
    First,
    /// Met before, or met after memory filled up and that was said.
    Again,
    /// Memory just filled up: say so once instead of logging codes that cannot be remembered.
    Full,
}

impl Seen {
    /// Codes remembered by the process; a carrier sending more is logged about once.
    const REMEMBERED: usize = 1000;

    const fn new(capacity: usize) -> Self {
        Self {
            codes: None,
            capacity,
            full_said: false,
        }
    }

    fn meet(&mut self, carrier: &'static str, code: &str) -> Meeting {
        let codes = self.codes.get_or_insert_with(HashSet::new);
        if codes.contains(&(carrier, code.to_owned())) {
            return Meeting::Again;
        }
        if codes.len() < self.capacity {
            codes.insert((carrier, code.to_owned()));
            return Meeting::First;
        }
        if self.full_said {
            Meeting::Again
        } else {
            self.full_said = true;
            Meeting::Full
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.codes.as_ref().map_or(0, HashSet::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_logged_the_first_time_only() {
        let mut seen = Seen::new(10);
        assert_eq!(seen.meet("ups", "I/999"), Meeting::First);
        assert_eq!(seen.meet("ups", "I/999"), Meeting::Again);
        assert_eq!(seen.meet("fedex", "I/999"), Meeting::First);
    }

    #[test]
    fn memory_stays_bounded_and_says_once_that_it_is_full() {
        let mut seen = Seen::new(1000);
        for n in 0..1000 {
            assert_eq!(seen.meet("dhl", &format!("X{n}")), Meeting::First);
        }
        assert_eq!(seen.meet("dhl", "one more"), Meeting::Full);
        for n in 0..5000 {
            assert_eq!(seen.meet("dhl", &format!("Y{n}")), Meeting::Again);
        }
        assert_eq!(seen.len(), 1000);
        // What was remembered stays remembered.
        assert_eq!(seen.meet("dhl", "X7"), Meeting::Again);
    }

    #[test]
    fn a_tracking_lists_each_code_once_cut_short_and_at_most_max() {
        let mut codes = UnknownCodes::default();
        codes.note("ZZ");
        codes.note("ZZ");
        codes.note(&"A".repeat(500));
        assert_eq!(codes.as_slice().len(), 2);
        assert_eq!(codes.as_slice()[1].chars().count(), UnknownCodes::MAX_CHARS);
        for n in 0..100 {
            codes.note(&n.to_string());
        }
        assert_eq!(codes.as_slice().len(), UnknownCodes::MAX);
    }
}
