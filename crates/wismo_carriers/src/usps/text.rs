//! Carrier text made presentable: HTML stripped from names and descriptions, USPS's ALL-CAPS
//! places title-cased, location parts joined.

/// The text with HTML tags removed and entities decoded; trademark signs and control
/// characters dropped; whitespace collapsed. Shared with the DHL module.
pub(crate) fn clean_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            rest = skip_tag(rest, &mut out);
        } else {
            rest = decode_entity(rest, &mut out);
        }
    }
    out.push_str(rest);
    collapse(&out)
}

/// Skips a tag at the start of `s` (block-level tags become a space); a `<` that does not
/// open a tag stays as text.
fn skip_tag<'a>(s: &'a str, out: &mut String) -> &'a str {
    let opens_tag = s[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
    match s.find('>') {
        Some(end) if opens_tag => {
            let name: String = s[1..end]
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(
                name.as_str(),
                "br" | "p" | "div" | "li" | "tr" | "td" | "hr"
            ) {
                out.push(' ');
            }
            &s[end + 1..]
        }
        _ => {
            out.push('<');
            &s[1..]
        }
    }
}

/// Decodes an entity at the start of `s`; an `&` that starts none stays as text.
fn decode_entity<'a>(s: &'a str, out: &mut String) -> &'a str {
    let Some(end) = s.find(';').filter(|&end| end <= 10) else {
        out.push('&');
        return &s[1..];
    };
    let name = &s[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "trade" | "reg" | "copy" => Some('\u{2122}'),
        _ => numeric_entity(name),
    };
    match decoded {
        Some(c) => {
            if !is_noise(c) {
                out.push(c);
            }
            &s[end + 1..]
        }
        None => {
            out.push('&');
            &s[1..]
        }
    }
}

fn numeric_entity(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    char::from_u32(code)
}

/// Trademark-like signs and control characters (`&#153;` is a C1 control that browsers show
/// as ™) carry nothing for a service name or a scan description.
fn is_noise(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2122}' | '\u{00AE}' | '\u{00A9}')
}

fn collapse(s: &str) -> String {
    s.split_whitespace()
        .map(|word| word.chars().filter(|&c| !is_noise(c)).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "LOUISVILLE" → "Louisville"; "QUEENS NY DISTRIBUTION CENTER" → "Queens NY Distribution
/// Center". Text that already has lower case is left as it is.
pub(super) fn title_case_caps(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.trim().to_owned();
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            if i > 0 && is_state_code(word) && state_code_position(words.get(i + 1).copied()) {
                (*word).to_owned()
            } else {
                title_word(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A state code inside a facility name stays upper case: at the end ("FORT WORTH TX") or
/// before a facility word ("QUEENS NY DISTRIBUTION CENTER"); elsewhere it is a word ("LA").
fn state_code_position(next: Option<&str>) -> bool {
    match next {
        None => true,
        Some(next) => matches!(
            next,
            "DISTRIBUTION"
                | "NETWORK"
                | "PROCESSING"
                | "REGIONAL"
                | "INTERNATIONAL"
                | "SORTING"
                | "LOGISTICS"
        ),
    }
}

fn title_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'' | '/' | '(');
    }
    out
}

fn is_state_code(word: &str) -> bool {
    const STATES: [&str; 62] = [
        "AL", "AK", "AS", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FM", "FL", "GA", "GU", "HI",
        "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MH", "MD", "MA", "MI", "MN", "MS", "MO",
        "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "MP", "OH", "OK", "OR", "PW", "PA",
        "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VI", "VA", "WA", "WV", "WI", "WY", "AA",
        "AE", "AP",
    ];
    STATES.contains(&word)
}

/// "City, ST, CC" from the parts present; `None` when there are none.
pub(crate) fn join_location(parts: &[Option<String>]) -> Option<String> {
    crate::common::join_place(parts.iter().map(Option::as_deref))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_class_html_and_entities_are_removed() {
        assert_eq!(
            clean_html("USPS Ground Advantage<SUP>&#153;</SUP>"),
            "USPS Ground Advantage"
        );
        assert_eq!(
            clean_html("Priority Mail Express<SUP>&#174;</SUP> 1-Day"),
            "Priority Mail Express 1-Day"
        );
        assert_eq!(
            clean_html("Paket <b>zugestellt</b><br>an Nachbar"),
            "Paket zugestellt an Nachbar"
        );
        assert_eq!(
            clean_html("A &amp; B < 5 &unknown; & C"),
            "A & B < 5 &unknown; & C"
        );
    }

    #[test]
    fn all_caps_places_are_title_cased_but_state_codes_in_facility_names_stay() {
        assert_eq!(title_case_caps("LOUISVILLE"), "Louisville");
        assert_eq!(title_case_caps("WINSTON-SALEM"), "Winston-Salem");
        assert_eq!(
            title_case_caps("QUEENS NY DISTRIBUTION CENTER"),
            "Queens NY Distribution Center"
        );
        assert_eq!(title_case_caps("LA CROSSE"), "La Crosse");
        assert_eq!(title_case_caps("Des Moines"), "Des Moines");
    }
}
