//! Requests wismo sends to addresses merchants give it (a logo's URL; later their
//! webhooks and item images): the one HTTP client for them, guarded so that such a URL
//! cannot reach wismo's own network.
//!
//! Every address actually connected to must be a public one: names are resolved and then
//! filtered in the client's own resolver, IP-literal hosts (which reqwest does not resolve)
//! are checked before the request and at every redirect, and proxies from the environment
//! are ignored (a proxy would resolve the name where wismo cannot check it). Loopback,
//! private, link-local, unique-local, shared, documentation, multicast, unspecified and
//! other reserved ranges are refused unless `[outbound] allow_private` is set (for tests and
//! networks where merchants' servers are private).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::{Method, RequestBuilder, Url, redirect};

/// Redirects followed at most, unless the builder says otherwise.
const MAX_REDIRECTS: usize = 5;

/// Why a request was not sent, or its answer not read.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("`{0}` is not an http(s) URL")]
    NotHttp(String),
    #[error(
        "{0} is not a public address (set WISMO_OUTBOUND_ALLOW_PRIVATE=true to allow private ones)"
    )]
    NotPublic(IpAddr),
    #[error("`{0}` has no public address")]
    NoPublicAddress(String),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("a redirect from https to http (`{0}`)")]
    Downgrade(String),
    #[error("the answer is larger than {0} bytes")]
    TooLarge(usize),
}

impl Refused {
    /// The refusal somewhere in `error`'s causes (a resolver's or a redirect's refusal
    /// comes back inside reqwest's error).
    pub fn find<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a Refused> {
        let mut cause = Some(error);
        while let Some(e) = cause {
            if let Some(refused) = e.downcast_ref::<Refused>() {
                return Some(refused);
            }
            cause = e.source();
        }
        None
    }
}

/// The guard's one setting, from `[outbound] allow_private`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outbound {
    allow_private: bool,
}

impl Outbound {
    pub fn new(allow_private: bool) -> Self {
        Self { allow_private }
    }

    /// A builder for a guarded client: 10 s to connect, 30 s in all, at most 5 redirects.
    pub fn builder(self) -> OutboundBuilder {
        OutboundBuilder {
            guard: self,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: MAX_REDIRECTS,
        }
    }

    /// Whether wismo may connect to `ip`.
    pub fn allows(self, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip)
    }

    /// Refuses a URL that is not http(s), whose host is an IP literal wismo may not
    /// connect to, or that turns https into http after `previous`.
    fn check(self, url: &Url, previous: Option<&Url>) -> Result<(), Refused> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refused::NotHttp(url.to_string()));
        }
        if previous.is_some_and(|p| p.scheme() == "https") && url.scheme() == "http" {
            return Err(Refused::Downgrade(url.to_string()));
        }
        let Some(host) = url.host_str() else {
            return Err(Refused::NotHttp(url.to_string()));
        };
        // A name is checked by the resolver once it has addresses.
        let Ok(ip) = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        else {
            return Ok(());
        };
        if self.allows(ip) {
            Ok(())
        } else {
            Err(Refused::NotPublic(ip))
        }
    }
}

/// How a guarded client is built. The guard's resolver, redirect policy and the absence
/// of proxies are not for callers to change.
#[derive(Debug, Clone)]
pub struct OutboundBuilder {
    guard: Outbound,
    connect_timeout: Duration,
    timeout: Duration,
    max_redirects: usize,
}

impl OutboundBuilder {
    /// The longest a whole request may take, answer included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.connect_timeout = self.connect_timeout.min(timeout);
        self
    }

    /// Redirects followed at most; with 0, a 3xx is the answer, as it came.
    pub fn max_redirects(mut self, max: usize) -> Self {
        self.max_redirects = max;
        self
    }

    pub fn build(self) -> Result<OutboundClient, reqwest::Error> {
        self.build_with(|b| b)
    }

    /// `extra` may set what the guard does not care about (headers); it runs before the
    /// guard's own settings, so it cannot undo them.
    fn build_with(
        self,
        extra: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder,
    ) -> Result<OutboundClient, reqwest::Error> {
        // Installing twice is refused harmlessly; the first provider stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let guard = self.guard;
        let max = self.max_redirects;
        let policy = redirect::Policy::custom(move |attempt| {
            if max == 0 {
                return attempt.stop();
            }
            if attempt.previous().len() > max {
                return attempt.error(Refused::TooManyRedirects(max));
            }
            match guard.check(attempt.url(), attempt.previous().last()) {
                Ok(()) => attempt.follow(),
                Err(refused) => attempt.error(refused),
            }
        });
        let client = extra(reqwest::Client::builder())
            .user_agent(concat!("wismo/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .no_proxy()
            .redirect(policy)
            .dns_resolver(Arc::new(GuardedResolver { guard }))
            .build()?;
        Ok(OutboundClient { guard, client })
    }
}

/// A client whose every connection goes to an address the guard allows.
#[derive(Debug, Clone)]
pub struct OutboundClient {
    guard: Outbound,
    client: reqwest::Client,
}

impl OutboundClient {
    /// A request to `url`, refused here when the URL is not http(s) or names an address
    /// the guard does not allow.
    pub fn request(&self, method: Method, url: &str) -> Result<RequestBuilder, Refused> {
        let parsed = Url::parse(url).map_err(|_| Refused::NotHttp(url.to_owned()))?;
        self.guard.check(&parsed, None)?;
        Ok(self.client.request(method, parsed))
    }

    pub fn get(&self, url: &str) -> Result<RequestBuilder, Refused> {
        self.request(Method::GET, url)
    }

    pub fn post(&self, url: &str) -> Result<RequestBuilder, Refused> {
        self.request(Method::POST, url)
    }
}

/// Reads `response`'s body, refusing it as soon as it grows past `limit` bytes (or says
/// it will), so a large or endless answer costs no more than the limit.
pub async fn body_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> anyhow::Result<Vec<u8>> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(Refused::TooLarge(limit).into());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Err(Refused::TooLarge(limit).into());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Resolves with the system's resolver, then keeps only the addresses the guard allows.
#[derive(Debug)]
struct GuardedResolver {
    guard: Outbound,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(allowed_addrs(self.guard, name.as_str().to_owned()))
    }
}

/// `host`'s addresses that `guard` allows; an error when it allows none.
async fn allowed_addrs(
    guard: Outbound,
    host: String,
) -> Result<Addrs, Box<dyn std::error::Error + Send + Sync>> {
    let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
    let allowed: Vec<SocketAddr> = found
        .iter()
        .copied()
        .filter(|a| guard.allows(a.ip()))
        .collect();
    if allowed.is_empty() {
        return Err(match found.first() {
            Some(a) => Refused::NotPublic(a.ip()).into(),
            None => Refused::NoPublicAddress(host).into(),
        });
    }
    Ok(Box::new(allowed.into_iter()))
}

/// Whether `ip` is a public unicast address: not loopback, private, link-local,
/// unique-local, shared (CGNAT), documentation, benchmarking, multicast, broadcast,
/// unspecified or otherwise reserved. IPv6 forms that embed an IPv4 address (mapped,
/// NAT64, 6to4) are judged by that address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0 // "this network", unspecified
        || a == 10
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || a == 127
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // TEST-NET-1
        || (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
        || (a == 192 && b == 168)
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // TEST-NET-2
        || (a == 203 && b == 0 && c == 113) // TEST-NET-3
        || a >= 224) // multicast, reserved, broadcast
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_v4(embedded_v4(s[6], s[7]));
    }
    // 6to4 (2002::/16) carries one in bits 16 to 48.
    if s[0] == 0x2002 {
        return is_public_v4(embedded_v4(s[1], s[2]));
    }
    // Only 2000::/3 is global unicast; within it, refuse the IETF protocol assignments
    // (2001::/23: Teredo, benchmarking, …) and documentation (2001:db8::/32, 3fff::/20).
    (s[0] & 0xe000) == 0x2000
        && !(s[0] == 0x2001 && s[1] < 0x0200)
        && !(s[0] == 0x2001 && s[1] == 0x0db8)
        && !(s[0] == 0x3fff && s[1] < 0x1000)
}

fn embedded_v4(high: u16, low: u16) -> Ipv4Addr {
    let [a, b] = high.to_be_bytes();
    let [c, d] = low.to_be_bytes();
    Ipv4Addr::new(a, b, c, d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
