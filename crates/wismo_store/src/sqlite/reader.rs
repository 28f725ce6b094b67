//! The customer's page reads, on the calling thread.
//!
//! sqlx runs each SQLite connection on a thread of its own: every statement, and every row
//! it returns, is a message to that thread and back, with a wake-up on each side. For the
//! tracking page, the read customers make by the thousand, that traffic cost more than the
//! page itself (bench/README.md). So [`Readers`] keeps a few plain rusqlite connections to
//! the same file and runs the page's reads where they are asked for, with cached
//! statements: a link's page key and stored pages in one statement, or the whole view in
//! four indexed lookups in one read transaction; tens of microseconds either way. In WAL
//! mode a reader never waits for the writer, and the file is memory-mapped, so reading a
//! page of it is not a system call. Blocking the calling thread that long is cheaper than
//! handing the work to another thread and back.
//!
//! The connections are `query_only`: writes stay with the sqlx pool and its write queue.
//! They are opened read-write at the file level because a read-only connection cannot
//! recreate the WAL index (`-shm`) if the last writer closed and removed it.

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
use wismo_domain::ShipmentToken;

use crate::rows::{self, event_columns, order_columns, shipment_columns, store_columns};
use crate::{PageKey, PageRevision, Result, StoredPage, TrackingView};

/// A link's page key (its parcel, store, revisions, the languages to choose from and what
/// its expiry depends on), a row per page stored at those revisions by build `?2`, and the
/// store whose custom domain `?3` is. The branding is parsed for the expiry only once the
/// parcel is delivered.
const PAGE_KEY: &str = "SELECT s.id AS shipment_id, s.store_id, s.stage, s.delivered_at, \
    o.page_revision AS order_revision, st.page_revision AS store_revision, o.customer_locale, \
    st.default_locale, \
    CASE WHEN s.stage = 'delivered' THEN json_extract(st.branding, '$.link_expiry_days') END \
        AS link_expiry_days, \
    (SELECT d.store_id FROM store_domains d WHERE d.domain = ?3) AS host_store, p.lang, p.body \
    FROM shipments s JOIN orders o ON o.id = s.order_id JOIN stores st ON st.id = s.store_id \
    LEFT JOIN page_snapshots p ON p.shipment_id = s.id AND p.order_revision = o.page_revision \
        AND p.store_revision = st.page_revision AND p.build = ?2 \
    WHERE s.token = ?1";

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
pub(super) const VIEW_EVENTS: &str = concat!(
    "SELECT ",
    event_columns!(),
    " FROM tracking_events WHERE shipment_id IN (SELECT id FROM shipments WHERE order_id = ?1) \
     ORDER BY shipment_id, occurred_at, dedupe_key"
);

/// How much of the file each connection maps: SQLite caps it at its compile-time maximum
/// (2 GiB). Mapped pages are the kernel's page cache, shared by every connection.
const MMAP_BYTES: i64 = 1 << 31;
/// Connections kept between reads; more are opened while more reads run at once.
const KEEP: usize = 16;
/// How long a read waits on a lock: in WAL mode only while a crashed writer's log is
/// recovered, which is rare and short.
const BUSY: Duration = Duration::from_millis(500);

/// A pool of read connections to one SQLite file.
#[derive(Debug)]
pub(super) struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    pub(super) fn new(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
            idle: Mutex::new(Vec::new()),
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

    /// Runs `read` on an idle connection, or a new one.
    fn with<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.open()?,
        };
        let result = read(&conn);
        // A connection left inside a transaction (a failed COMMIT) is dropped, not reused.
        if conn.is_autocommit() {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < KEEP {
                idle.push(conn);
            }
        }
        result
    }

    /// Runs `read` in one read transaction, so everything it reads is one snapshot.
    fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.with(|conn| {
            conn.prepare_cached("BEGIN")?.execute([])?;
            let result = read(conn);
            let ended = conn.prepare_cached("COMMIT")?.execute([]);
            let value = result?;
            ended?;
            Ok(value)
        })
    }

    /// What serving a stored page for `token` needs, as [`crate::Store::page_key`].
    pub(super) fn page_key(
        &self,
        token: &ShipmentToken,
        build: &str,
        host: Option<&str>,
    ) -> Result<Option<PageKey>> {
        self.with(|conn| {
            let mut statement = conn.prepare_cached(PAGE_KEY)?;
            let mut rows = statement.query(rusqlite::params![token.as_str(), build, host])?;
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
        })
    }

    /// What the tracking page shows for `token`, as [`crate::Store::tracking_view`].
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
                focus,
                revision: PageRevision {
                    order: order_revision,
                    store: store_revision,
                },
            }))
        })
    }
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
