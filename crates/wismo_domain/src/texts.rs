//! Plain-language texts, kept in Fluent resources (`locales/{lang}/*.ftl`) so a new
//! language is new files, not new code. The resources are compiled into the binary.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

use crate::{Locale, Stage};

/// Every built-in language with its resources. English comes first: it is the fallback.
const RESOURCES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            include_str!("../locales/en/stages.ftl"),
            include_str!("../locales/en/page.ftl"),
            include_str!("../locales/en/email.ftl"),
            include_str!("../locales/en/admin.ftl"),
        ],
    ),
    (
        "es",
        &[
            include_str!("../locales/es/stages.ftl"),
            include_str!("../locales/es/page.ftl"),
            include_str!("../locales/es/email.ftl"),
            include_str!("../locales/es/admin.ftl"),
        ],
    ),
    (
        "fr",
        &[
            include_str!("../locales/fr/stages.ftl"),
            include_str!("../locales/fr/page.ftl"),
            include_str!("../locales/fr/email.ftl"),
            include_str!("../locales/fr/admin.ftl"),
        ],
    ),
    (
        "de",
        &[
            include_str!("../locales/de/stages.ftl"),
            include_str!("../locales/de/page.ftl"),
            include_str!("../locales/de/email.ftl"),
            include_str!("../locales/de/admin.ftl"),
        ],
    ),
    (
        "pt",
        &[
            include_str!("../locales/pt/stages.ftl"),
            include_str!("../locales/pt/page.ftl"),
            include_str!("../locales/pt/email.ftl"),
            include_str!("../locales/pt/admin.ftl"),
        ],
    ),
    (
        "it",
        &[
            include_str!("../locales/it/stages.ftl"),
            include_str!("../locales/it/page.ftl"),
            include_str!("../locales/it/email.ftl"),
            include_str!("../locales/it/admin.ftl"),
        ],
    ),
    (
        "nl",
        &[
            include_str!("../locales/nl/stages.ftl"),
            include_str!("../locales/nl/page.ftl"),
            include_str!("../locales/nl/email.ftl"),
            include_str!("../locales/nl/admin.ftl"),
        ],
    ),
    (
        "sv",
        &[
            include_str!("../locales/sv/stages.ftl"),
            include_str!("../locales/sv/page.ftl"),
            include_str!("../locales/sv/email.ftl"),
            include_str!("../locales/sv/admin.ftl"),
        ],
    ),
    (
        "pl",
        &[
            include_str!("../locales/pl/stages.ftl"),
            include_str!("../locales/pl/page.ftl"),
            include_str!("../locales/pl/email.ftl"),
            include_str!("../locales/pl/admin.ftl"),
        ],
    ),
    (
        "ja",
        &[
            include_str!("../locales/ja/stages.ftl"),
            include_str!("../locales/ja/page.ftl"),
            include_str!("../locales/ja/email.ftl"),
            include_str!("../locales/ja/admin.ftl"),
        ],
    ),
    (
        "ar",
        &[
            include_str!("../locales/ar/stages.ftl"),
            include_str!("../locales/ar/page.ftl"),
            include_str!("../locales/ar/email.ftl"),
            include_str!("../locales/ar/admin.ftl"),
        ],
    ),
];

/// A stage's label and its three plain answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTexts {
    pub label: String,
    pub happened: String,
    pub next: String,
    pub todo: String,
}

/// The loaded texts of every built-in language. Build once and share.
pub struct Texts {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts")
            .field("languages", &self.languages())
            .finish()
    }
}

/// A resource that does not parse or clashes: a build defect, caught by tests.
#[derive(Debug, thiserror::Error)]
#[error("Fluent resource for `{lang}` is invalid: {reason}")]
pub struct TextsError {
    lang: String,
    reason: String,
}

impl Texts {
    /// Loads the built-in resources.
    pub fn builtin() -> Result<Self, TextsError> {
        let mut bundles = HashMap::new();
        for (lang, sources) in RESOURCES {
            let err = |reason: String| TextsError {
                lang: (*lang).to_owned(),
                reason,
            };
            let id: LanguageIdentifier = lang.parse().map_err(|e| err(format!("{e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Bidi isolation marks are for mixed-direction UIs; in HTML and SMS they show up
            // as stray characters.
            bundle.set_use_isolating(false);
            for source in *sources {
                let resource = FluentResource::try_new((*source).to_owned())
                    .map_err(|(_, errors)| err(format!("{errors:?}")))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| err(format!("{errors:?}")))?;
            }
            bundles.insert((*lang).to_owned(), bundle);
        }
        Ok(Self { bundles })
    }

    /// Every built-in Fluent resource, for fingerprinting what pages are rendered with.
    pub fn sources() -> impl Iterator<Item = &'static str> {
        RESOURCES
            .iter()
            .flat_map(|(_, files)| files.iter().copied())
    }

    /// Whether `lang` is a built-in language (`de`, not `de-AT`).
    pub fn is_language(lang: &str) -> bool {
        RESOURCES.iter().any(|(l, _)| *l == lang)
    }

    /// The built-in languages.
    pub fn languages(&self) -> Vec<&str> {
        RESOURCES
            .iter()
            .map(|(lang, _)| *lang)
            .filter(|l| self.bundles.contains_key(*l))
            .collect()
    }

    /// The best built-in language for `locale`: the exact tag, then its language, then English.
    pub fn resolve<'a>(&'a self, locale: &Locale) -> &'a str {
        [locale.as_str(), locale.language()]
            .into_iter()
            .find_map(|tag| self.bundles.get_key_value(tag).map(|(k, _)| k.as_str()))
            .unwrap_or("en")
    }

    /// A stage's texts in `locale` (or the nearest language there is).
    pub fn stage(&self, locale: &Locale, stage: Stage) -> StageTexts {
        let id = format!("stage-{}", stage.as_str());
        let lang = self.resolve(locale);
        StageTexts {
            label: self.lookup(lang, &id, None),
            happened: self.lookup(lang, &id, Some("happened")),
            next: self.lookup(lang, &id, Some("next")),
            todo: self.lookup(lang, &id, Some("todo")),
        }
    }

    /// A message in `locale` with its arguments (`{ $name }` in the resource), falling back
    /// to English, then to the id itself. An argument that is a plain count (`3`, not `007`)
    /// is passed as a number, so a language's plural forms (`[one]`, `[few]`, `[many]`) can
    /// select on it; it reads the same either way.
    pub fn message(&self, locale: &Locale, id: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            match count(value) {
                Some(n) => fluent_args.set(*name, n),
                None => fluent_args.set(*name, *value),
            }
        }
        self.format(self.resolve(locale), id, None, Some(&fluent_args))
    }

    /// A message (or one of its attributes), falling back to English, then to the id.
    fn lookup(&self, lang: &str, id: &str, attribute: Option<&str>) -> String {
        self.format(lang, id, attribute, None)
    }

    fn format(
        &self,
        lang: &str,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs<'_>>,
    ) -> String {
        [lang, "en"]
            .into_iter()
            .find_map(|lang| {
                let bundle = self.bundles.get(lang)?;
                let message = bundle.get_message(id)?;
                let pattern = match attribute {
                    Some(name) => message.get_attribute(name)?.value(),
                    None => message.value()?,
                };
                let mut errors = Vec::new();
                Some(
                    bundle
                        .format_pattern(pattern, args, &mut errors)
                        .into_owned(),
                )
            })
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The writing direction of language `lang` (`ar`, `pt-BR`), for HTML's `dir`: `rtl` for
/// right-to-left languages (Arabic, Hebrew, Persian, Urdu), else `ltr`.
pub fn direction(lang: &str) -> &'static str {
    match lang.split(['-', '_']).next().unwrap_or(lang) {
        "ar" | "he" | "fa" | "ur" => "rtl",
        _ => "ltr",
    }
}

/// `value` as a count when it is written exactly as one, so it formats back unchanged.
pub fn count(value: &str) -> Option<u32> {
    value.parse::<u32>().ok().filter(|n| n.to_string() == value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Texts {
        match Texts::builtin() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn every_stage_has_a_label_and_three_answers_in_every_language() {
        let texts = texts();
        for lang in texts.languages() {
            let locale = Locale::parse(lang).unwrap_or_default();
            for stage in Stage::ALL {
                let t = texts.stage(&locale, stage);
                for (part, s) in [
                    ("label", &t.label),
                    ("happened", &t.happened),
                    ("next", &t.next),
                    ("todo", &t.todo),
                ] {
                    assert!(
                        !s.is_empty() && !s.starts_with("stage-"),
                        "{lang} {stage} {part} missing"
                    );
                }
            }
        }
    }

    const ATTRIBUTES: [&str; 3] = ["happened", "next", "todo"];

    fn locale(tag: &str) -> Locale {
        match Locale::parse(tag) {
            Ok(l) => l,
            Err(e) => panic!("{tag}: {e}"),
        }
    }

    /// A message or attribute straight from one language's bundle: no fallback to English.
    fn own(texts: &Texts, lang: &str, id: &str, attribute: Option<&str>) -> Option<String> {
        let bundle = texts.bundles.get(lang)?;
        let message = bundle.get_message(id)?;
        let pattern = match attribute {
            Some(name) => message.get_attribute(name)?.value(),
            None => message.value()?,
        };
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned();
        assert!(errors.is_empty(), "{lang} {id} {attribute:?}: {errors:?}");
        Some(text)
    }

    /// The message ids a resource defines, in order.
    fn message_ids(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .collect()
    }

    #[test]
    fn the_built_in_languages_are_english_first_then_the_translations() {
        assert_eq!(
            texts().languages(),
            [
                "en", "es", "fr", "de", "pt", "it", "nl", "sv", "pl", "ja", "ar"
            ]
        );
    }

    #[test]
    fn every_language_has_its_own_label_and_three_answers_for_every_stage() {
        let texts = texts();
        for lang in texts.languages() {
            for stage in Stage::ALL {
                let id = format!("stage-{}", stage.as_str());
                let label = own(&texts, lang, &id, None);
                let label = label.unwrap_or_else(|| panic!("{lang} {stage} label missing"));
                assert!(!label.trim().is_empty(), "{lang} {stage} label empty");
                let english = own(&texts, "en", &id, None);
                if lang != "en" {
                    assert_ne!(Some(&label), english.as_ref(), "{lang} {stage} label");
                }
                for attribute in ATTRIBUTES {
                    let text = own(&texts, lang, &id, Some(attribute));
                    let text =
                        text.unwrap_or_else(|| panic!("{lang} {stage} .{attribute} missing"));
                    assert!(!text.trim().is_empty(), "{lang} {stage} .{attribute} empty");
                    assert!(!text.contains(['{', '}']), "{lang} {stage} .{attribute}");
                }
                let attributes: Vec<&str> = texts.bundles[lang]
                    .get_message(&id)
                    .map(|m| m.attributes().map(|a| a.id()).collect())
                    .unwrap_or_default();
                assert_eq!(attributes, ATTRIBUTES, "{lang} {stage} attributes");
            }
        }
    }

    #[test]
    fn every_translation_defines_exactly_the_english_messages() {
        let english: Vec<&str> = RESOURCES[0].1.iter().flat_map(|s| message_ids(s)).collect();
        let stages = english.iter().filter(|id| id.starts_with("stage-")).count();
        assert_eq!(stages, Stage::ALL.len());
        for (lang, sources) in RESOURCES {
            assert_eq!(sources.len(), RESOURCES[0].1.len(), "{lang}: files");
            // File by file, so a message in the wrong file is caught too.
            for (source, english) in sources.iter().zip(RESOURCES[0].1) {
                assert_eq!(message_ids(source), message_ids(english), "{lang}");
            }
        }
    }

    /// Each message's source text, by id (the lines from its id to the next one).
    fn message_sources(source: &str) -> HashMap<&str, String> {
        let mut messages: HashMap<&str, String> = HashMap::new();
        let mut current = None;
        for line in source.lines() {
            if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                current = line.split_once(" =").map(|(id, _)| id.trim());
            } else if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some(id) = current {
                messages.entry(id).or_default().push_str(line);
            }
        }
        messages
    }

    /// The email's words: the file registered after `page.ftl`.
    fn email_source(sources: &[&'static str]) -> &'static str {
        sources.get(2).copied().unwrap_or_default()
    }

    #[test]
    fn every_admin_message_is_in_every_language() {
        let admin =
            |sources: &[&'static str]| message_sources(sources.get(3).copied().unwrap_or_default());
        let english = admin(RESOURCES[0].1);
        assert!(
            english.contains_key("admin-login-title"),
            "admin.ftl is registered fourth"
        );
        for (lang, sources) in &RESOURCES[1..] {
            let own = admin(sources);
            for id in english.keys() {
                assert!(own.contains_key(id), "{lang}/admin.ftl lacks {id}");
            }
            assert_eq!(
                own.len(),
                english.len(),
                "{lang}/admin.ftl has extra messages"
            );
        }
    }

    #[test]
    fn every_email_message_is_translated_not_copied_from_english() {
        let english = message_sources(email_source(RESOURCES[0].1));
        assert!(
            english.contains_key("email-track"),
            "email.ftl is registered third"
        );
        for (lang, sources) in &RESOURCES[1..] {
            let own = message_sources(email_source(sources));
            for (id, text) in &english {
                // A message of placeholders alone reads the same in every language.
                let words = text.split_once('=').map_or("", |(_, v)| v);
                let has_words = words
                    .split(['{', '}'])
                    .step_by(2)
                    .any(|w| w.chars().any(char::is_alphabetic));
                if has_words {
                    assert_ne!(own.get(id), Some(text), "{lang} {id} is English");
                }
            }
        }
    }

    #[test]
    fn every_email_message_formats_without_errors_in_every_language() {
        let mut args = FluentArgs::new();
        for name in [
            "number",
            "scope",
            "store",
            "name",
            "milestone",
            "reached",
            "count",
            "label",
            "carrier",
            "tracking",
            "date",
            "before",
            "after",
            "email",
            "kind",
            "url",
            "error",
        ] {
            args.set(name, "x");
        }
        let texts = texts();
        for (lang, sources) in RESOURCES {
            let bundle = &texts.bundles[*lang];
            for id in message_ids(email_source(sources)) {
                let pattern = bundle.get_message(id).and_then(|m| m.value());
                let pattern = pattern.unwrap_or_else(|| panic!("{lang} {id} has no value"));
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{lang} {id}: {errors:?}");
                assert!(!text.trim().is_empty(), "{lang} {id} is empty");
            }
        }
    }

    #[test]
    fn a_regional_tag_resolves_to_its_language() {
        let texts = texts();
        for (tag, lang) in [
            ("pt-BR", "pt"),
            ("pt_PT", "pt"),
            ("de-AT", "de"),
            ("es-MX", "es"),
            ("fr-CA", "fr"),
            ("it-CH", "it"),
            ("en-GB", "en"),
            ("de", "de"),
            ("ar-EG", "ar"),
            ("ja-JP", "ja"),
            ("nl-BE", "nl"),
            ("pl-PL", "pl"),
            ("sv-FI", "sv"),
        ] {
            assert_eq!(texts.resolve(&locale(tag)), lang, "{tag}");
        }
        assert_eq!(
            texts.stage(&locale("pt-BR"), Stage::Delivered).label,
            "Entregue"
        );
        assert_eq!(
            texts.stage(&locale("de-AT"), Stage::Delivered).label,
            "Zugestellt"
        );
    }

    #[test]
    fn counts_take_the_plural_forms_of_polish_and_arabic() {
        let texts = texts();
        let say = |lang: &str, id: &str, name: &str, n: &str| {
            texts.message(&locale(lang), id, &[(name, n)])
        };
        for (n, form) in [
            ("1", "Pokaż 1 aktualizację"),
            ("3", "Pokaż wszystkie 3 aktualizacje"),
            ("22", "Pokaż wszystkie 22 aktualizacje"),
            ("5", "Pokaż wszystkie 5 aktualizacji"),
            ("12", "Pokaż wszystkie 12 aktualizacji"),
        ] {
            assert_eq!(say("pl", "updates-show-all", "count", n), form, "pl {n}");
        }
        assert!(say("pl", "action-too-long", "max", "2000").ends_with("2000 znaków."));
        assert!(say("pl", "action-too-long", "max", "64").ends_with("64 znaki."));
        assert_eq!(
            say("pl", "admin-why-not-shipped", "days", "2"),
            "Jeszcze bez paczki, 2 dni robocze po zamówieniu"
        );
        for (n, form) in [
            ("2", "يصلك هذا الطلب في طردين."),
            ("3", "يصلك هذا الطلب في 3 طرود."),
            ("11", "يصلك هذا الطلب في 11 طردًا."),
            ("100", "يصلك هذا الطلب في 100 طرد."),
        ] {
            assert_eq!(say("ar", "parcel-count", "count", n), form, "ar {n}");
        }
        assert_eq!(say("ar", "admin-order-attempts", "n", "2"), "بعد محاولتين");
        assert_eq!(say("ar", "admin-order-attempts", "n", "5"), "بعد 5 محاولات");
        // Japanese has no plural forms: one sentence for every count.
        assert_eq!(
            say("ja", "updates-show-all", "count", "1"),
            "更新をすべて表示 (1 件)"
        );
    }

    #[test]
    fn a_count_is_passed_as_a_number_only_when_it_reads_the_same() {
        assert_eq!(count("12"), Some(12));
        assert_eq!(count("0"), Some(0));
        assert_eq!(count("007"), None);
        assert_eq!(count("#1001"), None);
        assert_eq!(count("99999999999"), None);
        let texts = texts();
        assert_eq!(
            texts.message(&locale("en"), "greeting", &[("number", "007")]),
            "Your order 007"
        );
    }

    #[test]
    fn an_unknown_language_falls_back_to_english() {
        let texts = texts();
        for tag in ["sw-KE", "ko", "fi-FI"] {
            assert_eq!(texts.resolve(&locale(tag)), "en", "{tag}");
        }
        assert_eq!(
            texts.stage(&locale("sw-KE"), Stage::OutForDelivery).label,
            "Out for delivery"
        );
    }
}
