//! Parsing a store's branding from raw input: colours are hex, the font comes from the
//! safe list, links are https (or mailto), lengths are bounded. The API's `PUT
//! /api/v1/store/branding` and the admin screens share it.

use serde::{Deserialize, Serialize};

use crate::fields::{Checks, FieldErrors, clean};
use crate::tenant::{FONTS, font_stack};
use crate::{Branding, Email, FaqEntry, FooterLink, HexColor};

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
        let logo_url = clean(input.logo_url);
        https(&mut checks, "logo_url", logo_url.as_deref());
        let support_url = clean(input.support_url);
        https(&mut checks, "support_url", support_url.as_deref());
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
        let font = clean(input.font);
        if let Some(font) = &font
            && font_stack(font).is_none()
        {
            let names: Vec<&str> = FONTS.iter().map(|(n, _)| *n).collect();
            checks.fail("font", format!("must be one of {}", names.join(", ")));
        }
        let header_message = clean(input.header_message);
        checks.text(
            || "header_message".into(),
            header_message.as_deref(),
            500,
            false,
        );
        let support_email = checks.optional(
            || "support_email".into(),
            input.support_email.as_deref(),
            Email::parse,
        );
        let support_phone = clean(input.support_phone);
        checks.text(
            || "support_phone".into(),
            support_phone.as_deref(),
            40,
            false,
        );
        let delay_message = clean(input.delay_message);
        checks.text(
            || "delay_message".into(),
            delay_message.as_deref(),
            1000,
            false,
        );
        if input
            .link_expiry_days
            .is_some_and(|d| !(1..=365).contains(&d))
        {
            checks.fail("link_expiry_days", "must be between 1 and 365");
        }
        checks.count("faq", input.faq.len(), MAX_FAQ);
        for (i, entry) in input.faq.iter().enumerate() {
            checks.text(
                || format!("faq[{i}].question"),
                Some(&entry.question),
                200,
                true,
            );
            checks.text(
                || format!("faq[{i}].answer"),
                Some(&entry.answer),
                2000,
                true,
            );
        }
        checks.count("footer_links", input.footer_links.len(), MAX_FOOTER_LINKS);
        for (i, link) in input.footer_links.iter().enumerate() {
            checks.text(
                || format!("footer_links[{i}].label"),
                Some(&link.label),
                60,
                true,
            );
            let url = link.url.trim();
            if !(url.starts_with("https://") || url.starts_with("mailto:")) || url.len() > 500 {
                checks.fail(
                    format!("footer_links[{i}].url"),
                    "must be an https:// or mailto: link of at most 500 characters",
                );
            }
        }
        checks.finish()?;
        Ok(Branding {
            logo_url,
            logo_version: None,
            primary_color,
            accent_color,
            font,
            header_message,
            support_email,
            support_phone,
            support_url,
            faq: input
                .faq
                .into_iter()
                .map(|e| FaqEntry {
                    question: e.question.trim().to_owned(),
                    answer: e.answer.trim().to_owned(),
                })
                .collect(),
            footer_links: input
                .footer_links
                .into_iter()
                .map(|l| FooterLink {
                    label: l.label.trim().to_owned(),
                    url: l.url.trim().to_owned(),
                })
                .collect(),
            delay_message,
            link_expiry_days: input.link_expiry_days,
        })
    }
}

/// Pages link to these, so they must be https and must not smuggle whitespace.
fn https(checks: &mut Checks, field: &str, url: Option<&str>) {
    if let Some(url) = url
        && (!url.starts_with("https://") || url.len() > 500 || url.contains(char::is_whitespace))
    {
        checks.fail(field, "must be an https:// URL of at most 500 characters");
    }
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
