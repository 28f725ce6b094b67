//! Deadlines on a connection while none of its requests is being handled. A new connection
//! has the header timeout to send its first request's headers; once a response is handed
//! over, the connection has the idle timeout to start its next request (and its client to
//! keep reading the response, each write giving it the idle timeout again); a request's
//! first byte then gives it the header timeout for the rest of its headers. While a request
//! is handled, the request's own limits apply instead (the body's stall timeout, the
//! 30-second handler limit). Past a deadline, reads and writes fail and the connection
//! closes.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// What a connection is doing, shared by its socket ([`Watched`]) and its service.
pub struct Connection {
    header: Duration,
    idle: Duration,
    phase: Mutex<Phase>,
    /// The socket's task, parked while requests were handled: woken when the last ends, so
    /// its deadline starts even if the client stays silent.
    parked: Mutex<Option<Waker>>,
}

#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Waiting for a request's headers, until then.
    Head(Instant),
    /// Between requests, until then.
    Idle(Instant),
    /// This many requests are being handled.
    Busy(usize),
}

impl Connection {
    pub fn new(header: Duration, idle: Duration) -> Arc<Self> {
        Arc::new(Self {
            header,
            idle,
            phase: Mutex::new(Phase::Head(Instant::now() + header)),
            parked: Mutex::new(None),
        })
    }

    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Marks a request as being handled until the returned guard is dropped.
    pub fn handling(self: &Arc<Self>) -> Handling {
        let mut phase = self.phase();
        *phase = match *phase {
            Phase::Busy(n) => Phase::Busy(n + 1),
            Phase::Head(_) | Phase::Idle(_) => Phase::Busy(1),
        };
        Handling(self.clone())
    }

    fn read_some(&self) {
        let mut phase = self.phase();
        if let Phase::Idle(_) = *phase {
            *phase = Phase::Head(Instant::now() + self.header);
        }
    }

    fn wrote_some(&self) {
        let mut phase = self.phase();
        if let Phase::Idle(_) = *phase {
            *phase = Phase::Idle(Instant::now() + self.idle);
        }
    }

    fn park(&self, waker: &Waker) {
        let mut parked = self.parked.lock().unwrap_or_else(|e| e.into_inner());
        match parked.as_mut() {
            Some(old) => old.clone_from(waker),
            None => *parked = Some(waker.clone()),
        }
    }

    fn deadline(&self) -> Option<Instant> {
        match *self.phase() {
            Phase::Head(until) | Phase::Idle(until) => Some(until),
            Phase::Busy(_) => None,
        }
    }
}

/// A request being handled; the connection goes idle when the last one is dropped.
pub struct Handling(Arc<Connection>);

impl Drop for Handling {
    fn drop(&mut self) {
        let idle = self.0.idle;
        {
            let mut phase = self.0.phase();
            *phase = match *phase {
                Phase::Busy(n) if n > 1 => Phase::Busy(n - 1),
                _ => Phase::Idle(Instant::now() + idle),
            };
            if let Phase::Busy(_) = *phase {
                return;
            }
        }
        let parked = self
            .0
            .parked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(waker) = parked {
            waker.wake();
        }
    }
}

/// A socket whose reads and writes fail with `TimedOut` once its connection's deadline
/// passes.
pub struct Watched<T> {
    io: T,
    conn: Arc<Connection>,
    sleep: Pin<Box<Sleep>>,
}

impl<T> Watched<T> {
    pub fn new(io: T, conn: Arc<Connection>) -> Self {
        let first = conn
            .deadline()
            .unwrap_or_else(|| Instant::now() + conn.idle);
        Self {
            io,
            conn,
            sleep: Box::pin(tokio::time::sleep_until(first)),
        }
    }

    /// What a pending read or write becomes: still pending, or an error once the deadline
    /// has passed (the timer wakes the task for it).
    fn pending<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        let Some(until) = self.conn.deadline() else {
            self.conn.park(cx.waker());
            return Poll::Pending;
        };
        if self.sleep.deadline() != until {
            self.sleep.as_mut().reset(until);
        }
        match self.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client was too slow",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.io).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    self.conn.read_some();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => self.pending(cx),
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.io).poll_write(cx, buf) {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.conn.wrote_some();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => self.pending(cx),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.io).poll_write_vectored(cx, bufs) {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.conn.wrote_some();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => self.pending(cx),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.io).poll_flush(cx) {
            Poll::Pending => self.pending(cx),
            ready => ready,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}
