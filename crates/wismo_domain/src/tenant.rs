//! The store (tenant): one merchant's shop, with its branding and defaults.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::fields::{Checks, FieldErrors};
use crate::text::{self, Shape};
use crate::{Email, HexColor, Locale, StoreId, StoreSlug, TimeZone};

/// A merchant's shop. Every order, key and page belongs to exactly one store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: StoreId,
    pub slug: StoreSlug,
    pub name: String,
    pub branding: Branding,
    pub default_locale: Locale,
    pub timezone: TimeZone,
    pub created_at: DateTime<Utc>,
    /// How the store tells its customers (the defaults until it sets its own).
    #[serde(default)]
    pub notify: crate::notify::NotifyPolicy,
    /// Orders placed after this local time count from the next business day (the promise
    /// at checkout).
    #[serde(default)]
    pub order_cutoff: crate::promise::OrderCutoff,
}

impl Tenant {
    /// Whether this order's customer gets `moment` by email: the store tells it by email,
    /// the customer agreed and has an address. What the page promises follows this.
    pub fn emails(&self, customer: &crate::Customer, moment: crate::notify::Moment) -> bool {
        use crate::notify::Channel;
        customer.email.is_some()
            && customer.consent.email
            && self.notify.tells(Channel::Email, moment)
    }
}

/// What a new store needs.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStore {
    pub slug: StoreSlug,
    pub name: String,
    pub default_locale: Locale,
    pub timezone: TimeZone,
}

/// A new store as it arrives (`wismo store create`, later the admin screens).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewStoreInput {
    pub slug: String,
    pub name: String,
    pub default_locale: String,
    pub timezone: String,
}

/// The longest store name kept.
pub const MAX_STORE_NAME_CHARS: usize = 200;

impl NewStore {
    /// Checks a new store: a slug that is well shaped and not reserved, a name of 1 to 200
    /// characters (one line, by the text rule), a language tag and an IANA time zone.
    pub fn parse(input: NewStoreInput) -> Result<NewStore, FieldErrors> {
        let mut checks = Checks::default();
        let slug = StoreSlug::parse(&input.slug);
        if let Err(e) = &slug {
            checks.fail("slug", e.to_string());
        }
        let name = match text::parse(&input.name, Shape::Line) {
            Ok(name) if name.is_empty() || name.chars().count() > MAX_STORE_NAME_CHARS => {
                checks.fail(
                    "name",
                    format!("must be 1 to {MAX_STORE_NAME_CHARS} characters"),
                );
                None
            }
            Ok(name) => Some(name),
            Err(e) => {
                checks.fail("name", e.to_string());
                None
            }
        };
        let default_locale = checks.value(
            || "default_locale".into(),
            &input.default_locale,
            Locale::parse,
        );
        let timezone = checks.value(|| "timezone".into(), &input.timezone, TimeZone::parse);
        checks.finish()?;
        Ok(NewStore {
            slug: slug.map_err(|e| FieldErrors::one("slug", e))?,
            name: name.unwrap_or_default(),
            default_locale: default_locale.unwrap_or_default(),
            timezone: timezone.unwrap_or_default(),
        })
    }
}

/// How the store's pages look. Data only: pages turn it into CSS custom properties and
/// escaped text (a small safe Markdown subset in messages and answers), never into
/// merchant-supplied HTML or CSS.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Branding {
    /// An https URL of the logo, which wismo fetches and keeps; pages show only the kept
    /// logo.
    pub logo_url: Option<String>,
    /// Set by wismo when a logo is uploaded or fetched: a short hash of it, for cache
    /// busting.
    pub logo_version: Option<String>,
    pub primary_color: Option<HexColor>,
    pub accent_color: Option<HexColor>,
    /// A font from [`FONTS`].
    pub font: Option<String>,
    /// A short message shown at the top of the tracking page.
    pub header_message: Option<String>,
    pub support_email: Option<Email>,
    pub support_phone: Option<String>,
    pub support_url: Option<String>,
    /// Questions and answers shown under the parcels.
    pub faq: Vec<FaqEntry>,
    /// Links in the page footer (returns policy, shop, …).
    pub footer_links: Vec<FooterLink>,
    /// What to do if a parcel is late, in the store's words; shown with the delay.
    pub delay_message: Option<String>,
    /// Private links stop working this many days after delivery (then the page offers the
    /// order lookup); `None` keeps them working.
    pub link_expiry_days: Option<u32>,
    /// The shop's own site: the page's header links back to it.
    pub shop_url: Option<String>,
    /// Where customers start a return; shown after delivery and with the help.
    pub returns_url: Option<String>,
    /// The store's returns policy (a small safe Markdown subset), shown with it.
    pub returns_policy: Option<String>,
    /// Set when the store does not ask "How was your delivery?" (asked by default).
    pub delivery_rating_off: bool,
    /// The store's words in other languages, by built-in language (`de`): a page in that
    /// language shows them, and the fields above where one is not given.
    pub translations: std::collections::BTreeMap<String, MerchantTexts>,
}

/// What a store writes for its pages in one language. Each field left empty falls back to
/// the store's own (default language) words.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MerchantTexts {
    pub header_message: Option<String>,
    pub faq: Vec<FaqEntry>,
    pub footer_links: Vec<FooterLink>,
    pub delay_message: Option<String>,
    pub returns_url: Option<String>,
    pub returns_policy: Option<String>,
}

/// The store's words a page in one language shows: borrowed from a translation or from
/// the store's own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageWords<'a> {
    pub header_message: Option<&'a str>,
    pub faq: &'a [FaqEntry],
    pub footer_links: &'a [FooterLink],
    pub delay_message: Option<&'a str>,
    pub returns_url: Option<&'a str>,
    pub returns_policy: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaqEntry {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FooterLink {
    pub label: String,
    pub url: String,
}

/// The fonts a store may pick: each a stack of fonts already on people's devices, so pages
/// load no font files. (name, CSS `font-family`)
pub const FONTS: [(&str, &str); 6] = [
    (
        "system",
        "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif",
    ),
    (
        "humanist",
        "Seravek, \"Gill Sans Nova\", Ubuntu, Calibri, \"DejaVu Sans\", source-sans-pro, sans-serif",
    ),
    (
        "geometric",
        "Avenir, Montserrat, Corbel, \"URW Gothic\", source-sans-pro, sans-serif",
    ),
    (
        "rounded",
        "ui-rounded, \"Hiragino Maru Gothic ProN\", Quicksand, Comfortaa, Manjari, \"Arial Rounded MT\", Calibri, source-sans-pro, sans-serif",
    ),
    (
        "serif",
        "Charter, \"Bitstream Charter\", \"Sitka Text\", Cambria, serif",
    ),
    (
        "slab",
        "Rockwell, \"Rockwell Nova\", \"Roboto Slab\", \"DejaVu Serif\", \"Sitka Small\", serif",
    ),
];

/// The CSS `font-family` of a font name from [`FONTS`].
pub fn font_stack(name: &str) -> Option<&'static str> {
    FONTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, stack)| *stack)
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: &HexColor, b: &HexColor) -> f64 {
    ratio(luminance(a), luminance(b))
}

/// The page background text sits on (the lighter surfaces are white): text readable on it
/// is readable on both.
pub const PAGE_BACKGROUND: &str = "#f3f4f6";

/// Contrast WCAG AA asks of text.
pub const TEXT_CONTRAST: f64 = 4.5;

/// The dark scheme's section background (the lighter of its two backgrounds).
pub const DARK_SURFACE: &str = "#1f2937";

/// Contrast WCAG AA asks of marks and borders that carry meaning.
pub const MARK_CONTRAST: f64 = 3.0;

/// `color` moved just enough (in 5 % steps towards black on a light background, towards
/// white on a dark one, keeping its hue) to reach `target` contrast with `background`;
/// `color` itself when it already does. Black or white always gets there.
pub fn readable_on(color: &HexColor, background: &HexColor, target: f64) -> HexColor {
    if contrast_ratio(color, background) >= target {
        return color.clone();
    }
    let toward = if luminance(background) > 0.18 {
        0.0
    } else {
        255.0
    };
    let hex = color.as_str().trim_start_matches('#');
    let channel = |i: usize| {
        f64::from(u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
    };
    let rgb = [channel(0), channel(2), channel(4)];
    for step in 1..=20 {
        let moved = f64::from(step) * 0.05;
        let [r, g, b] = rgb.map(|v| (v + (toward - v) * moved).round().clamp(0.0, 255.0) as u8);
        if let Ok(shade) = HexColor::parse(&format!("#{r:02x}{g:02x}{b:02x}"))
            && contrast_ratio(&shade, background) >= target
        {
            return shade;
        }
    }
    let end = if toward > 0.0 { "#ffffff" } else { "#000000" };
    HexColor::parse(end).unwrap_or_else(|_| color.clone())
}

/// The shades of a store's colour on the dark scheme's surfaces: for text (4.5:1) or for
/// marks (3:1).
pub fn dark_shade(color: &HexColor, target: f64) -> HexColor {
    match HexColor::parse(DARK_SURFACE) {
        Ok(surface) => readable_on(color, &surface, target),
        Err(_) => color.clone(),
    }
}

/// White or black, whichever reads better on `background` (one of them always reaches
/// 4.5:1): the text of a button in the store's colour.
pub fn text_on(background: &HexColor) -> &'static str {
    match (HexColor::parse("#ffffff"), HexColor::parse("#000000")) {
        (Ok(white), Ok(black))
            if contrast_ratio(background, &white) < contrast_ratio(background, &black) =>
        {
            "#000000"
        }
        _ => "#ffffff",
    }
}

/// The shade of a store's colour its pages use for text and links: the colour itself when
/// it reads well on the page, else a darker one.
pub fn text_shade(color: &HexColor) -> HexColor {
    match HexColor::parse(PAGE_BACKGROUND) {
        Ok(page) => readable_on(color, &page, TEXT_CONTRAST),
        Err(_) => color.clone(),
    }
}

/// WCAG 2 contrast ratio of a colour with white.
pub fn contrast_on_white(color: &HexColor) -> f64 {
    ratio(luminance(color), 1.0)
}

fn ratio(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    (hi + 0.05) / (lo + 0.05)
}

/// WCAG 2 relative luminance.
fn luminance(color: &HexColor) -> f64 {
    let hex = color.as_str().trim_start_matches('#');
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
            / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

impl Branding {
    /// The store's words for a page in `lang` (a built-in language): the translation's
    /// where it gives them, field by field, else the store's own.
    pub fn words(&self, lang: &str) -> PageWords<'_> {
        let t = self.translations.get(lang);
        PageWords {
            header_message: t
                .and_then(|t| t.header_message.as_deref())
                .or(self.header_message.as_deref()),
            faq: t
                .map(|t| t.faq.as_slice())
                .filter(|f| !f.is_empty())
                .unwrap_or(&self.faq),
            footer_links: t
                .map(|t| t.footer_links.as_slice())
                .filter(|f| !f.is_empty())
                .unwrap_or(&self.footer_links),
            delay_message: t
                .and_then(|t| t.delay_message.as_deref())
                .or(self.delay_message.as_deref()),
            returns_url: t
                .and_then(|t| t.returns_url.as_deref())
                .or(self.returns_url.as_deref()),
            returns_policy: t
                .and_then(|t| t.returns_policy.as_deref())
                .or(self.returns_policy.as_deref()),
        }
    }

    /// What fails WCAG AA: the primary colour is used for links and as the background of
    /// white button text (4.5:1 needed; pages use a darker shade of a colour that fails for
    /// links, [`text_shade`], and black button text where it reads better, [`text_on`]), the accent for delivered parcels' marks (3:1).
    pub fn contrast_warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        if let Some(primary) = &self.primary_color {
            let ratio = contrast_on_white(primary);
            if ratio < 4.5 {
                let shade = text_shade(primary);
                warnings.push(format!(
                    "primary_color {primary} has a contrast of {ratio:.1}:1 with white; WCAG AA needs 4.5:1 for text, so pages use {shade} for links and keep {primary} for buttons (with {} text), borders and marks", text_on(primary)
                ));
            }
        }
        if let Some(accent) = &self.accent_color {
            let ratio = contrast_on_white(accent);
            if ratio < 3.0 {
                warnings.push(format!(
                    "accent_color {accent} has a contrast of {ratio:.1}:1 with white; WCAG AA needs 3:1 for marks"
                ));
            }
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Parsed as _;

    fn color(s: &str) -> HexColor {
        HexColor::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_colour_that_fails_contrast_gets_a_darker_shade_for_text_and_keeps_its_own_otherwise() {
        let page = color(PAGE_BACKGROUND);
        for weak in ["#ffff00", "#7dd3fc", "#f97316", "#ffffff", "#22c55e"] {
            let shade = text_shade(&color(weak));
            assert!(
                contrast_ratio(&shade, &page) >= TEXT_CONTRAST,
                "{weak} -> {shade}"
            );
            assert!(
                contrast_on_white(&shade) >= TEXT_CONTRAST,
                "{weak} -> {shade}"
            );
            assert_ne!(shade, color(weak));
        }
        // Just enough: one step lighter would fail.
        let shade = text_shade(&color("#7dd3fc"));
        assert!(contrast_ratio(&shade, &page) < 7.0, "{shade}");
        for fine in ["#1a56db", "#7c2d12", "#000000"] {
            assert_eq!(text_shade(&color(fine)), color(fine));
        }
        // On the dark scheme, a dark colour is lightened instead.
        let surface = color(DARK_SURFACE);
        for dark in ["#1a56db", "#7c2d12", "#000000"] {
            let shade = dark_shade(&color(dark), TEXT_CONTRAST);
            assert!(
                contrast_ratio(&shade, &surface) >= TEXT_CONTRAST,
                "{dark} -> {shade}"
            );
        }
        assert_eq!(
            dark_shade(&color("#ffff00"), TEXT_CONTRAST),
            color("#ffff00")
        );
        let mark = dark_shade(&color("#0e7a55"), MARK_CONTRAST);
        assert!(contrast_ratio(&mark, &surface) >= MARK_CONTRAST, "{mark}");
        // Buttons keep the colour, with the text that reads on it.
        assert_eq!(text_on(&color("#ffff00")), "#000000");
        assert_eq!(text_on(&color("#1a56db")), "#ffffff");
        // The warning says which shade the pages use.
        let branding = Branding {
            primary_color: Some(color("#ffff00")),
            ..Branding::default()
        };
        let warnings = branding.contrast_warnings();
        assert!(
            warnings[0].contains(&format!("pages use {}", text_shade(&color("#ffff00")))),
            "{warnings:?}"
        );
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_ratio(&color("#000"), &color("#fff")) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(&color("#777"), &color("#fff")) - 4.48).abs() < 0.01);
        assert!((contrast_ratio(&color("#1a56db"), &color("#fff")) - 6.0).abs() < 0.2);
    }

    #[test]
    fn weak_colours_are_warned_about_and_strong_ones_are_not() {
        let mut branding = Branding {
            primary_color: Some(color("#fbbf24")),
            accent_color: Some(color("#a7f3d0")),
            ..Branding::default()
        };
        let warnings = branding.contrast_warnings();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("primary_color #fbbf24"));
        branding.primary_color = Some(color("#7c2d12"));
        branding.accent_color = Some(color("#166534"));
        assert!(branding.contrast_warnings().is_empty());
    }

    #[test]
    fn fonts_come_from_the_safe_list() {
        assert!(font_stack("serif").is_some_and(|s| s.ends_with("serif")));
        assert_eq!(font_stack("Comic Sans; } body { display:none"), None);
    }

    fn new_store(slug: &str, name: &str) -> NewStoreInput {
        NewStoreInput {
            slug: slug.into(),
            name: name.into(),
            default_locale: "en".into(),
            timezone: "UTC".into(),
        }
    }

    #[test]
    fn a_new_store_is_trimmed_and_canonicalized() {
        let store = NewStore::parse(NewStoreInput {
            default_locale: "pt_br".into(),
            timezone: "Europe/Lisbon".into(),
            ..new_store("acme", "  Acme Coffee ")
        })
        .accepted();
        assert_eq!(store.slug.as_str(), "acme");
        assert_eq!(store.name, "Acme Coffee");
        assert_eq!(store.default_locale.as_str(), "pt-BR");
        assert_eq!(store.timezone.as_str(), "Europe/Lisbon");
    }

    #[test]
    fn a_store_with_a_reserved_slug_and_a_blank_name_names_both_fields() {
        let errors = NewStore::parse(new_store("api", "  ")).refused();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slug", "name"]);
        assert!(
            errors
                .to_string()
                .contains("name: must be 1 to 200 characters")
        );
        assert!(NewStore::parse(new_store("acme", &"x".repeat(201))).is_err());
    }

    #[test]
    fn a_store_name_with_a_nul_is_refused_and_one_with_an_override_cleaned() {
        let errors = NewStore::parse(new_store("acme", "Acme\0")).refused();
        assert!(errors.names("name"), "{errors}");
        let store = NewStore::parse(new_store("acme", "\u{202E}Acme\u{202C}  Coffee")).accepted();
        assert_eq!(store.name, "Acme Coffee");
    }

    #[test]
    fn a_store_with_an_unknown_time_zone_names_the_field() {
        let errors = NewStore::parse(NewStoreInput {
            timezone: "Mars/Olympus".into(),
            ..new_store("acme", "Acme")
        })
        .refused();
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["timezone"]
        );
    }
}
