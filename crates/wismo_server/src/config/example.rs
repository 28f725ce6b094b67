//! `wismo config example`: a commented `wismo.toml` made from the declarations, so it
//! names every setting and variable and always parses to the defaults.

use super::settings::{self, Kind, Setting};
use wismo_carriers::adapters::LiveCarrier;

/// The example file's opening lines.
const HEADER: &str = "\
# wismo.toml: wismo's configuration file.
#
# Settings are applied in this order, later ones winning:
#   built-in defaults < this file < WISMO_* environment variables < command-line flags.
# wismo reads ./wismo.toml when it exists, or the file given with --config / WISMO_CONFIG.
# Lists are TOML arrays here and comma-separated in variables.
";

/// A commented example `wismo.toml` with every setting, its variable and its default.
pub fn example() -> String {
    let mut out = String::from(HEADER);
    for section in settings::SECTIONS {
        out.push('\n');
        if !section.intro.is_empty() {
            comment(&mut out, section.intro);
        }
        if !section.table.is_empty() {
            out.push_str(&format!("[{}]\n", section.table));
        }
        for setting in section.settings {
            entry(&mut out, setting, setting.env);
        }
    }
    out.push('\n');
    comment(&mut out, settings::CARRIERS_INTRO);
    out.push_str("# Fields (each also WISMO_<CARRIER>_<FIELD>):\n");
    for setting in settings::CARRIER_SETTINGS {
        comment(&mut out, &format!("  {}: {}", setting.key, setting.help));
    }
    for carrier in LiveCarrier::ALL {
        let slug = carrier.slug();
        out.push_str(&format!(
            "#\n# [carriers.{slug}]    # WISMO_{}_*\n",
            slug.to_uppercase()
        ));
        let (rate, burst) = carrier.default_budget();
        for setting in settings::CARRIER_SETTINGS {
            let value = match setting.key {
                "api_key" | "client_id" | "client_secret" => {
                    let applies = (setting.key == "api_key") == carrier.signs_in_with_api_key();
                    if !applies {
                        continue;
                    }
                    "\"...\"".to_owned()
                }
                "base_url" => format!("\"{}\"", carrier.production_url()),
                "rate_per_second" => format!("{}", (rate * 1e6).round() / 1e6),
                "burst" => burst.to_string(),
                _ => setting.example.unwrap_or("\"...\"").to_owned(),
            };
            out.push_str(&format!("# {} = {value}\n", setting.key));
        }
    }
    out
}

/// One setting: what it does and its variable, then its default or a commented example.
fn entry(out: &mut String, setting: &Setting, env: &str) {
    comment(out, &format!("{} ({env})", setting.help));
    match (setting.default, setting.example, setting.kind) {
        (Some(default), _, _) => out.push_str(&format!("{} = {default}\n", setting.key)),
        (None, _, Kind::Secret) => out.push_str(&format!("# {} = \"...\"\n", setting.key)),
        (None, Some(example), _) => out.push_str(&format!("# {} = {example}\n", setting.key)),
        (None, None, _) => out.push_str(&format!("# {} =\n", setting.key)),
    }
}

/// `text` as `#` lines of at most about 90 characters.
fn comment(out: &mut String, text: &str) {
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() + word.len() + 1 > 90 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
}
