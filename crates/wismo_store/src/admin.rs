//! The merchant admin as stored: users, their sessions, one-time links, and what the
//! admin's screens read (the attention list, search, an order's requests).
//!
//! The store keeps hashes only (SHA-256 hex of session ids and link tokens, argon2id PHC
//! strings of passwords); the server makes them. Whether a session has expired is the
//! domain's decision ([`wismo_domain::admin::SessionPolicy`]): the store returns the row's
//! times and deletes it when told.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wismo_domain::admin::{LinkPurpose, Role, User, UserId};
use wismo_domain::{Email, NewStore, OrderId, OrderNumber, RequestId, StoreId};

use crate::Result;

/// A user to create; `password_hash` is `None` when they will set it through a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub store_id: StoreId,
    pub email: Email,
    pub role: Role,
    pub password_hash: Option<String>,
}

/// A user with what signing in checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInUser {
    pub user: User,
    pub password_hash: Option<String>,
}

/// A new session: the hash of its cookie's value and its CSRF token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub id_hash: String,
    pub user: UserId,
    pub csrf: String,
}

/// A session as stored, with its user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// A new one-time link: the hash of its token, what it is for, and whom or which store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    pub token_hash: String,
    pub purpose: LinkPurpose,
    pub user: Option<UserId>,
    pub store: Option<StoreId>,
    pub expires_at: DateTime<Utc>,
}

/// A link that is still good, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub purpose: LinkPurpose,
    /// The user whose password it sets.
    pub user: Option<User>,
    /// The store a first-run link claims (`None`: a new one is made).
    pub store: Option<StoreId>,
    pub expires_at: DateTime<Utc>,
}

/// What using a link writes: the password's hash and, for a first-run link, the owner's
/// email and the store to make when it names none.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkUse {
    pub password_hash: String,
    pub email: Option<Email>,
    pub new_store: Option<NewStore>,
}

/// Why a row is on the attention list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttentionKind {
    Exception,
    ActionRequired,
    Delayed,
    Expired,
    /// A customer's request still open.
    Request,
    /// A message that could not be sent.
    FailedNotification,
    /// An order raised as not shipped in time that still has no parcel.
    NotShipped,
}

impl AttentionKind {
    pub const ALL: [Self; 7] = [
        Self::Exception,
        Self::ActionRequired,
        Self::Delayed,
        Self::Expired,
        Self::Request,
        Self::FailedNotification,
        Self::NotShipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exception => "exception",
            Self::ActionRequired => "action_required",
            Self::Delayed => "delayed",
            Self::Expired => "expired",
            Self::Request => "request",
            Self::FailedNotification => "failed_notification",
            Self::NotShipped => "not_shipped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One row of the attention list: what, since when, about which order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionRow {
    pub kind: AttentionKind,
    pub order_id: OrderId,
    pub order_number: OrderNumber,
    /// When it began: the parcel's last scan (else its registration), the request's or the
    /// message's creation.
    pub since: DateTime<Utc>,
    /// The detail: the parcel's substatus, the request's kind, the message's channel.
    pub detail: Option<String>,
    /// The shipment, request or notification it is.
    pub subject: i64,
}

/// Where a page of the attention list starts: after this row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionCursor {
    pub since: DateTime<Utc>,
    pub kind: AttentionKind,
    pub subject: i64,
}

impl AttentionCursor {
    /// `micros.kind.subject`, for a query string.
    pub fn encode(&self) -> String {
        format!(
            "{}.{}.{}",
            self.since.timestamp_micros(),
            self.kind.as_str(),
            self.subject
        )
    }

    pub fn decode(s: &str) -> Option<Self> {
        let mut parts = s.splitn(3, '.');
        let since = DateTime::from_timestamp_micros(parts.next()?.parse().ok()?)?;
        let kind = AttentionKind::parse(parts.next()?)?;
        let subject = parts.next()?.parse().ok()?;
        Some(Self {
            since,
            kind,
            subject,
        })
    }

    pub fn after(row: &AttentionRow) -> Self {
        Self {
            since: row.since,
            kind: row.kind,
            subject: row.subject,
        }
    }
}

/// A page of the attention list, oldest first, with the count of each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttentionPage {
    pub counts: Vec<(AttentionKind, u64)>,
    pub rows: Vec<AttentionRow>,
}

/// An order found by the admin's search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundOrder {
    pub id: OrderId,
    pub order_number: OrderNumber,
    pub customer_name: Option<String>,
    pub customer_email: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A customer's request with what the merchant wrote when handling it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandledNote {
    pub request: RequestId,
    pub note: Option<String>,
    pub handled_at: Option<DateTime<Utc>>,
}

/// The merchant admin's users, sessions, links and reads. Every method taking a
/// `StoreId` sees only that store's rows.
#[async_trait]
pub trait AdminStore: Send + Sync {
    /// How many users the server has (none: the first run's link is printed).
    async fn count_users(&self) -> Result<u64>;

    /// Creates a user. An email another user has (in any store) is
    /// [`StoreError::Conflict`](crate::StoreError::Conflict); an unknown store NotFound.
    async fn create_user(&self, new: &NewUser) -> Result<User>;

    /// A store's users, oldest first.
    async fn list_users(&self, store: StoreId) -> Result<Vec<User>>;

    /// The user with this email (any case), with their password's hash.
    async fn user_for_sign_in(&self, email: &str) -> Result<Option<SignInUser>>;

    /// Keeps a new one-time link.
    async fn create_link(&self, new: &NewLink) -> Result<()>;

    /// The link with this token hash while it is good (not used, not expired; a first-run
    /// link only while the server has no user).
    async fn link(&self, token_hash: &str) -> Result<Option<Link>>;

    /// Uses a good link, in one transaction: sets its user's password (ending their
    /// sessions), or for a first-run link makes the owner of its store (or of a new store
    /// made now); the link is gone after. A used or expired link is NotFound, and so is a
    /// first-run link once anyone has signed up (another start printed one too); an email
    /// taken, or a store's slug, Conflict.
    async fn use_link(&self, token_hash: &str, with: &LinkUse) -> Result<User>;

    /// Starts a session.
    async fn create_session(&self, new: &NewSession) -> Result<()>;

    /// The session with this id hash, with its user.
    async fn session(&self, id_hash: &str) -> Result<Option<Session>>;

    /// Records that the session was used now.
    async fn touch_session(&self, id_hash: &str) -> Result<()>;

    /// Ends one session (signing out, or expired).
    async fn end_session(&self, id_hash: &str) -> Result<()>;

    /// Ends every session of a user; how many there were.
    async fn end_user_sessions(&self, user: UserId) -> Result<u64>;

    /// Deletes the store's user `user`, their sessions and links with them. NotFound when
    /// the store has no such user.
    async fn delete_user(&self, store: StoreId, user: UserId) -> Result<()>;

    /// Gives the store's user `user` the role `role` (from their next page on). NotFound
    /// when the store has no such user.
    async fn set_user_role(&self, store: StoreId, user: UserId, role: Role) -> Result<()>;

    /// Deletes sessions last used before `idle_before` or started before `started_before`,
    /// and links expired by now; how many rows went. Run at each sign-in, so the tables
    /// hold only what can still be used.
    async fn purge_sessions(
        &self,
        idle_before: DateTime<Utc>,
        started_before: DateTime<Utc>,
    ) -> Result<u64>;

    /// The store's attention list: counts per kind, and up to `limit` rows of `kind` (all
    /// kinds when `None`) after `after`, oldest first. Expired parcels are listed for
    /// [`EXPIRED_LISTED_FOR`] after they expired.
    async fn attention(
        &self,
        store: StoreId,
        kind: Option<AttentionKind>,
        after: Option<&AttentionCursor>,
        limit: u32,
    ) -> Result<AttentionPage>;

    /// The store's orders whose number, customer email or name, or a parcel's tracking
    /// number matches `query`, newest first, before order `before`, at most `limit`.
    async fn search_orders(
        &self,
        store: StoreId,
        query: &str,
        before: Option<OrderId>,
        limit: u32,
    ) -> Result<Vec<FoundOrder>>;

    /// What was written when the order's customer requests were handled.
    async fn handled_notes(&self, store: StoreId, order: OrderId) -> Result<Vec<HandledNote>>;

    /// Marks a request handled with the merchant's note. Another store's request is
    /// NotFound; handling twice keeps the first note.
    async fn handle_request(&self, store: StoreId, id: RequestId, note: Option<&str>)
    -> Result<()>;
}

/// What a search looks for: the order number's key, the email in lower case, the tracking
/// number as stored, and the words of a name.
pub(crate) struct SearchTerms {
    pub key: Option<String>,
    pub lower: String,
    pub tracking: Option<String>,
    /// The query's words for a search by name: runs of letters and digits in lower case, of
    /// at least [`NAME_WORD_MIN`] characters, at most [`NAME_WORDS_MAX`] of them. Each but
    /// the last is a whole word of the customer's name, the last the start of one (`gar`
    /// and `ana gar` find "Ana García").
    pub words: Vec<String>,
}

/// A word shorter than this is left out of a search by name: one letter would match most
/// names and read most of the index.
pub const NAME_WORD_MIN: usize = 2;
/// At most this many words of a query are looked for in names.
pub const NAME_WORDS_MAX: usize = 8;

impl SearchTerms {
    pub(crate) fn new(query: &str) -> Self {
        let lower = query.trim().to_lowercase();
        let words = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= NAME_WORD_MIN)
            .take(NAME_WORDS_MAX)
            .map(str::to_owned)
            .collect();
        Self {
            key: OrderNumber::parse(query).ok().map(|n| n.key()),
            lower,
            tracking: wismo_domain::TrackingNumber::parse(query)
                .ok()
                .map(|t| t.as_str().to_owned()),
            words,
        }
    }

    /// The words as an SQLite FTS5 query (`"ana" "gar"*`), or `None` when there is no word
    /// to look for: every word but the last is a whole word of the name, the last the start
    /// of one, as a name is typed. (A whole word reads its list of orders a piece at a time;
    /// a start is every word it begins merged first, which for a word most names share is
    /// most of the index.) The words hold only letters and digits, so quoting them is
    /// enough.
    pub(crate) fn fts5(&self) -> Option<String> {
        self.query(|w| format!("\"{w}\""), |w| format!("\"{w}\"*"), " ")
    }

    /// The words as a PostgreSQL `tsquery` in the `simple` configuration (`ana & gar:*`),
    /// read as [`fts5`](Self::fts5) reads them.
    pub(crate) fn tsquery(&self) -> Option<String> {
        self.query(|w| w.to_owned(), |w| format!("{w}:*"), " & ")
    }

    fn query(
        &self,
        whole: impl Fn(&str) -> String,
        start: impl Fn(&str) -> String,
        and: &str,
    ) -> Option<String> {
        let (last, before) = self.words.split_last()?;
        let mut parts: Vec<String> = before.iter().map(|w| whole(w)).collect();
        parts.push(start(last));
        Some(parts.join(and))
    }
}

/// The newest first of two searches' orders, each once, at most `limit`.
pub(crate) fn merge_found(
    mut found: Vec<FoundOrder>,
    by_name: Vec<FoundOrder>,
    limit: u32,
) -> Vec<FoundOrder> {
    found.extend(by_name);
    found.sort_by_key(|o| std::cmp::Reverse(o.id.0));
    found.dedup_by_key(|o| o.id.0);
    found.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    found
}

/// The store's orders whose number, customer email or a parcel's tracking number is the
/// query (`$1` store, `$2` order key, `$3` email, `$4` tracking number, `$5` before id, `$6`
/// limit): the same SQL on both engines. Each branch reads an index, and only the orders
/// they found are read (never the store's orders in turn).
pub(crate) const SEARCH_ORDERS: &str = "SELECT o.id, o.order_number, o.customer_name, o.customer_email, o.created_at \
     FROM (SELECT id FROM orders WHERE store_id = $1 AND order_key = $2 \
       UNION SELECT id FROM orders WHERE store_id = $1 AND lower(customer_email) = $3 \
       UNION SELECT order_id FROM shipments WHERE store_id = $1 AND tracking_number = $4) AS hit \
     JOIN orders o ON o.id = hit.id \
     WHERE o.store_id = $1 AND ($5 IS NULL OR hit.id < $5) \
     ORDER BY hit.id DESC LIMIT $6";

/// The store's orders whose customer's name has words starting with the query's words, on
/// SQLite (`$1` store, `$2` the FTS5 query, `$3` before id, `$4` limit): the `order_names`
/// full-text index (migration 0031), read newest first.
pub(crate) const SEARCH_BY_NAME_SQLITE: &str = "SELECT o.id, o.order_number, o.customer_name, o.customer_email, o.created_at \
     FROM order_names JOIN orders o ON o.id = order_names.rowid \
     WHERE order_names MATCH $2 AND o.store_id = $1 AND ($3 IS NULL OR order_names.rowid < $3) \
     ORDER BY order_names.rowid DESC LIMIT $4";

/// The same on PostgreSQL (`$2` the `tsquery`): the GIN index on the name's words
/// (migration 0031).
pub(crate) const SEARCH_BY_NAME_POSTGRES: &str = "SELECT o.id, o.order_number, o.customer_name, o.customer_email, o.created_at \
     FROM orders o \
     WHERE o.store_id = $1 AND to_tsvector('simple', COALESCE(o.customer_name, '')) @@ to_tsquery('simple', $2) \
       AND ($3 IS NULL OR o.id < $3) \
     ORDER BY o.id DESC LIMIT $4";

/// The attention list's cursor condition on one branch's `since`, `kind` and `subject`
/// (`$4`, `$5`, `$6`: the cursor's instant, kind and subject, or NULL for the first page).
macro_rules! after_cursor {
    ($since:literal, $kind:literal, $subject:literal) => {
        concat!(
            " AND ($4 IS NULL OR ",
            $since,
            " > $4 OR (",
            $since,
            " = $4 AND (",
            $kind,
            " > $5 OR (",
            $kind,
            " = $5 AND ",
            $subject,
            " > $6))))"
        )
    };
}

/// One kind of the attention list's rows (`kind, order_id, since, detail, subject`) from
/// `$from_where`: its first `$7` after the cursor (`$3` a kind or NULL), oldest first.
macro_rules! attention_branch {
    ($alias:literal, $kind:literal, $since:literal, $detail:literal, $subject:literal, $order:literal, $from_where:literal) => {
        concat!(
            "SELECT * FROM (SELECT ",
            $kind,
            " AS kind, ",
            $order,
            " AS order_id, ",
            $since,
            " AS since, ",
            $detail,
            " AS detail, ",
            $subject,
            " AS subject ",
            $from_where,
            " AND ($3 IS NULL OR ",
            $kind,
            " = $3)",
            after_cursor!($since, $kind, $subject),
            " ORDER BY 3, 1, 5 LIMIT $7) AS ",
            $alias
        )
    };
}

/// A page of a store's attention list, oldest first (`$1` the store, `$2` the oldest
/// expiry still listed, `$3` a kind or NULL, `$4`, `$5`, `$6` the cursor's instant, kind
/// and subject or NULL, `$7` the limit): the same SQL on both engines. Each kind gives its
/// own first `$7` rows (the three live stages read `shipments_attention_since` in order,
/// migration 0031; expired parcels and failed messages, which would otherwise pile up
/// forever, are listed for [`EXPIRED_LISTED_FOR`] after they expired or were written,
/// through `shipments_expired` and `notifications_failed`; orders raised as not shipped in
/// time stay until a parcel is added or the order is cancelled, `orders_stalled`), and only
/// the rows shown are joined with their orders.
pub(crate) const ATTENTION_PAGE: &str = concat!(
    "SELECT t.kind, t.order_id, o.order_number, t.since, t.detail, t.subject FROM (",
    attention_branch!(
        "live",
        "s.stage",
        "COALESCE(s.last_event_at, s.created_at)",
        "s.substatus",
        "s.id",
        "s.order_id",
        "FROM shipments s WHERE s.store_id = $1 AND s.stage IN ('exception', 'action_required', 'delayed')"
    ),
    " UNION ALL ",
    attention_branch!(
        "gone",
        "s.stage",
        "COALESCE(s.last_event_at, s.created_at)",
        "s.substatus",
        "s.id",
        "s.order_id",
        "FROM shipments s WHERE s.store_id = $1 AND s.stage = 'expired' AND s.updated_at >= $2"
    ),
    " UNION ALL ",
    attention_branch!(
        "asked",
        "'request'",
        "r.created_at",
        "r.kind",
        "r.id",
        "s.order_id",
        "FROM customer_requests r JOIN shipments s ON s.id = r.shipment_id WHERE r.store_id = $1 AND r.status = 'open'"
    ),
    " UNION ALL ",
    attention_branch!(
        "failed",
        "'failed_notification'",
        "n.created_at",
        "n.channel",
        "n.id",
        "n.order_id",
        "FROM notifications n WHERE n.store_id = $1 AND n.status = 'failed' AND n.created_at >= $2"
    ),
    " UNION ALL ",
    attention_branch!(
        "stalled",
        "'not_shipped'",
        "COALESCE(o.placed_at, o.created_at)",
        "o.placed_via",
        "o.id",
        "o.id",
        "FROM orders o WHERE o.store_id = $1 AND o.stalled_at IS NOT NULL AND o.cancelled_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM shipments x WHERE x.order_id = o.id)"
    ),
    ") t JOIN orders o ON o.id = t.order_id ORDER BY t.since, t.kind, t.subject LIMIT $7"
);

/// How long an expired parcel, or a failed message, stays on the attention list.
pub const EXPIRED_LISTED_FOR: chrono::Duration = chrono::Duration::days(30);

/// Counts per kind of a store's attention list (`$1` the store, `$2` the oldest expiry),
/// the kinds with none left out. Each count reads an index only, and no order.
pub(crate) const ATTENTION_COUNTS: &str = "SELECT stage AS kind, COUNT(*) AS n FROM shipments \
     WHERE store_id = $1 AND stage IN ('exception', 'action_required', 'delayed') GROUP BY stage \
     UNION ALL SELECT 'expired', COUNT(*) FROM shipments \
     WHERE store_id = $1 AND stage = 'expired' AND updated_at >= $2 HAVING COUNT(*) > 0 \
     UNION ALL SELECT 'request', COUNT(*) FROM customer_requests \
     WHERE store_id = $1 AND status = 'open' HAVING COUNT(*) > 0 \
     UNION ALL SELECT 'failed_notification', COUNT(*) FROM notifications \
     WHERE store_id = $1 AND status = 'failed' AND created_at >= $2 HAVING COUNT(*) > 0 \
     UNION ALL SELECT 'not_shipped', COUNT(*) FROM orders o \
     WHERE o.store_id = $1 AND o.stalled_at IS NOT NULL AND o.cancelled_at IS NULL \
     AND NOT EXISTS (SELECT 1 FROM shipments x WHERE x.order_id = o.id) HAVING COUNT(*) > 0";

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn attention_cursors_round_trip() {
        let cursor = AttentionCursor {
            since: DateTime::from_timestamp_micros(1_770_000_000_123_456).unwrap(),
            kind: AttentionKind::FailedNotification,
            subject: 42,
        };
        assert_eq!(AttentionCursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(AttentionCursor::decode("1.nope.2"), None);
        assert_eq!(AttentionCursor::decode("garbage"), None);
    }
}
