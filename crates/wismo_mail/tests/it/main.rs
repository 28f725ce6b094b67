//! wismo_mail's integration tests: every email rendered as the server will render it.

mod customer;
mod merchant;

use chrono::NaiveDate;
use wismo_domain::{Locale, Texts};

pub fn texts() -> Texts {
    Texts::builtin().unwrap_or_else(|e| panic!("{e}"))
}

pub fn locale(tag: &str) -> Locale {
    Locale::parse(tag).unwrap_or_else(|e| panic!("{tag}: {e}"))
}

pub fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap_or_else(|| panic!("2025-{m}-{d}"))
}

/// Every `http://` or `https://` URL in `html`, leaving out XML namespace names (they
/// are names, never fetched).
pub fn urls(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for scheme in ["http://", "https://"] {
        for (i, _) in html.match_indices(scheme) {
            let before = &html[..i];
            if before.ends_with("xmlns=\"") || before.ends_with("xmlns:v=\"") {
                continue;
            }
            let url: String = html[i..]
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | '<' | '>' | ' ' | ')'))
                .collect();
            found.push(url);
        }
    }
    found
}

/// The checks every rendered email passes: no script, no web fonts, one line subject.
pub fn assert_safe(r: &wismo_mail::Rendered) {
    assert!(!r.html.contains("<script"), "script in html");
    assert!(!r.html.contains("googleapis"), "web font in html");
    assert!(!r.subject.contains(['\n', '\r']), "{}", r.subject);
    assert!(
        r.html.contains(&format!("<html lang=\"{}\"", r.lang)),
        "lang {}",
        r.lang
    );
}
