//! What the browser tests check on any page on screen, each in one script run in the page:
//! the layout ([`assert_laid_out`]: no sideways scroll, nothing overlapping, nothing spilling
//! out of its box, every control named), accessibility ([`assert_accessible`], axe-core) and
//! a screenshot for people to look at ([`save_screenshot`], under
//! `target/browser-screenshots/`).
//!
//! [`assert_accessible`] runs axe-core (vendored under `tests/assets/axe-core/`) with the
//! WCAG 2.0 and 2.1 A and AA rules, and fails on any violation.

use fantoccini::Client;
use serde::Deserialize;
use serde_json::json;
use std::path::PathBuf;

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) async fn save_screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
}

/// Whether the page scrolls sideways at the window's width.
pub(crate) async fn scrolls_sideways(c: &Client) -> bool {
    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let widths: Vec<i64> = serde_json::from_value(widths).unwrap();
    widths[0] > widths[1]
}

/// The page's language and direction as Chromium has them, its first heading under `main`
/// but one (`h2`), and what is wrong with its layout.
#[derive(Debug, Deserialize)]
pub(crate) struct Layout {
    pub(crate) lang: String,
    pub(crate) direction: String,
    pub(crate) heading: String,
    pub(crate) faults: Vec<String>,
}

/// Finds, in the page on screen: sideways scrolling; elements in the flow whose boxes (line
/// by line, for text that wraps) share more than a pixel each way with a sibling's, in the
/// site's header, `main` and the footer (a drawing's own shapes aside); boxes whose content
/// is wider than they are, words running into the next column (the innermost such box);
/// links, buttons and fields without a name.
const LAYOUT: &str = r#"
const html = document.documentElement, faults = [];
const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
  + [...e.classList].map(c => '.' + c).join('');
if (html.scrollWidth > html.clientWidth) {
  faults.push('the page scrolls sideways by ' + (html.scrollWidth - html.clientWidth) + ' px');
}
const inFlow = e => {
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
    && s.position !== 'absolute' && s.position !== 'fixed';
};
const meet = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
  && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
const areas = ['header.site', 'main', 'footer.site'].map(s => document.querySelector(s)).filter(e => e);
for (const box of areas.flatMap(a => [a, ...a.querySelectorAll('*')])) {
  if (box instanceof SVGElement) continue;
  const kids = [...box.children].filter(inFlow);
  const lines = kids.map(k => [...k.getClientRects()]);
  for (let i = 0; i < kids.length; i++) {
    for (let j = i + 1; j < kids.length; j++) {
      if (lines[i].some(a => lines[j].some(b => meet(a, b)))) {
        faults.push(describe(kids[i]) + ' overlaps ' + describe(kids[j]) + ' in ' + describe(box));
      }
    }
  }
}
const spilled = areas.flatMap(a => [...a.querySelectorAll('*')]).filter(e => {
  if (!inFlow(e) || e instanceof SVGElement || e.matches('input, textarea, select')) return false;
  const display = getComputedStyle(e).display;
  return display !== 'inline' && display !== 'contents' && e.scrollWidth > e.clientWidth + 1;
});
for (const e of spilled.filter(e => !spilled.some(d => d !== e && e.contains(d)))) {
  faults.push(describe(e) + ' spills out of its box by ' + (e.scrollWidth - e.clientWidth) + ' px');
}
const text = e => (e ? e.textContent : '').trim();
const named = e => {
  if ((e.getAttribute('aria-label') || '').trim() || (e.getAttribute('title') || '').trim()) return true;
  const by = (e.getAttribute('aria-labelledby') || '').split(/\s+/).filter(id => id);
  if (by.some(id => text(document.getElementById(id)))) return true;
  if (e.labels && [...e.labels].some(l => text(l))) return true;
  if (e.matches('input, textarea, select')) return false;
  return text(e) !== '' || [...e.querySelectorAll('img[alt]')].some(i => i.alt.trim());
};
for (const e of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
  if (!named(e)) faults.push(describe(e) + ' has no name');
}
const heading = document.querySelector('main h2');
return { lang: html.lang, direction: getComputedStyle(html).direction,
         heading: text(heading), faults: faults };
"#;

/// The layout of the page on screen; fails, listing every fault, unless nothing scrolls
/// sideways, overlaps, spills out of its box or lacks a name. `what` names the view.
pub(crate) async fn assert_laid_out(c: &Client, what: &str) -> Layout {
    let layout = layout(c).await;
    assert!(
        layout.faults.is_empty(),
        "{what}: the layout is broken:\n  {}",
        layout.faults.join("\n  ")
    );
    layout
}

/// The layout of the page on screen, faults and all.
pub(crate) async fn layout(c: &Client) -> Layout {
    let found = c.execute(LAYOUT, vec![]).await.expect("the layout script");
    serde_json::from_value(found).expect("the layout's facts")
}

/// axe-core's browser build, unmodified (see `tests/assets/axe-core/README.md`).
const AXE: &str = include_str!("../assets/axe-core/axe.min.js");

/// One rule axe-core found broken on the page, with the elements that break it.
#[derive(Debug, Deserialize)]
pub(crate) struct Violation {
    pub(crate) id: String,
    pub(crate) impact: Option<String>,
    pub(crate) help: String,
    pub(crate) nodes: Vec<FailingNode>,
}

/// An element that fails a rule: its CSS selector path and axe's words on how to fix it.
#[derive(Debug, Deserialize)]
pub(crate) struct FailingNode {
    pub(crate) target: String,
    pub(crate) summary: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let impact = self.impact.as_deref().unwrap_or("unrated");
        writeln!(f, "{} ({impact}): {}", self.id, self.help)?;
        for node in &self.nodes {
            writeln!(f, "    at {}", node.target)?;
            for line in node.summary.lines() {
                writeln!(f, "       {line}")?;
            }
        }
        Ok(())
    }
}

/// The WCAG 2.0 and 2.1 level A and AA rules that axe-core finds broken on the page on
/// screen. The script goes in through WebDriver, which Chromium runs outside the page's
/// Content-Security-Policy (the page itself allows no scripts); it stays loaded until the
/// next navigation.
pub(crate) async fn axe_violations(c: &Client) -> Vec<Violation> {
    let loaded = c
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .unwrap();
    if loaded != json!(true) {
        c.execute(&format!("{AXE}\n;return true;"), vec![])
            .await
            .expect("axe-core loads in the page");
    }
    let found = c
        .execute(
            "return axe.run(document, { \
               runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, \
               resultTypes: ['violations'], \
             }).then(r => r.violations.map(v => ({ \
               id: v.id, impact: v.impact, help: v.help, \
               nodes: v.nodes.map(n => ({ target: n.target.flat().join(' >>> '), \
                                          summary: n.failureSummary || '' })), \
             })));",
            vec![],
        )
        .await
        .expect("axe.run");
    serde_json::from_value(found).expect("axe-core's violations")
}

/// Fails, listing every rule broken and where, unless axe-core finds the page on screen
/// clean against WCAG 2.0 and 2.1 A and AA. `what` names the view in the message.
pub(crate) async fn assert_accessible(c: &Client, what: &str) {
    let violations = axe_violations(c).await;
    if !violations.is_empty() {
        let url = c
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        let list: String = violations.iter().map(|v| format!("  {v}")).collect();
        panic!(
            "{what}: axe-core finds {} accessibility violation(s) on {url}:\n{list}",
            violations.len()
        );
    }
}
