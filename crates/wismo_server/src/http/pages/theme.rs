//! A store's look on its pages: `/{store}/theme.css` (CSS custom properties from its
//! validated colours and font; no merchant-written CSS) and `/{store}/logo` (its logo,
//! uploaded or fetched). Both are cacheable: pages link them with a version in the query.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use wismo_domain::Branding;
use wismo_domain::tenant::{self, font_stack};

use super::PageState;

/// The stylesheet overriding wismo's defaults with the store's colours and font.
pub fn css(branding: &Branding) -> String {
    let mut css = String::from(":root {");
    if let Some(primary) = &branding.primary_color {
        // The colour itself for borders, marks and buttons (with white or black text,
        // whichever reads); a shade that reads on the page for links and text.
        let text = tenant::text_shade(primary);
        let on = tenant::text_on(primary);
        css.push_str(&format!(
            " --primary: {primary}; --primary-text: {text}; --on-primary: {on};"
        ));
    }
    if let Some(accent) = &branding.accent_color {
        css.push_str(&format!(" --accent: {accent};"));
    }
    if let Some(stack) = branding.font.as_deref().and_then(font_stack) {
        css.push_str(&format!(" font-family: {stack};"));
    }
    css.push_str(" }\n");
    // The dark scheme: the colours lightened where they would not read on its surfaces.
    let mut dark = String::new();
    if let Some(primary) = &branding.primary_color {
        let text = tenant::dark_shade(primary, tenant::TEXT_CONTRAST);
        dark.push_str(&format!(" --primary-text: {text};"));
    }
    if let Some(accent) = &branding.accent_color {
        let mark = tenant::dark_shade(accent, tenant::MARK_CONTRAST);
        dark.push_str(&format!(" --accent: {mark};"));
    }
    if !dark.is_empty() {
        css.push_str(&format!(
            "@media (prefers-color-scheme: dark) {{ :root {{{dark} }} }}\n"
        ));
    }
    css
}

/// A version of the store's theme, for cache busting.
pub fn version(branding: &Branding) -> String {
    let css = css(branding);
    let hash = css.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash >> 32)
}

/// Where a store's pages link its theme, versioned so caches refresh when it changes.
pub fn url(store: &wismo_domain::Tenant) -> String {
    format!("/{}/theme.css?v={}", store.slug, version(&store.branding))
}

/// `GET /{store}/theme.css`
pub async fn stylesheet(State(state): State<PageState>, Path(slug): Path<String>) -> Response {
    match state.store.get_store_by_slug(&slug).await {
        Ok(store) => (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            css(&store.branding),
        )
            .into_response(),
        Err(wismo_store::StoreError::NotFound(_)) => super::not_found(),
        Err(e) => super::internal_error(&e),
    }
}

/// wismo's icon for pages and tabs (a parcel), where a store's logo is not used.
const FAVICON: &str = include_str!("../../../static/favicon.svg");

/// `GET /static/favicon.svg` and `GET /favicon.ico` (an SVG either way: every current browser takes
/// it, and the icon asked for without a `<link>` is found instead of a 404).
pub async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=604800"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        FAVICON,
    )
        .into_response()
}

/// `GET /{store}/logo`
pub async fn logo(State(state): State<PageState>, Path(slug): Path<String>) -> Response {
    match state.store.store_logo(&slug).await {
        Ok(Some(logo)) => {
            let content_type = HeaderValue::from_str(&logo.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, content_type),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=604800"),
                    ),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                    (
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_static("default-src 'none'"),
                    ),
                ],
                logo.bytes,
            )
                .into_response()
        }
        Ok(None) => super::not_found(),
        Err(e) => super::internal_error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wismo_domain::HexColor;

    #[test]
    fn the_theme_holds_only_validated_values() {
        let branding = Branding {
            primary_color: HexColor::parse("#7c2d12").ok(),
            font: Some("serif".into()),
            ..Branding::default()
        };
        let css = css(&branding);
        assert!(
            css.contains("--primary: #7c2d12; --primary-text: #7c2d12; --on-primary: #ffffff;"),
            "{css}"
        );
        assert!(css.contains("font-family: Charter"), "{css}");
        let sneaky = Branding {
            font: Some("x; } body { display: none".into()),
            ..Branding::default()
        };
        assert_eq!(super::css(&sneaky), ":root { }\n");
        // The dark scheme lightens the dark brown for text on its surfaces.
        let dark = tenant::dark_shade(
            &HexColor::parse("#7c2d12").unwrap_or_else(|e| panic!("{e}")),
            4.5,
        );
        assert!(
            css.contains(&format!(
                "@media (prefers-color-scheme: dark) {{ :root {{ --primary-text: {dark}; }} }}"
            )),
            "{css}"
        );
        assert_ne!(version(&branding), version(&sneaky));
    }

    #[test]
    fn a_pale_brand_colour_stays_on_borders_and_a_darker_shade_carries_text() {
        let branding = Branding {
            primary_color: HexColor::parse("#ffff00").ok(),
            ..Branding::default()
        };
        let css = css(&branding);
        let yellow = HexColor::parse("#ffff00").unwrap_or_else(|e| panic!("{e}"));
        let shade = wismo_domain::tenant::text_shade(&yellow);
        assert!(
            css.contains(&format!(
                "--primary: #ffff00; --primary-text: {shade}; --on-primary: #000000;"
            )),
            "{css}"
        );
        // Text, links and focus rings take the shade; the colour itself is only a border
        // or a button's background under the text that reads on it.
        let sheet = include_str!("../../../static/wismo.css");
        for line in sheet.lines().filter(|l| l.contains("var(--primary)")) {
            assert!(
                line.contains("border")
                    || (line.contains("background: var(--primary)")
                        && line.contains("color: var(--on-primary)")),
                "text in the raw brand colour: {line}"
            );
        }
    }

    /// The `--name: #rrggbb` values of the first `:root` block after `from` in `sheet`.
    fn variables(sheet: &str, from: &str) -> std::collections::BTreeMap<String, String> {
        let start = sheet.find(from).unwrap_or_else(|| panic!("{from}"));
        let block = &sheet[start..];
        let open = block
            .find(":root {")
            .unwrap_or_else(|| panic!(":root after {from}"));
        let block = &block[open + ":root {".len()..];
        let block = &block[..block.find('}').unwrap_or(block.len())];
        block
            .split(';')
            .filter_map(|d| d.trim().split_once(':'))
            .filter(|(name, value)| name.trim().starts_with("--") && value.trim().starts_with('#'))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
            .collect()
    }

    #[test]
    fn both_schemes_keep_every_text_colour_readable_on_its_backgrounds() {
        let sheet = include_str!("../../../static/wismo.css");
        let light = variables(sheet, "/* wismo public pages");
        let mut dark = light.clone();
        dark.extend(variables(sheet, "@media (prefers-color-scheme: dark)"));
        assert_ne!(dark["--background"], light["--background"]);
        for (scheme, vars) in [("light", &light), ("dark", &dark)] {
            let ratio = |a: &str, b: &str| {
                let c = |n: &str| HexColor::parse(&vars[n]).unwrap_or_else(|e| panic!("{n}: {e}"));
                tenant::contrast_ratio(&c(a), &c(b))
            };
            for text in ["--text", "--muted", "--primary-text"] {
                for ground in ["--background", "--surface"] {
                    let r = ratio(text, ground);
                    assert!(r >= 4.5, "{scheme}: {text} on {ground} is {r:.2}:1");
                }
            }
            for (text, ground) in [
                ("--warn", "--warn-bg"),
                ("--danger", "--danger-bg"),
                ("--ok", "--ok-bg"),
                ("--on-primary", "--primary"),
            ] {
                let r = ratio(text, ground);
                assert!(r >= 4.5, "{scheme}: {text} on {ground} is {r:.2}:1");
            }
            for mark in ["--accent", "--warn", "--danger"] {
                let r = ratio(mark, "--surface");
                assert!(r >= 3.0, "{scheme}: {mark} on --surface is {r:.2}:1");
            }
        }
    }
}
