//! The pool of SMTP connections to the relay.
//!
//! lettre speaks SMTP; the sockets are wismo's own, because lettre's pooled transport cannot
//! switch off Nagle's algorithm. lettre writes a message's body and its closing `.` in two
//! writes without reading in between, so with Nagle on, the `.` waits for the relay to
//! acknowledge the body, and a relay delays that acknowledgement (40 ms on Linux, up to
//! 200 ms elsewhere): every message paid that wait. With `TCP_NODELAY` a loopback send
//! takes well under a millisecond (bench/README.md, "Email dispatcher").
//!
//! A connection that failed in any way is dropped, never reused; one idle for a while is
//! checked with `NOOP` before it is lent again, and one idle for a minute is replaced.
//!
//! Both kinds of TLS check the relay's certificate against the web's roots plus the
//! operator's own (`smtp_ca_file`); there is no way to skip the check. A relay that fails
//! it, or a `starttls` relay that offers no STARTTLS, is an error before anything is sent
//! (no AUTH, no message), classed as transient like an unreachable relay: it is the
//! relay's or the settings' fault, not the message's, and the message waits for the fix.

use deadpool::managed::{self, Metrics, RecycleError, RecycleResult};
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    AsyncSmtpConnection, AsyncTokioStream, Certificate, TlsParameters,
};
use lettre::transport::smtp::extension::ClientId;
use rustls::pki_types::CertificateDer;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use super::{SendError, SmtpUrl, TlsMode};

/// How long connecting (TCP, TLS, greeting, EHLO, STARTTLS, AUTH) may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long one message (MAIL, RCPT, DATA, the body) may take.
const SEND_TIMEOUT: Duration = Duration::from_secs(60);
/// A connection idle this long is asked `NOOP` before it is used again.
const CHECK_AFTER: Duration = Duration::from_secs(5);
/// A connection idle this long is closed rather than reused; relays drop idle clients.
const IDLE_LIMIT: Duration = Duration::from_secs(60);

/// Opens connections to the relay the URL names.
pub(super) struct Relay {
    host: String,
    port: u16,
    tls: TlsMode,
    credentials: Option<Credentials>,
    hello: ClientId,
    /// For `tls=tls`: the TLS client wismo wraps its own socket in.
    implicit: Option<tokio_rustls::TlsConnector>,
    /// For `tls=starttls`: how lettre upgrades the connection.
    starttls: Option<TlsParameters>,
}

impl std::fmt::Debug for Relay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Relay")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .finish_non_exhaustive()
    }
}

/// A pool of connections to the relay.
pub(super) type Pool = managed::Pool<Relay>;

/// Why a connection could not be opened or used.
#[derive(Debug, thiserror::Error)]
pub(super) enum RelayError {
    #[error("{0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the relay did not answer within {0:?}")]
    Timeout(Duration),
    #[error("{0}")]
    Tls(String),
}

impl RelayError {
    /// Whether trying again cannot help: a 5xx reply.
    fn permanent(&self) -> bool {
        matches!(self, RelayError::Smtp(e) if e.is_permanent())
    }
}

impl Relay {
    /// The relay `url` names; its certificate may also end at one of `extra_roots`.
    pub(super) fn new(
        url: &SmtpUrl,
        extra_roots: &[CertificateDer<'static>],
    ) -> anyhow::Result<Relay> {
        let (implicit, starttls) = match url.tls {
            TlsMode::Tls => (Some(tls_connector(extra_roots)?), None),
            TlsMode::StartTls => (None, Some(starttls_parameters(&url.host, extra_roots)?)),
            TlsMode::None => (None, None),
        };
        Ok(Relay {
            host: url.host.clone(),
            port: url.port,
            tls: url.tls,
            credentials: match (&url.user, &url.password) {
                (Some(user), Some(password)) => {
                    Some(Credentials::new(user.clone(), password.clone()))
                }
                _ => None,
            },
            hello: ClientId::default(),
            implicit,
            starttls,
        })
    }

    async fn open(&self) -> Result<AsyncSmtpConnection, RelayError> {
        let tcp = TcpStream::connect((self.host.as_str(), self.port)).await?;
        tcp.set_nodelay(true)?;
        let stream: Box<dyn AsyncTokioStream> = match &self.implicit {
            Some(connector) => {
                let name = rustls::pki_types::ServerName::try_from(self.host.clone())
                    .map_err(|e| RelayError::Tls(format!("{}: {e}", self.host)))?;
                let tls = connector.connect(name, tcp).await?;
                Box::new(TlsSocket(tls))
            }
            None => Box::new(tcp),
        };
        let mut conn = AsyncSmtpConnection::connect_with_transport(stream, &self.hello).await?;
        if let Some(parameters) = &self.starttls {
            // Fails when the relay does not offer STARTTLS: never goes on in clear text.
            conn.starttls(parameters.clone(), &self.hello).await?;
        }
        if let Some(credentials) = &self.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .await?;
        }
        Ok(conn)
    }
}

impl managed::Manager for Relay {
    type Type = AsyncSmtpConnection;
    type Error = RelayError;

    async fn create(&self) -> Result<AsyncSmtpConnection, RelayError> {
        tokio::time::timeout(CONNECT_TIMEOUT, self.open())
            .await
            .map_err(|_| RelayError::Timeout(CONNECT_TIMEOUT))?
    }

    async fn recycle(
        &self,
        conn: &mut AsyncSmtpConnection,
        metrics: &Metrics,
    ) -> RecycleResult<RelayError> {
        if conn.has_broken() {
            return Err(RecycleError::message("the connection broke"));
        }
        let idle = metrics.last_used();
        if idle >= IDLE_LIMIT {
            return Err(RecycleError::message("the connection was idle too long"));
        }
        if idle >= CHECK_AFTER {
            let alive = tokio::time::timeout(CONNECT_TIMEOUT, conn.test_connected())
                .await
                .unwrap_or(false);
            if !alive {
                return Err(RecycleError::message("the relay closed the connection"));
            }
        }
        Ok(())
    }
}

/// Sends one message on a pooled connection. A connection that failed is dropped.
pub(super) async fn send(
    pool: &Pool,
    envelope: &Envelope,
    message: &[u8],
) -> Result<String, SendError> {
    let mut conn = pool.get().await.map_err(|e| match e {
        managed::PoolError::Backend(e) => SendError {
            permanent: false,
            message: format!("cannot reach the relay: {e}"),
        },
        other => SendError {
            permanent: false,
            message: format!("cannot reach the relay: {other}"),
        },
    })?;
    let sent = tokio::time::timeout(SEND_TIMEOUT, conn.send(envelope, message)).await;
    let result = match sent {
        Ok(Ok(response)) => return Ok(response.message().collect::<Vec<_>>().join(" ")),
        Ok(Err(e)) => RelayError::from(e),
        Err(_) => RelayError::Timeout(SEND_TIMEOUT),
    };
    // Whatever state the session is in now, it is not reused.
    let _ = managed::Object::take(conn);
    Err(SendError {
        permanent: result.permanent(),
        message: result.to_string(),
    })
}

/// The TLS client for implicit TLS: the web's root certificates, as lettre's own, and
/// `extra_roots`.
fn tls_connector(
    extra_roots: &[CertificateDer<'static>],
) -> anyhow::Result<tokio_rustls::TlsConnector> {
    let mut roots =
        rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for root in extra_roots {
        roots.add(root.clone())?;
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// STARTTLS through lettre: the web's roots (lettre's default) and `extra_roots`.
fn starttls_parameters(
    host: &str,
    extra_roots: &[CertificateDer<'static>],
) -> anyhow::Result<TlsParameters> {
    let mut builder = TlsParameters::builder(host.to_owned());
    for root in extra_roots {
        builder = builder.add_root_certificate(Certificate::from_der(root.to_vec())?);
    }
    Ok(builder.build_rustls()?)
}

/// A TLS socket as lettre reads and writes it.
#[derive(Debug)]
struct TlsSocket(tokio_rustls::client::TlsStream<TcpStream>);

impl AsyncTokioStream for TlsSocket {
    fn peer_addr(&self) -> std::io::Result<SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

impl AsyncRead for TlsSocket {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for TlsSocket {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}
