//! A store's hosts: the domains its pages answer on besides wismo's own address, and the
//! sites that may embed its lookup widget, parsed from raw input.

use serde::{Deserialize, Serialize};

use crate::fields::{Checks, FieldErrors};

/// The most domains, and the most widget origins, a store may list.
pub const MAX_HOSTS: usize = 10;

/// Where a store's pages answer besides wismo's own address, and which sites may embed its
/// lookup widget: both lower case, origins without a trailing slash.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hosts {
    /// Host names like `track.acme.example`.
    pub domains: Vec<String>,
    /// Origins like `https://acme.example`.
    pub widget_origins: Vec<String>,
}

impl Hosts {
    /// Checks up to 10 host names and up to 10 origins (https, or http for localhost),
    /// naming each refused one (`domains[0]`, `widget_origins[1]`).
    pub fn parse(domains: &[String], widget_origins: &[String]) -> Result<Hosts, FieldErrors> {
        let mut checks = Checks::default();
        checks.count("domains", domains.len(), MAX_HOSTS);
        checks.count("widget_origins", widget_origins.len(), MAX_HOSTS);
        let domains: Vec<String> = domains
            .iter()
            .map(|d| d.trim().to_ascii_lowercase())
            .collect();
        for (i, domain) in domains.iter().enumerate() {
            if !is_host_name(domain) {
                checks.fail(
                    format!("domains[{i}]"),
                    "must be a host name like track.acme.example",
                );
            }
        }
        let widget_origins: Vec<String> = widget_origins
            .iter()
            .map(|o| o.trim().trim_end_matches('/').to_ascii_lowercase())
            .collect();
        for (i, origin) in widget_origins.iter().enumerate() {
            if !is_origin(origin) {
                checks.fail(
                    format!("widget_origins[{i}]"),
                    "must be an origin like https://acme.example (http only for localhost)",
                );
            }
        }
        checks.finish()?;
        Ok(Hosts {
            domains,
            widget_origins,
        })
    }
}

/// `track.acme.example`: two or more labels of letters, digits and inner dashes.
fn is_host_name(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    s.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// `https://acme.example`, `https://acme.example:8443`, `http://localhost:3000`.
fn is_origin(s: &str) -> bool {
    let (scheme, rest) = match s.split_once("://") {
        Some(parts) => parts,
        None => return false,
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    let local = host == "localhost" || host == "127.0.0.1";
    port_ok
        && match scheme {
            "https" => is_host_name(host) || local,
            "http" => local,
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Parsed as _;

    #[test]
    fn domains_and_origins_are_checked() {
        assert!(is_host_name("track.acme.example"));
        assert!(!is_host_name("localhost"));
        assert!(!is_host_name("-bad.example"));
        assert!(!is_host_name("acme.example/path"));
        assert!(is_origin("https://acme.example"));
        assert!(is_origin("https://shop.acme.example:8443"));
        assert!(is_origin("http://localhost:3000"));
        assert!(!is_origin("http://acme.example"));
        assert!(!is_origin("https://acme.example/path"));
        assert!(!is_origin("javascript:alert(1)"));
    }

    #[test]
    fn hosts_are_lower_cased_and_origins_lose_their_trailing_slash() {
        let hosts = Hosts::parse(
            &[" Track.Acme.Example ".into()],
            &["https://Acme.example/".into()],
        )
        .accepted();
        assert_eq!(hosts.domains, ["track.acme.example"]);
        assert_eq!(hosts.widget_origins, ["https://acme.example"]);
    }

    #[test]
    fn a_bad_host_is_named_by_its_position() {
        let errors = Hosts::parse(
            &["track.acme.example".into(), "localhost".into()],
            &["http://acme.example".into()],
        )
        .refused();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["domains[1]", "widget_origins[0]"]);
        let eleven = vec!["a.example".to_owned(); 11];
        assert!(Hosts::parse(&eleven, &[]).refused().names("domains"));
    }
}
