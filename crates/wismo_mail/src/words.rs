//! The store's own words for an email (its subject, its opening sentence), with
//! placeholders wismo fills in: `{first_name}`, `{order_number}`, `{delivery_date}`,
//! `{store_name}`.
//!
//! The words are plain text. They are escaped into the HTML, never read as HTML or
//! Markdown. There is no way to write a literal brace: every `{` opens a placeholder.
//! The tracking link is not a placeholder; the email's button carries it.

/// The longest subject a store may write, in characters.
pub const MAX_SUBJECT_CHARS: usize = 150;
/// The longest opening sentence a store may write, in characters.
pub const MAX_OPENING_CHARS: usize = 500;

/// The placeholders a store may use.
pub const PLACEHOLDERS: [&str; 4] = ["first_name", "order_number", "delivery_date", "store_name"];

/// The values for one email's placeholders. A value that is not known is empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placeholders<'a> {
    pub first_name: Option<&'a str>,
    pub order_number: &'a str,
    /// The delivery date (or window) as the email writes it.
    pub delivery_date: Option<&'a str>,
    pub store_name: &'a str,
}

impl Placeholders<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "first_name" => Some(self.first_name.unwrap_or("")),
            "order_number" => Some(self.order_number),
            "delivery_date" => Some(self.delivery_date.unwrap_or("")),
            "store_name" => Some(self.store_name),
            _ => None,
        }
    }
}

/// Whether `template` uses only known placeholders and balanced braces. The error says
/// what is wrong, in words for the merchant (the API adds the field's name).
pub fn check_words(template: &str) -> Result<(), String> {
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        if rest[i..].starts_with('}') {
            return Err("a `}` has no `{` before it".to_owned());
        }
        let after = &rest[i + 1..];
        let Some(end) = after
            .find(['{', '}'])
            .filter(|&e| after[e..].starts_with('}'))
        else {
            return Err("a `{` is not closed by a `}`".to_owned());
        };
        let name = &after[..end];
        if !PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "`{{{name}}}` is not a placeholder; use {}",
                PLACEHOLDERS
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

/// `template` with its placeholders filled in, as plain text.
///
/// A placeholder whose value is empty (no first name) takes the space before it along,
/// and, when it starts the text, the comma right after it: "Hi {first_name}, here it is"
/// becomes "Hi, here it is"; "{first_name}, here it is" becomes "here it is". Anything
/// [`check_words`] refuses is kept as written.
pub fn fill(template: &str, values: &Placeholders) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let found = after
            .find('}')
            .map(|close| (close, &after[..close]))
            .and_then(|(close, name)| values.get(name).map(|v| (close, v)));
        let Some((close, value)) = found else {
            out.push_str(&rest[..=open]);
            rest = after;
            continue;
        };
        out.push_str(&rest[..open]);
        rest = &after[close + 1..];
        let value = value.trim();
        if value.is_empty() {
            if out.ends_with(' ') {
                out.pop();
            }
            if out.trim().is_empty() {
                out.clear();
                rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
            }
        } else {
            out.push_str(value);
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Placeholders<'static> {
        Placeholders {
            first_name: Some("Ana"),
            order_number: "#1001",
            delivery_date: Some("Friday 14 March"),
            store_name: "Ana's Shop",
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        let text = "{first_name}: {order_number} from {store_name} arrives {delivery_date}";
        assert_eq!(check_words(text), Ok(()));
        assert_eq!(
            fill(text, &values()),
            "Ana: #1001 from Ana's Shop arrives Friday 14 March"
        );
    }

    #[test]
    fn unknown_placeholders_and_stray_braces_are_refused() {
        for bad in [
            "{foo}",
            "Hi {first_name",
            "Hi first_name}",
            "{ first_name }",
            "{tracking_url}",
            "{{first_name}}",
            "{",
        ] {
            assert!(check_words(bad).is_err(), "{bad}");
        }
        let err = check_words("Hello {foo}").err().unwrap_or_default();
        assert!(
            err.contains("{foo}") && err.contains("{first_name}"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_first_name_leaves_no_dangling_comma() {
        let none = Placeholders {
            first_name: None,
            ..values()
        };
        assert_eq!(fill("Hi {first_name}, it's here", &none), "Hi, it's here");
        assert_eq!(fill("{first_name}, it's here", &none), "it's here");
        assert_eq!(fill("Thanks {first_name}!", &none), "Thanks!");
    }

    #[test]
    fn text_that_check_words_refuses_is_kept_as_written() {
        assert_eq!(fill("{foo} {first_name", &values()), "{foo} {first_name");
        assert_eq!(fill("a } b {", &values()), "a } b {");
    }

    #[test]
    fn values_are_not_filled_twice() {
        let sneaky = Placeholders {
            first_name: Some("{order_number}"),
            ..values()
        };
        assert_eq!(fill("Hi {first_name}", &sneaky), "Hi {order_number}");
    }
}
