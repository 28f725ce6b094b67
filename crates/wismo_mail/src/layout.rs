//! One email layout for every message: the content as plain-text blocks, written out
//! twice, as MJML (rendered to HTML by `mrml`) and as plain text.
//!
//! Every string in a block is plain text and is escaped here, once, on its way into the
//! MJML; nothing else in the crate writes markup.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::look::{self, Colors};
use crate::{MailError, Rendered};

/// A run of a paragraph: text, or a link with its text.
#[derive(Debug, Clone)]
pub enum Span {
    Text(String),
    Link { text: String, url: String },
}

/// A piece of the email's body, top to bottom.
#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    Paragraph(Vec<Span>),
    /// A small heading with its answer ("What happened" / "Your parcel has …").
    Answer {
        heading: String,
        text: String,
    },
    /// A list, with an optional heading.
    List {
        heading: Option<String>,
        lines: Vec<String>,
    },
    /// Words quoted from someone else (a customer's message).
    Quote(String),
    /// The one main action.
    Button {
        label: String,
        url: String,
    },
}

/// A whole email before it is written out.
#[derive(Debug, Clone)]
pub struct Doc {
    pub lang: String,
    pub subject: String,
    pub preheader: String,
    pub store_name: String,
    /// Absolute URL of the store's logo; without it the store's name is shown as text.
    pub logo_url: Option<String>,
    pub colors: Colors,
    pub blocks: Vec<Block>,
    /// Small print at the bottom: why this email came, how to stop it, who to ask.
    pub footer: Vec<Vec<Span>>,
}

/// A plain-text paragraph.
pub fn text(s: impl Into<String>) -> Block {
    Block::Paragraph(vec![Span::Text(s.into())])
}

impl Doc {
    /// Writes the email out as HTML and plain text.
    pub fn render(self) -> Result<Rendered, MailError> {
        let mjml = self.mjml();
        let parsed = mrml::parse(&mjml).map_err(|e| MailError::Parse(e.to_string()))?;
        // Without its default fonts, mrml links no web fonts.
        let options = mrml::prelude::render::RenderOptions {
            fonts: HashMap::new(),
            ..Default::default()
        };
        let html = parsed
            .element
            .render(&options)
            .map_err(|e| MailError::Render(e.to_string()))?;
        let text = self.text();
        Ok(Rendered {
            subject: one_line(&self.subject),
            preheader: one_line(&self.preheader),
            html,
            text,
            lang: self.lang,
        })
    }

    /// `rtl` for a right-to-left language, else `ltr`.
    fn dir(&self) -> &'static str {
        wismo_domain::Locale::parse(&self.lang).map_or("ltr", |l| l.dir())
    }

    fn mjml(&self) -> String {
        let c = &self.colors;
        let dir = self.dir();
        // The side lines start on: left, or right in a right-to-left language.
        let start = if dir == "rtl" { "right" } else { "left" };
        let mut m = String::with_capacity(4096);
        let _ = write!(
            m,
            r#"<mjml lang="{lang}" dir="{dir}"><mj-head><mj-title>{title}</mj-title><mj-preview>{preview}</mj-preview>"#,
            lang = esc(&self.lang),
            title = esc(&one_line(&self.subject)),
            preview = esc(&one_line(&self.preheader)),
        );
        let _ = write!(
            m,
            r#"<mj-raw><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"></mj-raw><mj-attributes><mj-all font-family="-apple-system, 'Segoe UI', Helvetica, Arial, 'Hiragino Sans', 'Yu Gothic UI', Meiryo, sans-serif" /><mj-text color="{text}" font-size="16px" line-height="1.5" padding="0 24px" align="{start}" /></mj-attributes>"#,
            text = look::TEXT,
        );
        let _ = write!(
            m,
            "<mj-style>:root {{ color-scheme: light dark; supported-color-schemes: light dark; }} \
             .w-text h1 {{ font-size: 24px; line-height: 1.3; margin: 0 0 16px; }} \
             .w-text h2 {{ font-size: 16px; margin: 16px 0 4px; }} \
             .w-text p, .w-text ul {{ margin: 0 0 12px; }} \
             .w-text a {{ color: {link}; }} \
             .w-text {{ direction: {dir}; }} \
             .w-text blockquote {{ margin: 0 0 12px; padding-{start}: 12px; border-{start}: 3px solid #d1d5db; }} \
             @media (prefers-color-scheme: dark) {{ \
             body, .w-body, .w-card, .w-card > table, .w-card > table > tbody > tr > td {{ background: #111827 !important; }} \
             .w-text, .w-text div, .w-text h1, .w-text h2, .w-text p, .w-text li, .w-text blockquote {{ color: #e5e7eb !important; }} \
             .w-text a {{ color: #93c5fd !important; }} \
             .w-logo img {{ background: #ffffff; border-radius: 4px; }} }}\
             </mj-style></mj-head>",
            link = c.link,
        );
        m.push_str(
            r##"<mj-body background-color="#f3f4f6" css-class="w-body"><mj-section css-class="w-card" background-color="#ffffff" padding="24px 0 8px" border-top="4px solid "##,
        );
        m.push_str(&c.button);
        m.push_str(r#""><mj-column>"#);
        match &self.logo_url {
            Some(url) => {
                let _ = write!(
                    m,
                    r#"<mj-image css-class="w-logo" src="{src}" alt="{alt}" width="160px" align="{start}" padding="0 24px 16px" />"#,
                    src = esc(url),
                    alt = esc(&self.store_name),
                );
            }
            None => {
                let _ = write!(
                    m,
                    r#"<mj-text css-class="w-text" font-size="18px" font-weight="bold" padding="0 24px 16px">{}</mj-text>"#,
                    esc(&self.store_name)
                );
            }
        }
        for block in &self.blocks {
            block_mjml(&mut m, block, c, start);
        }
        m.push_str("</mj-column></mj-section>");
        let _ = write!(
            m,
            r#"<mj-section padding="8px 0 24px"><mj-column><mj-text css-class="w-text" color="{muted}" font-size="13px">"#,
            muted = look::MUTED
        );
        for paragraph in &self.footer {
            m.push_str("<p>");
            spans_html(&mut m, paragraph);
            m.push_str("</p>");
        }
        m.push_str("</mj-text></mj-column></mj-section></mj-body></mjml>");
        m
    }

    fn text(&self) -> String {
        let mut t = String::with_capacity(1024);
        t.push_str(&one_line(&self.store_name));
        t.push_str("\n\n");
        for block in &self.blocks {
            match block {
                Block::Heading(h) => {
                    let h = one_line(h);
                    let _ = writeln!(t, "{h}\n{}\n", "=".repeat(h.chars().count().min(60)));
                }
                Block::Paragraph(spans) => {
                    spans_text(&mut t, spans);
                    t.push_str("\n\n");
                }
                Block::Answer { heading, text } => {
                    let _ = writeln!(t, "{}\n{}\n", one_line(heading), text.trim());
                }
                Block::List { heading, lines } => {
                    if let Some(h) = heading {
                        let _ = writeln!(t, "{}", one_line(h));
                    }
                    for line in lines {
                        let _ = writeln!(t, "- {}", one_line(line));
                    }
                    t.push('\n');
                }
                Block::Quote(q) => {
                    for line in q.trim().lines() {
                        let _ = writeln!(t, "> {line}");
                    }
                    t.push('\n');
                }
                Block::Button { label, url } => {
                    let _ = writeln!(t, "{}:\n{url}\n", one_line(label));
                }
            }
        }
        t.push_str("--\n");
        for paragraph in &self.footer {
            spans_text(&mut t, paragraph);
            t.push_str("\n\n");
        }
        let end = t.trim_end().len();
        t.truncate(end);
        t.push('\n');
        t
    }
}

fn block_mjml(m: &mut String, block: &Block, c: &Colors, start: &str) {
    const TEXT: &str = r#"<mj-text css-class="w-text">"#;
    match block {
        Block::Heading(h) => {
            let _ = write!(m, "{TEXT}<h1>{}</h1></mj-text>", esc(&one_line(h)));
        }
        Block::Paragraph(spans) => {
            m.push_str(TEXT);
            m.push_str("<p>");
            spans_html(m, spans);
            m.push_str("</p></mj-text>");
        }
        Block::Answer { heading, text } => {
            let _ = write!(
                m,
                "{TEXT}<h2>{}</h2><p>{}</p></mj-text>",
                esc(&one_line(heading)),
                esc(text.trim())
            );
        }
        Block::List { heading, lines } => {
            m.push_str(TEXT);
            if let Some(h) = heading {
                let _ = write!(m, "<h2>{}</h2>", esc(&one_line(h)));
            }
            let _ = write!(m, r#"<ul style="padding-{start}: 20px;">"#);
            for line in lines {
                let _ = write!(m, "<li>{}</li>", esc(&one_line(line)));
            }
            m.push_str("</ul></mj-text>");
        }
        Block::Quote(q) => {
            let _ = write!(
                m,
                "{TEXT}<blockquote>{}</blockquote></mj-text>",
                esc(q.trim()).replace('\n', "<br>")
            );
        }
        Block::Button { label, url } => {
            let _ = write!(
                m,
                r#"<mj-button href="{href}" background-color="{bg}" color="{fg}" font-size="16px" font-weight="bold" border-radius="6px" inner-padding="12px 24px" align="{start}" padding="12px 24px 20px">{label}</mj-button>"#,
                href = esc(url),
                bg = c.button,
                fg = c.button_text,
                label = esc(&one_line(label)),
            );
        }
    }
}

fn spans_html(m: &mut String, spans: &[Span]) {
    for span in spans {
        match span {
            Span::Text(s) => m.push_str(&esc(s)),
            Span::Link { text, url } => {
                let _ = write!(m, r#"<a href="{}">{}</a>"#, esc(url), esc(text));
            }
        }
    }
}

/// Links in plain text: an address as itself, a web link on its own line after its text.
fn spans_text(t: &mut String, spans: &[Span]) {
    for span in spans {
        match span {
            Span::Text(s) => t.push_str(s),
            Span::Link { text, url } if url.strip_prefix("mailto:") == Some(text.as_str()) => {
                t.push_str(text);
            }
            Span::Link { text, url } => {
                let _ = write!(t, "{text}:\n{url}");
            }
        }
    }
}

/// `s` escaped for XML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `s` on one line: control characters and runs of whitespace become one space.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_controls_dropped() {
        assert_eq!(
            esc("<b>&\"x\"</b>'\u{7}"),
            "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;&#39; "
        );
    }

    #[test]
    fn one_line_folds_newlines_and_tabs() {
        assert_eq!(one_line(" a\r\n b\tc \u{0} "), "a b c");
    }
}
