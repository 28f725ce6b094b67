//! Stores (tenants) and their API keys, on SQLite.

use sqlx::types::Json;
use wismo_domain::{Branding, NewStore, StoreId};

use super::{SqliteStore, micros};
use crate::rows::{self, api_key_columns, store_columns};
use crate::shared;
use crate::transaction::finish;
use crate::{ApiKey, ApiKeyStore, NewApiKey, Result, StoreError, TenantStore, error};
use async_trait::async_trait;

#[async_trait]
impl TenantStore for SqliteStore {
    async fn create_store(&self, new: &NewStore) -> Result<wismo_domain::Tenant> {
        let row = sqlx::query(concat!(
            "INSERT INTO stores (slug, name, branding, default_locale, timezone, created_at) \
             VALUES (?1, ?2, '{}', ?3, ?4, ?5) RETURNING ",
            store_columns!()
        ))
        .bind(new.slug.as_str())
        .bind(&new.name)
        .bind(new.default_locale.as_str())
        .bind(new.timezone.as_str())
        .bind(micros(self.now()))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| error::store_write(e, new.slug.as_str()))?;
        rows::store(&row)
    }

    async fn list_stores(&self) -> Result<Vec<wismo_domain::Tenant>> {
        shared::sqlite::list_stores(&self.pool).await
    }

    async fn get_store(&self, id: StoreId) -> Result<wismo_domain::Tenant> {
        shared::sqlite::get_store(&self.pool, id).await
    }

    async fn get_store_by_slug(&self, slug: &str) -> Result<wismo_domain::Tenant> {
        shared::sqlite::get_store_by_slug(&self.pool, slug).await
    }

    async fn update_branding(
        &self,
        id: StoreId,
        branding: &Branding,
        jobs: &[crate::NewJob],
    ) -> Result<wismo_domain::Tenant> {
        let now = self.now();
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let row = sqlx::query(concat!(
            "UPDATE stores SET branding = json_set(?1, '$.logo_version', json_extract(branding, '$.logo_version')) \
             WHERE id = ?2 RETURNING ",
            store_columns!()
        ))
            .bind(Json(branding))
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            let store = rows::store(&row.ok_or(StoreError::NotFound("store"))?)?;
            for job in jobs {
                super::jobs::insert_job(&mut tx, job, now).await?;
            }
            Ok(store)
        }
        .await;
        finish(tx, result).await
    }

    async fn set_store_logo(
        &self,
        id: StoreId,
        logo: &crate::StoreLogo,
    ) -> Result<wismo_domain::Tenant> {
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let row = sqlx::query(concat!(
                "UPDATE stores SET branding = json_set(branding, '$.logo_version', ?2) WHERE id = ?1 RETURNING ",
                store_columns!()
            ))
            .bind(id.0)
            .bind(&logo.version)
            .fetch_optional(&mut *tx)
            .await?;
            let store = rows::store(&row.ok_or(StoreError::NotFound("store"))?)?;
            sqlx::query(
                "INSERT INTO store_logos (store_id, content_type, bytes, version, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (store_id) DO UPDATE SET \
                 content_type = excluded.content_type, bytes = excluded.bytes, version = excluded.version, \
                 updated_at = excluded.updated_at",
            )
            .bind(id.0)
            .bind(&logo.content_type)
            .bind(&logo.bytes)
            .bind(&logo.version)
            .bind(micros(self.now()))
            .execute(&mut *tx)
            .await?;
            Ok(store)
        }
        .await;
        finish(tx, result).await
    }

    async fn store_logo(&self, slug: &str) -> Result<Option<crate::StoreLogo>> {
        shared::sqlite::store_logo(&self.pool, slug).await
    }

    async fn set_store_hosts(
        &self,
        id: StoreId,
        hosts: &crate::StoreHosts,
    ) -> Result<crate::StoreHosts> {
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM stores WHERE id = ?1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
            exists.ok_or(StoreError::NotFound("store"))?;
            for domain in &hosts.domains {
                let owner: Option<i64> =
                    sqlx::query_scalar("SELECT store_id FROM store_domains WHERE domain = ?1")
                        .bind(domain)
                        .fetch_optional(&mut *tx)
                        .await?;
                if owner.is_some_and(|owner| owner != id.0) {
                    return Err(StoreError::Conflict(format!(
                        "the domain `{domain}` belongs to another store"
                    )));
                }
            }
            sqlx::query("DELETE FROM store_domains WHERE store_id = ?1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM widget_origins WHERE store_id = ?1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            for domain in &hosts.domains {
                sqlx::query("INSERT INTO store_domains (domain, store_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .bind(domain)
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
            }
            for origin in &hosts.widget_origins {
                sqlx::query("INSERT INTO widget_origins (store_id, origin) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .bind(id.0)
                    .bind(origin)
                    .execute(&mut *tx)
                    .await?;
            }
            read_hosts(&mut tx, id).await
        }
        .await;
        finish(tx, result).await
    }

    async fn store_hosts(&self, id: StoreId) -> Result<crate::StoreHosts> {
        let mut conn = self.pool.acquire().await?;
        read_hosts(&mut conn, id).await
    }

    async fn store_by_domain(&self, domain: &str) -> Result<Option<wismo_domain::Tenant>> {
        shared::sqlite::store_by_domain(&self.pool, domain).await
    }
}

#[async_trait]
impl ApiKeyStore for SqliteStore {
    async fn create_api_key(&self, store: StoreId, new: &NewApiKey) -> Result<ApiKey> {
        let row = sqlx::query(concat!(
            "INSERT INTO api_keys (store_id, name, prefix, hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING ",
            api_key_columns!()
        ))
        .bind(store.0)
        .bind(&new.name)
        .bind(&new.prefix)
        .bind(&new.hash)
        .bind(micros(self.now()))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| error::api_key_write(e, &new.prefix))?;
        rows::api_key(&row)
    }

    async fn list_api_keys(&self, store: StoreId) -> Result<Vec<ApiKey>> {
        shared::sqlite::list_api_keys(&self.pool, store).await
    }

    async fn revoke_api_key(&self, id_or_prefix: &str) -> Result<ApiKey> {
        let now = micros(self.now());
        // A number is tried as an id first, then, like anything else, as a prefix.
        if let Ok(id) = id_or_prefix.parse::<i64>() {
            let row = sqlx::query(concat!(
                "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?1) WHERE id = ?2 RETURNING ",
                api_key_columns!()
            ))
            .bind(now)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
            if let Some(row) = row {
                return rows::api_key(&row);
            }
        }
        let row = sqlx::query(concat!(
            "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?1) WHERE prefix = ?2 RETURNING ",
            api_key_columns!()
        ))
        .bind(now)
        .bind(id_or_prefix)
        .fetch_optional(&self.pool)
        .await?;
        rows::api_key(&row.ok_or(StoreError::NotFound("API key"))?)
    }

    async fn authenticate_api_key(&self, hash: &str) -> Result<Option<ApiKey>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            api_key_columns!(),
            " FROM api_keys WHERE hash = ?1 AND revoked_at IS NULL"
        ))
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(mut key) = row.as_ref().map(rows::api_key).transpose()? else {
            return Ok(None);
        };
        // Marked used at most once a minute, so that a read through the API stays a read.
        let now = self.now();
        if key
            .last_used_at
            .is_none_or(|used| now - used >= chrono::Duration::minutes(1))
        {
            sqlx::query("UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2")
                .bind(micros(now))
                .bind(key.id.0)
                .execute(&self.pool)
                .await?;
            key.last_used_at = Some(now);
        }
        Ok(Some(key))
    }
}

async fn read_hosts(conn: &mut sqlx::SqliteConnection, id: StoreId) -> Result<crate::StoreHosts> {
    let domains: Vec<String> =
        sqlx::query_scalar("SELECT domain FROM store_domains WHERE store_id = ?1 ORDER BY domain")
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    let widget_origins: Vec<String> =
        sqlx::query_scalar("SELECT origin FROM widget_origins WHERE store_id = ?1 ORDER BY origin")
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    Ok(crate::StoreHosts {
        domains,
        widget_origins,
    })
}

#[async_trait]
impl crate::PromiseStore for SqliteStore {
    async fn promise_samples(
        &self,
        store: StoreId,
        lane: &wismo_domain::promise::Lane,
    ) -> Result<wismo_domain::promise::PromiseSamples> {
        shared::sqlite::promise_samples(&self.pool, store, lane).await
    }

    async fn set_order_cutoff(
        &self,
        store: StoreId,
        cutoff: wismo_domain::OrderCutoff,
    ) -> Result<wismo_domain::Tenant> {
        let (_turn, mut tx) = self.write().await?;
        let result = async {
            let row = sqlx::query(concat!(
                "UPDATE stores SET order_cutoff = ?2 WHERE id = ?1 RETURNING ",
                store_columns!()
            ))
            .bind(store.0)
            .bind(cutoff.to_string())
            .fetch_optional(&mut *tx)
            .await?;
            rows::store(&row.ok_or(StoreError::NotFound("store"))?)
        }
        .await;
        finish(tx, result).await
    }
}
