//! Email over SMTP: the operator's relay (`WISMO_SMTP_URL`, trusting the web's roots and
//! any in `WISMO_SMTP_CA_FILE`), a pool of connections per process ([`relay`]), and what a
//! failure means for retrying.

mod relay;

use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::net::IpAddr;
use std::path::Path;

use crate::config::EmailSettings;

/// Connections kept to the relay unless [`Mailer::connections`] says otherwise.
const DEFAULT_CONNECTIONS: usize = 16;

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Plain text: only to a loopback address.
    None,
    /// STARTTLS on a plain connection (usually port 587).
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// `smtp://[user:password@]host:port?tls=none|starttls|tls`, checked.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    pub password: Option<String>,
    pub tls: TlsMode,
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpUrl")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("tls", &self.tls)
            .finish()
    }
}

impl SmtpUrl {
    /// Reads the URL. TLS defaults to STARTTLS (implicit TLS on port 465); `tls=none` is
    /// refused for anything but a loopback host, so a password never crosses a network in
    /// the clear. The message never repeats the password.
    pub fn parse(url: &str) -> Result<SmtpUrl, String> {
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| format!("not a URL like smtp://user:password@host:587 ({e})"))?;
        if parsed.scheme() != "smtp" && parsed.scheme() != "smtps" {
            return Err(format!(
                "the scheme must be smtp:// (or smtps://), not {}://",
                parsed.scheme()
            ));
        }
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("the URL names no host")?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let mut tls = if parsed.scheme() == "smtps" || parsed.port() == Some(465) {
            TlsMode::Tls
        } else {
            TlsMode::StartTls
        };
        for (key, value) in parsed.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "none") => tls = TlsMode::None,
                ("tls", "starttls") => tls = TlsMode::StartTls,
                ("tls", "tls") => tls = TlsMode::Tls,
                ("tls", other) => {
                    return Err(format!("tls={other} is not one of none, starttls or tls"));
                }
                (other, _) => return Err(format!("unknown parameter `{other}`")),
            }
        }
        let port = parsed.port().unwrap_or(match tls {
            TlsMode::Tls => 465,
            TlsMode::StartTls => 587,
            TlsMode::None => 25,
        });
        let loopback =
            host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if tls == TlsMode::None && !loopback {
            return Err(format!(
                "tls=none is allowed only to a loopback address, not {host}: use starttls or tls"
            ));
        }
        let decode = |s: &str| {
            percent_decode(s).ok_or_else(|| "the user or password is not valid UTF-8".to_owned())
        };
        let user = match parsed.username() {
            "" => None,
            u => Some(decode(u)?),
        };
        let password = parsed.password().map(decode).transpose()?;
        Ok(SmtpUrl {
            host,
            port,
            user,
            password,
            tls,
        })
    }
}

/// The certificates of the PEM file at `path` (one or more), each checked as a root a
/// relay's chain may end at: a private relay's own CA, trusted besides the web's roots. The
/// message names the file and never the relay's URL.
pub fn read_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let file = path.display();
    let pem = std::fs::read(path).map_err(|e| format!("cannot read {file}: {e}"))?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{file} is not a PEM file of certificates: {e}"))?;
    if certs.is_empty() {
        return Err(format!(
            "{file} holds no certificate (-----BEGIN CERTIFICATE-----)"
        ));
    }
    let mut roots = rustls::RootCertStore::empty();
    for (n, cert) in certs.iter().enumerate() {
        roots
            .add(cert.clone())
            .map_err(|e| format!("certificate {} in {file} is not usable: {e}", n + 1))?;
    }
    Ok(certs)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// One email to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The display name (the store's).
    pub from_name: String,
    pub to: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub html: String,
    pub text: String,
    /// `<…@…>`, the same on every attempt.
    pub message_id: String,
    pub in_reply_to: Option<String>,
    /// Space-separated ids, given once (lettre replaces on a second call).
    pub references: Option<String>,
    /// The one-click link (and the operator's `mailto:`), for RFC 8058.
    pub unsubscribe: Option<String>,
    pub language: Option<String>,
}

/// Why an email did not go.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    /// Trying again will not help (a 5xx reply, an address that cannot be written).
    pub permanent: bool,
    pub message: String,
}

/// The relay, with a pool of connections.
#[derive(Clone)]
pub struct Mailer {
    pool: relay::Pool,
    from: lettre::Address,
    /// The `mailto:` List-Unsubscribe also names.
    pub unsubscribe_mailto: Option<String>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// The mailer the settings describe, or `None` when no relay is configured.
    pub fn from_settings(settings: &EmailSettings) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = &settings.smtp_url else {
            return Ok(None);
        };
        let url =
            SmtpUrl::parse(url.expose()).map_err(|e| anyhow::anyhow!("email.smtp_url: {e}"))?;
        let from = settings
            .from
            .as_deref()
            .ok_or_else(|| {
                anyhow::anyhow!("email.from (WISMO_EMAIL_FROM) is required with an SMTP relay")
            })?
            .parse::<lettre::Address>()
            .map_err(|e| anyhow::anyhow!("email.from: {e}"))?;
        let roots = match &settings.smtp_ca_file {
            Some(path) => {
                read_ca_file(path).map_err(|e| anyhow::anyhow!("email.smtp_ca_file: {e}"))?
            }
            None => Vec::new(),
        };
        let pool = relay::Pool::builder(relay::Relay::new(&url, &roots)?)
            .max_size(DEFAULT_CONNECTIONS)
            .build()
            .map_err(|e| anyhow::anyhow!("cannot make the SMTP connection pool: {e}"))?;
        Ok(Some(Mailer {
            pool,
            from,
            unsubscribe_mailto: settings.unsubscribe_mailto.clone(),
        }))
    }

    /// Keeps at most `n` connections to the relay: as many as messages sent at once.
    pub fn connections(self, n: usize) -> Mailer {
        self.pool.resize(n.max(1));
        self
    }

    /// The domain of the From address, for Message-IDs.
    pub fn domain(&self) -> &str {
        self.from.domain()
    }

    /// Sends one email; the relay's reply on success.
    pub async fn send(&self, email: &Outgoing) -> Result<String, SendError> {
        let message = self.message(email).map_err(|e| SendError {
            permanent: true,
            message: format!("cannot write the message: {e}"),
        })?;
        relay::send(&self.pool, message.envelope(), &message.formatted()).await
    }

    fn message(&self, email: &Outgoing) -> anyhow::Result<Message> {
        let to: lettre::Address = email.to.parse()?;
        let mut builder = Message::builder()
            .from(Mailbox::new(
                Some(email.from_name.clone()),
                self.from.clone(),
            ))
            .to(Mailbox::new(None, to))
            .subject(email.subject.clone())
            .message_id(Some(email.message_id.clone()));
        if let Some(reply_to) = &email.reply_to {
            builder = builder.reply_to(Mailbox::new(None, reply_to.parse()?));
        }
        if let Some(id) = &email.in_reply_to {
            builder = builder.in_reply_to(id.clone());
        }
        if let Some(ids) = &email.references {
            builder = builder.references(ids.clone());
        }
        if let Some(link) = &email.unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    link.clone(),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        if let Some(lang) = &email.language {
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                lang.clone(),
            ));
        }
        Ok(builder.multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_read_with_safe_defaults() {
        let u = SmtpUrl::parse("smtp://me%40shop:p%3Ass@smtp.example.com:587")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (u.host.as_str(), u.port, u.tls),
            ("smtp.example.com", 587, TlsMode::StartTls)
        );
        assert_eq!(u.user.as_deref(), Some("me@shop"));
        assert_eq!(u.password.as_deref(), Some("p:ss"));
        assert!(!format!("{u:?}").contains("p:ss"));
        let u = SmtpUrl::parse("smtp://smtp.example.com:465").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(u.tls, TlsMode::Tls);
        let u = SmtpUrl::parse("smtp://127.0.0.1:2525?tls=none").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((u.port, u.tls), (2525, TlsMode::None));
        for bad in [
            "smtp://smtp.example.com:25?tls=none",
            "http://smtp.example.com",
            "smtp://smtp.example.com?tls=maybe",
            "smtp://smtp.example.com?debug=1",
            "not a url",
        ] {
            assert!(SmtpUrl::parse(bad).is_err(), "{bad}");
        }
        let e = SmtpUrl::parse("smtp://u:secret@mail.example.com?tls=none")
            .err()
            .unwrap_or_default();
        assert!(!e.contains("secret"), "{e}");
    }
}
