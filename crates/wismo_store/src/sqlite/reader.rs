//! The customer's page reads, and what the dispatcher sends a message with, on the calling
//! thread.
//!
//! sqlx runs each SQLite connection on a thread of its own: every statement, and every row
//! it returns, is a message to that thread and back, with a wake-up on each side. For the
//! tracking page, the read customers make by the thousand, that traffic cost more than the
//! page itself (bench/README.md). So [`Readers`] keeps a few plain rusqlite connections to
//! the same file and runs the page's reads where they are asked for, with cached
//! statements: a link's current stored pages by its token (or, with none, its page key
//! from the parcel), or the whole view in four indexed lookups; tens of microseconds
//! either way. A message's dispatcher reads the same way, once per message
//! ([`Readers::sending`]). In WAL
//! mode a reader never waits for the writer, and the file is memory-mapped, so reading a
//! page of it is not a system call. Blocking the calling thread that long is cheaper than
//! handing the work to another thread and back.
//!
//! Each connection keeps its read transaction for further reads, for [`HOLD`] at most:
//! beginning and ending one took a third of a page key's time. A write this process commits
//! ends them all, so it shows at once; another process's write shows within `HOLD`, and an
//! idle connection's transaction is ended by a sweeper thread, so no old snapshot holds
//! back the WAL.
//!
//! The connections are `query_only`: writes stay with the sqlx pool and its write queue.
//! They are opened read-write at the file level because a read-only connection cannot
//! recreate the WAL index (`-shm`) if the last writer closed and removed it.

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use wismo_domain::{OrderToken, ShipmentToken};

use crate::notify::{FIRST_DOMAIN, PREVIOUS_EMAIL, Sending};
use crate::rows::{
    self, event_columns, notification_columns, order_columns, shipment_columns, store_columns,
};
use crate::{PageKey, PageRevision, Result, StoredPage, TrackingView};

/// A link's page key read from its parcel (its parcel, store, revisions, the languages to
/// choose from and what its expiry depends on) and the store whose custom domain `?3` is,
/// without pages: it runs only when [`STORED_PAGES`] found none in the same snapshot, so
/// there is none to find (`?2`, the build, is unused). The branding is parsed for the
/// expiry only once the parcel is delivered.
const PAGE_KEY: &str = "SELECT s.id AS shipment_id, s.store_id, s.stage, s.delivered_at, \
    o.page_revision AS order_revision, st.page_revision AS store_revision, o.customer_locale, \
    st.default_locale, \
    CASE WHEN s.stage = 'delivered' THEN json_extract(st.branding, '$.link_expiry_days') END \
        AS link_expiry_days, \
    (SELECT d.store_id FROM store_domains d WHERE d.domain = ?3) AS host_store, \
    NULL AS lang, NULL AS body \
    FROM shipments s JOIN orders o ON o.id = s.order_id JOIN stores st ON st.id = s.store_id \
    WHERE s.token = ?1";

/// A repeat view's statement: the pages build `?2` stored for token `?1` while the store's
/// revision is the one they were rendered at, with the same columns as [`PAGE_KEY`]. A
/// stored row is current for its order by construction (migration 0007): the order's and
/// the parcel's columns come from the copies kept with it. No row: the link is new,
/// changed or unknown, and `PAGE_KEY` says which.
const STORED_PAGES: &str = "SELECT p.shipment_id, p.store_id, p.stage, p.delivered_at, \
    p.order_revision, p.store_revision, p.customer_locale, st.default_locale, \
    CASE WHEN p.stage = 'delivered' THEN json_extract(st.branding, '$.link_expiry_days') END \
        AS link_expiry_days, \
    (SELECT d.store_id FROM store_domains d WHERE d.domain = ?3) AS host_store, p.lang, p.body \
    FROM page_snapshots p \
    JOIN stores st ON st.id = p.store_id AND st.page_revision = p.store_revision \
    WHERE p.token = ?1 AND p.build = ?2";

/// The tracking view's four reads, in one read transaction: the order's shipments by one's
/// token, its store and the order with their page revisions, and every shipment's events.
/// The in-memory path in `events.rs` runs the same statements through sqlx.
pub(super) const VIEW_SHIPMENTS: &str = concat!(
    "SELECT ",
    shipment_columns!(),
    " FROM shipments WHERE order_id = (SELECT order_id FROM shipments WHERE token = ?1) ORDER BY id"
);
pub(super) const VIEW_STORE: &str = concat!(
    "SELECT ",
    store_columns!(),
    ", page_revision AS store_revision FROM stores WHERE id = ?1"
);
pub(super) const VIEW_ORDER: &str = concat!(
    "SELECT ",
    order_columns!(),
    ", page_revision AS order_revision FROM orders WHERE id = ?1"
);
/// The order page's reads: the order by its own token, then its shipments; the store and
/// the events are [`VIEW_STORE`] and [`VIEW_EVENTS`].
pub(super) const VIEW_ORDER_BY_TOKEN: &str = concat!(
    "SELECT ",
    order_columns!(),
    ", page_revision AS order_revision FROM orders WHERE token = ?1"
);
pub(super) const VIEW_ORDER_SHIPMENTS: &str = concat!(
    "SELECT ",
    shipment_columns!(),
    " FROM shipments WHERE order_id = ?1 ORDER BY id"
);
pub(super) const VIEW_EVENTS: &str = concat!(
    "SELECT ",
    event_columns!(),
    " FROM tracking_events WHERE shipment_id IN (SELECT id FROM shipments WHERE order_id = ?1) \
     ORDER BY shipment_id, occurred_at, dedupe_key"
);

/// [`Readers::sending`]'s first read: the notification, its store's first domain and the
/// key of the order's email before it.
pub(super) static SENDING: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {}, {}, {FIRST_DOMAIN}, {PREVIOUS_EMAIL} FROM notifications WHERE id = ?1",
        notification_columns!(),
        super::notify::SHIPMENTS_JSON,
    )
});

/// How much of the file each connection maps: up to 256 GiB, the cap the bundled SQLite is
/// built with (`.cargo/config.toml`; SQLite's own default is 2 GiB). Only the file's size
/// is mapped, and mapped pages are the kernel's page cache, shared by every connection.
pub(super) const MMAP_BYTES: i64 = 1 << 38;
/// Connections kept between reads; more are opened while more reads run at once.
const KEEP: usize = 16;
/// How long a read waits on a lock: in WAL mode only while a crashed writer's log is
/// recovered, which is rare and short.
const BUSY: Duration = Duration::from_millis(500);
/// How long a connection's read transaction serves further reads, at most. Beginning and
/// ending one costs a page-key read about a third of its time (shared-memory locks, and a
/// mutex every connection to the file shares), so under load one transaction serves
/// hundreds of reads. A write this process commits ends them: SQLite's commit hook counts
/// it (`Commits`), so it shows to every read that starts after the commit returns (a read
/// that starts while the commit is being written may keep the older snapshot, for this
/// long at most). Other processes' writes show within this long.
pub(super) const HOLD: Duration = Duration::from_millis(10);

/// A pool of read connections to one SQLite file.
#[derive(Debug)]
pub(super) struct Readers {
    path: PathBuf,
    shared: Arc<Shared>,
    /// Advanced by every write this process commits (`Commits`).
    commits: Commits,
}

/// Counts this process's commits to the file: the sqlx pool's connections advance it from
/// SQLite's commit hook, and a reader whose transaction began before the latest commit
/// begins a new one.
#[derive(Debug, Clone, Default)]
pub(super) struct Commits(Arc<AtomicU64>);

impl Commits {
    /// Called by SQLite as a write transaction commits.
    pub(super) fn committed(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    fn seen(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// The idle connections, and the thread that ends their read transactions once they are
/// [`HOLD`] old.
#[derive(Debug, Default)]
struct Shared {
    idle: Mutex<Idle>,
    /// Signalled when a connection comes back holding a transaction, and on close.
    held: Condvar,
}

#[derive(Debug, Default)]
struct Idle {
    readers: Vec<Reader>,
    /// The sweeper waits to be told that a transaction is held again.
    sweeper_asleep: bool,
    closed: bool,
}

/// A connection and the read transaction it holds, if any.
#[derive(Debug)]
struct Reader {
    conn: Connection,
    /// When its transaction began, and the count of commits it saw then.
    held: Option<(Instant, u64)>,
}

impl Reader {
    /// Ends the read transaction, if one is held.
    fn release(&mut self) -> rusqlite::Result<()> {
        if self.held.take().is_some() {
            self.conn.prepare_cached("COMMIT")?.execute([])?;
        }
        Ok(())
    }
}

impl Readers {
    pub(super) fn new(path: &Path, commits: Commits) -> Self {
        let shared = Arc::new(Shared::default());
        let sweeping = shared.clone();
        // Without the thread, reads still work; idle transactions then end on next use.
        let _ = std::thread::Builder::new()
            .name("wismo-sqlite-readers".into())
            .spawn(move || sweep(&sweeping));
        Self {
            path: path.to_owned(),
            shared,
            commits,
        }
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY)?;
        conn.pragma_update(None, "query_only", true)?;
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        Ok(conn)
    }

    /// Runs `read` in a read transaction, so everything it reads is one snapshot: the
    /// connection's open one if it is younger than [`HOLD`] and no write committed here
    /// since it began, else a new one.
    fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.read_in(false, read)
    }

    /// Runs `read` as [`read`](Self::read) does, in a read transaction begun now, so it
    /// also sees what other processes committed in the last [`HOLD`].
    fn read_fresh<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.read_in(true, read)
    }

    fn read_in<T>(&self, fresh: bool, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let idle = self.shared.lock().readers.pop();
        let mut reader = match idle {
            Some(reader) => reader,
            None => Reader {
                conn: self.open()?,
                held: None,
            },
        };
        let commits = self.commits.seen();
        let current = !fresh
            && reader
                .held
                .is_some_and(|(since, seen)| seen == commits && since.elapsed() < HOLD);
        if !current {
            reader.release()?;
            // Deferred: the snapshot is taken by the first read, after `commits` was read,
            // so a write committed since then is counted and ends this transaction.
            reader.conn.prepare_cached("BEGIN")?.execute([])?;
            reader.held = Some((Instant::now(), commits));
        }
        let result = read(&reader.conn);
        // After a failed read, the transaction ends; a connection that cannot end it is
        // dropped, not reused.
        if result.is_err() && reader.release().is_err() {
            return result;
        }
        let mut idle = self.shared.lock();
        if idle.readers.len() < KEEP && !idle.closed {
            idle.readers.push(reader);
            // The sweeper sleeps until the oldest idle transaction is due, or, with none
            // held, until told: once, not on every read of a busy pool.
            let wake = std::mem::take(&mut idle.sweeper_asleep);
            drop(idle);
            if wake {
                self.shared.held.notify_one();
            }
        }
        result
    }

    /// What serving a stored page for `token` needs, as [`crate::PageStore::page_key`].
    pub(super) fn page_key(
        &self,
        token: &ShipmentToken,
        build: &str,
        host: Option<&str>,
    ) -> Result<Option<PageKey>> {
        let params = rusqlite::params![token.as_str(), build, host];
        self.read(|conn| match page_key(conn, STORED_PAGES, params)? {
            Some(key) => Ok(Some(key)),
            None => page_key(conn, PAGE_KEY, params),
        })
    }

    /// What the tracking page shows for `token`, as [`crate::TrackingStore::tracking_view`].
    pub(super) fn tracking_view(&self, token: &ShipmentToken) -> Result<Option<TrackingView>> {
        self.read(|conn| {
            let shipments = all(conn, VIEW_SHIPMENTS, token.as_str(), |row| {
                rows::shipment(row)
            })?;
            let Some(focus) = shipments.iter().find(|s| s.token == *token) else {
                return Ok(None);
            };
            let (focus, order_id, store_id) = (focus.id, focus.order_id, focus.store_id);
            let store = one(conn, VIEW_STORE, store_id.0, |row| {
                Ok((rows::store(row)?, row.get::<_, i64>("store_revision")?))
            })?;
            let order = one(conn, VIEW_ORDER, order_id.0, |row| {
                Ok((rows::order(row)?, row.get::<_, i64>("order_revision")?))
            })?;
            let events = all(conn, VIEW_EVENTS, order_id.0, |row| rows::event(row))?;
            let (Some((store, store_revision)), Some((mut order, order_revision))) = (store, order)
            else {
                return Ok(None);
            };
            order.shipments = shipments;
            Ok(Some(TrackingView {
                store,
                events: rows::group_events(&order.shipments, events),
                order,
                focus: Some(focus),
                revision: PageRevision {
                    order: order_revision,
                    store: store_revision,
                },
            }))
        })
    }

    /// What sending notification `id` needs, as [`crate::NotificationStore::sending`]: four
    /// indexed reads in a snapshot taken now (the message's status and the customer's
    /// consent as they stand, whichever process changed them).
    pub(super) fn sending(&self, id: i64) -> Result<Option<Sending>> {
        self.read_fresh(|conn| {
            let notification = one(conn, &SENDING, id, |row| {
                Ok((
                    rows::notification(row)?,
                    row.get::<_, Option<String>>("domain")?,
                    row.get::<_, Option<String>>("previous")?,
                ))
            })?;
            let Some((notification, domain, previous)) = notification else {
                return Ok(None);
            };
            let Some(store) = one(conn, VIEW_STORE, notification.store_id.0, |row| {
                rows::store(row)
            })?
            else {
                return Ok(None);
            };
            let mut order = one(conn, VIEW_ORDER, notification.order_id.0, |row| {
                rows::order(row)
            })?
            .filter(|order| order.store_id == notification.store_id);
            if let Some(order) = &mut order {
                order.shipments = all(conn, VIEW_ORDER_SHIPMENTS, order.id.0, |row| {
                    rows::shipment(row)
                })?;
            }
            Ok(Some(Sending {
                notification,
                order,
                store,
                domain,
                previous,
            }))
        })
    }

    /// What the order page shows for `token`, as [`crate::OrderStore::order_view`].
    pub(super) fn order_view(&self, token: &OrderToken) -> Result<Option<TrackingView>> {
        self.read(|conn| {
            let order = one(conn, VIEW_ORDER_BY_TOKEN, token.as_str(), |row| {
                Ok((rows::order(row)?, row.get::<_, i64>("order_revision")?))
            })?;
            let Some((mut order, order_revision)) = order else {
                return Ok(None);
            };
            order.shipments = all(conn, VIEW_ORDER_SHIPMENTS, order.id.0, |row| {
                rows::shipment(row)
            })?;
            let store = one(conn, VIEW_STORE, order.store_id.0, |row| {
                Ok((rows::store(row)?, row.get::<_, i64>("store_revision")?))
            })?;
            let events = all(conn, VIEW_EVENTS, order.id.0, |row| rows::event(row))?;
            let Some((store, store_revision)) = store else {
                return Ok(None);
            };
            Ok(Some(TrackingView {
                store,
                events: rows::group_events(&order.shipments, events),
                order,
                focus: None,
                revision: PageRevision {
                    order: order_revision,
                    store: store_revision,
                },
            }))
        })
    }
}

impl Drop for Readers {
    fn drop(&mut self) {
        let mut idle = self.shared.lock();
        idle.closed = true;
        idle.readers.clear();
        drop(idle);
        self.shared.held.notify_all();
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Idle> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Ends the read transactions idle connections hold once they are [`HOLD`] old, so an idle
/// reader never keeps an old snapshot (and the WAL file growing behind it). Sleeps while
/// none is held; returns when the pool closes.
fn sweep(shared: &Shared) {
    let mut idle = shared.lock();
    while !idle.closed {
        // A connection that cannot end its transaction is closed.
        idle.readers.retain_mut(|reader| {
            let due = reader
                .held
                .is_some_and(|(since, _)| since.elapsed() >= HOLD);
            !due || reader.release().is_ok()
        });
        let oldest = idle
            .readers
            .iter()
            .filter_map(|r| r.held)
            .map(|(since, _)| since)
            .min();
        idle = match oldest {
            Some(since) => {
                let left = HOLD.saturating_sub(since.elapsed());
                shared
                    .held
                    .wait_timeout(idle, left)
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
            None => {
                idle.sweeper_asleep = true;
                shared.held.wait(idle).unwrap_or_else(|e| e.into_inner())
            }
        };
    }
}

/// A page key from `sql` ([`STORED_PAGES`] or [`PAGE_KEY`]): a row per stored page, or one
/// row without a page.
fn page_key(
    conn: &Connection,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Option<PageKey>> {
    let mut statement = conn.prepare_cached(sql)?;
    let mut rows = statement.query(params)?;
    let mut key: Option<PageKey> = None;
    while let Some(row) = rows.next()? {
        let key = match &mut key {
            Some(key) => key,
            None => key.insert(rows::page_key(row)?),
        };
        if let Some(lang) = row.get::<_, Option<String>>("lang")? {
            let body = row.get::<_, Vec<u8>>("body")?;
            key.pages.push(StoredPage { lang, body });
        }
    }
    Ok(key)
}

/// Every row of a one-parameter query, decoded.
fn all<T>(
    conn: &Connection,
    sql: &str,
    param: impl rusqlite::ToSql,
    decode: impl Fn(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    let mut rows = statement.query([param])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(decode(row)?);
    }
    Ok(out)
}

/// The row of a one-parameter query, if there is one, decoded.
fn one<T>(
    conn: &Connection,
    sql: &str,
    param: impl rusqlite::ToSql,
    decode: impl Fn(&Row<'_>) -> Result<T>,
) -> Result<Option<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    statement
        .query_row([param], |row| Ok(decode(row)))
        .optional()?
        .transpose()
}
