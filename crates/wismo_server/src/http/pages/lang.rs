//! Which language a public page speaks, and how it writes dates.
//!
//! The first of these that wismo has texts for wins: `?lang=` in the link (a customer who
//! switched), the customer's own locale on the order, the browser's `Accept-Language`, then
//! the store's default. Dates use the language's month and day names.

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use chrono::{DateTime, TimeZone};
use wismo_domain::{Locale, Texts};

/// Picks the page language; returns a built-in language tag (`en`, `de`, …).
pub fn choose(
    texts: &Texts,
    query: Option<&str>,
    customer: Option<&Locale>,
    headers: &HeaderMap,
    store_default: &Locale,
) -> Locale {
    let built_in = |locale: &Locale| {
        let lang = texts.resolve(locale);
        (lang != "en" || locale.language() == "en").then(|| Locale::parse(lang).ok())?
    };
    let from_query = query.and_then(|q| Locale::parse(q).ok());
    let from_header = accept_language(headers)
        .into_iter()
        .filter_map(|tag| Locale::parse(&tag).ok())
        .find_map(|l| built_in(&l));
    from_query
        .as_ref()
        .and_then(built_in)
        .or_else(|| customer.and_then(built_in))
        .or(from_header)
        .or_else(|| built_in(store_default))
        .unwrap_or_default()
}

/// The tags of an `Accept-Language` header, most wanted first (`q=0` left out).
fn accept_language(headers: &HeaderMap) -> Vec<String> {
    let Some(value) = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
        return Vec::new();
    };
    let mut tags: Vec<(f32, usize, String)> = value
        .split(',')
        .take(20)
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && tag != "*" && q > 0.0).then(|| (q, i, tag.to_owned()))
        })
        .collect();
    tags.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    tags.into_iter().map(|(_, _, tag)| tag).collect()
}

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

/// Formats `t` with the language's pattern `pattern_id` (a `date-*` message).
pub fn format_date<Tz: TimeZone>(
    texts: &Texts,
    lang: &Locale,
    pattern_id: &str,
    t: &DateTime<Tz>,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let pattern = texts.message(lang, pattern_id, &[]);
    let pattern = if valid_pattern(&pattern) {
        pattern
    } else {
        "%Y-%m-%d %H:%M".to_owned()
    };
    t.format_localized(&pattern, chrono_locale(texts.resolve(lang)))
        .to_string()
}

/// Formats a calendar day with the language's `date-day` pattern.
pub fn format_day(texts: &Texts, lang: &Locale, day: chrono::NaiveDate) -> String {
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    format_date(texts, lang, "date-day", &noon)
}

/// Whether a translated date pattern uses only the specifiers wismo allows (a bad one
/// would make chrono fail while writing the page).
fn valid_pattern(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let spec: String = match chars.next() {
                Some('-') => chars.next().map(|c| format!("-{c}")).unwrap_or_default(),
                Some(c) => c.to_string(),
                None => return false,
            };
            if !["A", "a", "-d", "d", "B", "b", "H", "M", "Y", "m", "%"].contains(&spec.as_str()) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn texts() -> Texts {
        Texts::builtin().unwrap_or_else(|e| panic!("{e}"))
    }

    fn headers(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Ok(v) = HeaderValue::from_str(accept) {
            h.insert(ACCEPT_LANGUAGE, v);
        }
        h
    }

    fn locale(s: &str) -> Locale {
        Locale::parse(s).unwrap_or_default()
    }

    #[test]
    fn the_link_then_the_customer_then_the_browser_then_the_store_decide() {
        let t = texts();
        let store = locale("it");
        let browser = headers("fr-CH, fr;q=0.9, en;q=0.8");
        let pick = |q: Option<&str>, c: Option<&Locale>, h: &HeaderMap| {
            choose(&t, q, c, h, &store).as_str().to_owned()
        };
        assert_eq!(pick(Some("de"), Some(&locale("es")), &browser), "de");
        assert_eq!(pick(None, Some(&locale("es-MX")), &browser), "es");
        assert_eq!(pick(None, None, &browser), "fr");
        assert_eq!(pick(None, None, &HeaderMap::new()), "it");
        // Languages wismo has no texts for are passed over, not served in English.
        assert_eq!(
            pick(Some("ko"), Some(&locale("fi")), &headers("tr, de;q=0.5")),
            "de"
        );
        assert_eq!(pick(Some("<script>"), None, &HeaderMap::new()), "it");
    }

    #[test]
    fn the_newer_languages_are_picked_like_the_others() {
        let t = texts();
        let store = locale("en");
        let pick = |q: Option<&str>, c: Option<&Locale>, h: &HeaderMap| {
            choose(&t, q, c, h, &store).as_str().to_owned()
        };
        for lang in ["ar", "ja", "nl", "pl", "sv"] {
            assert_eq!(pick(Some(lang), None, &HeaderMap::new()), lang);
        }
        assert_eq!(pick(None, Some(&locale("ar-SA")), &HeaderMap::new()), "ar");
        assert_eq!(pick(None, Some(&locale("nl-BE")), &HeaderMap::new()), "nl");
        assert_eq!(pick(None, None, &headers("ja-JP, en;q=0.5")), "ja");
        assert_eq!(
            pick(None, None, &headers("ko, pl-PL;q=0.9, en;q=0.5")),
            "pl"
        );
        assert_eq!(pick(None, None, &headers("sv-FI")), "sv");
    }

    #[test]
    fn the_newer_languages_write_dates_their_own_way() {
        let t = texts();
        // A Friday.
        let at =
            chrono::DateTime::parse_from_rfc3339("2026-12-04T14:05:00+00:00").unwrap_or_default();
        for (lang, day, event) in [
            ("ja", "12月4日(金)", "12月4日(金) 14:05"),
            ("ar", "الجمعة 4 ديسمبر", "الجمعة 4 ديسمبر، 14:05"),
            ("pl", "piątek, 4 grudnia", "pią, 4 gru, 14:05"),
            ("nl", "vrijdag 4 december", "vr 4 dec, 14:05"),
            ("sv", "fredag 4 december", "fre 4 dec, 14:05"),
        ] {
            assert_eq!(
                format_day(&t, &locale(lang), at.date_naive()),
                day,
                "{lang}"
            );
            assert_eq!(
                format_date(&t, &locale(lang), "date-event", &at),
                event,
                "{lang}"
            );
        }
    }

    #[test]
    fn accept_language_is_ordered_by_quality() {
        assert_eq!(
            accept_language(&headers("en;q=0.5, pt-BR, de;q=0.8, fr;q=0")),
            ["pt-BR", "de", "en"]
        );
        assert!(accept_language(&headers("*")).is_empty());
    }

    #[test]
    fn dates_use_the_languages_names_and_bad_patterns_fall_back() {
        let t = texts();
        let at =
            chrono::DateTime::parse_from_rfc3339("2026-11-23T08:05:00-08:00").unwrap_or_default();
        assert_eq!(
            format_date(&t, &locale("en"), "date-event", &at),
            "Mon 23 Nov, 08:05"
        );
        assert_eq!(
            format_date(&t, &locale("de"), "date-event", &at),
            "Mo, 23. Nov, 08:05"
        );
        let day = at.date_naive();
        assert_eq!(format_day(&t, &locale("fr"), day), "lundi 23 novembre");
        assert!(valid_pattern("%A %-d. %B"));
        assert!(!valid_pattern("%Q"));
        assert!(!valid_pattern("100%"));
    }
}
