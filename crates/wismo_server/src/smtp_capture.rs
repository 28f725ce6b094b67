//! A small SMTP server that keeps what it receives: the demo's outbox (its emails go over
//! real SMTP to it, inside the demo process) and the tests' mail relay on loopback. The
//! protocol is the `mailin` crate's state machine; this is only the socket around it.

use chrono::{DateTime, Utc};
use mailin::{Action, Handler, Response, SessionBuilder, response};
use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

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

    /// How many messages were accepted since the start (kept or not).
    pub fn received(&self) -> u64 {
        self.lock().received
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

/// Starts the server on `addr` (port 0 for any); returns where it listens.
pub async fn start(addr: SocketAddr) -> io::Result<(SocketAddr, Capture)> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let capture = Capture::default();
    let server = capture.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, peer)) = listener.accept().await else {
                continue;
            };
            let capture = server.clone();
            tokio::spawn(async move {
                if let Err(e) = serve(stream, peer, capture).await {
                    tracing::debug!(error = %e, "SMTP capture connection ended");
                }
            });
        }
    });
    Ok((local, capture))
}

struct Session {
    capture: Capture,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
    too_big: bool,
}

impl Handler for Session {
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
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    capture: Capture,
) -> io::Result<()> {
    // Replies are small writes the client waits on: without this, Nagle's algorithm and
    // delayed ACKs hold each one for up to 40 ms.
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut session = SessionBuilder::new("wismo-outbox").build(
        peer.ip(),
        Session {
            capture,
            from: String::new(),
            to: Vec::new(),
            data: Vec::new(),
            too_big: false,
        },
    );
    let mut out = Vec::new();
    session.greeting().write_to(&mut out)?;
    write.write_all(&out).await?;
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let reply = session.process(&line);
        match reply.action {
            Action::NoReply => {}
            Action::Reply | Action::UpgradeTls => {
                out.clear();
                reply.write_to(&mut out)?;
                write.write_all(&out).await?;
            }
            Action::Close => {
                out.clear();
                reply.write_to(&mut out)?;
                write.write_all(&out).await?;
                return Ok(());
            }
        }
    }
}
