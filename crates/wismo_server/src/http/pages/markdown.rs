//! The small Markdown the merchant may write in messages and answers: paragraphs, line
//! breaks, **bold**, *italic*, lists and links (https and mailto only). Everything else is
//! shown as the text it is: HTML is escaped, images become their alt text, headings become
//! paragraphs.

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

/// Safe HTML for `text`.
pub fn render(text: &str) -> String {
    let mut skipping_link = Vec::new();
    let events = Parser::new(text).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Heading { .. }) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) => {
            let safe = dest_url.starts_with("https://") || dest_url.starts_with("mailto:");
            skipping_link.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                title,
                id: CowStr::Borrowed(""),
            }))
        }
        Event::End(TagEnd::Link) => match skipping_link.pop() {
            Some(true) => None,
            _ => Some(Event::End(TagEnd::Link)),
        },
        Event::Start(Tag::CodeBlock(_)) | Event::End(TagEnd::CodeBlock) => None,
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => None,
        Event::SoftBreak => Some(Event::HardBreak),
        other => Some(other),
    });
    let mut out = String::with_capacity(text.len() + 16);
    html::push_html(&mut out, events);
    out.replace("<a href=", "<a rel=\"noopener noreferrer\" href=")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_safe_subset_renders() {
        assert_eq!(
            render("We ship in **two** days.\nAsk [us](https://acme.example/help)."),
            "<p>We ship in <strong>two</strong> days.<br />\nAsk <a rel=\"noopener noreferrer\" href=\"https://acme.example/help\">us</a>.</p>\n"
        );
        assert_eq!(
            render("- one\n- *two*"),
            "<ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>\n"
        );
    }

    #[test]
    fn anything_else_stays_text() {
        let script = render("<script>alert(1)</script>");
        assert!(
            script.contains("&lt;script&gt;") && !script.contains("<script"),
            "{script}"
        );
        let inline = render("Hi <b onclick=x>there</b>");
        assert!(
            inline.contains("&lt;b onclick=x&gt;") && !inline.contains("<b "),
            "{inline}"
        );
        let link = render("[x](javascript:alert(1)) and [y](http://plain.example)");
        assert!(!link.contains("<a"), "{link}");
        assert!(
            link.contains(">x and y<") || link.contains("x and y"),
            "{link}"
        );
        let image = render("![logo](https://x.example/y.png)");
        assert!(!image.contains("<img") && image.contains("logo"), "{image}");
        assert_eq!(render("# Big\ntext"), "<p>Big</p>\n<p>text</p>\n");
    }
}
