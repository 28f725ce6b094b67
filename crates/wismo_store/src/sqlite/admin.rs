//! The merchant admin's users, sessions, links and reads, on SQLite.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wismo_domain::admin::{LinkPurpose, Role, User, UserId};
use wismo_domain::{OrderId, RequestId, StoreId};

use super::{SqliteStore, micros};
use crate::admin::{
    ATTENTION_COUNTS, ATTENTION_PAGE, AdminStore, AttentionCursor, AttentionKind, AttentionPage,
    EXPIRED_LISTED_FOR, FoundOrder, HandledNote, Link, LinkUse, NewLink, NewSession, NewUser,
    SEARCH_BY_NAME_SQLITE, SEARCH_ORDERS, SearchTerms, Session, SignInUser, merge_found,
};
use crate::error::{store_write, user_write};
use crate::rows::admin::{self as rows, joined_user_columns, user_columns};
use crate::transaction::finish;
use crate::{Result, StoreError};

#[async_trait]
impl AdminStore for SqliteStore {
    async fn count_users(&self) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM admin_users")
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn create_user(&self, new: &NewUser) -> Result<User> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let row = sqlx::query(concat!(
                "INSERT INTO admin_users (store_id, email, role, password_hash, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) RETURNING ",
                user_columns!()
            ))
            .bind(new.store_id.0)
            .bind(new.email.as_str().to_lowercase())
            .bind(new.role.as_str())
            .bind(new.password_hash.as_deref())
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(user_write)?;
            rows::user(&row)
        }
        .await;
        finish(tx, result).await
    }

    async fn list_users(&self, store: StoreId) -> Result<Vec<User>> {
        sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM admin_users WHERE store_id = ?1 ORDER BY id"
        ))
        .bind(store.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(rows::user)
        .collect()
    }

    async fn user_for_sign_in(&self, email: &str) -> Result<Option<SignInUser>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM admin_users WHERE email = ?1"
        ))
        .bind(email.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(SignInUser {
                user: rows::user(&row)?,
                password_hash: rows::password_hash(&row)?,
            })
        })
        .transpose()
    }

    async fn create_link(&self, new: &NewLink) -> Result<()> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            sqlx::query(
                "INSERT INTO admin_links (token_hash, purpose, user_id, store_id, created_at, expires_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .bind(&new.token_hash)
            .bind(new.purpose.as_str())
            .bind(new.user.map(|u| u.0))
            .bind(new.store.map(|s| s.0))
            .bind(now)
            .bind(micros(new.expires_at))
            .execute(&mut *tx)
            .await?;
            Ok(())
        }
        .await;
        finish(tx, result).await
    }

    async fn link(&self, token_hash: &str) -> Result<Option<Link>> {
        let row = sqlx::query(concat!(
            "SELECT l.purpose, l.user_id, l.store_id AS link_store_id, l.expires_at, ",
            joined_user_columns!(),
            " FROM admin_links l LEFT JOIN admin_users u ON u.id = l.user_id \
             WHERE l.token_hash = ?1 AND l.expires_at > ?2 \
               AND (l.purpose <> 'claim' OR NOT EXISTS (SELECT 1 FROM admin_users))"
        ))
        .bind(token_hash)
        .bind(micros(self.now()))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::link).transpose()
    }

    async fn use_link(&self, token_hash: &str, with: &LinkUse) -> Result<User> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let row: Option<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
                "DELETE FROM admin_links WHERE token_hash = ?1 AND expires_at > ?2 \
                   AND (purpose <> 'claim' OR NOT EXISTS (SELECT 1 FROM admin_users)) \
                 RETURNING purpose, user_id, store_id",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let (purpose, user, store) = row.ok_or(StoreError::NotFound("link"))?;
            let purpose = LinkPurpose::parse(&purpose).map_err(|e| StoreError::Corrupt {
                table: "admin_links",
                reason: e.to_string(),
            })?;
            match (purpose, user) {
                (LinkPurpose::SetPassword, Some(user)) => {
                    let row = sqlx::query(concat!(
                        "UPDATE admin_users SET password_hash = ?1 WHERE id = ?2 RETURNING ",
                        user_columns!()
                    ))
                    .bind(&with.password_hash)
                    .bind(user)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let user = rows::user(&row.ok_or(StoreError::NotFound("user"))?)?;
                    sqlx::query("DELETE FROM admin_sessions WHERE user_id = ?1")
                        .bind(user.id.0)
                        .execute(&mut *tx)
                        .await?;
                    Ok(user)
                }
                (LinkPurpose::SetPassword, None) => Err(StoreError::NotFound("user")),
                (LinkPurpose::Claim, _) => {
                    let email = with.email.as_ref().ok_or(StoreError::NotFound("email"))?;
                    let store = match (store, &with.new_store) {
                        (Some(store), _) => store,
                        (None, Some(new)) => {
                            let (id,): (i64,) = sqlx::query_as(
                                "INSERT INTO stores (slug, name, branding, default_locale, timezone, created_at) \
                                 VALUES (?1, ?2, '{}', ?3, ?4, ?5) RETURNING id",
                            )
                            .bind(new.slug.as_str())
                            .bind(&new.name)
                            .bind(new.default_locale.as_str())
                            .bind(new.timezone.as_str())
                            .bind(now)
                            .fetch_one(&mut *tx)
                            .await
                            .map_err(|e| store_write(e, new.slug.as_str()))?;
                            id
                        }
                        (None, None) => return Err(StoreError::NotFound("store")),
                    };
                    let row = sqlx::query(concat!(
                        "INSERT INTO admin_users (store_id, email, role, password_hash, created_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING ",
                        user_columns!()
                    ))
                    .bind(store)
                    .bind(email.as_str().to_lowercase())
                    .bind(Role::Owner.as_str())
                    .bind(&with.password_hash)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(user_write)?;
                    rows::user(&row)
                }
            }
        }
        .await;
        finish(tx, result).await
    }

    async fn create_session(&self, new: &NewSession) -> Result<()> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            sqlx::query(
                "INSERT INTO admin_sessions (id_hash, user_id, csrf, created_at, last_seen_at) \
                 VALUES (?1, ?2, ?3, ?4, ?4)",
            )
            .bind(&new.id_hash)
            .bind(new.user.0)
            .bind(&new.csrf)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        }
        .await;
        finish(tx, result).await
    }

    async fn session(&self, id_hash: &str) -> Result<Option<Session>> {
        let row = sqlx::query(concat!(
            "SELECT s.csrf, s.created_at AS session_created_at, s.last_seen_at, ",
            joined_user_columns!(),
            " FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id WHERE s.id_hash = ?1"
        ))
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::session).transpose()
    }

    async fn touch_session(&self, id_hash: &str) -> Result<()> {
        let now = micros(self.now());
        let _turn = self.turn().await;
        sqlx::query("UPDATE admin_sessions SET last_seen_at = ?1 WHERE id_hash = ?2")
            .bind(now)
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn end_session(&self, id_hash: &str) -> Result<()> {
        let _turn = self.turn().await;
        sqlx::query("DELETE FROM admin_sessions WHERE id_hash = ?1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn end_user_sessions(&self, user: UserId) -> Result<u64> {
        let _turn = self.turn().await;
        let done = sqlx::query("DELETE FROM admin_sessions WHERE user_id = ?1")
            .bind(user.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn delete_user(&self, store: StoreId, user: UserId) -> Result<()> {
        let _turn = self.turn().await;
        let done = sqlx::query("DELETE FROM admin_users WHERE id = ?1 AND store_id = ?2")
            .bind(user.0)
            .bind(store.0)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("user"));
        }
        Ok(())
    }

    async fn set_user_role(&self, store: StoreId, user: UserId, role: Role) -> Result<()> {
        let _turn = self.turn().await;
        let done = sqlx::query("UPDATE admin_users SET role = ?1 WHERE id = ?2 AND store_id = ?3")
            .bind(role.as_str())
            .bind(user.0)
            .bind(store.0)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("user"));
        }
        Ok(())
    }

    async fn purge_sessions(
        &self,
        idle_before: DateTime<Utc>,
        started_before: DateTime<Utc>,
    ) -> Result<u64> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let sessions = sqlx::query(
                "DELETE FROM admin_sessions WHERE last_seen_at < ?1 OR created_at < ?2",
            )
            .bind(micros(idle_before))
            .bind(micros(started_before))
            .execute(&mut *tx)
            .await?;
            let links = sqlx::query("DELETE FROM admin_links WHERE expires_at <= ?1")
                .bind(now)
                .execute(&mut *tx)
                .await?;
            Ok(sessions.rows_affected() + links.rows_affected())
        }
        .await;
        finish(tx, result).await
    }

    async fn attention(
        &self,
        store: StoreId,
        kind: Option<AttentionKind>,
        after: Option<&AttentionCursor>,
        limit: u32,
    ) -> Result<AttentionPage> {
        let expired_since = micros(self.now() - EXPIRED_LISTED_FOR);
        let mut tx = self.pool.begin().await?;
        let result = async {
            let counts = sqlx::query(ATTENTION_COUNTS)
                .bind(store.0)
                .bind(expired_since)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(rows::attention_count)
                .collect::<Result<Vec<_>>>()?;
            let rows = sqlx::query(ATTENTION_PAGE)
                .bind(store.0)
                .bind(expired_since)
                .bind(kind.map(AttentionKind::as_str))
                .bind(after.map(|c| micros(c.since)))
                .bind(after.map(|c| c.kind.as_str()))
                .bind(after.map(|c| c.subject))
                .bind(i64::from(limit))
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(rows::attention_row)
                .collect::<Result<Vec<_>>>()?;
            Ok(AttentionPage { counts, rows })
        }
        .await;
        finish(tx, result).await
    }

    async fn search_orders(
        &self,
        store: StoreId,
        query: &str,
        before: Option<OrderId>,
        limit: u32,
    ) -> Result<Vec<FoundOrder>> {
        let terms = SearchTerms::new(query);
        let found = sqlx::query(SEARCH_ORDERS)
            .bind(store.0)
            .bind(&terms.key)
            .bind(&terms.lower)
            .bind(&terms.tracking)
            .bind(before.map(|o| o.0))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(rows::found_order)
            .collect::<Result<Vec<_>>>()?;
        let Some(words) = terms.fts5() else {
            return Ok(found);
        };
        let by_name = sqlx::query(SEARCH_BY_NAME_SQLITE)
            .bind(store.0)
            .bind(words)
            .bind(before.map(|o| o.0))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(rows::found_order)
            .collect::<Result<Vec<_>>>()?;
        Ok(merge_found(found, by_name, limit))
    }

    async fn handled_notes(&self, store: StoreId, order: OrderId) -> Result<Vec<HandledNote>> {
        sqlx::query(
            "SELECT r.id, r.handled_note, r.handled_at FROM customer_requests r \
             JOIN shipments s ON s.id = r.shipment_id \
             WHERE r.store_id = ?1 AND s.order_id = ?2 ORDER BY r.id",
        )
        .bind(store.0)
        .bind(order.0)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(rows::handled_note)
        .collect()
    }

    async fn handle_request(
        &self,
        store: StoreId,
        id: RequestId,
        note: Option<&str>,
    ) -> Result<()> {
        let now = micros(self.now());
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let found: Option<(String,)> = sqlx::query_as(
                "SELECT status FROM customer_requests WHERE id = ?1 AND store_id = ?2",
            )
            .bind(id.0)
            .bind(store.0)
            .fetch_optional(&mut *tx)
            .await?;
            let (status,) = found.ok_or(StoreError::NotFound("request"))?;
            if status == "open" {
                sqlx::query(
                    "UPDATE customer_requests SET status = 'resolved', handled_note = ?1, handled_at = ?2 \
                     WHERE id = ?3 AND store_id = ?4",
                )
                .bind(note)
                .bind(now)
                .bind(id.0)
                .bind(store.0)
                .execute(&mut *tx)
                .await?;
            }
            Ok(())
        }
        .await;
        finish(tx, result).await
    }
}
