//! The address a request came from, for per-client limits: the TCP peer, or, when the peer
//! is one of the operator's reverse proxies (`trusted_proxies`), the client that proxy says
//! it forwarded for, read from `Forwarded: for=` (RFC 7239) or `X-Forwarded-For`.
//!
//! Those headers are believed only from a trusted peer, and only as far as the chain is
//! written by trusted hops: it is walked from the right (the hop nearest wismo), trusted
//! addresses are skipped, and the first other address is the client. Anything a client
//! wrote further left is never read. A chain that cannot be read where it is walked, or two
//! headers that name different clients (one of them written by the client itself), count
//! as the peer.

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use crate::state::Core;

/// The addresses and ranges whose forwarding headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Each entry an address (`10.0.0.1`, `::1`) or a CIDR range (`10.0.0.0/8`); the error
    /// names the first that is neither.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, String> {
        entries
            .iter()
            .map(|entry| {
                let entry = entry.as_ref().trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| {
                        format!("`{entry}` is not an IP address or a CIDR range like 10.0.0.0/8")
                    })
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// The client a request came from; `None` when the connection's peer is unknown (a router
/// driven in-process).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub Option<IpAddr>);

impl ClientAddr {
    /// The client of a request whose TCP peer is `peer`, believing `headers` from `trusted`
    /// peers only.
    pub fn resolve(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &TrustedProxies) -> Self {
        let Some(peer) = peer.map(|ip| ip.to_canonical()) else {
            return Self(None);
        };
        if !trusted.contains(peer) {
            return Self(Some(peer));
        }
        let forwarded = joined(headers, "forwarded").map(|v| walk(forwarded_for(&v), trusted));
        let x_forwarded =
            joined(headers, "x-forwarded-for").map(|v| walk(x_forwarded_for(&v), trusted));
        let client = match (forwarded, x_forwarded) {
            (Some(a), Some(b)) if a == b => a,
            (Some(_), Some(_)) => None,
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => None,
        };
        Self(Some(client.unwrap_or(peer)))
    }

    /// The key per-client limits count under: an IPv4 address, or an IPv6 address's /64,
    /// since one subscriber is usually given a whole /64 and could otherwise take a new
    /// address, and a new budget, for every attempt.
    pub fn limit_key(&self) -> String {
        match self.0 {
            None => "unknown".to_owned(),
            Some(IpAddr::V4(ip)) => ip.to_string(),
            Some(IpAddr::V6(ip)) => {
                let net = ipnet::Ipv6Net::new(ip, 64).map_or(ip, |net| net.network());
                format!("{net}/64")
            }
        }
    }
}

impl<S> FromRequestParts<S> for ClientAddr
where
    S: Send + Sync,
    Core: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let core = Core::from_ref(state);
        Ok(Self::resolve(
            peer,
            &parts.headers,
            &core.config.trusted_proxies,
        ))
    }
}

/// Every value of a header, in order, as one comma-separated list; `None` when absent or
/// not text.
fn joined(headers: &HeaderMap, name: &str) -> Option<String> {
    let mut values = headers.get_all(name).iter().peekable();
    values.peek()?;
    let texts: Option<Vec<&str>> = values.map(|v| v.to_str().ok()).collect();
    Some(texts?.join(","))
}

/// The client at the right end of `chain` (nearest first when reversed) past the trusted
/// hops; `None` when an entry reached on the way cannot be read. When every hop is trusted,
/// the leftmost one.
fn walk(chain: Vec<Option<IpAddr>>, trusted: &TrustedProxies) -> Option<IpAddr> {
    let mut last = None;
    for hop in chain.into_iter().rev() {
        let ip = hop?.to_canonical();
        if !trusted.contains(ip) {
            return Some(ip);
        }
        last = Some(ip);
    }
    last
}

/// The `for=` node of each element of a `Forwarded` value (`None` for an element without
/// one, or one that is not an address: `unknown`, an obfuscated `_name`).
fn forwarded_for(value: &str) -> Vec<Option<IpAddr>> {
    split_outside_quotes(value, ',')
        .into_iter()
        .filter(|element| !element.trim().is_empty())
        .map(|element| {
            split_outside_quotes(element, ';')
                .into_iter()
                .find_map(|pair| {
                    let (name, node) = pair.split_once('=')?;
                    name.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| node.trim().trim_matches('"'))
                })
        })
        .map(|node| node.and_then(node_ip))
        .collect()
}

/// Each address of an `X-Forwarded-For` value.
fn x_forwarded_for(value: &str) -> Vec<Option<IpAddr>> {
    value.split(',').map(|hop| node_ip(hop.trim())).collect()
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn node_ip(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = node.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    node.strip_prefix('[')?.strip_suffix(']')?.parse().ok()
}

/// `text` split at `separator` where it is not inside double quotes.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn client(peer: &str, trusted: &[&str], pairs: &[(&'static str, &'static str)]) -> String {
        let trusted = TrustedProxies::parse(trusted).unwrap();
        let addr = ClientAddr::resolve(Some(ip(peer)), &headers(pairs), &trusted);
        addr.0.map(|ip| ip.to_string()).unwrap_or_default()
    }

    #[test]
    fn forwarding_headers_are_ignored_unless_the_peer_is_trusted() {
        let xff = [("x-forwarded-for", "203.0.113.9")];
        assert_eq!(client("198.51.100.7", &[], &xff), "198.51.100.7");
        assert_eq!(
            client("198.51.100.7", &["10.0.0.0/8"], &xff),
            "198.51.100.7"
        );
        assert_eq!(client("10.1.2.3", &["10.0.0.0/8"], &xff), "203.0.113.9");
        assert_eq!(
            client("::ffff:10.1.2.3", &["10.0.0.1/8"], &xff),
            "203.0.113.9"
        );
    }

    #[test]
    fn the_chain_is_walked_from_the_right_past_trusted_hops_only() {
        let trusted = ["10.0.0.0/8", "192.0.2.10"];
        // A client that writes its own header cannot choose what is read: the proxies
        // append the real address after it.
        let spoofed = [("x-forwarded-for", "1.1.1.1, 203.0.113.9, 192.0.2.10")];
        assert_eq!(client("10.0.0.2", &trusted, &spoofed), "203.0.113.9");
        let split = [
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "203.0.113.9:5555, 10.0.0.8"),
        ];
        assert_eq!(client("10.0.0.2", &trusted, &split), "203.0.113.9");
        // Every hop trusted: the leftmost.
        let inside = [("x-forwarded-for", "10.0.0.9, 10.0.0.8")];
        assert_eq!(client("10.0.0.2", &trusted, &inside), "10.0.0.9");
    }

    #[test]
    fn forwarded_for_nodes_are_read_as_rfc_7239_writes_them() {
        let trusted = ["10.0.0.0/8"];
        let v6 = [(
            "forwarded",
            "for=192.0.2.43;proto=https, For=\"[2001:db8:cafe::17]:4711\";by=10.0.0.1",
        )];
        assert_eq!(client("10.0.0.1", &trusted, &v6), "2001:db8:cafe::17");
        let v4 = [("forwarded", "proto=http;for=\"198.51.100.17:80\"")];
        assert_eq!(client("10.0.0.1", &trusted, &v4), "198.51.100.17");
    }

    #[test]
    fn unreadable_or_conflicting_headers_count_as_the_peer() {
        let trusted = ["10.0.0.0/8"];
        for pairs in [
            [("x-forwarded-for", "1.1.1.1, not-an-address")],
            [("x-forwarded-for", "")],
            [("forwarded", "for=unknown")],
            [("forwarded", "for=_hidden, proto=https")],
            [("forwarded", "by=10.0.0.1")],
        ] {
            assert_eq!(
                client("10.0.0.1", &trusted, &pairs),
                "10.0.0.1",
                "{pairs:?}"
            );
        }
        // A bad entry left of the client is never reached.
        let far = [("x-forwarded-for", "garbage, 203.0.113.9")];
        assert_eq!(client("10.0.0.1", &trusted, &far), "203.0.113.9");
        let conflict = [
            ("forwarded", "for=203.0.113.9"),
            ("x-forwarded-for", "198.51.100.1"),
        ];
        assert_eq!(client("10.0.0.1", &trusted, &conflict), "10.0.0.1");
        let agree = [
            ("forwarded", "for=203.0.113.9"),
            ("x-forwarded-for", "203.0.113.9"),
        ];
        assert_eq!(client("10.0.0.1", &trusted, &agree), "203.0.113.9");
    }

    #[test]
    fn ipv6_clients_are_limited_by_their_64_and_an_unknown_peer_by_one_key() {
        let a = ClientAddr(Some(ip("2001:db8:1:2:aaaa::1")));
        let b = ClientAddr(Some(ip("2001:db8:1:2:bbbb::2")));
        assert_eq!(a.limit_key(), "2001:db8:1:2::/64");
        assert_eq!(a.limit_key(), b.limit_key());
        assert_eq!(ClientAddr(Some(ip("192.0.2.1"))).limit_key(), "192.0.2.1");
        assert_eq!(ClientAddr(None).limit_key(), "unknown");
        let no_peer = ClientAddr::resolve(
            None,
            &headers(&[("x-forwarded-for", "203.0.113.9")]),
            &TrustedProxies::parse(&["0.0.0.0/0"]).unwrap(),
        );
        assert_eq!(no_peer, ClientAddr(None));
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges() {
        let trusted = TrustedProxies::parse(&["10.1.2.3/8", " 192.0.2.1 ", "fd00::/8"]).unwrap();
        assert!(trusted.contains(ip("10.200.0.1")));
        assert!(trusted.contains(ip("192.0.2.1")));
        assert!(!trusted.contains(ip("192.0.2.2")));
        assert!(trusted.contains(ip("fd12::1")));
        let bad = TrustedProxies::parse(&["10.0.0.0/33"]).unwrap_err();
        assert!(bad.contains("`10.0.0.0/33`"), "{bad}");
        assert!(TrustedProxies::parse(&["proxy.local"]).is_err());
    }
}
