//! How an email writes a day: with the language's `date-*` pattern and its month and day
//! names, as the tracking page does.

use chrono::NaiveDate;
use std::fmt::Write as _;
use wismo_domain::{Locale, Texts};

/// chrono's locale for a built-in language's dates.
fn chrono_locale(lang: &str) -> chrono::Locale {
    match lang {
        "de" => chrono::Locale::de_DE,
        "es" => chrono::Locale::es_ES,
        "fr" => chrono::Locale::fr_FR,
        "it" => chrono::Locale::it_IT,
        "pt" => chrono::Locale::pt_BR,
        "nl" => chrono::Locale::nl_NL,
        "sv" => chrono::Locale::sv_SE,
        "pl" => chrono::Locale::pl_PL,
        "ja" => chrono::Locale::ja_JP,
        // Egypt's month names (يناير, فبراير…) are the ones most Arabic readers know.
        "ar" => chrono::Locale::ar_EG,
        _ => chrono::Locale::en_US,
    }
}

/// `day` written with the pattern `pattern_id` (`date-day`, `date-day-short`). A pattern
/// chrono cannot write falls back to `2025-03-14`.
pub fn day(texts: &Texts, locale: &Locale, pattern_id: &str, day: NaiveDate) -> String {
    let pattern = texts.message(locale, pattern_id, &[]);
    let mut out = String::new();
    if valid_pattern(&pattern) {
        let shown = day.format_localized(&pattern, chrono_locale(texts.resolve(locale)));
        if write!(out, "{shown}").is_ok() {
            return out;
        }
    }
    day.format("%Y-%m-%d").to_string()
}

/// A delivery window: one day in full, or two short days joined by `estimate-window`.
pub fn window(texts: &Texts, locale: &Locale, from: NaiveDate, until: NaiveDate) -> String {
    if from >= until {
        return day(texts, locale, "date-day", from);
    }
    texts.message(
        locale,
        "estimate-window",
        &[
            ("from", &day(texts, locale, "date-day-short", from)),
            ("until", &day(texts, locale, "date-day-short", until)),
        ],
    )
}

/// Whether a translated pattern uses only day specifiers (a time or an unknown one would
/// make chrono fail for a date).
fn valid_pattern(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let spec: String = match chars.next() {
                Some('-') => chars.next().map(|c| format!("-{c}")).unwrap_or_default(),
                Some(c) => c.to_string(),
                None => return false,
            };
            if !["A", "a", "-d", "d", "B", "b", "Y", "m", "%"].contains(&spec.as_str()) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Texts {
        Texts::builtin().unwrap_or_else(|e| panic!("{e}"))
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn days_use_the_languages_names_and_order() {
        let t = texts();
        let de = Locale::parse("de").unwrap_or_default();
        assert_eq!(
            day(&t, &Locale::default(), "date-day", date(2025, 3, 14)),
            "Friday 14 March"
        );
        assert_eq!(
            day(&t, &de, "date-day", date(2025, 3, 14)),
            "Freitag, 14. März"
        );
    }

    #[test]
    fn days_read_naturally_in_the_newer_languages() {
        let t = texts();
        let friday = date(2026, 12, 4);
        for (lang, long, window_of_two) in [
            ("ja", "12月4日(金)", "12月4日(金)~12月7日(月)"),
            ("ar", "الجمعة 4 ديسمبر", "الجمعة 4 ديسمبر – الاثنين 7 ديسمبر"),
            ("pl", "piątek, 4 grudnia", "pią, 4 gru – pon, 7 gru"),
            ("nl", "vrijdag 4 december", "vr 4 dec – ma 7 dec"),
            ("sv", "fredag 4 december", "fre 4 dec – mån 7 dec"),
        ] {
            let locale = Locale::parse(lang).unwrap_or_default();
            assert_eq!(day(&t, &locale, "date-day", friday), long, "{lang}");
            assert_eq!(
                window(&t, &locale, friday, date(2026, 12, 7)),
                window_of_two,
                "{lang}"
            );
        }
    }

    #[test]
    fn a_window_of_one_day_is_that_day() {
        let t = texts();
        let en = Locale::default();
        let d = date(2025, 3, 14);
        assert_eq!(window(&t, &en, d, d), "Friday 14 March");
        assert_eq!(
            window(&t, &en, d, date(2025, 3, 17)),
            "Fri 14 Mar – Mon 17 Mar"
        );
    }

    #[test]
    fn a_pattern_with_a_time_is_not_used_for_a_day() {
        assert!(!valid_pattern("%H:%M"));
        assert!(!valid_pattern("%"));
        assert!(valid_pattern("%A %-d de %B"));
    }
}
