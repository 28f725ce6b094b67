//! A small SMTP server that keeps what it receives: the demo's outbox (its emails go over
//! real SMTP to it, inside the demo process) and the tests' mail relay on loopback. The
//! protocol is the `mailin` crate's state machine; this is only the socket around it.
//!
//! [`start`] serves plain SMTP. [`start_with`] can add TLS (from the first byte, or STARTTLS
//! offered in EHLO) with the caller's certificate, and AUTH PLAIN/LOGIN checked against one
//! user and password, which a TLS server accepts only once the session is encrypted.

use chrono::{DateTime, Utc};
use mailin::{Action, AuthMechanism, Handler, Response, SessionBuilder, response};
use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The longest message kept (a larger one is refused and its connection closed).
const MAX_MESSAGE_BYTES: usize = 2 * 1024 * 1024;
/// The most messages kept; the oldest go first.
const KEPT: usize = 10_000;

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Captured {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent: headers, blank line, body.
    pub data: Vec<u8>,
    pub received_at: DateTime<Utc>,
}

impl Captured {
    /// The message as text (lossy for any non-UTF-8 bytes).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }

    /// The first header named `name` (case-insensitive), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let text = self.text();
        let head = text.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with([' ', '\t']) {
                    v.push(' ');
                    v.push_str(line.trim());
                    continue;
                }
                break;
            }
            if let Some((n, v)) = line.split_once(':')
                && n.eq_ignore_ascii_case(name)
            {
                value = Some(v.trim().to_owned());
            }
        }
        value
    }
}

#[derive(Debug, Default)]
struct Inner {
    messages: VecDeque<Captured>,
    /// Replies to give instead of accepting the next messages' data (a test's failures).
    failures: VecDeque<u16>,
    received: u64,
    /// AUTH attempts, right or wrong.
    logins: u64,
}

/// What the server has received; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    inner: Arc<Mutex<Inner>>,
    arrived: Arc<tokio::sync::Notify>,
}

impl Capture {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every message kept, oldest first.
    pub fn messages(&self) -> Vec<Captured> {
        self.lock().messages.iter().cloned().collect()
    }

    /// Every message kept, oldest first, and no longer kept: a long run that takes them
    /// as they come loses none to the server's limit.
    pub fn take(&self) -> Vec<Captured> {
        self.lock().messages.drain(..).collect()
    }

    /// How many messages were accepted since the start (kept or not).
    pub fn received(&self) -> u64 {
        self.lock().received
    }

    /// How many times a client tried to log in (AUTH), with the right password or not.
    pub fn logins(&self) -> u64 {
        self.lock().logins
    }

    /// Answers the next messages with these codes (451: try later; 550: refused) instead
    /// of accepting them.
    pub fn fail_next(&self, codes: &[u16]) {
        self.lock().failures.extend(codes);
    }

    /// Waits until at least `n` messages were accepted, or `timeout` passes.
    pub async fn wait_for(&self, n: u64, timeout: std::time::Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let arrived = self.arrived.notified();
            if self.received() >= n {
                return true;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return self.received() >= n;
            }
        }
    }
}

/// How the server protects its sessions.
#[derive(Clone)]
pub enum Tls {
    /// TLS from the first byte (a relay's port 465).
    Implicit(Arc<rustls::ServerConfig>),
    /// Plain until the client asks: STARTTLS is offered in the EHLO reply (port 587).
    StartTls(Arc<rustls::ServerConfig>),
}

/// What [`start_with`] serves besides plain SMTP.
#[derive(Clone, Default)]
pub struct Options {
    pub tls: Option<Tls>,
    /// The only user and password AUTH PLAIN/LOGIN accepts; set, a client must log in
    /// before sending. With TLS, AUTH is offered and accepted only once encrypted; without
    /// (loopback only), in the clear.
    pub login: Option<(String, String)>,
}

/// Starts a plain server on `addr` (port 0 for any); returns where it listens.
pub async fn start(addr: SocketAddr) -> io::Result<(SocketAddr, Capture)> {
    start_with(addr, Options::default()).await
}

/// Starts a server with `options` on `addr` (port 0 for any); returns where it listens.
pub async fn start_with(addr: SocketAddr, options: Options) -> io::Result<(SocketAddr, Capture)> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let capture = Capture::default();
    let server = capture.clone();
    let options = Arc::new(options);
    tokio::spawn(async move {
        loop {
            let Ok((stream, peer)) = listener.accept().await else {
                continue;
            };
            let capture = server.clone();
            let options = options.clone();
            tokio::spawn(async move {
                if let Err(e) = serve(stream, peer, capture, &options).await {
                    tracing::debug!(error = %e, "SMTP capture connection ended");
                }
            });
        }
    });
    Ok((local, capture))
}

struct Session {
    capture: Capture,
    login: Option<(String, String)>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
    too_big: bool,
}

impl Session {
    fn check_login(&mut self, user: &str, password: &str) -> Response {
        self.capture.lock().logins += 1;
        match &self.login {
            Some((u, p)) if u == user && p == password => response::AUTH_OK,
            _ => response::INVALID_CREDENTIALS,
        }
    }
}

impl Handler for Session {
    fn auth_plain(
        &mut self,
        _authorization_id: &str,
        authentication_id: &str,
        password: &str,
    ) -> Response {
        self.check_login(authentication_id, password)
    }

    fn auth_login(&mut self, username: &str, password: &str) -> Response {
        self.check_login(username, password)
    }

    fn mail(&mut self, _ip: std::net::IpAddr, _domain: &str, from: &str) -> Response {
        self.from = from.to_owned();
        self.to.clear();
        response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        self.to.push(to.to_owned());
        response::OK
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        self.data.clear();
        self.too_big = false;
        // Refused at DATA: after an error reply to the data itself, mailin's state
        // machine stays in the data state and takes the client's next command as data.
        if let Some(code) = self.capture.lock().failures.pop_front() {
            return Response::custom(code, "refused as the test asked".to_owned());
        }
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.data.len() + buf.len() > MAX_MESSAGE_BYTES {
            self.too_big = true;
        } else {
            self.data.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if self.too_big {
            // 421 closes the connection (see data_start for why not 552 here).
            return Response::custom(421, "message too large".to_owned());
        }
        let mut inner = self.capture.lock();
        if inner.messages.len() >= KEPT {
            inner.messages.pop_front();
        }
        inner.messages.push_back(Captured {
            from: self.from.clone(),
            to: self.to.clone(),
            data: std::mem::take(&mut self.data),
            received_at: Utc::now(),
        });
        inner.received += 1;
        drop(inner);
        self.capture.arrived.notify_waiters();
        response::OK
    }
}

async fn serve(
    stream: TcpStream,
    peer: SocketAddr,
    capture: Capture,
    options: &Options,
) -> io::Result<()> {
    // Replies are small writes the client waits on: without this, Nagle's algorithm and
    // delayed ACKs hold each one for up to 40 ms.
    stream.set_nodelay(true)?;
    let mut builder = SessionBuilder::new("wismo-outbox");
    if let Some(Tls::StartTls(_)) = &options.tls {
        builder.enable_start_tls();
    }
    if options.login.is_some() {
        builder
            .enable_auth(AuthMechanism::Plain)
            .enable_auth(AuthMechanism::Login);
        if options.tls.is_none() {
            builder.insecure_enable_plaintext_auth();
        }
    }
    let mut session = builder.build(
        peer.ip(),
        Session {
            capture,
            login: options.login.clone(),
            from: String::new(),
            to: Vec::new(),
            data: Vec::new(),
            too_big: false,
        },
    );
    let mut greeting = Vec::new();
    session.greeting().write_to(&mut greeting)?;
    match &options.tls {
        None => {
            let mut stream = stream;
            stream.write_all(&greeting).await?;
            converse(&mut session, stream).await?;
        }
        Some(Tls::Implicit(config)) => {
            let mut stream = tokio_rustls::TlsAcceptor::from(config.clone())
                .accept(stream)
                .await?;
            session.tls_active();
            stream.write_all(&greeting).await?;
            converse(&mut session, stream).await?;
        }
        Some(Tls::StartTls(config)) => {
            let mut stream = stream;
            stream.write_all(&greeting).await?;
            if let Some(plain) = converse(&mut session, stream).await? {
                let stream = tokio_rustls::TlsAcceptor::from(config.clone())
                    .accept(plain)
                    .await?;
                session.tls_active();
                converse(&mut session, stream).await?;
            }
        }
    }
    Ok(())
}

/// Answers the client's commands until it leaves (`None`) or asks for STARTTLS, when the
/// stream is handed back to be encrypted. Anything the client sent after STARTTLS before
/// the handshake is dropped, as RFC 3207 asks.
async fn converse<S: AsyncRead + AsyncWrite + Unpin>(
    session: &mut mailin::Session<Session>,
    stream: S,
) -> io::Result<Option<S>> {
    let mut reader = BufReader::new(stream);
    let mut out = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        let reply = session.process(&line);
        match reply.action {
            Action::NoReply => {}
            Action::Reply => {
                out.clear();
                reply.write_to(&mut out)?;
                reader.get_mut().write_all(&out).await?;
            }
            Action::UpgradeTls => {
                out.clear();
                reply.write_to(&mut out)?;
                reader.get_mut().write_all(&out).await?;
                return Ok(Some(reader.into_inner()));
            }
            Action::Close => {
                out.clear();
                reply.write_to(&mut out)?;
                reader.get_mut().write_all(&out).await?;
                return Ok(None);
            }
        }
    }
}
