//! Parsing a store's branding from raw input: colours are hex, the font comes from the
//! safe list, links are https (or mailto), lengths are bounded. The API's `PUT
//! /api/v1/store/branding` and the admin screens share it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::fields::{Checks, FieldErrors};
use crate::tenant::{FONTS, font_stack};
use crate::{Branding, Email, FaqEntry, FooterLink, HexColor, MerchantTexts, Texts};

/// The most FAQ entries a store may show.
pub const MAX_FAQ: usize = 20;
/// The most footer links a store may show.
pub const MAX_FOOTER_LINKS: usize = 10;

/// Branding as it arrives, every field optional, before any rule is checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BrandingInput {
    pub logo_url: Option<String>,
    pub primary_color: Option<String>,
    pub accent_color: Option<String>,
    pub font: Option<String>,
    pub header_message: Option<String>,
    pub support_email: Option<String>,
    pub support_phone: Option<String>,
    pub support_url: Option<String>,
    pub faq: Vec<FaqInput>,
    pub footer_links: Vec<LinkInput>,
    pub delay_message: Option<String>,
    pub link_expiry_days: Option<u32>,
    pub shop_url: Option<String>,
    /// Where customers start a return (https).
    pub returns_url: Option<String>,
    /// The store's returns policy in a few lines.
    pub returns_policy: Option<String>,
    /// Don't ask "How was your delivery?" on delivered parcels' pages.
    pub delivery_rating_off: bool,
    /// The store's words in other languages, by built-in language (`de`).
    pub translations: BTreeMap<String, TextsInput>,
}

/// The store's words in one language, as given; what is left empty falls back to the
/// store's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextsInput {
    pub header_message: Option<String>,
    pub faq: Vec<FaqInput>,
    pub footer_links: Vec<LinkInput>,
    pub delay_message: Option<String>,
    pub returns_url: Option<String>,
    pub returns_policy: Option<String>,
}

/// A question and its answer, as given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaqInput {
    pub question: String,
    pub answer: String,
}

/// A footer link, as given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkInput {
    pub label: String,
    pub url: String,
}

impl Branding {
    /// Checks every field of `input`, naming each refused one (`primary_color`,
    /// `faq[0].question`, `footer_links[1].url`). Blank text becomes `None`. Weak contrast is
    /// not refused: [`Branding::contrast_warnings`] reports it.
    pub fn parse(input: BrandingInput) -> Result<Branding, FieldErrors> {
        let mut checks = Checks::default();
        let logo_url = link(&mut checks, "logo_url", input.logo_url.as_deref(), false);
        let support_url = link(
            &mut checks,
            "support_url",
            input.support_url.as_deref(),
            false,
        );
        let primary_color = checks.optional(
            || "primary_color".into(),
            input.primary_color.as_deref(),
            HexColor::parse,
        );
        let accent_color = checks.optional(
            || "accent_color".into(),
            input.accent_color.as_deref(),
            HexColor::parse,
        );
        let font = input
            .font
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty());
        if let Some(font) = &font
            && font_stack(font).is_none()
        {
            let names: Vec<&str> = FONTS.iter().map(|(n, _)| *n).collect();
            checks.fail("font", format!("must be one of {}", names.join(", ")));
        }
        let support_email = checks.optional(
            || "support_email".into(),
            input.support_email.as_deref(),
            Email::parse,
        );
        let support_phone = checks.line(
            || "support_phone".into(),
            input.support_phone.as_deref(),
            40,
            false,
        );
        if input
            .link_expiry_days
            .is_some_and(|d| !(1..=365).contains(&d))
        {
            checks.fail("link_expiry_days", "must be between 1 and 365");
        }
        let own = texts(
            &mut checks,
            "",
            TextsInput {
                header_message: input.header_message,
                faq: input.faq,
                footer_links: input.footer_links,
                delay_message: input.delay_message,
                returns_url: input.returns_url,
                returns_policy: input.returns_policy,
            },
        );
        let shop_url = link(&mut checks, "shop_url", input.shop_url.as_deref(), false);
        let mut translations = BTreeMap::new();
        for (lang, given) in input.translations {
            let field = format!("translations.{lang}");
            if !Texts::is_language(&lang) {
                checks.fail(
                    &field,
                    "must be a language the pages speak: en, es, fr, de, it, pt, nl, sv, pl, ja or ar",
                );
                continue;
            }
            let texts = texts(&mut checks, &format!("{field}."), given);
            translations.insert(lang, texts);
        }
        checks.finish()?;
        Ok(Branding {
            logo_url,
            logo_version: None,
            primary_color,
            accent_color,
            font,
            header_message: own.header_message,
            support_email,
            support_phone,
            support_url,
            faq: own.faq,
            footer_links: own.footer_links,
            delay_message: own.delay_message,
            link_expiry_days: input.link_expiry_days,
            shop_url,
            returns_url: own.returns_url,
            returns_policy: own.returns_policy,
            delivery_rating_off: input.delivery_rating_off,
            translations,
        })
    }
}

/// The store's words in one language, each field checked and named with `prefix`
/// (`translations.de.faq[0].question`).
fn texts(checks: &mut Checks, prefix: &str, input: TextsInput) -> MerchantTexts {
    let header_message = checks.block(
        || format!("{prefix}header_message"),
        input.header_message.as_deref(),
        500,
        false,
    );
    let delay_message = checks.block(
        || format!("{prefix}delay_message"),
        input.delay_message.as_deref(),
        1000,
        false,
    );
    checks.count(&format!("{prefix}faq"), input.faq.len(), MAX_FAQ);
    let mut faq = Vec::with_capacity(input.faq.len());
    for (i, entry) in input.faq.iter().enumerate() {
        let question = checks.line(
            || format!("{prefix}faq[{i}].question"),
            Some(&entry.question),
            200,
            true,
        );
        let answer = checks.block(
            || format!("{prefix}faq[{i}].answer"),
            Some(&entry.answer),
            2000,
            true,
        );
        if let (Some(question), Some(answer)) = (question, answer) {
            faq.push(FaqEntry { question, answer });
        }
    }
    checks.count(
        &format!("{prefix}footer_links"),
        input.footer_links.len(),
        MAX_FOOTER_LINKS,
    );
    let mut footer_links = Vec::with_capacity(input.footer_links.len());
    for (i, entry) in input.footer_links.iter().enumerate() {
        let label = checks.line(
            || format!("{prefix}footer_links[{i}].label"),
            Some(&entry.label),
            60,
            true,
        );
        let url = link(
            checks,
            &format!("{prefix}footer_links[{i}].url"),
            Some(&entry.url),
            true,
        );
        if let (Some(label), Some(url)) = (label, url) {
            footer_links.push(FooterLink { label, url });
        }
    }
    let returns_url = link(
        checks,
        &format!("{prefix}returns_url"),
        input.returns_url.as_deref(),
        false,
    );
    let returns_policy = checks.block(
        || format!("{prefix}returns_policy"),
        input.returns_policy.as_deref(),
        1000,
        false,
    );
    MerchantTexts {
        header_message,
        faq,
        footer_links,
        delay_message,
        returns_url,
        returns_policy,
    }
}

/// The longest link kept.
const MAX_URL_CHARS: usize = 500;

/// A link pages show: `https://` (or `mailto:` where `mailto` is allowed) and at most 500
/// characters, without whitespace, control or invisible characters, backslashes, or
/// credentials (`https://user:pass@…` is refused: it hides where the link really goes).
/// Blank is `None`; a refused link is recorded at `field`.
fn link(checks: &mut Checks, field: &str, url: Option<&str>, mailto: bool) -> Option<String> {
    let url = url.map(str::trim).filter(|u| !u.is_empty())?;
    match check_link(url, mailto) {
        Ok(()) => Some(url.to_owned()),
        Err(why) => {
            checks.fail(field, why);
            None
        }
    }
}

/// An item's picture: an `https://` URL by the rules of links; blank is `None`, a refused
/// one is recorded at `field`.
pub(crate) fn image_url(checks: &mut Checks, field: &str, url: Option<&str>) -> Option<String> {
    link(checks, field, url, false)
}

/// Checks a URL wismo sends requests to (a merchant's webhook endpoint) by the rules of
/// links: `https://` unless `allow_http`, no credentials, spaces or backslashes.
pub(crate) fn check_endpoint_url(url: &str, allow_http: bool) -> Result<(), String> {
    match url.strip_prefix("http://").filter(|_| allow_http) {
        Some(rest) => check_link(&format!("https://{rest}"), false)
            .map_err(|why| why.replace("an https:// URL", "an http(s):// URL")),
        None => check_link(url, false),
    }
}

fn check_link(url: &str, mailto: bool) -> Result<(), String> {
    let shape = if mailto {
        "must be an https:// or mailto: link"
    } else {
        "must be an https:// URL"
    };
    if url.chars().count() > MAX_URL_CHARS {
        return Err(format!("{shape} of at most {MAX_URL_CHARS} characters"));
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || crate::text::is_invisible(c))
    {
        return Err(format!("{shape} without spaces or control characters"));
    }
    if url.contains('\\') {
        return Err(format!("{shape} without backslashes"));
    }
    if let Some(address) = url.strip_prefix("mailto:").filter(|_| mailto) {
        return if address.is_empty() {
            Err(format!("{shape}, with an address after mailto:"))
        } else {
            Ok(())
        };
    }
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(shape.to_owned());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(format!("{shape} without a user name or password"));
    }
    let host = authority
        .rsplit_once(':')
        .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
        .map_or(authority, |(host, _)| host);
    let host_ok = !host.is_empty()
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    if !host_ok {
        return Err(format!("{shape} with a host name"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Parsed as _;

    fn refused(input: BrandingInput) -> FieldErrors {
        Branding::parse(input).refused()
    }

    #[test]
    fn branding_is_trimmed_and_blank_text_becomes_none() {
        let branding = Branding::parse(BrandingInput {
            primary_color: Some("#ABC".into()),
            font: Some(" serif ".into()),
            header_message: Some("   ".into()),
            support_email: Some("Help@Acme.EXAMPLE".into()),
            faq: vec![FaqInput {
                question: " Where is it? ".into(),
                answer: "On its way.".into(),
            }],
            ..BrandingInput::default()
        })
        .accepted();
        assert_eq!(
            branding.primary_color.map(String::from),
            Some("#aabbcc".into())
        );
        assert_eq!(branding.font.as_deref(), Some("serif"));
        assert_eq!(branding.header_message, None);
        assert_eq!(
            branding.support_email.map(String::from),
            Some("Help@acme.example".into())
        );
        assert_eq!(branding.faq[0].question, "Where is it?");
    }

    #[test]
    fn a_font_outside_the_safe_list_is_refused_naming_the_choices() {
        let errors = refused(BrandingInput {
            font: Some("Comic Sans".into()),
            ..BrandingInput::default()
        });
        assert!(
            errors
                .to_string()
                .starts_with("font: must be one of system, humanist")
        );
    }

    #[test]
    fn links_must_be_https_and_footer_links_may_be_mailto() {
        let errors = refused(BrandingInput {
            logo_url: Some("http://acme.example/logo.png".into()),
            support_url: Some("https://acme.example/a b".into()),
            footer_links: vec![
                LinkInput {
                    label: "Mail".into(),
                    url: "mailto:help@acme.example".into(),
                },
                LinkInput {
                    label: "x".into(),
                    url: "javascript:alert(1)".into(),
                },
            ],
            ..BrandingInput::default()
        });
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["logo_url", "support_url", "footer_links[1].url"]);
    }

    #[test]
    fn links_with_credentials_or_spaces_are_refused_naming_the_field() {
        let errors = refused(BrandingInput {
            logo_url: Some("https://user:pass@cdn.acme.example/logo.png".into()),
            support_url: Some("https://acme.example/help me".into()),
            footer_links: vec![
                LinkInput {
                    label: "Shop".into(),
                    url: "https://acme.example@evil.example/".into(),
                },
                LinkInput {
                    label: "Returns".into(),
                    url: "https://acme.example\\@evil.example/".into(),
                },
                LinkInput {
                    label: "Mail".into(),
                    url: "mailto:help@acme.example".into(),
                },
            ],
            ..BrandingInput::default()
        });
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.detail.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "logo_url",
                    "must be an https:// URL without a user name or password"
                ),
                (
                    "support_url",
                    "must be an https:// URL without spaces or control characters"
                ),
                (
                    "footer_links[0].url",
                    "must be an https:// or mailto: link without a user name or password"
                ),
                (
                    "footer_links[1].url",
                    "must be an https:// or mailto: link without backslashes"
                ),
            ]
        );
        let fine = Branding::parse(BrandingInput {
            logo_url: Some(" https://cdn.acme.example:8443/logo.png?v=2#x ".into()),
            support_url: Some("https://acme.example/help?from=@tracking".into()),
            ..BrandingInput::default()
        })
        .accepted();
        assert_eq!(
            fine.logo_url.as_deref(),
            Some("https://cdn.acme.example:8443/logo.png?v=2#x")
        );
    }

    #[test]
    fn branding_text_with_a_nul_is_refused_and_messages_keep_their_lines() {
        let errors = refused(BrandingInput {
            header_message: Some("Hello\0".into()),
            support_phone: Some("+1\u{0}555".into()),
            faq: vec![FaqInput {
                question: "Why?".into(),
                answer: "\u{1b}[2J".into(),
            }],
            footer_links: vec![LinkInput {
                label: "Sh\0p".into(),
                url: "https://acme.example".into(),
            }],
            ..BrandingInput::default()
        });
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "support_phone",
                "header_message",
                "faq[0].answer",
                "footer_links[0].label"
            ]
        );
        let branding = Branding::parse(BrandingInput {
            delay_message: Some("Sorry.\r\n\r\n\u{202E}Write to us.".into()),
            ..BrandingInput::default()
        })
        .accepted();
        assert_eq!(
            branding.delay_message.as_deref(),
            Some("Sorry.\n\nWrite to us.")
        );
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let errors = refused(BrandingInput {
            primary_color: Some("blue".into()),
            support_email: Some("help".into()),
            header_message: Some("x".repeat(501)),
            link_expiry_days: Some(0),
            faq: vec![FaqInput {
                question: String::new(),
                answer: "x".into(),
            }],
            ..BrandingInput::default()
        });
        for field in [
            "primary_color",
            "support_email",
            "header_message",
            "link_expiry_days",
            "faq[0].question",
        ] {
            assert!(errors.names(field), "{field}: {errors}");
        }
    }

    #[test]
    fn at_most_twenty_questions_are_taken() {
        let faq = vec![
            FaqInput {
                question: "q".into(),
                answer: "a".into(),
            };
            21
        ];
        let errors = refused(BrandingInput {
            faq,
            ..BrandingInput::default()
        });
        assert_eq!(errors.to_string(), "faq: at most 20 entries are allowed");
    }
}
