//! The store's colours in an email, kept readable: the button's text is white or black,
//! whichever contrasts more with the button, and links fall back to a dark blue when the
//! store's colour is too light on white.

use wismo_domain::HexColor;

/// The button colour without a brand colour.
pub const DEFAULT_PRIMARY: &str = "#1a56db";
/// Body text and headings.
pub const TEXT: &str = "#1f2937";
/// Secondary text (footer).
pub const MUTED: &str = "#4b5563";

/// The colours an email is drawn with, each a `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colors {
    pub button: String,
    pub button_text: String,
    pub link: String,
}

impl Colors {
    pub fn new(primary: Option<&HexColor>, accent: Option<&HexColor>) -> Self {
        let button = primary.map_or(DEFAULT_PRIMARY, HexColor::as_str).to_owned();
        let button_text = text_on(&button).to_owned();
        // Links sit on white: the first of accent, primary, default that reads on it.
        let link = [accent, primary]
            .into_iter()
            .flatten()
            .map(HexColor::as_str)
            .find(|c| contrast(c, "#ffffff") >= 4.5)
            .unwrap_or(DEFAULT_PRIMARY)
            .to_owned();
        Self {
            button,
            button_text,
            link,
        }
    }
}

/// White or black, whichever reads better on `background`. One of them always reaches
/// 4.5:1 (the worst case is about 4.58:1).
pub fn text_on(background: &str) -> &'static str {
    if contrast(background, "#ffffff") >= contrast(background, "#000000") {
        "#ffffff"
    } else {
        "#000000"
    }
}

/// The WCAG contrast ratio of two `#rrggbb` colours (1 to 21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// WCAG relative luminance; an unreadable colour counts as black.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = hex
            .get(1 + 2 * i..3 + 2 * i)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 255.0);
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn color(s: &str) -> HexColor {
        HexColor::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn button_text_reaches_four_and_a_half_to_one_on_every_grey_and_hue() {
        for v in (0..=255u32).step_by(5) {
            for hex in [
                format!("#{v:02x}{v:02x}{v:02x}"),
                format!("#{v:02x}0000"),
                format!("#00{v:02x}00"),
                format!("#0000{v:02x}"),
                format!("#{v:02x}{v:02x}00"),
                format!("#ff{v:02x}{v:02x}"),
            ] {
                let ratio = contrast(&hex, text_on(&hex));
                assert!(ratio >= 4.5, "{hex}: {ratio}");
            }
        }
    }

    #[test]
    fn a_light_button_gets_black_text_and_a_dark_one_white() {
        assert_eq!(
            Colors::new(Some(&color("#ffd60a")), None).button_text,
            "#000000"
        );
        assert_eq!(
            Colors::new(Some(&color("#0b3d91")), None).button_text,
            "#ffffff"
        );
        assert_eq!(Colors::new(None, None).button, DEFAULT_PRIMARY);
    }

    #[test]
    fn a_link_colour_too_light_for_white_falls_back() {
        let yellow = color("#ffd60a");
        let navy = color("#0b3d91");
        assert_eq!(Colors::new(Some(&navy), Some(&yellow)).link, "#0b3d91");
        assert_eq!(Colors::new(Some(&yellow), None).link, DEFAULT_PRIMARY);
        assert!(contrast(DEFAULT_PRIMARY, "#ffffff") >= 4.5);
        assert!(contrast(TEXT, "#ffffff") >= 4.5 && contrast(MUTED, "#ffffff") >= 4.5);
    }
}
