//! Tracking-number carrier detection: which carriers and formats a tracking number can belong
//! to, judged by its shape and, where the format has one, its check digit.
//!
//! The rules are wismo's own table (`formats`), transcribed from jkeen/tracking_number_data
//! 2.0.0 (18 carriers, 39 formats). Real numbers often fit more than one format (a 12-digit
//! Purolator number can pass FedEx Express's check digit too), so [`detect`] returns a ranked
//! list of candidates, not one answer.

mod checksum;
mod formats;
mod hint;
mod lookups;
mod usps_impb;

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::Serialize;

use formats::{FORMATS, Format, Layout};

/// One reading of a tracking number: a carrier, one of its formats, and what the number says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The carrier's slug: `ups`, `usps`, `fedex`, `dhl`, `s10` (any UPU post), `amazon`,
    /// `canada_post`, `canpar`, `dpd`, `gofo`, `landmark`, `lasership`, `old_dominion`,
    /// `ontrac`, `purolator`, `speedee`, `yodel` or `yunexpress`.
    pub carrier: &'static str,
    /// The format's id, e.g. `ups`, `fedex_12`, `usps_impb_c`, `dhl_express`.
    pub format: &'static str,
    /// `Some(true)` when the format has a check digit (and it is right), `None` when it has
    /// none. A wrong check digit rules the format out, so this is never `Some(false)`.
    pub checksum: Option<bool>,
    /// The number as detection read it; see [`normalize`].
    pub normalized: String,
    /// The issuing post's two-letter country code, for UPU S10 numbers.
    pub country: Option<String>,
    /// The service the number encodes, when the format's service lookup names it.
    pub service: Option<String>,
}

/// Every format `input` fits, best first: formats whose check digit passes, then formats
/// without one, each group in a fixed table order (UPS, USPS, FedEx, DHL, S10, then the
/// rest). A carrier `hint` (`"UPS"`, `"FedEx"`, `"DHL Express"`, `"canada_post"`, …), such as
/// Shopify's `tracking_company`, moves that carrier's candidates to the front. An empty list
/// means no known format fits.
pub fn detect(input: &str, hint: Option<&str>) -> Vec<Candidate> {
    let normalized = normalize(input);
    let compiled = &*COMPILED;
    let pattern_matches = compiled.set.matches(&normalized);
    let mut candidates: Vec<Candidate> = FORMATS
        .iter()
        .zip(&compiled.patterns)
        .filter(|(_, pattern)| {
            pattern
                .as_ref()
                .is_none_or(|pattern| pattern_matches.matched(pattern.set_index))
        })
        .filter_map(|(format, pattern)| {
            read_as(
                format,
                pattern.as_ref().map(|pattern| &pattern.regex),
                &normalized,
            )
        })
        .collect();
    let hinted = hint.and_then(hint::carrier_for);
    candidates.sort_by_key(|candidate| {
        (
            hinted.is_some_and(|carrier| carrier != candidate.carrier),
            candidate.checksum.is_none(),
        )
    });
    candidates
}

/// `input` as detection reads it: spaces, dashes and dots removed (Unicode white space and
/// dashes, zero-width spaces and byte-order marks too), ASCII letters upper-cased.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|&character| !is_separator(character))
        .map(|character| character.to_ascii_uppercase())
        .collect()
}

fn is_separator(character: char) -> bool {
    character.is_whitespace()
        || matches!(
            character,
            '-' | '.' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{200B}' | '\u{FEFF}'
        )
}

/// The parts of a number a format's pattern names (see `formats`).
struct Parts<'a> {
    serial: Option<&'a str>,
    check: Option<&'a str>,
    service: Option<&'a str>,
    country: Option<&'a str>,
}

/// The candidate `normalized` makes as `format`, if its layout fits and its check digit (and
/// S10 country) is right. `regex` is the format's compiled pattern, for pattern layouts.
fn read_as(format: &Format, regex: Option<&Regex>, normalized: &str) -> Option<Candidate> {
    let parts = match (&format.layout, regex) {
        (Layout::UspsImpbN, _) => usps_impb::split_impb_n(normalized)?,
        (Layout::UspsImpbC, _) => usps_impb::split_impb_c(normalized)?,
        (Layout::Pattern(_), None) => return None,
        (Layout::Pattern(_), Some(_))
            if format.checksum.is_none() && format.service_name.is_none() =>
        {
            Parts {
                serial: None,
                check: None,
                service: None,
                country: None,
            }
        }
        (Layout::Pattern(_), Some(regex)) => {
            let captures = regex.captures(normalized)?;
            let part = |name| captures.name(name).map(|found| found.as_str());
            Parts {
                serial: part("serial"),
                check: part("check"),
                service: part("service"),
                country: part("country"),
            }
        }
    };
    let checksum = match format.checksum {
        None => None,
        Some(algorithm) => {
            let (Some(serial), Some(check)) = (parts.serial, parts.check) else {
                return None;
            };
            let serial = match format.serial_prefix {
                Some(prefix) if !serial.starts_with(prefix) => {
                    Cow::Owned(format!("{prefix}{serial}"))
                }
                _ => Cow::Borrowed(serial),
            };
            if !algorithm.passes(&serial, check) {
                return None;
            }
            Some(true)
        }
    };
    if parts
        .country
        .is_some_and(|country| !lookups::is_upu_country(country))
    {
        return None;
    }
    let service = format
        .service_name
        .zip(parts.service)
        .and_then(|(lookup, code)| lookup(code));
    Some(Candidate {
        carrier: format.carrier,
        format: format.id,
        checksum,
        normalized: normalized.to_owned(),
        country: parts.country.map(str::to_owned),
        service: service.map(str::to_owned),
    })
}

/// The pattern formats' regexes, compiled once, and one set of them all that finds in a
/// single pass which patterns a number fits.
struct Compiled {
    set: RegexSet,
    /// One entry per format, in table order; `None` for hand-coded layouts (and for a pattern
    /// that failed to compile, which is then never matched).
    patterns: Vec<Option<CompiledPattern>>,
}

struct CompiledPattern {
    regex: Regex,
    set_index: usize,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let mut sources = Vec::new();
    let patterns = FORMATS
        .iter()
        .map(|format| {
            let Layout::Pattern(source) = format.layout else {
                return None;
            };
            match Regex::new(source) {
                Ok(regex) => {
                    sources.push(source);
                    Some(CompiledPattern { regex, set_index: sources.len() - 1 })
                }
                Err(error) => {
                    tracing::error!(format = format.id, %error, "tracking-number pattern does not compile");
                    None
                }
            }
        })
        .collect();
    let set = RegexSet::new(&sources).unwrap_or_else(|error| {
        tracing::error!(%error, "tracking-number pattern set does not compile");
        RegexSet::empty()
    });
    Compiled { set, patterns }
});
