//! The one rule for text from outside: what a merchant, a customer or a carrier wrote may
//! hold letters, marks, spaces and line breaks, but no control characters (PostgreSQL
//! cannot store NUL, and the rest are noise on a page) and no invisible formatting that
//! reorders or hides the text around it on a page (bidi embeddings, overrides, isolates
//! and marks; zero-width spaces; byte order marks).
//!
//! Input a person sends through the API is refused when it holds control characters
//! ([`parse`]); a carrier's words are kept with them dropped ([`scrub`]), since a parcel's
//! scans must not fail over a stray byte. Identifiers (order numbers, tracking numbers,
//! slugs) lose every invisible character, joiners too ([`strip_invisible`]); free text keeps
//! the zero-width joiner and non-joiner, which Persian and Indic scripts need.

use crate::ParseError;

/// How a piece of free text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line (a name, a city, a scan's description): every run of whitespace, line
    /// breaks and tabs included, becomes one space.
    Line,
    /// Lines (a message, an answer): line breaks are kept as `\n`, tabs become spaces.
    Block,
}

/// Text a person sent, cleaned: refused when it holds a control character other than a
/// tab or a line break; otherwise invisible formatting is dropped, whitespace laid out by
/// `shape`, and the ends trimmed.
pub fn parse(s: &str, shape: Shape) -> Result<String, ParseError> {
    if let Some(c) = s.chars().find(|&c| is_control(c) && !is_layout(c)) {
        return Err(ParseError::new(format!(
            "must not contain control characters (found U+{:04X})",
            u32::from(c)
        )));
    }
    Ok(tidy(s, shape))
}

/// A carrier's or a feed's text, cleaned: control characters other than tabs and line
/// breaks are dropped, then it is laid out as [`parse`] does.
pub fn scrub(s: &str, shape: Shape) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| !is_control(c) || is_layout(c))
        .collect();
    tidy(&kept, shape)
}

/// An identifier as typed or pasted, without any invisible formatting, joiners included;
/// the identifier's own rules judge the rest (control characters among it).
pub fn strip_invisible(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_invisible(c) && !is_joiner(c))
        .collect()
}

/// Whether `c` is invisible formatting that free text loses: bidi embeddings, overrides,
/// isolates and marks (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C), zero-width and
/// invisible characters (U+200B, U+2060–2064, U+FEFF, U+180E), deprecated format
/// characters (U+206A–206F) and annotation marks (U+FFF9–FFFB). Not the joiners.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// The zero-width non-joiner and joiner (U+200C, U+200D): kept in free text.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Control characters: C0, DEL and C1.
fn is_control(c: char) -> bool {
    c.is_control()
}

/// The control characters ordinary text uses for layout.
fn is_layout(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
}

/// Drops invisible formatting and lays the whitespace out by `shape`.
fn tidy(s: &str, shape: Shape) -> String {
    let visible = s.chars().filter(|&c| !is_invisible(c));
    match shape {
        Shape::Line => {
            let mut out = String::with_capacity(s.len());
            let mut space = false;
            for c in visible {
                if c.is_whitespace() {
                    space = !out.is_empty();
                } else {
                    if space {
                        out.push(' ');
                        space = false;
                    }
                    out.push(c);
                }
            }
            out
        }
        Shape::Block => {
            let joined: String = visible.collect();
            let lines: Vec<&str> = joined
                .split("\r\n")
                .flat_map(|l| l.split(['\r', '\n', '\u{2028}', '\u{2029}', '\u{85}']))
                .map(str::trim_end)
                .collect();
            lines
                .join("\n")
                .replace('\t', " ")
                .trim_matches(|c: char| c.is_whitespace())
                .to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_or_another_control_character_is_refused_naming_it() {
        let refused = parse("Ana\0Lima", Shape::Line).map_err(|e| e.to_string());
        assert_eq!(
            refused,
            Err("must not contain control characters (found U+0000)".into())
        );
        assert!(parse("bell\u{7}", Shape::Block).is_err());
        assert!(parse("next line\u{85}", Shape::Line).is_err());
    }

    #[test]
    fn a_line_keeps_single_spaces_and_a_block_keeps_its_line_breaks() {
        assert_eq!(
            parse("  Ana \t Lima\r\n", Shape::Line).as_deref(),
            Ok("Ana Lima")
        );
        assert_eq!(
            parse(" Call us.\r\n\r\nOr\twrite.  \n", Shape::Block).as_deref(),
            Ok("Call us.\n\nOr write.")
        );
    }

    #[test]
    fn bidi_controls_and_zero_width_spaces_are_dropped_but_joiners_kept() {
        let name = "\u{202E}Ana\u{202C} \u{2066}Lima\u{2069}\u{200B}\u{FEFF}\u{200E}";
        assert_eq!(parse(name, Shape::Line).as_deref(), Ok("Ana Lima"));
        // Persian "می‌خواهم" needs its zero-width non-joiner; Devanagari "क्‍ष" its joiner.
        let persian = "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}";
        assert_eq!(parse(persian, Shape::Line).as_deref(), Ok(persian));
        assert_eq!(
            parse("\u{915}\u{94D}\u{200D}\u{937}", Shape::Line).as_deref(),
            Ok("\u{915}\u{94D}\u{200D}\u{937}")
        );
    }

    #[test]
    fn a_carriers_words_lose_their_control_characters_instead_of_being_refused() {
        assert_eq!(
            scrub("Arrived\0 at\u{1b}[31m facility\n", Shape::Line),
            "Arrived at[31m facility"
        );
        assert_eq!(scrub("\u{202E}Memphis\u{7f}", Shape::Line), "Memphis");
    }

    #[test]
    fn identifiers_lose_every_invisible_character_joiners_too() {
        assert_eq!(
            strip_invisible("\u{202E}#10\u{200B}01\u{200D}\u{200C}\u{2069}"),
            "#1001"
        );
    }
}
