//! Customer- and merchant-supplied words inside the page's own sentences ("Ana, here is
//! your order #1001"), each in a `<bdi>`, so right-to-left text cannot reorder the sentence
//! around it.

use wismo_domain::{Locale, Texts};

/// The first private-use character: Fluent fills these in where the arguments go.
const MARK: u32 = 0xE000;

/// `id`'s message as HTML: its own words escaped, each argument escaped in a `<bdi>`
/// (escaped as askama escapes).
pub fn message(texts: &Texts, lang: &Locale, id: &str, args: &[(&str, &str)]) -> String {
    isolated(texts, lang, id, args, "<bdi>")
}

/// As [`message`], for arguments that are always written left to right (an email address,
/// a phone number, a URL): a phone's digit groups would otherwise swap places in Arabic.
pub fn message_ltr(texts: &Texts, lang: &Locale, id: &str, args: &[(&str, &str)]) -> String {
    isolated(texts, lang, id, args, r#"<bdi dir="ltr">"#)
}

fn isolated(texts: &Texts, lang: &Locale, id: &str, args: &[(&str, &str)], open: &str) -> String {
    let marks: Vec<String> = (0..args.len())
        .map(|i| char::from_u32(MARK + i as u32).map_or_else(String::new, String::from))
        .collect();
    let marked: Vec<(&str, &str)> = args
        .iter()
        .zip(&marks)
        .map(|((name, _), mark)| (*name, mark.as_str()))
        .collect();
    let sentence = texts.message(lang, id, &marked);
    let mut html = String::with_capacity(sentence.len() + 32);
    for c in sentence.chars() {
        match args
            .iter()
            .zip(&marks)
            .find(|(_, mark)| mark.starts_with(c))
        {
            Some(((_, value), _)) => {
                html.push_str(open);
                escape_into(&mut html, value);
                html.push_str("</bdi>");
            }
            None => escape_into(&mut html, c.encode_utf8(&mut [0; 4])),
        }
    }
    html
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&#38;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_escaped_and_isolated_and_the_sentence_escaped() {
        let texts = Texts::builtin().unwrap_or_else(|e| panic!("{e}"));
        let en = Locale::default();
        let html = message(
            &texts,
            &en,
            "greeting-named",
            &[
                ("name", "<b>\u{5D0}\u{5E0}\u{5D4}</b>"),
                ("number", "#10 & 01"),
            ],
        );
        assert_eq!(
            html,
            "<bdi>&#60;b&#62;\u{5D0}\u{5E0}\u{5D4}&#60;/b&#62;</bdi>, here is your order <bdi>#10 &#38; 01</bdi>"
        );
    }

    #[test]
    fn a_phone_number_stays_left_to_right_in_arabic() {
        let texts = Texts::builtin().unwrap_or_else(|e| panic!("{e}"));
        let ar = Locale::parse("ar").unwrap_or_default();
        let html = message_ltr(&texts, &ar, "support-phone", &[("phone", "+1 555 0100")]);
        assert_eq!(html, r#"اتصل على <bdi dir="ltr">+1 555 0100</bdi>"#);
    }
}
