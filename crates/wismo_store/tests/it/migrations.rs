//! Migrations over rows already stored: orders made before order links get their tokens in
//! SQL (migration 0009), and a store whose slug has since been reserved still reads. Each
//! test builds the schema as it was before 0009 with raw SQL, then opens the store, which
//! runs the rest.

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AssertSqlSafe, SqlitePool};
use std::collections::HashSet;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use wismo_domain::ManualClock;
use wismo_store::Store;
use wismo_store::postgres::PgStore;
use wismo_store::sqlite::SqliteStore;

use crate::fixtures::{a_store, an_order, start};

/// The last migration before order links.
const BEFORE_ORDER_LINKS: i64 = 8;
const ORDERS: usize = 200;
/// Two orders stored before order numbers had one key, whose numbers differ only in case,
/// '#', a dash and a space: the migration keeps both, and the older one keeps the key.
const CLASHING: usize = 2;
const CLASHING_ORDERS: &str = "INSERT INTO orders (store_id, order_number, created_at) \
     SELECT id, 'SO-7', created_at FROM stores UNION ALL \
     SELECT id, '#so 7', created_at FROM stores";

async fn migrations(backend: &str) -> Migrator {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    Migrator::new(dir).await.unwrap()
}

/// What both backends must show after the migration: a store with the reserved slug
/// `integrations` and its orders, each with a token of its own that opens its page.
async fn check(store: &dyn Store) {
    let stores = store.list_stores().await.unwrap();
    assert_eq!(stores.len(), 1);
    let old = &stores[0];
    assert_eq!(old.slug.as_str(), "integrations");
    assert!(old.slug.is_reserved(), "reserved since, and still read");
    assert_eq!(
        store.get_store_by_slug("integrations").await.unwrap().id,
        old.id
    );

    let orders = store.list_orders(old.id, None, 1000).await.unwrap();
    assert_eq!(orders.len(), ORDERS + CLASHING);
    let tokens: HashSet<&str> = orders.iter().map(|o| o.token.as_str()).collect();
    assert_eq!(
        tokens.len(),
        ORDERS + CLASHING,
        "every order's token is its own"
    );
    let number = |s: &str| wismo_domain::OrderNumber::parse(s).unwrap();
    let found = store
        .find_order_by_number(old.id, &number("so7"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        found.order_number.as_str(),
        "SO-7",
        "the older order keeps the key"
    );
    let found = store
        .find_order_by_number(old.id, &number("42"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.order_number.as_str(), "#42", "found without its '#'");
    // Drawn at random: no character of the alphabet stays unused over 4800 draws.
    let alphabet: HashSet<char> = tokens.iter().flat_map(|t| t.chars()).collect();
    assert_eq!(alphabet.len(), 64, "{alphabet:?}");
    for order in [&orders[0], &orders[ORDERS - 1]] {
        let view = store.order_view(&order.token).await.unwrap().unwrap();
        assert_eq!(view.order.id, order.id);
    }

    // New orders get the server's tokens beside the migrated ones.
    let acme = a_store(store, "acme").await;
    let new = an_order(store, &acme, "#1", 1).await;
    assert!(!tokens.contains(new.token.as_str()));
}

#[tokio::test]
async fn sqlite_orders_made_before_order_links_get_unique_random_tokens() {
    let path = std::env::temp_dir().join(format!("wismo-mig-{:016x}.db", rand::random::<u64>()));
    let url = format!("sqlite://{}", path.display());
    let options = SqliteConnectOptions::from_str(&url)
        .unwrap()
        .create_if_missing(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    migrations("sqlite")
        .await
        .run_to(BEFORE_ORDER_LINKS, &pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO stores (slug, name, default_locale, timezone, created_at) \
         VALUES ('integrations', 'Old Store', 'en', 'UTC', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(AssertSqlSafe(format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ORDERS}) \
         INSERT INTO orders (store_id, order_number, created_at) \
         SELECT (SELECT id FROM stores), '#' || i, 0 FROM n"
    )))
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(CLASHING_ORDERS).execute(&pool).await.unwrap();
    pool.close().await;

    let store = SqliteStore::connect(&url, Arc::new(ManualClock::new(start())))
        .await
        .unwrap();
    check(&store).await;
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[tokio::test]
async fn postgres_orders_made_before_order_links_get_unique_random_tokens() {
    let Some(url) = crate::harness::postgres_url() else {
        return;
    };
    let schema = format!("wismo_test_{:016x}", rand::random::<u64>());
    let options = PgConnectOptions::from_str(&url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&pool)
        .await
        .unwrap();
    migrations("postgres")
        .await
        .run_to(BEFORE_ORDER_LINKS, &pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO stores (slug, name, default_locale, timezone, created_at) \
         VALUES ('integrations', 'Old Store', 'en', 'UTC', now())",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO orders (store_id, order_number, created_at) \
         SELECT (SELECT id FROM stores), '#' || i, now() FROM generate_series(1, {ORDERS}) i"
    )))
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(CLASHING_ORDERS).execute(&pool).await.unwrap();
    pool.close().await;

    let outcome = tokio::spawn({
        let (url, schema) = (url.clone(), schema.clone());
        async move {
            let store =
                PgStore::connect_in_schema(&url, &schema, Arc::new(ManualClock::new(start())))
                    .await
                    .unwrap();
            check(&store).await;
        }
    })
    .await;
    PgStore::drop_schema(&url, &schema).await.unwrap();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
